"""Conversion between rdflib terms (aikg's API) and pyoxigraph terms (the store's).

Why a module of its own: every query path converts terms, and at a million quads conversion is
most of the time of a query that returns many rows (an rdflib ``Literal`` with a datatype
parses its value: ~4.5 us, against 0.06 us for a dictionary hit). :class:`TermCache` converts
each distinct Oxigraph term once per answer; answers repeat the same entities and
predicates row after row.

>>> cache = TermCache()
>>> cache(ox.NamedNode("https://w3id.org/aikg/entity/openai"))
rdflib.term.URIRef('https://w3id.org/aikg/entity/openai')
>>> cache(ox.Literal("Paris"))  # xsd:string comes back as rdflib's plain literal
rdflib.term.Literal('Paris')
>>> to_oxigraph(Literal("Paris", lang="fr"))
<Literal value=Paris language=fr>
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Identifier

__all__ = ["TermCache", "from_oxigraph", "to_oxigraph"]

_XSD_STRING = str(XSD.string)


def to_oxigraph(term: Identifier) -> Any:
    """The pyoxigraph term for an rdflib IRI, blank node or literal (TypeError otherwise)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"{term!r} is not an RDF term (IRI, blank node or literal)")


def from_oxigraph(term: Any) -> Identifier | None:
    """The rdflib term for a pyoxigraph one (None stays None: an unbound cell).

    ``"x"^^xsd:string`` becomes the plain literal ``"x"``: RDF 1.1 makes them the same
    literal, rdflib compares them as different, and aikg builds the plain form.
    Raises TypeError for what rdflib cannot hold (RDF-star triples).
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return _string_literal(term.value, term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return _string_literal(term.value, None)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"aikg cannot convert {term!r} to an rdflib term")


def _string_literal(value: str, language: str | None) -> Literal:
    """``Literal(value, lang=language)`` for a string literal, without rdflib's casting work.

    rdflib's constructor tries to parse every lexical form into a Python value and back (3-4 us
    a literal, most of the conversion time of an answer full of labels and sentences); a
    plain or language-tagged string has nothing to parse: its value is the string itself.
    The attributes set here are exactly those ``Literal.__new__`` sets for such a literal
    (tests/graph/test_terms.py compares the two for the pinned rdflib).
    """
    literal: Literal = str.__new__(Literal, value)
    literal._language = language
    literal._datatype = None
    literal._value = value
    literal._ill_typed = None
    return literal


class TermCache:
    """:func:`from_oxigraph` with memory: each distinct term is converted once.

    Keep one per answer (not per process): it holds every distinct term it has seen.
    """

    def __init__(self) -> None:
        self._seen: dict[Any, Identifier | None] = {None: None}

    def __call__(self, term: Any) -> Identifier | None:
        try:
            return self._seen[term]
        except KeyError:
            converted = self._seen[term] = from_oxigraph(term)
            return converted

    def row(self, solution: Any) -> tuple[Identifier | None, ...]:
        """One SELECT solution (or any sequence of terms) as a tuple of rdflib terms."""
        return tuple(map(self, solution))
