"""Names the statistical model finds and the pipeline used to lose: a known name that only begins a
longer one (``extract/components/model_spans.py``) and names the French model labels MISC
(``misc_types.py``). Texts and names are written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor, load_pipeline
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def run(extractor: Extractor, text: str, language: str) -> tuple[dict[str, str], set[tuple[str, str, str]]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    names = {e.key: e.label for e in out.entities}
    facts = {(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object)) for r in out.relations}
    return {e.label: e.type.value for e in out.entities}, facts


def test_model_spans_are_kept_before_the_kb_ruler() -> None:
    doc = load_pipeline("en")("Ravi Kumar heads the Nvidia Halcyon project.")
    assert "aikg_ner" in doc.spans
    assert any(span.text.endswith("Nvidia Halcyon") for span in doc.spans["aikg_ner"])


@pytest.mark.parametrize(
    ("language", "text", "name", "expected", "fact", "not_fact"),
    [
        # a known company that only begins the name of its unit: the unit leads
        ("en", "Making matters more interesting, Ravi Kumar, who heads the Nvidia Halcyon project, will take over "
               "the research group.", "Nvidia Halcyon", "Organization",
         ("Ravi Kumar", "leads", "Nvidia Halcyon"), ("Ravi Kumar", "leads", "Nvidia")),
        ("fr", "Lina Moreau, la PDG de Samsung Medtrix (la filiale médicale de Samsung), ne s'y est pas trompée.",
         "Samsung Medtrix", "Organization",
         ("Lina Moreau", "leads", "Samsung Medtrix"), ("Lina Moreau", "leads", "Samsung")),
        # the French model's MISC for the unit: a role "de X" makes it an organisation
        ("fr", "Paul Girard, directeur de Google Orbit, la division de recherche de Google, sera présent.",
         "Google Orbit", "Organization",
         ("Paul Girard", "leads", "Google Orbit"), ("Paul Girard", "leads", "Google")),
        # the object of a launching verb is a product
        ("en", "On Tuesday Nvidia unveiled Nvidia Halcyon, its new family of robotics models.",
         "Nvidia Halcyon", "Product", ("Nvidia", "develops", "Nvidia Halcyon"), None),
    ],
)
def test_a_known_name_that_begins_a_longer_one(
    extractor: Extractor, language: str, text: str, name: str, expected: str,
    fact: tuple[str, str, str], not_fact: tuple[str, str, str] | None,
) -> None:
    types, facts = run(extractor, text, language)
    assert types.get(name) == expected
    assert fact in facts
    if not_fact is not None:
        assert not_fact not in facts


def test_legal_forms_and_roles_stay_the_known_name(extractor: Extractor) -> None:
    types, facts = run(extractor, "Microsoft Corp. and Meta Platforms Inc. met OpenAI CEO Sam Altman in Paris.", "en")
    assert {"Microsoft", "Meta", "OpenAI"} <= set(types)
    assert not any(name.endswith(("Corp.", "Inc.", "CEO")) for name in types)
    assert ("Sam Altman", "leads", "OpenAI") in facts


def test_a_misc_name_in_a_list_of_investors_is_an_organisation(extractor: Extractor) -> None:
    types, _ = run(extractor, "Le tour est mené par General Catalyst, Nordlicht Ventures, Lightspeed et Nvidia.", "fr")
    assert types.get("Nordlicht Ventures") == "Organization"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # the complement of an acquisition noun is an organisation
        ("Nouvel exemple : le rachat de Vocalis par le groupe japonais Sony pour 40 millions d'euros.",
         "Vocalis", "Organization"),
        # what a company launches, described as an application, is a product
        ("Le groupe a lancé Photomix Studio, une application de retouche.", "Photomix Studio", "Product"),
    ],
)
def test_a_misc_name_typed_from_its_sentence(extractor: Extractor, text: str, name: str, expected: str) -> None:
    types, _ = run(extractor, text, "fr")
    assert types.get(name) == expected
