"""A question in English or French -> an intent and its slots, with entities resolved in the store.

Parsing reuses the extraction pipelines (:func:`aikg.extract.pipeline.load_pipeline`, loaded once
per process) for tokens, lemmas and parts of speech, and reads three things from them:

1. the entities the question names: every span of up to eight tokens whose text is a label or
   alias of a stored entity (aliases of the knowledge base included, so that "Allemagne" or
   "huggingface" are found), longest first, each resolved by the one entity lookup
   (:func:`aikg.graph.lookup.match_name`: strongest match, most documents, E312 when still tied);
2. cue words of the language (``cues.json``: lemmas and word stems of "lead", "found", "invest",
   "where", "since"...), matched with spaCy's :class:`~spacy.matcher.Matcher`;
3. a date after "since"/"depuis" (:mod:`dateparser`; a month alone is its first day, a year
   alone its 1 January).

An ordered list of rules, one per intent, picks the intent from the entity types and cues
(:func:`choose_intent`): rules that need more (two entities, a date, an event) come first. A
question that names no known entity but looks as if it names one gets E311 with "did you
mean"; a question no rule takes gets E030 with the list of intents and an example of each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from aikg.ask.intents import INTENTS, Intent, describe_intents
from aikg.errors import Errors, QueryError
from aikg.extract.kb import load_knowledge_base
from aikg.extract.language import identify_language
from aikg.extract.pipeline import load_pipeline
from aikg.graph.lookup import EntityMatch, StoredEntity, entity_records, match_name
from aikg.graph.store import KnowledgeStore

__all__ = ["Gazetteer", "Mention", "Parse", "choose_intent", "parse_question"]

#: The longest name, in tokens, looked for in a question.
_MAX_NAME_TOKENS = 8
_LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Mention:
    """An entity named in the question: where, as written, and the entity it resolves to."""

    start: int
    end: int
    text: str
    entity: EntityMatch
    type: str


@dataclass(frozen=True)
class Parse:
    """What a question asks: the intent, its slot values (entities and dates) and the language."""

    question: str
    lang: str
    intent: Intent
    entities: dict[str, Mention]
    dates: dict[str, date]

    def params(self) -> dict[str, str]:
        """Slot values as text: entity labels and ISO dates (what the test set compares)."""
        values = {name: mention.entity.label for name, mention in self.entities.items()}
        values.update({name: when.isoformat() for name, when in self.dates.items()})
        return values


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


class Gazetteer:
    """The names of the store's entities (labels, aliases and the knowledge base's names for
    them), indexed to find them in a question; resolution itself is :func:`match_name`'s."""

    def __init__(self, records: Iterable[StoredEntity]) -> None:
        self.records = list(records)
        self._by_name: dict[str, list[StoredEntity]] = {}
        for record in self.records:
            for name in (record.label, *record.aliases, record.key):
                bucket = self._by_name.setdefault(_fold(name), [])
                if record not in bucket:
                    bucket.append(record)

    @classmethod
    def from_store(cls, store: KnowledgeStore) -> Gazetteer:
        """The store's entities, each with the knowledge base's names for it as extra aliases."""
        kb = load_knowledge_base()
        records = []
        for key, record in entity_records(store).items():
            extra = tuple(n for n in kb[key].names if n != record.label) if key in kb else ()
            records.append(replace(record, aliases=tuple(dict.fromkeys((*record.aliases, *extra)))))
        return cls(records)

    def candidates(self, text: str) -> list[StoredEntity]:
        return self._by_name.get(_fold(text), [])

    def resolve(self, text: str) -> EntityMatch:
        """The entity ``text`` names (E311 with "did you mean" over every name, E312 when tied)."""
        return match_name(text, self.candidates(text) or self.records)

    def type_of(self, key: str) -> str:
        return next((r.type for r in self.records if r.key == key), "")

    def mentions(self, doc: Doc) -> list[Mention]:
        """Entities named in ``doc``, longest spans first, without overlaps. Function words alone
        are not names, nor is a lowercase adjective that is only an alias ("française", a
        demonym the articles used for France)."""
        found: list[Mention] = []
        taken: set[int] = set()
        spans = sorted(((i, j) for i in range(len(doc)) for j in range(i + 1, min(len(doc), i + _MAX_NAME_TOKENS) + 1)),
                       key=lambda ij: (ij[0] - ij[1], ij[0]))
        for i, j in spans:
            if taken.intersection(range(i, j)):
                continue
            span = doc[i:j]
            if not self.candidates(span.text) or not _name_like(span):
                continue
            entity = match_name(span.text, self.candidates(span.text))
            if entity.how == "alias" and len(span) == 1 and span[0].pos_ == "ADJ" and span[0].is_lower:
                continue  # a demonym ("française") that the articles used for a place, not a name
            found.append(Mention(i, j, span.text, entity, self.type_of(entity.key)))
            taken.update(range(i, j))
        return sorted(found, key=lambda m: m.start)


def _name_like(span: Span) -> bool:
    return not all(t.is_stop or t.is_punct for t in span)


@cache
def _cues() -> dict[str, dict[str, list[str]]]:
    data: dict[str, Any] = json.loads((files("aikg.ask") / "cues.json").read_text(encoding="utf-8"))
    return {lang: data[lang] for lang in _LANGUAGES}


@cache
def _matcher(lang: str) -> tuple[Language, Matcher]:
    """The pipeline of ``lang`` and a matcher of its cue words (built once per language)."""
    nlp = load_pipeline(lang)
    matcher = Matcher(nlp.vocab)
    for cue, phrases in _cues()[lang].items():
        patterns: list[list[dict[str, Any]]] = []
        for phrase in phrases:
            star = phrase.endswith("*")
            words = [t.lower_ for t in nlp.make_doc(phrase.rstrip("*"))]
            tokens: list[dict[str, Any]] = [{"LOWER": w} for w in words]
            if star:
                tokens[-1] = {"LOWER": {"REGEX": "^" + re.escape(words[-1])}}
            patterns.append(tokens)
            if len(words) == 1 and not star:
                patterns.append([{"LEMMA": words[0]}])
        matcher.add(cue, patterns)
    return nlp, matcher


def _cue_hits(doc: Doc, matcher: Matcher, names: set[int]) -> dict[str, list[int]]:
    """Cue class -> start tokens of its matches, outside entity names."""
    hits: dict[str, list[int]] = {}
    for match_id, start, end in matcher(doc):
        if names.intersection(range(start, end)):
            continue
        hits.setdefault(doc.vocab.strings[match_id], []).append(start)
    return hits


_SETTINGS = {"en": {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "MDY", "RETURN_TIME_AS_PERIOD": False},
             "fr": {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "RETURN_TIME_AS_PERIOD": False}}
_YEAR = re.compile(r"^(?:in\s+|en\s+|l'année\s+)?((?:19|20)\d\d)$")


def _date_after(doc: Doc, start: int, lang: str) -> tuple[date, int] | None:
    """The date written after token ``start`` ("since March 2024" -> 2024-03-01) and its end token."""
    from dateparser import DateDataParser  # type: ignore[import-untyped]

    tokens = [t for t in doc[start + 1:] if not t.is_punct or t.text in {"/", "-", "."}]
    if not tokens:
        return None
    end = tokens[-1].i + 1
    text = doc[start + 1:end].text.strip().rstrip("?!. ")
    text = re.sub(r"^(?:le|the|l')\s*", "", text, flags=re.IGNORECASE)
    if (year := _YEAR.match(text)) is not None:
        return date(int(year[1]), 1, 1), end
    data = DateDataParser(languages=[lang, *(code for code in _LANGUAGES if code != lang)],
                          settings=_SETTINGS[lang]).get_date_data(text)  # type: ignore[arg-type]
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        day = date(day.year, 1, 1)
    elif data.period == "month":
        day = day.replace(day=1)
    return day, end


@dataclass(frozen=True)
class _Reading:
    """A question read in one language: tokens, entities named, cue words found, a date."""

    lang: str
    doc: Doc
    mentions: list[Mention]
    cues: dict[str, list[int]]
    since: date | None


def _read(question: str, lang: str, gazetteer: Gazetteer) -> _Reading:
    nlp, matcher = _matcher(lang)
    doc = nlp(question)
    since = None
    cues = _cue_hits(doc, matcher, set())
    limit = len(doc)
    if "since" in cues:
        dated = _date_after(doc, cues["since"][0], lang)
        if dated is not None:
            since, limit = dated[0], cues["since"][0]
    mentions = [m for m in gazetteer.mentions(doc[:limit].as_doc()) if m.end <= limit]
    names = {i for m in mentions for i in range(m.start, m.end)}
    return _Reading(lang, doc, mentions, _cue_hits(doc, matcher, names), since)


def _of(mentions: Sequence[Mention], types: Sequence[str]) -> list[Mention]:
    return [m for m in mentions if m.type in types]


def choose_intent(cues: dict[str, list[int]], mentions: Sequence[Mention], since: date | None
                  ) -> tuple[str, dict[str, Mention]] | None:
    """The intent and its entity slots from what was read, or None (the rules, in order)."""
    has = cues.__contains__
    actors = _of(mentions, ("Organization", "Person"))
    distinct = list({m.entity.key: m for m in mentions}.values())
    if len(distinct) >= 2 and (has("link") or has("between")):
        return "connection", {"a": distinct[0], "b": distinct[1]}
    if since is not None and mentions:
        return "changes_since", {"entity": mentions[0]}
    if events := _of(mentions, ("Event",)):
        if has("where") or has("when") or has("event_info"):
            return "event_info", {"event": events[0]}
        if has("attend") or has("who"):
            return "attendees", {"event": events[0]}
    places = _of(mentions, ("Place",))
    if places and has("org_noun") and not actors:
        return "orgs_in_place", {"place": places[-1]}
    if not actors:
        return None
    org = (_of(actors, ("Organization",)) or actors)[0]
    asks_who = has("who")
    other = ("invest", "investor_noun", "investment_noun", "found", "lead", "work", "develop", "based")
    if has("raise") or (has("how_much") and not any(map(has, other))):  # "how much" alone asks for money
        return "raised", {"org": org}
    if has("invest") or has("investor_noun") or has("investment_noun"):
        if has("investor_noun") or (asks_who and not has("investment_noun")):
            return "investors_of", {"org": org}
        return "investments_by", {"investor": actors[0]}
    if has("found") or (has("launch") and asks_who):
        return "founded", {"org": org}
    if has("lead"):
        return "leads", {"org": org}
    if has("work"):
        return "works_for", {"org": org}
    if has("develop") or has("launch"):
        return "developed", {"org": org}
    if has("based") or has("where"):
        return "based_in", {"org": org}
    return None


def _detected(question: str, lang: str | None) -> list[str]:
    first = lang if lang in _LANGUAGES else identify_language(question)
    first = first if first in _LANGUAGES else "en"
    return [first, *(code for code in _LANGUAGES if code != first)]


def _unknown_name(reading: _Reading, gazetteer: Gazetteer) -> None:
    """Raise E311 ("did you mean") for the words that look like a name nobody is called."""
    doc = reading.doc
    cue_tokens = {i for starts in reading.cues.values() for i in starts}
    words = [t for t in doc if (t.pos_ in {"PROPN", "X"} or (t.is_title and t.i > 0)) and not t.is_stop
             and t.i not in cue_tokens]
    if words:
        span = doc[words[0].i:words[-1].i + 1]
        gazetteer.resolve(span.text)


def parse_question(question: str, gazetteer: Gazetteer, *, lang: str | None = None) -> Parse:
    """Read ``question`` (language detected unless given) into a :class:`Parse`.

    Raises :class:`~aikg.errors.QueryError`: E030 (no intent fits; the message lists them with
    an example each), E311 (a name nobody has, with "did you mean"), E312 (a name several
    entities share equally: which one was meant).
    """
    text = question.strip()
    if not text:
        raise QueryError(Errors.E030.format(question=question, intents=describe_intents("en", "; ")))
    order = _detected(text, lang)
    readings = [_read(text, code, gazetteer) for code in order]
    for reading in readings:
        chosen = choose_intent(reading.cues, reading.mentions, reading.since)
        if chosen is not None:
            intent_id, entities = chosen
            dates = {"since": reading.since} if intent_id == "changes_since" and reading.since else {}
            return Parse(text, reading.lang, INTENTS[intent_id], entities, dates)
    first = readings[0]
    if not first.mentions and first.cues.keys() - {"who", "what", "where", "when"}:
        _unknown_name(first, gazetteer)
    raise QueryError(Errors.E030.format(question=text, intents=describe_intents(first.lang, "; ")))
