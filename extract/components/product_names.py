"""Product names from the nouns that describe them ("the chatbot *X*", "the *X* chip", "*X*, a robot").

The small statistical models know few product names: an AI model, chip or app they have not
seen comes out as an Organization, a Person or a Place ("*Trainex* chips" -> Organization,
"*Zephyr-1.5V*" -> Person), or not at all when it carries a version ("Isaac GR00T N1"). News
says what kind of thing it names, and that description decides the type. This module reads
these constructions, with word lists from ``data/lexicon.json`` (``word_lists``:
``product_kind_nouns``, ``product_group_nouns``, ``product_list_cues``, ``product_list_nouns``,
``maker_nouns``, ``product_naming_words``, ``product_lead_nouns``, ``product_version_words``,
``product_descriptor_words``):

* a name right after a product noun: "the chatbot *X*", "its AI model *X-2*", "la puce *X*",
  "son assistant *Le Chat*", "the chatbot, *X*";
* a name right before a product noun: "the *X* platform", "*X* and *Y* chips", "its *X*
  series of models" (a group noun counts when "of" / "de" follows it); a language's name and,
  before a plural noun, a descriptor (``product_descriptor_words``: "AI") between the name and the
  noun describe the product and are not its name ("its *X* Arabic large language model", "its *X*
  AI chips"), and a name in capitals there is a name ("its *XLM* Arabic model");
* a product noun in apposition or as the predicate: "*X*, a small robot", "*X* is a language
  model", "*X*, une librairie open-source", "*X* est un chatbot" (read along the text too, a
  comma, a determiner and the noun, where the parser makes the noun an object: "*X*, un jeu
  vidéo"; an acronym the model found counts: "*NOVA*, the first product");
* names listed after a plural product noun and a cue, or after a possessed one and a comma:
  "products like *X* and *Y*", "releases like *T5* and *JAX*" (an acronym alone in the list is a
  name), "its products, *X* and *Y*";
* a name right after a noun that names a product only when a name follows: "the search
  technology *X*", "la technologie *X*" (``product_lead_nouns``);
* a name before a maker noun that an organisation follows: "*X* owner Kontora", "the *X* maker";
* a name that a product noun introduces by a naming word or in brackets: "an assistant called
  «*X*»", "a model dubbed *X*", "un chatbot baptisé *X*", "un LLM maison (*X*)"
  (``product_naming_words``);
* a name followed by a count of parameters, the way language models are named whatever the
  sentence around them says: "*Zephyr 12B*", "*Kestrel-70B*", "*Vexa 2 8x22B*" (a count written
  against a name: billions, millions or trillions of parameters, :func:`_sized`).

A name is one to five words, each capitalised, carrying a digit ("H100", "8x7B") or glued to the
word before ("GR00" "T", "Zephyr-1.5V"); an all-capitals word alone ("AI", "GPU") is a modifier,
not a name. Names the knowledge base knows keep their KB type (an organisation before a product
noun stays one: "the Nvidia chips"); unknown names are re-typed Product, or added when the model
missed them. A version and edition words after a product's name are part of it ("*Gemini 2.5
Pro*", "*Vexa 3.7 Sonnet*"), and, once the entity stage is done, the other mentions of a
product's name that the model typed as a person or a place are the product
(:func:`same_name_products`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..doc_words import doc_text
from ..kb import KnowledgeBase
from ..lexicon import words_field
from ..normalize import fold
from ..records import EntityType
from .cldr_words import not_names

__all__ = ["ProductWords", "product_names", "same_name_products"]

_MAX_WORDS = 5
#: The most lower-case modifiers read between a product's name and its noun ("X *large language* model").
_MAX_MODIFIERS = 3
#: The most letters of an all-capitals word that may be a modifier ("AI", "GPU", "LLM").
_ACRONYM = 3
#: A name and its version: "Zephyr-1.5V", "Zephyr 3", "Zephyr v2 mini".
_VERSION = re.compile(r"^(?P<base>.*?[^\W\d_].*?)[\s-]+v?\d[\w.]*(?:\s+(?:mini|pro|max|ultra|turbo|nano))?$", re.I)
_QUALIFIER = re.compile(r"\s+(?:mini|pro|max|ultra|turbo|nano)$", re.I)
_JOINERS = frozenset({",", "and", "et", "or", "ou", "&"})
#: A count of parameters that ends a language model's name: "12B", "8x22B", "1.5T", "350M".
_PARAMETERS = r"(?:\d+x)?\d+(?:\.\d+)?[BMT]"
_SIZE = re.compile(rf"^{_PARAMETERS}$")
#: A count of parameters anywhere in a text, to skip the documents that have none.
_ANY_SIZE = re.compile(rf"\b{_PARAMETERS}\b")
#: A name and its count written as one word: "Kestrel-70B".
_SIZED_WORD = re.compile(rf"^[^\W\d_][\w.]*-{_PARAMETERS}$")
_OF = frozenset({"of", "de", "d'", "d’"})
_QUOTES = frozenset({'"', "“", "«", "'"})
#: Parts of speech of words that are never part of a product's name ("*Her* assistant").
_FUNCTION_POS = frozenset({"DET", "PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PART"})


@dataclass(frozen=True)
class ProductWords:
    """The words each construction looks for (lowercase, all languages together)."""

    #: Nouns that name a kind of product ("chatbot", "chip", "puce").
    kinds: frozenset[str] = words_field("product_kind_nouns")
    #: Nouns of a group of products, a product noun when "of" follows ("series", "gamme").
    groups: frozenset[str] = words_field("product_group_nouns")
    #: Words that introduce examples after a plural product noun ("like", "comme").
    list_cues: frozenset[str] = words_field("product_list_cues")
    #: Plural nouns of products in general, before examples ("products like X").
    list_nouns: frozenset[str] = words_field("product_list_nouns")
    #: Nouns of the organisation that makes a product ("maker", "owner").
    makers: frozenset[str] = words_field("maker_nouns")
    #: Words that introduce a product's name after its noun ("called", "baptisé").
    naming: frozenset[str] = words_field("product_naming_words")
    #: Folded words that are never a name on their own (``not_entities``).
    not_names: frozenset[str] = frozenset()
    #: Nouns that name a product only when its name follows ("the search technology *X*").
    leads: frozenset[str] = words_field("product_lead_nouns")
    #: Possessive determiners ("its products, *X* and *Y*").
    possessives: frozenset[str] = words_field("poss_pronouns")
    #: Edition words after a product's version ("Gemini 2.5 *Pro*").
    editions: frozenset[str] = words_field("product_version_words")
    #: Capitalised words that describe a product between its name and a plural noun ("its X *AI* chips").
    descriptors: frozenset[str] = words_field("product_descriptor_words")


def _glued(doc: Doc, index: int) -> bool:
    """Token ``index`` is written against the one before it ("GR00" "T", "Zephyr" "-1.5V")."""
    return index > 0 and not doc[index - 1].whitespace_


def _name_word(token: Token) -> bool:
    text = token.text
    if not any(ch.isalnum() for ch in text) or "\n" in token.whitespace_ or token.pos_ in _FUNCTION_POS:
        return False
    camel = text[:1].islower() and text[1:2].isupper()  # "iPhone", "eReader"
    return text[:1].isupper() or camel or (any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text))


def _name_after(doc: Doc, start: int) -> int:
    """End of the name that starts at ``start`` (``start`` when there is none)."""
    end = start
    while end < len(doc) and end - start < _MAX_WORDS:
        token = doc[end]
        if _name_word(token) and (end == start or not token.is_sent_start):
            end += 1
        elif end > start and token.text.isdigit() and len(token.text) < 4:
            end += 1  # "Zephyr *3*"
        elif end > start and _glued(doc, end) and token.text in {"-", "."} and end + 1 < len(doc) \
                and _glued(doc, end + 1) and doc[end + 1].text[:1].isalnum():
            end += 2  # "Zephyr" "-" "2": the rest of the written word
        elif end > start and _glued(doc, end) and token.text[:1].isalnum():
            end += 1
        else:
            break
    return end


def _name_before(doc: Doc, end: int) -> int:
    """Start of the name that ends right before ``end`` (``end`` when there is none)."""
    start = end
    while start > 0 and end - start < _MAX_WORDS:
        token = doc[start - 1]
        version = token.text.isdigit() and len(token.text) < 4 and start > 1 and _name_word(doc[start - 2])
        if _name_word(token) or version or (start < end and _glued(doc, start) and token.text[:1].isalnum()):
            start -= 1
            if token.is_sent_start:
                break
        else:
            break
    return start


@dataclass
class _Found:
    """The entities so far, by token, and the product names to make."""

    doc: Doc
    ents: list[Span]
    words: ProductWords
    kb: KnowledgeBase | None = None

    def __post_init__(self) -> None:
        self.by_token = {i: ent for ent in self.ents for i in range(ent.start, ent.end)}
        self.products: dict[int, tuple[int, int]] = {}  # start -> (start, end)

    def add(self, start: int, end: int, *, acronym: bool = False, limit: int = 0) -> bool:
        """Make ``doc[start:end]`` a product name, unless it is not a name or the KB knows it as
        something else. A known entity inside it decides: the span becomes that entity. An
        all-capitals word alone is a name only where ``acronym`` says the construction names one
        (a name the model found, that a product noun describes: "*NOVA*, the first product")."""
        if end <= start:
            return False
        span = self.doc[start:end]
        if len(span) == 1 and span[0].is_upper and not any(ch.isdigit() for ch in span.text) and not acronym:
            return False  # "AI", "GPU": a modifier
        if fold(span.text) in self.words.not_names or not span.text[:1].isalnum():
            return False
        inside = {id(self.by_token[i]): self.by_token[i] for i in range(start, end) if i in self.by_token}
        if any(ent.kb_id_ for ent in inside.values()):  # the KB's name decides: a product stays one
            return all(ent.label_ == "Product" for ent in inside.values() if ent.kb_id_)
        if any(_full_name(ent) and not end < ent.end <= limit for ent in inside.values()):
            return False  # "her assistant Jane Doe": a person's first and last name
        name_end = end
        for ent in inside.values():  # a longer entity: take all of it, less the words that describe
            start = min(start, ent.start)  # the product ("its X AI chips", up to ``limit``)
            if not name_end < ent.end <= limit:
                end = max(end, ent.end)
        self.products[start] = (start, end)
        return True

    def _versioned(self, span: Span) -> Span:
        """ "Zephyr-1.5V", "Zephyr 3" name a version of the KB's product "Zephyr" (the KB folds
        versions into the model family)."""
        match = _VERSION.match(span.text)
        names = [span.text, _QUALIFIER.sub("", span.text), *([match.group("base")] if match is not None else [])]
        entry = next((e for e in map(self.kb.lookup, names) if e is not None), None) if self.kb is not None else None
        if entry is None or entry.type is not EntityType.PRODUCT:
            return Span(self.doc, span.start, span.end, label="Product")
        return Span(self.doc, span.start, span.end, label="Product", kb_id=entry.id)

    def spans(self) -> list[Span]:
        """The entities with the product names in them (a product name replaces the entities
        it overlaps)."""
        products = [self._versioned(self.doc[s:e]) for s, e in sorted(self.products.values())]
        covered = {i for p in products for i in range(p.start, p.end)}
        kept = [ent for ent in self.ents if not any(i in covered for i in range(ent.start, ent.end))]
        return sorted(kept + products, key=lambda e: e.start)


#: Types the statistical model gives a product's name that the document never means by it.
_MISTAKEN_TYPES = frozenset({"Person", "Place"})


def same_name_products(ents: list[Span]) -> list[Span]:
    """``ents`` with the other mentions of a product's name that the model typed Person or Place
    re-typed Product: an article that once calls "*Zorbi*" its chatbot means the chatbot when it
    says "Zorbi and Kestrel are gaining ground" later, and the model, which never saw the name,
    guesses a type per sentence. An organisation keeps its type (a start-up is often named after
    its product); a name of the knowledge base keeps its own. Run once the entity stage has typed
    every name (products found by their versions included)."""
    names = {fold(e.text) for e in ents if e.label_ == "Product" and not e.kb_id_}
    return [
        Span(ent.doc, ent.start, ent.end, label="Product")
        if ent.label_ in _MISTAKEN_TYPES and not ent.kb_id_ and fold(ent.text) in names else ent
        for ent in ents
    ]


def _full_name(ent: Span) -> bool:
    return ent.label_ == "Person" and len(ent) >= 2 and all(t.is_alpha and t.is_title for t in ent)


def _is_kind(token: Token, words: ProductWords) -> bool:
    """A product noun: a kind ("chatbot"), or a group followed by "of" ("series of")."""
    if not (token.is_lower or (token.is_upper and len(token) > 2)):  # "chatbot", "LLM"
        return False
    if token.lower_ in words.kinds:
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ in words.groups and following is not None and following.lower_ in _OF


def _after_noun(found: _Found, noun: Token) -> None:
    """ "the chatbot *X*", "the chatbot, *X*", 'its assistant "*X*"'."""
    doc = found.doc
    start = noun.i + 1
    if start < len(doc) and doc[start].text in {",", *_QUOTES}:
        start += 1
    if start < len(doc) and doc[start].text in _QUOTES:
        start += 1
    if start < len(doc) and doc[start].is_sent_start:
        return
    end = _name_after(doc, start)
    if not _possessor(doc, end):
        found.add(start, end)


def _possessor(doc: Doc, end: int) -> bool:
    """The name that ends before ``end`` owns what follows ("the model, *Kontora*'s Vexa 2"): it is
    the maker named next to a product, not the product."""
    return end < len(doc) and doc[end].tag_ == "POS"


def _before_noun(found: _Found, noun: Token) -> None:
    """ "the *X* platform", "*X* and *Y* chips" (coordinated names before a product noun). A
    product noun that modifies another noun describes that noun ("the US AI *chip* giant")."""
    doc = found.doc
    if noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in {"NOUN", "PROPN"}:
        return
    end = _modifiers_start(noun)  # "the X *voice* assistant", "its X *large language* model"
    described = _descriptors_start(found, noun, end)  # "its X *Arabic* large language model"
    limit, end = (end, described) if described < end else (described, described)
    while True:
        start = _name_before(doc, end)
        known = [found.by_token[i] for i in range(start, end) if i in found.by_token and found.by_token[i].kb_id_]
        if known and known[-1].label_ != "Product":
            start = max(start, known[-1].end)  # "AWS *Trainium* chips": the maker, then the name
        # "its *ALLAM* Arabic model": a name the model found, or a long one, not a modifier
        model_name = limit > end and (start in found.by_token or len(doc[start].text) > _ACRONYM)
        if not found.add(start, end, acronym=model_name, limit=limit):
            return
        if start >= 2 and doc[start - 1].lower_ in _JOINERS - {",", "or", "ou"}:
            end = start - 1
        else:
            return


def _modifiers_start(noun: Token) -> int:
    """Where the lower-case words that modify a product noun from the left begin ("the X *large
    language* model", "the X *voice* assistant"): up to ``_MAX_MODIFIERS`` modifiers (adjectives,
    nouns, "*messaging* app"), each hanging on a word to its right within the phrase; a name before
    them names the product."""
    doc = noun.doc
    start = noun.i
    while start > 0 and noun.i - start < _MAX_MODIFIERS:
        word = doc[start - 1]
        if not (word.is_lower and word.is_alpha and word.dep_ in {"amod", "compound"}
                and start - 1 < word.head.i <= noun.i):
            break
        start -= 1
    return start


def _descriptors_start(found: _Found, noun: Token, end: int) -> int:
    """Where the capitalised words that describe a product noun before its lower-case modifiers
    begin (``end`` when there are none): a language's name ("its X *Arabic* large language model",
    "X *Hindi*-language model"), and before a plural noun a descriptor of ``product_descriptor_words``
    ("its X *AI* processors"; "the X AI framework" may be the name "X AI"). A word of a known name
    describes nothing ("Meta AI")."""
    doc = found.doc
    start = end
    plural = "Plur" in noun.morph.get("Number", []) or noun.tag_ in {"NNS", "NNPS"}
    while start > 1 and end - start < _MAX_MODIFIERS:
        word = doc[start - 1]
        if word.text == "-" and start < end and _glued(doc, start) and _glued(doc, start - 1):
            start -= 1  # "*Hindi-*language"
            continue
        known = start - 1 in found.by_token and found.by_token[start - 1].kb_id_
        language = word.text[:1].isupper() and not word.is_upper and word.lower_ in not_names()
        descriptor = plural and word.lower_ in found.words.descriptors
        if known or not (language or descriptor) or word.dep_ not in {"amod", "compound", "nmod"}:
            break
        start -= 1
    return start if start < end and doc[start].text != "-" else end


def _possessed(noun: Token, words: ProductWords) -> bool:
    """ "*its* products", "*ses* produits", "*Zorbi's* products"."""
    return any(c.dep_ in {"poss", "nmod:poss"} or (c.dep_ == "det" and c.lower_ in words.possessives)
               for c in noun.children)


def _listed(found: _Found, noun: Token) -> None:
    """ "products like *X* and *Y*", "des modèles comme *X*, *Y* ou *Z*", "its products, *X* and
    *Y*" (a possessed plural noun, a comma and names)."""
    doc = found.doc
    index = noun.i + 1
    plural = noun.lower_ != noun.lemma_.lower()
    if index + 1 < len(doc) and doc[index].text == "," and plural and _possessed(noun, found.words) \
            and _name_word(doc[index + 1]):
        index += 1
    elif index < len(doc) and doc[index].lower_ in found.words.list_cues and plural:
        index += 1
        if index < len(doc) and doc[index].lower_ in {"as", "que", "qu'"}:  # "such as", "tels que"
            index += 1
        if index < len(doc) and doc[index].pos_ == "DET" and doc[index].is_lower:  # "such as *the* X"
            index += 1
    else:
        return
    while index < len(doc):
        end = _name_after(doc, index)
        # an acronym alone is a name in a list ("like *BERT*, T5 and JAX as"), not before a noun ("GPU clusters")
        alone = end >= len(doc) or doc[end].lower_ in _JOINERS or doc[end].pos_ not in {"NOUN", "PROPN"}
        if not found.add(index, end, acronym=alone):
            return
        if end + 1 < len(doc) and doc[end].lower_ in _JOINERS:
            index = end + 1
            if doc[index].lower_ in _JOINERS:  # ", and"
                index += 1
        else:
            return


def _described_by(found: _Found, noun: Token) -> None:
    """ "*X*, a small robot", "*X* is a language model": the name the model missed, which the
    product noun describes (a proper noun, with the name words around it)."""
    doc = found.doc
    heads = [noun.head] if noun.dep_ == "appos" and noun.head.i < noun.i else []
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        heads.extend(c for c in noun.head.children if c.dep_ in {"nsubj", "nsubj:pass"})
    for head in heads:
        if head.i in found.by_token or not (head.pos_ == "PROPN" or (head.is_title and not head.is_sent_start)):
            continue
        found.add(_name_before(doc, head.i + 1), _name_after(doc, head.i))
    comma = _apposition_comma(doc, noun)
    if comma is None or comma - 1 in found.by_token:
        return
    if doc[comma - 1].pos_ == "PROPN" and found.add(_name_before(doc, comma), comma):
        return  # "la catastrophe de *Lucie*, le chatbot" parsed as an object
    start = comma - 1  # "*v4-lite*, its new model": one written word with a digit, in lower case
    while start > 0 and _glued(doc, start) and start - 1 not in found.by_token:
        start -= 1
    word = doc[start:comma].text
    if start < comma - 1 and any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        found.add(start, comma)


def _apposition_comma(doc: Doc, noun: Token) -> int | None:
    """The comma that opens an apposition ending in ``noun``, read along the text: ", le chatbot",
    ", a small robot", ", its new reasoning model" (a determiner or a possessive, adjectives and
    nouns in compound); ``None`` if the noun modifies the next one."""
    if noun.dep_ == "compound":
        return None
    i = noun.i - 1
    while i > 0 and noun.i - i <= _APPOSED_GAP and doc[i].is_lower and (
            doc[i].pos_ == "ADJ" or (doc[i].pos_ == "NOUN" and doc[i].dep_ == "compound")):
        i -= 1  # "a *small* robot", "its new *reasoning* model"
    opener = doc[i].pos_ == "DET" or doc[i].dep_ in {"poss", "nmod:poss"}
    return i - 1 if i > 1 and opener and doc[i - 1].text == "," else None


def _described(found: _Found) -> None:
    """ "*X*, a small robot", "the chatbot, *X*", "*X* is a language model", "*X* est un chatbot"."""
    for ent in found.ents:
        if ent.kb_id_ or ent.label_ == "Product" or _possessor(found.doc, ent.end):
            continue
        root = ent.root
        nouns = [c for c in root.children if c.dep_ == "appos" and c.i > root.i]
        if root.dep_ == "appos" and root.head.i < root.i:
            nouns.append(root.head)
        if root.dep_ in {"nsubj", "nsubj:pass"}:
            head = root.head
            if head.lemma_ == "be":
                nouns.extend(c for c in head.children if c.dep_ == "attr")
            elif any(c.dep_ == "cop" for c in head.children):
                nouns.append(head)
        kind = _apposed_kind(found.doc, ent, found.words)
        if kind is not None:
            nouns.append(kind)
        if any(_is_kind(noun, found.words) and not _expands(ent, noun) for noun in nouns):
            found.add(ent.start, ent.end, acronym=True)


def _apposed_kind(doc: Doc, ent: Span, words: ProductWords) -> Token | None:
    """The product noun of an apposition read along the text, "*X*, un jeu vidéo", "*X*, a small
    robot" (a comma, a determiner, adjectives, the noun), which the French parser often reads as
    the verb's object. A noun that modifies the next one describes that one ("X, a chip maker")."""
    i = ent.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].pos_ != "DET":
        return None
    for token in doc[i + 2 : min(i + 2 + _APPOSED_GAP, len(doc))]:
        if _is_kind(token, words) and token.pos_ in {"NOUN", "PROPN"}:
            return None if token.dep_ == "compound" else token
        if not (token.pos_ == "ADJ" and token.is_lower):
            return None
    return None


#: Words between the determiner of an apposition and its product noun ("X, a *small open* model").
_APPOSED_GAP = 3
#: Lower-case words between a product noun and its bracketed name ("un LLM *maison* (X)").
_BRACKET_GAP = 2


def _expands(name: Span, word: Token) -> bool:
    """Whether ``name`` spells out the acronym ``word`` ("GPU (*Graphics Processing Unit*)"): an
    expansion describes the noun, it names no product."""
    return len(name) > 1 and "".join(t.text[:1] for t in name).upper() == word.text.upper()


def _introduced(found: _Found, noun: Token) -> None:
    """ "an assistant called «*X*»", "un chatbot payant, baptisé *X*", "un LLM maison (*X*)": a
    name that a naming word or a bracket introduces after a product noun (and an adjective or
    two)."""
    doc = found.doc
    index = noun.i + 1
    while index < len(doc) and index - noun.i <= _BRACKET_GAP and doc[index].is_lower and doc[index].is_alpha \
            and doc[index].lower_ not in found.words.naming:
        index += 1
    if index < len(doc) and doc[index].text == "(":
        end = _name_after(doc, index + 1)
        if end < len(doc) and doc[end].text == ")" and not _expands(doc[index + 1 : end], doc[index - 1]):
            found.add(index + 1, end)
        return
    if index < len(doc) and doc[index].text == ",":
        index += 1
    if not (index < len(doc) and doc[index].lower_ in found.words.naming):
        return
    index += 1
    if index < len(doc) and doc[index].text in _QUOTES:
        index += 1
    if index < len(doc) and not doc[index].is_sent_start:
        found.add(index, _name_after(doc, index))


def _made_by(found: _Found, noun: Token) -> None:
    """ "*X* owner Kontora", "the *X* maker" (a name right before a maker noun)."""
    doc = found.doc
    start = _name_before(doc, noun.i)
    maker = found.by_token.get(noun.i + 1)
    if (maker is not None and maker.label_ == "Organization") or (start > 0 and doc[start - 1].lower_ == "the"):
        found.add(start, noun.i)


#: The ids of the cue words of a ``ProductWords`` (kinds, groups, list nouns, makers, leads), by its id.
_CUES: dict[int, tuple[ProductWords, frozenset[int]]] = {}


def _sized(found: _Found) -> None:
    """Names that end with a count of parameters: "*Zephyr 12B*", "*Vexa 2 8x22B*", "*Kestrel-70B*".
    Naming a model after its size is a convention of the field, so the count alone says that the
    name before it is a model's, in a heading as in a sentence. The name is the capitalised words
    (and a version) right before the count, on the same line; "$12B" has none."""
    doc = found.doc
    if not _ANY_SIZE.search(doc_text(doc)):  # most documents name no model by its size
        return
    for token in doc:
        text = token.text
        if _SIZED_WORD.match(text):
            found.add(token.i, token.i + 1)
        elif _SIZE.match(text) and token.i > 0 and "\n" not in doc[token.i - 1].whitespace_:
            end = token.i
            if doc[end - 1].text == "-" and _glued(doc, end) and _glued(doc, end - 1):
                end -= 1  # "Kestrel" "-" "70B"
            start = _name_before(doc, end)
            if start < end:
                found.add(start, token.i + 1)


def _cue_tokens(doc: Doc, words: ProductWords) -> list[Token]:
    """The tokens of ``doc`` that are one of the construction's words, found in one ``Doc.to_array``:
    every other token starts nothing, and a ``Token`` object for each was most of the cost."""
    cached = _CUES.get(id(words))
    if cached is None or cached[0] is not words:
        cues = words.kinds | words.groups | words.list_nouns | words.makers | words.leads
        cached = _CUES[id(words)] = (words, frozenset(get_string_id(w) for w in cues if w))
    ids = cached[1]
    return [doc[i] for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in ids] if len(doc) else []


def product_names(doc: Doc, ents: list[Span], words: ProductWords, kb: KnowledgeBase | None = None) -> list[Span]:
    """``ents`` with the product names the constructions give (see the module docstring):
    unknown names re-typed Product, and missed names added; a version of a product of ``kb``
    is that product."""
    found = _Found(doc, ents, words, kb)
    for token in _cue_tokens(doc, words):
        if _is_kind(token, words) and token.pos_ in {"NOUN", "PROPN", "ADJ"}:
            _after_noun(found, token)
            _before_noun(found, token)
            _listed(found, token)
            _described_by(found, token)
            _introduced(found, token)
        elif token.is_lower and token.lower_ in words.list_nouns:
            _listed(found, token)
        elif token.is_lower and token.lower_ in words.makers:
            _made_by(found, token)
        elif token.is_lower and token.lower_ in words.leads and token.pos_ == "NOUN":
            _after_noun(found, token)  # "the search technology *X*"
    _sized(found)
    _described(found)
    return _with_versions(doc, found.spans(), words)


#: Types the model gives an edition's name after a version ("Vexa 3.7 *Sonnet*").
_EDITION_TYPES = frozenset({"Product", "Person", "Organization"})
#: A version written after a product's name: "2.5", "4", "v2", "4o", "3.1".
_VERSION_TOKEN = re.compile(r"^[vV]?\d+(?:\.\d+)*[a-z]?$")


def _edition_name(doc: Doc, index: int, taken: set[int]) -> bool:
    """Whether token ``index`` is a capitalised word that names an edition after a version ("Vexa
    3.7 *Sonnet*." where the model found no entity): a proper noun that no other name takes."""
    if index >= len(doc) or index in taken or doc[index].is_sent_start:
        return False
    token = doc[index]
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha


def _with_versions(doc: Doc, ents: list[Span], words: ProductWords) -> list[Span]:
    """``ents`` with each product's name extended over the version written after it and the
    edition words that follow the version ("*Gemini 2.5 Pro*", "*Vexa 3.7 Mini*", "*Zephyr-2*",
    ``product_version_words``): one product, the knowledge base's when the name is one (the KB
    folds versions into the model family). A number that is a name's own ("Llama 4 Maverick" is
    already one name) is left alone, as is a number that another entity starts."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    starts = {e.start: e for e in ents}
    merged: set[int] = set()
    out: list[Span] = []
    for ent in ents:
        if ent.start in merged:
            continue
        end = ent.end
        if ent.label_ == "Product" and end < len(doc) and end not in taken:
            if doc[end].text == "-" and not doc[end].whitespace_ and _glued(doc, end):
                end += 1  # "Zephyr-2"
            if end < len(doc) and _VERSION_TOKEN.match(doc[end].text) and not doc[end].is_sent_start:
                end += 1
                while end < len(doc) and end not in taken and doc[end].lower_ in words.editions \
                        and not doc[end].is_lower and not doc[end].is_sent_start:
                    end += 1  # "Pro", "Mini"
                after = starts.get(end)  # "Vexa 3.7 *Sonnet*": the model's name of the edition
                if after is not None and not after.kb_id_ and after.label_ in _EDITION_TYPES \
                        and all(t.is_title for t in after) and not after[0].is_sent_start:
                    merged.add(after.start)
                    end = after.end
                elif after is None and _edition_name(doc, end, taken):
                    end += 1
            else:
                end = ent.end
        if end > ent.end:
            taken.update(range(ent.end, end))
            out.append(Span(doc, ent.start, end, label="Product", kb_id=ent.kb_id))
        else:
            out.append(ent)
    return out
