from __future__ import annotations

from datetime import date

import pytest

from aikg.extract.dates import find_dates
from aikg.extract.language import choose_pipeline_language, identify_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("announced on March 11, 2024.", [date(2024, 3, 11)]),
        ("le 1er février 2025 à Paris", [date(2025, 2, 1)]),
        ("date 2024-03-11 then 11 March 2024", [date(2024, 3, 11)]),
        ("on January 20 only", []),
        ("February 30, 2024 is not a date", []),
        ("SEPT. 4, 2020 and Décembre 3 2021", [date(2020, 9, 4), date(2021, 12, 3)]),  # any case, accents
        ("le 3 AOÛT 2023, puis Août 5 2023", [date(2023, 8, 3), date(2023, 8, 5)]),
        ("xmarch 11, 2024 is not a word boundary", []),
    ],
)
def test_dates_find(text: str, expected: list[date]) -> None:
    assert find_dates(text) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The startup raised money from investors in California last week.", "en"),
        ("La jeune pousse a levé des fonds auprès d'investisseurs parisiens.", "fr"),
        ("Das Unternehmen hat neue Modelle für künstliche Intelligenz vorgestellt.", "de"),
    ],
)
def test_language_identify(text: str, lang: str) -> None:
    assert identify_language(text) == lang


@pytest.mark.parametrize(("code", "pipeline"), [("en", "en"), ("fr", "fr"), ("es", "fr"), ("de", "en"), ("zh", "en")])
def test_language_closest_pipeline(code: str, pipeline: str) -> None:
    assert choose_pipeline_language(code) == pipeline
