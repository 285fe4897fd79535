"""The tree matcher's search: one-node patterns, roots shared between patterns, impossible nodes."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from aikg.extract.treematch import TreeMatcher


def _doc() -> Doc:
    # "Nova hired Lea and bought Orbit": hired -> nsubj Nova, dobj Lea, conj bought -> dobj Orbit
    return Doc(spacy.blank("en").vocab, words=["Nova", "hired", "Lea", "and", "bought", "Orbit"],
               heads=[1, 1, 1, 1, 1, 4], deps=["nsubj", "ROOT", "dobj", "cc", "conj", "dobj"])


def test_one_node_pattern_matches_each_token() -> None:
    m = TreeMatcher()
    m.add("obj", [[{"RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}}]])
    assert m(_doc()) == [("obj", [2]), ("obj", [5])]


def test_patterns_sharing_a_root_each_find_their_matches_in_order() -> None:
    m = TreeMatcher()
    verb = {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": {"IN": ["hired", "bought"]}}}
    m.add("subj", [[verb, {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}}]])
    m.add("obj", [[verb, {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}}]])
    m.add("both", [[verb, {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}},
                    {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}}]])
    assert m(_doc()) == [("subj", [1, 0]), ("obj", [1, 2]), ("obj", [4, 5]), ("both", [1, 0, 2])]


def test_a_node_no_token_fits_rules_the_pattern_out() -> None:
    m = TreeMatcher()
    m.add("none", [[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": "hired"}},
                    {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {"DEP": "iobj"}}]])
    m.add("some", [[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": "hired"}},
                    {"LEFT_ID": "v", "REL_OP": ">>", "RIGHT_ID": "x", "RIGHT_ATTRS": {"LOWER": "orbit"}}]])
    assert m(_doc()) == [("some", [1, 5])]
