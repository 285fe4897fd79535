"""Types for unknown names from the sentence around them ("Lyon-based *X*", "*X*, which ...").

The small statistical models type a name they have never seen from its shape, and news is full
of names nobody has seen: a start-up, a fund or an app comes out as a Place or a Person ("Lyon-based
*Quellis*" -> Place, "*Brightwave*, which sells ..." -> Person), and a person named with a role
comes out as an Organization ("the trade minister, *Jane Doe*"). ``descriptor_types.py`` reads the
nouns that describe a name; this module reads eight more constructions of the sentence, for names
the knowledge base does not know, with word lists from ``data/lexicon.json``:

* a capitalised name right after "<Place>-based" / "-headquartered" (``based_words``) is an
  organisation ("the Lyon-based *Quellis*", "Oslo-headquartered *Brightwave*"), added when the
  model missed it;
* a name in a written list ("A, B and C", parenthesised notes allowed between the names) where
  at least two other names, and most of them, are organisations is one too, when the model typed
  it a Person or a Place from one word (or from words no person's name has: "*QX Partners*");
* a one-word Person that a "which" clause describes is a thing, not a person: an organisation
  ("*Brightwave*, which sells ...");
* a name in brackets right after a person's full name is the person's organisation ("Jane Doe
  (*Quellis*)"), added when the model missed it;
* the subject of a passive "founded by" / "acquired by" / "fondée par" (``org_passive_verbs``)
  is an organisation, added when the model missed a proper noun there ("*Quellis* was founded
  by two engineers");
* a two- or three-word name of capitalised words typed Organization is a person when a role
  noun (``roles``, ``title_words``, ``person_nouns``; in lower case or an acronym, "CEO") stands in
  apposition to it ("the trade minister, *Jane Doe*", "*Jane Doe*, a journalist", "the CEO and
  founder of X, *Jane Doe*") or a byline cue opens its line ("By *Jane Doe*"), or when it is
  listed among people ("researchers Jane Doe, *Llion Roe*, and John Poe");
* a one-word Person or Place that begins an organisation's longer name in the document is that
  organisation ("Sakana AI ... *Sakana*’s models").

Known places (the knowledge base's) are never re-typed, and a one-word name that is a word of a
person's full name in the document is left to the surname rules of resolution.

>>> import spacy
>>> from spacy.tokens import Span
>>> nlp = spacy.blank("en")
>>> doc = nlp("Funds such as Kestrel Capital, Orbis Ventures and Brightwave joined.")
>>> ents = [Span(doc, 3, 5, "Organization"), Span(doc, 6, 8, "Organization"), Span(doc, 9, 10, "Place")]
>>> words = ContextWords(based=frozenset(), passive_verbs=frozenset(), role_nouns=frozenset(),
...                      byline_cues=frozenset())
>>> [(e.text, e.label_) for e in retype_by_context(doc, ents, words)]
[('Kestrel Capital', 'Organization'), ('Orbis Ventures', 'Organization'), ('Brightwave', 'Organization')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens, doc_text
from ..kb import KnowledgeBase
from ..lexicon import Lexicon, words_field
from ..normalize import fold
from ..records import EntityType
from .descriptor_types import descriptor_words
from .frame_types import FrameWords, frame_words, retype_by_frame
from .person_names import hyphenated_given_names, person_name_forms, role_cut_first_names

__all__ = ["ContextWords", "context_words", "retype_by_context", "written_lists"]

#: Tokens that may stand between two names of one written list.
_LIST_GLUE = frozenset({",", "and", "et", "&", "or", "ou", ";"})
_LIST_KINDS = frozenset({"Person", "Place"})
#: Longest parenthesised note allowed between two listed names ("Alpha (robotics), Beta").
_NOTE_TOKENS = 6
_WHICH = frozenset({"which"})
_HYPHENS = frozenset({"-", "‑"})
_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass"})
#: The dependency of a passive participle's "by" / "par" phrase.
_AGENTS = frozenset({"agent", "obl:agent"})
#: Predicates whose subject is never a place (a place invests, announces and hosts; it does not
#: partner, raise, acquire, found or develop).
_ACTOR_PREDICATES = frozenset({"partnerOf", "raised", "acquired", "founded", "develops"})


@dataclass(frozen=True)
class ContextWords:
    """The words each construction looks for (lowercase, all languages together)."""

    #: "based", "headquartered": "<Place>-based X".
    based: frozenset[str]
    #: Lemmas of verbs whose passive subject is an organisation ("found", "acquire", "fonder").
    passive_verbs: frozenset[str] = words_field("org_passive_verbs")
    #: Nouns of a person's role or trade ("minister", "journalist", "ceo").
    role_nouns: frozenset[str] = frozenset()
    #: Last words of the roles held in an organisation ("ceo", "directrice"), not in a state
    #: ("minister", "envoyé", ``person_nouns``): what such a role is "of" is an organisation.
    employer_roles: frozenset[str] = frozenset()
    #: Whole role phrases, lower-cased ("vice president", "chief technology officer"): press releases
    #: write them in Title Case after a name ("Jane Doe, *Vice President* of X").
    role_phrases: frozenset[str] = frozenset()
    #: Words that open a byline ("by", "par").
    byline_cues: frozenset[str] = words_field("byline_cues")
    #: Words that end an organisation's name ("capital", "labs"): no person's name has them.
    org_suffixes: frozenset[str] = frozenset()
    #: The words of ``frame_types.py`` (lists after a plural organisation noun, founded objects, ...).
    frame: FrameWords | None = None
    #: Lemmas of verbs of leading ("lead", "piloter"): the name their participle describes with an
    #: agent is an organisation when the model typed it a Place or a Person ("*X*, piloté par Y").
    led_verbs: frozenset[str] = words_field("org_led_verbs")
    #: Words written before a person's name that are no part of it ("maître", "sheikh").
    honorifics: frozenset[str] = words_field("honorifics")
    #: Lemmas of verbs whose subject is an organisation or a person, never a place ("partner",
    #: "acquire", "raise", "develop"): the relation verbs of the lexicon whose predicates all are so.
    actor_verbs: frozenset[str] = frozenset()
    #: Words and phrases that are never a name (``not_entities``: "AI", "cloud"), folded.
    not_entities: frozenset[str] = frozenset()


def context_words(lexicon: Lexicon) -> ContextWords:
    """The construction words, from the lexicon (both languages)."""
    roles = frozenset(phrase.split()[-1] for lang in lexicon.roles.values() for phrase in lang)
    titles = frozenset(phrase.split()[-1] for phrase in lexicon.title_words)
    return lexicon.read_words(
        ContextWords,
        based=frozenset(w for ws in lexicon.based_words.values() for w in ws),
        role_nouns=roles | titles | lexicon.words("person_nouns"),
        role_phrases=frozenset(phrase.lower() for lang in lexicon.roles.values() for phrase in lang),
        employer_roles=roles - lexicon.words("person_nouns") - _STATE_ROLES,
        org_suffixes=lexicon.org_suffixes,
        frame=frame_words(lexicon, descriptor_words(lexicon)),
        actor_verbs=frozenset(verb for lang in lexicon.verbs.values() for verb, predicates in lang.items()
                              if predicates and set(predicates) <= _ACTOR_PREDICATES),
        not_entities=lexicon.not_entities,
    )


def _known_place(ent: Span, kb: KnowledgeBase | None) -> bool:
    if kb is None:
        return False
    entry = kb.lookup(ent.text)
    return entry is not None and entry.type is EntityType.PLACE


def _one_of_a_person(ent: Span, person_words: set[str]) -> bool:
    """A one-word name that is a word of a person's full name in the document ("Doe")."""
    return len(ent) == 1 and ent.root.lower_ in person_words


def _based_names(doc: Doc, ents: list[Span], words: ContextWords, by_token: dict[int, Span]) -> dict[int, Span]:
    """ "Lyon-based *Quellis*": the name after a glued "-based" (found in the text, not token by token),
    and the name before it, a place whatever the model made of it ("*Cologne*-based")."""
    if not words.based:
        return {}
    found: dict[int, Span] = {}
    for match in _based_pattern(words.based).finditer(doc_text(doc)):
        before = doc.char_span(match.start() - 1, match.start(), alignment_mode="expand") if match.start() else None
        seat = by_token.get(before.start) if before is not None else None
        if seat is not None and before is not None and not seat.kb_id_ and seat.end == before.end:  # over a list
            found[seat.start] = Span(doc, seat.start, seat.end, label="Place")
        start_token = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if start_token is None:
            continue
        start = start_token.start
        if start in by_token:
            ent = by_token[start]
            if not ent.kb_id_ and ent.start == start and ent.label_ in _LIST_KINDS | {"Product"} and len(ent) <= 3:
                found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
            continue
        end = start
        while end < len(doc) and end - start < 3 and end not in by_token and _name_word(doc[end]):
            end += 1
        last = doc[end - 1]
        if end > start and not (last.head.i >= end and last.head.is_lower):  # "Toronto-based AI startup"
            if fold(doc[start:end].text) in words.not_entities:  # "a Lyon-based AI and robotics group"
                continue
            found[start] = Span(doc, start, end, label="Organization")
    return found


@lru_cache(maxsize=4)
def _based_pattern(based: frozenset[str]) -> re.Pattern[str]:
    """ "-based " before a letter (compiled once per word list)."""
    return re.compile(r"-(?:{})\s+(?=[^\W\d_])".format("|".join(map(re.escape, sorted(based)))), re.I)


def _name_word(token: Token) -> bool:
    """A capitalised word of a name ("Quellis", "Nod.ai", "eQuellis"), not a function word."""
    text = token.text
    capitalised = text[:1].isupper() or (text[:1].islower() and text[1:2].isupper())
    return (capitalised and any(ch.isalpha() for ch in text) and not token.is_punct
            and token.pos_ in {"PROPN", "NOUN", "X", "ADJ", "VERB"} and "\n" not in token.whitespace_)


def _gap_is_glue(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start:end`` are list glue: commas and conjunctions, and parenthesised notes."""
    if end - start > _NOTE_TOKENS + 4 or end <= start:
        return False
    depth = 0
    glue = False
    for token in doc[start:end]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0:
            if token.lower_ not in _LIST_GLUE:
                return False
            glue = True
        if "\n" in token.whitespace_:
            return False
    return glue and depth == 0


def _lists(doc: Doc, ents: list[Span]) -> list[list[Span]]:
    """Runs of names that a written list joins (two or more)."""
    runs: list[list[Span]] = []
    current: list[Span] = []
    for ent in ents:
        if current and _gap_is_glue(doc, current[-1].end, ent.start):
            current.append(ent)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = [ent]
    if len(current) >= 2:
        runs.append(current)
    return runs


def written_lists(doc: Doc, ents: list[Span]) -> list[list[Span]]:
    """Runs of two or more of ``ents`` (sorted) that a written list joins ("A, B (note) and C")."""
    return _lists(doc, ents)


def _most_others_are(run: list[Span], ent: Span, label: str) -> bool:
    """At least two of the other names of the list ``run``, and most of them, are ``label``."""
    others = [e.label_ for e in run if e is not ent]
    count = others.count(label)
    return count >= 2 and count > len(others) / 2


def _listed_organisations(doc: Doc, ents: list[Span], person_words: set[str],
                          kb: KnowledgeBase | None) -> dict[int, Span]:
    """ "Kestrel Capital, Orbis Ventures and *Brightwave*": a list of organisations types its
    one-word (or not person-shaped) Person and Place members."""
    found: dict[int, Span] = {}
    for run in _lists(doc, ents):
        for ent in run:
            if ent.kb_id_ or ent.label_ not in _LIST_KINDS or _one_of_a_person(ent, person_words):
                continue
            if len(ent) > 1 and (ent.label_ == "Place" or all(t.is_alpha and t.is_title for t in ent)):
                continue  # "Jane Doe" among funds is an angel investor; "New York" a place
            if _known_place(ent, kb):
                continue
            if _most_others_are(run, ent, "Organization"):
                found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
    return found


def _which_things(doc: Doc, ents: list[Span], person_words: set[str]) -> dict[int, Span]:
    """ "*Brightwave*, which sells ...": a one-word Person that "which" describes."""
    found: dict[int, Span] = {}
    for ent in ents:
        if ent.kb_id_ or ent.label_ != "Person" or len(ent) != 1 or _one_of_a_person(ent, person_words):
            continue
        if ent.end + 1 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ in _WHICH:
            found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
    return found


def _passive_subjects(doc: Doc, ents: list[Span], words: ContextWords, by_token: dict[int, Span],
                      person_words: set[str]) -> dict[int, Span]:
    """ "*Quellis* was founded by ...", "*Quellis*, founded in 2024 by ...", "*Quellis*, fondée en
    2022 par ...", "Founded by A and B, *Quellis* ...": the subject of a passive founding or
    acquisition, the name its participle (with its agent) describes, or the subject of the clause
    a fronted participle opens."""
    found: dict[int, Span] = {}
    products = {e.text for e in by_token.values() if e.label_ == "Product"}
    subject_ids = [doc.vocab.strings[d] for d in (*_SUBJECTS, "acl", "advcl", "nmod", "appos")
                   if d in doc.vocab.strings]
    deps = doc.to_array("DEP")  # one array, not one Python step per token
    for index in numpy.flatnonzero(numpy.isin(deps, subject_ids)):
        token = doc[int(index)]
        if token.dep_ in {"acl", "advcl", "nmod", "appos"}:  # a participle with an agent that says "by whom"
            verb = token
            if not any(c.dep_ in _AGENTS for c in verb.children):
                continue
            if verb.dep_ in {"acl", "nmod", "appos"}:  # "X, founded in 2024 by ...": the name is its head
                # (a French participle the tagger read as a noun, "X, piloté par Y", is an nmod or
                # an apposition)
                token = verb.head
            else:  # "Founded by A and B, X leverages ...": the subject of the clause it opens
                subject = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i > verb.i), None)
                if subject is None or verb.i > verb.head.i:
                    continue
                token = subject
            # a capitalised singular word it describes is a name, even one the tagger read as a noun
            # ("*Reflection*, founded in 2024 by ...")
            named = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title and token.tag_ != "NNS")
        else:
            verb = token.head
            named = token.pos_ == "PROPN"
        ent = by_token.get(token.i)
        lemma = _participle_lemma(verb)
        # not "the Series B, led by", nor a product of the document ("sa plateforme X ... X, dirigée par")
        led = (lemma in words.led_verbs and ent is not None and ent.label_ in _LIST_KINDS
               and ent.text not in products)
        if not named or (lemma not in words.passive_verbs and not led):
            continue
        if ent is not None:
            if (not ent.kb_id_ and ent.label_ in _LIST_KINDS | {"Product"} and len(ent) <= 3
                    and not _one_of_a_person(ent, person_words)):
                if ent.label_ == "Person" and len(ent) > 1:
                    continue
                found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ in {"compound", "flat:name"} and doc[start - 1].head.i == token.i \
                and _name_word(doc[start - 1]) and start - 1 not in by_token:
            start -= 1
        if _name_word(token) and token.lower_ not in person_words:
            found[start] = Span(doc, start, token.i + 1, label="Organization")
    return found


def _affiliations(doc: Doc, ents: list[Span], by_token: dict[int, Span], words: ContextWords,
                  kb: KnowledgeBase | None) -> dict[int, Span]:
    """ "Jane Doe (*Quellis*)": a name in brackets right after a person's full name is the
    organisation the person belongs to (added when the model missed it)."""
    found: dict[int, Span] = {}
    for ent in ents:
        if ent.label_ != "Person" or len(ent) < 2 or ent.end + 2 >= len(doc) or doc[ent.end].text != "(":
            continue
        start = ent.end + 1
        end = start
        while end < len(doc) and end - start < 3 and _name_word(doc[end]):
            end += 1
        if end == start or end >= len(doc) or doc[end].text != ")":
            continue
        inner = doc[start:end]
        if (inner.text.isupper() and len(inner.text) < 2) or any(t.lower_ in words.role_nouns for t in inner):
            continue  # "(R)", "(CEO)"
        known = by_token.get(start)
        if known is not None:
            if (not known.kb_id_ and known.start == start and known.end == end and known.label_ in _LIST_KINDS
                    and not _known_place(known, kb)):
                found[start] = Span(doc, start, end, label="Organization")
            continue
        if not any(i in by_token for i in range(start, end)) and not _known_place(inner, kb):
            found[start] = Span(doc, start, end, label="Organization")
    return found


def _participle_lemma(verb: Token) -> str:
    """The verb's lemma, and that of a French past participle the tagger read as a noun ("piloté"
    -> "piloter")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" and verb.lang_ == "fr":
        return re.sub(r"ée?s?$", "er", verb.lower_)
    return lemma


def _opens_line(doc: Doc, index: int) -> bool:
    return index == 0 or "\n" in doc[index - 1].whitespace_ or "\n" in doc[index - 1].text


def _people_with_roles(doc: Doc, ents: list[Span], words: ContextWords) -> dict[int, Span]:
    """ "the trade minister, *Jane Doe*", "*Jane Doe*, a journalist", "By *Jane Doe*": a name of
    two or three capitalised words typed Organization or Place, with a person's role or a byline.
    The role is read on the tree (an apposition) and, where the parser reads a list of people with
    their roles as one flat list, on the words: a lowercase role right after the name and a comma
    ("*Jane Doe*, présidente de X", "*Jane Doe*, a senior researcher at X"), or right before it
    ("AI executive *Jane Doe*")."""
    found: dict[int, Span] = {}
    for ent in ents:
        parts = [t for t in ent if t.text not in _HYPHENS]  # "Jean-Baptiste" may be three tokens
        if ent.kb_id_ or ent.label_ not in {"Organization", "Place"} or not 2 <= len(ent.text.split()) <= 3:
            continue
        if not all(t.is_alpha and t.text[:1].isupper() for t in parts):
            continue
        if any(t.is_upper for t in parts) or any(t.lower_ in words.org_suffixes for t in parts):
            continue  # "AWS Labs", "Kestrel Venture Partners": an acronym or a legal form is an organisation's
        root = ent.root
        apposed = [root.head] if root.dep_ == "appos" else []
        apposed.extend(c for c in root.children if c.dep_ == "appos")
        # a role in lower case or an acronym ("the *CEO* and founder of X, Jane Doe"), not a name's word
        role = any(t.lower_ in words.role_nouns and (t.is_lower or t.is_upper) for t in apposed)
        role = role or _role_beside(doc, ent, words.role_nouns) or _title_case_role_after(doc, ent, words.role_phrases)
        before = ent.start - 1
        byline = before >= 0 and doc[before].lower_ in words.byline_cues and _opens_line(doc, before)
        if role or byline:
            found[ent.start] = Span(doc, ent.start, ent.end, label="Person")
    # the role says what the name is at every mention of the document ("AI executive *Jane Doe*" ...
    # "*Jane Doe*'s departure", which the model read as an organisation)
    people = {span.text for span in found.values()}
    for ent in ents:
        if ent.start not in found and ent.text in people and not ent.kb_id_ and ent.label_ in {"Organization", "Place"}:
            found[ent.start] = Span(doc, ent.start, ent.end, label="Person")
    return found


#: Words that may stand between a name's comma and the role after it ("Jane Doe, *a senior* researcher").
_ROLE_OPENERS = frozenset({"a", "an", "the", "un", "une", "le", "la", "l'", "l’", "its", "his", "her", "sa", "son"})


def _unnamed_before_roles(doc: Doc, words: ContextWords, by_token: dict[int, Span]) -> dict[int, Span]:
    """ "*Jane Doe*, CEO of X, said": two or three capitalised words that open a sentence or a line,
    right before a comma and a role followed by "of" / "at" / "de" / "chez", where the model found
    no name at all (it misses people at the start of a paragraph): a person."""
    found: dict[int, Span] = {}
    for role in cue_tokens(doc, words.role_nouns):
        comma = role.i - 1
        if comma < 2 or role.i + 1 >= len(doc) or role.lower_ not in words.role_nouns or doc[comma].text != "," \
                or doc[role.i + 1].lower_ not in _ROLE_LINKS:
            continue
        start = comma
        while start > 0 and comma - start < 3 and _name_word(doc[start - 1]) and doc[start - 1].is_alpha \
                and not doc[start - 1].is_upper:
            start -= 1
            if _opens_line(doc, start) or doc[start].is_sent_start:
                break
        opens = _opens_line(doc, start) or doc[start].is_sent_start
        if comma - start >= 2 and opens and not any(i in by_token for i in range(start, comma)) \
                and not any(t.lower_ in words.org_suffixes for t in doc[start:comma]):
            found[start] = Span(doc, start, comma, label="Person")
    return found


def _role_beside(doc: Doc, ent: Span, role_nouns: frozenset[str]) -> bool:
    """A lowercase role noun right before the name ("executive *Jane Doe*"), or after its comma,
    an article and at most two lowercase modifiers, and not the first word of a compound ("Jane
    Doe, *présidente* de X", "Jane Doe, a key *researcher* at X"; not "X, a CEO coaching firm")."""
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.is_lower and before.lower_ in role_nouns and ent.start <= before.head.i < ent.end:
        return True
    i = ent.end
    if i >= len(doc) or doc[i].text != "," or "\n" in doc[i].whitespace_:
        return False
    i += 1
    if i < len(doc) and doc[i].lower_ in _ROLE_OPENERS:
        i += 1
    for _ in range(3):
        if i >= len(doc) or not doc[i].is_lower:
            return False
        if doc[i].lower_ in role_nouns:
            after = doc[i + 1] if i + 1 < len(doc) else None
            return after is None or not (after.is_lower and after.pos_ == "NOUN")
        i += 1
    return False


#: What may follow a Title Case role phrase: its organisation's link, a comma, the sentence's end.
_AFTER_TITLE = frozenset({",", ";", ".", "of", "at", "for", "de", "du", "d'", "d’", "chez", "and", "et", ")"})
#: The most capitalised words an organisation's name may take before the role ("*Airbus* Vice President").
_OWNER_WORDS = 2


#: Roles held in a state, whose complement may be a place ("envoy of X"), beside ``person_nouns``
#: (which holds "minister", "ministre").
_STATE_ROLES = frozenset({"envoy", "envoyé", "envoyée"})
#: The links between a role and its organisation, and the articles after them ("présidente *de la* X").
_ROLE_LINKS = frozenset({"of", "at", "de", "du", "d'", "d’", "chez"})
_LINK_ARTICLES = frozenset({"the", "la", "le", "l'", "l’"})


def _role_complements(doc: Doc, ents: list[Span], words: ContextWords, kb: KnowledgeBase | None) -> dict[int, Span]:
    """ "présidente de la *French Tech Tunis*", "the CEO of *Kalvia Lyon*": what a role in an
    organisation is held in is an organisation, when the model typed it a Place from a place's
    word in it and the knowledge base knows no place of that name ("maire de Lyon" keeps Lyon)."""
    found: dict[int, Span] = {}
    for ent in ents:
        if ent.label_ != "Place" or ent.kb_id_ or _known_place(ent, kb):
            continue
        i = ent.start - 1
        if i >= 0 and doc[i].lower_ in _LINK_ARTICLES:
            i -= 1
        if i < 1 or doc[i].lower_ not in _ROLE_LINKS:
            continue
        role = doc[i - 1]
        if role.lower_ in words.employer_roles and (role.is_lower or role.is_upper):
            found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
    return found


def _title_case_role_after(doc: Doc, ent: Span, role_phrases: frozenset[str]) -> bool:
    """A whole role phrase in Title Case after the name and a comma, maybe after its organisation's
    name, and ending the phrase: "Jane Doe, *Deputy Secretary-General*, OECD", "Jane Doe, Airbus
    *Vice President* of Research", "Jane Doe, *President* Sony AI". Press releases and wires write
    roles so; a name with one is a person, not the organisation the model guessed from its capitals."""
    i = ent.end
    if i >= len(doc) or doc[i].text != "," or "\n" in doc[i].whitespace_:
        return False
    first = i + 1
    for start in range(first, min(first + _OWNER_WORDS + 1, len(doc))):
        if start > first and not doc[start - 1].text[:1].isupper():
            return False  # only capitalised words (an organisation's name) before the role
        words: list[str] = []
        for end in range(start, min(start + 4, len(doc))):
            token = doc[end]
            if not token.text[:1].isupper() and token.text not in {"-", "–"}:
                break
            words.append(token.lower_)
            phrase = "".join(w if w == "-" or (k and words[k - 1] == "-") else f" {w}"
                             for k, w in enumerate(words)).strip()
            following = doc[end + 1] if end + 1 < len(doc) else None
            if phrase in role_phrases and (following is None or following.lower_ in _AFTER_TITLE
                                           or following.ent_type_ == "Organization"
                                           or following.text[:1].isupper()):
                return True
    return False


def _listed_people(doc: Doc, ents: list[Span], words: ContextWords) -> dict[int, Span]:
    """ "researchers Jane Doe, *Llion Roe*, and John Poe": a person-shaped name typed Organization
    (two or three capitalised words, none an organisation's word) in a written list where at least
    two other names, and most of them, are people."""
    found: dict[int, Span] = {}
    for run in _lists(doc, ents):
        for ent in run:
            if ent.kb_id_ or ent.label_ != "Organization" or not 2 <= len(ent) <= 3:
                continue
            if not all(t.is_alpha and t.is_title and t.lower_ not in words.org_suffixes for t in ent):
                continue
            if _most_others_are(run, ent, "Person"):
                found[ent.start] = Span(doc, ent.start, ent.end, label="Person")
    return found


def _acting_places(ents: list[Span], words: ContextWords) -> dict[int, Span]:
    """ "South Korea's *Naver* is partnering with ...": an unknown name typed Place that is the
    subject of a verb no place is the subject of (``actor_verbs``) is an organisation."""
    found: dict[int, Span] = {}
    for ent in ents:
        if ent.kb_id_ or ent.label_ != "Place" or len(ent) > 3 or not all(t.text[:1].isupper() for t in ent):
            continue
        root = ent.root
        verb = root.head
        if root.dep_ in {"nsubj", "csubj"} and verb.pos_ == "VERB" and verb.lemma_.lower() in words.actor_verbs:
            found[ent.start] = Span(ent.doc, ent.start, ent.end, label="Organization")
    return found


def _short_names(doc: Doc, ents: list[Span], person_words: set[str]) -> dict[int, Span]:
    """ "Sakana AI ... *Sakana*’s models": a one-word unknown Person or Place that is the first word
    of an organisation's longer name in the document, and no word of a person's, is that organisation
    (resolution joins the two)."""
    firsts = {e[0].lower_ for e in ents if e.label_ == "Organization" and len(e) > 1 and e[0].is_alpha}
    found: dict[int, Span] = {}
    for ent in ents:
        if (not ent.kb_id_ and ent.label_ in _LIST_KINDS and len(ent) == 1 and ent.root.lower_ in firsts
                and ent.root.lower_ not in person_words):
            found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
    return found


def _org_sub_brands(doc: Doc, ents: list[Span], kb: KnowledgeBase | None) -> dict[int, Span]:
    """ "*Rakuten Mobile*" (the model's Place) beside "Rakuten" (an organisation of the document): an
    unknown name typed Place whose first word is the whole name of an organisation the document
    names, followed by one or two capitalised words, is that organisation's unit or brand, an
    organisation too, unless the knowledge base knows it as a place."""
    orgs = {e.text.lower() for e in ents if e.label_ == "Organization" and len(e) == 1 and e[0].is_alpha}
    found: dict[int, Span] = {}
    for ent in ents:
        if (ent.kb_id_ or ent.label_ != "Place" or not 2 <= len(ent) <= 3 or ent[0].lower_ not in orgs
                or _known_place(ent, kb) or not all(t.is_alpha and t.text[:1].isupper() for t in ent)):
            continue
        found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
    return found


def retype_by_context(doc: Doc, ents: list[Span], words: ContextWords,
                      kb: KnowledgeBase | None = None) -> list[Span]:
    """``ents`` with unknown names typed from their sentence, and missed organisations added
    (see the module docstring)."""
    ents = person_name_forms(doc, ents, words.honorifics)  # "Maître Jane Doe", a name in Arabic script
    ents = role_cut_first_names(doc, ents, words.role_nouns)  # "COO *Mara* Lin Chen"
    ents = hyphenated_given_names(doc, ents)  # "Chey Tae-won"
    person_words = {t.lower_ for e in ents if e.label_ == "Person" and len(e) > 1 for t in e}
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    changes: dict[int, Span] = {}
    changes.update(_people_with_roles(doc, ents, words))
    changes.update(_listed_organisations(doc, ents, person_words, kb))
    changes.update(_listed_people(doc, ents, words))
    changes.update(_short_names(doc, ents, person_words))
    changes.update(_acting_places(ents, words))
    changes.update(_org_sub_brands(doc, ents, kb))
    changes.update(_which_things(doc, ents, person_words))
    changes.update(_passive_subjects(doc, ents, words, by_token, person_words))
    changes.update(_based_names(doc, ents, words, by_token))
    changes.update(_unnamed_before_roles(doc, words, by_token))
    changes.update(_affiliations(doc, ents, by_token, words, kb))
    changes.update(_role_complements(doc, ents, words, kb))
    if not changes:
        return _framed(doc, ents, words, kb)
    out = [changes.pop(ent.start, ent) if ent.start in changes and changes[ent.start].end == ent.end else ent
           for ent in ents]
    taken = {i for ent in out for i in range(ent.start, ent.end)}
    out.extend(span for span in changes.values() if not any(i in taken for i in range(span.start, span.end)))
    return _framed(doc, sorted(out, key=lambda e: e.start), words, kb)


def _framed(doc: Doc, ents: list[Span], words: ContextWords, kb: KnowledgeBase | None) -> list[Span]:
    """``frame_types.py``'s constructions, read after this module's."""
    return retype_by_frame(doc, ents, words.frame, kb) if words.frame is not None else ents
