"""The former hand-written HTML reduction, the baseline of ``benchmarks/html_extraction.py``.

It was ``aikg.documents.html_text`` until trafilatura replaced it (``aikg.documents.html``).

Scripts, styles, templates and other non-text elements are dropped; character references are
decoded; block elements become paragraph breaks so that sentences do not run together.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

__all__ = ["html_to_text"]

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
          "header", "footer", "blockquote", "pre", "ul", "ol", "table", "title"}
_META = {
    "og:title": "title", "twitter:title": "title", "article:published_time": "date", "date": "date",
    "og:url": "url", "author": "author", "article:author": "author", "og:locale": "language",
}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, Any] = {}
        self._skip_depth = 0
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and attributes.get("lang"):
            self.meta.setdefault("language", attributes["lang"][:2].lower())
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or "").lower()
            if key in _META and attributes.get("content"):
                field = _META[key]
                value = attributes["content"]
                self.meta.setdefault(field, value[:2].lower() if field == "language" else value)
        if tag == "link" and attributes.get("rel") == "canonical" and attributes.get("href"):
            self.meta.setdefault("url", attributes["href"])
        if tag == "time" and attributes.get("datetime"):
            self.meta.setdefault("date", attributes["datetime"])
        if tag == "title":
            self._in_title = True
        if tag in _SKIP:
            self._skip_depth += 1
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP and self._skip_depth:
            self._skip_depth -= 1
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skip_depth:
            self.parts.append(data)

    def result(self) -> tuple[str, dict[str, Any]]:
        paragraphs = ("".join(self.parts)).split("\n\n")
        text = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
        if self._title and "title" not in self.meta:
            self.meta["title"] = " ".join("".join(self._title).split())
        return text, self.meta


def html_to_text(markup: str) -> tuple[str, dict[str, Any]]:
    """Return the readable text of an HTML page and the metadata found in its head.

    >>> html_to_text("<html lang='fr'><title>T</title><script>x()</script><p>A &amp; B</p></html>")
    ('A & B', {'language': 'fr', 'title': 'T'})
    """
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return collector.result()
