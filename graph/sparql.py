"""Run SPARQL against a store and render the results for people (tables) and programs.

Prefixes of the ontology and common vocabularies are pre-bound (see
:data:`aikg.graph.namespaces.PREFIXES`), so users need not type them.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from pyparsing import ParseException
from rdflib import URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from aikg.errors import QueryError
from aikg.graph.namespaces import PREFIXES
from aikg.graph.store import KnowledgeStore

__all__ = ["ResultFormat", "format_result", "run_query", "shorten"]


class ResultFormat(StrEnum):
    """Output formats of ``aikg query``."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    TURTLE = "turtle"


def run_query(store: KnowledgeStore, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
    """Run ``sparql``; syntax errors become :class:`QueryError` with line and column."""
    try:
        return store.query(sparql, bindings)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}", code="E301") from err
    except ParseException as err:
        raise QueryError(f"SPARQL syntax error at line {err.lineno}, column {err.col}: {err.msg}",
                         code="E301") from err


def shorten(term: object) -> str:
    """Render a term compactly: ``aikg:leads`` for IRIs under a known prefix, the text of literals.

    >>> shorten(URIRef("https://w3id.org/aikg/entity/openai"))
    'ent:openai'
    >>> shorten(Literal("Paris"))
    'Paris'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        best = ""
        for prefix, namespace in PREFIXES.items():
            ns = str(namespace)
            if text.startswith(ns) and len(ns) > len(best):
                best, chosen = ns, prefix
        return f"{chosen}:{text[len(best):]}" if best else text
    return str(term)


def format_result(result: Result, fmt: ResultFormat) -> str:
    """Serialise a query result: SPARQL results CSV/TSV/JSON, an aligned table, or Turtle for graphs."""
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        if result.graph is None:
            return ""
        for prefix, namespace in PREFIXES.items():
            result.graph.bind(prefix, namespace, override=True)
        return result.graph.serialize(format="turtle" if fmt in {ResultFormat.TABLE, ResultFormat.TURTLE}
                                      else {"csv": "nt", "tsv": "nt", "json": "json-ld"}[fmt.value])
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    if fmt is ResultFormat.TABLE:
        return _table(result)
    if fmt is ResultFormat.TURTLE:
        raise QueryError("turtle output is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv or json",
                         code="E302")
    data = result.serialize(format=fmt.value)
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


def _table(result: Result) -> str:
    names = [str(v) for v in result.vars or []]
    rows = [[shorten(cell) for cell in row] for row in result]  # type: ignore[union-attr]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line.rstrip(), sep, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])
