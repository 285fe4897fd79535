"""French (and English) constructions of where an organisation is established that the readers
missed (``extract/components/establishments.py``): a presence before a list of places, an opened
office, a reflexive settling verb, investors listed with their countries; sentences written for
the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document, RelationRecord

pytestmark = pytest.mark.model


def _facts(extractor: Extractor, text: str, lang: str = "fr") -> dict[tuple[str, str, str], RelationRecord]:
    out = extractor.extract(Document("t", text, source="test", language=lang))
    labels = {e.key: e.label for e in out.entities}
    return {(labels[r.subject], r.predicate, labels[r.object]): r for r in out.relations}


def _asserted(facts: dict[tuple[str, str, str], RelationRecord], key: tuple[str, str, str]) -> bool:
    fact = facts.get(key)
    return fact is not None and fact.status not in {"hedged", "former"}


@pytest.mark.parametrize(
    ("text", "lang", "org"),
    [
        ("Déjà présente à Londres, Berlin et Madrid, Mistral AI va ouvrir un bureau à Rome.", "fr", "Mistral AI"),
        ("Mistral AI, déjà présente à Londres, Berlin et Madrid, recrute des ingénieurs.", "fr", "Mistral AI"),
        ("Mistral AI est présente à Londres, Berlin et Madrid.", "fr", "Mistral AI"),
        ("Already present in London, Berlin and Madrid, Cohere is hiring engineers.", "en", "Cohere"),
    ],
)
def test_a_presence_before_a_list_of_places_is_a_seat_in_each(
    extractor: Extractor, text: str, lang: str, org: str
) -> None:
    facts = _facts(extractor, text, lang)
    for place in ("London", "Berlin", "Madrid"):
        assert _asserted(facts, (org, "basedIn", place)), place
    assert (org, "basedIn", "Rome") not in facts


@pytest.mark.parametrize(
    "text",
    [
        "Mistral AI sera présente au salon VivaTech à Paris.",
        "Mistral AI était présente à Paris pour le sommet sur l'IA.",
    ],
)
def test_a_presence_at_an_event_is_no_seat(extractor: Extractor, text: str) -> None:
    assert ("Mistral AI", "basedIn", "Paris") not in _facts(extractor, text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Samsung et IBM ont ouvert des laboratoires d'IA à Paris.", "fr"),
        ("Le géant coréen Samsung et le groupe américain IBM ont eux aussi ouvert des bureaux à Paris.",
         "fr"),
        ("Samsung and IBM opened research centres in Paris last year.", "en"),
    ],
)
def test_an_opened_office_is_a_seat_of_each_opener(extractor: Extractor, text: str, lang: str) -> None:
    facts = _facts(extractor, text, lang)
    assert _asserted(facts, ("Samsung", "basedIn", "Paris"))
    assert _asserted(facts, ("IBM", "basedIn", "Paris"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Cohere has offices in Toronto, London and Madrid.", "en"),
        ("Cohere dispose de bureaux à Toronto, Londres et Madrid.", "fr"),
    ],
)
def test_offices_a_company_has_are_its_seats(extractor: Extractor, text: str, lang: str) -> None:
    # a verb of having with an office noun (holding_verbs), read as an opening is
    facts = _facts(extractor, text, lang)
    for place in ("Toronto", "London", "Madrid"):
        assert _asserted(facts, ("Cohere", "basedIn", place)), place


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Cohere va ouvrir un bureau à Madrid.", "fr"),
        ("Cohere ouvrira un bureau à Madrid.", "fr"),
        ("Cohere is opening an office in Madrid.", "en"),
        ("Cohere will open an office in Madrid.", "en"),
        ("Cohere envisage de s'installer à Madrid.", "fr"),
    ],
)
def test_a_planned_opening_is_no_seat(extractor: Extractor, text: str, lang: str) -> None:
    assert not _asserted(_facts(extractor, text, lang), ("Cohere", "basedIn", "Madrid"))


def test_a_settling_verb_is_a_seat(extractor: Extractor) -> None:
    assert _asserted(_facts(extractor, "Cohere s'installe officiellement à Madrid."), ("Cohere", "basedIn", "Madrid"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Arrivent aussi au capital Exor Ventures en Italie, Sofina, puis Headline en Allemagne et Balderton au "
         "Royaume-Uni.", "fr"),
        ("The round brought in Headline in Germany, Exor Ventures in Italy and LocalGlobe in the UK.", "en"),
    ],
)
def test_investors_listed_with_their_countries_are_based_there(extractor: Extractor, text: str, lang: str) -> None:
    facts = _facts(extractor, text, lang)
    assert _asserted(facts, ("Headline", "basedIn", "Germany"))
    assert _asserted(facts, ("Exor Ventures", "basedIn", "Italy"))
    assert ("Headline", "basedIn", "Italy") not in facts


def test_an_organisation_beside_a_country_outside_a_list_is_not_based_there(extractor: Extractor) -> None:
    facts = _facts(extractor, "Le ministre n'a rien dit sur une usine Tesla en Allemagne.")
    assert ("Tesla", "basedIn", "Germany") not in facts


@pytest.mark.parametrize(
    ("text", "lang", "company", "lead"),
    [
        ("Mistral AI a bouclé un tour de table de 10 millions d'euros mené par Partech, avec Index Ventures et "
         "Balderton Capital.", "fr", "Mistral AI", "Partech"),
        ("Mistral AI a levé 10 millions d'euros. Le tour a été mené par Partech, aux côtés d'Index Ventures et de "
         "Balderton Capital.", "fr", "Mistral AI", "Partech"),
        ("Cohere raised $10 million in a round led by Accel, with Index Ventures and Balderton Capital.", "en",
         "Cohere", "Accel"),
    ],
)
def test_co_investors_after_a_bare_link_to_the_lead_invest(
    extractor: Extractor, text: str, lang: str, company: str, lead: str
) -> None:
    facts = _facts(extractor, text, lang)
    assert (lead, "investsIn", company) in facts
    assert ("Index Ventures", "investsIn", company) in facts
    assert ("Balderton Capital", "investsIn", company) in facts


def test_a_word_after_the_link_opens_no_list_of_co_investors(extractor: Extractor) -> None:
    facts = _facts(extractor, "Mistral AI a levé 10 millions d'euros lors d'un tour mené par Partech, avec l'appui "
                              "de son conseil Rothschild.")
    assert ("Rothschild", "investsIn", "Mistral AI") not in facts


@pytest.mark.parametrize(
    "text",
    [
        "Thales s'est alliée aux trois opérateurs majeurs d'Europe (Orange, Bouygues Telecom, Vodafone) pour lancer "
        "un modèle.",
        "L'an dernier, Thales s'est associée aux trois grands opérateurs (Orange, Bouygues Telecom et Vodafone).",
    ],
)
def test_partners_in_brackets_after_a_plural_noun_are_partners(extractor: Extractor, text: str) -> None:
    facts = _facts(extractor, text)
    for partner in ("Orange", "Bouygues Telecom", "Vodafone"):
        assert ("Thales", "partnerOf", partner) in facts, partner


def test_a_bracketed_list_after_a_noun_of_no_partnership_verb_names_no_partners(extractor: Extractor) -> None:
    facts = _facts(extractor, "Thales fournira ses modèles aux trois opérateurs (Orange, Bouygues Telecom, Vodafone) "
                              "du pays.")
    assert ("Thales", "partnerOf", "Bouygues Telecom") not in facts


@pytest.mark.parametrize(
    "text",
    [
        "En présence de Paul Martin, directeur Afrique de l'Ouest de Capgemini, et de Julie Roux, présidente de "
        "Thales, le club a été lancé.",
        "Paul Martin, directeur Europe du Nord de Capgemini, a présenté les résultats.",
    ],
)
def test_a_role_whose_portfolio_is_a_region_works_for_the_organisation_after_it(
    extractor: Extractor, text: str
) -> None:
    facts = _facts(extractor, text)
    assert _asserted(facts, ("Paul Martin", "worksFor", "Capgemini"))
    assert ("Paul Martin", "leads", "Capgemini") not in facts
    assert ("Paul Martin", "worksFor", "Thales") not in facts
