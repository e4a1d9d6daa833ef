#!/usr/bin/env python3
"""Figures of bench/llm_bench.sh: reads each job's result document, wall time and the model
requests the fake saw, checks that every job succeeded on scripted replies, computes the model
time along the pipeline's chain, and prints the table and the JSON summary.

Model time of one call = ttft + (tokens - 1) / rate: the fake sends the first token after ttft,
then one every 1/rate seconds. The chain follows the code (src/core/agents/pipeline*.cpp):
research (one call) -> writers -> editor critiques, one item after another (plus any revision
calls) -> designer and scheduler (no model). Writers: parallel = one call per platform on its
own thread, so the slowest platform counts; sequential = the same per-platform calls one after
another; single-call = one call writing every platform (rewrites, if any, one after another).
Mode "offline" is the same job without a model, for scale: its chain is 0.
"""
import argparse
import json
import os
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
    with open(script_path, encoding="utf-8") as f:
        script = json.load(f)
    base = os.path.dirname(script_path)
    return {e["agent"]: pieces(reply_text(e, base)) for e in script["replies"] if "agent" in e}


def call_ms(tokens, ttft_ms, tps):
    return ttft_ms + max(tokens - 1, 0) * 1000.0 / tps


def chain(mode, calls, ttft_ms, tps):
    """Model time along the pipeline's critical path and over all calls, with the stages."""
    t = [(c["agent"], call_ms(c["tokens_sent"], ttft_ms, tps)) for c in calls]
    first_editor = next((i for i, (a, _) in enumerate(t) if a.startswith("editor")), len(t))
    research = sum(ms for a, ms in t[:first_editor] if a == "research")
    writers = [(a, ms) for a, ms in t[:first_editor] if a.startswith("writer")]
    editor = sum(ms for _, ms in t[first_editor:])
    per_writer = {}
    for a, ms in writers:
        per_writer[a] = per_writer.get(a, 0.0) + ms
    if mode == "parallel" and per_writer:
        slowest = max(per_writer, key=per_writer.get)
        writer_ms = per_writer[slowest]
    else:
        slowest = "+".join(per_writer) if per_writer else "none"
        writer_ms = sum(per_writer.values())
    return {
        "critical_path_ms": round(research + writer_ms + editor),
        "sum_of_calls_ms": round(sum(ms for _, ms in t)),
        "stages_ms": {"research": round(research), "writers": round(writer_ms),
                      "writer_chain": slowest, "editor": round(editor)},
        "calls": [{"agent": c["agent"], "output_tokens": c["tokens_sent"],
                   "model_ms": round(call_ms(c["tokens_sent"], ttft_ms, tps))} for c in calls],
    }


def load_run(directory, tag):
    def read(name):
        with open(os.path.join(directory, f"{tag}.{name}"), encoding="utf-8") as f:
            return f.read()
    result = json.loads(read("result.json"))
    calls = sorted(json.loads(read("calls.json")), key=lambda c: c["seq"])
    return result, calls, int(read("ms").strip())


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
        elif c["agent"] in expected and c["tokens_sent"] != expected[c["agent"]]:
            problems.append(f"call {c['agent']}: {c['tokens_sent']} tokens sent, "
                            f"{expected[c['agent']]} scripted")
    usage_calls = result.get("usage", {}).get("model_calls")
    if usage_calls != len(calls):
        problems.append(f"usage.model_calls {usage_calls} but the fake saw {len(calls)} requests")
    return [f"{tag}: {p}" for p in problems]


def median(values):
    return statistics.median(values) if values else 0


def summarize(args):
    expected = scripted_tokens(args.script)
    modes, problems = {}, []
    for mode in args.modes:
        runs = []
        for i in range(1, args.runs + 1):
            tag = f"{mode}-{i}"
            result, calls, ms = load_run(args.dir, tag)
            problems += check_run(tag, result, calls, expected)
            usage = result.get("usage", {})
            runs.append({"wall_ms": ms, "status": result.get("status"),
                         "rewrites_or_revisions": len(calls) - len({c["agent"] for c in calls}),
                         "usage": usage, **chain(mode, calls, args.ttft_ms, args.tps)})
        walls = [r["wall_ms"] for r in runs]
        first = runs[0]
        modes[mode] = {
            "wall_ms": {"median": median(walls), "min": min(walls), "max": max(walls),
                        "runs": walls},
            "critical_path_ms": first["critical_path_ms"],
            "sum_of_calls_ms": first["sum_of_calls_ms"],
            "overhead_ms": median(walls) - first["critical_path_ms"],
            "stages_ms": first["stages_ms"],
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
    print(f"{'mode':<12} {'wall ms median (min-max)':<26} {'model chain ms':>14} "
          f"{'overhead ms':>11} {'calls':>5} {'input tok':>9} {'output tok':>10}")
    for mode, m in modes.items():
        w = m["wall_ms"]
        wall = f"{w['median']:.0f} ({w['min']}-{w['max']})"
        u = m["usage"]
        print(f"{mode:<12} {wall:<26} {m['critical_path_ms']:>14} {m['overhead_ms']:>11.0f} "
              f"{u['model_calls']:>5.0f} {u['input_tokens']:>9.0f} {u['output_tokens']:>10.0f}")
    p = modes.get("parallel")
    if p:
        s = p["stages_ms"]
        print(f"critical path (parallel): research {s['research']} + slowest writer "
              f"({s['writer_chain']}) {s['writers']} + editor critiques, one item after another, "
              f"{s['editor']} = {p['critical_path_ms']} ms model time")
        print(f"the same calls one after another (sum over all calls): {p['sum_of_calls_ms']} ms")
        print("parallel calls: " + ", ".join(
            f"{c['agent']} {c['output_tokens']} tok {c['model_ms']} ms" for c in p["calls"]))
    if "sequential" in modes:
        print("sequential = CONTENT_SWARM_LLM_MODE=sequential: the same per-platform writer calls "
              "as parallel, made one after another on the job thread (research, writer:linkedin, "
              "writer:twitter, writer:pitch_deck, editor critiques); its model chain is the sum "
              "of its calls")
    if "single-call" in modes:
        print("single-call = one writer call (agent \"writer\") writes every platform; then the "
              "editor critiques each item")
    if "offline" in modes:
        print("offline = the same job with no model configured (built-in agents): the CLI's own "
              "work (start, KB ingest, extraction, validation), for scale next to the overheads")
    if p and "sequential" in modes:
        seq = modes["sequential"]["wall_ms"]["median"]
        print(f"parallel vs sequential wall: {p['wall_ms']['median']:.0f} vs {seq:.0f} ms "
              f"({seq / max(p['wall_ms']['median'], 1):.2f}x); parallel overhead over its "
              f"critical path: {p['overhead_ms']:.0f} ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--ttft-ms", type=float, required=True)
    ap.add_argument("--tps", type=float, required=True)
    ap.add_argument("--script", required=True)
    ap.add_argument("--brief", required=True)
    ap.add_argument("--json", required=True)
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
    summary = {
        "brief": args.brief,
        "fake_llm": {"ttft_ms": args.ttft_ms, "tokens_per_second": args.tps,
                     "script": args.script, "provider": "openai"},
        "runs_per_mode": args.runs,
        "model_time_per_call": "ttft + (output_tokens - 1) / tokens_per_second",
        "modes": modes,
    }
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    print(f"summary: {args.json}")


if __name__ == "__main__":
    main()
