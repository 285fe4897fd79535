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
from rdflib import Dataset

from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.store import KnowledgeStore, open_store
from aikg.graph.store.remote import SparqlServerStore
from tests.helpers import make_extraction

pytestmark = pytest.mark.server
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
SAMPLE = Path(__file__).parents[2] / "corpus" / "sample"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Oxigraph:
    """``oxigraph serve`` on a free port of 127.0.0.1 over a folder; killed and restarted at will."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/query"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(self.location),
                                         "--bind", f"127.0.0.1:{self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{self.url}?query=ASK%7B%7D", timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail("oxigraph server did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Oxigraph]:
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    running = Oxigraph(tmp_path / "ox")
    running.start()
    yield running
    running.kill()


@pytest.fixture
def server(oxigraph: Oxigraph) -> str:
    return oxigraph.url


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


def _aikg(*args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aikg", *args], capture_output=True, text=True, timeout=timeout)


def test_remote_store_every_command_works(server: str, tmp_path: Path) -> None:
    """What the README promises of ``--store URL`` (issue 17: validate sent a CONSTRUCT with the
    results-only Accept header and got 406; export failed with a TypeError)."""
    with open_store(server) as remote, open_store(tmp_path / "local") as local:
        _fill(remote)
        _fill(local)
    for fmt, suffix in [("trig", "trig"), ("nquads", "nq"), ("jsonld", "jsonld"), ("turtle", "ttl")]:
        for store, name in [(server, "remote"), (str(tmp_path / "local"), "local")]:
            done = _aikg("export", "--store", store, "-f", fmt, "-o", str(tmp_path / f"{name}.{suffix}"))
            assert done.returncode == 0 and done.stderr == "", done.stderr
        remote_export, local_export = Dataset(), Dataset()
        rdflib_format = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld", "turtle": "turtle"}[fmt]
        remote_export.parse(tmp_path / f"remote.{suffix}", format=rdflib_format)
        local_export.parse(tmp_path / f"local.{suffix}", format=rdflib_format)
        assert len(remote_export) == len(local_export) > 0, fmt
        assert sorted(map(str, remote_export.graphs())) == sorted(map(str, local_export.graphs())), fmt
    checked = _aikg("validate", "--store", server)
    assert checked.returncode == 0 and "2 document graph(s) checked, 0 violation(s)" in checked.stdout, checked.stderr
    for args in (["stats"], ["query", "CONSTRUCT WHERE { ?p aikg:leads ?o }"], ["query", "ASK { ?s ?p ?o }"],
                 ["view", "-o", str(tmp_path / "view.html")], ["rank"]):
        done = _aikg(*args, "--store", server)
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
    assert "mistral-ai" in _aikg("query", "CONSTRUCT WHERE { ?p aikg:leads ?o }", "--store", server).stdout
    assert _aikg("remove", "a.md", "--store", server).returncode == 0
    assert _aikg("import", str(tmp_path / "local.trig"), "--store", server).returncode == 0
    with open_store(server) as remote, open_store(tmp_path / "local") as local:
        assert len(remote) == len(local)


@pytest.mark.parametrize(
    "args",
    [["stats"], ["validate"], ["export", "-f", "trig"], ["query", "ASK {}"], ["remove", "a.md"],
     ["view", "--title", "t"], ["build", str(sorted(SAMPLE.glob("*.md"))[0])]],
    ids=lambda a: a[0],
)
def test_remote_store_unreachable_is_one_line(args: list[str], tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/query"  # nothing listens there
    done = _aikg(*args, "--store", url)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    server = url.removesuffix("query")  # writers name the update endpoint, readers the query one
    assert len(errors) == 1 and f"[E210] SPARQL server {server}" in errors[0], done.stderr
    assert "unreachable: ConnectError" in errors[0]


@pytest.mark.model
def test_remote_store_server_killed_mid_build(oxigraph: Oxigraph, tmp_path: Path) -> None:
    """The server dies while ``aikg build`` writes: one coded line naming it, the summary, exit 1,
    no traceback; after a restart every stored document is whole (the same quads as the same
    document built into an embedded store) and a second build completes the rest."""
    docs = [str(p) for p in sorted(SAMPLE.glob("*.md"))[:6]]
    build = subprocess.Popen([sys.executable, "-m", "aikg", "build", *docs, "--store", oxigraph.url, "--quiet",
                              "-j", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d aikg:documentId ?id } }"
    deadline = time.monotonic() + 300
    with open_store(oxigraph.url, read_only=True) as probe:
        while time.monotonic() < deadline and build.poll() is None:
            if int(probe.select(count)[0][0]) >= 1:
                break
            time.sleep(0.02)
    oxigraph.kill()
    out, err = build.communicate(timeout=300)
    assert build.returncode == 1, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("aikg: failed: [E210] SPARQL server http://127.0.0.1:"), err
    assert "Traceback" not in err and "failed" in out and out.count("\n") == 1, out
    oxigraph.start()
    with open_store(oxigraph.url, read_only=True) as remote:
        stored = {d.doc_id for d in remote.documents()}
    assert 1 <= len(stored) < len(docs)
    local = tmp_path / "local"
    assert _aikg("build", *docs, "--store", str(local), "--quiet", "-j", "1", timeout=600).returncode == 0
    per_graph = "SELECT ?d (COUNT(*) AS ?n) WHERE { GRAPH ?d { ?s ?p ?o } } GROUP BY ?d"
    with open_store(oxigraph.url, read_only=True) as remote, open_store(local, read_only=True) as embedded:
        built = dict(embedded.select(per_graph))
        assert {d: n for d, n in remote.select(per_graph)} == {d: built[d] for d, _ in remote.select(per_graph)}
    again = _aikg("build", *docs, "--store", oxigraph.url, "--quiet", "-j", "1", timeout=600)
    assert again.returncode == 0 and f"{len(docs) - len(stored)} written, {len(stored)} unchanged" in again.stdout
