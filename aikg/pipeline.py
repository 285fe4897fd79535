"""The main job, end to end: files -> documents -> extraction records -> RDF in the store.

This is the one place where the three halves meet; each step lives in its own package
(:mod:`aikg.documents`, :mod:`aikg.extract`, :mod:`aikg.graph`). :func:`build_with` is the one
build: it finds the documents, skips those whose content hash the store already holds, hands
the rest to an :class:`Executor` (which extracts them and turns each into its quads, here or on
other machines) and writes what comes back, a batch at a time. A document is written in one
transaction once it is fully extracted, so an interrupted build leaves only whole documents and
re-running it completes the work.

Executors are chosen by name, as rdflib's ``plugin.get`` chooses stores: ``local`` (a pool of
processes on this machine, :class:`LocalExecutor`) and ``dask`` (a Dask cluster,
:class:`aikg.distributed.DaskExecutor`, imported only when asked for).
"""

from __future__ import annotations

import ctypes
import errno
import gc
import os
import signal
import sys
import uuid
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import KW_ONLY, dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol

from rdflib import URIRef
from tqdm import tqdm

from aikg.documents.errors import Errors as DocumentErrors
from aikg.documents.html import canonical_url
from aikg.documents.loaders import find_sources, load_source
from aikg.errors import AikgError, DocumentError, StoreError, UsageError
from aikg.errors import Errors as UsageErrors
from aikg.extract.records import Document, Extraction
from aikg.graph.build import ExtractionRun, OxQuad, Quad, origin_key, oxigraph_quads
from aikg.graph.errors import Errors as GraphErrors
from aikg.graph.namespaces import document_iri
from aikg.graph.rounds import refresh_rounds
from aikg.graph.store import KnowledgeStore, open_store

if TYPE_CHECKING:
    from aikg.extract.pipeline import SupportsExtraction

__all__ = [
    "EXECUTORS",
    "BuildInterrupted",
    "BuildReport",
    "DocumentGraph",
    "Executor",
    "LocalExecutor",
    "build",
    "build_with",
    "extract_each",
    "get_executor",
    "read_documents",
    "write_batch",
]


@dataclass
class BuildReport:
    """What a build did: documents written, left unchanged, and failures with their messages.

    ``refused`` names the documents whose id another source holds in the store (their E121 lines
    are among the failures); ``duplicates`` the sources read twice under one canonical URL (the
    same article saved twice, or a page and a feed item of it): one of them was built.
    """

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    quads: int = 0
    refused: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        refused = f" ({len(self.refused)} refused: id held by another source)" if self.refused else ""
        duplicates = (f", {len(self.duplicates)} duplicate(s) of a document read (same canonical URL)"
                      if self.duplicates else "")
        return (f"{len(self.written)} written, {len(self.unchanged)} unchanged (skipped), "
                f"{len(self.failed)} failed{refused}{duplicates}; {self.quads} quads written")


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) during a build, with what was written before it: documents are written
    whole, each in its own transaction, so the store is consistent and the same build run again
    skips what was written and does the rest."""

    def __init__(self, report: BuildReport, pending: int, location: str) -> None:
        super().__init__()
        self.report, self.pending, self.location = report, pending, location

    def __str__(self) -> str:
        written = len(self.report.written)
        return (f"interrupted: {written} of {self.pending} document(s) to build were written to {self.location} "
                f"({self.report.quads} quads){f', {len(self.report.failed)} failed' if self.report.failed else ''}; "
                "the store is consistent (each document is written whole); run the same build again to continue: "
                "written documents are skipped, and a write cut off midway is undone first")


class DocumentGraph(NamedTuple):
    """One document and the quads of its graph, ready to be written (rdflib or pyoxigraph terms)."""

    document: Document
    quads: Sequence[OxQuad] | Sequence[Quad]


class Executor(Protocol):
    """Where extraction runs: documents in, each document's graph out.

    :meth:`graphs` yields the graph of each document it could extract (in any order) and
    records the others in ``report.failed`` (``"<source>: extraction failed: ..."``); the build
    writes what it yields. ``label`` names it in the progress bar.
    """

    @property
    def label(self) -> str:
        """What the progress bar calls the work (``extracting``)."""
        ...

    def graphs(self, documents: Sequence[Document], run: ExtractionRun, report: BuildReport
               ) -> Generator[DocumentGraph, None, None]:
        """The graphs of ``documents``, made under ``run``."""
        ...


#: Executors by name: ``(module, class)``, imported on first use (rdflib's ``plugin.register``).
EXECUTORS: dict[str, tuple[str, str]] = {
    "local": ("aikg.pipeline", "LocalExecutor"),
    "dask": ("aikg.distributed", "DaskExecutor"),
}


def get_executor(name: str, **options: Any) -> Executor:
    """The executor called ``name``, made with ``options`` (its constructor's keywords).

    >>> get_executor("local", n_process=2).label
    'extracting'
    """
    if name not in EXECUTORS:
        raise UsageError(UsageErrors.E008.format(name=name, known=", ".join(EXECUTORS)))
    module, attribute = EXECUTORS[name]
    executor: Executor = getattr(import_module(module), attribute)(**options)
    return executor


def read_documents(paths: Iterable[Path], report: BuildReport) -> Iterator[Document]:
    """Documents from files and folders; unreadable ones are recorded in ``report.failed``.

    Two sources with one id: when the id is their common origin (a canonical URL, a feed item's
    link), they are one document, read once (a page rather than a feed item of it, else the first
    read) and the other is recorded in ``report.duplicates``; otherwise the later one is E115.
    """
    kept: dict[str, Document] = {}
    for source in find_sources(paths):
        if isinstance(source, DocumentError):
            report.failed.append(str(source))
            continue
        for item in load_source(source):
            if isinstance(item, DocumentError):
                report.failed.append(str(item))
                continue
            held = kept.get(item.doc_id)
            if held is None:
                kept[item.doc_id] = item
            elif held.origin == item.origin == item.doc_id:
                keep, drop = (item, held) if held.from_feed and not item.from_feed else (held, item)
                kept[item.doc_id] = keep
                report.duplicates.append(f"{drop.source}: same document as {keep.source}")
            else:
                report.failed.append(str(DocumentError(
                    item.source, DocumentErrors.E115.format(doc_id=item.doc_id, other=held.source))))
    pages = {d.fetched_from: d for d in kept.values() if d.fetched_from and not d.from_feed}
    for document in kept.values():
        page = pages.get(document.doc_id) if document.from_feed else None
        if page is not None:  # a feed item whose link led to a page of another canonical URL
            report.duplicates.append(f"{document.source}: same document as {page.source}")
        else:
            yield document


def changed_documents(paths: Iterable[Path], store: KnowledgeStore, report: BuildReport) -> list[Document]:
    """The documents under ``paths`` whose content hash the store does not hold yet.

    Unchanged ones are recorded in ``report.unchanged``, unreadable ones in ``report.failed``.
    """
    pending = []
    for document in read_documents(paths, report):
        stored = store.content_hash(document.doc_id)
        if stored == document.content_hash or (document.from_feed and (stored is not None
                                                                    or _fetched_before(store, document.doc_id))):
            report.unchanged.append(document.doc_id)  # a feed item never replaces a stored article
        elif stored is not None and (holder := _other_holder(store, document)) is not None:
            report.refused.append(document.doc_id)
            report.failed.append(str(DocumentError(
                document.source, DocumentErrors.E121.format(doc_id=document.doc_id, other=holder))))
        else:
            pending.append(document)
    return pending


def _fetched_before(store: KnowledgeStore, url: str) -> bool:
    """Whether a stored page was fetched from ``url`` (its canonical URL being another one)."""
    if canonical_url(url) != url:
        return False  # a GUID, not a web address
    rows = store.select("SELECT ?doc ?url WHERE { GRAPH ?doc { ?doc aikg:fetchedFrom ?url } } LIMIT 1",
                        {"url": URIRef(url)})
    return bool(rows)


def _other_holder(store: KnowledgeStore, document: Document) -> str | None:
    """The stored source of ``document``'s id when it came from another origin (None: it may replace it).

    A document's identity cannot be claimed by another source (front matter ``id:`` naming another
    document, or a second folder with the same relative paths): the stored graph records the
    origin it was read from (:func:`~aikg.graph.build.origin_key`). A stored graph without one
    (written before origins were kept), or a document without an origin, is not checked.
    """
    if document.origin is None:
        return None
    iri = document_iri(document.doc_id).n3()  # built by quote(): no character can escape the IRI
    rows = store.select(f"SELECT ?key ?source WHERE {{ GRAPH {iri} {{ {iri} aikg:originKey ?key "
                        f"OPTIONAL {{ {iri} dcterms:source ?source }} }} }}")
    if not rows or str(rows[0][0]) == origin_key(document.origin):
        return None
    return str(rows[0][1]) if rows[0][1] is not None else "another source"


def extract_each(extractor: SupportsExtraction, documents: Sequence[Document], *, n_process: int = 1,
                 batch_size: int = 16, report: BuildReport, chunk: int = 256) -> Iterator[Extraction]:
    """Extract ``documents`` in one stream: a build starts one worker pool, not one per chunk.

    Each pool start forks the workers and each pool end drains them (the last tasks leave
    cores idle): once per build instead of once per ``chunk`` documents. When a document makes
    the stream fail, the next ``chunk`` documents from the point of failure (which holds the
    failing task or serial batch) are retried one at a time, so that a document spaCy or a rule
    cannot handle fails alone (recorded in ``report``), and the rest goes on in parallel. Both
    executors use it (a Dask worker with ``n_process=1`` on its partition).
    """
    window = max(chunk, batch_size)
    start = 0
    while start < len(documents):
        done = 0
        try:
            for extraction in extractor.extract_many(documents[start:], n_process=n_process, batch_size=batch_size):
                done += 1
                yield extraction  # streamed: the store writes while spaCy reads the next batch
            return
        except Exception:  # any failure of a third-party pipeline: isolate the document at fault
            failed_at = start + done
            start = min(len(documents), failed_at + window)
            yield from _extract_one_by_one(extractor, documents[failed_at:start], report)


def _extract_one_by_one(extractor: SupportsExtraction, documents: Sequence[Document], report: BuildReport
                        ) -> Iterator[Extraction]:
    """Extract ``documents`` singly; a failure is recorded in ``report`` and costs only its document."""
    for document in documents:
        try:
            yield extractor.extract(document)
        except Exception as err:
            report.failed.append(f"{document.source}: extraction failed: {type(err).__name__}: {err}")


@dataclass
class LocalExecutor:
    """Extraction in ``n_process`` processes on this machine (spaCy's ``nlp.pipe`` pool).

    The extractor is loaded in this process (on first use, default :class:`Extractor`) and the
    workers fork from it; the quads are made here, as pyoxigraph terms (the store's own, so
    none is made twice), while the workers read the next batch.
    """

    extractor: SupportsExtraction | None = None
    _: KW_ONLY
    n_process: int = 1
    batch_size: int = 16
    label: ClassVar[str] = "extracting"

    def graphs(self, documents: Sequence[Document], run: ExtractionRun, report: BuildReport
               ) -> Generator[DocumentGraph, None, None]:
        if self.extractor is None:
            from aikg.extract.pipeline import Extractor  # spaCy: loaded only when there is work

            self.extractor = Extractor()
        read_hashes = {document.doc_id: document.content_hash for document in documents}
        for extraction in extract_each(self.extractor, documents, n_process=self.n_process,
                                       batch_size=self.batch_size, report=report):
            document = extraction.document
            try:
                yield DocumentGraph(document, list(oxigraph_quads(extraction, run,
                                                                  content_hash=read_hashes[document.doc_id])))
            except AikgError as err:
                report.failed.append(f"{document.source}: {err}")


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Keep the garbage collector off the objects that exist before the build, while it runs.

    Those (spaCy pipelines, the knowledge base, whatever the caller has loaded) outlive the
    build, yet every full collection scans them all: closing the store runs one (to release
    RocksDB), 0.15-0.25 s with two pipelines loaded, at the end of the build when nothing else
    runs. Frozen objects are skipped (and forked workers inherit the freeze: fewer copied
    pages); objects made during the build, the store among them, are collected as usual, and
    the heap is unfrozen afterwards. A heap that someone else froze is left as it is.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


#: Documents written to the store together: new ones go in by one bulk ingest
#: (:meth:`~aikg.graph.store.KnowledgeStore.write_documents`), each still all-or-nothing.
WRITE_BATCH = 64


def write_batch(kstore: KnowledgeStore, batch: Sequence[tuple[Document, Iterable[OxQuad] | Iterable[Quad]]],
                report: BuildReport) -> None:
    """Write the quads of ``batch`` (one store call, see :meth:`KnowledgeStore.write_documents`)
    and record in ``report``, per document, what was written or why not."""
    if not batch:
        return
    results = kstore.write_documents([(document.doc_id, quads) for document, quads in batch])
    for (document, _), written in zip(batch, results, strict=True):
        if isinstance(written, AikgError):
            if (stopped := store_failure(written, kstore.location)) is not None:
                raise stopped  # no other document can be written either: _build reports it once
            report.failed.append(f"{document.source}: {written}")
        else:
            report.quads += written
            report.written.append(document.doc_id)


def build(
    paths: Sequence[Path],
    store: KnowledgeStore | str | Path,
    *,
    extractor: SupportsExtraction | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    write_every: int = WRITE_BATCH,
    progress: bool = False,
) -> BuildReport:
    """Ingest ``paths`` into ``store`` with the local executor and report what happened.

    Documents whose content hash is already stored are skipped, so running the same build
    twice changes nothing; a changed document replaces its graph atomically.
    """
    return build_with(LocalExecutor(extractor, n_process=n_process, batch_size=batch_size), paths, store,
                      write_every=write_every, progress=progress)


def build_with(executor: Executor, paths: Sequence[Path], store: KnowledgeStore | str | Path, *,
               write_every: int = WRITE_BATCH, progress: bool = False) -> BuildReport:
    """Ingest ``paths`` into ``store``, extracting with ``executor`` (see :func:`get_executor`).

    Documents are written ``write_every`` at a time (one bulk ingest each): a build killed
    outright loses the extraction of at most that many, and a larger batch ingests faster.
    """
    if write_every < 1:
        raise ValueError(f"write_every must be at least 1, not {write_every}")
    with _heap_frozen():  # before the store opens: closing it must still be able to collect it
        return _build(executor, paths, store, write_every=write_every, progress=progress)


def _build(executor: Executor, paths: Sequence[Path], store: KnowledgeStore | str | Path, *,
           write_every: int, progress: bool) -> BuildReport:
    report = BuildReport()
    owns_store = not isinstance(store, KnowledgeStore)
    kstore = open_store(store) if not isinstance(store, KnowledgeStore) else store
    pending: list[Document] = []
    try:
        pending = changed_documents(paths, kstore, report)
        if not pending:
            refresh_rounds(kstore)  # a store written before rounds were merged gets them too
            return report
        failed_before = len(report.failed)
        bar = tqdm(total=len(pending), unit="doc", disable=not progress, file=sys.stderr, desc=executor.label)
        batch: list[DocumentGraph] = []
        with closing(executor.graphs(pending, ExtractionRun(uuid.uuid4().hex), report)) as graphs, bar:
            for made, graph in enumerate(graphs, start=1):
                batch.append(graph)
                if len(batch) >= write_every:
                    write_batch(kstore, batch, report)
                    batch = []
                bar.update(made + len(report.failed) - failed_before - bar.n)  # failures are settled too
            write_batch(kstore, batch, report)
        order = {document.doc_id: index for index, document in enumerate(pending)}
        report.written.sort(key=order.__getitem__)  # an executor may finish documents out of order
        refresh_rounds(kstore)  # rounds merged across documents: recomputed from the reports, never patched
        if len(report.written) >= kstore.flush_every:  # a large build: compact what it wrote
            kstore.optimize()
        return report
    except (OSError, StoreError) as err:  # the store itself failed: one line, the summary, exit 1
        if (stopped := store_failure(err, kstore.location)) is None:
            raise
        report.failed.append(str(stopped))
        return report
    except KeyboardInterrupt as err:  # Ctrl-C: say what was written (the store closes below)
        raise BuildInterrupted(report, len(pending), kstore.location) from err
    finally:
        if owns_store:
            try:
                kstore.close()
            except OSError as err:  # a full disk fails the last flush too; said once
                if (stopped := store_failure(err, kstore.location)) is None:
                    raise
                if str(stopped) not in report.failed:
                    report.failed.append(str(stopped))


#: How a full disk shows through RocksDB (its OSError has no errno) and through Python.
_DISK_FULL = ("No space left on device", "File too large", "Disk quota exceeded")


def store_failure(err: BaseException, location: str) -> StoreError | None:
    """The error to stop a build with when ``err`` is a failure of the store itself, after which
    no document can be written (its disk is full: E215; its server is gone: E210), or None when
    it is one document's failure and the rest of the batch goes on."""
    if isinstance(err, StoreError) and err.code in {"E210", "E215", "E216"}:
        return err
    text = str(err)
    marker = next((m for m in _DISK_FULL if m in text), None)
    if marker is None and isinstance(err, OSError) and err.errno in {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}:
        marker = os.strerror(err.errno)
    if marker is None:
        return None
    stopped = StoreError(GraphErrors.E215.format(location=location, detail=marker))
    stopped.__cause__ = err
    return stopped


#: The process that forks extraction workers (set just before each fork).
_forking_parent = 0


def _remember_parent() -> None:
    global _forking_parent
    _forking_parent = os.getpid()


def _die_with_parent() -> None:
    """Make a forked process (an extraction worker) end when the process that forked it dies,
    even by SIGKILL, instead of living on as an orphan: Linux's ``PR_SET_PDEATHSIG`` (through
    libc's ``prctl``). Elsewhere nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != _forking_parent:  # it died between the fork and the prctl
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
os.register_at_fork(before=_remember_parent, after_in_child=_die_with_parent)
