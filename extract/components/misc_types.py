"""Types for the names the statistical model labels MISC, from their sentence ("le rachat de *X*").

The French model labels many company and product names MISC ("Sonio", "Google Play", "Sonio
Detect"), a label with no ontology type, and the clean-up used to drop every MISC span. The
sentence often says what the name is; this module types an unknown MISC name from the
constructions the other typing modules read, and leaves it out when none applies:

* the words that describe an organisation (``descriptor_types.organisation_context``): "la
  start-up *X*", "*X*, une pépite", "cofondateur de *X*", "*X*-backed", "*X* CEO";
* a product noun right before it or in apposition: "l'application *X*", "*X*, une librairie"
  (``product_kind_nouns``);
* the verb it depends on: the subject of a verb of raising, buying or launching ("*X* a levé",
  "*X* acquired", "*X* lance") and the object of a verb of buying ("Acme rachète *X*") are
  organisations, the object of a verb of launching a product ("Acme a lancé *X*"); the verbs are
  the lexicon's (``verbs``: predicates ``raised``, ``acquired``, ``develops``);
* the complement of an acquisition noun: "le rachat de *X*", "the acquisition of *X*"
  (``acquisition_nouns``);
* a written list where at least two other names, and most, are organisations
  (``context_types.written_lists``): "Kestrel Capital, *X* et Orbis Ventures";
* the same name typed elsewhere in the document, by one of these or by the model.

>>> import spacy
>>> from spacy.tokens import Span
>>> nlp = spacy.blank("fr")
>>> doc = nlp("Kestrel Capital, Quellis et Orbis Ventures investissent.")
>>> ents = [Span(doc, 0, 2, "Organization"), Span(doc, 5, 7, "Organization")]
>>> words = MiscWords(subject_verbs=frozenset(), buy_verbs=frozenset(), launch_verbs=frozenset(),
...                   acquisition_nouns=frozenset(), product_nouns=frozenset())
>>> [(e.text, e.label_) for e in typed_misc(doc, ents, [Span(doc, 3, 4, "MISC")], words, None)]
[('Kestrel Capital', 'Organization'), ('Quellis', 'Organization'), ('Orbis Ventures', 'Organization')]
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, words_field
from ..normalize import compact
from .context_types import written_lists
from .descriptor_types import DescriptorWords, organisation_context, word_before

__all__ = ["MiscWords", "misc_words", "typed_misc"]

_SUBJECTS = frozenset({"nsubj"})
_OBJECTS = frozenset({"obj", "dobj"})
_OF = frozenset({"of", "de", "d'", "d’"})


@dataclass(frozen=True)
class MiscWords:
    """The words each construction looks for (lowercase, all languages together)."""

    #: Lemmas of verbs whose subject is an organisation ("raise", "lever", "acquire", "lancer").
    subject_verbs: frozenset[str]
    #: Lemmas of verbs whose object is an organisation ("acquire", "racheter").
    buy_verbs: frozenset[str]
    #: Lemmas of verbs whose object is a product ("launch", "lancer", "dévoiler").
    launch_verbs: frozenset[str]
    #: Nouns of an acquisition ("rachat", "acquisition"): their "de"/"of" complement is an organisation.
    acquisition_nouns: frozenset[str] = words_field("acquisition_nouns")
    #: Nouns of a kind of product ("application", "chatbot").
    product_nouns: frozenset[str] = words_field("product_kind_nouns")


def misc_words(lexicon: Lexicon) -> MiscWords:
    """The construction words, from the lexicon (both languages)."""

    def verbs(predicate: str) -> frozenset[str]:
        return frozenset(verb for lang in lexicon.verbs.values() for verb, preds in lang.items() if predicate in preds)

    buy = verbs("acquired")
    return lexicon.read_words(MiscWords, subject_verbs=verbs("raised") | buy | verbs("develops"), buy_verbs=buy,
                              launch_verbs=verbs("develops"))


def _from_syntax(doc: Doc, span: Span, words: MiscWords) -> str | None:
    """The type the verb or noun that ``span`` depends on gives it."""
    root = span.root
    head = root.head
    lemma = head.lemma_.lower()
    if root.dep_ in _SUBJECTS and head.pos_ in {"VERB", "AUX"} and lemma in words.subject_verbs:
        return "Organization"
    if root.dep_ in _OBJECTS and head.pos_ == "VERB":
        if lemma in words.buy_verbs:
            return "Organization"
        if lemma in words.launch_verbs:
            return "Product"
    if root.dep_ == "nmod" and lemma in words.acquisition_nouns and any(
        c.dep_ == "case" and c.lower_ in _OF for c in root.children
    ):
        return "Organization"  # "le rachat de X"
    if root.dep_ == "pobj" and head.lower_ in _OF and head.head.lemma_.lower() in words.acquisition_nouns:
        return "Organization"  # "the acquisition of X"
    return None


def _product_noun(doc: Doc, span: Span, words: MiscWords) -> bool:
    """ "l'application X", "X, une librairie": a product noun right before, or in apposition."""
    if word_before(doc, span.start) in words.product_nouns:
        return True
    root = span.root
    return any(c.dep_ == "appos" and c.i > root.i and c.lower_ in words.product_nouns for c in root.children)


def _listed(doc: Doc, span: Span, ents: list[Span]) -> bool:
    """A member of a written list where two or more other names, and most, are organisations."""
    run = next((r for r in written_lists(doc, sorted([*ents, span], key=lambda e: e.start)) if span in r), None)
    if run is None:
        return False
    others = [e.label_ for e in run if e is not span]
    orgs = others.count("Organization")
    return orgs >= 2 and orgs > len(others) / 2


def typed_misc(doc: Doc, ents: list[Span], misc: list[Span], words: MiscWords,
               descriptors: DescriptorWords | None) -> list[Span]:
    """``ents`` (sorted) with the MISC names ``misc`` that their sentence or the document types
    added where they overlap no entity (see the module docstring)."""
    if not misc:
        return ents
    person_words = {t.lower_ for e in ents if e.label_ == "Person" and len(e) > 1 for t in e}
    known = {compact(e.text): e.label_ for e in ents if not e.kb_id_}
    typed: list[tuple[Span, str | None]] = []
    for span in misc:
        kind = _from_syntax(doc, span, words)
        if kind is None and descriptors is not None and organisation_context(doc, span, person_words, descriptors):
            kind = "Organization"
        if kind is None and _product_noun(doc, span, words):
            kind = "Product"
        if kind is None and _listed(doc, span, ents):
            kind = "Organization"
        typed.append((span, kind))
        if kind is not None:
            known.setdefault(compact(span.text), kind)
    taken = {i for e in ents for i in range(e.start, e.end)}
    added: list[Span] = []
    for span, kind in typed:
        kind = kind or known.get(compact(span.text))
        if kind is None or any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        added.append(Span(doc, span.start, span.end, label=kind))
    return sorted([*ents, *added], key=lambda e: e.start) if added else ents
