"""Word sets of token patterns as lexeme flags: the same matches as spaCy's set predicates."""

from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.matcher import Matcher

from aikg.extract.matcher_flags import add_flagged, flag_word_sets

PATTERNS = {
    "role": [{"ENT_TYPE": "", "OP": "?"}, {"LOWER": {"IN": ["chief", "head"]}},
             {"LOWER": {"IN": ["of", "at"]}}, {"IS_TITLE": True, "OP": "+"}],
    "not-by": [{"LOWER": {"IN": ["hosted", "run"]}},
               {"IS_ALPHA": True, "OP": "{0,2}", "LOWER": {"NOT_IN": ["by", "par"]}}, {"LOWER": "by"}],
    "mark": [{"ORTH": {"IN": [",", "("]}}, {"LOWER": "whose"}],
    "upper-never": [{"LOWER": {"IN": ["Chief"]}}],  # a capitalised word never equals a lowercase
}
TEXTS = [
    "Dana Reyes, whose team is Chief of Staff at Vexa Labs, spoke.",
    "The summit was hosted last week by Orla Finch and run mostly by volunteers.",
    "She is head at Brightline (whose HEAD OF Research left) and CHIEF of Quorra.",
]


def _matches(matcher: Matcher, nlp: spacy.language.Language) -> list[list[tuple[str, int, int]]]:
    return [[(nlp.vocab.strings[k], s, e) for k, s, e in matcher(nlp(text))] for text in TEXTS]


def test_flags_match_as_set_predicates() -> None:
    nlp = spacy.blank("en")
    plain, flagged = Matcher(nlp.vocab), Matcher(nlp.vocab)
    for key, pattern in PATTERNS.items():
        plain.add(key, [pattern])
        add_flagged(flagged, key, pattern)
    expected = _matches(plain, nlp)
    assert any(expected)
    assert _matches(flagged, nlp) == expected
    # the word sets are flags now, not Python predicates; a set used twice shares its flag
    assert all(not k.startswith(("LOWER", "ORTH")) or not isinstance(v, dict)
               for p in PATTERNS.values() for n in flag_word_sets(nlp.vocab, p) for k, v in n.items())
    assert flag_word_sets(nlp.vocab, PATTERNS["role"]) == flag_word_sets(nlp.vocab, PATTERNS["role"])


def test_flags_survive_pickling() -> None:
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for key, pattern in PATTERNS.items():
        add_flagged(matcher, key, pattern)
    expected = _matches(matcher, nlp)
    nlp2, copy = pickle.loads(pickle.dumps((nlp, matcher)))  # as a spawned worker gets them
    assert copy.vocab is nlp2.vocab
    assert _matches(copy, nlp2) == expected


def test_invalid_pattern_still_refused() -> None:
    matcher = Matcher(spacy.blank("en").vocab)
    with pytest.raises(ValueError):
        add_flagged(matcher, "bad", [{"LOWER": {"IN": ["a"]}, "COLOUR": "red"}])


def test_word_set_matcher_runs_only_possible_patterns_with_the_same_matches() -> None:
    from aikg.extract.word_matcher import WordSetMatcher

    nlp = spacy.blank("en")
    patterns = {**PATTERNS,
                "among": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": "among"}, {"LOWER": "its", "OP": "?"}],
                "opt": [{"LOWER": "whose", "OP": "?"}, {"IS_TITLE": True, "OP": "{1,2}"}, {"ORTH": ","}]}
    plain, words = Matcher(nlp.vocab), WordSetMatcher(nlp.vocab)
    for key, pattern in patterns.items():
        plain.add(key, [pattern])
        words.add(key, pattern)
    assert len(words) == len(patterns)
    for text in [*TEXTS, "Orla Finch is among its backers, whose Chief of Ops spoke.", ""]:
        doc = nlp(text)
        assert words(doc, with_alignments=True) == plain(doc, with_alignments=True)
    # the first text has no "among", "hosted" or "run": those patterns were not run on it
    words(nlp(TEXTS[0]))
    ran = {n for kept in words._matchers for n in kept}
    assert ran == set(range(len(patterns))) - {3}  # no lowercase form is "Chief": never run
    kept_for_first = [kept for kept in words._matchers if len(kept) < len(patterns)]
    assert kept_for_first


def test_word_set_matcher_runs_a_kept_matcher_of_a_few_more_patterns_with_the_same_matches() -> None:
    from aikg.extract.word_matcher import WordSetMatcher

    nlp = spacy.blank("en")
    patterns = {"ceo": [{"LOWER": "ceo"}, {"ORTH": "of"}, {"IS_TITLE": True}],
                "among": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": "among"}],
                "whose": [{"IS_TITLE": True}, {"LOWER": "whose"}]}
    plain, words = Matcher(nlp.vocab), WordSetMatcher(nlp.vocab)
    for key, pattern in patterns.items():
        plain.add(key, [pattern])
        words.add(key, pattern)
    first = nlp("The CEO of Zeta is among those, Acme whose chief spoke.")
    assert words(first, with_alignments=True) == plain(first, with_alignments=True)
    # no "among" nor "whose" here: the matcher made for the first document (two patterns more) runs it
    second = nlp("The CEO of Zeta spoke, then the CEO of Orla.")
    assert words(second, with_alignments=True) == plain(second, with_alignments=True) != []
    assert list(words._matchers) == [(0, 1, 2)]


def test_word_set_matcher_refuses_an_invalid_pattern() -> None:
    from aikg.extract.word_matcher import WordSetMatcher

    with pytest.raises(ValueError):
        WordSetMatcher(spacy.blank("en").vocab).add("bad", [{"LOWER": "a", "COLOUR": "red"}])
