"""The classifier's ``investsIn`` dropped where the rules know the sentence states no investment
(``extract/components/investment_vetoes.py``); texts written for the tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from aikg.extract.components.extensions import RelationCandidate
from aikg.extract.components.investment_vetoes import unvetoed

pytestmark = pytest.mark.model


def _classifier_fact(doc: Doc, investor: str, company: str, extractor: str = "clf:investsIn") -> RelationCandidate:
    subject = next(e for e in doc.ents if e.text == investor)
    obj = next(e for e in doc.ents if e.text == company)
    sent = subject.sent
    return RelationCandidate(subject.start, subject.end, "investsIn", obj.start, obj.end, sent.start, sent.end,
                             extractor, 0.85, "", "")


@pytest.mark.parametrize(("lang", "text", "investor", "company"), [
    pytest.param("en", "Orbit Systems will invest $2 billion in Zorbi Labs chips.", "Orbit Systems", "Zorbi Labs",
                 id="a-thing-a-name-modifies"),
    pytest.param("en", "Orbit Systems plans to invest in Zorbi Labs.", "Orbit Systems", "Zorbi Labs", id="plan"),
    pytest.param("en", "Orbit Systems is in talks to back Zorbi Labs.", "Orbit Systems", "Zorbi Labs", id="talks"),
    pytest.param("en", "Zorbi Labs received a call from Kestrel Capital.", "Kestrel Capital", "Zorbi Labs",
                 id="a-call-received"),
    pytest.param("fr", "Orbit Systems envisage d'investir dans Zorbi Labs.", "Orbit Systems", "Zorbi Labs",
                 id="envisage"),
    pytest.param("en", "Orbit Systems will invest $2 billion into Ghana's cloud sector in partnership with "
                 "Zorbi Labs, among others.", "Orbit Systems", "Zorbi Labs", id="a-thing-and-a-partner"),
    pytest.param("fr", "Zorbi Labs a reçu la visite de Kestrel Capital.", "Kestrel Capital", "Zorbi Labs",
                 id="a-visit-received"),
])
def test_the_classifier_states_no_investment_the_sentence_denies(
        nlp_en: Language, nlp_fr: Language, lang: str, text: str, investor: str, company: str) -> None:
    doc = (nlp_en if lang == "en" else nlp_fr)(text)
    assert unvetoed(doc, [_classifier_fact(doc, investor, company)]) == []


@pytest.mark.parametrize(("lang", "text", "investor", "company"), [
    pytest.param("en", "Orbit Systems invested $2 billion in Zorbi Labs.", "Orbit Systems", "Zorbi Labs",
                 id="invested"),
    pytest.param("en", "Orbit Systems invested in startups such as Zorbi Labs.", "Orbit Systems", "Zorbi Labs",
                 id="startups-such-as"),
    pytest.param("en", "Zorbi Labs received $40 million from Kestrel Capital.", "Kestrel Capital", "Zorbi Labs",
                 id="a-sum-received"),
    pytest.param("fr", "Orbit Systems a investi dans Zorbi Labs.", "Orbit Systems", "Zorbi Labs", id="a-investi"),
])
def test_stated_investments_are_kept(nlp_en: Language, nlp_fr: Language, lang: str, text: str, investor: str,
                                     company: str) -> None:
    doc = (nlp_en if lang == "en" else nlp_fr)(text)
    fact = _classifier_fact(doc, investor, company)
    assert unvetoed(doc, [fact]) == [fact]


def test_a_rule_s_investment_is_never_dropped(nlp_en: Language) -> None:
    doc = nlp_en("Orbit Systems plans to invest in Zorbi Labs.")
    fact = _classifier_fact(doc, "Orbit Systems", "Zorbi Labs", extractor="dep:svo-prep")
    assert unvetoed(doc, [fact]) == [fact]


def test_a_pair_the_rules_read_as_an_acquisition_is_no_investment(nlp_en: Language) -> None:
    doc = nlp_en("Orbit Systems bought Zorbi Labs last year.")
    fact = _classifier_fact(doc, "Orbit Systems", "Zorbi Labs")
    bought = fact._replace(predicate="acquired", extractor="dep:svo")
    assert unvetoed(doc, [bought, fact]) == [bought]
