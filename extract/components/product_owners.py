"""Who makes a product, from the phrases that name its maker: "X, the maker of Y", "X and its Y".

:mod:`.product_makers` reads the owner of a product noun ("its Zephyr chatbot"). News also
names a product's maker with a noun of making or a possessive on the name itself:

* a maker noun and its "of" / "de" phrase (``maker_of_nouns``): "Vexa Labs, the maker of
  Zephyr", "Vexa Labs, the developer of the Zephyr assistant", "Vexa Labs, éditeur du logiciel
  Zephyr", "Vexa Labs, l'entreprise à l'origine de Zephyr et Kestrel", "Vexa Labs est le
  créateur de Zephyr". The maker is the organisation the noun describes: in apposition, the
  subject of a copula ("is the maker of"), or, when the French parser breaks the apposition,
  the organisation written right before the phrase and a comma ("Vexa Labs, fournisseur de
  l'outil Zephyr"). The products are read along the text after the preposition (a determiner
  and a product noun skipped, names joined by commas and "and"), since parsers often hang a
  list of names wrong;
* an organisation noun "behind" a product (``maker_of_preps``): "Vexa Labs, the start-up behind
  the AI chatbot Zephyr", "Vexa Labs, la société derrière Zephyr";
* French "de" and a described organisation after a product: "Zephyr de l'américain Vexa Labs",
  "Zephyr de la start-up française Vexa Labs";
* brackets right after an organisation that list known products (and brands): "Vexa Labs
  (Zephyr, Atlas, Lumen)", "chez Vexa Labs (Zephyr, Atlas)" (:meth:`_Owners.bracketed`);
* a possessive on a product's name coordinated with an organisation: "Vexa Labs and its
  Zephyr", "le géant Vexa Labs et son Zephyr" (``poss_pronouns``): the pronoun stands for the
  organisation it is coordinated with.

A maker noun that describes a person ("Jane Doe, the creator of Zephyr") gives nothing: only an
organisation ``develops``. A maker noun that describes no organisation of its sentence is a
definite description ("*the Zephyr maker* said", "*the maker of* Zephyr", "*le créateur de*
Zephyr", "permettra *au fabricant d'*Zephyr"): the organisation the references resolve it to
makes the products (``+coref``, discounted). Where the references leave a subject description
alone (a headline, "*Zephyr creator's* office is ..."; an opening sentence whose antecedent comes
after, "*Le créateur de Zephyr* s'implante en France. La start-up, Vexa Labs, ..."), the one
organisation that the sentences right before and after name as their subject stands for it
(:meth:`_Owners.next_door`); two different ones leave it alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate

__all__ = ["product_owners"]

MAKER_EXTRACTOR = "product:maker-of"
POSSESSIVE_EXTRACTOR = "product:and-its"
DESCRIBED_EXTRACTOR = "product:de-described"
BRACKET_EXTRACTOR = "product:bracketed"
CONFIDENCE = 0.7
_OF_WORDS = frozenset({"of", "de", "d'", "d’", "du", "des"})
#: Words skipped between the preposition and the first name ("of *the* Zephyr app").
_DETERMINERS = frozenset({"the", "its", "a", "an", "le", "la", "l'", "l’", "les", "son", "sa", "ses"})
_JOINERS = frozenset({",", "and", "et", "&"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
_COPULAS = frozenset({"be", "être"})
#: Lower-case words between "de" and the organisation they describe ("de *la start-up française* X").
_DESCRIPTION = 3
#: Nouns between an organisation and a French maker phrase ("X, *l'entreprise* à l'origine de").
_CLIMB = 2


class _Owners:
    def __init__(self, doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
                 refs: Mapping[int, Reference] | None = None) -> None:
        self.doc, self.ent_of, self.refs = doc, ent_of, refs or {}
        self.makers = lexicon.words("maker_of_nouns", lang)
        self.behind = lexicon.words("maker_of_preps", lang)
        self.kinds = lexicon.words("product_kind_nouns", lang) | lexicon.words("product_group_nouns", lang)
        self.pronouns = lexicon.words("poss_pronouns", lang)
        self.found: list[RelationCandidate] = []

    def organisation(self, token: Token) -> Span | None:
        ent = self.ent_of.get(token.i)
        return ent if ent is not None and ent.label_ == "Organization" else None

    def described(self, noun: Token) -> Span | None:
        """The organisation ``noun`` describes: in apposition either way, or as the subject of a
        copula whose attribute ``noun`` is."""
        if noun.dep_ == "appos":
            found = self.organisation(noun.head)
            if found is not None:
                return found
        for child in noun.children:
            if child.dep_ == "appos" and self.organisation(child) is not None:
                return self.organisation(child)
        clause = noun.head if noun.dep_ == "attr" and noun.head.lemma_.lower() in _COPULAS else \
            noun if any(c.dep_ == "cop" for c in noun.children) else None
        for child in clause.children if clause is not None else ():
            if child.dep_ in _SUBJECT_DEPS and self.organisation(child) is not None:
                return self.organisation(child)
        return None

    def written_before(self, noun: Token) -> Span | None:
        """The organisation written right before ``noun``'s phrase and a comma ("X, fournisseur
        de", "X, l'entreprise à l'origine de")."""
        start = noun.left_edge.i
        while start < noun.i and self.doc[start].is_punct:  # the parser may hang the comma on the noun
            start += 1
        while start > 0 and self.doc[start - 1].lower_ in _DETERMINERS:
            start -= 1
        if start < 2 or self.doc[start - 1].text != ",":
            return None
        ent = self.ent_of.get(start - 2)
        return ent if ent is not None and ent.end == start - 1 and ent.label_ == "Organization" else None

    def maker(self, noun: Token) -> Span | None:
        """The organisation a maker noun describes, or the noun it completes ("l'*entreprise* à
        l'origine de") describes."""
        token = noun
        for _ in range(_CLIMB):
            found = self.described(token) or self.written_before(token)
            if found is not None:
                return found
            if token.dep_ not in {"nmod", "pobj", "prep"} or token.head.pos_ not in {"NOUN", "ADP"}:
                return None
            token = token.head.head if token.head.pos_ == "ADP" else token.head
        return None

    def products_from(self, i: int) -> list[Span]:
        """The products named from token ``i`` on: a determiner and a product noun skipped, then
        names joined by commas and "and" ("of the Zephyr app", "de Zephyr et Kestrel")."""
        doc = self.doc
        while i < len(doc) and i not in self.ent_of and (doc[i].lower_ in _DETERMINERS or self.describes_kind(doc[i])):
            i += 1
        found: list[Span] = []
        while i < len(doc):
            ent = self.ent_of.get(i)
            if ent is None or ent.start != i or ent.label_ != "Product":
                break
            found.append(ent)
            i = ent.end
            while i < len(doc) and doc[i].lower_ in _JOINERS:
                i += 1
        return found

    def describes_kind(self, token: Token) -> bool:
        """A product noun, or a word that modifies one ("the *AI* chatbot Zephyr")."""
        if token.is_lower and token.lower_ in self.kinds:
            return True
        following = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else token
        return token.dep_ in {"compound", "amod"} and token.head.i > token.i and following.is_lower \
            and following.lower_ in self.kinds

    def behind_products(self) -> None:
        """ "X, the start-up behind the chatbot Y", "X, la société derrière Y"."""
        for prep in cue_tokens(self.doc, self.behind):
            if prep.lower_ not in self.behind or prep.pos_ != "ADP":
                continue
            noun = prep.head if prep.dep_ == "prep" else prep.head.head if prep.dep_ == "case" else None
            if noun is None or noun.pos_ not in {"NOUN", "PROPN"} or noun.i > prep.i:
                continue
            products = self.products_from(prep.i + 1)
            maker = None if not products else self.organisation(noun) if noun.i in self.ent_of else self.maker(noun)
            if maker is not None:
                for product in products:
                    self.emit(maker, product, prep, MAKER_EXTRACTOR)

    def makers_of(self) -> None:
        """ "X, the maker of Y", "X, éditeur de Y", "X est à l'origine de Y"."""
        doc = self.doc
        for noun in cue_tokens(doc, self.makers):
            if noun.lower_ not in self.makers or noun.pos_ not in {"NOUN", "PROPN"} or noun.i + 1 >= len(doc):
                continue
            of = doc[noun.i + 1]
            products = self.products_from(of.i + 1) if of.lower_ in _OF_WORDS else self.compounds(noun)
            if not products:
                continue
            maker = self.maker(noun)
            if maker is not None:
                for product in products:
                    self.emit(maker, product, noun, MAKER_EXTRACTOR)
                continue
            referred = self.referred(noun) or self.next_door(noun) if noun.i not in self.ent_of else None
            if referred is not None:
                for product in products:
                    self.emit(referred, product, noun, f"{MAKER_EXTRACTOR}+coref", CONFIDENCE * REFERENCE_DISCOUNT)

    def compounds(self, noun: Token) -> list[Span]:
        """The products in compound before a maker noun ("the *Zephyr* maker")."""
        found = [self.ent_of[c.i] for c in noun.children
                 if c.dep_ == "compound" and c.i < noun.i and c.i in self.ent_of]
        return [ent for ent in found if ent.label_ == "Product" and ent.end == noun.i]

    def referred(self, noun: Token) -> Span | None:
        """The organisation a maker noun that names none stands for, by the references."""
        ref = self.refs.get(noun.i)
        return next((c for c in ref.candidates if c.label_ == "Organization"), None) if ref is not None else None

    def next_door(self, noun: Token) -> Span | None:
        """The organisation a subject maker description that the references leave alone stands
        for, in a headline or an opening sentence ("*Zephyr creator's* office ...", "*Le créateur
        de Zephyr* s'implante en France. La start-up, Vexa Labs, ..."): the one organisation that
        the sentences right before and after name as their subject (or in apposition to it); none
        when they name two."""
        doc, sent = self.doc, noun.sent
        if noun.dep_ not in _SUBJECT_DEPS and not (noun.dep_ == "poss" and noun.head.dep_ in _SUBJECT_DEPS):
            return None
        found: dict[str, Span] = {}
        for near in (doc[sent.start - 1].sent if sent.start else None,
                     doc[sent.end].sent if sent.end < len(doc) else None):
            for token in near or ():
                subject = token.dep_ in _SUBJECT_DEPS or (token.dep_ in {"appos", "conj", "dep", "nmod", "flat:name"}
                                                         and token.head.dep_ in _SUBJECT_DEPS)
                ent = self.organisation(token) if subject else None
                if ent is not None:
                    found.setdefault(ent.ent_id_ or ent.text, ent)
        return next(iter(found.values())) if len(found) == 1 else None

    def of_described(self) -> None:
        """ "ChatGPT de l'américain OpenAI", "Zephyr de la start-up française Vexa": a product, "de",
        and an organisation that a determiner and lower-case words describing it introduce (the
        patterns read the plain "Zephyr de Vexa")."""
        doc = self.doc
        for ent in {id(e): e for e in self.ent_of.values()}.values():
            if ent.label_ != "Product" or ent.end + 2 >= len(doc) or doc[ent.end].lower_ not in _OF_WORDS:
                continue
            i = ent.end + 1
            if doc[i].pos_ == "DET":
                i += 1
            words = 0
            while i < len(doc) and words < _DESCRIPTION and self.describes(doc[i]):
                i, words = i + 1, words + 1
            owner = self.ent_of.get(i)
            if words and owner is not None and owner.start == i and owner.label_ == "Organization":
                self.emit(owner, ent, ent.root, DESCRIBED_EXTRACTOR)

    def describes(self, token: Token) -> bool:
        """A lower-case word of an organisation's description ("la *start-up française*",
        "l'*américain*"; a nationality word may be a place's entity)."""
        ent = self.ent_of.get(token.i)
        return token.is_lower and token.pos_ in {"ADJ", "NOUN", "PUNCT"} and (ent is None or ent.label_ == "Place")

    def and_its(self) -> None:
        """ "X and its Y", "X et son Y": a possessive on a product coordinated with an organisation."""
        for ent in {id(e): e for e in self.ent_of.values()}.values():
            root = ent.root
            if ent.label_ != "Product" or root.dep_ != "conj":
                continue
            if not any(c.lower_ in self.pronouns and c.dep_ in {"poss", "nmod:poss", "det"} for c in root.children):
                continue
            owner = self.organisation(root.head)
            if owner is not None:
                self.emit(owner, ent, root, POSSESSIVE_EXTRACTOR)

    def bracketed(self) -> None:
        """ "Vexa Labs (Zephyr, Atlas, Lumen)": the brackets right after an organisation list its
        products. Every member is a known name, a product or an organisation (its brands), and one
        at least is a product; a lone product in brackets counts too ("Vexa Labs (Zephyr)")."""
        doc = self.doc
        for ent in {id(e): e for e in self.ent_of.values()}.values():
            if ent.label_ != "Organization" or ent.end + 1 >= len(doc) or doc[ent.end].text != "(":
                continue
            members: list[Span] = []
            i = ent.end + 1
            while i < len(doc) and doc[i].text != ")":
                member = self.ent_of.get(i)
                if doc[i].lower_ in _JOINERS:
                    i += 1
                elif member is None or member.start != i or member.label_ not in {"Product", "Organization"}:
                    break
                else:
                    members.append(member)
                    i = member.end
            if i < len(doc) and doc[i].text == ")":
                for product in (m for m in members if m.label_ == "Product"):
                    self.emit(ent, product, doc[ent.end], BRACKET_EXTRACTOR)

    def emit(self, owner: Span, product: Span, anchor: Token, extractor: str, confidence: float = CONFIDENCE) -> None:
        if owner.start <= product.start < owner.end or product.start <= owner.start < product.end:
            return
        sent = anchor.sent
        cand = RelationCandidate(owner.start, owner.end, "develops", product.start, product.end,
                                 sent.start, sent.end, extractor, confidence, "", "")
        if cand not in self.found:
            self.found.append(cand)


def product_owners(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
                   refs: Mapping[int, Reference] | None = None) -> list[RelationCandidate]:
    """The ``develops`` facts that a maker noun's phrase or a possessive on a product's name
    coordinated with an organisation states (see the module docstring); ``refs`` resolve a maker
    noun that describes no organisation of its sentence."""
    owners = _Owners(doc, ent_of, lexicon, lang, refs)
    if owners.makers:
        owners.makers_of()
    if owners.behind:
        owners.behind_products()
    if owners.pronouns:
        owners.and_its()
    if lang == "fr":
        owners.of_described()
    owners.bracketed()
    return owners.found
