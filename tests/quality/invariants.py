"""The hard invariants of a panel run: what must hold on any company, seen or not, whatever the
writers do. Each check returns failures as (platform or "-", reason) pairs."""

import json
import re
import subprocess

from panel_run import item_texts, missing_reason, offline_env

X_LIMIT = 280

# A slot left for someone to fill: [Company name], <insert date>, {product}. Markdown links
# ([text](url)) are not slots.
SLOT = re.compile(r"\[[^\]\n]{2,80}\](?!\()|<[A-Za-z][^<>\n]{1,80}>|\{[^{}\n]{2,80}\}")


# The CLI's exit code for a finished job (README, "Exit codes"): 0 succeeded, 3 partial, 1 failed.
EXIT_FOR_STATUS = {"succeeded": 0, "partial": 3, "failed": 1}


def check_exit(run):
    status = (run["result"] or {}).get("status")
    expected = EXIT_FOR_STATUS.get(status)
    if expected is None and run["exit_code"] in EXIT_FOR_STATUS.values():
        return []  # no result document: check_platforms reports that
    if run["exit_code"] == expected:
        return []
    wanted = f"{expected} for a {status} job" if expected is not None else "0, 1 or 3"
    return [("-", f"exit code {run['exit_code']} ({wanted} expected); stderr: "
             f"{run['stderr'].strip()[-400:]}")]


def check_platforms(run):
    result = run["result"]
    if result is None:
        return [("-", run["result_error"])]
    failures = []
    delivered = {item.get("platform") for item in result.get("items") or []}
    missing = set(result.get("missing_platforms") or [])
    for platform in result.get("requested_platforms") or []:
        if platform in delivered:
            continue
        if platform not in missing:
            failures.append((platform, "requested but neither an item nor in missing_platforms"))
        elif missing_reason(result, platform) is None:
            failures.append((platform, "missing with no note giving the reason"))
    return failures


def check_texts(run, item):
    failures = []
    platform = item.get("platform", "?")
    for where, text in item_texts(item):
        for slot in SLOT.findall(text):
            failures.append((platform, f"{where}: slot text {slot!r}"))
        lowered = text.lower()
        for planted in run["planted"]:
            if planted.lower() in lowered:
                failures.append((platform, f"{where}: publishes planted internal text "
                                           f"{planted!r}: {excerpt(text, planted)}"))
    return failures


def excerpt(text, needle):
    at = text.lower().find(needle.lower())
    start = max(0, at - 40)
    return "..." + text[start:at + len(needle) + 40].replace("\n", " ") + "..."


def check_slides(item):
    if item.get("platform") != "pitch_deck":
        return []
    failures = []
    for n, part in enumerate(item.get("parts") or [], start=1):
        # The cover may show only the company's name (the writer then notes the missing
        # one-liner); every other slide needs content.
        if n == 1 and (part.get("title") or "").strip():
            continue
        if not [b for b in part.get("bullets") or [] if b.strip()]:
            failures.append(("pitch_deck", f"slide {n} ({part.get('title', '')!r}) has no bullets"))
    if not item.get("parts"):
        failures.append(("pitch_deck", "deck item has no slides"))
    return failures


def validated_length(binary, text):
    """The weighted length `content-swarm validate` reports for one post."""
    try:
        proc = subprocess.run([str(binary), "validate", "--platform", "twitter", "-"],
                              input=text.encode("utf-8"), capture_output=True,
                              env=offline_env(), timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        return None, f"validate did not run: {err}"
    if proc.returncode not in (0, 1):
        return None, f"validate exited {proc.returncode}: {proc.stderr.decode()[-200:]}"
    report = json.loads(proc.stdout)
    lengths = report.get("metrics", {}).get("weighted_lengths") or [0]
    return max(lengths), None


def check_x_lengths(binary, item):
    if item.get("platform") != "twitter":
        return []
    posts = [p.get("body") or "" for p in item.get("parts") or []] or [item.get("body") or ""]
    failures = []
    for n, post in enumerate(posts, start=1):
        length, error = validated_length(binary, post)
        if error:
            failures.append(("twitter", f"post {n}: {error}"))
        elif length > X_LIMIT:
            failures.append(("twitter", f"post {n} is {length} weighted characters "
                                        f"(limit {X_LIMIT}): {post[:80]!r}..."))
    return failures


def check_score(item):
    quality = item.get("quality") or {}
    if quality.get("score") != 1.0:
        return []
    flagged = [i for i in quality.get("issues") or [] if i.get("severity") in ("error", "warning")]
    return [(item.get("platform", "?"), f"score 1.0 with {i['severity']} {i['code']}")
            for i in flagged]


def check_run(binary, run):
    """Every failure of one company's run."""
    failures = check_exit(run) + check_platforms(run)
    for item in (run["result"] or {}).get("items") or []:
        failures += check_texts(run, item)
        failures += check_slides(item)
        failures += check_x_lengths(binary, item)
        failures += check_score(item)
    return failures
