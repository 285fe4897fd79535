from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from aikg.extract.errors import DataFileError
from aikg.extract.evaluate import (
    PRF,
    GoldDocument,
    GoldEntity,
    GoldRelation,
    PredictedDocument,
    PredictedEntity,
    Scores,
    format_comparison,
    format_errors,
    format_report,
    load_gold,
    main,
    read_documents,
    score,
)

GOLD = GoldDocument(
    "d",
    (
        GoldEntity("Sam Altman", "Person"),
        GoldEntity("OpenAI", "Organization"),
        GoldEntity("€500 million", "MonetaryAmount", Decimal("500000000"), "EUR"),
    ),
    (GoldRelation("Sam Altman", "leads", "OpenAI"), GoldRelation("OpenAI", "raised", "€500 million")),
)


@pytest.mark.parametrize(
    ("entities", "relations", "ent_f1", "rel_f1"),
    [
        (
            [
                ("Sam Altman", (), "Person"),
                ("Open AI", ("OpenAI",), "Organization"),
                PredictedEntity("500 millions d'euros", (), "MonetaryAmount", Decimal("500000000"), "EUR"),
            ],
            [("Sam Altman", "leads", "Open AI"), ("Open AI", "raised", "500 millions d'euros")],
            1.0,
            1.0,
        ),
        ([("sam altman", (), "Person")], [("Sam Altman", "worksFor", "OpenAI")], 0.5, 0.0),
        ([("OpenAI", (), "Place")], [], 0.0, 0.0),
    ],
)
def test_evaluate_score(
    entities: list[tuple[object, ...]], relations: list[tuple[str, str, str]], ent_f1: float, rel_f1: float
) -> None:
    scores = score({"d": GOLD}, {"d": PredictedDocument(entities, relations)})
    assert scores.entity_micro.f1 == pytest.approx(ent_f1)
    assert scores.relation_micro.f1 == pytest.approx(rel_f1)


def test_evaluate_money_matched_by_value_from_label() -> None:
    scores = score({"d": GOLD}, {"d": PredictedDocument([("500 M€", (), "MonetaryAmount")], [])})
    assert scores.entities["MonetaryAmount"].tp == 1


def test_evaluate_prf_arithmetic() -> None:
    prf = PRF(2, 1, 1) + PRF(1, 0, 1)
    assert (prf.tp, prf.fp, prf.fn) == (3, 1, 2)
    assert prf.precision == pytest.approx(0.75) and prf.recall == pytest.approx(0.6)


def test_evaluate_load_gold_and_report(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps({"document": "d", "entities": [{"name": "X", "type": "Person"}], "relations": []}) + "\n"
    )
    gold = load_gold(path)
    assert gold["d"].entities == (GoldEntity("X", "Person"),)
    report = format_report(score(gold, {}), "title")
    assert report.startswith("title") and "Person" in report and "micro" in report


def test_evaluate_bad_gold_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"document": "d", "entities": [{"type": "Person"}]}\n')
    with pytest.raises(DataFileError, match=r"E507.*line 1"):
        load_gold(path)


def test_evaluate_read_documents_strips_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\nlanguage: fr\n---\nBonjour Paris.\n")
    (doc,) = read_documents([path])
    assert (doc.doc_id, doc.text, doc.language) == ("a.md", "Bonjour Paris.\n", "fr")


def test_evaluate_comparison_and_errors() -> None:
    ours = Scores({"Person": PRF(1, 0, 0)}, {"leads": PRF(0, 1, 1)}, {"d": ["spurious relation A leads B"]})
    table = format_comparison(ours, Scores({"Person": PRF(0, 1, 1)}, {}))
    assert "baseline" in table and table.count("micro") == 2 and "leads" in table
    assert format_errors(ours) == "== d\n  spurious relation A leads B"


@pytest.mark.model
def test_evaluate_main_prints_scores_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("OpenAI CEO Sam Altman spoke in Paris.\n")
    gold = tmp_path / "gold.jsonl"
    relation = {"subject": "Sam Altman", "predicate": "founded", "object": "OpenAI"}
    entities = [{"name": "Sam Altman", "type": "Person"}, {"name": "OpenAI", "type": "Organization"}]
    gold.write_text(json.dumps({"document": "a.txt", "entities": entities, "relations": [relation]}) + "\n")
    assert main(["--gold", str(gold), "--docs", str(tmp_path), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "baseline" in out and "missed relation Sam Altman founded OpenAI" in out
    assert "spurious relation Sam Altman leads OpenAI" in out


def test_evaluate_main_missing_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("")
    assert main(["--gold", str(gold), "--docs", str(tmp_path / "nope.txt"), "--no-baseline"]) == 2
    assert "no such document" in capsys.readouterr().err
