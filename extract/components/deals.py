"""Deals: partnerships and acquisitions read from the nouns that name them (issue 15).

News names a deal with a noun more often than with a verb, and who the parties are depends on
the noun's phrase, not on the nearest subject:

* the possessive names a party: "*X's* partnership with Y", "*X's* $1bn buy of Y" (an acquirer);
  a possessive that names no organisation ("*our* collaboration with A, B and C": the speaker's
  company, which the sentence does not name) gives nothing, and A, B and C are not partners of
  each other;
* "a collaboration *between* A, B and C", "le partenariat annoncé *entre* A et B": every pair of
  the list;
* "the acquisition of X *by* Y", "le rachat de X *par* Y": the acquirer after "by";
* otherwise the subject of the clause that holds the noun announced or made the deal: "X struck a
  deal with Y", "X a signé un accord avec Y", "X ... en annonçant le rachat de Y". A subject that
  describes an organisation ("*the iPhone maker* signed a partnership with Y") is the organisation
  it refers to, never a name inside the description; a person or a leader ("*le dirigeant* a
  annoncé un partenariat avec Y") stands for the organisation they lead or work for. An
  acquisition noun takes its clause's subject only under a verb that makes or announces the deal
  (``deal_owner_verbs``): a regulator that approved a purchase did not buy anything;
* an investment noun with its recipient: "X announced *an investment of* $4bn *in* Y", "*X's* $4bn
  stake in Y", "X annonce *un investissement de* 180 millions *dans* la start-up Y": the recipient
  raised the amounts of the noun's phrase and the owner (possessive or the announcing clause's
  subject, or the name before a description between commas, "X, la société mère de Z, annonce un
  investissement") invests in it; any other ``raised`` of those amounts, which the funding-round
  patterns read from "X announced ... funding" or from a name inside X's description, is dropped
  (an investor does not raise what it puts in);
* a partner or provider noun predicated of an organisation: "X has emerged as a partner for Y",
  "X has been *the company's* preferred cloud provider", "Y agreed to use X as its provider".

A deal that did not happen is no deal: "X *almost* bought Y", "its *planned* takeover", "walked
away from", "a failli racheter" (``deal_cancel_words``, on the words above the deal or modifying
them) remove the deal's facts, whatever found them. The cue words are data (``word_lists`` in
``data/lexicon.json``: ``partnership_nouns``, ``acquisition_nouns``, ``partner_nouns``,
``deal_owner_verbs``, ``deal_cancel_words``, ``investment_nouns``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from ..records import DEAL_PREDICATES
from .acquisitions import AcquisitionWords, pending_deal, verb_acquisitions
from .extensions import RelationCandidate
from .licensing import technology_partners
from .partner_phrases import phrase_partners
from .quote_speakers import quote_speaker
from .respective_deals import respective_pairs

__all__ = ["DealWords", "deal_relations"]

PARTNER_EXTRACTOR = "deal:partnership"
ACQUISITION_EXTRACTOR = "deal:acquisition"
PARTNER_CONFIDENCE = 0.75
ACQUISITION_CONFIDENCE = 0.75
_ORG = "Organization"
_WITH = frozenset({"with", "avec"})
_WITH_VERB = frozenset({"with", "avec", "à", "au", "aux"})
#: "partnered with fleets *from* A and B", "avec des acteurs *comme* A et B".
_MEMBERS = frozenset({"from", "of", "like", "including", "de", "des", "comme", "dont"})
_BETWEEN = frozenset({"between", "entre", "entrer"})
_BY = frozenset({"by", "par"})
#: "an investment *in* Y", "un investissement *dans* Y"
_INTO = frozenset({"in", "into", "dans"})
INVESTMENT_EXTRACTOR = "deal:investment"
INVESTMENT_CONFIDENCE = 0.75
_MONEY = "MonetaryAmount"
#: Tokens a description may take before the name it describes ("la jeune start-up parisienne Y")
_DESCRIPTION_REACH = 6
_OF = frozenset({"of", "de", "d'", "d’", "du", "des"})
_FOR = frozenset({"for", "of", "to", "pour", "de", "d'", "d’", "du", "avec", "with"})
_AS = frozenset({"as", "comme", "en"})
_JOINERS = frozenset({",", "and", "et", "&"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_POSS_DEPS = frozenset({"poss", "nmod:poss"})
_MODIFIER_DEPS = frozenset({"advmod", "amod", "neg", "aux", "prt", "compound:prt"})
#: Words that may stand between a deal noun and its preposition ("partenariat stratégique avec",
#: "the partnership announced today with").
_GAP_POS = frozenset({"ADJ", "ADV", "VERB"})
_ANNOUNCE_GAP = 3
#: Tokens back that "le dirigeant" may reach for the leader named with an organisation.
_LEADER_REACH = 400
_NAMED_DEPS = frozenset({"appos", "flat:name", "nmod", "compound"})
_DESCRIPTION_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "VERB"})


@dataclass(frozen=True)
class DealWords:
    """The cue words of one language (lower-cased)."""

    partnership: frozenset[str] = words_field("partnership_nouns")
    acquisition: frozenset[str] = words_field("acquisition_nouns")
    partner: frozenset[str] = words_field("partner_nouns")
    owner_verbs: frozenset[str] = words_field("deal_owner_verbs")
    cancel: frozenset[str] = words_field("deal_cancel_words")
    negations: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    leader_roles: frozenset[str] = frozenset()
    partner_verbs: frozenset[str] = frozenset()
    investment: frozenset[str] = words_field("investment_nouns")
    first_person: frozenset[str] = words_field("first_person_possessives")
    speech: frozenset[str] = words_field("speech_verbs")
    respectively: frozenset[str] = words_field("respectively_words")
    rounds: frozenset[str] = words_field("round_amount_words")

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, lang: str) -> DealWords:
        return lexicon.read_words(
            cls, lang,
            negations=frozenset(lexicon.negations),
            relative_pronouns=frozenset(lexicon.relative_pronouns),
            leader_roles=frozenset(p for p, pred in lexicon.roles.get(lang, {}).items()
                                   if pred == "leads" and " " not in p),
            partner_verbs=frozenset(v for v, preds in lexicon.verbs.get(lang, {}).items() if "partnerOf" in preds),
        )


def _valuation(amount: Token, valuing: frozenset[str]) -> bool:
    """Whether the amount is a valuation, never a raise: it counts the valuation noun ("a $24bn
    post-money *valuation*") or is its complement ("a *valuation* of $157bn", "une valorisation de")."""
    head = amount.head
    if head.dep_ in {"prep", "case"} and head.lower_ in _OF:
        head = head.head
    return head.i != amount.i and bool(_words(head) & valuing)


def _name(span: Span) -> str:
    return span.kb_id_ or span.text.lower()


def _words(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


class _Deals:
    """The state of one document: its entities, references and the candidates found so far."""

    def __init__(self, doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span],
                 refs: Mapping[int, Reference], words: DealWords) -> None:
        self.doc = doc
        self.candidates = candidates
        self.ent_of = ent_of
        self.refs = refs
        self.words = words
        #: ``amount start -> recipient start`` of the investment nouns' amounts: a ``raised`` of such
        #: an amount by anyone but the recipient is contradicted (the investor does not raise what it
        #: puts in, nor does a name inside the investor's description, "Meta, la société mère de *Facebook*")
        self.invested: dict[int, int] = {}
        #: ``sentence start -> pairs`` of the deals paired by position ("... respectively")
        self.respective: dict[int, set[frozenset[int]]] = {}

    # -- entities ----------------------------------------------------------------------------

    def org(self, token: Token) -> tuple[Span | None, bool]:
        """The organisation ``token`` names or refers to, and whether through a reference.

        A name inside a description ("the *iPhone* maker") is not the description's referent, and
        makes a guess by salience unsafe: such a description gives nothing.
        """
        ent = self.ent_of.get(token.i)
        if ent is not None:
            if ent.label_ == _ORG:
                return ent, False
            if ent.label_ == "Person":
                return self.person_org(ent), True
            return None, False
        for child in token.children:
            ent = self.ent_of.get(child.i)
            if ent is not None and ent.label_ == _ORG and (
                child.dep_ in {"appos", "flat:name"} or (child.i == token.i + 1 and child.dep_ in _NAMED_DEPS)
            ):  # "le français *Mistral AI*"
                return ent, False
        apposed = self.apposed_after(token) or self.apposed_before(token)
        if apposed is not None:
            return apposed, False
        inner = any(c.i < token.i and c.i in self.ent_of and c.dep_ in {"compound", "amod", "nmod"}
                    for c in token.children)
        ref = self.refs.get(token.i)
        if ref is not None and not (inner and ref.rule != "appos"):
            for candidate in ref.candidates:
                if candidate.label_ == _ORG:
                    return candidate, True
                if candidate.label_ == "Person":
                    return self.person_org(candidate), True
        if token.lower_ in self.words.leader_roles:
            return self.led_org(token), True
        return None, False

    def apposed_after(self, token: Token) -> Span | None:
        """ "le champion français de l'IA (IA), *Mistral AI*": a name after a comma that ends the
        description's phrase, however the parser attached it."""
        end = max(t.i for t in token.subtree) + 1
        comma = self.doc[end - 1].text == ","
        i = end
        while i < len(self.doc) and i - end < 4 and self.doc[i].text in {",", "(", ")"}:
            comma = comma or self.doc[i].text == ","
            i += 1
        ent = self.ent_of.get(i)
        if comma and ent is not None and ent.label_ == _ORG and ent.start == i and token.pos_ == "NOUN":
            return ent
        return None

    def apposed_before(self, token: Token) -> Span | None:
        """ "*Meta*, la société mère de Facebook, a annoncé": a description between commas right
        after a name is that name's apposition, whatever the names inside it (the parser often
        leaves the name out of the subject)."""
        # the phrase's own words: the French parser hangs the commas around it on the noun
        words = [t.i for t in token.subtree if not t.is_punct]
        left = min(words)
        if token.pos_ != "NOUN" or left < 2 or self.doc[left - 1].text != ",":
            return None
        end = max(words) + 1
        if end >= len(self.doc) or self.doc[end].text != ",":
            return None
        ent = self.ent_of.get(left - 2)
        return ent if ent is not None and ent.label_ == _ORG and ent.end == left - 1 else None

    def person_org(self, person: Span) -> Span | None:
        """The organisation a person leads (else founded, else works for) by the candidates found,
        whichever mention of the person they were read on."""
        best: tuple[int, Span] | None = None
        rank = {"leads": 0, "founded": 1, "worksFor": 2}
        name = _name(person)
        for c in self.candidates:
            if c.predicate in rank and c.object_end > 0 and _name(self.doc[c.subject_start : c.subject_end]) == name:
                obj = self.ent_of.get(c.object_start)
                if obj is not None and obj.label_ == _ORG and (best is None or rank[c.predicate] < best[0]):
                    best = (rank[c.predicate], obj)
        return best[1] if best else None

    def led_org(self, role: Token) -> Span | None:
        """ "*Le dirigeant* a annoncé ...": the organisation of the role's "of" phrase, else that of the
        last leader named with one before it ("le patron de Nvidia ... le dirigeant"), else the one
        that the last ``leads`` fact before it names."""
        for child in role.subtree:
            ent = self.ent_of.get(child.i)
            if ent is not None and ent.label_ == _ORG:
                return ent
        for i in range(role.i - 1, max(-1, role.i - _LEADER_REACH), -1):
            token = self.doc[i]
            if token.lower_ in self.words.leader_roles and i not in self.ent_of:
                for child in token.subtree:
                    ent = self.ent_of.get(child.i)
                    if ent is not None and ent.label_ == _ORG:
                        return ent
        before = [c for c in self.candidates if c.predicate == "leads" and 0 <= c.object_start < role.i
                  and c.object_end > 0]
        if before:
            obj = self.ent_of.get(max(before, key=lambda c: c.object_start).object_start)
            if obj is not None and obj.label_ == _ORG:
                return obj
        return None

    def org_list(self, token: Token) -> list[Span]:
        """The organisations of a list that starts at ``token`` ("A, B and C", "technology giant A and
        French start-up B"), read on the dependency tree and on the surface (parsers split lists)."""
        found: list[Span] = []
        head, _ = self.org(token)
        if head is not None:
            found.append(head)
        elif token.pos_ == "NOUN" and token.i not in self.ent_of:
            for child in token.children:
                members = [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else [child]
                if child.lower_ in _MEMBERS or any(c.dep_ == "case" and c.lower_ in _MEMBERS for c in child.children):
                    if members and members[0].i != token.i:
                        return self.org_list(self.first_word(members[0]))
            after = token.i + 1  # the parser hung "from A" on the verb
            if after + 1 < len(self.doc) and self.doc[after].lower_ in _MEMBERS:
                return self.org_list(self.doc[after + 1])
        for conj in token.conjuncts:
            ent, _ = self.org(conj)
            if ent is not None and ent not in found:
                found.append(ent)
        # the document's end, not the sentence's: a parser may cut a sentence inside a name
        sent_end = len(self.doc)
        closed = False
        i = token.i
        while i < sent_end:
            # skip a description before the name ("technology giant", "la start-up française")
            j = i
            while j < sent_end and j - i <= 4 and (self.ent_of.get(j) is None or self.ent_of[j].label_ != _ORG):
                # (a tagger may read "startup" as a verb; an auxiliary or a preposition ends the list)
                if self.doc[j].pos_ not in _DESCRIPTION_POS or self.doc[j].lower_ in _JOINERS:
                    break
                j += 1
            ent = self.ent_of.get(j)
            if ent is None or ent.label_ != _ORG:
                break
            if ent not in found:
                found.append(ent)
            if closed:  # "A, B and C": C ends the list
                break
            i = ent.end
            joined = False
            while i < sent_end and self.doc[i].lower_ in _JOINERS:
                joined = True
                closed = closed or self.doc[i].lower_ != ","
                i += 1
            if not joined:
                break
        return found

    # -- the deal noun's phrase ----------------------------------------------------------------

    def after(self, noun: Token, preps: frozenset[str]) -> Token | None:
        """The first word after ``noun``'s preposition in ``preps``, as a dependent or on the surface."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
            if child.dep_ in {"nmod", "obl", "obl:mod"} and any(
                c.dep_ == "case" and c.lower_ in preps for c in child.children
            ):
                return self.first_word(child)
        i = noun.i + 1
        end = len(self.doc)
        while i < end and i - noun.i <= _ANNOUNCE_GAP:
            if self.doc[i].pos_ in _GAP_POS:
                i += 1
            elif (self.doc[i].lower_ in _OF and i + 1 < end and self.doc[i + 1].pos_ == "NOUN"
                  and i + 1 not in self.ent_of and not preps & _OF):
                i += 2  # the noun's own complement: "un accord *de licence* avec Y"
            else:
                break
        if i + 1 < end and self.doc[i].lower_ in preps:
            word = self.doc[i + 1]
            if word.pos_ == "DET" and word.head.i > word.i:  # "avec *le* champion": the noun
                word = word.head
            return word
        return None

    @staticmethod
    def first_word(token: Token) -> Token:
        """The first word of ``token``'s phrase after its preposition and determiners."""
        for t in token.subtree:
            if t.dep_ not in {"case", "det"}:
                return t
        return token

    def possessor(self, noun: Token) -> tuple[list[Span], bool, bool]:
        """``(parties, through_reference, has_possessive)`` of the noun's possessive, if it has one."""
        for child in noun.children:
            if child.dep_ in _POSS_DEPS or (child.dep_ == "det" and "Poss=Yes" in str(child.morph)):
                ent, via = self.org(child)
                if ent is None and child.lower_ in self.words.first_person:
                    ent, via = quote_speaker(self, child), True  # "our partnership with Y," X said
                return ([ent] if ent is not None else []), via, True
        for child in noun.children:  # "the Microsoft partnership", "an AMD acquisition of Y"
            # (and a compound's compound: "a *Rakuten* technology partner")
            for word in (child, *(c for c in child.children if c.dep_ == "compound" and c.i < child.i)):
                ent = self.ent_of.get(word.i)
                if child.dep_ == "compound" and ent is not None and ent.label_ == _ORG:
                    return [ent], False, True
        return [], False, False

    def clause_subject(self, noun: Token, verbs: frozenset[str] | None) -> tuple[list[Span], bool]:
        """The organisation of the subject of the nearest clause above ``noun`` (only under one of
        ``verbs`` when given); the sentence's first name when the parse gives the clause no subject."""
        token = noun
        chain = {noun.i}
        for _ in range(7):
            if token.head.i == token.i:
                break
            token = token.head
            chain.add(token.i)
            if verbs is not None and token.pos_ in {"VERB", "AUX"} and not (_words(token) & verbs):
                return [], False
            for child in token.children:
                if child.dep_ in _SUBJECT_DEPS and child.i not in chain:
                    if child.lower_ in self.words.relative_pronouns:
                        child = child.head.head
                    ent, via = self.org(child)
                    return ([ent] if ent is not None else []), via
            if token.pos_ in {"VERB", "AUX"} and verbs is not None:
                break
        sent = noun.sent
        first = self.ent_of.get(sent.start)
        if first is not None and first.label_ == _ORG and first.end <= noun.i:
            return [first], False
        return [], False

    def cancelled(self, token: Token) -> bool:
        """Whether a word above ``token`` (or modifying one) says the deal did not happen."""
        cancel, negations = self.words.cancel, self.words.negations
        current = token
        for _ in range(12):
            if _words(current) & cancel:
                return True
            for child in current.children:
                if child.dep_ in _MODIFIER_DEPS and (_words(child) & cancel or child.dep_ == "neg"
                                                     or child.lower_ in negations):
                    return True
            if current.head.i == current.i:
                break
            current = current.head
        return False

    # -- facts -------------------------------------------------------------------------------

    def emit(self, subject: Span, obj: Span, predicate: str, extractor: str, confidence: float,
             via: bool) -> RelationCandidate | None:
        if subject == obj or subject.label_ != _ORG or obj.label_ != _ORG:
            return None
        if predicate == "partnerOf" and obj.start < subject.start:
            subject, obj = obj, subject  # symmetric: the gold writes the pair in the text's order
        sent = obj.sent
        if via:
            extractor, confidence = extractor + "+coref", confidence * REFERENCE_DISCOUNT
        return RelationCandidate(subject.start, subject.end, predicate, obj.start, obj.end,
                                 sent.start, sent.end, extractor, confidence, "", "")

    def each(self, subjects: list[Span], objects: list[Span], predicate: str,
             via: bool) -> Iterable[RelationCandidate | None]:
        """Every subject with every object, unless a subject is one of the objects."""
        extractor, confidence = ((PARTNER_EXTRACTOR, PARTNER_CONFIDENCE) if predicate == "partnerOf"
                                 else (ACQUISITION_EXTRACTOR, ACQUISITION_CONFIDENCE))
        for subject in subjects:
            if subject not in objects:
                for obj in objects:
                    yield self.emit(subject, obj, predicate, extractor, confidence, via)

    def partnership(self, noun: Token) -> Iterable[RelationCandidate | None]:
        between = self.after(noun, _BETWEEN)
        if between is not None:
            for a, b in combinations(self.org_list(between), 2):
                yield from self.each([a], [b], "partnerOf", False)
            return
        start = self.after(noun, _WITH)
        if start is None:
            return
        partners = self.org_list(start)
        if not partners:
            return
        if (paired := self.by_position(noun, start)) is not None:
            yield from paired
            return
        owners, via, has_possessive = self.possessor(noun)
        if not has_possessive:
            owners, via = self.clause_subject(noun, None)
        yield from self.each(owners, partners, "partnerOf", via)

    def by_position(self, word: Token, start: Token) -> list[RelationCandidate | None] | None:
        """The deals of "A and B struck deals with C and D *respectively*" (:mod:`.respective_deals`),
        remembered so that no other reading pairs the sentence's parties all with all."""
        pairs = respective_pairs(self, word, start, self.words.respectively)
        if pairs is None:
            return None
        self.respective.setdefault(start.sent.start, set()).update(
            frozenset({a.start, b.start}) for a, b in pairs)
        return [self.emit(a, b, "partnerOf", PARTNER_EXTRACTOR, PARTNER_CONFIDENCE, False) for a, b in pairs]

    def partner_verb(self, verb: Token) -> Iterable[RelationCandidate | None]:
        """ "X teamed up with Y", "X has partnered with fleets from A and B", "X est fier de
        s'associer à Y" (the subject of the clause above when the verb has none)."""
        start = self.after(verb, _WITH_VERB)
        partners = self.org_list(start) if start is not None else []
        if not partners:
            return
        assert start is not None
        if (paired := self.by_position(verb, start)) is not None:
            yield from paired
            return
        owners: list[Span] = []
        via = False
        own = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if own:
            ent, via = self.org(own[0])
            owners = [ent] if ent is not None else []
        else:
            owners, via = self.clause_subject(verb, None)
        yield from self.each(owners, partners, "partnerOf", via)

    def acquisition(self, noun: Token) -> Iterable[RelationCandidate | None]:
        start = self.after(noun, _OF)
        targets = self.org_list(start) if start is not None else []
        if not targets:  # "AMD's new acquisition, Silo AI"
            targets = [ent for c in noun.children if c.dep_ == "appos"
                       for ent in [self.org(c)[0]] if ent is not None]
        if not targets:
            return
        by = self.after(noun, _BY)
        via = False
        buyers = self.org_list(by) if by is not None else []
        if not buyers:
            buyers, via, has_possessive = self.possessor(noun)
            if not has_possessive:
                buyers, via = self.clause_subject(noun, self.words.owner_verbs)
            if not buyers and not has_possessive:
                buyers, via = self.owner_before(noun)
        yield from self.each(buyers, targets, "acquired", via)

    def owner_before(self, noun: Token) -> tuple[list[Span], bool]:
        """ "X has announced *the acquisition* of startup Y" when the parser hangs the noun on a
        misread word ("startup" as a verb): the subject of the deal-making verb right before it."""
        for i in range(noun.i - 1, max(noun.sent.start, noun.i - _ANNOUNCE_GAP) - 1, -1):
            verb = self.doc[i]
            if verb.pos_ == "VERB" and _words(verb) & self.words.owner_verbs:
                own = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
                if own:
                    ent, via = self.org(own[0])
                    return ([ent] if ent is not None else []), via
                return [], False
        return [], False

    def amounts(self, noun: Token, recipient: Token) -> list[Span]:
        """The amounts of the investment noun's own phrase ("an investment *of $4bn*", "a *$4bn*
        stake", "de 75 millions de dollars (soit 69 millions d'euros)"), not the recipient's."""
        inside = {t.i for t in recipient.subtree}
        found: list[Span] = []
        for token in noun.subtree:
            ent = self.ent_of.get(token.i)
            if ent is not None and ent.label_ == _MONEY and token.i not in inside and ent not in found:
                found.append(ent)
        return found

    def recipient_word(self, noun: Token) -> Token | None:
        """The first word after "in" / "dans" in the investment noun's phrase, or on the verb
        whose object the noun is (parsers attach "in Y" to the amount or to the verb as often as
        to the noun)."""
        found = self.after(noun, _INTO)
        if found is not None:
            return found
        holders = [t for t in noun.subtree if t.i > noun.i]
        if noun.dep_ in {"dobj", "obj"}:
            holders.append(noun.head)
        for holder in holders:
            for child in holder.children:
                if child.i > noun.i and (child.dep_ == "prep" and child.lower_ in _INTO):
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
                if child.i > noun.i and child.dep_ in {"nmod", "obl", "obl:mod", "obl:arg"} and any(
                    c.dep_ == "case" and c.lower_ in _INTO for c in child.children
                ):
                    return self.first_word(child)
        return None

    def round_owner(self, word: Token) -> list[Span]:
        """The company whose round the investment went into: "an investment in *Y*'s Series A",
        "in *Y*'s latest round" (the possessor of a round noun, which is not itself the recipient)."""
        if not any(t.lower_ in self.words.rounds for t in word.subtree):
            return []
        for child in word.children:
            ent = self.ent_of.get(child.i)
            if child.dep_ in {"poss", "nmod:poss"} and ent is not None and ent.label_ == _ORG:
                return [ent]
        return []

    def named_soon_after(self, word: Token) -> list[Span]:
        """The organisation named within a description that starts at ``word`` ("dans *la start-up
        lyonnaise* Y", where the tagger splits "start-up" and loses the phrase's structure)."""
        for token in self.doc[word.i : min(word.i + _DESCRIPTION_REACH, word.sent.end)]:
            ent = self.ent_of.get(token.i)
            if ent is not None:
                return [ent] if ent.label_ == _ORG else []
            if token.is_punct and token.text != "-":
                return []
        return []

    def investment(self, noun: Token) -> Iterable[RelationCandidate | None]:
        start = self.recipient_word(noun)
        if start is None:
            return
        recipients = self.round_owner(start) or self.org_list(start) or self.named_soon_after(start)
        if len(recipients) != 1:
            return
        recipient = recipients[0]
        investors, via, has_possessive = self.possessor(noun)
        if not has_possessive:
            investors, via = self.clause_subject(noun, self.words.owner_verbs)
        for investor in investors:
            yield self.emit(investor, recipient, "investsIn", INVESTMENT_EXTRACTOR, INVESTMENT_CONFIDENCE, via)
        assert start is not None
        sent = recipient.sent
        for amount in self.amounts(noun, start):
            self.invested[amount.start] = recipient.start
            yield RelationCandidate(recipient.start, recipient.end, "raised", amount.start, amount.end,
                                    sent.start, sent.end, INVESTMENT_EXTRACTOR, INVESTMENT_CONFIDENCE, "", "")

    def partner_noun(self, noun: Token) -> Iterable[RelationCandidate | None]:
        """ "X has emerged as a partner for Y", "X, partenaire de Y", "X has been the company's
        preferred cloud provider", "Y agreed to use X as its provider"."""
        clients, via, possessed = self.possessor(noun)
        start = self.after(noun, _FOR)
        if start is not None:
            clients, via, possessed = self.org_list(start), False, False
        if not clients:
            return
        head = noun.head
        providers: list[Span] = []
        own = [c for c in noun.children if c.dep_ in _SUBJECT_DEPS]  # "make X its provider", "X est partenaire de Y"
        if own:
            ent, via_provider = self.org(own[0])
            providers = [ent] if ent is not None else []
            via = via or via_provider
        elif noun.dep_ == "appos" or (noun.dep_ == "compound" and head.i in self.ent_of):
            # "Y, a X partner"; "X's partner Y"
            ent, _ = self.org(head)
            providers = [ent] if ent is not None else []
        elif (apposed := self.apposed_before(noun)) is not None:
            # "Orange, partenaire de Mistral AI, distribuera": the description between commas after
            # a name, which the French parser hangs as a conjunct
            providers = [apposed]
        elif noun.dep_ in {"attr", "ROOT", "oprd"} or (noun.dep_ == "pobj" and head.lower_ in _AS):
            verb = head.head if noun.dep_ == "pobj" else (noun if noun.dep_ == "ROOT" else head)
            deps = ("dobj", "obj", *_SUBJECT_DEPS) if noun.dep_ in {"pobj", "oprd"} else tuple(_SUBJECT_DEPS)
            for dep in deps:
                found = [c for c in verb.children if c.dep_ == dep]
                if found:
                    ent, via_provider = self.org(found[0])
                    providers = [ent] if ent is not None else []
                    via = via or via_provider
                    break
        if providers and clients == providers and possessed:
            # "Y agreed to make X *its* provider": the possessive is the clause's subject, not X
            clients, via = self.clause_subject(noun, None)
        yield from self.each(providers, clients, "partnerOf", via)


#: The word lists of each loaded lexicon and language, read once (not once per document); the
#: lexicon is kept with them, so that its id is not another's.
_WORDS: dict[tuple[int, str], tuple[Lexicon, DealWords, AcquisitionWords]] = {}


def _noun_kind(lower: str, lemma: str, words: DealWords) -> str:
    """Which deal noun list a word or its lemma is of first: partnership, acquisition, partner, investment."""
    for kind, nouns in (("partnership", words.partnership), ("acquisition", words.acquisition),
                        ("partner", words.partner), ("investment", words.investment)):
        if lower in nouns or lemma in nouns:
            return kind
    return ""


def deal_relations(doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span],
                   refs: Mapping[int, Reference], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``candidates`` less the deals that did not happen, plus the deals named by nouns.

    The partnership patterns' candidates (``dep:partnership-*``) are replaced by the nouns' here.
    """
    known = _WORDS.get((id(lexicon), lang))
    if known is None or known[0] is not lexicon:
        known = _WORDS[(id(lexicon), lang)] = (lexicon, DealWords.from_lexicon(lexicon, lang),
                                               AcquisitionWords.from_lexicon(lexicon, lang))
    words, buying = known[1], known[2]
    deals = _Deals(doc, candidates, ent_of, refs, words)
    out = [c for c in candidates
           if not (c.predicate in DEAL_PREDICATES and c.object_end > 0
                   and deals.cancelled(doc[c.object_start : c.object_end].root))]
    seen = {(c.subject_start, c.predicate, c.object_start) for c in out}
    pairs = {frozenset({_name(doc[c.subject_start : c.subject_end]), _name(doc[c.object_start : c.object_end])})
             for c in out if c.predicate == "partnerOf" and c.object_end > 0}
    cues = words.partner_verbs | words.partnership | words.acquisition | words.partner | words.investment
    found_by: list[Iterable[RelationCandidate | None]] = [verb_acquisitions(deals, buying),
                                                          technology_partners(deals, lexicon, lang),
                                                          phrase_partners(deals, lexicon, lang)]
    for token in cue_tokens(doc, cues):
        found: Iterable[RelationCandidate | None]
        if token.i in ent_of:
            continue
        pos = token.pos_  # each string read once: every read looks it up in the string store
        if pos == "VERB" and token.lemma_.lower() in words.partner_verbs:
            found = deals.partner_verb(token)
        # (a tagger may read "partenaire" as an adjective)
        elif pos not in {"NOUN", "PROPN", "ADJ"}:
            continue
        elif (kind := _noun_kind(token.lower_, token.lemma_.lower(), words)) == "partnership":
            found = deals.partnership(token)
        elif kind == "acquisition":
            found = deals.acquisition(token)
        elif kind == "partner":
            found = deals.partner_noun(token)
        elif kind == "investment":
            found = deals.investment(token)
        else:
            continue
        if not deals.cancelled(token):
            found_by.append(found)
    for found in found_by:
        for candidate in found:
            if candidate is None:
                continue
            key = (candidate.subject_start, candidate.predicate, candidate.object_start)
            if key in seen:
                continue
            if candidate.predicate == "partnerOf":
                # one fact per pair and document, whichever way round another sentence wrote it
                pair = frozenset({_name(doc[candidate.subject_start : candidate.subject_end]),
                                  _name(doc[candidate.object_start : candidate.object_end])})
                if pair in pairs:
                    continue
                pairs.add(pair)
            seen.add(key)
            out.append(candidate)
    out = [c for c in out if not (c.predicate == "acquired" and pending_deal(doc, c, buying))]
    if deals.respective:  # paired by position: no other pairing of the sentence's parties
        out = [c for c in out if not (c.predicate == "partnerOf" and c.sentence_start in deals.respective
                                      and frozenset({c.subject_start, c.object_start})
                                      not in deals.respective[c.sentence_start])]
    valuing = lexicon.words("valuation_words", lang)
    out = [c for c in out if not (c.predicate == "raised" and c.object_end > 0
                                  and _valuation(doc[c.object_start : c.object_end].root, valuing))]
    if deals.invested:
        out = [c for c in out if not (c.predicate == "raised" and c.object_start in deals.invested
                                      and deals.invested[c.object_start] != c.subject_start)]
    return out
