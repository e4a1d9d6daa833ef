#!/usr/bin/env bash
# Model-pipeline benchmark (called by scripts/bench; needs build/content-swarm, build/fake-llm,
# curl and python3; installs nothing). Runs the real `generate` on examples/brief-fieldnote.json
# against the real fake model server (OpenAI wire format) with pacing, loopback only; every
# process it starts is stopped on exit. Prints figures only, no pass/fail on timings:
#   - wall time of one job (exec to exit of the CLI) in the parallel, sequential and single-call
#     writer modes, median of N runs, the modes interleaved run by run;
#   - the critical path from the recorded calls: per call ttft + (tokens - 1) / rate (the fake's
#     pacing), research + the longest platform lane (its writer, editor and designer calls; the
#     lanes run independently), and the lanes' observed end times from the fake's --log;
#   - wall / critical path, parallel / sequential wall (same run), overhead = wall - critical
#     path, next to the wall time of the same job offline (no model) for scale;
#   - tokens and calls per job from result.json usage.
# Every job must end "succeeded" with the scripted replies (bench/fixtures/llm/); otherwise the
# bench prints the job's notes and exits 1, so the figures are always for complete jobs.
# Env: SWARM_BENCH_LLM_RUNS (3), SWARM_BENCH_LLM_TTFT_MS (400), SWARM_BENCH_LLM_TPS (50),
#      SWARM_BENCH_LLM_JSON (build/bench/llm_bench.json), SWARM_BENCH_LLM_JOB_TIMEOUT (120 s),
#      SWARM_BENCH_LLM_SCRIPT (bench/fixtures/llm/script.json).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${SWARM_BENCH_LLM_RUNS:-3}"
ttft_ms="${SWARM_BENCH_LLM_TTFT_MS:-400}"
tps="${SWARM_BENCH_LLM_TPS:-50}"
json_out="${SWARM_BENCH_LLM_JSON:-build/bench/llm_bench.json}"
job_timeout="${SWARM_BENCH_LLM_JOB_TIMEOUT:-120}"
bin=build/content-swarm
fake=build/fake-llm
script="${SWARM_BENCH_LLM_SCRIPT:-bench/fixtures/llm/script.json}"
brief=examples/brief-fieldnote.json
kb=examples/kb-fieldnote
modes=(parallel sequential single-call offline)

for tool in curl python3 timeout; do
  command -v "$tool" >/dev/null || { echo "llm_bench: $tool not found" >&2; exit 1; }
done
for f in "$bin" "$fake"; do
  if [ ! -x "$f" ]; then
    echo "llm_bench: $f not built (cmake --build build --target content-swarm fake-llm)" >&2
    exit 1
  fi
done
case $runs in
  '' | *[!0-9]* | 0)
    echo "llm_bench: SWARM_BENCH_LLM_RUNS must be a positive integer" >&2
    exit 1
    ;;
esac

tmp=$(mktemp -d)
fake_pid=""
cleanup() {
  if [ -n "$fake_pid" ]; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The fake model server on 127.0.0.1:0; its first stdout line names the port. Gives up after 10 s.
"$fake" --script "$script" --ttft-ms "$ttft_ms" --tokens-per-second "$tps" --log "$tmp/fake.log" \
  >"$tmp/fake.out" 2>"$tmp/fake.err" &
fake_pid=$!
port=""
deadline=$(( $(now_ms) + 10000 ))
while [ "$(now_ms)" -lt "$deadline" ]; do
  kill -0 "$fake_pid" 2>/dev/null ||
    { echo "llm_bench: fake-llm exited:" >&2; cat "$tmp/fake.err" >&2; exit 1; }
  port=$(sed -n '1s/.*"port":\([0-9]*\).*/\1/p' "$tmp/fake.out" 2>/dev/null || true)
  [ -n "$port" ] && break
  sleep 0.02
done
[ -n "$port" ] || { echo "llm_bench: fake-llm did not report its port within 10 s" >&2; exit 1; }
fake_url="http://127.0.0.1:$port"
curl -sf --max-time 5 "$fake_url/health" >/dev/null ||
  { echo "llm_bench: fake-llm at $fake_url does not answer /health" >&2; exit 1; }

# run_job MODE TAG: one `generate` with the model configured through the environment only (any
# CONTENT_SWARM_* of the caller is dropped so it cannot change the setup; mode "offline": no model
# at all); records the wall time, the result document, the model requests the fake saw and the
# job's progress on stderr (not --quiet: the report reads each designer's elapsed time from it).
run_job() {
  local mode=$1 tag=$2 t0 t1 rc=0
  curl -sf --max-time 5 -X POST "$fake_url/_fake/reset" >/dev/null
  t0=$(date +%s%N)
  (
    for v in $(compgen -e | grep '^CONTENT_SWARM_' || true); do unset "$v"; done
    if [ "$mode" != offline ]; then
      export CONTENT_SWARM_LLM_PROVIDER=openai CONTENT_SWARM_LLM_BASE_URL="$fake_url/v1" \
        CONTENT_SWARM_LLM_MODEL=bench-model CONTENT_SWARM_LLM_API_KEY=bench-key \
        CONTENT_SWARM_LLM_MODE="$mode"
    fi
    exec timeout "$job_timeout" "$bin" generate --brief "$brief" --kb "$kb" \
      --out "$tmp/out-$tag" --start 2026-12-01 --json
  ) >"$tmp/$tag.result.json" 2>"$tmp/$tag.stderr" || rc=$?
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 )) >"$tmp/$tag.ms"
  curl -sf --max-time 5 "$fake_url/_fake/requests" >"$tmp/$tag.calls.json"
  # Exit 1 with a result document is a job that did not succeed: say why from its notes.
  if ! python3 - "$tmp/$tag.result.json" "$mode" "$rc" <<'PY'
import json, sys
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        result = json.load(f)
except (OSError, ValueError):
    sys.exit(f"llm_bench: generate ({sys.argv[2]}) exited {sys.argv[3]} without a result document")
if result.get("status") != "succeeded":
    print(f"llm_bench: the {sys.argv[2]} job ended {result.get('status')}, missing "
          f"{result.get('missing_platforms')}; figures are only given for succeeded jobs. Notes:",
          file=sys.stderr)
    for note in result.get("notes", []):
        print(f"  {note}", file=sys.stderr)
    sys.exit(1)
PY
  then
    [ -s "$tmp/$tag.stderr" ] && sed 's/^/  stderr: /' "$tmp/$tag.stderr" >&2
    exit 1
  fi
}

echo "== model pipeline: generate on $brief with fake-llm" \
  "(ttft ${ttft_ms} ms, ${tps} tokens/s), $runs run(s) per mode"
for i in $(seq 1 "$runs"); do
  for mode in "${modes[@]}"; do
    run_job "$mode" "$mode-$i"
    printf '  run %s %-11s %6s ms\n' "$i" "$mode" "$(cat "$tmp/$mode-$i.ms")"
  done
done

mkdir -p "$(dirname "$json_out")"
python3 bench/llm_bench_report.py --dir "$tmp" --runs "$runs" --ttft-ms "$ttft_ms" --tps "$tps" \
  --script "$script" --brief "$brief" --json "$json_out" --log "$tmp/fake.log" "${modes[@]}"
