"""Names typed by their form and frame on fresh news, second round (``entity_forms.py``, with the
hooks in ``descriptor_types.py``, ``org_constructions.py`` and ``entity_cleaner.py``). Texts and
names are written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def typed(extractor: Extractor, text: str, language: str = "en") -> dict[str, str]:
    extraction = extractor.extract(Document("t.md", text, "t.md", language=language))
    return {e.label: e.type.value for e in extraction.entities}


def test_entity_forms_an_edition_year_is_no_part_of_the_event(extractor: Extractor) -> None:
    names = typed(extractor, "Orbis Chairman John Doe attends the Orbis Summit 2031 in Reno.")
    assert names.get("Orbis Summit") == "Event" and "Orbis Summit 2031" not in names


def test_entity_forms_a_venue_after_an_event_name_is_a_place(extractor: Extractor) -> None:
    names = typed(extractor, "Visitors went to the Harbin World Expo Exhibition and Convention Center on Friday.")
    assert names.get("Harbin World Expo Exhibition and Convention Center") == "Place"


def test_entity_forms_a_renamed_organisation(extractor: Extractor) -> None:
    names = typed(extractor, "Lanshan, the former Accel China, also took part.")
    assert names.get("Lanshan") == "Organization"


def test_entity_forms_a_copula_with_an_organisation_noun(extractor: Extractor) -> None:
    assert typed(extractor, "Lanshan est une start-up chinoise.", "fr").get("Lanshan") == "Organization"


def test_entity_forms_an_acronym_spelling_an_event_word_keeps_its_type(extractor: Extractor) -> None:
    assert typed(extractor, "Il est l'actuel directeur de FAIR.", "fr").get("FAIR") == "Organization"


def test_entity_forms_a_rival_of_an_organisation_is_one(extractor: Extractor) -> None:
    names = typed(extractor, "Many joined a round for Alibaba-rival Wanxiang on Monday.")
    assert names.get("Wanxiang") == "Organization"


def test_entity_forms_the_subject_of_a_clause_on_a_descriptor_stays_a_person(extractor: Extractor) -> None:
    names = typed(extractor, "Slootman is being succeeded by former Amazon ad chief Rakesh Venkataraman, who joined "
                             "Acme via the purchase of Neeva, a startup Venkataraman co-founded in 2019.")
    assert names.get("Rakesh Venkataraman") == "Person"


def test_entity_forms_a_person_misparsed_as_a_descriptor_apposition(extractor: Extractor) -> None:
    names = typed(extractor, "Créée ce printemps, la filiale française de Contoso place Marc Obiang à sa tête.", "fr")
    assert names.get("Marc Obiang") == "Person"


@pytest.mark.parametrize(("text", "language", "name"), [
    ("The Ministry of Electronics and Information Technology said it would fund startups.", "en",
     "Ministry of Electronics and Information Technology"),
    ("Le Ministère de l'Économie et des Finances a publié un rapport.", "fr",
     "Ministère de l'Économie et des Finances"),
])
def test_entity_forms_ministries_are_organisations(extractor: Extractor, text: str, language: str, name: str) -> None:
    assert typed(extractor, text, language).get(name) == "Organization"


def test_entity_forms_institutions_joined_by_et_stay_two(extractor: Extractor) -> None:
    names = typed(extractor, "Il cite l’Institut Curie et l’Observatoire de Paris.", "fr")
    assert names.get("Observatoire de Paris") == "Organization"


def test_entity_forms_a_legal_form_makes_an_organisation(extractor: Extractor) -> None:
    names = typed(extractor, "The fund backed Luoxi Zhineng Technology Co. last year.")
    assert names.get("Luoxi Zhineng Technology") == "Organization"
