"""Announcements (issue 15): pledges, launches and unveilings, construction by construction.

Own sentences (real company and product names in made-up statements, where the models know the
names); each test names the rule of :mod:`aikg.extract.components.announcements` it needs and
fails without it. Positive tests look at the module's own candidates (extractor ``announce:*``),
so that the trained classifier does not hide a missing rule.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates
from aikg.extract.lexicon import load_lexicon
from aikg.extract.pipeline import Extractor
from tests.helpers import extracted_facts

pytestmark = pytest.mark.model


def _found(nlp: Language, text: str, *, rules_only: bool = True) -> set[tuple[str, str, str]]:
    """``(subject, predicate, object)`` of the announcement module's candidates (``rules_only``) or
    of every pattern's candidates (the classifier's left out)."""
    doc = nlp(text)
    prefix = "announce:" if rules_only else ""
    return {
        (doc[c.subject_start : c.subject_end].text, c.predicate, doc[c.object_start : c.object_end].text)
        for c in relation_candidates(doc)
        if c.object_end >= 0 and c.extractor.startswith(prefix) and not c.extractor.startswith("clf:")
    }


def test_lexicon_has_announcement_word_lists() -> None:
    lists = load_lexicon().word_lists
    for name in ("announcement_nouns", "release_nouns", "pledge_report_verbs", "pledge_verbs",
                 "unveil_phrases", "valuation_words"):
        assert lists[name]["en"] and lists[name]["fr"], name


# -- nouns: the possessive or the agent names who announced ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # possessive + "of" a phrase that an amount describes
        ("Siemens's announcement of a $3bn plan for new factories pleased its shareholders.",
         ("Siemens", "announced", "$3bn")),
        # "by" agent, the "of" phrase hanging from the agent
        ("The announcement by Siemens of Claude came a week after the fair.",
         ("Siemens", "announced", "Claude")),
        # "a commitment from X of N"
        ("Spain received new money, led by a commitment from Siemens of 2 billion euros.",
         ("Siemens", "announced", "2 billion euros")),
        # the amount on the noun itself
        ("Siemens's $4 billion pledge is its largest in Spain.", ("Siemens", "announced", "$4 billion")),
    ],
)
def test_announcement_noun_names_actor_and_thing(nlp_en: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(nlp_en, text)


def test_release_noun_of_own_product_is_develops_too(nlp_en: Language) -> None:
    # release_nouns: "X's launch of Y" is X releasing its own product (gold: develops and announced)
    found = _found(nlp_en, "OpenAI's launch of Claude surprised its rivals.")
    assert {("OpenAI", "announced", "Claude"), ("OpenAI", "develops", "Claude")} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L'annonce par Siemens de Claude a surpris les analystes.", ("Siemens", "announced", "Claude")),
        ("L'engagement de Siemens de 3 milliards d'euros est le plus important en Espagne.",
         ("Siemens", "announced", "3 milliards d'euros")),
    ],
)
def test_french_announcement_noun(nlp_fr: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(nlp_fr, text)


def test_noun_without_actor_names_nobody(nlp_en: Language) -> None:
    # no possessive, no agent: "since the launch of Y" says nothing about who launched it
    assert _found(nlp_en, "Since the launch of Claude, Siemens has hired many engineers.") == set()


# -- reported pledges -----------------------------------------------------------------------------


def test_reported_pledge(nlp_en: Language) -> None:
    assert ("Siemens", "announced", "$5bn") in _found(
        nlp_en, "Siemens said it will invest $5bn in Spain over the next four years.")


def test_reported_pledge_of_someone_else_is_not_the_speakers(nlp_en: Language) -> None:
    # the inner subject is another actor: the speaker did not pledge the money
    found = _found(nlp_en, "Siemens said Meta will invest $5bn in Spain.")
    assert ("Siemens", "announced", "$5bn") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Siemens a indiqué qu'il allait investir 5 milliards d'euros en Espagne.",
        "Siemens a annoncé investir 5 milliards d'euros en Espagne.",
    ],
)
def test_french_reported_pledge(nlp_fr: Language, text: str) -> None:
    # subject(): French parses "Siemens a indiqué" with the name as a root of its own
    assert ("Siemens", "announced", "5 milliards d'euros") in _found(nlp_fr, text)


# -- phrases and headlines ------------------------------------------------------------------------


def test_unveil_phrases(nlp_en: Language, nlp_fr: Language) -> None:
    assert ("Siemens", "announced", "Claude") in _found(nlp_en, "Siemens took the wraps off Claude on Monday.")
    assert ("Siemens", "announced", "Claude") in _found(
        nlp_fr, "Siemens a levé le voile sur Claude, une intelligence artificielle générative.")


def test_headline_without_parsed_subject(nlp_en: Language) -> None:
    # headlines(): the parser reads "X unveils Y chatbot" with X as a modifier of the verb
    found = _found(nlp_en, "Siemens unveils Claude chatbot")
    assert {("Siemens", "announced", "Claude"), ("Siemens", "develops", "Claude")} <= found


def test_officialiser_announces(nlp_fr: Language) -> None:
    # lexicon verbs: "officialiser" is announcing (and releasing) one's product
    found = _found(nlp_fr, "Siemens a officialisé son assistant vocal Claude la semaine dernière.", rules_only=False)
    assert ("Siemens", "announced", "Claude") in found


# -- what is not announced ------------------------------------------------------------------------


def test_valuation_is_not_announced(nlp_en: Language) -> None:
    # valuations(): the amount a round values the company at is not an announced amount
    found = _found(nlp_en, "Siemens announced a funding round that values it at $2 billion.", rules_only=False)
    assert ("Siemens", "announced", "$2 billion") not in found


def test_nationality_adjective_announces_nothing(nlp_fr: Language) -> None:
    # valuations(): "le spécialiste néerlandais engage N" is the specialist's money, not the country's
    found = _found(nlp_fr, "Le spécialiste néerlandais des semi-conducteurs engage 1,3 milliard d'euros.",
                   rules_only=False)
    assert not any(p == "announced" for _, p, _ in found)


@pytest.mark.parametrize(
    ("language", "text", "actor", "event"),
    [
        ("en", "Bob Smith and Jane Doe revealed a bold robotics plan at London Tech Week on Friday.",
         "Bob Smith", "London Tech Week"),
        ("fr", "Bob Martin a dévoilé un plan au salon VivaTech.", "Bob Martin", "VivaTech"),
    ],
)
def test_event_at_its_venue_phrase_is_attended_not_announced(nlp_en: Language, nlp_fr: Language, language: str,
                                                             text: str, actor: str, event: str) -> None:
    # venues(): "unveiled a plan *at* Y" says where, not what (event_venue_preps)
    found = _found(nlp_en if language == "en" else nlp_fr, text, rules_only=False)
    assert (actor, "announced", event) not in found
    assert (actor, "attended", event) in found


def test_possessive_after_a_passive_agent_is_the_agents(nlp_en: Language) -> None:
    # actor(): "demonstrated by X in *its* launch" is X's launch, not the last subject's
    text = ("Nokia posted a teaser. The app had abilities close to one of the tools "
            "demonstrated by Google in its launch of its newest chat model, Gemini.")
    found = _found(nlp_en, text, rules_only=False)
    assert {("Google", "announced", "Gemini"), ("Google", "develops", "Gemini")} <= found
    assert not {f for f in found if f[0] == "Nokia" and f[2] == "Gemini"}


@pytest.mark.parametrize(
    "text",
    ["Samsung launched its Kolo chatbot in May.", "Samsung showcased its Kolo robot at the fair."],
)
def test_a_product_named_before_its_noun_is_what_the_verb_announces(nlp_en: Language, text: str) -> None:
    # the product's name is a compound (or nmod) of the object noun: the object's name
    assert ("Samsung", "announced", "Kolo") in _found(nlp_en, text, rules_only=False)


def test_a_product_named_before_a_rival_noun_is_not_the_object(nlp_en: Language) -> None:
    # "its ChatGPT rival" names a rival of ChatGPT, not ChatGPT
    found = _found(nlp_en, "Kestrel Labs announced the release of its ChatGPT rival, Zorvo.", rules_only=False)
    assert ("Kestrel Labs", "announced", "ChatGPT") not in found


def _noun_facts(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    """The facts the announcement nouns read in ``text`` (extractor ``announce:noun``, through a reference or not)."""
    return {(s, p, o) for s, p, o, rule in extracted_facts(extractor, text) if rule.startswith("announce:noun")}


def test_every_product_of_a_release_noun(extractor: Extractor) -> None:
    # _Announcements.nouns(): "X's release of A and B" announces both, the conjunct too
    text = "Microsoft shipped updates. Analysts praised Microsoft's release of Phi-4 and Copilot last week."
    assert ("Microsoft", "announced", "Copilot") in _noun_facts(extractor, text)


def test_the_release_of_an_owners_product(extractor: Extractor) -> None:
    # _Announcements.nouns(): "the release of X's Y" with no announcer of its own: the owner released it
    text = "The market changed after the 2022 release of Microsoft's Copilot, analysts said."
    assert ("Microsoft", "announced", "Copilot") in _noun_facts(extractor, text)


def test_a_gerund_shares_the_subject_of_its_clause(extractor: Extractor) -> None:
    # dep:gerund-svo: "X did something by announcing Y": X announced Y
    text = "Microsoft strengthened its ties with Cohere by announcing a $2 billion investment in March."
    assert ("Microsoft", "announced", "$2 billion", "dep:gerund-svo") in extracted_facts(extractor, text)
