"""What an attacker tries against ``aikg serve`` (issue 17): federated queries (server-side
request forgery), spellings that hide them, and an engine that cannot call out whatever it is
given. Every "was the outside called?" question is answered by a real HTTP server on
127.0.0.1 that records its requests.
"""

from __future__ import annotations

import base64
import hashlib
import json
import select
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aikg.graph.store import KnowledgeStore, open_store
from aikg.server import _answer, _Request, deny_network
from tests.graph.test_server import Server
from tests.queries.minigraph import build_mini_store


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


def test_server_security_memory_limit_counts_from_the_open_store() -> None:
    """A worker on a machine with many cores has reserved gigabytes of address space once its store
    is open (a stack and a malloc arena per RocksDB thread): the limit is what a query may add on
    top, so the worker still starts threads and allocates below it, and fails past it."""
    script = (
        "import mmap, sys, threading\n"
        "reserved = mmap.mmap(-1, 3 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS, prot=mmap.PROT_READ)\n"
        "from aikg.server import limit_memory\n"
        "limit_memory(256)\n"
        "thread = threading.Thread(target=lambda: None); thread.start(); thread.join()\n"
        "within = bytearray(64 << 20)\n"
        "try:\n    past = bytearray(512 << 20)\nexcept MemoryError:\n    sys.exit(0)\n"
        "sys.exit(1)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


# -- over HTTP, against a real ``aikg serve`` process --------------------------------------------
INLINE = "document.title = 'drawn';"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("site")
    build_mini_store(root / "store")
    (root / "graph.html").write_text(f"<!doctype html><title>view</title><script>{INLINE}</script><p>view</p>",
                                     encoding="utf-8")
    running = Server(root, timeout="30", max_results="100", workers="1", max_memory="1024")
    yield running
    running.stop()


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.server
@pytest.mark.parametrize(
    ("host", "status"),
    [("localhost", 200), ("127.0.0.1", 200), ("[::1]", 200), ("rebound.example", 400), ("127.0.0.1.nip.io", 400),
     ("localhost.", 400), ("", 400)],
)
def test_server_security_host_header(served: Server, host: str, status: int) -> None:
    """DNS rebinding: a page whose own name now resolves to 127.0.0.1 sends that name as Host."""
    port = served.url.rsplit(":", 1)[1]
    response = httpx.get(f"{served.url}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                         headers={"Host": f"{host}:{port}" if host else ""})
    assert response.status_code == status, response.text
    assert (status == 200) is ("true" in response.text)


@pytest.mark.server
def test_server_security_no_cross_origin_reads(served: Server) -> None:
    """No CORS header is sent: a page of another origin cannot read an answer, and a preflight
    (what a browser sends before a cross-origin POST of a query) is not granted."""
    headers = {"Origin": "http://evil.example", "Accept": "application/sparql-results+json"}
    response = httpx.get(f"{served.url}/sparql", params={"query": "ASK {}"}, headers=headers)
    assert response.status_code == 200 and not any(h.startswith("access-control-") for h in response.headers)
    preflight = httpx.options(f"{served.url}/sparql", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 405 and "access-control-allow-origin" not in preflight.headers


def _complete(reply: bytes) -> bool:
    head, found, body = reply.partition(b"\r\n\r\n")
    lengths = [int(line.split(b":")[1]) for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")]
    return bool(found) and bool(lengths) and len(body) >= lengths[0]


def _post_raw(url: str, path: str, headers: str, megabytes: int = 0) -> tuple[int, str, int]:
    """POST with hand-written ``headers`` and then, if ``megabytes``, a chunked body of up to that
    many MiB, stopping as soon as the server answers; (status, body, bytes sent)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{headers}\r\n".encode())
        chunk = b"%x\r\n%s\r\n" % (65536, b"#" * 65536)
        sent = 0
        while sent < megabytes * 1024 * 1024 and not select.select([sock], [], [], 0)[0]:
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += 65536
        reply = b""
        while not _complete(reply):
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                break
            if not data:
                break
            reply += data
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]) if head else 0, body.decode("utf-8", "replace"), sent


@pytest.mark.server
@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/sparql", "application/sparql-query"), ("/sparql", "application/x-www-form-urlencoded"),
     ("/labels", "application/json")],
)
def test_server_security_chunked_body_is_capped_while_streaming(served: Server, path: str,
                                                                content_type: str) -> None:
    before = _rss_mib(served.process.pid)
    status, body, sent = _post_raw(served.url, path, f"Content-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n",
                                   megabytes=256)
    assert status == 413 and body.startswith("[E314] the request body is longer than 400000 bytes"), body
    assert sent < 64 * 1024 * 1024  # the server answered long before the 256 MiB were sent
    assert _rss_mib(served.process.pid) - before < 50
    assert httpx.get(f"{served.url}/health").status_code == 200


@pytest.mark.server
def test_server_security_declared_length_over_the_cap(served: Server) -> None:
    for path in ["/health", "/sparql", "/labels"]:
        status, body, _ = _post_raw(served.url, path, "Content-Type: text/plain\r\nContent-Length: 10000000000\r\n")
        assert status == 413 and body.startswith("[E314]"), (path, body)


@pytest.mark.server
@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [("GET", "/sparql", {"params": {"query": "ASK {" + " " * 10_000 + "\x00}"}}),
     ("POST", "/sparql", {"data": {"query": "ASK { ?s ?p '''" + "x" * 9_000 + "\x07''' }"}}),
     ("POST", "/sparql", {"content": ("ASK {}" + " " * 20_000 + "#\x1b").encode(),
                          "headers": {"Content-Type": "application/sparql-query"}}),
     ("GET", "/named/who-leads", {"params": {"org": "Open" + " " * 9000 + "\x00AI"}})],
)
def test_server_security_control_characters_anywhere(served: Server, method: str, path: str,
                                                     kwargs: dict[str, object]) -> None:
    response = httpx.request(method, f"{served.url}{path}", timeout=30, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 400 and response.text.startswith("[E316] control character U+00"), response.text


@pytest.mark.server
def test_server_security_malformed_inputs_are_not_500(served: Server) -> None:
    nested = httpx.post(f"{served.url}/labels", content=b"[" * 100_000 + b"]" * 100_000)
    assert nested.status_code == 400 and nested.text.startswith("[E304]"), nested.text
    nested_object = httpx.post(f"{served.url}/labels", content=b'{"iris": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")
    assert nested_object.status_code == 400, nested_object.text
    for path in ["/views/graph%00.html", "/views/%00", "/views/sub%00dir/graph.html", "/views/" + "a" * 5000 + ".html"]:
        assert httpx.get(f"{served.url}{path}").status_code == 404, path
    assert httpx.post(f"{served.url}/labels", json={"iris": ["http://e/a\x00b"]}).json() == {}


@pytest.mark.server
def test_server_security_views_send_a_content_security_policy(served: Server) -> None:
    index = httpx.get(f"{served.url}/views/")
    assert "script-src 'self';" in index.headers["content-security-policy"]
    page = httpx.get(f"{served.url}/views/graph.html")
    policy = page.headers["content-security-policy"]
    digest = base64.b64encode(hashlib.sha256(INLINE.encode()).digest()).decode()
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert f"'sha256-{digest}'" in script_src and "unsafe-inline" not in script_src
    assert "frame-ancestors 'self'" in policy and "base-uri 'none'" in policy


@pytest.mark.server
def test_server_security_memory_cap_stops_a_query(served: Server) -> None:
    """A query that builds a huge value: stopped at the worker's memory limit (1024 MiB here),
    well before the 30 s time limit; the server answers the next query."""
    values = "{" + " ".join(map(str, range(1, 31))) + "}"
    query = (f"SELECT (STRLEN(GROUP_CONCAT(?x)) AS ?n) {{ VALUES ?a {values} VALUES ?b {values} VALUES ?c {values} "
             f"VALUES ?d {values} VALUES ?e {values} BIND(CONCAT(STR(?a), '{'x' * 200}', STR(?b)) AS ?x) }}")
    response = httpx.get(f"{served.url}/sparql", params={"query": query}, timeout=60)
    assert response.status_code == 503 and response.text.startswith("[E317]"), response.text
    assert "1024 MiB" in response.text
    assert httpx.get(f"{served.url}/sparql", params={"query": "ASK { ?s ?p ?o }"}).text.count("true") == 1
