"""Products released under the noun of their kind: "X announced a new family of models called Y".

The verb patterns read "X launched Y" when the product is the verb's object. News often puts a
product noun there and names the products inside its phrase:

* a naming word: "Vexa Labs announced a new family of language models *called* Zephyr", "a
  dévoilé un nouveau modèle *baptisé* Kestrel" (``product_naming_words``);
* examples: "the lab has released compact open models *such as* Kestrel-T5", "a publié des
  modèles *comme* A et B" (``product_list_cues``);
* an apposition: "released its new model, Zephyr" (a product coordinated with a name counts).

A plural noun of products in general counts as a product noun ("pioneered *products* such as
Zephyr", ``product_list_nouns``); a coordinated verb's subject is the first verb's ("X bought a
lab and released products such as Y").

The verb's subject (an organisation, or a reference resolved to one) ``announced`` each name when
the verb announces (the lexicon's ``verbs`` with ``announced``), and ``develops`` it when the verb
makes or releases (``develops`` in the same map: "launch", "release", "build", "dévoiler") or when
the noun is new
("a *new* family of models", "un *nouveau* modèle", ``new_words``): a company announcing a new
product of its own made it. A product noun a company only uses ("deployed chatbots such as Y")
is no release: only announcing and releasing verbs are read. Clauses inside the noun's phrase
("models *that* rival Y") are not read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate

__all__ = ["released_products"]

EXTRACTOR = "announce:product-noun"
CONFIDENCE = 0.7
_OBJECT_DEPS = frozenset({"dobj", "obj"})
#: Clauses inside a noun's phrase whose names are not the noun's ("models *that* rival Y").
_CLAUSE_DEPS = frozenset({"relcl", "acl:relcl", "ccomp", "advcl", "parataxis"})
_SUCH = frozenset({"such", "tels", "telles", "tel", "telle"})
_AS = frozenset({"as", "que", "qu'", "qu’"})

#: How the actor of a verb is read (:meth:`..announcements._Announcements.subject`).
SubjectReader = Callable[[Token], tuple[Span | None, bool]]


class _Releases:
    def __init__(self, doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> None:
        self.doc, self.ent_of = doc, ent_of
        self.kinds = lexicon.words("product_kind_nouns", lang) | lexicon.words("product_group_nouns", lang) \
            | lexicon.words("product_list_nouns", lang)  # "pioneered products such as Y"
        self.naming = lexicon.words("product_naming_words", lang)
        self.cues = lexicon.words("product_list_cues", lang)
        self.new = lexicon.words("new_words", lang)

    def product(self, token: Token) -> Span | None:
        ent = self.ent_of.get(token.i)
        return ent if ent is not None and ent.label_ == "Product" else None

    def phrase(self, noun: Token) -> Iterator[Token]:
        """The tokens of ``noun``'s phrase, less the clauses inside it."""
        yield noun
        for child in noun.children:
            if child.dep_ not in _CLAUSE_DEPS:
                yield from self.phrase(child)

    def run_from(self, i: int) -> list[Span]:
        """The products named from token ``i`` on, read along the text ("called A", "such as A, B
        and C"; the parser often hangs the names wrong)."""
        found: list[Span] = []
        doc = self.doc
        while i < len(doc) and doc[i].text in {"«", "“", '"', "'"}:
            i += 1
        while i < len(doc):
            ent = self.ent_of.get(i)
            if ent is None or ent.start != i:
                break
            if ent.label_ == "Product":
                found.append(ent)
            i = ent.end
            while i < len(doc) and (doc[i].lower_ in {",", "and", "et", "or", "ou", "»", "”", '"'}):
                i += 1
        return found

    def names(self, noun: Token) -> list[Span]:
        """The products that ``noun``'s phrase names (see the module's docstring)."""
        found: list[Span] = []
        tokens = sorted(self.phrase(noun), key=lambda t: t.i)
        for token in tokens:
            lower = token.lower_
            if lower in self.naming:
                found += self.run_from(token.i + 1)
            elif lower in self.cues and lower not in _SUCH:
                found += self.run_from(token.i + 1)
            elif lower in _AS and token.i > 0 and self.doc[token.i - 1].lower_ in _SUCH:
                found += self.run_from(token.i + 1)
            elif token.dep_ == "appos" and token.head.i == noun.i:
                found += [p for p in [self.product(token), *map(self.product, token.conjuncts)] if p is not None]
        j = noun.right_edge.i + 1  # "des modèles comme A et B": the parser may hang the examples on the verb
        if j < len(self.doc) and self.doc[j].text == ",":
            j += 1
        if j + 1 < len(self.doc) and self.doc[j].lower_ in _SUCH and self.doc[j + 1].lower_ in _AS:
            found += self.run_from(j + 2)  # "such as"
        elif j < len(self.doc) and self.doc[j].lower_ in self.cues and self.doc[j].lower_ not in _SUCH:
            found += self.run_from(j + 1)  # "like", "including", "comme"
        unique: list[Span] = []
        for span in found:
            if span not in unique:
                unique.append(span)
        return unique

    def is_new(self, noun: Token) -> bool:
        return any(c.dep_ == "amod" and c.lower_ in self.new for c in noun.children)


def released_products(doc: Doc, ent_of: Mapping[int, Span], subject: SubjectReader, lexicon: Lexicon,
                      lang: str) -> list[RelationCandidate]:
    """``announced`` and ``develops`` facts for the products named in the phrase of a product noun
    that an announcing, making or releasing verb takes as object (see the module's docstring)."""
    releases = _Releases(doc, ent_of, lexicon, lang)
    verbs = {verb: preds for verb, preds in lexicon.verbs.get(lang, {}).items()
             if "announced" in preds or "develops" in preds}
    if not releases.kinds or not verbs:
        return []
    found: list[RelationCandidate] = []
    for verb in cue_tokens(doc, frozenset(verbs)):
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in verbs:
            continue
        for noun in verb.children:
            if noun.dep_ not in _OBJECT_DEPS or noun.lower_ not in releases.kinds or noun.i in ent_of:
                continue
            names = releases.names(noun)
            if not names:
                continue
            actor, via_reference = subject(verb)
            if actor is None or actor.label_ != "Organization":
                break
            predicates = [p for p in ("announced", "develops") if p in verbs[lemma]]
            if "develops" not in predicates and releases.is_new(noun):
                predicates.append("develops")  # a new product of one's own: "announced a new model called Y"
            extractor = f"{EXTRACTOR}+coref" if via_reference else EXTRACTOR
            confidence = CONFIDENCE * (REFERENCE_DISCOUNT if via_reference else 1.0)
            sent = verb.sent
            for name in names:
                if actor.start <= name.start < actor.end:
                    continue
                for predicate in predicates:
                    found.append(RelationCandidate(actor.start, actor.end, predicate, name.start, name.end,
                                                   sent.start, sent.end, extractor, confidence, "", ""))
    return found
