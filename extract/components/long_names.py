"""Long names and their short forms on news from Gulf, Moroccan and Ivorian outlets (entity stage,
called from ``entity_forms.py``; dev batch 10).

Those articles name events and institutions by long phrases the statistical NER cuts, and define
an acronym once, in brackets, for the rest of the text:

* a long name followed by its acronym in brackets is one entity, the acronym a mention of it:
  "l'*Agence de promotion du numérique* (APN)", "the *Lagos Gate to Value Forum* (LGVF)"; the
  name starts at the word whose initial is the acronym's first letter and its initials (or its
  abbreviation, "Safe SuperIntelligence") spell the acronym, the test of Schwartz & Hearst (2003),
  or, failing that, its initials with a word or two the acronym skips ("Commission nationale de
  *protection* des données personnelles (CNDP)");
  every other mention of the acronym in the document takes the long name's type
  (:func:`bracket_names`);
* a known event's name followed by a continent is a series of its own, not the known one:
  "*Techfest Africa* 2031" is not "Techfest" (:func:`series_names`, ``event_series_qualifiers``);
* a social-media handle is no name: "(@Agence_APN)" (:func:`handles`).

The type of a bracket-defined name: an event noun at its end makes it an event, an institution
noun at its start an organisation, else the type the acronym was given when it is an organisation,
an event or a product, else an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from ..resolve import _abbreviates, _initials, _initials_skipping

__all__ = ["LongNameWords", "bracket_names", "handles", "long_name_words", "long_names", "series_names"]

#: An acronym: two to eight capitals, digits or "&" (the first a letter).
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
#: Lower-case words that may join the words of a long name ("Gate *to* Growth", "Agence *de la*").
_JOINERS = frozenset({"of", "for", "to", "on", "and", "&", "the", "de", "des", "du", "d'", "d’", "la", "l'", "l’",
                      "et", "pour", "sur", "en"})
#: The most words a long name read before its acronym may have.
_MAX_WORDS = 12
_KEPT_TYPES = frozenset({"Organization", "Event", "Product"})


@dataclass(frozen=True)
class LongNameWords:
    """The word lists of the constructions (lowercase, all languages together)."""

    event_heads: frozenset[str]
    institutions: frozenset[str] = words_field("institution_nouns")
    qualifiers: frozenset[str] = words_field("event_series_qualifiers")
    #: The last words of role phrases ("officer"): "Chief Science Officer (CSO)" defines a title.
    roles: frozenset[str] = frozenset()


def long_name_words(lexicon: Lexicon) -> LongNameWords:
    """The construction words, from the lexicon."""
    return lexicon.read_words(
        LongNameWords,
        event_heads=frozenset(lexicon.event_words) | lexicon.words("event_heads"),
        roles=frozenset(phrase.split()[-1] for lang in lexicon.roles.values() for phrase in lang),
    )


def long_names(doc: Doc, ents: list[Span], words: LongNameWords) -> list[Span]:
    """The document's entities with the constructions of this module applied."""
    ents = handles(doc, ents)
    ents = series_names(doc, ents, words)
    return bracket_names(doc, ents, words)


# -- handles --------------------------------------------------------------------------------------


#: Articles before a word with "&" that make it a common noun or a portfolio ("la R&D", "chargé de
#: la TN&RA"), not a company ("AT&T" is known).
_ARTICLES = frozenset({"la", "le", "les", "du", "des", "the"})


def handles(doc: Doc, ents: list[Span]) -> list[Span]:
    """Drop a name that is a handle (right after "@", or holding an underscore: "Agence_APN") and
    an unknown one-word name with "&" after an article ("chargé de la TN&RA"); a handle that is a
    known name is that name ("CEO @OpenAI")."""
    return [e for e in ents if e.kb_id_ or (
        "_" not in e.text and not (e.start > 0 and doc[e.start - 1].text.endswith("@"))
        and not e.text.startswith("@")
        and not (len(e) == 1 and "&" in e.text and e.start > 0 and doc[e.start - 1].lower_ in _ARTICLES))]


# -- series ---------------------------------------------------------------------------------------


def series_names(doc: Doc, ents: list[Span], words: LongNameWords) -> list[Span]:
    """A known event's name followed by a capitalised continent word is a series of its own:
    the span takes the word and loses the knowledge base's id ("Techfest Africa")."""
    out: list[Span] = []
    starts = {e.start: e for e in ents}
    skip: set[int] = set()
    for ent in ents:
        nxt = doc[ent.end] if ent.end < len(doc) else None
        after = starts.get(ent.end)
        if (ent.label_ == "Event" and ent.kb_id_ and nxt is not None and nxt.text[:1].isupper()
                and nxt.lower_ in words.qualifiers and "\n" not in doc[ent.end - 1].whitespace_
                and (after is None or after.end == ent.end + 1)):
            out.append(Span(doc, ent.start, ent.end + 1, label="Event"))
            skip.add(ent.end)  # the continent is part of the name
        elif ent.start not in skip:
            out.append(ent)
    return out


# -- acronyms in brackets -------------------------------------------------------------------------


def _defined(doc: Doc, open_at: int) -> tuple[int, str] | None:
    """The acronym of the bracket opened at ``open_at`` ("( APN )"): its token index and text."""
    if open_at + 2 >= len(doc) or doc[open_at + 2].text != ")":
        return None
    text = doc[open_at + 1].text
    return (open_at + 1, text) if _ACRONYM.match(text) and not text.isdigit() else None


def _long_form(doc: Doc, end: int, acronym: str) -> int | None:
    """Where the long name that ends before token ``end`` and that ``acronym`` abbreviates starts."""
    letters = acronym.replace("&", "")
    i = end - 1
    seen = 0
    best: int | None = None
    nearest_skipping: int | None = None  # the shortest name that skips a word or two of the acronym
    while i >= 0 and seen < _MAX_WORDS:
        token = doc[i]
        if "\n" in token.whitespace_ and i < end - 1:
            break
        if token.is_punct or token.like_num:
            break
        if not (token.is_alpha or token.lower_ in _JOINERS or "'" in token.text or "’" in token.text
                or "-" in token.text):
            break
        seen += 1
        if token.text[:1].isupper() and token.text[:1].lower() == letters[:1].lower():
            text = doc[i:end].text
            if _spells(letters, text):
                best = i
            elif nearest_skipping is None and _initials_skipping(letters, text):
                nearest_skipping = i
        i -= 1
    return best if best is not None else nearest_skipping


def _spells(letters: str, text: str) -> bool:
    """Whether ``letters`` are the initials or the abbreviation of ``text``, as entity resolution
    reads them (:mod:`aikg.extract.resolve`), so that the acronym's mentions merge with the name."""
    return _initials(text) == letters.upper() or _abbreviates(letters, text)


def _type_of(span: Span, acronym: Span | None, words: LongNameWords) -> str:
    if span[-1].lower_ in words.event_heads:
        return "Event"
    if span[0].lower_ in words.institutions:
        return "Organization"
    if acronym is not None and acronym.label_ in _KEPT_TYPES:
        return acronym.label_
    return "Organization"


#: The token a bracketed acronym opens with.
_OPENING = frozenset({"("})


def bracket_names(doc: Doc, ents: list[Span], words: LongNameWords) -> list[Span]:
    """A long name followed by its acronym in brackets is one entity; the acronym's mentions in
    the document take its type (see the module's docstring)."""
    found: list[tuple[Span, str]] = []
    at = {i: e for e in ents for i in range(e.start, e.end)}
    for token in cue_tokens(doc, _OPENING):  # the brackets only: no Token made for the other words
        if token.text != "(" or token.i == 0:
            continue
        defined = _defined(doc, token.i)
        if defined is None:
            continue
        index, acronym = defined
        start = _long_form(doc, token.i, acronym)
        if start is None or token.i - start < 2:
            continue
        known = at.get(start)
        if known is not None and known.start == start and known.end == token.i:
            continue  # a name already, typed by the model or the knowledge base ("World Economic Forum")
        acronym_ent = at.get(index)
        long = doc[start : token.i]
        if (acronym_ent is not None and acronym_ent.kb_id_) or long[-1].lower_ in words.roles:
            continue
        headed = long[-1].lower_ in words.event_heads or long[0].lower_ in words.institutions
        if acronym_ent is None and not headed:
            continue  # "Chief Science Officer (CSO)", "Artificial Intelligence (AI)": no name defined
        label = _type_of(long, acronym_ent, words)
        found.append((Span(doc, start, token.i, label=label), acronym))
    if not found:
        return ents
    types = {acronym: span.label_ for span, acronym in found}
    covered = {i for span, _ in found for i in range(span.start, span.end)}
    out: list[Span] = []
    for ent in ents:
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        typed = types.get(ent.text)
        if typed is not None and ent.label_ != typed and not ent.kb_id_:
            ent = Span(doc, ent.start, ent.end, label=typed)
        out.append(ent)
    taken = {e.text for e in out}
    for token in doc:  # an acronym mention the model did not find is one too
        typed = types.get(token.text)
        if typed is not None and token.text not in taken and not any(e.start <= token.i < e.end for e in out):
            out.append(Span(doc, token.i, token.i + 1, label=typed))
    return sorted(out + [span for span, _ in found], key=lambda e: e.start)
