"""Guest lists, speaker lines and "X will also attend", for the event in focus.

Articles about an event give its guests in constructions that name no event and no verb of the
sentence patterns: a list after a guest noun ("the guest list includes A, CEO of X, and B", "les
invités ne manquent pas : le dirigeant de X A, la fondatrice de Y B"), a programme's lines ("Jane
Roe, Head of Policy, Acme."), "in the presence of A, but also of the heads of X and Y", "A's
appearance", "a keynote by A", "des prises de parole de cadres de X et Y", "A is also slated to
attend", "experts from X and Y attending", "A will take part in the debates, as will
representatives from X". :mod:`.attendance` gives each of these
``attended`` with the event in focus (its reader supplies the clause readers: subjects,
assertion); this module finds the cue and the guests.

Guests are read along the text, item by item (:func:`listed_guests`), because the parser hangs
such lists in every way. Per the annotation guidelines an organisation attends when the text puts
*it* there, not through a person it employs: an item that names a person gives the person only
("A, CEO of X": not X; "the head of X, A": not X), an item after a person joined only by a comma
is that person's description ("A, Head of Policy, Acme": not Acme), while an organisation whose
people are not named stands for them ("the heads of X and Y", "representatives from X", "X's
chief will attend").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field

__all__ = ["GuestWords", "guest_cues", "listed_guests"]

_PARTIES = frozenset({"Person", "Organization"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_OBJECT_DEPS = frozenset({"dobj", "obj"})
#: How far after a guest noun a list may open with a word ("guests *include*", "a guest list,
#: *including*"); a colon opens it anywhere later in the sentence.
_OPENER_REACH = 6
_VERB_POS = frozenset({"VERB", "AUX"})
_PRONOUN_EVENTS = frozenset({"it", "y", "en"})
_WITH = frozenset({"with", "avec"})
_TO = frozenset({"to", "à", "au", "aux"})


class ClauseReader(Protocol):
    """What :mod:`.attendance`'s reader tells about a clause."""

    def subjects(self, verb: Token, labels: frozenset[str]) -> list[Span]: ...

    def asserted(self, cue: Token) -> bool: ...

    def names_event(self, token: Token) -> bool: ...


@dataclass(frozen=True)
class GuestWords:
    """The cue words of one language (lower-cased words or lemmas, ``word_lists``)."""

    attendees: frozenset[str] = frozenset()
    lists: frozenset[str] = words_field("guest_list_nouns")
    openers: frozenset[str] = words_field("guest_list_openers")
    links: frozenset[str] = words_field("guest_list_links")
    joiners: frozenset[str] = frozenset()
    presence: frozenset[str] = words_field("presence_nouns")
    attend: frozenset[str] = words_field("attend_verbs")
    take_part: frozenset[str] = words_field("presence_verbs")
    sessions: frozenset[str] = words_field("session_nouns")
    travel: frozenset[str] = words_field("travel_verbs")
    #: Nouns of speaking at an event ("keynote", "talk", "prise de parole"): "a keynote by A",
    #: "des prises de parole de cadres de X, Y".
    speeches: frozenset[str] = words_field("speech_nouns")

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, lang: str, attendees: frozenset[str]) -> GuestWords:
        return lexicon.read_words(cls, lang, attendees=attendees, joiners=frozenset({",", ";", *lexicon.coordinators})
                                  | lexicon.words("guest_list_joiners", lang))


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words or token.lemma_.lower() in words


def listed_guests(doc: Doc, start: int, end: int, ent_of: Mapping[int, Span], words: GuestWords) -> list[Span]:
    """The guests listed in ``doc[start:end]``, read item by item along the text up to the first
    verb (see the module's docstring for what an item gives)."""
    found: list[Span] = []
    previous = ""  # what the last item was: "person", "describing" (a person), "org" or ""
    i = start
    while i < end:
        lead = doc[i].lower_ if doc[i].lower_ in words.joiners else ""
        j = i + 1 if lead else i
        people: list[Span] = []
        orgs: list[Span] = []
        linked = lead not in {"", ",", ";"}
        stop = False
        while j < end and doc[j].lower_ not in words.joiners:
            ent = ent_of.get(j)
            if ent is not None:
                if ent.start == j and ent.label_ == "Person":
                    people.append(ent)
                elif ent.start == j and ent.label_ == "Organization":
                    orgs.append(ent)
                j = max(j + 1, ent.end)
                continue
            if doc[j].pos_ in _VERB_POS and doc[j].lower_ not in words.links:
                stop = True
                break
            j += 1
        # after a name, the items joined by a comma describe it ("A, Head of Policy, Acme"), and so
        # do the items coordinated inside that description ("A, co-founder and CEO of X"); "but
        # also" (a link word) opens a new item
        describes = not any(doc[k].lower_ in words.links for k in range(i, j)) and (
            (previous == "person" and not linked) or previous == "describing")
        if people:
            found += people
            previous = "person"
        elif describes:
            previous = "describing"
        elif orgs:
            found += orgs  # "Google", "des dirigeants de X", "representatives from X"
            previous = "org"
        else:
            previous = ""
        if stop or j == i:
            break
        i = j
    return list(dict.fromkeys(found))


def guest_cues(doc: Doc, ent_of: Mapping[int, Span], words: GuestWords,
               reader: ClauseReader) -> Iterable[tuple[str, Token, list[Span]]]:
    """(cue, cue token, guests) for each construction of the module's docstring."""
    for sent in doc.sents:
        yield from _name_line(sent, ent_of, words)
    # the tokens a branch below reads: its cue words ("attending" too) and the verbs an "as" hangs
    # on ("..., as will B"); any other verb's _attending is empty
    cues = (words.attendees | words.lists | words.presence | words.travel | words.attend | words.take_part
            | words.speeches | {"take"} | {f"{word}ing" for word in words.attend})
    read = {t.i for t in cue_tokens(doc, cues)} | {t.head.i for t in cue_tokens(doc, frozenset({"as"}))}
    for token in (doc[i] for i in sorted(read)):
        if token.i in ent_of:
            continue
        pos = token.pos_
        if pos in {"NOUN", "PROPN"} and (_is(token, words.attendees) or (
                _is(token, words.lists) and any(_is(c, words.attendees) or f"{c.lemma_.lower()}s" in words.attendees
                                                for c in token.children))):
            guests = _after_guest_noun(token, ent_of, words, reader)
            if guests:
                yield "guest-list", token, guests
        elif pos == "NOUN" and (_is(token, words.presence) or _is(token, words.speeches)):
            # "keynote" and "intervention" are both: "in the presence of" first, else who speaks
            guests = _presence(token, ent_of, words) if _is(token, words.presence) else []
            if guests:
                if reader.asserted(token):
                    yield "presence-noun", token, guests
            elif _is(token, words.speeches) and (speakers := _speakers(token, ent_of, words)):
                yield "speech-noun", token, speakers  # a noun phrase: "n'a jamais eu autant de" negates nothing of it
        elif pos in _VERB_POS and reader.asserted(token):
            guests = _attending(token, ent_of, words, reader)
            if guests:
                yield "attending", token, guests
        elif pos == "NOUN" and token.lower_.endswith("ing") and token.lower_[:-3] in words.attend:
            guests = _absolute(token, ent_of, words)
            if guests:
                yield "attending", token, guests


def _after_guest_noun(noun: Token, ent_of: Mapping[int, Span], words: GuestWords,
                      reader: ClauseReader) -> list[Span]:
    """"the guest list includes A", "guests such as A", "les invités : A, B": the list the noun opens."""
    sent = noun.sent
    for t in sent[noun.i + 1 - sent.start:]:
        if t.text == ":":  # a heading-like clause before a colon is not negated in meaning ("ne manquent pas")
            return listed_guests(noun.doc, t.i + 1, sent.end, ent_of, words)
        if t.i - noun.i <= _OPENER_REACH and _is(t, words.openers) and reader.asserted(noun):
            first = t.i + 1
            while first < sent.end and _is(noun.doc[first], words.openers):  # "such as"
                first += 1
            return listed_guests(noun.doc, first, sent.end, ent_of, words)
    return []


def _presence(noun: Token, ent_of: Mapping[int, Span], words: GuestWords) -> list[Span]:
    """"in the presence of A and of the heads of X", "en présence de A", "A's appearance"."""
    doc = noun.doc
    owner = [ent_of[c.i] for c in noun.children if c.dep_ in {"poss", "nmod:poss"} and c.i in ent_of
             and ent_of[c.i].label_ in _PARTIES]
    if owner:
        return owner
    opened = noun.i > 0 and doc[noun.i - 1].lower_ in {"en", "in", "the"}
    if opened and noun.i + 1 < noun.sent.end and doc[noun.i + 1].lower_ in {"of", "de", "d'", "d’", "des", "du"}:
        return listed_guests(doc, noun.i + 1, noun.sent.end, ent_of, words)
    return []


def _speakers(noun: Token, ent_of: Mapping[int, Span], words: GuestWords) -> list[Span]:
    """"a keynote by A", "talks from A and B", "des prises de parole de cadres de X, Y et Z": who
    speaks, listed right after the noun's "by" / "from" / "of" / "de"."""
    doc = noun.doc
    link = noun.i + 1
    if link < noun.sent.end and doc[link].lower_ in {"by", "from", "of", "de", "d'", "d’", "des", "du"}:
        return listed_guests(doc, link + 1, noun.sent.end, ent_of, words)
    return []


def _attending(verb: Token, ent_of: Mapping[int, Span], words: GuestWords, reader: ClauseReader) -> list[Span]:
    """"A is slated to attend", "experts from X attending", "A will take part in the debates, as
    will representatives from X": attending with no other object than the event or its sessions."""
    if _is(verb, words.travel):
        if not _goes_to_event(verb, reader):
            return []
    elif _is(verb, words.attend):
        if any(c.dep_ in _OBJECT_DEPS and not reader.names_event(c) and c.lower_ not in _PRONOUN_EVENTS
               for c in verb.children):
            return []
    elif _takes_part(verb, words):
        sessions = [g for c in verb.children if c.dep_ in {"prep", "obl", "obl:arg"}
                    for g in ([c] if c.dep_ != "prep" else c.children) if g.dep_ in {"pobj", "obl", "obl:arg"}]
        if not sessions or not all(_is(s, words.sessions) for s in sessions):
            return []  # no object at all is read by attendance's presence cue
    elif not (verb.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children)
              and verb.head.pos_ in _VERB_POS and (_is(verb.head, words.attend) or _takes_part(verb.head, words))):
        return []  # "..., as will B": the ellipsis of the attending verb it hangs on
    found = reader.subjects(verb, _PARTIES)
    if found:
        return found
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None and verb.tag_ == "VBG":
        return _absolute(verb, ent_of, words)  # "with engineers from X attending"
    if subject is None or subject.pos_ != "NOUN":
        return []
    return listed_guests(verb.doc, subject.left_edge.i, subject.right_edge.i + 1, ent_of, words)


def _goes_to_event(verb: Token, reader: ClauseReader) -> bool:
    """"A travelled to the summit", "A s'est rendu au salon", "A s'y est rendu": going to the event
    (named, or "y"/"there" while it is in focus), not to a place; the French verb is reflexive."""
    children = list(verb.children)
    if verb.lang_ == "fr" and not any(c.lower_ in {"se", "s'", "s’"} for c in children):
        return False  # "rendre un rapport": no going
    if any(c.lower_ in {"y", "there"} for c in children):
        return True
    places = [g for c in children if c.dep_ in {"prep", "obl", "obl:arg", "obl:mod"}
              for g in ([c] if c.dep_ != "prep" else c.children) if g.dep_ != "case"]
    doc = verb.doc
    after = doc[verb.i + 1 : min(verb.i + 4, verb.sent.end)]  # the parser often hangs the event wrong
    return any(reader.names_event(p) for p in places) or any(
        t.lower_ in _TO and t.i + 1 < len(doc) and reader.names_event(doc[t.i + 1]) for t in after)


def _takes_part(verb: Token, words: GuestWords) -> bool:
    """"participate", "participer", "take part"."""
    return _is(verb, words.take_part) or (verb.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children))


def _absolute(token: Token, ent_of: Mapping[int, Span], words: GuestWords) -> list[Span]:
    """"With experts from X, Y and Z attending, ...": the absolute clause the parser reads as a
    noun phrase ("Z attending"); its guests are read from "with" on."""
    sent = token.sent
    start = next((t.i for t in reversed(sent[: token.i - sent.start]) if t.lower_ in _WITH), None)
    return [] if start is None else listed_guests(token.doc, start + 1, token.i, ent_of, words)


def _name_line(sent: Span, ent_of: Mapping[int, Span], words: GuestWords) -> Iterable[tuple[str, Token, list[Span]]]:
    """"Jane Roe, Head of Policy, Acme.", "À gauche : Jean Dupont, le patron d'Acme.": a line that
    is only a person's name and description (a programme's speakers, a recap's captions)."""
    # the line opens with a person's name (after a colon at most): a sentence where no person's
    # name starts is left before a Token is made (nearly every sentence)
    if not any((e := ent_of.get(k)) is not None and e.start == k and e.label_ == "Person"
               for k in range(sent.start, sent.end + 1)):
        return
    tokens = [t for t in sent if not t.is_space]
    if not tokens or any(t.pos_ in _VERB_POS and t.i not in ent_of for t in tokens):
        return
    colon = next((t.i for t in tokens if t.text == ":"), None)
    first = tokens[0].i if colon is None else colon + 1
    ent = ent_of.get(first)
    if ent is None or ent.start != first or ent.label_ != "Person":
        return
    if ent.end < sent.end and sent.doc[ent.end].text == ",":
        yield "name-line", sent.doc[first], [ent]
