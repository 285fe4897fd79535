"""Who is wrongly put at an event (batch 4): the organisation of a named guest, and an organisation
that runs an event of its own (:mod:`aikg.extract.components.attendance`,
:mod:`aikg.extract.components.event_names`).

Own sentences with made-up names; each test fails without the rule it names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language


def _attended(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {
        (doc[c[0] : c[1]].text, doc[c[3] : c[4]].text)
        for c in doc._.aikg_relations
        if c[2] == "attended" and c[4] >= 0
    }


def _label(nlp: Language, text: str, name: str) -> str:
    return next(e.label_ for e in nlp(text).ents if e.text == name)


def test_organisation_of_a_listed_guest_is_no_guest(nlp_en: Language) -> None:
    # _Reader.describes_person(): "Acme CEO Jane Roe" lists Jane Roe, not Acme
    text = ("The Nordic AI Summit opened in Oslo on Monday. Speakers include Acme CEO Jane Roe and "
            "Kontor anchor Tom Hale.")
    who = {person for person, _ in _attended(nlp_en, text)}
    assert "Jane Roe" in who
    assert not who & {"Acme", "Kontor"}


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "The Global Robotics Forum has announced a new theme for its annual gathering in Oslo.",
     "Global Robotics Forum"),
    ("fr", "Le Nordic Robotics Forum a dévoilé le programme de son salon annuel, qui se tiendra à Oslo.",
     "Nordic Robotics Forum"),
])
def test_organiser_of_its_own_gathering_is_an_organisation(nlp_en: Language, nlp_fr: Language, lang: str,
                                                           text: str, name: str) -> None:
    # event_names(): _Finder.organiser(), "its annual gathering", "son salon annuel"
    nlp = nlp_en if lang == "en" else nlp_fr
    assert _label(nlp, text, name) == "Organization"


def test_an_event_that_announces_nothing_of_its_own_stays_an_event(nlp_en: Language) -> None:
    text = "The Global Robotics Forum opened in Oslo on Monday, and its organisers expect 5,000 visitors."
    assert _label(nlp_en, text, "Global Robotics Forum") == "Event"
