"""Coded errors and warnings of the extraction layer (the spaCy ``errors.py`` idea).

Every message has a code (``E5xx`` errors, ``W5xx`` warnings; the other hundreds belong to the
other layers, see ``aikg.errors``) so that it can be grepped, tested and shown as a one-line CLI
message. :class:`ExtractionError` derives from the project's root :class:`~aikg.errors.AikgError`.

>>> str(KnowledgeBaseError(Errors.E502.format(path="kb.jsonl", line=3, detail="missing 'id'")))
"[E502] Invalid knowledge-base entry in kb.jsonl line 3: missing 'id'."
"""

from __future__ import annotations

from aikg.errors import AikgError

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

    E501 = "[E501] Knowledge base {path} not found or unreadable: {detail}."
    E502 = "[E502] Invalid knowledge-base entry in {path} line {line}: {detail}."
    E503 = "[E503] Duplicate knowledge-base id {kb_id!r} in {path} line {line}."
    E504 = "[E504] Data file {path} is invalid: {detail}."
    E505 = (
        "[E505] Cannot load spaCy pipeline {name!r} for language {lang!r}: {detail}. "
        "It is a pinned dependency: run `./run install` (pip install -r requirements.lock)."
    )
    E506 = "[E506] Unsupported language code {lang!r}; expected one of {supported}."
    E507 = "[E507] Gold file {path} line {line} is invalid: {detail}."
    E508 = "[E508] Component {name!r} used before initialize(); call nlp.initialize() or component.initialize()."


class Warnings:
    """Warning templates; fill them with ``str.format``."""

    W501 = (
        "[W501] Document {doc_id!r} looks like {detected!r}, which is not supported; "
        "using the {fallback!r} pipeline (supported: en, fr)."
    )
    W502 = "[W502] Document {doc_id!r} declares language {declared!r}, which is not supported; detecting it."


class ExtractionError(AikgError):
    """Root of the extraction layer's errors; ``code`` is the ``E5xx`` code of the message.

    The messages are already coded templates (:class:`Errors`), so the code is read from them.
    """

    def __init__(self, message: str) -> None:
        Exception.__init__(self, message)
        self.code = message[1:5] if message.startswith("[E") else "E500"


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
