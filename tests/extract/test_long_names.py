"""Long names and their short forms (dev batch 10): :mod:`aikg.extract.components.long_names`
(acronyms defined in brackets, event series named with a continent, handles), the edition years
of :mod:`aikg.extract.components.entity_forms`, the institution names of
:mod:`aikg.extract.components.org_constructions` and the event nouns of the lexicon. Own
sentences, made-up names; each test fails without the rule it names."""

from __future__ import annotations

from spacy.language import Language

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document
from aikg.extract.resolve import _initials, _initials_skipping


def _ents(nlp: Language, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


def test_bracket_acronym_defines_a_long_event_name(nlp_en: Language) -> None:
    # bracket_names(): the long name before "(LBPF)" is one event, and the acronym a mention of it
    ents = _ents(nlp_en, "Investors flocked to the Lagos Bridge to Prosperity Forum (LBPF) on Monday. "
                         "The LBPF drew two thousand visitors.")
    assert ents.get("Lagos Bridge to Prosperity Forum") == "Event"
    assert ents.get("LBPF") == "Event"
    assert "Prosperity Forum" not in ents


def test_bracket_acronym_defines_a_french_institution(nlp_fr: Language) -> None:
    # bracket_names(): "Union ... (UGAS)": the long name with its lower-case words is the organisation
    ents = _ents(nlp_fr, "Paul Martin, président de l'Union générale des artisans du Sahel (UGAS), a signé l'accord.")
    assert ents.get("Union générale des artisans du Sahel") == "Organization"


def test_bracket_after_a_title_defines_no_name(nlp_en: Language) -> None:
    # bracket_names(): a role's acronym is a title, not an organisation
    assert "Chief Data Officer" not in _ents(nlp_en, "Ana Ruiz became Chief Data Officer (CDO) at Brightwave last May.")


def test_known_event_with_a_continent_is_its_own_series(nlp_fr: Language) -> None:
    # series_names(): "Web Summit Asia" is not the known "Web Summit"
    doc = nlp_fr("La troisième édition du Web Summit Asia 2031 s'est ouverte mardi à Manille.")
    events = {(e.text, e.kb_id_) for e in doc.ents if e.label_ == "Event"}
    assert ("Web Summit Asia", "") in events


def test_handle_and_portfolio_acronym_are_no_names(nlp_fr: Language) -> None:
    # handles(): "(@Agence_Num)" and "chargé de la PN&RE" name nothing
    ents = _ents(nlp_fr, "Le ministre délégué chargé de la PN&RE a salué l'accord (@Agence_Num) hier.")
    assert not any("_" in name or "&" in name for name in ents)


def test_edition_year_before_a_lower_case_event_noun(nlp_en: Language) -> None:
    # edition_years(): "Orbis 2031 tech show" is an edition of the event "Orbis"
    ents = _ents(nlp_en, "At this week's Orbis 2031 tech show in Lima, several startups unveiled robots.")
    assert "Orbis 2031" not in ents


def test_awards_name_an_event(nlp_fr: Language) -> None:
    # lexicon event_heads: "awards" ends an event's name
    ents = _ents(nlp_fr, "Temps fort de la journée : les GreenBuild Awards. Un concours qui récompense les startups.")
    assert ents.get("GreenBuild Awards") == "Event"


def test_chamber_with_lower_case_complements(nlp_fr: Language) -> None:
    # institution_names(): "chambre" is an institution noun, "et d'industrie" part of its name
    ents = _ents(nlp_fr, "Le forum est soutenu par la Chambre de commerce et d'industrie de Tulle.")
    assert ents.get("Chambre de commerce et d'industrie de Tulle") == "Organization"


def test_lower_case_ministry_less_its_state(nlp_fr: Language) -> None:
    # institution_names(): "le ministère de la X et de la Y" is a name, less the country that ends it
    ents = _ents(nlp_fr, "Le projet a le soutien du ministère de la Jeunesse et de la Culture numérique du Sénégal.")
    assert ents.get("ministère de la Jeunesse et de la Culture numérique") == "Organization"


def test_acronym_skips_joining_words() -> None:
    # resolve._ACRONYM_SKIP: "to" joins the words of a name the acronym abbreviates
    assert _initials("Lagos Bridge to Prosperity Forum") == "LBPF"


def test_acronym_that_skips_a_content_word_defines_the_long_name(extractor: Extractor) -> None:
    # _long_form() / resolve: "Commission nationale de *surveillance* des marchés financiers (CNMF)":
    # the acronym leaves "surveillance" out; the long name is the entity, the acronym its alias
    text = ("Ont assisté Paul Girard, ministre de l'industrie, Marc Benali, président de la Commission "
            "nationale de surveillance des marchés financiers (CNMF), et d'autres. La CNMF a salué l'accord.")
    out = extractor.extract(Document("t", text, source="test", language="fr"))
    found = {e.label: set(e.aliases) for e in out.entities}
    assert found.get("Commission nationale de surveillance des marchés financiers", set()) >= {"CNMF"}
    assert "CNMF" not in found


def test_acronym_skips_at_most_two_content_words() -> None:
    assert _initials_skipping("CNDP", "Commission nationale de supervision des données publiques")
    assert not _initials_skipping("CP", "Commission de protection")  # too short to skip
    assert not _initials_skipping("CAB", "Conseil agricole de bonne foi pour les grands bois")  # three skipped
    assert not _initials_skipping("CNP", "Commission nationale de la protection des données publiques privées")
