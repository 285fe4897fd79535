"""The ``aikg`` command line: each command checks its arguments and calls one library function.

Errors raised on purpose (:class:`~aikg.errors.AikgError`) and bad arguments are printed as a
single line on stderr with a non-zero exit status; everything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

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


def _echo_err(message: str) -> None:
    typer.echo(f"aikg: {message}", err=True)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of .txt, .md, .html or .jsonl articles.")],
    store: StoreOption = DEFAULT_STORE,
    processes: Annotated[int, typer.Option("--processes", "-j", min=1, help="Extraction processes.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per spaCy batch.")] = 16,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")] = False,
) -> None:
    """Extract entities and relations from articles and store them, one named graph per document.

    Unchanged documents are skipped; changed ones replace their facts. Exits 1 if any failed.
    """
    from aikg.pipeline import build as run_build

    report = run_build(paths, store, n_process=processes, batch_size=batch_size, progress=not quiet)
    for failure in report.failed:
        _echo_err(f"failed: {failure}")
    typer.echo(f"{report.summary()}; store: {store}")
    if not report.ok:
        raise typer.Exit(1)


def _read_query(query: str) -> str:
    if query == "-":
        return sys.stdin.read()
    candidate = Path(query)
    if candidate.suffix in {".rq", ".sparql"} or (len(query) < 255 and "\n" not in query and candidate.is_file()):
        try:
            return candidate.read_text(encoding="utf-8")
        except OSError as err:
            raise UsageError(f"cannot read query file {query}: {err.strerror}", code="E002") from err
    return query


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, a .rq file, or - for stdin.")],
    store: StoreOption = DEFAULT_STORE,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json or turtle.")] = "table",
) -> None:
    """Run a SPARQL query over all documents; aikg, rdfs, skos, schema, prov... are pre-bound."""
    from aikg.graph.sparql import ResultFormat, format_result, run_query
    from aikg.graph.store import open_store

    try:
        result_format = ResultFormat(fmt)
    except ValueError:
        raise UsageError(f"unknown format {fmt!r}; expected one of {[f.value for f in ResultFormat]}") from None
    text = _read_query(sparql)
    with open_store(store, read_only=True) as kstore:
        typer.echo(format_result(run_query(kstore, text), result_format))


@app.command()
def view(
    store: StoreOption = DEFAULT_STORE,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("out/graph.html"),
) -> None:
    """Write an interactive network view that opens offline in any browser."""
    from aikg.graph.store import open_store
    from aikg.graph.views import write_view

    if out.suffix.lower() not in {".html", ".htm"}:
        raise UsageError(f"--out {out}: the view is an HTML file; give a name ending in .html")
    with open_store(store, read_only=True) as kstore:
        typer.echo(str(write_view(kstore, out)))


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
            raise UsageError(f"{file}: no such file", code="E004")
    with open_store(store) as kstore:
        total = sum(import_file(kstore, file) for file in files)
    typer.echo(f"imported {total} quads into {store}")


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
# (one import line per module, keep sorted)
