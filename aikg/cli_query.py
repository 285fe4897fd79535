"""Commands to query the graph: ``aikg queries``, ``aikg query`` and ``aikg serve``.

Each command checks its arguments and calls one library function (:mod:`aikg.graph.sparql`,
:mod:`aikg.queries`, :mod:`aikg.server`); errors are coded one-liners printed by
:func:`aikg.cli.main`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from aikg.cli import DEFAULT_STORE, StoreOption, app, naming
from aikg.errors import Errors, UsageError

__all__ = ["queries", "query", "read_query", "serve"]


def read_query(query: str) -> str:
    """The query text from an argument: ``-`` reads stdin, a ``.rq`` (or existing) file its content."""
    if query == "-":
        return sys.stdin.read()
    candidate = Path(query)
    if candidate.suffix in {".rq", ".sparql"} or (len(query) < 255 and "\n" not in query and candidate.is_file()):
        try:
            return candidate.read_text(encoding="utf-8")
        except OSError as err:
            raise UsageError(Errors.E002.format(path=query, reason=err.strerror)) from err
    return query


@app.command()
def queries(
    name: Annotated[str | None, typer.Argument(help="Show this query in full (header and SPARQL).")] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="The list as Markdown (docs/queries.md).")] = False,
) -> None:
    """List the named queries, one a line; with a NAME, show that query in full."""
    from aikg.queries import catalogue_markdown, get_query, load_queries

    if markdown:
        typer.echo(catalogue_markdown().rstrip("\n"))
        return
    if name is not None:
        typer.echo(get_query(name).text.rstrip("\n"))
        typer.echo(f"\n# run it: {get_query(name).example_command()}")
        return
    named = load_queries()
    width = max(len(n) for n in named)
    for query_name, named_query in named.items():
        params = ", ".join(p.name + ("?" if p.optional else "") for p in named_query.parameters)
        typer.echo(f"{query_name.ljust(width)}  {named_query.title}" + (f"  [{params}]" if params else ""))


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query, a .rq file, or - for stdin.")] = None,
    store: StoreOption = DEFAULT_STORE,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json, xml; for CONSTRUCT and "
                                     "DESCRIBE: turtle, nt, jsonld, rdfxml.")] = "table",
    named: Annotated[str | None, typer.Option("--named", "-n", help="Run a named query (see 'aikg queries').")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value for a named query "
                                                    "(repeatable); entities by label or ent: name.")] = None,
    labels: Annotated[bool, typer.Option("--labels", "-l", help="Show labels instead of entity IRIs "
                                         "(table, csv, tsv).")] = False,
) -> None:
    """Run a SPARQL query over all documents; aikg, ent, doc, rdfs, skos, schema, prov... are pre-bound."""
    from aikg.graph.sparql import ResultFormat, execute, label_map, serialize
    from aikg.graph.store import open_store
    from aikg.queries import parse_params, run_named

    try:
        result_format = ResultFormat(fmt)
    except ValueError:
        raise UsageError(Errors.E001.format(
            detail=f"unknown format {fmt!r}; expected one of {[f.value for f in ResultFormat]}")) from None
    if (sparql is None) == (named is None):
        raise UsageError(Errors.E001.format(detail="give either a SPARQL query (text, .rq file or -) or --named NAME"))
    if param and named is None:
        raise UsageError(Errors.E001.format(detail="--param goes with --named NAME (parameters of a named query)"))
    if labels and result_format not in {ResultFormat.TABLE, ResultFormat.CSV, ResultFormat.TSV}:
        raise UsageError(Errors.E001.format(detail=f"--labels applies to table, csv and tsv output, not {fmt}"))
    with naming("--param", "E304"):
        values = parse_params(param or [])
    text = read_query(sparql) if sparql is not None else ""
    with open_store(store, read_only=True) as kstore:
        answer = run_named(kstore, named, values) if named is not None else execute(kstore, text)
        names = label_map(kstore, (c for row in answer.rows for c in row)) if labels else None
        # a table is read on a terminal: long cells (sentences) are cut to its width ($COLUMNS when
        # set); piped elsewhere it stays whole
        on_terminal = sys.stdout.isatty() or "COLUMNS" in os.environ
        width = shutil.get_terminal_size().columns if result_format is ResultFormat.TABLE and on_terminal else None
        output = serialize(answer, result_format, labels=names, width=width)
    sys.stdout.write(output.decode("utf-8"))
    sys.stdout.flush()


@app.command()
def serve(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    views: Annotated[Path | None, typer.Option(help="Folder of HTML views to serve under /views/ "
                                              "(default: out/, where 'aikg view' writes).")] = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds a query may run before it is stopped.")] = 10.0,
    max_results: Annotated[int, typer.Option(min=1, help="Most rows (or triples) in one answer.")] = 10000,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Query worker processes.")] = 2,
    max_memory: Annotated[int, typer.Option(min=0, help="MiB of memory each query worker may use (0: no limit); "
                                                       "a query past it is stopped.")] = 2048,
) -> None:
    """Serve the store read-only: SPARQL 1.1 Protocol at /sparql, the query page at /, views at /views/."""
    from aikg.server import ServerSettings, run_server

    if store.startswith(("http://", "https://")):
        raise UsageError(Errors.E001.format(
            detail=f"--store {store}: aikg serve serves a local store folder, not a SPARQL server"))
    settings = ServerSettings(store=Path(store), views=views if views is not None else Path("out"), timeout=timeout,
                              max_results=max_results, workers=workers, max_memory=max_memory)
    run_server(settings, host=host, port=port)
