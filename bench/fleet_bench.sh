#!/usr/bin/env bash
# Fleet benchmark (called by scripts/bench; SWARM_BENCH_FLEET=0 there skips it). Needs
# build/content-swarm, build/fake-llm, python3 and a PostgreSQL server from Debian; installs
# nothing. Starts a throwaway cluster with scripts/pg-cluster on a free loopback port, runs
# bench/fleet_bench.py against it (each measurement in a database of its own), stops the cluster
# on exit. Prints figures only, no pass/fail on timings:
#   - jobs per minute with the fake model server for 1 and 2 replicas;
#   - event delivery latency across replicas (job on a worker, SSE client on an API replica),
#     p50/p99, next to the same figure on one replica;
#   - time for a replica to hand its jobs back on SIGTERM (exit, and restart on another replica).
# Env: SWARM_BENCH_FLEET_JOBS (16), SWARM_BENCH_FLEET_WORKERS (4 per replica),
#      SWARM_BENCH_FLEET_TTFT_MS (300), SWARM_BENCH_FLEET_TPS (400),
#      SWARM_BENCH_FLEET_JSON (build/bench/fleet_bench.json), SWARM_BENCH_BUILD_DIR (build).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${SWARM_BENCH_BUILD_DIR:-build}"
bin="$build_dir/content-swarm"
fake="$build_dir/fake-llm"
command -v python3 >/dev/null || { echo "fleet_bench: python3 not found" >&2; exit 1; }
for f in "$bin" "$fake"; do
  if [ ! -x "$f" ]; then
    echo "fleet_bench: $f not built (cmake --build build --target content-swarm fake-llm)" >&2
    exit 1
  fi
done

# A free loopback port for the cluster (the kernel picks it; PostgreSQL binds it right after).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pg_dir=$(mktemp -d /tmp/fleet-bench-pg.XXXXXX)
chmod 755 "$pg_dir"
cleanup() {
  ./scripts/pg-cluster stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
pg_url=$(./scripts/pg-cluster start "$pg_dir" "$port")

echo "== fleet on PostgreSQL (fake model server)"
python3 bench/fleet_bench.py --binary "$bin" --fake-llm "$fake" --source-dir . \
  --pg-url "$pg_url" --jobs "${SWARM_BENCH_FLEET_JOBS:-16}" \
  --workers "${SWARM_BENCH_FLEET_WORKERS:-4}" --ttft-ms "${SWARM_BENCH_FLEET_TTFT_MS:-300}" \
  --tps "${SWARM_BENCH_FLEET_TPS:-400}" \
  --json "${SWARM_BENCH_FLEET_JSON:-$build_dir/bench/fleet_bench.json}"
