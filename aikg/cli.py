"""The ``aikg`` command line: each command checks its arguments and calls one library function.

Errors raised on purpose (:class:`~aikg.errors.AikgError`) and bad arguments are printed as a
single line on stderr with a non-zero exit status; everything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

try:  # typer >= 0.25 vendors click; its exceptions are the ones raised here
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

from aikg.errors import AikgError, UsageError

app = typer.Typer(
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


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of .txt, .md, .html or .jsonl articles.")],
    store: StoreOption = DEFAULT_STORE,
    processes: Annotated[int | None, typer.Option(
        "--processes", "-j", min=1, help="Extraction processes.  [default: all cores]")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per spaCy batch.")] = 16,
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
    if engine not in {"local", "dask"}:
        raise UsageError(f"--engine {engine!r}: expected local or dask")
    if scheduler is not None and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        from aikg.distributed import build_distributed

        report = build_distributed(paths, store, scheduler=scheduler, partition_size=partition_size,
                                   batch_size=batch_size, progress=not quiet)
    else:
        from aikg.pipeline import build as run_build

        report = run_build(paths, store, n_process=processes or _cores(), batch_size=batch_size,
                           progress=not quiet)
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
    depth: Annotated[int, typer.Option("--depth", min=0, help="Links around --focus to include.")] = 2,
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
        raise UsageError(f"--out {out}: the view is an HTML file; give a name ending in .html")
    text = read_query(query) if query is not None else None
    limits = ViewLimits(max_nodes=max_nodes, max_edges=3 * max_nodes)
    typer.echo(str(write_view(store, out, focus=focus, depth=depth, query=text, title=title, limits=limits)))


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
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nquads or jsonld.")] = "trig",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Export the graph; TriG, N-Quads and JSON-LD keep one named graph per document."""
    from aikg.graph.export import ExportFormat, export_store
    from aikg.graph.store import open_store

    try:
        export_format = ExportFormat(fmt)
    except ValueError:
        raise UsageError(f"unknown format {fmt!r}; expected one of {[f.value for f in ExportFormat]}") from None
    with open_store(store, read_only=True) as kstore:
        if out is None:
            export_store(kstore, export_format, sys.stdout.buffer)
        else:
            with out.open("wb") as handle:
                export_store(kstore, export_format, handle)
            typer.echo(str(out))


@app.command()
def remove(
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids as shown by 'aikg stats --documents'.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Remove documents' facts; facts that other documents also state are kept."""
    from aikg.graph.store import open_store

    with open_store(store) as kstore:
        missing = [d for d in doc_ids if not kstore.remove_document(d)]
    if missing:
        raise UsageError(f"not in the store: {', '.join(missing)}", code="E003")
    typer.echo(f"removed {len(doc_ids)} document(s)")


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
            raise UsageError(f"{file}: no such file", code="E007")
    with open_store(store) as kstore:
        total = sum(import_file(kstore, file) for file in files)
    typer.echo(f"imported {total} quads into {store}")


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL, see tests/gold/README.md).")],
    store: StoreOption = DEFAULT_STORE,
    errors: Annotated[bool, typer.Option("--errors", help="Also list missed and spurious facts.")] = False,
) -> None:
    """Score the stored graph against gold annotations: precision, recall, F1 by type and predicate."""
    from aikg.extract.evaluate import format_errors, format_report, load_gold, score
    from aikg.graph.evaluation import predictions_from_store
    from aikg.graph.store import open_store

    if not gold.is_file():
        raise UsageError(f"gold file {gold} not found", code="E005")
    gold_documents = load_gold(gold)
    with open_store(store, read_only=True) as kstore:
        predicted = predictions_from_store(kstore)
    missing = sorted(set(gold_documents) - set(predicted))
    if missing:
        raise UsageError(f"the store has no document {missing[0]!r} of {gold} ({len(missing)} missing); "
                         "build the annotated documents first", code="E006")
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
        raise UsageError(f"corpus folder {corpus} not found; run from the repository root or pass a folder")
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
from aikg import cli_analysis, cli_query  # noqa: E402,F401
