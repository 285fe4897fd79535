"""Lexicon and relation-pattern files: data validated on load, errors name the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import aikg.extract.components  # noqa: F401  (registers factories)
from aikg.extract.errors import DataFileError
from aikg.extract.lexicon import DEFAULT_PATTERNS_PATH, load_lexicon, load_relation_patterns

GOOD = {
    "id": "dep:x",
    "kind": "dep",
    "lang": ["en"],
    "predicate": "leads",
    "trigger": None,
    "confidence": 0.9,
    "pattern": [{"RIGHT_ID": "subj", "RIGHT_ATTRS": {"DEP": "nsubj"}}],
}


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "patterns.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_lexicon_packaged_patterns_one_a_line() -> None:
    patterns = load_relation_patterns()
    lines = DEFAULT_PATTERNS_PATH.read_text(encoding="utf-8").splitlines()
    assert len(patterns.patterns) == len(lines) > 100
    assert all(json.loads(lines[n - 1]) == p for p, n in zip(patterns.patterns, patterns.lines, strict=True))
    assert set(patterns.signatures) >= {"leads", "founded", "raised"}


def test_lexicon_word_lists_are_data() -> None:
    lexicon = load_lexicon()
    assert lexicon.co_words["founded"] == "co-found" and lexicon.co_words["fondée"] == "cofonder"
    assert {"of", "de", "&"} <= lexicon.name_connectors
    assert "jamais" in lexicon.negations and "&" in lexicon.coordinators and "avec" in lexicon.clause_joiners


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ('{"id": "dep:x", ', "Expecting"),
        ("[1, 2]", "JSON object"),
        (json.dumps({**GOOD, "kind": "regex"}), "kind must be"),
        (json.dumps({**GOOD, "predicate": "likes"}), "unknown predicate 'likes'"),
        (json.dumps({**GOOD, "confidence": 1.5}), "outside"),
        (json.dumps({**GOOD, "confidence": True}), "'confidence' must be"),
        (json.dumps({**GOOD, "pattern": []}), "non-empty list"),
        (json.dumps({**GOOD, "pattern": [{"RIGHT_ATTRS": {}}]}), "RIGHT_ID"),
        (json.dumps({**GOOD, "lang": []}), "'lang'"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "id"}), "missing 'id'"),
        (json.dumps({**GOOD, "subjekt": "subj"}), "unknown key"),
    ],
)
def test_lexicon_malformed_pattern_names_file_and_line(tmp_path: Path, line: str, detail: str) -> None:
    path = _write(tmp_path, json.dumps(GOOD), "", line)
    with pytest.raises(DataFileError, match=r"\[E509\]") as info:
        load_relation_patterns(path)
    assert info.value.code == "E509"
    assert f"{path} line 3" in str(info.value) and detail in str(info.value)


def test_lexicon_pattern_the_matcher_refuses_names_its_line(tmp_path: Path) -> None:
    nodes = [GOOD["pattern"][0], {"RIGHT_ID": "obj", "LEFT_ID": "subj", "REL_OP": "<<<", "RIGHT_ATTRS": {}}]
    bad = {**GOOD, "pattern": nodes}
    path = _write(tmp_path, json.dumps(GOOD), json.dumps(bad))
    finder = spacy.blank("en").add_pipe("aikg_relations", config={"patterns_path": str(path)})
    with pytest.raises(DataFileError, match=rf"\[E509\] .*{path.name} line 2"):
        finder.initialize()


def test_lexicon_bad_signatures_file(tmp_path: Path) -> None:
    signatures = tmp_path / "signatures.json"
    signatures.write_text(json.dumps({"signatures": {"likes": [["Person"], ["Person"]]}}), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"\[E504\].*likes"):
        load_relation_patterns(_write(tmp_path, json.dumps(GOOD)), signatures)
