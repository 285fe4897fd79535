"""The README's first command: build the sample corpus, write the view, answer one question."""

from __future__ import annotations

from pathlib import Path

from aikg.graph.sparql import ResultFormat, format_result
from aikg.graph.stats import store_stats
from aikg.graph.store import open_store
from aikg.graph.views.render import write_view
from aikg.pipeline import build
from aikg.queries import run_named

__all__ = ["run_demo"]

def run_demo(corpus: Path, out: Path) -> str:
    """Build ``corpus`` into ``out/store``, write ``out/graph.html``; return a report to print."""
    store_dir = out / "store"
    report = build([corpus], store_dir, progress=True)
    with open_store(store_dir) as store:
        view = write_view(store, out / "graph.html", title=f"aikg: {corpus}")
        stats = store_stats(store)
        # the named query, so that former roles ("the former chief executive of") are left out
        answer = format_result(run_named(store, "who-leads"), ResultFormat.TABLE)
    lines = [
        f"build: {report.summary()}",
        *(f"failed: {f}" for f in report.failed),
        f"store: {store_dir.resolve()}",
        f"view:  {view.resolve()}",
        f"graph: {stats.documents} documents, {sum(stats.entities.values())} entities, "
        f"{sum(stats.facts.values())} facts",
        "",
        f"Who leads which organisation now ({_AIKG} query --named who-leads --store {store_dir}):",
        answer,
        "",
        *next_steps(store_dir, view),
    ]
    return "\n".join(lines)


#: How to call aikg from the repository root, where the README's commands run.
_AIKG = ".venv/bin/aikg" if Path(".venv/bin/aikg").exists() else "aikg"


def next_steps(store_dir: Path, view: Path) -> list[str]:
    """What to do after the demo: open the view, serve the query page, ask, analyse.

    >>> next_steps(Path("out/store"), Path("out/graph.html"))[2].split()[-4:]
    ['--store', 'out/store', '(then', 'http://127.0.0.1:8000/)']
    """
    views = "" if view.parent == Path("out") else f" --views {view.parent}"
    return [
        "What next:",
        f"  open the view in a browser:  {view.resolve().as_uri()}",
        f"  the query page and views:    {_AIKG} serve --store {store_dir}{views}   (then http://127.0.0.1:8000/)",
        f"  ask in plain words:          {_AIKG} ask \"Who invested in Mistral AI?\" --store {store_dir}",
        f"  the named queries:           {_AIKG} queries   then {_AIKG} query --named NAME --store {store_dir}",
        "  analyse it in Python:        the notebooks in notebooks/ (see the README)",
    ]
