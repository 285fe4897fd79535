"""Descriptions that say a kind of organisation, the founders' own organisation, and the article's topic
(:mod:`aikg.extract.coref`); sentences written for the tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from aikg.extract.coref import article_topic
from aikg.extract.lexicon import load_lexicon
from aikg.extract.pairs import references

pytestmark = pytest.mark.model


def referent(nlp: Language, text: str, word: str, lang: str) -> str | None:
    """The first candidate of the reference of the last token ``word`` of ``text`` (finder settings)."""
    doc: Doc = nlp(text)
    refs = references(doc, load_lexicon().reference_settings(lang))
    index = max(t.i for t in doc if t.text == word)
    ref = refs.get(index)
    return ref.candidates[0].text if ref is not None and ref.candidates else None


def test_a_startup_is_not_an_established_company(nlp_en: Language) -> None:
    text = "Microsoft signed a supply deal with Poolside on Monday. The startup will deliver its first chips in May."
    assert referent(nlp_en, text, "startup", "en") == "Poolside"


def test_a_young_company_in_french(nlp_fr: Language) -> None:
    text = "Amazon a signé lundi un accord avec Poolside. La start-up livrera ses premières puces en mai."
    assert referent(nlp_fr, text, "start-up", "fr") == "Poolside"


def test_the_giant_prefers_an_established_company(nlp_fr: Language) -> None:
    text = ("Le directeur Paul Girard part chez Microsoft pour rejoindre l'équipe de Poolside, tandis que "
            "trois ingénieurs rejoignent aussi le géant du logiciel.")
    assert referent(nlp_fr, text, "géant", "fr") == "Microsoft"


def test_what_is_founded_is_not_named_in_the_founders_subject(nlp_fr: Language) -> None:
    text = "Le tour de table de Poolside est bouclé. L'ancien ingénieur de Criteo a fondé l'entreprise en 2021."
    assert referent(nlp_fr, text, "entreprise", "fr") == "Poolside"


def test_the_topic_is_the_organisation_named_most_often(nlp_en: Language) -> None:
    doc = nlp_en("Cohere works with Poolside. Poolside hired ten people. Poolside opened an office.")
    names = [e for e in doc.ents if e.label_ == "Organization"]
    topic = article_topic(names)
    assert topic is not None and topic.text == "Poolside" and topic.start == names[1].start
    assert article_topic(names, minimum=4) is None
    assert article_topic(names, accept=lambda e: e.text != "Poolside") is names[0]


@pytest.mark.parametrize(
    ("lang", "text", "word", "name"),
    [
        ("en", "Mistral AI is a Paris-based startup founded by Arthur Mensch.", "startup", "Mistral AI"),
        ("fr", "Mistral AI est une société parisienne fondée par Arthur Mensch.", "société", "Mistral AI"),
    ],
)
def test_a_copulas_attribute_is_its_subject(nlp_en: Language, nlp_fr: Language, lang: str, text: str, word: str,
                                             name: str) -> None:
    assert referent(nlp_en if lang == "en" else nlp_fr, text, word, lang) == name
