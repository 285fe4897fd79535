"""Unknown names typed from the sentence around them (``extract/components/context_types.py``) and
product names listed after a determiner or written in camel case (``product_names.py``).
Texts and names are written for the tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from aikg.extract.components.context_types import context_words, retype_by_context
from aikg.extract.lexicon import load_lexicon
from aikg.extract.pipeline import Extractor
from tests.helpers import entity_types as types

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("language", "text", "name", "expected"),
    [
        # "<Place>-based X": an organisation, found or re-typed
        ("en", "Last year Quorex bought Munich-based Stavron and Lyon-based Zembla for small sums.",
         "Zembla", "Organization"),
        # a list of organisations types its one-word member
        ("fr", "Parmi elles, les jeunes pousses Dravia Robotics (santé), Korvel Technologies (énergie), Mirovia "
               "(robotique) et Quorvo (logistique) ont été reçues à Paris.", "Mirovia", "Organization"),
        # "X, which ...": not a person
        ("en", "Others in the field include Kaelith, which builds models for hospitals.", "Kaelith", "Organization"),
        # the subject of a passive founding
        ("en", "Veltrane was founded by two former bankers who wanted cheaper inference.", "Veltrane", "Organization"),
        # a person named with a role in apposition, not an organisation
        ("en", "Justin Trudeau is sending his trade minister, Jean-Baptiste Lemoyne-Caron, to the talks.",
         "Jean-Baptiste Lemoyne-Caron", "Person"),
        # a byline
        ("en", "By Jess Holt\n\nA British AI startup building autonomous trucks has secured $1bn in backing.",
         "Jess Holt", "Person"),
        # a person's organisation in brackets
        ("fr", "Parmi les investisseurs figurent Nadia Ferrand (Quillon) et Paul Marceau (Vetrix).",
         "Quillon", "Organization"),
    ],
)
def test_names_typed_from_their_sentence(extractor: Extractor, language: str, text: str, name: str,
                                         expected: str) -> None:
    assert types(extractor, text, language).get(name) == expected


def test_a_known_place_in_a_list_of_organisations_stays_a_place(extractor: Extractor) -> None:
    found = types(extractor, "Offices of Kestrel Capital, Orbis Ventures and Paris will share the cost.")
    assert found.get("Paris") == "Place"


def test_a_full_name_among_funds_stays_a_person(extractor: Extractor) -> None:
    found = types(extractor, "Backers such as Kestrel Capital, Orbis Ventures and Jane Holloway joined the round.")
    assert found.get("Jane Holloway") == "Person"


def test_a_modifier_after_based_is_not_a_name(extractor: Extractor) -> None:
    found = types(extractor, "The money will go to the Lisbon-based AI startup, which sells to banks.")
    assert "AI" not in found


@pytest.mark.parametrize(
    "text",
    [
        # examples after "such as the", and names written in camel case
        "The designer drew famous Vexa products such as the eSlate, eTab and eWatch.",
    ],
)
def test_listed_camel_case_products(extractor: Extractor, text: str) -> None:
    found = types(extractor, text)
    assert {found.get(n) for n in ("eSlate", "eTab", "eWatch")} == {"Product"}


@pytest.mark.model
def test_a_seat_before_based_in_a_list_of_companies_is_a_place(extractor: Extractor) -> None:
    # context_types._based_names types the name before "-based"; frame_types leaves it out of the list
    text = "Europe has produced AI companies such as Varnholm-based Quellis, Brisk Labs and Oslo-based Tarvo."
    assert types(extractor, text).get("Varnholm") == "Place"


def test_a_name_the_model_missed_before_a_role_and_its_organisation() -> None:
    # _unnamed_before_roles: "Jana Kovel, CEO of Orbis, said" opening a paragraph, with no entity
    words = ["Intro", ".", "\n\n", "Jana", "Kovel", ",", "CEO", "of", "Orbis", ",", "said", "so", "."]
    pos = ["NOUN", "PUNCT", "SPACE", "PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PUNCT", "VERB", "ADV",
           "PUNCT"]
    spaces = [False, False, False, True, False, True, True, True, False, True, True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos, spaces=spaces)
    found = retype_by_context(doc, [], context_words(load_lexicon()))
    assert [(e.text, e.label_) for e in found] == [("Jana Kovel", "Person")]
