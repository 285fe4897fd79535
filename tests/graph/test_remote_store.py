"""The same build and queries against a real SPARQL 1.1 server (Oxigraph's), started here."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.store import KnowledgeStore, open_store
from aikg.graph.store.remote import SparqlServerStore
from tests.helpers import make_extraction

pytestmark = pytest.mark.server
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    port = _free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "ox"), "--bind",
                                f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph server did not start")
        yield f"{url}/query"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _fill(store: KnowledgeStore) -> None:
    run = ExtractionRun("remote-run")
    store.replace_document("a.md", extraction_quads(make_extraction("a.md"), run))
    store.replace_document("b.md", extraction_quads(make_extraction("b.md", ceo="Jane Doe"), run))


QUERIES = [
    "SELECT ?p ?o WHERE { ?p aikg:leads ?o } ORDER BY ?p",
    "SELECT ?doc WHERE { GRAPH ?doc { ?p aikg:leads ent:mistral-ai } } ORDER BY ?doc",
    "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t ; aikg:mentionedIn ?d } GROUP BY ?t ORDER BY ?t",
]


def test_remote_store_answers_like_embedded(server: str, tmp_path: Path) -> None:
    remote = open_store(server)
    assert isinstance(remote, SparqlServerStore)
    with remote, open_store(tmp_path / "local") as local:
        _fill(remote)
        _fill(local)
        assert len(remote) == len(local)
        for query in QUERIES:
            assert remote.select(query) == local.select(query), query
        assert [d.doc_id for d in remote.documents()] == ["a.md", "b.md"]
        assert remote.content_hash("a.md") == local.content_hash("a.md")
        assert remote.remove_document("a.md") and local.remove_document("a.md")
        assert remote.select(QUERIES[1]) == local.select(QUERIES[1])


def test_remote_store_cli_build_and_query(server: str, tmp_path: Path) -> None:
    """The same ``aikg build`` and ``aikg query`` against the server and the embedded store."""
    corpus = Path(__file__).parents[2] / "corpus" / "sample"
    docs = sorted(corpus.glob("*.md"))[:2]
    query = "SELECT ?p ?o WHERE { ?p aikg:leads ?o } ORDER BY ?p ?o"
    answers = []
    for store in (server, str(tmp_path / "local")):
        built = subprocess.run([sys.executable, "-m", "aikg", "build", *map(str, docs), "--store", store, "--quiet"],
                               capture_output=True, text=True, timeout=600)
        assert built.returncode == 0, built.stderr
        asked = subprocess.run([sys.executable, "-m", "aikg", "query", query, "--store", store, "-f", "csv"],
                               capture_output=True, text=True, timeout=120)
        assert asked.returncode == 0, asked.stderr
        answers.append(asked.stdout)
    assert answers[0] == answers[1] and "arthur-mensch" in answers[0]
