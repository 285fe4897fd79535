"""The outlets a sentence cites are its sources, not parties to what it reports (pure, no model).

News cites where a story comes from in the sentence that tells it: "according to the Daily
Planet, Zorbi raised $5m", "Selon diverses sources, dont Kestrel News et le Journal, Zorbi
serait sur le point de lever", "the Daily Planet reported that Zorbi bought Lumo", "rapporte le
Journal". A pattern or the classifier that reads the sentence's names sees an organisation
beside a round or a deal and makes it a party ("Kestrel News raised", "Zorbi invests in the
Daily Planet"). This module finds the cited names and :func:`unsourced` drops every candidate of
a deal, round, product or founding predicate that has a cited name at either end, whatever found
it. A role at an outlet ("Jane Roe, a reporter at the Daily Planet") is kept.

The cited names are, for each word of ``report_words`` (``word_lists`` in ``data/lexicon.json``):

* a reporting verb ("reported", "rapporte", "révèle"): its subject, or, when the subject comes
  after it ("rapporte *le Journal*"), the name right after the verb;
* the outlet a speaking verb (``speech_verbs``) addresses: "Jane Roe told *Reuters*", "a déclaré
  *à l'AFP*", "a souligné, auprès de *l'AFP*, ...";
* a citing word ("according to", "selon"; the tagger may call "according" a verb: the "to" after
  it says it cites): the organisations listed after it, through
  common words ("diverses sources, dont A et B"), commas and "and"/"et", "dont", "including": a
  comma continues the list only when a coordinator follows before the next verb, so the subject
  of the main clause ("selon A, *Zorbi* serait") is no source.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..lexicon import load_lexicon
from .extensions import RelationCandidate

__all__ = ["SOURCED_PREDICATES", "cited_names", "unsourced"]

#: What a cited outlet is never a party to in the sentence that cites it.
SOURCED_PREDICATES = frozenset({"raised", "investsIn", "acquired", "partnerOf", "develops", "announced", "founded"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_VERB_POS = frozenset({"VERB", "AUX"})
#: Words a cited list may run through between its names.
_LIST_WORDS = frozenset({"and", "et", "&", "dont", "including", "notamment", "the", "le", "la", "les", "l'", "l’",
                         "a", "an", "des", "de", "du", "other", "autres", "as", "well", "ainsi", "que"})
_COORDINATORS = frozenset({"and", "et", "&"})
#: Tokens after a citing word within which its list must begin and may run.
_REACH = 16
_Span = tuple[int, int]


def unsourced(candidates: Sequence[RelationCandidate], cited: set[_Span]) -> list[RelationCandidate]:
    """``candidates`` without those of :data:`SOURCED_PREDICATES` that have a ``cited`` name (see
    :func:`cited_names`) at an end."""
    if not cited:
        return list(candidates)
    return [c for c in candidates if not (
        c.predicate in SOURCED_PREDICATES
        and ((c.subject_start, c.subject_end) in cited or (c.object_start, c.object_end) in cited))]


def cited_names(doc: Doc) -> set[_Span]:
    """The spans (token offsets) of the organisations the sentences of ``doc`` cite as sources."""
    lexicon = load_lexicon()
    names = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    out: set[_Span] = set()
    for word in cue_tokens(doc, lexicon.words_of(doc.lang_, "report_words")):
        citing = word.pos_ not in _VERB_POS or (word.i + 1 < len(doc) and doc[word.i + 1].lower_ == "to")
        found = list(_cited_after(word, names)) if citing else _reporter(word, names)
        out.update((ent.start, ent.end) for ent in found if ent.label_ == "Organization")
    for verb in cue_tokens(doc, lexicon.words_of(doc.lang_, "speech_verbs")):
        if verb.pos_ in _VERB_POS:
            out.update((ent.start, ent.end) for ent in _addressees(verb, names))
    return out


def _addressees(verb: Token, names: dict[int, Span]) -> list[Span]:
    """The outlet a speaker talks to: "Jane Roe *told Reuters*", "a déclaré *à l'AFP*", "a souligné,
    *auprès de l'AFP*, Jane Roe" (read along the text: the French parser hangs the phrase anywhere)."""
    doc = verb.doc
    if verb.lemma_.lower() == "tell":
        return [names[c.i] for c in verb.children if c.dep_ == "dobj" and c.i in names
                and names[c.i].label_ == "Organization"]
    j = verb.i + 1
    if j < len(doc) and doc[j].text == ",":
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ == "auprès" and doc[j + 1].lower_ in {"de", "d'", "d’", "du"}:
        j += 2
    elif j < len(doc) and doc[j].lower_ in {"à", "au"}:
        j += 1
    else:
        return []
    if j < len(doc) and doc[j].lower_ in {"l'", "l’", "la", "le"}:
        j += 1
    ent = names.get(j)
    return [ent] if ent is not None and ent.start == j and ent.label_ == "Organization" else []


def _reporter(verb: Token, names: dict[int, Span]) -> list[Span]:
    """The subject of a reporting verb, or the name right after it when the subject is inverted."""
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is not None:
        return [names[subject.i]] if subject.i in names else []
    doc = verb.doc
    j = verb.i + 1
    while j < verb.sent.end and j <= verb.i + 2 and j not in names and doc[j].lower_ in _LIST_WORDS:
        j += 1
    ent = names.get(j)
    return [ent] if ent is not None and ent.start == j else []


def _cited_after(word: Token, names: dict[int, Span]) -> Iterator[Span]:
    """The names listed after a citing word (see the module docstring)."""
    doc, end = word.doc, min(word.sent.end, word.i + _REACH)
    j = word.i + 1
    seen_name = False
    while j < end:
        token = doc[j]
        ent = names.get(j)
        if ent is not None and ent.start == j:
            if ent.label_ != "Organization":
                return  # "according to Jane Roe, ...": a person is quoted, not an outlet cited
            seen_name = True
            yield ent
            j = ent.end
            continue
        if token.text == ",":
            if not _list_goes_on(doc, j + 1, end):
                return
        elif token.pos_ in _VERB_POS or (seen_name and token.lower_ not in _LIST_WORDS):
            return
        elif not (token.lower_ in _LIST_WORDS or token.text == "to" or token.is_lower):
            return
        j += 1


def _list_goes_on(doc: Doc, start: int, end: int) -> bool:
    """Whether a coordinator or a list word comes after the comma before the next verb."""
    for token in doc[start:end]:
        if token.lower_ in _COORDINATORS or token.lower_ in {"dont", "including", "notamment"}:
            return True
        if token.pos_ in _VERB_POS:
            return False
    return False
