"""Download pages, feeds and PDFs into a folder that ``aikg build`` reads, politely.

:func:`fetch` asks each URL once, with httpx, as a well-behaved crawler does: it reads the
site's ``robots.txt`` first (and obeys it, ``Crawl-delay`` included), waits ``delay`` seconds
between two requests to one host, names itself (``User-Agent: aikg/<version>``), stops reading
an answer larger than ``max_bytes``, and asks again only with ``If-None-Match`` /
``If-Modified-Since`` (an on-disk cache of ETags and dates, ``<out>/.aikg-cache``), so that a
second run downloads only what changed. A feed given with ``feeds`` is saved and the pages of its
items are fetched too (the build prefers a page to the item's summary).

What it writes: ``<out>/<host>/<path>.html`` (with the ``<!-- saved from url=(N)URL -->`` line a
browser writes, which gives the page its URL when it declares no canonical one), ``.xml`` for
feeds, ``.pdf`` for PDFs. File names are made from the URL, so a second run overwrites the same
files. Every problem is one coded line naming the URL (E130-E137); the rest of the batch goes on.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx
from tqdm import tqdm

import aikg
from aikg.documents.errors import Errors
from aikg.documents.feeds import NotAFeed, read_feed
from aikg.documents.html import canonical_url
from aikg.errors import DocumentError

__all__ = ["USER_AGENT", "FetchReport", "FetchSettings", "Fetcher", "fetch", "file_name"]

#: How aikg names itself to the sites it reads.
USER_AGENT = f"aikg/{aikg.__version__} (+https://w3id.org/aikg)"
#: The kind of file an answer is saved as, by its Content-Type.
_KINDS = {
    "text/html": ".html", "application/xhtml+xml": ".html",
    "application/rss+xml": ".xml", "application/atom+xml": ".xml", "application/xml": ".xml", "text/xml": ".xml",
    "application/rdf+xml": ".xml", "application/feed+json": None,
    "application/pdf": ".pdf",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_NOTHING_ALLOWED = ["User-agent: *", "Disallow: /"]


@dataclass(frozen=True)
class FetchSettings:
    """How to fetch: where to save, how politely, how much."""

    out: Path
    delay: float = 1.0
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    follow_feed_items: bool = True

    @property
    def cache(self) -> Path:
        """The folder of cache entries (hidden: ``aikg build`` does not read it)."""
        return self.out / ".aikg-cache"


@dataclass
class FetchReport:
    """What a fetch did: files saved, answers unchanged since the last run, failures (coded lines)."""

    saved: list[Path] = field(default_factory=list)
    not_modified: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return f"{len(self.saved)} saved, {len(self.not_modified)} not modified (cached), {len(self.failed)} failed"


@dataclass(frozen=True)
class _Answer:
    url: str
    path: Path
    kind: str
    changed: bool


class Fetcher:
    """One polite client: robots.txt per host, a delay per host, the cache; used by :func:`fetch`.

    ``clock`` and ``sleep`` are the time functions (tests pass fakes to check the delays).
    """

    def __init__(self, settings: FetchSettings, *, client: httpx.Client | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.client = client or httpx.Client(
            headers={"User-Agent": settings.user_agent}, timeout=settings.timeout, follow_redirects=False)
        self._clock, self._sleep = clock, sleep
        self._robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    # -- politeness ------------------------------------------------------------------------
    def _wait_for(self, host: str) -> None:
        robots = self._robots.get(host)
        crawl_delay = robots.crawl_delay(self.settings.user_agent) if robots is not None else None
        delay = max(self.settings.delay, float(crawl_delay or 0))
        last = self._last.get(host)
        if last is not None and (remaining := last + delay - self._clock()) > 0:
            self._sleep(remaining)
        self._last[host] = self._clock()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets aikg read ``url`` (read once per host).

        As Python's :class:`~urllib.robotparser.RobotFileParser` decides: no robots.txt (404)
        allows all, 401 or 403 allow nothing; a server error (5xx) allows nothing either, rather
        than guessing. A host that does not answer is E131 or E134 for ``url``.
        """
        host = _host(url)
        robots = self._robots.get(host)
        if robots is None:
            robots = RobotFileParser(f"{host}/robots.txt")
            self._wait_for(host)
            answer = self._request(url, f"{host}/robots.txt")
            if answer.status_code in (401, 403) or answer.status_code >= 500:
                robots.parse(_NOTHING_ALLOWED)
            else:
                robots.parse(answer.text.splitlines() if answer.status_code < 400 else [])
            self._robots[host] = robots
        return robots.can_fetch(self.settings.user_agent, url)

    def _request(self, url: str, address: str) -> httpx.Response:
        """GET ``address`` (read whole) on behalf of ``url``; transport failures name ``url``."""
        try:
            return self.client.get(address)
        except httpx.TimeoutException as err:
            raise DocumentError(url, Errors.E131.format(seconds=self.settings.timeout)) from err
        except httpx.HTTPError as err:
            raise DocumentError(url, Errors.E134.format(reason=str(err) or type(err).__name__)) from err

    # -- one URL ---------------------------------------------------------------------------
    def get(self, url: str) -> _Answer:
        """Fetch ``url`` into the output folder; raises :class:`DocumentError` (E130-E137).

        Redirects are followed here, one hop at a time, so that each address is checked as the
        first was (a web address, allowed by its site's robots.txt, its host's delay kept).
        """
        entry = self._cache_entry(url)
        headers = {}
        cached_path = self.settings.out / entry["path"] if entry.get("path") else None  # relative: out may move
        if cached_path is not None and cached_path.is_file():
            if entry.get("etag"):
                headers["If-None-Match"] = entry["etag"]
            if entry.get("last_modified"):
                headers["If-Modified-Since"] = entry["last_modified"]
        address = url
        for _ in range(self.settings.max_redirects + 1):
            if canonical_url(address) is None:
                raise DocumentError(url, Errors.E135)
            if not self.allowed(address):
                raise DocumentError(url, Errors.E132.format(agent=self.settings.user_agent))
            self._wait_for(_host(address))
            try:
                answer = self.client.send(self.client.build_request("GET", address, headers=headers), stream=True)
                try:
                    if answer.is_redirect and "location" in answer.headers:
                        address = urljoin(address, answer.headers["location"])
                        continue
                    if answer.status_code == 304 and cached_path is not None:
                        return _Answer(url, cached_path, entry.get("kind", ""), changed=False)
                    if answer.status_code >= 400:
                        raise DocumentError(url, Errors.E130.format(status=answer.status_code,
                                                                    reason=answer.reason_phrase))
                    content_type = answer.headers.get("content-type", "").split(";")[0].strip().lower()
                    kind = _KINDS.get(content_type) or _sniff_kind(address, content_type)
                    if kind is None:
                        raise DocumentError(url, Errors.E136.format(content_type=content_type))
                    body = self._read_capped(url, answer)
                    if kind == ".html":
                        body = _as_utf8(body, answer.charset_encoding)
                    etag, modified = answer.headers.get("etag"), answer.headers.get("last-modified")
                finally:
                    answer.close()
            except httpx.TimeoutException as err:
                raise DocumentError(url, Errors.E131.format(seconds=self.settings.timeout)) from err
            except httpx.HTTPError as err:
                raise DocumentError(url, Errors.E134.format(reason=str(err) or type(err).__name__)) from err
            path = self._save(address, kind, body)
            self._write_cache(url, {"url": url, "etag": etag, "last_modified": modified, "kind": kind,
                                    "path": path.relative_to(self.settings.out).as_posix()})
            return _Answer(url, path, kind, changed=True)
        raise DocumentError(url, Errors.E137.format(limit=self.settings.max_redirects))

    def _read_capped(self, url: str, answer: httpx.Response) -> bytes:
        declared = answer.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.settings.max_bytes:
            raise DocumentError(url, Errors.E133.format(limit=self.settings.max_bytes))
        chunks, size = [], 0
        for chunk in answer.iter_bytes():
            size += len(chunk)
            if size > self.settings.max_bytes:  # a chunked answer says nothing of its size: count
                raise DocumentError(url, Errors.E133.format(limit=self.settings.max_bytes))
            chunks.append(chunk)
        return b"".join(chunks)

    # -- files -----------------------------------------------------------------------------
    def _save(self, url: str, kind: str, body: bytes) -> Path:
        path = self.settings.out / file_name(url, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == ".html":
            body = f"<!-- saved from url=({len(url):04d}){url} -->\n".encode() + body
        temporary = path.with_name(f".{path.name}.part")
        temporary.write_bytes(body)
        temporary.replace(path)  # whole files only: an interrupted fetch leaves no half page
        return path

    def _cache_file(self, url: str) -> Path:
        return self.settings.cache / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.json"

    def _cache_entry(self, url: str) -> dict[str, str]:
        try:
            entry = json.loads(self._cache_file(url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in entry.items() if isinstance(v, str)} if isinstance(entry, dict) else {}

    def _write_cache(self, url: str, entry: dict[str, str | None]) -> None:
        self.settings.cache.mkdir(parents=True, exist_ok=True)
        self._cache_file(url).write_text(json.dumps(entry), encoding="utf-8")


def _as_utf8(body: bytes, charset: str | None) -> bytes:
    """A page in UTF-8 when its answer named another charset (the saved file cannot keep the header).

    >>> _as_utf8("Élysée".encode("latin-1"), "ISO-8859-1").decode()
    'Élysée'
    """
    try:
        codec = codecs.lookup(charset).name if charset else "utf-8"
    except LookupError:
        return body
    return body if codec == "utf-8" else body.decode(codec, errors="replace").encode("utf-8")


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _sniff_kind(url: str, content_type: str) -> str | None:
    """A kind for answers served as ``text/plain`` or ``application/octet-stream`` (from the path)."""
    if content_type not in {"", "text/plain", "application/octet-stream"}:
        return None
    suffix = Path(urlsplit(url).path).suffix.lower()
    return {".pdf": ".pdf", ".xml": ".xml", ".rss": ".xml", ".atom": ".xml", ".html": ".html",
            ".htm": ".html"}.get(suffix)


def file_name(url: str, kind: str) -> str:
    """Where ``url`` is saved under the output folder: ``host/path`` made safe, plus a short hash.

    >>> file_name("https://News.example/2024/06/mistral-raises/?id=3", ".html")
    'news.example/2024-06-mistral-raises-1af54f31.html'
    """
    parts = urlsplit(url)
    host = _UNSAFE.sub("-", parts.netloc.lower()).strip("-.") or "host"
    stem = _UNSAFE.sub("-", parts.path.strip("/")).strip("-.")[:80] or "index"
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    return f"{host}/{stem}-{digest}{kind}"


def _feed_links(path: Path) -> list[str]:
    """The links of the feed saved at ``path``; raises :class:`NotAFeed` when it is none."""
    try:
        return [item.link for item in read_feed(path.read_bytes()) if item.link]
    except OSError as err:
        raise NotAFeed(str(err)) from err


def fetch(urls: Sequence[str], settings: FetchSettings, *, feeds: Sequence[str] = (), progress: bool = False,
          fetcher: Fetcher | None = None) -> FetchReport:
    """Fetch ``feeds`` (and the pages of their items) and ``urls`` into ``settings.out``.

    A feed that is not a feed is a failure (E117) and its items are not followed; each URL is
    asked once per run.
    """
    report = FetchReport()
    own = fetcher is None
    client = fetcher or Fetcher(settings)
    settings.out.mkdir(parents=True, exist_ok=True)
    try:
        queue = list(dict.fromkeys(urls))
        bar = tqdm(total=len(feeds) + len(queue), unit="url", disable=not progress, desc="fetching")
        with bar:
            for feed in feeds:
                answer = _one(client, feed, report)
                bar.update(1)
                if answer is None:
                    continue
                try:
                    links = _feed_links(answer.path)
                except NotAFeed as err:  # not kept: the folder is for aikg build, which would fail it too
                    report.failed.append(str(DocumentError(feed, Errors.E117.format(detail=err))))
                    for kept in (report.saved, report.not_modified):
                        if answer.path in kept:
                            kept.remove(answer.path)
                    answer.path.unlink(missing_ok=True)
                    continue
                if settings.follow_feed_items:
                    new = [link for link in links if link not in queue]
                    queue.extend(new)
                    bar.total = (bar.total or 0) + len(new)
            for url in queue:
                _one(client, url, report)
                bar.update(1)
    finally:
        if own:
            client.close()
    return report


def _one(fetcher: Fetcher, url: str, report: FetchReport) -> _Answer | None:
    try:
        answer = fetcher.get(url)
    except DocumentError as err:
        report.failed.append(str(err))
        return None
    (report.saved if answer.changed else report.not_modified).append(answer.path)
    return answer

