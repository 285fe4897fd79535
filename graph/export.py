"""Export the store to standard RDF formats, and read such exports back in.

Quad formats (TriG, N-Quads, JSON-LD) keep one named graph per document, so an export
re-imports to an isomorphic dataset; Turtle and N-Triples have no graphs and carry the union of
all facts. A file's format is read from its suffix (:func:`format_for_path`), the same table for
export and import, so whatever ``export`` wrote ``import`` recognises.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import IO

from rdflib import Dataset, Graph, URIRef

from aikg.errors import UsageError
from aikg.graph.build import Quad
from aikg.graph.errors import Errors
from aikg.graph.namespaces import AIKG, DOC, PREFIXES
from aikg.graph.rounds import refresh_rounds
from aikg.graph.store import KnowledgeStore

__all__ = ["ExportFormat", "export_store", "format_for_path", "format_named", "import_file"]


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
    """Load an export (TriG, N-Quads, JSON-LD) back into ``store``, one document graph at a time.

    Each document graph replaces the stored one atomically, so importing twice changes nothing.
    The graph of merged funding rounds is not read: it is recomputed from the imported reports.
    Returns the number of quads written (document graphs).
    """
    fmt = format_for_path(path)
    if not fmt.has_graphs:
        raise UsageError(Errors.E011.format(path=path))
    dataset = Dataset()
    try:
        dataset.parse(str(path), format={ExportFormat.JSONLD: "json-ld", ExportFormat.TRIG: "trig",
                                          ExportFormat.NQUADS: "nquads"}[fmt])
    except Exception as err:  # rdflib raises parser-specific exceptions
        raise UsageError(Errors.E012.format(path=path, format=fmt.value, detail=err)) from err
    by_graph: dict[URIRef, list[Quad]] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        if isinstance(name, URIRef) and str(name).startswith(str(DOC)):
            by_graph.setdefault(name, []).append((s, p, o, name))  # type: ignore[arg-type]
    total = 0
    for name, quads in by_graph.items():
        doc_ids = [str(o) for s, p, o, _ in quads if p == AIKG.documentId and s == name]
        if not doc_ids:
            raise UsageError(Errors.E013.format(path=path, graph=name))
        total += store.replace_document(doc_ids[0], quads)
    refresh_rounds(store)  # the merged rounds are not imported: recomputed from the reports
    return total
