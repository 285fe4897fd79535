"""The query page in headless Chromium: type a query, run it, see rows; untrusted text stays text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aikg.graph.namespaces import entity_iri
from aikg.graph.store import open_store
from aikg.graph.views.render import write_view
from tests.graph.test_server import Server
from tests.queries.minigraph import build_mini_store

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.server,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not found at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("browser-site")
    build_mini_store(root / "store")
    with open_store(root / "store", read_only=True) as store:
        write_view(store, root / "graph.html", title="mini")
    running = Server(root, timeout="5", workers="1")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(bypass_csp=True)  # lets Playwright poll; the CSP itself is tested over HTTP
    opened = context.new_page()
    opened.requests_seen = []
    opened.on("request", lambda request: opened.requests_seen.append(request.url))
    opened.goto(server.url + "/")
    opened.wait_for_function("document.querySelectorAll('#examples option').length > 5")
    yield opened
    context.close()


def _run(page: Any, query: str) -> None:
    page.fill("#query", query)
    page.click("#run")
    page.wait_for_function("!document.getElementById('run').disabled && "
                           "!document.getElementById('status').textContent.startsWith('running')")


def test_browser_typed_query_shows_rows(page: Any, server: Server) -> None:
    _run(page, "SELECT ?person ?org WHERE { ?person aikg:leads ?org } ORDER BY ?person")
    assert page.text_content("#status").startswith("2 row(s)")
    headers = page.eval_on_selector_all("#results thead th", "cells => cells.map(c => c.textContent)")
    assert headers == ["person", "org"]
    first = page.eval_on_selector_all("#results tbody tr:first-child td", "cells => cells.map(c => c.textContent)")
    assert first == ["Arthur Mensch", "Mistral AI"]  # labels shown
    page.uncheck("#labels")
    _run(page, "SELECT ?person WHERE { ?person aikg:leads ent:openai }")
    assert page.text_content("#results tbody td") == "ent:sam-altman"
    assert page.get_attribute("#results tbody td", "title") == str(entity_iri("sam-altman"))
    assert all(url.startswith(server.url) for url in page.requests_seen), page.requests_seen


def test_browser_named_query_with_parameter(page: Any) -> None:
    page.select_option("#examples", "who-leads")
    assert "aikg:leads" in page.input_value("#query")
    page.fill("#params input[data-param=org]", "OpenAI")
    page.click("#run")
    page.wait_for_function("document.getElementById('status').textContent.includes('row(s)')")
    cells = page.eval_on_selector_all("#results tbody td", "cells => cells.map(c => c.textContent)")
    assert "Sam Altman" in cells and "Arthur Mensch" not in cells


def test_browser_untrusted_text_is_not_html(page: Any) -> None:
    _run(page, 'SELECT ?x WHERE { VALUES ?x { "<img src=x onerror=\\"window.pwned=1\\"><b>bold</b>" } }')
    assert page.text_content("#results tbody td") == '<img src=x onerror="window.pwned=1"><b>bold</b>'
    assert page.query_selector("#results img") is None and page.query_selector("#results b") is None
    assert page.evaluate("window.pwned === undefined")


def test_browser_errors_and_graphs(page: Any) -> None:
    _run(page, "SELECT ?x WHERE { ?x ?y }")
    # the server judges a query by rdflib's parser (issue 17), so the position is where rdflib gives up
    assert page.text_content("#status").startswith("[E301] SPARQL syntax error at line 1, column 19")
    assert page.get_attribute("#status", "class") == "error"
    _run(page, "CONSTRUCT WHERE { ent:openai aikg:basedIn ?o }")
    assert "san-francisco" in page.text_content("#graph")


def test_browser_view_runs_under_its_content_security_policy(browser: Any, server: Server) -> None:
    """A view written by aikg, served at /views/ with its policy enforced (no bypass): its inline
    scripts run (allowed by hash), it draws, and the browser reports no violation."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(server.url + "/views/graph.html")
    assert "sha256-" in response.headers["content-security-policy"]
    page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
    assert page.evaluate("() => aikgView.nodesView.length") > 0
    assert errors == []
    context.close()


# -- issue 19: what a new user trips over on the query page ----------------------------------
def test_browser_error_clears_previous_results(page: Any) -> None:
    _run(page, "SELECT ?person ?org WHERE { ?person aikg:leads ?org }")
    assert page.eval_on_selector_all("#results tbody tr", "rows => rows.length") > 0
    _run(page, "SELECT * WHERE { ?s foo:bar ?o }")
    assert page.get_attribute("#status", "class") == "error"
    assert page.eval_on_selector_all("#results tbody tr", "rows => rows.length") == 0
    assert page.eval_on_selector_all("#results thead th", "cells => cells.length") == 0
    _run(page, "CONSTRUCT WHERE { ent:openai aikg:basedIn ?o }")  # a graph answer, then an error
    _run(page, "SELECT ?x WHERE { ?x ?y }")
    assert page.text_content("#graph") == "" and page.is_hidden("#graph")


def test_browser_parser_errors_are_readable_and_located(page: Any) -> None:
    _run(page, "SELECT * WHERE {\n  ?s foo:bar ?o }")
    status = page.text_content("#status")
    assert status.startswith("[E301] SPARQL syntax error at line 2, column 6: unknown prefix foo:"), status
    assert "expected one of" not in status and "Prefix not found" not in status
    # the cursor is put where it went wrong: line 2, column 6 is offset 17 + 5
    assert page.evaluate("document.getElementById('query').selectionStart") == len("SELECT * WHERE {\n") + 5
    _run(page, "SELECT * WHERE { ?s ?p ?o } LIMT 5")
    assert "unexpected 'LIMT 5'" in page.text_content("#status")


def test_browser_completes_prefixes_and_entity_names(page: Any) -> None:
    editor = page.locator("#query")
    editor.fill("SELECT * WHERE { ?s ai")
    editor.press("End")
    editor.type("k")  # an input event: completion looks at the word before the cursor
    page.wait_for_selector("#complete:not([hidden]) li")
    assert page.eval_on_selector_all("#complete li code", "c => c.map(x => x.textContent)") == ["aikg:"]
    editor.press("Tab")
    editor.type("leads ent:")
    editor.type("mist")  # by key; "Mistral AI" is also found by its label
    # the entity list loads once, on the first "ent:": wait for its suggestions, not the prefixes' before
    page.wait_for_function("[...document.querySelectorAll('#complete:not([hidden]) li code')]"
                           ".some(c => c.textContent.startsWith('ent:mistral'))")
    items = page.eval_on_selector_all("#complete li", "c => c.map(x => x.textContent)")
    assert any(item.startswith("ent:mistral-ai") and "Mistral AI" in item for item in items), items
    editor.press("ArrowDown")
    editor.press("Enter")
    assert page.input_value("#query") == "SELECT * WHERE { ?s aikg:leads ent:mistral-ai"
    assert page.is_hidden("#complete") and page.eval_on_selector_all("#complete li", "c => c.length") == 0


def test_browser_example_values_are_placeholders_not_values(page: Any) -> None:
    page.select_option("#examples", "current-roles")  # org is optional: its example is only a hint
    field = page.locator("#params input[data-param=org]")
    assert field.input_value() == "" and field.get_attribute("placeholder") == "e.g. Mistral AI"
    style = page.evaluate("""() => {
        const input = document.querySelector('#params input[data-param=org]');
        const hint = getComputedStyle(input, '::placeholder'), typed = getComputedStyle(input);
        return [hint.color, hint.fontStyle, typed.color];
    }""")
    assert style[1] == "italic" and style[0] != style[2]
    assert field.get_attribute("list") == "entity-names"  # entity names are offered while typing
    page.wait_for_function("document.querySelectorAll('#entity-names option').length > 3")
