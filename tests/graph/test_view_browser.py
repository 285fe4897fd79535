"""Network views in real headless Chromium: offline, drawn, searchable, filterable, and inert
against names and sentences that carry markup. One browser for the session."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from aikg.extract.records import (
    CoMention,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    RelationRecord,
)
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.store import open_store
from aikg.graph.views.render import write_view
from tests.graph.conftest import CHROMIUM

PWN_IMG = "<img src=x onerror=window.__pwned=1>"
PWN_SCRIPT = "<script>window.__pwned=1</script>Evil Corp"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"headless Chromium not found at {CHROMIUM}"),
]


def _extraction() -> Extraction:
    sentence = f"{PWN_IMG}, CEO of {PWN_SCRIPT}, met Arthur Mensch of Mistral AI in Paris."
    ev = Evidence("evil.md", sentence, 0, len(sentence))
    entities = (
        EntityRecord("person/evil", PWN_IMG, EntityType.PERSON, aliases=(PWN_IMG, '"><svg onload=window.__pwned=1>')),
        EntityRecord("evil-corp", PWN_SCRIPT, EntityType.ORGANIZATION, aliases=(PWN_SCRIPT, "Evil Corp")),
        EntityRecord("person/arthur-mensch", "Arthur Mensch", EntityType.PERSON, aliases=("Arthur Mensch",)),
        EntityRecord("mistral-ai", "Mistral AI", EntityType.ORGANIZATION, aliases=("Mistral AI", "Le Chat maker"),
                     wikidata="Q124386929"),
        EntityRecord("paris", "Paris", EntityType.PLACE, aliases=("Paris",)),
    )
    relations = (
        RelationRecord("person/evil", "leads", "evil-corp", ev, "test", 0.9),
        RelationRecord("person/arthur-mensch", "leads", "mistral-ai", ev, "test", 0.9),
        RelationRecord("mistral-ai", "basedIn", "paris", ev, "test", 0.8),
    )
    document = Document("evil.md", sentence, "/tmp/evil.md", title="<script>window.__pwned=1</script>",
                        url="https://news.test/evil")
    return Extraction(document, entities, (), relations,
                      (CoMention("evil-corp", "mistral-ai", 3), CoMention("paris", "person/evil", 1)),
                      models=("test==0",))


@pytest.fixture(scope="module")
def view_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("view")
    extraction = _extraction()
    with open_store(folder / "store") as store:
        store.replace_document("evil.md", extraction_quads(extraction, ExtractionRun("r")))
        return write_view(store, folder / "site" / "graph.html", title="hostile <b>test</b>")


def _open(browser: Any, url: str) -> tuple[Any, list[str], list[str]]:
    """A page at ``url`` with every non-local request blocked and logged, and console errors kept."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    remote: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "http://127.0.0.1")):
            r.continue_()
        else:
            remote.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
    return page, errors, remote


@pytest.fixture
def http_url(view_file: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(view_file.parent))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{view_file.name}"
    server.shutdown()
    server.server_close()


def test_view_browser_opens_offline_and_draws(browser: Any, view_file: Path, http_url: str) -> None:
    from PIL import Image

    for url in (view_file.as_uri(), http_url):
        page, errors, remote = _open(browser, url)
        assert errors == [] and remote == [], url
        assert page.evaluate("() => aikgView.nodesView.length") == 5
        assert page.title() == "hostile <b>test</b>"
        shot = Image.open(BytesIO(page.locator("#mynetwork").screenshot())).convert("L")
        drawn = shot.width * shot.height - shot.histogram()[255]  # pixels that are not white background
        assert drawn > 0.005 * shot.width * shot.height, f"canvas looks blank ({drawn} pixels drawn)"
        page.close()


def test_view_browser_search_and_type_filter(browser: Any, view_file: Path) -> None:
    page, errors, _ = _open(browser, view_file.as_uri())
    page.fill("#aikg-search", "le chat")
    page.wait_for_selector("#aikg-suggest li")
    page.keyboard.press("Enter")
    selected = page.evaluate("() => aikgView.network.getSelectedNodes().map(i => aikgView.info.nodes[i].label)")
    assert selected == ["Mistral AI"]
    panel = page.locator("#aikg-panel")
    assert panel.is_visible() and "Q124386929" in panel.inner_text() and "basedIn" in panel.inner_text()
    assert panel.locator("a[href='https://www.wikidata.org/wiki/Q124386929']").count() == 1
    assert panel.locator("a[href='https://news.test/evil']").count() >= 1

    page.uncheck("#aikg-legend input[data-type='Organization']")
    assert page.evaluate("() => aikgView.nodesView.length") == 3
    assert "3 entities" in page.inner_text("#aikg-counts")
    page.check("#aikg-legend input[data-type='Organization']")
    page.uncheck("#aikg-legend input[data-predicate='mentionedWith']")
    assert page.evaluate("() => aikgView.edgesView.get().every(e => !e.weak)")
    assert errors == []
    page.close()


def test_view_browser_hostile_text_does_not_run(browser: Any, view_file: Path) -> None:
    page, errors, _ = _open(browser, view_file.as_uri())
    # a real click on the node with the hostile name, then the edge and the suggestions list
    index = page.evaluate(f"() => aikgView.info.nodes.findIndex(n => n.label === {PWN_IMG!r})")
    x, y = page.evaluate(f"""() => {{ const p = aikgView.network.getPositions([{index}])[{index}];
                                      return Object.values(aikgView.network.canvasToDOM(p)); }}""")
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    panel = page.locator("#aikg-panel")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert PWN_IMG in text and PWN_SCRIPT in text and "onload=window.__pwned" in text
    assert panel.locator("img, script, svg, b").count() == 0
    page.fill("#aikg-search", "svg")
    page.wait_for_selector("#aikg-suggest li")
    page.keyboard.press("Enter")
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.wait_for_timeout(300)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.locator("body img, body script:not([type]) ~ svg").count() == 0
    assert errors == []
    page.close()
