#!/usr/bin/env python3
"""Load and soak of issue 13 (bench/soak.sh; figures only, no pass/fail gate).

N client threads (loopback only) mix, for --seconds:
  submit   POST /api/v1/jobs (the sample brief minus "kb"), then follow the job's event stream live;
  replay   the event stream of a finished job (stored events only);
  read     GET /api/v1/content/{id}, a third of them with If-None-Match of the last seen version;
  patch    PATCH /api/v1/content/{id} of hashtags (one in ten also the body), half with If-Match
           of a version just read, half without.
Every stream is checked: seq 1, 2, 3 ... (no gap, no repeat) and the last event is job_finished.
Every response status is counted by kind. 2xx and 304 are fine, 429 and 503 (with Retry-After)
are the documented overload answers, 412 is the documented answer of an If-Match that lost a
race; anything else is printed as an error. The servers' VmRSS is sampled every 5 s.
Modes: sqlite (one server) or postgres (--pg-url; two replicas on one database, clients split
between them, streams often served by the replica that did not run the job).
"""
import secrets
import base64
import argparse
import collections
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

OK_EXTRA = {304}
DOCUMENTED = {429, 503}


# The owner key the servers of this bench store at start (CONTENT_SWARM_OWNER_KEY) and every
# API request sends.
OWNER_KEY = os.environ.get("CONTENT_SWARM_OWNER_KEY") or (
    "csk_" + secrets.token_hex(6) + "_" +
    base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("="))
os.environ["CONTENT_SWARM_OWNER_KEY"] = OWNER_KEY
AUTH = {"Authorization": f"Bearer {OWNER_KEY}"}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.status = collections.Counter()  # (kind, status)
        self.errors = []
        self.streams = 0
        self.events = 0
        self.violations = []
        self.items = {}  # id -> last seen version
        self.finished_jobs = []

    def count(self, kind, status, detail=""):
        with self.lock:
            self.status[(kind, status)] += 1
            bad = not (isinstance(status, int) and (200 <= status < 300 or status in OK_EXTRA or
                                                    status in DOCUMENTED or
                                                    (status == 412 and kind == "patch_if_match")))
            if bad and len(self.errors) < 50:
                self.errors.append(f"{kind} -> {status} {detail[:200]}")


def start_server(binary, port_args, log_path, env):
    log = open(log_path, "wb")
    proc = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", *port_args],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    t0 = time.monotonic()
    while time.monotonic() - t0 < 30:
        if proc.poll() is not None:
            sys.exit(f"soak: serve exited {proc.returncode}:\n" + open(log_path).read()[-3000:])
        m = re.search(r'"msg":"started".*?"listen":"[^"]*:(\d+)"', open(log_path).read())
        if m:
            return proc, int(m.group(1))
        time.sleep(0.01)
    proc.kill()
    sys.exit("soak: no 'started' line within 30 s")


def rss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Client:
    def __init__(self, port, stats, brief, deadline, job_slots, rng):
        self.port, self.stats, self.brief = port, stats, brief
        self.deadline, self.job_slots, self.rng = deadline, job_slots, rng
        self.conn = None

    def http(self, method, path, body=None, headers=None, timeout=30):
        """One request on this client's keep-alive connection; (status, headers, body)."""
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            try:
                self.conn.request(method, path, body=body, headers={**AUTH, **(headers or {})})
                r = self.conn.getresponse()
                data = r.read()
                if (r.getheader("Connection") or "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, r, data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A keep-alive connection the server closed between requests: retry once fresh.
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise

    def follow(self, job, kind):
        """Reads the job's whole event stream on a fresh connection and checks seq and the end."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=180)
        try:
            conn.request("GET", f"/api/v1/jobs/{job}/events",
                         headers={**AUTH, "Accept": "text/event-stream"})
            r = conn.getresponse()
            self.stats.count(kind, r.status)
            if r.status != 200:
                r.read()
                return
            expected, last_type, n = 1, None, 0
            problem = None
            while True:
                line = r.readline()
                if not line:
                    break
                if not line.startswith(b"data:"):
                    continue
                ev = json.loads(line[5:])
                n += 1
                if ev.get("seq") != expected and problem is None:
                    problem = f"job {job}: seq {ev.get('seq')} where {expected} was expected"
                expected = ev.get("seq", expected) + 1
                last_type = ev.get("type")
                if last_type == "job_finished":
                    break
            if problem is None and last_type != "job_finished":
                problem = f"job {job}: stream ended after {n} events, last {last_type}"
            with self.stats.lock:
                self.stats.streams += 1
                self.stats.events += n
                if problem:
                    self.stats.violations.append(f"{kind}: {problem}")
        finally:
            conn.close()

    def submit(self):
        st, r, data = self.http("POST", "/api/v1/jobs", self.brief,
                                {"Content-Type": "application/json"})
        self.stats.count("submit", st, data.decode(errors="replace"))
        if st == 429:
            time.sleep(float(r.getheader("Retry-After") or 1))
            return
        if st not in (200, 202):
            return
        job = json.loads(data)["job_id"]
        self.follow(job, "sse_live")
        st, _, data = self.http("GET", f"/api/v1/content?job_id={job}&limit=100")
        self.stats.count("list", st, data.decode(errors="replace"))
        if st == 200:
            with self.stats.lock:
                for it in json.loads(data)["items"]:
                    self.stats.items[it["id"]] = it["version"]
                self.stats.finished_jobs.append(job)

    def read(self, item):
        headers = {}
        kind = "read"
        version = self.stats.items.get(item)
        if self.rng.random() < 0.33 and version:
            headers["If-None-Match"] = f'"{version}"'
            kind = "read_if_none_match"
        st, r, data = self.http("GET", f"/api/v1/content/{item}", headers=headers)
        self.stats.count(kind, st, data.decode(errors="replace"))
        if st == 200:
            doc = json.loads(data)
            with self.stats.lock:
                self.stats.items[item] = doc["version"]
            return doc
        return None

    def patch(self, item):
        edit = {"hashtags": self.rng.choice([["#Soak"], ["#Soak", "#Fieldnote"], ["#Launch"]])}
        headers = {"Content-Type": "application/json"}
        kind = "patch"
        if self.rng.random() < 0.5:
            doc = self.read(item)
            if doc is None:
                return
            headers["If-Match"] = str(doc["version"])
            kind = "patch_if_match"
            if self.rng.random() < 0.1 and isinstance(doc.get("body"), str):
                edit["body"] = doc["body"].rstrip(" .") + "."
        st, r, data = self.http("PATCH", f"/api/v1/content/{item}", json.dumps(edit), headers)
        self.stats.count(kind, st, data.decode(errors="replace"))
        if st == 200:
            with self.stats.lock:
                self.stats.items[item] = json.loads(data)["version"]

    def run(self):
        while time.monotonic() < self.deadline:
            try:
                with self.stats.lock:
                    items = list(self.stats.items)
                    jobs = self.stats.finished_jobs[-50:]
                roll = self.rng.random()
                if (not items or roll < 0.03) and self.job_slots.acquire(blocking=False):
                    try:
                        self.submit()
                    finally:
                        self.job_slots.release()
                elif not items:
                    time.sleep(0.2)
                elif roll < 0.06 and jobs:
                    self.follow(self.rng.choice(jobs), "sse_replay")
                elif roll < 0.75:
                    self.read(self.rng.choice(items))
                else:
                    self.patch(self.rng.choice(items))
            except Exception as e:  # noqa: BLE001 - every failure is a figure
                self.stats.count("transport", type(e).__name__, str(e))
                if self.conn:
                    self.conn.close()
                    self.conn = None
                time.sleep(0.1)
            time.sleep(self.rng.uniform(0, 0.05))
        if self.conn:
            self.conn.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--pg-url", help="postgres mode: the database both replicas share")
    ap.add_argument("--binary", default="build/content-swarm")
    ap.add_argument("--source-dir", default=".")
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--jobs-in-flight", type=int, default=24,
                    help="most jobs the clients have submitted and are following at once")
    ap.add_argument("--workers", type=int, default=2, help="job workers per server")
    ap.add_argument("--queue", type=int, default=1000)
    a = ap.parse_args()
    if a.mode == "postgres" and not a.pg_url:
        sys.exit("soak: --mode postgres needs --pg-url")

    brief = json.load(open(os.path.join(a.source_dir, "examples/brief-fieldnote.json")))
    brief.pop("kb", None)
    brief = json.dumps(brief)
    tmp = tempfile.mkdtemp(prefix="soak.")
    db = a.pg_url if a.mode == "postgres" else f"sqlite:{tmp}/soak.db"
    common = ["--db", db, "--kb", os.path.join(a.source_dir, "examples/kb-fieldnote"),
              "--workers", str(a.workers), "--queue", str(a.queue)]
    servers = []
    try:
        for i in range(2 if a.mode == "postgres" else 1):
            servers.append(start_server(a.binary, common, f"{tmp}/serve{i}.log", dict(os.environ)))
        soak(a, brief, tmp, servers)
    finally:
        for p, _ in servers:
            if p.poll() is None:
                p.kill()
                p.wait()
        if os.environ.get("SWARM_SOAK_KEEP") != "1":
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")


def soak(a, brief, tmp, servers):
    stats = Stats()
    job_slots = threading.BoundedSemaphore(a.jobs_in_flight)
    t_start = time.monotonic()
    deadline = t_start + a.seconds
    clients = [Client(servers[i % len(servers)][1], stats, brief, deadline, job_slots,
                      random.Random(i)) for i in range(a.clients)]
    threads = [threading.Thread(target=c.run, daemon=True) for c in clients]
    curve = []

    def sample():
        curve.append((time.monotonic() - t_start, [rss_kb(p.pid) for p, _ in servers]))

    sample()
    for t in threads:
        t.start()
    while time.monotonic() < deadline:
        time.sleep(min(5, max(0, deadline - time.monotonic())))
        sample()
    for t in threads:
        t.join(timeout=200)
    stuck = sum(1 for t in threads if t.is_alive())
    elapsed = time.monotonic() - t_start
    sample()

    stops = []
    for p, _ in servers:
        t0 = time.monotonic()
        p.send_signal(signal.SIGTERM)
        try:
            rc = p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = "killed"
        stops.append(f"exit {rc} in {(time.monotonic() - t0) * 1000:.0f} ms")
    log_levels = collections.Counter()
    log_samples = []
    for i in range(len(servers)):
        for line in open(f"{tmp}/serve{i}.log", errors="replace"):
            m = re.search(r'"level":"(\w+)"', line)
            if m:
                log_levels[m.group(1)] += 1
                if m.group(1) in ("warn", "warning", "error") and len(log_samples) < 5:
                    log_samples.append(line.strip()[:300])

    print(f"== soak ({a.mode}: {len(servers)} server(s), {a.clients} clients, {elapsed:.0f} s, "
          f"--workers {a.workers} --queue {a.queue}, at most {a.jobs_in_flight} jobs in flight)")
    kinds = sorted({k for k, _ in stats.status})
    total = sum(stats.status.values())
    print(f"requests: {total} ({total / elapsed:.0f}/s)")
    print(f"{'kind':20} {'total':>8}  statuses")
    for k in kinds:
        row = {s: n for (kk, s), n in stats.status.items() if kk == k}
        print(f"{k:20} {sum(row.values()):8d}  " +
              ", ".join(f"{s}: {n}" for s, n in sorted(row.items(), key=lambda x: str(x[0]))))
    print(f"event streams: {stats.streams} read, {stats.events} events, "
          f"{len(stats.violations)} violations")
    for v in stats.violations[:10]:
        print(f"  violation: {v}")
    print(f"errors (not 2xx/304, not documented 429/503, not 412 on If-Match): {len(stats.errors)}"
          + (" (first 50)" if len(stats.errors) >= 50 else ""))
    for e in stats.errors[:20]:
        print(f"  error: {e}")
    print(f"client threads still running after the end: {stuck}")
    print("RSS curve (s: MiB per server): " +
          "  ".join(f"{t:.0f}: " + "/".join(f"{kb / 1024:.1f}" for kb in kbs) for t, kbs in curve))
    for i in range(len(servers)):
        vals = [kbs[i] / 1024 for _, kbs in curve[1:] if kbs[i]]
        if vals:
            print(f"server {i} RSS: min {min(vals):.1f} MiB, max {max(vals):.1f} MiB, "
                  f"first {vals[0]:.1f}, last {vals[-1]:.1f}")
    print(f"stop on SIGTERM: {'; '.join(stops)}")
    print(f"server log lines by level: {dict(log_levels)}")
    for line in log_samples:
        print(f"  e.g. {line}")


if __name__ == "__main__":
    main()
