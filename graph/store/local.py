"""The embedded default backend: a persistent on-disk Oxigraph store seen through oxrdflib.

Users get rdflib's API and Oxigraph's speed. Writes go straight to pyoxigraph where rdflib has no
transactional equivalent: replacing a document's graph is one transaction, and new documents go
in by bulk ingest (see :meth:`LocalStore.write_documents`), so a crash or a bad file never leaves
a half-written document. Readers share a store, one writer has it alone (advisory lock).
"""

from __future__ import annotations

import fcntl
import gc
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, URIRef
from rdflib.term import Identifier

from aikg.errors import StoreError
from aikg.graph.build import OxQuad, Quad
from aikg.graph.errors import Errors
from aikg.graph.namespaces import AIKG, BASE, PREFIX_IRIS, PREFIXES, document_iri
from aikg.graph.store.base import KnowledgeStore, QueryStream, document_triples
from aikg.graph.store.prebind import inline_iris
from aikg.graph.store.terms import TermCache, to_oxigraph

__all__ = ["MARKER", "LocalStore", "open_local", "oxigraph_query"]

#: The file that marks a folder as an aikg store (and carries its lock).
MARKER = "aikg-store"

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
                graph, triples = document_triples(doc_id, quads)
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
        return [r if r is not None else StoreError(Errors.E204.format(doc_id=documents[i][0], detail="not written"))
                for i, r in enumerate(results)]

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
        quads; here each distinct term is converted once (:class:`~aikg.graph.store.terms.TermCache`)."""
        result = oxigraph_query(self._inner, sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("select() needs a SELECT query")
        convert = TermCache()
        return [convert.row(solution) for solution in result]

    def stream(self, sparql: str, bindings: Mapping[str, Identifier] | None = None, *,
               default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> QueryStream:
        """Straight from Oxigraph, each distinct term converted once (:class:`TermCache`).
        A graph IRI or a binding that Oxigraph refuses raises ``ValueError``."""
        graphs = {"default_graph": [ox.NamedNode(iri) for iri in default_graphs] or None,
                  "named_graphs": [ox.NamedNode(iri) for iri in named_graphs] or None}
        result = oxigraph_query(self._inner, sparql, bindings, **graphs)
        convert = TermCache()
        if isinstance(result, ox.QueryBoolean):
            return QueryStream("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            return QueryStream("SELECT", [v.value for v in result.variables],
                               (convert.row(solution) for solution in result))
        return QueryStream("GRAPH", ["s", "p", "o"],
                           (convert.row((t.subject, t.predicate, t.object)) for t in result))  # type: ignore[arg-type]

    def select_values(self, sparql: str, bindings: Mapping[str, Identifier] | None = None
                      ) -> list[tuple[str | None, ...]]:
        """No rdflib term is made: Oxigraph's lexical values (docs/performance.md)."""
        result = oxigraph_query(self._inner, sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("select_values() needs a SELECT query")
        width = len(result.variables)
        return [tuple(None if (c := row[i]) is None else c.value for i in range(width)) for row in result]

    def dump_quads(self, out: IO[bytes], fmt: TypingLiteral["trig", "nquads"]) -> None:
        """Oxigraph's own serialiser (a streaming dump, no rdflib graph in memory)."""
        if fmt == "trig":
            self._inner.dump(out, ox.RdfFormat.TRIG, prefixes=PREFIX_IRIS)
        else:
            self._inner.dump(out, ox.RdfFormat.N_QUADS)

    def content_hash(self, doc_id: str) -> str | None:
        iri = ox.NamedNode(str(document_iri(doc_id)))
        for quad in self._inner.quads_for_pattern(iri, ox.NamedNode(str(AIKG.contentHash)), None, iri):
            return str(quad.object.value)  # type: ignore[union-attr]  # a literal, written by us
        return None

    def __len__(self) -> int:
        return len(self._inner)


def oxigraph_query(store: ox.Store, sparql: str, bindings: Mapping[str, Identifier] | None = None,
                   **options: Any) -> Any:
    """Run ``sparql`` on a pyoxigraph store with aikg's prefixes and ``bindings`` substituted.

    Bound IRIs are also written into the query's triple patterns by
    :func:`~aikg.graph.store.prebind.inline_iris` (same answer; Oxigraph plans with them known:
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
        raise StoreError(Errors.E206.format(path=marker.parent, who=who)) from None
    _HELD_LOCKS.add(handle)
    return handle


def open_local(location: str | Path, *, read_only: bool = False) -> LocalStore:
    """Open the on-disk store in the folder ``location`` (created for writing).

    Readers share the store; a writer has it alone. Raises :class:`~aikg.errors.StoreError`
    naming the path when it is not a store, is locked, or cannot be created.
    """
    path = Path(location)
    marker = path / MARKER
    if read_only:
        if not marker.exists():
            raise StoreError(Errors.E201.format(path=path))
    elif path.exists() and not path.is_dir():
        raise StoreError(Errors.E202.format(path=path, problem="is a file, not a folder"))
    elif path.exists() and any(path.iterdir()) and not marker.exists():
        raise StoreError(Errors.E202.format(path=path, problem="exists and is not an aikg store"))
    try:
        if not read_only:
            path.mkdir(parents=True, exist_ok=True)
            if not os.access(path, os.W_OK):
                raise StoreError(Errors.E208.format(path=path, problem="is not writable"))
        lock = _acquire(marker, shared=read_only)
    except PermissionError as err:
        raise StoreError(Errors.E208.format(path=path, problem=f"is not writable: {err.strerror}")) from err
    except OSError as err:
        raise StoreError(Errors.E208.format(path=path, problem=f"cannot be created: {err.strerror or err}")) from err
    try:
        inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except (OSError, RuntimeError) as err:
        _HELD_LOCKS.discard(lock)
        lock.close()
        message = str(err)
        if "lock" in message.lower():
            raise StoreError(Errors.E206.format(path=path, who="in use by another process")) from err
        raise StoreError(Errors.E207.format(path=path, detail=message)) from err
    store = LocalStore(inner, path, read_only=read_only, lock=lock)
    if not read_only:
        store._recover()  # a bulk write that a crash interrupted
    elif pending := store.unfinished_writes():
        store.close()
        raise StoreError(Errors.E211.format(path=path, pending=pending))
    return store
