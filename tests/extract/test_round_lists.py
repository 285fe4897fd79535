"""Who invests in a round when the sentence only lists them, and whose round a wire's dateline is not."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document
from aikg.extract.rounds import _SPEAKER

pytestmark = pytest.mark.model


def _invests(extractor: Extractor, text: str, lang: str = "en") -> dict[str, str]:
    out = extractor.extract(Document("t", text, source="test", language=lang))
    return {r.subject: r.object for r in out.relations if r.predicate == "investsIn"}


def test_a_participants_list_invests_in_the_round_company(extractor: Extractor) -> None:
    found = _invests(extractor, "Mistral AI raised €600 million. The round was led by General Catalyst, "
                                "with participation from Bpifrance, Nvidia and Samsung.")
    assert {"bpifrance", "nvidia", "samsung"} <= {s for s, o in found.items() if o == "mistral-ai"}


def test_a_name_that_qualifies_a_person_in_the_list_is_not_an_investor(extractor: Extractor) -> None:
    found = _invests(extractor, "Mistral AI raised €600 million. Its investors include Nvidia engineer "
                                "Julie Moreau and the entrepreneur Xavier Niel.")
    assert "nvidia" not in found
    assert found.get("xavier-niel") == "mistral-ai"


def test_a_dateline_in_brackets_is_not_the_subject_of_the_story(extractor: Extractor) -> None:
    out = extractor.extract(Document("t", "LONDON, March 3 (Reuters) -Mistral AI told reporters that it had "
                                          "raised $1 billion.", source="test", language="en"))
    raised = {(r.subject, r.object) for r in out.relations if r.predicate == "raised"}
    assert not any(s == "reuters" or s.endswith("/reuters") for s, _ in raised)
    assert ("mistral-ai", "money/1000000000-usd") in raised


def test_a_description_right_before_a_name_is_that_name(extractor: Extractor) -> None:
    out = extractor.extract(Document("t", "Kyutai a été lancé avec Rodolphe Saadé, patron de l'armateur CMA CGM.",
                                     source="test", language="fr"))
    leads = {(r.subject, r.object) for r in out.relations if r.predicate == "leads"}
    assert ("rodolphe-saade", "cma-cgm") in leads
    assert ("rodolphe-saade", "kyutai") not in leads


def test_a_company_s_venture_arm_is_the_investor_not_the_company(extractor: Extractor) -> None:
    # rounds._ARM: "A's venture capital arm, B" lists B; the list goes on after it
    found = _invests(extractor, "Dataiku has raised $90 million. Backers of the round include Alphabet's "
                                "growth investment arm, CapitalG, together with Accel and Index Ventures.")
    assert {"accel", "index-ventures"} <= {s for s, o in found.items() if o == "dataiku"}
    assert any(s.endswith("capitalg") for s in found)
    assert "google" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Quorra raised $75 million from Sequoia Capital and Accel.",
        "Quorra has raised $75M in Series B funding from Sequoia Capital and Accel.",
    ],
)
def test_the_sources_of_a_raise_invest_in_the_raiser(extractor: Extractor, text: str) -> None:
    found = _invests(extractor, text)
    assert {s for s, o in found.items() if o.endswith("quorra")} >= {"sequoia", "accel"}


def test_a_name_after_an_earlier_figure_is_no_source(extractor: Extractor) -> None:
    found = _invests(extractor, "Quorra raised $75 million, up from $20 million, said Nadia Rahm from Accel.")
    assert "accel" not in found


def test_a_secured_amount_is_raised_in_french(extractor: Extractor) -> None:
    text = "La société Quorra a sécurisé 15 millions d'euros auprès de Kestrel Ventures."
    out = extractor.extract(Document("t", text, source="test", language="fr"))
    assert any(r.predicate == "raised" and r.subject.endswith("quorra") for r in out.relations)


def test_a_list_that_ends_with_ou_encore_keeps_its_last_two_members(extractor: Extractor) -> None:
    # "A ou encore B": "ou" separates members as "et" does; without it the name before it read as a qualifier
    found = _invests(extractor, "Kairo AI a levé 80 millions d'euros. Ce tour réunit plusieurs investisseurs, "
                                "parmi lesquels la banque BNP Paribas, le fabricant de puces Nvidia ou encore IBM.",
                     "fr")
    assert {"bnp-paribas", "nvidia", "ibm"} <= {s for s, o in found.items() if o == "organization/kairo-ai"}



@pytest.mark.parametrize(("tail", "source"), [
    (" previously reported.", True),   # "led by A, Bloomberg previously reported": the outlet is the source
    (" reported on Monday.", True),
    (" a rapporté lundi.", True),
    (", a partner at Accel, told reporters.", True),
    (" and Balderton joined.", False),
])
def test_a_member_that_reports_the_round_is_its_source(tail: str, source: bool) -> None:
    assert bool(_SPEAKER.match("Bloomberg" + tail, len("Bloomberg"))) is source
