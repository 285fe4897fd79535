"""Confidence calibration: what a fact's confidence means on articles the extractor was not fit on.

A pattern's confidence is a number its author chose, and the classifier's is a probability fit
on the articles it was trained on: on new articles both promise more than they hold (facts at
>= 0.8 were right 69-77% of the time on fresh batches). The table ``data/confidence_calibration.json``
says, for each kind of extractor (``clf`` for the trained classifier, ``rule`` for every pattern
and reader) and predicate, how
often its facts were right on annotated articles that neither the rules nor the classifier were
fit on, and the factor that brings its confidences down to that rate. It is written by
:mod:`aikg.calibrate`, which says which articles it read; extraction only multiplies.

The factor never raises a confidence, and a cell with few facts is shrunk towards no change
(see :func:`shrunk_factor`), so that a handful of facts cannot move a whole family.

>>> table = Calibration({("clf", "worksFor"): 0.8})
>>> table.adjust("clf:worksFor+coref", "worksFor", 0.95)
0.76
>>> table.adjust("dep:svo", "worksFor", 0.9)
0.9
>>> extractor_kind("clf:leads+coref"), extractor_kind("round:participant-cue")
('clf', 'rule')
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from .errors import DataFileError, Errors

__all__ = ["DEFAULT_CALIBRATION_PATH", "Calibration", "extractor_kind", "load_calibration", "shrunk_factor"]

DEFAULT_CALIBRATION_PATH = Path(str(files("aikg.extract").joinpath("data", "confidence_calibration.json")))
#: How many facts a cell's own rate weighs against "no change" (a prior of this many facts right
#: as often as their confidence says).
PRIOR_FACTS = 5.0


def extractor_kind(extractor: str) -> str:
    """The calibration family of an extractor name: ``clf`` (the classifier) or ``rule``. (The
    ``worksFor`` that a leading role implies is not calibrated twice: it follows its source.)"""
    return "clf" if extractor.split(":", 1)[0] == "clf" else "rule"


def shrunk_factor(right: int, facts: int, mean_confidence: float, prior: float = PRIOR_FACTS) -> float:
    """The factor that brings a cell's mean confidence to its observed rate, shrunk towards 1.

    >>> shrunk_factor(6, 10, 0.9)   # (6 + 5 * 0.9) / 15 = 0.7 right, against 0.9 promised
    0.778
    >>> shrunk_factor(10, 10, 0.8)  # better than promised: no change
    1.0
    """
    if facts <= 0 or mean_confidence <= 0:
        return 1.0
    rate = (right + prior * mean_confidence) / (facts + prior)
    return round(min(1.0, rate / mean_confidence), 3)


@dataclass(frozen=True)
class Calibration:
    """Factors per (extractor kind, predicate); a missing cell is left as it is."""

    factors: Mapping[tuple[str, str], float]
    about: Mapping[str, Any] = field(default_factory=dict)

    def adjust(self, extractor: str, predicate: str, confidence: float) -> float:
        """``confidence`` as calibrated for a fact of ``predicate`` found by ``extractor``."""
        factor = self.factors.get((extractor_kind(extractor), predicate), 1.0)
        return round(confidence * factor, 3)

    def to_json(self) -> dict[str, Any]:
        cells = [{"kind": kind, "predicate": predicate, "factor": factor}
                 for (kind, predicate), factor in sorted(self.factors.items())]
        return {"about": dict(self.about), "cells": cells}


@lru_cache(maxsize=4)
def load_calibration(path: str | None = None) -> Calibration:
    """The packaged table (or the one at ``path``); no file means no calibration."""
    where = Path(path) if path else DEFAULT_CALIBRATION_PATH
    if not where.exists():
        return Calibration({})
    try:
        raw = json.loads(where.read_text(encoding="utf-8"))
        factors = {(c["kind"], c["predicate"]): float(c["factor"]) for c in raw["cells"]}
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise DataFileError(Errors.E511.format(path=str(where), detail=str(err))) from err
    return Calibration(factors, raw.get("about", {}))
