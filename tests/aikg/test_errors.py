"""Each error code has one meaning: it is defined in one layer's table (see aikg.errors)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from aikg import errors as usage_errors
from aikg.documents import errors as document_errors
from aikg.errors import AikgError, DocumentError, Message
from aikg.extract import errors as extraction_errors
from aikg.extract.errors import Errors, ExtractionError, KnowledgeBaseError
from aikg.graph import errors as graph_errors

REPO = Path(__file__).resolve().parents[2]
# each layer's table and the hundreds its codes are numbered in (E0xx: usage, shared by the
# command line and the graph layer's file arguments)
TABLES: dict[ModuleType, str] = {
    usage_errors: "0",
    document_errors: "1",
    graph_errors: "0234",
    extraction_errors: "5",
}
CODE = re.compile(r'code="(E\d{3})"|Errors\.(E\d{3})')
INLINE = re.compile(r'code="(E\d{3})"')  # a code written at the raise site instead of a table
NAME = re.compile(r"[EW]\d{3}")


def _table(module: ModuleType) -> dict[str, Message]:
    messages = {**vars(module.Errors), **vars(getattr(module, "Warnings", object))}
    return {name: value for name, value in messages.items() if NAME.fullmatch(name)}


def _uses(pattern: re.Pattern[str] = CODE) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for folder in ("aikg", "documents", "extract", "graph", "queries"):
        for path in (REPO / folder).rglob("*.py"):
            for match in pattern.finditer(path.read_text(encoding="utf-8")):
                found[next(g for g in match.groups() if g)].add(path.relative_to(REPO).as_posix())
    return found


def test_errors_each_code_is_in_one_table() -> None:
    tables: dict[str, list[str]] = defaultdict(list)
    for module in TABLES:
        for code in _table(module):
            tables[code].append(module.__name__)
    assert {code: names for code, names in tables.items() if len(names) > 1} == {}


@pytest.mark.parametrize("module", list(TABLES), ids=lambda m: m.__name__)
def test_errors_tables_hold_their_layers_codes(module: ModuleType) -> None:
    table = _table(module)
    assert table and all(code[1] in TABLES[module] for code in table)
    assert all(isinstance(m, Message) and m.code == code and m.startswith(f"[{code}] ") for code, m in table.items())


def test_errors_every_code_used_is_in_a_table() -> None:
    defined = {code for module in TABLES for code in _table(module)}
    used = {code for code, paths in _uses().items() if paths != {"aikg/errors.py"}}  # its doctest: E999
    assert used - defined == set()


def test_errors_no_code_is_written_at_a_raise_site() -> None:
    """Messages come from the tables (one place per code and meaning), never ``code="E..."`` inline."""
    assert dict(_uses(INLINE)) == {}


def test_errors_extraction_errors_are_project_errors() -> None:
    error = KnowledgeBaseError(Errors.E502.format(path="kb.jsonl", line=3, detail="missing 'id'"))
    assert isinstance(error, ExtractionError) and isinstance(error, AikgError)
    assert error.code == "E502" and str(error).startswith("[E502]")


def test_errors_document_error_reads_the_code_from_the_message() -> None:
    error = DocumentError("feed.jsonl:2", document_errors.Errors.E114.format(value="soon"))
    assert error.code == "E114" and error.path == "feed.jsonl:2"
    assert str(error) == "[E114] feed.jsonl:2: date 'soon' is not an ISO date (YYYY-MM-DD)"
    assert error.problem == "date 'soon' is not an ISO date (YYYY-MM-DD)"


@pytest.mark.parametrize("code", ["E002", "E201", "E301", "E502", "E112"])
def test_errors_known_codes_are_used(code: str) -> None:
    assert code in _uses()
