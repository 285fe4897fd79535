"""The project's exceptions, rooted in :class:`AikgError`, with coded messages.

As in spaCy's ``errors.py``, every message has a code (``E201``) so that it can be grepped in
logs and asserted in tests, and every message names the file or value at fault and what would
be valid. The CLI prints ``str(error)`` on one line and exits non-zero.

Codes are numbered by layer, one meaning per code (``tests/aikg/test_errors.py`` checks that
each code is raised by one layer only):

====== ==========================================================================
E0xx   command-line usage (``aikg.cli*``): arguments, files named on the command line
E1xx   documents (``aikg.documents``): unreadable, binary, empty, malformed, too large
E2xx   the store (``aikg.graph.store``): missing, locked, unwritable, failed writes
E3xx   SPARQL (``aikg.graph.sparql``, ``aikg.queries``, ``aikg.server``); E311 "no
       entity has this name" is shared by every layer that looks up entities by name
E4xx   analysis and views (``aikg.graph.analysis.projection``, ``analysis*``, ``view*``, ``aikg.api``)
E5xx   extraction (``aikg.extract.errors``, with W5xx warnings)
====== ==========================================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = [
    "AikgError",
    "DocumentError",
    "Errors",
    "Message",
    "QueryError",
    "StoreError",
    "UsageError",
    "add_codes",
]


class Message(str):
    """A message template that knows its code: ``Errors.E311.format(name="x")`` is the text
    ``"[E311] ..."`` and keeps ``.code == "E311"``, so exceptions never parse it back out."""

    code: str

    def __new__(cls, text: str, code: str) -> Message:
        message = super().__new__(cls, text)
        message.code = code
        return message

    def format(self, *args: Any, **kwargs: Any) -> Message:
        return Message(super().format(*args, **kwargs), self.code)


def add_codes(table: type) -> type:
    """Class decorator for a layer's table of messages (spaCy's ``add_codes``): each attribute
    named like a code (``E311``, ``W501``) becomes a :class:`Message` ``"[E311] template"``.

    >>> @add_codes
    ... class Errors:
    ...     E999 = "no entity is called {name!r}"
    >>> message = Errors.E999.format(name="Mistral")
    >>> message, message.code
    ("[E999] no entity is called 'Mistral'", 'E999')
    """
    for name, value in list(vars(table).items()):
        if len(name) == 4 and name[0] in "EW" and name[1:].isdigit() and isinstance(value, str):
            setattr(table, name, Message(f"[{name}] {value}", name))
    return table


class AikgError(Exception):
    """Root of every error the project raises on purpose.

    Raise with a coded message from a layer's table: ``QueryError(Errors.E311.format(name=n))``.
    A plain string with ``code=`` is still accepted (the code is then prefixed).
    """

    code: str = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if isinstance(message, Message) and code is None:
            self.code = message.code
            super().__init__(str(message))
            return
        self.code = code or self.code
        super().__init__(f"[{self.code}] {message}")


class UsageError(AikgError):
    """An argument or option has a value the command cannot use."""

    code = "E001"


class DocumentError(AikgError):
    """A source document cannot be read or parsed; the message names the file."""

    code = "E100"

    def __init__(self, path: Path | str, problem: str, *, code: str | None = None) -> None:
        if isinstance(problem, Message) and code is None:  # from aikg.documents.errors.Errors
            code = problem.code
            problem = problem.removeprefix(f"[{code}] ")
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}", code=code)


class StoreError(AikgError):
    """The store cannot be opened, is locked, or a write failed (nothing was half-written)."""

    code = "E200"


class QueryError(AikgError):
    """A SPARQL query is malformed, unknown, or its parameters are invalid."""

    code = "E300"


@add_codes
class Errors:
    """Command-line usage (E0xx): the messages of ``aikg.cli*`` and of the build's executor choice.

    The graph layer's file arguments (E004, E01x) live in :mod:`aikg.graph.errors`; the sample
    corpus and ``build_graph`` of the notebook API are E02x; questions (``aikg.ask``) E03x.
    """

    E001 = "{detail}"  # an argument the command cannot use: the detail names it and what is valid
    E002 = "cannot read query file {path}: {reason}"
    E003 = ("not in the store: {doc_ids} (give a stored document id, its canonical URL, or the file or folder "
            "it was built from)")
    E005 = "gold file {path} not found"
    E006 = ("the store has no document {doc_id!r} of {gold} ({missing} missing); "
            "build the annotated documents first")
    E007 = "{path}: no such file"
    E008 = "no build executor called {name!r}; known: {known}"
    E009 = "{paths}: no such file or folder; nothing was built (no store created)"
    E020 = "sample corpus not found at {path}; set AIKG_CORPUS to a folder of articles"
    E021 = "{count} document(s) failed: {failed}"
    # asking questions (aikg.ask): E03x
    E030 = ("cannot map the question {question!r} to a query; questions it answers, with an example each: "
            "{intents}")
