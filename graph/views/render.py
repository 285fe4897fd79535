"""The one module that touches pyvis: interactive network views that open offline.

pyvis is the visualiser: its :class:`~pyvis.network.Network` holds the nodes, edges and
vis-network options and renders them through its Jinja machinery, and vis-network (shipped
inside pyvis) draws. Three things of pyvis's defaults are replaced:

- **Offline.** pyvis's own template loads bootstrap (and, unless in-lined, vis-network) from a
  CDN. Our template (``assets/view.html``) in-lines vis-network from pyvis's package and our
  own script and style; a Content-Security-Policy with ``default-src 'none'`` means the page
  cannot fetch anything even by mistake. No absolute path goes into the page, so the same
  file opens from ``file://``, from ``aikg serve`` and in a notebook (``srcdoc`` iframe).
- **Safe text.** Names and sentences come from articles. They reach the page only as JSON in
  ``<script type="application/json">`` blocks (``<``, ``>`` and ``&`` escaped by Jinja's
  ``tojson``); the script writes them with ``textContent`` and never sets ``title`` or
  ``innerHTML``; the CSP allows only the page's own scripts (by hash), so an injected
  ``onerror=`` handler could not run either.
- **Large graphs.** ``Network.add_edge`` checks every existing edge (quadratic: 50,000 nodes
  take minutes), so the node and edge lists are built here and handed to the ``Network`` as
  they are. Positions come from igraph (:mod:`aikg.graph.views.layout`); physics only refines small
  graphs, and large ones are reduced (:func:`~aikg.graph.views.data.reduce_view`) with a
  notice on the page saying what was left out.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.network import Network

from aikg.errors import UsageError
from aikg.graph.errors import Errors
from aikg.graph.store import open_store
from aikg.graph.views.data import (
    ENTITY_TYPES,
    WEAK_PREDICATE,
    ViewData,
    ViewSource,
    ego_view,
    graph_view,
    query_view,
    reduce_view,
)
from aikg.graph.views.layout import positions

__all__ = [
    "FACT_GROUPS",
    "PREDICATE_STYLE",
    "TYPE_STYLE",
    "NotebookView",
    "ViewLimits",
    "build_view",
    "render_view",
    "show_view",
    "write_view",
]

#: Colour and vis-network shape by entity type (the legend shows the same mapping).
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#e15759", "dot"),
    "Organization": ("#4e79a7", "square"),
    "Place": ("#59a14f", "triangle"),
    "Event": ("#f28e2b", "star"),
    "Product": ("#b07aa1", "diamond"),
    "MonetaryAmount": ("#d4a72c", "hexagon"),
    "Entity": ("#8c8c8c", "dot"),
}

#: Colour and dash pattern of edges by predicate, one distinct colour for each of the 12 predicates.
#:
#: Why these: the colours must stay apart for readers with colour-vision deficiencies and on white.
#: Seven come from Okabe & Ito's palette ("Color Universal Design", 2008; its yellow is too pale for
#: a thin line on white and is left out): black, orange, sky blue, bluish green, blue, vermillion,
#: reddish purple. Five come from Paul Tol's "muted" scheme (personal.sron.nl/~pault, 2021): indigo,
#: olive, teal, wine, rose. No palette has twelve hues that every reader tells apart, so the
#: predicates whose colour is nearest another's (teal near bluish green, wine near reddish purple,
#: rose near vermillion) are also dashed; co-mentions are light grey and dotted. The legend draws
#: the same colours and dashes.
PREDICATE_STYLE: dict[str, tuple[str, bool]] = {
    "leads": ("#D55E00", False),      # Okabe-Ito vermillion
    "worksFor": ("#CC79A7", False),   # Okabe-Ito reddish purple
    "founded": ("#000000", False),    # Okabe-Ito black
    "raised": ("#E69F00", False),     # Okabe-Ito orange
    "investsIn": ("#009E73", False),  # Okabe-Ito bluish green
    "acquired": ("#0072B2", False),   # Okabe-Ito blue
    "develops": ("#56B4E9", False),   # Okabe-Ito sky blue
    "partnerOf": ("#332288", False),  # Tol muted indigo
    "basedIn": ("#999933", False),    # Tol muted olive
    "heldIn": ("#44AA99", True),      # Tol muted teal, dashed
    "attended": ("#882255", True),    # Tol muted wine, dashed
    "announced": ("#CC6677", True),   # Tol muted rose, dashed
    WEAK_PREDICATE: ("#b9bec4", True),
}
#: vis-network dash patterns: facts with a dashed style, and the dotted co-mentions
_DASHES = [8, 4]
_DOTS = [2, 4]

#: The order in which the entity panel lists an entity's facts: the groups that say most about an
#: actor first, "announced" (many, and weak) last. Predicates of no group come after these.
FACT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Roles", ("leads", "worksFor")),
    ("Founded", ("founded",)),
    ("Funding", ("raised",)),
    ("Investments and acquisitions", ("investsIn", "acquired")),
    ("Products", ("develops",)),
    ("Partnerships", ("partnerOf",)),
    ("Events", ("attended",)),
    ("Places", ("basedIn", "heldIn")),
    ("Announced", ("announced",)),
)
_OTHER_EDGE = ("#6c7a89", False)
#: predicate -> (rank of its group, group name); the rank within a group is the predicate's place there
_GROUP_OF: dict[str, tuple[float, str]] = {
    p: (rank + k / 10, name) for rank, (name, members) in enumerate(FACT_GROUPS) for k, p in enumerate(members)}
_WIKIDATA_ID = re.compile(r"^Q[0-9]+$")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@dataclass(frozen=True)
class ViewLimits:
    """How much a page draws and how: beyond ``physics_nodes`` physics is off (positions from
    Python); beyond ``max_nodes`` / ``max_edges`` the view is reduced, with a notice."""

    max_nodes: int = 5_000
    max_edges: int = 15_000
    min_weight: float = 0.0
    physics_nodes: int = 300
    edge_labels: int = 1_500


def _assets() -> Path:
    return Path(str(files("aikg.graph.views") / "assets"))


def _pyvis_templates() -> Path:
    return Path(str(files("pyvis") / "templates"))


@functools.cache
def _raw(name: str) -> Markup:
    """A script or style sheet to in-line verbatim (ours in ``assets/``, vis-network in pyvis's package).

    In-lined as text, not through Jinja's ``include``: compiling 470 kB of minified JavaScript
    as a template would cost a second per page.
    """
    for folder in (_assets(), _pyvis_templates()):
        path = folder / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if "</script" in text.lower() or "</style" in text.lower():
                raise ValueError(f"{path} cannot be in-lined: it contains a closing script or style tag")
            return Markup(text)
    raise FileNotFoundError(f"view asset {name} not found in {_assets()} or {_pyvis_templates()}")


def _environment(info: dict[str, Any]) -> Environment:
    env = Environment(loader=FileSystemLoader(_assets()), autoescape=True, keep_trailing_newline=True)
    env.globals["inline"] = _raw
    env.globals["aikg"] = info
    return env


def _safe_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _payload(data: ViewData, limits: ViewLimits) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                           dict[str, Any], bool]:
    """The vis-network node and edge lists, and everything else the page's script needs."""
    iris = list(data.nodes)
    index = {iri: i for i, iri in enumerate(iris)}
    pairs = [(index[e.source], index[e.target]) for e in data.edges]
    physics = len(iris) <= limits.physics_nodes
    xy = positions(len(iris), pairs, spacing=110.0 if physics else 70.0)
    doc_iris = sorted(data.documents)
    doc_index = {d: i for i, d in enumerate(doc_iris)}
    kinds = [t for t in ENTITY_TYPES] + sorted({n.type for n in data.nodes.values()} - set(ENTITY_TYPES))
    kind_index = {k: i for i, k in enumerate(kinds)}
    top = max((n.score for n in data.nodes.values()), default=1.0) or 1.0
    large = len(iris) > limits.physics_nodes

    # when each entity enters the view: its first dated fact, else its first dated document
    published = {iri: doc.date for iri, doc in data.documents.items() if doc.date}
    first_seen = {iri: min([*(d for d in (published.get(doc) for doc in node.documents) if d),
                            *(date for date, _ in node.timeline)], default=None)
                  for iri, node in data.nodes.items()}
    vis_nodes: list[dict[str, Any]] = []
    info_nodes: list[dict[str, Any]] = []
    for i, iri in enumerate(iris):
        node = data.nodes[iri]
        colour, shape = TYPE_STYLE.get(node.type, TYPE_STYLE["Entity"])
        label = node.label if len(node.label) <= 40 else node.label[:39] + "…"
        size = 8 + 30 * math.sqrt(node.score / top)
        vis_nodes.append({"id": i, "label": label, "shape": shape, "color": colour, "size": round(size, 1),
                          "x": xy[i][0], "y": xy[i][1], "t": kind_index[node.type]})
        if first_seen.get(iri):
            vis_nodes[-1]["d0"] = first_seen[iri]
        info_nodes.append({
            "iri": iri, "label": node.label, "type": node.type, "aliases": node.aliases,
            "wikidata": node.wikidata if node.wikidata and _WIKIDATA_ID.match(node.wikidata) else None,
            "docs": [doc_index[d] for d in node.documents if d in doc_index],
            "attrs": [list(a) for a in node.attributes], "score": round(node.score, 6),
            "timeline": [list(item) for item in node.timeline],
        })

    predicates = sorted({e.predicate for e in data.edges},  # legend order: the panel's (FACT_GROUPS)
                        key=lambda p: (p == WEAK_PREDICATE, _GROUP_OF.get(p, (len(FACT_GROUPS), ""))[0], p))
    predicate_index = {p: i for i, p in enumerate(predicates)}
    labelled = sum(not e.weak for e in data.edges) <= limits.edge_labels
    vis_edges: list[dict[str, Any]] = []
    info_edges: list[dict[str, Any]] = []
    parallel: dict[frozenset[int], int] = {}
    for j, edge in enumerate(data.edges):
        colour, dashed = PREDICATE_STYLE.get(edge.predicate, _OTHER_EDGE)
        item: dict[str, Any] = {"id": j, "from": index[edge.source], "to": index[edge.target],
                                "p": predicate_index[edge.predicate], "color": colour}
        if dashed and not large:
            item["dashes"] = _DOTS if edge.weak else _DASHES
        if edge.weak:
            item.update(weak=1, w=edge.weight, width=round(min(4.0, 0.6 + 0.5 * math.log1p(edge.weight)), 2))
        else:
            item.update(arrows="to", width=round(min(5.0, 1.4 + 0.6 * math.log1p(len(edge.evidence))), 2))
            if labelled:
                item["label"] = edge.predicate
        if edge.since:
            item["d0"] = edge.since
        if edge.until:
            item["d1"] = edge.until
        pair = frozenset((item["from"], item["to"]))
        rank = parallel[pair] = parallel.get(pair, -1) + 1
        if rank and not large:  # several links between two entities: fan them out
            item["smooth"] = {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                              "roundness": round(0.2 * ((rank + 1) // 2), 2)}
        vis_edges.append(item)
        info_edges.append({
            "ev": [[ev.sentence, doc_index.get(ev.document, -1), ev.confidence, ev.extractor]
                   for ev in edge.evidence],
            "docs": [doc_index[d] for d in edge.documents if d in doc_index],
            "w": edge.weight, "note": edge.note,
        })

    type_counts = [sum(n.type == k for n in data.nodes.values()) for k in kinds]
    predicate_counts = [0] * len(predicates)
    for e in data.edges:
        predicate_counts[predicate_index[e.predicate]] += 1
    notices = list(data.notices)
    if large:
        notices.append(f"Large graph ({len(iris):,} nodes): layout computed in Python, physics off"
                       + ("" if labelled else ", edge names shown on hover") + ".")
    info = {
        "title": data.title,
        "notices": notices,
        "types": [{"name": k, "color": TYPE_STYLE.get(k, TYPE_STYLE["Entity"])[0],
                   "shape": TYPE_STYLE.get(k, TYPE_STYLE["Entity"])[1], "count": c}
                  for k, c in zip(kinds, type_counts, strict=True)],
        "predicates": [{"name": p, "color": PREDICATE_STYLE.get(p, _OTHER_EDGE)[0], "weak": p == WEAK_PREDICATE,
                        "dashed": PREDICATE_STYLE.get(p, _OTHER_EDGE)[1], "count": c,
                        "group": _GROUP_OF.get(p, (len(FACT_GROUPS), "Other facts"))}
                       for p, c in zip(predicates, predicate_counts, strict=True)],
        "nodes": info_nodes,
        "edges": info_edges,
        "documents": [{"iri": d, "id": data.documents[d].doc_id, "title": data.documents[d].title,
                       "url": _safe_url(data.documents[d].url), "date": data.documents[d].date}
                      for d in doc_iris],
        "focus": index.get(data.focus) if data.focus else None,
        "physics": physics,
        "large": large,
        "maxWeight": max((e.weight for e in data.edges if e.weak), default=1.0),
        # the dates at which the graph changes: the steps of the date slider
        "dates": sorted({d for e in data.edges for d in (e.since, e.until) if d}
                        | {d for d in first_seen.values() if d}),
    }
    return vis_nodes, vis_edges, info, physics


def _options(net: Network, *, physics: bool, large: bool) -> dict[str, Any]:
    """vis-network options: pyvis's physics presets, plus what large graphs need to stay responsive."""
    if physics:
        net.barnes_hut(gravity=-9000, central_gravity=0.25, spring_length=130, spring_strength=0.03,
                       damping=0.3, overlap=0.2)
    net.toggle_physics(physics)
    net.toggle_hide_edges_on_drag(large)
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["physics"]["stabilization"] = {"enabled": physics, "iterations": 150, "fit": True}
    options["edges"] = {
        "smooth": {"enabled": not large, "type": "continuous"},
        "color": {"inherit": False, "opacity": 0.85},
        "font": {"size": 10, "color": "#4a4a4a", "strokeWidth": 3, "align": "middle"},
        "arrows": {"to": {"scaleFactor": 0.5}},
        "selectionWidth": 2,
    }
    options["nodes"] = {
        "font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "borderWidth": 1,
        "scaling": {"label": {"drawThreshold": 9 if large else 5}},
    }
    options["interaction"] = {
        "hover": True, "tooltipDelay": 250, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
        "dragNodes": True, "navigationButtons": False, "keyboard": False, "multiselect": False,
    }
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    options.pop("configure", None)
    return options


def render_view(data: ViewData, limits: ViewLimits | None = None) -> str:
    """The HTML page of ``data`` (reduced to ``limits`` first); one self-contained string."""
    limits = limits or ViewLimits()
    data = reduce_view(data, max_nodes=limits.max_nodes, max_edges=limits.max_edges, min_weight=limits.min_weight)
    vis_nodes, vis_edges, info, physics = _payload(data, limits)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=data.title)
    net.templateEnv = _environment(info)
    net.path = "view.html"
    # handed over as built: Network.add_node/add_edge are quadratic in the size of the graph
    net.nodes, net.edges = vis_nodes, vis_edges
    net.node_ids = [n["id"] for n in vis_nodes]
    net.options = _options(net, physics=physics, large=bool(info["large"]))
    page: str = net.generate_html(notebook=False)
    return _with_csp(page)


def _with_csp(page: str) -> str:
    """Allow exactly the page's own inline scripts (by hash) and no network access at all."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode("ascii") + "'"
        for m in _SCRIPT.finditer(page))
    policy = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
              "font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")
    return page.replace("__AIKG_CSP__", html.escape(policy, quote=True), 1)


def _data(source: ViewSource, *, focus: str | None, depth: int, query: str | None, title: str | None,
          co_mentions: bool = False) -> ViewData:
    if focus is not None and query is not None:
        raise UsageError(Errors.E004)
    if query is not None:
        return query_view(source, query, title=title or "aikg: query result")
    if focus is not None:
        return ego_view(source, focus, depth, co_mentions=co_mentions, title=title)
    return graph_view(source, title=title or "aikg graph")


def build_view(source: ViewSource | Path | str, *, focus: str | None = None, depth: int = 2,
               query: str | None = None, title: str | None = None, limits: ViewLimits | None = None,
               co_mentions: bool = False) -> str:
    """HTML of a view of ``source``: the whole graph, the ego graph of ``focus`` (a label or
    alias) within ``depth`` stated facts (co-mentions too with ``co_mentions``), or the result of a
    SPARQL ``query`` (CONSTRUCT or SELECT).

    ``source`` is an open store, an rdflib graph, or the folder of a store (opened read-only).
    """
    if isinstance(source, str | Path):
        with open_store(source, read_only=True) as store:
            return render_view(_data(store, focus=focus, depth=depth, query=query, title=title,
                                     co_mentions=co_mentions), limits)
    return render_view(_data(source, focus=focus, depth=depth, query=query, title=title, co_mentions=co_mentions),
                       limits)


def write_view(source: ViewSource | Path | str, out: Path, *, title: str | None = None, focus: str | None = None,
               depth: int = 2, query: str | None = None, limits: ViewLimits | None = None,
               co_mentions: bool = False) -> Path:
    """Write :func:`build_view`'s page to ``out`` (folders created) and return the path."""
    page = build_view(source, focus=focus, depth=depth, query=query, title=title, limits=limits,
                      co_mentions=co_mentions)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


class NotebookView:
    """A view for Jupyter and VS Code notebooks: displays as an ``<iframe srcdoc>`` holding the page.

    The page is self-contained, so it needs no server, file or network; ``save`` writes it out.
    """

    def __init__(self, page: str, height: int = 650) -> None:
        self.html = page
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" style="width:100%;height:{self.height}px;'
                'border:1px solid #ddd" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox">'
                "</iframe>")

    def save(self, path: Path | str) -> Path:
        target = Path(path)
        target.write_text(self.html, encoding="utf-8")
        return target


def show_view(source: ViewSource | Path | str, *, focus: str | None = None, depth: int = 2,
              query: str | None = None, title: str | None = None, limits: ViewLimits | None = None,
              height: int = 650, co_mentions: bool = False) -> NotebookView:
    """A notebook-displayable view (same arguments as :func:`build_view`); end a cell with it."""
    return NotebookView(build_view(source, focus=focus, depth=depth, query=query, title=title, limits=limits,
                                   co_mentions=co_mentions), height=height)
