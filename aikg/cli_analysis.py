"""Commands that analyse the graph: ``aikg path`` and ``aikg rank``.

Each command checks its arguments and calls one library function
(:func:`aikg.graph.analysis.paths.explain_path`, :func:`aikg.graph.analysis.centrality.rank`);
errors (an unknown entity, type or measure) are coded one-liners printed by :func:`aikg.cli.main`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from aikg.cli import DEFAULT_STORE, StoreOption, app

__all__ = ["path", "rank"]


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="An entity: label, alias, key or Wikidata ID (\"Emmanuel Macron\").")],
    target: Annotated[str, typer.Argument(help="Another entity (\"OpenAI\").")],
    store: StoreOption = DEFAULT_STORE,
    relations: Annotated[str, typer.Option(
        "--relations", "-r",
        help="auto (stated facts, else co-mentions too), typed (facts only) or both.")] = "auto",
) -> None:
    """How two entities are connected: the shortest path, each hop with its sentence and document."""
    from aikg.graph.analysis.paths import explain_path
    from aikg.graph.store import open_store

    with open_store(store, read_only=True) as kstore:
        typer.echo(str(explain_path(kstore, source, target, relations=relations)))


@app.command()
def rank(
    store: StoreOption = DEFAULT_STORE,
    measure: Annotated[str, typer.Option("--measure", "-m",
                                         help="pagerank, degree, strength or betweenness.")] = "pagerank",
    entity_type: Annotated[str | None, typer.Option(
        "--type", "-t", help="Only this type: Organization, Person, Place, Event or Product.")] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many entities to list.")] = 10,
    relations: Annotated[str, typer.Option(
        "--relations", "-r", help="typed (stated facts), comention or both.")] = "typed",
) -> None:
    """The most central entities of the graph, optionally of one type."""
    from aikg.graph.analysis.centrality import rank as rank_entities
    from aikg.graph.analysis.projection import project
    from aikg.graph.store import open_store

    with open_store(store, read_only=True) as kstore:
        table = rank_entities(project(kstore, relations), measure, type=entity_type, top=top)
    if table.empty:
        typer.echo(f"no {entity_type or 'entity'} is linked in this graph")
        return
    width = max(len(str(label)) for label in table["label"])
    typer.echo(f"{'#':>3}  {'entity'.ljust(width)}  {'type':<12}  {measure:>11}  key")
    for position, (key, row) in enumerate(table.iterrows(), start=1):
        label = str(row["label"]).ljust(width)
        typer.echo(f"{position:>3}  {label}  {row['type']!s:<12}  {row['score']:>11.4f}  {key}")
