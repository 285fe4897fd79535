"""A document's identity cannot be claimed by another source; one canonical URL is one document.

Issue 17 (3): front matter ``id:`` naming another document, or two folders with the same relative
paths built one after the other, used to replace the first document silently. Now the build
refuses (E121, in the summary) and the stored document keeps its facts; the same article read
twice under its canonical URL (saved twice, fetched and saved, or announced by a feed) is one
document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aikg.cli import main
from aikg.graph.store import open_store
from aikg.graph.validate import validate_store
from aikg.pipeline import build
from tests.aikg.test_pipeline import FakeExtractor

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<link rel="canonical" href="https://news.test/2024/mistral-raises?utm_source=x"></head>
<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>
<p>Mistral AI raised 600 million euros in a round led by General Catalyst, the company said on Tuesday.</p>
<p>{extra}</p></article><footer>Subscribe to our newsletter.</footer></body></html>"""
URL = "https://news.test/2024/mistral-raises"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _stored_hashes(store: Path) -> dict[str, str | None]:
    with open_store(store, read_only=True) as kstore:
        return {d.doc_id: d.content_hash for d in kstore.documents()}


def test_identity_front_matter_id_cannot_take_another_documents_id(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _write(tmp_path / "a" / "b.md", "Arthur Mensch leads Mistral AI.")
    assert build([tmp_path / "a"], store, extractor=FakeExtractor()).written == ["b.md"]
    before = _stored_hashes(store)
    _write(tmp_path / "other" / "a.md", "---\nid: b.md\n---\nSam Altman leads OpenAI.")
    report = build([tmp_path / "other"], store, extractor=FakeExtractor())
    assert report.refused == ["b.md"] and report.written == [] and not report.ok
    assert "[E121]" in report.failed[0] and "other/a.md" in report.failed[0] and "a/b.md" in report.failed[0]
    assert "1 refused: id held by another source" in report.summary()
    assert _stored_hashes(store) == before  # the first document's facts are still there


def test_identity_same_relative_paths_in_two_folders_do_not_replace_each_other(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _write(tmp_path / "one" / "news" / "x.md", "Arthur Mensch leads Mistral AI.")
    _write(tmp_path / "two" / "news" / "x.md", "Dario Amodei leads Anthropic.")
    build([tmp_path / "one"], store, extractor=FakeExtractor())
    before = _stored_hashes(store)
    extractor = FakeExtractor()
    report = build([tmp_path / "two"], store, extractor=extractor)
    assert report.refused == ["news/x.md"] and extractor.seen == [] and _stored_hashes(store) == before
    # the first folder, edited, still updates its own document
    _write(tmp_path / "one" / "news" / "x.md", "Arthur Mensch leads Mistral AI, based in Paris.")
    assert build([tmp_path / "one"], store, extractor=FakeExtractor()).written == ["news/x.md"]
    # once removed, the id is free for the other folder
    with open_store(store) as kstore:
        assert kstore.remove_document("news/x.md")
    assert build([tmp_path / "two"], store, extractor=FakeExtractor()).written == ["news/x.md"]


def test_identity_unchanged_copy_elsewhere_is_unchanged_not_refused(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for folder in ("one", "moved"):
        _write(tmp_path / folder / "x.md", "Arthur Mensch leads Mistral AI.")
    build([tmp_path / "one"], store, extractor=FakeExtractor())
    report = build([tmp_path / "moved"], store, extractor=FakeExtractor())
    assert report.unchanged == ["x.md"] and report.ok


def test_identity_same_article_saved_twice_is_one_document(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _write(tmp_path / "saved" / "mistral.html", PAGE.format(title="Mistral raises", extra="First version."))
    _write(tmp_path / "saved" / "copy" / "Mistral AI raises.htm", PAGE.format(title="Mistral raises",
                                                                             extra="First version."))
    report = build([tmp_path / "saved"], store, extractor=FakeExtractor())
    assert report.written == [URL] and len(report.duplicates) == 1 and report.ok
    assert "1 duplicate(s) of a document read (same canonical URL)" in report.summary()
    # fetched later into another folder, updated: the same document, replaced (same origin: its URL)
    _write(tmp_path / "fetched" / "page.html", PAGE.format(title="Mistral raises", extra="Updated at noon."))
    report = build([tmp_path / "fetched"], store, extractor=FakeExtractor())
    assert report.written == [URL] and report.refused == []
    assert list(_stored_hashes(store)) == [URL]


def test_identity_feed_item_never_replaces_the_stored_article(tmp_path: Path) -> None:
    store = tmp_path / "store"
    feed = (f"<rss version='2.0'><channel><title>News</title><item><title>Mistral raises</title>"
            f"<link>{URL}</link><description>Mistral AI raised money.</description></item></channel></rss>")
    _write(tmp_path / "in" / "a-feed.xml", feed)
    _write(tmp_path / "in" / "z-page.html", PAGE.format(title="Mistral raises", extra="Full text."))
    report = build([tmp_path / "in"], store, extractor=FakeExtractor())  # the page wins in one build
    assert report.written == [URL] and report.duplicates == [f"{tmp_path / 'in' / 'a-feed.xml'}#1: same document "
                                                             f"as {tmp_path / 'in' / 'z-page.html'}"]
    stored = _stored_hashes(store)
    report = build([tmp_path / "in" / "a-feed.xml"], store, extractor=FakeExtractor())  # later: skipped
    assert report.unchanged == [URL] and _stored_hashes(store) == stored


def test_identity_web_document_validates_and_is_removed_by_its_url(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    _write(tmp_path / "saved" / "page.html", "<!-- saved from url=(0030)https://news.test/short-link -->\n"
           + PAGE.format(title="Mistral raises", extra="Full text."))
    build([tmp_path / "saved"], store, extractor=FakeExtractor())
    with open_store(store, read_only=True) as kstore:
        assert validate_store(kstore) == []
        [(fetched_from,)] = kstore.select("SELECT ?u WHERE { GRAPH ?g { ?g aikg:fetchedFrom ?u } }")
        assert str(fetched_from) == "https://news.test/short-link"
    main(["remove", URL, "--store", str(store)])
    assert "removed 1 document(s)" in capsys.readouterr().out and _stored_hashes(store) == {}
