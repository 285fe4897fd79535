"""Store benchmark: load and query a synthetic graph in aikg's store, pyoxigraph and rdflib.

Each engine runs in its own process (:mod:`benchmarks.store_worker`) so that its peak memory
is its own; the parent sends the same queries to every engine in turn, rotating the order on
each repetition, so a burst of load on a shared machine hits all engines alike and the ratios
stay meaningful even when absolute times are noisy.

- aikg's store is filled the way ``aikg build`` fills it: ``write_documents`` per batch of
  documents, each document all-or-nothing (the quads of :func:`~aikg.graph.build.oxigraph_quads`),
  which also keeps the distinct merge of the document graphs in the default graph.
- pyoxigraph (the floor) and rdflib load the same data from one N-Quads file: every document's
  named graph plus their distinct merge as the default graph, i.e. what the aikg store holds
  (checked: the quad counts must agree). All three answer queries from the default graph.
- ``pyoxigraph-union`` (opt-in, ``union_view=True``): the named graphs only, queried through
  Oxigraph's union-default-graph view, to document why aikg keeps a merged default graph.
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
from benchmarks.synthetic import iter_articles, quad_to_nquads, quad_to_ntriples

__all__ = ["QUADS_PER_DOC", "generate_graph", "run_store_benchmark"]

REPO = Path(__file__).resolve().parents[1]
#: About how many quads one synthetic article yields (used to size the entity pools).
QUADS_PER_DOC = 390
_SIDE_SIZES = {"10k": 10_000, "100k": 100_000}


def generate_graph(workdir: Path, target_quads: int, seed: int) -> dict[str, Any]:
    """Write ``main.nq`` (document graphs of at least ``target_quads`` quads, plus their distinct
    merge as the default graph) and smaller prefixes of it for the add-one-document tests."""
    from datetime import UTC, datetime

    from aikg.graph.build import ExtractionRun, extraction_quads

    workdir.mkdir(parents=True, exist_ok=True)
    pool = max(1, math.ceil(target_quads / QUADS_PER_DOC) + 10)
    run = ExtractionRun("synthetic", started=datetime(2025, 1, 1, tzinfo=UTC))
    start = time.perf_counter()
    side = {label: size for label, size in _SIDE_SIZES.items() if size < target_quads}
    files = {"main": workdir / "main.nq", **{label: workdir / f"{label}.nq" for label in side}}
    handles: dict[str, IO[str]] = {label: path.open("w", encoding="utf-8") for label, path in files.items()}
    merged: dict[str, dict[str, None]] = {label: {} for label in files}  # distinct triples, in first-seen order
    counts = {label: 0 for label in files}
    docs = quads = 0
    try:
        for article in iter_articles(pool * 2, seed, pool_size=pool):
            quad_list = list(extraction_quads(article.extraction, run))
            lines = [quad_to_nquads(q) for q in quad_list]
            triples = [quad_to_ntriples(q) for q in quad_list]
            text = "".join(lines)
            distinct = len(set(lines))  # a document graph is a set: a repeated quad is stored once
            for label in list(handles):
                if label != "main" and quads >= side[label]:
                    continue
                handles[label].write(text)
                merged[label].update(dict.fromkeys(triples))
                counts[label] += distinct
            docs += 1
            quads += distinct
            if quads >= target_quads:
                break
        for label, handle in handles.items():
            handle.write("".join(merged[label]))
    finally:
        for handle in handles.values():
            handle.close()
    return {"documents": docs, "quads": quads, "default_graph_triples": len(merged["main"]),
            "store_quads": quads + len(merged["main"]), "pool": pool, "seconds": time.perf_counter() - start,
            "files": {label: str(path) for label, path in files.items()},
            "side_quads": {label: counts[label] + len(merged[label]) for label in side}}


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
    max_reps: int = 15,
    short_budget_s: float = 0.5,
    engines: tuple[str, ...] = ("aikg", "pyoxigraph", "rdflib"),
    union_view: bool = False,
    query_budget_s: float = 3.0,
    query_timeout_s: float = 5.0,
    rdflib_timeout_s: float = 5.0,
    add_documents: int = 5,
    queries: list[BenchQuery] | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Run the whole store benchmark and return its results as plain data (see module doc)."""
    queries = queries if queries is not None else bench_queries()
    log(f"store: generating a synthetic graph of {target_quads:,} quads")
    graph = generate_graph(workdir / "data", target_quads, seed)
    log(f"store: {graph['documents']:,} documents, {graph['quads']:,} quads in document graphs, "
        f"{graph['default_graph_triples']:,} distinct triples in the default graph ({graph['seconds']:.1f} s)")
    if union_view and "pyoxigraph-union" not in engines:
        engines = (*engines, "pyoxigraph-union")
    workers = {engine: _Worker(engine, workdir) for engine in engines}
    results: dict[str, Any] = {"graph": graph, "load": {}, "queries": [], "add_document": {}, "memory": {},
                               "runs": {"min": reps, "max": max(reps, max_reps), "short_budget_s": short_budget_s,
                                        "budget_s": query_budget_s}}
    try:
        for engine, worker in workers.items():
            mode = "documents" if engine == "aikg" else "bulk"
            log(f"store: loading {engine} ({'write_documents per batch' if mode == 'documents' else 'bulk'})")
            answer = worker.ask(op="load", path=graph["files"]["main"], mode=mode, seed=seed,
                                n_docs=graph["documents"], pool=graph["pool"])
            answer["mode"] = mode
            results["load"][engine] = answer
            log(f"store:   {engine}: {_fmt_load(answer)}")
        loaded = {e: a["quads"] for e, a in results["load"].items() if "quads" in a and e != "pyoxigraph-union"}
        results["same_data"] = len(set(loaded.values())) <= 1 and graph["store_quads"] in set(loaded.values())
        if not results["same_data"]:
            log(f"store: WARNING engines hold different data: {loaded} (expected {graph['store_quads']:,})")
        runners: list[tuple[str, _Worker]] = []
        for worker in workers.values():
            for runner in worker.ask(op="runners").get("runners", []):
                runners.append((runner, worker))
        for query in queries:
            times: dict[str, list[float]] = {runner: [] for runner, _ in runners}
            rows: dict[str, int] = {}
            errors: dict[str, str] = {}
            timeouts: dict[str, float] = {}
            for rep in range(max(reps, max_reps)):
                shift = rep % len(runners)
                for runner, worker in runners[shift:] + runners[:shift]:
                    if runner in errors:
                        continue
                    spent = sum(times[runner])
                    if times[runner] and spent > query_budget_s:
                        continue  # slow enough that fewer runs tell the same story
                    if len(times[runner]) >= reps and spent > short_budget_s:
                        continue  # a short query runs up to max_reps times: its median is less noisy
                    timeout = rdflib_timeout_s if runner == "rdflib" else query_timeout_s
                    # rdflib stops its own over-long queries (each runs in a forked copy of the loaded
                    # store, see store_worker), so it is never lost; the others are restarted on disk
                    own_limit = runner == "rdflib"
                    answer = worker.ask(timeout=timeout + 60 if own_limit else timeout, op="query",
                                        sparql=query.sparql, runner=runner, bindings=query.bindings,
                                        limit_s=timeout if own_limit else None)
                    if "error" in answer:
                        errors[runner] = answer["error"]
                        if answer.get("timeout"):
                            timeouts[runner] = timeout
                            if not own_limit:
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
    """Ratios and target checks from the raw results.

    ``aikg`` is :meth:`KnowledgeStore.select` (rdflib terms), ``aikg-fast`` the same store through
    :meth:`KnowledgeStore.select_values`; both are compared with pyoxigraph and rdflib on the same data.
    """
    summary: dict[str, Any] = {"queries": []}
    for entry in results["queries"]:
        ms = entry["median_ms"]
        row: dict[str, Any] = {"name": entry["name"], "kind": entry["kind"]}
        for ours in ("aikg", "aikg-fast"):
            if ours not in ms:
                continue
            row[f"{ours}_ms"] = ms[ours]
            if "pyoxigraph" in ms:
                row[f"{ours}_to_pyoxigraph"] = ms[ours] / ms["pyoxigraph"]
            if "rdflib" in ms:
                row[f"rdflib_to_{ours}"] = ms["rdflib"] / ms[ours]
            elif "rdflib" in entry.get("timeout_s", {}):
                row[f"rdflib_to_{ours}_at_least"] = 1000 * entry["timeout_s"]["rdflib"] / ms[ours]
        summary["queries"].append(row)
    rows = summary["queries"]

    def worst(key: str, kinds: set[str] | None = None, *, low: bool = False) -> float | None:
        values = [r[key] for r in rows if key in r and (kinds is None or r["kind"] in kinds)]
        if low:  # a lower bound (rdflib stopped) counts too: the speedup is at least that
            values += [r[f"{key}_at_least"] for r in rows
                       if f"{key}_at_least" in r and (kinds is None or r["kind"] in kinds)]
        return (min(values) if low else max(values)) if values else None

    # neighbourhood: two hops reach most of the graph (see queries.py), whatever the entity
    bounded = {"join", "aggregate", "lookup"}
    add = results.get("add_document") or {}
    add_ms = [v["median_ms"] for v in add.values() if isinstance(v, dict) and "median_ms" in v]
    summary["targets"] = {
        "join/aggregate: min speedup of aikg over rdflib (>= 20)":
            worst("rdflib_to_aikg", {"join", "aggregate"}, low=True),
        "join/aggregate: min speedup of aikg-fast over rdflib (>= 20)":
            worst("rdflib_to_aikg-fast", {"join", "aggregate"}, low=True),
        "max ratio aikg / pyoxigraph (<= 1.5)": worst("aikg_to_pyoxigraph"),
        "max ratio aikg-fast / pyoxigraph (<= 1.5)": worst("aikg-fast_to_pyoxigraph"),
        "max ms, aikg, joins, aggregates and lookups (< 100)": worst("aikg_ms", bounded),
        "max ms, aikg-fast, joins, aggregates and lookups (< 100)": worst("aikg-fast_ms", bounded),
        "aikg peak memory MiB while querying (< 1024)": results.get("memory", {}).get("aikg"),
        "aikg peak memory MiB while loading (< 1024)": results.get("load", {}).get("aikg", {}).get("rss_mib"),
        "add one document: largest store / smallest store (~1)": (add_ms[-1] / add_ms[0]) if len(add_ms) > 1 else None,
    }
    return summary
