"""The statistical model's own names, kept before the knowledge-base ruler overwrites them.

The KB ruler runs with ``overwrite_ents=True``: a known name wins over whatever the model found
at its tokens, which is right for "Microsoft Corp." (Microsoft) or "OpenAI CEO" (OpenAI), and
wrong where the known name is only the first word(s) of a longer one: the model reads "Google
Brain", "Samsung Medison" or "Google Play" as one name, the ruler leaves "Google" and "Samsung",
and these then take the longer name's facts ("Jane Roe heads the Google Brain project" ->
"Jane Roe leads Google"). So:

* :class:`ModelSpans` (``aikg_model_spans``, right after ``ner``) copies the model's entities
  into ``doc.spans["aikg_ner"]``: one list copy per document;
* :func:`longer_names` (called by ``entity_cleaner.py``) puts the model's span back where a KB
  name is only its first word(s) and the rest is a name: one to three capitalised words (or a
  version number), on one line, none of them a role or title ("OpenAI *CEO*"), a word that is
  never a name, a known name of its own, a verb or a function word, and the whole not a KB name
  once legal forms are dropped ("Microsoft *Corp.*", "Meta *Platforms Inc.*" stay the known
  company). Person and place spans of the model are not read: a person's name never begins with a
  company's ("*Nvidia* Isaac" is a model's mistake);
* the same holds where a known organisation only *ends* the model's organisation after one or two
  proper nouns that are no known name ("Thomson Reuters" is not "Reuters"): the longer name is an
  organisation;
* a known product's name written after a capitalised word and a hyphen, all one written word, is
  a variant of the product ("Med-Gemini" is not Gemini): the whole word is a product
  (:func:`_hyphen_variants`), whether the model found it or not, unless the first word is a known
  name of its own ("the Vexa-Zephyr deal").

The longer name is a product when the known name is a product ("*Le Chat* Pro"), when it ends in a
product noun ("Hugging Face *Hub*") or when the model did not call it an organisation (a French
MISC or an English PRODUCT: "Google Play", "App Store"), or when a verb of launching has it as
its object ("Acme unveiled Acme Pulse"; then in every sentence of the document); otherwise an organisation ("Google
Brain", "Samsung Medison"). The span gets the model's label for that type, so that the cleaner
trims and checks it as any unknown name (a heading line is no name: "Google Splits AI From ...").

>>> import spacy
>>> from spacy.tokens import Span
>>> nlp = spacy.blank("en")
>>> doc = nlp("Jane Roe heads the Kontora Brain project.")
>>> doc.spans[SPANS_KEY] = [Span(doc, 0, 2, "PERSON"), Span(doc, 4, 6, "ORG")]
>>> doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 4, 5, "Organization", span_id="kontora")]
>>> words = LongerNameWords(stop_words=frozenset(), product_nouns=frozenset())
>>> [(e.text, e.label_) for e in longer_names(doc, list(doc.ents), words, None)]
[('Jane Roe', 'PERSON'), ('Kontora Brain', 'ORG')]
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..kb import KBEntry, KnowledgeBase
from ..lexicon import Lexicon, words_field
from ..normalize import fold
from ..records import EntityType
from ..resolve import without_legal_suffix

__all__ = ["SPANS_KEY", "LongerNameWords", "ModelSpans", "longer_name_words", "longer_names"]

#: Where :class:`ModelSpans` keeps the model's entities.
SPANS_KEY = "aikg_ner"
#: Model labels of names that may begin with a known organisation or product.
_NAME_LABELS = frozenset({"ORG", "PRODUCT", "MISC"})
#: Model labels that make the longer name a product (the French model's MISC, the English PRODUCT).
_PRODUCT_LABELS = frozenset({"PRODUCT", "MISC"})
_OBJECTS = frozenset({"obj", "dobj"})
#: The most words a longer name adds to the known one.
_MAX_REST = 3
#: Parts of speech no word of a name has ("Google *Splits* AI From Search").
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE"})


class ModelSpans:
    """``aikg_model_spans``: the model's entities as ``doc.spans["aikg_ner"]`` (before the KB ruler)."""

    def __init__(self, *, name: str = "aikg_model_spans") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPANS_KEY] = list(doc.ents)
        return doc


@dataclass(frozen=True)
class LongerNameWords:
    """The words :func:`longer_names` reads (lowercase, all languages together)."""

    #: Words that end no name here: roles and titles ("ceo", "pdg"), words never a name alone.
    stop_words: frozenset[str]
    #: Nouns of a kind of product ("hub", "app"): a longer name ending in one is a product.
    product_nouns: frozenset[str] = words_field("product_kind_nouns")
    #: Lemmas of verbs whose object is a product ("unveil", "lancer"): a longer name launched is one.
    launch_verbs: frozenset[str] = frozenset()


def longer_name_words(lexicon: Lexicon) -> LongerNameWords:
    """The word lists, from the lexicon."""
    roles = frozenset(word for lang in lexicon.roles.values() for phrase in lang for word in phrase.split())
    titles = frozenset(word for phrase in lexicon.title_words for word in phrase.split())
    return lexicon.read_words(
        LongerNameWords,
        stop_words=roles | titles | lexicon.words("person_nouns") | lexicon.not_entities,
        launch_verbs=frozenset(verb for lang in lexicon.verbs.values() for verb, predicates in lang.items()
                               if "develops" in predicates),
    )


def _name_word(token: Token, words: LongerNameWords, kb: KnowledgeBase | None) -> bool:
    text = token.text
    if not (text[:1].isupper() or text.isdigit()) or token.pos_ in _NOT_NAME_POS or token.is_punct:
        return False
    if token.lower_ in words.stop_words or fold(text) in words.stop_words:
        return False
    return kb is None or kb.lookup(text) is None


def _begins_a_name_of(entry: KBEntry, text: str) -> bool:
    """``text`` is the first words of the entry's label or of one of its aliases."""
    words = fold(text).split()
    return any(fold(name).split()[: len(words)] == words for name in (entry.label, *entry.aliases))


def _longer(doc: Doc, ent: Span, model: Span, model_label: str, words: LongerNameWords,
            kb: KnowledgeBase | None) -> str | None:
    """The label of ``model`` (labelled ``model_label`` by the model) when it is a longer name that
    ``ent`` (a KB name) only begins."""
    rest = doc[ent.end : model.end]
    if not 0 < len(rest) <= _MAX_REST or any("\n" in t.whitespace_ for t in doc[ent.start : model.end - 1]):
        return None
    if not all(_name_word(t, words, kb) for t in rest):
        return None
    if kb is not None and kb.lookup(without_legal_suffix(model.text)) is not None:
        return None  # "Microsoft Corp.", "Meta Platforms Inc.", "OVH Cloud": the known name
    entry = kb[ent.ent_id_] if kb is not None and ent.ent_id_ in kb else None
    if entry is not None and (entry.type is EntityType.PERSON or _begins_a_name_of(entry, model.text)):
        return None  # "Lightspeed Venture" of Lightspeed Venture Partners: the known name, shortened
    product = (
        (entry is not None and entry.type is EntityType.PRODUCT)
        or rest[-1].lower_ in words.product_nouns
        or model_label in _PRODUCT_LABELS
        or (model.root.dep_ in _OBJECTS and model.root.head.lemma_.lower() in words.launch_verbs)
    )
    return "PRODUCT" if product else "ORG"


def _ending_names(doc: Doc, ents: list[Span], model: list[Span], words: LongerNameWords, kb: KnowledgeBase | None,
                  found: dict[int, tuple[Span, str]]) -> dict[int, tuple[Span, str]]:
    """ "*Harwick* Reuters": a known organisation's name that only ends the model's organisation,
    after one or two proper nouns of a name that are no known name, is the longer organisation."""
    by_end = {span.end: span for span in model if span.label_ == "ORG"}
    out: dict[int, tuple[Span, str]] = {}
    for index, ent in enumerate(ents):
        longer = by_end.get(ent.end) if ent.ent_id_ and index not in found else None
        if longer is None or not 0 < ent.start - longer.start <= 2 or (index and ents[index - 1].end > longer.start):
            continue
        entry = kb[ent.ent_id_] if kb is not None and ent.ent_id_ in kb else None
        rest = doc[longer.start : ent.start]
        if entry is None or entry.type is not EntityType.ORGANIZATION or any("\n" in t.whitespace_ for t in rest):
            continue
        if all(_name_word(t, words, kb) and t.pos_ == "PROPN" and t.is_alpha for t in rest):
            out[index] = (doc[longer.start : ent.end], "ORG")
    return out


def _hyphen_variants(doc: Doc, ents: list[Span], kb: KnowledgeBase | None,
                     found: dict[int, tuple[Span, str]]) -> dict[int, tuple[Span, str]]:
    """ "*Med-*Zephyr": a known product's name glued after a capitalised word and a hyphen is a
    variant of the product, one name (the whole written word)."""
    out: dict[int, tuple[Span, str]] = {}
    for index, ent in enumerate(ents):
        start = ent.start - 2
        if index in found or start < 0 or not ent.ent_id_ or kb is None or ent.ent_id_ not in kb:
            continue
        if kb[ent.ent_id_].type is not EntityType.PRODUCT or (index and ents[index - 1].end > start):
            continue
        prefix, hyphen = doc[start], doc[start + 1]
        glued = not prefix.whitespace_ and not hyphen.whitespace_ and (start == 0 or doc[start - 1].whitespace_)
        if glued and hyphen.text == "-" and prefix.is_alpha and prefix.text[:1].isupper() \
                and kb.lookup(prefix.text) is None:
            out[index] = (doc[start : ent.end], "PRODUCT")
    return out


def longer_names(doc: Doc, ents: list[Span], words: LongerNameWords, kb: KnowledgeBase | None) -> list[Span]:
    """``ents`` (sorted) with each KB name that only begins a longer model name replaced by the
    longer name, labelled as the model labels an organisation or a product (module docstring)."""
    model = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else None
    if not model:
        return _replaced(doc, ents, _hyphen_variants(doc, ents, kb, {}))
    # keyed by the first word after a determiner the model took in ("*the* Acme Brain project")
    by_start = {span.start + (span[0].pos_ == "DET" and span[0].is_lower and len(span) > 1): span
                for span in model if span.label_ in _NAME_LABELS}
    found: dict[int, tuple[Span, str]] = {}
    for index, ent in enumerate(ents):
        longer = by_start.get(ent.start) if ent.ent_id_ else None
        if longer is None or longer.end <= ent.end or (index + 1 < len(ents) and ents[index + 1].start < longer.end):
            continue
        name = doc[ent.start : longer.end]  # without the determiner
        label = _longer(doc, ent, name, longer.label_, words, kb)
        if label:
            found[index] = (name, label)
    found.update(_ending_names(doc, ents, model, words, kb, found))
    found.update(_hyphen_variants(doc, ents, kb, found))
    return _replaced(doc, ents, found)


def _replaced(doc: Doc, ents: list[Span], found: dict[int, tuple[Span, str]]) -> list[Span]:
    """``ents`` with the longer names of ``found`` (by index) in place of the known ones."""
    if not found:
        return ents
    # one name, one kind: a name launched in one sentence is a product in the others too
    products = {fold(span.text) for span, label in found.values() if label == "PRODUCT"}
    return [
        Span(doc, found[i][0].start, found[i][0].end, label="PRODUCT" if fold(found[i][0].text) in products
             else found[i][1]) if i in found else ent
        for i, ent in enumerate(ents)
    ]
