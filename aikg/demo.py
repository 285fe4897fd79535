"""The README's first command: build the sample corpus, write the view, answer one question."""

from __future__ import annotations

from pathlib import Path

from aikg.graph.sparql import ResultFormat, format_result, run_query
from aikg.graph.stats import store_stats
from aikg.graph.store import open_store
from aikg.graph.views.render import write_view
from aikg.pipeline import build

__all__ = ["WHO_LEADS", "run_demo"]

#: The first question users ask: who leads which organisation, and where it is said.
WHO_LEADS = """
SELECT ?person ?organisation (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  GRAPH ?doc { ?p aikg:leads ?o }
  ?p rdfs:label ?person . ?o rdfs:label ?organisation .
} GROUP BY ?person ?organisation ORDER BY DESC(?documents) ?person"""


def run_demo(corpus: Path, out: Path) -> str:
    """Build ``corpus`` into ``out/store``, write ``out/graph.html``; return a report to print."""
    store_dir = out / "store"
    report = build([corpus], store_dir, progress=True)
    with open_store(store_dir) as store:
        view = write_view(store, out / "graph.html", title=f"aikg: {corpus}")
        stats = store_stats(store)
        answer = format_result(run_query(store, WHO_LEADS), ResultFormat.TABLE)
    lines = [
        f"build: {report.summary()}",
        *(f"failed: {f}" for f in report.failed),
        f"store: {store_dir.resolve()}",
        f"view:  {view.resolve()}",
        f"graph: {stats.documents} documents, {sum(stats.entities.values())} entities, "
        f"{sum(stats.facts.values())} facts",
        "",
        "Who leads which organisation (aikg query --store out/store ...):",
        answer,
    ]
    return "\n".join(lines)
