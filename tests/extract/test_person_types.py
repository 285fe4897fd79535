"""Names typed from their construction (``extract/components/context_types.py``) and the written
form of people's names (``person_names.py``): a person with a role beside the name, an organisation
led by someone or acting as only an organisation acts, a legal-form word, an honorific, a name in
another script. Sentences and names are written for the tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from aikg.extract.components.context_types import ContextWords, retype_by_context
from aikg.extract.components.person_names import hyphenated_given_names, portfolio_cut
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document
from tests.helpers import entity_types

WORDS = ContextWords(based=frozenset(), passive_verbs=frozenset({"fonder"}),
                     role_nouns=frozenset({"présidente", "executive", "journalist"}), byline_cues=frozenset(),
                     org_suffixes=frozenset({"partners"}), led_verbs=frozenset({"piloter"}),
                     honorifics=frozenset({"maître"}), actor_verbs=frozenset({"partner"}))


def parsed(lang: str, words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(spacy.blank(lang).vocab, words=words, heads=heads, deps=deps, pos=pos)


def typed(doc: Doc, ents: list[Span]) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in retype_by_context(doc, ents, WORDS)]


def test_a_role_after_the_comma_makes_a_person_of_a_place() -> None:
    # the parser reads a list of people with their roles as one flat list: no apposition
    doc = spacy.blank("fr")("Odile Varenkamp, présidente de Norvalis, était présente.")
    assert typed(doc, [Span(doc, 0, 2, "Place"), Span(doc, 5, 6, "Organization")]) == [
        ("Odile Varenkamp", "Person"), ("Norvalis", "Organization")]


def test_a_role_after_the_comma_spares_legal_forms_and_compounds() -> None:
    doc = spacy.blank("en")("Kestrel Partners, a journalist favourite, and Orvane Lumis, a journalist training firm.")
    doc[13].pos_ = "NOUN"  # "training" continues the compound: the role is not its head
    ents = [Span(doc, 0, 2, "Organization"), Span(doc, 8, 10, "Organization")]
    assert typed(doc, ents) == [("Kestrel Partners", "Organization"), ("Orvane Lumis", "Organization")]


def test_a_title_case_role_after_the_comma_makes_a_person() -> None:
    """Press releases write the role in Title Case: the whole phrase must be a role, maybe after the
    organisation's name, and end there; capitalised words that only begin like one are a name."""
    words = ContextWords(based=frozenset(), role_phrases=frozenset({"vice president", "deputy secretary-general"}))
    doc = spacy.blank("en")("Isa Grand, Airbus Vice President of Research, spoke. Lars Holm, Deputy "
                            "Secretary-General, OECD, spoke. Orvane Lumis, Vice Presidential Films and others.")
    ents = [Span(doc, 0, 2, "Organization"), Span(doc, 11, 13, "Organization"), Span(doc, 23, 25, "Organization")]
    assert [(e.text, e.label_) for e in retype_by_context(doc, ents, words)] == [
        ("Isa Grand", "Person"), ("Lars Holm", "Person"), ("Orvane Lumis", "Organization")]


def test_what_a_role_is_held_in_is_an_organisation_unless_a_known_place() -> None:
    """ "présidente de la *Maison Tech Oran*": a place's word made the model say Place."""
    words = ContextWords(based=frozenset(), employer_roles=frozenset({"présidente", "directeur", "maire"}))
    doc = spacy.blank("fr")("Anne Morel, présidente de la Maison Tech Oran, et Paul Ribe, directeur de Kalvia Lyon.")
    ents = [Span(doc, 0, 2, "Person"), Span(doc, 6, 9, "Place"), Span(doc, 11, 13, "Person"),
            Span(doc, 16, 18, "Place")]
    assert [(e.text, e.label_) for e in retype_by_context(doc, ents, words)][1::2] == [
        ("Maison Tech Oran", "Organization"), ("Kalvia Lyon", "Organization")]


@pytest.mark.model
def test_a_known_place_after_a_role_stays_a_place(extractor: Extractor) -> None:
    out = extractor.extract(Document("t", "Paul Ribe, directeur de Lyon, a parlé.", source="test", language="fr"))
    assert {e.label: e.type.value for e in out.entities}.get("Lyon") == "Place"


def test_a_role_noun_before_the_name_makes_a_person_at_every_mention() -> None:
    doc = parsed("en", ["departure", "of", "AI", "executive", "Tarun", "Mehrotra", ".", "Tarun", "Mehrotra", "left"],
                 [0, 0, 3, 5, 5, 1, 0, 8, 9, 9],
                 ["ROOT", "prep", "compound", "compound", "compound", "pobj", "punct", "compound", "nsubj", "ROOT"],
                 ["NOUN", "ADP", "PROPN", "NOUN", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB"])
    ents = [Span(doc, 4, 6, "Organization"), Span(doc, 7, 9, "Organization")]
    assert typed(doc, ents) == [("Tarun Mehrotra", "Person"), ("Tarun Mehrotra", "Person")]


def _led(name_label: str, also_product: bool, link: str = "nmod") -> list[tuple[str, str]]:
    # "Zentavio, piloté par Aline Koffi, ...": the tagger reads the participle as a noun (nmod, or appos)
    words = ["Zentavio", ",", "piloté", "par", "Aline", "Koffi", ".", "Zentavio"]
    doc = parsed("fr", words, [0, 0, 0, 4, 2, 4, 0, 7], ["ROOT", "punct", link, "case", "obl:agent", "flat:name",
                                                      "punct", "ROOT"],
                 ["PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "PROPN"])
    ents = [Span(doc, 0, 1, name_label), Span(doc, 4, 6, "Person")]
    if also_product:
        ents.append(Span(doc, 7, 8, "Product"))
    return typed(doc, ents)[:2]


def test_a_name_led_by_someone_is_an_organisation() -> None:
    assert _led("Place", also_product=False) == [("Zentavio", "Organization"), ("Aline Koffi", "Person")]
    assert _led("Place", also_product=False, link="appos")[0] == ("Zentavio", "Organization")


def test_a_product_led_by_someone_stays_a_product() -> None:
    assert _led("Product", also_product=False)[0] == ("Zentavio", "Product")
    assert _led("Place", also_product=True)[0] == ("Zentavio", "Place")  # a product elsewhere in the document


def test_a_place_that_partners_is_an_organisation() -> None:
    words = ["Hanvira", "is", "partnering", "with", "Qorvix", ".", "Osaka", "hosted", "it"]
    doc = parsed("en", words, [2, 2, 2, 2, 3, 2, 7, 7, 7], ["nsubj", "aux", "ROOT", "prep", "pobj", "punct", "nsubj",
                                                           "ROOT", "dobj"],
                 ["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PRON"])
    doc[2].lemma_, doc[7].lemma_ = "partner", "host"
    ents = [Span(doc, 0, 1, "Place"), Span(doc, 4, 5, "Organization"), Span(doc, 6, 7, "Place")]
    assert typed(doc, ents) == [("Hanvira", "Organization"), ("Qorvix", "Organization"), ("Osaka", "Place")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "expected", "absent"),
    [
        # an honorific is no part of the name; a law firm's "Avocats" makes an organisation
        ("fr", "Le cabinet Verlaine Avocats, dirigé par Maître Jeanne Rousseau, accompagne les jeunes pousses.",
         {"Verlaine Avocats": "Organization", "Jeanne Rousseau": "Person"}, {"Maître Jeanne Rousseau"}),
        # a source credit in brackets: "Biz" ends an outlet's name, no person's
        ("en", "The plant will serve markets in Europe and Asia. (Daejeon Biz)",
         {"Daejeon Biz": "Organization"}, set()),
        # a place's company that partners
        ("en", "#Kenya #infrastructure — South Korea’s Hanvira is partnering with NVIDIA, Qorvix Systems, and "
               "Tallis Capital to build a 300MW campus.", {"Hanvira": "Organization", "South Korea": "Place"}, set()),
    ],
)
def test_names_in_articles(extractor: Extractor, language: str, text: str, expected: dict[str, str],
                           absent: set[str]) -> None:
    out = extractor.extract(Document("t", text, source="test", language=language))
    found = {e.label: e.type.value for e in out.entities}
    for name, type_ in expected.items():
        assert found.get(name) == type_, (name, found)
    assert not absent & set(found), found


@pytest.mark.model
def test_a_name_in_another_script_is_dropped(extractor: Extractor) -> None:
    text = "Le salon est placé sous le haut patronage du roi. تحت الرعاية السامية لصاحب الجلالة"
    out = extractor.extract(Document("t", text, source="test", language="fr"))
    assert not [e.label for e in out.entities if any("\u0600" <= ch <= "\u06ff" for ch in e.label)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Speaking first at the big forum on Monday morning, UAE Minister of Economy Hamad Bin Touq "
         "Al Kaabi presented the plan.", 13, 19, "Hamad Bin Touq Al Kaabi"),
        # no role before the preposition: the span stays whole
        ("Speaking first at the big forum on Monday morning, UAE fans of Economy Hamad Bin Touq "
         "Al Kaabi presented the plan.", 13, 19, "Economy Hamad Bin Touq Al Kaabi"),
    ],
)
def test_a_portfolio_before_a_name_is_no_part_of_it(nlp_en: Language, text: str, start: int, end: int,
                                                     expected: str) -> None:
    doc = nlp_en(text)
    cut = portfolio_cut(doc, [Span(doc, start, end, label="Person")], frozenset({"minister"}))
    assert [e.text for e in cut] == [expected]


@pytest.mark.model
def test_romanised_korean_names_are_people(extractor: Extractor) -> None:
    # person_names.hyphenated_given_names: "Family Given-name", the second syllable in lower case
    text = "Kestrel Group chairman Baek Min-seo met Orbis Labs founder Yoon Ha-rin in Busan on Monday."
    types = entity_types(extractor, text)
    assert (types.get("Baek Min-seo"), types.get("Yoon Ha-rin")) == ("Person", "Person")


def test_a_brand_written_with_a_hyphen_is_no_person() -> None:
    doc = spacy.blank("en")("The Coca-cola deal went on. With Rolls-royce it did too.")
    assert hyphenated_given_names(doc, []) == []
