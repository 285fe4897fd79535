"""``aikg_line_breaks``: a line break that ends a heading or a paragraph ends its sentence.

Articles come as lines: a headline, a byline, section headings, paragraphs. Headings have no
final stop, so the statistical parser reads a heading and the sentence after it as one
sentence ("Acme Names Jane Roe as CEO Acme late Wednesday named Jane Roe as its new chief"),
and every reader that walks a sentence's tree walks a tree that joins the two: one sentence in
eight of the development articles ran across a line break. This component runs before the
parser and marks the first word of a line as a sentence start, which the parser keeps.

Given some starts, the statistical parser breaks the other sentences of a line in odd places (at a
name, "Charles | Kantor et Laurent Sifre"; before a comma): so within a line, a word that follows
another word or a comma is marked as no start, and the parser decides only after an end mark
(".", "?", a closing quote, a colon...). On the development texts this left 76 one- or two-word
or comma-led fragments in 1,862 sentences, against 93 in 1,723 with the parser alone (and 222
with line starts alone).

A line break that looks like a wrapped line inside a sentence is no start: the line before ends
with a word or a comma and the next line starts in lower case ("... raised a\\nround led by"), so
that plain text wrapped at a fixed width keeps its sentences.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.tokens import Doc

from ..doc_words import doc_text

__all__ = ["LineBreaks"]

#: Characters that end a line in the middle of a sentence when the next line starts in lower case.
_CONTINUING = frozenset(",;-–—(")
#: Characters after which a sentence may start within a line (the parser decides there).
_ENDING = frozenset(".!?…:;\"'”’»)]•·–—-")


class LineBreaks:
    """Mark the first word after a line break as a sentence start (before the parser)."""

    def __init__(self, *, name: str = "aikg_line_breaks") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # read as characters of the text at each token's offset, and written back as one column
        # (``Doc.from_array``): a ``Token`` object per token cost as much as the rest of the step
        if len(doc) < 2:
            return doc
        text = doc_text(doc)
        offsets, spaces = doc.to_array([IDX, IS_SPACE]).T.tolist()
        ends = [*offsets[1:], len(text)]
        starts = [0] * len(offsets)  # SENT_START: 1 a start, -1 no start, 0 the parser decides
        after_break = False
        last = ""  # the last word before the break
        for i, (start, end, space) in enumerate(zip(offsets, ends, spaces, strict=True)):
            written = text[start:end]
            if space:
                after_break = after_break or "\n" in written
                continue
            word = written.rstrip()
            if after_break and last and not _wrapped(last, word):
                starts[i] = 1
            elif last and last[-1:] not in _ENDING:
                # no sentence starts after a word or a comma: the parser, given the line's start,
                # otherwise breaks the line's first sentence at a name or a comma
                starts[i] = -1
            after_break = "\n" in written[len(word):]
            last = word
        starts[0] = 1
        column: Any = numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1)  # spaCy's Ints2d
        doc.from_array([SENT_START], column)
        return doc


def _wrapped(before: str, after: str) -> bool:
    """Whether a line that ends with ``before`` goes on with ``after`` (a wrapped sentence).

    >>> _wrapped("a", "round"), _wrapped("CEO", "Acme"), _wrapped("said.", "the"), _wrapped(",", "and")
    (True, False, False, True)
    """
    starts_lower = after[:1].islower()
    ends_open = before[-1:].isalnum() or before[-1:] in _CONTINUING
    return starts_lower and ends_open
