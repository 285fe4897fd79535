"""Score extractions against gold annotations (pure functions, plain data in and out).

Gold: one JSON object per document per line::

    {"document": "000_x.txt",
     "entities": [{"name": "Sam Altman", "type": "Person"},
                  {"name": "€500 million", "type": "MonetaryAmount", "value": "500000000", "currency": "EUR"}],
     "relations": [{"subject": "Sam Altman", "predicate": "leads", "object": "OpenAI"}]}

Predictions, per document: :class:`PredictedDocument` with :class:`PredictedEntity` records
``(label, aliases, type, amount, currency)`` and relations ``(subject_label, predicate,
object_label)``. A predicted entity matches a gold entity of the same type when the casefolded
label or any alias equals the gold name (amounts match by value and currency). Relations match
when the predicate is equal and subject and object match the gold subject and object the same
way. Each gold item is matched at most once.

Reading documents and running the pipeline are the caller's job (``aikg eval`` scores a built
store; the tests score :class:`~aikg.extract.pipeline.Extractor` output): this module only scores.

>>> gold = {"d": GoldDocument("d", (GoldEntity("OpenAI", "Organization"),),
...                           (GoldRelation("Sam Altman", "leads", "OpenAI"),))}
>>> pred = {"d": PredictedDocument(entities=[PredictedEntity("OpenAI", ("Open AI",), "Organization"),
...                                          PredictedEntity("Paris", (), "Place")],
...                                relations=[("Sam Altman", "leads", "OpenAI")])}
>>> scores = score(gold, pred)
>>> scores.entities["Organization"].f1, scores.entities["Place"].precision, scores.relations["leads"].f1
(1.0, 0.0, 1.0)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

from .errors import DataFileError, Errors
from .kb import KnowledgeBase, load_knowledge_base
from .money import parse_money
from .normalize import normalise_quotes
from .records import Document, Extraction

__all__ = [
    "PRF",
    "GoldDocument",
    "GoldEntity",
    "GoldRelation",
    "PredictedDocument",
    "PredictedEntity",
    "Scores",
    "baseline_predictions",
    "format_comparison",
    "format_errors",
    "format_report",
    "load_gold",
    "predictions_from_extractions",
    "score",
]

#: Raw spaCy NER labels -> ontology types, for the baseline.
BASELINE_LABELS: dict[str, str] = {
    "PERSON": "Person",
    "PER": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "EVENT": "Event",
    "PRODUCT": "Product",
    "MONEY": "MonetaryAmount",
}


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    value: Decimal | None = None
    currency: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str
    object: str


@dataclass(frozen=True)
class GoldDocument:
    document: str
    entities: tuple[GoldEntity, ...] = ()
    relations: tuple[GoldRelation, ...] = ()


class PredictedEntity(NamedTuple):
    """``(label, aliases, type)``, optionally with the amount and currency of a MonetaryAmount."""

    label: str
    aliases: Sequence[str]
    type: str
    amount: Decimal | None = None
    currency: str | None = None


@dataclass
class PredictedDocument:
    """What an extractor (or a store) says about one document: entities and ``(subject, predicate, object)`` labels."""

    entities: list[PredictedEntity] = field(default_factory=list)
    relations: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PRF:
    """Counts and precision / recall / F1 for one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Scores:
    """Per-type entity scores, per-predicate relation scores and their micro totals."""

    entities: dict[str, PRF]
    relations: dict[str, PRF]
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def entity_micro(self) -> PRF:
        return sum(self.entities.values(), PRF())

    @property
    def relation_micro(self) -> PRF:
        return sum(self.relations.values(), PRF())


# --------------------------------------------------------------------------------------------
# Loading


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as err:
        raise ValueError(f"value {value!r} is not a number") from err


def load_gold(path: Path | str) -> dict[str, GoldDocument]:
    """Read a gold JSONL file into ``{document: GoldDocument}``; errors name the line."""
    path = Path(path)
    gold: dict[str, GoldDocument] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise DataFileError(Errors.E504.format(path=path, detail=err)) from err
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            entities = tuple(
                GoldEntity(
                    name=e["name"],
                    type=e["type"],
                    value=_decimal(e.get("value")),
                    currency=e.get("currency"),
                    aliases=tuple(e.get("aliases", ())),
                )
                for e in raw.get("entities", [])
            )
            relations = tuple(GoldRelation(r["subject"], r["predicate"], r["object"]) for r in raw.get("relations", []))
            gold[raw["document"]] = GoldDocument(raw["document"], entities, relations)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
            raise DataFileError(Errors.E507.format(path=path, line=number, detail=err)) from err
    return gold


# --------------------------------------------------------------------------------------------
# Predictions


def _norm(name: str) -> str:
    return " ".join(normalise_quotes(name).casefold().split())


def predictions_from_extractions(
    extractions: Iterable[Extraction], kb: KnowledgeBase | None = None
) -> dict[str, PredictedDocument]:
    """Plain predictions from extractions; KB entities also answer to their KB names."""
    kb = kb or load_knowledge_base()
    predicted: dict[str, PredictedDocument] = {}
    for extraction in extractions:
        labels = {e.key: e.label for e in extraction.entities}
        entities: list[PredictedEntity] = []
        for e in extraction.entities:
            aliases = set(e.aliases)
            if e.in_knowledge_base and e.key in kb:
                aliases.update(kb[e.key].names)
            entities.append(PredictedEntity(e.label, tuple(sorted(aliases)), e.type.value, e.amount, e.currency))
        relations = [
            (labels.get(r.subject, r.subject), r.predicate, labels.get(r.object, r.object))
            for r in extraction.relations
        ]
        predicted[extraction.document.doc_id] = PredictedDocument(entities, relations)
    return predicted


def baseline_predictions(documents: Iterable[Document], pipelines: Mapping[str, Any]) -> dict[str, PredictedDocument]:
    """Raw spaCy NER as predictions (no KB, no clean-up, no relations), for comparison.

    ``pipelines`` maps a language code to a loaded spaCy pipeline; each document uses
    ``document.language`` (default ``"en"``).
    """
    predicted: dict[str, PredictedDocument] = {}
    for document in documents:
        nlp = pipelines.get(document.language or "en") or pipelines["en"]
        doc = nlp(document.text)
        entities: list[PredictedEntity] = []
        seen: set[tuple[str, str]] = set()
        for ent in doc.ents:
            type_ = BASELINE_LABELS.get(ent.label_)
            if type_ is None or (ent.text, type_) in seen:
                continue
            seen.add((ent.text, type_))
            money = parse_money(ent.text) if type_ == "MonetaryAmount" else None
            entities.append(
                PredictedEntity(ent.text, (), type_, money[0] if money else None, money[1] if money else None)
            )
        predicted[document.doc_id] = PredictedDocument(entities, [])
    return predicted


# --------------------------------------------------------------------------------------------
# Scoring


def _entity_names(entity: PredictedEntity) -> set[str]:
    return {_norm(entity.label), *(_norm(a) for a in entity.aliases)}


def _money_of(entity: PredictedEntity) -> tuple[Decimal, str] | None:
    if entity.amount is not None and entity.currency:
        return Decimal(entity.amount), str(entity.currency).upper()
    return parse_money(str(entity.label))


def _matches(gold: GoldEntity, entity: PredictedEntity) -> bool:
    if gold.type != entity.type:
        return False
    if gold.type == "MonetaryAmount":
        money = _money_of(entity)
        target = (gold.value, (gold.currency or "").upper()) if gold.value is not None else parse_money(gold.name)
        if money is not None and target is not None and money[0] == target[0] and money[1] == target[1]:
            return True
    names = _entity_names(entity)
    return _norm(gold.name) in names or any(_norm(a) in names for a in gold.aliases)


def _name_matches(
    gold_name: str,
    gold_entities: Sequence[GoldEntity],
    predicted_names: set[str],
    predicted_money: tuple[Decimal, str] | None,
) -> bool:
    if _norm(gold_name) in predicted_names:
        return True
    for g in gold_entities:
        if _norm(g.name) == _norm(gold_name):
            if any(_norm(a) in predicted_names for a in g.aliases):
                return True
            if g.type == "MonetaryAmount" and predicted_money is not None and g.value is not None:
                return predicted_money == (g.value, (g.currency or "").upper())
    return False


def score(gold: Mapping[str, GoldDocument], predicted: Mapping[str, PredictedDocument]) -> Scores:
    """Precision / recall / F1 of entities per type and relations per predicate (micro over documents).

    Documents present in ``gold`` only are scored as all-missed; documents in ``predicted`` only
    are ignored (they have no gold).
    """
    ent: dict[str, list[int]] = {}
    rel: dict[str, list[int]] = {}
    errors: dict[str, list[str]] = {}

    def bump(table: dict[str, list[int]], label: str, slot: int) -> None:
        table.setdefault(label, [0, 0, 0])[slot] += 1

    for doc_id, gold_doc in gold.items():
        pred = predicted.get(doc_id, PredictedDocument())
        notes = errors.setdefault(doc_id, [])
        # entities (one-to-one, greedy in gold order)
        used: set[int] = set()
        for g in gold_doc.entities:
            hit = next((i for i, e in enumerate(pred.entities) if i not in used and _matches(g, e)), None)
            if hit is None:
                bump(ent, g.type, 2)
                notes.append(f"missed entity {g.type}:{g.name}")
            else:
                used.add(hit)
                bump(ent, g.type, 0)
        for i, e in enumerate(pred.entities):
            if i not in used:
                bump(ent, str(e.type), 1)
                notes.append(f"spurious entity {e.type}:{e.label}")
        # relations: predicted labels -> all names of that predicted entity
        names_of: dict[str, set[str]] = {}
        money_of: dict[str, tuple[Decimal, str] | None] = {}
        for e in pred.entities:
            names_of.setdefault(str(e.label), set()).update(_entity_names(e))
            money_of[str(e.label)] = _money_of(e) if e.type == "MonetaryAmount" else None
        used_rel: set[int] = set()
        for r in gold_doc.relations:
            hit = None
            for i, (s, p, o) in enumerate(pred.relations):
                if i in used_rel or p != r.predicate:
                    continue
                s_names = names_of.get(s, {_norm(s)})
                o_names = names_of.get(o, {_norm(o)})
                if _name_matches(r.subject, gold_doc.entities, s_names, money_of.get(s)) and _name_matches(
                    r.object, gold_doc.entities, o_names, money_of.get(o)
                ):
                    hit = i
                    break
            if hit is None:
                bump(rel, r.predicate, 2)
                notes.append(f"missed relation {r.subject} {r.predicate} {r.object}")
            else:
                used_rel.add(hit)
                bump(rel, r.predicate, 0)
        for i, (s, p, o) in enumerate(pred.relations):
            if i not in used_rel:
                bump(rel, p, 1)
                notes.append(f"spurious relation {s} {p} {o}")
    return Scores(
        entities={k: PRF(*v) for k, v in sorted(ent.items())},
        relations={k: PRF(*v) for k, v in sorted(rel.items())},
        errors=errors,
    )


def format_report(scores: Scores, title: str = "") -> str:
    """A readable table of the scores.

    >>> print(format_report(Scores({"Person": PRF(3, 1, 0)}, {})))
    entities          tp   fp   fn   prec    rec     f1
      Person           3    1    0  0.750  1.000  0.857
      micro            3    1    0  0.750  1.000  0.857
    relations         tp   fp   fn   prec    rec     f1
      micro            0    0    0  0.000  0.000  0.000
    """
    lines = [title] if title else []
    for heading, table, micro in (
        ("entities", scores.entities, scores.entity_micro),
        ("relations", scores.relations, scores.relation_micro),
    ):
        lines.append(f"{heading:<16}{'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}")
        for label, prf in [*table.items(), ("micro", micro)]:
            counts = f"{prf.tp:>4} {prf.fp:>4} {prf.fn:>4}"
            lines.append(f"  {label:<14}{counts} {prf.precision:>6.3f} {prf.recall:>6.3f} {prf.f1:>6.3f}")
    return "\n".join(lines)


def _row(label: str, prf: PRF | None) -> str:
    if prf is None:
        return f"{'-':>4} {'-':>4} {'-':>4} {'-':>6} {'-':>6} {'-':>6}"
    return f"{prf.tp:>4} {prf.fp:>4} {prf.fn:>4} {prf.precision:>6.3f} {prf.recall:>6.3f} {prf.f1:>6.3f}"


def format_comparison(scores: Scores, baseline: Scores | None = None, title: str = "") -> str:
    """Scores per type and per predicate, with the baseline's side by side (``-`` where it has none).

    >>> ours = Scores({"Person": PRF(3, 1, 0)}, {"leads": PRF(1, 0, 1)})
    >>> print(format_comparison(ours, Scores({"Person": PRF(1, 2, 2)}, {}), "demo"))
    demo
    entities          tp   fp   fn   prec    rec     f1 |  baseline:  tp   fp   fn   prec    rec     f1
      Person           3    1    0  0.750  1.000  0.857 |              1    2    2  0.333  0.333  0.333
      micro            3    1    0  0.750  1.000  0.857 |              1    2    2  0.333  0.333  0.333
    relations         tp   fp   fn   prec    rec     f1 |  baseline:  tp   fp   fn   prec    rec     f1
      leads            1    0    1  1.000  0.500  0.667 |              -    -    -      -      -      -
      micro            1    0    1  1.000  0.500  0.667 |              0    0    0  0.000  0.000  0.000
    """
    lines = [title] if title else []
    header = f"{'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}"
    for heading, table, micro, base_table, base_micro in (
        (
            "entities",
            scores.entities,
            scores.entity_micro,
            baseline.entities if baseline else None,
            baseline.entity_micro if baseline else None,
        ),
        (
            "relations",
            scores.relations,
            scores.relation_micro,
            baseline.relations if baseline else None,
            baseline.relation_micro if baseline else None,
        ),
    ):
        labels = sorted({*table, *(base_table or {})})
        lines.append(f"{heading:<16}{header}" + (f" |  baseline:{header}" if baseline else ""))
        for label in [*labels, "micro"]:
            ours = micro if label == "micro" else table.get(label, PRF())
            line = f"  {label:<14}{_row(label, ours)}"
            if baseline is not None:
                base = base_micro if label == "micro" else (base_table or {}).get(label)
                line += f" |  {'':>9}{_row(label, base)}"
            lines.append(line)
    return "\n".join(lines)


def format_errors(scores: Scores) -> str:
    """Missed and spurious entities and relations, grouped by document.

    >>> print(format_errors(Scores({}, {}, {"d": ["missed relation A leads B"], "e": []})))
    == d
      missed relation A leads B
    """
    lines: list[str] = []
    for doc_id, notes in scores.errors.items():
        if notes:
            lines.append(f"== {doc_id}")
            lines.extend(f"  {note}" for note in sorted(notes, key=lambda n: (not n.startswith("missed"), n)))
    return "\n".join(lines)
