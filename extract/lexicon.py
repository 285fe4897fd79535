"""Load the packaged lexicons and relation patterns (data files, validated on load).

The word lists the components use are data, not code (``data/lexicon.json``), so that a
linguist can extend them without reading Python. Relation patterns are JSON Lines
(``data/relation_patterns.jsonl``), one pattern a line as in spaCy's ``patterns.jsonl`` of the
``entity_ruler``: a change to one pattern is a one-line diff, and a malformed pattern is
reported with its file and line (``E509``). The type signatures of the predicates, which every
pattern shares, are in ``data/relation_signatures.json``.

>>> lex = load_lexicon()
>>> lex.roles["en"]["ceo"], lex.demonyms["parisienne"]
('leads', 'paris')
>>> patterns = load_relation_patterns()
>>> patterns.patterns[0]["id"], patterns.lines[0], sorted(patterns.signatures["leads"][0])
('dep:appos-role', 1, ['Person'])
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .coref import ReferenceSettings
from .errors import DataFileError, Errors
from .records import PREDICATES, EntityType

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "DEFAULT_LEXICON_PATH",
    "DEFAULT_PATTERNS_PATH",
    "DEFAULT_SIGNATURES_PATH",
    "Lexicon",
    "RelationPatterns",
    "load_lexicon",
    "load_relation_patterns",
    "words_field",
]

_DATA = resources.files("aikg.extract").joinpath("data")
DEFAULT_LEXICON_PATH = Path(str(_DATA.joinpath("lexicon.json")))
DEFAULT_PATTERNS_PATH = Path(str(_DATA.joinpath("relation_patterns.jsonl")))
DEFAULT_SIGNATURES_PATH = Path(str(_DATA.joinpath("relation_signatures.json")))
_TYPES = {t.value for t in EntityType}
_W = TypeVar("_W", bound="DataclassInstance")


def words_field(*names: str) -> frozenset[str]:
    """A field of a components' word-list dataclass that holds the words of the lists ``names`` of
    ``word_lists``, together: :meth:`Lexicon.read_words` fills it, so that a module declares which
    lists it reads next to what it calls them, and no module writes a builder of its own.

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Cues:
    ...     rounds: frozenset[str] = words_field("funding_nouns", "investment_nouns")
    >>> Cues().rounds  # a dataclass made without the lexicon has no words
    frozenset()
    """
    found: frozenset[str] = field(default=frozenset(), metadata={"words": names})
    return found


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
    #: Lowercase words allowed inside an unknown name ("Bank *of* America", "Caisse *des* Dépôts").
    name_connectors: frozenset[str]
    #: Words kept whole after "co-" by the tokenizer ("founded" for "co-founded"), with the
    #: lemma of the whole word ("co-found").
    co_words: dict[str, str]
    #: Words joining coordinated role nouns ("co-founder *and* chief executive").
    coordinators: frozenset[str]
    #: Words that end the search for the owner of a role phrase before it ("X *and* the CEO").
    clause_joiners: frozenset[str]
    #: Children of a verb that cancel the predicate it gives ("did *not* acquire").
    negations: frozenset[str]
    non_entity_heads: frozenset[str] = frozenset()
    #: Descriptions that can stand for an entity named elsewhere, by type and language.
    reference_nouns: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: Pronouns by language and the types they can stand for.
    pronouns: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: Other word lists used by the relation patterns (``$name`` placeholders), by language.
    word_lists: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: :meth:`words` and :meth:`words_of` answers, built once per list and language (components read them per document).
    _words: dict[tuple[str | tuple[str, ...], str | None], frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def words(self, name: str, lang: str | None = None) -> frozenset[str]:
        """The word list ``name`` of ``word_lists`` in ``lang`` (every language when ``None``),
        lowercased: the one way the components read their cue words.

        >>> "round" in load_lexicon().words("funding_nouns", "en")
        True
        """
        found = self._words.get((name, lang))
        if found is None:
            by_lang = self.word_lists.get(name, {})
            groups = by_lang.values() if lang is None else [by_lang.get(lang, [])]
            found = self._words[(name, lang)] = frozenset(w.lower() for group in groups for w in group)
        return found

    def words_of(self, lang: str | None, *names: str) -> frozenset[str]:
        """The words of several word lists in ``lang``, together (kept, like :meth:`words`; one
        list's are :meth:`words`' own set).

        >>> "round" in load_lexicon().words_of("en", "investment_nouns", "funding_nouns")
        True
        """
        if len(names) == 1:
            return self.words(names[0], lang)
        found = self._words.get((names, lang))
        if found is None:
            found = self._words[(names, lang)] = frozenset().union(*(self.words(name, lang) for name in names))
        return found

    def read_words(self, cls: type[_W], lang: str | None = None, **extra: Any) -> _W:
        """An instance of the word-list dataclass ``cls`` whose :func:`words_field` fields hold their
        lists' words in ``lang`` (every language when ``None``), the other fields given in ``extra``
        (words computed from other parts of the lexicon) or left to their defaults: the one reader
        of the components' word lists, so that a module adds a list with one line.

        >>> @dataclass(frozen=True)
        ... class Cues:
        ...     rounds: frozenset[str] = words_field("funding_nouns", "investment_nouns")
        ...     name_words: frozenset[str] = frozenset()
        >>> cues = load_lexicon().read_words(Cues, "en", name_words=frozenset({"labs"}))
        >>> "round" in cues.rounds, cues.name_words
        (True, frozenset({'labs'}))
        """
        lists = {f.name: self.words_of(lang, *f.metadata["words"]) for f in fields(cls)
                 if "words" in f.metadata and f.name not in extra}
        return cls(**lists, **extra)

    def reference_settings(self, lang: str) -> ReferenceSettings:
        """Descriptions and pronouns of ``lang`` for :func:`aikg.extract.coref.resolve_references`."""
        from .kb import load_knowledge_base  # the KB's countries: data of its own, read once

        return ReferenceSettings(
            nouns={label: frozenset(words.get(lang, [])) for label, words in self.reference_nouns.items()},
            pronouns={label: frozenset(words) for label, words in self.pronouns.get(lang, {}).items()},
            demonyms=dict(self.demonyms),
            countries={e.id: e.country for e in load_knowledge_base() if e.country},
            based_words=frozenset(w.lower() for w in self.based_words.get(lang, [])),
            kinds={**dict.fromkeys(self.words("giant_org_nouns", lang), "giant"),
                   **dict.fromkeys(self.words("young_org_nouns", lang), "young")},
            giants=self.words("established_companies"),
            founding_verbs=self.words("org_creation_verbs", lang) | self.words("join_verbs", lang),
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
            name_connectors=frozenset(raw["name_connectors"]),
            co_words=dict(raw["co_words"]),
            coordinators=frozenset(raw["coordinators"]),
            clause_joiners=frozenset(raw["clause_joiners"]),
            negations=frozenset(raw["negations"]),
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


@dataclass(frozen=True)
class RelationPatterns:
    """Validated relation patterns, the line each was read from, and the predicates' signatures."""

    path: Path
    #: Predicate -> (subject types, object types).
    signatures: dict[str, tuple[frozenset[str], frozenset[str]]]
    #: The patterns as read (placeholders not filled); shared by every caller: copy to change.
    patterns: tuple[dict[str, Any], ...]
    #: ``lines[i]`` is the line of ``path`` that holds ``patterns[i]``.
    lines: tuple[int, ...]


#: Keys of a pattern line and the JSON types of their values (``None``: the key is optional).
_PATTERN_KEYS: dict[str, tuple[tuple[type, ...], bool]] = {
    "id": ((str,), True),
    "kind": ((str,), True),
    "lang": ((list,), True),
    "predicate": ((str,), True),
    "trigger": ((str, type(None)), True),
    "confidence": ((int, float), True),
    "pattern": ((list,), True),
    "subject": ((str,), False),
    "object": ((str,), False),
    "conjuncts": ((bool,), False),
    "objects_listed_before": ((bool,), False),
}
_PREDICATE_PLACEHOLDERS = frozenset({"$role", "$verb"})


def _check_pattern(raw: Any) -> None:
    """Raise ``ValueError`` naming what is wrong with one pattern line (already parsed)."""
    if not isinstance(raw, dict):
        raise ValueError("each line must be a JSON object")
    unknown = set(raw) - set(_PATTERN_KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {sorted(unknown)}; valid keys are {sorted(_PATTERN_KEYS)}")
    for key, (types, required) in _PATTERN_KEYS.items():
        if key not in raw:
            if required:
                raise ValueError(f"missing {key!r}")
            continue
        value = raw[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise ValueError(f"{key!r} must be {' or '.join(t.__name__ for t in types)}, not {value!r}")
    if raw["kind"] not in {"dep", "token"}:
        raise ValueError(f"pattern {raw['id']!r}: kind must be 'dep' or 'token', not {raw['kind']!r}")
    predicate = raw["predicate"]
    if predicate not in PREDICATES and predicate not in _PREDICATE_PLACEHOLDERS:
        raise ValueError(
            f"pattern {raw['id']!r}: unknown predicate {predicate!r}; expected one of "
            f"{sorted(PREDICATES | _PREDICATE_PLACEHOLDERS)}"
        )
    if not raw["lang"] or not all(isinstance(lang, str) for lang in raw["lang"]):
        raise ValueError(f"pattern {raw['id']!r}: 'lang' must be a non-empty list of language codes")
    if not (math.isfinite(raw["confidence"]) and 0.0 <= raw["confidence"] <= 1.0):
        raise ValueError(f"pattern {raw['id']!r}: confidence {raw['confidence']} is outside [0, 1]")
    nodes = raw["pattern"]
    if not nodes or not all(isinstance(node, dict) and node for node in nodes):
        raise ValueError(f"pattern {raw['id']!r}: 'pattern' must be a non-empty list of non-empty objects")
    if raw["kind"] == "dep" and not all(isinstance(node.get("RIGHT_ID"), str) for node in nodes):
        raise ValueError(f"pattern {raw['id']!r}: every node of a 'dep' pattern needs a RIGHT_ID")


@lru_cache(maxsize=4)
def _load_patterns(path: str, signatures_path: str) -> RelationPatterns:
    raw = _read_json(Path(signatures_path))
    try:
        signatures = raw["signatures"]
        if set(signatures) - PREDICATES:
            raise ValueError(f"unknown predicate(s) in signatures: {sorted(set(signatures) - PREDICATES)}")
        typed = {pred: (frozenset(sig[0]), frozenset(sig[1])) for pred, sig in signatures.items()}
    except (KeyError, TypeError, ValueError, IndexError) as err:
        raise DataFileError(Errors.E504.format(path=signatures_path, detail=err)) from err
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise DataFileError(Errors.E504.format(path=path, detail=err)) from err
    patterns: list[dict[str, Any]] = []
    numbers: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pattern = json.loads(line)
            _check_pattern(pattern)
        except ValueError as err:  # json.JSONDecodeError is a ValueError
            raise DataFileError(Errors.E509.format(path=path, line=number, detail=err)) from err
        patterns.append(pattern)
        numbers.append(number)
    return RelationPatterns(Path(path), typed, tuple(patterns), tuple(numbers))


def load_relation_patterns(
    path: Path | str | None = None, signatures_path: Path | str | None = None
) -> RelationPatterns:
    """Load and validate ``relation_patterns.jsonl`` and ``relation_signatures.json``; cached per path.

    A malformed line raises :class:`~aikg.extract.errors.DataFileError` ``E509`` with its file and line.
    """
    return _load_patterns(str(path or DEFAULT_PATTERNS_PATH), str(signatures_path or DEFAULT_SIGNATURES_PATH))
