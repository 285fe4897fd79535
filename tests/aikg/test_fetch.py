"""``aikg fetch`` against a local server on 127.0.0.1: robots.txt, delays, limits, cache, errors.

The server (http.server in a thread) serves a fixture news page with an ETag, a feed whose items
link to it and to a missing page, a PDF, a page robots.txt forbids, an answer too large (declared
and chunked), an image, and a slow page; it records every request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from aikg import __version__
from aikg.cli import main
from aikg.documents.loaders import Source, load_source
from aikg.extract.records import Document
from aikg.fetch import USER_AGENT, Fetcher, FetchSettings, fetch
from aikg.pipeline import build
from tests.aikg.test_pipeline import FakeExtractor
from tests.documents.test_pdf import make_pdf

PAGE = (Path(__file__).parents[1] / "documents" / "fixtures" / "pages" / "wordpress-techblog.html").read_bytes()
#: The page as this server's site serves it: its canonical URL on the server's own host
ARTICLE = "https://gradientdesk.example/2024/07/02/cohere-opens-a-research-lab-in-paris/"
CANONICAL = "/2024/07/02/cohere-opens-a-research-lab-in-paris/"
NO_CANONICAL = (b"<html lang='en'><body><article><p>Hugging Face bought Pollen Robotics, a French maker of "
                b"humanoid robots, the companies said on Monday.</p></article></body></html>")

LATIN = ("<html><body><article><p>Le ministère de l'Économie a reçu lundi les dirigeants de Mistral AI, "
         "d'après l'Élysée.</p></article></body></html>").encode("cp1252")


@dataclass
class Site:
    """What the server saw."""

    base: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    robots: tuple[int, bytes] = (200, b"User-agent: *\nDisallow: /private/\n")

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def _feed(base: str) -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Desk</title>"
            f"<item><title>Cohere</title><link>{base}/news/cohere.html</link><description>Cohere opened a lab."
            f"</description></item><item><title>Gone</title><link>{base}/news/missing.html</link>"
            f"<description>Missing.</description></item></channel></rss>").encode()


@pytest.fixture()
def site() -> Iterator[Site]:
    record = Site("")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if "Transfer-Encoding" not in (headers or {}):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if "Transfer-Encoding" in (headers or {}):
                for start in range(0, len(body), 4096):
                    chunk = body[start:start + 4096]
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.wfile.write(body)

        def do_GET(self) -> None:
            record.requests.append((self.path, dict(self.headers.items())))
            if self.path == "/robots.txt":
                self._send(*record.robots, "text/plain")
            elif self.path.startswith("/go/"):
                self.send_response(302)
                self.send_header("Location", {"/go/plain": "/news/plain.html", "/go/private": "/private/x.html",
                                              "/go/loop": "/go/loop"}.get(self.path, "/nowhere"))
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/news/cohere.html":
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.end_headers()
                    return
                page = PAGE.replace(ARTICLE.encode(), f"{record.base}{CANONICAL}?utm_source=feed".encode())
                self._send(200, page, headers={"ETag": '"v1"', "Last-Modified": "Tue, 02 Jul 2024 09:15:00 GMT"})
            elif self.path == "/news/plain.html":
                self._send(200, NO_CANONICAL)
            elif self.path == "/news/latin.html":  # its charset only in the header
                self._send(200, LATIN, "text/html; charset=windows-1252")
            elif self.path == "/feed.xml":
                self._send(200, _feed(record.base), "application/rss+xml")
            elif self.path == "/not-a-feed":
                self._send(200, b"<html><body><p>Hello</p></body></html>", "application/rss+xml")
            elif self.path == "/report.pdf":
                self._send(200, make_pdf(["Mistral AI raised 600 million euros."]), "application/pdf")
            elif self.path == "/big.html":
                self._send(200, b"<p>" + b"x" * 200_000 + b"</p>")
            elif self.path == "/chunked.html":
                self._send(200, b"<p>" + b"x" * 200_000 + b"</p>", headers={"Transfer-Encoding": "chunked"})
            elif self.path == "/logo.png":
                self._send(200, b"\x89PNG\r\n", "image/png")
            elif self.path == "/slow.html":
                time.sleep(1.5)  # bounded: longer than the test's timeout, then answers anyway
                self._send(200, NO_CANONICAL)
            else:
                self._send(404, b"<h1>Not found</h1>")

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that stops reading (size limit, timeout) is what some tests do

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    record.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _settings(out: Path, **options: float) -> FetchSettings:
    return FetchSettings(out=out, delay=options.pop("delay", 0.0), timeout=options.pop("timeout", 5.0),
                         max_bytes=int(options.pop("max_bytes", 100_000)))


def test_fetch_page_saved_with_its_url_and_built_under_its_canonical_url(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "fetched"
    report = fetch([f"{site.base}/news/cohere.html", f"{site.base}/news/plain.html"], _settings(out))
    assert report.ok and len(report.saved) == 2
    assert all(headers.get("User-Agent") == USER_AGENT for _, headers in site.requests)
    assert USER_AGENT.startswith(f"aikg/{__version__}")
    assert site.paths()[0] == "/robots.txt" and site.paths().count("/robots.txt") == 1
    built = build([out], tmp_path / "store", extractor=FakeExtractor())
    assert sorted(built.written) == sorted([site.base + CANONICAL, f"{site.base}/news/plain.html"])


def test_fetch_second_run_is_conditional_and_keeps_the_file(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "fetched"
    first = fetch([f"{site.base}/news/cohere.html"], _settings(out))
    [path] = first.saved
    content = path.read_bytes()
    second = fetch([f"{site.base}/news/cohere.html"], _settings(out))
    assert second.not_modified == [path] and second.saved == [] and path.read_bytes() == content
    conditional = [headers for p, headers in site.requests if p == "/news/cohere.html"][-1]
    assert conditional.get("If-None-Match") == '"v1"'
    assert conditional.get("If-Modified-Since") == "Tue, 02 Jul 2024 09:15:00 GMT"
    assert "1 not modified (cached)" in second.summary()
    path.unlink()  # a cached answer whose file is gone is asked for again, whole
    third = fetch([f"{site.base}/news/cohere.html"], _settings(out))
    assert third.saved == [path] and path.read_bytes() == content


def test_fetch_robots_txt_is_obeyed(site: Site, tmp_path: Path) -> None:
    report = fetch([f"{site.base}/private/secret.html", f"{site.base}/news/plain.html"], _settings(tmp_path))
    assert len(report.failed) == 1 and "[E132]" in report.failed[0] and "/private/secret.html" in report.failed[0]
    assert "/private/secret.html" not in site.paths() and len(report.saved) == 1


def test_fetch_page_in_a_legacy_charset_is_read_right(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "fetched"
    fetch([f"{site.base}/news/latin.html"], _settings(out))
    [document] = [d for d in load_source(Source(next(out.rglob("*.html")), "p.html")) if isinstance(d, Document)]
    assert "ministère de l'Économie a reçu" in document.text and "Élysée" in document.text


def test_fetch_redirects_are_checked_hop_by_hop(site: Site, tmp_path: Path) -> None:
    report = fetch([f"{site.base}/go/plain", f"{site.base}/go/private", f"{site.base}/go/loop"], _settings(tmp_path))
    [saved] = report.saved
    assert saved.parent.name == "127.0.0.1-" + site.base.rsplit(":", 1)[1] and saved.name.startswith("news-plain")
    assert [f[:6] for f in report.failed] == ["[E132]", "[E137]"] and "/go/private" in report.failed[0]
    assert "/private/x.html" not in site.paths()


@pytest.mark.parametrize(("robots", "allowed"), [((503, b"busy"), False), ((403, b""), False), ((404, b""), True)])
def test_fetch_robots_txt_unreadable(site: Site, tmp_path: Path, robots: tuple[int, bytes], allowed: bool) -> None:
    site.robots = robots
    report = fetch([f"{site.base}/news/plain.html"], _settings(tmp_path))
    assert report.ok is allowed and (allowed or report.failed[0].startswith("[E132]"))


def test_fetch_obeys_crawl_delay(site: Site, tmp_path: Path) -> None:
    site.robots = (200, b"User-agent: *\nCrawl-delay: 7\n")
    waits: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    fetcher = Fetcher(_settings(tmp_path, delay=1.0), clock=lambda: now[0], sleep=sleep)
    fetch([f"{site.base}/news/plain.html"], _settings(tmp_path), fetcher=fetcher)
    fetcher.close()
    assert waits == [7.0]


def test_fetch_waits_between_requests_to_one_host(site: Site, tmp_path: Path) -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    fetcher = Fetcher(_settings(tmp_path, delay=2.0), clock=lambda: now[0], sleep=sleep)
    report = fetch([f"{site.base}/news/cohere.html", f"{site.base}/news/plain.html"], _settings(tmp_path, delay=2.0),
                   fetcher=fetcher)
    fetcher.close()
    assert report.ok and waits == [2.0, 2.0]  # robots.txt, then two pages: two waits of the full delay


def test_fetch_feed_is_saved_and_its_items_fetched(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "fetched"
    report = fetch([], _settings(out), feeds=[f"{site.base}/feed.xml"])
    assert [p.suffix for p in report.saved] == [".xml", ".html"]
    assert len(report.failed) == 1 and "[E130]" in report.failed[0] and "404" in report.failed[0]
    assert "/news/missing.html" in report.failed[0]
    built = build([out], tmp_path / "store", extractor=FakeExtractor())
    # the page and its feed item are one document (the page); the missing page keeps its feed summary
    assert sorted(built.written) == sorted([site.base + CANONICAL, f"{site.base}/news/missing.html"])
    assert len(built.duplicates) == 1
    # the feed alone, later: its item of the stored page (fetched from its link) is not a new document
    [feed_file] = out.rglob("*.xml")
    again = build([feed_file], tmp_path / "store", extractor=FakeExtractor())
    assert again.written == [] and sorted(again.unchanged) == sorted(
        [f"{site.base}/news/cohere.html", f"{site.base}/news/missing.html"])


@pytest.mark.parametrize(
    ("path", "code", "options"),
    [
        ("/big.html", "E133", {}),
        ("/chunked.html", "E133", {}),
        ("/logo.png", "E136", {}),
        ("/slow.html", "E131", {"timeout": 0.3}),
        ("/nowhere.html", "E130", {}),
    ],
)
def test_fetch_failures_are_one_coded_line_and_the_rest_goes_on(site: Site, tmp_path: Path, path: str, code: str,
                                                                options: dict[str, float]) -> None:
    report = fetch([f"{site.base}{path}", f"{site.base}/report.pdf"], _settings(tmp_path, **options))
    [failure] = report.failed
    assert failure.startswith(f"[{code}] {site.base}{path}: ") and "\n" not in failure
    assert [p.suffix for p in report.saved] == [".pdf"]
    assert not any(p.name.endswith(".part") for p in tmp_path.rglob("*"))


def test_fetch_refuses_what_is_not_a_web_address(tmp_path: Path) -> None:
    report = fetch(["file:///etc/passwd", "ftp://example.com/a", "not a url"], _settings(tmp_path))
    assert [failure[:6] for failure in report.failed] == ["[E135]"] * 3


def test_fetch_feed_that_is_not_a_feed(site: Site, tmp_path: Path) -> None:
    report = fetch([], _settings(tmp_path), feeds=[f"{site.base}/not-a-feed"])
    assert len(report.failed) == 1 and report.failed[0].startswith(f"[E117] {site.base}/not-a-feed: ")
    assert report.saved == [] and not [p for p in tmp_path.rglob("*") if p.is_file() and ".aikg-cache" not in p.parts]


def test_fetch_connection_refused_is_e134(tmp_path: Path) -> None:
    report = fetch(["http://127.0.0.1:9/a.html"], _settings(tmp_path, timeout=2.0))
    [failure] = report.failed
    assert failure.startswith("[E134] http://127.0.0.1:9/a.html: cannot connect")


def test_fetch_cli_summary_and_exit_status(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fetched"
    main(["fetch", f"{site.base}/news/cohere.html", "--out", str(out), "--delay", "0", "-q"])
    assert "1 saved, 0 not modified (cached), 0 failed" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["fetch", f"{site.base}/nowhere.html", "--out", str(out), "--delay", "0", "-q"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "[E130]" in err and "/nowhere.html" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["fetch", "--out", str(out)])
    assert exit_info.value.code == 1 and "at least one URL" in capsys.readouterr().err
