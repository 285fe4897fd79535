"""Founders and team members named apart from their company or with descriptions between them
(``extract/components/founding_teams.py``, the founders list of ``raises_founders.py``; texts
written for the tests)."""

from __future__ import annotations

import pytest
import spacy

from aikg.extract.components.founding_teams import described_people
from aikg.extract.lexicon import load_lexicon
from aikg.extract.pipeline import Extractor
from tests.helpers import predicate_pairs

pytestmark = pytest.mark.model

KELPA = "organization/kelpa-labs"


@pytest.mark.parametrize(
    ("language", "text", "people"),
    [
        # companions of a founding verb, the founder by surname and the company by its acronym
        ("en", "Jane Roe runs Kelpa Labs (KL). Roe, who left Zorbex in 2021, co-founded KL with Tom Hart, a former "
               "banker at Midland Trust, and Lisa Grant, another ex-Zorbex engineer.",
         {"jane-roe", "tom-hart", "lisa-grant"}),
        ("fr", "Jean Moreau dirige Kelpa Labs (KL). Moreau, qui a quitté Zorbex en 2020, a cofondé KL avec Luc "
               "Bernard, un ancien banquier, et Anne Petit.",
         {"luc-bernard", "anne-petit"}),
        # founders of the company in focus
        ("en", "Kelpa Labs cut a third of its staff. Fellow co-founder Tom Hart sued the company last year.",
         {"tom-hart"}),
        ("en", "Kelpa Labs has raised $5 million. The two co-founders, Lisa Grant and Omar Diallo, met at university.",
         {"lisa-grant", "omar-diallo"}),
        ("fr", "Kelpa Labs a levé 5 millions d'euros. Les deux cofondateurs, Luc Bernard et Anne Petit, se sont "
               "rencontrés à Lyon.",
         {"luc-bernard", "anne-petit"}),
        # a list of founders with descriptions, the company after it
        ("fr", "Fondée en 2019 par Claire Martin, chercheuse à l'Inserm, et Louis Garnier, docteur en médecine, la "
               "start-up Kelpa Labs développe des capteurs.",
         {"claire-martin", "louis-garnier"}),
        ("fr", "Basée à Lyon puis à Berlin, la société Kelpa Labs a été cofondée en 2018 par Claire Martin, ancienne "
               "chercheuse en biologie cellulaire, et Louis Garnier, ingénieur en robotique appliquée à la santé.",
         {"claire-martin", "louis-garnier"}),
    ],
)
def test_founders_named_apart(extractor: Extractor, language: str, text: str, people: set[str]) -> None:
    founded = predicate_pairs(extractor, text, "founded", language)
    assert {(f"person/{p}", KELPA) for p in people} <= founded


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Kelpa Labs opened an office in Leeds. The team includes Tom Hart, Lisa Grant and Omar Diallo."),
        ("fr", "Kelpa Labs a présenté son robot. Parmi eux, les cinq ingénieurs qui composaient l'équipe initiale : "
               "Tom Hart, Lisa Grant et Omar Diallo."),
    ],
)
def test_team_members_work_for_the_company(extractor: Extractor, language: str, text: str) -> None:
    works = predicate_pairs(extractor, text, "worksFor", language)
    assert {(f"person/{p}", KELPA) for p in ("tom-hart", "lisa-grant", "omar-diallo")} <= works


def test_a_second_role_is_not_a_founder(extractor: Extractor) -> None:
    """ "co-founder A and chief technology officer B": B's own role is not the founder noun's."""
    text = ("Kelpa Labs has had a hard year. Since then it lost several leaders, including co-founder Tom Hart "
            "and chief technology officer Lisa Grant.")
    founded = predicate_pairs(extractor, text, "founded")
    assert ("person/tom-hart", KELPA) in founded
    assert ("person/lisa-grant", KELPA) not in founded


def test_a_list_that_would_start_after_the_text_lists_nobody() -> None:
    # a role word as the last token ("... the co-founders") used to read past the end of the Doc
    doc = spacy.blank("en")("Who are the co-founders")
    assert described_people(doc, len(doc), {}, load_lexicon()) == ([], len(doc))


def test_short_names_read_only_when_a_reader_needs_them(extractor: Extractor, monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    """The short names are read once per document, and not at all without a founding verb or team noun."""
    from aikg.extract.components import founding_teams

    calls: list[int] = []
    real = founding_teams.short_names

    def counted(*args: object, **kwargs: object) -> dict[str, list[spacy.tokens.Span]]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(founding_teams, "short_names", counted)
    lexicon = load_lexicon()
    nlp = extractor.pipeline("en")
    doc = nlp("Kelpa Labs opened an office in Lyon last spring.")
    assert founding_teams.founding_team_relations(doc, {}, {}, lexicon, "en") == []
    assert calls == []
    doc = nlp("Jane Roe runs Kelpa Labs (KL). Roe co-founded KL with Tom Hart. The team includes: Tom Hart.")
    calls.clear()  # the pipeline's own reading of it
    founding_teams.founding_team_relations(doc, {i: e for e in doc.ents for i in range(e.start, e.end)}, {},
                                           lexicon, "en")
    assert calls == [1]
