"""Confidence calibration (``extract/calibration.py``): the packaged table, its errors, and that
assembly applies it to every stated fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from aikg.errors import AikgError
from aikg.extract.assemble import doc_to_extraction
from aikg.extract.calibration import Calibration, load_calibration
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document


def test_the_packaged_table_only_lowers_confidences() -> None:
    table = load_calibration()
    assert table.factors, "the packaged table has cells"
    assert all(0.0 < factor <= 1.0 for factor in table.factors.values())
    assert table.about.get("splits"), "it says which articles it was measured on"


def test_an_unreadable_table_is_one_coded_error(tmp_path: Path) -> None:
    broken = tmp_path / "calibration.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(AikgError, match=r"E511.*calibration\.json"):
        load_calibration(str(broken))


@pytest.mark.model
def test_assembly_applies_the_factor_of_each_kind_and_predicate(extractor: Extractor) -> None:
    document = Document("t", "Zorbi raised $40 million from Acme Capital on Monday.", source="test", language="en")
    doc = extractor.pipeline("en")(document.text)
    plain = doc_to_extraction(doc, document, extractor.kb, calibration=Calibration({}))
    halved = doc_to_extraction(doc, document, extractor.kb, calibration=Calibration(
        {("rule", "raised"): 0.5, ("clf", "raised"): 0.5}))
    before = {(r.predicate, r.extractor): r.confidence for r in plain.relations}
    after = {(r.predicate, r.extractor): r.confidence for r in halved.relations}
    raised = [key for key in before if key[0] == "raised"]
    assert raised
    for key in raised:
        assert after[key] == pytest.approx(before[key] * 0.5, abs=0.002)
    others = [key for key in before if key[0] not in {"raised", "worksFor"}]
    assert all(after[key] == before[key] for key in others)
