"""Feeds (RSS 2.0, Atom): one document per item, identified by its link (or GUID)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aikg.documents.loaders import Source, find_sources, load_source
from aikg.errors import DocumentError
from aikg.extract.records import Document

FEEDS = Path(__file__).parent / "fixtures" / "feeds"


def _documents(path: Path) -> list[Document]:
    items = load_source(Source(path, path.name))
    assert all(isinstance(item, Document) for item in items), items
    return [item for item in items if isinstance(item, Document)]


def test_feeds_rss_items_are_documents_identified_by_link_or_guid() -> None:
    first, _, third = _documents(FEEDS / "wire.rss")
    assert first.doc_id == ("https://www.globalwire.example/technology/"
                            "nvidia-invest-french-cloud-firm-scaleway-ai-cluster-sources-2024-09-12/")
    assert (first.title, first.published, first.author, first.language, first.site_name) == (
        "Nvidia to invest in French cloud firm Scaleway's AI cluster, sources say", date(2024, 9, 12),
        "Mathieu Rosemain", "en", "Global Wire - Technology")
    assert first.from_feed and first.origin == first.doc_id == first.url
    assert third.doc_id == "urn:globalwire:item:77" and third.url is None
    assert third.text == "Samsung and Naver agreed to build an AI chip together."


def test_feeds_item_content_is_preferred_to_summary_and_scripts_dropped() -> None:
    second = _documents(FEEDS / "wire.rss")[1]
    assert second.text == ("Mistral AI is in talks with investors including General Catalyst to raise funds at a "
                           "valuation of about $6 billion.\n\nArthur Mensch, its chief executive, declined to comment.")


def test_feeds_atom_entry() -> None:
    [entry] = _documents(FEEDS / "policy.atom")
    assert entry.doc_id.endswith("1745210-kyutai-devoile-moshi-un-assistant-vocal-qui-repond-en-temps-reel.html")
    assert (entry.language, entry.published, entry.author) == ("fr", date(2024, 7, 3), "Nicolas Bertrand")


def test_feeds_found_in_folders() -> None:
    assert {s.doc_id for s in find_sources([FEEDS]) if not isinstance(s, DocumentError)} == {"wire.rss", "policy.atom"}


@pytest.mark.parametrize(
    "content",
    [b"<html><body><p>Not a feed.</p></body></html>", b"just text", b"<?xml version='1.0'?><sitemap/>", b""],
)
def test_feeds_not_a_feed_is_one_coded_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "news.xml"
    path.write_bytes(content)
    [error] = load_source(Source(path, "news.xml"))
    assert isinstance(error, DocumentError) and error.code == "E117" and "news.xml" in str(error)


def test_feeds_empty_item_is_named_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "f.rss"
    path.write_text("<rss version='2.0'><channel><title>W</title>"
                    "<item><link>https://w.test/a</link><description></description></item>"
                    "<item><link>https://w.test/b</link><description>OpenAI hired Jane Doe.</description></item>"
                    "</channel></rss>", encoding="utf-8")
    empty, kept = load_source(Source(path, "f.rss"))
    assert isinstance(empty, DocumentError) and empty.code == "E112" and "f.rss#1" in str(empty)
    assert isinstance(kept, Document) and kept.doc_id == "https://w.test/b"
