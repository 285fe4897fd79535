"""Write the confidence calibration table (``extract/data/confidence_calibration.json``).

Reads annotated articles that the rules and the classifier were not fit on (by default the
development set's ``heldout``, ``unseen``, ``final`` and ``next`` splits, 70 articles whose errors
nobody read;
the texts live outside the repository,
``--texts``), extracts them with no calibration, and counts, for each (extractor kind, predicate)
of :mod:`aikg.extract.calibration`, the stated facts and those the gold confirms (matched as
``aikg eval`` matches them; a fact found by several extractors counts once, for its most
confident statement). Each cell's factor brings its mean confidence down to its rate of right
facts, shrunk towards no change for small cells (:func:`~aikg.extract.calibration.shrunk_factor`)::

    python -m aikg.calibrate --split heldout --split unseen --split final --split next --texts ../scratch/devset/texts

Rebuild it after retraining the classifier or changing rules; never from the articles the
calibration is then measured on (``python -m benchmarks.calibration --split fresh``: a batch scored
once, at the end of the session that calibrates). The factors only lower confidences, so the facts
stated, and their precision and recall, do not depend on the table.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from aikg.extract.assemble import doc_to_extraction
from aikg.extract.calibration import DEFAULT_CALIBRATION_PATH, Calibration, extractor_kind, shrunk_factor
from aikg.extract.evaluate import SYMMETRIC, normalise_name
from aikg.extract.pipeline import Extractor
from aikg.extract.records import RelationRecord
from aikg.training import REPO, TrainingDocument, documents_in, gold_names, gold_of_split

__all__ = ["Cell", "cells_of", "main"]

Cell = tuple[str, str]


def cells_of(item: TrainingDocument, extractor: Extractor) -> list[tuple[Cell, float, bool]]:
    """``((kind, predicate), confidence, right)`` for each fact stated in one document, uncalibrated."""
    document = item.document
    nlp = extractor.pipeline(extractor.language_of(document))
    extraction = doc_to_extraction(nlp(document.text), document, extractor.kb, calibration=Calibration({}))
    names = gold_names(extraction, item.gold)
    gold = {(normalise_name(r.subject), r.predicate, normalise_name(r.object)) for r in item.gold.relations}
    best: dict[tuple[str, str, str], RelationRecord] = {}
    for r in extraction.relations:
        if r.hedged or r.extractor.startswith("implied:"):
            continue
        key = (r.subject, r.predicate, r.object)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    out: list[tuple[Cell, float, bool]] = []
    for (subject, predicate, obj), r in best.items():
        right = any((s, predicate, o) in gold or (predicate in SYMMETRIC and (o, predicate, s) in gold)
                    for s in names.get(subject, ()) for o in names.get(obj, ()))
        out.append(((extractor_kind(r.extractor), predicate), r.confidence, right))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m aikg.calibrate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", action="append", default=[], help="gold splits to read (repeatable)")
    parser.add_argument("--texts", type=Path, default=REPO.parent / "scratch" / "devset" / "texts")
    parser.add_argument("--out", type=Path, default=DEFAULT_CALIBRATION_PATH)
    args = parser.parse_args(argv)
    splits = args.split or ["heldout", "unseen", "final", "next"]
    files = sorted((REPO / "tests" / "gold" / "dev").glob("*.jsonl"))
    documents = documents_in(args.texts)
    extractor = Extractor()
    facts: dict[Cell, list[tuple[float, bool]]] = defaultdict(list)
    read = 0
    for split in splits:
        for doc_id, gold in sorted(gold_of_split(files, split).items()):
            if doc_id not in documents:
                continue
            read += 1
            for cell, confidence, right in cells_of(TrainingDocument(documents[doc_id], gold, split), extractor):
                facts[cell].append((confidence, right))
    factors: dict[Cell, float] = {}
    counts: dict[str, dict[str, float]] = {}
    for cell, rows in sorted(facts.items()):
        mean = sum(c for c, _ in rows) / len(rows)
        correct = sum(1 for _, ok in rows if ok)
        factors[cell] = shrunk_factor(correct, len(rows), mean)
        counts[f"{cell[0]}:{cell[1]}"] = {"facts": len(rows), "right": correct, "mean_confidence": round(mean, 3)}
    about = {"splits": splits, "documents": read, "cells": counts,
             "command": "python -m aikg.calibrate " + " ".join(f"--split {s}" for s in splits)}
    table = Calibration(factors, about)
    args.out.write_text(json.dumps(table.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    shown = ", ".join(f"{k}:{p} {f:.2f}" for (k, p), f in sorted(factors.items()) if f < 1.0)
    print(f"{read} documents of {splits}; wrote {args.out}; factors below 1: {shown or 'none'}", file=sys.stderr)


if __name__ == "__main__":
    main()
