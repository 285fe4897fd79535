"""Concurrency: a second process loads ``aikg serve`` with parallel clients; no errors, no wrong
answers. (A build is refused while the server holds the store: see test_server.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aikg.graph.store import open_store
from tests.graph.test_server import Server
from tests.queries.minigraph import build_mini_store

pytestmark = pytest.mark.server

QUERIES = [
    "SELECT ?p ?o WHERE { ?p aikg:leads ?o }",
    "SELECT ?e ?l WHERE { ?e a aikg:Organization ; rdfs:label ?l }",
    "SELECT ?doc (COUNT(*) AS ?n) WHERE { GRAPH ?doc { ?s ?p ?o } } GROUP BY ?doc",
    "SELECT ?s ?sentence WHERE { ?ev rdf:subject ?s ; aikg:sentence ?sentence }",
]


def _expected(store_dir: Path) -> dict[str, list[list[str]]]:
    expected = {}
    with open_store(store_dir, read_only=True) as store:
        for query in QUERIES:
            expected[query] = sorted([["" if cell is None else str(cell) for cell in row]
                                      for row in store.select(query)])
            assert expected[query], query  # every query has an answer to get right
    return expected


def test_server_load_from_second_process(tmp_path: Path) -> None:
    build_mini_store(tmp_path / "store")
    answers = tmp_path / "expected.json"
    answers.write_text(json.dumps(_expected(tmp_path / "store")), encoding="utf-8")
    server = Server(tmp_path, workers="2")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.server_load", server.url, str(answers),
             "--requests", "240", "--threads", "8", "--time-limit", "120"],
            capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[2])
    finally:
        server.stop()
    report = json.loads(result.stdout)
    assert report["errors"] == 0 and report["wrong"] == 0, report["messages"]
    assert report["requests"] == 240 and report["requests_per_second"] > 0
