"""Pure text-normalisation helpers used for keys and alias matching.

>>> fold("  Élysée   Palace ")
'elysee palace'
>>> compact("Open AI") == compact("OpenAI")
True
>>> slug("Jane  Doe")
'jane-doe'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["compact", "fold", "normalise_quotes", "slug"]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_quotes(text: str) -> str:
    """Replace typographic quotes and apostrophes by their ASCII forms."""
    return text.translate(_QUOTES)


#: Names folded and kept: extraction folds some 10,000 strings per 130 documents, mostly the same
#: names again (entities, their aliases, list words), at a few microseconds each.
_KEPT = 1 << 16


@lru_cache(maxsize=_KEPT)
def fold(text: str) -> str:
    """Casefold, strip accents, normalise quotes and collapse whitespace."""
    text = unicodedata.normalize("NFKD", normalise_quotes(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.casefold()).strip()


@lru_cache(maxsize=_KEPT)
def compact(text: str) -> str:
    """:func:`fold` without any spaces or punctuation (``"Open AI"`` -> ``"openai"``)."""
    return _NON_ALNUM.sub("", fold(text))


def slug(text: str) -> str:
    """A URL-safe slug of :func:`fold` (``"Jane Doe"`` -> ``"jane-doe"``)."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")
