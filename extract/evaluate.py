"""Score extractions against gold annotations (pure functions, plain data in and out).

Gold: one JSON object per document per line::

    {"document": "000_x.txt",
     "entities": [{"name": "Sam Altman", "type": "Person"},
                  {"name": "€500 million", "type": "MonetaryAmount", "value": "500000000", "currency": "EUR"}],
     "relations": [{"subject": "Sam Altman", "predicate": "leads", "object": "OpenAI"}]}

Predictions, per document: :class:`PredictedDocument` with :class:`PredictedEntity` records
``(label, aliases, type, amount, currency)`` and relations ``(subject_label, predicate,
object_label)``; optionally each relation's evidence (:class:`FactEvidence`: sentence,
extractor, confidence) and the sentences naming each entity, so that :func:`format_errors` can
show why a fact was missed or made up (the scores never depend on them).

A predicted entity matches a gold entity of the same type when the casefolded label or any alias
equals the gold name (amounts match by value and currency). Relations match when the predicate
is equal and subject and object match the gold subject and object the same way. Each gold item
is matched at most once.

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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

from .errors import DataFileError, Errors
from .kb import KnowledgeBase, load_knowledge_base
from .money import parse_money
from .normalize import fold
from .records import SYMMETRIC_PREDICATES, Document, Extraction

__all__ = [
    "PRF",
    "SYMMETRIC",
    "ErrorNote",
    "FactEvidence",
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
    "naming_sentences",
    "normalise_name",
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


class FactEvidence(NamedTuple):
    """One sentence that states a predicted fact (or names an entity), with who read it and how sure it was."""

    sentence: str
    extractor: str = ""
    confidence: float | None = None


Triple = tuple[str, str, str]


@dataclass
class PredictedDocument:
    """What an extractor (or a store) says about one document: entities and ``(subject, predicate, object)`` labels.

    The optional fields explain errors and never change the scores: ``evidence`` holds the
    sentences of each relation, ``sentences`` the sentences naming each entity (by label), and
    ``comentions`` how many sentences name two entities together (by the sorted pair of labels),
    which tells "never in one sentence" from "in one sentence that gave no fact".
    """

    entities: list[PredictedEntity] = field(default_factory=list)
    relations: list[Triple] = field(default_factory=list)
    evidence: dict[Triple, tuple[FactEvidence, ...]] = field(default_factory=dict)
    sentences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    comentions: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True)
class ErrorNote:
    """One missed or spurious entity or relation, with what explains it.

    ``group`` is the entity type or the predicate; ``evidence`` the sentences that state a spurious
    fact, or that name both ends of a missed one (the entity's sentences for an entity);
    ``reason`` says why there are none ("subject not found") or what was stored instead.
    ``str()`` gives the one-line note of :attr:`Scores.errors`.
    """

    document: str
    kind: str  # "missed" | "spurious"
    item: str  # "entity" | "relation"
    group: str
    fact: str
    evidence: tuple[FactEvidence, ...] = ()
    reason: str = ""

    def __str__(self) -> str:
        if self.item == "entity":
            return f"{self.kind} entity {self.group}:{self.fact}"
        return f"{self.kind} relation {self.fact}"


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
    """Per-type entity scores, per-predicate relation scores and their micro totals.

    ``errors`` holds one-line notes per document; ``details`` the same errors as
    :class:`ErrorNote` records with their sentences (what :func:`format_errors` prints).
    """

    entities: dict[str, PRF]
    relations: dict[str, PRF]
    errors: dict[str, list[str]] = field(default_factory=dict)
    details: tuple[ErrorNote, ...] = ()

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


def load_gold(path: Path | str, split: str | None = None) -> dict[str, GoldDocument]:
    """Read a gold JSONL file into ``{document: GoldDocument}``; errors name the line.

    ``split`` keeps only the lines of that split (``"dev"`` or ``"heldout"`` in the development
    set, where a line without one is ``"dev"``)."""
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
            if split is not None and raw.get("split", "dev") != split:
                continue
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


def normalise_name(name: str) -> str:
    """How names are compared with gold names: quotes normalised, case and accents folded, spaces
    collapsed ("L'Oreal" is "L'Oréal", "Jean-Noel Barrot" is "Jean-Noël Barrot": outlets drop accents)."""
    return fold(name)



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
        relations: list[Triple] = []
        evidence: dict[Triple, tuple[FactEvidence, ...]] = {}
        for r in extraction.relations:
            triple = (labels.get(r.subject, r.subject), r.predicate, labels.get(r.object, r.object))
            relations.append(triple)
            stated = FactEvidence(r.evidence.sentence, r.extractor, r.confidence)
            evidence[triple] = tuple(dict.fromkeys((*evidence.get(triple, ()), stated)))
        text = extraction.document.text
        sentences: dict[str, dict[str, None]] = {}
        for m in sorted(extraction.mentions, key=lambda m: m.sentence_start):
            label = labels.get(m.entity_key, m.entity_key)
            sentences.setdefault(label, {})[" ".join(text[m.sentence_start : m.sentence_end].split())] = None
        comentions = {
            tuple(sorted((labels.get(c.a, c.a), labels.get(c.b, c.b)))): c.weight for c in extraction.comentions
        }
        predicted[extraction.document.doc_id] = PredictedDocument(
            entities,
            relations,
            evidence,
            {label: tuple(found) for label, found in sentences.items()},
            {(a, b): w for (a, b), w in comentions.items()},
        )
    return predicted


def naming_sentences(names: Iterable[str], sentences: Iterable[str]) -> tuple[str, ...]:
    """The sentences (in order, once each) that name any of ``names`` as whole words, ignoring case.

    What a store can say about where an entity is named when it keeps sentences, not mentions.

    >>> naming_sentences(["Open AI", "OpenAI"], ["OpenAI's chief spoke.", "Openair is a festival.", "so did openai"])
    ("OpenAI's chief spoke.", 'so did openai')
    """
    wanted = sorted({normalise_name(n) for n in names if normalise_name(n)}, key=len, reverse=True)
    if not wanted:
        return ()
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, wanted)) + r")(?!\w)")
    return tuple(dict.fromkeys(s for s in sentences if pattern.search(normalise_name(s))))


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
    return {normalise_name(entity.label), *(normalise_name(a) for a in entity.aliases)}


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
    return normalise_name(gold.name) in names or any(normalise_name(a) in names for a in gold.aliases)


def _name_matches(
    gold_name: str,
    gold_entities: Sequence[GoldEntity],
    predicted_names: set[str],
    predicted_money: tuple[Decimal, str] | None,
) -> bool:
    if normalise_name(gold_name) in predicted_names:
        return True
    for g in gold_entities:
        if normalise_name(g.name) == normalise_name(gold_name):
            if any(normalise_name(a) in predicted_names for a in g.aliases):
                return True
            if g.type == "MonetaryAmount" and predicted_money is not None and g.value is not None:
                return predicted_money == (g.value, (g.currency or "").upper())
    return False


#: Predicates whose direction carries no meaning (tests/gold/README.md): a fact matches its gold either way.
SYMMETRIC = SYMMETRIC_PREDICATES


def score(gold: Mapping[str, GoldDocument], predicted: Mapping[str, PredictedDocument]) -> Scores:
    """Precision / recall / F1 of entities per type and relations per predicate (micro over documents).

    Documents present in ``gold`` only are scored as all-missed; documents in ``predicted`` only
    are ignored (they have no gold). Each error is also kept as an :class:`ErrorNote` with the
    sentences the prediction carries (see :func:`format_errors`).
    """
    ent: dict[str, list[int]] = {}
    rel: dict[str, list[int]] = {}
    details: list[ErrorNote] = []

    def bump(table: dict[str, list[int]], label: str, slot: int) -> None:
        table.setdefault(label, [0, 0, 0])[slot] += 1

    for doc_id, gold_doc in gold.items():
        pred = predicted.get(doc_id, PredictedDocument())
        explain = _Explainer(doc_id, gold_doc, pred)
        # entities (one-to-one, greedy in gold order)
        used: set[int] = set()
        for g in gold_doc.entities:
            hit = next((i for i, e in enumerate(pred.entities) if i not in used and _matches(g, e)), None)
            if hit is None:
                bump(ent, g.type, 2)
                details.append(explain.missed_entity(g))
            else:
                used.add(hit)
                bump(ent, g.type, 0)
        for i, e in enumerate(pred.entities):
            if i not in used:
                bump(ent, str(e.type), 1)
                details.append(explain.spurious_entity(e))
        # relations: predicted labels -> all names of that predicted entity
        used_rel: set[int] = set()
        for r in gold_doc.relations:
            hit = None
            for i, (s, p, o) in enumerate(pred.relations):
                if i in used_rel or p != r.predicate:
                    continue
                if (explain.is_named(r.subject, s) and explain.is_named(r.object, o)) or (
                        r.predicate in SYMMETRIC and explain.is_named(r.subject, o) and explain.is_named(r.object, s)):
                    hit = i
                    break
            if hit is None:
                bump(rel, r.predicate, 2)
                details.append(explain.missed_relation(r))
            else:
                used_rel.add(hit)
                bump(rel, r.predicate, 0)
        for i, triple in enumerate(pred.relations):
            if i not in used_rel:
                bump(rel, triple[1], 1)
                details.append(explain.spurious_relation(triple))
    errors: dict[str, list[str]] = {doc_id: [] for doc_id in gold}
    for note in details:
        errors[note.document].append(str(note))
    return Scores(
        entities={k: PRF(*v) for k, v in sorted(ent.items())},
        relations={k: PRF(*v) for k, v in sorted(rel.items())},
        errors=errors,
        details=tuple(details),
    )


class _Explainer:
    """Turns one document's errors into :class:`ErrorNote` records with the sentences that explain them."""

    def __init__(self, doc_id: str, gold: GoldDocument, pred: PredictedDocument) -> None:
        self.doc_id, self.gold, self.pred = doc_id, gold, pred
        self.names_of: dict[str, set[str]] = {}
        self.money_of: dict[str, tuple[Decimal, str] | None] = {}
        for e in pred.entities:
            self.names_of.setdefault(str(e.label), set()).update(_entity_names(e))
            self.money_of[str(e.label)] = _money_of(e) if e.type == "MonetaryAmount" else None

    def is_named(self, gold_name: str, label: str) -> bool:
        """Whether the predicted entity labelled ``label`` answers to the gold name."""
        names = self.names_of.get(label, {normalise_name(label)})
        return _name_matches(gold_name, self.gold.entities, names, self.money_of.get(label))

    def _labels(self, gold_name: str) -> list[str]:
        return [label for label in self.names_of if self.is_named(gold_name, label)]

    def _sentences(self, label: str) -> tuple[FactEvidence, ...]:
        return tuple(FactEvidence(s) for s in self.pred.sentences.get(label, ()))

    def missed_entity(self, g: GoldEntity) -> ErrorNote:
        other = next((e for e in self.pred.entities if e.type != g.type and _matches(g, e._replace(type=g.type))), None)
        if other is None:
            return ErrorNote(self.doc_id, "missed", "entity", g.type, g.name, reason="not found")
        return ErrorNote(self.doc_id, "missed", "entity", g.type, g.name, self._sentences(str(other.label)),
                         f"stored as {other.type} {other.label!r}")

    def spurious_entity(self, e: PredictedEntity) -> ErrorNote:
        names = _entity_names(e)
        gold = next((g for g in self.gold.entities if normalise_name(g.name) in names), None)
        reason = f"gold has it as {gold.type}" if gold is not None and gold.type != e.type else ""
        return ErrorNote(self.doc_id, "spurious", "entity", str(e.type), str(e.label),
                         self._sentences(str(e.label)), reason)

    def missed_relation(self, r: GoldRelation) -> ErrorNote:
        fact = f"{r.subject} {r.predicate} {r.object}"
        subjects, objects = self._labels(r.subject), self._labels(r.object)
        if not subjects or not objects:
            reason = ("subject and object not found" if not subjects and not objects
                      else "subject not found" if not subjects else "object not found")
            return ErrorNote(self.doc_id, "missed", "relation", r.predicate, fact, reason=reason)
        stored = [f"{s} {p} {o}" for s, p, o in self.pred.relations
                  if (s in subjects and o in objects) or (s in objects and o in subjects)]
        both = tuple(dict.fromkeys(
            sentence
            for s in subjects for o in objects
            for sentence in self.pred.sentences.get(s, ())
            if sentence in self.pred.sentences.get(o, ())
        ))
        if stored:
            reason = "stored as " + "; ".join(stored)
        elif both:
            reason = ""
        elif not self.pred.sentences and not self.pred.comentions:
            reason = "no sentences to show"
        else:
            together = max((self.pred.comentions.get((min(s, o), max(s, o)), 0)
                            for s in subjects for o in objects), default=0)
            # co-mentions count actors only: for an amount, no stored sentence is all we know
            amount = any(self.money_of.get(label) is not None for label in (*subjects, *objects))
            reason = (f"named together in {together} sentence(s), none of them stored" if together
                      else "no stored sentence names both" if amount else "never in one sentence")
        return ErrorNote(self.doc_id, "missed", "relation", r.predicate, fact,
                         tuple(FactEvidence(s) for s in both), reason)

    def spurious_relation(self, triple: Triple) -> ErrorNote:
        s, p, o = triple
        return ErrorNote(self.doc_id, "spurious", "relation", p, f"{s} {p} {o}", self.pred.evidence.get(triple, ()))


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


def format_errors(scores: Scores, max_sentences: int = 3, width: int = 240) -> str:
    """Missed and spurious relations grouped by predicate, then entities grouped by type; within
    a group, by document; each with its sentences (at most ``max_sentences``, each cut to ``width``
    characters), the extractor and confidence of a spurious fact, or the reason there are none.

    >>> stated = (FactEvidence("A runs B.", "pattern", 0.9),)
    >>> note = ErrorNote("d", "spurious", "relation", "leads", "A leads B", stated)
    >>> missed = ErrorNote("d", "missed", "relation", "leads", "C leads B", reason="subject not found")
    >>> print(format_errors(Scores({}, {"leads": PRF(0, 1, 1)}, details=(note, missed))))
    relations
    == leads: 1 missed, 1 spurious
      -- d
        missed    C leads B  (subject not found)
        spurious  A leads B
                  "A runs B."  [pattern 0.90]

    Scores made without details (by hand) print their one-line notes by document:

    >>> print(format_errors(Scores({}, {}, {"d": ["missed relation A leads B"], "e": []})))
    == d
      missed relation A leads B
    """
    if not scores.details:
        lines: list[str] = []
        for doc_id, one_liners in scores.errors.items():
            if one_liners:
                lines.append(f"== {doc_id}")
                lines.extend(f"  {n}" for n in sorted(one_liners, key=lambda n: (not n.startswith("missed"), n)))
        return "\n".join(lines)
    out: list[str] = []
    for item, heading in (("relation", "relations"), ("entity", "entities")):
        notes = sorted((n for n in scores.details if n.item == item),
                       key=lambda n: (n.group, n.document, n.kind != "missed", n.fact))
        if not notes:
            continue
        out.append(heading)
        group = document = None
        for note in notes:
            if note.group != group:
                group, document = note.group, None
                counts = [sum((n.group, n.kind) == (group, kind) for n in notes) for kind in ("missed", "spurious")]
                out.append(f"== {group}: {counts[0]} missed, {counts[1]} spurious")
            if note.document != document:
                document = note.document
                out.append(f"  -- {document}")
            out.append(f"    {note.kind:<9} {note.fact}" + (f"  ({note.reason})" if note.reason else ""))
            for ev in note.evidence[:max_sentences]:
                out.append(f"              {_quote(ev.sentence, width)}" + _stated_by(ev))
            if len(note.evidence) > max_sentences:
                out.append(f"              (+{len(note.evidence) - max_sentences} more)")
    return "\n".join(out)


def _quote(sentence: str, width: int) -> str:
    text = " ".join(sentence.split())
    return '"' + (text if len(text) <= width else text[: width - 1] + "\u2026") + '"'


def _stated_by(ev: FactEvidence) -> str:
    if not ev.extractor and ev.confidence is None:
        return ""
    confidence = "" if ev.confidence is None else f" {ev.confidence:.2f}"
    return f"  [{ev.extractor or '?'}{confidence}]"
