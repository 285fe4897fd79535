"""A document's earlier rounds, the company an investor noun's complement names, and the investor
side of an investment (``extract/components/round_investors.py``; texts written for the tests)."""

from __future__ import annotations

from functools import partial

import pytest
import spacy
from spacy.tokens import Doc, Span

from aikg.extract.components.round_investors import backing_received
from aikg.extract.lexicon import load_lexicon
from aikg.extract.pipeline import Extractor
from tests.helpers import predicate_pairs

pytestmark = pytest.mark.model


#: Hedged facts count in these tests (the hedge is asserted on its own).
facts = partial(predicate_pairs, with_hedged=True)

COMPANY = "organization/zorbi-labs"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Zorbi Labs has obtained $135 million in a Series B this week.\n\n"
           "Zorbi Labs's story started with a $30 million seed round last March, led by Accel. "
           "This was followed by a Series A round in June 2023, raising $200 million from a consortium "
           "including Eurazeo and Bpifrance."),
    ("fr", "Zorbi Labs a levé 135 millions d'euros en série B cette semaine.\n\n"
           "L'aventure de Zorbi Labs a commencé avec une levée d'amorçage de 30 millions d'euros, menée par Accel. "
           "Celle-ci a été suivie par une série A, levant 200 millions d'euros auprès d'Eurazeo et de Bpifrance."),
])
def test_earlier_rounds_told_without_their_company_as_subject(extractor: Extractor, language: str, text: str) -> None:
    raised = {amount.split("-")[0] for company, amount in facts(extractor, text, "raised", language)
              if company == COMPANY}
    assert {"money/30000000", "money/200000000"} <= raised
    backers = {s for s, o in facts(extractor, text, "investsIn", language) if o == COMPANY}
    assert {"accel", "eurazeo", "bpifrance"} <= backers


def test_an_investor_noun_s_complement_names_the_raiser(extractor: Extractor) -> None:
    # the round pattern's raiser is the venture the noun names, not the subject guessed above it
    text = ("Airbus, Accel and Index Ventures announced a joint infrastructure project called Zorbi Labs. "
            "Airbus said the first equity funders in the Zorbi Labs venture are Accel, Index Ventures and Eurazeo.")
    found = facts(extractor, text, "investsIn")
    assert {("accel", COMPANY), ("eurazeo", COMPANY)} <= found
    assert not any(o == "airbus" for _, o in found)


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("en", "In October, Eurazeo agreed to invest $2bn in Zorbi Labs.", {"eurazeo"}),
    ("en", "Eurazeo is a Paris fund. Last year the fund agreed to invest $40m in Zorbi Labs.", {"eurazeo"}),
    ("en", "Former Accel partner Jane Mayer is also a shareholder in Zorbi Labs.", {"person/jane-mayer"}),
    ("en", "Eurazeo and Bpifrance have poured $30m into Zorbi Labs.", {"eurazeo", "bpifrance"}),
    ("fr", "Eurazeo et Bpifrance ont injecté 30 millions d'euros dans Zorbi Labs.", {"eurazeo", "bpifrance"}),
    # the parser leaves the first names of the list outside the subject
    ("fr", "Eurazeo, Bpifrance et Accel ont injecté 30 millions d'euros dans Zorbi Labs.",
     {"eurazeo", "bpifrance", "accel"}),
    ("fr", "Eurazeo a pris une participation dans la start-up Zorbi Labs.", {"eurazeo"}),
    ("fr", "Bpifrance a pris une participation minoritaire au capital de Zorbi Labs.", {"bpifrance"}),
])
def test_the_investor_side(extractor: Extractor, language: str, text: str, expected: set[str]) -> None:
    assert {s for s, o in facts(extractor, text, "investsIn", language) if o == COMPANY} == expected


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Zorbi Labs will invest $2bn in Nvidia chips."),
    ("fr", "Zorbi Labs va investir 2 milliards d'euros dans des puces Nvidia."),
])
def test_money_put_into_a_product_is_no_investment(extractor: Extractor, language: str, text: str) -> None:
    assert not any(o == "nvidia" for _, o in facts(extractor, text, "investsIn", language))


def test_a_round_told_of_another_company_is_that_company_s(extractor: Extractor) -> None:
    # the round pattern guessed the article's company; the possessive subject names the round's owner
    text = ("Kelvo Robotics raised $50 million from Eurazeo.\n\n"
            "Separately, rival Zorbi Labs's journey began with a $20 million seed round led by Index Ventures.")
    found = facts(extractor, text, "investsIn")
    assert ("index-ventures", COMPANY) in found
    assert ("index-ventures", "organization/kelvo-robotics") not in found


@pytest.mark.parametrize("text", [
    "Zorbi Labs has received backing from investors including Accel, Index Ventures and Eurazeo.",
    "Zorbi Labs received funding from Accel and Eurazeo.",
])
def test_backing_received_from_named_investors(extractor: Extractor, text: str) -> None:
    assert {"accel", "eurazeo"} <= {s for s, o in facts(extractor, text, "investsIn") if o == COMPANY}


def test_what_is_received_is_no_backing(extractor: Extractor) -> None:
    assert not facts(extractor, "Zorbi Labs received a call from Accel and Eurazeo.", "investsIn")


@pytest.mark.parametrize("text", [
    "Zorbi Labs closed a $5 million round at a $40 million post-money valuation.",
    "Zorbi Labs announced its raise of $5 million at a valuation of $40 million.",
])
def test_a_valuation_is_never_raised(extractor: Extractor, text: str) -> None:
    assert not any(o.startswith("money/40000000") for _, o in facts(extractor, text, "raised"))


def test_investors_joined_to_the_backing_noun() -> None:
    # backing_received(): "capital from A as well as new investors B and C", parsed as the model of
    # a real article did (the investor noun a conjunct of "capital", the names its appositions)
    words = ["Zorbi", "got", "capital", "from", "Kima", "as", "well", "as", "new", "investors", "Accel",
             "and", "Eurazeo", "."]
    heads = [1, 1, 1, 2, 3, 7, 7, 2, 9, 2, 9, 10, 10, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "advmod", "advmod", "cc", "amod", "conj", "appos", "cc",
            "conj", "punct"]
    lemmas = ["Zorbi", "get", "capital", "from", "Kima", "as", "well", "as", "new", "investor", "Accel", "and",
              "Eurazeo", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    doc.ents = [Span(doc, i, i + 1, label="Organization") for i in (0, 4, 10, 12)]
    ent_of = {e.start: e for e in doc.ents}
    found = {doc[c.subject_start].text for c in backing_received(doc, ent_of, {}, load_lexicon(), "en")
             if c.object_start == 0}
    assert found == {"Kima", "Accel", "Eurazeo"}
