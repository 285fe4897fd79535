"""Export the store to standard RDF formats, and read such exports back in.

Quad formats (TriG, N-Quads, JSON-LD) keep one named graph per document, so an export
re-imports to an isomorphic dataset; Turtle has no graphs and carries the union of all facts.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from aikg.errors import UsageError
from aikg.graph.namespaces import PREFIXES
from aikg.graph.store import KnowledgeStore
from rdflib import Dataset, Graph

__all__ = ["ExportFormat", "export_store", "import_file"]


class ExportFormat(StrEnum):
    TURTLE = "turtle"
    TRIG = "trig"
    NQUADS = "nquads"
    JSONLD = "jsonld"


_OX = {ExportFormat.TRIG: ox.RdfFormat.TRIG, ExportFormat.NQUADS: ox.RdfFormat.N_QUADS}
_SUFFIX = {".ttl": ExportFormat.TURTLE, ".trig": ExportFormat.TRIG, ".nq": ExportFormat.NQUADS,
           ".jsonld": ExportFormat.JSONLD, ".json": ExportFormat.JSONLD}


def export_store(store: KnowledgeStore, fmt: ExportFormat, out: IO[bytes]) -> None:
    """Write the whole store to ``out`` in ``fmt``."""
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    if fmt in _OX:
        store.oxigraph.dump(out, _OX[fmt], prefixes=prefixes if fmt is ExportFormat.TRIG else None)
        return
    if fmt is ExportFormat.TURTLE:
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns, override=True)
        for s, p, o, _g in store.dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        out.write(graph.serialize(format="turtle").encode("utf-8"))
        return
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns, override=True)
    for s, p, o, g in store.dataset.quads((None, None, None, None)):
        dataset.graph(g).add((s, p, o))
    out.write(dataset.serialize(format="json-ld").encode("utf-8"))


def format_for_path(path: Path) -> ExportFormat:
    """Guess an RDF format from a file suffix."""
    try:
        return _SUFFIX[path.suffix.lower()]
    except KeyError:
        raise UsageError(f"{path}: unknown RDF file type {path.suffix!r}; expected one of {sorted(_SUFFIX)}",
                         code="E010") from None


def import_file(store: KnowledgeStore, path: Path) -> int:
    """Load an export (TriG, N-Quads, JSON-LD) back into ``store``; returns the quads added."""
    fmt = format_for_path(path)
    if fmt in _OX:
        before = len(store)
        store.oxigraph.load(path=str(path), format=_OX[fmt])
        return len(store) - before
    dataset = Dataset()
    dataset.parse(str(path), format="json-ld" if fmt is ExportFormat.JSONLD else "turtle")
    quads = [(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None))]
    store.dataset.addN(quads)  # type: ignore[arg-type]
    return len(quads)
