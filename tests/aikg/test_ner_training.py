"""The reference entities the NER is fine-tuned on: gold names projected onto the text."""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from aikg.extract.evaluate import GoldDocument, GoldEntity
from aikg.extract.kb import EntityType, KBEntry, KnowledgeBase
from aikg.ner_training import reference_doc

WORDS = ["Ada", "Lovelace", "of", "Nimbus", "Labs", "met", "French", "investors", "at", "Acme", "Hall", "on",
         "Tuesday", ";", "Lovelace", "left", "Paris", "with", "NL", "."]


def _stock(*ents: tuple[int, int, str]) -> Doc:
    doc = Doc(Vocab(), words=WORDS)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def _ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_gold_names_become_entities_and_the_stock_model_keeps_what_the_gold_does_not_cover() -> None:
    stock = _stock((0, 1, "PERSON"), (3, 4, "GPE"), (6, 7, "NORP"), (9, 11, "ORG"), (12, 13, "DATE"),
                   (16, 17, "GPE"))
    kb = KnowledgeBase({"nimbus": KBEntry("nimbus", EntityType.ORGANIZATION, "Nimbus Labs", exact_aliases=("NL",))})
    gold = GoldDocument("d", (GoldEntity("Ada Lovelace", "Person"), GoldEntity("Nimbus Labs", "Organization"),
                              GoldEntity("Paris", "Place"), GoldEntity("France", "Place", aliases=("French",))))
    reference, from_gold = reference_doc(stock, gold, "en", kb)
    assert _ents(reference) == [
        ("Ada Lovelace", "PERSON"),  # the whole name, where the stock model cut it
        ("Nimbus Labs", "ORG"),  # a name typed a place by the stock model is typed by the gold
        ("French", "NORP"),  # a demonym stays the model's nationality, though the gold names the place
        ("Tuesday", "DATE"),  # a kind the gold does not list is kept as predicted
        ("Lovelace", "PERSON"),  # a person's last name alone
        ("Paris", "GPE"),  # a place keeps the model's finer label
        ("NL", "ORG"),  # a knowledge-base name of the gold entity
    ]
    assert from_gold == 5
    # "Acme Hall", a name of a kind the gold lists where no gold name lies, is left unannotated (neither
    # taught as a name nor as no name: the gold may call it by another form); plain words are outside
    assert [t.ent_iob_ for t in reference[9:11]] == ["", ""] and reference[5].ent_iob_ == "O"


def test_french_labels_and_whole_words_only() -> None:
    doc = Doc(Vocab(), words=["Vokalis", "recrute", "chez", "Vokalisme", "à", "Lyon", "."])
    doc.ents = [Span(doc, 0, 1, label="LOC"), Span(doc, 5, 6, label="LOC")]
    gold = GoldDocument("d", (GoldEntity("Vokalis", "Organization"), GoldEntity("Lyon", "Place")))
    reference, _ = reference_doc(doc, gold, "fr", KnowledgeBase({}))
    assert _ents(reference) == [("Vokalis", "ORG"), ("Lyon", "LOC")]


def test_a_stock_name_of_another_form_than_the_gold_name_is_left_unannotated() -> None:
    # the gold's canonical "Le Monde" is not written as such ("du Monde"): the stock model's "Monde" may be
    # that name, so it is taught neither as a name nor as no name; the other words are outside
    doc = Doc(Vocab(), words=["Les", "équipes", "du", "Monde", "et", "de", "Quantix", "."])
    doc.ents = [Span(doc, 3, 4, label="ORG"), Span(doc, 6, 7, label="PER")]
    gold = GoldDocument("d", (GoldEntity("Le Monde", "Organization"), GoldEntity("Quantix", "Organization")))
    reference, from_gold = reference_doc(doc, gold, "fr", KnowledgeBase({}))
    assert _ents(reference) == [("Quantix", "ORG")] and from_gold == 1
    assert [t.ent_iob_ for t in reference] == ["O", "O", "O", "", "O", "O", "B", "O"]
