"""extract/rounds.py: funding rounds as one document reports them, read from hand-made records.

Each case is a short text in our own words; the entities are found in it by name (no spaCy model),
sentences end at ". " and paragraphs at a blank line, and the relation finder's facts are given.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from aikg.extract.records import (
    DateSource,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    RelationRecord,
)
from aikg.extract.rounds import find_rounds, read_rounds, resolve_date

ORG, PERSON, AMOUNT = EntityType.ORGANIZATION, EntityType.PERSON, EntityType.MONETARY_AMOUNT
#: name in the text -> (key, type, value, currency)
NAMES: dict[str, tuple[str, EntityType, str | None, str | None]] = {
    "Acme": ("acme", ORG, None, None),
    "Zephyr Robotics": ("zephyr", ORG, None, None),
    "Orbit": ("orbit", ORG, None, None),
    "Beta Capital": ("beta", ORG, None, None),
    "Gamma": ("gamma", ORG, None, None),
    "Delta": ("delta", ORG, None, None),
    "Jane Roe": ("jane-roe", PERSON, None, None),
    "John Doe": ("john-doe", PERSON, None, None),
    "€20 million": ("eur-20m", AMOUNT, "20000000", "EUR"),
    "20 millions d'euros": ("eur-20m", AMOUNT, "20000000", "EUR"),
    "€5 million": ("eur-5m", AMOUNT, "5000000", "EUR"),
    "€300 million": ("eur-300m", AMOUNT, "300000000", "EUR"),
    "200 millions d'euros": ("eur-200m", AMOUNT, "200000000", "EUR"),
}


def extraction(text: str, facts: list[tuple[str, str, str]], published: date = date(2024, 9, 3),
               language: str = "en", extractor: str = "test") -> Extraction:
    """Records for ``text``: every name of :data:`NAMES` it contains, and ``facts`` (subject,
    predicate, object keys) stated by the first sentence that names both."""
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.]+(?:\.|$)\s*", text)]

    def sentence(at: int) -> tuple[int, int]:
        return next((s, e) for s, e in bounds if s <= at < e)

    mentions, entities = [], {}
    for name, (key, type_, value, currency) in NAMES.items():
        for found in re.finditer(re.escape(name), text):
            s, e = sentence(found.start())
            mentions.append(Mention(key, name, found.start(), found.end(), s, e))
            entities[key] = EntityRecord(key, name, type_, amount=Decimal(value) if value else None,
                                         currency=currency)
    relations = []
    for subject, predicate, obj in facts:
        shared = [sentence(m.start) for m in mentions if m.entity_key == subject
                  and any(o.entity_key == obj and sentence(o.start) == sentence(m.start) for o in mentions)]
        s, e = shared[0] if shared else next(sentence(m.start) for m in mentions if m.entity_key == subject)
        relations.append(RelationRecord(subject, predicate, obj, Evidence("d.md", text[s:e], s, e), extractor, 0.9))
    document = Document("d.md", text, "d.md", language=language, published=published)
    return Extraction(document, tuple(entities.values()), tuple(sorted(mentions, key=lambda m: m.start)),
                      tuple(relations))


def summary(text: str, facts: list[tuple[str, str, str]], **kwargs: object) -> list[dict[str, object]]:
    return [{"amount": r.amount_key, "stage": r.stage, "date": r.date, "source": r.date_source.value,
             "leads": r.leads, "participants": r.participants, "valuation": r.valuation}
            for r in find_rounds(extraction(text, facts, **kwargs))]  # type: ignore[arg-type]


RAISED = ("acme", "raised", "eur-20m")


@pytest.mark.parametrize(("text", "facts", "leads", "participants"), [
    ("Acme raised €20 million in a round led by Beta Capital, with Gamma and Delta joining.",
     [RAISED, ("beta", "investsIn", "acme"), ("gamma", "investsIn", "acme"), ("delta", "investsIn", "acme")],
     ("beta",), ("gamma", "delta")),
    ("Acme raised €20 million. The round was co-led by Beta Capital and Gamma. Delta also invested.",
     [RAISED, ("beta", "investsIn", "acme"), ("gamma", "investsIn", "acme"), ("delta", "investsIn", "acme")],
     ("beta", "gamma"), ("delta",)),
    ("Acme raised €20 million. Beta Capital led the round, which included Gamma.",
     [RAISED, ("beta", "investsIn", "acme"), ("gamma", "investsIn", "acme")], ("beta",), ("gamma",)),
    # the lead is named after the cue, and no relation names it
    ("Acme a levé 20 millions d'euros, une opération menée par le fonds américain Beta Capital.",
     [RAISED], ("beta",), ()),
    # a cue before the amount is about the company: "Acme, led by Jane Roe, raised"
    ("Acme, led by Jane Roe, raised €20 million from Gamma.", [RAISED, ("gamma", "investsIn", "acme")],
     (), ("gamma",)),
])
def test_rounds_leads_apart_from_participants(text: str, facts: list[tuple[str, str, str]],
                                              leads: tuple[str, ...], participants: tuple[str, ...]) -> None:
    [found] = summary(text, facts)
    assert (found["leads"], found["participants"]) == (leads, participants)


def test_rounds_lead_cue_implies_the_investment() -> None:
    text = "Acme a levé 20 millions d'euros, une opération menée par le fonds américain Beta Capital."
    _rounds, implied = read_rounds(extraction(text, [RAISED], language="fr"))
    assert [(r.subject, r.predicate, r.object, r.extractor) for r in implied] == [
        ("beta", "investsIn", "acme", "round:lead-cue")]
    assert implied[0].evidence.sentence == text


def test_rounds_investor_of_another_round_is_not_credited() -> None:
    text = ("Acme raised €20 million in a seed round led by Beta Capital.\n\n"
            "Last year Acme raised €5 million from Gamma.")
    facts = [RAISED, ("acme", "raised", "eur-5m"), ("beta", "investsIn", "acme"), ("gamma", "investsIn", "acme")]
    rounds = {r["amount"]: (r["leads"], r["participants"], r["stage"]) for r in summary(text, facts)}
    assert rounds == {"eur-20m": (("beta",), (), "seed"), "eur-5m": ((), ("gamma",), None)}


def test_rounds_valuation_is_never_a_raise() -> None:
    # the relation finder wrongly says Acme raised the valuation too
    text = "Acme raised €20 million at a valuation of €300 million."
    found = summary(text, [RAISED, ("acme", "raised", "eur-300m")])
    assert [(r["amount"], r["valuation"]) for r in found] == [("eur-20m", Decimal("300000000"))]
    text = "Acme raised €20 million. The deal values the company at €300 million."
    assert [r["valuation"] for r in summary(text, [RAISED])] == [Decimal("300000000")]


@pytest.mark.parametrize(("text", "stage"), [
    ("Acme raised €20 million in a Series B round.", "series-b"),
    ("Acme a bouclé une série C de 20 millions d'euros.", "series-c"),
    ("Acme a réalisé une levée d'amorçage de 20 millions d'euros.", "seed"),
    ("Acme raised €20 million in pre-seed funding.", "pre-seed"),
    ("Acme secured €20 million in venture debt.", "debt"),
    ("Acme won a €20 million grant.", "grant"),
    ("Acme a bouclé un tour de table de 20 millions d'euros.", None),
])
def test_rounds_stage(text: str, stage: str | None) -> None:
    assert [r["stage"] for r in summary(text, [RAISED])] == [stage]


@pytest.mark.parametrize(("text", "published", "expected", "source"), [
    ("Acme raised €20 million in June.", date(2023, 12, 12), date(2023, 6, 1), "text"),
    ("In March 2022, Acme raised €20 million.", date(2024, 9, 3), date(2022, 3, 1), "text"),
    ("Acme a levé 20 millions d'euros en décembre 2023.", date(2025, 9, 10), date(2023, 12, 1), "text"),
    ("Acme a annoncé mardi une levée de 20 millions d'euros.", date(2024, 6, 13), date(2024, 6, 11), "text"),
    ("Acme said on Tuesday it had raised €20 million.", date(2024, 6, 11), date(2024, 6, 11), "text"),
    ("Acme raised €20 million last year.", date(2024, 9, 3), date(2023, 9, 1), "text"),
    ("Acme raised €20 million.", date(2024, 9, 3), date(2024, 9, 3), "published"),
    # "may" is a verb here, not a month
    ("Acme raised €20 million and may raise more.", date(2024, 9, 3), date(2024, 9, 3), "published"),
])
def test_rounds_date_from_text_else_published(text: str, published: date, expected: date, source: str) -> None:
    [found] = summary(text, [RAISED], published=published, language="fr" if "Acme a" in text else "en")
    assert (found["date"], found["source"]) == (expected, source)


@pytest.mark.parametrize(("expression", "published", "language", "expected"), [
    ("in June", date(2023, 12, 12), "en", date(2023, 6, 1)),
    ("in June", date(2023, 3, 1), "en", date(2022, 6, 1)),  # a month to come is last year's
    ("l'an dernier", date(2024, 3, 5), "fr", date(2023, 3, 1)),
    ("en 2021", date(2024, 3, 5), "fr", date(2021, 1, 1)),
    ("nowhere", date(2024, 3, 5), "en", None),
])
def test_rounds_resolve_date(expression: str, published: date, language: str, expected: date | None) -> None:
    assert resolve_date(expression, published, language) == expected


def test_rounds_without_a_raise_are_none() -> None:
    text = "Acme is valued at €300 million, Beta Capital said."
    assert find_rounds(extraction(text, [("beta", "investsIn", "acme")])) == ()
    assert DateSource("text") is DateSource.TEXT


# Investors named outside the round's context, and lists read tolerantly.

ZEPHYR_RAISED = ("zephyr", "raised", "eur-20m")


def implied(text: str, facts: list[tuple[str, str, str]], extractor: str = "test") -> set[tuple[str, str]]:
    """The (investor, company) pairs that the rounds imply."""
    return {(r.subject, r.object) for r in read_rounds(extraction(text, facts, extractor=extractor))[1]}


@pytest.mark.parametrize(("text", "expected"), [
    # the company named by its first word after "for", two members that are no entity skipped
    ("Zephyr Robotics raised €20 million in a round led by Beta Capital.\n\n"
     "Other backers that took part in the latest round of funding for Zephyr included Halcyon, "
     "North Star Partners, Gamma and Delta.",
     {("beta", "zephyr"), ("gamma", "zephyr"), ("delta", "zephyr")}),
    # "its latest round" refers to the nearest round before; a dash between the cue and the list
    ("Zephyr Robotics raised €20 million last year.\n\n"
     "Its latest round, a Series B, included participation from the sector's largest groups — Gamma, "
     "Delta and Jane Roe — at a reported valuation.",
     {("gamma", "zephyr"), ("delta", "zephyr"), ("jane-roe", "zephyr")}),
    # French: a later paragraph lists the round's investors after "participé au tour de table, dont"
    ("Zephyr Robotics a levé 20 millions d'euros.\n\n"
     "Deux fonds déjà présents au capital ont participé au tour de table, dont Gamma et Delta.",
     {("gamma", "zephyr"), ("delta", "zephyr")}),
    # the company's possessive owns the round, in a sentence of its own
    ("Zephyr Robotics raised €20 million.\n\nThe market is busy.\n\n"
     "Zephyr's round was led by Beta Capital and joined by backers such as Gamma.",
     {("beta", "zephyr"), ("gamma", "zephyr")}),
    # names before a cue that closes its clause ("were also involved"), then "as were"
    ("Zephyr Robotics raised €20 million.\n\nBusinessmen Jane Roe and Gamma were also involved, as were Delta.",
     {("jane-roe", "zephyr"), ("gamma", "zephyr"), ("delta", "zephyr")}),
])
def test_round_investors_named_in_a_later_sentence(text: str, expected: set[tuple[str, str]]) -> None:
    assert implied(text, [ZEPHYR_RAISED]) == expected


def test_round_investors_later_sentence_joins_the_round_record() -> None:
    text = ("Zephyr Robotics raised €20 million.\n\n"
            "The round also included participation from Gamma and Delta.")
    [found], _implied = read_rounds(extraction(text, [ZEPHYR_RAISED]))
    assert found.participants == ("gamma", "delta")


@pytest.mark.parametrize("text", [
    # no round referred to: investors of something else
    "Zephyr Robotics raised €20 million.\n\nInvestors in the sector include Gamma and Delta.",
    # the agent of a participle is no investor: "founded by A and B"
    "Zephyr Robotics raised €20 million.\n\nFunds advised by Gamma and Delta also took part.",
])
def test_round_investors_need_a_reference_to_the_round(text: str) -> None:
    assert implied(text, [ZEPHYR_RAISED]) == set()


def test_round_investors_of_another_company_named_in_the_sentence() -> None:
    text = ("Zephyr Robotics raised €20 million.\n\n"
            "Separately, the latest round for Orbit included participation from Gamma.")
    assert implied(text, [ZEPHYR_RAISED]) == {("gamma", "orbit")}


def test_round_investors_list_stops_at_a_complement_and_skips_an_aside() -> None:
    text = ("Zephyr Robotics raised €20 million with participation from Jane Roe (Orbit), Delta, "
            "and Beta Capital, co-founder of Gamma.")
    assert implied(text, [ZEPHYR_RAISED]) == {("jane-roe", "zephyr"), ("delta", "zephyr"), ("beta", "zephyr")}


def test_round_investors_belong_to_the_raise_subject_not_its_apposition() -> None:
    # the relation finder read "it" as Orbit, named inside Zephyr's apposition
    text = ("Zephyr Robotics, a robot maker that competes with Gamma-backed Orbit, said it had raised "
            "€20 million from investors including Delta and Jane Roe.")
    facts = [("orbit", "raised", "eur-20m")]
    assert implied(text, facts, "dep:svo+coref") == {("delta", "zephyr"), ("jane-roe", "zephyr")}
    [found], _implied = read_rounds(extraction(text, facts, extractor="dep:svo+coref"))
    assert found.company == "zephyr"
    # a subject the finder read from the text itself stays the owner
    assert implied(text, facts, "dep:svo") == {("delta", "orbit"), ("jane-roe", "orbit")}


@pytest.mark.parametrize("text", [
    "Zephyr Robotics raised €20 million from a host of US VCs like Gamma and Delta.",
    "Zephyr Robotics a levé 20 millions d'euros. Des investisseurs ont pris part à l'opération, à l'image de Gamma "
    "et Delta.",
    "Zephyr Robotics a levé 20 millions d'euros. Le reste est apporté par des investisseurs existants : "
    "Gamma et Delta.",
    "Zephyr Robotics a levé 20 millions d'euros. Se font aussi une place au capital Gamma et Delta.",
    'Zephyr Robotics raised €20 million. The people that put money into the round included "Gamma and Delta".',
])
def test_round_investors_cue_words(text: str) -> None:
    assert implied(text, [ZEPHYR_RAISED]) == {("gamma", "zephyr"), ("delta", "zephyr")}


@pytest.mark.parametrize(("text", "expected"), [
    # "cet investissement" refers back; "porté par" leads; "aux côtés des" lists; a dash aside, the
    # country after a member and a description's complement do not end the list
    ("Zephyr Robotics a levé 20 millions d'euros.\n\n"
     "Cet investissement est porté par le fonds Beta Capital, aux côtés des patrons John Doe -le fondateur "
     "d'Orbit-, Gamma en Allemagne, Delta, ainsi que l'ex-PDG d'Acme, Jane Roe.",
     {("beta", "zephyr"), ("john-doe", "zephyr"), ("gamma", "zephyr"), ("delta", "zephyr"),
      ("jane-roe", "zephyr")}),
    # "auprès des fonds A et B"
    ("Zephyr Robotics a réalisé une levée de 20 millions d'euros auprès des fonds Gamma et Delta.",
     {("gamma", "zephyr"), ("delta", "zephyr")}),
    # investors named as the told company's refer back to its round, in a later paragraph
    ("Zephyr Robotics raised €20 million.\n\nInvestors in the venture include firms such as Gamma and Delta.",
     {("gamma", "zephyr"), ("delta", "zephyr")}),
    ("Zephyr Robotics a levé 20 millions d'euros.\n\n"
     "Le reste est versé par des investisseurs existants : Gamma et Delta.",
     {("gamma", "zephyr"), ("delta", "zephyr")}),
])
def test_round_investors_referred_to_and_long_lists(text: str, expected: set[tuple[str, str]]) -> None:
    assert implied(text, [ZEPHYR_RAISED]) == expected


def test_round_investors_without_a_told_round_invest_in_the_first_named_company() -> None:
    # the raise was missed: "its shareholders" and "the round" stand for the company named first
    text = ("Zephyr Robotics grandit.\n\n"
            "Parmi les actionnaires de l'entreprise, John Doe, président d'Orbit, Jane Roe, ou encore Gamma. "
            "On retrouve aussi les fonds d'investissement américains Beta Capital et Delta.")
    assert implied(text, []) == {("john-doe", "zephyr"), ("jane-roe", "zephyr"), ("gamma", "zephyr"),
                                 ("beta", "zephyr"), ("delta", "zephyr")}


# -- lists with descriptions, rounds told again, stages named back (issue: investors on unseen news) --


GAMMA_DELTA = {("gamma", "zephyr"), ("delta", "zephyr")}
GAMMA_ROE_DOE = {("gamma", "zephyr"), ("jane-roe", "zephyr"), ("john-doe", "zephyr")}


@pytest.mark.parametrize(("text", "expected"), [
    # the amount stated again in another paragraph: its sentence and the next tell the same round
    ("Zephyr Robotics raised €20 million.\n\nIn June, the firm closed its round of €20 million. "
     "It was led by Gamma, with participation from Delta.", GAMMA_DELTA),
    ("Zephyr Robotics a levé 20 millions d'euros.\n\nEn juin, la start-up a bouclé une levée de 20 millions "
     "d'euros. Celle-ci a été menée par Gamma, avec la participation notamment de Delta.", GAMMA_DELTA),
    # a list that goes on through a described group
    ("Zephyr Robotics raised €20 million with participation from Gamma, as well as several business angels "
     "such as Jane Roe and John Doe.", GAMMA_ROE_DOE),
    ("Zephyr Robotics a levé 20 millions d'euros avec la participation de Gamma, ainsi que de plusieurs "
     "investisseurs individuels, dont Jane Roe et John Doe.", GAMMA_ROE_DOE),
])
def test_round_investors_told_again_or_through_a_group(text: str, expected: set[tuple[str, str]]) -> None:
    assert implied(text, [ZEPHYR_RAISED]) == expected


@pytest.mark.parametrize("text", [
    # a description closed by a comma: the next name is a member; "ainsi que de" repeats the preposition
    "Zephyr Robotics raised €20 million from investors including Gamma, the venture arm of Orbit, and Delta.",
    "Zephyr Robotics a levé 20 millions d'euros auprès de Gamma, le fonds d'Orbit, et Delta.",
    "Zephyr Robotics a levé 20 millions d'euros avec la participation de Gamma ainsi que de Delta.",
    "Zephyr Robotics raised €20 million with participation from Gamma as well as from Delta.",
    # a consortium's members
    "Zephyr Robotics raised €20 million from a consortium including Gamma and Delta.",
    # a list that continues in the next sentence
    "Zephyr Robotics raised €20 million. Also participating were Gamma and Delta.",
    "Zephyr Robotics a levé 20 millions d'euros. Ont également participé à l'opération Gamma et Delta.",
    # the list ends at its source
    "Zephyr Robotics raised €20 million with participation from Gamma and Delta, according to Orbit.",
    "Zephyr Robotics a levé 20 millions d'euros avec la participation de Gamma et Delta, selon Orbit.",
    "Zephyr Robotics raised €20 million in a round led by Gamma and Delta, said Jane Roe.",
    "Zephyr Robotics a levé 20 millions d'euros avec la participation de Gamma et Delta, a déclaré Jane Roe.",
])
def test_round_investors_lists_with_descriptions(text: str) -> None:
    assert implied(text, [ZEPHYR_RAISED]) == GAMMA_DELTA


@pytest.mark.parametrize("later", ["The Series A, reported by Orbit, was led by Gamma.",
                                   "La série A, révélée par Orbit, a été menée par Gamma."])
def test_a_stage_named_back_is_that_round(later: str) -> None:
    text = ("Zephyr Robotics raised €5 million in a seed round in 2022.\n\n"
            "Zephyr Robotics raised €20 million in a Series A in 2024.\n\n"
            "Zephyr Robotics raised €300 million in a Series B this year.\n\n" + later)
    facts = [ZEPHYR_RAISED, ("zephyr", "raised", "eur-5m"), ("zephyr", "raised", "eur-300m")]
    found = {r["amount"]: r["leads"] for r in summary(text, facts)}
    assert found == {"eur-5m": (), "eur-20m": ("gamma",), "eur-300m": ()}


@pytest.mark.parametrize("text", [
    "Jane Roe, former chief scientist of Orbit, has launched Zephyr Robotics.\n\n"
    "Investors in the venture include Gamma and Delta.",
    "Jane Roe, ancienne directrice scientifique d'Orbit, a lancé Zephyr Robotics.\n\n"
    "Parmi les actionnaires de l'entreprise, Gamma et Delta.",
])
def test_without_a_round_the_company_is_the_first_not_named_as_a_complement(text: str) -> None:
    assert implied(text, []) == GAMMA_DELTA


@pytest.mark.parametrize("text", [
    "Zephyr Robotics raised €20 million in a round led by Gamma, Jane Roe, a partner at Delta, told reporters.",
    "Zephyr Robotics a levé 20 millions d'euros auprès de Gamma, Jane Roe, associée chez Delta, a précisé "
    "que la somme servira à recruter.",
])
def test_a_person_quoted_after_the_list_is_no_investor(text: str) -> None:
    assert implied(text, [ZEPHYR_RAISED]) == {("gamma", "zephyr")}
