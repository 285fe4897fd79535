"""Load the packaged lexicons and relation patterns (data files, validated on load).

>>> lex = load_lexicon()
>>> lex.roles["en"]["ceo"], lex.demonyms["parisienne"]
('leads', 'paris')
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .coref import ReferenceSettings
from .errors import DataFileError, Errors
from .records import PREDICATES, EntityType

__all__ = ["DEFAULT_LEXICON_PATH", "DEFAULT_PATTERNS_PATH", "Lexicon", "load_lexicon", "load_relation_patterns"]

_DATA = resources.files("aikg.extract").joinpath("data")
DEFAULT_LEXICON_PATH = Path(str(_DATA.joinpath("lexicon.json")))
DEFAULT_PATTERNS_PATH = Path(str(_DATA.joinpath("relation_patterns.json")))
_TYPES = {t.value for t in EntityType}


@dataclass(frozen=True)
class Lexicon:
    """Word lists used by the clean-up and relation components."""

    roles: dict[str, dict[str, str]]
    role_links: dict[str, list[str]]
    verbs: dict[str, dict[str, list[str]]]
    based_words: dict[str, list[str]]
    demonyms: dict[str, str]
    org_nouns: dict[str, list[str]]
    attendee_nouns: list[str]
    subject_pronouns: dict[str, list[str]]
    relative_pronouns: list[str]
    not_entities: frozenset[str]
    strip_leading: frozenset[str]
    strip_trailing: frozenset[str]
    org_suffixes: frozenset[str]
    event_words: frozenset[str]
    title_words: dict[str, str]
    non_entity_heads: frozenset[str] = frozenset()
    #: Descriptions that can stand for an entity named elsewhere, by type and language.
    reference_nouns: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: Pronouns by language and the types they can stand for.
    pronouns: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: Other word lists used by the relation patterns (``$name`` placeholders), by language.
    word_lists: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def reference_settings(self, lang: str) -> ReferenceSettings:
        """Descriptions and pronouns of ``lang`` for :func:`aikg.extract.coref.resolve_references`."""
        return ReferenceSettings(
            nouns={label: frozenset(words.get(lang, [])) for label, words in self.reference_nouns.items()},
            pronouns={label: frozenset(words) for label, words in self.pronouns.get(lang, {}).items()},
        )

    def role_heads(self, lang: str) -> list[str]:
        """Last words of the role phrases of ``lang`` (what a matcher looks for)."""
        return sorted({phrase.split()[-1] for phrase in self.roles.get(lang, {})})

    def placeholders(self, lang: str) -> dict[str, list[str]]:
        """Values for the ``$name`` placeholders of the relation patterns."""
        return {
            "$role_heads": self.role_heads(lang),
            "$role_links": self.role_links.get(lang, []),
            "$verbs": sorted(self.verbs.get(lang, {})),
            "$based_words": self.based_words.get(lang, []),
            "$demonyms": sorted(self.demonyms),
            "$org_nouns": self.org_nouns.get(lang, []),
            "$attendee_nouns": self.attendee_nouns,
            "$relative_pronouns": self.relative_pronouns,
            "$subject_pronouns": self.subject_pronouns.get(lang, []),
            "$entity_types": sorted(_TYPES),
            **{f"${name}": words.get(lang, []) for name, words in self.word_lists.items()},
            **{f"$ref_{label.lower()}": words.get(lang, []) for label, words in self.reference_nouns.items()},
        }


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataFileError(Errors.E504.format(path=path, detail=err)) from err


@lru_cache(maxsize=4)
def _load_lexicon(path: str) -> Lexicon:
    raw = _read_json(Path(path))
    try:
        for lang_roles in raw["roles"].values():
            bad = {p for p in lang_roles.values() if p not in PREDICATES}
            if bad:
                raise ValueError(f"unknown role predicate(s) {sorted(bad)}")
        for lang_verbs in raw["verbs"].values():
            bad = {p for preds in lang_verbs.values() for p in preds if p not in PREDICATES}
            if bad:
                raise ValueError(f"unknown verb predicate(s) {sorted(bad)}")
        return Lexicon(
            roles=raw["roles"],
            role_links=raw["role_links"],
            verbs=raw["verbs"],
            based_words=raw["based_words"],
            demonyms=raw["demonyms"],
            org_nouns=raw["org_nouns"],
            attendee_nouns=raw["attendee_nouns"],
            subject_pronouns=raw["subject_pronouns"],
            relative_pronouns=raw["relative_pronouns"],
            not_entities=frozenset(raw["not_entities"]),
            strip_leading=frozenset(raw["strip_leading"]),
            strip_trailing=frozenset(raw["strip_trailing"]),
            org_suffixes=frozenset(raw["org_suffixes"]),
            event_words=frozenset(raw["event_words"]),
            title_words=raw["title_words"],
            non_entity_heads=frozenset(raw.get("non_entity_heads", [])),
            reference_nouns=raw.get("reference_nouns", {}),
            pronouns=raw.get("pronouns", {}),
            word_lists=raw.get("word_lists", {}),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise DataFileError(Errors.E504.format(path=path, detail=err)) from err


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """Load and validate ``lexicon.json`` (the packaged one by default); cached per path."""
    return _load_lexicon(str(path or DEFAULT_LEXICON_PATH))


@lru_cache(maxsize=4)
def _load_patterns(path: str) -> dict[str, Any]:
    raw = _read_json(Path(path))
    try:
        signatures = raw["signatures"]
        if set(signatures) - PREDICATES:
            raise ValueError(f"unknown predicate(s) in signatures: {sorted(set(signatures) - PREDICATES)}")
        for pattern in raw["patterns"]:
            if pattern["kind"] not in {"dep", "token"}:
                raise ValueError(f"pattern {pattern['id']!r}: kind must be 'dep' or 'token'")
            predicate = pattern["predicate"]
            if not predicate.startswith("$") and predicate not in PREDICATES:
                raise ValueError(f"pattern {pattern['id']!r}: unknown predicate {predicate!r}")
            if not isinstance(pattern["pattern"], list) or not pattern["pattern"]:
                raise ValueError(f"pattern {pattern['id']!r}: empty pattern")
    except (KeyError, TypeError, ValueError) as err:
        raise DataFileError(Errors.E504.format(path=path, detail=err)) from err
    return dict(raw)


def load_relation_patterns(path: Path | str | None = None) -> dict[str, Any]:
    """Load and validate ``relation_patterns.json``; cached per path."""
    return _load_patterns(str(path or DEFAULT_PATTERNS_PATH))
