"""How many test questions ``aikg ask`` maps to the right query (intent and resolved parameters).

``python -m benchmarks.ask [--store DIR] [--split dev|heldout|all] [--errors]``

The questions are ``tests/ask/questions.jsonl`` (written by someone who never saw the parser,
see its README). Lines are split in two: odd lines (1, 3, 5...) are the development half the
cue words and rules were tuned on, even lines the held-out half. A question counts as right
when its intent is the expected one and every parameter resolves to the expected entity (both
through the one entity lookup) or date; a question whose intent is null counts as right when
``aikg ask`` refuses it (E030, or E311 for a name nobody has). Without ``--store`` the sample
corpus is built into a temporary store first (about ten seconds).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aikg.ask import Gazetteer, parse_question
from aikg.errors import AikgError
from aikg.graph.store import KnowledgeStore, open_store

__all__ = ["QUESTIONS", "Outcome", "Report", "main", "score_questions"]

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO / "tests" / "ask" / "questions.jsonl"
SPLITS = ("dev", "heldout", "all")


@dataclass(frozen=True)
class Outcome:
    """One question: what was expected, what the parser gave, and whether they agree."""

    line: int
    question: str
    lang: str
    expected: tuple[str | None, dict[str, str]]
    got: tuple[str | None, dict[str, str]]
    right: bool
    error: str | None = None


@dataclass
class Report:
    """Outcomes of a split, with shares overall, per language and per half."""

    outcomes: list[Outcome] = field(default_factory=list)

    def share(self, *, lang: str | None = None, half: str | None = None) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if (lang is None or o.lang == lang)
                  and (half is None or (o.line % 2 == 1) == (half == "dev"))]
        return sum(o.right for o in chosen), len(chosen)

    def format(self, errors: bool = False) -> str:
        lines = ["| part | right | total | share |", "|---|---:|---:|---:|"]
        parts = [("dev half (odd lines)", {"half": "dev"}), ("held-out half (even lines)", {"half": "heldout"}),
                 ("English", {"lang": "en"}), ("French", {"lang": "fr"}), ("total", {})]
        for name, where in parts:
            right, total = self.share(**where)
            if total:
                lines.append(f"| {name} | {right} | {total} | {100 * right / total:.1f}% |")
        if errors:
            lines.append("")
            for o in self.outcomes:
                if not o.right:
                    lines.append(f"line {o.line} ({o.lang}) {o.question!r}: expected {o.expected}, got {o.got}"
                                 + (f" [{o.error}]" if o.error else ""))
        return "\n".join(lines)

    def by_intent(self) -> Counter[str]:
        return Counter(str(o.expected[0]) for o in self.outcomes if not o.right)


def _keys(gazetteer: Gazetteer, params: dict[str, str]) -> dict[str, str]:
    """Entity parameters as keys through the one lookup; dates as they are."""
    keys = {}
    for name, value in params.items():
        if name == "since":
            keys[name] = value
        else:
            try:
                keys[name] = gazetteer.resolve(value).key
            except AikgError:
                keys[name] = f"?{value}"
    return keys


def score_questions(store: KnowledgeStore, path: Path = QUESTIONS, split: str = "all") -> Report:
    """Parse every question of ``split`` and compare with the expected intent and parameters."""
    gazetteer = Gazetteer.from_store(store)
    report = Report()
    for line, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or (split == "dev" and line % 2 == 0) or (split == "heldout" and line % 2 == 1):
            continue
        case = json.loads(raw)
        expected = (case["intent"], dict(case["params"]))
        try:
            parse = parse_question(case["question"], gazetteer)
        except AikgError as err:
            got: tuple[str | None, dict[str, str]] = (None, {})
            report.outcomes.append(Outcome(line, case["question"], case["lang"], expected, got,
                                           expected[0] is None, str(err)[:160]))
            continue
        params = {name: mention.entity.key for name, mention in parse.entities.items()}
        params.update({name: when.isoformat() for name, when in parse.dates.items()})
        got = (parse.intent.id, parse.params())
        right = parse.intent.id == expected[0] and params == _keys(gazetteer, expected[1])
        report.outcomes.append(Outcome(line, case["question"], case["lang"], expected, got, right))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ask", description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a store built from corpus/sample (default: build one)")
    parser.add_argument("--split", choices=SPLITS, default="all")
    parser.add_argument("--errors", action="store_true", help="list the questions answered wrongly")
    args = parser.parse_args(argv)
    if args.store is None:
        from aikg.pipeline import build

        location = Path(tempfile.mkdtemp(prefix="aikg-ask-")) / "store"
        build([REPO / "corpus" / "sample"], location)
        args.store = location
    with open_store(args.store, read_only=True) as store:
        report = score_questions(store, split=args.split)
    print(report.format(errors=args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
