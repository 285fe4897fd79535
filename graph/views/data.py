"""What a network view shows, as plain data: SPARQL in, nodes, edges and their evidence out.

A view is a projection of a SPARQL pattern (the kglab idea), never of the raw store: the whole
graph of typed facts and co-mentions, the neighbourhood of one entity, or the result of any
CONSTRUCT or SELECT query. Every edge keeps what explains it: the evidence sentences and the
documents of a typed fact, the weight and documents of a co-mention, the query row of a SELECT.
Nothing here knows about HTML; :mod:`aikg.graph.views.render` draws a :class:`ViewData`.

Sources are a :class:`~aikg.graph.store.KnowledgeStore` (read through
:meth:`~aikg.graph.store.KnowledgeStore.select_values`, which skips rdflib terms where the backend
can, because converting tens of thousands of rows is slow) or any rdflib ``Graph``.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from pyparsing import ParseException
from rdflib import BNode, Graph, URIRef

from aikg.errors import QueryError
from aikg.extract.records import PREDICATES, EntityType
from aikg.graph import lookup
from aikg.graph.errors import Errors
from aikg.graph.namespaces import AIKG, PREFIXES, entity_key, is_plain_iri
from aikg.graph.sparql import shorten
from aikg.graph.store import KnowledgeStore
from aikg.graph.views.layout import centrality

__all__ = [
    "ENTITY_TYPES",
    "WEAK_PREDICATE",
    "DocumentInfo",
    "EvidenceItem",
    "Term",
    "ViewData",
    "ViewEdge",
    "ViewNode",
    "ViewSource",
    "ego_title",
    "ego_view",
    "find_entity",
    "graph_view",
    "query_view",
    "reduce_view",
    "select_rows",
]

ViewSource = KnowledgeStore | Graph

#: Entity types in legend order.
ENTITY_TYPES: tuple[str, ...] = tuple(t.value for t in EntityType)
#: The weak, statistical link between two entities named in the same document.
WEAK_PREDICATE = "mentionedWith"
#: Weight of a co-mention relative to a stated fact when ranking nodes.
WEAK_FACTOR = 0.25

_AIKG = str(AIKG._NS)


@dataclass(frozen=True, slots=True)
class Term:
    """An RDF term as the view needs it: its kind and its lexical value."""

    kind: TypingLiteral["iri", "literal", "blank"]
    value: str


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One sentence that states a fact, and the document (IRI) it was read in."""

    sentence: str
    document: str
    confidence: float | None = None
    extractor: str | None = None
    #: the fact in time, as the sentence says: start date, "former", end date (ISO dates)
    start: str | None = None
    status: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A source document, for the evidence links of the panel."""

    iri: str
    doc_id: str
    title: str | None = None
    url: str | None = None
    date: str | None = None


@dataclass(slots=True)
class ViewNode:
    """An entity (or, in query views, any IRI) and what the panel shows about it."""

    iri: str
    label: str
    type: str = "Entity"
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    documents: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str]] = field(default_factory=list)
    score: float = 0.0
    #: dated facts about the entity, (ISO date, text) in date order: the panel's timeline
    timeline: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class ViewEdge:
    """A drawn edge and its explanation (evidence, documents, or the query row it came from)."""

    source: str
    target: str
    predicate: str
    weak: bool = False
    weight: float = 1.0
    evidence: list[EvidenceItem] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    note: str = ""
    #: when the fact held, as far as the documents tell (ISO dates): from its first statement (or
    #: the start the text gives) until the end date, or the first document that calls it former
    since: str | None = None
    until: str | None = None


@dataclass(slots=True)
class ViewData:
    """Everything one view draws; ``notices`` tell the reader what was left out and why."""

    nodes: dict[str, ViewNode]
    edges: list[ViewEdge]
    documents: dict[str, DocumentInfo] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    focus: str | None = None
    title: str = "aikg graph"


# -- running queries ------------------------------------------------------------------------

def _from_rdflib(term: object) -> Term | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return Term("iri", str(term))
    if isinstance(term, BNode):
        return Term("blank", str(term))
    return Term("literal", str(term))


def _syntax_error(err: Exception) -> QueryError:
    return QueryError(Errors.E301.format(where="", detail=err))


def _run(source: ViewSource, sparql: str) -> tuple[str, list[str], list[tuple[Term | None, ...]]]:
    """Run ``sparql``; return the result type, the SELECT variables and the rows (triples for graphs)."""
    try:
        if isinstance(source, KnowledgeStore):
            stream = source.stream(sparql)
            kind, names, rows, = stream.kind, stream.variables, list(stream.rows)
        else:
            res = source.query(sparql, initNs=dict(PREFIXES))
            kind = "ASK" if res.type == "ASK" else "GRAPH" if res.type in {"CONSTRUCT", "DESCRIBE"} else "SELECT"
            names = ["s", "p", "o"] if kind == "GRAPH" else [str(v) for v in res.vars or []]
            rows = [] if kind == "ASK" else list(res.graph or Graph()) if kind == "GRAPH" else [tuple(r) for r in res]  # type: ignore[arg-type]
    except (SyntaxError, ParseException) as err:
        raise _syntax_error(err) from err
    if kind == "ASK":
        return "ASK", [], []
    converted = [tuple(_from_rdflib(c) for c in row) for row in rows]
    return ("CONSTRUCT" if kind == "GRAPH" else "SELECT"), names, converted


def select_rows(source: ViewSource, sparql: str) -> list[tuple[str | None, ...]]:
    """Rows of a SELECT query over ``source`` as lexical values (IRIs and literals alike)."""
    if isinstance(source, KnowledgeStore):
        try:
            return source.select_values(sparql)
        except (SyntaxError, ParseException) as err:
            raise _syntax_error(err) from err
    _, _, rows = _run(source, sparql)
    return [tuple(c.value if c is not None else None for c in row) for row in rows]


def _values(var: str, iris: Iterable[str]) -> str:
    safe = sorted(i for i in iris if is_plain_iri(i))
    return f"VALUES ?{var} {{ " + " ".join(f"<{i}>" for i in safe) + " }"


_TYPED_VALUES = " ".join(f"aikg:{p}" for p in sorted(PREDICATES))
_CLASSES = "(" + ", ".join(f"aikg:{t}" for t in ENTITY_TYPES) + ")"


def _local(iri: str) -> str:
    return iri[len(_AIKG):] if iri.startswith(_AIKG) else shorten(URIRef(iri))


# -- loading entities, facts, co-mentions, documents ------------------------------------------

def _adjacency(source: ViewSource) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Typed facts ``(s, p, o)`` and co-mention pairs, as IRIs only (cheap, for walking the graph)."""
    facts = [(s, p, o) for s, p, o in select_rows(source, f"""
        SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {_TYPED_VALUES} }} ?s ?p ?o . FILTER(isIRI(?o)) }}""")
             if s and p and o]
    pairs = [(a, b) for a, b in select_rows(source, """
        SELECT DISTINCT ?a ?b WHERE { ?a aikg:mentionedWith ?b }""") if a and b]
    return facts, pairs


def _restrict(var: str, iris: set[str] | None) -> str:
    return "" if iris is None else _values(var, iris)


def _load_nodes(source: ViewSource, iris: set[str] | None) -> dict[str, ViewNode]:
    """Label, type, aliases, Wikidata id and documents of entities (all of them when ``iris`` is None)."""
    where = _restrict("e", iris)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for e, t in select_rows(source, f"SELECT ?e ?t WHERE {{ {where} ?e a ?t FILTER(?t IN {_CLASSES}) }}"):
        if e and t:
            types[e][_local(t)] += 1
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for e, label in select_rows(source, f"SELECT ?e ?l WHERE {{ {where} ?e rdfs:label ?l }}"):
        if e and label is not None:
            labels[e][label] += 1
    nodes: dict[str, ViewNode] = {}
    for e in set(types) if iris is None else iris:
        label_counts = labels.get(e)
        label = (min(label_counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if label_counts
                 else _fallback_label(e))
        kind = types[e].most_common(1)[0][0] if e in types else "Entity"
        nodes[e] = ViewNode(e, label, kind)
    aliases: dict[str, set[str]] = defaultdict(set)
    for e, alias in select_rows(source, f"SELECT DISTINCT ?e ?a WHERE {{ {where} ?e skos:altLabel|rdfs:label ?a }}"):
        if e in nodes and alias is not None:
            aliases[e].add(alias)
    for e, found in aliases.items():
        nodes[e].aliases = sorted(found - {nodes[e].label}, key=str.casefold)
    for e, qid in select_rows(source, f"SELECT DISTINCT ?e ?w WHERE {{ {where} ?e aikg:wikidata ?w }}"):
        if e in nodes and qid:
            nodes[e].wikidata = qid
    docs: dict[str, set[str]] = defaultdict(set)
    for e, d in select_rows(source, f"SELECT DISTINCT ?e ?d WHERE {{ {where} ?e aikg:mentionedIn ?d }}"):
        if e in nodes and d:
            docs[e].add(d)
    for e, found_docs in docs.items():
        nodes[e].documents = sorted(found_docs)
    amounts = select_rows(source, f"""SELECT ?e ?v ?c WHERE {{ {where} ?e aikg:amountValue ?v
                                      OPTIONAL {{ ?e aikg:currency ?c }} }}""")
    for e, value, currency in amounts:
        if e in nodes and value is not None:
            nodes[e].attributes = [("amount", f"{value} {currency or ''}".strip())]
    return nodes


def _fallback_label(iri: str) -> str:
    tail = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail or iri


def _load_evidence(source: ViewSource, iris: set[str] | None) -> dict[tuple[str, str, str], list[EvidenceItem]]:
    where = "" if iris is None else _values("s", iris) + " " + _values("o", iris)
    found: dict[tuple[str, str, str], list[EvidenceItem]] = defaultdict(list)
    rows = select_rows(source, f"""
        SELECT ?s ?p ?o ?sentence ?doc ?conf ?ex ?start ?status ?end WHERE {{ {where}
          ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; aikg:sentence ?sentence .
          OPTIONAL {{ ?ev prov:wasDerivedFrom ?doc }} OPTIONAL {{ ?ev aikg:confidence ?conf }}
          OPTIONAL {{ ?ev aikg:extractor ?ex }} OPTIONAL {{ ?ev aikg:startDate ?start }}
          OPTIONAL {{ ?ev aikg:status ?status }} OPTIONAL {{ ?ev aikg:endDate ?end }}
          FILTER NOT EXISTS {{ ?ev aikg:hedged true }}
        }}""")
    for s, p, o, sentence, doc, conf, ex, start, status, end in rows:
        if s and p and o and sentence is not None:
            found[(s, p, o)].append(EvidenceItem(sentence, doc or "", float(conf) if conf else None, ex,
                                                 start, status, end))
    for items in found.values():
        items.sort(key=lambda item: (item.document, item.sentence))
    return found


def _load_comentions(source: ViewSource, iris: set[str] | None) -> dict[tuple[str, str], tuple[float, list[str]]]:
    where = _restrict("x", iris)
    members: dict[str, set[str]] = defaultdict(set)
    about: dict[str, tuple[float, str | None]] = {}
    rows = select_rows(source, f"""
        SELECT ?c ?x ?w ?doc WHERE {{ {where}
          ?c a aikg:CoMention ; aikg:entity ?x .
          OPTIONAL {{ ?c aikg:weight ?w }} OPTIONAL {{ ?c prov:wasDerivedFrom ?doc }}
        }}""")
    for c, x, w, doc in rows:
        if c and x:
            members[c].add(x)
            about[c] = (float(w) if w else 1.0, doc)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c, pair in members.items():
        if len(pair) != 2:
            continue
        a, b = sorted(pair)
        weight, doc = about[c]
        weights[(a, b)] += weight
        if doc:
            docs[(a, b)].add(doc)
    return {pair: (weights[pair], sorted(docs[pair])) for pair in weights}


def _load_documents(source: ViewSource, iris: set[str] | None) -> dict[str, DocumentInfo]:
    if iris is not None and not iris:
        return {}
    where = _restrict("d", iris)
    rows = select_rows(source, f"""
        SELECT ?d ?id ?title ?url ?date WHERE {{ {where}
          ?d a aikg:Document . OPTIONAL {{ ?d aikg:documentId ?id }} OPTIONAL {{ ?d dcterms:title ?title }}
          OPTIONAL {{ ?d schema:url ?url }} OPTIONAL {{ ?d dcterms:date ?date }}
        }}""")
    found: dict[str, DocumentInfo] = {}
    for d, doc_id, title, url, date in rows:
        if d and d not in found:
            found[d] = DocumentInfo(d, doc_id or _fallback_label(d), title, url, date)
    return found


def _assemble(source: ViewSource, facts: Sequence[tuple[str, str, str]], pairs: Sequence[tuple[str, str]],
              keep: set[str] | None, *, title: str) -> ViewData:
    """Nodes, edges, evidence and documents for the entities in ``keep`` (everything when None)."""
    nodes = _load_nodes(source, keep)
    if keep is not None:
        nodes = {k: v for k, v in nodes.items() if k in keep}
    evidence = _load_evidence(source, keep)
    weak = _load_comentions(source, keep)
    edges: list[ViewEdge] = []
    for s, p, o in facts:
        if s in nodes and o in nodes:
            edges.append(ViewEdge(s, o, _local(p), evidence=evidence.get((s, p, o), [])))
    for a, b in pairs:
        if a in nodes and b in nodes:
            a, b = sorted((a, b))
            weight, docs = weak.get((a, b), (1.0, []))
            edges.append(ViewEdge(a, b, WEAK_PREDICATE, weak=True, weight=weight, documents=docs))
    doc_iris = {ev.document for e in edges for ev in e.evidence} | {d for e in edges for d in e.documents}
    doc_iris |= {d for n in nodes.values() for d in n.documents}
    data = ViewData(nodes, _dedupe(edges), _load_documents(source, doc_iris), title=title)
    _date_facts(data, _load_rounds(source, keep))
    _score(data)
    return data


def _load_rounds(source: ViewSource, iris: set[str] | None) -> list[tuple[str, str, str]]:
    """``(entity, date, text)`` for the funding rounds an entity raised, led or joined."""
    where = _restrict("e", iris)
    rows = select_rows(source, f"""
        SELECT ?e ?p ?date ?label WHERE {{ {where}
          ?round a aikg:FundingRound ; ?p ?e ; aikg:pointInTime ?date ; rdfs:label ?label .
          FILTER(?p IN (aikg:company, aikg:leadInvestor, aikg:participant))
        }}""")
    verbs = {"company": "raised", "leadInvestor": "led a round of", "participant": "joined a round of"}
    return [(e, date, f"{verbs[_local(p)]}: {label}" if _local(p) != "company" else f"funding round: {label}")
            for e, p, date, label in rows if e and p and date and label and _local(p) in verbs]


def _date_facts(data: ViewData, rounds: list[tuple[str, str, str]]) -> None:
    """Dates of the drawn facts (for the date slider) and each entity's timeline (for the panel).

    A fact holds from its start date, else from the first document that states it; it ends at its
    end date, else at the first document that calls it former (the history stays in the timeline).
    """
    published = {iri: doc.date for iri, doc in data.documents.items() if doc.date}
    timelines: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for edge in data.edges:
        if edge.weak:
            continue
        starts = [ev.start or published.get(ev.document) for ev in edge.evidence if ev.status != "former"]
        ends = [ev.end or published.get(ev.document) for ev in edge.evidence if ev.status == "former"]
        edge.since = min((d for d in starts if d), default=None)
        edge.until = min((d for d in ends if d), default=None)
        if edge.until is not None and edge.since is not None and edge.until < edge.since:
            edge.until = None  # stated again after it was said to have ended: it holds again
        text = f"{data.nodes[edge.source].label} {edge.predicate} {data.nodes[edge.target].label}"
        for iri in (edge.source, edge.target):
            if edge.since:
                timelines[iri].add((edge.since, text))
            if edge.until:
                timelines[iri].add((edge.until, f"{text}: ended (former)"))
    for iri, date, text in rounds:
        if iri in data.nodes:
            timelines[iri].add((date, text))
    for iri, items in timelines.items():
        data.nodes[iri].timeline = sorted(items)


def _dedupe(edges: list[ViewEdge]) -> list[ViewEdge]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for edge in edges:
        key = (edge.source, edge.target, edge.predicate)
        if key not in seen:
            seen.add(key)
            out.append(edge)
    return out


def _score(data: ViewData) -> None:
    """Set each node's centrality (PageRank; co-mentions count for a quarter of a fact)."""
    index = {iri: i for i, iri in enumerate(data.nodes)}
    pairs = [(index[e.source], index[e.target]) for e in data.edges]
    weights = [WEAK_FACTOR * e.weight if e.weak else 1.0 for e in data.edges]
    for node, score in zip(data.nodes.values(), centrality(len(index), pairs, weights), strict=True):
        node.score = score


# -- the three kinds of view ---------------------------------------------------------------------

def graph_view(source: ViewSource, *, title: str = "aikg graph") -> ViewData:
    """The whole graph: every typed entity, fact and co-mention with its evidence."""
    facts, pairs = _adjacency(source)
    return _assemble(source, facts, pairs, None, title=title)


def find_entity(source: ViewSource, text: str) -> str:
    """IRI of the entity called ``text``: the one entity lookup (:mod:`aikg.graph.lookup`) over a
    store; over a plain rdflib graph, the same rules over its labels and aliases."""
    if isinstance(source, KnowledgeStore):
        return str(lookup.find_entity(source, text).iri)
    names: dict[str, set[str]] = defaultdict(set)
    for e, name in select_rows(source, "SELECT DISTINCT ?e ?n WHERE { ?e rdfs:label|skos:altLabel ?n }"):
        if e is not None and name is not None:
            names[e].add(name)
    records = [lookup.StoredEntity(key, "", min(labels), tuple(sorted(labels)))
               for e, labels in names.items() if (key := entity_key(URIRef(e))) is not None]
    return str(lookup.match_name(text, records).iri)


def ego_view(source: ViewSource, focus: str, depth: int = 2, *, co_mentions: bool = False,
             title: str | None = None) -> ViewData:
    """The entities within ``depth`` stated facts of the entity named ``focus``.

    Hops follow typed facts only: one co-mention (two names in the same article) is a weak link,
    and following them pulls in most of a corpus within two hops. ``co_mentions=True`` follows
    them too. Co-mentions among the entities kept are drawn either way.
    """
    if depth < 0:
        raise QueryError(Errors.E411.format(depth=depth))
    center = find_entity(source, focus)
    facts, pairs = _adjacency(source)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for s, _, o in facts:
        neighbours[s].add(o)
        neighbours[o].add(s)
    if co_mentions:
        for a, b in pairs:
            neighbours[a].add(b)
            neighbours[b].add(a)
    distance = {center: 0}
    queue = deque([center])
    while queue:
        current = queue.popleft()
        if distance[current] >= depth:
            continue
        for nxt in neighbours[current]:
            if nxt not in distance:
                distance[nxt] = distance[current] + 1
                queue.append(nxt)
    keep = set(distance)
    data = _assemble(source, [f for f in facts if f[0] in keep and f[2] in keep],
                     [p for p in pairs if p[0] in keep and p[1] in keep], keep, title="")
    data.focus = center
    data.title = title or ego_title(data.nodes[center].label, depth, len(keep) - 1, co_mentions=co_mentions)
    if len(keep) == 1 and depth > 0:
        data.notices.append(f"{data.nodes[center].label} has no stated facts"
                            + ("." if co_mentions else "; include co-mentions to see who it is named with."))
    return data


def ego_title(label: str, depth: int, others: int, *, co_mentions: bool = False) -> str:
    """What an ego view shows, in words: the centre, how many others, and what a hop is.

    >>> ego_title("Mistral AI", 2, 23)
    'Mistral AI and 23 entities within 2 stated facts'
    >>> ego_title("Mistral AI", 1, 1, co_mentions=True)
    'Mistral AI and 1 entity within 1 link (facts or co-mentions)'
    >>> ego_title("Mistral AI", 0, 0)
    'Mistral AI'
    """
    if depth == 0:
        return label
    hop = (("link" if depth == 1 else "links") + " (facts or co-mentions)" if co_mentions
           else "stated fact" if depth == 1 else "stated facts")
    return f"{label} and {others:,} {'entity' if others == 1 else 'entities'} within {depth} {hop}"


def query_view(source: ViewSource, sparql: str, *, title: str = "aikg query") -> ViewData:
    """A view of a CONSTRUCT/DESCRIBE result (triples to IRIs become edges) or a SELECT result
    (the IRIs of each row become nodes, linked in column order).

    Literal-valued triples of a CONSTRUCT become attributes of their subject (``rdfs:label``
    names it); ``rdf:type`` gives its type. Edges whose triple is an aikg fact keep its evidence.
    """
    kind, names, rows = _run(source, sparql)
    if kind == "ASK":
        raise QueryError(Errors.E412)
    triples: list[tuple[str, str, str]] = []
    notes: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    literals: dict[str, list[tuple[str, str]]] = defaultdict(list)
    types: dict[str, str] = {}
    iris: list[str] = []
    if kind == "CONSTRUCT":
        for s, p, o in rows:
            if s is None or p is None or o is None:
                continue
            subject = s.value if s.kind == "iri" else f"_:{s.value}"
            iris.append(subject)
            if p.value == str(PREFIXES["rdf"]) + "type" and o.kind == "iri":
                types[subject] = _local(o.value)
            elif o.kind == "literal":
                literals[subject].append((_local(p.value), o.value))
            else:
                target = o.value if o.kind == "iri" else f"_:{o.value}"
                iris.append(target)
                triples.append((subject, p.value, target))
    else:
        for number, row in enumerate(rows, start=1):
            cells = [(names[i], c.value) for i, c in enumerate(row) if c is not None and c.kind == "iri"]
            iris.extend(value for _, value in cells)
            for (name_a, a), (name_b, b) in itertools.pairwise(cells):
                key = (a, f"?{name_a} → ?{name_b}", b)
                triples.append(key)
                notes[key].append(f"row {number}")
    keep = set(iris)
    data = _assemble(source, [], [], {i for i in keep if not i.startswith("_:")}, title=title)
    for iri in keep:
        if iri not in data.nodes:
            data.nodes[iri] = ViewNode(iri, _fallback_label(iri))
    label_key = "label"
    for iri, attrs in literals.items():
        node = data.nodes[iri]
        for name, value in attrs:
            if name == label_key and node.label == _fallback_label(iri):
                node.label = value
            else:
                node.attributes.append((name, value))
    for iri, kind_name in types.items():
        if data.nodes[iri].type == "Entity":
            data.nodes[iri].type = kind_name
    evidence = _load_evidence(source, keep - {i for i in keep if i.startswith("_:")}) if triples else {}
    data.edges = []
    for triple in dict.fromkeys(triples):
        subject, link, target = triple
        predicate = _local(link) if link.startswith(("http://", "https://")) else link
        note = f"SELECT result, {', '.join(notes[triple][:5])}" if triple in notes else ""
        data.edges.append(ViewEdge(subject, target, predicate, weak=predicate == WEAK_PREDICATE,
                                   evidence=evidence.get(triple, []), note=note))
    missing = {ev.document for e in data.edges for ev in e.evidence} - set(data.documents)
    data.documents.update(_load_documents(source, missing))
    if not data.nodes:
        data.notices.append("The query returned nothing to draw (no IRIs in its result).")
    _score(data)
    return data


# -- reduction for large graphs -------------------------------------------------------------------

def reduce_view(data: ViewData, *, max_nodes: int, max_edges: int, min_weight: float = 0.0) -> ViewData:
    """Keep the view drawable: merge co-mentions into facts between the same entities, keep the
    ``max_nodes`` most central entities and the strongest ``max_edges`` edges. Each reduction
    adds a notice that the page shows.
    """
    facts_between = {frozenset((e.source, e.target)) for e in data.edges if not e.weak}
    merged = 0
    edges: list[ViewEdge] = []
    weak_by_pair = {}
    for edge in data.edges:
        if edge.weak:
            weak_by_pair[frozenset((edge.source, edge.target))] = edge
    for edge in data.edges:
        if edge.weak and frozenset((edge.source, edge.target)) in facts_between:
            merged += 1
            continue
        if not edge.weak and (weak := weak_by_pair.get(frozenset((edge.source, edge.target)))) is not None:
            edge.weight = max(edge.weight, weak.weight)
            edge.documents = sorted(set(edge.documents) | set(weak.documents))
        edges.append(edge)
    notices = list(data.notices)
    nodes = data.nodes
    if len(nodes) > max_nodes:
        ranked = sorted(nodes.values(), key=lambda n: (-n.score, n.iri))
        kept = {n.iri for n in ranked[:max_nodes]}
        if data.focus:
            kept.add(data.focus)
        before = len(edges)
        edges = [e for e in edges if e.source in kept and e.target in kept]
        notices.append(f"Showing the {len(kept):,} most central of {len(nodes):,} entities (PageRank); "
                       f"{before - len(edges):,} links to the others are not drawn.")
        nodes = {k: v for k, v in nodes.items() if k in kept}
    if min_weight > 0:
        before = len(edges)
        edges = [e for e in edges if not e.weak or e.weight >= min_weight]
        if before > len(edges):
            notices.append(f"Hid {before - len(edges):,} co-mention links weaker than {min_weight:g}.")
    weak_count = sum(e.weak for e in edges)
    if len(edges) > max_edges and weak_count:
        strong = [e for e in edges if not e.weak]
        weak_edges = sorted((e for e in edges if e.weak), key=lambda e: (-e.weight, e.source, e.target))
        room = max(0, max_edges - len(strong))
        dropped = weak_edges[room:]
        threshold = dropped[0].weight if dropped else 0
        edges = strong + weak_edges[:room]
        notices.append(f"Collapsed {len(dropped):,} weak co-mention links (weight ≤ {threshold:g}) "
                       f"to keep {len(edges):,} links drawable.")
    if merged and notices:
        notices.append(f"{merged:,} co-mentions of entities already linked by a fact are merged into that fact.")
    return ViewData(nodes, edges, data.documents, notices, data.focus, data.title)
