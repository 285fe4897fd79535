"""Knowledge-base names as patterns for spaCy's ``entity_ruler`` (not a component of its own).

The knowledge base is data (``data/kb.jsonl``); these functions turn its names into the
patterns that two ``entity_ruler`` components match (see
:func:`aikg.extract.pipeline.build_pipeline`), with the case policy that keeps common words from
becoming entities.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from ..kb import KnowledgeBase
from ..normalize import fold

__all__ = ["kb_patterns", "kb_phrase_patterns"]

#: Articles that open some names ("The Guardian", "La Tribune"): such names are matched as written.
_ARTICLES = frozenset({"the", "la", "le", "les"})


def kb_patterns(kb: KnowledgeBase, make_doc: Callable[[str], Doc]) -> list[dict[str, Any]]:
    """Token patterns for ``entity_ruler`` from the knowledge base (label = type, id = KB id).

    A one-word alias written in lowercase or Title case (``"Meta"``, ``"Grok"``) is matched
    case-sensitively (as written or in capitals) so that common words do not become entities;
    other aliases (``"OpenAI"``, ``"Mistral AI"``) are matched on lowercase, with an
    accent-free variant. ``exact_aliases`` are always matched as written.
    """
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(entry_id: str, label: str, tokens: list[dict[str, str]]) -> None:
        key = (entry_id, repr(tokens))
        if key not in seen:
            seen.add(key)
            patterns.append({"label": label, "pattern": tokens, "id": entry_id})

    for entry in kb:
        label = entry.type.value
        for alias in entry.exact_aliases:
            add(entry.id, label, [{"ORTH": t.text} for t in make_doc(alias)])
        for alias in (entry.label, *entry.aliases):
            if alias in entry.exact_aliases:
                continue
            words = [t.text for t in make_doc(alias)]
            if not words:
                continue
            single = len(words) == 1
            if single and (alias.istitle() or alias.islower()) and alias.isalpha():
                add(entry.id, label, [{"ORTH": alias}])
                add(entry.id, label, [{"ORTH": alias.upper()}])
                continue
            if single and alias.isupper() and len(alias) <= 4:
                add(entry.id, label, [{"ORTH": alias}])
                continue
            if not single and words[0].lower() in _ARTICLES and all(w[:1].isupper() for w in words[1:]):
                # "The Information", "The Guardian": common words after an article, matched as
                # written (the article in either case) so that "the information" is no entity
                add(entry.id, label, [{"ORTH": w} for w in words])
                add(entry.id, label, [{"ORTH": words[0].lower()}, *({"ORTH": w} for w in words[1:])])
                continue
            add(entry.id, label, [{"LOWER": w.lower()} for w in words])
            folded = [fold(w) for w in words]
            if folded != [w.lower() for w in words]:
                add(entry.id, label, [{"LOWER": w} for w in folded])
    return patterns


def kb_phrase_patterns(
    kb: KnowledgeBase, make_doc: Callable[[str], Doc]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """:func:`kb_patterns` as phrase patterns: ``(case-sensitive, lowercase)`` for two ``entity_ruler``.

    >>> from aikg.extract.kb import load_knowledge_base
    >>> import spacy
    >>> exact, lower = kb_phrase_patterns(load_knowledge_base(), spacy.blank("en").make_doc)
    >>> {"label": "Organization", "pattern": "Meta", "id": "meta"} in exact
    True
    >>> {"label": "Organization", "pattern": "mistral ai", "id": "mistral-ai"} in lower
    True
    """
    exact: list[dict[str, Any]] = []
    lower: list[dict[str, Any]] = []
    for pattern in kb_patterns(kb, make_doc):
        tokens = pattern["pattern"]
        if all("ORTH" in t for t in tokens):
            exact.append({**pattern, "pattern": _phrase([t["ORTH"] for t in tokens], make_doc)})
        else:
            lower.append({**pattern, "pattern": _phrase([t["LOWER"] for t in tokens], make_doc)})
    return exact, lower


def _phrase(words: list[str], make_doc: Callable[[str], Doc]) -> str:
    """The text whose tokens are ``words``: the ruler tokenizes a phrase pattern again, and an
    elided article written apart ("l’ action") is not the token "l’" of "l’action"."""
    text = " ".join(words)
    if [t.text for t in make_doc(text)] == words:
        return text
    return "".join(w if w.endswith(("'", "’")) else w + " " for w in words).strip()

