"""Titles stacked between an organisation and its people (``extract/components/title_sequences.py``;
one title after coordinated organisations, ``pattern:org-role-person``), who joins an organisation's
unit (its team, its division),
the people a new holder replaces (``extract/status.py``) and the organisation a founding participle
describes (``extract/components/context_types.py``); sentences written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def facts(extractor: Extractor, text: str, language: str = "en") -> set[tuple[str, str, str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    return {(labels.get(r.subject, r.subject), r.predicate, labels.get(r.object, r.object), r.status.value)
            for r in out.relations if not r.hedged}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two titles for one person
        ("Kestrel Robotics Chairman and CEO Tom Varga wrote to staff on Monday.",
         {("Tom Varga", "leads", "Kestrel Robotics")}),
        # a shared title for a list of people
        ("Quillon Systems co-founders Dan Zeller and Mia Holt left in May.",
         {("Dan Zeller", "founded", "Quillon Systems"), ("Mia Holt", "founded", "Quillon Systems")}),
        # more titled people of the company named once
        ("Kestrel Robotics has hired Quillon Systems CEO Varun Mehta, co-founder Doug Chang, and several engineers.",
         {("Varun Mehta", "leads", "Quillon Systems"), ("Doug Chang", "founded", "Quillon Systems")}),
        # one title after coordinated organisations is held at each
        ("The panel brought together Hugging Face and Kyutai CEO Tom Varga, and Orbis CEO Mia Holt.",
         {("Tom Varga", "leads", "Hugging Face"), ("Tom Varga", "leads", "Kyutai"), ("Mia Holt", "leads", "Orbis")}),
    ],
)
def test_titles_after_an_organisation(extractor: Extractor, text: str, expected: set[tuple[str, str, str]]) -> None:
    found = {(s, p, o) for s, p, o, _ in facts(extractor, text)}
    assert expected <= found


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Tom Varga, formerly at Orbis, has joined Kestrel Robotics's AI team."),
    ("fr", "Tom Varga a rejoint l'équipe IA de Kestrel Robotics."),
])
def test_who_joins_a_unit_works_for_its_organisation(extractor: Extractor, language: str, text: str) -> None:
    found = {(s, p, o) for s, p, o, _ in facts(extractor, text, language)}
    assert ("Tom Varga", "worksFor", "Kestrel Robotics") in found


def test_a_name_ending_with_an_organisation_word_is_no_event(extractor: Extractor) -> None:
    # the small English model calls "World Labs" an event; nobody attends an organisation
    text = "The fund has stakes in Cohere and Waabi, and since May in Hebbia and World Labs."
    out = extractor.extract(Document("t", text, source="test", language="en"))
    assert {e.label: e.type.value for e in out.entities}.get("World Labs") == "Organization"
    assert not [r for r in out.relations if r.predicate == "attended"]


def test_a_title_sequence_stops_at_another_company(extractor: Extractor) -> None:
    text = "Microsoft CEO Satya Nadella and OpenAI CEO Sam Altman spoke."
    found = {(s, p, o) for s, p, o, _ in facts(extractor, text)}
    assert ("Sam Altman", "leads", "Microsoft") not in found
    assert ("Satya Nadella", "leads", "OpenAI") not in found


def test_the_people_a_new_holder_replaces_held_the_role_before(extractor: Extractor) -> None:
    text = "Tom Varga, who replaces Kestrel Robotics co-CEOs Dan Zeller and Mia Holt, also joins the board."
    found = facts(extractor, text)
    assert ("Dan Zeller", "leads", "Kestrel Robotics", "former") in found
    assert ("Mia Holt", "leads", "Kestrel Robotics", "former") in found


def test_the_name_a_founding_participle_describes_is_an_organisation(extractor: Extractor) -> None:
    text = ("Reflection, founded in March 2024 by Mia Larkin (a researcher at a large lab) and Ivo Antonov "
            "(a former engineer), builds coding agents.")
    found = {(s, p, o) for s, p, o, _ in facts(extractor, text)}
    assert ("Mia Larkin", "founded", "Reflection") in found
    assert ("Ivo Antonov", "founded", "Reflection") in found


def test_the_subject_after_a_fronted_founding_participle_is_an_organisation(extractor: Extractor) -> None:
    text = "Founded by Mia Larkin and Ivo Antonov in 2021, Flourish now employs 80 people."
    found = {(s, p, o) for s, p, o, _ in facts(extractor, text)}
    assert ("Mia Larkin", "founded", "Flourish") in found
    assert ("Ivo Antonov", "founded", "Flourish") in found
