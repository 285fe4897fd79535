"""Departures the French parser hangs oddly, coordinated people who left, and founding roles
(``appointments.past_employers`` and ``RelationFinder._founding``; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import labelled_facts

pytestmark = pytest.mark.model


def test_a_left_organisation_after_an_adverb_is_a_former_employer(extractor: Extractor) -> None:
    assert ("Jean Lacour", "worksFor", "Meta", "former") in labelled_facts(
        extractor, "Jean Lacour a récemment quitté Meta.", "fr")


def test_every_person_a_relative_clause_describes_left(extractor: Extractor) -> None:
    facts = labelled_facts(extractor, "Paul Marchand a fondé Zorbex avec Jean Lacour et Luc Lambert, qui ont tous deux "
                              "quitté Meta en mai.", "fr")
    assert {("Jean Lacour", "worksFor", "Meta", "former"), ("Luc Lambert", "worksFor", "Meta", "former")} <= facts
    assert not any(f[0] == "Paul Marchand" and f[2] == "Meta" for f in facts)


@pytest.mark.parametrize(
    ("language", "text", "person", "org"),
    [
        ("en", "Nadia Rahm, founding managing partner at Kestrel Partners, said the market is cooling.",
         "Nadia Rahm", "Kestrel Partners"),
        ("fr", "Julie Moreau, associée fondatrice de Kestrel Partners, a investi.", "Julie Moreau", "Kestrel Partners"),
    ],
)
def test_a_founding_role_founded_the_organisation(extractor: Extractor, language: str, text: str,
                                                  person: str, org: str) -> None:
    assert (person, "founded", org, "current") in labelled_facts(extractor, text, language)


def test_a_plain_partner_founded_nothing(extractor: Extractor) -> None:
    facts = labelled_facts(extractor, "Nadia Rahm, managing partner at Kestrel Partners, said the founder was happy.",
                           "en")
    assert not any(f[1] == "founded" for f in facts)


def test_a_former_prefix_written_into_the_role_word_makes_the_role_past(extractor: Extractor) -> None:
    """ "ex-cadre" is one token in French: its prefix still says the role is over."""
    facts = labelled_facts(extractor, "Nadia Ferrand, ex-cadre de Kestrel, rejoint une jeune pousse.", "fr")
    works = {fact for fact in facts if fact[:3] == ("Nadia Ferrand", "worksFor", "Kestrel")}
    assert works == {("Nadia Ferrand", "worksFor", "Kestrel", "former")}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # "ancien de X" names X's past, not the employer the verb states
        ("fr", "Paul Garnier, ancien de Capgemini, a rejoint Thales en mars."),
        ("en", "Paul Garnier, formerly of Capgemini, joined Thales in March."),
    ],
)
def test_a_past_apposed_to_another_organisation_leaves_the_stated_employer_current(
        extractor: Extractor, language: str, text: str) -> None:
    facts = labelled_facts(extractor, text, language)
    assert ("Paul Garnier", "worksFor", "Thales", "current") in facts
    assert ("Paul Garnier", "worksFor", "Thales", "former") not in facts
