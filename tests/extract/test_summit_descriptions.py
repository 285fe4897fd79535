"""Summits on AI told by their host place, not their name (``extract/components/summit_descriptions.py``;
sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.components.summit_descriptions import summits_by_place
from aikg.extract.kb import load_knowledge_base
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def attended(extractor: Extractor, text: str, language: str) -> set[tuple[str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    return {(r.subject, r.object) for r in out.relations if r.predicate == "attended" and not r.hedged}


def test_the_summits_by_host_place_come_from_the_editions() -> None:
    hosts = summits_by_place(load_knowledge_base())
    assert hosts["paris"] == "ai-action-summit" and hosts["seoul"] == "ai-seoul-summit"
    assert "vivatech" not in hosts.values()  # a trade show in Paris is no summit


@pytest.mark.parametrize(("language", "text", "summit"), [
    ("fr", "Tom Varga a participé au sommet sur l'IA à Paris la semaine dernière.", "ai-action-summit"),
    ("fr", "Tom Varga était au Sommet de l'intelligence artificielle organisé à Paris en février.", "ai-action-summit"),
    ("en", "Tom Varga attended the Paris AI summit in February.", "ai-action-summit"),
    ("en", "Tom Varga spoke at the AI summit in Seoul this week.", "ai-seoul-summit"),
])
def test_a_summit_on_ai_told_by_its_host_place_is_the_known_summit(extractor: Extractor, language: str, text: str,
                                                                   summit: str) -> None:
    assert ("person/tom-varga", summit) in attended(extractor, text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Tom Varga spoke at an AI summit in Lyon."),  # no known summit was held there
    ("en", "Tom Varga attended a climate summit in Paris."),  # no AI topic
])
def test_other_summits_stay_unnamed(extractor: Extractor, language: str, text: str) -> None:
    summits = set(summits_by_place(load_knowledge_base()).values())
    assert not any(o in summits for _, o in attended(extractor, text, language))
