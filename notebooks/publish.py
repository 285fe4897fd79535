"""Run each notebook from top to bottom and publish it as one offline HTML page under docs/notebooks/.

Notebooks are stored without outputs (tests/test_notebooks.py checks it), so on a code host they
look empty; the pages written here show what a run shows. Each page must open without a network:
nbconvert's templates load require.js and MathJax from a CDN, which these notebooks do not need,
so those tags are removed and the page is checked to reference no remote script or style sheet
(the inline network views are self-contained already). Run it with ``./run notebooks-html``.

The pages are built from the bundled sample corpus only: the notebooks also read the shared seed
articles when they are there, and a page shows the sentences behind the facts, but the seeds' text
may be read, never copied into the repository (the kernel's ``AIKG_SEEDS`` points at a missing
folder; ``tests/test_notebooks.py`` checks the pages hold no seed sentence).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "docs" / "notebooks"

_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", re.IGNORECASE)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.IGNORECASE)
#: what must not remain: any script or style sheet fetched from elsewhere
_ANY_REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
                         r"|@import\s+url\(\s*[\"']?https?:", re.IGNORECASE)


def offline(page: str) -> str:
    """``page`` without the remote scripts and style sheets nbconvert's template adds.

    >>> offline('<p>a</p><script src="https://cdn.test/r.js"></script><link rel="stylesheet" href="//x.test/s.css">')
    '<p>a</p>'
    """
    return _REMOTE_LINK.sub("", _REMOTE_SCRIPT.sub("", page))


def remote_references(page: str) -> list[str]:
    """The remote script or style references left in ``page`` (none in a published page)."""
    return [m.group(0) for m in _ANY_REMOTE.finditer(page)]


def publish(notebook: Path, out: Path, *, timeout: int = 900) -> Path:
    """Execute ``notebook`` in a fresh kernel from a temporary folder and write its HTML to ``out``."""
    document = nbformat.read(notebook, as_version=4)
    with tempfile.TemporaryDirectory(prefix="aikg-publish-") as work:
        no_seeds = Path(work) / "no-seeds"  # not created: seed_corpus() answers None
        client = NotebookClient(document, kernel_name="python3", timeout=timeout, allow_errors=False,
                                resources={"metadata": {"path": work}})
        client.execute(env={**os.environ, "AIKG_SEEDS": str(no_seeds)})
    exporter = HTMLExporter(template_name="lab")
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(document, resources={"metadata": {"name": notebook.stem}})
    page = offline(body)
    if left := remote_references(page):
        raise RuntimeError(f"{notebook.name}: the page still loads from the network: {left[:3]}")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{notebook.stem}.html"
    target.write_text(page, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook names (default: every notebooks/*.ipynb)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder of the pages (default: {OUT})")
    args = parser.parse_args(argv)
    paths = [NOTEBOOKS / n for n in args.names] if args.names else sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        target = publish(path, args.out)
        print(f"{target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
