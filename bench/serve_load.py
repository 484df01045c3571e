"""The server under load: requests per second, latency percentiles and server memory on the list endpoints.

usage: python bench/serve_load.py [--events 11000] [--clients 32] [--requests 10000] [--uncached] [--json OUT.json]

Builds a store of synthetic contract records (``--events`` events, five to a document, spread over 200 days,
two countries and a dozen actors; built once and kept under /tmp, keyed by its size), starts ``dotterel serve`` on a
free loopback port in its own process, and lets ``--clients`` threads, each on one keep-alive connection, send
``--requests`` GETs in all, round-robin over the list endpoints an analyst's dashboard calls (events, filtered events,
actors, incidents, stats, network, quotes). Prints requests/s, p50/p90/p99 latency, errors, and the server's resident
memory before, halfway and after (memory flat: the last two near each other). The clients share the machine with
the server, as they would on one analyst's box; the figure is end to end on loopback.

The server answers a repeated read from its cache until the next write; ``--uncached`` makes every request
distinct (a different page or confidence floor), so each one is a query: the worst case.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENDPOINTS = ["/api/events?limit=50", "/api/events?country=IRQ&limit=50&offset=100", "/api/events?type=ASSAULT&limit=20",
             "/api/actors?limit=50", "/api/incidents?limit=50", "/api/stats", "/api/network", "/api/quotes?limit=50",
             "/api/events?since=2024-03-01&until=2024-03-31&limit=50"]


def build_store(path: Path, n_events: int) -> None:
    """Synthetic records (tests/synthetic.py builds the rows), five events a document, 200 days."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "tests"))
    from dotterel.store import Store
    from synthetic import days, event, record, ref, store_records

    actors = [ref(f"Group {i}", f"G{i}", "IRQ" if i % 2 else "SYR", "REB") for i in range(12)]
    types = ["ASSAULT", "PROTEST", "ACCUSE", "CONSULT", "COERCE"]
    places = ["Kirkuk", "Mosul", "Aleppo"]
    calendar = days("2024-01-01", 200)
    records, n = [], 0
    for d in range(n_events // 5):
        evs = []
        for k in range(5):
            n += 1
            evs.append(event(n, types[(d + k) % 5], actors[(d + k) % 12], actors[(d + 3 * k + 1) % 12],
                             calendar[(d * 7 + k) % 200], place=places[(d + k) % 3], fatalities=(d + k) % 4 or None))
        records.append(record(f"doc{d}", evs, date=calendar[(d * 7) % 200]))
    with Store(path) as store:
        for start in range(0, len(records), 500):
            store_records(store, records[start:start + 500])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/stats")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def distinct(path: str, n: int) -> str:
    """The request made unique: a page further on, or a confidence floor no other request uses."""
    if any(path.startswith(p) for p in ("/api/actors", "/api/incidents", "/api/quotes")):
        return f"{path}&offset={n % 1000}" if "?" in path else f"{path}?offset={n % 1000}"
    return f"{path}{'&' if '?' in path else '?'}min_confidence={n / 1e7:.7f}"


def client(port: int, count: int, offset: int, latencies: list[float], errors: list[str], uncached: bool = False) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for i in range(count):
        path = ENDPOINTS[(offset + i) % len(ENDPOINTS)]
        if uncached:
            path = distinct(path, offset * 100_000 + i)
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{path}: {response.status}")
        except OSError as err:
            errors.append(f"{path}: {err}")
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append(time.perf_counter() - started)


def run(store: Path, clients: int, requests: int, uncached: bool = False) -> dict:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-m", "dotterel.cli", "serve", "--db", str(store), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(port)
        memory = [rss_mb(server.pid)]
        latencies: list[float] = []
        errors: list[str] = []
        per_client = requests // clients
        threads = [threading.Thread(target=client, args=(port, per_client // 2, k, latencies, errors, uncached))
                   for k in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        memory.append(rss_mb(server.pid))  # halfway
        threads = [threading.Thread(target=client, args=(port, per_client - per_client // 2, k, latencies, errors, uncached))
                   for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        memory.append(rss_mb(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {"requests": len(latencies), "clients": clients, "wall_s": round(wall, 1),
            "req_per_s": round(len(latencies) / wall, 1), "p50_ms": round(pick(0.50), 1), "p90_ms": round(pick(0.90), 1),
            "p99_ms": round(pick(0.99), 1), "mean_ms": round(statistics.mean(latencies) * 1000, 1),
            "errors": len(errors), "first_errors": errors[:3],
            "server_rss_mb": {"start": round(memory[0]), "half": round(memory[1]), "end": round(memory[2])}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=11000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--uncached", action="store_true", help="every request distinct: no answer from the cache")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    store = Path(f"/tmp/dotterel-load-{args.events}.duckdb")
    if not store.exists():
        print(f"building a store of {args.events} events ...", file=sys.stderr)
        build_store(store, args.events)
    result = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "events": args.events,
              "uncached": args.uncached, **run(store, args.clients, args.requests, args.uncached)}
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
