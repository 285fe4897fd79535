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

from spacy.tokens import Doc, Span, Token

__all__ = ["MAX_GAP", "forget_caches", "pair_features"]

#: Pairs further apart than this many tokens get only a "far" feature for the words between.
MAX_GAP = 12
_PATH_LIMIT = 8
_HEADS = "aikg_relation_features_heads"
_MENTIONS = "aikg_relation_features_mentions"


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _heads(doc: Doc) -> list[int]:
    """Each token's head index, read once per document (a ``Token`` object per step is the cost)."""
    heads: list[int] | None = doc.user_data.get(_HEADS)
    if heads is None or len(heads) != len(doc):
        heads = [token.head.i for token in doc]
        doc.user_data[_HEADS] = heads
    return heads


def forget_caches(doc: Doc) -> None:
    """Drop what is cached on ``doc`` (head indexes, mention features): it would travel with it
    when serialised."""
    doc.user_data.pop(_HEADS, None)
    doc.user_data.pop(_MENTIONS, None)


def _ancestors(doc: Doc, i: int) -> list[int]:
    """Token ``i`` then its heads up to the root of its sentence (indexes)."""
    heads = _heads(doc)
    chain = [i]
    while heads[chain[-1]] != chain[-1] and len(chain) < 40:
        chain.append(heads[chain[-1]])
    return chain


def _path(source: Token, target: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """The dependency path: ``source`` up to the lowest common ancestor, and ``target`` up to it."""
    doc = source.doc
    up = _ancestors(doc, source.i)
    index = {i: n for n, i in enumerate(up)}
    down: list[int] = []
    for i in _ancestors(doc, target.i):
        if i in index:
            return [doc[j] for j in up[: index[i]]], doc[i], [doc[j] for j in down]
        down.append(i)
        if len(down) > _PATH_LIMIT:
            break
    return [doc[j] for j in up[:_PATH_LIMIT]], None, [doc[j] for j in down]


def _list_head(token: Token) -> Token:
    """The first member of the list ``token`` is in ("A, B and *C*" -> A): every member of a list
    then has the path of the first, so "led by A, with B, C and D" teaches one construction."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4+" if n < 8 else "8+"


def pair_features(subject: Span, obj: Span) -> list[str]:
    """The features of "``subject`` <relation> ``obj``" for two entity spans of one sentence."""
    doc = subject.doc
    types = f"{subject.label_}>{obj.label_}"
    order = "so" if subject.start < obj.start else "os"
    features = [f"types:{types}", f"order:{order}", f"types+order:{types}:{order}"]

    first, second = (subject, obj) if order == "so" else (obj, subject)
    gap = doc[first.end : second.start]
    if len(gap) > MAX_GAP:
        features.append("gap:far")
    else:
        words = [t for t in gap if not t.is_punct and not t.ent_type_]
        features.append(f"gap:{_bucket(len(gap))}")
        lemmas = [_lemma(t) for t in words]
        features.extend(f"bw:{lemma}" for lemma in lemmas)
        features.extend(f"bwo:{order}:{lemma}" for lemma in lemmas)
        features.extend(f"bw2:{a}_{b}" for a, b in pairwise(lemmas))
        if not lemmas:
            features.append("bw:<none>")
        punct = "".join(t.text for t in gap if t.is_punct)
        if punct:
            features.append(f"bwpunct:{punct[:4]}")
    # entities that start between the two (read from the tokens: ``doc.ents`` makes every span anew)
    between_entities = [t.ent_type_ for t in gap if t.ent_iob_ == "B"] if len(gap) <= 4 * MAX_GAP else ["far"] * 4
    features.append(f"ents_between:{_bucket(len(between_entities))}")
    features.extend(f"ent_between:{label}" for label in between_entities[:3])

    up, lca, down = _path(subject.root, obj.root)
    if lca is None or len(up) + len(down) > _PATH_LIMIT:
        features.append("path:far")
    else:
        deps = "".join(f"<{t.dep_}" for t in up) + "|" + "".join(f">{t.dep_}" for t in reversed(down))
        lca_lemma = _lemma(lca)
        middle = [_lemma(t) for t in (*up[1:], *down[1:])]
        features.append(f"path:{deps}")
        features.append(f"path+lca:{deps}:{lca_lemma}")
        features.append(f"lca:{lca_lemma}")
        features.append(f"lca+types:{lca_lemma}:{types}")
        features.append(f"lca_pos:{lca.pos_}")
        features.extend(f"pathword:{lemma}" for lemma in middle)
        features.append(f"path_len:{_bucket(len(up) + len(down))}")
        if lca.i == subject.root.i or lca.i == obj.root.i:
            features.append("lca:is_mention")
    s_head, o_head = _list_head(subject.root), _list_head(obj.root)
    if (s_head.i, o_head.i) != (subject.root.i, obj.root.i):
        up, lca, down = _path(s_head, o_head)
        if lca is not None and len(up) + len(down) <= _PATH_LIMIT:
            deps = "".join(f"<{t.dep_}" for t in up) + "|" + "".join(f">{t.dep_}" for t in reversed(down))
            features.append(f"lpath:{deps}")
            features.append(f"lpath+lca:{deps}:{_lemma(lca)}")
            features.append(f"llca:{_lemma(lca)}")
            features.extend(f"lpathword:{_lemma(t)}" for t in (*up[1:], *down[1:]))
    features.extend(_mention_features(subject, "s"))
    features.extend(_mention_features(obj, "o"))
    return features


def _mention_features(span: Span, name: str) -> list[str]:
    """The features of one end of a pair (its role in the parse, its neighbours): the same in every
    pair the mention is part of, so they are computed once per mention and document."""
    doc = span.doc
    cache: dict[tuple[int, int, str], list[str]] = doc.user_data.setdefault(_MENTIONS, {})
    found = cache.get((span.start, span.end, name))
    if found is not None:
        return found
    root = span.root
    features = [f"{name}dep:{root.dep_}", f"{name}head:{_lemma(root.head)}",
                f"{name}head+dep:{_lemma(root.head)}:{root.dep_}"]
    if span.start > 0:
        features.append(f"{name}before:{_lemma(doc[span.start - 1])}")
    if span.start > 1:
        features.append(f"{name}before2:{_lemma(doc[span.start - 2])}")
    if span.end < len(doc):
        features.append(f"{name}after:{_lemma(doc[span.end])}")
    if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
        features.append(f"{name}list")
    modifiers = [c for c in root.children if c.dep_ in ("amod", "compound", "nmod", "appos")]
    features.extend(f"{name}mod:{_lemma(c)}" for c in modifiers if not c.ent_type_)
    cache[(span.start, span.end, name)] = features
    return features
