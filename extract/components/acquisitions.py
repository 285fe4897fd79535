"""Acquisitions told with a verb, read on the verb's own phrase rather than by a pattern's slots.

The subject-verb-object patterns read "X acquired Y" when the parser gives the verb a clean object.
News often does not:

* the object is a name behind a description the tagger misreads ("X acquired *image search
  startup* Y", "startup" tagged as a verb): the first organisation of the words after the verb,
  skipping a short description (``_Deals.org_list``);
* a participle or a relative clause on the bought company, with the buyer as agent: "Y, a
  document suite *acquired by X*", "Y, *rachetée par* X";
* a sale, told from the seller's side: "Y, *qu'ils ont vendue à* X", "they sold Y to X"
  (``org_sale_verbs``): the buyer is the organisation after "to" / "à";
* an idiom (``acquisition_phrases``, "verb noun" pairs): "X *brought* Y *into the fold*", "X a
  *mis la main* sur Y" (the target is the verb's object, or the name after "sur" / "on").

A deal in progress is not yet a fact (the gold leaves out hedged and future facts): "X est *en
train de* finaliser l'acquisition de Y", "X is *in the process of* buying Y" (``deal_pending_phrases``,
words right before the deal's object) removes the ``acquired`` candidates, whatever found them.
The cue words are data (``word_lists`` in ``data/lexicon.json``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from .extensions import RelationCandidate

if TYPE_CHECKING:
    from .deals import _Deals

__all__ = ["AcquisitionWords", "pending_deal", "verb_acquisitions"]

_AGENT_DEPS = frozenset({"agent", "obl:agent"})
_BY = frozenset({"by", "par"})
_TO = frozenset({"to", "à", "au"})
_ON = frozenset({"on", "sur"})
_OBJECT_DEPS = frozenset({"dobj", "obj"})
_SUBJECT_DEPS = frozenset({"nsubj"})
_PASSIVE_DEPS = frozenset({"nsubjpass", "nsubj:pass"})
_PARTICIPLE_DEPS = frozenset({"acl", "acl:relcl", "relcl"})
#: Tokens before the deal's object that a pending phrase may end within ("en train de finaliser
#: l'acquisition de Y").
_PENDING_REACH = 8
_ORG = "Organization"
#: French relative "que" elided before a vowel.
_QUE = frozenset({"qu'", "qu’", "que"})


@dataclass(frozen=True)
class AcquisitionWords:
    """The cue words of one language (lower-cased)."""

    verbs: frozenset[str] = words_field("org_acquisition_verbs")
    sale_verbs: frozenset[str] = words_field("org_sale_verbs")
    phrases: frozenset[tuple[str, str]] = frozenset()
    pending: tuple[tuple[str, ...], ...] = ()
    relative_pronouns: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, lang: str) -> AcquisitionWords:
        phrases = frozenset((p.split()[0], p.split()[-1]) for p in lexicon.words("acquisition_phrases", lang)
                            if len(p.split()) == 2)
        pending = tuple(tuple(p.split()) for p in lexicon.words("deal_pending_phrases", lang))
        return lexicon.read_words(cls, lang, phrases=phrases, pending=pending,
                                  relative_pronouns=frozenset(lexicon.relative_pronouns))


def _object_after(deals: _Deals, token: Token, preps: frozenset[str]) -> list[Span]:
    """The organisations after one of ``preps`` on ``token`` (a dependent or the next word)."""
    word = deals.after(token, preps)
    return deals.org_list(word) if word is not None else []


def _antecedent(deals: _Deals, pronoun: Token, verb: Token) -> list[Span]:
    """The organisation a relative pronoun stands for: the name right before it ("Y, *qu'*ils ont
    vendue", "X *qui* a racheté"), else the noun the clause hangs on."""
    i = pronoun.i - 1
    if i >= 0 and deals.doc[i].text == ",":
        i -= 1
    ent = deals.ent_of.get(i) if i >= 0 else None
    if ent is not None and ent.end == i + 1:
        return [ent] if ent.label_ == _ORG else []
    return _head_org(deals, verb) if verb.dep_ in _PARTICIPLE_DEPS else []


def _relative(word: Token, words: AcquisitionWords) -> bool:
    return word.lower_ in words.relative_pronouns or word.lower_ in _QUE


def _buyer_subject(deals: _Deals, verb: Token, words: AcquisitionWords) -> tuple[list[Span], bool]:
    own = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if own:
        child = own[0]
        if _relative(child, words):  # "X, qui a racheté Y"
            return _antecedent(deals, child, verb), False
        ent, via = deals.org(child)
        return ([ent] if ent is not None else []), via
    if verb.dep_ == "conj":  # "X raised money and bought Y"
        return _buyer_subject(deals, verb.head, words)
    signed = _deal_verb(deals, verb)
    if signed is not None:  # "X signed an agreement to acquire Y", "X a finalisé un accord pour acquérir Y"
        return _buyer_subject(deals, signed, words)
    return [], False


def _deal_verb(deals: _Deals, verb: Token) -> Token | None:
    """The verb that made the deal whose purpose is ``verb``: the infinitive hangs on a partnership
    noun ("an agreement *to acquire*") or beside it on the verb ("a finalisé un accord *pour
    acquérir*"), and the noun is the object of a deal-making verb (``deal_owner_verbs``)."""
    head = verb.head
    if verb.dep_ in _PARTICIPLE_DEPS and head.dep_ in _OBJECT_DEPS:
        noun, maker = head, head.head
    elif verb.dep_ == "advcl":
        nouns = [c for c in head.children if c.dep_ in _OBJECT_DEPS and c.i < verb.i]
        if not nouns:
            return None
        noun, maker = nouns[0], head
    else:
        return None
    made = {maker.lower_, maker.lemma_.lower()} & deals.words.owner_verbs
    deal = {noun.lower_, noun.lemma_.lower()} & deals.words.partnership
    return maker if made and deal else None


def _head_org(deals: _Deals, verb: Token) -> list[Span]:
    """The organisation a participle or relative clause describes: "Y, a suite *acquired by* X"."""
    head = verb.head
    ent, _ = deals.org(head)
    if ent is None and head.dep_ == "appos":
        ent, _ = deals.org(head.head)
    return [ent] if ent is not None else []


def _targets(deals: _Deals, verb: Token, skip: str = "") -> list[Span]:
    """The organisations the verb takes: its object's list, else the words right after it."""
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS and child.lower_ != skip:
            found = deals.org_list(deals.first_word(child))
            if found:
                return found
    if verb.i + 1 < len(deals.doc) and not skip:
        return deals.org_list(deals.doc[verb.i + 1])
    return []


def _acquisition(deals: _Deals, verb: Token, words: AcquisitionWords) -> Iterable[RelationCandidate | None]:
    agents = [c for c in verb.children if c.dep_ in _AGENT_DEPS
              or (c.dep_ == "prep" and c.lower_ in _BY and verb.tag_ == "VBN")]
    if agents:
        agent = agents[0]
        objects = [c for c in agent.children if c.dep_ == "pobj"]
        buyers = deals.org_list(deals.first_word(objects[0] if objects else agent))
        passive = [c for c in verb.children if c.dep_ in _PASSIVE_DEPS]
        if passive:
            targets = deals.org_list(deals.first_word(passive[0]))
        elif verb.dep_ in _PARTICIPLE_DEPS:
            targets = _head_org(deals, verb)
        else:
            targets = []
        yield from deals.each(buyers, targets, "acquired", False)
        return
    if any(c.dep_ in _PASSIVE_DEPS for c in verb.children):
        return
    buyers, via = _buyer_subject(deals, verb, words)
    if buyers:
        yield from deals.each(buyers, _targets(deals, verb), "acquired", via)


def _sale(deals: _Deals, verb: Token, words: AcquisitionWords) -> Iterable[RelationCandidate | None]:
    buyers = _object_after(deals, verb, _TO)
    if not buyers:
        return
    targets: list[Span] = []
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            if _relative(child, words):
                targets = _antecedent(deals, child, verb)
            else:
                targets = deals.org_list(deals.first_word(child))
    yield from deals.each(buyers, targets, "acquired", False)


def _phrase(deals: _Deals, verb: Token, noun: str, words: AcquisitionWords) -> Iterable[RelationCandidate | None]:
    if not any(t.lower_ == noun or t.lemma_.lower() == noun for t in verb.subtree if t.i != verb.i):
        return
    buyers, via = _buyer_subject(deals, verb, words)
    targets = _targets(deals, verb, skip=noun) or _object_after(deals, verb, _ON)
    if not targets:  # "mis la main sur Y": the name after "sur", however the parser hung it
        for t in verb.subtree:
            if t.lower_ in _ON and t.i + 1 < len(deals.doc):
                targets = deals.org_list(deals.doc[t.i + 1])
                break
    yield from deals.each(buyers, targets, "acquired", via)


def verb_acquisitions(deals: _Deals, words: AcquisitionWords) -> Iterable[RelationCandidate | None]:
    """``acquired`` from the acquisition and sale verbs and idioms of ``deals``' document."""
    phrase_verbs = {verb: noun for verb, noun in words.phrases}
    cues = words.verbs | words.sale_verbs | frozenset(phrase_verbs)
    for verb in cue_tokens(deals.doc, cues):
        if verb.pos_ not in {"VERB", "AUX"} or verb.i in deals.ent_of or deals.cancelled(verb):
            continue
        lemma = verb.lemma_.lower()
        if lemma in words.verbs or verb.lower_ in words.verbs:
            yield from _acquisition(deals, verb, words)
        elif lemma in words.sale_verbs:
            yield from _sale(deals, verb, words)
        elif lemma in phrase_verbs:
            yield from _phrase(deals, verb, phrase_verbs[lemma], words)


def pending_deal(doc: Doc, candidate: RelationCandidate, words: AcquisitionWords) -> bool:
    """Whether a pending phrase ("en train de", "in the process of") ends shortly before the
    acquisition's object, in its sentence: the deal is not done yet."""
    start = max(candidate.sentence_start, candidate.object_start - _PENDING_REACH)
    lowers = [t.lower_ for t in doc[start : candidate.object_start]]
    for phrase in words.pending:
        n = len(phrase)
        if any(tuple(lowers[i : i + n]) == phrase for i in range(len(lowers) - n + 1)):
            return True
    return False
