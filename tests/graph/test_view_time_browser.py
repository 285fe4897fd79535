"""The view in time, in real headless Chromium: an entity's timeline in the panel, and the date
slider that shows the network as of a date (offline, as every view)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from aikg.extract.records import (
    DateSource,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    FactStatus,
    FundingRoundRecord,
    RelationRecord,
)
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.rounds import refresh_rounds
from aikg.graph.store import open_store
from aikg.graph.views.data import graph_view
from aikg.graph.views.render import write_view
from tests.graph.conftest import CHROMIUM
from tests.graph.test_view_browser import _open

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"headless Chromium not found at {CHROMIUM}"),
]

ENTITIES = {e.key: e for e in (
    EntityRecord("person/jean-dupont", "Jean Dupont", EntityType.PERSON, aliases=("Jean Dupont",)),
    EntityRecord("person/ana-lima", "Ana Lima", EntityType.PERSON, aliases=("Ana Lima",)),
    EntityRecord("acme", "Acme", EntityType.ORGANIZATION, aliases=("Acme",)),
    EntityRecord("beta", "Beta Capital", EntityType.ORGANIZATION, aliases=("Beta Capital",)),
    EntityRecord("amount/EUR-50000000", "€50 million", EntityType.MONETARY_AMOUNT, amount=Decimal(50_000_000),
                 currency="EUR"),
)}


def _extraction(doc_id: str, published: date, sentence: str,
                facts: list[tuple[str, str, str, FactStatus]], round_: bool = False) -> Extraction:
    ev = Evidence(doc_id, sentence, 0, len(sentence))
    relations = tuple(RelationRecord(s, p, o, ev, "test", 0.9, status=st) for s, p, o, st in facts)
    keys = sorted({k for s, _, o, _ in facts for k in (s, o)})
    found = FundingRoundRecord("acme", ev, Decimal(50_000_000), "EUR", "amount/EUR-50000000", stage="series-a",
                               date=date(2024, 4, 30), date_source=DateSource.TEXT, leads=("beta",))
    rounds = (found,) if round_ else ()
    return Extraction(Document(doc_id, sentence, doc_id, title=doc_id, language="en", published=published),
                      tuple(ENTITIES[k] for k in keys), relations=relations, rounds=rounds)


CUR, FORMER = FactStatus.CURRENT, FactStatus.FORMER
DOCS = [
    _extraction("2023.md", date(2023, 3, 1), "Jean Dupont, chief executive of Acme, spoke.",
                [("person/jean-dupont", "leads", "acme", CUR)]),
    _extraction("2024.md", date(2024, 5, 2), "Acme raised €50 million in a Series A led by Beta Capital.",
                [("acme", "raised", "amount/EUR-50000000", CUR), ("beta", "investsIn", "acme", CUR)], round_=True),
    _extraction("2025.md", date(2025, 1, 20), "Jean Dupont, the former chief executive of Acme, handed over "
                "to Ana Lima, who now leads Acme.",
                [("person/jean-dupont", "leads", "acme", FORMER), ("person/ana-lima", "leads", "acme", CUR)]),
]


@pytest.fixture(scope="module")
def timed_view(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("timed-view")
    with open_store(folder / "store") as store:
        for extraction in DOCS:
            store.replace_document(extraction.document.doc_id, extraction_quads(extraction, ExtractionRun("r")))
        refresh_rounds(store)
        return write_view(store, folder / "site" / "graph.html", title="time")


def test_view_time_data_dates_facts(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        for extraction in DOCS:
            store.replace_document(extraction.document.doc_id, extraction_quads(extraction, ExtractionRun("r")))
        refresh_rounds(store)
        data = graph_view(store)
    acme = "https://w3id.org/aikg/entity/acme"
    jean = "https://w3id.org/aikg/entity/person/jean-dupont"
    [led] = [e for e in data.edges if e.source == jean and e.predicate == "leads"]
    assert (led.since, led.until) == ("2023-03-01", "2025-01-20")
    assert data.nodes[acme].timeline == [
        ("2023-03-01", "Jean Dupont leads Acme"),
        ("2024-04-30", "funding round: Acme EUR 50000000 (series-a, 2024-04-30)"),
        ("2024-05-02", "Acme raised €50 million"),
        ("2024-05-02", "Beta Capital investsIn Acme"),
        ("2025-01-20", "Ana Lima leads Acme"),
        ("2025-01-20", "Jean Dupont leads Acme: ended (former)")]


def _select(page: Any, name: str) -> None:
    page.fill("#aikg-search", name)
    page.wait_for_selector("#aikg-suggest li")
    page.keyboard.press("Enter")
    page.locator("#aikg-panel").wait_for(state="visible")


def _as_of(page: Any, day: str | None) -> None:
    page.evaluate("""(day) => { const s = document.getElementById('aikg-as-of');
        const k = day === null ? aikgView.info.dates.length : aikgView.info.dates.indexOf(day);
        s.value = String(k); s.dispatchEvent(new Event('input')); }""", day)


def _leaders(page: Any) -> set[str]:
    return set(page.evaluate("""() => aikgView.edgesView.get()
        .filter(e => aikgView.info.predicates[e.p].name === 'leads')
        .map(e => aikgView.info.nodes[e.from].label)"""))


def test_view_time_panel_timeline_and_date_slider(browser: Any, timed_view: Path) -> None:
    page, errors, remote = _open(browser, timed_view.as_uri())
    _select(page, "Acme")
    items = page.locator("#aikg-panel ol.timeline li").all_inner_texts()
    assert items[0].startswith("2023-03-01") and "Jean Dupont leads Acme" in items[0]
    assert any("2024-04-30" in i and "funding round" in i for i in items)
    assert "ended (former)" in items[-1]
    assert [i[:10] for i in items] == sorted(i[:10] for i in items)

    assert _leaders(page) == {"Jean Dupont", "Ana Lima"}  # every date: the history is drawn
    _as_of(page, "2024-05-02")
    assert page.inner_text("#aikg-as-of-label") == "as of: 2024-05-02"
    assert _leaders(page) == {"Jean Dupont"}
    shown = set(page.evaluate("() => aikgView.nodesView.get().map(n => aikgView.info.nodes[n.id].label)"))
    assert "Ana Lima" not in shown and "Beta Capital" in shown
    _as_of(page, "2023-03-01")
    assert page.evaluate("() => aikgView.nodesView.length") == 2  # Jean Dupont and Acme
    _as_of(page, "2025-01-20")
    assert _leaders(page) == {"Ana Lima"}  # the later article supersedes the role
    _as_of(page, None)
    assert _leaders(page) == {"Jean Dupont", "Ana Lima"}
    assert errors == [] and remote == []
    page.close()
