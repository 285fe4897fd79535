"""The one module that touches the HTTP layer: a read-only SPARQL endpoint, the query page, the views.

``aikg serve`` answers the `SPARQL 1.1 Protocol <https://www.w3.org/TR/sparql11-protocol/>`_ at
``/sparql`` (GET, POST form-encoded, POST ``application/sparql-query``), with content
negotiation (SPARQL results JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML, JSON-LD for graphs;
``?format=`` overrides ``Accept``) and a SPARQL 1.1 Service Description (Turtle) at ``GET /sparql``
without a query. It also serves the query page at ``/``, the named queries at
``/named/NAME?param=value`` (and their list at ``/queries.json``), labels of IRIs
(``POST /labels``) and the HTML views of a folder at ``/views/``. It listens on 127.0.0.1
unless told otherwise.

Why Starlette and uvicorn, and not rdflib-endpoint: rdflib-endpoint (installed) is a FastAPI
router around ``rdflib.Graph.query``: it parses queries with rdflib's own engine (slow on
Oxigraph, and a different grammar from the one ``aikg query`` uses), runs them in the server
process with no time limit, and its page loads YASGUI from a CDN. What we need on top of the
protocol is a worker we can stop and an offline page, so this module uses the two libraries
rdflib-endpoint itself is built on, Starlette (routing, requests, responses, static files) and
uvicorn (the ASGI server), which are small, well kept and typed, and already dependencies.

Time limit (what was chosen and why): pyoxigraph evaluates a query in Rust and cannot be
interrupted from Python, and a query such as ``SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f .
?g ?h ?i }`` computes for minutes before yielding its first row. So queries run in a small pool
of worker processes (``--workers``, default 2), each with the store open read-only. The server
sends a query to an idle worker and waits at most ``--timeout`` seconds; a worker that has not
answered by then is killed (SIGKILL) and replaced, and the client gets ``503`` with
``[E307] ...``; the server itself never blocks. Inside the worker, results are read lazily with
the same deadline and a row limit (``--max-results``): a query that streams past either stops
at once with a clear error (``503`` E307, ``400`` E308) without waiting to be killed.

Status codes: ``400`` malformed query (E301, with line and column), bad parameter or format
(E302, E304, E311, E312), too many results (E308), a control character anywhere in a query or
parameter (E316), a ``Host`` header that does not name this server (Starlette's ``Invalid host
header``); ``403`` SPARQL Update (E306) or federated ``SERVICE`` (E309), both refused on this
read-only endpoint; ``404`` unknown named query (E303) or file; ``406`` no acceptable result
format (E313), or XML asked for an answer XML cannot carry (E318); ``413`` query or request body
too long (E314); ``503`` time limit (E307), memory limit (E317) or every worker busy (E315).
Error bodies are one ``text/plain`` line.

What an attacker on the network or in a browser meets (issue 17): ``SERVICE`` is refused from
the parsed query (rdflib's algebra; a query rdflib cannot parse is refused) and, in case a
spelling ever got past that, the query workers cannot open an IPv4/IPv6 socket (seccomp), so
the engine cannot fetch a URL; the ``Host`` header must name this server (DNS rebinding); no
CORS header is sent (other origins cannot read answers); request bodies are counted while they
stream in (chunked ones too) and cut off at ``4 x max_query_length`` bytes; each worker has an
address-space limit (``--max-memory``); every page (query page, views index, views) carries a
Content-Security-Policy, the views' inline scripts allowed by their hashes.

The store is opened read-only (a shared lock): other readers may use it meanwhile, and an
``aikg build`` on the same store is refused until the server stops.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import html
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import queue
import re
import resource
import signal
import socket
import sys
import threading
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aikg.errors import AikgError, QueryError
from aikg.graph.errors import Errors
from aikg.graph.namespaces import PREFIXES
from aikg.graph.sparql import ResultFormat, check_endpoint_query, control_character, execute, label_map, serialize
from aikg.graph.store import open_store
from aikg.queries import run_named

__all__ = ["MEDIA_TYPES", "ServerSettings", "allowed_hosts", "create_app", "deny_network", "limit_memory", "negotiate",
           "run_server"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

#: Media type of each result format (``charset=utf-8`` is added to text types).
MEDIA_TYPES: dict[ResultFormat, str] = {
    ResultFormat.JSON: "application/sparql-results+json",
    ResultFormat.XML: "application/sparql-results+xml",
    ResultFormat.CSV: "text/csv",
    ResultFormat.TSV: "text/tab-separated-values",
    ResultFormat.TABLE: "text/plain",
    ResultFormat.TURTLE: "text/turtle",
    ResultFormat.NTRIPLES: "application/n-triples",
    ResultFormat.RDFXML: "application/rdf+xml",
    ResultFormat.JSONLD: "application/ld+json",
}
_TABULAR_ACCEPT: dict[str, ResultFormat] = {
    "application/sparql-results+json": ResultFormat.JSON,
    "application/json": ResultFormat.JSON,
    "application/sparql-results+xml": ResultFormat.XML,
    "application/xml": ResultFormat.XML,
    "text/xml": ResultFormat.XML,
    "text/csv": ResultFormat.CSV,
    "text/tab-separated-values": ResultFormat.TSV,
    "text/plain": ResultFormat.TABLE,
}
_GRAPH_ACCEPT: dict[str, ResultFormat] = {
    "text/turtle": ResultFormat.TURTLE,
    "application/turtle": ResultFormat.TURTLE,
    "application/x-turtle": ResultFormat.TURTLE,
    "application/n-triples": ResultFormat.NTRIPLES,
    "text/plain": ResultFormat.NTRIPLES,
    "application/rdf+xml": ResultFormat.RDFXML,
    "application/xml": ResultFormat.RDFXML,
    "text/xml": ResultFormat.RDFXML,
    "application/ld+json": ResultFormat.JSONLD,
    "application/json": ResultFormat.JSONLD,
}
_FORMAT_IRIS = {
    ResultFormat.JSON: FORMATS.SPARQL_Results_JSON,
    ResultFormat.XML: FORMATS.SPARQL_Results_XML,
    ResultFormat.CSV: FORMATS.SPARQL_Results_CSV,
    ResultFormat.TSV: FORMATS.SPARQL_Results_TSV,
    ResultFormat.TURTLE: FORMATS.Turtle,
    ResultFormat.NTRIPLES: FORMATS["N-Triples"],
    ResultFormat.RDFXML: FORMATS.RDF_XML,
    ResultFormat.JSONLD: FORMATS["JSON-LD"],
}
_STATUS = {"E301": 400, "E302": 400, "E303": 404, "E304": 400, "E306": 403, "E307": 503, "E308": 400,
           "E309": 403, "E310": 500, "E311": 400, "E312": 400, "E313": 406, "E314": 413, "E315": 503,
           "E316": 400, "E317": 503, "E318": 406}
_VIEW_SUFFIXES = {".html", ".htm", ".css", ".js", ".json", ".svg", ".png"}
_ASSETS = {"query.html": "text/html", "query.js": "text/javascript", "query.css": "text/css"}
_PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
#: The views (pyvis pages) carry their scripts inline: each is allowed by its hash, nothing else
#: runs; their inline styles and data: images are allowed.
_VIEW_POLICY = ("default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                "form-action 'none'; frame-ancestors 'self'")
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)(?:\s[^>]*)?>(.*?)</script", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class ServerSettings:
    """What ``aikg serve`` was asked for."""

    store: Path
    views: Path | None = None
    timeout: float = 10.0
    max_results: int = 10000
    workers: int = 2
    max_query_length: int = 100_000
    startup_timeout: float = 60.0
    #: Host names the server answers for (the Host header; DNS rebinding): see :func:`allowed_hosts`.
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")
    #: Address-space limit of each query worker, in MiB (0: none); a query past it gets E317.
    max_memory: int = 2048

    @property
    def max_body(self) -> int:
        """The largest request body read, in bytes (a query of ``max_query_length`` characters,
        form-encoded)."""
        return 4 * self.max_query_length


@dataclass(frozen=True)
class _Request:
    """What the server asks a worker: a query (or named query) and the formats the client accepts."""

    sparql: str | None = None
    named: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    tabular: ResultFormat | None = ResultFormat.JSON
    graph: ResultFormat | None = ResultFormat.TURTLE
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    label_iris: tuple[str, ...] = ()


# -- the worker process ----------------------------------------------------------------------
def deny_network() -> bool:
    """Make this process unable to open an IPv4 or IPv6 socket (a seccomp filter through
    libseccomp: ``socket(AF_INET*)`` fails with EACCES), so that no query, whatever its
    spelling, can make the engine call out: pyoxigraph evaluates ``SERVICE`` with its own HTTP
    client and has no option to turn it off. Unix pipes to the server still work. False where
    seccomp is not available (not Linux, or no libseccomp): :func:`check_endpoint_query` still
    refuses every query whose algebra holds a ``SERVICE``.
    """
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError, RuntimeError):  # pyseccomp loads libseccomp when imported
        return False
    try:
        rules = seccomp.SyscallFilter(seccomp.ALLOW)
        for family in (socket.AF_INET, socket.AF_INET6):
            rules.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.EQ, family))
        rules.load()
    except (OSError, RuntimeError, ValueError):
        return False
    return True


def limit_memory(mebibytes: int) -> None:
    """Let this process's address space (``RLIMIT_AS``) grow by at most ``mebibytes`` past what it
    holds now: a query that needs more fails to allocate (Python raises MemoryError; Oxigraph's Rust
    allocator aborts the process), and the server answers E317 instead of the machine swapping.
    0 leaves it unlimited.

    Why past what it holds, and called once the store is open: opening the store starts RocksDB's
    threads, one per core, each reserving a stack and a malloc arena, so the address space of an
    idle worker grows with the machine's cores (about 0.5 GiB on 2 cores, several GiB on 64).
    A limit counted from zero let the worker start on small machines and abort while opening the
    store on large ones; counted from the open store, ``--max-memory`` is what a query may take."""
    if mebibytes > 0:
        limit = address_space() + mebibytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def address_space() -> int:
    """Bytes of address space this process has mapped (``VmSize`` of ``/proc/self/status``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmSize line in /proc/self/status")


def _worker_main(conn: multiprocessing.connection.Connection, store_path: str, max_results: int,
                 timeout: float, max_memory: int = 0) -> None:
    """Open the store read-only and answer requests until the server closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    deny_network()
    os.environ["RUST_BACKTRACE"] = "0"  # an allocation past the limit: one line on stderr, not 40
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # a caller's odd IRI is not the server's news
    try:
        store = open_store(store_path, read_only=True)
    except AikgError as err:
        conn.send(("failed", str(err)))
        return
    limit_memory(max_memory)  # after the store's threads exist: see limit_memory
    conn.send(("ready", ""))
    with store:
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            try:
                reply = _answer(store, request, max_results, timeout)
            except MemoryError:
                reply = ("error", "E317", b"")
            conn.send(reply)


def _answer(store: Any, request: _Request, max_results: int, timeout: float) -> tuple[str, str, bytes]:
    """``("ok", media type, body)`` or ``("error", code, message)`` for one request."""
    try:
        if request.label_iris:
            labels = label_map(store, (URIRef(iri) for iri in request.label_iris))
            return "ok", "application/json", json.dumps({str(k): v for k, v in labels.items()}).encode("utf-8")
        if request.named is not None:
            answer = run_named(store, request.named, request.params, max_results=max_results, timeout=timeout)
        else:
            check_endpoint_query(request.sparql or "")  # parsed in the worker: bounded by its time limit
            answer = execute(store, request.sparql or "", max_results=max_results, timeout=timeout,
                             default_graphs=request.default_graphs, named_graphs=request.named_graphs)
        fmt = request.graph if answer.is_graph else request.tabular
        if fmt is None:
            kind = "graph (CONSTRUCT, DESCRIBE)" if answer.is_graph else "SELECT or ASK"
            raise QueryError(Errors.E313.format(kind=kind, acceptable=", ".join(_acceptable(answer.is_graph))))
        return "ok", MEDIA_TYPES[fmt], serialize(answer, fmt)
    except AikgError as err:
        return "error", err.code, str(err).encode("utf-8")
    except MemoryError:  # the worker's memory limit (limit_memory); the server words the message
        return "error", "E317", b""


def _acceptable(graph: bool) -> list[str]:
    return sorted(_GRAPH_ACCEPT if graph else _TABULAR_ACCEPT)


class _Worker:
    def __init__(self, context: Any, settings: ServerSettings) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, name="aikg-query-worker", daemon=True,
            args=(child, str(settings.store), settings.max_results, settings.timeout, settings.max_memory))
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise QueryError(Errors.E310.format(detail=f"a query worker did not start within {timeout:g} s"))
        try:
            status, message = self.conn.recv()
        except EOFError:
            status, message = "failed", f"it exited with status {self.process.exitcode}"
        if status != "ready":
            raise QueryError(Errors.E310.format(detail=f"a query worker could not open the store: {message}"))
        self.ready = True

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class QueryPool:
    """Worker processes that run queries; one that overruns the time limit is killed and replaced."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self.killed = 0
        for _ in range(settings.workers):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.settings)
        with self._lock:
            self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)

    def wait_ready(self) -> None:
        """Block until every worker has opened the store (raises :class:`QueryError` if one cannot)."""
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            worker.wait_ready(self.settings.startup_timeout)

    def run(self, request: _Request) -> tuple[str, str, bytes]:
        """Send ``request`` to an idle worker and wait for the answer, at most the time limit."""
        limit = self.settings.timeout
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            return "error", "E315", str(Errors.E315.format(seconds=limit)).encode()
        try:
            worker.wait_ready(self.settings.startup_timeout)
            worker.conn.send(request)
            if worker.conn.poll(limit + 0.5):
                reply: tuple[str, str, bytes] = worker.conn.recv()
                self._idle.put(worker)
                if reply[:2] == ("error", "E317"):
                    return "error", "E317", str(Errors.E317.format(limit=self.settings.max_memory)).encode()
                return reply
        except (EOFError, OSError, QueryError) as err:
            worker.process.join(timeout=5)
            aborted = worker.process.exitcode == -signal.SIGABRT  # Rust's answer to a failed allocation
            self._retire(worker)
            self._idle.put(self._spawn())
            if aborted and self.settings.max_memory:
                return "error", "E317", str(Errors.E317.format(limit=self.settings.max_memory)).encode()
            return "error", "E310", f"[E310] the query worker failed ({err}); it was restarted".encode()
        self._retire(worker)
        self.killed += 1
        self._idle.put(self._spawn())
        return "error", "E307", (f"[E307] the query ran longer than the time limit of {limit:g} s and was stopped; "
                                 "narrow it or add a LIMIT").encode()

    def close(self) -> None:
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()


# -- the HTTP layer's guards ---------------------------------------------------------------------
def allowed_hosts(bound: str) -> tuple[str, ...]:
    """The ``Host`` header values the server answers for (DNS rebinding: a page whose domain
    resolves to 127.0.0.1 sends its own name, and gets 400): this machine's loopback names, the
    address it is bound to and, when bound to every interface, its host names and addresses.

    >>> allowed_hosts("127.0.0.1")
    ('127.0.0.1', '[::1]', 'localhost')
    >>> allowed_hosts("::1")
    ('127.0.0.1', '[::1]', 'localhost')
    """
    names = {"localhost", "127.0.0.1", "::1", bound}
    if bound in {"0.0.0.0", "::", ""}:
        names -= {bound}
        hostname = socket.gethostname()
        names |= {hostname, socket.getfqdn()}
        try:
            names |= set(socket.gethostbyname_ex(hostname)[2])
        except OSError:
            pass
    return tuple(sorted(f"[{n}]" if ":" in n else n.lower() for n in names if n))


class _TooLarge(Exception):
    """Raised inside ``receive`` when a request body passes the limit."""


class BodyLimit:
    """Refuse (413, E314) a request body longer than ``limit`` bytes on every route, counted while
    it streams in: a ``Content-Length`` above the limit is refused before reading, and a chunked
    body (no length) is cut off at the first chunk past it, so a client cannot make the server
    hold more than ``limit`` bytes of one request."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = _error("E314", Errors.E314.format(what="request body", limit=self.limit))
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            await refusal(scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, sending)
        except _TooLarge:
            if not started:
                await refusal(scope, receive, send)


# -- content negotiation -----------------------------------------------------------------------
def _accepted(header: str) -> list[str]:
    """Media types of an Accept header, best first (``q`` descending, then order of appearance)."""
    entries = []
    for position, part in enumerate(header.split(",")):
        media, *options = (p.strip() for p in part.split(";"))
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            entries.append((-quality, position, media.lower()))
    return [media for _, _, media in sorted(entries)]


def negotiate(accept: str | None, fmt: str | None = None) -> tuple[ResultFormat | None, ResultFormat | None]:
    """The result formats (for SELECT/ASK, for graphs) a client asks for by ``Accept`` or ``?format=``.

    ``(None, None)`` means the client accepts no format aikg can send. A client that accepts
    formats for one kind of answer only gets the default format for the other kind.

    >>> negotiate("text/csv")
    (<ResultFormat.CSV: 'csv'>, <ResultFormat.TURTLE: 'turtle'>)
    >>> negotiate("image/png")
    (None, None)
    >>> negotiate("application/json, */*;q=0.1")
    (<ResultFormat.JSON: 'json'>, <ResultFormat.JSONLD: 'jsonld'>)
    >>> negotiate(None, "tsv")
    (<ResultFormat.TSV: 'tsv'>, <ResultFormat.TSV: 'tsv'>)
    """
    if fmt:
        try:
            chosen = ResultFormat(fmt.lower())
        except ValueError:
            raise QueryError(Errors.E302.format(
                detail=f"unknown format {fmt!r}; expected one of {', '.join(f.value for f in ResultFormat)}")) from None
        return chosen, chosen  # serialize() says (E302) when it does not fit the kind of answer
    tabular: ResultFormat | None = None
    graph: ResultFormat | None = None
    for media in _accepted(accept or "*/*"):
        if tabular is None:
            tabular = _TABULAR_ACCEPT.get(media) or (ResultFormat.JSON if media in {"*/*", "application/*"} else None)
        if graph is None:
            graph = _GRAPH_ACCEPT.get(media) or (ResultFormat.TURTLE if media in {"*/*", "text/*"} else None)
    if tabular is None and graph is None:
        return None, None
    # A client that names only result-set types (rdflib's SPARQLStore sends just
    # application/sparql-results+json) still gets a CONSTRUCT answer, in Turtle; and vice versa.
    return tabular or ResultFormat.JSON, graph or ResultFormat.TURTLE


# -- the application ---------------------------------------------------------------------------
def _error(code: str, message: str) -> PlainTextResponse:
    text = message if message.startswith("[") else f"[{code}] {message}"
    return PlainTextResponse(" ".join(text.split()) + "\n", status_code=_STATUS.get(code, 400))


def _reply(result: tuple[str, str, bytes | str]) -> Response:
    status, kind, body = result
    if status == "ok":
        return Response(body, media_type=kind + ("; charset=utf-8" if not kind.endswith("+xml") else ""),
                        headers={"Vary": "Accept"})
    return _error(kind, body.decode("utf-8") if isinstance(body, bytes) else body)


def _service_description(request: Request) -> Response:
    endpoint = URIRef(str(request.url.replace(query="", fragment="")))
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for iri in _FORMAT_IRIS.values():
        graph.add((service, SD.resultFormat, iri))
    dataset, default = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((service, URIRef("http://purl.org/dc/terms/description"),
                Literal("aikg knowledge graph (read-only); the default graph is the union of all document graphs")))
    _, fmt = negotiate(request.headers.get("accept"), request.query_params.get("format"))
    fmt = fmt or ResultFormat.TURTLE
    rdflib_format = {ResultFormat.NTRIPLES: "nt", ResultFormat.RDFXML: "xml", ResultFormat.JSONLD: "json-ld"}
    body = graph.serialize(format=rdflib_format.get(fmt, "turtle"), encoding="utf-8")
    return Response(body, media_type=MEDIA_TYPES.get(fmt, "text/turtle") + "; charset=utf-8")


def create_app(settings: ServerSettings) -> Starlette:
    """The ASGI application; its lifespan starts the query workers and stops them."""
    state: dict[str, QueryPool] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = QueryPool(settings)
        state["pool"] = pool
        try:
            await run_in_threadpool(pool.wait_ready)
            yield
        finally:
            pool.close()

    async def dispatch(request: _Request) -> Response:
        return _reply(await run_in_threadpool(state["pool"].run, request))

    async def sparql(request: Request) -> Response:
        try:
            params = request.query_params
            queries = params.getlist("query")
            updates = params.getlist("update")
            if request.method == "POST":
                content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
                if content_type == "application/sparql-update":
                    return _error("E306", "SPARQL Update is refused: this endpoint is read-only")
                if content_type == "application/sparql-query":
                    queries = [*queries, (await request.body()).decode("utf-8", "replace")]
                elif content_type == "application/x-www-form-urlencoded":
                    # parsed here: Starlette's form parser needs python-multipart, which we do not need
                    form = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
                    queries = [*queries, *form.get("query", [])]
                    updates = [*updates, *form.get("update", [])]
                else:
                    return PlainTextResponse(
                        f"[E302] POST a query as application/sparql-query or application/x-www-form-urlencoded, "
                        f"not {content_type or 'no content type'}\n", status_code=415)
            if updates:
                return _error("E306", "SPARQL Update is refused: this endpoint is read-only")
            if not queries:
                if request.method == "GET":
                    return _service_description(request)
                return _error("E301", "no query given: send query=... (form) or an application/sparql-query body")
            if len(queries) > 1:
                return _error("E301", "give exactly one query parameter")
            text = queries[0]
            if len(text) > settings.max_query_length:
                return _error("E314", Errors.E314.format(what="query", limit=settings.max_query_length))
            tabular, graph = negotiate(request.headers.get("accept"), params.get("format"))
        except QueryError as err:
            return _error(err.code, str(err))
        if tabular is None and graph is None:
            return _error("E313", f"no acceptable result format in Accept: {request.headers.get('accept')}; "
                                  f"use one of {', '.join(sorted(set(_TABULAR_ACCEPT) | set(_GRAPH_ACCEPT)))}")
        return await dispatch(_Request(sparql=text, tabular=tabular, graph=graph,
                                       default_graphs=tuple(params.getlist("default-graph-uri")),
                                       named_graphs=tuple(params.getlist("named-graph-uri"))))

    async def named(request: Request) -> Response:
        params = {k: v for k, v in request.query_params.items() if k != "format"}
        try:
            for key, value in params.items():
                where = control_character(key + "=" + value)
                if where is not None:
                    raise QueryError(Errors.E316.format(where=where, what=f"parameter {key!r}"))
            from aikg.queries import get_query

            get_query(request.path_params["name"])
            tabular, graph = negotiate(request.headers.get("accept"), request.query_params.get("format"))
        except QueryError as err:
            return _error(err.code, str(err))
        return await dispatch(_Request(named=request.path_params["name"], params=params, tabular=tabular,
                                       graph=graph))

    async def labels(request: Request) -> Response:
        try:
            payload = json.loads(await request.body())
            iris = payload["iris"]
            if not isinstance(iris, list) or len(iris) > 1000 or not all(isinstance(i, str) for i in iris):
                raise ValueError("iris must be a list of at most 1000 strings")
        except RecursionError:  # json nests as deep as the body; Python's parser recurses
            return _error("E304", 'POST {"iris": [...]} as JSON: the body nests too deeply')
        except (ValueError, KeyError, TypeError) as err:
            return _error("E304", f'POST {{"iris": [...]}} as JSON: {err}')
        usable = tuple(i for i in iris if i.startswith(("http://", "https://")) and not any(c in i for c in ' <>"')
                       and control_character(i) is None)
        if not usable:
            return JSONResponse({})
        return await dispatch(_Request(label_iris=usable))

    async def queries_json(request: Request) -> Response:
        from aikg.queries import load_queries

        return JSONResponse({
            "prefixes": {prefix: str(ns) for prefix, ns in PREFIXES.items()},
            "queries": [
                {"name": q.name, "title": q.title, "description": q.description, "text": q.text,
                 "parameters": [{"name": p.name, "type": p.type, "optional": p.optional,
                                 "description": p.description, "example": p.example} for p in q.parameters]}
                for q in load_queries().values()
            ],
        })

    async def page(request: Request) -> Response:
        return _asset("query.html")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _ASSETS:
            return PlainTextResponse("not found\n", status_code=404)
        return _asset(name)

    async def views(request: Request) -> Response:
        return _view(settings, request.path_params.get("path", ""))

    async def ask_question(request: Request) -> Response:
        """The query page's question box: the question's query as JSON (aikg.ask.ask_for_page)."""
        from aikg.ask import ask_for_page

        try:
            question = request.query_params.get("q", "")
            return JSONResponse(await run_in_threadpool(ask_for_page, settings.store, question))
        except AikgError as err:
            return _error(err.code, str(err))

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok\n")

    routes = [
        Route("/", page),
        Route("/assets/{name}", asset),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/named/{name}", named),
        Route("/queries.json", queries_json),
        Route("/labels", labels, methods=["POST"]),
        Route("/views/", views),
        Route("/views/{path:path}", views),
        Route("/health", health),
        Route("/ask", ask_question),
    ]
    # CORS: none. No Access-Control-Allow-* header is ever sent, so a page from another origin
    # cannot read an answer (the query page is same-origin); requests such a page can send
    # anyway are reads of a read-only endpoint. The Host check stops DNS rebinding, where the
    # other page's origin *is* this server's address under a name the attacker controls.
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.hosts), www_redirect=False),
                  Middleware(BodyLimit, limit=settings.max_body)]
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)


def _asset(name: str) -> Response:
    body = (files("aikg.graph.views") / "assets" / name).read_bytes()
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
    if name.endswith(".html"):
        headers["Content-Security-Policy"] = _PAGE_POLICY
    return Response(body, media_type=_ASSETS[name] + "; charset=utf-8", headers=headers)


def _view(settings: ServerSettings, path: str) -> Response:
    root = settings.views
    if root is None or not root.is_dir():
        return PlainTextResponse(f"no views folder ({root}); write one with 'aikg view' or pass --views\n",
                                 status_code=404)
    root = root.resolve()
    store = settings.store.resolve()
    if not path:
        pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.htm*")
                       if p.is_file() and store not in p.resolve().parents)
        items = "".join(f'<li><a href="/views/{html.escape(p)}">{html.escape(p)}</a></li>' for p in pages)
        return HTMLResponse(f"<!doctype html><meta charset=utf-8><title>aikg views</title><h1>Views</h1>"
                            f"<ul>{items or '<li>none yet: run aikg view</li>'}</ul><p><a href='/'>query page</a>",
                            headers={"Content-Security-Policy": _PAGE_POLICY, "X-Content-Type-Options": "nosniff"})
    not_found = PlainTextResponse("not found\n", status_code=404)
    if control_character(path) is not None:  # a NUL cannot name a file (Path raises ValueError)
        return not_found
    try:
        target = (root / path).resolve()
        if (root not in target.parents or store == target or store in target.parents or not target.is_file()
                or target.suffix.lower() not in _VIEW_SUFFIXES):
            return not_found
    except (OSError, ValueError):  # a name too long, a loop of links
        return not_found
    if target.suffix.lower() in {".html", ".htm"}:
        return _view_page(target)
    return FileResponse(target, headers={"X-Content-Type-Options": "nosniff"})


def _view_page(target: Path) -> Response:
    """A view page with a Content-Security-Policy that lets its own inline scripts run (by hash)
    and nothing else."""
    body = target.read_bytes()
    hashes = " ".join(sorted({f"'sha256-{base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()}'"
                              for m in _INLINE_SCRIPT.finditer(body)}))
    return Response(body, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": _VIEW_POLICY.format(hashes=hashes),
                             "X-Content-Type-Options": "nosniff"})


def run_server(settings: ServerSettings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted; the store is held with a shared (reader) lock meanwhile."""
    import uvicorn  # only when serving: ``aikg --help`` stays fast

    with open_store(settings.store, read_only=True):  # the lock: a build waits until we stop
        app = create_app(replace(settings, hosts=allowed_hosts(host)))
        shown = f"[{host}]" if ":" in host else host
        print(f"aikg: serving {settings.store} read-only at http://{shown}:{port}/ "
              f"(SPARQL endpoint: http://{shown}:{port}/sparql; Ctrl-C stops)", file=sys.stderr, flush=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
