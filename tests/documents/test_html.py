"""HTML pages: the page's metadata and identity, pages without article text.

Each ``fixtures/pages/NAME.html`` was written with the text it means (``NAME.txt``) and its
metadata (``metadata.json``); the article text is scored in ``tests/benchmarks/test_html_extraction.py``
(with ``benchmarks/html_extraction.py``, which reports it before and after as a table).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from aikg.documents.html import canonical_url, read_html
from aikg.documents.loaders import Source, load_source
from aikg.errors import DocumentError
from aikg.extract.records import Document

PAGES = Path(__file__).parent / "fixtures" / "pages"
META = json.loads((PAGES / "metadata.json").read_text(encoding="utf-8"))
FIELDS = ("title", "author", "published", "url", "site_name", "language")
NAMES = sorted(p.stem for p in PAGES.glob("*.html"))

@pytest.mark.parametrize("name", NAMES)
def test_html_metadata_as_meant(name: str) -> None:
    page = read_html((PAGES / f"{name}.html").read_text(encoding="utf-8"))
    meant = META[name]
    got = {field: None if getattr(page, field) is None else str(getattr(page, field)) for field in FIELDS}
    wrong = {field for field in FIELDS if got[field] != meant[field]}
    assert wrong == set(meant.get("known_misses", []))


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<html><body><nav><a href='/'>Home</a></nav><div class='video'><iframe src='v'></iframe></div></body></html>",
         "E116"),
        ("", "E116"),
        ("<html><head><title>Front page</title></head><body><ul><li><a href='/a'>One</a></li></ul></body></html>",
         "E116"),
    ],
)
def test_html_page_without_article_text_is_refused(tmp_path: Path, markup: str, expected: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    [error] = load_source(Source(path, "page.html"))
    assert isinstance(error, DocumentError) and error.code == expected and "page.html" in str(error)


def test_html_document_is_identified_by_its_canonical_url(tmp_path: Path) -> None:
    markup = (PAGES / "wire-service.html").read_text(encoding="utf-8")
    for name in ("saved-once.html", "copy/saved-again.htm"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(markup, encoding="utf-8")
    docs = [load_source(Source(tmp_path / n, n))[0] for n in ("saved-once.html", "copy/saved-again.htm")]
    assert all(isinstance(d, Document) for d in docs)
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.doc_id == second.doc_id == META["wire-service"]["url"] == first.origin
    assert first.content_hash == second.content_hash
    assert (first.site_name, first.published, first.author) == ("Global Wire", date(2024, 9, 12),
                                                                "Mathieu Rosemain; Helen Kirby")


def test_html_saved_from_comment_gives_the_url(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("<!-- saved from url=(0028)https://news.test/a?utm_x=1 -->\n<html><body><article>"
                    "<p>Mistral AI opened an office in Singapore on Monday, its first in Asia.</p>"
                    "</article></body></html>",
                    encoding="utf-8")
    [doc] = load_source(Source(path, "p.html"))
    assert isinstance(doc, Document) and doc.doc_id == "https://news.test/a"


def test_html_page_without_url_keeps_its_path_id() -> None:
    [doc] = load_source(Source(PAGES / "legacy-table-cms.html", "legacy-table-cms.html"))
    assert isinstance(doc, Document) and doc.doc_id == "legacy-table-cms.html"
    assert doc.origin == str((PAGES / "legacy-table-cms.html").resolve())


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Example.COM/a?utm_source=x&b=1#frag", "https://example.com/a?b=1"),
        ("http://Example.com", "http://example.com"),
        ("ftp://example.com/a", None),
        ("/relative/path", None),
        ("javascript:alert(1)", None),
    ],
)
def test_html_canonical_url(url: str, expected: str | None) -> None:
    assert canonical_url(url) == expected


def test_html_page_from_another_site_cannot_claim_a_canonical_url(tmp_path: Path) -> None:
    markup = (PAGES / "wire-service.html").read_text(encoding="utf-8")
    path = tmp_path / "copy.html"
    path.write_text("<!-- saved from url=(0030)https://copycat.test/wire-copy -->\n" + markup, encoding="utf-8")
    [doc] = load_source(Source(path, "copy.html"))
    assert isinstance(doc, Document)
    assert doc.doc_id == doc.origin == "https://copycat.test/wire-copy" and doc.url == META["wire-service"]["url"]
    amp = tmp_path / "amp.html"
    amp.write_text("<!-- saved from url=(0046)https://amp.globalwire.example/technology/x -->\n" + markup,
                   encoding="utf-8")
    [same_site] = load_source(Source(amp, "amp.html"))
    assert isinstance(same_site, Document) and same_site.doc_id == META["wire-service"]["url"]
    assert same_site.fetched_from == "https://amp.globalwire.example/technology/x"
