"""Organisation names by construction on fresh news (``extract/components/org_constructions.py``,
hooked in ``entity_cleaner.py``): institutions, departments after a role, hyphen compounds, a first
name cut off, street names, a place listed among organisations. Texts and names are written for
the tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from aikg.extract.components.org_constructions import (
    OrgWords,
    department_names,
    hyphen_compounds,
    joined_first_names,
    street_names,
)
from aikg.extract.kb import KnowledgeBase
from aikg.extract.pipeline import Extractor
from tests.helpers import entity_types, extracted_facts

_WORDS = OrgWords(
    institutions=frozenset({"université", "institute"}),
    departments=frozenset({"policy", "affairs"}),
    streets=frozenset({"rue"}),
    roles=frozenset({"head", "director"}),
)


def names(nlp: Language, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


# -- the functions, on spans made by hand --------------------------------------------------------


def test_entity_org_departments_after_a_role_are_dropped() -> None:
    doc = spacy.blank("en")("Ida Holm, Director of Trade Policy, Nordic Public Affairs, Orbis Group.")
    ents = [Span(doc, 0, 2, "Person"), Span(doc, 5, 7, "Organization"), Span(doc, 8, 11, "Organization"),
            Span(doc, 12, 14, "Organization")]
    kept = department_names(doc, ents, _WORDS)
    assert [e.text for e in kept] == ["Ida Holm", "Orbis Group"]


def test_entity_org_a_department_word_without_a_role_is_kept() -> None:
    doc = spacy.blank("en")("Contracts went to Northwind Policy and others.")
    ents = [Span(doc, 3, 5, "Organization")]
    assert department_names(doc, ents, _WORDS) == ents


def test_entity_org_hyphen_joins_two_organisations() -> None:
    words = ["le", "groupe", "Ouest", "-", "Le", "Matin", "organise"]
    doc = Doc(spacy.blank("fr").vocab, words=words, spaces=[True, True, False, False, True, True, False])
    ents = [Span(doc, 2, 3, "Organization"), Span(doc, 4, 6, "Organization")]
    merged = hyphen_compounds(doc, ents, KnowledgeBase({}))
    assert [(e.text, e.label_) for e in merged] == [("Ouest-Le Matin", "Organization")]


def test_entity_org_spaced_dash_keeps_two_organisations() -> None:
    doc = Doc(spacy.blank("fr").vocab, words=["Ouest", "-", "Le", "Matin"], spaces=[True, True, True, False])
    ents = [Span(doc, 0, 1, "Organization"), Span(doc, 2, 4, "Organization")]
    assert len(hyphen_compounds(doc, ents, KnowledgeBase({}))) == 2


def test_entity_org_street_names_name_no_place() -> None:
    doc = spacy.blank("fr")("Le siège est au 12 rue La Fontaine à Lyon.")
    ents = [Span(doc, 6, 8, "Place"), Span(doc, 9, 10, "Place")]
    assert [e.text for e in street_names(doc, ents, _WORDS)] == ["Lyon"]


# -- through the pipelines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Collège de Lorraine", "Observatoire de Lyon", "École nationale supérieure des arts de Lille",
     "Université Grenoble-Alpes"],
)
def test_entity_org_french_institutions(nlp_fr: Language, name: str) -> None:
    found = names(nlp_fr, f"Des chercheurs de l'{name} ont rejoint le projet en mai.")
    assert found.get(name) == "Organization", found


def test_entity_org_french_institutions_stop_at_a_coordination(nlp_fr: Language) -> None:
    found = names(nlp_fr, "Elle enseigne au Collège de Lorraine et à l'Observatoire de Lyon depuis 2020.")
    assert found.get("Collège de Lorraine") == "Organization", found
    assert found.get("Observatoire de Lyon") == "Organization", found


def test_entity_org_english_university_with_its_campus(nlp_en: Language) -> None:
    found = names(nlp_en, "He earned a doctorate at the University of Ohio, Dayton, and joined Intel.")
    assert found.get("University of Ohio, Dayton") == "Organization", found


def test_entity_org_english_institute_with_and(nlp_en: Language) -> None:
    found = names(nlp_en, "She moved to the Institute of Arts and Design Norway last year.")
    assert found.get("Institute of Arts and Design Norway") == "Organization", found


def test_entity_org_department_after_head_of(nlp_en: Language) -> None:
    found = names(nlp_en, "Ida Holm, Head of Digital Policy, Nordic Public Affairs, Orbis Europe, spoke first.")
    assert not any(n.endswith(("Policy", "Affairs")) for n in found), found


def test_entity_org_glued_names_are_one(nlp_fr: Language) -> None:
    found = names(nlp_fr, "« Une belle édition », dit le patron du groupe Ouest-Le Matin, Paul Remy.")
    assert found.get("Ouest-Le Matin") == "Organization", found


def test_entity_org_place_listed_with_organisations(nlp_en: Language) -> None:
    found = names(nlp_en, "Quillon raised $5 million from Tencent and Qiming.")
    assert found.get("Qiming") == "Organization", found


def test_entity_org_titles_are_no_names(nlp_fr: Language) -> None:
    found = names(nlp_fr, "Le Premier Ministre a reçu le DG de Quillon pour parler de R & D.")
    assert not {"Premier Ministre", "DG", "R & D"} & set(found), found


def test_entity_org_first_name_cut_off_a_person() -> None:
    words = ["hired", "Rohan", "Mehta", ",", "its", "founder"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=["VERB", "PROPN", "PROPN", "PUNCT", "PRON", "NOUN"])
    ents = [Span(doc, 1, 2, "Organization"), Span(doc, 2, 3, "Person")]
    assert [(e.text, e.label_) for e in joined_first_names(doc, ents)] == [("Rohan Mehta", "Person")]


def test_entity_org_known_name_before_a_person_stays() -> None:
    words = ["Orbis", "Jane", "Doe", "said"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=["PROPN", "PROPN", "PROPN", "VERB"])
    ents = [Span(doc, 0, 1, "Organization", kb_id="orbis"), Span(doc, 1, 3, "Person")]
    assert joined_first_names(doc, ents) == ents


@pytest.mark.model
@pytest.mark.parametrize(("text", "org", "person"), [
    # a title inside what the model read as one organisation: the name after it is a person
    ("Then Brightline Capital Partner Sara Velmont asked questions.", "Brightline Capital", "Sara Velmont"),
    # an institution's name ends at a title (institution_names)
    ("Stanford University Professor Jane Kovalenko joined the board.", "Stanford University", "Jane Kovalenko"),
])
def test_a_title_between_an_organisation_and_a_person(extractor: Extractor, text: str, org: str,
                                                      person: str) -> None:
    types = entity_types(extractor, text)
    assert (types.get(org), types.get(person)) == ("Organization", "Person")


@pytest.mark.model
def test_organisations_before_a_title_need_a_closed_list(extractor: Extractor) -> None:
    # "B of X, Y Professor Z": X is B's, not a second employer of Z (objects_listed_before)
    text = ("Huang met Lena Okafor of Velmo Genomics, University of Toronto Professor Karl Brandvik "
            "and Aidan Gomez of Cohere.")
    assert {o for s, _, o, _ in extracted_facts(extractor, text) if s == "Karl Brandvik"} == {"University of Toronto"}
