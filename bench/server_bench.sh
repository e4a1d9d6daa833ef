#!/usr/bin/env bash
# Server benchmark (called by scripts/bench; needs build/content-swarm, build/bench/hello_server,
# wrk, curl and python3; installs nothing). Loopback only; every process it starts is stopped on
# exit. Prints figures only, no pass/fail:
#   - time from exec of `content-swarm serve` to the first 200 on /readyz;
#   - resident memory (VmRSS) idle after ready;
#   - wrk (-t2 -c32 -d10s) on GET /api/v1/content/{id} and on the plain Beast "hello" baseline:
#     req/s, latency p50/p99, and the ratio;
#   - VmRSS of an API-only server (--workers 0) idle and with 1,000 open SSE streams.
# Env: SWARM_BENCH_WRK_SECONDS (10), SWARM_BENCH_SSE_STREAMS (1000), SWARM_BENCH_SSE_HOLD (5).
set -euo pipefail
cd "$(dirname "$0")/.."

wrk_seconds="${SWARM_BENCH_WRK_SECONDS:-10}"
sse_streams="${SWARM_BENCH_SSE_STREAMS:-1000}"
sse_hold="${SWARM_BENCH_SSE_HOLD:-5}"
bin=build/content-swarm
hello=build/bench/hello_server
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "server_bench: $tool not found (./scripts/setup-deps)" >&2; exit 1; }
done
for f in "$bin" "$hello"; do
  [ -x "$f" ] || { echo "server_bench: $f not built (./scripts/build)" >&2; exit 1; }
done

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# start_server NAME ARGS...: starts `content-swarm serve` on 127.0.0.1:0; sets srv_pid, srv_port,
# srv_ready_ms (exec to first 200 on /readyz). Gives up after 20 s.
start_server() {
  local name=$1
  shift
  local t0
  t0=$(now_ms)
  "$bin" serve --listen 127.0.0.1:0 --db "sqlite:$tmp/$name.db" "$@" >"$tmp/$name.log" 2>&1 &
  srv_pid=$!
  pids+=("$srv_pid")
  srv_port=""
  local deadline=$(( t0 + 20000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    kill -0 "$srv_pid" 2>/dev/null || { echo "server_bench: $name exited:" >&2; cat "$tmp/$name.log" >&2; exit 1; }
    if [ -z "$srv_port" ]; then
      srv_port=$(grep -m1 '"msg":"started"' "$tmp/$name.log" 2>/dev/null |
        sed -n 's/.*"listen":"[^"]*:\([0-9]*\)".*/\1/p' || true)
    fi
    if [ -n "$srv_port" ] &&
      [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$srv_port/readyz")" = 200 ]; then
      srv_ready_ms=$(( $(now_ms) - t0 ))
      return 0
    fi
    sleep 0.005
  done
  echo "server_bench: $name not ready within 20 s" >&2
  exit 1
}

# submit PORT: posts the sample brief (minus its "kb": the server's --kb documents are used) and
# prints the job id.
python3 -c 'import json; b = json.load(open("examples/brief-fieldnote.json")); b.pop("kb", None); print(json.dumps(b))' \
  >"$tmp/brief.json"
submit() {
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary "@$tmp/brief.json" \
    "http://127.0.0.1:$1/api/v1/jobs" | json_field job_id
}

# run_wrk NAME URL: wrk with the shared settings; sets w_rps, w_p50, w_p99, w_errors.
run_wrk() {
  wrk -t2 -c32 -d"${wrk_seconds}s" --latency "$2" >"$tmp/wrk-$1.txt" 2>&1
  w_rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk-$1.txt")
  w_p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk-$1.txt")
  w_p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk-$1.txt")
  w_errors=$(grep -E 'Non-2xx|Socket errors' "$tmp/wrk-$1.txt" | tr -s ' ' | paste -sd ';' - || true)
  w_errors=${w_errors:-none}
}

# 1. The full server: start-up, idle memory, then a job to get an item to read.
start_server main --kb examples/kb-fieldnote --workers 2
main_pid=$srv_pid
main_port=$srv_port
ready_ms=$srv_ready_ms
sleep 1
idle_kb=$(rss_kb "$main_pid")

job=$(submit "$main_port")
status=queued
for _ in $(seq 1 600); do
  status=$(curl -sf "http://127.0.0.1:$main_port/api/v1/jobs/$job" | json_field status)
  case $status in queued | running) sleep 0.1 ;; *) break ;; esac
done
item=$(curl -sf "http://127.0.0.1:$main_port/api/v1/content?job_id=$job" |
  python3 -c 'import json,sys; items = json.load(sys.stdin)["items"]; print(items[0]["id"] if items else "")')
if [ -z "$item" ]; then
  echo "server_bench: job $job ended $status without items" >&2
  exit 1
fi
after_job_kb=$(rss_kb "$main_pid")

run_wrk content "http://127.0.0.1:$main_port/api/v1/content/$item"
c_rps=$w_rps c_p50=$w_p50 c_p99=$w_p99 c_err=$w_errors
after_wrk_kb=$(rss_kb "$main_pid")
kill "$main_pid"
wait "$main_pid" 2>/dev/null || true

# 2. The baseline.
"$hello" 0 >"$tmp/hello.out" 2>&1 &
hello_pid=$!
pids+=("$hello_pid")
hello_port=""
for _ in $(seq 1 200); do
  hello_port=$(head -n1 "$tmp/hello.out" 2>/dev/null || true)
  [ -n "$hello_port" ] && break
  sleep 0.01
done
run_wrk hello "http://127.0.0.1:$hello_port/"
h_rps=$w_rps h_p50=$w_p50 h_p99=$w_p99 h_err=$w_errors
kill "$hello_pid"
wait "$hello_pid" 2>/dev/null || true

# 3. SSE: an API-only server keeps its jobs queued, so their event streams stay open.
start_server sse --workers 0
sse_pid=$srv_pid
sse_port=$srv_port
sse_jobs=()
for _ in $(seq 1 10); do
  sse_jobs+=("$(submit "$sse_port")")
done
sleep 1
sse_idle_kb=$(rss_kb "$sse_pid")
if [ "$(ulimit -n)" -lt 4096 ]; then
  ulimit -n 4096 2>/dev/null || echo "server_bench: could not raise ulimit -n ($(ulimit -n))" >&2
fi
python3 bench/sse_clients.py "$sse_port" "$sse_streams" "$sse_hold" "$tmp/sse.ready" "${sse_jobs[@]}" \
  >"$tmp/sse.out" 2>&1 &
sse_client_pid=$!
pids+=("$sse_client_pid")
for _ in $(seq 1 400); do
  [ -s "$tmp/sse.ready" ] && break
  sleep 0.1
done
sleep 1
sse_open=$(cat "$tmp/sse.ready" 2>/dev/null || echo "open ?")
sse_kb=$(rss_kb "$sse_pid")
wait "$sse_client_pid" || true
sse_result=$(cat "$tmp/sse.out")

ratio=$(awk -v a="$c_rps" -v b="$h_rps" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}')
echo "== server (content-swarm serve, 127.0.0.1, --workers 2; wrk -t2 -c32 -d${wrk_seconds}s)"
echo "start to ready (exec to first 200 on /readyz): ${ready_ms} ms"
echo "RSS idle after ready: $(mib "$idle_kb"); after one job: $(mib "$after_job_kb"); after wrk: $(mib "$after_wrk_kb")"
echo "GET /api/v1/content/{id}: ${c_rps} req/s, p50 ${c_p50}, p99 ${c_p99}, errors: ${c_err}"
echo "hello baseline (Beast):   ${h_rps} req/s, p50 ${h_p50}, p99 ${h_p99}, errors: ${h_err}"
echo "ratio content/hello: ${ratio}"
echo "SSE (--workers 0, ${#sse_jobs[@]} queued jobs): RSS idle $(mib "$sse_idle_kb"), with ${sse_open#open } of ${sse_streams} streams open $(mib "$sse_kb")"
echo "$sse_result"
