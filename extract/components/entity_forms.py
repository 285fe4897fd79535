"""Names typed by their form and frame on fresh news, second round (entity stage, after
``org_constructions.py``).

A second batch of articles the project was not tuned on showed constructions the earlier rules
miss, whatever the names are:

* an event named with its edition year is the event, the year is the edition: "the *Acme Summit*
  2031" (the gold and the graph keep one event for all editions; ``extract/editions.py`` reads the
  year from the sentence) (:func:`edition_years`);
* a name ending in a venue noun after an event's or a company's name is a place, whole: "the
  *Harbin World Expo Exhibition and Convention Center*", "le *Orbis Center* de Reno" (the model cut
  it into an event and an organisation, or kept the city inside it) (:func:`venue_names`,
  ``venue_nouns``);
* a name renamed from an organisation is one: "*Lanshan*, the former Accel China" (:func:`renamed`,
  ``former_words``);
* the subject of a copula whose complement is an organisation noun is one: "*Qiandu* and *Wanxiang*
  are among the better-known startups", "*Lanshan* est une start-up chinoise"
  (:func:`copula_organisations`, ``org_nouns``).

Only unknown names of one to three tokens typed Person, Place or Product are re-typed. Word lists
are data (``data/lexicon.json``); the joining words of a name are grammar, kept here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from .long_names import LongNameWords, long_name_words, long_names
from .person_names import portfolio_cut

__all__ = ["FormWords", "entity_forms", "form_words"]

_YEAR = re.compile(r"^(19|20)\d\d$")
_RETYPED = frozenset({"Person", "Place", "Product"})
#: Words inside a venue's name between capitalised words ("Exhibition *and* Convention Center").
_VENUE_JOINERS = frozenset({"and", "&", "of"})
#: What may follow a venue's name and still end it: its city ("de Reno", "in Reno") or punctuation.
_AFTER_VENUE = frozenset({"de", "d'", "d’", "in", "à", "of"})
#: Words that open a venue's name after a place it is in ("la", "the").
_ARTICLES = frozenset({"the", "le", "la", "l'", "l’"})
#: The verbs of a copula and of "figurer parmi" and their prepositions of membership.
_AMONG = frozenset({"among", "amongst", "parmi"})
_COPULAS = frozenset({"be", "être", "figurer", "compter"})


@dataclass(frozen=True)
class FormWords:
    """The word lists of the constructions (lowercase, all languages together)."""

    event_heads: frozenset[str]
    venues: frozenset[str] = words_field("venue_nouns")
    former: frozenset[str] = words_field("former_words")
    org_nouns: frozenset[str] = frozenset()
    #: The words of :mod:`.long_names` (bracket acronyms, event series).
    long: LongNameWords | None = None
    #: Nouns of a role whose portfolio may precede a name ("Minister of Trade Jane Doe").
    role_nouns: frozenset[str] = frozenset()


def form_words(lexicon: Lexicon) -> FormWords:
    """The construction words, from the lexicon (both languages)."""
    return lexicon.read_words(
        FormWords,
        event_heads=frozenset(lexicon.event_words) | lexicon.words("event_heads"),
        org_nouns=frozenset(w for ws in lexicon.org_nouns.values() for w in ws),
        long=long_name_words(lexicon),
        role_nouns=frozenset(phrase.split()[-1] for lang in lexicon.roles.values() for phrase in lang),
    )


def entity_forms(doc: Doc, ents: list[Span], words: FormWords) -> list[Span]:
    """The document's entities with the constructions of this module applied."""
    ents = long_names(doc, ents, words.long) if words.long else ents
    ents = portfolio_cut(doc, ents, words.role_nouns)  # "Minister of Trade *Jane Doe*"
    ents = edition_years(doc, ents, words)
    ents = venue_names(doc, ents, words)
    ents = renamed(doc, ents, words)
    return copula_organisations(doc, ents, words)


# -- edition years --------------------------------------------------------------------------------


#: Words that name an edition before the event's name ("la 2e *édition* du Techfest 2031").
_EDITION_WORDS = frozenset({"edition", "édition", "editions", "éditions"})


def _before_event_noun(doc: Doc, ent: Span, words: FormWords) -> bool:
    """Whether lower-case words after ``ent`` end in an event noun ("Leap 2031 *tech show*")."""
    for token in doc[ent.end : min(len(doc), ent.end + 3)]:
        if token.lower_ in words.event_heads:
            return True
        if not (token.is_lower and token.is_alpha):
            break
    return False


def _edition_named(doc: Doc, ent: Span, words: FormWords) -> bool:
    """Whether the year ending ``ent`` is an edition's: after an event noun ("Summit 2031"), before
    lower-case words that end in one ("Leap 2031 tech show") or after an edition word ("la 2e
    édition du Techfest 2031")."""
    if ent[-2].lower_ in words.event_heads or _before_event_noun(doc, ent, words):
        return True
    return any(t.lower_ in _EDITION_WORDS for t in doc[max(0, ent.start - 3) : ent.start])


def edition_years(doc: Doc, ents: list[Span], words: FormWords) -> list[Span]:
    """An event's name ending in an edition's year loses the year (see :func:`_edition_named`); an
    unknown name and a year before an event noun is an event's edition whatever the model typed it
    ("the Orbis 2031 tech show")."""
    out: list[Span] = []
    for ent in ents:
        if len(ent) < 2 or not _YEAR.match(ent[-1].text):
            out.append(ent)
        elif ent.label_ == "Event" and _edition_named(doc, ent, words):
            out.append(Span(doc, ent.start, ent.end - 1, label="Event", kb_id=ent.kb_id_))
        elif not ent.kb_id_ and ent.label_ in {"Organization", "Product"} and _before_event_noun(doc, ent, words):
            out.append(Span(doc, ent.start, ent.end - 1, label="Event"))
        else:
            out.append(ent)
    return out


# -- venues ---------------------------------------------------------------------------------------


def _capitalised(text: str) -> bool:
    return bool(text[:1].isupper())


def venue_names(doc: Doc, ents: list[Span], words: FormWords) -> list[Span]:
    """A capitalised venue noun that ends a name ("Center", "Arena") makes the capitalised words
    before it a place, across "and"/"of": the entities inside are replaced, one that starts inside
    and runs on keeps what follows the venue's link word ("Center *de* Reno" -> "Reno")."""
    found: list[Span] = []
    for token in cue_tokens(doc, words.venues):
        i = token.i
        if not _capitalised(token.text) or token.lower_ not in words.venues or i == 0:
            continue
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is not None and (nxt.text in {"for", "pour"} or (nxt.is_lower and nxt.pos_ == "NOUN")
                                or (_capitalised(nxt.text) and "\n" not in token.whitespace_)):
            continue  # "Center for AI Safety", "the Data Center business", "Center Court"
        start = i
        while start > 0 and "\n" not in doc[start - 1].whitespace_:
            prev = doc[start - 1]
            if _capitalised(prev.text) and prev.is_alpha and not prev.is_sent_start:
                start -= 1
            elif prev.lower_ in _VENUE_JOINERS and start - 2 >= 0 and _capitalised(doc[start - 2].text):
                start -= 1
            else:
                break
        if start == i or doc[start].lower_ in _VENUE_JOINERS:
            continue
        if start == 0 or doc[start - 1].lower_ not in _ARTICLES:
            continue  # "the Orbis Center", "le Orbis Center": a named site, not a company's unit
        found.append(Span(doc, start, i + 1, label="Place"))
    # a name that reaches before the venue ("Orbis Center" inside a longer one): the text as read
    found = [v for v in found if not any(e.start < v.start < e.end for e in ents)]
    if not found:
        return ents
    out: list[Span] = []
    for ent in ents:
        venue = next((v for v in found if v.start < ent.end and ent.start < v.end), None)
        if venue is None:
            out.append(ent)
        elif ent.end > venue.end:
            rest = venue.end
            while rest < ent.end and doc[rest].lower_ in _AFTER_VENUE:
                rest += 1
            if rest < ent.end and _capitalised(doc[rest].text):
                out.append(Span(doc, rest, ent.end, label=ent.label_, kb_id=ent.kb_id_))
    return sorted(out + found, key=lambda e: e.start)


# -- renamed organisations ------------------------------------------------------------------------


def renamed(doc: Doc, ents: list[Span], words: FormWords) -> list[Span]:
    """ "X, the former <Organization>": X is the organisation's new name, an organisation."""
    starts = {e.start: e for e in ents}
    out: list[Span] = []
    for ent in ents:
        k = ent.end
        if (ent.label_ in _RETYPED and not ent.kb_id_ and len(ent) <= 3 and k + 3 < len(doc)
                and doc[k].text == "," and doc[k + 1].lower_ in _ARTICLES
                and doc[k + 2].lower_ in words.former):
            later = starts.get(k + 3)
            if later is not None and later.label_ == "Organization":
                out.append(Span(doc, ent.start, ent.end, label="Organization"))
                continue
        out.append(ent)
    return out


# -- copulas --------------------------------------------------------------------------------------


def _subject_noun(token: object) -> str:
    """The organisation noun a subject's copula gives it ("are among the startups", "est une
    start-up"), lowercased, or ""."""
    head = getattr(token, "head", None)
    if head is None:
        return ""
    if head.lemma_.lower() in _COPULAS:
        for child in head.children:
            if child.dep_ == "attr":
                return str(child.lemma_).lower()
            if child.lower_ in _AMONG:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return str(objects[0].lemma_).lower()
            if child.dep_ in {"obl:arg", "obl"} and any(c.lower_ in _AMONG for c in child.children):
                return str(child.lemma_).lower()  # "figurent parmi les start-up"
        return ""
    if any(c.dep_ == "cop" for c in head.children):
        return str(head.lemma_).lower()  # "X est une start-up"
    return ""


def copula_organisations(doc: Doc, ents: list[Span], words: FormWords) -> list[Span]:
    """Unknown names that are the subject (or a conjunct of it) of a copula whose complement is
    an organisation noun ("X and Y are among the startups", "X est une start-up") are organisations."""
    out: list[Span] = []
    for ent in ents:
        if ent.label_ not in _RETYPED or ent.kb_id_ or len(ent) > 3:
            out.append(ent)
            continue
        root = ent.root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head
        noun = _subject_noun(root) if root.dep_ in {"nsubj", "nsubj:pass"} else ""
        if noun and (noun in words.org_nouns or noun.rstrip("s") in words.org_nouns):
            out.append(Span(doc, ent.start, ent.end, label="Organization"))
        else:
            out.append(ent)
    return out
