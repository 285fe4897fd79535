from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef

from aikg.extract.records import EntityRecord, EntityType, Extraction
from aikg.graph.build import ExtractionRun, extraction_quads, oxigraph_quads
from aikg.graph.namespaces import SCHEMA
from aikg.graph.store import KnowledgeStore
from aikg.graph.store.terms import to_oxigraph
from tests.helpers import make_extraction

RUN = ExtractionRun("test-run")


def _with_metadata(extraction: Extraction, **changes: object) -> Extraction:
    return dataclasses.replace(extraction, document=dataclasses.replace(extraction.document, **changes))


def _with_amounts(extraction: Extraction, *amounts: Decimal) -> Extraction:
    extra = tuple(EntityRecord(f"amount/x-{i}", str(a), EntityType.MONETARY_AMOUNT, amount=a, currency="EUR")
                  for i, a in enumerate(amounts))
    return dataclasses.replace(extraction, entities=extraction.entities + extra)


EXTRACTIONS = [
    make_extraction(),
    make_extraction("b c.md", ceo='Jane "J" Doe\\\n'),
    _with_metadata(make_extraction(), published=date(2024, 2, 29), author="A. Writer", title=None, language="fr"),
    _with_metadata(make_extraction(), url="https://news.test/a?b=c#d"),
    _with_amounts(make_extraction(), Decimal("1E+9"), Decimal("2.50"), Decimal("0.0001"), Decimal("1.5E+3")),
]


@pytest.mark.parametrize("extraction", EXTRACTIONS)
def test_build_oxigraph_quads_are_the_rdflib_quads(extraction: Extraction) -> None:
    expected = [tuple(map(to_oxigraph, quad)) for quad in extraction_quads(extraction, RUN, content_hash="h")]
    assert list(oxigraph_quads(extraction, RUN, content_hash="h")) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.test/a", URIRef("https://news.test/a")),
    ("https://news.test/a#b#c", Literal("https://news.test/a#b#c")),  # Oxigraph refuses a second '#'
    ("https://news%zz.test/", Literal("https://news%zz.test/")),
    ("ftp://news.test/a", Literal("ftp://news.test/a")),
])
def test_build_url_is_an_iri_only_when_the_store_accepts_it(url: str, expected: URIRef | Literal) -> None:
    extraction = _with_metadata(make_extraction(), url=url)
    assert [o for _s, p, o, _g in extraction_quads(extraction, RUN) if p == SCHEMA.url] == [expected]


def test_build_literals_keep_their_datatypes() -> None:
    from rdflib import XSD  # not at module level: pytest's collection probes module names, XSD warns

    extraction = _with_metadata(make_extraction(), published=date(2024, 2, 29))
    objects = {o for _s, _p, o, _g in extraction_quads(extraction, RUN)}
    assert Literal("2024-02-29", datatype=XSD.date) in objects
    assert Literal(Decimal("105000000"), datatype=XSD.decimal) in objects
    assert Literal(1) in objects  # mention counts and weights are xsd:integer


def test_build_store_holds_the_same_graph_either_way(store: KnowledgeStore, tmp_path: object) -> None:
    from aikg.graph.store import open_store

    extraction = EXTRACTIONS[1]
    store.replace_document("b c.md", oxigraph_quads(extraction, RUN))
    with open_store(str(tmp_path) + "/other") as other:
        other.replace_document("b c.md", extraction_quads(extraction, RUN))
        assert set(other.quads()) == set(store.quads())
