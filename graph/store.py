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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pyoxigraph as ox
from aikg.errors import StoreError
from aikg.graph.build import Quad
from aikg.graph.namespaces import AIKG, PREFIXES, document_iri
from oxrdflib import OxigraphStore
from rdflib import Dataset, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

__all__ = ["KnowledgeStore", "StoredDocument", "open_store"]

_MARKER = "aikg-store"


@dataclass(frozen=True)
class StoredDocument:
    """A document as the store knows it."""

    doc_id: str
    iri: str
    content_hash: str | None


def _to_ox(term: Identifier) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}: only IRIs and literals are written")


def _value(term: Any) -> str:
    return str(term.value)


class KnowledgeStore:
    """An aikg graph store: named graph per document, union default graph for queries.

    Use :func:`open_store`; close it (or use it as a context manager) so the on-disk lock is
    released for the next process.
    """

    def __init__(self, inner: ox.Store, location: Path | None, *, read_only: bool,
                 lock: IO[bytes] | None = None) -> None:
        self._inner = inner
        self._lock = lock
        self.location = location
        self.read_only = read_only
        self.dataset = Dataset(store=OxigraphStore(store=inner), default_union=True)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)

    # -- lifecycle -------------------------------------------------------------------------
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
            self._lock.close()
            self._lock = None

    def __enter__(self) -> KnowledgeStore:
        return self

    def __exit__(self, *exc: tuple[type[BaseException] | None, BaseException | None, TracebackType | None]) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk work that rdflib would slow down."""
        return self._inner

    # -- documents -------------------------------------------------------------------------
    def documents(self) -> list[StoredDocument]:
        """Every document in the store, sorted by id."""
        found = []
        for quad in self._inner.quads_for_pattern(None, ox.NamedNode(str(AIKG.documentId)), None, None):
            graph = quad.graph_name
            hashes = list(self._inner.quads_for_pattern(
                quad.subject, ox.NamedNode(str(AIKG.contentHash)), None, graph))
            found.append(StoredDocument(_value(quad.object), _value(quad.subject),
                                        _value(hashes[0].object) if hashes else None))
        return sorted(found, key=lambda d: d.doc_id)

    def content_hash(self, doc_id: str) -> str | None:
        """The stored content hash of a document, or None when the store does not hold it."""
        iri = ox.NamedNode(str(document_iri(doc_id)))
        for quad in self._inner.quads_for_pattern(iri, ox.NamedNode(str(AIKG.contentHash)), None, iri):
            return _value(quad.object)
        return None

    def replace_document(self, doc_id: str, quads: Iterable[Quad]) -> int:
        """Atomically replace the named graph of ``doc_id`` with ``quads``; returns their number.

        One SPARQL Update (``DROP SILENT GRAPH`` then ``INSERT DATA``) is one Oxigraph
        transaction: either the whole new graph is there, or the old one still is.
        """
        self._writable()
        graph = ox.NamedNode(str(document_iri(doc_id)))
        lines = []
        for s, p, o, g in quads:
            if str(g) != graph.value:
                raise StoreError(f"quad for graph {g} given while writing document {doc_id!r}", code="E203")
            lines.append(f"{_to_ox(s)} {_to_ox(p)} {_to_ox(o)} .")
        update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n" + "\n".join(lines) + "\n}}"
        try:
            self._inner.update(update)
        except (OSError, SyntaxError) as err:
            raise StoreError(f"could not write document {doc_id!r}: {err}", code="E204") from err
        return len(lines)

    def remove_document(self, doc_id: str) -> bool:
        """Drop the graph of ``doc_id``; facts that other documents state stay. False if absent."""
        self._writable()
        graph = ox.NamedNode(str(document_iri(doc_id)))
        if not self._inner.contains_named_graph(graph):
            return False
        self._inner.update(f"DROP GRAPH {graph}")
        return True

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} is open read-only", code="E205")

    # -- queries ---------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run SPARQL over the union of all document graphs, with aikg's prefixes pre-bound.

        ``bindings`` are substituted as RDF terms by Oxigraph, never pasted into the text.
        """
        return self.dataset.query(sparql, initNs=dict(PREFIXES), initBindings=dict(bindings or {}))

    def select(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> list[tuple[Any, ...]]:
        """Rows of a SELECT query as plain tuples (cells are rdflib terms or None)."""
        result = self.query(sparql, bindings)
        if result.type != "SELECT":
            raise TypeError(f"select() needs a SELECT query, got {result.type}")
        return [tuple(row) for row in result]  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._inner)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._inner)


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
    return handle


def open_store(location: str | Path, *, read_only: bool = False) -> KnowledgeStore:
    """Open (and, for writing, create) the on-disk store at ``location``.

    Readers share the store; a writer has it alone. Raises :class:`~aikg.errors.StoreError`
    naming the path when it is not a store, is locked, or cannot be created.
    """
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
    try:
        inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except (OSError, RuntimeError) as err:
        lock.close()
        message = str(err)
        if "lock" in message.lower():
            raise StoreError(f"store {path} is in use by another process; retry when it ends", code="E206") from err
        raise StoreError(f"cannot open store {path}: {message}", code="E207") from err
    return KnowledgeStore(inner, path, read_only=read_only, lock=lock)
