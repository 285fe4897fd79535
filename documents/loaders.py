"""Read text, Markdown, HTML, JSONL, feed and PDF files into :class:`~aikg.extract.records.Document` records.

Articles come from the open web, so nothing here trusts its input: bytes are decoded with BOM
detection and a strict UTF-8 first pass, binary files are refused, an HTML page is reduced to
its article text by trafilatura (:mod:`.html`), a feed is one document per item (:mod:`.feeds`),
a PDF is its text layer (:mod:`.pdf`), and every problem is a :class:`~aikg.errors.DocumentError`
that names the file (and the line or item). A loader returns errors next to documents instead of
raising, so one bad record never stops a batch.

Identity: a document's id is its path relative to the folder it was found in (or the file name),
its front matter ``id:``, or ``<file>#<id>`` for a JSONL record, except for web documents: an HTML
page with a canonical URL (``<link rel="canonical">``, ``og:url``, or the ``saved from url=``
comment that browsers and ``aikg fetch`` write) and a feed item (its link) are identified by that
URL, so the same article saved twice, or fetched and saved, is one document. ``Document.origin``
says who may hold the id (the URL, else the file); the build refuses a document whose id is held
by another origin.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from aikg.documents.errors import Errors
from aikg.documents.feeds import NotAFeed, read_feed
from aikg.documents.html import canonical_url, page_identity, read_html
from aikg.documents.pdf import PdfProblem, read_pdf
from aikg.documents.whitespace import one_line, without_controls
from aikg.errors import DocumentError
from aikg.extract.records import Document

__all__ = ["SUPPORTED_SUFFIXES", "Source", "decode_bytes", "find_sources", "load_source"]

#: libyaml's safe loader when PyYAML was built with it (about 8x faster on front matter), else
#: the pure-Python one: both build only plain data (no Python objects from tags).
_YAML_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".jsonl", ".pdf", *HTML_SUFFIXES, *FEED_SUFFIXES})

#: The encoding an HTML page declares (``<meta charset="...">`` or the http-equiv form).
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: The comment a browser's "Save page as" (and ``aikg fetch``) writes at the top of a page:
#: ``<!-- saved from url=(0023)https://example.com/ -->``.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)

#: Refuse documents larger than this many characters: spaCy's own limit is 1,000,000 and
#: a news article is far smaller; larger inputs are almost always a wrong file.
MAX_CHARS = 1_000_000

_METADATA_KEYS = ("title", "url", "source", "date", "language", "author", "id", "site_name")


@dataclass(frozen=True)
class Source:
    """A file to ingest and the identifier its documents get (stable across runs)."""

    path: Path
    doc_id: str


def find_sources(paths: Iterable[Path]) -> Iterator[Source | DocumentError]:
    """Expand files and folders into sources, sorted, with stable document ids.

    A file given directly keeps its name as id; files found under a folder get their path
    relative to that folder, so ``aikg build corpus/`` twice, from anywhere, targets the same
    named graphs. Missing paths and unsupported file types given directly become errors.
    """
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.suffix.lower() in SUPPORTED_SUFFIXES and not _hidden(file.relative_to(path)):
                    yield Source(file, file.relative_to(path).as_posix())
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield DocumentError(path, Errors.E101.format(suffix=path.suffix, known=sorted(SUPPORTED_SUFFIXES)))
            else:
                yield Source(path, path.name)
        else:
            yield DocumentError(path, Errors.E102)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def decode_bytes(raw: bytes, path: Path | str, *, declared: str | None = None) -> str:
    """Decode a file's bytes: BOMs first, then strict UTF-8, then the ``declared`` encoding (an
    HTML page's ``<meta charset>``), then Windows-1252 for legacy text.

    Binary content (NUL bytes without a UTF-16 BOM) is refused rather than fed to the parser.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as err:
            raise DocumentError(path, Errors.E103.format(detail=err)) from err
    if b"\x00" in raw[:8192]:
        raise DocumentError(path, Errors.E104)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode(_codec(declared) or "cp1252", errors="replace")
        if text.count("\ufffd") > max(10, len(text) // 100):
            raise DocumentError(path, Errors.E105) from None
        return text


def _codec(name: str | None) -> str | None:
    """The Python codec called ``name`` (None when unknown)."""
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def load_source(source: Source) -> list[Document | DocumentError]:
    """Read one source into documents (several for JSONL and feeds), with errors in place of bad ones."""
    path = source.path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [DocumentError(path, Errors.E106)]
    except OSError as err:
        return [DocumentError(path, Errors.E107.format(reason=err.strerror or err))]
    origin = str(path.resolve())
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            return [_pdf_document(raw, source, origin)]
        if suffix in FEED_SUFFIXES:
            return list(_feed_documents(raw, source))
        charset = _META_CHARSET.search(raw[:4096]) if suffix in HTML_SUFFIXES else None
        text = decode_bytes(raw, path, declared=charset.group(1).decode("ascii") if charset else None)
        if suffix == ".jsonl":
            return list(_jsonl_documents(text, source, origin))
        if suffix in HTML_SUFFIXES:
            return [_html_document(text, source, origin)]
        body, meta = split_front_matter(text, path)
        return [_make_document(body, meta, source.doc_id, path, origin=origin)]
    except DocumentError as err:
        return [err]


def _present(**fields: object) -> dict[str, Any]:
    """The metadata a reader found (front matter's rule: a key given is a value)."""
    return {key: value for key, value in fields.items() if value is not None}


def _html_document(markup: str, source: Source, origin: str) -> Document:
    saved_from = _SAVED_FROM.search(markup[:4096])
    if saved_from:  # lxml would take a comment before <html> for the whole document
        markup = markup[:saved_from.start()] + markup[saved_from.end():]
    fetched_from = canonical_url(saved_from.group(1)) if saved_from else None
    page = read_html(markup, url=fetched_from)
    if not page.text:
        raise DocumentError(source.path, Errors.E116)
    meta = _present(title=page.title, url=page.url, date=page.published, language=page.language,
                    author=page.author, site_name=page.site_name)
    identity = page_identity(page.url, fetched_from)
    document = _make_document(page.text, meta, identity or source.doc_id, source.path, origin=identity or origin)
    return replace(document, fetched_from=fetched_from) if fetched_from != document.doc_id else document


def _feed_documents(raw: bytes, source: Source) -> Iterator[Document | DocumentError]:
    try:
        items = read_feed(raw)
    except NotAFeed as err:
        raise DocumentError(source.path, Errors.E117.format(detail=err)) from err
    for number, item in enumerate(items, start=1):
        where = f"{source.path}#{number}"
        meta = _present(title=item.title, url=item.link, date=item.published, language=item.language,
                        author=item.author, site_name=item.site_name)
        try:
            yield _make_document(item.text, meta, item.item_id, where, origin=item.item_id, from_feed=True)
        except DocumentError as err:
            yield err


def _pdf_document(raw: bytes, source: Source, origin: str) -> Document:
    try:
        pdf = read_pdf(raw)
    except PdfProblem as problem:
        message = {"encrypted": Errors.E118, "no-text": Errors.E119.format(detail=problem.detail)}.get(
            problem.kind, Errors.E120.format(detail=problem.detail))
        raise DocumentError(source.path, message) from problem
    meta = _present(title=pdf.title, date=pdf.published, author=pdf.author)
    return _make_document(pdf.text, meta, source.doc_id, source.path, origin=origin)


def split_front_matter(text: str, path: Path | str) -> tuple[str, dict[str, Any]]:
    """Split YAML front matter (``---`` ... ``---``) from the body of a text or Markdown file.

    >>> split_front_matter("---\\ntitle: Hi\\n---\\nBody", "a.md")
    ('Body', {'title': 'Hi'})
    """
    if not text.startswith("---"):
        return text, {}
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return text, {}
    for index in range(1, len(lines)):
        if lines[index].strip() in {"---", "..."}:
            header = "\n".join(lines[1:index])
            try:
                meta = yaml.load(header, Loader=_YAML_LOADER) or {}  # a safe loader: plain data only
            except yaml.YAMLError as err:
                raise DocumentError(path, Errors.E108.format(detail=err)) from err
            if not isinstance(meta, dict):
                raise DocumentError(path, Errors.E108.format(detail="expected a mapping of keys to values"))
            return "\n".join(lines[index + 1 :]), meta
    raise DocumentError(path, Errors.E108.format(detail="opened with '---' and never closed"))


def _jsonl_documents(text: str, source: Source, origin: str) -> Iterator[Document | DocumentError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source.path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield DocumentError(where, Errors.E109.format(detail=err.msg, column=err.colno))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield DocumentError(where, Errors.E110)
            continue
        record_id = str(record.get("id") or number)
        try:
            meta = {key: value for key, value in record.items() if key != "id"}
            yield _make_document(record["text"], meta, f"{source.doc_id}#{record_id}", where, origin=origin)
        except DocumentError as err:
            yield err


def _make_document(body: str, meta: dict[str, Any], doc_id: str, path: Path | str, *, origin: str,
                   from_feed: bool = False) -> Document:
    unknown_types = [k for k in _METADATA_KEYS if k in meta and not isinstance(meta[k], str | date | int)]
    if unknown_types:
        raise DocumentError(path, Errors.E111.format(field=unknown_types[0]))
    if "\x00" in body:
        raise DocumentError(path, Errors.E104)  # anywhere, not only in the first bytes
    text = without_controls(body.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise DocumentError(path, Errors.E112)
    if len(text) > MAX_CHARS:
        raise DocumentError(path, Errors.E113.format(length=len(text), limit=MAX_CHARS))
    language = meta.get("language") or meta.get("lang")
    url = meta.get("url") or meta.get("source")
    return Document(
        doc_id=str(meta.get("id") or doc_id) if isinstance(meta.get("id"), str) else doc_id,
        text=text,
        source=str(path),
        title=one_line(meta.get("title")),
        url=one_line(url) if isinstance(url, str) and "://" in url else None,
        language=one_line(language),
        published=_parse_date(meta.get("date"), path),
        author=one_line(meta.get("author")),
        site_name=one_line(meta.get("site_name")),
        origin=origin,
        from_feed=from_feed,
    )



def _parse_date(value: object, path: Path | str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError as err:
        raise DocumentError(path, Errors.E114.format(value=value)) from err
