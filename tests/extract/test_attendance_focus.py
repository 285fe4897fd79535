"""The event in focus, second pass: who spoke, met or was sent while the event is in focus, and where
it was held (:mod:`aikg.extract.components.attendance`, :mod:`aikg.extract.components.event_places`).

Own sentences with made-up names where the models type them (well-known names where they do not).
Only the facts of these modules (extractor ``discourse:``) are read, so each test fails without the
rule it names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.helpers import candidate_pairs


def _discourse_pairs(nlp: Language, text: str, predicate: str) -> set[tuple[str, str]]:
    return candidate_pairs(nlp, text, predicate, "discourse:")


def _who(nlp: Language, text: str) -> set[str]:
    return {person for person, _ in _discourse_pairs(nlp, text, "attended")}


def _where(nlp: Language, text: str) -> set[str]:
    return {place for _, place in _discourse_pairs(nlp, text, "heldIn")}


SUMMIT_EN = "The AI Action Summit opened in Paris on Monday."
SUMMIT_FR = "Le Sommet pour l'action sur l'IA s'est ouvert lundi à Paris."


# -- who: the people a plural subject lists, a relative pronoun's antecedent ------------------------


def test_gathered_with_examples_and_venue(nlp_en: Language) -> None:
    # speaking_cues(): gathered; included(): "including A and B"; held_places(): the gathering's venue
    text = (f"{SUMMIT_EN} Leaders from 90 countries, including Justin Trudeau and Olaf Scholz, gathered at "
            "the Grand Palais.")
    assert {"Justin Trudeau", "Olaf Scholz"} <= _who(nlp_en, text)
    assert "Grand Palais" in _where(nlp_en, text)


def test_gathered_with_examples_fr(nlp_fr: Language) -> None:
    # speaking_cues(): gathered (reflexive); included(): "comme A et B"
    text = f"{SUMMIT_FR} Des patrons comme Sam Altman et Dario Amodei se sont réunis au Grand Palais."
    assert {"Sam Altman", "Dario Amodei"} <= _who(nlp_fr, text)
    assert "Grand Palais" in _where(nlp_fr, text)


def test_leaders_such_as_take_the_stage(nlp_en: Language) -> None:
    # subjects() -> included(): "leaders such as <org>'s president A and B"
    text = ("Web Summit opened in Lisbon on Monday. Day one of the conference saw tech leaders such as "
            "Acme's president Kai Zheng and Signal's Mara Whitfield take to the main stage.")
    assert {"Kai Zheng", "Mara Whitfield"} <= _who(nlp_en, text)


def test_examples_inside_a_clause_are_not_listed(nlp_en: Language) -> None:
    # _in_clause(): "attendees, including executives eager to see how X ..."
    text = (f"{SUMMIT_EN} The event welcomed 1,500 attendees, including executives eager to see how Nvidia "
            "would respond.")
    assert "Nvidia" not in _who(nlp_en, text)


def test_relative_pronoun_addressed_the_conference(nlp_en: Language) -> None:
    # subjects(): the antecedent of "who"; speaking_cues(): address with the event as object
    text = f"{SUMMIT_EN} Demis Hassabis, who addressed the conference, warned about the risks."
    assert "Demis Hassabis" in _who(nlp_en, text)


def test_spoke_about_the_summit_elsewhere(nlp_en: Language) -> None:
    # speaking_cues(): "about" makes the event a topic
    text = "Web Summit opened on Monday. Jane Rowe spoke about the summit in an interview in London."
    assert "Jane Rowe" not in _who(nlp_en, text)


# -- the cues -----------------------------------------------------------------------------------------


def test_on_the_sidelines(nlp_en: Language) -> None:
    # noun_cues(): sidelines
    text = f"{SUMMIT_EN} Sam Altman said on the sidelines that his company would open an office in Germany."
    assert "Sam Altman" in _who(nlp_en, text)


def test_en_marge_du_salon(nlp_fr: Language) -> None:
    # noun_cues(): sidelines, whose "de" phrase names the event in focus
    text = ("Le salon VivaTech s'est ouvert mercredi. Claire Dubois a déclaré en marge du salon que la France "
            "devait accélérer.")
    assert "Claire Dubois" in _who(nlp_fr, text)


def test_stayed_on_the_sidelines_is_not_attendance(nlp_en: Language) -> None:
    # noun_cues(): stay_verbs
    text = "Web Summit opened on Monday. Marc Andreessen stayed on the sidelines as valuations fell."
    assert "Marc Andreessen" not in _who(nlp_en, text)


#: (the rule, language, text, who attended): one cue each, in English and French.
CUES = [
    ("speaking_cues(): floor", "en", f"{SUMMIT_EN} Later, Satya Nadella took the floor.", "Satya Nadella"),
    ("speaking_cues(): floor", "fr", f"{SUMMIT_FR} Arthur Mensch a pris la parole devant les chefs d'État.",
     "Arthur Mensch"),
    ("delegation(): led by", "en",
     "The AI Safety Summit opened on Wednesday. A delegation led by Gina Raimondo arrived from Washington.",
     "Gina Raimondo"),
    ("delegation(): menée par", "fr", f"{SUMMIT_FR} Une délégation menée par Ursula von der Leyen est arrivée.",
     "Ursula von der Leyen"),
    ("speaking_cues(): represent", "en",
     "The AI Safety Summit opened on Wednesday. Kamala Harris represented the United States.", "Kamala Harris"),
    ("speaking_cues(): represent", "fr", f"{SUMMIT_FR} Justin Trudeau représentait le Canada.", "Justin Trudeau"),
]


@pytest.mark.parametrize(("rule", "lang", "text", "person"), CUES)
def test_cue(nlp_en: Language, nlp_fr: Language, rule: str, lang: str, text: str, person: str) -> None:
    assert person in _who(nlp_en if lang == "en" else nlp_fr, text), rule


def test_co_chaired_by_a_list(nlp_fr: Language) -> None:
    # speaking_cues(): chair, agents read along the text ("par A et B")
    text = f"{SUMMIT_FR} Il est coprésidé par Emmanuel Macron et Narendra Modi."
    assert {"Emmanuel Macron", "Narendra Modi"} <= _who(nlp_fr, text)


def test_event_welcomes_people(nlp_en: Language) -> None:
    # speaking_cues(): hosted, the event as subject
    text = "Web Summit opened in Lisbon on Monday. The summit welcomed Paddy Cosgrave and Sundar Pichai."
    assert {"Paddy Cosgrave", "Sundar Pichai"} <= _who(nlp_en, text)


# -- where --------------------------------------------------------------------------------------------


#: (the rule, language, text, place, whether it is the event's): heldIn by construction.
PLACES = [
    ("_described_places(): compound", "en",
     "The AI Action Summit opened on Monday. On Tuesday the Paris summit drew leaders from 100 countries.", "Paris",
     True),
    ("_described_places(): demonym", "fr",
     "VivaTech a ouvert mercredi. Dans les allées du salon parisien, Jensen Huang a pris la parole.", "parisien", True),
    ("_described_places(): a superlative's scope", "fr",
     "VivaTech a ouvert mercredi. Le plus grand évènement européen accueille des milliers de visiteurs.", "européen",
     False),
    ("_described_places(): another edition", "en",
     "The AI Action Summit opened on Monday. India will host the next summit in New Delhi.", "New Delhi", False),
    ("held_places(): event_holding_verbs, the event as object", "en",
     "Chief executive Tim Cook spoke as he opened the annual Worldwide Developers Conference at the company's "
     "headquarters in Cupertino.", "Cupertino", True),
    ("held_places(): the hosting place as subject", "fr", "Lisbonne accueille le Web Summit chaque année en novembre.",
     "Lisbonne", True),
]


@pytest.mark.parametrize(("rule", "lang", "text", "place", "held"), PLACES)
def test_place(nlp_en: Language, nlp_fr: Language, rule: str, lang: str, text: str, place: str, held: bool) -> None:
    assert (place in _where(nlp_en if lang == "en" else nlp_fr, text)) is held, rule
