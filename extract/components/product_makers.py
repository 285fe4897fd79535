"""Who develops a product, from the product noun that an owner possesses and a name describes.

News names a product with the noun of its kind, and the owner of that noun is its maker:
"*its* Zephyr chatbot", "Vexa Labs' Trainex chips", "*its* chatbot, Zephyr", "Vexa Labs' new
line of AI chips, Trainex", "*son* application Glowmate", "le modèle Kestrel *de* Vexa Labs".
The token patterns (``data/relation_patterns.jsonl``) read some of these word orders; this
module reads them all on the dependency tree:

* a product noun (``product_kind_nouns``; a group noun such as "line" or "gamme" counts through
  the noun of its "of" phrase) with an owner: an organisation or a possessive pronoun that the
  references resolve to one ("its", "son", "sa", ``poss_pronouns``), or a French "de" phrase
  that names an organisation;
* the names of that noun: a product in compound before it ("*Zephyr* chatbot", the French
  "application *Glowmate*"), in apposition ("chatbot, *Zephyr*"), and the products coordinated
  with them ("its *Atlas* and *Lumen* models"); after a plural noun (``product_list_nouns``
  count), the examples a cue or a comma introduces, read along the text ("iconic *Vexa*
  products such as the Zephyr, Atlas and Lumen", "ses produits, Zephyr et Atlas"), an
  organisation in compound before the noun being its owner too;
* an owner written as a possessive description that the references resolve ("the software
  maker's Zephyr cloud");
* a product noun with no owner of its own, the object of a participle on a possessed noun (or
  written right after one): "the head of *its* team overseeing products such as Zephyr and
  Atlas" (:meth:`_Makers.team_owner`); a possessive over coordinated product phrases, "*its*
  Zephyr chat model and Atlas image creator", is read in :mod:`.possessed_products`.

A releasing participle after the name ("its platform Zephyr, *launched* in 2024", "sa plateforme
Zephyr, *lancée* en 2024") makes the owner's fact ``announced`` too, and so does an announcing verb
whose object is the product noun and whose subject is the owner ("Vexa Labs *showcased* its Zephyr
and Atlas robots": the verb patterns reach only the first name). The phrases that name a
maker without a product noun ("X, the maker of Y", "X and its Y") are read in
:mod:`.product_owners`.

The owner ``develops`` each name. A product a company only uses is never possessed this way
("tapped Orin Systems' tech to power *its* chatbot" possesses the chatbot, not the tech).

A possessive pronoun is read in its own sentence first (:func:`clause_owner`): the subject of the
nearest clause above it that has one ("Vexa Labs has tapped ... to power *its* chatbot"; "Vexa
executives stressed that ... *its* assistant", an organisation that describes the subject), the
agent of a passive participle ("features demonstrated *by* Vexa Labs in *its* launch"), or the
subject of the main clause that a fronted participle describes ("Known for *its* chatbot Zephyr,
Vexa Labs said"). A participle of renown after an organisation and a comma (``known_for_words``,
read along the text: "Vexa Labs, known for *its* chatbot Zephyr", "Vexa Labs, start-up française
connue pour *ses* robots") gives that organisation before any of these (:meth:`_Makers.renowned`).
A name that hangs on a capitalised word describing the product noun ("its *Zephyr* AI chips") is
one of the noun's names. Only when the sentence names no owner do the references decide. A fact about
the same product read through a reference to another owner is then dropped
(:func:`drop_other_owners`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate
from .possessed_products import possessed_products
from .product_owners import product_owners

__all__ = ["product_makers"]

EXTRACTOR = "product:owned-noun"
CONFIDENCE = 0.7
_OWNER_DEPS = frozenset({"poss", "nmod:poss"})
#: How a name hangs from its product noun ("*X* chatbot", "chatbot, *X*", "l'application *X*").
_NAME_DEPS = frozenset({"compound", "nmod", "appos", "flat:name", "amod"})
_OF_WORDS = frozenset({"of", "de", "d'", "d’", "du", "des"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_PASSIVE_DEPS = frozenset({"nsubj:pass", "nsubjpass"})
_COPULAS = frozenset({"be", "être"})
#: How a product noun hangs from the participle that governs it ("overseeing *products*").
_OBJECT_DEPS = frozenset({"dobj", "obj"})
_AS = frozenset({"as", "que", "qu'", "qu’"})
_LIST_JOINERS = frozenset({",", "and", "et", "or", "ou"})
#: Heads climbed from a possessive pronoun to the clause that names its owner.
_CLIMB = 8
#: Words of an apposition between an organisation's comma and a participle of renown.
_APPOSITION = 4


Owner = tuple[Span | None, bool]
_NONE: Owner = (None, False)


def _organisation(token: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]) -> Owner:
    """The organisation ``token`` names, describes ("*Vexa* executives") or refers to ("the
    startup"), and whether through a reference."""
    ent = ent_of.get(token.i)
    if ent is not None:
        return (ent, False) if ent.label_ == "Organization" else _NONE
    for child in token.children:
        ent = ent_of.get(child.i)
        if child.dep_ in {"compound", "poss", "nmod:poss", "nmod"} and ent is not None and ent.label_ == "Organization":
            return ent, False
    ref = refs.get(token.i)
    if ref is not None and token.pos_ in {"PRON", "NOUN"}:
        return next(((c, True) for c in ref.candidates if c.label_ == "Organization"), _NONE)
    return _NONE


def clause_owner(pronoun: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]) -> Owner:
    """The organisation a possessive pronoun stands for, read in its sentence: the agent of a
    passive participle above it, else the subject of the nearest clause above it with an active
    subject (a passive subject that names no organisation is passed over); and whether that
    subject is itself a reference. ``(None, False)`` when the sentence names none."""
    token = pronoun.head
    for _ in range(_CLIMB):
        if token.pos_ in {"VERB", "AUX"}:
            for child in token.children:  # English "agent" ("by" and its object), French "obl:agent"
                agent = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "agent" \
                    else child if child.dep_ == "obl:agent" else None
                found = _organisation(agent, ent_of, refs) if agent is not None else _NONE
                if found[0] is not None:
                    return found
            subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
            for subject in subjects:
                found = _organisation(subject, ent_of, refs)
                if found[0] is not None:
                    return found
            if any(s.dep_ not in _PASSIVE_DEPS for s in subjects):
                return _NONE  # an active subject that is no organisation: "Huang launched its chatbot"
        if token.head.i == token.i:
            return _NONE
        token = token.head
    return _NONE


class _Makers:
    def __init__(self, doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                 lang: str) -> None:
        self.doc = doc
        self.ent_of = ent_of
        self.refs = refs
        self.kinds = lexicon.words("product_kind_nouns", lang) | lexicon.words("product_list_nouns", lang)
        self.groups = lexicon.words("product_group_nouns", lang)
        self.pronouns = lexicon.words("poss_pronouns", lang)
        self.cues = lexicon.words("product_list_cues", lang)
        #: Verbs that release a product (both ``develops`` and ``announced`` in the lexicon's ``verbs``).
        self.releases = frozenset(v for v, preds in lexicon.verbs.get(lang, {}).items()
                                  if "develops" in preds and "announced" in preds)
        #: Verbs that announce (``announced`` in the lexicon's ``verbs``: "showcase", "présenter").
        self.announcers = frozenset(v for v, preds in lexicon.verbs.get(lang, {}).items() if "announced" in preds)
        #: Participles of renown before "for" / "pour" ("X, *known* for its chatbot Y").
        self.known_for = lexicon.words("known_for_words", lang)
        self.found: list[RelationCandidate] = []
        #: Products whose owner the sentence names (not through a reference): span -> owner.
        self.owned: dict[tuple[int, int], tuple[int, int]] = {}

    def owner(self, noun: Token) -> tuple[Span | None, bool]:
        """The organisation that possesses ``noun`` ("Vexa Labs' chips", "its chatbot", "son
        modèle", "le modèle de Vexa Labs"), and whether it was read through a reference."""
        for child in noun.children:
            possessive = child.dep_ in _OWNER_DEPS or (child.dep_ == "det" and child.lower_ in self.pronouns)
            if possessive and child.i in self.ent_of:
                ent = self.ent_of[child.i]
                return (ent, False) if ent.label_ == "Organization" else (None, False)
            if possessive and child.lower_ in self.pronouns:
                owner = self.renowned(child) or clause_owner(child, self.ent_of, self.refs)
                if owner[0] is not None:
                    return owner
                orgs = [c for c in self.refs[child.i].candidates if c.label_ == "Organization"] \
                    if child.i in self.refs else []
                return (orgs[0], True) if orgs else (None, False)
            if possessive and child.pos_ == "NOUN" and child.i in self.refs:  # "the software maker's X cloud"
                orgs = [c for c in self.refs[child.i].candidates if c.label_ == "Organization"]
                return (orgs[0], True) if orgs else (None, False)
            if child.dep_ == "nmod" and child.i in self.ent_of and self.ent_of[child.i].label_ == "Organization" \
                    and any(c.dep_ == "case" and c.lower_ in _OF_WORDS for c in child.children):
                return self.ent_of[child.i], False
            if child.dep_ == "compound" and child.i < noun.i and child.i in self.ent_of \
                    and self.ent_of[child.i].label_ == "Organization":
                return self.ent_of[child.i], False  # "Vexa products such as ..."
        return None, False

    def names(self, noun: Token) -> Iterator[Span]:
        """The products that name ``noun``: compounds, French modifiers and appositions, with the
        products coordinated with them; or the product that ``noun`` modifies ("its AI *chatbot*
        Zephyr", parsed with the noun as a compound of the name)."""
        named = self.ent_of.get(noun.head.i)
        if noun.dep_ == "compound" and named is not None and named.label_ == "Product":
            yield named
        # "Zephyr is Vexa Labs' first open LLM" (English: the noun is the copula's attribute), "Zephyr
        # est le modèle phare de Vexa Labs" (French: the noun heads the clause, with a copula)
        clause = noun.head if noun.dep_ == "attr" and noun.head.lemma_ in _COPULAS else \
            noun if any(c.dep_ == "cop" for c in noun.children) else None
        for child in clause.children if clause is not None else ():
            subject = self.ent_of.get(child.i)
            if child.dep_ in _SUBJECT_DEPS and subject is not None and subject.label_ == "Product":
                yield subject
        yield from self.examples(noun)
        for child in noun.children:
            ent = self.ent_of.get(child.i)
            if ent is None and child.dep_ in _NAME_DEPS and child.i < noun.i and child.text[:1].isupper():
                ent = self.described(child)  # "its *X* AI chips": the name hangs on the word that describes it
            if child.dep_ not in _NAME_DEPS or ent is None or ent.label_ != "Product":
                continue
            yield ent
            for conj in child.conjuncts:
                other = self.ent_of.get(conj.i)
                if other is not None and other.label_ == "Product":
                    yield other

    def described(self, word: Token) -> Span | None:
        """The product named right before ``word``, a capitalised word that describes a product noun
        and on which the name hangs ("its *X* AI chips", "its *X* Arabic model")."""
        before = self.ent_of.get(word.i - 1)
        return before if before is not None and before.end == word.i and before.root.head.i == word.i else None

    def examples(self, noun: Token) -> list[Span]:
        """ "products *such as the X, Y and Z*", "des puces *comme X*", "its products, *X and Y*" (a
        plural noun, a comma and names): the products listed after the noun, read along the text
        (the parser hangs long lists anywhere)."""
        doc = self.doc
        i = noun.i + 1
        if i < len(doc) and doc[i].text == ",":
            i += 1
            if noun.lower_ != noun.lemma_.lower() and i in self.ent_of:
                return self.run_from(i)
        if i + 1 < len(doc) and doc[i].lower_ in self.cues and doc[i + 1].lower_ in _AS:
            i += 2  # "such as", "tels que"
        elif i < len(doc) and doc[i].lower_ in self.cues and doc[i].lower_ not in _AS:
            i += 1  # "like", "including", "comme"
        else:
            return []
        return self.run_from(i)

    def run_from(self, i: int) -> list[Span]:
        """The products named from token ``i`` on, with determiners, joiners and product nouns between them."""
        doc = self.doc
        found: list[Span] = []
        while i < len(doc):
            kind = doc[i].is_lower and doc[i].lower_ in self.kinds
            if doc[i].pos_ == "DET" or doc[i].lower_ in _LIST_JOINERS or kind:
                i += 1  # "the", ", and", "the Zephyr *smartphone*"
                continue
            ent = self.ent_of.get(i)
            if ent is None or ent.start != i or ent.label_ != "Product":
                break
            found.append(ent)
            i = ent.end
        return found

    def group_of(self, noun: Token) -> Token | None:
        """The group noun whose "of" phrase ``noun`` is ("line of *chips*", "gamme de *puces*")."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in _OF_WORDS:
            head = head.head
        elif not (noun.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in _OF_WORDS for c in noun.children)):
            return None
        return head if head.lower_ in self.groups and head.i != noun.i else None

    def read(self) -> None:
        for noun in cue_tokens(self.doc, self.kinds):
            if not (noun.lower_ in self.kinds and noun.pos_ in {"NOUN", "PROPN"}) or noun.i in self.ent_of:
                continue
            heads = [noun]
            group = self.group_of(noun)
            if group is not None:
                heads.append(group)
            owner, via_reference = None, False
            # the parser may hang the owner on the first name: "Vexa Labs's Atlas and Lumen models"
            for head in [*heads, *(name.root for name in self.names(noun))]:
                owner, via_reference = self.owner(head)
                if owner is not None:
                    break
            if owner is None:
                owner, via_reference = self.team_owner(noun)
            if owner is None:
                continue
            for head in heads:
                for name in self.names(head):
                    self.emit(owner, name, noun, via_reference)
                    if self.launched(noun, name) or self.announced_by(noun, owner):
                        self.emit(owner, name, noun, via_reference, "announced")
                    if not via_reference:
                        self.owned[(name.start, name.end)] = (owner.start, owner.end)

    def renowned(self, pronoun: Token) -> Owner | None:
        """ "Vexa Labs, *known for its* chatbot Zephyr", "Vexa Labs, start-up française *connue pour
        ses* robots": the organisation a participle of renown describes owns what it is known for,
        read along the text (parsers hang the participle anywhere): the organisation right before
        the comma that opens the participle's phrase, a short apposition between them allowed."""
        doc = self.doc
        at = pronoun.i - 2
        if at < 2 or doc[at + 1].lower_ not in {"for", "pour"} or doc[at].lower_ not in self.known_for:
            return None
        index = at - 1
        while index > 0 and at - index <= _APPOSITION and doc[index].text != ",":
            named = self.ent_of.get(index)
            organisation = named is not None and named.label_ == "Organization"
            if doc[index].is_punct or doc[index].pos_ in {"VERB", "AUX"} or organisation:
                return None  # "X, which is known for", "X known for": no apposed phrase
            index -= 1
        ent = self.ent_of.get(index - 1) if doc[index].text == "," else None
        return (ent, False) if ent is not None and ent.label_ == "Organization" else None

    def possessive_owner(self, token: Token) -> Owner:
        """The organisation a possessive stands for: the one before "'s", or the organisation a
        pronoun refers to (its own sentence first, then the references)."""
        if token.lower_ not in self.pronouns:
            ent = self.ent_of.get(token.i - 1)
            return (ent, False) if ent is not None and ent.label_ == "Organization" else _NONE
        owner = self.renowned(token) or clause_owner(token, self.ent_of, self.refs)
        if owner[0] is not None:
            return owner
        ref = self.refs.get(token.i)
        return next(((c, True) for c in ref.candidates if c.label_ == "Organization"), _NONE) if ref else _NONE

    def team_owner(self, noun: Token) -> Owner:
        """The owner of the noun that a participle on ``noun`` describes: "the head of *its* team
        overseeing products such as X and Y", "*Vexa's* unit building chips like X" (the object
        of a participle that modifies a possessed noun, or that follows one in the text, or the "of"
        phrase of that noun). One participle only: "an investment in a start-up making chips like X" names no owner."""
        verb = noun.head
        if noun.dep_ not in _OBJECT_DEPS or verb.pos_ != "VERB" or verb.i < 1:
            return _NONE
        before = self.doc[verb.i - 1]  # "its team *overseeing*", which the parser may hang on the main verb
        if verb.dep_ == "acl":
            described = verb.head
        elif "Part" in verb.morph.get("VerbForm", []) and before.pos_ == "NOUN" and before.i not in self.ent_of:
            described = before
        else:
            return _NONE
        candidates = [described, *(c for c in described.children if c.dep_ == "pobj"),
                      *(g for c in described.children if c.dep_ == "prep" and c.lower_ in _OF_WORDS
                        for g in c.children if g.dep_ == "pobj"),
                      *(c for c in described.children if c.dep_ == "nmod"
                        and any(k.dep_ == "case" and k.lower_ in _OF_WORDS for k in c.children))]
        for candidate in candidates:
            owner = self.owner(candidate)
            if owner[0] is not None:
                return owner
        return _NONE

    def announced_by(self, noun: Token, owner: Span) -> bool:
        """ "Vexa Labs *showcased* its Zephyr and Atlas robots": the product noun is the object of an
        announcing verb (``announced`` in the lexicon's ``verbs``) whose subject is the owner, who
        announced every name of the noun (the verb patterns reach the first one only)."""
        verb = noun.head
        if noun.dep_ not in _OBJECT_DEPS or verb.lemma_.lower() not in self.announcers:
            return False
        return any(c.dep_ in _SUBJECT_DEPS and owner.start <= c.i < owner.end for c in verb.children)

    def launched(self, noun: Token, name: Span) -> bool:
        """ "its platform X, *launched* in 2024", "sa plateforme X, *lancée* en 2024": a participle
        of a releasing verb on the product noun or its name; the owner released it."""
        if any(c.dep_ == "acl" and c.pos_ == "VERB" and c.lemma_.lower() in self.releases
               for token in (noun, name.root) for c in token.children):
            return True
        i = max(name.end, noun.i + 1)  # "its platform X, launched", "its X platform, launched"
        i = i + 1 if i < len(self.doc) and self.doc[i].text == "," else i
        following = self.doc[i] if i < len(self.doc) else None  # parsed as the main verb's clause
        return following is not None and following.pos_ == "VERB" and following.lemma_.lower() in self.releases \
            and "Part" in following.morph.get("VerbForm", [])

    def emit(self, owner: Span, product: Span, anchor: Token, via_reference: bool,
             predicate: str = "develops") -> None:
        if owner.start <= product.start < owner.end or product.start <= owner.start < product.end:
            return
        extractor, confidence = EXTRACTOR, CONFIDENCE
        if via_reference:
            extractor, confidence = f"{extractor}+coref", confidence * REFERENCE_DISCOUNT
        sent = anchor.sent
        cand = RelationCandidate(owner.start, owner.end, predicate, product.start, product.end,
                                 sent.start, sent.end, extractor, confidence, "", "")
        if cand not in self.found:
            self.found.append(cand)


def drop_other_owners(candidates: list[RelationCandidate],
                      owned: Mapping[tuple[int, int], tuple[int, int]]) -> list[RelationCandidate]:
    """``candidates`` less the ``develops`` and ``announced`` facts about a product whose owner
    its sentence names that reached another owner through a reference ("Known for *its* chatbot
    Zephyr, Vexa Labs said": *its* is not the company of the sentence before)."""
    kept = []
    for cand in candidates:
        owner = owned.get((cand.object_start, cand.object_end))
        if owner is not None and cand.predicate in {"develops", "announced"} and "+coref" in cand.extractor \
                and (cand.subject_start, cand.subject_end) != owner:
            continue
        kept.append(cand)
    return kept


def product_makers(doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span],
                   refs: Mapping[int, Reference], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``candidates`` with the ``develops`` facts of the owners of product nouns (see the module
    docstring), less the facts that give such a product another owner through a reference."""
    makers = _Makers(doc, ent_of, refs, lexicon, lang)
    makers.read()
    found = [*makers.found, *product_owners(doc, ent_of, lexicon, lang, refs),  # "X, the maker of Y", "X and its Y"
             *possessed_products(doc, ent_of, lexicon, lang, makers.possessive_owner)]  # "its X model and Y app"
    return drop_other_owners([*candidates, *found], makers.owned)
