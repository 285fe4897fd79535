"""Funding constructions of unseen news (``extract/components/round_frames.py``) and the list cues of
``extract/rounds.py`` they touch (texts written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document
from tests.helpers import extracted_facts

pytestmark = pytest.mark.model


def labelled(extractor: Extractor, text: str, predicate: str, language: str) -> set[tuple[str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    names = {e.key: e.label for e in out.entities}
    return {(names[r.subject], names[r.object]) for r in out.relations if r.predicate == predicate}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_investor_leading_the_round_of_a_named_company(extractor: Extractor) -> None:
    text = "Zorbi Labs prépare sa croissance.\n\nSequoia Capital dirige le tour de table de Zorbi Labs."
    assert ("Sequoia Capital", "Zorbi Labs") in labelled(extractor, text, "investsIn", "fr")


def test_an_investors_portfolio_is_not_the_rounds_investors(extractor: Extractor) -> None:
    text = ("Zorbi Labs a levé 30 millions d'euros.\n\n"
            "Sequoia Capital, l'un des premiers soutiens de sociétés telles que Stripe, Airbnb et Dropbox, "
            "dirige le tour de Zorbi Labs.")
    found = labelled(extractor, text, "investsIn", "fr")
    assert {("Sequoia Capital", "Stripe"), ("Sequoia Capital", "Airbnb"), ("Sequoia Capital", "Zorbi Labs")} <= found
    assert not {("Stripe", "Zorbi Labs"), ("Airbnb", "Zorbi Labs"), ("Dropbox", "Zorbi Labs")} & found


def test_the_agent_of_a_backing_participle_is_the_investor(extractor: Extractor) -> None:
    text = ("L'Europe veut une alternative aux laboratoires américains comme Anthropic soutenue par Amazon "
            "et Gemini de Google.")
    assert ("Anthropic", "Amazon") not in labelled(extractor, text, "investsIn", "fr")


def test_a_raise_told_before_its_company_is_named(extractor: Extractor) -> None:
    text = ("Une jeune start-up créée par d'anciens ingénieurs d'Apple et Amazon a levé 20 millions d'euros "
            "lors d'un tour de table record.\n\n"
            "Le premier tour de financement de Zorbi Labs valorise la société à 90 millions d'euros. "
            "Parmi les autres investisseurs figurent l'ancien patron d'Apple John Sculley et Eurazeo.")
    raised = labelled(extractor, text, "raised", "fr")
    assert {subject for subject, _ in raised} == {"Zorbi Labs"}
    invests = labelled(extractor, text, "investsIn", "fr")
    assert {("John Sculley", "Zorbi Labs"), ("Eurazeo", "Zorbi Labs")} <= invests


def test_an_investment_made_as_part_of_a_round(extractor: Extractor) -> None:
    text = ("Accel previously invested in Zorbi Labs as part of a $40 million Series A round in 2022 "
            "which was led by Index Ventures.")
    assert ("Zorbi Labs", "$40 million") in labelled(extractor, text, "raised", "en")
    assert ("Index Ventures", "Zorbi Labs") in labelled(extractor, text, "investsIn", "en")


def test_a_possessed_round_with_its_amount(extractor: Extractor) -> None:
    text = "The quarter stood out because of Zorbi Labs's record $5 billion funding round from Google."
    assert ("Zorbi Labs", "$5 billion") in labelled(extractor, text, "raised", "en")
    text = "Analysts noted Google's $2 billion investment in Zorbi Labs last year."
    assert ("Google", "$2 billion") not in labelled(extractor, text, "raised", "en")


def test_the_round_of_an_untyped_company_is_credited_to_nobody_else(extractor: Extractor) -> None:
    text = ("Chez Mistral AI, le directeur technique part.\n"
            "La société de défense Quorvexa a bouclé une opération en levant 800 millions de dollars. "
            "Le tour de table a été mené par Accel et Eurazeo.")
    found = labelled(extractor, text, "investsIn", "fr")
    assert not {("Accel", "Mistral AI"), ("Eurazeo", "Mistral AI")} & found


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Le tour de table de 23 millions d’euros bouclé par Dravana Labs est mené par Korva Ventures."),
    ("en", "It follows a $23 million round completed by Dravana Labs in May."),
])
def test_a_round_closed_by_its_company(extractor: Extractor, language: str, text: str) -> None:
    # a participle of closing on the round noun, its agent the company (dep:round-closed-by)
    assert {(s, rule) for s, p, _, rule in extracted_facts(extractor, text, language) if p == "raised"} == {
        ("Dravana Labs", "dep:round-closed-by")}
