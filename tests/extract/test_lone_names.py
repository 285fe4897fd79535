"""One-word person names that no full name of the document backs (``extract/components/lone_names.py``);
sentences written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import entity_types

pytestmark = pytest.mark.model


def test_a_one_word_name_typed_person_without_a_full_name_is_dropped(extractor: Extractor) -> None:
    types = entity_types(extractor, "Sanofi signed with Varnier on Tuesday, the drugmaker said.")
    assert types.get("Varnier") != "Person"


def test_a_one_word_name_listed_beside_organisations_is_an_organisation(extractor: Extractor) -> None:
    types = entity_types(extractor, "Backers include Sequoia Capital, Varnier and Accel.")
    assert types.get("Varnier") == "Organization"
