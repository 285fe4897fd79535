"""Article text and metadata from saved news pages: the former hand-written reduction vs trafilatura.

``python -m benchmarks.html_extraction`` reads the fixture pages of ``tests/documents/fixtures/pages``
(each ``NAME.html`` with the article text meant, ``NAME.txt``, and its metadata in
``metadata.json``), runs both readers on each, and writes ``benchmarks/results/html_extraction.md``:

- text precision and recall over word tokens (multisets, lower-cased): the share of the words read
  that belong to the article, and the share of the article's words that were read;
- boilerplate paragraphs: paragraphs read (4 words or more) of which less than half the words belong
  to the article (a cookie banner, a "read also" link, a newsletter box: what would become evidence);
- metadata: fields (title, author, date, canonical URL, site name, language) equal to what was meant;
- with ``--evidence``, the facts the extractor (the real spaCy pipelines) finds in the text read, and
  how many of them stand on a sentence outside the article (no paragraph of it is the article's).

Nothing is timed; the figures are exact and repeatable.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aikg.documents.html import read_html
from benchmarks.html_baseline import html_to_text

__all__ = ["FIXTURES", "PageScore", "main", "score_pages"]

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "documents" / "fixtures" / "pages"
RESULTS = Path(__file__).resolve().parent / "results" / "html_extraction.md"
FIELDS = ("title", "author", "published", "url", "site_name", "language")
_WORD = re.compile(r"\w+")

Reader = Callable[[str], tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class PageScore:
    """One reader on one page."""

    page: str
    precision: float
    recall: float
    boilerplate: int
    fields_right: int


def _words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def text_scores(read: str, meant: str) -> tuple[float, float, int]:
    """Token precision, recall, and the number of boilerplate paragraphs in ``read``.

    >>> text_scores("Cookies are used.\\n\\nOpenAI hired Jane Doe.", "OpenAI hired Jane Doe.")
    (0.571..., 1.0, 0)
    """
    got, expected = _words(read), _words(meant)
    overlap = sum((got & expected).values())
    boilerplate = 0
    for paragraph in read.split("\n\n"):
        words = _words(paragraph)
        if sum(words.values()) >= 4 and sum((words & expected).values()) < sum(words.values()) / 2:
            boilerplate += 1
    return overlap / max(1, sum(got.values())), overlap / max(1, sum(expected.values())), boilerplate


def _trafilatura(markup: str) -> tuple[str, dict[str, Any]]:
    page = read_html(markup)
    return page.text, {name: getattr(page, name) for name in FIELDS}


def _baseline(markup: str) -> tuple[str, dict[str, Any]]:
    text, meta = html_to_text(markup)
    return text, {"title": meta.get("title"), "author": meta.get("author"), "published": meta.get("date"),
                  "url": meta.get("url"), "site_name": None, "language": meta.get("language")}


READERS: dict[str, Reader] = {"before (html_text)": _baseline, "after (trafilatura)": _trafilatura}


def _same(field: str, got: Any, meant: Any) -> bool:
    if got is None or meant is None:
        return got is None and meant is None
    text = str(got)
    return text[:10] == meant if field == "published" else text == meant


def score_pages(read: Reader, fixtures: Path = FIXTURES) -> list[PageScore]:
    """Score ``read`` on every fixture page."""
    meant_meta = json.loads((fixtures / "metadata.json").read_text(encoding="utf-8"))
    scores = []
    for page in sorted(fixtures.glob("*.html")):
        text, meta = read(page.read_text(encoding="utf-8"))
        precision, recall, boilerplate = text_scores(text, page.with_suffix(".txt").read_text(encoding="utf-8"))
        meant = meant_meta[page.stem]
        right = sum(_same(name, meta.get(name), meant.get(name)) for name in FIELDS)
        scores.append(PageScore(page.stem, precision, recall, boilerplate, right))
    return scores


def render(results: dict[str, list[PageScore]]) -> str:
    """The Markdown tables: totals per reader, then each page."""
    names = list(results)
    lines = ["| reader | text precision (mean) | text recall (mean) | boilerplate paragraphs | metadata fields right |",
             "|---|---|---|---|---|"]
    for name, scores in results.items():
        n = len(scores)
        precision, recall = sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n
        lines.append(f"| {name} | {precision:.3f} | {recall:.3f} | {sum(s.boilerplate for s in scores)} "
                     f"| {sum(s.fields_right for s in scores)}/{n * len(FIELDS)} |")
    lines += ["", "| page | " + " | ".join(f"{n}: P / R / boilerplate" for n in names) + " |",
              "|---|" + "---|" * len(names)]
    for row in zip(*results.values(), strict=True):
        cells = [f"{s.precision:.2f} / {s.recall:.2f} / {s.boilerplate}" for s in row]
        lines.append(f"| {row[0].page} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def evidence_outside(read: Reader, fixtures: Path = FIXTURES) -> tuple[int, int]:
    """Facts found in the text ``read`` gives on every page, and those whose sentence is not the article's."""
    from aikg.extract.pipeline import Extractor  # spaCy: loaded only when asked for
    from aikg.extract.records import Document

    extractor, found, outside = Extractor(), 0, 0
    for page in sorted(fixtures.glob("*.html")):
        article = " ".join(page.with_suffix(".txt").read_text(encoding="utf-8").split())
        markup = page.read_text(encoding="utf-8")
        text, meta = read(markup)
        relations = extractor.extract(Document(page.stem, text, source=page.name, language=meta["language"])).relations
        found += len(relations)
        outside += sum(not any(" ".join(part.split()) in article for part in r.evidence.sentence.split("\n\n")
                               if part.strip()) for r in relations)
    return found, outside


def main(argv: list[str] | None = None) -> int:
    """Score both readers, print the tables and write them to ``benchmarks/results/html_extraction.md``."""
    results = {name: score_pages(read) for name, read in READERS.items()}
    table = render(results)
    if "--evidence" in (argv if argv is not None else sys.argv[1:]):
        lines = ["", "| reader | facts extracted | facts on a sentence outside the article |", "|---|---|---|"]
        for name, read in READERS.items():
            found, outside = evidence_outside(read)
            lines.append(f"| {name} | {found} | {outside} |")
        table += "\n".join(lines) + "\n"
    header = ("# HTML article text: before and after\n\n"
              f"{len(next(iter(results.values())))} fixture pages (`tests/documents/fixtures/pages`), "
              "`python -m benchmarks.html_extraction --evidence`.\n\n")
    RESULTS.write_text(header + table, encoding="utf-8")
    sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
