#!/usr/bin/env python3
"""Stall benchmark of issue 13 (bench/stall_bench.sh; figures only, no pass/fail).

1. A normal `serve` (folder media, SQLite) finishes one offline job and is stopped, so the
   database holds a finished job's items.
2. A "black hole" S3 endpoint: a socket that listens (backlog 512) and never accepts, so
   connections complete in the kernel and then nothing ever answers.
3. `serve --media s3://b?...&endpoint=<black hole> --workers 0` on the same database: the time
   from exec to its "started" line, and what /readyz says.
4. 64 concurrent GET /media/<64 hex> (each on its own connection) that hang on the store; while
   they wait, /livez and the item GET are measured (sequential keep-alive requests, p50/p99),
   then how the media requests ended: 503 with Retry-After at once, or later with which status.
5. SIGTERM: time to exit.
Loopback only; standard library only; every process it starts is stopped.
"""
import base64
import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


# The owner key the servers of this bench store at start (CONTENT_SWARM_OWNER_KEY) and every
# API request sends.
OWNER_KEY = os.environ.get("CONTENT_SWARM_OWNER_KEY") or (
    "csk_" + secrets.token_hex(6) + "_" +
    base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("="))
os.environ["CONTENT_SWARM_OWNER_KEY"] = OWNER_KEY
AUTH = {"Authorization": f"Bearer {OWNER_KEY}"}


def start_serve(binary, args, log_path, env=None):
    t0 = time.monotonic()
    log = open(log_path, "wb")
    proc = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", *args], stdout=log,
                            stderr=subprocess.STDOUT, env=env)
    port = None
    while time.monotonic() - t0 < 30:
        if proc.poll() is not None:
            sys.exit(f"stall_bench: serve exited {proc.returncode}:\n" + open(log_path).read())
        m = re.search(r'"msg":"started".*?"listen":"[^"]*:(\d+)"', open(log_path).read())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.002)
    if port is None:
        proc.kill()
        sys.exit("stall_bench: no 'started' line within 30 s:\n" + open(log_path).read())
    return proc, port, (time.monotonic() - t0) * 1000


def request(port, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={**AUTH, **(headers or {})})
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        conn.close()


def stop(proc, timeout=40):
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = "killed after %d s" % timeout
    return rc, (time.monotonic() - t0) * 1000


def prepare(binary, source_dir, tmp, db):
    brief = json.load(open(os.path.join(source_dir, "examples/brief-fieldnote.json")))
    brief.pop("kb", None)
    proc, port, _ = start_serve(binary, ["--db", db, "--media", f"folder:{tmp}/media",
                                         "--kb", os.path.join(source_dir, "examples/kb-fieldnote"),
                                         "--workers", "2"], f"{tmp}/prepare.log")
    try:
        st, _, body = request(port, "POST", "/api/v1/jobs", json.dumps(brief),
                              {"Content-Type": "application/json"})
        job = json.loads(body)["job_id"]
        for _ in range(600):
            status = json.loads(request(port, "GET", f"/api/v1/jobs/{job}")[2])["status"]
            if status not in ("queued", "running"):
                break
            time.sleep(0.1)
        items = json.loads(request(port, "GET",
                                   f"/api/v1/content?job_id={job}&platform=twitter")[2])["items"]
        if not items:
            sys.exit(f"stall_bench: job {job} ended {status} without a twitter item")
        return items[0]["id"]
    finally:
        stop(proc)


def latencies(port, path, count):
    """count sequential GETs on one keep-alive connection; returns (ms list, status counts)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    out, statuses = [], {}
    for _ in range(count):
        t0 = time.perf_counter()
        conn.request("GET", path, headers=AUTH)
        r = conn.getresponse()
        r.read()
        out.append((time.perf_counter() - t0) * 1000)
        statuses[r.status] = statuses.get(r.status, 0) + 1
        if r.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.close()
    return out, statuses


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def media_request(port, results, i, timeout):
    t0 = time.monotonic()
    try:
        st, headers, body = request(port, "GET", f"/media/{secrets.token_hex(32)}", timeout=timeout)
        try:
            code = json.loads(body)["error"]["code"]
        except (ValueError, KeyError, TypeError):
            code = ""
        results[i] = (f"{st} {code}".strip(), "Retry-After" in headers,
                      (time.monotonic() - t0) * 1000)
    except Exception as e:  # a dropped connection is a figure too
        results[i] = (type(e).__name__, False, (time.monotonic() - t0) * 1000)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="build/content-swarm")
    ap.add_argument("--source-dir", default=".")
    ap.add_argument("--stalled", type=int, default=64)
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--media-wait", type=float, default=60,
                    help="seconds a hung /media request is waited for before giving up")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="stall-bench.")
    hole = socket.socket()
    try:
        db = f"sqlite:{tmp}/stall.db"
        item = prepare(a.binary, a.source_dir, tmp, db)
        hole.bind(("127.0.0.1", 0))
        hole.listen(512)  # never accept()ed: connects succeed, nothing is ever answered
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDUMMY", AWS_SECRET_ACCESS_KEY="dummy")
        media = f"s3://stall-bench?region=us-east-1&endpoint=http://127.0.0.1:{hole.getsockname()[1]}"
        proc, port, started_ms = start_serve(a.binary, ["--db", db, "--media", media,
                                                        "--workers", "0"], f"{tmp}/stall.log", env)
        try:
            run(a, proc, port, started_ms, item, tmp)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    finally:
        hole.close()
        shutil.rmtree(tmp, ignore_errors=True)


def readyz(port):
    st, _, body = request(port, "GET", "/readyz", timeout=5)
    return f"{st} {body.decode(errors='replace').strip()[:300]}"


def run(a, proc, port, started_ms, item, tmp):
    print(f"== stall (black-hole S3 media store, --workers 0, {a.stalled} hung /media requests)")
    print(f"exec to 'started' line: {started_ms:.0f} ms")
    print(f"/readyz at start: {readyz(port)}")
    time.sleep(2.5)  # the readiness check runs every second
    print(f"/readyz after 2.5 s: {readyz(port)}")
    results = [None] * a.stalled
    threads = [threading.Thread(target=media_request, args=(port, results, i, a.media_wait),
                                daemon=True)
               for i in range(a.stalled)]
    t_fire = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(0.5)
    refused_early = sum(1 for r in results if r and r[0].startswith("503") and r[1])
    rows = []
    for name, path in (("GET /livez", "/livez"), ("GET /api/v1/content/{id}", f"/api/v1/content/{item}")):
        ms, statuses = latencies(port, path, a.requests)
        rows.append((name, len(ms), statistics.median(ms), pct(ms, 99), max(ms), statuses))
    waiting_during = sum(1 for r in results if r is None)
    print(f"{'while the media lane is stalled':32} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    for name, n, p50, p99, mx, statuses in rows:
        print(f"{name:32} {n:5d} {p50:8.2f} {p99:8.2f} {mx:8.2f}  {statuses}")
    print(f"media requests: {refused_early} answered 503 with Retry-After within 0.5 s; "
          f"{waiting_during} still waiting after the latency runs")
    print(f"/readyz while stalled: {readyz(port)}")
    for t in threads:
        t.join(timeout=max(0.1, a.media_wait + 1 - (time.monotonic() - t_fire)))
    ends = {}
    for r in results:
        key = "no answer" if r is None else f"{r[0]}{' +Retry-After' if r[1] else ''}"
        ends.setdefault(key, []).append(r[2] if r else a.media_wait * 1000)
    for key, ms in sorted(ends.items()):
        print(f"media ended {key}: {len(ms)} (after {min(ms):.0f}..{max(ms):.0f} ms)")
    rc, stop_ms = stop(proc)
    print(f"SIGTERM to exit: {stop_ms:.0f} ms, exit {rc}")
    log = open(f"{tmp}/stall.log").read().splitlines()
    levels = {}
    for line in log:
        m = re.search(r'"level":"(\w+)"', line)
        if m:
            levels[m.group(1)] = levels.get(m.group(1), 0) + 1
    print(f"server log lines by level: {levels}")
    seen = set()
    for line in log:  # one example of each warn/error message and route
        m = re.search(r'"level":"(warn|error)","msg":"([^"]*)".*?(?:"route":"([^"]*)")?', line)
        if m and (m.group(2), m.group(3)) not in seen:
            seen.add((m.group(2), m.group(3)))
            print(f"  e.g. {line[:400]}")


if __name__ == "__main__":
    main()
