"""Find and parse monetary amounts in English and French text (pure functions).

>>> parse_money("€500 million")
(Decimal('500000000'), 'EUR')
>>> parse_money("1,5 milliard d'euros")
(Decimal('1500000000'), 'EUR')
>>> parse_money("2,026 milliards d'euros"), parse_money("Rs 1,250 crore"), parse_money("S$40 million")
((Decimal('2026000000'), 'EUR'), (Decimal('12500000000'), 'INR'), (Decimal('40000000'), 'SGD'))
>>> parse_money("$4 billion"), parse_money("$20 million CAD")
((Decimal('4000000000'), 'USD'), (Decimal('20000000'), 'CAD'))
>>> parse_money("2 millions de dirhams"), parse_money("KSh 200 million"), parse_money("10 milliards de FCFA")
((Decimal('2000000'), 'MAD'), (Decimal('200000000'), 'KES'), (Decimal('10000000000'), 'XOF'))
>>> parse_money("40 millions de dollars canadiens"), parse_money("in 2023 won the prize")
((Decimal('40000000'), 'CAD'), None)
>>> [m.text for m in find_money("It raised €105 million, then 40 M€ and 2 milliards de dollars.")]
['€105 million', '40 M€', '2 milliards de dollars']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["MoneyMatch", "find_money", "parse_amount", "parse_money"]

_SYMBOLS = {
    "€": "EUR",
    "eur": "EUR",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "chf": "CHF",
    "cny": "CNY",
    "rmb": "CNY",
    "c$": "CAD",
    "s$": "SGD",
    "hk$": "HKD",
    "a$": "AUD",
    "₹": "INR",
    "inr": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₩": "KRW",
    "krw": "KRW",
    "cad": "CAD",
    "aud": "AUD",
    "sgd": "SGD",
    "hkd": "HKD",
    "nzd": "NZD",
    # the currencies of African, Gulf, Asian and Latin American news, by their symbol or ISO code
    "nz$": "NZD",
    "nt$": "TWD",
    "twd": "TWD",
    "r$": "BRL",
    "brl": "BRL",
    "ksh": "KES",
    "kes": "KES",
    "₦": "NGN",
    "ngn": "NGN",
    "zar": "ZAR",
    "egp": "EGP",
    "mad": "MAD",
    "aed": "AED",
    "dh": "AED",
    "dhs": "AED",
    "sar": "SAR",
    "qar": "QAR",
    "tnd": "TND",
    "xof": "XOF",
    "₪": "ILS",
    "ils": "ILS",
    "₺": "TRY",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "pln": "PLN",
    "mxn": "MXN",
}
_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "livres sterling": "GBP",
    "livre sterling": "GBP",
    "yuan": "CNY",
    "yuans": "CNY",
    "yen": "JPY",
    "yens": "JPY",
    "francs suisses": "CHF",
    "franc suisse": "CHF",
    "us dollars": "USD",
    "dollars américains": "USD",
    "dollars americains": "USD",
    "canadian dollars": "CAD",
    "dollars canadiens": "CAD",
    "australian dollars": "AUD",
    "dollars australiens": "AUD",
    "singapore dollars": "SGD",
    "hong kong dollars": "HKD",
    "egyptian pounds": "EGP",
    "livres égyptiennes": "EGP",
    "kenyan shillings": "KES",
    "shillings kényans": "KES",
    "naira": "NGN",
    "nairas": "NGN",
    "rand": "ZAR",
    "dirham": "AED",
    "dirhams": "AED",
    "riyal": "SAR",
    "riyals": "SAR",
    "saudi riyals": "SAR",
    "qatari riyals": "QAR",
    "riyals qatariens": "QAR",
    "rupee": "INR",
    "rupees": "INR",
    "roupies": "INR",
    "won": "KRW",
    "wons": "KRW",
    "fcfa": "XOF",
    "f cfa": "XOF",
    "francs cfa": "XOF",
    "cfa francs": "XOF",
    "reais": "BRL",
    "shekels": "ILS",
}
#: Currency words that are common English words too ("in 2023 *won* the prize"): money only with a
#: scale word ("10 billion won", "R50 million" is written with the symbol).
_WORDS_NEEDING_SCALE = frozenset({"won", "rand"})
#: "2 millions *de* dirhams": in French news the dirham is Morocco's; in English, the UAE's ("AED").
_FRENCH_WORDS = {"dirham": "MAD", "dirhams": "MAD"}
_SCALES = {
    "thousand": 3,
    "k": 3,
    "mille": 3,
    "million": 6,
    "millions": 6,
    "m": 6,
    "mn": 6,
    "mio": 6,
    "billion": 9,
    "billions": 9,
    "bn": 9,
    "b": 9,
    "milliard": 9,
    "milliards": 9,
    "md": 9,
    "mds": 9,
    "mrd": 9,
    "crore": 7,
    "crores": 7,
    "lakh": 5,
    "lakhs": 5,
    "trillion": 12,
    "trillions": 12,
    "tn": 12,
    "billion_fr": 12,
}

_SYM = (r"(?:US\$|C\$|S\$|HK\$|A\$|NZ\$|NT\$|R\$|Rs\.?|KSh|Dhs?|[€$£¥₹₩₦₪₺]|USD|EUR|GBP|CHF|CNY|RMB|JPY|CAD|INR|KRW"
        r"|TWD|BRL|KES|NGN|ZAR|EGP|MAD|AED|SAR|QAR|TND|XOF|ILS|SEK|NOK|DKK|PLN|MXN)")
_NUM = r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"thousand|trillions?|billions?|millions?|milliards?|crores?|lakhs?|mille|mds|mrd|mio|bn|mn|tn|md|[kmb]"
_WORD = (
    r"(?:d['’]\s?|de\s)?(?:euros?|dollars?(?:\s+(?:am[ée]ricains|canadiens|australiens))?|pounds?"
    r"|livres?\s+(?:sterling|[ée]gyptiennes)|yuans?|yens?|francs?\s+suisses?|francs\s+cfa|f\s?cfa"
    r"|shillings\s+k[ée]nyans|nairas?|dirhams?|riyals?(?:\s+qatariens)?|roupies|wons)"
    r"|US\s+dollars|(?:Canadian|Australian|Singapore|Hong\s+Kong)\s+dollars|Egyptian\s+pounds|Kenyan\s+shillings"
    r"|(?:Saudi\s+|Qatari\s+)?riyals?|naira|rand|rupees?|won|CFA\s+francs|reais|shekels"
)
#: The codes that say which dollar a "$" amount is, written after it ("$20 million CAD").
_DOLLAR_CODES = r"CAD|AUD|SGD|HKD|NZD|USD"
#: "€500 million", "$4bn", "US$ 2 billion", "$20 million CAD"
_PREFIXED = re.compile(rf"(?<![\w$€£¥])(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE})\b)?"
                       rf"(?:\s(?P<code>{_DOLLAR_CODES})\b)?", re.IGNORECASE)
#: "1,5 milliard d'euros", "40 M€", "1.5 billion euros", "500 millions $"
_SUFFIXED = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?\s?(?:\b(?P<word>{_WORD})\b|(?P<sym>€|\$|£|¥|(?:USD|EUR|GBP|CHF)\b))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MoneyMatch:
    """A monetary amount found in text, with character offsets."""

    start: int
    end: int
    text: str
    amount: Decimal
    currency: str


def parse_amount(number: str) -> Decimal | None:
    """Parse ``"1,5"``, ``"1.5"``, ``"500,000"`` or ``"1 000,50"`` into a :class:`Decimal`.

    >>> parse_amount("1,5"), parse_amount("500,000"), parse_amount("1 000,50")
    (Decimal('1.5'), Decimal('500000'), Decimal('1000.50'))
    """
    number = re.sub(r"[\u202f\u00a0 ]", "", number.strip())
    seps = re.findall(r"[.,]", number)
    groups = re.split(r"[.,]", number)
    if not seps:
        text = number
    elif len(set(seps)) == 1 and all(len(g) == 3 for g in groups[1:]) and groups[0] != "0":
        text = "".join(groups)  # 500,000 and 1.000.000 group thousands
    else:
        head, _, tail = number.rpartition(seps[-1])
        text = re.sub(r"[.,]", "", head) + "." + tail
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _scale_exponent(scale: str | None) -> int:
    if not scale:
        return 0
    return _SCALES.get(scale.lower(), 0)


def _currency(sym: str | None, word: str | None) -> str | None:
    if sym:
        return _SYMBOLS.get(sym.lower())
    if word:
        lowered = word.lower().strip()
        cleaned = re.sub(r"^(?:d['’]\s?|de\s)", "", lowered)
        cleaned = re.sub(r"\s+", " ", cleaned)
        if cleaned != lowered and cleaned in _FRENCH_WORDS:
            return _FRENCH_WORDS[cleaned]
        return _WORDS.get(cleaned)
    return None


#: Scale words only French writes: before them a comma is a decimal mark ("2,026 milliards" is 2.026
#: billion), never a thousands separator as in English "$1,500 million".
_FRENCH_SCALES = frozenset({"milliard", "milliards", "millions", "md", "mds", "mrd"})


def _to_decimal(num: str, scale: str | None) -> Decimal | None:
    french_decimal = scale is not None and scale.lower() in _FRENCH_SCALES and re.fullmatch(r"\d+,\d+", num.strip())
    value = Decimal(num.strip().replace(",", ".")) if french_decimal else parse_amount(num)
    if value is None:
        return None
    value = value.scaleb(_scale_exponent(scale))
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def find_money(text: str) -> list[MoneyMatch]:
    """All monetary amounts in ``text`` (a currency is required; bare numbers are not money)."""
    found: list[MoneyMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_PREFIXED, _SUFFIXED):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            code = groups.get("code")
            dollar_code = bool(code) and groups.get("sym") == "$"  # "$20 million CAD": which dollar
            start, end = match.start(), match.end() if dollar_code or not code else match.start("code")
            while end > start and text[end - 1] in " \u00a0":
                end -= 1
            if any(start < e and s < end for s, e in taken):
                continue
            currency = code.upper() if code and dollar_code else _currency(groups.get("sym"), groups.get("word"))
            amount = _to_decimal(groups["num"], groups.get("scale"))
            if amount is None or currency is None:
                continue
            if not groups.get("scale") and (groups.get("word") or "").lower() in _WORDS_NEEDING_SCALE:
                continue
            taken.append((start, end))
            found.append(MoneyMatch(start, end, text[start:end], amount, currency))
    return sorted(found, key=lambda m: m.start)


def parse_money(text: str) -> tuple[Decimal, str] | None:
    """Amount and ISO currency of a money expression such as ``"€500 million"``, if any."""
    matches = find_money(text.strip())
    if not matches:
        return None
    best = max(matches, key=lambda m: m.end - m.start)
    return best.amount, best.currency
