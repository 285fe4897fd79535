"""Capitalised words that are no name and names cut short on unseen news
(``extract/components/unseen_names.py``, the list and short-name rules of ``context_types.py``, the
names that end in a known one of ``model_spans.py``, and their hooks in ``entity_cleaner.py``).
Texts and names are written for the tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from aikg.extract.components.context_types import ContextWords, retype_by_context
from aikg.extract.components.model_spans import SPANS_KEY, LongerNameWords, longer_names
from aikg.extract.components.unseen_names import (
    concept_lists,
    contracted_article,
    heading_word,
    in_quoted_title,
    product_versions,
    ticker,
    unclosed_bracket,
)
from aikg.extract.kb import KBEntry, KnowledgeBase
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document, EntityType


def names(nlp: Language, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


# -- the functions, on spans made by hand --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Investors include Orbis (ORBS.N) and others.", 4, 5, True),
        ("Shares of Vexa (NASDAQ: VEXA) rose.", 6, 7, True),
        ("Shares of Vexa rose.", 2, 3, False),
        ("Les actions de Lumio (LUM.PA) montent.", 5, 6, True),
        ("Guests included Orvex's (ORVX) Dan Keller.", 5, 6, True),
        ("Guests included Dan Keller of Kelso (KLSO) and others.", 7, 8, True),
        ("Kelso (NASDAQ:KLSO) spent $9M on it.", 2, 3, True),
        ("The Quantum Robotics Institute (QRI) spent $9M on it.", 6, 7, False),
        ("The Kelso Robotics (KR) unit spent $9M on it.", 4, 5, False),
        ("Kelso Robotics (KR) spent $9M on it.", 3, 4, False),
        ("The Kelso (KLSO) unit spent $9M on it.", 3, 4, True),
        # an acronym of several words after a one-word name is no ticker
        ("It opened a lab on AI (FAIR) in Paris.", 7, 8, False),
        ("It joined the Organisation of Francophonie (OIF) in Paris.", 7, 8, False),
    ],
)
def test_unseen_names_ticker(text: str, start: int, end: int, expected: bool) -> None:
    doc = spacy.blank("en")(text)
    assert ticker(doc, doc[start:end]) is expected


def test_unseen_names_unclosed_bracket_ends_the_name() -> None:
    doc = spacy.blank("en")("It turns to Machine Vision (MV for short.")
    assert unclosed_bracket(doc, 3, 7) == 5  # "Machine Vision"
    assert unclosed_bracket(doc, 3, 5) == 5
    closed = spacy.blank("en")("It hired Orbis (Berlin) staff.")
    assert unclosed_bracket(closed, 2, 6) == 6


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("A talk named ‘Markets in a Shifting Climate’ opens the day.", 7, 9, True),
        ("Une table ronde intitulée « Vivre avec la Machine » ouvre la journée.", 8, 9, True),
        ("The startup ‘Orbis Labs’ opens the day.", 3, 5, False),  # the name fills its quotes
        ("She was “proud to work here in Dunmore” today.", 8, 9, False),  # speech, not a title
        ("The summit opened.", 1, 2, False),
    ],
)
def test_unseen_names_words_of_a_quoted_title(text: str, start: int, end: int, expected: bool) -> None:
    nlp = spacy.blank("fr" if "«" in text else "en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    assert in_quoted_title(doc, doc[start:end]) is expected


def test_unseen_names_a_heading_word_written_in_lower_case_elsewhere() -> None:
    text = "Answering Objections\n\nThe board answered objections from staff.\n\nOrbis Outlook\n\nOrbis grew."
    doc = spacy.blank("en")(text)
    objections = next(t for t in doc if t.text == "Objections")
    orbis = next(t for t in doc if t.text == "Orbis")
    assert heading_word(text, doc[objections.i: objections.i + 1])
    assert not heading_word(text, doc[orbis.i: orbis.i + 1])  # never written in lower case
    sentence = "The board answered Objections. It answered objections."
    doc = spacy.blank("en")(sentence)
    assert not heading_word(sentence, doc[3:4])  # a sentence, not a heading


def test_unseen_names_a_list_of_concepts_and_its_acronym() -> None:
    doc = spacy.blank("en")("It left Fairness, Openness, and Trust (FOT) behind; FOT and Orbis Labs (OL) stay.")
    ents = [Span(doc, 2, 5, "Organization"), Span(doc, 7, 8, "Person"), Span(doc, 13, 14, "Organization"),
            Span(doc, 15, 17, "Organization"), Span(doc, 18, 19, "Organization")]
    kept = [e.text for e in concept_lists(doc, ents)]
    assert kept == ["Orbis Labs", "OL"]  # a name with its acronym, without commas, stays


def test_unseen_names_a_french_contraction_names_the_known_title() -> None:
    kb = KnowledgeBase({"le-courrier": KBEntry("le-courrier", EntityType.ORGANIZATION, "Le Courrier"),
                        "courrier-sa": KBEntry("courrier-sa", EntityType.ORGANIZATION, "Courrier SA")})
    doc = spacy.blank("fr")("Les équipes du Courrier et de Courrier pourront s'en servir.")
    entry = contracted_article(doc, doc[3:4], kb)
    assert entry is not None and entry.id == "le-courrier"
    assert contracted_article(doc, doc[6:7], kb) is None  # "de": no article fused


def test_unseen_names_a_version_is_a_mention_of_its_product() -> None:
    doc = spacy.blank("en")("It released Zorva in two sizes , Zorva 2B and Zorva 7B .")
    ents = [Span(doc, 2, 3, "Product"), Span(doc, 7, 9, "Product"), Span(doc, 10, 12, "Person")]
    out = product_versions(doc, ents)
    assert [(e.text, e.label_) for e in out] == [("Zorva", "Product"), ("Zorva 2B", "Product"), ("Zorva", "Product")]


def _context() -> ContextWords:
    return ContextWords(based=frozenset(), passive_verbs=frozenset(), role_nouns=frozenset(),
                        byline_cues=frozenset(), org_suffixes=frozenset({"labs"}))


def test_unseen_names_a_list_of_people_types_a_person_shaped_organisation() -> None:
    doc = spacy.blank("en")("Founded by Tomas Ruiz, Llion Berg, and Anna Kito, Quellis grew.")
    ents = [Span(doc, 2, 4, "Person"), Span(doc, 5, 7, "Organization"), Span(doc, 9, 11, "Person")]
    out = retype_by_context(doc, ents, _context())
    assert [e.label_ for e in out] == ["Person", "Person", "Person"]
    labs = spacy.blank("en")("Founded by Tomas Ruiz, Kito Labs, and Anna Kito, Quellis grew.")
    ents = [Span(labs, 2, 4, "Person"), Span(labs, 5, 7, "Organization"), Span(labs, 9, 11, "Person")]
    assert retype_by_context(labs, ents, _context())[1].label_ == "Organization"


def test_unseen_names_a_first_word_of_an_organisation_is_that_organisation() -> None:
    doc = spacy.blank("en")("Quellis AI raised money . Quellis grew , said Anna Kito . Kito smiled .")
    ents = [Span(doc, 0, 2, "Organization"), Span(doc, 5, 6, "Person"), Span(doc, 9, 11, "Person"),
            Span(doc, 12, 13, "Person")]
    out = retype_by_context(doc, ents, _context())
    assert [(e.text, e.label_) for e in out][1] == ("Quellis", "Organization")
    assert out[3].label_ == "Person"  # a surname stays the person's


def test_unseen_names_a_known_name_that_ends_the_models_organisation() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Rumours said Harwick Kestrel would buy it .")
    for token in doc[2:4]:
        token.pos_ = "PROPN"
    doc.spans[SPANS_KEY] = [Span(doc, 2, 4, "ORG")]
    kb = KnowledgeBase({"kestrel": KBEntry("kestrel", EntityType.ORGANIZATION, "Kestrel")})
    doc.ents = [Span(doc, 3, 4, "Organization", span_id="kestrel")]
    ents = list(doc.ents)  # the KB ruler's id, as ``ent_id_``
    words = LongerNameWords(stop_words=frozenset(), product_nouns=frozenset())
    assert [(e.text, e.label_) for e in longer_names(doc, ents, words, kb)] == [("Harwick Kestrel", "ORG")]
    kb = KnowledgeBase({**kb.entries, "harwick": KBEntry("harwick", EntityType.ORGANIZATION, "Harwick")})
    assert [e.text for e in longer_names(doc, ents, words, kb)] == ["Kestrel"]  # two known names


# -- through the pipeline -----------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("In a shift from its usual themes, the forum will focus on Artificial Intelligence (AI) this year.",
         "Artificial Intelligence (AI"),
        ("The summit dropped Research, Ethics, and Safety (RES) and Environmental, Social, and "
         "Governance (ESG) themes. It now ranks ESG lower.", "ESG"),
        ("The summit dropped Research, Ethics, and Safety (RES) and Environmental, Social, and "
         "Governance (ESG) themes.", "Governance"),
        ("One highlight of the week is a debate named ‘Technology in a Fractured Age’, featuring "
         "Jane Doe.", "Fractured Age"),
        ("The robotics startup Vortan has raised $75 million from investors, including Nvidia (NVDA.O), "
         "Microsoft (MSFT.O), and others.", "MSFT.O"),
        ("Facing Criticisms\n\nOrbis founder Jane Doe has responded to criticisms of hypocrisy, asserting the "
         "need to engage with all parties.", "Facing Criticisms"),
        ("Answering Critics\n\nThe chair answered critics of the plan.", "Answering Critics"),
    ],
)
def test_unseen_names_no_name(nlp_en: Language, text: str, absent: str) -> None:
    assert absent not in names(nlp_en, text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("lang", "text", "name", "label", "kb_id"),
    [
        ("en", "Founded in 2022 by former Google researchers Tomas Ruiz, Llion Berg, and Anna Kito, Quellis AI "
               "takes its name from a river.", "Llion Berg", "Person", ""),
        ("en", "The CEO and founder of Vortan, Brett Oakley, said that the money would go to hiring.",
         "Brett Oakley", "Person", ""),
        ("fr", "Les équipes du Monde et des Echos pourront utiliser l'outil.", "Monde", "Organization", "le-monde"),
        ("fr", "Les équipes du Monde et des Echos pourront utiliser l'outil.", "Echos", "Organization", "les-echos"),
        ("fr", "Cette semaine, l'IA est à l'honneur dans l'Hexagone.", "Hexagone", "Place", "france"),
    ],
)
def test_unseen_names_typed(nlp_en: Language, nlp_fr: Language, lang: str, text: str, name: str,
                            label: str, kb_id: str) -> None:
    found = {e.text: (e.label_, e.kb_id_) for e in (nlp_en if lang == "en" else nlp_fr)(text).ents}
    assert found.get(name) == (label, kb_id)


@pytest.mark.model
@pytest.mark.parametrize(
    ("lang", "text", "absent", "present"),
    [
        ("fr", "Les outils existent aujourd'hui en cinq langues (italien, espagnol, anglais, allemand et "
               "néerlandais) et la société en prévoit d'autres.", "Spain", ""),
        ("en", "The app speaks three languages: English, German and Spanish, and the Spanish startup Quellis "
               "built it.", "Germany", "Spain"),
        ("en", "German and Spanish investors joined the round.", "", "Germany"),
    ],
)
def test_unseen_names_a_list_of_languages_names_no_place(nlp_en: Language, nlp_fr: Language, lang: str,
                                                         text: str, absent: str, present: str) -> None:
    found = {e.kb_id_ for e in (nlp_en if lang == "en" else nlp_fr)(text).ents}
    assert absent.lower() not in found
    assert not present or present.lower() in found


@pytest.mark.model
def test_unseen_names_a_former_role_of_an_organisation(nlp_fr: Language) -> None:
    doc = nlp_fr("Paul Girard, ex-cadre de Wanda Eats, rejoint la société.")
    assert {e.text: e.label_ for e in doc.ents}.get("Wanda Eats") == "Organization"


def test_a_wire_ticker_after_a_name_is_not_part_of_it(extractor: Extractor) -> None:
    out = extractor.extract(Document("t", "Jane Roe, directrice générale de Alphabet GOOGL.O , a nommé un adjoint.",
                                     source="test", language="fr"))
    assert "Google" in {e.label for e in out.entities}  # the KB's label for Alphabet
    assert not any("GOOGL" in e.label for e in out.entities)
