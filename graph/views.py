"""The one module that touches pyvis: interactive HTML network views that work offline.

pyvis's own HTML pulls vis-network's stylesheet (and bootstrap) from a CDN even with
``cdn_resources="in_line"``; this module renders with the in-line scripts and then replaces
every remote reference with the files pyvis ships, so the page opens from ``file://`` with no
network. Node and edge titles are rendered as HTML by vis-network: every text taken from an
article is escaped before it reaches the page.
"""

from __future__ import annotations

import html
import re
from importlib.resources import files
from pathlib import Path

from pyvis.network import Network
from rdflib import URIRef

from aikg.graph.store import KnowledgeStore

__all__ = ["TYPE_STYLE", "write_view"]

#: Colour and shape by entity type (the legend shows the same mapping).
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#e15759", "dot"),
    "Organization": ("#4e79a7", "square"),
    "Place": ("#59a14f", "triangle"),
    "Event": ("#f28e2b", "star"),
    "Product": ("#b07aa1", "diamond"),
    "MonetaryAmount": ("#edc948", "hexagon"),
}

_FACTS = """
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  FILTER(?p IN (aikg:leads, aikg:founded, aikg:worksFor, aikg:investsIn, aikg:raised, aikg:basedIn,
                aikg:develops, aikg:partnerOf, aikg:acquired, aikg:attended, aikg:heldIn, aikg:announced))
}"""
_ENTITIES = """
SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) (COUNT(DISTINCT ?d) AS ?docs) WHERE {
  ?e a ?t ; rdfs:label ?l ; aikg:mentionedIn ?d .
  FILTER(STRSTARTS(STR(?t), STR(aikg:)))
} GROUP BY ?e"""


def _pyvis_lib(name: str) -> str:
    return (files("pyvis") / "templates" / "lib" / name).read_text(encoding="utf-8")


def _make_offline(page: str) -> str:
    css = _pyvis_lib("vis-9.1.2/vis-network.css")
    page = re.sub(r'<link[^>]+vis-network[^>]*>', lambda _m: f"<style>{css}</style>", page)
    page = re.sub(r'<link[^>]+bootstrap[^>]*>', "", page)
    page = re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>', "", page)
    return page


def write_view(store: KnowledgeStore, out: Path, *, title: str = "aikg graph") -> Path:
    """Write an offline HTML view of the typed facts in ``store`` to ``out`` and return the path."""
    net = Network(height="92vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    entities = {row[0]: row for row in store.select(_ENTITIES)}
    added: set[URIRef] = set()

    def add(node: URIRef) -> None:
        if node in added:
            return
        row = entities.get(node)
        label = str(row[1]) if row else str(node).rsplit("/", 1)[-1]
        kind = str(row[2]).rsplit("#", 1)[-1] if row else "Entity"
        colour, shape = TYPE_STYLE.get(kind, ("#999999", "dot"))
        docs = int(row[3]) if row else 1
        net.add_node(str(node), label=label, title=html.escape(f"{label} ({kind}), in {docs} document(s)"),
                     color=colour, shape=shape, size=10 + 4 * docs)
        added.add(node)

    for s, p, o in store.select(_FACTS):
        add(s)
        add(o)
        predicate = str(p).rsplit("#", 1)[-1]
        net.add_edge(str(s), str(o), label=predicate, title=html.escape(predicate), arrows="to")
    net.toggle_physics(True)
    page = _make_offline(net.generate_html(notebook=False))
    page = page.replace("<body>", f"<body><h3 style='font-family:sans-serif'>{html.escape(title)}</h3>", 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
