"""People's roles from appointments, departures and role phrases the patterns miss
(``extract/components/appointments.py``; texts written for the tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates
from aikg.extract.pipeline import Extractor
from tests.helpers import predicate_pairs

pytestmark = pytest.mark.model

KESSLER = "person/laura-kessler"
ZORBEX = "organization/zorbex-labs"
KELPA = "organization/kelpa-ai"


@pytest.mark.parametrize(
    ("language", "text", "predicate", "expected"),
    [
        # appointments and moves
        ("en", "Zorbex Labs appointed Laura Kessler as its new chief executive on Monday.", "leads",
         (KESSLER, ZORBEX)),
        ("en", "Zorbex Labs has named Laura Kessler chief executive.", "leads", (KESSLER, ZORBEX)),
        ("fr", "Zorbex Labs a nommé Laura Kessler directrice générale.", "leads", (KESSLER, ZORBEX)),
        ("fr", "Laura Kessler a été nommée PDG de Zorbex Labs en mars.", "leads", (KESSLER, ZORBEX)),
        ("fr", "Laura Kessler prend la tête de Zorbex Labs.", "leads", (KESSLER, ZORBEX)),
        ("fr", "Laura Kessler succède à Tom Berger à la tête de Zorbex Labs.", "leads", (KESSLER, ZORBEX)),
        # past employers
        ("en", "Laura Kessler spent four years at Kelpa AI before starting her lab.", "worksFor",
         (KESSLER, KELPA)),
        ("fr", "Laura Kessler vient de passer trois ans au sein de Kelpa AI.", "worksFor", (KESSLER, KELPA)),
        ("fr", "Laura Kessler quitte Zorbex Labs pour fonder sa propre société.", "worksFor", (KESSLER, ZORBEX)),
        ("fr", "Laura Kessler, passée par Kelpa AI et Zorbex Labs, a fondé Nexalis.", "worksFor",
         (KESSLER, ZORBEX)),
        # role phrases
        ("en", "Funds poured in from Amazon and Kelpa AI's billionaire ex-CEO Paul Girard last year.", "leads",
         ("person/paul-girard", KELPA)),
        ("fr", "Paul Girard, l'ancien président exécutif de Kelpa AI, a pris la parole.", "leads",
         ("person/paul-girard", KELPA)),
        ("fr", "Kelpa AI et ses cofondateurs Laura Kessler et Tom Berger ont levé 10 millions d'euros.",
         "founded", ("person/tom-berger", KELPA)),
        ("fr", "Le duo fondateur de Kelpa AI, Laura Kessler et Tom Berger, a levé 10 millions d'euros.",
         "founded", ("person/tom-berger", KELPA)),
    ],
)
def test_roles_around_people(
    extractor: Extractor, language: str, text: str, predicate: str, expected: tuple[str, str]
) -> None:
    assert expected in predicate_pairs(extractor, text, predicate, language)


def test_a_list_of_appositions_is_not_one_role(extractor: Extractor) -> None:
    """ "X, président d'Acme, Y, le dirigeant de Zorbex": Y is the next person of the list, not a
    person the first role names."""
    text = ("Parmi les actionnaires, Paul Girard, président de Kelpa AI, Marc Roy, le dirigeant de "
            "Zorbex Labs, et Tom Berger.")
    assert ("person/marc-roy", KELPA) not in predicate_pairs(extractor, text, "leads", "fr")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Kestrel Robotics recruited Varun Mehta and Doug Chang from a rival lab."),
        ("fr", "Kestrel Robotics a recruté Varun Mehta et Doug Chang pour son laboratoire."),
    ],
)
def test_the_people_an_organisation_hires_work_for_it(extractor: Extractor, language: str, text: str) -> None:
    found = predicate_pairs(extractor, text, "worksFor", language)
    assert ("person/varun-mehta", "organization/kestrel-robotics") in found
    assert ("person/doug-chang", "organization/kestrel-robotics") in found


@pytest.mark.parametrize(
    ("language", "text", "predicate"),
    [
        ("en", "Zorbex Labs announced the appointment of Laura Kessler as its new chief executive.", "leads"),
        ("fr", "Zorbex Labs a annoncé la nomination de Laura Kessler au poste de directrice générale.", "leads"),
        ("en", "Zorbex Labs confirmed the hiring of Laura Kessler, a former banker, on Monday.", "worksFor"),
        ("fr", "Le recrutement par Zorbex Labs de Laura Kessler, ancienne banquière, a surpris.", "worksFor"),
    ],
)
def test_an_appointment_told_as_a_noun(extractor: Extractor, language: str, text: str, predicate: str) -> None:
    assert (KESSLER, ZORBEX) in predicate_pairs(extractor, text, predicate, language)


def test_an_appointment_noun_without_its_organisation_gives_nothing(nlp_en: Language) -> None:
    # the appointment readers' own candidates (the relation classifier is judged on real articles)
    doc = nlp_en("The appointment of Laura Kessler surprised analysts at Zorbex Labs.")
    assert not [c for c in relation_candidates(doc) if c.predicate == "worksFor" and c.extractor.startswith("pattern:")]
