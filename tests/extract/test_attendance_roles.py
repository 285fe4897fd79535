"""Guests by their role, companions joined on stage, a host's own gathering, a venue before a name
(:mod:`aikg.extract.components.attendance`, :mod:`aikg.extract.components.event_names`).

Own sentences with well-known names the models type; only the ``discourse:`` facts are read.
"""

from __future__ import annotations

from spacy.language import Language

from tests.helpers import candidate_pairs


def _discourse_pairs(nlp: Language, text: str, predicate: str) -> set[tuple[str, str]]:
    return candidate_pairs(nlp, text, predicate, "discourse:")


def test_guest_role_en(nlp_en: Language) -> None:
    # guest_role(): a guest's role as the predicate of "be", the event it names
    text = "Sam Altman was the main guest of VivaTech on Friday."
    assert ("Sam Altman", "VivaTech") in _discourse_pairs(nlp_en, text, "attended")


def test_guest_role_fr(nlp_fr: Language) -> None:
    # guest_role(): French copula, the role heads the clause
    text = "Le G7 a publié un communiqué. Sam Altman, le patron d'OpenAI, était l'invité, samedi, du salon VivaTech."
    assert ("Sam Altman", "VivaTech") in _discourse_pairs(nlp_fr, text, "attended")


def test_joined_on_stage_en(nlp_en: Language) -> None:
    # noun_cues(): stage, the objects of "join" are on stage too
    text = "The AI Action Summit opened in Paris on Monday. Emmanuel Macron joined Sundar Pichai on stage."
    assert ("Sundar Pichai", "AI Action Summit") in _discourse_pairs(nlp_en, text, "attended")


def test_joined_on_stage_fr(nlp_fr: Language) -> None:
    text = "Le salon VivaTech s'est ouvert mercredi à Paris. Emmanuel Macron a rejoint Sundar Pichai sur scène."
    assert ("Sundar Pichai", "VivaTech") in _discourse_pairs(nlp_fr, text, "attended")


def test_host_gathering_others_is_not_the_event(nlp_fr: Language) -> None:
    # speaking_cues(): "qui avait réuni à l'Élysée des patrons" (avoir: transitive) is not a gathering at the event
    text = ("Le salon VivaTech s'ouvre mercredi à Paris. « Paris devient une capitale de l'IA », a déclaré "
            "Emmanuel Macron, qui avait réuni la veille à l'Élysée plusieurs dirigeants.")
    assert ("Emmanuel Macron", "VivaTech") not in _discourse_pairs(nlp_fr, text, "attended")
    assert ("VivaTech", "Élysée") not in _discourse_pairs(nlp_fr, text, "heldIn")


def test_venue_ends_before_a_name(nlp_fr: Language) -> None:
    # event_names: a venue's capitalised words stop where a person's name starts
    doc = nlp_fr("Le ministre a retrouvé sur l'estrade du Dôme de Paris Lisa Su, la patronne d'AMD.")
    assert ("Dôme de Paris", "Place") in {(e.text, e.label_) for e in doc.ents}
