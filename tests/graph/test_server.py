"""``aikg serve`` as real clients use it: SPARQLWrapper, rdflib's SPARQLStore, raw HTTP.

The server runs as a subprocess on a free port (started once for the module, killed at the end)
over the hand-made mini graph.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from aikg.errors import StoreError
from aikg.graph.namespaces import AIKG, entity_iri
from aikg.graph.store import open_store
from tests.queries.minigraph import build_mini_store

pytestmark = pytest.mark.server

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
LEADS = "SELECT ?p ?o WHERE { ?p aikg:leads ?o } ORDER BY ?p"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIMEOUT = 2.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, root: Path, **options: str) -> None:
        self.root = root
        self.store = root / "store"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "aikg", "serve", "--store", str(self.store), "--port", str(self.port),
                "--views", str(root)]
        for key, value in options.items():
            args += [f"--{key.replace('_', '-')}", value]
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"aikg serve exited: {self.process.communicate()[1]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("aikg serve did not answer within 90 s")

    def stop(self) -> str:
        self.process.terminate()
        try:
            _, err = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return str(err)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("site")
    build_mini_store(root / "store")
    (root / "graph.html").write_text("<!doctype html><title>view</title><p>the view</p>", encoding="utf-8")
    (root / "notes.txt").write_text("not a view", encoding="utf-8")
    running = Server(root, timeout=str(TIMEOUT), max_results="100", workers="2")
    yield running
    running.stop()


def _get(server: Server, query: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(f"{server.url}/sparql", params={"query": query, **params}, headers=headers, timeout=30)


# -- real clients ------------------------------------------------------------------------------
def test_server_sparqlwrapper_select_json(server: Server) -> None:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(LEADS)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert isinstance(data, dict)
    pairs = {(b["p"]["value"], b["o"]["value"]) for b in data["results"]["bindings"]}
    assert pairs == {(str(entity_iri("arthur-mensch")), str(entity_iri("mistral-ai"))),
                     (str(entity_iri("sam-altman")), str(entity_iri("openai")))}


def test_server_sparqlwrapper_post_construct_turtle(server: Server) -> None:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setMethod("POST")
    client.setQuery("CONSTRUCT WHERE { ?p aikg:leads ?o }")
    client.setReturnFormat(TURTLE)
    data = client.query().convert()
    graph = Graph().parse(data=data, format="turtle")
    assert (entity_iri("sam-altman"), AIKG.leads, entity_iri("openai")) in graph and len(graph) == 2


def test_server_sparqlwrapper_ask(server: Server) -> None:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery("ASK { ent:sam-altman aikg:leads ent:openai }")
    client.setReturnFormat(JSON)
    assert client.query().convert() == {"head": {}, "boolean": True}


def test_server_rdflib_sparqlstore(server: Server) -> None:
    graph = Graph(store=SPARQLStore(f"{server.url}/sparql", returnFormat="xml"))
    assert (entity_iri("sam-altman"), AIKG.leads, entity_iri("openai")) in graph
    rows = list(graph.query("SELECT ?label WHERE { <https://w3id.org/aikg/entity/openai> "
                            "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"))
    assert {row[0] for row in rows} == {Literal("OpenAI")}  # type: ignore[index]
    objects = set(graph.objects(entity_iri("openai"), AIKG.basedIn))
    assert objects == {entity_iri("san-francisco")}


# -- content negotiation -----------------------------------------------------------------------
def test_server_select_json(server: Server) -> None:
    response = _get(server, LEADS, "application/sparql-results+json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert response.json()["head"]["vars"] == ["p", "o"]


def test_server_select_xml(server: Server) -> None:
    response = _get(server, LEADS, "application/sparql-results+xml")
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    results = ET.fromstring(response.content).findall("r:results/r:result", ns)
    assert len(results) == 2  # Arthur Mensch leads Mistral AI in two documents: one row of the merged graph


def test_server_select_csv_and_tsv(server: Server) -> None:
    response = _get(server, LEADS, "text/csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["p", "o"] and len(rows) == 3
    response = _get(server, LEADS, "text/tab-separated-values")
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert response.text.splitlines()[0] == "?p\t?o"
    assert f"<{entity_iri('sam-altman')}>\t<{entity_iri('openai')}>" in response.text.splitlines()


def test_server_accept_quality_and_format_parameter(server: Server) -> None:
    response = _get(server, LEADS, "text/csv;q=0.5, application/sparql-results+xml;q=0.9")
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    response = _get(server, LEADS, "application/sparql-results+json", format="csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert _get(server, LEADS).headers["content-type"].startswith("application/sparql-results+json")


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
    ],
)
def test_server_graph_formats(server: Server, accept: str, media: str, rdflib_format: str) -> None:
    response = _get(server, "CONSTRUCT WHERE { ?p aikg:leads ?o }", accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    expected = Graph()
    expected.add((entity_iri("sam-altman"), AIKG.leads, entity_iri("openai")))
    expected.add((entity_iri("arthur-mensch"), AIKG.leads, entity_iri("mistral-ai")))
    assert isomorphic(Graph().parse(data=response.content, format=rdflib_format), expected)


def test_server_not_acceptable(server: Server) -> None:
    response = _get(server, LEADS, "image/png")
    assert response.status_code == 406 and response.text.startswith("[E313]")
    # a client that names only result-set types still gets a graph answer, in the default format
    response = _get(server, "CONSTRUCT WHERE { ?p aikg:leads ?o }", "application/sparql-results+json")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")


# -- POST --------------------------------------------------------------------------------------
def test_server_post_form_and_body(server: Server) -> None:
    form = httpx.post(f"{server.url}/sparql", data={"query": LEADS}, headers={"Accept": "text/csv"}, timeout=30)
    body = httpx.post(f"{server.url}/sparql", content=LEADS.encode(), timeout=30,
                      headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert form.status_code == body.status_code == 200
    assert form.text == body.text and len(form.text.splitlines()) == 3


# -- errors ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "kwargs", "status", "code"),
    [
        ("POST", {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403, "E306"),
        ("POST", {"data": {"update": "DROP ALL"}}, 403, "E306"),
        ("GET", {"params": {"update": "DROP ALL"}}, 403, "E306"),
        ("GET", {"params": {"query": "DELETE WHERE { ?s ?p ?o }"}}, 403, "E306"),
        ("GET", {"params": {"query": "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}}, 403, "E309"),
        ("GET", {"params": {"query": "SELECT ?x WHERE { ?x ?y }"}}, 400, "E301"),
        ("GET", {"params": {"query": "SELECT * { ?s ?p ?o }"}}, 400, "E308"),
        ("GET", {"params": {"query": "SELECT * {}", "format": "yaml"}}, 400, "E302"),
        ("GET", {"params": {"query": "SELECT * {}", "format": "turtle"}}, 400, "E302"),
        ("GET", {"params": {"query": "CONSTRUCT WHERE { ?s aikg:leads ?o }", "format": "csv"}}, 400, "E302"),
        ("GET", {"params": {"query": ["ASK {}", "ASK {}"]}}, 400, "E301"),
        ("POST", {"data": {"other": "x"}}, 400, "E301"),
        ("POST", {"content": ("ASK {" + " " * 100_001 + "}").encode(),
                  "headers": {"Content-Type": "application/sparql-query"}}, 413, "E314"),
        ("POST", {"data": {"query": "ASK {" + " " * 500_001 + "}"}}, 413, "E314"),
    ],
)
def test_server_errors_are_clear(server: Server, method: str, kwargs: dict[str, object], status: int,
                                 code: str) -> None:
    response = httpx.request(method, f"{server.url}/sparql", timeout=30, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith(f"[{code}] ") and response.text.count("\n") == 1


def test_server_syntax_error_has_line_and_column(server: Server) -> None:
    response = _get(server, "SELECT ?x\nWHERE {\n  ?x nope:bar ?y }")
    assert response.status_code == 400
    assert response.text.startswith("[E301] SPARQL syntax error at line 3, column ")


def test_server_unsupported_post_type(server: Server) -> None:
    response = httpx.post(f"{server.url}/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 415


def test_server_update_changes_nothing(server: Server) -> None:
    httpx.post(f"{server.url}/sparql", data={"update": "DROP ALL"})
    assert _get(server, "ASK { ent:sam-altman aikg:leads ent:openai }").json()["boolean"] is True


def test_server_time_limit_stops_query_and_stays_up(server: Server) -> None:
    started = time.monotonic()
    response = _get(server, SLOW)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.text.startswith(f"[E307] the query ran longer than the time limit of {TIMEOUT:g} s")
    assert elapsed < TIMEOUT + 10
    for _ in range(3):  # the killed worker was replaced: the server answers as before
        assert _get(server, "ASK { ent:sam-altman aikg:leads ent:openai }").json()["boolean"] is True


def test_server_store_locked_while_serving(server: Server) -> None:
    with pytest.raises(StoreError, match=r"\[E206\]"):
        open_store(server.store)
    with open_store(server.store, read_only=True) as reader:  # other readers are welcome
        assert len(reader) > 0


# -- service description, named queries, page, views ------------------------------------------
def test_server_service_description(server: Server) -> None:
    response = httpx.get(f"{server.url}/sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    service = next(graph.subjects(predicate=SD.endpoint))
    assert (service, SD.endpoint, URIRef(f"{server.url}/sparql")) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in graph


def test_server_named_query(server: Server) -> None:
    response = httpx.get(f"{server.url}/named/who-leads", params={"org": "OpenAI"}, headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["personLabel"], r["orgLabel"]) for r in rows] == [("Sam Altman", "OpenAI")]
    hostile = httpx.get(f"{server.url}/named/who-leads", params={"org": 'x" } ; DROP ALL ; #'})
    assert hostile.status_code == 400 and hostile.text.startswith("[E311]")
    assert httpx.get(f"{server.url}/named/nope").status_code == 404
    listing = httpx.get(f"{server.url}/queries.json").json()
    assert "who-leads" in {q["name"] for q in listing["queries"]} and listing["prefixes"]["ent"]


def test_server_labels(server: Server) -> None:
    response = httpx.post(f"{server.url}/labels", json={"iris": [str(entity_iri("openai")), "x>"]})
    assert response.json() == {str(entity_iri("openai")): "OpenAI"}
    assert httpx.post(f"{server.url}/labels", content=b"nope").status_code == 400


def test_server_query_page(server: Server) -> None:
    page = httpx.get(f"{server.url}/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http" not in page.text.replace(' href="/', "").split("<body")[0].replace("http-equiv", "")
    script = httpx.get(f"{server.url}/assets/query.js")
    assert script.status_code == 200 and "textContent" in script.text and "innerHTML" not in script.text
    assert httpx.get(f"{server.url}/assets/..%2Fserver.py").status_code == 404


def test_server_views(server: Server) -> None:
    listing = httpx.get(f"{server.url}/views/")
    assert listing.status_code == 200 and 'href="/views/graph.html"' in listing.text
    assert httpx.get(f"{server.url}/views/graph.html").text.endswith("<p>the view</p>")
    for path in ["notes.txt", "store/aikg-store", "../graph.html", "%2e%2e/%2e%2e/etc/passwd", "missing.html"]:
        assert httpx.get(f"{server.url}/views/{path}").status_code == 404, path


def test_server_as_remote_store_for_aikg_query(server: Server) -> None:
    """aikg query --store URL (rdflib's SPARQL store) works against aikg serve, named queries included."""
    result = subprocess.run([sys.executable, "-m", "aikg", "query", "--store", f"{server.url}/sparql", "--named",
                             "who-leads", "--param", "org=openai", "-f", "csv"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert [(r["personLabel"], r["orgLabel"]) for r in csv.DictReader(io.StringIO(result.stdout))] == [
        ("Sam Altman", "OpenAI")]
    result = subprocess.run([sys.executable, "-m", "aikg", "query", "--store", f"{server.url}/sparql",
                             "CONSTRUCT WHERE { ent:openai aikg:basedIn ?o }"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "ent:openai aikg:basedIn ent:san-francisco ." in result.stdout, result.stderr


def test_server_refuses_remote_store(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "aikg", "serve", "--store", "http://example.org/sparql"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr.startswith("aikg: [E001] --store http://example.org/sparql")
    result = subprocess.run([sys.executable, "-m", "aikg", "serve", "--store", str(tmp_path / "none")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr.startswith("aikg: [E201]")


def test_server_json_payloads_are_valid(server: Server) -> None:
    data = json.loads(_get(server, "SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 3").text)
    assert len(data["results"]["bindings"]) == 3
