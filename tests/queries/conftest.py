"""Fixtures for the named-query tests: the hand-made mini graph and the sample corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aikg.graph.store import KnowledgeStore, open_store
from tests.queries.minigraph import build_mini_store


@pytest.fixture(scope="session")
def mini_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_mini_store(tmp_path_factory.mktemp("mini") / "store")


@pytest.fixture
def mini(mini_store_path: Path) -> Iterator[KnowledgeStore]:
    with open_store(mini_store_path, read_only=True) as store:
        yield store
