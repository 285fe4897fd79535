"""Interactive network views: view data (SPARQL in, nodes and edges with evidence out), layout
(igraph positions, centrality for sizes) and rendering (pyvis HTML, the only module that touches
pyvis; offline assets in ``assets/``), one module each, their public names gathered here.

A view is computed in three steps that a reader can follow and test apart:
:mod:`~aikg.graph.views.data` -> :mod:`~aikg.graph.views.layout` -> :mod:`~aikg.graph.views.render`.
"""

from __future__ import annotations

from aikg.graph.views.data import (
    ENTITY_TYPES,
    WEAK_PREDICATE,
    DocumentInfo,
    EvidenceItem,
    ViewData,
    ViewEdge,
    ViewNode,
    ego_view,
    graph_view,
    query_view,
    reduce_view,
)
from aikg.graph.views.layout import centrality, positions
from aikg.graph.views.render import (
    PREDICATE_STYLE,
    TYPE_STYLE,
    NotebookView,
    ViewLimits,
    build_view,
    render_view,
    show_view,
    write_view,
)

__all__ = [
    "ENTITY_TYPES",
    "PREDICATE_STYLE",
    "TYPE_STYLE",
    "WEAK_PREDICATE",
    "DocumentInfo",
    "EvidenceItem",
    "NotebookView",
    "ViewData",
    "ViewEdge",
    "ViewLimits",
    "ViewNode",
    "build_view",
    "centrality",
    "ego_view",
    "graph_view",
    "positions",
    "query_view",
    "reduce_view",
    "render_view",
    "show_view",
    "write_view",
]
