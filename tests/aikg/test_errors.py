"""Each error code has one meaning: it is raised by one layer only (see aikg.errors)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from aikg.errors import AikgError
from aikg.extract.errors import Errors, ExtractionError, KnowledgeBaseError

REPO = Path(__file__).resolve().parents[2]
LAYERS = {
    "0": ("aikg/cli", "aikg/api.py", "graph/views.py", "graph/export.py"),
    "1": ("documents/", "aikg/pipeline.py"),
    "2": ("graph/store.py",),
    "3": ("graph/sparql.py", "graph/server.py", "queries/", "aikg/cli_query.py"),
    "4": ("graph/project.py", "graph/analysis", "graph/view", "graph/layout.py", "aikg/api.py", "aikg/cli_analysis.py"),
    "5": ("extract/",),
}
# "bad argument", "SPARQL syntax error" and "no entity has this name" mean the same everywhere
SHARED = {"E001", "E301", "E311"}
CODE = re.compile(r'code="(E\d{3})"|Errors\.(E\d{3})')


def _uses() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for folder in ("aikg", "documents", "extract", "graph", "queries"):
        for path in (REPO / folder).rglob("*.py"):
            for match in CODE.finditer(path.read_text(encoding="utf-8")):
                found[match.group(1) or match.group(2)].add(path.relative_to(REPO).as_posix())
    return found


def test_errors_codes_belong_to_their_layer() -> None:
    uses = _uses()
    assert len(uses) > 40
    strays = {code: sorted(p for p in paths if not p.startswith(LAYERS.get(code[1], ())) and p != "aikg/errors.py")
              for code, paths in uses.items() if code not in SHARED}
    assert {code: paths for code, paths in strays.items() if paths} == {}


def test_errors_extraction_errors_are_project_errors() -> None:
    error = KnowledgeBaseError(Errors.E502.format(path="kb.jsonl", line=3, detail="missing 'id'"))
    assert isinstance(error, ExtractionError) and isinstance(error, AikgError)
    assert error.code == "E502" and str(error).startswith("[E502]")


@pytest.mark.parametrize("code", ["E002", "E201", "E301", "E502"])
def test_errors_known_codes_are_used(code: str) -> None:
    assert code in _uses()
