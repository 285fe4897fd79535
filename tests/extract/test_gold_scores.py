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


def test_gold_scores_seeds(extractor: Extractor) -> None:
    if not SEEDS.is_dir() or not (GOLD / "seeds.jsonl").is_file():
        pytest.skip(f"seed documents ({SEEDS}) or gold ({GOLD / 'seeds.jsonl'}) not available")
    documents = read_documents(sorted(SEEDS.glob("*.txt")))
    scores = score(load_gold(GOLD / "seeds.jsonl"), predictions_from_extractions(extractor.extract_many(documents)))
    report = format_report(scores, "seeds")
    assert scores.entity_micro.f1 >= SEED_ENTITY_F1, report
    assert scores.relation_micro.f1 >= SEED_RELATION_F1, report


def test_gold_scores_sample(extractor: Extractor) -> None:
    if not SAMPLE.is_dir() or not (GOLD / "sample.jsonl").is_file():
        pytest.skip(f"sample corpus ({SAMPLE}) or gold ({GOLD / 'sample.jsonl'}) not available")
    documents = read_documents(sorted(SAMPLE.glob("*.md")))
    scores = score(load_gold(GOLD / "sample.jsonl"), predictions_from_extractions(extractor.extract_many(documents)))
    report = format_report(scores, "sample")
    assert scores.entity_micro.f1 >= SEED_ENTITY_F1, report
    assert scores.relation_micro.f1 >= SEED_RELATION_F1, report
