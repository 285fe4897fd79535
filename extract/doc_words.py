"""A document's text, and the tokens that carry given cue words, each read once per document.

Most constructions start from a cue word ("respectively", a founder noun, a byline cue) that
most documents do not have. Walking the ``Doc`` to find it makes a ``Token`` object per token,
and some twenty components did so on every document: together that cost more than the
constructions themselves. :func:`cue_tokens` answers from an index of the document's words
instead: each lowercase form and each lowercase lemma with the positions that carry it, read
once per document (``Doc.to_array``) and kept for the document's lifetime. A loop over the
tokens of ``cue_tokens(doc, words)`` visits, in document order, the tokens that a loop over
``doc`` that skips every token whose form and lemma are not in ``words`` would have kept.

The index is made on first use, in the entity and relation stages, once the lemmas are final
(``aikg_co_lemmas`` runs before them); it is not made again for the same document.
``Doc.text`` joins every token's text at each read, and several components read it:
:func:`doc_text` reads it once per document (no component changes a document's tokens).

>>> import spacy
>>> doc = spacy.blank("en")("Raised by Ada, backed by Bo, respectively.")
>>> [t.i for t in cue_tokens(doc, frozenset({"by", "respectively"}))]
[1, 5, 8]
>>> cue_tokens(doc, frozenset({"founder"}))
[]
>>> sorted(cue_positions(doc, frozenset({"by", "respectively"})))
[1, 5, 8]
>>> doc_text(doc) == doc.text
True
"""

from __future__ import annotations

from collections.abc import Iterable
from weakref import WeakKeyDictionary

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

__all__ = ["cue_positions", "cue_tokens", "doc_text"]

#: the index of each live document: lowercase form or lemma -> the positions that carry it
_INDEXES: WeakKeyDictionary[Doc, dict[str, list[int]]] = WeakKeyDictionary()
#: the positions of each live document that carry words of a set asked for, by set
_POSITIONS: WeakKeyDictionary[Doc, dict[frozenset[str], frozenset[int]]] = WeakKeyDictionary()
#: the text of each live document
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def _index(doc: Doc) -> dict[str, list[int]]:
    """Each lowercase form and lowercase lemma of ``doc``, with its token positions in order."""
    index = _INDEXES.get(doc)
    if index is not None:
        return index
    strings = doc.vocab.strings
    lowers, lemmas = doc.to_array([LOWER, LEMMA]).T.tolist() if len(doc) else ([], [])
    by_id: dict[int, list[int]] = {}
    get = by_id.get
    for i, (lower, lemma) in enumerate(zip(lowers, lemmas, strict=True)):
        positions = get(lower)
        if positions is None:
            by_id[lower] = [i]
        else:
            positions.append(i)
        if lemma != lower:
            positions = get(lemma)
            if positions is None:
                by_id[lemma] = [i]
            else:
                positions.append(i)
    # a lemma's lowercase form joins the entry of the same word (a lemma "Paris", a form "paris")
    index = {}
    for key, positions in by_id.items():
        word = strings[key].lower() if key else ""
        kept = index.get(word)
        index[word] = positions if kept is None else sorted({*kept, *positions})
    _INDEXES[doc] = index
    return index


def cue_tokens(doc: Doc, words: frozenset[str]) -> list[Token]:
    """The tokens of ``doc`` whose lowercase form or lowercase lemma is one of ``words``, in order."""
    index = _index(doc)
    common = index.keys() & words  # in C, over the smaller of the two
    if not common:
        return []
    if len(common) == 1:
        found: Iterable[int] = index[next(iter(common))]  # in order, each position once
    else:
        found = sorted({i for word in common for i in index[word]})
    return [doc[i] for i in found]


def cue_positions(doc: Doc, words: frozenset[str]) -> frozenset[int]:
    """The positions of :func:`cue_tokens`, as a set kept for the document's lifetime (per set of
    words): a test made at every token ("may a role start here?") then costs a set look-up, not a
    ``Token``."""
    kept = _POSITIONS.get(doc)
    if kept is None:
        kept = _POSITIONS[doc] = {}
    found = kept.get(words)
    if found is None:
        index = _index(doc)
        found = frozenset(i for word in index.keys() & words for i in index[word])
        kept[words] = found
    return found
