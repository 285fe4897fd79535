"""Conversion between pyoxigraph and rdflib terms: the same terms rdflib itself would build."""

from __future__ import annotations

import pickle

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef, namespace

from aikg.graph.store.terms import TermCache, from_oxigraph, to_oxigraph

_STRINGS = ["Arthur Mensch", "", "  spaced\t", "x\x00y", "Mistral AI a levé 600 millions d’euros",
            "line\nbreak", "\"quoted\" <b>&amp;</b>", "emoji 🤖", "1.5", "2024-06-11", "true"]


def _same(built: Literal, expected: Literal) -> None:
    """Equal in every way rdflib compares, hashes, orders and exposes literals."""
    assert built == expected and hash(built) == hash(expected)
    assert built.eq(expected) and not built.neq(expected)
    assert (built.value, built.language, built.datatype, built.ill_typed) == (
        expected.value, expected.language, expected.datatype, expected.ill_typed)
    assert type(built.value) is type(expected.value)
    assert built.n3() == expected.n3() and repr(built) == repr(expected)
    assert built.toPython() == expected.toPython()
    assert pickle.loads(pickle.dumps(built)) == expected


@pytest.mark.parametrize("text", _STRINGS)
@pytest.mark.parametrize("language", [None, "fr", "en-gb"])
def test_string_literals_are_those_rdflib_builds(text: str, language: str | None) -> None:
    oxigraph = ox.Literal(text, language=language) if language else ox.Literal(text)
    built = from_oxigraph(oxigraph)
    assert isinstance(built, Literal)
    _same(built, Literal(text, lang=language))


def test_xsd_string_becomes_the_plain_literal() -> None:
    built = from_oxigraph(ox.Literal("Paris", datatype=ox.NamedNode(str(namespace.XSD.string))))
    assert isinstance(built, Literal)
    _same(built, Literal("Paris"))


@pytest.mark.parametrize(("lexical", "datatype"), [  # namespace.XSD: a module-level XSD warns at collection
    ("600000000", namespace.XSD.decimal), ("0.85", namespace.XSD.decimal), ("2024-06-11", namespace.XSD.date),
    ("42", namespace.XSD.integer), ("not a date", namespace.XSD.date)])
def test_typed_literals_keep_their_value(lexical: str, datatype: URIRef) -> None:
    built = from_oxigraph(ox.Literal(lexical, datatype=ox.NamedNode(str(datatype))))
    assert isinstance(built, Literal)
    _same(built, Literal(lexical, datatype=datatype))


@pytest.mark.parametrize("term", [URIRef("https://w3id.org/aikg/entity/openai"), BNode("b0"),
                                  Literal("Paris", lang="fr"), Literal("12", datatype=namespace.XSD.integer),
                                  Literal("Station F")])
def test_round_trip(term: URIRef | BNode | Literal) -> None:
    assert from_oxigraph(to_oxigraph(term)) == term


def test_cache_converts_each_term_once() -> None:
    cache = TermCache()
    label = ox.Literal("Hugging Face")
    first, second = cache.row([label, None]), cache.row([label, ox.NamedNode("https://e.org/x")])
    assert first[0] is second[0] and first[1] is None and second[1] == URIRef("https://e.org/x")
