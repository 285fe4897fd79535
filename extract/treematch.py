"""A small dependency-tree matcher for the relation patterns (a fast subset of spaCy's ``DependencyMatcher``).

spaCy's ``DependencyMatcher`` runs one token ``Matcher`` per pattern node and costs about as
much as the parser on our patterns. The relation patterns only use a subset of its language,
which this module matches directly on the parse with per-document indexes:

* node attributes ``ORTH``, ``LOWER``, ``LEMMA``, ``POS``, ``TAG``, ``DEP``, ``ENT_TYPE``, each
  a string or ``{"IN": [...]}`` (``ENT_TYPE: ""`` means outside any entity);
* relations ``>`` (child), ``>>`` (descendant), ``<`` (head), ``$--`` (left sibling) and
  ``$++`` (right sibling).

Each match gives one token per node, in pattern order, all distinct (as ``DependencyMatcher``).
An open complement without a subject of its own ("Acme vient de *racheter* Zeta") shares its
governing verb's for ``>`` (see :func:`_controlled_subjects`). The document is read once
(``Doc.to_array``) into plain lists of spaCy's integer ids
(attributes, heads, children), so matching moves between integers and compares integers
instead of creating a spaCy ``Token`` object and its strings at every step.

>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Acme", "bought", "Zeta"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"])
>>> m = TreeMatcher()
>>> m.add("buy", [[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": "bought"}},
...                {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}}]])
>>> m(doc)
[('buy', [1, 0])]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["TreeMatcher"]

_ATTRS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE")
_ATTR_IDS = (ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE)  # the same, as spaCy attribute ids
#: Attributes that index the tokens of a document, most selective first.
_INDEXED = ("LEMMA", "LOWER", "ORTH", "ENT_TYPE", "DEP")
_OPS = frozenset({">", ">>", "<", "$--", "$++"})


class _Tree:
    """One parsed document as lists: token attributes, heads, children (in order), lazy indexes."""

    __slots__ = ("attrs", "candidates", "children", "controlled", "heads", "indexes", "subtrees", "values")

    def __init__(self, doc: Doc) -> None:
        # one C pass over the tokens (``Doc.to_array``), no ``Token`` object per token: values are
        # spaCy's ids (string hashes, POS symbols), which the nodes compare with their own ids
        array = doc.to_array([*_ATTR_IDS, HEAD])
        columns = {attr: array[:, k].tolist() for k, attr in enumerate(_ATTRS)}
        # HEAD is stored relative to the token, in unsigned integers
        heads: list[int] = (array[:, -1].astype("int64") + numpy.arange(len(doc), dtype="int64")).tolist()
        children: list[list[int]] = [[] for _ in heads]
        for i, head in enumerate(heads):
            if head != i:
                children[head].append(i)  # in token order, as Token.children
        self.attrs = columns
        self.heads = heads
        self.children = children
        self.controlled = _controlled_subjects(columns["DEP"], columns["POS"], heads, children)
        self.indexes: dict[str, dict[int, list[int]]] = {}
        self.subtrees: dict[int, list[int]] = {}
        #: the distinct values of each attribute read so far (whether a pattern can match at all)
        self.values: dict[str, set[int]] = {}
        #: the candidate tokens of each node test read so far (many patterns share their root's)
        self.candidates: dict[object, list[int] | None] = {}

    def index(self, attr: str) -> dict[int, list[int]]:
        """Token ids by value of ``attr`` (built on first use)."""
        found = self.indexes.get(attr)
        if found is None:
            found = self.indexes[attr] = {}
            get = found.get
            for i, value in enumerate(self.attrs[attr]):
                # not ``setdefault(value, [])``: a new list at every token sets off the garbage collector
                positions = get(value)
                if positions is None:
                    found[value] = [i]
                else:
                    positions.append(i)
        return found

    def subtree(self, i: int) -> list[int]:
        """``Token.subtree`` order: left children's subtrees, the token, right children's subtrees."""
        found = self.subtrees.get(i)
        if found is None:
            found = []
            for child in self.children[i]:
                if child > i:
                    break
                found.extend(self.subtree(child))
            found.append(i)
            for child in self.children[i]:
                if child > i:
                    found.extend(self.subtree(child))
            self.subtrees[i] = found
        return found

    def related(self, i: int, op: str) -> list[int]:
        if op == ">":
            controlled = self.controlled.get(i)
            return self.children[i] if controlled is None else [*self.children[i], *controlled]
        if op == ">>":
            return [t for t in self.subtree(i) if t != i]
        head = self.heads[i]
        if head == i:
            return []
        if op == "<":
            return [head]
        if op == "$--":
            return [t for t in self.children[head] if t < i]
        return [t for t in self.children[head] if t > i]  # "$++"


_XCOMP = get_string_id("xcomp")
_SUBJECT_DEPS = frozenset(get_string_id(d) for d in ("nsubj", "nsubj:pass", "nsubjpass"))
_VERB = int(POS_IDS["VERB"])


def _controlled_subjects(deps: list[int], pos: list[int], heads: list[int], children: list[list[int]]
                         ) -> dict[int, list[int]]:
    """The subject an open complement shares with the verb it completes: "Acme *vient de* racheter
    Zeta", "Acme managed to close a round": ``racheter`` / ``close`` have no subject of their own
    in the parse, and their patterns ("verb > nsubj") read the governing verb's. Only ``>`` sees
    these subjects (a subtree is the parse's), and only for a verb with no subject of its own."""
    found: dict[int, list[int]] = {}
    for i, dep in enumerate(deps):
        if dep != _XCOMP or pos[i] != _VERB or heads[i] == i:
            continue
        if any(deps[c] in _SUBJECT_DEPS for c in children[i]):
            continue
        subjects = [c for c in children[heads[i]] if deps[c] in _SUBJECT_DEPS]
        if subjects:
            found[i] = subjects
    return found


def _value_id(attr: str, value: str) -> int:
    """The id spaCy stores for ``value`` of ``attr``: a POS symbol, else the string's id (``""``: 0),
    which is the same in every vocabulary (a symbol's number or the string's hash)."""
    if attr == "POS":
        return int(POS_IDS.get(value, -1))  # -1: no token has it
    return int(get_string_id(value))


_UNREAD = object()


class _Node:
    __slots__ = ("checks", "key", "left", "name", "op")

    def __init__(self, spec: dict[str, Any], names: dict[str, int]) -> None:
        self.name: str = spec["RIGHT_ID"]
        self.left: int = names[spec["LEFT_ID"]] if "LEFT_ID" in spec else -1
        self.op: str = spec.get("REL_OP", "")
        if self.left >= 0 and self.op not in _OPS:
            raise ValueError(f"node {self.name!r}: unsupported REL_OP {self.op!r}; expected one of {sorted(_OPS)}")
        self.checks: list[tuple[str, frozenset[int]]] = []
        for attr, value in spec.get("RIGHT_ATTRS", {}).items():
            if attr not in _ATTRS:
                raise ValueError(
                    f"node {self.name!r}: unsupported attribute {attr!r}; expected one of {sorted(_ATTRS)}"
                )
            if isinstance(value, dict):
                if set(value) != {"IN"}:
                    raise ValueError(f"node {self.name!r}: only {{'IN': [...]}} is supported, not {value!r}")
                values = list(value["IN"])
            else:
                values = [value]
            self.checks.append((attr, frozenset(_value_id(attr, v) for v in values)))
        #: the node's tests as one hashable value: nodes with the same tests have the same candidates
        self.key = tuple(self.checks)

    def accepts(self, tree: _Tree, i: int) -> bool:
        attrs = tree.attrs
        for attr, allowed in self.checks:
            if attrs[attr][i] not in allowed:
                return False
        return True

    def candidates(self, tree: _Tree) -> list[int] | None:
        """Tokens that may fit this node, in document order, from the document's index (``None``: not indexed).

        Read once per document for each set of tests: patterns that share a root (a verb, a
        preposition) share its candidates. The list is not to be changed.

        Document order, not the order of ``allowed`` (a set, whose order changes with each
        process's string hashing): the order of matches decides which of two equally good
        sentences becomes a fact's evidence, so it must not change from run to run.
        """
        cached = tree.candidates.get(self.key, _UNREAD)
        if cached is not _UNREAD:
            return cached  # type: ignore[return-value]
        found = tree.candidates[self.key] = self._candidates(tree)
        return found

    def _candidates(self, tree: _Tree) -> list[int] | None:
        for attr in _INDEXED:
            for check_attr, allowed in self.checks:
                if check_attr == attr:
                    index = tree.index(attr)
                    found = [i for value in allowed for i in index.get(value, ()) if self.accepts(tree, i)]
                    return sorted(found) if len(allowed) > 1 else found
        return None


class TreeMatcher:
    """Match dependency-tree patterns (``DependencyMatcher`` syntax, subset above) on a parsed ``Doc``."""

    def __init__(self) -> None:
        self._patterns: list[tuple[str, list[_Node]]] = []
        #: each pattern's distinct node tests, in node order: one of them that no token of a document
        #: passes rules the pattern out there
        self._tests: list[tuple[tuple[str, frozenset[int]], ...]] = []

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, patterns: Sequence[Sequence[dict[str, Any]]]) -> None:
        """Add patterns under ``key`` (each a list of nodes, the first without ``LEFT_ID``)."""
        for pattern in patterns:
            names: dict[str, int] = {}
            nodes: list[_Node] = []
            for spec in pattern:
                node = _Node(spec, names)
                names[node.name] = len(nodes)
                nodes.append(node)
            if not nodes or nodes[0].left != -1 or any(n.left == -1 for n in nodes[1:]):
                raise ValueError(f"pattern {key!r}: the first node, and only it, must have no LEFT_ID")
            self._patterns.append((key, nodes))
            self._tests.append(tuple(dict.fromkeys(check for node in nodes for check in node.checks)))

    def __call__(self, doc: Doc) -> list[tuple[str, list[int]]]:
        if not self._patterns or len(doc) == 0:
            return []
        tree = _Tree(doc)
        found: list[tuple[str, list[int]]] = []
        attrs = tree.attrs
        present = tree.values
        for (key, nodes), tests in zip(self._patterns, self._tests, strict=True):
            for attr, allowed in tests:  # node.possible() of each node, inline
                values = present.get(attr)
                if values is None:
                    values = present[attr] = set(attrs[attr])
                if allowed.isdisjoint(values):
                    break  # a node that no token of the document can fit: no match (and no search)
            else:
                # each node's tests on this document's columns, read once per pattern, not at each token
                checks = [[(attrs[attr], allowed) for attr, allowed in node.checks] for node in nodes]
                for root in self._roots(nodes, tree):
                    _extend(key, nodes, checks, tree, [root], found)
        return found

    @staticmethod
    def _roots(nodes: list[_Node], tree: _Tree) -> Iterator[int]:
        root = nodes[0]
        found = root.candidates(tree)
        if found is not None:
            return iter(found)
        # an unconstrained root: take the heads of an indexed child node instead of every token
        for node in nodes[1:]:
            if node.left == 0 and node.op == ">":
                children = node.candidates(tree)
                if children is not None:
                    heads = sorted({tree.heads[i] for i in children if tree.heads[i] != i})
                    return (h for h in heads if root.accepts(tree, h))
        return (i for i in range(len(tree.heads)) if root.accepts(tree, i))


def _extend(key: str, nodes: list[_Node], checks: list[list[tuple[list[int], frozenset[int]]]], tree: _Tree,
            assigned: list[int], found: list[tuple[str, list[int]]]) -> None:
    """Append to ``found`` every match that extends ``assigned`` (depth first: matches in the order
    of the nodes' related tokens). A plain recursion that appends, not a generator per level: the
    search visits a hundred thousand partial matches per pass."""
    n = len(assigned)
    if n == len(nodes):  # a pattern of one node
        found.append((key, list(assigned)))
        return
    node = nodes[n]
    last = n + 1 == len(nodes)
    node_checks = checks[n]
    for i in tree.related(assigned[node.left], node.op):
        if i in assigned:
            continue
        for column, allowed in node_checks:
            if column[i] not in allowed:
                break
        else:
            if last:
                found.append((key, [*assigned, i]))
            else:
                assigned.append(i)
                _extend(key, nodes, checks, tree, assigned, found)
                assigned.pop()
