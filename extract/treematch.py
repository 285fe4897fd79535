"""A small dependency-tree matcher for the relation patterns (a fast subset of spaCy's ``DependencyMatcher``).

spaCy's ``DependencyMatcher`` runs one token ``Matcher`` per pattern node and costs about as
much as the parser on our patterns. The relation patterns only use a subset of its language,
which this module matches directly on the parse with per-document indexes:

* node attributes ``ORTH``, ``LOWER``, ``LEMMA``, ``POS``, ``TAG``, ``DEP``, ``ENT_TYPE``, each
  a string or ``{"IN": [...]}`` (``ENT_TYPE: ""`` means outside any entity);
* relations ``>`` (child), ``>>`` (descendant), ``<`` (head), ``$--`` (left sibling) and
  ``$++`` (right sibling).

Each match gives one token per node, in pattern order, all distinct (as ``DependencyMatcher``).
The document is read once into plain lists (attributes, heads, children), so matching moves
between integers instead of creating a spaCy ``Token`` object at every step.

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

from spacy.tokens import Doc

__all__ = ["TreeMatcher"]

_ATTRS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE")
#: Attributes that index the tokens of a document, most selective first.
_INDEXED = ("LEMMA", "LOWER", "ORTH", "ENT_TYPE", "DEP")
_OPS = frozenset({">", ">>", "<", "$--", "$++"})


class _Tree:
    """One parsed document as lists: token attributes, heads, children (in order), lazy indexes."""

    __slots__ = ("attrs", "children", "heads", "indexes", "subtrees")

    def __init__(self, doc: Doc) -> None:
        columns: dict[str, list[str]] = {attr: [] for attr in _ATTRS}
        orth, lower, lemma, pos, tag, dep, ent = columns.values()
        heads: list[int] = []
        for token in doc:
            orth.append(token.text)
            lower.append(token.lower_)
            lemma.append(token.lemma_)
            pos.append(token.pos_)
            tag.append(token.tag_)
            dep.append(token.dep_)
            ent.append(token.ent_type_)
            heads.append(token.head.i)
        children: list[list[int]] = [[] for _ in heads]
        for i, head in enumerate(heads):
            if head != i:
                children[head].append(i)  # in token order, as Token.children
        self.attrs = columns
        self.heads = heads
        self.children = children
        self.indexes: dict[str, dict[str, list[int]]] = {}
        self.subtrees: dict[int, list[int]] = {}

    def index(self, attr: str) -> dict[str, list[int]]:
        """Token ids by value of ``attr`` (built on first use)."""
        found = self.indexes.get(attr)
        if found is None:
            found = self.indexes[attr] = {}
            for i, value in enumerate(self.attrs[attr]):
                found.setdefault(value, []).append(i)
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
            return self.children[i]
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


class _Node:
    __slots__ = ("checks", "left", "name", "op")

    def __init__(self, spec: dict[str, Any], names: dict[str, int]) -> None:
        self.name: str = spec["RIGHT_ID"]
        self.left: int = names[spec["LEFT_ID"]] if "LEFT_ID" in spec else -1
        self.op: str = spec.get("REL_OP", "")
        if self.left >= 0 and self.op not in _OPS:
            raise ValueError(f"node {self.name!r}: unsupported REL_OP {self.op!r}; expected one of {sorted(_OPS)}")
        self.checks: list[tuple[str, frozenset[str]]] = []
        for attr, value in spec.get("RIGHT_ATTRS", {}).items():
            if attr not in _ATTRS:
                raise ValueError(
                    f"node {self.name!r}: unsupported attribute {attr!r}; expected one of {sorted(_ATTRS)}"
                )
            if isinstance(value, dict):
                if set(value) != {"IN"}:
                    raise ValueError(f"node {self.name!r}: only {{'IN': [...]}} is supported, not {value!r}")
                allowed = frozenset(value["IN"])
            else:
                allowed = frozenset({value})
            self.checks.append((attr, allowed))

    def accepts(self, tree: _Tree, i: int) -> bool:
        attrs = tree.attrs
        for attr, allowed in self.checks:
            if attrs[attr][i] not in allowed:
                return False
        return True

    def candidates(self, tree: _Tree) -> list[int] | None:
        """Tokens that may fit this node, from the document's index (``None``: not indexed)."""
        for attr in _INDEXED:
            for check_attr, allowed in self.checks:
                if check_attr == attr:
                    index = tree.index(attr)
                    return [i for value in allowed for i in index.get(value, ()) if self.accepts(tree, i)]
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
        if not self._patterns or len(doc) == 0:
            return []
        tree = _Tree(doc)
        found: list[tuple[str, list[int]]] = []
        for key, nodes in self._patterns:
            for root in self._roots(nodes, tree):
                for assignment in self._extend(nodes, tree, [root]):
                    found.append((key, assignment))
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

    def _extend(self, nodes: list[_Node], tree: _Tree, assigned: list[int]) -> Iterator[list[int]]:
        if len(assigned) == len(nodes):
            yield list(assigned)
            return
        node = nodes[len(assigned)]
        for i in tree.related(assigned[node.left], node.op):
            if i in assigned or not node.accepts(tree, i):
                continue
            assigned.append(i)
            yield from self._extend(nodes, tree, assigned)
            assigned.pop()
