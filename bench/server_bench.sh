#!/usr/bin/env bash
# Server benchmark (called by scripts/bench; needs build/content-swarm, build/bench/hello_server,
# wrk, curl and python3; installs nothing). Loopback only; every process it starts is stopped on
# exit. Prints figures only, no pass/fail:
#   - time from exec of `content-swarm serve` to the first 200 on /readyz;
#   - resident memory (VmRSS) idle after ready;
#   - wrk (-t1 -c32 -d10s --latency, the settings of issue 13) on the plain Beast "hello" baseline,
#     GET /livez and GET /api/v1/content/{id} (a twitter item of a finished offline job), run
#     interleaved SWARM_BENCH_ROUNDS times (3) on the same machine state: the median req/s, p50
#     and p99 of each, and the ratios livez/hello and item/hello (issue 13's targets: >= 0.8 and
#     >= 0.5); then the item with If-None-Match naming its version (304, no body);
#   - VmRSS of an API-only server (--workers 0) idle and with 1,000 open SSE streams.
# Env: SWARM_BENCH_WRK_SECONDS (10), SWARM_BENCH_ROUNDS (3), SWARM_BENCH_SSE_STREAMS (1000),
#      SWARM_BENCH_SSE_HOLD (5).
set -euo pipefail
cd "$(dirname "$0")/.."

wrk_seconds="${SWARM_BENCH_WRK_SECONDS:-10}"
rounds="${SWARM_BENCH_ROUNDS:-3}"
sse_streams="${SWARM_BENCH_SSE_STREAMS:-1000}"
sse_hold="${SWARM_BENCH_SSE_HOLD:-5}"
bin=build/content-swarm
# The owner key every server this bench starts stores at start (CONTENT_SWARM_OWNER_KEY).
key="csk_$(head -c6 /dev/urandom | od -An -tx1 | tr -d ' \n')_$(head -c32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')"
export CONTENT_SWARM_OWNER_KEY="$key"
auth="Authorization: Bearer $key"
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
: >"$tmp/wrk-errors.txt"

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
  curl -sf -X POST -H "$auth" -H 'Content-Type: application/json' --data-binary "@$tmp/brief.json" \
    "http://127.0.0.1:$1/api/v1/jobs" | json_field job_id
}

# to_ms LATENCY: wrk's "512.00us" / "1.23ms" / "1.01s" in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
    printf "%.3f", n
  }'
}
# median: the median of the numbers on stdin (the lower middle one for an even count).
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# run_wrk NAME URL [WRK ARGS...]: wrk -t1 -c32 (issue 13); appends "rps p50_ms p99_ms" to
# $tmp/NAME.runs and sets w_errors (wrk's non-2xx/3xx and socket error lines, or "none").
run_wrk() {
  local name=$1 url=$2
  shift 2
  wrk -t1 -c32 -d"${wrk_seconds}s" --latency "$@" "$url" >"$tmp/wrk-$name.txt" 2>&1
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk-$name.txt")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$tmp/wrk-$name.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$tmp/wrk-$name.txt")")
  echo "$rps $p50 $p99" >>"$tmp/$name.runs"
  w_errors=$(grep -E 'Non-2xx|Socket errors' "$tmp/wrk-$name.txt" | tr -s ' ' | paste -sd ';' - || true)
  w_errors=${w_errors:-none}
  [ "$w_errors" = none ] || echo "$name: $w_errors" >>"$tmp/wrk-errors.txt"
}
# summary NAME: "median req/s, p50, p99" over NAME's runs (each column's own median).
summary() {
  local col
  for col in 1 2 3; do
    awk -v c="$col" '{print $c}' "$tmp/$1.runs" | median
  done | paste -sd ' ' -
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
  status=$(curl -sf -H "$auth" "http://127.0.0.1:$main_port/api/v1/jobs/$job" | json_field status)
  case $status in queued | running) sleep 0.1 ;; *) break ;; esac
done
item=$(curl -sf -H "$auth" "http://127.0.0.1:$main_port/api/v1/content?job_id=$job&platform=twitter" |
  python3 -c 'import json,sys; items = json.load(sys.stdin)["items"]; print(items[0]["id"] if items else "")')
if [ -z "$item" ]; then
  echo "server_bench: job $job ended $status without items" >&2
  exit 1
fi
after_job_kb=$(rss_kb "$main_pid")

item_url="http://127.0.0.1:$main_port/api/v1/content/$item"
item_version=$(curl -sf -H "$auth" "$item_url" | json_field version)

# 2. The baseline, running beside the server (idle while the server is measured and back).
"$hello" 0 >"$tmp/hello.out" 2>&1 &
hello_pid=$!
pids+=("$hello_pid")
hello_port=""
for _ in $(seq 1 200); do
  hello_port=$(head -n1 "$tmp/hello.out" 2>/dev/null || true)
  [ -n "$hello_port" ] && break
  sleep 0.01
done
for _ in $(seq 1 "$rounds"); do
  run_wrk hello "http://127.0.0.1:$hello_port/"
  run_wrk livez "http://127.0.0.1:$main_port/livez"
  run_wrk item "$item_url" -H "$auth"
done
run_wrk item304 "$item_url" -H "$auth" -H "If-None-Match: \"$item_version\""
after_wrk_kb=$(rss_kb "$main_pid")
kill "$hello_pid"
wait "$hello_pid" 2>/dev/null || true
kill "$main_pid"
wait "$main_pid" 2>/dev/null || true

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

read -r h_rps h_p50 h_p99 <<<"$(summary hello)"
read -r l_rps l_p50 l_p99 <<<"$(summary livez)"
read -r c_rps c_p50 c_p99 <<<"$(summary item)"
read -r n_rps n_p50 n_p99 <<<"$(summary item304)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
echo "== server (content-swarm serve, 127.0.0.1, --workers 2; wrk -t1 -c32 -d${wrk_seconds}s, medians of ${rounds} interleaved rounds)"
echo "start to ready (exec to first 200 on /readyz): ${ready_ms} ms"
echo "RSS idle after ready: $(mib "$idle_kb"); after one job: $(mib "$after_job_kb"); after wrk: $(mib "$after_wrk_kb")"
printf '%-34s %10s %10s %10s\n' "" "req/s" "p50 ms" "p99 ms"
printf '%-34s %10s %10s %10s\n' "hello baseline (Beast)" "$h_rps" "$h_p50" "$h_p99"
printf '%-34s %10s %10s %10s\n' "GET /livez" "$l_rps" "$l_p50" "$l_p99"
printf '%-34s %10s %10s %10s\n' "GET /api/v1/content/{id} (twitter)" "$c_rps" "$c_p50" "$c_p99"
printf '%-34s %10s %10s %10s\n' "same, If-None-Match (304)" "$n_rps" "$n_p50" "$n_p99"
echo "rounds (req/s p50 p99): hello: $(paste -sd '|' "$tmp/hello.runs"); livez: $(paste -sd '|' "$tmp/livez.runs"); item: $(paste -sd '|' "$tmp/item.runs")"
echo "ratio livez/hello: $(ratio "$l_rps" "$h_rps") (target >= 0.8); item/hello: $(ratio "$c_rps" "$h_rps") (target >= 0.5)"
wrk_errors=$(paste -sd ';' "$tmp/wrk-errors.txt")
echo "wrk errors: ${wrk_errors:-none}"
echo "SSE (--workers 0, ${#sse_jobs[@]} queued jobs): RSS idle $(mib "$sse_idle_kb"), with ${sse_open#open } of ${sse_streams} streams open $(mib "$sse_kb")"
echo "$sse_result"
