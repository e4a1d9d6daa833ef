#!/usr/bin/env bash
# Load and soak of issue 13 (bench/soak.py; scripts/bench runs it only with SWARM_BENCH_SOAK=1).
# Needs build/content-swarm, python3 and, for the postgres mode, a PostgreSQL server from Debian;
# installs nothing; loopback only. Runs each mode in SWARM_SOAK_MODES ("sqlite postgres"):
# sqlite is one server, postgres two replicas on one throwaway cluster (scripts/pg-cluster, stopped
# on exit). Prints figures only: requests by kind and status, errors, event-stream violations, the
# RSS curve. Env: SWARM_SOAK_SECONDS (300), SWARM_SOAK_CLIENTS (200), SWARM_SOAK_JOBS_IN_FLIGHT
# (24), SWARM_SOAK_WORKERS (2 per server), SWARM_SOAK_QUEUE (1000), SWARM_BENCH_BUILD_DIR (build).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${SWARM_BENCH_BUILD_DIR:-build}/content-swarm"
[ -x "$bin" ] || { echo "soak: $bin not built (./scripts/build)" >&2; exit 1; }
if [ "$(ulimit -n)" -lt 4096 ]; then
  ulimit -n 4096 2>/dev/null || true
fi
args=(--binary "$bin" --source-dir . --seconds "${SWARM_SOAK_SECONDS:-300}"
  --clients "${SWARM_SOAK_CLIENTS:-200}" --jobs-in-flight "${SWARM_SOAK_JOBS_IN_FLIGHT:-24}"
  --workers "${SWARM_SOAK_WORKERS:-2}" --queue "${SWARM_SOAK_QUEUE:-1000}")
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    ./scripts/pg-cluster stop "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for mode in ${SWARM_SOAK_MODES:-sqlite postgres}; do
  case $mode in
    sqlite) python3 bench/soak.py --mode sqlite "${args[@]}" ;;
    postgres)
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      pg_dir=$(mktemp -d /tmp/soak-pg.XXXXXX)
      chmod 755 "$pg_dir"
      pg_url=$(./scripts/pg-cluster start "$pg_dir" "$port")
      python3 bench/soak.py --mode postgres --pg-url "$pg_url" "${args[@]}"
      ;;
    *) echo "soak: unknown mode $mode (sqlite, postgres)" >&2; exit 2 ;;
  esac
done
