"""Word-set tests of token patterns as lexeme flags, which spaCy's ``Matcher`` checks in C.

A ``{"LOWER": {"IN": [...]}}`` node is a Python predicate in spaCy's ``Matcher``: it is called
for every token where a pattern could start or go on, and it was most of the matcher's time on
the relation patterns (a dozen calls a token). Whether a word's lowercase is in a set depends on
the word alone, so it can be a flag of the word's lexeme, set once per word of the vocabulary
(``Vocab.add_flag``) and tested in C like ``IS_PUNCT``. :func:`flag_word_sets` rewrites a
pattern's ``LOWER``/``ORTH`` ``IN``/``NOT_IN`` tests as such flags: the same matches, in the same
order. spaCy has 45 free flags (``FLAG19``-``FLAG63``) per vocabulary; sets beyond them stay
predicates. :func:`add_flagged` adds a pattern so to a ``Matcher``, checked first against
spaCy's pattern schema (which does not know the flags) as ``Matcher.add`` would.

>>> import spacy
>>> from spacy.matcher import Matcher
>>> nlp = spacy.blank("en")
>>> matcher = Matcher(nlp.vocab)
>>> add_flagged(matcher, "ceo", [{"LOWER": {"IN": ["ceo", "chief"]}}, {"ORTH": "of"}])
>>> [(s, e) for _, s, e in matcher(nlp("The CEO of Zeta"))]
[(1, 3)]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import IDS, LOWER
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher
from spacy.schemas import validate_token_pattern
from spacy.vocab import Vocab

__all__ = ["add_flagged", "flag_word_sets"]

_FREE_FLAGS = tuple(IDS[f"FLAG{n}"] for n in range(19, 64))
_CONVERTED = {"LOWER": True, "ORTH": False}  # attribute -> whether the word is lowercased first


class _InSet:
    """A flag getter: whether a word (lowercased where ``lower`` is given) is one of ``words``.

    A class rather than a closure so that a pickled vocabulary (a spawned worker) keeps it.
    """

    __slots__ = ("lower", "words")

    def __init__(self, words: frozenset[str], lower: Callable[[str], str] | None) -> None:
        self.words = words
        self.lower = lower

    def __call__(self, string: str) -> bool:
        return (self.lower(string) if self.lower is not None else string) in self.words


def _flag(vocab: Vocab, words: frozenset[str], lower: bool) -> int | None:
    """The vocabulary's flag for ``words`` (added on first use), or None when no flag is left."""
    getters: dict[int, Any] = getattr(vocab, "lex_attr_getters")  # noqa: B009 (not in spaCy's stubs)
    # the lexeme's own lowercase function, so that the flag agrees with the LOWER attribute
    lowercase = (getters.get(LOWER) or str.lower) if lower else None
    for flag_id, getter in getters.items():
        if isinstance(getter, _InSet) and getter.words == words and (getter.lower is None) == (lowercase is None):
            return flag_id
    free = [f for f in _FREE_FLAGS if f not in getters]
    if not free:
        return None
    return int(vocab.add_flag(_InSet(words, lowercase), flag_id=free[0]))


def flag_word_sets(vocab: Vocab, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``pattern`` (a token ``Matcher`` pattern) with its ``LOWER``/``ORTH`` word sets as flags."""
    out: list[dict[str, Any]] = []
    for node in pattern:
        node = dict(node)
        for attr, lower in _CONVERTED.items():
            tests = node.get(attr)
            if not isinstance(tests, dict) or not set(tests) <= {"IN", "NOT_IN"}:
                continue
            flags = {}
            for op, words in tests.items():
                if not all(isinstance(w, str) for w in words):
                    break
                flag_id = _flag(vocab, frozenset(words), lower)
                if flag_id is None:
                    break
                flags[f"FLAG{flag_id}"] = op == "IN"
            else:
                del node[attr]
                node.update(flags)
        out.append(node)
    return out


def add_flagged(matcher: Matcher, key: str, pattern: list[dict[str, Any]]) -> None:
    """Add ``pattern`` to ``matcher`` with its word sets as flags (:func:`flag_word_sets`).

    The pattern is validated as written (spaCy's ``MatchPatternError``, a ``ValueError``); the
    matcher then stops validating, as its schema has no flags (nor would a pickled copy's).
    """
    errors = validate_token_pattern(pattern)
    if errors:
        raise MatchPatternError(key, {0: errors})  # type: ignore[no-untyped-call]
    spacy_matcher: Any = matcher  # its validate and vocab are not in spaCy's stubs
    spacy_matcher.validate = False
    matcher.add(key, [flag_word_sets(spacy_matcher.vocab, pattern)])
