"""Store benchmark: load and query a synthetic graph in aikg's store, pyoxigraph and rdflib.

Each engine runs in its own process (:mod:`benchmarks.store_worker`) so that its peak memory
is its own; the parent sends the same queries to every engine in turn, rotating the order on
each repetition, so a burst of load on a shared machine hits all engines alike and the ratios
stay meaningful even when absolute times are noisy.

- aikg's store is filled the way ``aikg build`` fills it: one atomic ``replace_document`` per
  document (the quads of :func:`~aikg.graph.build.extraction_quads`); pyoxigraph and rdflib
  load the same graph from an N-Quads file (pyoxigraph's ``bulk_load``: the floor).
- Adding one document is timed on stores of 10k, 100k and the full size: it should cost the
  same at every size (time proportional to the document, not to the store).
"""

from __future__ import annotations

import json
import math
import select
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from benchmarks.queries import BenchQuery, bench_queries
from benchmarks.synthetic import iter_articles, quad_to_nquads

__all__ = ["QUADS_PER_DOC", "generate_graph", "run_store_benchmark"]

REPO = Path(__file__).resolve().parents[1]
#: About how many quads one synthetic article yields (used to size the entity pools).
QUADS_PER_DOC = 390
_SIDE_SIZES = {"10k": 10_000, "100k": 100_000}


def generate_graph(workdir: Path, target_quads: int, seed: int) -> dict[str, Any]:
    """Write ``main.nq`` (at least ``target_quads``) and smaller prefixes for the add-one tests."""
    from datetime import UTC, datetime

    from aikg.graph.build import ExtractionRun, extraction_quads

    workdir.mkdir(parents=True, exist_ok=True)
    pool = max(1, math.ceil(target_quads / QUADS_PER_DOC) + 10)
    run = ExtractionRun("synthetic", started=datetime(2025, 1, 1, tzinfo=UTC))
    start = time.perf_counter()
    side = {label: size for label, size in _SIDE_SIZES.items() if size < target_quads}
    handles: dict[str, IO[str]] = {label: (workdir / f"{label}.nq").open("w", encoding="utf-8") for label in side}
    docs = quads = 0
    with (workdir / "main.nq").open("w", encoding="utf-8") as main:
        for article in iter_articles(pool * 2, seed, pool_size=pool):
            text = "".join(quad_to_nquads(q) for q in extraction_quads(article.extraction, run))
            main.write(text)
            for label in list(handles):
                if quads < side[label]:
                    handles[label].write(text)
                else:
                    handles.pop(label).close()
            docs += 1
            quads += text.count("\n")
            if quads >= target_quads:
                break
    for handle in handles.values():
        handle.close()
    return {"documents": docs, "quads": quads, "pool": pool, "seconds": time.perf_counter() - start,
            "files": {"main": str(workdir / "main.nq"), **{k: str(workdir / f"{k}.nq") for k in side}}}


class _Worker:
    """A store engine in a child process, spoken to in JSON lines."""

    def __init__(self, engine: str, workdir: Path) -> None:
        self.engine = engine
        self.workdir = workdir
        self.proc = self._spawn()
        self.dead: str | None = None

    def _spawn(self) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "benchmarks.store_worker", self.engine, str(self.workdir / self.engine)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
        )

    def restart(self) -> bool:
        """After a timeout: reopen an on-disk store in a fresh process (rdflib would need a reload)."""
        if self.engine == "rdflib":
            return False
        self.proc.wait()
        self.proc = self._spawn()
        self.dead = None
        answer = self.ask(timeout=600, op="load", path="", mode="reopen", seed=0, n_docs=0, pool=0)
        return "error" not in answer

    def ask(self, timeout: float | None = None, **command: Any) -> dict[str, Any]:
        if self.dead:
            return {"error": self.dead}
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.proc.kill()
            self.dead = f"timed out after {timeout:.0f} s ({command.get('op')}); engine stopped"
            return {"error": self.dead, "timeout": True}
        line = self.proc.stdout.readline()
        if not line:
            self.dead = f"worker exited with status {self.proc.wait()}"
            return {"error": self.dead}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        if self.proc.poll() is None and not self.dead:
            try:
                self.ask(timeout=60, op="quit")
            except (BrokenPipeError, OSError):
                pass
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def run_store_benchmark(
    workdir: Path,
    *,
    target_quads: int = 1_000_000,
    seed: int = 0,
    reps: int = 5,
    engines: tuple[str, ...] = ("aikg", "pyoxigraph", "pyoxigraph-merged", "rdflib"),
    query_budget_s: float = 5.0,
    query_timeout_s: float = 5.0,
    rdflib_timeout_s: float = 60.0,
    add_documents: int = 5,
    queries: list[BenchQuery] | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Run the whole store benchmark and return its results as plain data (see module doc)."""
    queries = queries if queries is not None else bench_queries()
    log(f"store: generating a synthetic graph of {target_quads:,} quads")
    graph = generate_graph(workdir / "data", target_quads, seed)
    log(f"store: {graph['documents']:,} documents, {graph['quads']:,} quads in {graph['seconds']:.1f} s")
    workers = {engine: _Worker(engine, workdir) for engine in engines}
    results: dict[str, Any] = {"graph": graph, "load": {}, "queries": [], "add_document": {}, "memory": {}}
    try:
        for engine, worker in workers.items():
            mode = "documents" if engine == "aikg" else "bulk"
            log(f"store: loading {engine} ({'replace_document per document' if mode == 'documents' else 'bulk'})")
            answer = worker.ask(op="load", path=graph["files"]["main"], mode=mode, seed=seed,
                                n_docs=graph["documents"], pool=graph["pool"])
            answer["mode"] = mode
            results["load"][engine] = answer
            log(f"store:   {engine}: {_fmt_load(answer)}")
        runners: list[tuple[str, _Worker]] = []
        for worker in workers.values():
            for runner in worker.ask(op="runners").get("runners", []):
                runners.append((runner, worker))
        for query in queries:
            times: dict[str, list[float]] = {runner: [] for runner, _ in runners}
            rows: dict[str, int] = {}
            errors: dict[str, str] = {}
            timeouts: dict[str, float] = {}
            for rep in range(reps):
                shift = rep % len(runners)
                for runner, worker in runners[shift:] + runners[:shift]:
                    if runner in errors:
                        continue
                    if times[runner] and sum(times[runner]) > query_budget_s:
                        continue  # slow enough that fewer runs tell the same story
                    timeout = rdflib_timeout_s if runner == "rdflib" else query_timeout_s
                    answer = worker.ask(timeout=timeout, op="query", sparql=query.sparql, runner=runner,
                                        bindings=query.bindings)
                    if "error" in answer:
                        errors[runner] = answer["error"]
                        if answer.get("timeout"):
                            timeouts[runner] = timeout
                            worker.restart()
                        continue
                    times[runner].append(answer["seconds"])
                    rows[runner] = answer["rows"]
            entry = {"name": query.name, "kind": query.kind, "source": query.source,
                     "median_ms": {r: 1000 * statistics.median(t) for r, t in times.items() if t},
                     "runs": {r: len(t) for r, t in times.items()}, "rows": rows, "errors": errors,
                     "timeout_s": timeouts,
                     "rows_agree": len(set(rows.values())) <= 1}
            results["queries"].append(entry)
            log(f"store:   {query.name:<22} " + "  ".join(f"{r}={ms:.1f}ms" for r, ms in entry["median_ms"].items())
                + "".join(f"  {r}>{t:.0f}s" for r, t in timeouts.items())
                + ("" if entry["rows_agree"] else f"  ROWS DIFFER {rows}"))
        for engine, worker in workers.items():
            results["memory"][engine] = worker.ask(timeout=60, op="rss").get("rss_mib")
        if "aikg" in workers and add_documents:
            sizes = {label: path for label, path in graph["files"].items() if label != "main"}
            sizes[_label(graph["quads"])] = "main"
            log("store: adding documents to stores of " + ", ".join(sizes))
            results["add_document"] = workers["aikg"].ask(
                op="add_documents", sizes=sizes, count=add_documents, seed=seed + 1, pool=graph["pool"])
    finally:
        for worker in workers.values():
            worker.close()
    results["summary"] = summarise(results)
    return results


def _label(quads: int) -> str:
    return f"{quads / 1e6:.1f}M" if quads >= 1_000_000 else f"{quads // 1000}k"


def _fmt_load(answer: dict[str, Any]) -> str:
    if "error" in answer:
        return str(answer["error"])
    return (f"{answer['seconds']:.1f} s, {answer['quads']:,} quads, peak {answer['rss_mib']:.0f} MiB"
            + (f", store time {answer['store_seconds']:.1f} s" if answer.get("store_seconds") else ""))


def summarise(results: dict[str, Any]) -> dict[str, Any]:
    """Ratios and target checks from the raw results."""
    summary: dict[str, Any] = {"queries": []}
    for entry in results["queries"]:
        ms = entry["median_ms"]
        row: dict[str, Any] = {"name": entry["name"], "kind": entry["kind"]}
        ours = ms.get("aikg-fast", ms.get("aikg"))
        if ours is not None:
            row["ours_ms"] = ours
            if "rdflib" in ms:
                row["speedup_vs_rdflib"] = ms["rdflib"] / ours
            if "pyoxigraph" in ms:
                row["ratio_to_pyoxigraph"] = ours / ms["pyoxigraph"]
                if "aikg" in ms:
                    row["rdflib_layer_ratio_to_pyoxigraph"] = ms["aikg"] / ms["pyoxigraph"]
        summary["queries"].append(row)
    ratios = [r["ratio_to_pyoxigraph"] for r in summary["queries"] if "ratio_to_pyoxigraph" in r]
    speedups = [r["speedup_vs_rdflib"] for r in summary["queries"]
                if "speedup_vs_rdflib" in r and r["kind"] in {"join", "aggregate"}]
    fast = [r for r in summary["queries"] if r["kind"] != "whole-graph" and "ours_ms" in r]
    add = results.get("add_document") or {}
    add_ms = [v["median_ms"] for v in add.values() if isinstance(v, dict) and "median_ms" in v]
    summary["targets"] = {
        "join_aggregate_min_speedup_vs_rdflib (>= 20)": min(speedups) if speedups else None,
        "max_ratio_to_pyoxigraph (<= 1.5)": max(ratios) if ratios else None,
        "max_ms_excluding_whole_graph (< 100)": max((r["ours_ms"] for r in fast), default=None),
        "aikg_peak_memory_mib (< 1024)": results.get("memory", {}).get("aikg"),
        "add_document_largest_over_smallest (~1)": (add_ms[-1] / add_ms[0]) if len(add_ms) > 1 else None,
    }
    return summary
