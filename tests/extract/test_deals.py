"""Deals: partnerships and acquisitions (issue 15), construction by construction.

Own sentences (real company names in made-up statements, where the models know the names);
each test names the rule of :mod:`aikg.extract.components.deals` it needs and fails without it.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates
from aikg.extract.lexicon import load_lexicon
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document
from tests.helpers import candidate_pairs as _facts


def _pairs(nlp: Language, text: str) -> set[frozenset[str]]:
    return {frozenset(pair) for pair in _facts(nlp, text, "partnerOf")}


def test_lexicon_has_deal_word_lists() -> None:
    lists = load_lexicon().word_lists
    for name in ("acquisition_nouns", "partner_nouns", "deal_owner_verbs", "deal_cancel_words"):
        assert lists[name]["en"] and lists[name]["fr"], name


# -- partnerOf: the noun's phrase names the parties ------------------------------------------------


def test_possessive_names_the_partner(nlp_en: Language) -> None:
    # possessor(): "X's collaboration with Y", not the salient subject of an earlier sentence
    text = "OpenAI raised money in March. Siemens's collaboration with Mistral AI goes well beyond software."
    assert _pairs(nlp_en, text) == {frozenset({"Siemens", "Mistral AI"})}


def test_between_list_gives_every_pair(nlp_en: Language) -> None:
    # partnership(): "a collaboration between A, B and C"
    text = "The robot came out of a collaboration between Nvidia, Renault and Airbus."
    assert _pairs(nlp_en, text) == {
        frozenset({"Nvidia", "Renault"}), frozenset({"Nvidia", "Airbus"}), frozenset({"Renault", "Airbus"})
    }


def test_list_ends_after_its_last_conjunct(nlp_en: Language) -> None:
    # org_list(): the name after "and" closes the list ("..., reported Reuters" is not in it)
    text = "The robot came out of a collaboration between Nvidia, Renault and Airbus, reported Reuters."
    assert not any("Reuters" in pair for pair in _pairs(nlp_en, text))


def test_between_names_with_descriptions(nlp_en: Language) -> None:
    # org_list(): "between chip giant A and French start-up B"
    text = "A partnership between chip giant Nvidia and French startup Mistral AI drew attention in Paris."
    assert frozenset({"Nvidia", "Mistral AI"}) in _pairs(nlp_en, text)


def test_possessive_that_names_nobody_gives_nothing(nlp_en: Language) -> None:
    # possessor(): "our collaboration with A and B" is not the clause subject's, and A and B are not
    # partners of each other
    text = "Nvidia welcomes our collaboration with Orange and Cohere."
    assert _pairs(nlp_en, text) == set()


def test_description_with_a_name_inside_is_not_resolved_by_salience(nlp_en: Language) -> None:
    # org(): "the iPhone maker" is neither iPhone nor the last subject (Bloomberg)
    text = "Bloomberg covered the launch on Monday. The iPhone maker also has a partnership with Cohere."
    assert not {p for p in _facts(nlp_en, text, "partnerOf") if p[0] in {"Bloomberg", "iPhone"}}


def test_clause_subject_struck_a_deal(nlp_en: Language) -> None:
    # clause_subject(): "X struck a deal with Y"
    assert ("Cohere", "Nvidia") in _facts(nlp_en, "Cohere struck a deal with Nvidia last week.", "partnerOf")


def test_leader_announced_a_partnership_for_his_company(nlp_fr: Language) -> None:
    # org() -> led_org(): "le dirigeant" stands for the organisation of the leader named before
    text = ("Le patron du groupe Nvidia était à Paris mardi. Le dirigeant a annoncé un partenariat avec "
            "le champion français de l'IA, Mistral AI.")
    assert ("Nvidia", "Mistral AI") in _facts(nlp_fr, text, "partnerOf")


def test_name_after_the_description_phrase(nlp_fr: Language) -> None:
    # apposed_after(): "avec le leader européen du cloud (IaaS), X": a name after the phrase's comma
    text = "Nvidia a signé un partenariat avec le leader européen du cloud (IaaS), OVHcloud."
    assert ("Nvidia", "OVHcloud") in _facts(nlp_fr, text, "partnerOf")


def test_partnership_announced_between(nlp_fr: Language) -> None:
    # after(): "le partenariat annoncé entre A et B" (a participle between the noun and "entre")
    text = "Il a salué le partenariat annoncé entre Nvidia et Mistral AI."
    assert frozenset({"Nvidia", "Mistral AI"}) in _pairs(nlp_fr, text)


# -- partnerOf: partner and provider nouns, partner verbs ----------------------------------------


def test_partner_for(nlp_en: Language) -> None:
    # partner_noun(): "X has become a key partner for Y"
    assert ("Microsoft", "Cohere") in _facts(nlp_en, "Microsoft has become a key partner for Cohere.", "partnerOf")


def test_make_x_its_provider(nlp_en: Language) -> None:
    # partner_noun(): "Y agreed to make X its preferred provider" (its = the clause's subject, not X)
    text = "Cohere decided to make Google Cloud its preferred compute provider."
    assert ("Cohere", "Google Cloud") in _facts(nlp_en, text, "partnerOf")


def test_partner_verb_with_members_of_a_group(nlp_en: Language) -> None:
    # partner_verb() + org_list(): "partnered with fleets from A"
    text = "Cohere has partnered with delivery fleets from Renault."
    assert ("Cohere", "Renault") in _facts(nlp_en, text, "partnerOf")


def test_partner_verb_takes_the_clause_subject(nlp_fr: Language) -> None:
    # partner_verb(): "X est fier de s'associer à Y" (the infinitive has no subject of its own)
    text = "Capgemini est fier de s'associer à Mistral AI pour ses clients."
    assert ("Capgemini", "Mistral AI") in _facts(nlp_fr, text, "partnerOf")


# -- acquired ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # possessor(): "X's buy of Y"
        ("Salesforce's $2 billion buy of Cohere closed in May.", ("Salesforce", "Cohere")),
        # after(_BY): "the takeover of Y by X"
        ("The takeover of Cohere by Salesforce was approved on Friday.", ("Salesforce", "Cohere")),
        # appos: "X's latest acquisition, Y"
        ("Salesforce's latest acquisition, Cohere, employs 300 people.", ("Salesforce", "Cohere")),
    ],
)
def test_acquisition_nouns_en(nlp_en: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in _facts(nlp_en, text, "acquired")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after(_BY): "le rachat de Y par X"
        ("Le rachat de Kyutai par Iliad a été annoncé lundi.", ("Iliad", "Kyutai")),
        # clause_subject() under an owner verb: "X ... en annonçant le rachat de Y"
        ("Capgemini poursuit sa stratégie en annonçant le rachat de Mistral AI.", ("Capgemini", "Mistral AI")),
    ],
)
def test_acquisition_nouns_fr(nlp_fr: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in _facts(nlp_fr, text, "acquired")


def test_approver_is_not_the_buyer(nlp_en: Language) -> None:
    # clause_subject(verbs=deal_owner_verbs): a regulator that approved a purchase bought nothing
    text = "Salesforce approved the acquisition of Cohere on Friday."
    assert _facts(nlp_en, text, "acquired") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Salesforce almost bought Cohere in 2019.",
        "Salesforce walked away from its planned takeover of Cohere.",
    ],
)
def test_deal_that_did_not_happen(nlp_en: Language, extractor: Extractor, text: str) -> None:
    # cancelled(): deal_cancel_words above the deal or modifying it remove the deal readers' facts;
    # status.Markers.cancel hedges whatever else found it (the classifier): nothing is asserted
    deal_facts = {c for c in relation_candidates(nlp_en(text))
                  if c.predicate == "acquired" and c.extractor.startswith(("deal:", "dep:", "pattern:"))}
    assert not deal_facts
    out = extractor.extract(Document("t", text, source="test", language="en"))
    assert all(r.hedged for r in out.relations if r.predicate == "acquired")


# -- investment nouns: the recipient raised, the owner invests ------------------------------------


@pytest.mark.parametrize(
    ("nlp_name", "text", "investor", "recipient", "amounts"),
    [
        ("nlp_en", "Salesforce announced an investment of $300 million in Cohere on Monday.",
         "Salesforce", "Cohere", {"$300 million"}),
        ("nlp_en", "Oracle's $2 billion stake in Cohere was disclosed on Friday.", "Oracle", "Cohere", {"$2 billion"}),
        ("nlp_fr", "Capgemini annonce un investissement de 60 millions de dollars (environ 55 millions d'euros) "
         "dans la start-up Dataiku.", "Capgemini", "Dataiku", {"60 millions de dollars", "55 millions d'euros"}),
    ],
)
def test_investment_noun_recipient_raised(
    request: pytest.FixtureRequest, nlp_name: str, text: str, investor: str, recipient: str, amounts: set[str]
) -> None:
    # investment(): the amount goes to the company after "in" / "dans", never to the investor
    nlp = request.getfixturevalue(nlp_name)
    raised = _facts(nlp, text, "raised")
    assert {(recipient, amount) for amount in amounts} <= raised
    assert not {pair for pair in raised if pair[0] == investor}
    assert (investor, recipient) in _facts(nlp, text, "investsIn")


def test_the_name_before_a_description_subject_invests(nlp_fr: Language) -> None:
    # "X, la société mère de Y et Z, a annoncé un investissement": X invests, not a name inside the description
    text = ("Alibaba, la société mère de Taobao et Tmall, a annoncé un investissement de 14 milliards de dollars "
            "dans l'entreprise d'intelligence artificielle Anthropic.")
    assert _facts(nlp_fr, text, "investsIn") == {("Alibaba", "Anthropic")}



def test_a_name_inside_the_investor_s_description_raised_nothing(nlp_fr: Language) -> None:
    text = ("Airbus, la maison mère de Renault, a annoncé un investissement de 9,6 milliards de dollars dans "
            "la société d'intelligence artificielle Anthropic, tout en recrutant son PDG Jane Mayer.")
    assert {s for s, _ in _facts(nlp_fr, text, "raised")} == {"Anthropic"}


def test_an_investment_in_a_companys_round_goes_to_the_company(nlp_en: Language) -> None:
    # round_owner(): "in Y's Series A" names the round; Y, its possessor, is the recipient
    text = "Salesforce Ventures confirmed its investment in Cohere's Series B on Monday."
    assert _facts(nlp_en, text, "investsIn", "deal:") == {("Salesforce Ventures", "Cohere")}
