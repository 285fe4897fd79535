"""The one module that opens stores.

The embedded default is a persistent on-disk Oxigraph store seen through rdflib (oxrdflib), so
users get rdflib's API and Oxigraph's speed. Writes go straight to pyoxigraph where rdflib has
no transactional equivalent: replacing a document's graph is a single SPARQL Update request,
which Oxigraph applies atomically, so a crash or a bad file never leaves a half-written document.
"""

from __future__ import annotations

import fcntl
import gc
import os
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result
from rdflib.term import Identifier

from aikg.errors import StoreError
from aikg.graph.build import OxQuad, Quad
from aikg.graph.namespaces import AIKG, BASE, PREFIX_IRIS, PREFIXES, document_iri
from aikg.graph.prebind import inline_iris
from aikg.graph.terms import TermCache, to_oxigraph

__all__ = ["KnowledgeStore", "LocalStore", "SparqlServerStore", "StoredDocument", "endpoints", "open_store",
           "oxigraph_query", "to_oxigraph"]

_MARKER = "aikg-store"


@dataclass(frozen=True)
class StoredDocument:
    """A document as the store knows it."""

    doc_id: str
    iri: str
    content_hash: str | None


def _document_triples(
    doc_id: str, quads: Iterable[Quad | tuple[Any, Any, Any, Any]]
) -> tuple[ox.NamedNode, list[tuple[Any, Any, Any]]]:
    """The graph of ``doc_id`` and the Oxigraph terms of its triples; every quad must be in it.

    Quads may be rdflib terms (converted) or pyoxigraph terms already
    (:func:`~aikg.graph.build.oxigraph_quads`, what the build writes: taken as they are).
    """
    graph = ox.NamedNode(str(document_iri(doc_id)))
    oxigraph_terms = (ox.NamedNode, ox.Literal, ox.BlankNode)
    triples = []
    for s, p, o, g in quads:
        if (g != graph) if isinstance(g, ox.NamedNode) else (str(g) != graph.value):
            raise StoreError(f"quad for graph {g} given while writing document {doc_id!r}", code="E203")
        triples.append((s if isinstance(s, oxigraph_terms) else to_oxigraph(s),
                        p if isinstance(p, oxigraph_terms) else to_oxigraph(p),
                        o if isinstance(o, oxigraph_terms) else to_oxigraph(o)))
    return graph, triples


#: Where a bulk write lists the graphs it has not finished (see LocalStore.write_documents).
#: Internal to the store (not ontology terms): the graph is empty except during a bulk write.
_STATE_GRAPH = ox.NamedNode(BASE + "store/pending-writes")
_PENDING = ox.NamedNode(BASE + "store/pendingDocument")
_CONTENT_HASH = ox.NamedNode(str(AIKG.contentHash))
#: Below this many new documents a batch is written by transactions (the bulk path's fixed cost).
_BULK_MIN_DOCUMENTS = 4


def _hash_quads(graph: ox.NamedNode, triples: list[tuple[Any, Any, Any]]) -> list[tuple[Any, Any, Any]]:
    """The content-hash triples of a document: it counts as stored once they are."""
    return [t for t in triples if t[1] == _CONTENT_HASH and t[0] == graph]


def _retract(graph: ox.NamedNode) -> str:
    """The SPARQL Update that removes from the default graph what only ``graph`` supports."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}")


def _plain(term: Any) -> Any:
    """RDF 1.1 makes ``"x"`` and ``"x"^^xsd:string`` the same literal, but rdflib compares them
    as different; Oxigraph returns the typed form. Normalise to the plain form rdflib builds."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _value(term: Any) -> str:
    return str(term.value)


class KnowledgeStore(ABC):
    """An aikg graph store: one named graph per document, their merge queried by default.

    Queries without ``GRAPH`` read the store's default graph, which holds the *distinct* union
    of all document graphs, kept in step with them by every write (same transaction). We keep
    this copy instead of querying Oxigraph's union view because that view does not remove
    duplicates (oxigraph issue 1919): an entity described by fifty documents would multiply
    every join by fifty and inflate every count. The copy costs disk, not correctness.

    Two implementations: :class:`LocalStore` (embedded on-disk Oxigraph, the default) and
    :class:`SparqlServerStore` (any SPARQL 1.1 server with query and update endpoints). Use
    :func:`open_store`, and close the store (or use it as a context manager).
    """

    location: str
    read_only: bool
    dataset: Dataset
    #: Flush the write buffers every so many documents written: a million-quad build then
    #: stays near 230 MiB instead of 1.1 GiB (measured in benchmarks/), at no cost in time.
    flush_every: int = 250
    _written: int = 0

    def __enter__(self) -> KnowledgeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Release the store."""

    @abstractmethod
    def update(self, sparql_update: str) -> None:
        """Apply one SPARQL Update request (atomic on Oxigraph)."""

    def flush(self) -> None:  # noqa: B027 - a hook: servers flush by themselves
        """Write buffered changes to disk (they are durable already; this bounds memory)."""

    def optimize(self) -> None:  # noqa: B027 - a hook: servers manage their own storage
        """Compact the storage after many writes (Oxigraph: RocksDB compaction). After a build of
        2,526 documents it took 2.2 s and halved the time of joins (funding_rounds 51 -> 25 ms)."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads in all graphs."""

    # -- documents -------------------------------------------------------------------------
    def documents(self) -> list[StoredDocument]:
        """Every document in the store, sorted by id."""
        rows = self.select("""SELECT ?doc ?id ?hash WHERE { GRAPH ?doc { ?doc aikg:documentId ?id
                              OPTIONAL { ?doc aikg:contentHash ?hash } } }""")
        return sorted((StoredDocument(str(i), str(d), None if h is None else str(h)) for d, i, h in rows),
                      key=lambda d: d.doc_id)

    def content_hash(self, doc_id: str) -> str | None:
        """The stored content hash of a document, or None when the store does not hold it."""
        iri = document_iri(doc_id).n3()  # built by quote(): no character can escape the IRI
        rows = self.select(f"SELECT ?hash WHERE {{ GRAPH {iri} {{ {iri} aikg:contentHash ?hash }} }}")
        return str(rows[0][0]) if rows else None

    def replace_document(self, doc_id: str, quads: Iterable[Quad] | Iterable[OxQuad]) -> int:
        """Atomically replace the named graph of ``doc_id`` with ``quads``; returns their number.

        The new graph and its share of the merged default graph are written in one
        transaction (see :meth:`_write`): either the whole new graph is there, or the old one
        still is.
        """
        self._writable()
        graph, triples = _document_triples(doc_id, quads)
        written = self._write_one(doc_id, graph, triples, replacing=self.content_hash(doc_id) is not None)
        if isinstance(written, StoreError):
            raise written
        return written

    def _write_one(self, doc_id: str, graph: ox.NamedNode, triples: list[tuple[Any, Any, Any]], *,
                   replacing: bool) -> int | StoreError:
        """One document in one transaction (``replacing`` a stored version or not): its number of
        quads, or the error (returned, not raised)."""
        try:
            self._write(graph, triples, replacing=replacing)
            self._written += 1
            if self._written % self.flush_every == 0:
                self.flush()
        except (OSError, SyntaxError, RuntimeError) as err:
            error = StoreError(f"could not write document {doc_id!r}: {err}", code="E204")
            error.__cause__ = err
            return error
        return len(triples)

    def write_documents(self, documents: Sequence[tuple[str, Iterable[Quad] | Iterable[OxQuad]]]
                        ) -> list[int | StoreError]:
        """Write several documents; for each, in order, its number of quads or the error that
        stopped it (the others are still written). Each is atomic, as with
        :meth:`replace_document`, which this default uses for every document;
        :class:`LocalStore` loads the new ones of a batch together, much faster.
        """
        results: list[int | StoreError] = []
        for doc_id, quads in documents:
            try:
                results.append(self.replace_document(doc_id, quads))
            except StoreError as err:
                results.append(err)
        return results

    def _write(self, graph: ox.NamedNode, triples: list[tuple[Any, Any, Any]], *, replacing: bool) -> None:
        """One SPARQL Update request (one transaction on Oxigraph). Terms are serialised by
        pyoxigraph (N-Triples escaping), never pasted as raw text."""
        body = "\n".join(f"{s} {p} {o} ." for s, p, o in triples)
        request = f"INSERT DATA {{\n{body}\nGRAPH {graph} {{\n{body}\n}} }}"
        if replacing:  # a changed document: retract the old graph first
            request = f"{_retract(graph)} ;\nDROP SILENT GRAPH {graph} ;\n{request}"
        self.update(request)

    def remove_document(self, doc_id: str) -> bool:
        """Drop the graph of ``doc_id``; facts that other documents state stay. False if absent."""
        self._writable()
        if self.content_hash(doc_id) is None:
            return False
        graph = ox.NamedNode(str(document_iri(doc_id)))
        self.update(f"{_retract(graph)} ;\nDROP SILENT GRAPH {graph}")
        return True

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only", code="E205")

    # -- queries ---------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run SPARQL over the merge of all document graphs, with aikg's prefixes pre-bound.

        ``bindings`` are substituted as RDF terms, never pasted into the text.
        """
        return self.dataset.query(sparql, initNs=dict(PREFIXES), initBindings=dict(bindings or {}))

    def select(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> list[tuple[Any, ...]]:
        """Rows of a SELECT query as plain tuples (cells are rdflib terms or None)."""
        result = self.query(sparql, bindings)
        if result.type != "SELECT":
            raise TypeError(f"select() needs a SELECT query, got {result.type}")
        return [tuple(_plain(cell) for cell in row) for row in result]  # type: ignore[union-attr]

    def document_graph(self, doc_id: str) -> Graph:
        """A copy of one document's named graph (read-only stores included)."""
        iri = document_iri(doc_id).n3()  # built by quote(): no character can escape the IRI
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}")
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        if result.graph is not None:
            for s, p, o in result.graph:
                graph.add((s, p, _plain(o)))
        return graph

    def quads(self) -> Iterator[tuple[Any, Any, Any, Any]]:
        """Every quad (rdflib terms; the last is the graph name)."""
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            yield s, p, _plain(o), (g.identifier if isinstance(g, Graph) else g)


class LocalStore(KnowledgeStore):
    """The embedded default: a persistent on-disk Oxigraph store seen through oxrdflib."""

    def __init__(self, inner: ox.Store, location: Path, *, read_only: bool, lock: IO[bytes] | None = None) -> None:
        self._inner = inner
        self._lock = lock
        self.location = str(location)
        self.read_only = read_only
        self.dataset = Dataset(store=OxigraphStore(store=inner), default_union=False)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)

    def close(self) -> None:
        """Flush, release RocksDB (every reference to the store is dropped) and the lock."""
        if not hasattr(self, "_inner"):
            return
        if not self.read_only:
            self._inner.flush()
        del self._inner
        del self.dataset
        gc.collect()
        if self._lock is not None:
            _HELD_LOCKS.discard(self._lock)
            self._lock.close()
            self._lock = None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk work that rdflib would slow down."""
        return self._inner

    def update(self, sparql_update: str) -> None:
        self._writable()
        self._inner.update(sparql_update)

    def flush(self) -> None:
        if not self.read_only:
            self._inner.flush()

    def optimize(self) -> None:
        if not self.read_only:
            self._inner.optimize()

    def _write(self, graph: ox.NamedNode, triples: list[tuple[Any, Any, Any]], *, replacing: bool) -> None:
        """A new document has nothing to retract: its quads and their copy in the merged default
        graph go in through one ``Store.extend`` call, which Oxigraph also applies as one
        transaction, without serialising and re-parsing them as SPARQL."""
        if replacing:
            super()._write(graph, triples, replacing=True)
            return
        default = ox.DefaultGraph()
        self._inner.extend([ox.Quad(s, p, o, g) for s, p, o in triples for g in (graph, default)])

    def write_documents(self, documents: Sequence[tuple[str, Iterable[Quad] | Iterable[OxQuad]]]
                        ) -> list[int | StoreError]:
        """Write several documents: changed ones by transaction, new ones by one bulk ingest.

        Oxigraph's transactional ``extend`` costs about 10 us a quad, and its write buffers
        must be flushed later; its bulk loader writes index files directly (a third of the CPU
        for a batch of 64 new documents, no flush: docs/performance.md, finding 7). The bulk
        loader is not transactional, so a batch is written in three steps that keep every
        document all-or-nothing: (1) one transaction lists the batch's graphs as pending, (2)
        the bulk ingest writes their quads and their copy in the merged default graph, except
        the content hashes, (3) one transaction writes the content hashes and clears the list.
        A document counts as stored only once its content hash is there; after a crash, or if
        step 2 fails, :meth:`_recover` drops the pending graphs without a hash and whatever
        they alone put in the default graph, and the batch is written document by document.
        """
        self._writable()
        results: list[int | StoreError | None] = [None] * len(documents)
        fresh: list[tuple[int, ox.NamedNode, list[tuple[Any, Any, Any]]]] = []
        later: list[tuple[int, ox.NamedNode, list[tuple[Any, Any, Any]]]] = []  # replace a fresh one
        fresh_graphs: set[ox.NamedNode] = set()
        for index, (doc_id, quads) in enumerate(documents):
            try:
                graph, triples = _document_triples(doc_id, quads)
            except StoreError as err:
                results[index] = err
                continue
            if graph in fresh_graphs:  # the same document again: replaces the first, afterwards
                later.append((index, graph, triples))
                continue
            stored = self.content_hash(doc_id) is not None
            if not stored and _hash_quads(graph, triples):
                fresh.append((index, graph, triples))
                fresh_graphs.add(graph)
            else:  # a changed document (or one without a content hash): one transaction
                results[index] = self._write_one(doc_id, graph, triples, replacing=stored)
        if len(fresh) >= _BULK_MIN_DOCUMENTS:
            try:
                self._bulk_write(fresh)
                for index, _, triples in fresh:
                    results[index] = len(triples)
                fresh = []
            except (OSError, RuntimeError, ValueError):
                self._recover()  # then one transaction per document, below
        for batch, replacing in ((fresh, False), (later, True)):
            for index, graph, triples in batch:
                results[index] = self._write_one(documents[index][0], graph, triples, replacing=replacing)
        return [r if r is not None else StoreError("not written", code="E204") for r in results]

    def unfinished_writes(self) -> int:
        """How many documents an interrupted bulk write left pending (0 normally; see
        :meth:`write_documents`). A writable open undoes them; a read-only one refuses the store."""
        return len(self._pending_graphs())

    def _pending_graphs(self) -> list[ox.NamedNode]:
        return [q.object for q in self._inner.quads_for_pattern(_STATE_GRAPH, _PENDING, None, _STATE_GRAPH)
                if isinstance(q.object, ox.NamedNode)]

    def _bulk_write(self, fresh: list[tuple[int, ox.NamedNode, list[tuple[Any, Any, Any]]]]) -> None:
        """Steps 1-3 of :meth:`write_documents` for documents the store does not hold."""
        default = ox.DefaultGraph()
        self._inner.extend([ox.Quad(_STATE_GRAPH, _PENDING, graph, _STATE_GRAPH) for _, graph, _ in fresh])
        hashes = [(graph, quad) for _, graph, triples in fresh for quad in _hash_quads(graph, triples)]

        def facts() -> Iterator[ox.Quad]:
            for _, graph, triples in fresh:
                for s, p, o in triples:
                    if not (p == _CONTENT_HASH and s == graph):
                        yield ox.Quad(s, p, o, graph)
                        yield ox.Quad(s, p, o, default)

        self._inner.bulk_extend(facts())
        inserted = "\n".join(f"{s} {p} {o} . GRAPH {g} {{ {s} {p} {o} }}" for g, (s, p, o) in hashes)
        self._inner.update(f"INSERT DATA {{ {inserted} }} ;\nDROP SILENT GRAPH {_STATE_GRAPH}")

    def _recover(self) -> None:
        """Undo a bulk write that did not finish (see :meth:`write_documents`); no-op otherwise."""
        pending = self._pending_graphs()
        if not pending:
            return
        requests = [f"DROP SILENT GRAPH {graph}" for graph in pending
                    if not any(True for _ in self._inner.quads_for_pattern(graph, _CONTENT_HASH, None, graph))]
        # what only dropped graphs had put in the merge: default-graph triples no graph states
        requests.append("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
        requests.append(f"DROP SILENT GRAPH {_STATE_GRAPH}")
        self._inner.update(" ;\n".join(requests))

    def select(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> list[tuple[Any, ...]]:
        """Rows of a SELECT query (rdflib terms or None), straight from Oxigraph: rdflib's
        query machinery and per-cell conversion cost up to 2.7x Oxigraph's own time at a million
        quads; here each distinct term is converted once (:class:`~aikg.graph.terms.TermCache`)."""
        result = oxigraph_query(self._inner, sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("select() needs a SELECT query")
        convert = TermCache()
        return [convert.row(solution) for solution in result]

    def content_hash(self, doc_id: str) -> str | None:
        iri = ox.NamedNode(str(document_iri(doc_id)))
        for quad in self._inner.quads_for_pattern(iri, ox.NamedNode(str(AIKG.contentHash)), None, iri):
            return _value(quad.object)
        return None

    def __len__(self) -> int:
        return len(self._inner)


def oxigraph_query(store: ox.Store, sparql: str, bindings: Mapping[str, Identifier] | None = None,
                   **options: Any) -> Any:
    """Run ``sparql`` on a pyoxigraph store with aikg's prefixes and ``bindings`` substituted.

    Bound IRIs are also written into the query's triple patterns by
    :func:`~aikg.graph.prebind.inline_iris` (same answer; Oxigraph plans with them known:
    400 ms -> 12 ms for a company's funding at a million quads). ``options`` go to
    ``Store.query`` (``default_graph``, ``named_graphs``). TypeError when a binding is not
    an RDF term.
    """
    bindings = bindings or {}
    iris = {name: str(term) for name, term in bindings.items() if isinstance(term, URIRef)}
    return store.query(
        inline_iris(sparql, iris) if iris else sparql,
        prefixes=PREFIX_IRIS,
        substitutions={ox.Variable(name): to_oxigraph(term) for name, term in bindings.items()},
        **options,
    )


class SparqlServerStore(KnowledgeStore):
    """Any SPARQL 1.1 server, through its query and update endpoints (rdflib's SPARQLUpdateStore).

    The server must keep a real default graph (not a union view): aikg writes the distinct
    union of the document graphs there itself, as in the embedded store (Oxigraph's
    ``oxigraph serve`` does, without ``--union-default-graph``).
    """

    def __init__(self, query_endpoint: str, update_endpoint: str, *, read_only: bool) -> None:
        self.location = query_endpoint
        self.update_endpoint = update_endpoint
        self.read_only = read_only
        backend = SPARQLUpdateStore(query_endpoint, update_endpoint, returnFormat="json", autocommit=True)
        # For rdflib's SPARQLStore, "union" only means: send no default-graph-uri, so that the
        # server's own default graph (where aikg keeps the merged facts) answers.
        self.dataset = Dataset(store=backend, default_union=True)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)

    def close(self) -> None:
        self.dataset.close()

    def update(self, sparql_update: str) -> None:
        self._writable()
        request = urllib.request.Request(
            self.update_endpoint, data=sparql_update.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace")[:300]
            raise StoreError(f"SPARQL server {self.update_endpoint} refused the update: {err.code} {detail}",
                             code="E209") from err
        except urllib.error.URLError as err:
            raise StoreError(f"SPARQL server {self.update_endpoint} unreachable: {err.reason}", code="E210") from err

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return int(rows[0][0])


#: The lock files this process holds, so that forked children can let go of them.
_HELD_LOCKS: set[IO[bytes]] = set()


def _release_locks_in_child() -> None:
    """A forked extraction worker inherits the lock file: if it kept it, the lock would outlive
    a killed build until its workers exit, and reopening the store would fail (E206). Closing
    the child's copy leaves the parent's flock in place (it belongs to the parent's open file)."""
    for handle in _HELD_LOCKS:
        handle.close()
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_release_locks_in_child)


def _acquire(marker: Path, *, shared: bool) -> IO[bytes]:
    """Take the store's advisory lock: shared for readers, exclusive for the one writer.

    Oxigraph allows one read-write process and says that reading while another process
    writes is undefined, so a reader and a writer never hold the store together: the second
    one gets a clear error instead.
    """
    handle = marker.open("ab")
    try:
        fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        who = ("being written by an aikg build" if shared
               else "in use by another aikg process (a build, a query or aikg serve)")
        raise StoreError(f"store {marker.parent} is {who}; retry when it ends", code="E206") from None
    _HELD_LOCKS.add(handle)
    return handle


def endpoints(url: str) -> tuple[str, str]:
    """Query and update endpoints from ``--store URL``: ``QUERY|UPDATE``, or the update endpoint
    guessed from the query one (``.../query`` -> ``.../update``, as Oxigraph and Fuseki name them).

    >>> endpoints("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    >>> endpoints("http://h/sparql|http://h/sparql-auth")
    ('http://h/sparql', 'http://h/sparql-auth')
    """
    if "|" in url:
        query, update = url.split("|", 1)
        return query, update
    if url.rstrip("/").endswith("/query"):
        return url, url.rstrip("/")[: -len("query")] + "update"
    return url, url


def open_store(location: str | Path, *, read_only: bool = False) -> KnowledgeStore:
    """Open the store at ``location``: a folder (created for writing) or a SPARQL server URL.

    Readers share the store; a writer has it alone. Raises :class:`~aikg.errors.StoreError`
    naming the path when it is not a store, is locked, or cannot be created.
    """
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        query, update = endpoints(location)
        return SparqlServerStore(query, update, read_only=read_only)
    path = Path(location)
    marker = path / _MARKER
    if read_only:
        if not marker.exists():
            raise StoreError(f"no aikg store at {path} (run 'aikg build ... --store {path}' first)", code="E201")
    elif path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file; --store needs a folder", code="E202")
    elif path.exists() and any(path.iterdir()) and not marker.exists():
        raise StoreError(f"{path} exists and is not an aikg store; choose an empty or new folder", code="E202")
    try:
        if not read_only:
            path.mkdir(parents=True, exist_ok=True)
            if not os.access(path, os.W_OK):
                raise StoreError(f"store folder {path} is not writable", code="E208")
        lock = _acquire(marker, shared=read_only)
    except PermissionError as err:
        raise StoreError(f"store folder {path} is not writable: {err.strerror}", code="E208") from err
    except OSError as err:
        raise StoreError(f"cannot create store folder {path}: {err.strerror or err}", code="E208") from err
    try:
        inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except (OSError, RuntimeError) as err:
        _HELD_LOCKS.discard(lock)
        lock.close()
        message = str(err)
        if "lock" in message.lower():
            raise StoreError(f"store {path} is in use by another process; retry when it ends", code="E206") from err
        raise StoreError(f"cannot open store {path}: {message}", code="E207") from err
    store = LocalStore(inner, path, read_only=read_only, lock=lock)
    if not read_only:
        store._recover()  # a bulk write that a crash interrupted
    elif pending := store.unfinished_writes():
        store.close()
        raise StoreError(f"store {path} holds an unfinished write of {pending} documents (a build was interrupted); "
                         f"run 'aikg build' on it again, which undoes it first", code="E211")
    return store
