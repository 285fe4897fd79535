"""docs/queries.md lists every named query, generated from the .rq headers."""

from __future__ import annotations

from pathlib import Path

from aikg.queries import catalogue_markdown, load_queries

DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"


def _generated_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start, end = "<!-- named-queries:start -->\n", "<!-- named-queries:end -->"
    assert start in text and end in text, f"{DOC} lost its generated section markers"
    return text.split(start, 1)[1].split(end, 1)[0]


def test_docs_list_every_named_query() -> None:
    section = _generated_section()
    for name, query in load_queries().items():
        assert f"### `{name}`: {query.title}" in section


def test_docs_list_is_up_to_date() -> None:
    assert _generated_section() == catalogue_markdown(), "regenerate with: aikg queries --markdown"


def test_docs_cover_cli_python_and_http() -> None:
    text = DOC.read_text(encoding="utf-8")
    for needle in ("aikg query --store", "--named", "--labels", "from aikg.queries import run_named",
                   "aikg serve --store", "curl ", "application/sparql-query", "E307"):
        assert needle in text, needle
