"""An RSS 2.0 or Atom feed -> one record per item, by feedparser.

An item's identity is its link (the canonical URL of the article it announces), or its GUID
when it has no link: the same article fetched as a page later is the same document, and the
build never lets a feed item (a summary, most often) replace a stored article of that id.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from time import struct_time
from typing import Any

import feedparser  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
from lxml.etree import ParserError  # type: ignore[import-untyped]

from aikg.documents.html import canonical_url
from aikg.documents.whitespace import one_line

__all__ = ["FeedItem", "fragment_text", "read_feed"]

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section"}


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: its identity (link or GUID), text and metadata."""

    item_id: str
    text: str
    link: str | None
    title: str | None
    published: date | None
    author: str | None
    language: str | None
    site_name: str | None


class NotAFeed(ValueError):
    """The content is not an RSS or Atom feed (feedparser recognised no format)."""


def read_feed(content: bytes | str) -> list[FeedItem]:
    """The items of a feed, in the feed's order; raises :class:`NotAFeed` for anything else.

    >>> rss = (b"<rss version='2.0'><channel><title>Wire</title><language>en</language><item>"
    ...        b"<title>T</title><link>https://wire.test/a?utm_medium=rss</link>"
    ...        b"<description>&lt;p&gt;OpenAI hired Jane Doe.&lt;/p&gt;</description></item></channel></rss>")
    >>> [(i.item_id, i.text, i.site_name, i.language) for i in read_feed(rss)]
    [('https://wire.test/a', 'OpenAI hired Jane Doe.', 'Wire', 'en')]
    """
    parsed: Any = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        raise NotAFeed(str(reason) if reason else "no RSS or Atom element")
    channel = parsed.feed
    language = (channel.get("language") or "")[:2].lower() or None
    items = []
    for entry in parsed.entries:
        link = canonical_url(entry.get("link") or "")
        item_id = link or (entry.get("id") or "").strip()
        bodies = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
        text = fragment_text(max(bodies, key=len))
        if not item_id:
            continue  # nothing to identify it by: it could not be skipped next time
        items.append(FeedItem(item_id=item_id, text=text, link=link, title=one_line(entry.get("title")),
                              published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                              author=one_line(entry.get("author")), language=language,
                              site_name=one_line(channel.get("title"))))
    return items


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's content), one paragraph per block.

    >>> fragment_text("<p>One &amp; two.</p><p>Three<br>four.</p>")
    'One & two.\\n\\nThree\\n\\nfour.'
    """
    if "<" not in fragment:
        return " ".join(fragment.split())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return " ".join(fragment.split())
    for element in root.iter():
        if element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = "".join(root.itertext()).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _date(value: struct_time | None) -> date | None:
    return datetime.fromtimestamp(calendar.timegm(value), UTC).date() if value else None
