"""The trained relation classifier's weights: one logistic regression per predicate, as data.

The model is a JSON table (``data/relation_model.json``): for each predicate a bias, a
decision threshold and the weights of the features of :mod:`.relation_features`. Scoring is a
sum of weights and a logistic function, so extraction needs no machine-learning library at run
time, and the table can be read ("which words make a ``leads``?"). It is written by
:mod:`aikg.extract.training`, which says what it was trained on and how it was calibrated.

>>> model = RelationModel({"raised": PredicateModel(bias=-2.0, threshold=0.5, weights={"bw:raise": 4.0})})
>>> round(model.probability("raised", ["bw:raise", "order:so"]), 3)
0.881
>>> model.probability("leads", ["bw:raise"])
0.0
>>> {p: round(v, 3) for p, v in model.probabilities(["raised", "leads"], ["bw:raise"]).items()}
{'raised': 0.881}
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from .errors import DataFileError, Errors

__all__ = ["DEFAULT_MODEL_PATH", "DISABLED_THRESHOLD", "PredicateModel", "RelationModel", "load_relation_model"]

DEFAULT_MODEL_PATH = Path(str(files("aikg.extract").joinpath("data", "relation_model.json")))
#: The threshold training gives a predicate whose out-of-fold predictions never reached the target
#: precision: the classifier leaves that predicate to the patterns.
DISABLED_THRESHOLD = 0.99


#: The trained predicates of a tuple asked for, their biases, and feature -> (position, weight).
_Index = tuple[tuple[str, ...], tuple[float, ...], dict[str, list[tuple[int, float]]]]


@dataclass(frozen=True)
class PredicateModel:
    """One predicate's logistic regression: ``P = 1 / (1 + exp(-(bias + sum(weights))))``."""

    bias: float
    threshold: float
    weights: Mapping[str, float]


@dataclass(frozen=True)
class RelationModel:
    """Per-predicate models and what they were trained on (``about``: free-form provenance)."""

    predicates: Mapping[str, PredicateModel]
    about: Mapping[str, Any] = field(default_factory=dict)

    def probability(self, predicate: str, features: Iterable[str]) -> float:
        """The probability that ``predicate`` holds for a pair with these features (0 if untrained)."""
        return self.probabilities([predicate], features).get(predicate, 0.0)

    @cached_property
    def _indexes(self) -> dict[tuple[str, ...], _Index]:
        """Per tuple of predicates asked for, filled on first use: the trained ones among them,
        their biases, and feature -> ``(position among them, weight)`` of each of them that weighs
        it. One look-up per feature scores all the predicates of a pair, and the predicates that a
        pair's types rule out cost nothing (a pipeline scores a few tuples, one per pair of entity
        types)."""
        return {}

    def _index_of(self, predicates: tuple[str, ...]) -> _Index:
        found = self._indexes.get(predicates)
        if found is None:
            trained = tuple(dict.fromkeys(p for p in predicates if p in self.predicates))
            index: dict[str, list[tuple[int, float]]] = {}
            for slot, predicate in enumerate(trained):
                for feature, weight in self.predicates[predicate].weights.items():
                    index.setdefault(feature, []).append((slot, weight))
            found = self._indexes[predicates] = (trained, tuple(self.predicates[p].bias for p in trained), index)
        return found

    def probabilities(self, predicates: Iterable[str], features: Iterable[str]) -> dict[str, float]:
        """:meth:`probability` of each of ``predicates`` (the trained ones) for one pair's features."""
        trained, biases, index = self._index_of(predicates if type(predicates) is tuple else tuple(predicates))
        z = list(biases)
        get = index.get
        for feature in set(features):
            weights = get(feature)
            if weights is not None:
                for slot, weight in weights:
                    z[slot] += weight
        return {p: 1.0 / (1.0 + math.exp(-max(min(v, 30.0), -30.0))) for p, v in zip(trained, z, strict=True)}

    def to_json(self) -> dict[str, Any]:
        """The JSON form written to ``relation_model.json`` (weights sorted, rounded)."""
        return {
            "version": 1,
            "about": dict(self.about),
            "predicates": {
                name: {
                    "bias": round(m.bias, 5),
                    "threshold": round(m.threshold, 4),
                    "weights": {f: round(w, 4) for f, w in sorted(m.weights.items())},
                }
                for name, m in sorted(self.predicates.items())
            },
        }


def _from_json(raw: Any, path: str) -> RelationModel:
    try:
        predicates = {
            str(name): PredicateModel(float(m["bias"]), float(m["threshold"]),
                                      {str(f): float(w) for f, w in m["weights"].items()})
            for name, m in raw["predicates"].items()
        }
        return RelationModel(predicates, dict(raw.get("about", {})))
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise DataFileError(Errors.E510.format(path=path, detail=f"{type(err).__name__}: {err}")) from err


@lru_cache(maxsize=4)
def load_relation_model(path: Path | str | None = None) -> RelationModel:
    """Load the classifier's weights (the packaged model by default); cached per path."""
    where = str(path or DEFAULT_MODEL_PATH)
    try:
        raw = json.loads(Path(where).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataFileError(Errors.E510.format(path=where, detail=str(err))) from err
    return _from_json(raw, where)
