"""The ``aikg`` command line: each command checks its arguments and calls one library function.

Errors raised on purpose (:class:`~aikg.errors.AikgError`) and bad arguments are printed as a
single line on stderr with a non-zero exit status; everything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

try:  # typer >= 0.25 vendors click; its exceptions are the ones raised here
    import typer._click as click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    import click  # type: ignore[no-redef]
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

from aikg.errors import AikgError, Errors, UsageError

#: ``aikg --help`` lists commands in these sections, in this order (a command missing here goes
#: under "Other commands", so a new one is never hidden).
SECTIONS: dict[str, tuple[str, ...]] = {
    "Build and store": ("demo", "fetch", "build", "stats", "validate", "export", "import", "remove"),
    "Query": ("query", "queries", "ask"),
    "View and serve": ("view", "serve"),
    "Analysis": ("path", "rank", "eval"),
}


class AikgGroup(TyperGroup):
    """The ``aikg`` command group. Its help lists commands by section (:data:`SECTIONS`) in plain
    text: typer's ``rich_help_panel`` only shows with rich markup, which ``aikg`` turns off so that
    help and errors stay plain lines. Ctrl-C is said on one line before exit status 130 (typer
    would exit silently); a build interrupted (in ``build`` or ``demo``) says what was written and
    how to go on."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:
            _echo_err(str(stop) or "interrupted")
            raise typer.Exit(130) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        visible = {name: command for name in self.list_commands(ctx)
                   if (command := self.get_command(ctx, name)) is not None and not command.hidden}
        if not visible:
            return
        limit = formatter.width - 6 - max(map(len, visible))
        listed = {name for names in SECTIONS.values() for name in names}
        sections = [*SECTIONS.items(), ("Other commands", tuple(n for n in visible if n not in listed))]
        for title, names in sections:
            rows = [(name, visible[name].get_short_help_str(limit)) for name in names if name in visible]
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


app = typer.Typer(
    cls=AikgGroup,
    name="aikg",
    help="Turn AI-ecosystem news into a knowledge graph: build it, query it, view it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

StoreOption = Annotated[str, typer.Option(
    "--store", "-s",
    help="Store folder, or a SPARQL 1.1 server: QUERY_URL (update endpoint guessed) or QUERY_URL|UPDATE_URL.")]
DEFAULT_STORE = "out/store"


def _cores() -> int:
    """The CPUs this process may run on (a container's quota, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _echo_err(message: str) -> None:
    typer.echo(f"aikg: {message}", err=True)


@contextmanager
def naming(option: str, *codes: str) -> Iterator[None]:
    """Put the command-line ``option`` in front of the library's errors ``codes``: the library
    names the value at fault, never a flag (``[E311] --focus 'x': unknown entity 'x' ...``).

    >>> from aikg.errors import QueryError
    >>> from aikg.graph.errors import Errors as GraphErrors
    >>> with naming("--focus 'x'", "E311"):  # doctest: +ELLIPSIS
    ...     raise QueryError(GraphErrors.E311.format(name="x", hint=""))
    Traceback (most recent call last):
    aikg.errors.AikgError: [E311] --focus 'x': unknown entity 'x'...
    """
    try:
        yield
    except AikgError as err:
        if err.code not in codes:
            raise
        raise AikgError(f"{option}: {str(err).removeprefix(f'[{err.code}] ')}", code=err.code) from err


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders of articles: .txt, .md, .html, .jsonl, feeds (.rss, .atom, .xml), .pdf.")],
    store: StoreOption = DEFAULT_STORE,
    processes: Annotated[int | None, typer.Option(
        "--processes", "-j", min=1, help="Extraction processes.  [default: all cores]")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per spaCy batch.")] = 16,
    write_every: Annotated[int, typer.Option(
        "--write-every", min=1, help="Documents written to the store together: a killed build redoes at "
        "most this many; more ingest faster.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")] = False,
    engine: Annotated[str, typer.Option(
        "--engine", help="Where extraction runs: local (processes here) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://host:8786); without it, --engine dask starts a "
        "local cluster.")] = None,
    partition_size: Annotated[int, typer.Option(
        "--partition-size", min=1, help="Documents per Dask task (--engine dask).")] = 32,
) -> None:
    """Extract entities and relations from articles and store them, one named graph per document.

    Unchanged documents are skipped; changed ones replace their facts. Exits 1 if any failed.
    """
    from aikg.pipeline import EXECUTORS, build_with, get_executor

    if engine not in EXECUTORS:
        raise UsageError(Errors.E001.format(detail=f"--engine {engine!r}: expected {' or '.join(EXECUTORS)}"))
    if scheduler is not None and engine != "dask":
        raise UsageError(Errors.E001.format(detail="--scheduler needs --engine dask"))
    if not any(path.exists() for path in paths):  # before the store is opened: nothing is created
        raise UsageError(Errors.E009.format(paths=", ".join(map(str, paths))))
    options = ({"scheduler": scheduler, "partition_size": partition_size} if engine == "dask"
               else {"n_process": processes or _cores()})
    # Ctrl-C raises BuildInterrupted, which says what was written (printed by AikgGroup.invoke)
    report = build_with(get_executor(engine, batch_size=batch_size, **options), paths, store,
                        write_every=write_every, progress=not quiet)
    for failure in report.failed:
        _echo_err(f"failed: {failure}")
    typer.echo(f"{report.summary()}; store: {store}")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def view(
    store: StoreOption = DEFAULT_STORE,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("out/graph.html"),
    focus: Annotated[str | None, typer.Option("--focus", help="Label or alias of the entity to centre on.")] = None,
    depth: Annotated[int, typer.Option(
        "--depth", min=0, help="Stated facts (hops) around --focus to include.")] = 2,
    co_mentions: Annotated[bool, typer.Option(
        "--co-mentions", help="With --focus, also follow co-mentions (names in one sentence) as hops.")] = False,
    query: Annotated[str | None, typer.Option(
        "--query", "-q", help="A .rq file (or - for stdin) with a CONSTRUCT or SELECT query to draw.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Heading of the page.")] = None,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1,
                                           help="Draw at most this many entities (the most central).")] = 5000,
) -> None:
    """Write an interactive network view (one offline HTML file): the whole graph, the
    neighbourhood of one entity (--focus, --depth), or the result of a query (--query)."""
    from aikg.cli_query import read_query
    from aikg.graph.views.render import ViewLimits, write_view

    if out.suffix.lower() not in {".html", ".htm"}:
        raise UsageError(Errors.E001.format(
            detail=f"--out {out}: the view is an HTML file; give a name ending in .html"))
    text = read_query(query) if query is not None else None
    limits = ViewLimits(max_nodes=max_nodes, max_edges=3 * max_nodes)
    with naming("--focus and --query", "E004"), naming(f"--focus {focus!r}", "E311", "E312"):
        written = write_view(store, out, focus=focus, depth=depth, query=text, title=title, limits=limits,
                             co_mentions=co_mentions)
    typer.echo(str(written))


@app.command()
def stats(store: StoreOption = DEFAULT_STORE) -> None:
    """Count documents, entities by type and facts by predicate."""
    from aikg.graph.stats import store_stats
    from aikg.graph.store import open_store

    with open_store(store, read_only=True) as kstore:
        typer.echo(store_stats(kstore).render())


@app.command()
def export(
    store: StoreOption = DEFAULT_STORE,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="turtle, trig, nquads, nt or jsonld.  [default: from the --out suffix "
        "(.ttl, .trig, .nq, .nt, .jsonld), else trig]")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Export the graph; TriG, N-Quads and JSON-LD keep one named graph per document."""
    from aikg.graph.export import ExportFormat, export_store, format_for_path, format_named
    from aikg.graph.store import open_store

    if fmt is not None:
        if (export_format := format_named(fmt)) is None:
            raise UsageError(Errors.E001.format(
                detail=f"unknown format {fmt!r}; expected one of {[f.value for f in ExportFormat]}"))
    elif out is not None:
        with naming("--out", "E010"):
            export_format = format_for_path(out)
    else:
        export_format = ExportFormat.TRIG
    with open_store(store, read_only=True) as kstore:
        if out is None:
            export_store(kstore, export_format, sys.stdout.buffer)
        else:
            with out.open("wb") as handle:
                export_store(kstore, export_format, handle)
            typer.echo(f"{out} ({export_format.value})")


@app.command()
def remove(
    doc_ids: Annotated[list[str], typer.Argument(
        help="Documents: the files or folders they were built from (corpus/sample/02-x.md), their ids "
        "(aikg query 'SELECT ?id { ?d aikg:documentId ?id }') or canonical URLs.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Remove documents' facts; facts that other documents also state are kept."""
    from aikg.graph.store import open_store
    from aikg.remove import remove_documents

    with open_store(store) as kstore:
        removal = remove_documents(kstore, doc_ids)
    if removal.removed:
        typer.echo(f"removed {len(removal.removed)} document(s): {', '.join(removal.removed)}")
    if removal.missing:
        raise UsageError(Errors.E003.format(doc_ids=", ".join(removal.missing)))


@app.command()
def validate(store: StoreOption = DEFAULT_STORE) -> None:
    """Check every document graph against the SHACL shapes; exits 1 and lists violations if any."""
    from aikg.graph.store import open_store
    from aikg.graph.validate import validate_store

    with open_store(store, read_only=True) as kstore:
        violations = validate_store(kstore)
        documents = len(kstore.documents())
    for violation in violations:
        typer.echo(str(violation))
    typer.echo(f"{documents} document graph(s) checked, {len(violations)} violation(s)")
    if violations:
        raise typer.Exit(1)


@app.command(name="import")
def import_(
    files: Annotated[list[Path], typer.Argument(help="TriG, N-Quads or JSON-LD exports of aikg.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Load aikg exports back into a store, one document graph at a time (idempotent)."""
    from aikg.graph.export import import_file
    from aikg.graph.store import open_store

    for file in files:
        if not file.is_file():
            raise UsageError(Errors.E007.format(path=file))
    with open_store(store) as kstore:
        total = sum(import_file(kstore, file) for file in files)
    typer.echo(f"imported {total} quads into {store}")


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL, see tests/gold/README.md).")],
    store: StoreOption = DEFAULT_STORE,
    errors: Annotated[bool, typer.Option(
        "--errors", help="Also list missed and spurious facts by predicate, with their sentences.")] = False,
) -> None:
    """Score the stored graph against gold annotations: precision, recall, F1 by type and predicate."""
    from aikg.evaluation import predictions_from_store
    from aikg.extract.evaluate import format_errors, format_report, load_gold, score
    from aikg.graph.store import open_store

    if not gold.is_file():
        raise UsageError(Errors.E005.format(path=gold))
    gold_documents = load_gold(gold)
    with open_store(store, read_only=True) as kstore:
        predicted = predictions_from_store(kstore)
    missing = sorted(set(gold_documents) - set(predicted))
    if missing:
        raise UsageError(Errors.E006.format(doc_id=missing[0], gold=gold, missing=len(missing)))
    scores = score(gold_documents, {d: p for d, p in predicted.items() if d in gold_documents})
    typer.echo(format_report(scores, title=str(gold)))
    if errors:
        typer.echo(format_errors(scores))


@app.command()
def demo(
    corpus: Annotated[Path, typer.Argument(help="Folder of articles.")] = Path("corpus/sample"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the store and the view.")] = Path("out"),
) -> None:
    """The main job on the sample corpus: build the graph, write the view, answer one query."""
    from aikg.demo import run_demo

    if not corpus.is_dir():
        raise UsageError(Errors.E001.format(
            detail=f"corpus folder {corpus} not found; run from the repository root or pass a folder"))
    typer.echo(run_demo(corpus, out))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``aikg`` script: one-line errors, non-zero exits."""
    try:
        code = app(args=argv, standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click_exceptions.NoArgsIsHelpError:
        sys.exit(0)
    except click_exceptions.UsageError as err:
        _echo_err(f"{err.format_message()} (see 'aikg {err.ctx.info_name if err.ctx else ''} --help')"
                  .replace("aikg aikg", "aikg"))
        sys.exit(2)
    except typer.Exit as err:
        sys.exit(err.exit_code)
    except typer.Abort:
        _echo_err("aborted")
        sys.exit(130)
    except AikgError as err:
        _echo_err(str(err))
        sys.exit(1)


# Commands of each area live in their own module and register themselves on ``app``.
from aikg import cli_analysis, cli_ask, cli_fetch, cli_query  # noqa: E402,F401
