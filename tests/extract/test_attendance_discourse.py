"""Who attended an event, read across sentences (issue 15): :mod:`aikg.extract.components.attendance`.

Own sentences with made-up names where the models type them (well-known names where they do not);
the event is named in one sentence and the presence told in a later one. Each test names the rule
it needs and fails without it.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.components.attendance import FOCUS_SENTENCES
from aikg.extract.lexicon import load_lexicon


def _attended(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {
        (doc[c[0] : c[1]].text, doc[c[3] : c[4]].text)
        for c in doc._.aikg_relations
        if c[2] == "attended" and c[4] >= 0 and str(c[7]).startswith("discourse:")
    }


def _who(nlp: Language, text: str) -> set[str]:
    return {person for person, _ in _attended(nlp, text)}


def test_lexicon_has_attendance_word_lists() -> None:
    lists = load_lexicon().word_lists
    for name in ("audience_nouns", "speech_nouns", "booth_nouns", "presence_words", "presence_verbs",
                 "decline_words", "side_event_nouns", "attendance_modals"):
        assert lists[name]["en"] and lists[name]["fr"], name


# -- the cues ---------------------------------------------------------------------------------------


def test_told_the_audience(nlp_en: Language) -> None:
    # noun_cues(): audience
    text = ("The Web Summit opened on Monday in Lisbon. Later, Sundar Pichai told the audience that AI "
            "would change work.")
    assert ("Sundar Pichai", "Web Summit") in _attended(nlp_en, text)


def test_opening_remarks(nlp_en: Language) -> None:
    # noun_cues(): speech, the subject of the clause
    text = ("The Web Summit opened on Monday in Lisbon. In his opening remarks, Sundar Pichai "
            "stuck to an upbeat tone.")
    assert ("Sundar Pichai", "Web Summit") in _attended(nlp_en, text)


def test_keynote_from(nlp_en: Language) -> None:
    # noun_cues(): speech, the speaker after "from"
    text = "CES opened in Las Vegas with a keynote from AMD chief executive Lisa Su."
    assert ("Lisa Su", "CES") in _attended(nlp_en, text)


def test_speech_elsewhere_is_not_attendance(nlp_en: Language) -> None:
    # elsewhere(): a speech that names its own place
    text = "The Web Summit opened on Monday in Lisbon. In a speech in Berlin, Sundar Pichai praised the organisers."
    assert "Sundar Pichai" not in _who(nlp_en, text)


def test_on_stage_with_companions(nlp_fr: Language) -> None:
    # noun_cues(): stage, with the people the subject shares it with ("avec")
    text = ("Le salon VivaTech accueille Emmanuel Macron mardi. En fin de matinée, le président visitera des "
            "exposants, puis il échangera sur la scène principale avec Lisa Su et Arthur Mensch, "
            "cofondateur de Mistral AI.")
    assert {"Lisa Su", "Arthur Mensch"} <= _who(nlp_fr, text)


def test_booth_gives_the_organisation(nlp_en: Language) -> None:
    # noun_cues(): booth, through a participle ("a robot called X at a booth")
    text = ("VivaTech opened in Paris on Wednesday. Robots were everywhere. "
            "For example, Renault showed off an AI-powered driving assistant called «Atlas» at a large booth.")
    assert ("Renault", "VivaTech") in _attended(nlp_en, text)


def test_sent_person_attends_not_the_leader_who_sends(nlp_en: Language) -> None:
    # cues(): sent, the name in apposition to the object; a person who sends does not attend
    text = ("The AI Safety Summit opens on Wednesday. Joe Biden is sending the vice-president, "
            "Kamala Harris, in his place.")
    who = _who(nlp_en, text)
    assert "Kamala Harris" in who and "Joe Biden" not in who


def test_organisation_that_sends_attends(nlp_en: Language) -> None:
    # cues(): sent, an organisation that sends someone takes part
    text = "The AI Safety Summit opens on Wednesday. Google is sending its president, Kent Walker."
    assert "Google" in _who(nlp_en, text)


def test_will_be_there_names_the_organisations(nlp_fr: Language) -> None:
    # cues(): presence, "du patron de A à celui de B" when the subject names nobody
    text = ("Le sommet Choose France s'ouvre lundi à Versailles. Les grands noms de la tech seront là, "
            "du dirigeant de Google à celui d’OpenAI.")
    assert {"Google", "OpenAI"} <= _who(nlp_fr, text)


def test_guest_list_without_verb(nlp_fr: Language) -> None:
    # guest_list(): an attendee noun heading the sentence; not the organisation of a named person
    text = ("C'est parti pour VivaTech ! Le salon se tient à Paris. Et des invités prestigieux comme "
            "Jensen Huang, cofondateur et CEO de Nvidia, et aussi Bernard Arnault, patron de LVMH.")
    who = _who(nlp_fr, text)
    assert {"Jensen Huang", "Bernard Arnault"} <= who
    assert not who & {"Nvidia", "LVMH"}


# -- what is not attendance -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Intel announced it would not take part.",  # negation
        "Intel may take part.",  # modal
        "Intel declined to take part.",  # decline_words
    ],
)
def test_no_attendance_when_not_asserted(nlp_en: Language, sentence: str) -> None:
    # asserted()
    text = f"Web Summit opened in Lisbon on Monday. {sentence}"
    assert "Intel" not in _who(nlp_en, text)


def test_positive_take_part(nlp_en: Language) -> None:
    # cues(): presence ("took part"), the control of the test above
    assert "Intel" in _who(nlp_en, "Web Summit opened in Lisbon on Monday. Intel took part.")


def test_side_event_takes_the_focus(nlp_fr: Language) -> None:
    # _Reader focus marks: an unnamed dinner after the show is not the show
    text = ("C'est parti pour VivaTech ! L'Élysée organise un dîner mercredi soir. "
            "Les startups Dataiku et Mistral AI font partie des participants.")
    assert not _attended(nlp_fr, text)


def test_dinner_control(nlp_fr: Language) -> None:
    # guest_list(): "X font partie des participants", the control of the test above
    text = "C'est parti pour VivaTech ! Les startups Dataiku et Mistral AI font partie des participants."
    assert "Dataiku" in _who(nlp_fr, text)


def test_event_out_of_focus(nlp_en: Language) -> None:
    # focus(): FOCUS_SENTENCES sentences back at most, when the document names two events (one
    # event only stays in focus: event_focus, tested in test_attendance_guests.py)
    filler = " ".join("Markets were calm that week." for _ in range(FOCUS_SENTENCES + 1))
    text = (f"Web Summit opened in Lisbon on Monday, a month after CES. {filler} Sundar Pichai told the "
            "audience that AI would change work.")
    assert not _attended(nlp_en, text)
