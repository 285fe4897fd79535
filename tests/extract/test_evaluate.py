from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import spacy

from aikg.extract.errors import DataFileError
from aikg.extract.evaluate import (
    PRF,
    ErrorNote,
    FactEvidence,
    GoldDocument,
    GoldEntity,
    GoldRelation,
    PredictedDocument,
    PredictedEntity,
    Scores,
    baseline_predictions,
    format_comparison,
    format_errors,
    format_report,
    load_gold,
    predictions_from_extractions,
    score,
)
from aikg.extract.pipeline import MODEL_NAMES, Extractor
from aikg.extract.records import Document

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
                PredictedEntity("Sam Altman", (), "Person"),
                PredictedEntity("Open AI", ("OpenAI",), "Organization"),
                PredictedEntity("500 millions d'euros", (), "MonetaryAmount", Decimal("500000000"), "EUR"),
            ],
            [("Sam Altman", "leads", "Open AI"), ("Open AI", "raised", "500 millions d'euros")],
            1.0,
            1.0,
        ),
        ([PredictedEntity("sam altman", (), "Person")], [("Sam Altman", "worksFor", "OpenAI")], 0.5, 0.0),
        ([PredictedEntity("OpenAI", (), "Place")], [], 0.0, 0.0),
    ],
)
def test_evaluate_score(
    entities: list[PredictedEntity], relations: list[tuple[str, str, str]], ent_f1: float, rel_f1: float
) -> None:
    scores = score({"d": GOLD}, {"d": PredictedDocument(entities, relations)})
    assert scores.entity_micro.f1 == pytest.approx(ent_f1)
    assert scores.relation_micro.f1 == pytest.approx(rel_f1)


def test_evaluate_money_matched_by_value_from_label() -> None:
    scores = score({"d": GOLD}, {"d": PredictedDocument([PredictedEntity("500 M€", (), "MonetaryAmount")], [])})
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


def test_evaluate_comparison_and_errors() -> None:
    ours = Scores({"Person": PRF(1, 0, 0)}, {"leads": PRF(0, 1, 1)}, {"d": ["spurious relation A leads B"]})
    table = format_comparison(ours, Scores({"Person": PRF(0, 1, 1)}, {}))
    assert "baseline" in table and table.count("micro") == 2 and "leads" in table
    assert format_errors(ours) == "== d\n  spurious relation A leads B"


@pytest.mark.model
def test_evaluate_extractor_against_baseline(extractor: Extractor) -> None:
    """What ``python -m aikg.extract.evaluate`` printed, through the library (``aikg eval`` is the CLI)."""
    document = Document("a.txt", "OpenAI CEO Sam Altman spoke in Paris.\n", source="a.txt", language="en")
    relation = GoldRelation("Sam Altman", "founded", "OpenAI")
    gold = {"a.txt": GoldDocument("a.txt", (GoldEntity("Sam Altman", "Person"), GoldEntity("OpenAI", "Organization")),
                                  (relation,))}
    scores = score(gold, predictions_from_extractions(extractor.extract_many([document]), extractor.kb))
    installed = [name for name in MODEL_NAMES["en"] if spacy.util.is_package(name)]
    raw_spacy = spacy.load(installed[0])  # the trained model alone: no aikg components
    baseline = score(gold, baseline_predictions([document], {"en": raw_spacy}))
    table = format_comparison(scores, baseline, "gold")
    errors = format_errors(scores)
    assert baseline.entities["Person"].tp == 1
    assert "baseline" in table and "missed relation Sam Altman founded OpenAI" in scores.errors["a.txt"]
    assert "spurious relation Sam Altman leads OpenAI" in scores.errors["a.txt"]
    founded, leads = errors.split("\n== founded:")[1].split("\n== leads:")
    assert 'missed    Sam Altman founded OpenAI  (stored as Sam Altman leads OpenAI' in founded
    assert '"OpenAI CEO Sam Altman spoke in Paris."' in founded and "spurious  Sam Altman leads OpenAI" in leads


def test_evaluate_has_no_second_cli() -> None:
    """One evaluation command: ``aikg eval``; this module only scores."""
    import aikg.extract.evaluate as evaluate

    assert not hasattr(evaluate, "main") and "read_documents" not in evaluate.__all__


def test_evaluate_gold_extra_keys_are_ignored(tmp_path: Path) -> None:
    """Development-set lines carry url, outlet, language, date, split and relation status: read, not scored."""
    line = {
        "document": "d", "url": "https://example.org/a", "outlet": "Example", "language": "fr",
        "date": "2024-05-21", "split": "heldout",
        "entities": [{"name": "Sam Altman", "type": "Person"}, {"name": "OpenAI", "type": "Organization"}],
        "relations": [{"subject": "Sam Altman", "predicate": "leads", "object": "OpenAI", "status": "former"}],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    gold = load_gold(path)
    assert gold["d"] == GoldDocument(
        "d", (GoldEntity("Sam Altman", "Person"), GoldEntity("OpenAI", "Organization")),
        (GoldRelation("Sam Altman", "leads", "OpenAI"),),
    )
    predicted = {"d": PredictedDocument([PredictedEntity("Sam Altman", (), "Person"),
                                         PredictedEntity("OpenAI", (), "Organization")],
                                        [("Sam Altman", "leads", "OpenAI")])}
    assert score(gold, predicted).relations["leads"] == PRF(1, 0, 0)


def test_evaluate_dev_gold_files_load() -> None:
    """The development set (tests/gold/dev/) reads with the evaluator's reader."""
    folder = Path(__file__).resolve().parents[1] / "gold" / "dev"
    documents = {doc for path in folder.glob("*.jsonl") for doc in load_gold(path)}
    assert len(documents) >= 61


EXPLAINED = PredictedDocument(
    [PredictedEntity("Sam Altman", (), "Person"), PredictedEntity("Open AI", ("OpenAI",), "Organization"),
     PredictedEntity("Paris", (), "Organization"), PredictedEntity("Meta", (), "Organization")],
    [("Sam Altman", "worksFor", "Open AI"), ("Paris", "basedIn", "Open AI")],
    evidence={("Paris", "basedIn", "Open AI"): (FactEvidence("Open AI, in Paris, grew.", "dep:svo", 0.61),)},
    sentences={"Sam Altman": ("Sam Altman runs OpenAI.",), "Open AI": ("Sam Altman runs OpenAI.", "Open AI grew."),
               "Paris": ("Open AI, in Paris, grew.",)},
    comentions={("Open AI", "Paris"): 1, ("Meta", "Sam Altman"): 2},
)


@pytest.mark.parametrize(
    ("gold_relation", "sentences", "reason"),
    [
        (GoldRelation("Sam Altman", "leads", "OpenAI"), ("Sam Altman runs OpenAI.",),
         "stored as Sam Altman worksFor Open AI"),
        (GoldRelation("Sam Altman", "leads", "Anthropic"), (), "object not found"),
        (GoldRelation("Dario Amodei", "leads", "OpenAI"), (), "subject not found"),
        (GoldRelation("Sam Altman", "basedIn", "Paris"), (), "never in one sentence"),
        (GoldRelation("Sam Altman", "worksFor", "Meta"), (), "named together in 2 sentence(s), none of them stored"),
        (GoldRelation("OpenAI", "partnerOf", "Paris"), (), "stored as Paris basedIn Open AI"),
    ],
)
def test_evaluate_missed_relation_explained(gold_relation: GoldRelation, sentences: tuple[str, ...],
                                            reason: str) -> None:
    gold = {"d": GoldDocument("d", (GoldEntity("Sam Altman", "Person"),), (gold_relation,))}
    [note] = [n for n in score(gold, {"d": EXPLAINED}).details if n.kind == "missed" and n.item == "relation"]
    assert (note.group, [e.sentence for e in note.evidence], note.reason) == (
        gold_relation.predicate, list(sentences), reason)


def test_evaluate_spurious_explained_and_grouped() -> None:
    gold = {"d": GoldDocument("d", (GoldEntity("Sam Altman", "Person"), GoldEntity("Paris", "Place")),
                              (GoldRelation("Sam Altman", "worksFor", "OpenAI"),))}
    scores = score(gold, {"d": EXPLAINED})
    assert scores.relations["worksFor"] == PRF(1, 0, 0) and scores.relations["basedIn"] == PRF(0, 1, 0)
    assert scores.errors["d"] == ["missed entity Place:Paris", "spurious entity Organization:Open AI",
                                  "spurious entity Organization:Paris", "spurious entity Organization:Meta",
                                  "spurious relation Paris basedIn Open AI"]
    notes = {(n.kind, n.fact): n for n in scores.details}
    assert notes[("missed", "Paris")].reason == "stored as Organization 'Paris'"
    assert notes[("spurious", "Paris")].reason == "gold has it as Place"
    assert format_errors(scores).splitlines() == [
        "relations",
        "== basedIn: 0 missed, 1 spurious",
        "  -- d",
        "    spurious  Paris basedIn Open AI",
        '              "Open AI, in Paris, grew."  [dep:svo 0.61]',
        "entities",
        "== Organization: 0 missed, 3 spurious",
        "  -- d",
        "    spurious  Meta",
        "    spurious  Open AI",
        '              "Sam Altman runs OpenAI."',
        '              "Open AI grew."',
        "    spurious  Paris  (gold has it as Place)",
        '              "Open AI, in Paris, grew."',
        "== Place: 1 missed, 0 spurious",
        "  -- d",
        "    missed    Paris  (stored as Organization 'Paris')",
        '              "Open AI, in Paris, grew."',
    ]
    assert format_errors(scores, max_sentences=1).count("(+1 more)") == 1


def test_evaluate_error_note_is_the_old_note() -> None:
    note = ErrorNote("d", "missed", "entity", "Person", "X")
    assert str(note) == "missed entity Person:X"
    assert str(ErrorNote("d", "spurious", "relation", "leads", "A leads B")) == "spurious relation A leads B"


def test_evaluate_partnerof_matches_either_way_round_and_leads_does_not() -> None:
    entities = (GoldEntity("Kontora", "Organization"), GoldEntity("Velmora", "Organization"))
    gold = {"d": GoldDocument("d", entities, (GoldRelation("Kontora", "partnerOf", "Velmora"),
                                              GoldRelation("Kontora", "acquired", "Velmora")))}
    predicted = {"d": PredictedDocument([PredictedEntity("Kontora", (), "Organization"),
                                         PredictedEntity("Velmora", (), "Organization")],
                                        [("Velmora", "partnerOf", "Kontora"), ("Velmora", "acquired", "Kontora")])}
    relations = score(gold, predicted).relations
    assert relations["partnerOf"] == PRF(1, 0, 0)
    assert relations["acquired"] == PRF(0, 1, 1)


def test_evaluate_names_match_without_their_accents() -> None:
    gold = {"d": GoldDocument("d", (GoldEntity("Jean-Noël Barrot", "Person"),), ())}
    predicted = {"d": PredictedDocument([PredictedEntity("Jean-Noel Barrot", (), "Person")], [])}
    assert score(gold, predicted).entities["Person"] == PRF(1, 0, 0)
