"""Products named in a possessed, coordinated noun phrase: "*its* Zephyr chat model and Lumen
image creator".

:mod:`.product_makers` reads the owner of a product noun on the dependency tree. When one
possessive opens two coordinated noun phrases, each a product's name and the noun of its kind,
the parser often hangs the first phrase under the second ("model" a modifier of "creator"), and
the second product is left without its owner. The possessive distributes over the coordination,
so this module reads the phrase along the text:

* a possessive (``poss_pronouns``, or an organisation and "'s") right before the phrase;
* a first conjunct: a product's name, then lower-case words or acronyms ending in a product noun
  (``product_kind_nouns``): "its *Zephyr AI language model*";
* the next conjuncts, after "and" / "et" or a comma: a product's name right after the joiner,
  then at least one lower-case noun ("and *Lumen image creator*"; "and Lumen, a rival" is no
  conjunct of the phrase).

The owner (the possessive's organisation, read by the caller) ``develops`` every name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate

__all__ = ["possessed_products"]

EXTRACTOR = "product:possessed-list"
CONFIDENCE = 0.7
_JOINERS = frozenset({",", "and", "et"})
_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
#: Words of a conjunct between a product's name and its noun ("Zephyr *AI language* model").
_GAP = 4

Owner = tuple[Span | None, bool]


def _modifier(token: Token) -> bool:
    """A word between a name and its noun: a lower-case word, or an acronym ("AI")."""
    return (token.is_lower and token.is_alpha and token.pos_ in {"NOUN", "ADJ", "VERB"}) \
        or (token.is_upper and token.is_alpha and len(token) <= 4)


class _Phrase:
    def __init__(self, doc: Doc, ent_of: Mapping[int, Span], kinds: frozenset[str]) -> None:
        self.doc, self.ent_of, self.kinds = doc, ent_of, kinds

    def conjunct(self, i: int, *, first: bool) -> tuple[Span, int] | None:
        """The product a conjunct from token ``i`` names and the index after the conjunct, or
        ``None`` when the words from ``i`` are not a name and its noun."""
        product = self.ent_of.get(i)
        if product is None or product.start != i or product.label_ != "Product":
            return None
        j, words, kind = product.end, 0, False
        while j < len(self.doc) and words < _GAP and j not in self.ent_of and _modifier(self.doc[j]):
            kind = self.doc[j].lower_ in self.kinds and self.doc[j].pos_ == "NOUN"
            noun = self.doc[j].pos_ == "NOUN" and self.doc[j].is_lower
            j, words = j + 1, words + 1
            if kind:
                break
        last = self.doc[j - 1]
        ends = kind if first else (words > 0 and last.is_lower and last.pos_ == "NOUN")
        return (product, j) if ends and (first or noun) else None

    def read(self, start: int) -> list[Span]:
        """The products of the coordinated phrase that starts at token ``start``; none when
        fewer than two conjuncts are found."""
        found = self.conjunct(start, first=True)
        if found is None:
            return []
        products, i = [found[0]], found[1]
        while i < len(self.doc) and self.doc[i].lower_ in _JOINERS:
            i += 1
            if i < len(self.doc) and self.doc[i].lower_ in _JOINERS:  # ", and"
                i += 1
            following = self.conjunct(i, first=False)
            if following is None:
                break
            products.append(following[0])
            i = following[1]
        return products if len(products) > 1 else []


def possessed_products(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
                       owner_of: Callable[[Token], Owner]) -> list[RelationCandidate]:
    """``develops`` facts for the products of the possessed, coordinated phrases of ``doc`` (see
    the module docstring); ``owner_of`` reads the organisation a possessive token stands for and
    whether through a reference."""
    pronouns = lexicon.words("poss_pronouns", lang)
    phrase = _Phrase(doc, ent_of, lexicon.words("product_kind_nouns", lang))
    found: list[RelationCandidate] = []
    for token in cue_tokens(doc, pronouns | _POSSESSIVE_MARKS):
        if token.lower_ in pronouns or token.text in _POSSESSIVE_MARKS:
            products = phrase.read(token.i + 1)
            owner, via_reference = owner_of(token) if products else (None, False)
            if owner is None:
                continue
            extractor, confidence = (f"{EXTRACTOR}+coref", CONFIDENCE * REFERENCE_DISCOUNT) if via_reference \
                else (EXTRACTOR, CONFIDENCE)
            sent = token.sent
            for product in products:
                found.append(RelationCandidate(owner.start, owner.end, "develops", product.start, product.end,
                                               sent.start, sent.end, extractor, confidence, "", ""))
    return found
