"""Places named in French or English resolve to one KB place generated from Unicode CLDR
(``extract/cldr_places.py``), and a place inside a longer name stays part of that name
(``extract/components/place_names.py``). Sentences are written for the tests."""

from __future__ import annotations

import json

import pytest

from aikg.extract.cldr_places import AMBIGUOUS, merge_places, name_variants, territory_names
from aikg.extract.kb import DEFAULT_KB_PATH, KnowledgeBase
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document, EntityType


def test_sub_region_variants_never_take_a_country_name() -> None:
    names = territory_names()
    assert names["018"][0] == "Southern Africa" and "South Africa" not in names["018"][1]
    assert names["ZA"] == ("South Africa", ["South Africa", "Afrique du Sud"])
    assert names["011"][0] == "West Africa" and "Afrique de l’Ouest" in names["011"][1]
    assert "Western Europe" == names["155"][0]
    assert "001" not in names and "EU" not in names  # the world ("Monde") and unions are no place


def test_existing_entries_keep_their_id_and_names() -> None:
    kb = [{"id": "hk", "type": "Place", "label": "Hong Kong", "aliases": ["HK"], "wikidata": "Q8646"},
          {"id": "acme", "type": "Organization", "label": "Acme", "aliases": ["Maroc"], "wikidata": None}]
    out = merge_places(kb, {"HK": ("Hong Kong SAR China", name_variants("Hong Kong SAR China")),
                            "MA": ("Morocco", ["Morocco", "Maroc"])}, ())
    assert out[0] == {**kb[0], "aliases": ["HK", "Hong Kong SAR China"], "cldr": "HK"}
    assert out[1] == kb[1]
    assert out[2]["label"] == "Morocco" and out[2]["aliases"] == []  # "Maroc" is another entry's name


def test_generated_file_is_up_to_date(kb: KnowledgeBase) -> None:
    entries = [json.loads(line) for line in DEFAULT_KB_PATH.read_text(encoding="utf-8").splitlines() if line]
    assert merge_places(entries, territory_names()) == entries
    assert kb.lookup("Égypte").label == "Egypt"
    assert kb.lookup("Afrique de l'Ouest").label == "West Africa"
    assert kb.lookup("Asie-Pacifique").label == "Asia-Pacific"
    assert all(kb.lookup(name) is None or kb.lookup(name).type is not EntityType.PLACE for name in AMBIGUOUS)


def places(extractor: Extractor, text: str, language: str) -> dict[str, str]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    return {e.label: e.type.value for e in out.entities}


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "expected", "absent"),
    [
        ("fr", "La startup Orvalis, fondée en Tunisie, vise l'Afrique de l'Ouest et l'Égypte.",
         {"Tunisia": "Place", "West Africa": "Place", "Egypt": "Place"}, {"Tunisie", "Égypte"}),
        ("fr", "Le fonds Kestrel investit au Maroc et en Afrique du Sud.",
         {"Morocco": "Place", "South Africa": "Place"}, {"Maroc"}),
        ("en", "Lumora opened an office in Asia-Pacific and one in the Middle East.",
         {"Asia-Pacific": "Place", "Middle East": "Place"}, set()),
    ],
)
def test_french_places_resolve_to_the_kb_label(extractor: Extractor, language: str, text: str,
                                               expected: dict[str, str], absent: set[str]) -> None:
    found = places(extractor, text, language)
    for name, type_ in expected.items():
        assert found.get(name) == type_, (name, found)
    assert not absent & set(found)


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "name", "place"),
    [
        ("en", "Read the Africa Venture Weekly newsletter for the funding rounds in Lagos.",
         "Africa Venture Weekly", "Africa"),
        ("en", "Subscribe to the Asia Growth Review newsletter for updates.", "Asia Growth Review", "Asia"),
        ("fr", "Le réseau Nova Africa réunit trente pays du continent.", "Nova Africa", "Africa"),
    ],
)
def test_a_place_inside_a_longer_name_stays_in_it(extractor: Extractor, language: str, text: str,
                                                  name: str, place: str) -> None:
    found = places(extractor, text, language)
    assert name in found and found[name] != "Place", found
    assert place not in found, found
