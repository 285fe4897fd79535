"""``aikg build --engine dask``: the Dask executor of the build (:mod:`aikg.pipeline`).

The build reads the files and skips documents whose content hash is already stored, as with
the local executor; :class:`DaskExecutor` cuts the rest into partitions of a few dozen documents. Each partition
is one task: the worker extracts it with an :class:`~aikg.extract.pipeline.Extractor` that it
loads once and keeps (a module-level cache, warmed up front by :class:`LoadPipelines`, a
worker plugin) and turns the records into RDF with the same
:func:`~aikg.graph.build.extraction_quads` as the local engine. A partition comes back as
N-Quads, or, with ``output`` on a file system that the workers and the client share, is
written there as ``part-NNNNN.nq`` and read back by path. The build writes each document's
quads as it does for the local executor (each document all-or-nothing, new ones by bulk ingest),
so the store ends up with the same graphs.

Only the client opens the store (Oxigraph allows one writer); workers need the aikg package
and the spaCy models installed, nothing else. See ``docs/distributed.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import pyoxigraph as ox
from distributed.diagnostics.plugin import WorkerPlugin
from rdflib import Literal, URIRef

from aikg.extract.records import Document
from aikg.graph.build import ExtractionRun, Quad, extraction_quads
from aikg.graph.namespaces import document_iri
from aikg.graph.store import KnowledgeStore
from aikg.pipeline import BuildReport, DocumentGraph, build_with, extract_each

if TYPE_CHECKING:
    from aikg.extract.pipeline import Extractor

__all__ = [
    "DaskExecutor",
    "LoadPipelines",
    "PartitionResult",
    "build_distributed",
    "extract_partition",
    "partitions",
    "quads_from_nquads",
]

#: A callable that makes the extractor on a worker (default: ``Extractor()``); it must pickle by
#: reference (a module-level function or class), since it is also the key of the worker's cache.
ExtractorFactory = Callable[[], "Extractor"]

_EXTRACTORS: dict[Any, Extractor] = {}


def _default_extractor() -> Extractor:
    from aikg.extract.pipeline import Extractor

    return Extractor()


def _worker_extractor(factory: ExtractorFactory | None) -> Extractor:
    """The extractor of this worker process for ``factory``, made on first use and kept."""
    key = factory or _default_extractor
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        extractor = _EXTRACTORS[key] = (factory or _default_extractor)()
    return extractor


class LoadPipelines(WorkerPlugin):  # type: ignore[misc]
    """Dask worker plugin: load the extractor and its spaCy pipelines when a worker starts.

    Without it the first task on each worker pays for loading; with it the models are in
    memory before work arrives, and a worker that cannot load them fails at once, visibly.
    """

    name = "aikg-load-pipelines"

    def __init__(self, factory: ExtractorFactory | None = None, languages: Sequence[str] = ("en", "fr")) -> None:
        self.factory = factory
        self.languages = tuple(languages)

    def setup(self, worker: Any) -> None:
        extractor = _worker_extractor(self.factory)
        pipeline = getattr(extractor, "pipeline", None)
        if callable(pipeline):
            for lang in self.languages:
                pipeline(lang)

    def teardown(self, worker: Any) -> None:
        pass


@dataclass
class PartitionResult:
    """What a worker returns for one partition: N-Quads (inline or a file path) and failures."""

    index: int
    doc_ids: list[str]
    nquads: bytes | None = None
    path: str | None = None
    failed: list[str] = field(default_factory=list)

    def data(self) -> bytes:
        if self.nquads is not None:
            return self.nquads
        if self.path is None:
            return b""
        return Path(self.path).read_bytes()


def _nquads_term(term: URIRef | Literal) -> str:
    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        if term.datatype:
            return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
        return str(ox.Literal(str(term)))
    return str(ox.NamedNode(str(term)))


def _nquads(quads: Sequence[Quad]) -> str:
    return "".join(f"{_nquads_term(s)} {_nquads_term(p)} {_nquads_term(o)} {_nquads_term(g)} .\n"
                   for s, p, o, g in quads)


def extract_partition(
    index: int,
    documents: Sequence[Document],
    run: ExtractionRun,
    *,
    factory: ExtractorFactory | None = None,
    batch_size: int = 16,
    output: str | None = None,
) -> PartitionResult:
    """Worker side: extract ``documents`` and return (or write) their graphs as N-Quads.

    A failing batch is retried document by document (:func:`~aikg.pipeline.extract_each`), so
    one bad document fails alone.
    """
    extractor = _worker_extractor(factory)
    result = PartitionResult(index, [])
    chunks: list[str] = []
    failures = BuildReport()
    extractions = list(extract_each(extractor, documents, n_process=1, batch_size=batch_size, report=failures))
    result.failed = failures.failed
    read_hashes = {document.doc_id: document.content_hash for document in documents}
    for extraction in extractions:
        quads = extraction_quads(extraction, run, content_hash=read_hashes.get(extraction.document.doc_id))
        chunks.append(_nquads(list(quads)))
        result.doc_ids.append(extraction.document.doc_id)
    data = "".join(chunks).encode("utf-8")
    if output is None:
        result.nquads = data
    else:
        path = Path(output) / f"{run.run_id}-part-{index:05d}.nq"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        result.path = str(path)
    return result


def _rdflib(term: Any) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r} in an extraction graph (no blank nodes are written)")


def quads_from_nquads(data: bytes) -> dict[str, list[Quad]]:
    """Parse N-Quads into rdflib quads grouped by graph IRI (one graph per document)."""
    graphs: dict[str, list[Quad]] = {}
    for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        graph = quad.graph_name
        if not isinstance(graph, ox.NamedNode):
            raise ValueError(f"quad outside a document graph: {quad}")
        s, p, o = _rdflib(quad.subject), _rdflib(quad.predicate), _rdflib(quad.object)
        graphs.setdefault(graph.value, []).append((s, p, o, URIRef(graph.value)))  # type: ignore[arg-type]
    return graphs


def partitions(documents: Sequence[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive slices of ``size`` documents.

    >>> [len(p) for p in partitions([Document(str(i), "t", "s") for i in range(5)], 2)]
    [2, 2, 1]
    """
    for start in range(0, len(documents), max(1, size)):
        yield list(documents[start:start + max(1, size)])


@dataclass(kw_only=True)
class DaskExecutor:
    """The build's executor on the Dask cluster at ``scheduler``, a partition per task.

    ``scheduler`` is an address (``tcp://host:8786``) or a ``distributed.Client``; ``None``
    starts a local cluster (one worker process per core) for the duration of the build.
    """

    scheduler: str | Any | None = None
    partition_size: int = 32
    batch_size: int = 16
    output: Path | None = None
    factory: ExtractorFactory | None = None
    warm: bool = True
    label: ClassVar[str] = "extracting (dask)"

    def graphs(self, documents: Sequence[Document], run: ExtractionRun, report: BuildReport
               ) -> Generator[DocumentGraph, None, None]:
        import distributed

        dask: Any = distributed  # partly typed: keep mypy's strict checks to our own code
        owns_client = self.scheduler is None or isinstance(self.scheduler, str)
        client: Any = (dask.Client(self.scheduler) if self.scheduler else dask.Client(processes=True)) \
            if owns_client else self.scheduler
        try:
            if self.warm:
                client.register_plugin(LoadPipelines(self.factory), name=LoadPipelines.name)
            by_iri = {str(document_iri(d.doc_id)): d for d in documents}
            futures = [
                client.submit(extract_partition, index, part, run, factory=self.factory, batch_size=self.batch_size,
                              output=str(self.output) if self.output else None, pure=False)
                for index, part in enumerate(partitions(documents, self.partition_size))
            ]
            for future in dask.as_completed(futures):
                result: PartitionResult = future.result()
                report.failed.extend(result.failed)
                for iri, quads in quads_from_nquads(result.data()).items():
                    yield DocumentGraph(by_iri[iri], quads)
                future.release()
        finally:
            if owns_client:
                client.close()


def build_distributed(
    paths: Sequence[Path],
    store: KnowledgeStore | str | Path,
    *,
    scheduler: str | Any | None = None,
    partition_size: int = 32,
    batch_size: int = 16,
    output: Path | None = None,
    factory: ExtractorFactory | None = None,
    warm: bool = True,
    progress: bool = False,
) -> BuildReport:
    """Like :func:`aikg.pipeline.build`, with extraction on the Dask cluster at ``scheduler``
    (see :class:`DaskExecutor`)."""
    executor = DaskExecutor(scheduler=scheduler, partition_size=partition_size, batch_size=batch_size,
                            output=output, factory=factory, warm=warm)
    return build_with(executor, paths, store, progress=progress)
