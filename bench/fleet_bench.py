#!/usr/bin/env python3
"""Fleet benchmark on PostgreSQL with the fake model server (driven by bench/fleet_bench.sh).

Figures, no pass/fail on timings (every job must still succeed, else exit 1):
  - jobs per minute with 1 and with 2 replicas (`serve`, N workers each): J jobs submitted at
    once, round robin over the replicas, timed from the first submit until the last job is final;
  - event delivery latency across replicas: jobs run on a `worker` process, an SSE client reads
    them from a `serve --no-worker` replica; latency = arrival at the client - the event's `at`
    (stamped by the worker when it made the event; same machine, same clock, ms resolution);
    the same figure with job and client on one `serve` replica for scale;
  - hand-back on SIGTERM: a replica runs K jobs stuck in a long model call, a second replica
    idles; SIGTERM the first and time until (a) it exits and (b) the second has started every
    one of the K jobs again.
"""

import argparse
import datetime
import http.client
import json
import math
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "fleet"))
from fleet_support import (FakeLlm, Failure, Replica, ScratchDatabase, model_env,  # noqa: E402
                           parse_sse, request, wait_for)

FINAL = ("succeeded", "partial", "failed", "cancelled")


def say(msg):
    print(msg, flush=True)


def percentile(values, p):
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.kb = os.path.join(args.source_dir, "examples", "kb-fieldnote")
        self.script = os.path.join(args.source_dir, "tests", "fixtures", "fake-llm", "e2e",
                                   "happy.json")
        with open(os.path.join(args.source_dir, "examples", "brief-fieldnote.json"),
                  encoding="utf-8") as f:
            self.brief = json.load(f)
        self.brief.pop("kb", None)
        self.procs = []
        self.dbs = []
        self.names = 0

    def close(self):
        for proc in reversed(self.procs):
            proc.stop()
        for db in self.dbs:
            db.close()

    def fake(self, ttft_ms, tps):
        fake = FakeLlm(self.args.fake_llm, self.script, self.work, ttft_ms, tps)
        self.procs.append(fake)
        return fake

    def database(self):
        db = ScratchDatabase(self.args.pg_url, "swarm_fleet_bench")
        self.dbs.append(db)
        return db

    def replica(self, db, fake, extra, command="serve", lease_s=30):
        self.names += 1
        r = Replica(f"r{self.names}-{command}", self.args.binary, self.work, db.url, self.kb,
                    model_env(fake.port, lease_s), extra, command)
        self.procs.append(r)
        return r

    def submit(self, port):
        status, text = request(port, "POST", "/api/v1/jobs", self.brief)
        if status != 202:
            raise Failure(f"submit refused: {status} {text}")
        return json.loads(text)["job_id"]

    def wait_final(self, port, ids, limit_s):
        pending = set(ids)
        jobs = {}

        def poll():
            for job_id in list(pending):
                status, text = request(port, "GET", f"/api/v1/jobs/{job_id}")
                if status == 200 and json.loads(text).get("status") in FINAL:
                    jobs[job_id] = json.loads(text)
                    pending.discard(job_id)
            return not pending
        wait_for(f"{len(ids)} jobs to finish", poll, limit_s, pause_s=0.05)
        bad = {j: d["status"] for j, d in jobs.items() if d["status"] != "succeeded"}
        if bad:
            raise Failure(f"jobs did not succeed: {bad}")
        return jobs

    # ---- jobs per minute ---------------------------------------------------------------------
    def throughput(self, fake, replicas):
        db = self.database()
        flags = ["--workers", str(self.args.workers)]
        fleet = [self.replica(db, fake, flags) for _ in range(replicas)]
        t0 = time.monotonic()
        ids = [self.submit(fleet[i % replicas].port) for i in range(self.args.jobs)]
        self.wait_final(fleet[0].port, ids, 600)
        elapsed = time.monotonic() - t0
        for r in fleet:
            r.stop()
        return self.args.jobs * 60 / elapsed, elapsed

    # ---- event latency -----------------------------------------------------------------------
    def latencies(self, api_port, n_jobs):
        """Submits n jobs on api_port, follows each there, returns the arrival delays (ms) of
        every event made after its stream opened."""
        out = []
        for _ in range(n_jobs):
            job_id = self.submit(api_port)
            out.extend(follow(api_port, job_id))
        return out

    def cross_replica(self, fake, n_jobs):
        db = self.database()
        worker = self.replica(db, fake, ["--workers", "2"], command="worker")
        api = self.replica(db, fake, ["--no-worker"])
        cross = self.latencies(api.port, n_jobs)
        worker.stop()
        api.stop()
        single = self.replica(db, fake, ["--workers", "2"])
        same = self.latencies(single.port, n_jobs)
        single.stop()
        return cross, same

    # ---- hand-back on SIGTERM ----------------------------------------------------------------
    def hand_back(self, stuck_fake, k):
        db = self.database()
        first = self.replica(db, stuck_fake, ["--workers", str(k), "--drain-seconds", "60"])
        ids = [self.submit(first.port) for _ in range(k)]

        def running_on_first():
            started = {line.get("job_id") for line in first.lines_with("job started")}
            return started >= set(ids)
        wait_for("the first replica to run every job", running_on_first, 60)
        second = self.replica(db, stuck_fake, ["--workers", str(k)], command="worker")
        t0 = time.monotonic()
        first.signal(signal.SIGTERM)
        exited = None

        def restarted():
            nonlocal exited
            if exited is None and first.proc.poll() is not None:
                exited = time.monotonic() - t0
            started = {line.get("job_id") for line in second.lines_with("job started")}
            return started >= set(ids)
        wait_for("the second replica to restart every job", restarted, 120, pause_s=0.005)
        restart_s = time.monotonic() - t0
        if first.wait(60) is None:
            raise Failure("the drained replica did not exit")
        if exited is None:
            exited = time.monotonic() - t0
        drained = first.lines_with("jobs drained")
        handed = drained[0].get("requeued", -1) if drained else -1
        second.stop()
        return exited, restart_s, handed


def follow(port, job_id):
    """Reads the job's SSE stream to its end; the delay of each event made after the stream
    opened (events replayed from the store are not deliveries)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    opened = time.time()
    conn.request("GET", f"/api/v1/jobs/{job_id}/events")
    resp = conn.getresponse()
    arrivals = []

    def lines():
        while True:
            raw = resp.readline()
            if not raw:
                return
            arrivals.append(time.time())
            yield raw.decode("utf-8").rstrip("\r\n")
    delays = []
    for _, _, data in parse_sse(lines()):
        arrived = arrivals[-1]  # the blank line that ended the event
        at = datetime.datetime.fromisoformat(json.loads(data)["at"].replace("Z", "+00:00"))
        made = at.timestamp()
        if made >= opened:
            delays.append((arrived - made) * 1000)
    conn.close()
    return delays


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--fake-llm", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--pg-url", required=True)
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--ttft-ms", type=int, default=300)
    parser.add_argument("--tps", type=int, default=400)
    parser.add_argument("--latency-jobs", type=int, default=4)
    parser.add_argument("--handback-jobs", type=int, default=4)
    parser.add_argument("--handback-runs", type=int, default=3)
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    for name in ("binary", "fake_llm", "source_dir"):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    work = tempfile.mkdtemp(prefix="fleet-bench-")
    bench = Bench(args, work)
    figures = {}
    try:
        fake = bench.fake(args.ttft_ms, args.tps)
        say(f"fake model: ttft {args.ttft_ms} ms, {args.tps} tokens/s; {args.jobs} jobs, "
            f"{args.workers} workers per replica")
        for n in (1, 2):
            per_min, elapsed = bench.throughput(fake, n)
            figures[f"jobs_per_minute_{n}_replica"] = round(per_min, 1)
            say(f"jobs per minute, {n} replica(s): {per_min:.1f} ({args.jobs} jobs in "
                f"{elapsed:.1f} s)")
        cross, same = bench.cross_replica(fake, args.latency_jobs)
        for label, values in (("cross_replica", cross), ("same_replica", same)):
            if not values:
                raise Failure(f"no {label} events were measured")
            p50, p99 = percentile(values, 50), percentile(values, 99)
            figures[f"{label}_event_latency_ms"] = {"p50": round(p50, 1), "p99": round(p99, 1),
                                                    "max": round(max(values), 1),
                                                    "events": len(values)}
            say(f"event delivery latency, {label.replace('_', ' ')}: p50 {p50:.1f} ms, "
                f"p99 {p99:.1f} ms, max {max(values):.1f} ms over {len(values)} events")
        stuck = bench.fake(120000, args.tps)
        exits, restarts, handed = [], [], []
        for _ in range(args.handback_runs):
            exit_s, restart_s, n = bench.hand_back(stuck, args.handback_jobs)
            exits.append(exit_s * 1000)
            restarts.append(restart_s * 1000)
            handed.append(n)
        figures["hand_back_ms"] = {"exit_median": round(statistics.median(exits)),
                                   "restarted_elsewhere_median": round(statistics.median(restarts)),
                                   "runs": args.handback_runs, "jobs_handed_back": handed}
        say(f"hand-back on SIGTERM ({args.handback_jobs} jobs in flight, median of "
            f"{args.handback_runs}): replica exits after {statistics.median(exits):.0f} ms, "
            f"every job restarted on the other replica after {statistics.median(restarts):.0f} ms "
            f"(handed back per run: {handed})")
    except Failure as error:
        print(f"fleet_bench: {error}; logs in {work}", file=sys.stderr)
        bench.close()
        return 1
    bench.close()
    shutil.rmtree(work, ignore_errors=True)
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
