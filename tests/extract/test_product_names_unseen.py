"""Product names of unseen news (issue 15): constructions of ``extract/components/product_names.py``
added for products the model types as people, places or organisations (texts and names written for
the tests)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from aikg.extract.components.product_names import same_name_products
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document


def _types(extractor: Extractor, text: str, language: str) -> dict[str, str]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    return {e.label: e.type.value for e in out.entities}


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        # lower-case modifiers between the name and its product noun; names coordinated before a "bot"
        ("en", "Qualcomm announced its Korvan large language model.", {"Korvan"}),
        ("en", "Samsung integrated it into its Kolo messaging app.", {"Kolo"}),
        ("en", "Hyundai showcased its Zelva and Mobix bot during the expo.", {"Zelva", "Mobix"}),
        # an acronym the model found, which a product noun in apposition describes
        ("en", "In 2019, Lexcorp released NOVA, the first product to read contracts for lawyers.", {"NOVA"}),
        # a name right after a noun that names a product only when a name follows
        ("en", "Acme had already launched the search technology Findly before that.", {"Findly"}),
        ("fr", "Acme avait déjà lancé la technologie Findly avant cela.", {"Findly"}),
        ("en", "Microsoft's diagnostic system Zelvix goes even further.", {"Zelvix"}),
        ("fr", "La start-up a développé sa solution Kerva pour les hôpitaux.", {"Kerva"}),
        # names after a possessed plural product noun and a comma
        ("en", "Acme has spent years on its products, Findly and Brieflo.", {"Findly", "Brieflo"}),
        ("fr", "Acme investit dans ses produits, Findly et Brieflo.", {"Findly", "Brieflo"}),
        # examples after "releases like"
        ("en", "The company cites releases like Paddle, Keras and Caffe as key contributions.",
         {"Paddle", "Keras", "Caffe"}),
        # a game in apposition; French read along the text (the parser makes the noun an object)
        ("en", "Roblox released Voxa, a game built in the browser.", {"Voxa"}),
        ("fr", "Ubisoft a publié Voxa, un jeu jouable dans le navigateur.", {"Voxa"}),
        # acronyms alone in a list of examples
        ("en", "Its engineers cite models like Gemma, PaLM, T5 and BERT as milestones.", {"PaLM", "T5", "BERT"}),
        ("fr", "La start-up cite des modèles comme Gemma, PaLM, T5 et BERT.", {"BERT"}),
        # a name the model missed before an apposition the parser read as an object
        ("fr", "Le modèle doit aussi faire oublier la catastrophe de Clarisse, le chatbot français open source "
               "qui n'est pas parvenu à convaincre.", {"Clarisse"}),
        # a lower-case name written with a digit, before an apposition with a possessive
        ("en", "Samsung launched k4-lite, its new reasoning model.", {"k4-lite"}),
        ("fr", "Samsung a lancé k4-lite, son nouveau modèle de raisonnement.", {"k4-lite"}),
    ],
)
def test_names_described_as_products(extractor: Extractor, language: str, text: str, names: set[str]) -> None:
    found = _types(extractor, text, language)
    assert {name: found.get(name) for name in names} == dict.fromkeys(names, "Product")


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("fr", "Ubisoft a racheté Voxa, un fabricant de puces.", "Voxa"),  # the noun describes a maker
        ("en", "The lab shipped tools like TPU clusters and notebooks.", "TPU"),  # an acronym before a noun
    ],
)
def test_names_that_no_product_noun_describes(extractor: Extractor, language: str, text: str, name: str) -> None:
    assert _types(extractor, text, language).get(name) != "Product"


def test_other_mentions_of_a_product_are_products() -> None:
    doc = spacy.blank("en")("Tencent unveiled Hunyuan , its model . Hunyuan and Paris grow . Tencent rose .")
    ents = [Span(doc, 0, 1, label="Organization", kb_id="tencent"), Span(doc, 2, 3, label="Product"),
            Span(doc, 7, 8, label="Person"), Span(doc, 9, 10, label="Place", kb_id="paris"),
            Span(doc, 12, 13, label="Organization")]
    assert [(e.text, e.label_) for e in same_name_products(ents)] == [
        ("Tencent", "Organization"), ("Hunyuan", "Product"), ("Hunyuan", "Product"), ("Paris", "Place"),
        ("Tencent", "Organization")]


def test_an_organisation_named_like_a_product_keeps_its_type() -> None:
    doc = spacy.blank("fr")("Lancez Sparkup , la plateforme . Sparkup lève des fonds .")
    ents = [Span(doc, 1, 2, label="Product"), Span(doc, 6, 7, label="Organization")]
    assert [e.label_ for e in same_name_products(ents)] == ["Product", "Organization"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a version and an edition word after a known product: one mention of the KB's product
        ("en", "Google released Gemini 2.5 Pro on Tuesday.", {("Gemini 2.5 Pro", "gemini")}),
        # the edition's name the model typed on its own joins the name
        ("en", "Anthropic unveiled Claude 3.7 Sonnet, a hybrid reasoning model.", {("Claude 3.7 Sonnet", "claude")}),
        ("fr", "Google a lancé Gemini 2.5 Pro mardi, face à Claude 3.7 Sonnet.",
         {("Gemini 2.5 Pro", "gemini"), ("Claude 3.7 Sonnet", "claude")}),
    ],
)
def test_a_version_after_a_product_is_part_of_its_name(nlp_en: Language, nlp_fr: Language, language: str, text: str,
                                                      expected: set[tuple[str, str]]) -> None:
    doc = (nlp_en if language == "en" else nlp_fr)(text)
    assert expected <= {(e.text, e.kb_id_) for e in doc.ents if e.label_ == "Product"}


@pytest.mark.model
def test_a_person_after_a_version_keeps_their_name(nlp_en: Language) -> None:
    doc = nlp_en("In 2023, GPT-4 Sam Altman said was great.")
    assert ("Sam Altman", "Person") in {(e.text, e.label_) for e in doc.ents}


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        # a count of parameters after a name, with no product noun around it (a heading, a subject)
        ("en", "Korvo 340B: a new model from Lagos\n\nKorvo 340B handles long contracts well.", {"Korvo 340B"}),
        ("en", "The lab compared Tarsk 2 12B with Velmo-70B on coding.", {"Tarsk 2 12B", "Velmo-70B"}),
        ("fr", "Le laboratoire a publié Orvane 8x22B en open source.", {"Orvane 8x22B"}),
    ],
)
def test_names_ending_with_a_count_of_parameters(extractor: Extractor, language: str, text: str,
                                                 names: set[str]) -> None:
    found = _types(extractor, text, language)
    assert {name: found.get(name) for name in names} == dict.fromkeys(names, "Product")


@pytest.mark.model
def test_an_amount_written_like_a_count_names_no_product(extractor: Extractor) -> None:
    found = _types(extractor, "Korvex raised $12B from Helvane Capital last year.", "en")
    assert "Product" not in found.values()


@pytest.mark.model
def test_the_owner_after_a_product_noun_and_a_comma_is_no_product(extractor: Extractor) -> None:
    found = _types(extractor, "The launches of Dalvo's reasoning model, Quenta's Brisk 9, and a speech tool "
                              "were the summit's news.", "en")
    assert found.get("Quenta") not in {"Product", None}
