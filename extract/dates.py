"""Find calendar dates (day, month and year) in English and French text (pure functions).

>>> find_dates("Announced on March 11, 2024, then 21 mai 2024 and 2024-03-12.")
[datetime.date(2024, 3, 11), datetime.date(2024, 5, 21), datetime.date(2024, 3, 12)]
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["MONTHS", "find_dates"]

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
#: The first letters of the month names, as a look-ahead: without it the regex engine tries
#: every month name at every word boundary (3x slower on news text); it matches nothing more.
_MONTH_START = "(?=[" + "".join(sorted({name[0] for name in MONTHS})) + "])"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
    re.compile(rf"\b{_MONTH_START}(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b",
               re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<mn>{_MONTH})\.?,?\s+{_YEAR}\b", re.IGNORECASE),
)


def find_dates(text: str) -> list[date]:
    """Distinct full dates in order of first appearance; partial dates are ignored."""
    found: list[tuple[int, date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["m"]) if groups.get("m") else MONTHS[groups["mn"].lower()]
            try:
                value = date(int(groups["y"]), month, int(groups["d"]))
            except ValueError:
                continue
            found.append((match.start(), value))
    seen: set[date] = set()
    result: list[date] = []
    for _, value in sorted(found, key=lambda item: item[0]):
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result
