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

from spacy.tokens import Doc

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
        after_break = False
        last = None  # the last word before the break
        for token in doc:
            if token.is_space:
                after_break = after_break or "\n" in token.text
                continue
            if after_break and last is not None and not _wrapped(last.text, token.text):
                token.is_sent_start = True
            elif last is not None and last.text[-1:] not in _ENDING:
                # no sentence starts after a word or a comma: the parser, given the line's start,
                # otherwise breaks the line's first sentence at a name or a comma
                token.is_sent_start = False
            after_break = "\n" in token.whitespace_
            last = token
        return doc


def _wrapped(before: str, after: str) -> bool:
    """Whether a line that ends with ``before`` goes on with ``after`` (a wrapped sentence).

    >>> _wrapped("a", "round"), _wrapped("CEO", "Acme"), _wrapped("said.", "the"), _wrapped(",", "and")
    (True, False, False, True)
    """
    starts_lower = after[:1].islower()
    ends_open = before[-1:].isalnum() or before[-1:] in _CONTINUING
    return starts_lower and ends_open
