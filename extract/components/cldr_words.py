"""Languages and currency codes, which the models type as places and organisations: no entity.

The small models type a language's name as a Place ("a model that speaks *Swahili* and *Hindi*")
and a currency's code as an Organization ("$20 million *CAD*"). Unicode CLDR, shipped with
``babel`` (already the source of the knowledge base's places, :mod:`..cldr_places`), lists every
language's name in English and French and every ISO 4217 code, so the filter is data, not a word
list kept by hand. A name the knowledge base knows stays (an organisation may be called like a
language), and so does a nationality word (``demonyms``: "French" is a language and describes a
company's country).

>>> import spacy
>>> from spacy.tokens import Span
>>> doc = spacy.blank("en")("It speaks Swahili and Hindi, costs 20 million CAD and comes from Kenya.")
>>> ents = [Span(doc, 2, 3, "Place"), Span(doc, 4, 5, "Place"), Span(doc, 9, 10, "Organization"),
...         Span(doc, 13, 14, "Place")]
>>> [e.text for e in without_languages_and_currencies(ents, not_names(), frozenset())]
['Kenya']
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from spacy.tokens import Span

__all__ = ["not_names", "without_languages_and_currencies"]

#: The locales whose language names are read (the languages aikg extracts).
_LOCALES = ("en", "fr")
_TYPES = frozenset({"Place", "Organization"})


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Lower-cased names of the major languages (English and French) and ISO 4217 codes, from CLDR."""
    found: set[str] = set()
    for code in _LOCALES:
        locale = Locale(code)
        # the major languages (a two-letter ISO 639-1 code): the others' names are often places'
        # too ("Delaware", "Mohawk")
        found.update(name.lower() for key, name in locale.languages.items() if len(key) == 2)
        found.update(code.lower() for code in map(str, locale.currencies) if len(code) == 3 and code.isalpha())
    return frozenset(found)



def without_languages_and_currencies(ents: list[Span], names: frozenset[str], demonyms: frozenset[str]) -> list[Span]:
    """``ents`` without the places and organisations unknown to the knowledge base whose whole text
    is a language's name or, written in capitals, a currency's code (``names``), nationality words
    (``demonyms``) excepted."""
    def no_entity(ent: Span) -> bool:
        text = ent.text.lower()
        if ent.label_ not in _TYPES or ent.kb_id_ or text not in names or text in demonyms:
            return False
        return len(ent.text) != 3 or ent.text.isupper()  # a code in capitals; "Tai", a name, is not "TAI"
    return [ent for ent in ents if not no_entity(ent)]
