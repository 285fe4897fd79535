"""Events found, and who attended them: the constructions of issue 15 (own sentences, made-up names
where the parse allows). Each test fails without the rule it names."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.lexicon import load_lexicon
from tests.helpers import candidate_pairs as _facts


def _events(nlp: Language, text: str) -> set[str]:
    return {e.text for e in nlp(text).ents if e.label_ == "Event"}


def test_lexicon_has_event_word_lists() -> None:
    lists = load_lexicon().word_lists
    for name in ("event_determiners", "presence_nouns", "welcome_verbs", "hosted_words", "draw_verbs"):
        assert lists[name]["en"] and lists[name]["fr"], name


# -- entities: a name after an event noun ----------------------------------------------------------


def test_name_after_event_noun_is_an_event(nlp_fr: Language) -> None:
    # entity_cleaner._named_by_event_noun: a lowercase, hyphenated name the NER misses
    assert "data-Wave" in _events(nlp_fr, "Ce matin s'ouvre la conférence data-Wave organisée par Kyutai à Lyon.")


def test_place_after_event_noun_is_not_a_name(nlp_fr: Language) -> None:
    # "sa conférence à Station F": the words after the noun must start a capitalised name
    assert not any(e.startswith("à") for e in _events(nlp_fr, "Le patron a profité de sa conférence à Station F."))


# -- attended -------------------------------------------------------------------------------------


def test_organised_by_attended(nlp_fr: Language) -> None:
    # pattern:event-hosted-by
    assert ("Kyutai", "data-Wave") in _facts(
        nlp_fr, "Ce matin s'ouvre la conférence data-Wave organisée par Kyutai à Lyon.", "attended"
    )


def test_event_welcomes_guest(nlp_fr: Language) -> None:
    # pattern:event-hosts: the event as subject of "accueillir"
    assert ("Sundar Pichai", "Web Summit") in _facts(nlp_fr, "Le Web Summit accueillera cette année Sundar Pichai.",
                                                     "attended")


def test_en_profite_refers_to_the_event_before(nlp_fr: Language) -> None:
    # dep:profit-en: "en" stands for the event named just before
    text = "Aujourd'hui se tient le salon VivaTech à Paris. Kyutai en a profité pour présenter son robot."
    assert ("Kyutai", "VivaTech") in _facts(nlp_fr, text, "attended")


@pytest.mark.parametrize(
    "text",
    [
        "Arthur Mensch a salué les équipes pendant sa visite au salon VivaTech.",  # dep:presence-poss
        "La visite d'Arthur Mensch au salon VivaTech a duré deux heures.",  # dep:presence-of
    ],
)
def test_visit_to_event_attended(nlp_fr: Language, text: str) -> None:
    assert ("Arthur Mensch", "VivaTech") in _facts(nlp_fr, text, "attended")


def test_possessive_of_a_description_is_not_the_name_inside_it(nlp_fr: Language) -> None:
    # coref._described_owner: "sa" is the patron's, not Nvidia's
    text = "Le dirigeant du groupe Nvidia a profité de sa présence au salon VivaTech, jeudi, pour signer un accord."
    assert ("Nvidia", "VivaTech") not in _facts(nlp_fr, text, "attended")


def test_joined_on_stage_attended(nlp_fr: Language) -> None:
    # dep:on-stage and dep:on-stage-joined: on stage at the event named before
    text = "Au salon VivaTech, Marie Klein a rejoint avec une heure de retard sur la scène principale Jensen Huang."
    assert ("Jensen Huang", "VivaTech") in _facts(nlp_fr, text, "attended")


def test_gathering_that_drew_people_including(nlp_en: Language) -> None:
    # dep:event-drew-including, with coref of "a summit" misplaced on the city
    text = ("Last year they attended the Lumen conference in Berlin, a summit that drew 300 guests, "
            "including Maria Lopez and Tom Berg.")
    assert {("Maria Lopez", "Lumen"), ("Tom Berg", "Lumen")} <= _facts(nlp_en, text, "attended")


def test_event_description_refers_back_several_sentences(nlp_fr: Language) -> None:
    # coref._MENTION_WINDOW: "le salon" is the event named three sentences before
    text = ("VivaTech ouvre ses portes mercredi. Les start-up sont nombreuses. Les investisseurs aussi. "
            "Arthur Mensch a profité du salon pour présenter un modèle.")
    assert ("Arthur Mensch", "VivaTech") in _facts(nlp_fr, text, "attended")


# -- heldIn ---------------------------------------------------------------------------------------


def test_event_takes_place_in(nlp_fr: Language) -> None:
    # pattern:event-takes-place
    assert ("VivaTech", "Nantes") in _facts(nlp_fr, "VivaTech s'est tenu à Nantes du 3 au 5 mai.", "heldIn")


def test_region_in_apposition_is_a_location_too(nlp_en: Language) -> None:
    # relation_finder._with_regions
    text = "Kyra Olsen gave a keynote at the Helix AI Conference in San Jose, California."
    facts = _facts(nlp_en, text, "heldIn")
    assert {("Helix AI Conference", "San Jose"), ("Helix AI Conference", "California")} <= facts
