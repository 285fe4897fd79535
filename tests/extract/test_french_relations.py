"""French constructions of roles, seats and founders that the readers missed: a role after "dont"
("X, dont le cofondateur A"), "aux commandes de X" / "aux manettes de X", "X, qui a son siège à P",
"X, créé à l'initiative de A et B", "A a occupé le poste de R chez X" (the patterns
``pattern:dont-role-person``, ``pattern:created-at-initiative-of``, ``dep:hold-post-at``,
French words in ``data/lexicon.json``); sentences written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document, RelationRecord

pytestmark = pytest.mark.model


def _facts(extractor: Extractor, text: str) -> dict[tuple[str, str, str], RelationRecord]:
    out = extractor.extract(Document("t", text, source="test", language="fr"))
    labels = {e.key: e.label for e in out.entities}
    return {(labels[r.subject], r.predicate, labels[r.object]): r for r in out.relations}


@pytest.mark.parametrize(
    "text",
    [
        "Commençons par Mistral AI, dont le co-fondateur Paul Girard a quitté le navire pour rejoindre Criteo.",
        "Parlons de Mistral AI, dont son cofondateur Paul Girard vient de partir.",
    ],
)
def test_a_founder_after_dont_founded_the_organisation_before(extractor: Extractor, text: str) -> None:
    facts = _facts(extractor, text)
    assert ("Paul Girard", "founded", "Mistral AI") in facts
    assert ("Paul Girard", "founded", "Criteo") not in facts


def test_a_former_role_after_dont_is_former(extractor: Extractor) -> None:
    facts = _facts(extractor, "Criteo, dont l'ancien patron Paul Girard a rejoint Google, recrute.")
    fact = facts.get(("Paul Girard", "leads", "Criteo"))
    assert fact is not None and fact.status == "former"


def test_no_role_noun_after_dont_is_no_role(extractor: Extractor) -> None:
    facts = _facts(extractor, "Criteo, dont le client Paul Girard a parlé, recrute.")
    assert ("Paul Girard", "leads", "Criteo") not in facts
    assert ("Paul Girard", "founded", "Criteo") not in facts


@pytest.mark.parametrize("noun", ["commandes", "manettes"])
def test_aux_commandes_de_leads(extractor: Extractor, noun: str) -> None:
    facts = _facts(extractor, f"Sophie Lebrun est aux {noun} de Criteo depuis mars.")
    assert ("Sophie Lebrun", "leads", "Criteo") in facts


def test_hedged_commandes_is_not_asserted(extractor: Extractor) -> None:
    facts = _facts(extractor, "Sophie Lebrun serait en discussions pour prendre les commandes de Criteo.")
    fact = facts.get(("Sophie Lebrun", "leads", "Criteo"))
    assert fact is None or fact.hedged


def test_orders_are_no_role(extractor: Extractor) -> None:
    facts = _facts(extractor, "Les commandes de Nvidia ont explosé selon Sophie Lebrun.")
    assert not any(p == "leads" for _, p, _ in facts)


def test_qui_a_son_siege_a_is_based_in(extractor: Extractor) -> None:
    facts = _facts(extractor, "Criteo, qui a son siège à Lyon, recrute.")
    assert ("Criteo", "basedIn", "Lyon") in facts


def test_a_board_seat_is_no_seat(extractor: Extractor) -> None:
    facts = _facts(extractor, "Criteo, qui a un siège au conseil d'administration de Qonto, recrute.")
    assert not any(p == "basedIn" for _, p, _ in facts)


def test_created_at_the_initiative_of_founded(extractor: Extractor) -> None:
    facts = _facts(extractor, "Derrière ce robot se cache le Mistral AI lab, créé en 2015 à Paris à l’initiative "
                              "de Paul Girard et Sophie Lebrun, président du fonds Partech.")
    assert ("Paul Girard", "founded", "Mistral AI") in facts
    assert ("Sophie Lebrun", "founded", "Mistral AI") in facts
    assert ("Sophie Lebrun", "founded", "Partech") not in facts


def test_an_initiative_without_creation_is_no_founding(extractor: Extractor) -> None:
    facts = _facts(extractor, "Criteo a lancé ce programme à l'initiative de Anne Morel.")
    assert not any(p == "founded" for _, p, _ in facts)


def test_holding_a_post_at_an_organisation_works_for_it(extractor: Extractor) -> None:
    facts = _facts(extractor, "Marc Levy, l’un des deux cofondateurs de Mistral AI, a occupé précédemment le poste "
                              "de directeur du produit chez Criteo, où il a travaillé sur la recherche.")
    fact = facts.get(("Marc Levy", "worksFor", "Criteo"))
    assert fact is not None and fact.status == "former"


def test_a_post_without_chez_is_no_employer(extractor: Extractor) -> None:
    facts = _facts(extractor, "Anne Morel a occupé le poste de directrice financière avant le rachat par Criteo.")
    assert ("Anne Morel", "worksFor", "Criteo") not in facts
