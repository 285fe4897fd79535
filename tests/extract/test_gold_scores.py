"""Scores on the gold annotations must stay above the project's targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from aikg.extract.evaluate import format_report, load_gold, predictions_from_extractions, read_documents, score
from aikg.extract.pipeline import Extractor

pytestmark = pytest.mark.model

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"
GOLD = Path(__file__).parents[1] / "gold"
SAMPLE = Path(__file__).parents[2] / "corpus" / "sample"

SEED_ENTITY_F1 = 0.90
SEED_RELATION_F1 = 0.75


@pytest.mark.parametrize(("name", "folder", "pattern"), [("seeds", SEEDS, "*.txt"), ("sample", SAMPLE, "*.md")])
def test_gold_scores(extractor: Extractor, name: str, folder: Path, pattern: str) -> None:
    gold = GOLD / f"{name}.jsonl"
    if not folder.is_dir() or not gold.is_file():
        pytest.skip(f"{name} documents ({folder}) or gold ({gold}) not available")
    documents = read_documents(sorted(folder.glob(pattern)))
    scores = score(load_gold(gold), predictions_from_extractions(extractor.extract_many(documents)))
    report = format_report(scores, name)
    assert scores.entity_micro.f1 >= SEED_ENTITY_F1, report
    assert scores.relation_micro.f1 >= SEED_RELATION_F1, report
