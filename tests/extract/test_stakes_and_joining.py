"""Who holds a stake, takes the helm or joins a round in French news, who leads a round for whom,
and the organisation joined after one left (``data/relation_patterns.jsonl`` ``pattern:fr-*``,
``dep:led-round-for*``, ``slot_names._owned``, ``investment_vetoes.round_leaders``,
``status.Markers.join``), and a French partner apposition (``deals``); sentences written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import labelled_facts

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # entering the capital, holding a share, taking a stake
        ("Le fonds Eurazeo entre au capital de Velmonde, une jeune pousse lilloise.",
         {("Eurazeo", "investsIn", "Velmonde")}),
        ("Capgemini, qui détient désormais 30 % de Velmonde, accompagnera son expansion.",
         {("Capgemini", "investsIn", "Velmonde")}),
        ("Bpifrance a pris une participation minoritaire dans Velmonde.", {("Bpifrance", "investsIn", "Velmonde")}),
        # taking the helm
        ("Sophie Lantier a pris la direction de Velmonde en mars.", {("Sophie Lantier", "leads", "Velmonde")}),
        # joining a round, being among the investors
        ("Eurazeo et Bpifrance ont participé à la levée de fonds de Velmonde.",
         {("Eurazeo", "investsIn", "Velmonde"), ("Bpifrance", "investsIn", "Velmonde")}),
        ("Parmi les investisseurs de Velmonde figurent Eurazeo et Bpifrance.",
         {("Eurazeo", "investsIn", "Velmonde"), ("Bpifrance", "investsIn", "Velmonde")}),
        # a fronted participle names the founders of the subject that follows it
        ("Fondée en 2020 par Sophie Lantier et Marc Dubreuil, la société Velmonde compte 60 salariés.",
         {("Sophie Lantier", "founded", "Velmonde"), ("Marc Dubreuil", "founded", "Velmonde")}),
    ],
)
def test_french_ownership_constructions(extractor: Extractor, text: str, facts: set[tuple[str, str, str]]) -> None:
    found = {fact[:3] for fact in labelled_facts(extractor, text, "fr")}
    assert facts <= found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Paul Rivet left Criteo last year to join Velmonde."),
        ("fr", "Paul Rivet a quitté Criteo pour rejoindre Velmonde."),
    ],
)
def test_the_organisation_joined_after_leaving_is_current(extractor: Extractor, language: str, text: str) -> None:
    facts = labelled_facts(extractor, text, language)
    assert ("Paul Rivet", "worksFor", "Velmonde", "current") in facts
    assert ("Paul Rivet", "worksFor", "Criteo", "current") not in facts


@pytest.mark.parametrize(
    ("text", "company", "investor", "amount"),
    [
        ("SoftBank led a $40 billion funding round for OpenAI.", "OpenAI", "SoftBank", "$40 billion"),
        ("Index Ventures led the $12 million round in Velquor, with Accel participating.",
         "Velquor", "Index Ventures", "$12 million"),
    ],
)
def test_the_leader_of_a_round_for_a_company_raises_none_of_it(
        extractor: Extractor, text: str, company: str, investor: str, amount: str) -> None:
    facts = {fact[:3] for fact in labelled_facts(extractor, text, "en")}
    assert {(investor, "investsIn", company), (company, "raised", amount)} <= facts
    assert (investor, "raised", amount) not in facts


def test_a_french_partner_apposition_the_parser_hangs_as_a_conjunct(extractor: Extractor) -> None:
    """``deals.apposed_before``: the commas around "partenaire de Y" hang on the noun, not the name."""
    facts = {fact[:3] for fact in labelled_facts(extractor, "Orange, partenaire de Velmonde, distribuera ses modèles.",
                                                 "fr")}
    assert {("Orange", "partnerOf", "Velmonde"), ("Velmonde", "partnerOf", "Orange")} & facts
