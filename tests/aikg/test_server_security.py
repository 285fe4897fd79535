"""What an attacker tries against ``aikg serve`` (issue 17): federated queries (server-side
request forgery), spellings that hide them, and an engine that cannot call out whatever it is
given. Every "was the outside called?" question is answered by a real HTTP server on
127.0.0.1 that records its requests.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aikg.graph.store import KnowledgeStore, open_store
from aikg.server import _answer, _Request, deny_network


class Recorder:
    """A SPARQL endpoint on 127.0.0.1 that answers one empty solution and records each call."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                recorder.calls.append(f"{self.command} {self.path}")
                self.rfile.read(int(self.headers.get("content-length") or 0))
                body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [{}]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture(scope="module")
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    yield server
    server.close()


@pytest.fixture(scope="module")
def one_triple(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeStore]:
    """A store with one fact, so that the patterns around a SERVICE clause have a row to join."""
    with open_store(tmp_path_factory.mktemp("one") / "store") as store:
        store.update("INSERT DATA { <http://a> <http://b> <http://c> }")
        yield store


SERVICE_WRAPPERS = [
    "{c}",
    "{{ {c} }}",
    "?a ?b ?c OPTIONAL {{ {c} }}",
    "{{ SELECT * {{ {c} }} }}",
    "?a ?b ?c FILTER EXISTS {{ {c} }}",
    "?a ?b ?c FILTER NOT EXISTS {{ {c} }}",
    "{{ ?a ?b ?c }} UNION {{ {c} }}",
    "?a ?b ?c MINUS {{ {c} }}",
    "GRAPH ?g {{ {c} }}",
    "BIND(EXISTS {{ {c} }} AS ?e)",
    "{{ SELECT ?s (COUNT(*) AS ?n) {{ ?a ?b ?c {{ {c} }} }} GROUP BY ?s }}",
]


def test_server_security_oxigraph_calls_out_without_the_checks(recorder: Recorder) -> None:
    """The control: the engine itself does fetch a SERVICE, in each position the tests use (so a
    refusal below is the checks' doing, and a missed one would show as a recorded call)."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.NamedNode("http://c")))
    for wrapper in SERVICE_WRAPPERS:
        recorder.calls.clear()
        clause = f"SERVICE <{recorder.url}> {{ ?s ?p ?o }}"
        list(store.query(f"SELECT * {{ {wrapper.format(c=clause)} }}"))  # type: ignore[arg-type]
        assert recorder.calls, wrapper


def _escaped(letter: str, how: str) -> str:
    if how == "upper":
        return letter.upper()
    if how == "lower":
        return letter.lower()
    return f"\\u{ord(letter):04X}" if how == "u" else f"\\U{ord(letter):08X}"


@st.composite
def service_queries(draw: st.DrawFn, url: str) -> str:
    """A query with a SERVICE clause, spelled as an attacker might: case, \\u escapes, comments
    and line breaks between tokens, the endpoint as an IRI or a prefixed name, nested anywhere,
    after strings, IRIs and escaped prefixed names that a text pattern misreads."""
    keyword = "".join(_escaped(letter, draw(st.sampled_from(["upper", "lower", "upper", "u", "U"])))
                      for letter in "SERVICE")
    gap = st.sampled_from([" ", "\n", "\t", " # SERVICE } ' \"\n", "\n#\n "])
    silent = draw(st.sampled_from(["", " SILENT", " silent", " SiLeNt"]))
    endpoint = draw(st.sampled_from([f"<{url}>", "srv:", "srv:sparql", "?endpoint"]))
    clause = f"{keyword}{silent}{draw(gap)}{endpoint}{draw(gap)}{{ ?s ?p ?o }}"
    before = draw(st.sampled_from(["", "?x ex:a\\#b ?y . ", '?x ?y "SERVICE" . ', "?x <http://e/#SERVICE> ?y . ",
                                   "?x ex:a\\-b ?y . ", "?x ?y '''}\nSERVICE''' . ", "?x ?y \"\\\"#\" . "]))
    body = before + draw(st.sampled_from(SERVICE_WRAPPERS)).format(c=clause)
    if endpoint == "?endpoint":
        body = f"VALUES ?endpoint {{ <{url}> }} {body}"
    form = draw(st.sampled_from(["SELECT * WHERE {{ {b} }}", "ASK {{ {b} }}", "select ?s {{ {b} }}",
                                 "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {b} }}", "DESCRIBE ?s {{ {b} }}"]))
    return f"PREFIX ex: <http://e/>\nPREFIX srv: <{url}>\n" + form.format(b=body)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_server_security_service_refused_in_every_spelling(recorder: Recorder, one_triple: KnowledgeStore,
                                                           data: st.DataObject) -> None:
    """What the worker answers: E309 (SERVICE in the algebra) or E301 (rdflib cannot parse it,
    so its structure is unknown); never a result, never a call. The worker runs the query on
    Oxigraph when the check lets it through, so a miss is a recorded call."""
    query = data.draw(service_queries(recorder.url))
    recorder.calls.clear()
    status, code, message = _answer(one_triple, _Request(sparql=query), 100, 10.0)
    assert (status, code) in {("error", "E309"), ("error", "E301")}, (query, message)
    assert recorder.calls == [], query


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * { ?s ?p "SERVICE <http://127.0.0.1/> { }" }',
        "SELECT * { ?s <http://e/SERVICE> ?o } # SERVICE <http://127.0.0.1/> { }",
        "SELECT ?service { ?service ?p ?o }",
        "PREFIX service: <http://e/> SELECT * { ?s service:x ?o }",
    ],
)
def test_server_security_plain_queries_still_answer(one_triple: KnowledgeStore, query: str) -> None:
    status, _, body = _answer(one_triple, _Request(sparql=query), 100, 10.0)
    assert status == "ok", body


def test_server_security_worker_cannot_open_network_sockets(recorder: Recorder, tmp_path: Path) -> None:
    """The second wall: a query worker cannot make Oxigraph call out even with a SERVICE that no
    check saw (pyoxigraph has no switch for it; a seccomp filter refuses IPv4/IPv6 sockets)."""
    script = (
        "import sys, pyoxigraph as ox\n"
        "from aikg.server import deny_network\n"
        "if not deny_network(): sys.exit(3)\n"
        f"try:\n    list(ox.Store().query('SELECT * {{ SERVICE <{recorder.url}> {{ ?s ?p ?o }} }}'))\n"
        "except OSError as err:\n    print(err); sys.exit(0)\n"
        "sys.exit(1)\n"
    )
    recorder.calls.clear()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    if done.returncode == 3:
        pytest.skip("seccomp (libseccomp through pyseccomp) is not available on this system")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "denied" in done.stdout.lower()
    assert recorder.calls == []
    assert deny_network.__module__ == "aikg.server"
