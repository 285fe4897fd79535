"""Scores on the gold annotations must stay above the project's targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from aikg.documents import find_sources, load_source
from aikg.errors import DocumentError
from aikg.extract.evaluate import format_report, load_gold, predictions_from_extractions, score
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document
from tests.helpers import GOLD, SAMPLE, SEEDS

pytestmark = pytest.mark.model


SEED_ENTITY_F1 = 0.90
SEED_RELATION_F1 = 0.75


def _documents(folder: Path) -> list[Document]:
    """The documents of ``folder`` read by the one reader of the project (front matter and all)."""
    found = [d for source in find_sources([folder]) if not isinstance(source, DocumentError)
             for d in load_source(source)]
    errors = [d for d in found if isinstance(d, DocumentError)]
    assert not errors, errors
    return [d for d in found if isinstance(d, Document)]


@pytest.mark.parametrize(("name", "folder"), [("seeds", SEEDS), ("sample", SAMPLE)])
def test_gold_scores(extractor: Extractor, name: str, folder: Path) -> None:
    gold = GOLD / f"{name}.jsonl"
    if not folder.is_dir() or not gold.is_file():
        pytest.skip(f"{name} documents ({folder}) or gold ({gold}) not available")
    documents = _documents(folder)
    scores = score(load_gold(gold), predictions_from_extractions(extractor.extract_many(documents)))
    report = format_report(scores, name)
    assert scores.entity_micro.f1 >= SEED_ENTITY_F1, report
    assert scores.relation_micro.f1 >= SEED_RELATION_F1, report
