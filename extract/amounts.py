"""Two constructions of amounts that decide a funding fact: the announced round and the conversion.

* "Wayve has announced a *$1.05bn Series C round*", "Il valide *une levée de 1,7 milliard d'euros*":
  announcing an amount that is a funding round of one's own is raising it, not announcing a
  pledge (as "Macron announced €109 billion" is). :func:`is_round_amount` says whether an amount
  is the size of a round: a round word ("round", "Series", "levée", "tour de table") is its
  head, its head's head, or one of the few words after it. ("investment" is not one: "Amazon
  announced a $4bn investment" is Amazon's money, not a round it raised.)
* "€105 million (*US$113.4 million*)", "$1.05bn (*£837m*)": an amount in brackets right after
  another is the same money in another currency, so it is raised by whoever raised the first
  (:func:`conversions`).

>>> conversions([("a", 7, 19), ("b", 23, 37)], "raised €105 million (US$113.4 million)")
{'a': 'b'}
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from spacy.tokens import Span

__all__ = ["conversions", "is_round_amount"]

_BRACKET = re.compile(r"\s*\(\s*(?:US|USD|EUR|GBP|CA|C)?\s*$")
_AFTER = 4


def is_round_amount(amount: Span, round_words: frozenset[str]) -> bool:
    """Whether ``amount`` is the size of a funding round ("a $40m Series A", "une levée de 10 M€"):
    one of ``round_words`` (lower-case words or lemmas: ``round_amount_words`` in ``lexicon.json``)
    is its head, its head's head or one of the few words after it."""
    doc = amount.doc
    near = [amount.root.head, amount.root.head.head, *doc[amount.end : min(len(doc), amount.end + _AFTER)]]
    return any((t.lemma_ or t.text).lower() in round_words or t.lower_ in round_words for t in near)


def conversions(amounts: Sequence[tuple[str, int, int]], text: str) -> dict[str, str]:
    """Amount key -> the key of the amount in brackets right after it, from ``(key, start, end)``
    character offsets of the amount mentions of ``text``, in any order."""
    ordered = sorted(amounts, key=lambda a: a[1])
    found: dict[str, str] = {}
    for (key, _, end), (other, start, _) in pairwise(ordered):
        if key != other and 0 < start - end <= 8 and _BRACKET.fullmatch(text[end:start]):
            found[key] = other
    return found
