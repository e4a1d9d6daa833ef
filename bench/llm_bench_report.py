#!/usr/bin/env python3
"""Figures of bench/llm_bench.sh: reads each job's result document, wall time, the model requests
the fake saw and the fake's log (the time each call ended), checks that every job succeeded on
scripted replies, computes the critical path from the recorded calls, and prints the table and
the JSON summary.

Model time of one call = ttft + (tokens - 1) / rate: the fake sends the first token after ttft,
then one every 1/rate seconds. The graph follows the code (src/core/agents/pipeline*.cpp):
research, then one lane per platform (writer -> editor critique and revisions -> designer), the
lanes independent of each other, then the scheduler (no model). A long deck's writer makes its
part calls at once in the parallel modes (overlapping calls of a lane count as the longest). A call belongs to a platform's
lane by its agent ("writer:twitter", "editor:twitter", "designer:twitter"); the single-call
writer (agent "writer") is shared by every lane, and so would be an image call that names no
platform (none here: the bench configures no image model). So:
  parallel, single-call: critical path = research + the longest lane (its calls one after another)
  sequential: the lanes one after another, critical path = the sum of every call
Mode "offline" is the same job without a model, for scale: its critical path is 0.
From the fake's log (end time of each call, start = end - model time) the report also shows how
the lanes overlapped: when each lane's last call ended, after the first call started. The
designer makes no model call here (no image model) but draws cards and the deck; its elapsed time
per lane, from the job's events on stderr, gives a second critical path that includes it.
"""
import argparse
import json
import os
import re
import statistics
import sys


def pieces(text):
    """The fake's token count: runs of non-space characters (tools/fake-llm split_pieces)."""
    return len(text.split())


def reply_text(entry, script_dir):
    if "json" in entry:
        # nlohmann's dump(): compact, keys sorted, non-ASCII kept.
        return json.dumps(entry["json"], separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    if "text_file" in entry:
        with open(os.path.join(script_dir, entry["text_file"]), encoding="utf-8") as f:
            return f.read()
    return entry.get("text", "")


def scripted_tokens(script_path):
    """Tokens of each scripted reply, by the fake's name for it ("replies[3]")."""
    with open(script_path, encoding="utf-8") as f:
        script = json.load(f)
    base = os.path.dirname(script_path)
    return {f"replies[{i}]": pieces(reply_text(e, base)) for i, e in enumerate(script["replies"])}


def call_ms(tokens, ttft_ms, tps):
    return ttft_ms + max(tokens - 1, 0) * 1000.0 / tps


def lane_of(agent):
    """The platform lane of a call ("editor:twitter" -> "twitter"); None for shared calls."""
    return agent.split(":", 1)[1] if ":" in agent else None


# "  ok designer (pitch_deck) (869 ms): ..." in the CLI's progress on stderr.
DESIGNER_LINE = re.compile(r"designer \((\w+)\) \((\d+) ms\)")


def designer_ms(stderr_text):
    """Each lane's designer elapsed time (ms) from the job's agent_finished events."""
    return {m.group(1): int(m.group(2)) for m in DESIGNER_LINE.finditer(stderr_text)}


def chain(mode, calls, ttft_ms, tps, drawn):
    """Critical path from the recorded calls, with the lanes and their observed end times."""
    t = [(c["agent"], call_ms(c["tokens_sent"], ttft_ms, tps)) for c in calls]
    research = sum(ms for a, ms in t if a == "research")
    shared = sum(ms for a, ms in t if a != "research" and lane_of(a) is None)
    lanes = {}
    if mode == "sequential":
        for a, ms in t:
            if lane_of(a) is not None:
                lanes[lane_of(a)] = lanes.get(lane_of(a), 0.0) + ms
    else:
        # A lane's calls one after another, except calls it made at once (a deck written in
        # parts): calls whose observed intervals overlap count once, as the longest of them.
        by_lane = {}
        for c, (a, ms) in zip(calls, t):
            if lane_of(a) is not None:
                end = c.get("ended_ms")
                by_lane.setdefault(lane_of(a), []).append(
                    (end - ms if end is not None else None, end, ms))
        for lane, items in by_lane.items():
            if any(start is None for start, _, _ in items):
                lanes[lane] = sum(ms for _, _, ms in items)
                continue
            items.sort()
            total, group_end, group_ms = 0.0, None, 0.0
            for start, end, ms in items:
                if group_end is not None and start < group_end:
                    group_end, group_ms = max(group_end, end), max(group_ms, ms)
                else:
                    total += group_ms
                    group_end, group_ms = end, ms
            lanes[lane] = total + group_ms
    longest = max(lanes, key=lanes.get) if lanes else "none"
    if mode == "sequential":
        critical = sum(ms for _, ms in t)
        with_drawing = critical + sum(drawn.values())
    else:
        critical = research + shared + (lanes[longest] if lanes else 0.0)
        with_drawing = research + shared + max(
            (lanes.get(k, 0.0) + drawn.get(k, 0) for k in set(lanes) | set(drawn)), default=0.0)
    # Observed: each lane's last call end, from the first call's start (fake log timestamps).
    timed = [(c["agent"], c["ended_ms"] - ms) for c, (_, ms) in zip(calls, t)
             if c.get("ended_ms") is not None]
    origin = min((start for _, start in timed), default=None)
    lane_end = {}
    for c in calls:
        if c.get("ended_ms") is not None and origin is not None:
            key = lane_of(c["agent"]) or c["agent"]
            lane_end[key] = max(lane_end.get(key, 0), c["ended_ms"] - origin)
    return {
        "critical_path_ms": round(critical),
        "critical_path_with_designer_ms": round(with_drawing) if lanes else 0,
        "designer_ms": drawn,
        "sum_of_calls_ms": round(sum(ms for _, ms in t)),
        "stages_ms": {"research": round(research), "shared_writer": round(shared),
                      "lanes": {k: round(v) for k, v in lanes.items()}, "longest_lane": longest},
        "observed_end_ms": {k: round(v) for k, v in lane_end.items()},
        "calls": [{"agent": c["agent"], "output_tokens": c["tokens_sent"],
                   "model_ms": round(call_ms(c["tokens_sent"], ttft_ms, tps))} for c in calls],
    }


def load_log(path):
    """seq -> the time the fake finished answering (ms since the epoch), from its --log."""
    ended = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    entry = json.loads(line)
                    ended[entry["seq"]] = entry["ts_ms"]
    return ended


def load_run(directory, tag, ended):
    def read(name):
        with open(os.path.join(directory, f"{tag}.{name}"), encoding="utf-8") as f:
            return f.read()
    result = json.loads(read("result.json"))
    calls = sorted(json.loads(read("calls.json")), key=lambda c: c["seq"])
    for c in calls:
        c["ended_ms"] = ended.get(c["seq"])
    return result, calls, int(read("ms").strip()), designer_ms(read("stderr"))


def check_run(tag, result, calls, expected):
    """Problems that make the run's figures meaningless; empty when the job is a clean one."""
    problems = []
    if result.get("status") != "succeeded":
        problems.append(f"status {result.get('status')}, missing {result.get('missing_platforms')}")
        problems += [f"note: {n}" for n in result.get("notes", [])]
    for c in calls:
        if c.get("fault") or c.get("status_sent") != 200:
            problems.append(
                f"call {c['agent']}: status {c.get('status_sent')} fault {c.get('fault')}")
        if c.get("reply") == "defaults":
            problems.append(f"call {c['agent']}: no scripted reply (answered from defaults)")
        elif c.get("reply") in expected and c["tokens_sent"] != expected[c["reply"]]:
            problems.append(f"call {c['agent']}: {c['tokens_sent']} tokens sent, "
                            f"{expected[c['reply']]} scripted ({c['reply']})")
    usage_calls = result.get("usage", {}).get("model_calls")
    if usage_calls != len(calls):
        problems.append(f"usage.model_calls {usage_calls} but the fake saw {len(calls)} requests")
    return [f"{tag}: {p}" for p in problems]


def median(values):
    return statistics.median(values) if values else 0


def summarize(args):
    expected = scripted_tokens(args.script)
    ended = load_log(args.log)
    modes, problems = {}, []
    for mode in args.modes:
        runs = []
        for i in range(1, args.runs + 1):
            tag = f"{mode}-{i}"
            result, calls, ms, drawn = load_run(args.dir, tag, ended)
            problems += check_run(tag, result, calls, expected)
            usage = result.get("usage", {})
            runs.append({"wall_ms": ms, "status": result.get("status"),
                         "rewrites_or_revisions": len(calls) - len({c.get("reply") or c["agent"] for c in calls}),
                         "usage": usage, **chain(mode, calls, args.ttft_ms, args.tps, drawn)})
        walls = [r["wall_ms"] for r in runs]
        first = runs[0]
        modes[mode] = {
            "wall_ms": {"median": median(walls), "min": min(walls), "max": max(walls),
                        "runs": walls},
            "critical_path_ms": first["critical_path_ms"],
            "sum_of_calls_ms": first["sum_of_calls_ms"],
            "overhead_ms": median(walls) - first["critical_path_ms"],
            # Wall time over the critical path of the same run, median over the runs.
            "wall_over_critical_path": median(
                [r["wall_ms"] / r["critical_path_ms"] for r in runs if r["critical_path_ms"] > 0]),
            "critical_path_with_designer_ms": median(
                [r["critical_path_with_designer_ms"] for r in runs]),
            "wall_over_critical_path_with_designer": median(
                [r["wall_ms"] / r["critical_path_with_designer_ms"] for r in runs
                 if r["critical_path_with_designer_ms"] > 0]),
            "designer_ms": first["designer_ms"],
            "stages_ms": first["stages_ms"],
            "observed_end_ms": first["observed_end_ms"],
            "calls": first["calls"],
            "usage": {k: median([r["usage"].get(k, 0) for r in runs])
                      for k in ("model_calls", "input_tokens", "output_tokens", "cost_usd")},
            "statuses": [r["status"] for r in runs],
            # Parallel writers race, so the calls are compared as a multiset.
            "calls_identical_across_runs": all(
                sorted(map(str, r["calls"])) == sorted(map(str, first["calls"])) for r in runs),
        }
    return modes, problems


def print_table(args, modes):
    print(f"{'mode':<12} {'wall ms median (min-max)':<26} {'crit. path ms':>13} "
          f"{'wall/crit':>9} {'overhead ms':>11} {'calls':>5} {'input tok':>9} {'output tok':>10}")
    for mode, m in modes.items():
        w = m["wall_ms"]
        wall = f"{w['median']:.0f} ({w['min']}-{w['max']})"
        u = m["usage"]
        ratio = f"{m['wall_over_critical_path']:.3f}" if m["critical_path_ms"] > 0 else "-"
        print(f"{mode:<12} {wall:<26} {m['critical_path_ms']:>13} {ratio:>9} "
              f"{m['overhead_ms']:>11.0f} {u['model_calls']:>5.0f} {u['input_tokens']:>9.0f} "
              f"{u['output_tokens']:>10.0f}")
    p = modes.get("parallel")
    if p:
        s = p["stages_ms"]
        lanes = ", ".join(f"{k} {v}" for k, v in s["lanes"].items())
        print(f"critical path (parallel) = research {s['research']} + longest lane "
              f"({s['longest_lane']}) {s['lanes'].get(s['longest_lane'], 0)} = "
              f"{p['critical_path_ms']} ms model time; lanes (writer + editor + designer calls): "
              f"{lanes}")
        print(f"the same calls one after another (sum over all calls): {p['sum_of_calls_ms']} ms")
        if p["observed_end_ms"]:
            print("observed (fake log, run 1): each lane's last call ended at " + ", ".join(
                f"{k} {v} ms" for k, v in sorted(p["observed_end_ms"].items(),
                                                key=lambda kv: kv[1]))
                  + " after the first call started")
        print("parallel calls: " + ", ".join(
            f"{c['agent']} {c['output_tokens']} tok {c['model_ms']} ms" for c in p["calls"]))
    if "sequential" in modes:
        print("sequential = CONTENT_SWARM_LLM_MODE=sequential: the same calls as parallel, one lane "
              "after another on the job thread; its critical path is the sum of its calls")
    if "single-call" in modes:
        print("single-call = one writer call (agent \"writer\") drafts every platform; then the "
              "lanes complete, critique and design their items concurrently")
    if "offline" in modes:
        print("offline = the same job with no model configured (built-in agents): the CLI's own "
              "work (start, KB ingest, extraction, validation, drawing), for scale")
    if p and "sequential" in modes:
        seq = modes["sequential"]["wall_ms"]["median"]
        print(f"parallel / sequential wall (medians, same run): {p['wall_ms']['median']:.0f} / "
              f"{seq:.0f} ms = {p['wall_ms']['median'] / max(seq, 1):.3f}")
        print(f"parallel wall / critical path: {p['wall_over_critical_path']:.3f} "
              f"(overhead {p['overhead_ms']:.0f} ms)")
        print(f"with each lane's designer drawing time added to its lane (events, run 1: "
              + ", ".join(f"{k} {v} ms" for k, v in p["designer_ms"].items())
              + f"): critical path {p['critical_path_with_designer_ms']:.0f} ms, parallel wall / "
              f"that path: {p['wall_over_critical_path_with_designer']:.3f}")
        lanes = p["stages_ms"]["lanes"]
        if lanes:
            bound = p["critical_path_ms"] / max(p["sum_of_calls_ms"], 1)
            print(f"lower bound of parallel / sequential with these calls (critical path / sum of "
                  f"calls): {bound:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--ttft-ms", type=float, required=True)
    ap.add_argument("--tps", type=float, required=True)
    ap.add_argument("--script", required=True)
    ap.add_argument("--brief", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--log", help="the fake's --log file (one JSON line per answered call)")
    ap.add_argument("modes", nargs="+")
    args = ap.parse_args()
    if args.tps <= 0:
        sys.exit("llm_bench: the model chain needs a pacing rate > 0 tokens/s")
    modes, problems = summarize(args)
    if problems:
        print("llm_bench: not every job was a clean, succeeded one; no figures:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    print_table(args, modes)
    par, seq = modes.get("parallel"), modes.get("sequential")
    summary = {
        "brief": args.brief,
        "fake_llm": {"ttft_ms": args.ttft_ms, "tokens_per_second": args.tps,
                     "script": args.script, "provider": "openai"},
        "runs_per_mode": args.runs,
        "model_time_per_call": "ttft + (output_tokens - 1) / tokens_per_second",
        "modes": modes,
    }
    if par and seq:
        summary["parallel_over_sequential"] = (par["wall_ms"]["median"]
                                               / max(seq["wall_ms"]["median"], 1))
        summary["parallel_wall_over_critical_path"] = par["wall_over_critical_path"]
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    print(f"summary: {args.json}")


if __name__ == "__main__":
    main()
