"""Tables for people to read: money as "€2.8 bn", dates as dates, nothing where a value is missing.

The frames of :mod:`aikg.api` keep raw values (a float amount beside its ISO currency, ISO date
strings, ``NaN`` and ``None`` where the graph says nothing) because code computes with them. A
notebook shows them to a reader, who should not have to parse ``2.805000e+09`` or skip ``NaN``:
:func:`tidy` returns a copy made for display, the input is left as it is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import pandas as pd

__all__ = ["DATE_COLUMNS", "MONEY_COLUMNS", "money", "tidy"]

#: Columns that hold an amount in the row's ``currency``.
MONEY_COLUMNS: tuple[str, ...] = ("amount", "value", "total", "largest", "announced", "rounds_total")
#: Columns that hold a date (ISO strings, dates or timestamps).
DATE_COLUMNS: tuple[str, ...] = ("date", "since", "end", "published", "start")

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "INR": "₹", "KRW": "₩"}
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


def _number(value: object) -> float | None:
    """``value`` as a float, or None when it is missing or not a number (text such as "€40 million")."""
    if value is None or value is pd.NA or isinstance(value, bool):
        return None
    try:
        number = float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None
    return None if math.isnan(number) else number


def money(value: object, currency: object = None) -> str:
    """A short, readable amount: the currency's symbol (or its code after the number) and a scale.

    >>> money(2.805e9, "EUR"), money("235000000", "USD"), money(40_000_000, "EUR")
    ('€2.8 bn', '$235 m', '€40 m')
    >>> money(1_500, "CHF"), money(950, None), money(float("nan"), "EUR"), money(None)
    ('1.5 k CHF', '950', '', '')
    """
    number = _number(value)
    if number is None:
        return ""
    text = f"{number:,.0f}" if abs(number) < 1e3 else ""
    for scale, name in _SCALES:
        if abs(number) >= scale:
            scaled = number / scale
            figure = f"{scaled:.1f}".removesuffix(".0") if abs(scaled) < 10 else f"{scaled:,.0f}"
            text = f"{figure} {name}"
            break
    code = currency if isinstance(currency, str) and currency else None
    if code is None:
        return text
    symbol = _SYMBOLS.get(code.upper())
    return f"{symbol}{text}" if symbol else f"{text} {code}"


def _date(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return value  # "2024-06" or free text: shown as it is


def tidy(frame: pd.DataFrame, *, money_columns: Iterable[str] = MONEY_COLUMNS,
         date_columns: Iterable[str] = DATE_COLUMNS, currency: str = "currency") -> pd.DataFrame:
    """A copy of ``frame`` to show: amounts formatted with the row's currency (the currency column
    is then dropped, its code being in every amount), dates as :class:`datetime.date`, and empty
    cells where a value is missing (``NaN``, ``None``, ``NaT``).

    Only numeric money columns are formatted; an amount as the article wrote it ("€40 million")
    stays as it is.

    >>> frame = pd.DataFrame({"company": ["Mistral AI", "Anthropic"], "total": [2.805e9, None],
    ...                       "currency": ["EUR", "USD"], "date": ["2024-06-11", None]})
    >>> shown = tidy(frame)
    >>> list(shown.columns), list(shown["total"]), list(shown["date"])
    (['company', 'total', 'date'], ['€2.8 bn', ''], [datetime.date(2024, 6, 11), ''])
    """
    out = frame.copy()
    formatted = False
    codes = out[currency] if currency in out.columns else pd.Series([None] * len(out), index=out.index)
    for column in money_columns:
        if column not in out.columns:
            continue
        values = out[column]
        numeric = [v for v in values if _number(v) is not None]
        written = [v for v in values if isinstance(v, str) and v and _number(v) is None]
        if numeric and not written:
            out[column] = [money(v, c) for v, c in zip(values, codes, strict=True)]
            formatted = True
    if formatted and currency in out.columns:
        out = out.drop(columns=[currency])
    for column in date_columns:
        if column in out.columns:
            out[column] = pd.Series([_date(v) for v in out[column]], index=out.index, dtype=object)
    out = out.astype(object)
    return out.where(out.notna(), "")
