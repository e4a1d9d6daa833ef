#!/usr/bin/env python3
"""Open many concurrent SSE streams to content-swarm and hold them open (bench/server_bench.sh).

Usage: sse_clients.py PORT COUNT HOLD_SECONDS READY_FILE JOB_ID [JOB_ID...]
Streams are spread round-robin over the job ids (queued jobs, so their streams stay open).
Once every connection has received its response head, "open N" is written to READY_FILE; the
streams are then held for HOLD_SECONDS and closed. Prints one line: how many opened, how many
failed and why. Standard library only; loopback only.
"""
import asyncio
import os
import collections
import sys


async def open_stream(port, job_id, opened, errors, release):
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port), timeout=10)
    except (OSError, asyncio.TimeoutError) as e:
        errors[f"connect: {type(e).__name__}: {e}"] += 1
        return
    try:
        key = os.environ.get("CONTENT_SWARM_OWNER_KEY", "")
        writer.write(f"GET /api/v1/jobs/{job_id}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     f"Authorization: Bearer {key}\r\n"
                     "Accept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=10)
        status = head.split(b"\r\n", 1)[0].decode(errors="replace")
        if " 200 " not in status + " ":
            errors[f"status: {status}"] += 1
            return
        opened.append(1)
        await release.wait()
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as e:
        errors[f"stream: {type(e).__name__}"] += 1
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass


async def main():
    port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    ready_file, jobs = sys.argv[4], sys.argv[5:]
    opened, errors, release = [], collections.Counter(), asyncio.Event()
    tasks = [asyncio.create_task(open_stream(port, jobs[i % len(jobs)], opened, errors, release))
             for i in range(count)]
    # Wait until every stream has its head (or failed), bounded.
    for _ in range(300):
        if len(opened) + sum(errors.values()) >= count:
            break
        await asyncio.sleep(0.1)
    with open(ready_file, "w") as f:
        f.write(f"open {len(opened)}\n")
    await asyncio.sleep(hold)
    release.set()
    await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout=30)
    detail = "; ".join(f"{k} x{v}" for k, v in errors.items()) or "none"
    print(f"sse: {len(opened)}/{count} streams open, failures: {detail}")


if __name__ == "__main__":
    asyncio.run(main())
