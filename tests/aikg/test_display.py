"""Tables for readers (issue 19): money as "€2.8 bn", dates as dates, no NaN or None on show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from aikg.display import money, tidy


@pytest.mark.parametrize(("value", "currency", "expected"), [
    (2.805e9, "EUR", "€2.8 bn"),
    (Decimal("235000000"), "USD", "$235 m"),
    ("4000000000", "USD", "$4 bn"),
    (1.09e11, "EUR", "€109 bn"),
    (1_500_000, "GBP", "£1.5 m"),
    (12_000, "CHF", "12 k CHF"),
    (950, None, "950"),
    (float("nan"), "EUR", ""),
    (None, "EUR", ""),
    (pd.NA, "EUR", ""),
    ("€40 million", "EUR", ""),
])
def test_display_money(value: object, currency: str | None, expected: str) -> None:
    assert money(value, currency) == expected


def test_display_tidy_formats_a_copy_and_hides_missing_values() -> None:
    frame = pd.DataFrame({
        "company": ["Mistral AI", "Anthropic", None],
        "amount": ["€600 million", "4 milliards de dollars", None],  # as written: left alone
        "value": [6e8, 4e9, float("nan")],
        "currency": ["EUR", "USD", None],
        "date": ["2024-06-11", None, pd.Timestamp("2025-02-10")],
        "documents": [3, 1, 2],
    })
    shown = tidy(frame)
    assert list(shown.columns) == ["company", "amount", "value", "date", "documents"]
    assert list(shown["value"]) == ["€600 m", "$4 bn", ""]
    assert list(shown["amount"]) == ["€600 million", "4 milliards de dollars", ""]
    assert list(shown["date"]) == [dt.date(2024, 6, 11), "", dt.date(2025, 2, 10)]
    html = shown.to_html()
    assert "NaN" not in html and "None" not in html and "NaT" not in html and "e+0" not in html
    assert frame["value"].iloc[0] == 6e8 and "currency" in frame.columns  # the input is untouched
