"""Shared fixtures: the corpora, stores in tmp folders, the sample built once (helpers that tests
import live in tests/helpers.py, not here).

Model-loading fixtures are session-scoped so each spaCy pipeline loads once per test run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aikg.graph.store import KnowledgeStore, open_store
from tests.helpers import SAMPLE, SEEDS


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared/seeds is absent on this machine)")
    return SEEDS


@pytest.fixture
def store(tmp_path: Path) -> Iterator[KnowledgeStore]:
    with open_store(tmp_path / "store") as kstore:
        yield kstore


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus built once per test session (loads the spaCy pipelines once)."""
    from aikg.pipeline import build

    location = tmp_path_factory.mktemp("sample") / "store"
    report = build([SAMPLE], location)
    assert report.ok, report.failed
    return location
