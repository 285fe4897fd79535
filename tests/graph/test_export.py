from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic, to_isomorphic

from aikg.errors import UsageError
from aikg.graph.build import ExtractionRun, extraction_quads
from aikg.graph.export import ExportFormat, export_store, import_file
from aikg.graph.store import KnowledgeStore, open_store
from tests.helpers import make_extraction

RUN = ExtractionRun("export-run")
RDFLIB_FORMAT = {ExportFormat.TRIG: "trig", ExportFormat.NQUADS: "nquads", ExportFormat.JSONLD: "json-ld"}
SUFFIX = {ExportFormat.TRIG: ".trig", ExportFormat.NQUADS: ".nq", ExportFormat.JSONLD: ".jsonld"}


def _fill(store: KnowledgeStore) -> None:
    store.replace_document("a.md", extraction_quads(make_extraction("a.md"), RUN))
    store.replace_document("b.md", extraction_quads(make_extraction("b.md", ceo="Jane <b>Doe</b> \"x\""), RUN))


def _as_dataset(store: KnowledgeStore) -> Dataset:
    dataset = Dataset()
    for s, p, o, g in store.quads():
        dataset.graph(g).add((s, p, o))
    return dataset


@pytest.mark.parametrize("fmt", [ExportFormat.TRIG, ExportFormat.NQUADS, ExportFormat.JSONLD])
def test_export_roundtrip_is_isomorphic(tmp_path: Path, fmt: ExportFormat) -> None:
    with open_store(tmp_path / "src") as src:
        _fill(src)
        out = tmp_path / f"export{SUFFIX[fmt]}"
        with out.open("wb") as handle:
            export_store(src, fmt, handle)
        original = _as_dataset(src)
    parsed = Dataset().parse(out, format=RDFLIB_FORMAT[fmt])
    for graph in original.graphs():
        if len(graph):
            assert isomorphic(graph, parsed.graph(graph.identifier)), graph.identifier
    with open_store(tmp_path / "dst") as dst:
        import_file(dst, out)
        first = set(dst.quads())
        import_file(dst, out)  # idempotent
        assert set(dst.quads()) == first
        for graph in original.graphs():
            if len(graph):
                assert to_isomorphic(graph) == to_isomorphic(_as_dataset(dst).graph(graph.identifier))


def test_export_turtle_has_union_of_facts(store: KnowledgeStore) -> None:
    _fill(store)
    buffer = io.BytesIO()
    export_store(store, ExportFormat.TURTLE, buffer)
    text = buffer.getvalue().decode()
    assert "aikg:leads" in text and "@prefix ent:" in text


def test_export_import_refuses_turtle_and_garbage(store: KnowledgeStore, tmp_path: Path) -> None:
    ttl = tmp_path / "x.ttl"
    ttl.write_text("<a:b> <a:c> <a:d> .", encoding="utf-8")
    with pytest.raises(UsageError, match=r"x\.ttl"):
        import_file(store, ttl)
    bad = tmp_path / "bad.trig"
    bad.write_text("this is { not trig", encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad\.trig: not valid trig"):
        import_file(store, bad)
    assert len(store) == 0
