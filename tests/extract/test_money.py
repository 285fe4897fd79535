from __future__ import annotations

from decimal import Decimal

import pytest

from aikg.extract.money import find_money, parse_amount, parse_money


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("€500 million", "500000000", "EUR"),
        ("$4 billion", "4000000000", "USD"),
        ("1,5 milliard d'euros", "1500000000", "EUR"),
        ("1,5 milliard d’euros", "1500000000", "EUR"),
        ("1.5 billion euros", "1500000000", "EUR"),
        ("40 M€", "40000000", "EUR"),
        ("£20m", "20000000", "GBP"),
        ("US$ 2bn", "2000000000", "USD"),
        ("USD 100 million", "100000000", "USD"),
        ("600 millions de dollars", "600000000", "USD"),
        ("2 000 euros", "2000", "EUR"),
        ("¥7 trillion", "7000000000000", "JPY"),
        # a code after a "$" amount says which dollar
        ("$20 million CAD", "20000000", "CAD"),
        ("$3.5m AUD", "3500000", "AUD"),
        # the currencies of African, Gulf, Asian and Latin American news
        ("KSh 350 million", "350000000", "KES"),
        ("₦12 billion", "12000000000", "NGN"),
        ("EGP 75 million", "75000000", "EGP"),
        ("AED 40 million", "40000000", "AED"),
        ("Dh25 million", "25000000", "AED"),
        ("SAR 3 billion", "3000000000", "SAR"),
        ("NT$8 billion", "8000000000", "TWD"),
        ("R$90 million", "90000000", "BRL"),
        ("45 million Egyptian pounds", "45000000", "EGP"),
        ("700 million rupees", "700000000", "INR"),
        ("12 billion won", "12000000000", "KRW"),
        ("250 million rand", "250000000", "ZAR"),
        ("3 milliards de francs CFA", "3000000000", "XOF"),
        ("800 millions de FCFA", "800000000", "XOF"),
        ("25 millions de dollars canadiens", "25000000", "CAD"),
        # French news means Morocco's dirham, English news the UAE's
        ("6 millions de dirhams", "6000000", "MAD"),
        ("90 million dirhams", "90000000", "AED"),
    ],
)
def test_money_parse(text: str, amount: str, currency: str) -> None:
    assert parse_money(text) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    "text", ["500,000 open-source models", "150 millions d'utilisateurs", "in 2024", "1 milliard d'utilisateurs",
             "the team that in 2021 won the cup", "page 12 rand"]
)
def test_money_ignores_bare_numbers(text: str) -> None:
    assert find_money(text) == []


def test_money_offsets() -> None:
    text = "It raised €105 million, then 2 milliards de dollars."
    found = find_money(text)
    assert [text[m.start : m.end] for m in found] == ["€105 million", "2 milliards de dollars"]


@pytest.mark.parametrize(("number", "value"), [("1,5", "1.5"), ("500,000", "500000"), ("1.000.000", "1000000")])
def test_money_parse_amount(number: str, value: str) -> None:
    assert parse_amount(number) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("2,026 milliards d'euros", "2026000000", "EUR"),  # before a French scale, a comma is a decimal mark
        ("3,4 millions de dollars", "3400000", "USD"),
        ("$1,500 million", "1500000000", "USD"),  # before an English one, it groups thousands
        ("S$12.5 million", "12500000", "SGD"),
        ("Rs 2,400 crore", "24000000000", "INR"),
    ],
)
def test_scales_and_currencies_of_news_in_both_languages(text: str, amount: str, currency: str) -> None:
    assert parse_money(text) == (Decimal(amount), currency)


def test_a_code_after_another_currency_is_not_part_of_the_amount() -> None:
    [match] = find_money("It raised €5 million USD-equivalent.")
    assert (match.text, match.currency) == ("€5 million", "EUR")
