"""The store interface: one named graph per document, their distinct merge as the default graph.

:class:`KnowledgeStore` is what every other module sees. Backends implement it (the embedded
Oxigraph store in :mod:`aikg.graph.store.local`, a SPARQL 1.1 server in
:mod:`aikg.graph.store.remote`) and are chosen by :func:`aikg.graph.store.open_store` through the
registry in :mod:`aikg.graph.store`. Nothing outside this package needs to know which backend it
holds: fast paths (Oxigraph's own query engine, its dump) live behind the methods below.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.query import Result
from rdflib.term import Identifier

from aikg.errors import StoreError
from aikg.graph.build import OxQuad, Quad
from aikg.graph.errors import Errors
from aikg.graph.namespaces import PREFIXES, document_iri
from aikg.graph.store.terms import to_oxigraph

__all__ = ["KnowledgeStore", "QueryStream", "StoredDocument", "document_triples", "plain_term", "retract_update"]


@dataclass
class QueryStream:
    """The answer of one query, read lazily: ``kind`` is ``SELECT``, ``ASK`` or ``GRAPH``
    (CONSTRUCT / DESCRIBE); ``rows`` yields tuples of rdflib terms (``None`` where unbound), or
    ``(s, p, o)`` triples for a graph. Callers stop reading when they have enough."""

    kind: TypingLiteral["SELECT", "ASK", "GRAPH"]
    variables: list[str] = field(default_factory=list)
    rows: Iterator[tuple[Any, ...]] = field(default_factory=lambda: iter(()))
    boolean: bool | None = None


@dataclass(frozen=True)
class StoredDocument:
    """A document as the store knows it."""

    doc_id: str
    iri: str
    content_hash: str | None


def document_triples(
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
            raise StoreError(Errors.E203.format(graph=g, doc_id=doc_id))
        triples.append((s if isinstance(s, oxigraph_terms) else to_oxigraph(s),
                        p if isinstance(p, oxigraph_terms) else to_oxigraph(p),
                        o if isinstance(o, oxigraph_terms) else to_oxigraph(o)))
    return graph, triples


def retract_update(graph: ox.NamedNode) -> str:
    """The SPARQL Update that removes from the default graph what only ``graph`` supports."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}")


def plain_term(term: Any) -> Any:
    """RDF 1.1 makes ``"x"`` and ``"x"^^xsd:string`` the same literal, but rdflib compares them
    as different; Oxigraph returns the typed form. Normalise to the plain form rdflib builds."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


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
        graph, triples = document_triples(doc_id, quads)
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
            error = StoreError(Errors.E204.format(doc_id=doc_id, detail=err))
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
            request = f"{retract_update(graph)} ;\nDROP SILENT GRAPH {graph} ;\n{request}"
        self.update(request)

    def remove_document(self, doc_id: str) -> bool:
        """Drop the graph of ``doc_id``; facts that other documents state stay. False if absent."""
        self._writable()
        if self.content_hash(doc_id) is None:
            return False
        graph = ox.NamedNode(str(document_iri(doc_id)))
        self.update(f"{retract_update(graph)} ;\nDROP SILENT GRAPH {graph}")
        return True

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(Errors.E205.format(location=self.location))

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
        return [tuple(plain_term(cell) for cell in row) for row in result]  # type: ignore[union-attr]

    def stream(self, sparql: str, bindings: Mapping[str, Identifier] | None = None, *,
               default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> QueryStream:
        """Run any read query and return its answer lazily (see :class:`QueryStream`).

        ``default_graphs`` / ``named_graphs`` (graph IRIs, the SPARQL protocol's
        ``default-graph-uri`` / ``named-graph-uri``) replace the merged default graph; backends
        that cannot honour them raise :class:`~aikg.errors.StoreError` E212. Syntax errors
        propagate as the parser raises them (``SyntaxError`` or pyparsing's ``ParseException``).
        """
        if default_graphs or named_graphs:
            raise StoreError(Errors.E212.format(location=self.location))
        result = self.query(sparql, bindings)
        if result.type == "ASK":
            return QueryStream("ASK", boolean=bool(result.askAnswer))
        if result.type in {"CONSTRUCT", "DESCRIBE"}:
            return QueryStream("GRAPH", ["s", "p", "o"], iter(result.graph or ()))
        return QueryStream("SELECT", [str(v) for v in result.vars or []],
                           (tuple(plain_term(c) for c in row) for row in result))  # type: ignore[union-attr]

    def select_values(self, sparql: str, bindings: Mapping[str, Identifier] | None = None
                      ) -> list[tuple[str | None, ...]]:
        """Rows of a SELECT query as lexical values (IRIs and literal forms; ``None`` if unbound):
        the fast path for readers that want strings, such as the views."""
        return [tuple(None if cell is None else str(cell) for cell in row) for row in self.select(sparql, bindings)]

    def dump_quads(self, out: IO[bytes], fmt: TypingLiteral["trig", "nquads"]) -> None:
        """Write every quad to ``out`` as TriG or N-Quads, one named graph per document."""
        dataset = Dataset()
        for prefix, ns in PREFIXES.items():
            dataset.bind(prefix, ns, override=True)
        for s, p, o, g in self.quads():
            dataset.graph(g).add((s, p, o))
        out.write(dataset.serialize(format=fmt).encode("utf-8"))

    def document_graph(self, doc_id: str) -> Graph:
        """A copy of one document's named graph (read-only stores included)."""
        iri = document_iri(doc_id).n3()  # built by quote(): no character can escape the IRI
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}")
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        if result.graph is not None:
            for s, p, o in result.graph:
                graph.add((s, p, plain_term(o)))
        return graph

    def quads(self) -> Iterator[tuple[Any, Any, Any, Any]]:
        """Every quad (rdflib terms; the last is the graph name)."""
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            yield s, p, plain_term(o), (g.identifier if isinstance(g, Graph) else g)
