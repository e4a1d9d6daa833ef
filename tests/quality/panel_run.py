"""Runs `content-swarm generate` offline on every company of the quality panel and collects what
it wrote, tolerating anything the writers produce: a crash, no JSON, missing or partial items."""

import json
import os
import pathlib
import re
import shutil
import subprocess

# The panel's dates are in 2027; a fixed start keeps the schedule (and so the run) repeatable.
START = "2027-02-15T06:00"
GENERATE_TIMEOUT_S = 300


def companies(panel_dir):
    """Every folder of the panel holding a brief.json, in name order."""
    root = pathlib.Path(panel_dir)
    return sorted(p for p in root.iterdir() if (p / "brief.json").is_file())


def offline_env():
    """The caller's environment without model settings: the panel measures the offline writers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTENT_SWARM_LLM")}
    env["LC_ALL"] = "C.UTF-8"
    return env


def read_lines(path):
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def run_company(binary, company_dir, out_root):
    """One run: exit code, stderr, the result document (from result.json, else stdout) and
    the folder the media paths are relative to."""
    out = pathlib.Path(out_root) / company_dir.name
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [str(binary), "generate", "--brief", str(company_dir / "brief.json"),
           "--out", str(out), "--json", "--start", START]
    run = {"company": company_dir.name, "dir": company_dir, "out": out, "cmd": cmd,
           "brief": json.loads((company_dir / "brief.json").read_text(encoding="utf-8")),
           "planted": read_lines(company_dir / "planted.txt"),
           "kb_files": sorted(p.name for p in (company_dir / "kb").iterdir())
           if (company_dir / "kb").is_dir() else []}
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=GENERATE_TIMEOUT_S,
                              env=offline_env(), check=False)
        run["exit_code"] = proc.returncode
        run["stdout"] = proc.stdout.decode("utf-8", "replace")
        run["stderr"] = proc.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        run.update(exit_code="timeout", stdout="",
                   stderr=f"no answer within {GENERATE_TIMEOUT_S} s")
    except OSError as err:
        run.update(exit_code="not run", stdout="", stderr=f"cannot run {binary}: {err}")
    run["result"], run["result_error"] = load_result(out, run["stdout"])
    return run


def load_result(out, stdout):
    """The result document: DIR/result.json when written, else the --json stdout."""
    result_file = out / "result.json"
    try:
        if result_file.is_file():
            return json.loads(result_file.read_text(encoding="utf-8")), None
        if stdout.strip():
            return json.loads(stdout), None
        return None, "no result.json and nothing on stdout"
    except ValueError as err:
        return None, f"result is not JSON: {err}"


def item_texts(item):
    """Every published string of an item with where it is: body, post bodies, slide titles and
    bullets, hashtags, image alt text. Speaker notes are for the presenter, not published; the body of a thread
    or deck only repeats its parts (with the notes), so it counts only when there are none."""
    texts = [] if item.get("parts") else [("body", item.get("body") or "")]
    for n, part in enumerate(item.get("parts") or [], start=1):
        if "body" in part:
            texts.append((f"post {n}", part.get("body") or ""))
        if "title" in part:
            texts.append((f"slide {n} title", part.get("title") or ""))
        for b, bullet in enumerate(part.get("bullets") or [], start=1):
            texts.append((f"slide {n} bullet {b}", bullet or ""))
    texts.append(("hashtags", " ".join(item.get("hashtags") or [])))
    # Alt text is published with the image (screen readers, previews).
    for n, media in enumerate(item.get("media") or [], start=1):
        texts.append((f"media {n} alt", media.get("alt") or ""))
    return texts


def missing_reason(result, platform):
    """The job note that explains a missing platform, or None."""
    names = [platform, platform.replace("_", " ")]
    if platform == "twitter":
        names += ["x", "thread", "tweet"]
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    for note in result.get("notes") or []:
        if pattern.search(note):
            return note
    return None


def count_words(text):
    return len(text.split())
