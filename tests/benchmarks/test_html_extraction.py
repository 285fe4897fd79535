"""The HTML benchmark's fixture pages: trafilatura's article text, page by page and against the former reduction."""

from __future__ import annotations

import pytest

from aikg.documents.html import read_html
from benchmarks.html_extraction import FIXTURES, READERS, PageScore, score_pages, text_scores

NAMES = sorted(p.stem for p in FIXTURES.glob("*.html"))

#: Boilerplate paragraphs trafilatura still lets through, as measured (a dek and a byline, a
#: call to forward the post, contacts, a table layout): the test fails if a page gets worse.
KNOWN_BOILERPLATE = {"ghost-blog": 1, "legacy-table-cms": 5, "newsroom-press-release": 1,
                     "regional-fr-sans-jsonld": 2, "substack-newsletter": 1}


def test_html_extraction_has_twelve_pages_with_their_text() -> None:
    assert len(NAMES) >= 12 and all((FIXTURES / f"{name}.txt").is_file() for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_html_extraction_recall_and_boilerplate(name: str) -> None:
    page = read_html((FIXTURES / f"{name}.html").read_text(encoding="utf-8"))
    _, recall, boilerplate = text_scores(page.text, (FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    assert recall >= 0.93  # the press release loses its dateline line (0.94)
    assert boilerplate <= KNOWN_BOILERPLATE.get(name, 0)


def test_html_extraction_trafilatura_beats_the_former_reduction() -> None:
    before, after = (score_pages(read) for read in READERS.values())

    def mean(scores: list[PageScore], key: str) -> float:
        return sum(getattr(s, key) for s in scores) / len(scores)

    assert mean(after, "precision") > mean(before, "precision") + 0.3
    assert mean(after, "recall") >= 0.98
    assert sum(s.boilerplate for s in after) < sum(s.boilerplate for s in before) / 5
    assert sum(s.fields_right for s in after) > sum(s.fields_right for s in before)
