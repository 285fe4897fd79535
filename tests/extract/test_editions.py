"""extract/editions.py: which edition of a recurring event a fact is about, and the graph it makes."""

from __future__ import annotations

from datetime import date

import pytest

from aikg.extract.editions import editions, find_editions
from aikg.extract.records import Document, EntityRecord, EntityType, Evidence, Extraction, RelationRecord
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.store import KnowledgeStore
from aikg.graph.validate import validate_graph
from aikg.queries import run_named

VIVATECH = EntityRecord("vivatech", "VivaTech", EntityType.EVENT)
MACRON = EntityRecord("emmanuel-macron", "Emmanuel Macron", EntityType.PERSON)


def _extraction(sentence: str, published: date | None, language: str = "en",
                predicate: str = "attended") -> Extraction:
    relation = RelationRecord("emmanuel-macron", predicate, "vivatech", Evidence("d.md", sentence, 0, len(sentence)),
                              "test", 0.9)
    return Extraction(Document("d.md", sentence, "d.md", language=language, published=published),
                      (VIVATECH, MACRON), relations=(relation,))


@pytest.mark.parametrize(("sentence", "published", "language", "label"), [
    ("At the 2023 edition of VivaTech, Macron pledged €40 million.", date(2025, 6, 13), "en", "VivaTech 2023"),
    ("Two years ago, Macron spoke at VivaTech.", date(2025, 6, 13), "en", "VivaTech 2023"),
    ("Il y a deux ans, Emmanuel Macron était à VivaTech.", date(2025, 6, 13), "fr", "VivaTech 2023"),
    ("Last year Macron toured VivaTech.", date(2025, 6, 13), "en", "VivaTech 2024"),
    # no date in the sentence: the edition under way at publication, or the last one
    ("Macron opened VivaTech on Wednesday.", date(2025, 6, 13), "en", "VivaTech 2025"),
    ("Macron was at VivaTech.", date(2024, 9, 1), "en", "VivaTech 2024"),
    ("Macron was at VivaTech.", date(2025, 6, 9), "en", "VivaTech 2025"),  # two days before it opened
])
def test_editions_chosen_by_text_else_publication(sentence: str, published: date, language: str,
                                                  label: str) -> None:
    [edition] = find_editions(_extraction(sentence, published, language))
    assert edition.label == label and edition.series == "vivatech" and edition.place == "paris"
    assert edition.facts == (("emmanuel-macron", "attended", "vivatech", 0),)


@pytest.mark.parametrize(("sentence", "published"), [
    ("Macron was at VivaTech.", None),                  # no date at all
    ("Macron was at VivaTech.", date(2030, 1, 1)),      # no edition known within a year
    ("Macron was at VivaTech in 2019.", date(2019, 6, 20)),
])
def test_editions_none_when_unknown(sentence: str, published: date | None) -> None:
    assert find_editions(_extraction(sentence, published)) == ()


def test_editions_data_is_ordered_and_dated() -> None:
    for series, found in editions().items():
        assert [e.start for e in found] == sorted(e.start for e in found), series
        assert all(e.end is None or e.end >= e.start for e in found)
        assert len({e.key for e in found}) == len(found)


def test_editions_in_the_graph_and_the_timeline(store: KnowledgeStore) -> None:
    extraction = _extraction("Two years ago, Macron spoke at VivaTech.", date(2025, 6, 13))
    extraction = Extraction(extraction.document, extraction.entities, relations=extraction.relations,
                            editions=find_editions(extraction))
    store.replace_document("d.md", extraction_quads(extraction, ExtractionRun("t")))
    assert validate_graph(store.document_graph("d.md"), "d.md") == []
    [(label, start, series)] = store.select("""SELECT ?l ?s ?series WHERE {
        ?ev rdf:predicate aikg:attended ; aikg:edition ?e .
        ?e a aikg:EventEdition ; rdfs:label ?l ; aikg:startDate ?s ; aikg:editionOf ?series }""")
    assert (str(label), str(start), str(series)) == ("VivaTech 2023", "2023-06-14",
                                                      "https://w3id.org/aikg/entity/vivatech")
    # an edition is not an entity of its own (no extra node in views, no untyped heldIn fact)
    assert store.select("SELECT ?e WHERE { ?e a aikg:Event ; aikg:editionOf ?s }") == []
    answer = run_named(store, "timeline", {"entity": "Emmanuel Macron"})
    rows = [dict(zip(answer.variables, row, strict=True)) for row in answer.rows]
    assert [(str(r["date"]), str(r["objectLabel"])) for r in rows] == [("2023-06-14", "VivaTech 2023")]
    attendees = run_named(store, "events-attendees", {"event": "VivaTech"})
    assert [str(dict(zip(attendees.variables, row, strict=True))["editions"]) for row in attendees.rows] == [
        "VivaTech 2023"]
