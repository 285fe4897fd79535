"""A bounded load test of ``aikg serve`` from a second process, on 127.0.0.1 only.

A pool of client threads sends a fixed number of SPARQL requests (or stops at a time limit,
whichever comes first), checks every answer against the expected one and reports throughput,
errors and wrong answers as JSON::

    python -m benchmarks.server_load http://127.0.0.1:8000 expected.json --requests 300 --threads 8

``expected.json`` maps each query to its expected sorted rows (SPARQL JSON values).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["LoadReport", "run_load"]


@dataclass
class LoadReport:
    requests: int = 0
    errors: int = 0
    wrong: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies_ms) or [0.0]
        return {"requests": self.requests, "errors": self.errors, "wrong": self.wrong,
                "seconds": round(self.seconds, 3), "requests_per_second": round(self.throughput, 1),
                "median_ms": round(ordered[len(ordered) // 2], 1),
                "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1 if len(ordered) > 1 else 0], 1),
                "messages": self.messages[:10]}


def _rows(payload: dict[str, Any]) -> list[list[str]]:
    names = payload["head"]["vars"]
    return sorted([[row.get(n, {}).get("value", "") for n in names] for row in payload["results"]["bindings"]])


def run_load(base_url: str, expected: dict[str, list[list[str]]], *, requests: int = 300, threads: int = 8,
             time_limit: float = 60.0) -> LoadReport:
    """Send ``requests`` queries from ``threads`` clients (stopping at ``time_limit`` seconds)."""
    if not base_url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise ValueError(f"{base_url}: the load test only targets this machine (127.0.0.0/8, localhost)")
    queries = sorted(expected)
    report = LoadReport()
    lock = threading.Lock()
    start = time.monotonic()

    def one(number: int) -> None:
        if time.monotonic() - start > time_limit:
            return
        query = queries[number % len(queries)]
        url = f"{base_url}/sparql?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        began = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                payload = json.loads(response.read())
            ok, message = _rows(payload) == expected[query], f"wrong answer to {query[:60]}"
            error = False
        except Exception as err:  # every failure is counted and reported, none is fatal
            ok, error, message = False, True, f"{type(err).__name__}: {err}"
        with lock:
            report.requests += 1
            report.latencies_ms.append((time.monotonic() - began) * 1000)
            if error:
                report.errors += 1
            elif not ok:
                report.wrong += 1
            if not ok:
                report.messages.append(message)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(requests)))
    report.seconds = time.monotonic() - start
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("url")
    parser.add_argument("expected", type=Path)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args(argv)
    expected = json.loads(args.expected.read_text(encoding="utf-8"))
    report = run_load(args.url, expected, requests=args.requests, threads=args.threads, time_limit=args.time_limit)
    json.dump(report.summary(), sys.stdout)
    return 0 if report.errors == 0 and report.wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
