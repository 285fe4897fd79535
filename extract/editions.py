"""Editions of recurring events: which VivaTech a document's ``attended`` fact is about (pure).

The knowledge base has one entity per event series ("VivaTech": the gold annotates one entity for
all editions); ``extract/data/editions.jsonl`` lists the dated editions of a series (label, first
and last day, place). A fact about a series is dated by one edition, chosen in this order:

1. a year named next to the event in the sentence ("the 2023 edition", "VivaTech 2024");
2. a date expression of the sentence ("two years ago", "last June", "il y a deux ans"), resolved
   against the publication date (:func:`aikg.extract.rounds.resolve_date`): the edition of its year;
3. the edition under way at publication, or the last one before it (within a year): news about an
   event is mostly written while or just after it happens.

>>> from datetime import date
>>> from aikg.extract.records import Document, EntityRecord, Evidence
>>> text = "Two years ago, Macron spoke at VivaTech. This week, Mensch spoke at VivaTech."
>>> facts = [RelationRecord("macron", "attended", "vivatech", Evidence("d", text[:40], 0, 40), "t", 0.9),
...          RelationRecord("mensch", "attended", "vivatech", Evidence("d", text[41:], 41, len(text)), "t", 0.9)]
>>> extraction = Extraction(Document("d", text, "d", language="en", published=date(2025, 6, 13)),
...                         (EntityRecord("vivatech", "VivaTech", EntityType.EVENT),), relations=tuple(facts))
>>> [(e.label, e.start, [f[0] for f in e.facts]) for e in find_editions(extraction)]
[('VivaTech 2023', datetime.date(2023, 6, 14), ['macron']), ('VivaTech 2025', datetime.date(2025, 6, 11), ['mensch'])]
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from .records import EditionRecord, EntityType, Extraction, RelationRecord
from .rounds import resolve_date, round_cues

__all__ = ["Edition", "editions", "find_editions"]

#: Facts that an edition dates: being at the event, and where it was held.
DATED_PREDICATES = frozenset({"attended", "heldIn", "announced"})
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_AGO = re.compile(r"\b(?:\w+\s+(?:years?|months?)\s+ago|il y a\s+\w+\s+(?:ans?|mois))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Edition:
    """One dated edition of an event series (a line of ``extract/data/editions.jsonl``)."""

    series: str
    year: int
    label: str
    start: date
    end: date | None
    place: str | None

    @property
    def key(self) -> str:
        return f"{self.series}/{self.year}"


@cache
def editions() -> dict[str, tuple[Edition, ...]]:
    """The editions of each series, by series key, in date order."""
    found: dict[str, list[Edition]] = defaultdict(list)
    text = resources.files("aikg.extract").joinpath("data", "editions.jsonl").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip():
            raw = json.loads(line)
            found[raw["series"]].append(Edition(raw["series"], int(raw["year"]), raw["label"],
                                                date.fromisoformat(raw["start"]),
                                                date.fromisoformat(raw["end"]) if raw.get("end") else None,
                                                raw.get("place")))
    return {series: tuple(sorted(items, key=lambda e: e.start)) for series, items in found.items()}


def _edition_of(relation: RelationRecord, series: tuple[Edition, ...], published: date | None,
                language: str | None) -> Edition | None:
    sentence = relation.evidence.sentence
    by_year = {e.year: e for e in series}
    for match in _YEAR.finditer(sentence):
        if int(match.group(0)) in by_year:
            return by_year[int(match.group(0))]
    expressions = [m.group(0) for m in _AGO.finditer(sentence)]
    expressions += [m.group(0) for m in round_cues().dates.finditer(sentence)]
    for expression in expressions:
        when = resolve_date(expression, published, language)
        if when is not None and when.year in by_year and when != published:
            return by_year[when.year]
    if published is None:
        return None
    before = [e for e in series if e.start <= published + timedelta(days=7)]
    if before and published - before[-1].start <= timedelta(days=365):
        return before[-1]
    return None


def find_editions(extraction: Extraction) -> tuple[EditionRecord, ...]:
    """The editions that date this document's facts about event series (see the module docstring)."""
    known = editions()
    events = {e.key for e in extraction.entities if e.type is EntityType.EVENT and e.key in known}
    dated: dict[Edition, list[tuple[str, str, str, int]]] = defaultdict(list)
    document = extraction.document
    for relation in extraction.relations:
        series = relation.object if relation.object in events else relation.subject
        if relation.predicate not in DATED_PREDICATES or series not in events:
            continue
        edition = _edition_of(relation, known[series], document.published, document.language)
        if edition is not None:
            dated[edition].append((relation.subject, relation.predicate, relation.object, relation.evidence.start))
    return tuple(EditionRecord(e.series, e.key, e.label, e.start, e.end, e.place, tuple(facts))
                 for e, facts in sorted(dated.items(), key=lambda item: item[0].start))
