"""Is a fact's confidence honest? Precision of stored facts by confidence, on the development set.

``python -m benchmarks.calibration [--split dev|heldout|unseen|all] [--skip-missing]``

Builds the split's store as ``benchmarks.devset`` does, then, for every stored relation of a gold
document, takes its highest confidence over its evidence and whether the scorer counts it right
(not spurious). It prints precision per confidence band and for every fact at >= 0.8: the issue's
promise is that facts at confidence >= 0.8 are right at least 80% of the time.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from aikg.evaluation import predictions_from_store
from aikg.extract.evaluate import score
from aikg.graph.store import open_store
from benchmarks.devset import DEFAULT_TEXTS, SPLITS, evaluate_devset, gold_split

__all__ = ["calibration", "main"]

BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def calibration(split: str, texts: Path = DEFAULT_TEXTS, *, skip_missing: bool = False) -> list[tuple[float, bool]]:
    """``(confidence, right)`` for each stored relation of the split's gold documents (those with a text,
    with ``skip_missing``)."""
    gold, _ = gold_split(split=split)
    with tempfile.TemporaryDirectory(prefix="aikg-calibration-") as tmp:
        store = Path(tmp) / "store"
        evaluate_devset(texts, split, store=store, skip_missing=skip_missing)
        with open_store(str(store), read_only=True) as kstore:
            predicted = {d: p for d, p in predictions_from_store(kstore).items() if d in gold}
    scores = score(gold, predicted)
    spurious = {(n.document, n.fact) for n in scores.details if n.kind == "spurious" and n.item == "relation"}
    out: list[tuple[float, bool]] = []
    for doc_id, document in predicted.items():
        for triple in set(document.relations):
            confidences = [e.confidence for e in document.evidence.get(triple, ()) if e.confidence is not None]
            out.append((max(confidences, default=0.0), (doc_id, " ".join(triple)) not in spurious))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calibration", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--skip-missing", action="store_true", help="score the documents whose text is there")
    args = parser.parse_args(argv)
    facts = calibration(args.split, skip_missing=args.skip_missing)
    print(f"split={args.split}: {len(facts)} stored facts")
    print(f"  {'confidence':>12} {'facts':>6} {'right':>6} {'precision':>9}")
    for low, high in pairwise(BANDS):
        band = [right for c, right in facts if low <= c < high]
        if band:
            print(f"  {low:.1f} - {min(high, 1.0):.1f}  {len(band):6} {sum(band):6} {sum(band) / len(band):9.3f}")
    high = [right for c, right in facts if c >= 0.8]
    if high:
        print(f"  {'>= 0.8':>12} {len(high):6} {sum(high):6} {sum(high) / len(high):9.3f}")


if __name__ == "__main__":
    main()
