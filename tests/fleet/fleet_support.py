"""Processes and HTTP for the fleet replay and the fleet benchmark (standard library only).

A replica, the fake model server and nginx as child processes with their logs in a work folder;
a throwaway PostgreSQL database; plain HTTP requests and an SSE follower that reconnects with
Last-Event-ID. Every wait is bounded (a hang guard), none is an assertion about time.
"""

import glob
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse


class Failure(Exception):
    """The run cannot go on (a process did not start, a hang guard tripped)."""


def wait_for(what, predicate, limit_s, pause_s=0.05):
    """Polls `predicate` until it returns something truthy; raises Failure after `limit_s`."""
    until = time.monotonic() + limit_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= until:
            raise Failure(f"gave up waiting for {what} after {limit_s} s")
        time.sleep(pause_s)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- HTTP ------------------------------------------------------------------------------------

# The keys every replica stores at start (CONTENT_SWARM_OWNER_KEY, CONTENT_SWARM_METRICS_KEY; see
# model_env): test-only credentials, the same as tests/support/http_client.hpp's.
OWNER_KEY = "csk_0000000000a1_owner-key-for-tests-only-0123456789abcdefgh"
METRICS_KEY = "csk_0000000000b2_metrics-key-for-tests-only-0123456789abcdef"


def auth_headers(path, headers=None):
    """`headers` with the test key for content-swarm's own endpoints (the metrics key for
    /metrics); other servers' paths (the fake model's /v1/...) get nothing added."""
    hdrs = dict(headers or {})
    if path.startswith("/metrics"):
        hdrs.setdefault("Authorization", f"Bearer {METRICS_KEY}")
    elif path.startswith(("/api/", "/ws/", "/media/")):
        hdrs.setdefault("Authorization", f"Bearer {OWNER_KEY}")
    return hdrs


def request(port, method, path, body=None, headers=None, timeout=15):
    """One request on its own connection: (status, body text); status 0 with the error text when
    no answer came (connection refused, reset, timeout)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        hdrs = auth_headers(path, headers)
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            hdrs.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException) as error:
        return 0, f"{type(error).__name__}: {error}"
    finally:
        conn.close()


class Api:
    """Requests through one address (the load balancer), every one counted; a failure (no answer
    or a 5xx) is recorded, never retried."""

    def __init__(self, port):
        self.port = port
        self.lock = threading.Lock()
        self.count = 0
        self.failures = []

    def call(self, method, path, body=None, ok=(200, 202)):
        status, text = request(self.port, method, path, body)
        with self.lock:
            self.count += 1
            if status not in ok:
                self.failures.append(f"{method} {path}: {status} {text[:300]}")
        return status, text

    def json(self, path):
        status, text = self.call("GET", path)
        return json.loads(text) if status == 200 else None

    def note(self, failure):
        with self.lock:
            self.count += 1
            if failure:
                self.failures.append(failure)


# ---- Server-Sent Events ----------------------------------------------------------------------

def parse_sse(lines):
    """(id, type, data) per event from an iterable of decoded lines."""
    event = {}
    for line in lines:
        if line == "":
            if "id" in event:
                yield int(event["id"]), event.get("event", "message"), event.get("data", "")
            event = {}
        elif line.startswith(":"):
            continue
        else:
            name, _, value = line.partition(":")
            event[name] = value[1:] if value.startswith(" ") else value


def read_events(port, job_id, after=None, timeout=20):
    """The whole event stream of a job (read until the server closes it): (status, events, error)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = auth_headers("/api/", {"Accept": "text/event-stream"})
    if after is not None:
        headers["Last-Event-ID"] = str(after)
    events = []
    try:
        conn.request("GET", f"/api/v1/jobs/{job_id}/events", headers=headers)
        resp = conn.getresponse()
        if resp.status != 200:
            return resp.status, events, resp.read().decode("utf-8", "replace")[:300]

        def lines():
            while True:
                raw = resp.readline()
                if not raw:
                    return
                yield raw.decode("utf-8").rstrip("\r\n")

        for event in parse_sse(lines()):
            events.append(event)
        return 200, events, ""
    except (OSError, http.client.HTTPException, ValueError) as error:
        return 200, events, f"{type(error).__name__}: {error}"
    finally:
        conn.close()


class SseFollower(threading.Thread):
    """Follows one job's events through the load balancer until `job_finished`, reconnecting with
    Last-Event-ID whenever a stream ends early (its replica drained or died). `events` holds
    everything received, in arrival order, duplicates included (so the check can see them)."""

    def __init__(self, api, job_id, limit_s=150):
        super().__init__(daemon=True)
        self.api = api
        self.job_id = job_id
        self.limit_s = limit_s
        self.events = []
        self.connects = 0
        self.cuts = []  # why each stream ended before job_finished
        self.error = ""

    def run(self):
        until = time.monotonic() + self.limit_s
        while time.monotonic() < until:
            after = self.events[-1][0] if self.events else None
            self.connects += 1
            status, events, error = self._stream(after)
            self.events.extend(events)
            if status != 200:
                self.api.note(f"GET events {self.job_id} (after {after}): {status} {error}")
                time.sleep(0.2)
                continue
            self.api.note(None)
            if self.events and self.events[-1][1] == "job_finished":
                return
            self.cuts.append(error or "closed by the server")
        self.error = f"no job_finished within {self.limit_s} s"

    def _stream(self, after):
        # One connection; the events reach `self.events` only when it ends, which is fine: the
        # Last-Event-ID of the next connection is the last one this stream delivered.
        return read_events(self.api.port, self.job_id, after, timeout=60)

    @property
    def reconnects(self):
        return max(0, self.connects - 1)


# ---- processes -------------------------------------------------------------------------------

class Process:
    """A child process with stdout/stderr in files of `workdir`."""

    def __init__(self, name, argv, workdir, env=None):
        self.name = name
        self.out_path = os.path.join(workdir, f"{name}.out")
        self.err_path = os.path.join(workdir, f"{name}.err")
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env,
                                         stdin=subprocess.DEVNULL, cwd=workdir)

    def text(self):
        with open(self.out_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stderr_text(self):
        with open(self.err_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def log_lines(self):
        out = []
        for line in self.text().splitlines():
            try:
                doc = json.loads(line)
            except ValueError:
                continue
            if isinstance(doc, dict):
                out.append(doc)
        return out

    def first_line(self, limit_s=20):
        def ready():
            if self.proc.poll() is not None:
                raise Failure(f"{self.name} exited with {self.proc.returncode}: "
                              f"{self.stderr_text()[-2000:]}{self.text()[-2000:]}")
            lines = self.log_lines()
            return lines[0] if lines else None
        return wait_for(f"{self.name} to start", ready, limit_s)

    def started_line(self, limit_s=20):
        """The "started" line of a content-swarm process (start-up lines may come before it)."""
        def ready():
            if self.proc.poll() is not None:
                raise Failure(f"{self.name} exited with {self.proc.returncode}: "
                              f"{self.stderr_text()[-2000:]}{self.text()[-2000:]}")
            found = [line for line in self.log_lines() if line.get("msg") == "started"]
            return found[0] if found else None
        return wait_for(f"{self.name} to start", ready, limit_s)

    def signal(self, sig):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)

    def wait(self, limit_s):
        try:
            return self.proc.wait(timeout=limit_s)
        except subprocess.TimeoutExpired:
            return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class FakeLlm(Process):
    def __init__(self, binary, script, workdir, ttft_ms, tokens_per_second):
        super().__init__("fake-llm", [binary, "--script", script, "--ttft-ms", str(ttft_ms),
                                      "--tokens-per-second", str(tokens_per_second),
                                      "--threads", "2"], workdir)
        self.port = int(self.first_line()["port"])


class Replica(Process):
    """`content-swarm serve` (or another role) on 127.0.0.1:0; `port`, `instance_id` from its
    first log line."""

    def __init__(self, name, binary, workdir, db, kb_dir, env, extra=(), command="serve"):
        argv = [binary, command, "--listen", "127.0.0.1:0", "--db", db, "--kb", kb_dir, *extra]
        super().__init__(name, argv, workdir, env)
        started = self.started_line()
        self.port = int(started["listen"].rsplit(":", 1)[1])
        self.instance_id = started.get("instance_id", "")
        self.version = started.get("version", "")

    def lines_with(self, msg):
        return [line for line in self.log_lines() if line.get("msg") == msg]


def model_env(fake_port, lease_s):
    env = dict(os.environ)
    env.update({
        "CONTENT_SWARM_LLM_PROVIDER": "openai",
        "CONTENT_SWARM_LLM_BASE_URL": f"http://127.0.0.1:{fake_port}/v1",
        "CONTENT_SWARM_LLM_MODEL": "gpt-4o-mini",
        "CONTENT_SWARM_LLM_API_KEY": "sk-fleet-replay",
        "CONTENT_SWARM_LLM_MODE": "parallel",
        "CONTENT_SWARM_JOB_LEASE_SECONDS": str(lease_s),
        "CONTENT_SWARM_OWNER_KEY": OWNER_KEY,
        "CONTENT_SWARM_METRICS_KEY": METRICS_KEY,
    })
    return env


# ---- nginx -----------------------------------------------------------------------------------

NGINX_CONF = """\
daemon off;
master_process on;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log info;
events {{ worker_connections 1024; }}
http {{
    log_format fleet '$status $request_method $request_uri upstream=[$upstream_addr] '
                     'upstream_status=[$upstream_status] bytes=$body_bytes_sent';
    access_log {dir}/access.log fleet;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    # Every replica ever started stays registered, as a target group keeps a task until its
    # deregistration: a dead one refuses connections and the request goes to the next upstream.
    upstream swarm {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://swarm;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 0;
            proxy_connect_timeout 2s;
            # Server-Sent Events: no buffering, streams may stay open for minutes.
            proxy_buffering off;
            proxy_cache off;
            proxy_read_timeout 1h;
        }}
    }}
}}
"""


class Nginx(Process):
    """nginx from the distribution with a private prefix, config and logs in `workdir`/nginx;
    `register()` rewrites the upstream list and reloads (SIGHUP) without dropping connections."""

    def __init__(self, binary, workdir, upstream_ports):
        self.dir = os.path.join(workdir, "nginx")
        os.makedirs(self.dir, exist_ok=True)
        self.port = free_port()
        self.conf = os.path.join(self.dir, "nginx.conf")
        self.upstreams = list(upstream_ports)
        self._write()
        super().__init__("nginx", [binary, "-p", self.dir, "-c", self.conf], workdir)
        wait_for("nginx to listen", self._listening, 15)

    def _write(self):
        # max_fails=0: a refused connection never takes a server out of rotation, so the retry to
        # the next upstream is what keeps requests whole (and the test sees every retry).
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in self.upstreams)
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write(NGINX_CONF.format(dir=self.dir, servers=servers, port=self.port))

    def _listening(self):
        if self.proc.poll() is not None:
            raise Failure(f"nginx exited: {self.stderr_text()}{self._error_log()}")
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def _error_log(self):
        path = os.path.join(self.dir, "error.log")
        if not os.path.exists(path):
            return ""
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()[-3000:]

    def register(self, port):
        self.upstreams.append(port)
        self._write()
        self.signal(signal.SIGHUP)

    def access_lines(self):
        path = os.path.join(self.dir, "access.log")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()

    def stop(self):
        self.signal(signal.SIGQUIT)
        if self.wait(10) is None:
            super().stop()


# ---- PostgreSQL ------------------------------------------------------------------------------

def find_psql():
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))
    if not candidates:
        raise Failure("no psql (apt-get install postgresql-client)")
    return candidates[-1]


class ScratchDatabase:
    """A database of its own in the cluster at `base_url`, dropped on close."""

    def __init__(self, base_url, prefix):
        self.psql = find_psql()
        self.base_url = base_url
        self.name = f"{prefix}_{random.getrandbits(48):012x}"
        parts = urllib.parse.urlsplit(base_url)
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))
        self._sql(f"CREATE DATABASE {self.name}")

    def _sql(self, statement):
        done = subprocess.run([self.psql, self.base_url, "-XAtq", "-v", "ON_ERROR_STOP=1",
                               "-c", statement], capture_output=True, text=True, timeout=60,
                              check=False)
        if done.returncode != 0:
            raise Failure(f"psql: {statement}: {done.stderr.strip()}")
        return done.stdout

    def close(self):
        self._sql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
