"""The outlets a sentence cites are no parties to what it reports
(``extract/components/sources.py``; sentences written for the tests)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from aikg.extract.components.extensions import RelationCandidate
from aikg.extract.components.sources import cited_names, unsourced
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def _cited(doc: Doc) -> set[str]:
    return {doc[start:end].text for start, end in cited_names(doc)}


@pytest.mark.parametrize(
    ("lang", "text", "cited"),
    [
        # a list of outlets after a citing word, through common words, "dont" and "et"
        ("fr", "Selon plusieurs médias, dont Bloomberg et le Financial Times, Kairo AI a levé 40 millions "
               "d'euros auprès de Partech.", {"Bloomberg", "Financial Times"}),
        # a reporting verb's subject
        ("en", "But Orbit News reported that venture firm Kestrel Capital led the round.", {"Orbit News"}),
        # the comma after the outlet closes the citation: the main clause's subject is no source
        ("en", "According to Reuters, Mistral AI raised $600 million from Partech.", {"Reuters"}),
        # a person quoted is no outlet, and what follows is not cited
        ("en", "According to Jane Roe, Mistral AI and Partech signed a deal.", set()),
        # the outlet a speaker talks to (_addressees)
        ("en", "Zorbi Labs grew fast, Lena Morrow told Reuters.", {"Reuters"}),
        ("fr", "« Nous grandissons vite », a souligné, auprès de l'AFP, Léa Morin.", {"AFP"}),
    ],
)
def test_cited_names(nlp_en: Language, nlp_fr: Language, lang: str, text: str, cited: set[str]) -> None:
    assert _cited((nlp_en if lang == "en" else nlp_fr)(text)) == cited


def test_a_deal_with_a_cited_outlet_is_dropped_whatever_found_it(nlp_en: Language) -> None:
    doc = nlp_en("But Orbit News reported that venture firm Kestrel Capital led the round.")
    outlet = next(e for e in doc.ents if e.text == "Orbit News")
    firm = next(e for e in doc.ents if e.text == "Kestrel Capital")
    sent = firm.sent

    def fact(predicate: str, extractor: str) -> RelationCandidate:
        return RelationCandidate(firm.start, firm.end, predicate, outlet.start, outlet.end, sent.start, sent.end,
                                 extractor, 0.85, "", "")

    kept = fact("worksFor", "clf:worksFor")
    assert unsourced([fact("investsIn", "clf:investsIn"), fact("partnerOf", "dep:svo"), kept],
                     cited_names(doc)) == [kept]


def test_an_outlet_named_only_as_a_source_owns_no_round(extractor: Extractor) -> None:
    # the raise is hedged, so the round falls back on the first organisation named: not the outlet
    text = ("Selon plusieurs sources, dont Reuters et Bloomberg, Kairo AI serait sur le point de lever "
            "40 millions d'euros. Le tour serait mené par Partech.")
    out = extractor.extract(Document("t", text, source="test", language="fr"))
    assert not {"reuters", "bloomberg"} & {r.company for r in out.rounds}
    assert not any("reuters" in (r.subject, r.object) for r in out.relations if r.predicate == "investsIn")
