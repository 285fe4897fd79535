"""Features of an entity pair in one sentence, for the statistical relation classifier.

A relation between two entities of a sentence is signalled by the words between them and,
above all, by the dependency path that joins them ("A, which X led" -> ``nsubj`` up to *lead*,
down ``relcl``...), and for a member of a list, also the path of the list's first member. These
are the classic features of supervised relation extraction (Mintz et al. 2009; Zhou et al. 2005):
types, order, words between, the shortest dependency path with its lemmas, the lowest common
ancestor, the words around each mention, and whether a mention sits in a coordinated list. They
are strings, so that the model is a table of weights that can be read.

Only lemmas and dependency labels are used, never the entity's own words, so that what is learnt
is the construction ("led by", "cofondé par", "'s chief executive"), not the names of the
articles it was learnt from.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp("Acme raised money")
>>> doc.ents = [doc.char_span(0, 4, label="Organization"), doc.char_span(12, 17, label="MonetaryAmount")]
>>> doc[1].lemma_ = "raise"
>>> company, amount = doc.ents
>>> sorted(f for f in pair_features(company, amount) if f.startswith(("types:", "bw:", "order")))
['bw:raise', 'order:so', 'types:Organization>MonetaryAmount']
"""

from __future__ import annotations

from itertools import pairwise

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IS_PUNCT, LEMMA, ORTH
from spacy.tokens import Doc, Span

__all__ = ["MAX_GAP", "forget_caches", "pair_features"]

#: Pairs further apart than this many tokens get only a "far" feature for the words between.
MAX_GAP = 12
_PATH_LIMIT = 8
_TOKENS = "aikg_relation_features_tokens"
_MENTIONS = "aikg_relation_features_mentions"
#: ``Token.ent_iob`` of the first token of an entity ("B").
_IOB_BEGIN = 3
_SIGNED = 1 << 63


class _Tokens:
    """What the features read of the tokens of a ``Doc``, as plain lists indexed by token.

    Read once per document with ``Doc.to_array``: a pair's features read a few dozen token
    attributes, and the ``Token`` object made for each read was most of their cost.
    """

    __slots__ = ("begins", "deps", "ent_types", "heads", "lemmas", "orths", "punct", "roots", "strings")

    def __init__(self, doc: Doc) -> None:
        strings = self.strings = doc.vocab.strings
        lemma, orth, punct, ent_type, iob, dep, head = (
            doc.to_array([LEMMA, ORTH, IS_PUNCT, ENT_TYPE, ENT_IOB, DEP, HEAD]).T.tolist())
        #: the lower-cased lemma, or text where there is no lemma (as ``(token.lemma_ or token.text).lower()``)
        self.lemmas: list[str] = [(strings[lem] or strings[o]).lower() for lem, o in zip(lemma, orth, strict=True)]
        self.orths: list[int] = orth
        self.punct: list[int] = punct
        #: each token's entity label, "" outside entities
        self.ent_types: list[str] = [strings[t] if t else "" for t in ent_type]
        #: whether the token starts an entity
        self.begins: list[bool] = [i == _IOB_BEGIN for i in iob]
        self.deps: list[str] = [strings[d] for d in dep]
        # HEAD is an offset, unsigned in the array: an absolute index again
        self.heads: list[int] = [i + (h - 2 * _SIGNED if h >= _SIGNED else h) for i, h in enumerate(head)]
        #: the root token of each span read, by ``(start, end)``: a mention is in many pairs
        self.roots: dict[tuple[int, int], int] = {}

    def text(self, i: int) -> str:
        return str(self.strings[self.orths[i]])

    def root(self, span: Span) -> int:
        """The index of ``span.root`` (``Span.root`` walks the span's heads at each read)."""
        key = (span.start, span.end)
        found = self.roots.get(key)
        if found is None:
            found = self.roots[key] = span.root.i
        return found


def _tokens(doc: Doc) -> _Tokens:
    """The token table of ``doc``, read once per document (cached on it until :func:`forget_caches`)."""
    table: _Tokens | None = doc.user_data.get(_TOKENS)
    if table is None or len(table.heads) != len(doc):
        table = _Tokens(doc)
        doc.user_data[_TOKENS] = table
    return table


def forget_caches(doc: Doc) -> None:
    """Drop what is cached on ``doc`` (the token table, mention features): it would travel with it
    when serialised."""
    doc.user_data.pop(_TOKENS, None)
    doc.user_data.pop(_MENTIONS, None)


def _ancestors(heads: list[int], i: int) -> list[int]:
    """Token ``i`` then its heads up to the root of its sentence (indexes)."""
    chain = [i]
    while heads[chain[-1]] != chain[-1] and len(chain) < 40:
        chain.append(heads[chain[-1]])
    return chain


def _path(heads: list[int], source: int, target: int) -> tuple[list[int], int | None, list[int]]:
    """The dependency path: ``source`` up to the lowest common ancestor, and ``target`` up to it."""
    up = _ancestors(heads, source)
    index = {i: n for n, i in enumerate(up)}
    down: list[int] = []
    for i in _ancestors(heads, target):
        if i in index:
            return up[: index[i]], i, down
        down.append(i)
        if len(down) > _PATH_LIMIT:
            break
    return up[:_PATH_LIMIT], None, down


def _list_head(table: _Tokens, i: int) -> int:
    """The first member of the list token ``i`` is in ("A, B and *C*" -> A): every member of a list
    then has the path of the first, so "led by A, with B, C and D" teaches one construction."""
    deps, heads = table.deps, table.heads
    while deps[i] == "conj" and heads[i] != i:
        i = heads[i]
    return i


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4+" if n < 8 else "8+"


def _deps(table: _Tokens, up: list[int], down: list[int]) -> str:
    deps = table.deps
    return "".join(f"<{deps[i]}" for i in up) + "|" + "".join(f">{deps[i]}" for i in reversed(down))


def pair_features(subject: Span, obj: Span) -> list[str]:
    """The features of "``subject`` <relation> ``obj``" for two entity spans of one sentence."""
    doc = subject.doc
    table = _tokens(doc)
    lemmas = table.lemmas
    types = f"{subject.label_}>{obj.label_}"
    order = "so" if subject.start < obj.start else "os"
    features = [f"types:{types}", f"order:{order}", f"types+order:{types}:{order}"]

    first, second = (subject, obj) if order == "so" else (obj, subject)
    gap = range(first.end, max(first.end, second.start))
    if len(gap) > MAX_GAP:
        features.append("gap:far")
    else:
        punct, ent_types = table.punct, table.ent_types
        words = [lemmas[i] for i in gap if not punct[i] and not ent_types[i]]
        features.append(f"gap:{_bucket(len(gap))}")
        features.extend(f"bw:{lemma}" for lemma in words)
        features.extend(f"bwo:{order}:{lemma}" for lemma in words)
        features.extend(f"bw2:{a}_{b}" for a, b in pairwise(words))
        if not words:
            features.append("bw:<none>")
        marks = "".join(table.text(i) for i in gap if punct[i])
        if marks:
            features.append(f"bwpunct:{marks[:4]}")
    # entities that start between the two
    begins = table.begins
    between = [table.ent_types[i] for i in gap if begins[i]] if len(gap) <= 4 * MAX_GAP else ["far"] * 4
    features.append(f"ents_between:{_bucket(len(between))}")
    features.extend(f"ent_between:{label}" for label in between[:3])

    s_root, o_root = table.root(subject), table.root(obj)
    up, lca, down = _path(table.heads, s_root, o_root)
    if lca is None or len(up) + len(down) > _PATH_LIMIT:
        features.append("path:far")
    else:
        deps = _deps(table, up, down)
        lca_lemma = lemmas[lca]
        features.append(f"path:{deps}")
        features.append(f"path+lca:{deps}:{lca_lemma}")
        features.append(f"lca:{lca_lemma}")
        features.append(f"lca+types:{lca_lemma}:{types}")
        features.append(f"lca_pos:{doc[lca].pos_}")
        features.extend(f"pathword:{lemmas[i]}" for i in (*up[1:], *down[1:]))
        features.append(f"path_len:{_bucket(len(up) + len(down))}")
        if lca in (s_root, o_root):
            features.append("lca:is_mention")
    s_head, o_head = _list_head(table, s_root), _list_head(table, o_root)
    if (s_head, o_head) != (s_root, o_root):
        up, lca, down = _path(table.heads, s_head, o_head)
        if lca is not None and len(up) + len(down) <= _PATH_LIMIT:
            deps = _deps(table, up, down)
            features.append(f"lpath:{deps}")
            features.append(f"lpath+lca:{deps}:{lemmas[lca]}")
            features.append(f"llca:{lemmas[lca]}")
            features.extend(f"lpathword:{lemmas[i]}" for i in (*up[1:], *down[1:]))
    features.extend(_mention_features(subject, "s", table))
    features.extend(_mention_features(obj, "o", table))
    return features


def _mention_features(span: Span, name: str, table: _Tokens) -> list[str]:
    """The features of one end of a pair (its role in the parse, its neighbours): the same in every
    pair the mention is part of, so they are computed once per mention and document."""
    doc = span.doc
    cache: dict[tuple[int, int, str], list[str]] = doc.user_data.setdefault(_MENTIONS, {})
    found = cache.get((span.start, span.end, name))
    if found is not None:
        return found
    lemmas = table.lemmas
    root = span.root
    head = lemmas[table.heads[root.i]]
    features = [f"{name}dep:{root.dep_}", f"{name}head:{head}", f"{name}head+dep:{head}:{root.dep_}"]
    if span.start > 0:
        features.append(f"{name}before:{lemmas[span.start - 1]}")
    if span.start > 1:
        features.append(f"{name}before2:{lemmas[span.start - 2]}")
    if span.end < len(doc):
        features.append(f"{name}after:{lemmas[span.end]}")
    children = list(root.children)
    if root.dep_ == "conj" or any(c.dep_ == "conj" for c in children):
        features.append(f"{name}list")
    modifiers = [c.i for c in children if c.dep_ in ("amod", "compound", "nmod", "appos")]
    features.extend(f"{name}mod:{lemmas[i]}" for i in modifiers if not table.ent_types[i])
    cache[(span.start, span.end, name)] = features
    return features
