"""``aikg_co_lemmas``: the lemma of "co-" words that the tokenizer keeps whole.

The words themselves (``co_words``) are data in ``data/lexicon.json``; the pipeline builder
passes them in the factory config.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LOWER
from spacy.tokens import Doc

__all__ = ["CoLemmas"]


class CoLemmas:
    """Set the lemma of words the tokenizer keeps whole (``"co-founded"`` -> ``"co-found"``).

    Placed right after the ``attribute_ruler``, it does what one ``attribute_ruler`` pattern per
    word did (the lemmatizer keeps a lemma that is already set), for less: the ruler's matcher
    tries each of its patterns at every token, this is one look-up of every token's lowercase
    form in a table (``Doc.to_array``, no ``Token`` objects).
    """

    def __init__(self, vocab: Any, lemmas: dict[str, str], *, name: str = "aikg_co_lemmas") -> None:
        self.name = name
        self.lemmas = {int(vocab.strings.add(word.lower())): int(vocab.strings.add(lemma))
                       for word, lemma in lemmas.items()}

    def __call__(self, doc: Doc) -> Doc:
        lowers: list[int] = doc.to_array(LOWER).tolist() if len(doc) else []
        if self.lemmas.keys().isdisjoint(lowers):  # most documents
            return doc
        for i, lower in enumerate(lowers):
            lemma = self.lemmas.get(lower)
            if lemma is not None:
                doc[i].lemma = lemma
        return doc

