"""Writes a panel run as checks.tsv / checks.md (every automatic check per item) and review.md
(every output in sequence, with a blank verdict line per item for a person to fill in)."""

import os

from panel_run import count_words, missing_reason

COLUMNS = ["company", "platform", "status", "score", "issues", "missing_reason", "words",
           "chars", "posts", "max_weighted", "slides", "blank_slides", "media", "exit"]
VERDICT = "Verdict: publish as is / light edits / not publishable — why:"


def issue_list(item):
    issues = (item.get("quality") or {}).get("issues") or []
    return [f"{i.get('code')}:{i.get('severity')}" for i in issues]


def item_row(run, item):
    parts = item.get("parts") or []
    metrics = item.get("metrics") or {}
    deck = item.get("platform") == "pitch_deck"
    thread = item.get("platform") == "twitter"
    weighted = metrics.get("weighted_lengths") or [p.get("weighted_length", 0) for p in parts]
    return {
        "company": run["company"], "platform": item.get("platform", "?"),
        "status": item.get("status", "?"),
        "score": f"{(item.get('quality') or {}).get('score', 0):.2f}",
        "issues": " ".join(issue_list(item)) or "-", "missing_reason": "-",
        "words": str(metrics.get("words", count_words(item.get("body") or ""))),
        "chars": str(metrics.get("characters", len(item.get("body") or ""))),
        "posts": str(len(parts) or 1) if thread else "-",
        "max_weighted": str(max(weighted)) if thread and weighted else "-",
        "slides": str(len(parts)) if deck else "-",
        "blank_slides": str(sum(1 for p in parts if not any(
            b.strip() for b in p.get("bullets") or []))) if deck else "-",
        "media": str(len(item.get("media") or [])), "exit": str(run["exit_code"]),
    }


def rows(run):
    result = run["result"]
    if result is None:
        return [dict({c: "-" for c in COLUMNS}, company=run["company"], platform="(all)",
                     status="no result", missing_reason=run["result_error"],
                     exit=str(run["exit_code"]))]
    out = [item_row(run, item) for item in result.get("items") or []]
    for platform in result.get("missing_platforms") or []:
        out.append(dict({c: "-" for c in COLUMNS}, company=run["company"], platform=platform,
                        status="missing",
                        missing_reason=missing_reason(result, platform) or "(no reason given)",
                        exit=str(run["exit_code"])))
    return out


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ").replace("\t", " ")


def write_checks(runs, failures, out_dir):
    table = [row for run in runs for row in rows(run)]
    with open(os.path.join(out_dir, "checks.tsv"), "w", encoding="utf-8") as tsv:
        tsv.write("\t".join(COLUMNS) + "\n")
        for row in table:
            tsv.write("\t".join(cell(row[c]) for c in COLUMNS) + "\n")
    lines = ["# Quality panel: automatic checks", "",
             "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(row[c]) for c in COLUMNS) + " |" for row in table]
    lines += ["", "## Hard invariants", ""]
    total = sum(len(f) for f in failures.values())
    lines.append(f"{total} failure(s) over {len(runs)} companies." if total else
                 f"All hard invariants hold on {len(runs)} companies.")
    for company, found in failures.items():
        lines += [f"- {company} / {platform}: {cell(reason)}" for platform, reason in found]
    with open(os.path.join(out_dir, "checks.md"), "w", encoding="utf-8") as md:
        md.write("\n".join(lines) + "\n")


def quote(text):
    return "\n".join("> " + line if line else ">" for line in (text or "(empty)").splitlines())


def review_item(item, out_dir_rel):
    platform = item.get("platform", "?")
    quality = item.get("quality") or {}
    lines = [f"### {platform} — status {item.get('status', '?')}, score "
             f"{quality.get('score', 0):.2f}, issues: {' '.join(issue_list(item)) or 'none'}", ""]
    parts = item.get("parts") or []
    if platform == "twitter" and parts:
        for n, part in enumerate(parts, start=1):
            lines += [f"**Post {n}/{len(parts)}** ({part.get('weighted_length', '?')} weighted)",
                      "", quote(part.get("body")), ""]
    elif platform == "pitch_deck":
        for n, part in enumerate(parts, start=1):
            lines.append(f"**Slide {n}: {part.get('title') or '(no title)'}**")
            bullets = [b for b in part.get("bullets") or [] if b.strip()]
            lines += [f"- {b}" for b in bullets] or ["- (BLANK SLIDE: no bullets)"]
            if part.get("notes"):
                lines.append(f"  - _notes:_ {part['notes']}")
            lines.append("")
    else:
        lines += [quote(item.get("body")), ""]
    if item.get("hashtags"):
        lines += ["Hashtags: " + " ".join(item["hashtags"]), ""]
    for media in item.get("media") or []:
        lines.append(f"- {media.get('kind')}: {out_dir_rel}/{media.get('url')} "
                     f"({media.get('width')}x{media.get('height')}) alt: {media.get('alt', '')!r}")
    schedule = item.get("schedule")
    if schedule:
        lines.append(f"- schedule: {schedule.get('suggested_at')} {schedule.get('timezone')} — "
                     f"{schedule.get('reason')}")
    lines += ["", VERDICT, ""]
    return lines


def review_company(run, base):
    brief = run["brief"]
    brand = brief.get("brand") or {}
    out_rel = os.path.relpath(run["out"], base)
    lines = [f"## {run['company']}", "",
             f"- prompt: {brief.get('prompt', '')}",
             f"- audience: {brief.get('audience', '')}",
             f"- goal: {brief.get('goal', '')}",
             f"- tone: {brief.get('tone', '')}; voice: {brand.get('voice', '')}",
             f"- platforms: {', '.join(brief.get('platforms') or [])}; options: "
             f"{brief.get('options', {})}; language: {brief.get('language', '(not given)')}; "
             f"time zone: {brief.get('timezone', '(not given)')}",
             f"- brand: {brand.get('name', '')}; CTA: {brand.get('call_to_action', '')}; "
             f"banned: {brand.get('banned_phrases', [])}",
             f"- documents: {', '.join(run['kb_files'])}",
             f"- exit code: {run['exit_code']}; output: {out_rel}/", ""]
    warnings = [line for line in run["stderr"].splitlines() if "warning" in line or "note:" in line]
    lines += [f"    {w.strip()}" for w in warnings] + ([""] if warnings else [])
    result = run["result"]
    if result is None:
        return lines + [f"**No result:** {run['result_error']}", "", VERDICT, ""]
    for item in result.get("items") or []:
        lines += review_item(item, out_rel)
    for platform in result.get("missing_platforms") or []:
        lines += [f"### {platform} — MISSING: {missing_reason(result, platform) or 'no reason'}",
                  ""]
    return lines


def write_review(runs, out_dir):
    lines = ["# Quality panel: review sheet", "",
             "Read every item as the company's marketer would. Fill in each verdict line: "
             "publish as is, light edits (under five minutes of editing), or not publishable.", ""]
    for run in runs:
        lines += review_company(run, out_dir)
    with open(os.path.join(out_dir, "review.md"), "w", encoding="utf-8") as md:
        md.write("\n".join(lines) + "\n")
