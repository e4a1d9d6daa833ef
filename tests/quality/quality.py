#!/usr/bin/env python3
"""The quality panel: runs `content-swarm generate` offline on every company under panel/ and
either writes the reports (`report`: checks.md, checks.tsv, review.md) or asserts the hard
invariants (`check`: exit status 1 and one line per failure). Standard library only."""

import argparse
import pathlib
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import invariants  # noqa: E402 (after the bytecode switch)
import report  # noqa: E402
from panel_run import companies, run_company  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["report", "check"])
    parser.add_argument("--binary", required=True, help="the content-swarm executable")
    parser.add_argument("--out", required=True, help="folder for the runs and the reports")
    parser.add_argument("--panel", default=str(HERE / "panel"), help="the panel folder")
    parser.add_argument("--only", action="append", default=[], help="run only these companies")
    args = parser.parse_args(argv)
    out = pathlib.Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    runs, failures = [], {}
    for company in companies(args.panel):
        if args.only and company.name not in args.only:
            continue
        print(f"quality: {company.name}", file=sys.stderr, flush=True)
        run = run_company(args.binary, company, out / "runs")
        runs.append(run)
        found = invariants.check_run(args.binary, run)
        if found:
            failures[run["company"]] = found
    if not runs:
        print(f"quality: no company under {args.panel}", file=sys.stderr)
        return 2
    report.write_checks(runs, failures, out)
    report.write_review(runs, out)
    total = sum(len(f) for f in failures.values())
    for company, found in failures.items():
        for platform, reason in found:
            print(f"FAIL {company} / {platform}: {reason}")
    print(f"quality: {len(runs)} companies, {total} invariant failure(s); "
          f"reports in {out}/checks.md and {out}/review.md")
    if args.mode == "check":
        return 1 if total else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
