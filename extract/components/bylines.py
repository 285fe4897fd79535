"""Bylines: who wrote the article, and for which outlet (news furniture that states a fact).

A byline names the article's journalists and, often, the outlet they write for: "By Jane Doe,
CNBC", "Fortune — Jane Doe", "By Jane Doe and John Roe" with a wire dateline "June 8 (Reuters)
-", "(Reporting by Jane Doe in Bengaluru; Editing by John Roe)". The gold conventions count
``author worksFor outlet`` when the outlet is named in the text, and the small statistical
models often miss the names, since a byline is not a sentence. Two functions, one per stage:

* :func:`byline_people` (entity stage): two or three capitalised words right after a byline cue
  at the start of a line or after "(" / ";", or after "<organisation> —" opening a line, are a
  person ("By *Jane Doe*", "Par *Jane DOE* et ...", "Fortune — *Jane Doe*"), when the model found
  nothing there;
* :func:`byline_affiliations` (relation stage): each byline's people work for the organisation
  named right after them (", CNBC"), else for the wire named in parentheses in a dateline of
  the document ("(Reuters) -"); a line that is only an organisation, a dash and people ("Fortune
  — Jane Doe") is a byline too.

The cue words are data (``word_lists.byline_cues`` in ``data/lexicon.json``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens, doc_text
from .extensions import RelationCandidate

__all__ = ["CONFIDENCE", "EXTRACTOR", "byline_affiliations", "byline_people"]

EXTRACTOR = "pattern:byline"
CONFIDENCE = 0.8
_JOINERS = frozenset({"and", "et", ",", "&"})
#: Words before the cue in the credits line of wire copy ("(Reporting by X; Editing by Y)").
_LEADS = frozenset({"reporting", "editing", "writing"})
_OUTLET_SEPARATORS = frozenset({",", "—", "–", "-", "|", "/"})
_DASHES = frozenset({"—", "–", "-", "|"})
_DATELINE = re.compile(r"\((?P<name>[^()\n]{2,40})\)\s*[-—–]")


def _cue_ends(doc: Doc, cues: frozenset[str]) -> list[int]:
    """Indices of the tokens right after a byline cue that opens a line, a sentence, or follows
    "(" or ";" ("(Reporting by", "; Editing by")."""
    ends: list[int] = []
    for token in cue_tokens(doc, cues):
        if token.lower_ not in cues or token.i + 1 >= len(doc):
            continue
        previous = doc[token.i - 1] if token.i > 0 else None
        opener = token.i - 1 if previous is not None and previous.lower_ in _LEADS else token.i  # "Reporting by"
        before = doc[opener - 1] if opener > 0 else None
        if before is None or "\n" in before.text or "\n" in before.whitespace_ or before.text in {"(", ";"} \
                or doc[opener].is_sent_start:
            ends.append(token.i + 1)
    return ends


def byline_people(doc: Doc, ents: list[Span], cues: frozenset[str]) -> list[Span]:
    """People named in bylines that the model missed (see the module docstring)."""
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    found: list[Span] = []
    outlet_lines = [ent.end + 1 for ent in ents
                    if ent.label_ == "Organization" and ent.start_char < 600 and _opens_line(doc, ent.start)
                    and ent.end + 1 < len(doc) and doc[ent.end].text in _DASHES]  # "Fortune — Jane Doe"
    for start in [*_cue_ends(doc, cues), *outlet_lines]:
        while start < len(doc):
            end = start
            while end < len(doc) and end - start < 3 and end not in taken and _name_word(doc[end]):
                end += 1
            if end - start >= 2:
                found.append(Span(doc, start, end, label="Person"))
            elif start in taken:
                end = next(e.end for e in ents if e.start <= start < e.end)
            else:
                break
            if end < len(doc) and doc[end].lower_ in _JOINERS and doc[end].text != ",":
                start = end + 1
            else:
                break
    return found


def _opens_line(doc: Doc, index: int) -> bool:
    return index == 0 or "\n" in doc[index - 1].whitespace_ or "\n" in doc[index - 1].text


def _name_word(token: Token) -> bool:
    return token.is_alpha and (token.is_title or (token.is_upper and len(token) > 2)) and "\n" not in token.whitespace_


def byline_affiliations(doc: Doc, ent_of: Mapping[int, Span], cues: frozenset[str]) -> list[RelationCandidate]:
    """``worksFor`` candidates from the document's bylines (see the module docstring)."""
    wire = _wire(doc, ent_of)
    out: list[RelationCandidate] = []
    for start in _cue_ends(doc, cues):
        authors: list[Span] = []
        index = start
        while (ent := ent_of.get(index)) is not None and ent.label_ == "Person":
            authors.append(ent)
            index = ent.end
            if (index < len(doc) and doc[index].lower_ in _JOINERS and doc[index].text != ",") \
                    or (index + 1 < len(doc) and doc[index].text == "," and ent_of.get(index + 1) is not None \
                    and ent_of[index + 1].label_ == "Person"):
                index += 1
        if not authors:
            continue
        outlet = _outlet_after(doc, index, ent_of) or wire
        if outlet is not None:
            out.extend(_works_for(authors, outlet))
    for outlet, people in _outlet_lines(doc, ent_of):
        out.extend(_works_for(people, outlet))
    return out


def _works_for(authors: list[Span], outlet: Span) -> list[RelationCandidate]:
    sent = authors[0].doc[authors[0].start].sent
    return [RelationCandidate(a.start, a.end, "worksFor", outlet.start, outlet.end, sent.start, sent.end,
                              EXTRACTOR, CONFIDENCE, "", "") for a in authors]


def _outlet_after(doc: Doc, index: int, ent_of: Mapping[int, Span]) -> Span | None:
    """ "By Jane Doe*, CNBC*" (on the same line)."""
    if index + 1 >= len(doc) or doc[index].text not in _OUTLET_SEPARATORS or "\n" in doc[index - 1].whitespace_:
        return None
    ent = ent_of.get(index + 1)
    if ent is None or ent.label_ != "Organization" or ent.start != index + 1:
        return None
    return ent


def _outlet_lines(doc: Doc, ent_of: Mapping[int, Span]) -> list[tuple[Span, list[Span]]]:
    """ "*Fortune* — Jane Doe": a line that is an organisation, a dash and people, nothing else."""
    found: list[tuple[Span, list[Span]]] = []
    for ent in {id(e): e for e in ent_of.values()}.values():
        if ent.label_ != "Organization" or ent.start_char > 600:
            continue
        if not _opens_line(doc, ent.start) or ent.end + 1 >= len(doc) or doc[ent.end].text not in _DASHES:
            continue
        people: list[Span] = []
        index = ent.end + 1
        while (person := ent_of.get(index)) is not None and person.label_ == "Person" and person.start == index:
            people.append(person)
            index = person.end
            if index < len(doc) and doc[index].lower_ in _JOINERS and "\n" not in doc[index - 1].whitespace_:
                index += 1
        line_ends = index >= len(doc) or "\n" in doc[index - 1].whitespace_ or "\n" in doc[index].text
        if people and line_ends:
            found.append((ent, people))
    return found


def _wire(doc: Doc, ent_of: Mapping[int, Span]) -> Span | None:
    """The organisation of a wire dateline "(Reuters) -" in the document's first 600 characters."""
    match = _DATELINE.search(doc_text(doc), 0, 600)
    if match is None:
        return None
    span = doc.char_span(match.start("name"), match.end("name"))
    if span is None:
        return None
    ent = ent_of.get(span.start)
    return ent if ent is not None and ent.label_ == "Organization" else None
