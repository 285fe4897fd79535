"""A saved or fetched news page -> its article text and metadata, by trafilatura.

The main text is trafilatura's (menus, cookie banners, "read also" blocks, newsletter boxes,
comments and bylines are left out; measured against the former hand-written reduction in
``benchmarks/html_extraction.py``). The metadata is trafilatura's too, which reads the page's
JSON-LD (``NewsArticle``), OpenGraph and ``<meta>`` tags and asks htmldate for the publication
date (the original date, not the last modification). The language comes from the page's own
declaration (``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``): no guessing here, the
extractor detects it from the text when the page says nothing.

The canonical URL (``<link rel="canonical">``, else ``og:url``, else the URL the page was fetched
from) is normalised by courlan (tracking parameters dropped, host lower-cased) and the fragment
removed: it is the page's identity (see :func:`canonical_url`), unless the page came from another
site than that URL's (:func:`page_identity`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import urldefrag

import courlan
import trafilatura
from lxml.html import HtmlElement  # type: ignore[import-untyped]
from trafilatura.utils import load_html

from aikg.documents.whitespace import one_line

__all__ = ["Page", "canonical_url", "page_identity", "read_html"]


@dataclass(frozen=True)
class Page:
    """What a page holds: the article text (empty when none was found) and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    site_name: str | None = None
    language: str | None = None


def canonical_url(url: str) -> str | None:
    """The normalised form of ``url`` (None when it is not an http(s) URL).

    >>> canonical_url("https://WWW.Example.com/a/b?utm_source=feed&id=2#comments")
    'https://www.example.com/a/b?id=2'
    >>> canonical_url("javascript:alert(1)") is None
    True
    """
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or not courlan.is_valid_url(url):
        return None
    return urldefrag(courlan.normalize_url(url))[0]


def page_identity(canonical: str | None, fetched_from: str | None) -> str | None:
    """The URL a page is identified by: its canonical URL, unless the page came from another site.

    A page may name any canonical URL; one fetched from another site than its canonical URL's
    (a syndicated copy, or a page claiming another site's article) is identified by the address
    it came from, so that it can neither replace nor block the article of that other site.

    >>> page_identity("https://www.wire.test/a", "https://amp.wire.test/a")
    'https://www.wire.test/a'
    >>> page_identity("https://www.wire.test/a", "https://copycat.test/a")
    'https://copycat.test/a'
    """
    if canonical and fetched_from and courlan.is_external(canonical, fetched_from):
        return fetched_from
    return canonical or fetched_from


def read_html(markup: str | bytes, *, url: str | None = None) -> Page:
    """The article text and metadata of an HTML page; ``url`` is where it was fetched from, if known.

    >>> page = read_html("<html lang='fr'><head><title>T</title></head><body><article>"
    ...                  "<p>Mistral AI a levé 600 millions d'euros en juin, selon son directeur.</p>"
    ...                  "</article></body></html>")
    >>> page.text, page.language
    ("Mistral AI a levé 600 millions d'euros en juin, selon son directeur.", 'fr')
    """
    tree = load_html(markup)
    if tree is None:
        return Page("")
    language = _declared_language(tree)
    found = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False, favor_precision=True,
                                        include_tables=True, include_images=False, deduplicate=False)
    if found is None or isinstance(found, dict):
        return Page("", language=language)
    text = "\n\n".join(" ".join(line.split()) for line in (found.text or "").split("\n") if line.strip())
    page_url = canonical_url(found.url) if found.url else None
    if page_url is None and url:
        page_url = canonical_url(url)
    return Page(text=text, title=one_line(found.title), author=one_line(found.author),
                published=_date(found.date), url=page_url, site_name=one_line(found.sitename),
                language=language)


def _declared_language(tree: HtmlElement) -> str | None:
    """The two-letter language the page declares for itself, if any."""
    candidates = [*tree.xpath("/html/@lang"), *tree.xpath("//meta[@property='og:locale']/@content")]
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("inLanguage"), str):
                candidates.append(item["inLanguage"])
    for value in candidates:
        code = str(value).strip()[:2].lower()
        if len(code) == 2 and code.isalpha():
            return code
    return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
