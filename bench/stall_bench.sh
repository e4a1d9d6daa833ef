#!/usr/bin/env bash
# Stall benchmark of issue 13 (called by scripts/bench; SWARM_BENCH_STALL=0 there skips it). Needs
# build/content-swarm and python3; installs nothing; loopback only. A "black hole" S3 media store
# (listens, never accepts), 64 /media requests hung on it, and meanwhile /livez and an item GET:
# p50/p99 over SWARM_BENCH_STALL_REQUESTS (500) each, how many media requests got 503 with
# Retry-After, exec to "started", /readyz, SIGTERM to exit. Figures only, no pass/fail.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${SWARM_BENCH_BUILD_DIR:-build}/content-swarm"
[ -x "$bin" ] || { echo "stall_bench: $bin not built (./scripts/build)" >&2; exit 1; }
exec python3 bench/stall_bench.py --binary "$bin" --source-dir . \
  --requests "${SWARM_BENCH_STALL_REQUESTS:-500}"
