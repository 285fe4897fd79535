"""People's roles framed by the words around them (``extract/components/role_frames.py``; texts
written for the tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document
from tests.helpers import predicate_pairs

pytestmark = pytest.mark.model

DUPONT = "person/marc-dupont"
MARTIN = "person/paul-martin"
JULIE = "person/julie-martin"
DALTON = "person/mark-dalton"
BERGER = "person/tom-berger"
ZORBEX = "organization/zorbex-labs"
KELPA = "organization/kelpa-ai"
NEXA = "organization/nexa-labs"


@pytest.mark.parametrize(
    ("language", "text", "predicate", "expected"),
    [
        # two roles before one organisation
        ("en", "Former co-founder and CEO of Zorbex Labs, a robotics company, Mark Dalton, has said that he "
         "will step back.", "leads", (DALTON, ZORBEX)),
        ("fr", "Marc Dupont et Paul Martin, co-CEOs et co-fondateurs de Zorbex Labs, déclarent :", "leads",
         (DUPONT, ZORBEX)),
        # a hire with its purpose
        ("en", "Kelpa AI hired Mark Dalton to lead Nexa Labs.", "leads", (DALTON, NEXA)),
        ("fr", "Kelpa AI a pris un virage, en recrutant Marc Dupont, cofondateur de Zorbex Labs, pour piloter "
         "Nexa Labs.", "leads", (DUPONT, NEXA)),
        # people a list singles out by their role, and the company that hires them
        ("en", "Kelpa AI invested heavily in Zorbex Labs, licensed the startup's models and recruited many of its "
         "engineers, including co-founders Mark Dalton and Tom Berger.", "founded", (BERGER, ZORBEX)),
        ("en", "Kelpa AI invested heavily in Zorbex Labs, licensed the startup's models and recruited many of its "
         "engineers, including co-founders Mark Dalton and Tom Berger.", "worksFor", (DALTON, KELPA)),
        # an appointment whose role is no organisation's own
        ("en", "Kelpa AI named Mark Dalton CEO of a new robotics division.", "worksFor", (DALTON, KELPA)),
        ("fr", "Paul Durand, directeur général de Kelpa AI, a nommé un proche, Marc Dupont, à un poste clé.",
         "worksFor", (DUPONT, KELPA)),
        # "côté Acme" before people named with their roles
        ("fr", "Après les départs côté Zorbex Labs du directeur scientifique Marc Dupont et de la directrice "
         "technique Julie Martin, c'est au tour de Paul.", "worksFor", (JULIE, ZORBEX)),
    ],
)
def test_role_frames(extractor: Extractor, language: str, text: str, predicate: str,
                     expected: tuple[str, str]) -> None:
    assert expected in predicate_pairs(extractor, text, predicate, language)


def test_hired_staff_is_not_the_hirers_own_team(extractor: Extractor) -> None:
    text = ("Kelpa AI invested heavily in Zorbex Labs, licensed the startup's models and recruited many of "
            "its engineers, including co-founders Mark Dalton and Tom Berger.")
    assert (DALTON, KELPA) not in predicate_pairs(extractor, text, "founded", "en")


def test_a_person_named_without_a_post_is_no_employee(nlp_en: Language) -> None:
    # the appointment reader needs a post (the relation classifier is judged on real articles)
    doc = nlp_en("Kelpa AI named Mark Dalton in its lawsuit.")
    assert not [c for c in relation_candidates(doc) if c.extractor == "pattern:role-frame"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Shah will report to the head of AI products at Meta, Paul Ribe."),
        ("fr", "Il rendra compte à la directrice financière de Meta, Paul Ribe."),
        ("fr", "Il rendra compte au directeur de la recherche de Meta, Paul Ribe."),
    ],
)
def test_a_role_in_a_unit_of_an_organisation_before_the_name_works_for_it(extractor: Extractor, language: str,
                                                                         text: str) -> None:
    """The role heads a unit ("AI products", "la recherche"), not the organisation: worksFor, no leads."""
    assert ("person/paul-ribe", "meta") in predicate_pairs(extractor, text, "worksFor", language)
    assert ("person/paul-ribe", "meta") not in predicate_pairs(extractor, text, "leads", language)


def test_a_second_role_word_ends_the_unit(extractor: Extractor) -> None:
    """ "A, ancien PDG de Google, B": "ancien PDG" is A's role, not a unit's role held by B."""
    text = "Parmi les soutiens figurent Jean Dupuy, ancien PDG de Renault, Claire Vidal et Bpifrance."
    out = extractor.extract(Document("t", text, source="test", language="fr"))
    assert not [r for r in out.relations if r.extractor.startswith("pattern:role-of-unit-of-org-person")]
