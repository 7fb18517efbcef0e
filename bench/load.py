"""Load generator, run as its own process: N keep-alive connections send GET requests to
one path until COUNT requests are done or SECONDS have passed. Prints one JSON line."""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time


def worker(host, port, path, deadline, budget, lock, latencies, errors, host_header=None):
    conn = http.client.HTTPConnection(host, port, timeout=10)
    while time.monotonic() < deadline:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Host": host_header or host})
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=10)
        elapsed = time.perf_counter() - start
        with lock:
            (latencies if ok else errors).append(elapsed)
    conn.close()


def run(host, port, path, count, seconds, concurrency, host_header=None):
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[float] = []
    budget = [count]
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(
            target=worker,
            args=(host, port, path, deadline, budget, lock, latencies, errors, host_header),
        )
        for _ in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    return {
        "path": path,
        "requests": len(latencies),
        "errors": len(errors),
        "seconds": round(wall, 3),
        "rps": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
        "p95_ms": round(p95 * 1000, 2),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--host-header", help="the Host header, e.g. a tenant's host name")
    a = parser.parse_args()
    result = run(a.host, a.port, a.path, a.count, a.seconds, a.concurrency, a.host_header)
    print(json.dumps(result))
