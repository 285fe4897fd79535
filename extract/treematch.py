"""A small dependency-tree matcher for the relation patterns (a fast subset of spaCy's ``DependencyMatcher``).

spaCy's ``DependencyMatcher`` runs one token ``Matcher`` per pattern node and costs about as
much as the parser on our patterns. The relation patterns only use a subset of its language,
which this module matches directly on the parse with per-document indexes:

* node attributes ``ORTH``, ``LOWER``, ``LEMMA``, ``POS``, ``TAG``, ``DEP``, ``ENT_TYPE``, each
  a string or ``{"IN": [...]}`` (``ENT_TYPE: ""`` means outside any entity);
* relations ``>`` (child), ``>>`` (descendant), ``<`` (head), ``$--`` (left sibling) and
  ``$++`` (right sibling).

Each match gives one token per node, in pattern order, all distinct (as ``DependencyMatcher``).

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

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from spacy.tokens import Doc, Token

__all__ = ["TreeMatcher"]

_GETTERS: dict[str, Callable[[Token], str]] = {
    "ORTH": lambda t: t.text,
    "LOWER": lambda t: t.lower_,
    "LEMMA": lambda t: t.lemma_,
    "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_,
}
#: Attributes that index the tokens of a document, most selective first.
_INDEXED = ("LEMMA", "LOWER", "ORTH", "ENT_TYPE", "DEP")
_OPS = frozenset({">", ">>", "<", "$--", "$++"})


class _Node:
    __slots__ = ("checks", "left", "name", "op", "tests")

    def __init__(self, spec: dict[str, Any], names: dict[str, int]) -> None:
        self.name: str = spec["RIGHT_ID"]
        self.left: int = names[spec["LEFT_ID"]] if "LEFT_ID" in spec else -1
        self.op: str = spec.get("REL_OP", "")
        if self.left >= 0 and self.op not in _OPS:
            raise ValueError(f"node {self.name!r}: unsupported REL_OP {self.op!r}; expected one of {sorted(_OPS)}")
        self.checks: list[tuple[str, frozenset[str]]] = []
        self.tests: list[tuple[Callable[[Token], str], frozenset[str]]] = []
        for attr, value in spec.get("RIGHT_ATTRS", {}).items():
            if attr not in _GETTERS:
                raise ValueError(
                    f"node {self.name!r}: unsupported attribute {attr!r}; expected one of {sorted(_GETTERS)}"
                )
            if isinstance(value, dict):
                if set(value) != {"IN"}:
                    raise ValueError(f"node {self.name!r}: only {{'IN': [...]}} is supported, not {value!r}")
                allowed = frozenset(value["IN"])
            else:
                allowed = frozenset({value})
            self.checks.append((attr, allowed))
            self.tests.append((_GETTERS[attr], allowed))

    def accepts(self, token: Token) -> bool:
        for getter, allowed in self.tests:
            if getter(token) not in allowed:
                return False
        return True

    def candidates(self, index: dict[tuple[str, str], list[Token]]) -> list[Token] | None:
        """Tokens that may fit this node, from the per-document index (``None``: not indexed)."""
        for attr in _INDEXED:
            for check_attr, allowed in self.checks:
                if check_attr == attr:
                    return [t for value in allowed for t in index.get((attr, value), ()) if self.accepts(t)]
        return None


class TreeMatcher:
    """Match dependency-tree patterns (``DependencyMatcher`` syntax, subset above) on a parsed ``Doc``."""

    def __init__(self) -> None:
        self._patterns: list[tuple[str, list[_Node]]] = []

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

    def __call__(self, doc: Doc) -> list[tuple[str, list[int]]]:
        index: dict[tuple[str, str], list[Token]] = {}
        for token in doc:
            for attr in _INDEXED:
                index.setdefault((attr, _GETTERS[attr](token)), []).append(token)
        everything = list(doc)
        found: list[tuple[str, list[int]]] = []
        for key, nodes in self._patterns:
            for root in self._roots(nodes, index, everything):
                for assignment in self._extend(nodes, [root]):
                    found.append((key, [t.i for t in assignment]))
        return found

    @staticmethod
    def _roots(
        nodes: list[_Node], index: dict[tuple[str, str], list[Token]], everything: list[Token]
    ) -> Iterator[Token]:
        root = nodes[0]
        found = root.candidates(index)
        if found is not None:
            return iter(found)
        # an unconstrained root: take the heads of an indexed child node instead of every token
        for node in nodes[1:]:
            if node.left == 0 and node.op == ">":
                children = node.candidates(index)
                if children is not None:
                    heads = {t.head.i: t.head for t in children if t.head.i != t.i}
                    return (heads[i] for i in sorted(heads) if root.accepts(heads[i]))
        return (t for t in everything if root.accepts(t))

    def _extend(self, nodes: list[_Node], assigned: list[Token]) -> Iterator[list[Token]]:
        if len(assigned) == len(nodes):
            yield list(assigned)
            return
        node = nodes[len(assigned)]
        left = assigned[node.left]
        for token in _related(left, node.op):
            if token in assigned or not node.accepts(token):
                continue
            assigned.append(token)
            yield from self._extend(nodes, assigned)
            assigned.pop()


def _related(token: Token, op: str) -> Iterator[Token]:
    if op == ">":
        yield from token.children
    elif op == ">>":
        yield from (t for t in token.subtree if t.i != token.i)
    elif op == "<":
        if token.head.i != token.i:
            yield token.head
    elif op == "$--":
        yield from (t for t in token.head.children if t.i < token.i and token.head.i != token.i)
    elif op == "$++":
        yield from (t for t in token.head.children if t.i > token.i and token.head.i != token.i)
