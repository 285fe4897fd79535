"""Backing told around a company rather than by a verb with the investor as subject (pure, token
level; the parser often misreads these sentences, so they are read on the words and a few arcs).

* :func:`joined_backing`: "A joined B and C in backing Zorbi", "A joined peers from B to C in
  funding Zorbi": the joining verb's subject, its object and the names it lists (a "from B to C"
  range included) invest in the organisation the backing gerund takes.
* :func:`backed_by_sums`: a backing participle whose agent is a sum, "Founded by A and backed by
  $200 million in funding, Zorbi ...", "Zorbi, backed by $30 million from B, ...": the
  organisation the participle describes (the name after the opening phrase, or the name before
  the comma) raised that sum.
* :func:`relative_investors`: "Zorbi, dont A est l'un des principaux actionnaires", "l'entreprise
  dont A et B sont les investisseurs": the names the relative clause makes investors invest in
  its antecedent (a name, or what a description such as "l'entreprise" refers to).
* :func:`hyphen_backed`: with a legal form before the hyphen, which keeps "Corp.-backed" one
  token, "A Corp.-backed Zorbi": A invests in Zorbi.
* :func:`caused_by_rounds`: a round with its sum given as the cause of what a company did or
  became, "Today, it is worth $8 billion, thanks to a $2 billion funding round", "le groupe
  avait 4 milliards en caisse, suite à une levée de 2,5 milliards": the
  clause's subject (a name, or what a pronoun or description refers to) raised the sum.
* :func:`raised_for_others`: a raise told about someone else than the raiser, "A, co-founder of
  B, raised $300 million for his latest company, Zorbi" (a person's raise for an
  organisation), "un tour de table a permis à la pépite de lever 10 millions", "the round allowed
  Zorbi to raise $10m": the organisation raised the sum.
* :func:`stranded_investments`: a relative clause with no pronoun and a stranded preposition,
  "a deal with Zorbi, the robotics startup the group invested in": the organisation the
  description stands beside raised money from the clause's subject (a name, or what a
  description such as "the company" refers to through :mod:`..coref`).

Cue words are data (``word_lists`` in ``data/lexicon.json``: ``backing_joiners`` and
``joined_backing_verbs`` (lemmas), ``investor_relatives``, ``round_cause_words``,
``raise_enabling_verbs`` (lemmas), ``raise_beneficiary_preps``; the shared ``round_raising_verbs``,
``investing_verbs``, ``backing_participles``, ``investor_nouns``, ``funding_nouns`` and
``round_amount_words``).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens, doc_text
from ..lexicon import Lexicon
from .extensions import RelationCandidate

__all__ = ["BACKED_BY_SUM", "CAUSED", "HYPHEN_BACKED", "JOINED_BACKING", "RAISED_FOR", "RELATIVE", "STRANDED",
           "backed_by_sums", "backing_frames", "caused_by_rounds", "hyphen_backed", "joined_backing",
           "raised_for_others", "relative_investors", "stranded_investments"]

JOINED_BACKING = "pattern:joined-in-backing"
STRANDED = "pattern:stranded-investment"
BACKED_BY_SUM = "pattern:backed-by-sum"
RELATIVE = "pattern:relative-investor"
HYPHEN_BACKED = "pattern:legal-form-backed"
CAUSED = "pattern:round-as-cause"
RAISED_FOR = "pattern:raised-for-other"
#: Tokens after a raising verb within which the beneficiary's preposition must come ("raised $1bn *in funding* for").
_FOR_REACH = 6
#: Tokens before a raising verb within which the enabling verb must come ("a permis à la jeune pousse de lever").
_ENABLER_REACH = 8
#: Tokens before a round noun within which its cause words must end ("thanks to an eye-watering $3 billion round").
_CAUSE_REACH = 9
#: Tokens after a round noun within which its sum may come ("une levée *de 2,5 milliards*").
_SUM_REACH = 4
#: Copulas between the relative clause's names and the investor noun ("dont A *est* l'un des actionnaires").
_COPULAS = frozenset({"est", "sont", "était", "étaient", "is", "are", "was", "were"})
#: Tokens after the copula within which the investor noun must come ("l'un des principaux actionnaires").
_NOUN_REACH = 5
_AMOUNT = "MonetaryAmount"
#: The agent's preposition after a backing participle ("backed *by*", "soutenue *par*").
_AGENT_PREPS = frozenset({"by", "par"})
#: Words that may open the description before the name after an opening phrase ("*the startup* Zorbi").
_NAME_OPENERS = frozenset({"the", "la", "le", "l'", "l’"})
_CONFIDENCE = 0.7
_ORG = "Organization"
_ACTORS = frozenset({"Organization", "Person"})
#: Prepositions a stranded investing verb ends on ("the startup it invested *in*").
_STRANDED_PREPS = frozenset({"in", "into"})
#: What may stand between the description and its subject: auxiliaries and adverbs.
_BETWEEN = frozenset({"has", "had", "have", "already", "also", "previously", "once", "first", "recently"})
#: Words that start the description after the comma ("Zorbi, *the* startup ...").
_DESCRIPTION_OPENERS = frozenset({"the", "a", "an"})
#: Words before a joining verb's gerund ("joined B *in* backing Zorbi").
_GERUND_PREPS = frozenset({"in", "en"})


def backing_frames(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                   lang: str) -> list[RelationCandidate]:
    """Every construction of this module, for :mod:`.round_investors`."""
    return (joined_backing(doc, ent_of, lexicon, lang) + stranded_investments(doc, ent_of, refs, lexicon, lang)
            + backed_by_sums(doc, ent_of, lexicon, lang) + relative_investors(doc, ent_of, refs, lexicon, lang)
            + hyphen_backed(doc, ent_of, lexicon, lang) + caused_by_rounds(doc, ent_of, refs, lexicon, lang)
            + raised_for_others(doc, ent_of, refs, lexicon, lang))


def _candidate(subject: Span, predicate: str, obj: Span, sent: Span, extractor: str,
               confidence: float = _CONFIDENCE) -> RelationCandidate:
    return RelationCandidate(subject.start, subject.end, predicate, obj.start, obj.end, sent.start, sent.end,
                             extractor, confidence, "", "")


def joined_backing(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from the names of a joining verb's clause to the organisation its backing
    gerund takes (module docstring)."""
    gerunds = lexicon.words("joined_backing_verbs", lang)
    joiners = lexicon.words("backing_joiners", lang)
    out: list[RelationCandidate] = []
    for gerund in cue_tokens(doc, gerunds):
        if gerund.lemma_.lower() not in gerunds or not gerund.lower_.endswith(("ing", "ant")):
            continue
        if gerund.i == 0 or doc[gerund.i - 1].lower_ not in _GERUND_PREPS:
            continue
        sent = gerund.sent
        join = next((t for t in doc[sent.start: gerund.i - 1] if t.lemma_.lower() in joiners), None)
        recipient = _first_org_after(doc, gerund.i + 1, sent.end, ent_of)
        if join is None or recipient is None:
            continue
        seen: set[int] = set()
        for i in range(sent.start, gerund.i - 1):
            investor = ent_of.get(i)
            if investor is None or investor.start != i or investor.label_ not in _ACTORS or i in seen \
                    or doc[investor.end - 1].dep_ == "poss" \
                    or (investor.end < len(doc) and doc[investor.end].lower_ in ("'s", "’s")):
                continue
            seen.add(i)
            out.append(_candidate(investor, "investsIn", recipient, sent, JOINED_BACKING))
    return out


def _first_org_after(doc: Doc, start: int, end: int, ent_of: Mapping[int, Span]) -> Span | None:
    """The first organisation within a few words after ``start`` (the gerund's object, past a place
    or a descriptor before the name), none past a comma."""
    for i in range(start, min(end, start + 4)):
        if doc[i].text in {",", ";", "."}:
            return None
        ent = ent_of.get(i)
        if ent is not None and ent.label_ == _ORG:
            return ent
    return None


def stranded_investments(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                         lang: str) -> list[RelationCandidate]:
    """``investsIn`` from the subject of a stranded investing verb to the organisation its
    description stands beside (module docstring)."""
    if lang != "en":
        return []
    verbs = lexicon.words("investing_verbs", lang)
    describing = frozenset(lexicon.reference_nouns.get(_ORG, {}).get(lang, []))
    out: list[RelationCandidate] = []
    for verb in cue_tokens(doc, verbs):
        if verb.lemma_.lower() not in verbs or verb.i + 1 >= len(doc) or doc[verb.i + 1].lower_ not in _STRANDED_PREPS:
            continue
        after = doc[verb.i + 2] if verb.i + 2 < len(doc) else None
        if after is not None and not after.is_punct:
            continue
        sent = verb.sent
        j = verb.i - 1
        while j > sent.start and doc[j].lower_ in _BETWEEN:
            j -= 1
        investor, referred = _subject_at(j, ent_of, refs)
        if investor is None:
            continue
        subject_start = investor.start if not referred else _phrase_start(doc, j)
        recipient = _described(doc, subject_start, sent.start, ent_of, describing)
        if recipient is None or (recipient.start, recipient.end) == (investor.start, investor.end):
            continue
        out.append(_candidate(investor, "investsIn", recipient, sent,
                              STRANDED + ("+coref" if referred else ""),
                              _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0)))
    return out


def _subject_at(j: int, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]) -> tuple[Span | None, bool]:
    """The actor named at ``j`` (a name, or what a description or pronoun there refers to)."""
    ent = ent_of.get(j)
    if ent is not None:
        return (ent, False) if ent.label_ in _ACTORS else (None, False)
    ref = refs.get(j)
    if ref is None:
        return None, False
    found = next((c for c in ref.candidates if c.label_ in _ACTORS), None)
    return found, found is not None


def _phrase_start(doc: Doc, j: int) -> int:
    """The first word of the short noun phrase ending at ``j`` ("*the* company")."""
    i = j
    while i > 0 and doc[i - 1].lower_ in _DESCRIPTION_OPENERS | {"its", "their"}:
        i -= 1
    return i


def _described(doc: Doc, subject_start: int, lo: int, ent_of: Mapping[int, Span],
               describing: frozenset[str]) -> Span | None:
    """The organisation before ", the <words> <describing noun>" that ends right before the
    clause's subject ("Zorbi, the robotics startup | the group invested in")."""
    noun = subject_start - 1
    if noun <= lo or doc[noun].lower_ not in describing:
        return None
    i = noun - 1
    while i > lo and doc[i].text != "," and not doc[i].is_punct:
        if doc[i].lower_ in _DESCRIPTION_OPENERS and doc[i - 1].text == ",":
            ent = ent_of.get(i - 2)
            return ent if ent is not None and ent.label_ == _ORG else None
        i -= 1
    return None


def backed_by_sums(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``raised`` from the organisation a backing participle describes to the sum that is its agent
    (module docstring)."""
    participles = lexicon.words("backing_participles", lang)
    describing = frozenset(lexicon.reference_nouns.get(_ORG, {}).get(lang, []))
    out: list[RelationCandidate] = []
    for participle in cue_tokens(doc, participles):
        if participle.lower_ not in participles or participle.i + 2 >= len(doc) \
                or doc[participle.i + 1].lower_ not in _AGENT_PREPS:
            continue
        reach = range(participle.i + 2, min(len(doc), participle.i + 4))
        amount = next((ent_of[i] for i in reach if i in ent_of), None)
        if amount is None or amount.label_ != _AMOUNT:
            continue
        sent = participle.sent
        recipient = _before_comma(doc, participle.i, sent.start, ent_of) \
            or _after_opening(doc, participle.i, amount.end, sent, ent_of, describing)
        if recipient is not None:
            out.append(_candidate(recipient, "raised", amount, sent, BACKED_BY_SUM))
    return out


def _before_comma(doc: Doc, i: int, lo: int, ent_of: Mapping[int, Span]) -> Span | None:
    """"Zorbi, backed by ...": the organisation right before the comma before the participle."""
    if i - 2 < lo or doc[i - 1].text != ",":
        return None
    ent = ent_of.get(i - 2)
    return ent if ent is not None and ent.label_ == _ORG else None


def _after_opening(doc: Doc, i: int, end: int, sent: Span, ent_of: Mapping[int, Span],
                   describing: frozenset[str]) -> Span | None:
    """"(Founded by A and) backed by $N, Zorbi ...": when the participle is in the sentence's
    opening phrase (no organisation and no finite verb before it), the organisation that opens the
    main clause after the phrase's comma."""
    if any(ent_of.get(j) is not None and ent_of[j].label_ == _ORG for j in range(sent.start, i)) \
            or any(t.tag_ in ("VBD", "VBZ", "VBP") for t in doc[sent.start: i]):
        return None
    comma = next((t.i for t in doc[end: sent.end] if t.text == ","), None)
    if comma is None:
        return None
    j = comma + 1
    while j < sent.end and j < comma + 4 and (doc[j].lower_ in _NAME_OPENERS or doc[j].lower_ in describing):
        j += 1
    ent = ent_of.get(j)
    return ent if ent is not None and ent.start == j and ent.label_ == _ORG else None


def relative_investors(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                       lang: str) -> list[RelationCandidate]:
    """``investsIn`` from the names a relative clause makes investors to its antecedent (module
    docstring)."""
    relatives = lexicon.words("investor_relatives", lang)
    nouns = lexicon.words("investor_nouns", lang)
    out: list[RelationCandidate] = []
    for relative in cue_tokens(doc, relatives):
        sent = relative.sent
        j = relative.i + 1
        names: list[Span] = []
        while j < sent.end and (ent := ent_of.get(j)) is not None and ent.start == j and ent.label_ in _ACTORS:
            names.append(ent)
            j = ent.end
            if j < sent.end and doc[j].lower_ in {",", "et", "and"}:
                j += 1
        if not names or j >= sent.end or doc[j].lower_ not in _COPULAS \
                or not any(t.lower_ in nouns for t in doc[j + 1: min(sent.end, j + 1 + _NOUN_REACH)]):
            continue
        k = relative.i - 1
        if k > sent.start and doc[k].text == ",":
            k -= 1
        recipient, referred = ent_of.get(k), False
        if recipient is None:
            recipient, referred = _subject_at(k, ent_of, refs)
        if recipient is None or recipient.label_ != _ORG:
            continue
        for name in names:
            if (name.start, name.end) != (recipient.start, recipient.end):
                out.append(_candidate(name, "investsIn", recipient, sent, RELATIVE + ("+coref" if referred else ""),
                                      _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0)))
    return out


def hyphen_backed(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from the organisation before a one-token "Corp.-backed" to the organisation
    after it (module docstring)."""
    if lang != "en" or "-" not in doc_text(doc):
        return []
    participles = lexicon.words("backing_participles", lang)
    out: list[RelationCandidate] = []
    for token in _hyphen_words(doc, participles):
        investor = ent_of.get(token.i - 1) if token.i > 0 else None
        recipient = ent_of.get(token.i + 1)
        if investor is None or recipient is None or investor.label_ not in _ACTORS or recipient.label_ != _ORG \
                or recipient.start != token.i + 1:
            continue
        out.append(_candidate(investor, "investsIn", recipient, token.sent, HYPHEN_BACKED))
    return out


def _hyphen_words(doc: Doc, participles: frozenset[str]) -> list[Token]:
    """The one-token words of ``doc`` that end in "-<participle>" after a full stop ("Corp.-backed")."""
    found: list[Token] = []
    text = doc_text(doc).lower()
    for participle in participles:
        start = text.find(".-" + participle)
        while start >= 0:
            span = doc.char_span(start + 1, start + 2 + len(participle), alignment_mode="expand")
            if span is not None and len(span) == 1:
                found.append(span[0])
            start = text.find(".-" + participle, start + 1)
    return found


def caused_by_rounds(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                     lang: str) -> list[RelationCandidate]:
    """``raised`` from the subject of a clause to the sum of the round given as its cause (module
    docstring)."""
    nouns = lexicon.words("funding_nouns", lang) | lexicon.words("round_amount_words", lang)
    causes = [tuple(words.split()) for words in lexicon.words("round_cause_words", lang)]
    out: list[RelationCandidate] = []
    seen: set[int] = set()
    for noun in cue_tokens(doc, nouns):
        sent = noun.sent
        cause = _cause_before(doc, noun.i, sent.start, causes)
        if cause is None or any(t.text in {",", ";"} for t in doc[cause: noun.i]):
            continue
        amount = next((ent_of[i] for i in range(cause, min(sent.end, noun.i + 1 + _SUM_REACH))
                       if i in ent_of and ent_of[i].label_ == _AMOUNT), None)
        if amount is None or amount.start in seen:
            continue
        verb = doc[cause].head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")), None)
        if subject is None:
            continue
        owner, referred = _subject_at(subject.i, ent_of, refs)
        if owner is None or owner.label_ != _ORG:
            continue
        seen.add(amount.start)
        out.append(_candidate(owner, "raised", amount, sent, CAUSED + ("+coref" if referred else ""),
                              _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0)))
    return out


def _cause_before(doc: Doc, i: int, lo: int, causes: list[tuple[str, ...]]) -> int | None:
    """The start of the cause words that end within a few tokens before the round noun at ``i``."""
    for start in range(i - 1, max(lo, i - _CAUSE_REACH) - 1, -1):
        for words in causes:
            if start + len(words) <= i and all(doc[start + k].lower_ == w for k, w in enumerate(words)):
                return start
    return None


def raised_for_others(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                      lang: str) -> list[RelationCandidate]:
    """``raised`` for the organisation a person raised money for, or that something enabled to
    raise it (module docstring)."""
    verbs = lexicon.words("round_raising_verbs", lang)
    enablers = lexicon.words("raise_enabling_verbs", lang)
    preps = lexicon.words("raise_beneficiary_preps", lang)
    describing = frozenset(lexicon.reference_nouns.get(_ORG, {}).get(lang, []))
    out: list[RelationCandidate] = []
    for verb in cue_tokens(doc, verbs):
        if verb.lemma_.lower() not in verbs:
            continue
        sent = verb.sent
        amount = next((ent_of[i] for i in range(verb.i + 1, min(sent.end, verb.i + 4))
                       if i in ent_of and ent_of[i].label_ == _AMOUNT), None)
        if amount is None:
            continue
        found = _enabled(doc, verb, enablers, ent_of, refs) \
            or _beneficiary(doc, verb, amount, preps, ent_of, describing)
        if found is not None:
            owner, referred = found
            out.append(_candidate(owner, "raised", amount, sent, RAISED_FOR + ("+coref" if referred else ""),
                                  _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0)))
    return out


def _enabled(doc: Doc, verb: Token, enablers: frozenset[str], ent_of: Mapping[int, Span],
             refs: Mapping[int, Reference]) -> tuple[Span, bool] | None:
    """"(a) permis à X de lever", "allowed X to raise": X (a name, or what a description refers to)."""
    if verb.i < 2 or doc[verb.i - 1].lower_ not in ("de", "d'", "d’", "to"):
        return None
    lo = max(verb.sent.start, verb.i - _ENABLER_REACH)
    if not any(t.lemma_.lower() in enablers for t in doc[lo: verb.i - 1]):
        return None
    k = verb.i - 2
    while k > lo and doc[k].pos_ == "ADJ" and (k not in ent_of or ent_of[k].label_ == "Place"):
        # "la pépite *française* de lever": an adjective, a demonym among them
        k -= 1
    owner, referred = _subject_at(k, ent_of, refs)
    return (owner, referred) if owner is not None and owner.label_ == _ORG else None


def _beneficiary(doc: Doc, verb: Token, amount: Span, preps: frozenset[str], ent_of: Mapping[int, Span],
                 describing: frozenset[str]) -> tuple[Span, bool] | None:
    """"A has raised $N (in funding) for his new venture, Zorbi": the organisation after "for", when
    the verb's subject is a person."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    person = ent_of.get(subject.i) if subject is not None else None
    if person is None or person.label_ != "Person":
        return None
    end = min(verb.sent.end, amount.end + _FOR_REACH)
    prep = next((t.i for t in doc[amount.end: end] if t.lower_ in preps), None)
    if prep is None:
        return None
    for i in range(prep + 1, min(verb.sent.end, prep + 1 + 2 * _FOR_REACH)):
        ent = ent_of.get(i)
        if ent is not None:
            return (ent, False) if ent.label_ == _ORG else None
        word = doc[i]
        if not (word.pos_ in ("DET", "ADJ", "PRON", "PUNCT") or word.lower_ in describing
                or (word.pos_ == "NOUN" and i + 1 < len(doc) and doc[i + 1].lower_ in describing)):
            return None
    return None
