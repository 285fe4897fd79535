"""A fast path for SELECT queries that return many rows: Oxigraph terms, no rdflib conversion.

:meth:`KnowledgeStore.select` hands back rdflib terms, which costs a Python object per distinct term
(typed literals also parse their value); for a query of a few rows that is nothing, for tens of
thousands of rows it is most of the time (see ``docs/performance.md``). :func:`select` runs
the same query on the same store, with the same prefixes, union default graph and bindings,
and returns pyoxigraph terms (``.value`` is the lexical form); :func:`select_values` returns
plain strings. Stores without an embedded Oxigraph fall back to ``store.select``.

>>> import tempfile
>>> from aikg.graph.store import open_store
>>> with open_store(tempfile.mkdtemp()) as store:
...     select_values(store, "SELECT ?s WHERE { ?s a aikg:Document }")
[]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from rdflib.term import Identifier

from aikg.graph.store import KnowledgeStore, oxigraph_query

__all__ = ["select", "select_values"]


def select(store: KnowledgeStore, sparql: str, bindings: Mapping[str, Identifier] | None = None
           ) -> list[tuple[Any, ...]]:
    """Rows of a SELECT query as tuples of pyoxigraph terms (``None`` for unbound cells)."""
    inner = getattr(store, "oxigraph", None)
    if not isinstance(inner, ox.Store):
        return store.select(sparql, bindings)
    result = oxigraph_query(inner, sparql, bindings)
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("select() needs a SELECT query")
    return [tuple(solution) for solution in result]


def select_values(store: KnowledgeStore, sparql: str, bindings: Mapping[str, Identifier] | None = None
                  ) -> list[tuple[str | None, ...]]:
    """Rows of a SELECT query as tuples of strings (IRIs and lexical forms; ``None`` if unbound)."""
    return [tuple(None if cell is None else str(getattr(cell, "value", cell)) for cell in row)
            for row in select(store, sparql, bindings)]
