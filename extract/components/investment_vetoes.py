"""Sentences the rules know state no investment: the classifier's ``investsIn`` there is dropped.

The relation classifier scores every pair of an investor-like and an organisation name in a
sentence; at a threshold low enough to find investments told in unseen ways, it also finds them
where the words say something else. Four constructions state no investment between a pair, and
a classifier ``investsIn`` (never a rule's) between that pair is dropped:

* an investment in a thing, not an organisation: the phrase an investing verb or investment noun
  takes after "in"/"into"/"dans" is headed by a common noun that a name only modifies ("will
  invest $2bn in Zorbi chips") or holds a place ("invest in data centres in France");
* something received that is no funding: a receiving verb whose object is neither a backing noun
  nor a sum ("Zorbi received a call from Kestrel", "a reçu la visite de Kestrel"): the name after
  "from"/"de" gives the subject nothing to invest;
* a plan or a hedge: an investing or backing verb under a plan or talks word ("plans to invest in
  Zorbi", "in talks to back Zorbi", "envisage d'investir dans Zorbi"): its subject invests in
  nothing its clause names;
* an acquisition: a pair the rules read as ``acquired`` in the sentence is a purchase, not an
  investment.

And the investor that leads a round raises none of it: a ``raised`` (whatever found it) whose
subject is the subject of a round-leading verb with a round as its object ("SoftBank led a $40
billion round for OpenAI", ``round_leading_verbs``) is dropped.

(The outlet a sentence cites as its source, "according to the Daily Planet", is no party to any
deal of it, whatever found the deal: :mod:`.sources`.)

When an investing verb's recipient is a thing and no organisation is named after its "in", the
clause names no recipient: its subject invests in none of the names the clause holds ("will invest
$1bn into Kenya's ecosystem in partnership with Zorbi").

>>> from aikg.extract.components.extensions import RelationCandidate
>>> def c(extractor, predicate="investsIn"):
...     return RelationCandidate(0, 1, predicate, 4, 5, 0, 9, extractor, 0.9, "", "")
>>> [x.extractor for x in _without({(0, (0, 1), (4, 5))}, [c("clf:investsIn"), c("dep:svo")])]
['dep:svo']

Cue words are data (``word_lists`` in ``data/lexicon.json``: ``investment_plan_words``,
and the
shared ``investing_verbs``, ``joined_backing_verbs``, ``investment_nouns``, ``backing_nouns``,
``funding_nouns``, ``round_amount_words``, ``recipient_preps``, ``receiving_verbs``,
``backer_preps``, ``hedge_words``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon, load_lexicon
from .extensions import RelationCandidate
from .role_pairs import CLASSIFIER_PREFIX

__all__ = ["round_leaders", "unvetoed", "vetoed_pairs"]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
#: A written span, as token offsets (start, end); a vetoed pair is (sentence start, subject, object).
_Span = tuple[int, int]
_Pair = tuple[int, _Span, _Span]
#: Heads a planned verb may hang on before its plan word ("plans *to* invest", "in talks to back").
_PLAN_REACH = 3


def unvetoed(doc: Doc, candidates: Sequence[RelationCandidate]) -> list[RelationCandidate]:
    """``candidates`` without the classifier's ``investsIn`` between a pair that a construction of
    the sentence says invests nothing, and without a ``raised`` whose subject leads the round
    (module docstring)."""
    lexicon = load_lexicon()
    if any(c.predicate == "raised" for c in candidates):
        leaders = round_leaders(doc, lexicon, doc.lang_)
        if leaders:
            candidates = [c for c in candidates if not (
                c.predicate == "raised" and (c.sentence_start, (c.subject_start, c.subject_end)) in leaders)]
    if not any(c.predicate == "investsIn" and c.extractor.startswith(CLASSIFIER_PREFIX) for c in candidates):
        return list(candidates)
    vetoed = vetoed_pairs(doc, lexicon, doc.lang_)
    vetoed |= {(c.sentence_start, (c.subject_start, c.subject_end), (c.object_start, c.object_end))
               for c in candidates if c.predicate == "acquired" and not c.extractor.startswith(CLASSIFIER_PREFIX)}
    return _without(vetoed, candidates)


def _without(vetoed: set[_Pair], candidates: Iterable[RelationCandidate]) -> list[RelationCandidate]:
    return [c for c in candidates if not (
        c.predicate == "investsIn" and c.extractor.startswith(CLASSIFIER_PREFIX)
        and (c.sentence_start, (c.subject_start, c.subject_end), (c.object_start, c.object_end)) in vetoed)]


def vetoed_pairs(doc: Doc, lexicon: Lexicon, lang: str) -> set[_Pair]:
    """(sentence start, subject, object) of every pair the sentence's words say invests nothing."""
    names = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    out: set[_Pair] = set()
    investing = lexicon.words_of(lang, "investing_verbs", "joined_backing_verbs")
    nouns = lexicon.words_of(lang, "investment_nouns", "backing_nouns")
    preps = lexicon.words_of(lang, "recipient_preps")
    for token in cue_tokens(doc, investing | nouns):
        sent = token.sent
        subjects = _subjects(token, names)
        found = _things(token, preps, names)
        things = [thing for thing, _ in found]
        if any(before for _, before in found) and token.pos_ in {"VERB", "AUX"} \
                and not _org_recipient(token, preps, names):
            # "invest $1bn into Kenya's ecosystem in partnership with Zorbi": the clause names no recipient
            things += [(names[t.i].start, names[t.i].end) for t in token.subtree if t.i in names]
        for thing in things:
            out.update((sent.start, s, thing) for s in subjects if s != thing)
        if token.pos_ in {"VERB", "AUX"} and _planned(token, lexicon.words_of(lang, "investment_plan_words",
                                                                      "hedge_words")):
            for obj in {(names[t.i].start, names[t.i].end) for t in token.subtree if t.i in names}:
                out.update((sent.start, s, obj) for s in subjects)
    funding = nouns | lexicon.words_of(lang, "funding_nouns", "round_amount_words")
    sources = lexicon.words_of(lang, "backer_preps")
    for verb in cue_tokens(doc, lexicon.words_of(lang, "receiving_verbs")):
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        out.update(_received_otherwise(verb, funding, sources, names))
    return out


def round_leaders(doc: Doc, lexicon: Lexicon, lang: str) -> set[tuple[int, _Span]]:
    """(sentence start, subject) of every name that leads a round in its clause ("*SoftBank* led a
    $40 billion round for OpenAI", "*Partech* a mené le tour de table"): the round's money is
    raised by the company it is for, never by the investor that leads it."""
    names = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    rounds = lexicon.words_of(lang, "funding_nouns")
    out: set[tuple[int, _Span]] = set()
    for verb in cue_tokens(doc, lexicon.words_of(lang, "round_leading_verbs")):
        if verb.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in rounds for c in verb.children):
            out.update((verb.sent.start, subject) for subject in _subjects(verb, names))
    return out


def _span(ent: Span) -> _Span:
    return (ent.start, ent.end)


def _subjects(token: Token, names: dict[int, Span]) -> list[_Span]:
    """The names that are the subject of ``token``'s clause (its own, else up to three verbs up;
    for a noun, the subject of the verb that takes it)."""
    verb = token
    for _ in range(_PLAN_REACH + 1):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            heads = [subject, *(c for c in subject.children if c.dep_ in {"appos", "conj"})]
            return list({_span(names[t.i]) for t in heads if t.i in names})
        if verb.head.i == verb.i:
            return []
        verb = verb.head
    return []


def _things(token: Token, preps: frozenset[str], names: dict[int, Span]) -> list[tuple[_Span, bool]]:
    """The names inside the phrase ``token`` takes after "in"/"dans" when that phrase is a thing:
    headed by a common noun the name comes before ("Zorbi chips"), or a place ("in France"); each
    with whether it comes before the noun."""
    out: list[tuple[_Span, bool]] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            head = next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ in {"obl", "nmod", "obl:arg"} and any(
                g.dep_ == "case" and g.lower_ in preps for g in child.children):
            head = child
        else:
            continue
        if head is None or head.i in names or head.pos_ != "NOUN":
            continue
        for t in head.subtree:
            ent = names.get(t.i)
            if ent is not None and (ent.end <= head.i or ent.label_ == "Place"):
                out.append((_span(ent), ent.end <= head.i))
    return out


def _planned(verb: Token, plans: frozenset[str]) -> bool:
    """Whether ``verb`` hangs, within a few heads, on a plan or talks word ("plans to invest")."""
    token = verb
    for _ in range(_PLAN_REACH):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.lower_ in plans or token.lemma_.lower() in plans:
            return True
    return False


def _received_otherwise(verb: Token, funding: frozenset[str], sources: frozenset[str],
                        names: dict[int, Span]) -> set[_Pair]:
    """"Zorbi received a call from Kestrel": (Kestrel, Zorbi) when the thing received is no
    funding and no sum."""
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "obj"}), None)
    if obj is None or obj.pos_ != "NOUN" or obj.lower_ in funding or obj.lemma_.lower() in funding:
        return set()
    if any(t.ent_type_ == "MonetaryAmount" for t in obj.subtree):
        return set()
    givers = [t for head in (obj, verb) for c in head.children
              if c.dep_ in {"prep", "case", "nmod", "obl"}
              and (c.lower_ in sources or any(g.dep_ == "case" and g.lower_ in sources for g in c.children))
              for t in c.subtree if t.i in names]
    sent = verb.sent
    return {(sent.start, _span(names[g.i]), recipient) for g in givers for recipient in _subjects(verb, names)}


def _org_recipient(token: Token, preps: frozenset[str], names: dict[int, Span]) -> bool:
    """Whether ``token`` takes an organisation's name after "in"/"dans" ("invest in *Zorbi*")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            heads = [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in {"obl", "nmod", "obl:arg"} and any(g.dep_ == "case" and g.lower_ in preps
                                                               for g in child.children):
            heads = [child]
        else:
            continue
        if any(h.i in names and names[h.i].label_ == "Organization" for h in heads):
            return True
    return False
