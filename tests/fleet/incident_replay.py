#!/usr/bin/env python3
"""The incident, replayed (issue 5): a rollout from version A to version B under load.

Real processes only: a database of its own in the PostgreSQL cluster of SWARM_TEST_PG_URL, the
fake model server (paced, so jobs are in flight during the rollout), nginx as the load balancer
(retrying the next upstream on connection errors), two replicas of version A. Then:
  1. 30 jobs are submitted through nginx; 10 SSE clients follow jobs through nginx;
  2. a replica of version B starts; `deploy verify --expect B --replicas 2` must fail while A
     still answers; A is stopped (one replica SIGTERM, the other SIGKILL); a second B starts;
  3. `deploy verify --expect B --replicas 2` passes;
  4. every job ends `succeeded` with one item per requested platform; every SSE client saw every
     event of its job once, in order (compared with the job's stored events), across its
     reconnects; no request through nginx failed (only the ones sent straight to the dead
     replicas did, on purpose).
Exit 0 passed, 1 failed, 77 skipped (SWARM_TEST_PG_URL unset).
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fleet_support import (Api, FakeLlm, Failure, Nginx, Replica, ScratchDatabase,  # noqa: E402
                           SseFollower, model_env, read_events, request, wait_for)

SKIP = 77
JOBS = 30
FOLLOWED = 10
LEASE_S = 3  # a SIGKILLed replica's jobs are rescued this long after its last heartbeat
FINAL = ("succeeded", "partial", "failed", "cancelled")
T0 = time.monotonic()


def say(msg):
    print(f"[replay {time.monotonic() - T0:6.1f}s] {msg}", flush=True)


class Checks:
    def __init__(self):
        self.problems = []

    def expect(self, ok, what):
        if not ok:
            self.problems.append(what)
            say(f"FAIL: {what}")
        return ok


def build_version(binary):
    out = subprocess.run([binary, "version"], capture_output=True, text=True, check=True,
                         timeout=30)
    return json.loads(out.stdout)["version"]


def deploy_verify(binary, url, expect, timeout):
    argv = [binary, "deploy", "verify", "--url", url, "--expect", expect, "--replicas", "2",
            "--timeout", timeout, "--grace", "2s", "--interval", "100ms"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    return done.returncode, done.stdout + done.stderr


def in_flight(replica):
    started = {line.get("job_id") for line in replica.lines_with("job started")}
    finished = {line.get("job_id") for line in replica.lines_with("job finished")}
    return started - finished


def requeued(events):
    return any(kind == "agent_progress" and json.loads(data).get("agent") == "queue"
               for _, kind, data in events)


def run(args, work, checks):
    db = ScratchDatabase(os.environ["SWARM_TEST_PG_URL"], "swarm_fleet_replay")
    procs = []
    try:
        return replay(args, work, checks, db, procs)
    finally:
        for proc in reversed(procs):
            proc.stop()
        db.close()


def replay(args, work, checks, db, procs):
    version_a, version_b = build_version(args.binary_a), build_version(args.binary_b)
    if version_a == version_b:
        raise Failure(f"A and B report the same version {version_a}")
    kb = os.path.join(args.source_dir, "examples", "kb-fieldnote")
    script = os.path.join(args.source_dir, "tests", "fixtures", "fake-llm", "e2e", "happy.json")
    fake = FakeLlm(args.fake_llm, script, work, ttft_ms=700, tokens_per_second=300)
    procs.append(fake)
    env = model_env(fake.port, LEASE_S)
    flags = ["--workers", "4", "--drain-seconds", "20"]

    def replica(name, binary):
        r = Replica(name, binary, work, db.url, kb, env, flags)
        procs.append(r)
        say(f"{name} up: {r.version} instance {r.instance_id} on port {r.port}")
        return r

    a1, a2 = replica("a1", args.binary_a), replica("a2", args.binary_a)
    nginx = Nginx(args.nginx, work, [a1.port, a2.port])
    procs.append(nginx)
    lb = f"http://127.0.0.1:{nginx.port}"
    api = Api(nginx.port)
    say(f"nginx on {lb}; A = {version_a}, B = {version_b}")

    # 1. 30 jobs through nginx; 10 SSE clients follow every third one through nginx.
    with open(os.path.join(args.source_dir, "examples", "brief-fieldnote.json"),
              encoding="utf-8") as f:
        brief = json.load(f)
    brief.pop("kb", None)
    ids = []
    for _ in range(JOBS):
        status, text = api.call("POST", "/api/v1/jobs", brief, ok=(202,))
        if status != 202:
            raise Failure(f"submit refused: {status} {text}")
        ids.append(json.loads(text)["job_id"])
    followers = [SseFollower(api, job) for job in ids[::JOBS // FOLLOWED]][:FOLLOWED]
    for follower in followers:
        follower.start()
    say(f"{len(ids)} jobs submitted, {len(followers)} SSE clients following")
    wait_for("both A replicas to run jobs", lambda: in_flight(a1) and in_flight(a2), 60)

    # 2. Version B arrives; while A answers, verify must refuse the rollout.
    b1 = replica("b1", args.binary_b)
    nginx.register(b1.port)
    wait_for("nginx to route to b1",
             lambda: (api.json("/version") or {}).get("instance_id") == b1.instance_id, 30)
    rc, out = deploy_verify(args.binary_a, lb, version_b, "30s")
    say(f"deploy verify while A still answers: exit {rc}\n{out.rstrip()}")
    checks.expect(rc == 1, f"deploy verify with A still answering exited {rc}, expected 1")
    checks.expect("OTHER BUILD" in out and (a1.instance_id in out or a2.instance_id in out),
                  "the failing verify does not name an A replica as another build")

    a1_jobs, a2_jobs = in_flight(a1), in_flight(a2)
    say(f"stopping A: SIGTERM a1 ({len(a1_jobs)} jobs in flight), "
        f"SIGKILL a2 ({len(a2_jobs)} jobs in flight)")
    a1.signal(signal.SIGTERM)
    a2.signal(signal.SIGKILL)
    b2 = replica("b2", args.binary_b)
    nginx.register(b2.port)
    checks.expect(a2.wait(10) == -signal.SIGKILL, "a2 did not die of SIGKILL")
    rc_a1 = a1.wait(30)
    checks.expect(rc_a1 == 0, f"a1 exited {rc_a1} after SIGTERM, expected 0 (drained)")
    drained = a1.lines_with("jobs drained")
    handed_back = drained[0].get("requeued", -1) if drained else -1
    checks.expect(handed_back >= 0, "a1 logged no 'jobs drained'")
    say(f"a1 drained and exited {rc_a1}, handing back {handed_back} job(s); a2 killed")

    # The only requests meant to fail: straight to the stopped replicas, past nginx.
    deliberate = [request(r.port, "GET", "/version", timeout=5) for r in (a1, a2)]
    checks.expect(all(status == 0 for status, _ in deliberate),
                  f"a stopped replica still answered: {deliberate}")

    # 3. Only B answers now: verify passes.
    rc, out = deploy_verify(args.binary_a, lb, version_b, "60s")
    say(f"deploy verify after the rollout: exit {rc}\n{out.rstrip()}")
    checks.expect(rc == 0, f"deploy verify after the rollout exited {rc}, expected 0")

    # 4. Every job whole, every stream whole, no failed request.
    def all_final():
        jobs = [api.json(f"/api/v1/jobs/{job}") for job in ids]
        return jobs if all(j and j.get("status") in FINAL for j in jobs) else None
    jobs = wait_for("every job to finish", all_final, 120, pause_s=0.5)
    for follower in followers:
        follower.join(timeout=60)
    return verify_outcome(api, nginx, ids, jobs, followers, deliberate, checks,
                          {"a1_in_flight": len(a1_jobs), "a2_in_flight": len(a2_jobs),
                           "handed_back": handed_back})


def verify_outcome(api, nginx, ids, jobs, followers, deliberate, checks, kills):
    events_total = 0
    stored = {}
    for job_id, job in zip(ids, jobs):
        checks.expect(job["status"] == "succeeded", f"job {job_id} ended {job['status']}")
        content = api.json(f"/api/v1/content?job_id={job_id}") or {}
        got = sorted(item.get("platform") for item in content.get("items", []))
        want = sorted(job.get("requested_platforms", []))
        checks.expect(want and got == want, f"job {job_id}: items {got}, requested {want}")
        status, events, error = read_events(api.port, job_id)
        api.note(None if status == 200 and not error else f"GET events {job_id}: {status} {error}")
        stored[job_id] = events
        events_total += len(events)
        checks.expect([e[0] for e in events] == list(range(1, len(events) + 1)),
                      f"job {job_id}: stored event ids are not 1..{len(events)}")
        checks.expect(events and events[-1][1] == "job_finished",
                      f"job {job_id}: the stored events do not end with job_finished")
    reconnects = 0
    for follower in followers:
        reconnects += follower.reconnects
        checks.expect(not follower.is_alive() and not follower.error,
                      f"SSE client of {follower.job_id}: {follower.error or 'still running'}")
        seen = follower.events
        checks.expect(seen == stored[follower.job_id],
                      f"SSE client of {follower.job_id} saw ids {[e[0] for e in seen]}, stored "
                      f"{[e[0] for e in stored[follower.job_id]]} (or the data differs)")
    rerun = sum(1 for job_id in ids if requeued(stored[job_id]))
    errors_5xx = [line for line in nginx.access_lines() if line[:1] == "5"]
    retried = [line for line in nginx.access_lines() if ", " in line.split("upstream=[")[-1]]
    checks.expect(not api.failures, f"{len(api.failures)} request(s) through nginx failed: "
                                    f"{api.failures[:5]}")
    checks.expect(not errors_5xx, f"nginx answered 5xx: {errors_5xx[:5]}")
    checks.expect(reconnects > 0, "no SSE client had to reconnect: the stops cut no stream")
    checks.expect(rerun > 0, "no job was handed back or rescued: the stops hit no job in flight")
    attempts = [job.get("attempts", 0) for job in jobs]
    print(json.dumps({
        "jobs": len(ids), "succeeded": sum(1 for j in jobs if j["status"] == "succeeded"),
        "events": events_total, "sse_clients": len(followers), "reconnects": reconnects,
        "requests_through_nginx": api.count, "failed_requests_through_nginx": len(api.failures),
        "deliberate_failed_requests": sum(1 for status, _ in deliberate if status == 0),
        "nginx_retries_to_next_upstream": len(retried), "jobs_rerun": rerun,
        "max_attempts": max(attempts), **kills}, sort_keys=False), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary-a", required=True)
    parser.add_argument("--binary-b", required=True)
    parser.add_argument("--fake-llm", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    for name in ("binary_a", "binary_b", "fake_llm", "source_dir", "nginx"):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    if not os.environ.get("SWARM_TEST_PG_URL"):
        print("SWARM_TEST_PG_URL is not set: the fleet replay is skipped (scripts/test starts a "
              "cluster; or scripts/pg-cluster start DIR PORT and export the URL it prints)")
        return SKIP
    if not os.access(args.nginx, os.X_OK):
        print(f"nginx not found at {args.nginx} (scripts/setup-deps installs it)")
        return 1
    work = tempfile.mkdtemp(prefix="fleet-replay-")
    checks = Checks()
    try:
        run(args, work, checks)
    except Failure as error:
        checks.problems.append(str(error))
        say(f"FAIL: {error}")
    if checks.problems:
        print(f"fleet replay FAILED ({len(checks.problems)} problem(s)); logs in {work}")
        for name in sorted(os.listdir(work)):
            path = os.path.join(work, name)
            if os.path.isfile(path) and name.endswith((".err", ".out")):
                with open(path, encoding="utf-8", errors="replace") as f:
                    tail = f.read()[-1500:]
                print(f"---- {name} (tail)\n{tail}")
        return 1
    say("fleet replay passed")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
