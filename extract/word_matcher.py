"""A token ``Matcher`` that runs, on each document, only the patterns whose required words it has.

spaCy's ``Matcher`` tries every pattern at every token, so each pattern costs its share on
every document, even where a word it cannot do without ("whose", "among", a founding verb) is
nowhere in the text. Most relation patterns have such a word, and a document has those of
fewer than half of them. :class:`WordSetMatcher` reads the document's words once
(``Doc.to_array``: lowercase forms, texts, lemmas, entity types), keeps the patterns whose every
required node (one that must match at least one token) finds an allowed value there, and runs a
spaCy ``Matcher`` holding only them, one per such set of patterns, made on first use and kept.
A left-out pattern could not have matched, and a ``Matcher`` of fewer patterns, added in the
same order, finds the others' matches in the same order: the results are those of one
``Matcher`` of all the patterns. The patterns' word sets are lexeme flags (:mod:`.matcher_flags`).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> matcher = WordSetMatcher(nlp.vocab)
>>> matcher.add("whose", [{"IS_TITLE": True}, {"LOWER": "whose"}])
>>> matcher.add("of", [{"LOWER": {"IN": ["ceo", "chief"]}}, {"ORTH": "of"}])
>>> [(nlp.vocab.strings[k], s, e) for k, s, e in matcher(nlp("The CEO of Zeta"))]
[('of', 1, 3)]
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import ENT_TYPE, LEMMA, LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .matcher_flags import add_flagged, flag_word_sets

__all__ = ["WordSetMatcher"]

#: Attributes whose values a required node names, and their column in ``Doc.to_array``.
_ATTRS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "LEMMA": LEMMA, "ENT_TYPE": ENT_TYPE}
_COLUMNS = (LOWER, ORTH, LEMMA, ENT_TYPE)
#: Matchers kept, one per set of patterns that documents left in (cleared when full).
_KEPT = 512
#: How many patterns beyond a document's own a kept ``Matcher`` may hold and still be run on it
#: instead of making a new one (see :meth:`WordSetMatcher._kept_superset`).
_SPARE = 3


def _required(node: dict[str, Any]) -> bool:
    """Whether a pattern node must match at least one token (no ``OP``, ``+``, ``{n,m}`` with n >= 1)."""
    op = str(node.get("OP", ""))
    if op in {"", "+"}:
        return True
    if op.startswith("{") and op.endswith("}"):
        low = op[1:-1].split(",", 1)[0].strip()
        return low.isdigit() and int(low) > 0
    return False  # "?", "*", "!" (and anything else: no requirement is the safe reading)


def _needs(pattern: list[dict[str, Any]]) -> list[tuple[int, frozenset[int]]]:
    """(attribute id, allowed value ids) of each value test of the pattern's required nodes."""
    found: list[tuple[int, frozenset[int]]] = []
    for node in pattern:
        if not _required(node):
            continue
        for attr, value in node.items():
            attr_id = _ATTRS.get(attr.upper()) if isinstance(attr, str) else None
            if attr_id is None:
                continue
            if isinstance(value, str):
                values = [value]
            elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
                values = list(value["IN"])
            else:
                continue
            found.append((attr_id, frozenset(get_string_id(v) for v in values)))
    return found


class WordSetMatcher:
    """``Matcher.add`` and ``Matcher.__call__`` over flagged patterns, run per document on the
    patterns it can match (module doc)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[tuple[str, list[dict[str, Any]]]] = []
        self._needs: list[list[tuple[int, frozenset[int]]]] = []
        self._matchers: dict[tuple[int, ...], tuple[frozenset[int], Matcher]] = {}

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one pattern under ``key`` (validated as spaCy's ``Matcher.add`` would)."""
        add_flagged(Matcher(self.vocab), key, pattern)  # validated as written, its flags made
        self._patterns.append((key, flag_word_sets(self.vocab, pattern)))
        self._needs.append(_needs(pattern))
        self._matchers.clear()

    def _matcher(self, doc: Doc) -> Matcher | None:
        columns = doc.to_array(list(_COLUMNS)).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        present = {attr: set(column) for attr, column in zip(_COLUMNS, columns, strict=True)}
        viable = tuple(n for n, needs in enumerate(self._needs)
                       if all(not allowed.isdisjoint(present[attr]) for attr, allowed in needs))
        if not viable:
            return None  # no pattern can match (and spaCy warns of a Matcher without patterns)
        kept = self._matchers.get(viable)
        if kept is not None:
            return kept[1]
        matcher = self._kept_superset(viable)
        if matcher is None:
            if len(self._matchers) >= _KEPT:
                self._matchers.clear()
            matcher = Matcher(self.vocab, validate=False)  # validated in add
            for n in viable:
                key, flagged = self._patterns[n]
                matcher.add(key, [flagged])
            self._matchers[viable] = (frozenset(viable), matcher)
        return matcher

    def _kept_superset(self, viable: tuple[int, ...]) -> Matcher | None:
        """The kept ``Matcher`` with the fewest patterns beyond ``viable`` (at most ``_SPARE``) that
        holds all of them, if any.

        Documents seldom leave in the same patterns (64 distinct sets in 93 English documents of
        the benchmark corpus), and making a ``Matcher`` (about 0.5 ms for 20 patterns, each parsed
        again by spaCy) cost a worker more than running it. A few patterns more cost little to run,
        and change nothing: they cannot match (module doc), and the others' matches come in the
        same order."""
        wanted = frozenset(viable)
        best: tuple[int, Matcher] | None = None
        for patterns, matcher in self._matchers.values():
            spare = len(patterns) - len(wanted)
            if 0 < spare <= _SPARE and (best is None or spare < best[0]) and wanted <= patterns:
                best = (spare, matcher)
        return None if best is None else best[1]

    def __call__(self, doc: Doc, *, with_alignments: bool = False) -> list[Any]:
        """What ``Matcher(doc, with_alignments=...)`` gives with all the patterns."""
        matcher = self._matcher(doc)
        return [] if matcher is None else list(matcher(doc, with_alignments=with_alignments))
