"""The behavioural relation cases (``tests/extract/cases/``), scored construction by construction.

``python -m benchmarks.cases [--split train|test|all]``

Each case is a sentence or two in our own words with every fact a reader signs (``facts``) and
facts that must not be read from it (``not``: hedges, valuations, bystanders, former roles read as
current). A case's facts count as found when extraction states them with the same predicate,
names that match (label, alias or knowledge-base name, or the same amount) and, for a former role,
the ``former`` status; a ``not`` entry is violated when extraction states it (with ``"status":
"current"``: states it as current). ``train`` are the two thirds of the cases that
``python -m aikg.training`` learns from, ``test`` the third it never sees (by a hash of the id).
"""

from __future__ import annotations

import argparse
import json
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aikg.extract.evaluate import SYMMETRIC, normalise_name
from aikg.extract.kb import load_knowledge_base
from aikg.extract.money import parse_money
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document, EntityType, Extraction

__all__ = ["CASE_FILES", "CaseScores", "load_cases", "main", "score_cases"]

REPO = Path(__file__).resolve().parents[1]
CASE_FILES = tuple(sorted((REPO / "tests" / "extract" / "cases").glob("relations_*.jsonl")))


def load_cases(split: str = "all", files: Iterable[Path] = CASE_FILES) -> list[dict[str, object]]:
    """The cases of ``split``: ``test`` is every case whose id hashes to 0 modulo 3 (as in training)."""
    cases: list[dict[str, object]] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                is_test = zlib.crc32(case["id"].encode()) % 3 == 0
                if split == "all" or (split == "test") == is_test:
                    cases.append(case)
    return cases


@dataclass
class CaseScores:
    """Facts found and ``not`` entries violated, overall and per construction."""

    found: int = 0
    facts: int = 0
    violated: int = 0
    nots: int = 0
    by_construction: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.facts if self.facts else 0.0

    @property
    def violation_rate(self) -> float:
        return self.violated / self.nots if self.nots else 0.0


def _stated(extraction: Extraction) -> set[tuple[str, str, str, str]]:
    """Every (subject name, predicate, object name, status) the extraction states, by every name."""
    kb = load_knowledge_base()
    names: dict[str, set[str]] = {}
    for entity in extraction.entities:
        found = {normalise_name(entity.label), *(normalise_name(a) for a in entity.aliases)}
        if entity.in_knowledge_base and entity.key in kb:
            found |= {normalise_name(n) for n in kb[entity.key].names}
        if entity.type is EntityType.MONETARY_AMOUNT and entity.amount is not None:
            found.add(f"money:{entity.amount.normalize()}:{entity.currency}")
        names[entity.key] = found
    return {
        (s, r.predicate, o, r.status.value)
        for r in extraction.relations
        if not r.hedged
        for s in names.get(r.subject, {r.subject})
        for o in names.get(r.object, {r.object})
    }


def _keys(name: str) -> set[str]:
    keys = {normalise_name(name)}
    money = parse_money(name)
    if money is not None:
        keys.add(f"money:{money[0].normalize()}:{money[1]}")
    return keys


def _holds(fact: dict[str, str], stated: set[tuple[str, str, str, str]], statuses: Sequence[str]) -> bool:
    """Whether ``fact`` is stated (either way round for a symmetric predicate such as partnerOf)."""
    predicate = fact["predicate"]
    return any(
        (s, predicate, o, status) in stated or (predicate in SYMMETRIC and (o, predicate, s, status) in stated)
        for s in _keys(fact["subject"]) for o in _keys(fact["object"]) for status in statuses
    )


def score_cases(cases: Sequence[dict[str, object]], extractor: Extractor | None = None) -> CaseScores:
    """Extract each case as a one-paragraph document and score its facts and ``not`` entries."""
    extractor = extractor or Extractor()
    documents = [Document(str(c["id"]), str(c["text"]), source="case", language=str(c["lang"])) for c in cases]
    scores = CaseScores()
    for case, extraction in zip(cases, extractor.extract_many(documents), strict=True):
        stated = _stated(extraction)
        row = scores.by_construction[str(case["construction"])]
        for fact in case.get("facts", []):  # type: ignore[attr-defined]
            status = fact.get("status", "")
            ok = _holds(fact, stated, [status] if status == "former" else ["current", "former"])
            scores.facts += 1
            scores.found += ok
            row[0] += ok
            row[1] += 1
            if not ok:
                scores.misses.append(f"{case['id']}: missed {fact['subject']} {fact['predicate']} {fact['object']}")
        for fact in case.get("not", []):  # type: ignore[attr-defined]
            bad = _holds(fact, stated, ["current"] if fact.get("status") == "current" else ["current", "former"])
            scores.nots += 1
            scores.violated += bad
            row[2] += bad
            row[3] += 1
            if bad:
                scores.misses.append(f"{case['id']}: stated {fact['subject']} {fact['predicate']} {fact['object']}")
    return scores


def format_cases(scores: CaseScores, title: str) -> str:
    lines = [f"{title}: facts found {scores.found}/{scores.facts} ({scores.recall:.3f}); "
             f"'not' entries stated {scores.violated}/{scores.nots} ({scores.violation_rate:.3f})",
             f"  {'construction':22} {'found':>9} {'stated-not':>11}"]
    for name, (found, facts, bad, nots) in sorted(scores.by_construction.items()):
        lines.append(f"  {name:22} {found:4}/{facts:<4} {bad:5}/{nots:<5}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cases", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("train", "test", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="list each missed fact and stated 'not' entry")
    args = parser.parse_args(argv)
    extractor = Extractor()
    for split in (("train", "test") if args.split == "all" else (args.split,)):
        scores = score_cases(load_cases(split), extractor)
        print(format_cases(scores, f"cases {split}"))
        if args.errors:
            print("\n".join(f"  {m}" for m in scores.misses))


if __name__ == "__main__":
    main()
