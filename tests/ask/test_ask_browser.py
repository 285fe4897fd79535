"""The question box of the query page in headless Chromium: a question fills the editor and runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.graph.test_server import Server
from tests.graph.test_server_browser import CHROMIUM, browser  # noqa: F401 (the Chromium fixture)

pytestmark = [
    pytest.mark.server,
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not found at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def server(built_sample: Path) -> Iterator[Server]:
    running = Server(built_sample.parent, timeout="30", workers="1")
    yield running
    running.stop()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(bypass_csp=True)
    opened = context.new_page()
    opened.goto(server.url + "/")
    opened.wait_for_function("document.querySelectorAll('#examples option').length > 5")
    yield opened
    context.close()


def _ask(page: Any, question: str) -> None:
    page.fill("#question", question)
    page.click("#ask")
    page.wait_for_function("document.getElementById('status').className === 'error' || "
                           "/row\\(s\\) in/.test(document.getElementById('status').textContent)", timeout=60000)


def test_browser_question_fills_editor_and_runs(page: Any) -> None:
    _ask(page, "Qui a investi dans Mistral AI ?")
    assert "VALUES ?company { ent:mistral-ai }" in page.input_value("#query")
    assert page.text_content("#understood").startswith("investors_of")
    investors = page.eval_on_selector_all("#results tbody tr td:nth-child(1)", "cells => cells.map(c => c.textContent)")
    assert "Xavier Niel" in investors


def test_browser_unmappable_question_shows_the_intents(page: Any) -> None:
    _ask(page, "Tell me a story <b>now</b>")
    status = page.text_content("#status")
    assert status.startswith("[E030]") and "connection" in status
    assert page.eval_on_selector_all("#status b", "nodes => nodes.length") == 0
