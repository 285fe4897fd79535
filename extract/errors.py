"""Coded errors and warnings of the extraction layer (the spaCy ``errors.py`` idea).

Every message has a code (``E1xx`` errors, ``W1xx`` warnings) so that it can be grepped,
tested and mapped to a one-line CLI message by the app layer.

>>> str(KnowledgeBaseError(Errors.E102.format(path="kb.jsonl", line=3, detail="missing 'id'")))
"[E102] Invalid knowledge-base entry in kb.jsonl line 3: missing 'id'."
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "Errors",
    "ExtractionError",
    "KnowledgeBaseError",
    "LanguageError",
    "PipelineError",
    "UnsupportedLanguageWarning",
    "Warnings",
]


class Errors:
    """Message templates; fill them with ``str.format``."""

    E101 = "[E101] Knowledge base {path} not found or unreadable: {detail}."
    E102 = "[E102] Invalid knowledge-base entry in {path} line {line}: {detail}."
    E103 = "[E103] Duplicate knowledge-base id {kb_id!r} in {path} line {line}."
    E104 = "[E104] Data file {path} is invalid: {detail}."
    E105 = (
        "[E105] Cannot load spaCy pipeline {name!r} for language {lang!r}: {detail}. "
        "Install it with `python -m spacy download {name}`."
    )
    E106 = "[E106] Unsupported language code {lang!r}; expected one of {supported}."
    E107 = "[E107] Gold file {path} line {line} is invalid: {detail}."
    E108 = "[E108] Component {name!r} used before initialize(); call nlp.initialize() or component.initialize()."


class Warnings:
    """Warning templates; fill them with ``str.format``."""

    W101 = (
        "[W101] Document {doc_id!r} looks like {detected!r}, which is not supported; "
        "using the {fallback!r} pipeline (supported: en, fr)."
    )
    W102 = "[W102] Document {doc_id!r} declares language {declared!r}, which is not supported; detecting it."


class ExtractionError(Exception):
    """Root of the extraction layer's errors; ``code`` is the ``E1xx`` code of the message."""

    @property
    def code(self) -> str:
        message = str(self.args[0]) if self.args else ""
        return message[1:5] if message.startswith("[E") else ""


class KnowledgeBaseError(ExtractionError):
    """The knowledge-base file is missing or has an invalid entry."""


class DataFileError(ExtractionError):
    """A packaged data file (lexicon, patterns, gold) is missing or malformed."""


class PipelineError(ExtractionError):
    """A spaCy pipeline cannot be loaded or was used before initialisation."""


class LanguageError(ExtractionError):
    """A language code that the extraction layer does not support."""


class UnsupportedLanguageWarning(UserWarning):
    """A document is in a language without a pipeline; the closest pipeline is used."""
