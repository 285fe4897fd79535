"""The news-tuned weights of the spaCy models' named-entity recognisers, applied at load time.

The trained pipelines' NER was fit on OntoNotes (English) and WikiNER (French): it misses or mistypes
the names that AI news is made of (the French model reads an unknown start-up as a place or a person).
``python -m aikg.ner_training`` fine-tunes a language's ``ner`` component on the development set's
gold entities projected onto its texts, and stores the change of every weight, ``tuned - base``, as
float16 in ``data/ner_tuning_<lang>.npz`` (about 3 MB, where the whole component would be 6 MB and its
texts cannot ship). Loading adds the change back to the installed model's weights, so the model
package stays the one on PyPI. A language without a file keeps the stock NER, and no file ships yet:
the French tuning typed unknown start-ups right but cost relation precision (``aikg.ner_training``
gives the figures).

Both models' ``ner`` has its own ``tok2vec`` (no listener), so the tagger, the parser and the
lemmatizer are untouched. The file records the base pipeline and version it was computed against
(``model_label``) and every weight's shape: on another version the tuning is skipped with warning
W503 and the stock NER runs.
"""

from __future__ import annotations

import warnings
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language

from .errors import NerTuningWarning, Warnings

__all__ = ["BASE_KEY", "TUNING_DIR", "apply_ner_tuning", "tuning_arrays", "tuning_path"]

#: the folder of the packaged tuning files
TUNING_DIR = Path(str(files("aikg.extract").joinpath("data")))
#: the array that holds the base pipeline's label (``"en_core_web_sm==3.8.0"``) as bytes
BASE_KEY = "__base__"


def tuning_path(lang: str) -> Path:
    """Where the tuning of ``lang``'s NER is stored."""
    return TUNING_DIR / f"ner_tuning_{lang}.npz"


def _weights(component: Any) -> list[tuple[str, Any, str]]:
    """``(key, node, parameter name)`` for every weight of a component's model, in walk order.

    The key holds the node's position and name, so that a file made for another architecture
    does not match by accident.
    """
    return [(f"{i}/{node.name}/{name}", node, name)
            for i, node in enumerate(component.model.walk())
            for name in node.param_names if node.has_param(name)]


def tuning_arrays(base: Any, tuned: Any, base_label: str) -> dict[str, np.ndarray]:
    """The arrays to store for ``tuned``, a fine-tuned copy of the ``base`` NER component."""
    tuned_params = {key: node.get_param(name) for key, node, name in _weights(tuned)}
    arrays = {key: (tuned_params[key] - node.get_param(name)).astype(np.float16)
              for key, node, name in _weights(base)}
    arrays[BASE_KEY] = np.frombuffer(base_label.encode("utf-8"), dtype=np.uint8)
    return arrays


def _version(label: str) -> str:
    return label.rpartition("==")[2]


def apply_ner_tuning(nlp: Language, lang: str, path: Path | None = None) -> bool:
    """Add the stored tuning to ``nlp``'s ``ner`` weights; ``False`` (and W503) when it does not fit.

    No file for the language, or a pipeline without ``ner``, leaves the pipeline as it is.
    """
    from .pipeline import model_label

    source = path or tuning_path(lang)
    if "ner" not in nlp.pipe_names or not source.is_file():
        return False
    label = model_label(nlp)
    with np.load(source) as stored:
        arrays = {key: stored[key] for key in stored.files}
    made_for = bytes(arrays.pop(BASE_KEY, np.zeros(0, np.uint8))).decode("utf-8")
    weights = _weights(nlp.get_pipe("ner"))
    fits = (_version(made_for) == _version(label) and len(weights) == len(arrays)
            and all(key in arrays and arrays[key].shape == node.get_param(name).shape for key, node, name in weights))
    if not fits:
        warnings.warn(Warnings.W503.format(path=source.name, made_for=made_for, label=label),
                      NerTuningWarning, stacklevel=2)
        return False
    for key, node, name in weights:
        base = node.get_param(name)
        node.set_param(name, base + arrays[key].astype(base.dtype))
    return True
