"""``aikg_money``: monetary amounts as entities, the same way in every language.

The French model has no MONEY label and the English one misses many amounts written as in
the news ("€385m", "1,3 milliard d'euros"): :func:`aikg.extract.money.find_money` finds them
with pure rules, and this component turns them into ``MonetaryAmount`` spans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..doc_words import doc_text
from ..money import find_money

__all__ = ["MoneyRecognizer"]


class MoneyRecognizer:
    """Add ``MonetaryAmount`` entities found by :func:`aikg.extract.money.find_money`.

    Works the same in every language (the French model has no MONEY label).
    """

    def __init__(self, *, name: str = "aikg_money", overwrite: bool = True) -> None:
        self.name = name
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for match in find_money(doc_text(doc)):
            span = doc.char_span(match.start, match.end, label="MonetaryAmount", alignment_mode="expand")
            if span is not None:
                found.append(span)
        if not found:
            return doc
        taken = {i for span in found for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        if not self.overwrite:
            busy = {i for e in doc.ents for i in range(e.start, e.end)}
            found = [s for s in found if not any(i in busy for i in range(s.start, s.end))]
            kept = list(doc.ents)
        doc.ents = filter_spans([*kept, *found])
        return doc

    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Nothing to load: amounts are found by pure functions."""

