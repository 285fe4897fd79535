"""``aikg ask``: a question in English or French, answered from the graph with its evidence.

The command checks its arguments and calls :func:`aikg.ask.ask`; errors are coded one-liners
printed by :func:`aikg.cli.main` (E030 lists the questions it answers, E311 says "did you
mean", E312 lists the entities a name could be).
"""

from __future__ import annotations

from typing import Annotated

import typer

from aikg.cli import DEFAULT_STORE, StoreOption, app
from aikg.errors import Errors, UsageError

__all__ = ["ask"]


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in English or French, e.g. \"Who invested in "
                                            "Mistral AI?\" or \"Qui dirige Hugging Face ?\".")],
    store: StoreOption = DEFAULT_STORE,
    show_query: Annotated[bool, typer.Option("--show-query", "-q", help="Print the SPARQL query that answers "
                                             "the question, its parameters written in.")] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="en or fr (default: detected).")] = None,
) -> None:
    """Ask the graph a question in plain English or French; the answer lists facts and their sentences."""
    from aikg.ask import ask as ask_question
    from aikg.graph.store import open_store

    if lang is not None and lang not in {"en", "fr"}:
        raise UsageError(Errors.E001.format(detail=f"--lang {lang!r}: expected en or fr"))
    with open_store(store, read_only=True) as kstore:
        typer.echo(ask_question(kstore, question, lang=lang).format(show_query=show_query))
