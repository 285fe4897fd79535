"""How fast network views are made and opened: Python, then headless Chromium.

For random scale-free graphs (Barabási-Albert, two links per new node; a third of the links are
weak co-mentions) of each size, the graph is written into a fresh store as documents, then:

Sizes above the default ``ViewLimits.max_nodes`` are drawn twice: reduced to the most central
nodes (the default, with a notice on the page) and in full (``all nodes``).

- ``store_s``: loading the view's data from the store (SPARQL through Oxigraph),
- ``html_s``: reduction, centrality, igraph layout and the HTML page (pyvis template),
- ``first_draw_s`` / ``interactive_s``: in headless Chromium from navigation start to the first
  frame vis-network draws, and to the page being ready for input (frame drawn, handlers set),
- ``select_ms``: clicking a node through the page's API (highlight, panel, focus) until the
  next frame, i.e. whether the page responds.

Not a timed test: run ``python -m benchmarks.views`` (prints a Markdown table). Target: a
5,000-node view interactive in under 3 s; the 20,000-node view opens and responds.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import igraph as ig

from aikg.extract.records import (
    CoMention,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    RelationRecord,
)
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.store import open_store
from aikg.graph.views.data import graph_view
from aikg.graph.views.render import ViewLimits, render_view

__all__ = ["CHROMIUM", "random_extractions", "run"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
_TYPES = [EntityType.ORGANIZATION, EntityType.PERSON, EntityType.PRODUCT, EntityType.PLACE, EntityType.EVENT]
_PREDICATES = ["leads", "worksFor", "investsIn", "develops", "partnerOf", "basedIn", "acquired", "announced"]


def random_extractions(n: int, *, seed: int = 1, per_document: int = 200) -> list[Extraction]:
    """A scale-free graph of ``n`` entities split into documents of about ``per_document`` links."""
    rng = random.Random(seed)
    graph = ig.Graph.Barabasi(n, 2, directed=False)
    entities = [EntityRecord(f"e{i}", f"Entity {i}", rng.choice(_TYPES), aliases=(f"Entity {i}", f"E-{i}"))
                for i in range(n)]
    links = graph.get_edgelist()
    rng.shuffle(links)
    out = []
    for start in range(0, len(links), per_document):
        doc_id = f"bench-{start // per_document:05d}.md"
        chunk = links[start:start + per_document]
        used = sorted({i for pair in chunk for i in pair})
        relations, comentions = [], []
        for a, b in chunk:
            if rng.random() < 1 / 3:
                comentions.append(CoMention(f"e{min(a, b)}", f"e{max(a, b)}", rng.randint(1, 5)))
            else:
                sentence = f"Entity {a} and Entity {b} did something together."
                relations.append(RelationRecord(f"e{a}", rng.choice(_PREDICATES), f"e{b}",
                                                Evidence(doc_id, sentence, 0, len(sentence)), "bench", 0.9))
        document = Document(doc_id, "bench", f"/bench/{doc_id}", title=f"Bench {doc_id}",
                            url=f"https://bench.test/{doc_id}")
        out.append(Extraction(document, tuple(entities[i] for i in used), (), tuple(relations),
                              tuple(comentions), models=("bench",)))
    return out


def _browser_times(pages: list[Path]) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for path in pages:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []

            def failed(error: Exception, errors: list[str] = errors) -> None:
                errors.append(str(error))

            page.on("pageerror", failed)
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.goto(path.resolve().as_uri(), wait_until="commit", timeout=180_000)
            page.wait_for_selector("body[data-ready]", state="attached", timeout=180_000)
            first, interactive = page.evaluate("[aikgView.firstDraw, aikgView.interactive]")
            select_ms = page.evaluate("""() => new Promise(done => {
                const t = performance.now(); aikgView.select(0, true);
                requestAnimationFrame(() => setTimeout(() => done(performance.now() - t), 0)); })""")
            results.append({"first_draw_s": first / 1000, "interactive_s": interactive / 1000,
                            "select_ms": select_ms, "errors": float(len(errors))})
            page.close()
        browser.close()
    return results


def run(sizes: tuple[int, ...] = (500, 5000, 20000), *, browser: bool = True) -> list[dict[str, Any]]:
    """Measure each size; one row per size (seconds unless the key says ms)."""
    rows: list[dict[str, Any]] = []
    work = Path(tempfile.mkdtemp(prefix="aikg-bench-views-"))
    pages: list[Path] = []
    try:
        for n in sizes:
            extractions = random_extractions(n)
            run_record = ExtractionRun("bench")
            with open_store(work / f"store-{n}") as store:
                for extraction in extractions:
                    store.replace_document(extraction.document.doc_id, extraction_quads(extraction, run_record))
                start = time.perf_counter()
                data = graph_view(store, title=f"benchmark: {n:,} nodes")
                loaded = time.perf_counter()
            variants = [("default", ViewLimits())]
            if n > ViewLimits().max_nodes:
                variants.append(("all nodes", ViewLimits(max_nodes=n, max_edges=10 * n)))
            for name, limits in variants:
                begin = time.perf_counter()
                page = render_view(data, limits)
                done = time.perf_counter()
                out = work / f"view-{n}-{len(pages)}.html"
                out.write_text(page, encoding="utf-8")
                pages.append(out)
                drawn = min(n, limits.max_nodes)
                rows.append({"nodes": n, "view": name, "drawn": drawn, "edges": len(data.edges),
                             "store_s": loaded - start, "html_s": done - begin,
                             "html_mb": len(page.encode("utf-8")) / 1e6})
        if browser and CHROMIUM.exists():
            for row, times in zip(rows, _browser_times(pages), strict=True):
                row.update(times)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table."""
    columns = ["nodes", "edges", "view", "drawn", "store_s", "html_s", "html_mb", "first_draw_s", "interactive_s",
               "select_ms"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---:|" * len(columns)]
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c)
            cells.append("-" if value is None else str(value) if isinstance(value, str)
                         else f"{value:,}" if isinstance(value, int) else f"{value:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sizes = tuple(int(a) for a in sys.argv[1:]) or (500, 5000, 20000)
    print(markdown(run(sizes)))
