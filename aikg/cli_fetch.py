"""``aikg fetch``: download pages, feeds and PDFs into a folder for ``aikg build``.

The command checks its arguments and calls :func:`aikg.fetch.fetch`; each failure is one coded
line on stderr, and the exit status is 1 when any URL failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aikg.cli import app
from aikg.errors import Errors, UsageError

__all__ = ["fetch"]


@app.command()
def fetch(
    urls: Annotated[list[str] | None, typer.Argument(help="Pages or PDFs to download (http:// or https://).")] = None,
    feed: Annotated[list[str] | None, typer.Option(
        "--feed", help="An RSS or Atom feed: saved, and the pages of its items downloaded (repeatable).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to save into (then: aikg build FOLDER).")] = Path(
        "out/fetched"),
    delay: Annotated[float, typer.Option(min=0, help="Seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for an answer.")] = 20.0,
    max_size: Annotated[int, typer.Option("--max-size", min=1, help="Largest answer read, in bytes.")] = 10_000_000,
    items: Annotated[bool, typer.Option("--items/--no-items", help="Download the pages of feed items.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")] = False,
) -> None:
    """Download pages and feeds politely (robots.txt, a delay per host, a size limit, conditional requests).

    Saves HTML, feeds (.xml) and PDFs under OUT/<host>/; a second run asks only for what changed.
    """
    from aikg.fetch import FetchSettings
    from aikg.fetch import fetch as fetch_all

    if not urls and not feed:
        raise UsageError(Errors.E001.format(detail="give at least one URL or --feed URL"))
    settings = FetchSettings(out=out, delay=delay, timeout=timeout, max_bytes=max_size, follow_feed_items=items)
    report = fetch_all(urls or [], settings, feeds=feed or [], progress=not quiet)
    for failure in report.failed:
        typer.echo(f"aikg: failed: {failure}", err=True)
    typer.echo(f"{report.summary()}; folder: {out} (next: aikg build {out})")
    if not report.ok:
        raise typer.Exit(1)
