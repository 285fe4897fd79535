"""Shared fixtures: each trained pipeline is loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.kb import KnowledgeBase, load_knowledge_base
from aikg.extract.pipeline import Extractor, load_pipeline


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def nlp_en() -> Language:
    return load_pipeline("en", str(Extractor().kb_path))


@pytest.fixture(scope="session")
def nlp_fr() -> Language:
    return load_pipeline("fr", str(Extractor().kb_path))
