"""Investors who lead or join "the round" told before (``extract/components/round_joiners.py``),
fronted backing clauses ("Backed by A, the startup ..."), an investor noun's possessive owner and a
control verb's subject as an organisation's slot; texts written for the tests."""

from __future__ import annotations

from functools import partial

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import predicate_pairs

pytestmark = pytest.mark.model

facts = partial(predicate_pairs, with_hedged=True)
COMPANY = "organization/zorbi-labs"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Zorbi Labs, a Lyon robotics company, raised $12 million on Tuesday.\n\n"
           "Eurazeo led the round, and Kima Ventures participated. Prior investors Accel and Index Ventures "
           "also took part in the round. Xavier Niel contributed to the round."),
    ("fr", "La start-up lyonnaise Zorbi Labs a levé 12 millions d'euros mardi.\n\n"
           "Eurazeo a mené le tour de table, et Kima Ventures a participé à la levée. Accel et Index Ventures "
           "ont également pris part au tour. Xavier Niel a rejoint ce tour de table."),
])
def test_investors_of_the_round_told_before(extractor: Extractor, language: str, text: str) -> None:
    backers = {s for s, o in facts(extractor, text, "investsIn", language) if o == COMPANY}
    assert {"eurazeo", "kima-ventures", "accel", "index-ventures", "xavier-niel"} <= backers


def test_a_round_with_an_owner_or_no_raise_told_is_not_the_last_raise(extractor: Extractor) -> None:
    # no raise told before: "the round" stands for nothing the document stated
    assert not facts(extractor, "Eurazeo led the round, and Kima Ventures participated.", "investsIn")
    # a round of its own ("a round"), or another company's ("Qortex's round"), is not Zorbi Labs's
    text = ("Zorbi Labs raised $12 million on Tuesday. Eurazeo also led a round in a Berlin startup last year. "
            "Accel joined Qortex's round.")
    backers = {s for s, o in facts(extractor, text, "investsIn") if o == COMPANY}
    assert not backers & {"eurazeo", "accel"}


def test_a_fronted_backing_clause_is_no_list_of_names(extractor: Extractor) -> None:
    # "Backed by A, B hired": A backs B (no list "A, B"); "the startup" after the clause is the company
    # told before, not the last backer
    text = ("Zorbi Labs raised $12 million last year. Backed by Eurazeo and Accel, the startup hired 50 engineers. "
            "Backed by Balderton, Qortex opened an office in Lyon.")
    found = facts(extractor, text, "investsIn")
    assert {("eurazeo", COMPANY), ("accel", COMPANY), ("balderton-capital", "organization/qortex")} <= found
    assert ("eurazeo", "accel") not in found
    # a written list stays one: its members do not invest in each other
    listed = facts(extractor, "Zorbi Labs is backed by Eurazeo, Accel and Index Ventures.", "investsIn")
    assert {("eurazeo", COMPANY), ("accel", COMPANY)} <= listed
    assert not any(o in {"eurazeo", "accel", "index-ventures"} for _, o in listed)


def test_an_investor_noun_s_possessive_names_the_company(extractor: Extractor) -> None:
    text = ("Rebellions will buy Zorbi Labs, Reuters said on Friday. "
            "Zorbi Labs’s backers include the carrier SK Telecom and the memory maker SK Hynix.")
    found = facts(extractor, text, "investsIn")
    assert ("sk-telecom", COMPANY) in found
    assert not any(o in {"reuters", "rebellions"} for _, o in found)


def test_a_control_verb_s_subject_is_an_organisation_s_slot(extractor: Extractor) -> None:
    # "X vient de lever": the raising verb's subject hangs on "vient"; an unknown name there is a company
    text = "Quorvex, installée à Grenoble, vient de lever 35 millions d’euros auprès de ses actionnaires."
    assert ("organization/quorvex", "money/35000000-eur") in facts(extractor, text, "raised", "fr")


def test_investors_who_took_part_with_no_object(extractor: Extractor) -> None:
    # _alone(): "participated" with nothing it takes part in is the raise told before ...
    text = ("Zorbi Labs, a Lyon robotics company, raised $12 million on Tuesday. Additionally, the Japanese "
            "groups Sony, NTT and KDDI participated, showing strong support for the startup.")
    backers = {s for s, o in facts(extractor, text, "investsIn") if o == COMPANY}
    assert {"sony", "ntt", "kddi"} <= {backer.rsplit("/", 1)[-1] for backer in backers}
    # ... but not when it takes part in something named, nor in a plan
    other = ("Zorbi Labs, a Lyon robotics company, raised $12 million on Tuesday. Sony participated in a panel "
             "on robotics, and NTT will participate.")
    assert not {s.rsplit("/", 1)[-1] for s, o in facts(extractor, other, "investsIn") if o == COMPANY} & {
        "sony", "ntt"}
