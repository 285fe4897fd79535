"""A company's event named without the company (issue 15).

News names a company's yearly conference by its full name once, or never, and then by the part
after the company's name: "Build 2024" for Microsoft Build, "the annual I/O developer event" for
Google I/O, "its Connect keynote". The short name alone is a common word or a symbol ("Build",
"I/O"), so it is read as the event only when

* it is a knowledge-base event's name whose first words name a knowledge-base organisation (the
  owner: "Microsoft" in "Microsoft Build"), and the rest is the short name;
* a year or a word that says it is an event or a session of one follows it, with at most one
  lower-case word between ("Build 2024", "I/O developer event", "Connect keynote": ``event_words``
  and ``word_lists`` ``event_heads``, ``event_descriptors``, ``event_session_nouns``);
* the owner itself is named in the document (an entity with the owner's knowledge-base id or
  name), so that "build 2024" in an article about something else stays a verb.

:func:`short_event_names` returns the new spans with the event's knowledge-base id.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..doc_words import doc_text
from ..kb import KnowledgeBase
from ..lexicon import Lexicon
from ..normalize import compact
from ..records import EntityType

__all__ = ["ShortName", "short_event_names"]

_YEAR = re.compile(r"^(19|20)\d\d$")
#: (short name, event id, owner id, owner's compact name)
ShortName = tuple[str, str, str, str]
_SHORT: dict[int, list[ShortName]] = {}


def _short_names(kb: KnowledgeBase) -> list[ShortName]:
    """The short names of the knowledge base's events whose names begin with an organisation's."""
    found: list[ShortName] = []
    for entry in kb.entries.values():
        if entry.type != EntityType.EVENT:
            continue
        for name in entry.names:
            words = name.split()
            for k in range(1, len(words)):
                owner = kb.lookup(" ".join(words[:k]), EntityType.ORGANIZATION)
                tail = " ".join(words[k:])
                if owner is not None and (tail[:1].isupper() or not tail.isalpha()) and len(compact(tail)) >= 2:
                    found.append((tail, entry.id, owner.id, compact(" ".join(words[:k]))))
    return found


def _cue(tokens: list[Token], followers: frozenset[str]) -> bool:
    """Whether the first of ``tokens`` is a year or a lower-case event word."""
    return bool(tokens) and (bool(_YEAR.match(tokens[0].text)) or (tokens[0].is_lower and (
        tokens[0].lower_ in followers or tokens[0].lemma_.lower() in followers)))


def short_event_names(doc: Doc, ents: list[Span], kb: KnowledgeBase, lexicon: Lexicon) -> list[Span]:
    """Spans of the short names in ``doc`` (see the module's docstring)."""
    shorts = _SHORT.get(id(kb))
    if shorts is None:
        shorts = _SHORT.setdefault(id(kb), _short_names(kb))
    organisations = [e for e in ents if e.label_ == "Organization"]
    owners = {e.kb_id_ for e in organisations}
    named = False  # the organisations' names join ``owners`` when a short name needs them (``Span.text``)
    # a name the model cut ("I" of "I/O") gives way; a knowledge-base name does not
    taken = {i for e in ents if e.kb_id_ for i in range(e.start, e.end)}
    followers = (frozenset(lexicon.event_words) | lexicon.words("event_heads") | lexicon.words("event_descriptors")
                 | lexicon.words("event_session_nouns"))
    text: str | None = None  # read when needed: ``Doc.text`` joins every token again
    out: list[Span] = []
    for tail, event_id, owner_id, owner_name in shorts:
        if owner_id not in owners and owner_name not in owners and not named:
            owners |= {compact(e.text) for e in organisations}
            named = True
        if owner_id not in owners and owner_name not in owners:
            continue
        if text is None:
            text = doc_text(doc)
        for match in re.finditer(r"(?<![\w/:])" + re.escape(tail) + r"(?![\w/:])", text):
            span = doc.char_span(match.start(), match.end())
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            if span.start > 0 and compact(doc[span.start - 1].text) == owner_name:
                continue  # the full name: the knowledge base's ruler reads it
            after = list(doc[span.end:span.end + 2])
            if not (_cue(after[:1], followers) or (after and after[0].is_lower and _cue(after[1:], followers))):
                continue
            out.append(Span(doc, span.start, span.end, label="Event", kb_id=event_id))
            taken.update(range(span.start, span.end))
    return out
