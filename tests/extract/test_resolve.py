from __future__ import annotations

from decimal import Decimal

import pytest

from aikg.extract.kb import KnowledgeBase
from aikg.extract.records import EntityType
from aikg.extract.resolve import RawMention, entity_key, resolve_mentions

P, ORG, PL = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE


def mentions(*items: tuple[str, EntityType, str | None]) -> list[RawMention]:
    out, pos = [], 0
    for text, type_, kb_id in items:
        out.append(RawMention(text, type_, kb_id, pos, pos + len(text), pos, pos + len(text)))
        pos += len(text) + 1
    return out


@pytest.mark.parametrize(
    ("items", "keys", "note"),
    [
        (
            [("Emmanuel Macron", P, "emmanuel-macron"), ("Macron", P, "emmanuel-macron")],
            ["emmanuel-macron", "emmanuel-macron"],
            "surname:Macron->emmanuel-macron",
        ),
        ([("Zuck", P, "mark-zuckerberg")], ["mark-zuckerberg"], "kb-alias:Zuck->mark-zuckerberg"),
        ([("Open AI", ORG, None)], ["openai"], "kb-fold:Open AI->openai"),
        ([("Microsoft Corp.", ORG, None)], ["microsoft"], "kb-fold:Microsoft Corp.->microsoft"),
        # one typing error away from a single KB name of the same type
        ([("Nvivia", ORG, None)], ["nvidia"], "kb-misspelt:Nvivia->nvidia"),
        (
            [("Jane Doe", P, None), ("Doe", P, None)],
            ["person/jane-doe", "person/jane-doe"],
            "surname:Doe->person/jane-doe",
        ),
        (
            [("Jane Doe", P, None), ("Jane", P, None)],
            ["person/jane-doe", "person/jane-doe"],
            "first-name:Jane->person/jane-doe",
        ),
        (
            [("Agence Nationale Robotique", ORG, None), ("ANR", ORG, None)],
            ["organization/agence-nationale-robotique"] * 2,
            "acronym:ANR->organization/agence-nationale-robotique",
        ),
        (  # a surname alone that the model typed as an organisation
            [("Nadia Okafor", P, None), ("Okafor", ORG, None)],
            ["person/nadia-okafor"] * 2,
            "surname:Okafor->person/nadia-okafor",
        ),
        (  # an acronym that takes more than the initials of a word
            [("Bright Superlattice", ORG, None), ("BSL", ORG, None)],
            ["organization/bright-superlattice"] * 2,
            "acronym:BSL->organization/bright-superlattice",
        ),
        (  # a legal form after the name is the same company; "Group" stays in the name shown
            [("Quorvo Group Corp.", ORG, None), ("Quorvo", ORG, None)],
            ["organization/quorvo-group"] * 2,
            "name-fold:Quorvo->organization/quorvo-group",
        ),
        (  # a surname of several words said alone, typed as a person or as an organisation
            [("Karim Al Fassi", P, None), ("Al Fassi", ORG, None)],
            ["person/karim-al-fassi"] * 2,
            "surname:Al Fassi->person/karim-al-fassi",
        ),
        (
            [("Lena Van Horn", P, None), ("Van Horn", P, None)],
            ["person/lena-van-horn"] * 2,
            "surname:Van Horn->person/lena-van-horn",
        ),
        (
            [("Zephyr Labs", ORG, None), ("Zephyr", ORG, None)],
            ["organization/zephyr-labs"] * 2,
            "prefix:Zephyr->organization/zephyr-labs",
        ),
        (
            [("Quantix", ORG, None), ("QUANTIX", ORG, None)],
            ["organization/quantix"] * 2,
            "name-fold:QUANTIX->organization/quantix",
        ),
    ],
)
def test_resolve_merges_are_explained(
    kb: KnowledgeBase, items: list[tuple[str, EntityType, str | None]], keys: list[str], note: str
) -> None:
    res = resolve_mentions(mentions(*items), kb)
    assert list(res.keys) == keys
    assert len(res.entities) == 1
    assert note in res.entities[0].resolution


def test_resolve_ambiguous_surname_is_not_merged(kb: KnowledgeBase) -> None:
    res = resolve_mentions(mentions(("Jane Doe", P, None), ("John Doe", P, None), ("Doe", P, None)), kb)
    assert res.keys[2] == "person/doe"
    res = resolve_mentions(mentions(("Ali Al Fassi", P, None), ("Omar Al Fassi", P, None), ("Al Fassi", P, None)), kb)
    assert res.keys[2] == "person/al-fassi"


def test_resolve_unknown_keys_are_deterministic_across_documents(kb: KnowledgeBase) -> None:
    a = resolve_mentions(mentions(("Élodie  Martin", P, None)), kb)
    b = resolve_mentions(mentions(("elodie martin", P, None)), kb)
    assert a.keys == b.keys == ("person/elodie-martin",)


def test_resolve_majority_type_for_unknown_names(kb: KnowledgeBase) -> None:
    res = resolve_mentions(mentions(("Quantix", ORG, None), ("Quantix", ORG, None), ("Quantix", PL, None)), kb)
    assert [e.type for e in res.entities] == [ORG]


def test_resolve_kb_type_wins(kb: KnowledgeBase) -> None:
    res = resolve_mentions(mentions(("Grok", P, None), ("OpenAI", PL, None)), kb)
    assert {(e.key, e.type) for e in res.entities} == {("grok", EntityType.PRODUCT), ("openai", ORG)}


def test_entity_key_money() -> None:
    assert entity_key(EntityType.MONETARY_AMOUNT, "x", Decimal("1500000000"), "EUR") == "money/1500000000-eur"


def test_a_short_or_distant_name_is_no_misspelling(kb: KnowledgeBase) -> None:
    # five letters are too few to tell a typo from another name; two errors are another name
    res = resolve_mentions(mentions(("Metas", ORG, None), ("Nvidiaaa", ORG, None)), kb)
    assert res.keys == ("organization/metas", "organization/nvidiaaa")
