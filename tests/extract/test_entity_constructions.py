"""Entity constructions of ``aikg_entities`` that hold for names the knowledge base does not know."""

from __future__ import annotations

import pytest
from spacy.language import Language

pytestmark = pytest.mark.model


def _ents(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.kb_id_) for e in nlp(text).ents]


def test_a_known_name_followed_by_a_fund_word_is_another_organisation(nlp_en: Language) -> None:
    found = _ents(nlp_en, "The round was led by Oracle Capital and Cisco Ventures.")
    assert ("Oracle Capital", "Organization", "") in found and ("Cisco Ventures", "Organization", "") in found
    assert not any(kb in {"oracle", "cisco"} for _, _, kb in found)


def test_two_unknown_names_joined_by_and_are_two_entities(nlp_en: Language) -> None:
    found = _ents(nlp_en, "Investors include Coatue Management and Tiger Global Management.")
    assert [(t, label) for t, label, _ in found] == [("Coatue Management", "Organization"),
                                                    ("Tiger Global Management", "Organization")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The French start-up Nacre Labs opened an office.", ("French", "Place", "france")),
        ("fr", "La start-up parisienne Nacre Labs ouvre un bureau.", ("parisienne", "Place", "paris")),
    ],
)
def test_a_demonym_adjective_names_its_place(nlp_en: Language, nlp_fr: Language, lang: str, text: str,
                                             expected: tuple[str, str, str]) -> None:
    assert expected in _ents(nlp_en if lang == "en" else nlp_fr, text)


def test_a_demonym_noun_names_people_not_a_place(nlp_fr: Language) -> None:
    found = _ents(nlp_fr, "Les Français utilisent de plus en plus l'IA.")
    assert not any(label == "Place" for _, label, _ in found)


def test_a_name_before_an_event_word_is_an_event(nlp_en: Language) -> None:
    found = _ents(nlp_en, "They met at the Quarry Valley AI Summit in San Francisco.")
    assert ("Quarry Valley AI Summit", "Event", "") in found


def test_a_one_word_name_in_a_list_of_organisations_is_one(nlp_en: Language) -> None:
    found = _ents(nlp_en, "Google, Microsoft and Vornik signed the pledge.")  # the model says Person
    assert ("Vornik", "Organization", "") in found


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "The round was led by Japanese tech giant Kontora.", "Kontora"),  # the model says Place
        ("en", "The Zentra-backed company hired ten people.", "Zentra"),
        ("en", "Lumora co-founder Jane Doe left in May.", "Lumora"),  # Person
        ("en", "Lumora raised $20 million in May.", "Lumora"),  # Person
        ("fr", "Marie Vidal, chercheuse chez Tarvel, a rejoint le projet.", "Tarvel"),
        ("fr", "La start-up Quellis ouvre un bureau à Lyon.", "Quellis"),
    ],
)
def test_a_description_types_an_unknown_name_as_an_organisation(nlp_en: Language, nlp_fr: Language, lang: str,
                                                                 text: str, name: str) -> None:
    found = _ents(nlp_en if lang == "en" else nlp_fr, text)
    assert (name, "Organization", "") in found


def test_a_persons_surname_that_raises_money_stays_a_person(nlp_en: Language) -> None:
    found = _ents(nlp_en, "Jane Lumora left the bank. Lumora raised $20 million for her new fund.")
    assert not any(label == "Organization" for _, label, _ in found)


def test_a_knowledge_base_name_with_an_elided_article_is_found(nlp_fr: Language) -> None:
    # the phrase pattern must tokenize like the text: "l’action" is "l’" + "action", never "l" + "’"
    found = _ents(nlp_fr, "Le sommet pour l’action sur l’intelligence artificielle s’ouvre à Paris.")
    assert any(kb == "ai-action-summit" for _, _, kb in found)


def test_a_person_label_on_a_name_with_a_version_number_is_the_product(nlp_en: Language) -> None:
    found = _ents(nlp_en, "Its flagship now rivals Falcor 7, Brixo-4 and Gemmo in benchmarks.")
    assert ("Falcor 7", "Product", "") in found  # the version stays with the name (product_names)
    assert not any(label == "Person" and any(c.isdigit() for c in text) for text, label, _ in found)


def test_a_place_label_on_a_name_with_a_digit_is_dropped(nlp_en: Language) -> None:
    from spacy.tokens import Span

    text = "Its flagship Vexa3 now rivals the models built in Oslo."
    with nlp_en.select_pipes(disable=["aikg_entities", "aikg_relations", "aikg_relation_classifier"]):
        doc = nlp_en(text)
    doc.ents = [Span(doc, 2, 3, label="GPE"), Span(doc, 9, 10, label="GPE")]
    found = [(e.text, e.label_) for e in nlp_en.get_pipe("aikg_entities")(doc).ents]
    assert ("Vexa3", "Place") not in found and ("Oslo", "Place") in found


def test_an_organisation_span_with_a_comma_is_cut_and_a_named_person_is_kept(nlp_en: Language) -> None:
    from spacy.tokens import Span

    text = "Kiran Moreau studied at Ulm. At the Robotics Lab, Moreau and Ivo Stan built new models."
    with nlp_en.select_pipes(disable=["aikg_entities", "aikg_relations", "aikg_relation_classifier"]):
        doc = nlp_en(text)
    lab = next(t.i for t in doc if t.text == "Robotics")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, lab, lab + 4, label="ORG")]
    found = [(e.text, e.label_) for e in nlp_en.get_pipe("aikg_entities")(doc).ents]
    assert ("Robotics Lab", "Organization") in found and ("Moreau", "Person") in found
    assert not any("," in name for name, _ in found)


def test_an_imperative_verb_opening_the_sentence_is_not_part_of_the_name(nlp_en: Language) -> None:
    found = _ents(nlp_en, "Meet Kara Voss, the new chief of staff at Nordia.")
    assert ("Kara Voss", "Person", "") in found
    assert not any(text.startswith("Meet") for text, _, _ in found)
