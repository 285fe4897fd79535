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

from bisect import bisect_right
from collections.abc import Iterable
from weakref import WeakKeyDictionary

from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.errors import Errors as SpacyErrors
from spacy.tokens import Doc, Span, Token

__all__ = ["cue_positions", "cue_tokens", "doc_text", "read_sentences", "unread_sentences"]

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


def read_sentences(doc: Doc) -> bool:
    """Answer ``Token.sent`` and ``Span.sent`` of ``doc`` from its sentence starts, read once, until
    :func:`unread_sentences`; whether it did (not where the document has sentence hooks of its own).

    spaCy walks the tokens to the sentence's ends and checks the document's annotation at each
    read (about 3-7 us), and aikg's components ask for a sentence some 150 times per document. The
    sentence is the one spaCy gives, that of the span's first token, one ``Span`` per sentence.
    For the components' own time only: the sentences must not change in between (no component
    changes them after the parser), and the hooks are gone from the documents a pipeline returns.

    >>> import spacy
    >>> doc = spacy.blank("en")("One two. Three four.")
    >>> doc[3].is_sent_start = True
    >>> read_sentences(doc), doc[4].sent.text, doc[1:4].sent.text
    (True, 'Three four.', 'One two.')
    >>> unread_sentences(doc); "sent" in doc.user_token_hooks
    False
    """
    if "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks:
        return False
    doc.user_token_hooks["sent"] = _token_sentence
    doc.user_span_hooks["sent"] = _span_sentence
    return True


def unread_sentences(doc: Doc) -> None:
    """Give ``Token.sent`` and ``Span.sent`` of ``doc`` back to spaCy (see :func:`read_sentences`)."""
    global _last_starts
    if doc.user_token_hooks.get("sent") is _token_sentence:
        del doc.user_token_hooks["sent"]
    if doc.user_span_hooks.get("sent") is _span_sentence:
        del doc.user_span_hooks["sent"]
    if _last_starts is not None and _last_starts[0] is doc:
        _last_starts = None


def _token_sentence(token: Token) -> Span:
    return _sentence(token.doc, token.i)


def _span_sentence(span: Span) -> Span:
    return _sentence(span.doc, span.start)


#: the document whose sentences were read last, its sentence starts and the sentence spans made so
#: far (one document is read at a time: a look-up in ``WeakKeyDictionary`` makes a weak reference
#: at each read)
_last_starts: tuple[Doc, list[int], list[Span | None]] | None = None


def _sentence(doc: Doc, i: int) -> Span:
    """The sentence of token ``i``: from the last sentence start at or before it (else the first
    token) to the next sentence start (else the end), as ``Span.sent``.

    Each sentence's ``Span`` is made once and given to every read: making one reads its first and
    last tokens (``Doc.__getitem__``, about 2 us in all), and the components read a sentence some
    26,000 times per pass of the benchmark corpus. No component sets a span's label or ids, the
    only state a ``Span`` holds of its own, so a shared sentence answers as a fresh one would."""
    global _last_starts
    last = _last_starts
    spans: list[Span | None]
    if last is not None and last[0] is doc:
        starts, spans = last[1], last[2]
    else:
        if not doc.has_annotation("SENT_START"):
            raise ValueError(SpacyErrors.E030)
        flags: list[int] = doc.to_array([SENT_START]).tolist()
        starts = [0, *(k for k in range(1, len(flags)) if flags[k] == 1)]
        spans = [None] * len(starts)
        _last_starts = (doc, starts, spans)
    k = bisect_right(starts, i) - 1
    found = spans[k]
    if found is None:
        found = spans[k] = Span(doc, starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc))
    return found
