"""Funding constructions of unseen news that the round patterns read wrong or not at all (pure,
token level, read on the words more than on the parse, which breaks on long appositions).

* :func:`led_round_of`: the investor as the subject of a leading verb whose object is the round of
  a named company, "A dirige le tour de Zorbi", "A leads Zorbi's round", "A et B mènent la levée de
  fonds de Zorbi": A (and the names listed with it at the start of the sentence) invests in Zorbi.
* :func:`portfolio_backers`: an investor described as the backer of other companies, "A, l'un des
  premiers bailleurs de fonds d'entreprises telles que B, C et D, ...", "A, an early backer of
  startups such as B and C": A invests in B, C and D (they are its portfolio, not investors).
* :func:`without_misread`: two misreadings dropped. An ``investsIn`` whose subject is followed by a
  backing participle and its agent, the object ("B soutenue par A", "B, backed by A"): the agent
  invests in the subject, never the reverse. A ``raised`` whose subject is named only inside a
  complement before the verb ("une start-up fondée par des chercheurs de A et B a levé ...", "a
  team from A raised ..."): the verb's subject is the noun the complement describes.
* :func:`unnamed_raisers`: a raise whose subject is a common noun ("Une start-up ... a levé 10
  millions"), followed in the next sentence by the round of a named company ("Le premier tour de
  financement de Zorbi ...", "Zorbi's round ..."): that company raised the amount.
* :func:`rounds_joined`: "A invested in Zorbi as part of a $N round": Zorbi raised $N (the round's
  investors are then read by :mod:`..rounds`, "which was led by B").
* :func:`possessed_rounds`: "Zorbi's $N funding round": Zorbi raised $N.

Cue words are data (``word_lists`` in ``data/lexicon.json``: ``round_leading_verbs`` (lemmas),
``portfolio_backer_nouns``, ``portfolio_nouns``, ``portfolio_openers``, ``backing_participles``,
``unnamed_raiser_nouns``, ``round_part_openers``; and the shared ``funding_nouns``,
``round_amount_words``, ``round_owner_preps``, ``round_raising_verbs``, ``investing_verbs``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate

__all__ = ["led_round_of", "portfolio_backers", "possessed_rounds", "round_frames", "rounds_joined",
           "unnamed_raisers", "without_misread"]

LED_ROUND_OF = "pattern:leads-round-of"
PORTFOLIO = "pattern:portfolio-backer"
UNNAMED = "pattern:unnamed-raiser+coref"
JOINED = "pattern:invested-as-part-of"
POSSESSED = "pattern:possessed-round"
_CONFIDENCE = 0.75
_ORG = "Organization"
_ACTORS = frozenset({"Organization", "Person"})
_AMOUNT = "MonetaryAmount"
#: Words between a funding noun and the preposition of its owner ("le tour *de table* de",
#: "la levée *de fonds* de", "the round *of funding* for").
_NOUN_TAILS = frozenset({"de", "d'", "d’", "of", "table", "fonds", "funding", "financement", "financing"})
_SEPARATORS = frozenset({",", "et", "and", "&"})
_DETERMINERS = frozenset({"le", "la", "l'", "l’", "les", "the", "its", "their", "son", "sa", "leur", "un", "une",
                          "a", "an", "ce", "cette", "cet"})
#: Prepositions that put a name inside a complement ("chercheurs *de* A", "a team *from* A").
#: The subject-verb-object readers, which take the parser's subject as it is.
_SVO = ("dep:svo", "pattern:svo")
_COMPLEMENT_PREPS = frozenset({"de", "d'", "d’", "du", "des", "of", "from", "at", "chez"})


def round_frames(doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span], lexicon: Lexicon,
                 lang: str) -> list[RelationCandidate]:
    """Every construction of this module, for the relation finder: the misread candidates dropped,
    the others added."""
    kept = without_misread(doc, candidates, ent_of, lexicon, lang)
    return (kept + led_round_of(doc, ent_of, lexicon, lang) + portfolio_backers(doc, ent_of, lexicon, lang)
            + unnamed_raisers(doc, kept, ent_of, lexicon, lang) + rounds_joined(doc, ent_of, lexicon, lang)
            + possessed_rounds(doc, ent_of, lexicon, lang))


def _candidate(subject: Span, predicate: str, obj: Span, sent: Span, extractor: str,
               confidence: float = _CONFIDENCE) -> RelationCandidate:
    return RelationCandidate(subject.start, subject.end, predicate, obj.start, obj.end, sent.start, sent.end,
                             extractor, confidence, "", "")


def _owner_after(doc: Doc, i: int, end: int, ent_of: Mapping[int, Span], preps: frozenset[str]) -> Span | None:
    """The organisation that owns the funding noun at ``i``: after its tail ("de table", "of
    funding") and an owner's preposition, or before it with a possessive ("Zorbi's round")."""
    j = i + 1
    while j < end and doc[j].lower_ in _NOUN_TAILS and not (doc[j].lower_ in preps and j + 1 < end
                                                            and (j + 1) in ent_of):
        j += 1
    if j < end and doc[j].lower_ in preps:
        j += 1
        while j < end and doc[j].lower_ in _DETERMINERS:
            j += 1
        owner = ent_of.get(j)
        if owner is not None and owner.start == j and owner.label_ == _ORG:
            return owner
    return None


def _owner_before(doc: Doc, i: int, lo: int, ent_of: Mapping[int, Span]) -> Span | None:
    """"Zorbi's (latest) round": the organisation before a possessive within two words of the noun."""
    for j in range(i - 1, max(lo, i - 4) - 1, -1):
        if doc[j].lower_ in ("'s", "’s") and (j - 1) in ent_of and ent_of[j - 1].label_ == _ORG:
            return ent_of[j - 1]
    return None


def _listed_from(doc: Doc, first: Span, limit: int, ent_of: Mapping[int, Span], labels: frozenset[str]) -> list[Span]:
    """``first`` and the names after it joined only by commas and "and"/"et" (up to ``limit``)."""
    listed = [first]
    j = first.end
    while j < limit:
        while j < limit and doc[j].lower_ in _SEPARATORS:
            j += 1
        nxt = ent_of.get(j)
        if nxt is None or nxt.start != j or nxt.label_ not in labels or j == listed[-1].end:
            break
        listed.append(nxt)
        j = nxt.end
    return listed


# -- the leading verb --------------------------------------------------------------------------


def led_round_of(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from the sentence's opening names to the company whose round they lead."""
    verbs = lexicon.words("round_leading_verbs", lang)
    nouns = lexicon.words_of(lang, "funding_nouns", "round_amount_words")
    preps = lexicon.words("round_owner_preps", lang)
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, verbs):
        if token.lemma_.lower() not in verbs or token.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        sent = token.sent
        noun = next((t for t in doc[token.i + 1: min(sent.end, token.i + 5)] if t.lower_ in nouns), None)
        if noun is None or any(t.lower_ in ("by", "par") for t in doc[token.i + 1: noun.i]):
            continue
        owner = _owner_after(doc, noun.i, sent.end, ent_of, preps) or _owner_before(doc, noun.i, token.i + 1, ent_of)
        opening = next((ent_of[i] for i in range(sent.start, min(sent.start + 3, token.i)) if i in ent_of), None)
        if owner is None or opening is None or opening.label_ not in _ACTORS:
            continue
        for investor in _listed_from(doc, opening, token.i, ent_of, _ACTORS):
            if investor.start != owner.start:
                out.append(_candidate(investor, "investsIn", owner, sent, LED_ROUND_OF))
    return out


# -- an investor's portfolio -------------------------------------------------------------------


def portfolio_backers(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from an investor to the companies its apposition says it backed."""
    backers = lexicon.words("portfolio_backer_nouns", lang)
    portfolio = lexicon.words("portfolio_nouns", lang)
    openers = lexicon.words("portfolio_openers", lang)
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, backers):
        if token.lower_ not in backers:
            continue
        sent = token.sent
        investor = _apposition_head(doc, token, ent_of)
        if investor is None:
            continue
        j = token.i + 1
        while j < min(sent.end, token.i + 6) and doc[j].lower_ not in portfolio:
            j += 1
        if j >= min(sent.end, token.i + 6) or j in ent_of:
            continue
        k = j + 1
        opener = ""
        while k < min(sent.end, j + 4) and not opener:
            for words in (1, 2):
                phrase = " ".join(t.lower_ for t in doc[k: k + words])
                if phrase in openers:
                    opener, k = phrase, k + words
                    break
            else:
                k += 1
        first = ent_of.get(k)
        if not opener or first is None or first.start != k or first.label_ != _ORG:
            continue
        for company in _listed_from(doc, first, sent.end, ent_of, frozenset({_ORG})):
            out.append(_candidate(investor, "investsIn", company, sent, PORTFOLIO))
    return out


def _apposition_head(doc: Doc, noun: Token, ent_of: Mapping[int, Span]) -> Span | None:
    """The organisation or person whose apposition the noun is in: a name, a comma, then at most
    five words with no name and no verb before the noun ("A, l'un des premiers", "A, an early")."""
    sent = noun.sent
    for j in range(noun.i - 1, max(sent.start, noun.i - 7) - 1, -1):
        if doc[j].text == ",":
            head = ent_of.get(j - 1)
            if head is not None and head.label_ in _ACTORS \
                    and not any(t.i in ent_of or t.pos_ in ("VERB", "AUX") for t in doc[j + 1: noun.i]):
                return head
            return None
    return None


# -- misreadings -------------------------------------------------------------------------------


def without_misread(doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span], lexicon: Lexicon,
                    lang: str) -> list[RelationCandidate]:
    """``candidates`` less a reversed passive backing and a raise credited to a complement's name."""
    participles = lexicon.words("backing_participles", lang)
    return [c for c in candidates
            if not (c.predicate == "investsIn" and _reversed_passive(doc, c, participles))
            and not (c.predicate == "raised" and c.extractor.startswith(_SVO)
                     and _in_complement(doc, c.subject_start, c.sentence_start, ent_of))]


def _reversed_passive(doc: Doc, c: RelationCandidate, participles: frozenset[str]) -> bool:
    """"B soutenue par A" read as "B invests in A": the subject, a backing participle, its agent."""
    if not c.subject_end <= c.object_start <= c.subject_end + 4:
        return False
    between = [t.lower_ for t in doc[c.subject_end: c.object_start] if t.text != ","]
    return len(between) >= 2 and between[-2] in participles and between[-1] in ("par", "by")


def _in_complement(doc: Doc, start: int, sentence_start: int, ent_of: Mapping[int, Span]) -> bool:
    """The name at ``start`` named after a preposition of a complement, alone or as the last of a list
    ("chercheurs de A et B a levé"): the clause's subject is the noun the complement describes."""
    j = start - 1
    while j >= sentence_start:
        word = doc[j].lower_
        if word in _COMPLEMENT_PREPS:
            return True
        if word in _SEPARATORS and (j - 1) in ent_of:
            j = ent_of[j - 1].start - 1
            continue
        return False
    return False


# -- a raise told before its company is named ---------------------------------------------------


def unnamed_raisers(doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span], lexicon: Lexicon,
                    lang: str) -> list[RelationCandidate]:
    """``raised`` for an amount raised by a common noun, owned by the company whose round the next
    sentence opens with."""
    verbs = lexicon.words("round_raising_verbs", lang)
    subjects = lexicon.words("unnamed_raiser_nouns", lang)
    nouns = lexicon.words_of(lang, "funding_nouns", "round_amount_words")
    preps = lexicon.words("round_owner_preps", lang)
    raised = {c.object_start for c in candidates if c.predicate == "raised"}
    cued = cue_tokens(doc, verbs)  # the raising verbs' tokens only: no Token made for the others
    if not cued:
        return []
    sentences = list(doc.sents)
    starts = [sent.start for sent in sentences]
    out: list[RelationCandidate] = []
    for verb in cued:
        index = bisect_right(starts, verb.i) - 1
        if index >= len(sentences) - 1:  # the last sentence: no next one to open with the round
            break
        sent = sentences[index]
        if verb.lemma_.lower() not in verbs:
            continue
        subject = next((t for t in verb.children if t.dep_.startswith("nsubj")), None)
        if subject is not None and subject.i in ent_of and _in_complement(doc, ent_of[subject.i].start,
                                                                           sent.start, ent_of):
            subject = next((t for t in sent[:3] if t.pos_ == "NOUN"), None)  # the noun the complement describes
        amount = next((ent_of[t.i] for t in verb.children if t.dep_ in ("obj", "dobj") and t.i in ent_of
                       and ent_of[t.i].label_ == _AMOUNT), None)
        if subject is None or amount is None or subject.i in ent_of or subject.lower_ not in subjects \
                or amount.start in raised:
            continue
        owner = _opening_round_owner(doc, sentences[index + 1], ent_of, nouns, preps)
        if owner is not None:
            out.append(_candidate(owner, "raised", amount, sent, UNNAMED, 0.7))
    return out


def _opening_round_owner(doc: Doc, sent: Span, ent_of: Mapping[int, Span], nouns: frozenset[str],
                         preps: frozenset[str]) -> Span | None:
    """The company of a round noun that opens the sentence after a determiner and adjectives ("Le
    premier tour de financement de Zorbi", "Zorbi's first round")."""
    for t in sent[:4]:
        if t.lower_ in nouns:
            return _owner_after(doc, t.i, sent.end, ent_of, preps) or _owner_before(doc, t.i, sent.start, ent_of)
        if t.lower_ not in _DETERMINERS and t.pos_ != "ADJ" and t.i not in ent_of and t.lower_ not in ("'s", "’s"):
            return None
    return None


# -- "invested in Y as part of a $N round"; "Y's $N round" --------------------------------------


def rounds_joined(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``raised`` for the company an investing verb names when the clause says the money was part of
    a round of a stated amount."""
    verbs = lexicon.words("investing_verbs", lang)
    recipients = lexicon.words("recipient_preps", lang)
    openers = lexicon.words("round_part_openers", lang)
    nouns = lexicon.words_of(lang, "funding_nouns", "round_amount_words")
    out: list[RelationCandidate] = []
    for verb in cue_tokens(doc, verbs):
        if verb.lemma_.lower() not in verbs:
            continue
        sent = verb.sent
        j = verb.i + 1
        while j < min(sent.end, verb.i + 3) and doc[j].lower_ not in recipients:
            j += 1
        company = ent_of.get(j + 1) if j < sent.end else None
        if company is None or company.label_ != _ORG:
            continue
        rest = [t.lower_ for t in doc[company.end: min(sent.end, company.end + 4)]]
        opener = max((o.split() for o in openers if rest[:len(o.split())] == o.split()), key=len, default=None)
        if opener is None:
            continue
        k = company.end + len(opener)
        while k < sent.end and doc[k].lower_ in _DETERMINERS:
            k += 1
        amount = ent_of.get(k)
        if amount is None or amount.label_ != _AMOUNT or amount.start != k:
            continue
        if any(t.lower_ in nouns for t in doc[amount.end: min(sent.end, amount.end + 4)]):
            out.append(_candidate(company, "raised", amount, sent, JOINED))
    return out


def possessed_rounds(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``raised`` for "Zorbi's (historic) $N(-plus) funding round"."""
    nouns = lexicon.words_of(lang, "funding_nouns", "round_amount_words")
    recipients = lexicon.words("recipient_preps", lang)
    out: list[RelationCandidate] = []
    for ent in doc.ents:
        if ent.label_ != _AMOUNT:
            continue
        sent = ent.sent
        after = doc[ent.end: min(sent.end, ent.end + 4)]
        noun = next((t for t in after if t.lower_ in nouns), None)
        if noun is None or any(t.i in ent_of for t in doc[ent.end: noun.i]) \
                or (noun.i + 1 < sent.end and doc[noun.i + 1].lower_ in recipients):
            continue  # "Acme's $2bn investment in Zorbi": Acme pays, Zorbi raises
        owner = next((ent_of[j - 1] for j in range(ent.start - 1, max(sent.start, ent.start - 3) - 1, -1)
                      if doc[j].lower_ in ("'s", "’s") and (j - 1) in ent_of and ent_of[j - 1].label_ == _ORG), None)
        if owner is not None and all(t.pos_ in ("ADJ", "ADV", "NOUN") for t in doc[owner.end + 1: ent.start]):
            out.append(_candidate(owner, "raised", ent, sent, POSSESSED))
    return out
