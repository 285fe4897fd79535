"""Coded errors and warnings of the extraction layer, as tables (spaCy's ``errors.py``).

Every message has a code (``E5xx`` errors, ``W5xx`` warnings; the other hundreds belong to the
other layers, see :mod:`aikg.errors`) so that it can be grepped, tested and shown as a one-line CLI
message. The attribute names of :class:`Errors` and :class:`Warnings` are the codes and their
values the templates; :func:`aikg.errors.add_codes` turns each into a
:class:`~aikg.errors.Message` that keeps its code through ``.format()``, so an exception reads the
code from the message instead of parsing it back out. Raise as
``KnowledgeBaseError(Errors.E502.format(...))``.

>>> error = KnowledgeBaseError(Errors.E502.format(path="kb.jsonl", line=3, detail="missing 'id'"))
>>> str(error), error.code
("[E502] Invalid knowledge-base entry in kb.jsonl line 3: missing 'id'.", 'E502')
"""

from __future__ import annotations

from aikg.errors import AikgError, add_codes

__all__ = [
    "DataFileError",
    "Errors",
    "ExtractionError",
    "KnowledgeBaseError",
    "LanguageError",
    "NerTuningWarning",
    "PipelineError",
    "UnsupportedLanguageWarning",
    "Warnings",
]


@add_codes
class Errors:
    """Error message templates; fill them with ``.format()`` (the code stays on the result)."""

    E501 = "Knowledge base {path} not found or unreadable: {detail}."
    E502 = "Invalid knowledge-base entry in {path} line {line}: {detail}."
    E503 = "Duplicate knowledge-base id {kb_id!r} in {path} line {line}."
    E504 = "Data file {path} is invalid: {detail}."
    E505 = (
        "Cannot load spaCy pipeline {name!r} for language {lang!r}: {detail}. "
        "It is a pinned dependency: run `./run install` (pip install -r requirements.lock)."
    )
    E506 = "Unsupported language code {lang!r}; expected one of {supported}."
    E507 = "Gold file {path} line {line} is invalid: {detail}."
    E508 = "Component {name!r} used before initialize(); call nlp.initialize() or component.initialize()."
    E509 = "Relation pattern file {path} line {line} is invalid: {detail}."
    E510 = "Relation model {path} cannot be read: {detail} (retrain it with python -m aikg.training)."
    E511 = "Confidence calibration {path} cannot be read: {detail} (rebuild it with python -m aikg.calibrate)."


@add_codes
class Warnings:
    """Warning message templates; fill them with ``.format()``."""

    W501 = (
        "Document {doc_id!r} looks like {detected!r}, which is not supported; "
        "using the {fallback!r} pipeline (supported: en, fr)."
    )
    W502 = "Document {doc_id!r} declares language {declared!r}, which is not supported; detecting it."
    W503 = (
        "The NER tuning {path!r} was made for {made_for!r}, not the installed {label!r}; "
        "using the model's own NER (rerun python -m aikg.ner_training for this version)."
    )


class ExtractionError(AikgError):
    """Root of the extraction layer's errors; ``code`` is the ``E5xx`` code of its message."""

    code = "E500"


class KnowledgeBaseError(ExtractionError):
    """The knowledge-base file is missing or has an invalid entry."""


class DataFileError(ExtractionError):
    """A packaged data file (lexicon, patterns, gold) is missing or malformed."""


class PipelineError(ExtractionError):
    """A spaCy pipeline cannot be loaded or was used before initialisation."""


class LanguageError(ExtractionError):
    """A language code that the extraction layer does not support."""


class NerTuningWarning(UserWarning):
    """The stored NER tuning does not fit the installed spaCy model; its own NER runs."""


class UnsupportedLanguageWarning(UserWarning):
    """A document is in a language without a pipeline; the closest pipeline is used."""
