"""Export the store to standard RDF formats, and read such exports back in.

Quad formats (TriG, N-Quads, JSON-LD) keep one named graph per document, so an export
re-imports to an isomorphic dataset; Turtle and N-Triples have no graphs and carry the union of
all facts, from which import rebuilds each document's graph by provenance
(:func:`document_graphs`: nearly all of it, see there what cannot be told apart). A file's
format is read from its suffix (:func:`format_for_path`), the same table for export and import,
so whatever ``export`` wrote ``import`` recognises.
"""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum
from pathlib import Path
from typing import IO

from rdflib import PROV, RDF, RDFS, SKOS, Dataset, Graph, URIRef
from rdflib.term import Node

from aikg.errors import UsageError
from aikg.extract.records import PREDICATES
from aikg.graph.build import Quad
from aikg.graph.errors import Errors
from aikg.graph.namespaces import AIKG, DOC, PREFIXES
from aikg.graph.rounds import refresh_rounds
from aikg.graph.store import KnowledgeStore

__all__ = ["ExportFormat", "document_graphs", "export_store", "format_for_path", "format_named", "import_file"]


class ExportFormat(StrEnum):
    TURTLE = "turtle"
    TRIG = "trig"
    NQUADS = "nquads"
    JSONLD = "jsonld"
    NTRIPLES = "nt"

    @property
    def has_graphs(self) -> bool:
        """Whether the format keeps one named graph per document."""
        return self not in {ExportFormat.TURTLE, ExportFormat.NTRIPLES}


#: File suffixes and their formats (export picks the format by the output's suffix, import reads by it).
_SUFFIX = {".ttl": ExportFormat.TURTLE, ".turtle": ExportFormat.TURTLE, ".trig": ExportFormat.TRIG,
           ".nq": ExportFormat.NQUADS, ".nquads": ExportFormat.NQUADS, ".nt": ExportFormat.NTRIPLES,
           ".ntriples": ExportFormat.NTRIPLES, ".jsonld": ExportFormat.JSONLD, ".json": ExportFormat.JSONLD}


def export_store(store: KnowledgeStore, fmt: ExportFormat, out: IO[bytes]) -> None:
    """Write the whole store to ``out`` in ``fmt``."""
    if fmt is ExportFormat.TRIG or fmt is ExportFormat.NQUADS:
        store.dump_quads(out, "trig" if fmt is ExportFormat.TRIG else "nquads")
        return
    if not fmt.has_graphs:
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns, override=True)
        for s, p, o, _g in store.quads():
            graph.add((s, p, o))
        out.write(graph.serialize(format="turtle" if fmt is ExportFormat.TURTLE else "nt").encode("utf-8"))
        return
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns, override=True)
    for s, p, o, g in store.quads():
        dataset.graph(g).add((s, p, o))
    out.write(dataset.serialize(format="json-ld").encode("utf-8"))


def format_for_path(path: Path) -> ExportFormat:
    """The RDF format of a file, from its suffix.

    >>> format_for_path(Path("out/g.ttl")), format_for_path(Path("g.TriG"))
    (<ExportFormat.TURTLE: 'turtle'>, <ExportFormat.TRIG: 'trig'>)
    """
    try:
        return _SUFFIX[path.suffix.lower()]
    except KeyError:
        raise UsageError(Errors.E010.format(path=path, suffix=path.suffix, known=sorted(_SUFFIX))) from None


def format_named(name: str) -> ExportFormat | None:
    """The format called ``name``, by its own name or a suffix of its files (``ttl``, ``nq``); None if none.

    >>> format_named("ttl"), format_named("nquads"), format_named("yaml")
    (<ExportFormat.TURTLE: 'turtle'>, <ExportFormat.NQUADS: 'nquads'>, None)
    """
    name = name.lower().removeprefix(".")
    return _SUFFIX.get(f".{name}") or next((f for f in ExportFormat if f.value == name), None)


def import_file(store: KnowledgeStore, path: Path) -> int:
    """Load an export back into ``store``, one document graph at a time.

    Each document graph replaces the stored one atomically, so importing twice changes nothing.
    TriG, N-Quads and JSON-LD restore the graphs as they were; Turtle and N-Triples (the union of
    all graphs) are split back into documents by :func:`document_graphs`. The graph of merged
    funding rounds is not read: it is recomputed from the imported reports.
    Returns the number of quads written (document graphs).
    """
    fmt = format_for_path(path)
    rdflib_format = {ExportFormat.JSONLD: "json-ld", ExportFormat.TRIG: "trig", ExportFormat.NQUADS: "nquads",
                     ExportFormat.TURTLE: "turtle", ExportFormat.NTRIPLES: "nt"}[fmt]
    dataset = Dataset() if fmt.has_graphs else Graph()
    try:
        dataset.parse(str(path), format=rdflib_format)
    except Exception as err:  # rdflib raises parser-specific exceptions
        raise UsageError(Errors.E012.format(path=path, format=fmt.value, detail=err)) from err
    by_graph: dict[URIRef, list[Quad]] = {}
    if isinstance(dataset, Dataset):
        for s, p, o, g in dataset.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            if isinstance(name, URIRef) and str(name).startswith(str(DOC)):
                by_graph.setdefault(name, []).append((s, p, o, name))  # type: ignore[arg-type]
    else:
        by_graph = document_graphs(dataset)
        if not by_graph:
            raise UsageError(Errors.E011.format(path=path))
    total = 0
    for name, quads in by_graph.items():
        doc_ids = [str(o) for s, p, o, _ in quads if p == AIKG.documentId and s == name]
        if not doc_ids:
            raise UsageError(Errors.E013.format(path=path, graph=name))
        total += store.replace_document(doc_ids[0], quads)
    refresh_rounds(store)  # the merged rounds are not imported: recomputed from the reports
    return total


def document_graphs(union: Graph) -> dict[URIRef, list[Quad]]:
    """Split the union of an aikg store (a Turtle or N-Triples export) back into document graphs.

    Every node a document writes says where it comes from: the document itself, its run
    (``prov:wasGeneratedBy``), evidence, co-mention and funding-report nodes
    (``prov:wasDerivedFrom``), entities (``aikg:mentionedIn``), a stated fact (its evidence, not
    hedged), a co-mention link (its co-mention node), an event edition (the evidence dated by it).
    What the union cannot tell apart: an entity's description goes to every document that
    mentions it (its aliases and resolution rules as all documents saw them), and its
    ``aikg:mentionCount`` only where one document mentions it or all counts agree. Merged funding
    rounds are left out (recomputed after import); a triple no document claims is not imported.

    >>> from rdflib import Literal
    >>> from aikg.graph.namespaces import AIKG, DOC, entity_iri
    >>> union = Graph()
    >>> a, x = DOC["a.md"], entity_iri("x")
    >>> for triple in [(a, RDF.type, AIKG.Document), (a, AIKG.documentId, Literal("a.md")),
    ...                (x, AIKG.mentionedIn, a), (x, AIKG.mentionCount, Literal(2))]:
    ...     _ = union.add(triple)
    >>> [len(quads) for quads in document_graphs(union).values()]
    [4]
    """
    owners = _owners(union)
    stated = _stated(union, owners)
    said: dict[Node, str] = defaultdict(str)  # each document's sentences, to tell its labels apart
    for node, sentence in union.subject_objects(AIKG.sentence):
        for document in owners[node]:
            said[document] += f"\n{sentence}".lower()
    graphs: dict[URIRef, list[Quad]] = defaultdict(list)
    for s, p, o in union:
        if p in _ONE_VALUE and len(owners[s]) > 1 and len(values := sorted(union.objects(s, p), key=str)) > 1:
            names = _names(values, sorted(owners[s], key=str), said)
            claimed = {d for d in owners[s] if names[d] == o}
        elif p in _TYPED or p == AIKG.mentionedWith:
            # a fact without evidence (none is written so): the documents that mention both ends
            claimed = stated.get((s, p, o)) or (owners[s] & owners[o])
        elif p == AIKG.mentionedIn or p == PROV.wasDerivedFrom:
            claimed = owners[s] & {o}  # each document says that it mentions the entity, not that another does
        elif p == AIKG.mentionCount:
            claimed = owners[s] if len(owners[s]) == 1 or len(set(union.objects(s, p))) == 1 else set()
        else:
            claimed = owners.get(s, set())
        for document in sorted(d for d in claimed if isinstance(d, URIRef)):
            graphs[document].append((s, p, o, document))  # type: ignore[arg-type]
    return dict(graphs)


def _names(values: list[Node], documents: list[Node], said: dict[Node, str]) -> dict[Node, Node]:
    """Which of an entity's names each document used, when documents name it differently (an
    amount: "€600 million", "600 millions d'euros"): the one its sentences contain; the others
    take the names no document's sentences contain, so that none is lost.

    >>> from rdflib import Literal
    >>> names = _names([Literal("€5.8 bn"), Literal("5,8 milliards")], ["en", "fr", "de"],
    ...                {"fr": "a levé 5,8 milliards", "en": "it raised", "de": ""})
    >>> [str(names[d]) for d in ["en", "fr", "de"]]
    ['€5.8 bn', '5,8 milliards', '€5.8 bn']
    """
    found = {d: next((v for v in values if str(v).lower() in said[d]), None) for d in documents}
    spare = [v for v in values if v not in found.values()] or values[:1]
    unnamed = [d for d in documents if found[d] is None]
    return {d: found[d] or spare[unnamed.index(d) % len(spare)] for d in documents}


def _owners(union: Graph) -> dict[Node, set[Node]]:
    """Each node a document wrote -> the documents whose graphs hold its triples."""
    documents = set(union.subjects(RDF.type, AIKG.Document))
    owners: dict[Node, set[Node]] = defaultdict(set)
    for document in documents:
        owners[document].add(document)
        for run in union.objects(document, PROV.wasGeneratedBy):
            owners[run].add(document)
    for node, document in union.subject_objects(PROV.wasDerivedFrom):
        if document in documents and (node, RDF.type, AIKG.FundingRound) not in union:
            owners[node].add(document)
    for entity, document in union.subject_objects(AIKG.mentionedIn):
        if document in documents:
            owners[entity].add(document)
    for evidence, edition in union.subject_objects(AIKG.edition):
        owners[edition] |= owners[evidence]
    return owners


def _stated(union: Graph, owners: dict[Node, set[Node]]) -> dict[tuple[Node, Node, Node], set[Node]]:
    """Each asserted fact and co-mention link -> the documents that state it (their evidence)."""
    stated: dict[tuple[Node, Node, Node], set[Node]] = defaultdict(set)
    for evidence in union.subjects(RDF.type, AIKG.Evidence):
        if (evidence, AIKG.hedged, None) in union:
            continue  # a hedged statement is evidence only: its fact is not asserted
        for s in union.objects(evidence, RDF.subject):
            for p in union.objects(evidence, RDF.predicate):
                for o in union.objects(evidence, RDF.object):
                    stated[(s, p, o)] |= owners[evidence]
    for node in union.subjects(RDF.type, AIKG.CoMention):
        pair = sorted(union.objects(node, AIKG.entity), key=str)
        if len(pair) == 2:
            stated[(pair[0], AIKG.mentionedWith, pair[1])] |= owners[node]
    return stated


_TYPED = frozenset(AIKG[p] for p in PREDICATES)
#: What an entity has exactly one of in each document graph (the shapes say so).
_ONE_VALUE = frozenset({RDFS.label, SKOS.prefLabel})
