"""The event a whole document is about, for attendance cues far from the event's name.

:mod:`.attendance` reads the event in focus from the few sentences before a cue
(``FOCUS_SENTENCES``): further back, an article has usually moved on. An article *about* one event
does not move on: a preview or a recap names the summit in its lead, then gives the programme, the
speakers and who "is also slated to attend" paragraphs later, never naming it again. When every
event the document names or refers to is one and the same (one knowledge-base id, else one
spelling), that event stays in focus to the end of the document, unless an unnamed gathering ("a
dinner", "une réception") was mentioned after its last mention: the guests of the dinner are not
the guests of the show. A document that names two events keeps the short window: which one a far
cue is about is a guess.

>>> lasting_focus([(2, "E1"), (9, "E1")], 40, lambda e: e)
'E1'
>>> lasting_focus([(2, "E1"), (9, None)], 40, lambda e: e) is None
True
>>> lasting_focus([(2, "E1"), (9, "E2")], 40, lambda e: e) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from spacy.tokens import Span

__all__ = ["event_key", "lasting_focus"]

E = TypeVar("E")


def event_key(event: Span) -> str:
    """One key per event however it is spelt: its knowledge-base id, else its lower-cased text."""
    return event.kb_id_ or event.ent_id_ or event.text.lower()


def lasting_focus(marks: Sequence[tuple[int, E | None]], before: int,
                  key: Callable[[E], Hashable]) -> E | None:
    """The document's one event, in focus at token ``before``: ``marks`` are (token index, event
    or ``None`` for an unnamed gathering) in text order. ``None`` when the document names two
    events, none before the token, or a gathering after the event's last mention before it."""
    if len({key(e) for _, e in marks if e is not None}) != 1:
        return None
    last: E | None = None
    for i, event in marks:
        if i >= before:
            break
        last = event
    return last
