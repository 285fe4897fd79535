"""One store engine in its own process, driven by JSON lines on stdin (see :mod:`benchmarks.store`).

A process per engine lets the parent measure each engine's peak memory (``ru_maxrss``) alone
and interleave the engines query by query, which keeps the ratios honest on a loaded machine.

Engines, all holding the same quads (document graphs plus their distinct merge as the
default graph) and all querying the default graph:

- ``aikg``: :class:`~aikg.graph.store.KnowledgeStore` (rdflib API over on-disk Oxigraph),
  filled by ``write_documents`` as ``aikg build`` fills it; its runner ``aikg-fast`` is the same store and process
  through :meth:`KnowledgeStore.select_values` (lexical values, no rdflib conversion);
- ``pyoxigraph``: the floor, pyoxigraph used directly on an on-disk store (``bulk_load``), given
  the same query text as aikg sends (bound IRIs written into the patterns, see
  :mod:`aikg.graph.store.prebind`);
- ``rdflib``: rdflib's default in-memory store, ``rdflib.Dataset(default_union=False)``
  (``parse(format="nquads")``), querying its default graph as aikg does;
- ``pyoxigraph-union`` (opt-in): the document graphs only, queried through Oxigraph's
  union-default-graph view, which repeats a triple once per graph that holds it.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import select
import signal
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["main"]


def _rss_mib() -> float:
    """Peak resident memory of this process since the start or the last :func:`_reset_peak`."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Start a new peak (Linux: ``/proc/self/clear_refs``), so that querying is measured apart from loading."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _prefixes() -> dict[str, str]:
    from aikg.graph.namespaces import PREFIX_IRIS

    return PREFIX_IRIS


class _Engine:
    def __init__(self, name: str, workdir: Path) -> None:
        self.name = name
        self.workdir = workdir
        self.runners: dict[str, Callable[[str, dict[str, str]], int]] = {}
        self.kstore: Any = None
        self.ox: Any = None
        self.rdf: Any = None

    # -- loading -------------------------------------------------------------------------------
    def load(self, path: str, mode: str, seed: int, n_docs: int, pool: int) -> dict[str, Any]:
        start = time.perf_counter()
        store_seconds = None
        if self.name in {"aikg", "aikg-fast"}:
            from aikg.graph.store import open_store

            self.kstore = open_store(self.workdir / "store")
            if mode == "reopen":
                pass
            elif mode == "documents":
                store_seconds = self._ingest_documents(self.kstore, seed, n_docs, pool)
            else:
                import pyoxigraph as ox

                self.kstore.oxigraph.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
                self.kstore.oxigraph.optimize()
            self.kstore.oxigraph.flush()
            size = len(self.kstore)
        elif self.name in {"pyoxigraph", "pyoxigraph-union"}:
            import pyoxigraph as ox

            self.ox = ox.Store(str(self.workdir / "oxstore"))
            if mode != "reopen":
                self.ox.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
                if self.name == "pyoxigraph-union":
                    self.ox.update("CLEAR DEFAULT")  # the document graphs only, seen through the union view
                self.ox.optimize()
            self.ox.flush()
            size = len(self.ox)
        elif self.name == "rdflib":
            from rdflib import Dataset

            self.rdf = Dataset(default_union=False)
            self.rdf.parse(path, format="nquads")
            size = sum(1 for _ in self.rdf.quads((None, None, None, None)))
            gc.freeze()  # the loaded graph is permanent: forked query processes then copy few pages
        else:
            raise ValueError(f"unknown engine {self.name!r}")
        seconds = time.perf_counter() - start
        self._prepare()
        answer = {"seconds": seconds, "store_seconds": store_seconds, "quads": size, "rss_mib": _rss_mib(),
                  "disk_mib": _disk_mib(self.workdir)}
        _reset_peak()
        return answer

    @staticmethod
    def _ingest_documents(kstore: Any, seed: int, n_docs: int, pool: int) -> float:
        """What ``aikg build`` does: ``write_documents`` per batch of ``WRITE_BATCH`` documents
        (each document all-or-nothing); returns store time."""
        from aikg.graph.build import ExtractionRun, oxigraph_quads
        from aikg.pipeline import WRITE_BATCH
        from benchmarks.synthetic import iter_articles

        run = ExtractionRun("synthetic", started=datetime(2025, 1, 1, tzinfo=UTC))
        spent = 0.0
        batch: list[tuple[str, list[Any]]] = []
        for article in iter_articles(n_docs, seed, pool_size=pool):
            batch.append((article.document.doc_id, list(oxigraph_quads(article.extraction, run))))
            if len(batch) == WRITE_BATCH:
                t0 = time.perf_counter()
                kstore.write_documents(batch)
                spent += time.perf_counter() - t0
                batch = []
        t0 = time.perf_counter()
        kstore.write_documents(batch)
        spent += time.perf_counter() - t0
        t0 = time.perf_counter()
        kstore.optimize()  # as aikg build does after a large build
        spent += time.perf_counter() - t0
        return spent

    def _prepare(self) -> None:
        import pyoxigraph as ox
        from rdflib import URIRef

        prefixes = _prefixes()
        if self.name == "aikg":
            kstore = self.kstore

            def run(sparql: str, bindings: dict[str, str]) -> int:
                return len(kstore.select(sparql, {k: URIRef(v) for k, v in bindings.items()}))

            self.runners["aikg"] = run
            if not hasattr(kstore, "select_values"):  # a baseline from before the fast path
                return

            def run_fast(sparql: str, bindings: dict[str, str]) -> int:
                return len(kstore.select_values(sparql, {k: URIRef(v) for k, v in bindings.items()}))

            self.runners["aikg-fast"] = run_fast
        elif self.name in {"pyoxigraph", "pyoxigraph-union"}:
            store = self.ox
            union = self.name == "pyoxigraph-union"

            from aikg.graph.store.prebind import inline_iris

            def run_ox(sparql: str, bindings: dict[str, str]) -> int:
                # the query text aikg sends (bound IRIs written in its patterns): pyoxigraph used
                # well, so that the ratio measures aikg's layer and not the rewrite
                result = store.query(inline_iris(sparql, bindings), use_default_graph_as_union=union, prefixes=prefixes,
                                     substitutions={ox.Variable(k): ox.NamedNode(v) for k, v in bindings.items()})
                return len([tuple(solution) for solution in result])

            self.runners[self.name] = run_ox
        else:
            dataset = self.rdf

            def run_rdflib(sparql: str, bindings: dict[str, str]) -> int:
                rows = dataset.query(sparql, initNs=prefixes, initBindings={k: URIRef(v) for k, v in bindings.items()})
                return len([tuple(row) for row in rows])

            self.runners["rdflib"] = run_rdflib

    # -- measuring -----------------------------------------------------------------------------
    def query(self, sparql: str, runner: str, bindings: dict[str, str], limit_s: float | None = None
              ) -> dict[str, Any]:
        run = self.runners[runner]
        if limit_s is not None:
            return _forked(lambda: self.query(sparql, runner, bindings), limit_s)
        start = time.perf_counter()
        rows = run(sparql, bindings)
        return {"seconds": time.perf_counter() - start, "rows": rows}

    def add_documents(self, sizes: dict[str, str], count: int, seed: int, pool: int) -> dict[str, Any]:
        """Time ``replace_document`` of ``count`` new documents on stores of each size."""
        from dataclasses import replace

        import pyoxigraph as ox

        from aikg.extract.records import Document
        from aikg.graph.build import ExtractionRun, extraction_quads
        from aikg.graph.store import open_store
        from benchmarks.synthetic import iter_articles

        run = ExtractionRun("synthetic-extra", started=datetime(2025, 1, 2, tzinfo=UTC))
        extra = []
        for i, article in enumerate(iter_articles(count, seed, pool_size=pool)):
            document: Document = replace(article.document, doc_id=f"extra/{i:04d}")
            extraction = replace(article.extraction, document=document)
            extra.append((document.doc_id, list(extraction_quads(extraction, run))))
        out: dict[str, Any] = {}
        for label, path in sizes.items():
            if path == "main":
                kstore, own = self.kstore, False
            else:
                kstore, own = open_store(self.workdir / f"store-{label}"), True
                kstore.oxigraph.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
                kstore.oxigraph.optimize()
            base = len(kstore)
            times = []
            for doc_id, quads in extra:
                t0 = time.perf_counter()
                kstore.replace_document(doc_id, quads)
                times.append(time.perf_counter() - t0)
            for doc_id, _ in extra:
                kstore.remove_document(doc_id)
            if own:
                kstore.close()
            out[label] = {"store_quads": base, "median_ms": 1000 * statistics.median(times),
                          "doc_quads": statistics.median(len(q) for _, q in extra)}
        return out


def _forked(measure: Callable[[], dict[str, Any]], limit_s: float) -> dict[str, Any]:
    """Run ``measure`` in a forked copy of this process, stopped after ``limit_s`` seconds.

    rdflib's evaluation cannot be interrupted, and reloading its in-memory store costs minutes
    at a million quads: a copy that runs one query and exits keeps the loaded store alive.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one query, its answer on the pipe, then exit without clean-up
        os.close(read_end)
        try:
            answer = measure()
        except Exception as err:
            answer = {"error": f"{type(err).__name__}: {err}"}
        os.write(write_end, json.dumps(answer).encode())
        os._exit(0)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], limit_s)
        if not ready:
            os.kill(pid, signal.SIGKILL)
            return {"error": f"timed out after {limit_s:.0f} s (query)", "timeout": True}
        chunks = []
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
        answer: dict[str, Any] = json.loads(b"".join(chunks) or b'{"error": "query process died"}')
        return answer
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)


def _disk_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main() -> None:
    """Serve commands from stdin until ``quit``; one JSON answer line per command."""
    name, workdir = sys.argv[1], Path(sys.argv[2])
    workdir.mkdir(parents=True, exist_ok=True)
    engine = _Engine(name, workdir)
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing else may write on the protocol channel
    for line in sys.stdin:
        command = json.loads(line)
        op = command.pop("op")
        try:
            if op == "quit":
                break
            if op == "load":
                answer = engine.load(**command)
            elif op == "query":
                answer = engine.query(**command)
            elif op == "add_documents":
                answer = engine.add_documents(**command)
            elif op == "rss":
                answer = {"rss_mib": _rss_mib()}
            elif op == "runners":
                answer = {"runners": list(engine.runners)}
            else:
                raise ValueError(f"unknown op {op!r}")
        except Exception as err:  # reported to the parent, which records it in the results
            answer = {"error": f"{type(err).__name__}: {err}"}
        out.write(json.dumps(answer) + "\n")
        out.flush()
    if engine.kstore is not None:
        engine.kstore.close()


if __name__ == "__main__":
    main()
