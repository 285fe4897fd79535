"""The behavioural relation cases (``tests/extract/cases/``) as a quality floor (``benchmarks/cases.py``)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from benchmarks.cases import load_cases, score_cases

pytestmark = pytest.mark.model


# Measured with python -m benchmarks.cases: when they were added, train 190/537 facts found (0.354),
# 8/247 'not' entries stated, test (never trained on) 60/263 (0.228), 6/143 stated; at the end of
# the 2026-12-05 evening session (classifier target precision 0.9), train 245/537 (0.456), 9/247
# stated, test 104/263 (0.395), 5/143 stated; at the end of the next session (85 dev documents),
# train 279/537 (0.520), 10/247 stated, test 114/263 (0.433), 6/143 stated; at the end of the
# session after (more cases, line breaks, construction modules), train 288/545 (0.528), 10/251
# stated, test 120/269 (0.446), 7/146 stated. The floors below leave a small margin; raise them as
# extraction improves.
@pytest.mark.parametrize(("split", "min_recall", "max_stated"), [("train", 0.50, 0.05), ("test", 0.42, 0.06)])
def test_behavioural_cases(split: str, min_recall: float, max_stated: float) -> None:
    scores = score_cases(load_cases(split), Extractor())
    assert scores.recall >= min_recall, f"{split}: facts found {scores.found}/{scores.facts}"
    assert scores.violation_rate <= max_stated, "\n".join(m for m in scores.misses if ": stated " in m)
