"""The NER tuning: stored as a weight change, added back at load, skipped where it does not fit.

(No tuning file ships: ``aikg.ner_training`` says what the French and English tunings measured.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy

from aikg.extract.errors import NerTuningWarning
from aikg.extract.ner_tuning import apply_ner_tuning, tuning_arrays
from aikg.extract.pipeline import MODEL_NAMES, model_label

EN = next(name for name in MODEL_NAMES["en"] if spacy.util.is_package(name))


def _weights(nlp: spacy.language.Language) -> list[np.ndarray]:
    ner = nlp.get_pipe("ner")
    return [node.get_param(name).copy() for node in ner.model.walk() for name in node.param_names
            if node.has_param(name)]


def test_a_stored_change_is_added_to_the_stock_weights(tmp_path: Path) -> None:
    stock, tuned = spacy.load(EN), spacy.load(EN)
    node, name = next((n, p) for n in tuned.get_pipe("ner").model.walk() for p in n.param_names if n.has_param(p))
    node.set_param(name, node.get_param(name) + 0.25)
    path = tmp_path / "ner_tuning_en.npz"
    np.savez_compressed(path, **tuning_arrays(stock.get_pipe("ner"), tuned.get_pipe("ner"), model_label(stock)))
    fresh = spacy.load(EN)
    assert apply_ner_tuning(fresh, "en", path)
    changed = [not np.allclose(a, b) for a, b in zip(_weights(fresh), _weights(stock), strict=True)]
    assert changed.count(True) == 1
    assert np.allclose(_weights(fresh)[changed.index(True)], _weights(tuned)[changed.index(True)], atol=1e-3)


def test_a_change_made_for_another_model_version_is_skipped_with_w503(tmp_path: Path) -> None:
    stock = spacy.load(EN)
    arrays = tuning_arrays(stock.get_pipe("ner"), stock.get_pipe("ner"), "en_core_web_sm==9.9.9")
    path = tmp_path / "ner_tuning_en.npz"
    np.savez_compressed(path, **arrays)
    with pytest.warns(NerTuningWarning, match="W503.*9.9.9"):
        assert not apply_ner_tuning(stock, "en", path)
    assert all(np.array_equal(a, b) for a, b in zip(_weights(stock), _weights(spacy.load(EN)), strict=True))


def test_a_language_without_a_tuning_file_keeps_the_stock_ner(tmp_path: Path) -> None:
    stock, nlp = spacy.load(EN), spacy.load(EN)
    assert not apply_ner_tuning(nlp, "en", tmp_path / "ner_tuning_en.npz")
    assert all(np.array_equal(a, b) for a, b in zip(_weights(stock), _weights(nlp), strict=True))
