"""Guests of the event in focus read by :mod:`aikg.extract.components.guest_lists`, and the event a
whole document is about (:mod:`aikg.extract.components.event_focus`).

Own sentences with made-up people and well-known organisations. Only the ``discourse:`` facts are
read, so each test fails without the rule it names.
"""

from __future__ import annotations

import pytest
from spacy.language import Language


def _who(nlp: Language, text: str) -> set[str]:
    doc = nlp(text)
    return {
        doc[c[0] : c[1]].text
        for c in doc._.aikg_relations
        if c[2] == "attended" and c[4] >= 0 and str(c[7]).startswith("discourse:")
    }


OPENING = "Web Summit opened in Lisbon on Monday."
FILLER = (" The weather was mild. Tickets sold out weeks ago. Prices rose again. Hotels were full."
          " Trains ran late.")


def test_document_focus_beyond_the_window(nlp_en: Language) -> None:
    # event_focus.lasting_focus: one event in the document stays in focus after five sentences
    text = f"{OPENING}{FILLER} Later, Kai Zheng took to the main stage."
    assert "Kai Zheng" in _who(nlp_en, text)


def test_document_focus_not_kept_past_a_dinner(nlp_en: Language) -> None:
    # event_focus.lasting_focus: an unnamed gathering after the event takes the focus away
    text = f"{OPENING}{FILLER} A dinner followed in town. Later, Kai Zheng took to the main stage."
    assert "Kai Zheng" not in _who(nlp_en, text)


def test_guest_list_including_with_descriptions(nlp_en: Language) -> None:
    # guest_lists._after_guest_noun + listed_guests: "a guest list, including ... such as A, CEO of X, and B"
    text = (f"{OPENING} The conference boasts a long guest list, including figures such as Kai Zheng, "
            "chief executive of Cohere, and Mara Whitfield, CEO of Palantir.")
    who = _who(nlp_en, text)
    assert {"Kai Zheng", "Mara Whitfield"} <= who
    assert not {"Cohere", "Palantir"} & who


def test_guest_noun_then_colon_fr(nlp_fr: Language) -> None:
    # guest_lists._after_guest_noun: the list after a colon, a person's organisation left out
    text = ("Le salon VivaTech a ouvert ses portes mercredi à Paris. Les invités ne manquent pas au sein "
            "du salon : le patron de Nvidia Paul Girard, la fondatrice de Mistral AI Claire Dubois.")
    who = _who(nlp_fr, text)
    assert {"Paul Girard", "Claire Dubois"} <= who
    assert not {"Nvidia", "Mistral AI"} & who


def test_coordinated_roles_stay_descriptions_fr(nlp_fr: Language) -> None:
    # listed_guests: "A, cofondateur et PDG de X" describes A; X is not a guest
    text = ("Le salon VivaTech a ouvert ses portes mercredi à Paris. Les invités ne manquent pas : "
            "Paul Girard, cofondateur et PDG de Nvidia, et Claire Dubois.")
    who = _who(nlp_fr, text)
    assert {"Paul Girard", "Claire Dubois"} <= who
    assert "Nvidia" not in who


def test_in_the_presence_of_unnamed_heads_fr(nlp_fr: Language) -> None:
    # guest_lists._presence: "en présence de A, mais aussi des dirigeants de X et de Y"
    text = ("Le salon VivaTech s'est ouvert mardi, en présence de Paul Girard, mais aussi des dirigeants "
            "de Nvidia et de Mistral AI.")
    assert {"Paul Girard", "Nvidia", "Mistral AI"} <= _who(nlp_fr, text)


def test_slated_to_attend(nlp_en: Language) -> None:
    # guest_lists._attending: an intransitive "attend" while the event is in focus
    text = f"{OPENING} Mara Whitfield is also slated to attend."
    assert "Mara Whitfield" in _who(nlp_en, text)


def test_will_not_attend(nlp_en: Language) -> None:
    # guest_lists._attending: a negated cue is no attendance
    text = f"{OPENING} Mara Whitfield will not attend."
    assert "Mara Whitfield" not in _who(nlp_en, text)


def test_attend_with_another_object(nlp_en: Language) -> None:
    # guest_lists._attending: "attend" with an object that is not the event is not about the event
    text = f"{OPENING} Mara Whitfield attended Stanford University in the 1990s."
    assert "Mara Whitfield" not in _who(nlp_en, text)


def test_with_experts_from_attending(nlp_en: Language) -> None:
    # guest_lists._absolute: "With experts from X, Y and Z attending" (organisations with no one named)
    text = (f"{OPENING} With senior engineers from Cohere, Palantir, and Nvidia attending, the event "
            "promises lively debates.")
    assert {"Cohere", "Palantir", "Nvidia"} <= _who(nlp_en, text)


def test_take_part_in_debates_as_will(nlp_en: Language) -> None:
    # guest_lists._attending: taking part in the sessions, and the ellipsis "as will B"
    text = (f"{OPENING} Mara Whitfield will also take part in the debates, as will representatives "
            "from Cohere and Palantir.")
    assert {"Cohere", "Palantir"} <= _who(nlp_en, text)


def test_participate_in_other_things(nlp_en: Language) -> None:
    # guest_lists._attending: taking part in something that is no session of the event
    text = f"{OPENING} Mara Whitfield will participate in a new funding round for Cohere."
    assert "Mara Whitfield" not in _who(nlp_en, text)


def test_speaker_line(nlp_en: Language) -> None:
    # guest_lists._name_line: a line that is a name and its description; the employer is not a guest
    text = (f"{OPENING}\n\"We had a great day of debates here.\"\nMara Whitfield, Head of Public Policy, "
            "Google Europe.\n")
    who = _who(nlp_en, text)
    assert "Mara Whitfield" in who
    assert "Google Europe" not in who and "Google" not in who


def test_possessive_appearance(nlp_en: Language) -> None:
    # guest_lists._presence: "A's appearance" while the event is in focus
    text = f"{OPENING} Mara Whitfield's appearance on Tuesday drew a large crowd."
    assert "Mara Whitfield" in _who(nlp_en, text)


def test_went_to_the_event_fr(nlp_fr: Language) -> None:
    # guest_lists._goes_to_event: "s'est rendu à <event>", "s'y est rendu" with the event in focus
    assert "Paul Girard" in _who(nlp_fr, "Paul Girard s'est rendu à VivaTech mercredi.")
    text = "Le salon VivaTech a ouvert mercredi à Paris. Claire Dubois s'y est rendue jeudi."
    assert "Claire Dubois" in _who(nlp_fr, text)


def test_went_to_a_place_fr(nlp_fr: Language) -> None:
    # guest_lists._goes_to_event: going to a city is not going to the event
    text = "Le salon VivaTech a ouvert mercredi à Paris. Claire Dubois s'est rendue à Lyon jeudi."
    assert "Claire Dubois" not in _who(nlp_fr, text)



@pytest.mark.parametrize(
    ("nlp_name", "text", "guests"),
    [
        ("nlp_en", "The Zorbex Summit opened in Berlin on Monday. The day began with a keynote by Jane Roe.",
         {"Jane Roe"}),
        ("nlp_fr", "Le salon Quorra Expo s'est ouvert à Lyon. Avec 500 exposants et des interventions de dirigeants "
                   "de Hugging Face, Dataiku et Alan, le salon n'a jamais été aussi couru.",
         {"Hugging Face", "Dataiku", "Alan"}),
    ],
)
def test_who_speaks_at_the_event_in_focus_attends(request: pytest.FixtureRequest, nlp_name: str, text: str,
                                                  guests: set[str]) -> None:
    # guest_lists._speakers: "a keynote by A", "des interventions de dirigeants de X, Y et Z"
    assert guests <= _who(request.getfixturevalue(nlp_name), text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun that a clause of speaking describes names guests as an attendee noun does
        (f"{OPENING} Among the executives who spoke were Kai Zheng and Lena Ortiz.", {"Kai Zheng", "Lena Ortiz"}),
        # "scheduled to appear", on the second of two coordinated nouns
        (f"{OPENING} Among other public and private leaders scheduled to appear were Kai Zheng and Lena Ortiz.",
         {"Kai Zheng", "Lena Ortiz"}),
    ],
)
def test_guests_named_by_a_described_noun(nlp_en: Language, text: str, expected: set[str]) -> None:
    assert expected <= _who(nlp_en, text)


def test_a_described_noun_placed_elsewhere_names_no_guests(nlp_en: Language) -> None:
    # the clause puts the people in a funding round, not at the event in focus
    text = f"{OPENING} Investors who participated in the round included Kai Zheng and Lena Ortiz."
    assert not {"Kai Zheng", "Lena Ortiz"} & _who(nlp_en, text)

