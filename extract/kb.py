"""The curated knowledge base of the AI ecosystem, shipped as data (``data/kb.jsonl``).

Each line is one entity: ``id`` (stable key), ``type`` (an :class:`EntityType` value),
``label``, ``aliases`` (any language), ``wikidata`` (``Q…`` or ``null``), optional
``exact_aliases`` (matched case-sensitively only, e.g. ``"Le Chat"``) and optional
``descriptions`` (role phrases that designate the entity, e.g. ``"French President"``).
The file is validated on load; errors name the file and line.

>>> kb = load_knowledge_base()
>>> kb.lookup("Open AI").id
'openai'
>>> kb["mark-zuckerberg"].wikidata
'Q36215'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import Errors, KnowledgeBaseError
from .normalize import compact
from .records import EntityType

__all__ = ["DEFAULT_KB_PATH", "KBEntry", "KnowledgeBase", "load_knowledge_base"]

DEFAULT_KB_PATH = Path(str(resources.files("aikg.extract").joinpath("data/kb.jsonl")))
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FIELDS = {"id", "type", "label", "aliases", "wikidata", "exact_aliases", "descriptions", "country", "public", "cldr"}


@dataclass(frozen=True)
class KBEntry:
    """One curated entity."""

    id: str
    type: EntityType
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    exact_aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    #: KB id of the entity's country: the country a place lies in, an organisation's headquarters
    #: (Wikidata P159); a country's own id for a country. None when unknown or international.
    country: str | None = None
    #: A government, public body or office holder (used to tell public from private money).
    public: bool = False
    #: Unicode CLDR territory code of a place ("MA", "011"), from which its names were generated.
    cldr: str | None = None

    @property
    def is_country(self) -> bool:
        return self.country == self.id

    @property
    def names(self) -> tuple[str, ...]:
        """Label, aliases and exact aliases (no descriptions)."""
        return (self.label, *self.aliases, *self.exact_aliases)


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """Entries by id plus a folded-alias index (``compact`` form -> entry ids)."""

    entries: dict[str, KBEntry]
    path: str = ""
    _index: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _descriptions: dict[str, str] = field(default_factory=dict, repr=False)
    #: Folded names by (length, first letter): a typing error rarely hits a name's first letter,
    #: and the look-up of a misspelt name compares a few names, not every one.
    _by_length: dict[tuple[int, str], list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[str]] = {}
        for entry in self.entries.values():
            for name in entry.names:
                ids = index.setdefault(compact(name), [])
                if entry.id not in ids:
                    ids.append(entry.id)
            for description in entry.descriptions:
                self._descriptions[compact(description)] = entry.id
        self._index.update({k: tuple(v) for k, v in index.items()})
        for key in self._index:
            if len(key) >= _MIN_MISSPELT - 1:
                self._by_length.setdefault((len(key), key[0]), []).append(key)

    def __getitem__(self, kb_id: str) -> KBEntry:
        return self.entries[kb_id]

    def __contains__(self, kb_id: object) -> bool:
        return kb_id in self.entries

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str, type_: EntityType | None = None) -> KBEntry | None:
        """The entry whose label or alias folds to ``name`` (preferring ``type_``), if any."""
        ids = self._index.get(compact(name), ())
        if not ids:
            return None
        if type_ is not None:
            for kb_id in ids:
                if self.entries[kb_id].type is type_:
                    return self.entries[kb_id]
        return self.entries[ids[0]]

    def lookup_misspelt(self, name: str, type_: EntityType) -> KBEntry | None:
        """The one entry of ``type_`` whose folded name is one typing error away from ``name``'s
        ("Nvivia", "Sundar Pinchai", "Lighstpeed Venture Partners"): news copy misspells the
        names it prints, and a well-known name one letter off is that name. Only names of six
        letters or more, with the right first letter, and only when a single entry is that close.

        >>> kb = KnowledgeBase({"nvidia": KBEntry("nvidia", EntityType.ORGANIZATION, "Nvidia")})
        >>> org = EntityType.ORGANIZATION
        >>> kb.lookup_misspelt("Nvivia", org).id, kb.lookup_misspelt("Nvidia AI", org)
        ('nvidia', None)
        """
        key = compact(name)
        if len(key) < _MIN_MISSPELT or key in self._index:
            return None
        found: set[str] = set()
        for length in (len(key) - 1, len(key), len(key) + 1):
            for other in self._by_length.get((length, key[0]), ()):
                if _one_edit(key, other):
                    found.update(i for i in self._index[other] if self.entries[i].type is type_)
        return self.entries[found.pop()] if len(found) == 1 else None

    def lookup_description(self, phrase: str) -> KBEntry | None:
        """The entry designated by a role phrase such as ``"French President"``, if any."""
        kb_id = self._descriptions.get(compact(phrase))
        return self.entries[kb_id] if kb_id else None


#: The shortest folded name that :meth:`KnowledgeBase.lookup_misspelt` reads as a misspelling.
_MIN_MISSPELT = 6


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one insertion, deletion, substitution or swap of
    two neighbouring letters (Damerau's typing errors).

    >>> _one_edit("lighstpeed", "lightspeed"), _one_edit("pinchai", "pichai"), _one_edit("abc", "abc")
    (True, True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1])
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return shorter[i:] == longer[i + 1 :]


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{name!r} must be a list of non-empty strings")
    return tuple(value)


def _parse_entry(raw: Any) -> KBEntry:
    if not isinstance(raw, dict):
        raise ValueError("each line must be a JSON object")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {sorted(unknown)}; valid fields are {sorted(_FIELDS)}")
    for key in ("id", "type", "label"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ValueError(f"missing or empty {key!r}")
    if not _ID.match(raw["id"]):
        raise ValueError(f"id {raw['id']!r} must be lowercase letters, digits and hyphens")
    try:
        type_ = EntityType(raw["type"])
    except ValueError:
        valid = [t.value for t in EntityType if t is not EntityType.MONETARY_AMOUNT]
        raise ValueError(f"type {raw['type']!r} is not one of {valid}") from None
    wikidata = raw.get("wikidata")
    if wikidata is not None and (not isinstance(wikidata, str) or not _WIKIDATA.match(wikidata)):
        raise ValueError(f"wikidata {wikidata!r} must look like 'Q42' or be null")
    return KBEntry(
        id=raw["id"],
        type=type_,
        label=raw["label"],
        aliases=_strings(raw.get("aliases", []), "aliases"),
        wikidata=wikidata,
        exact_aliases=_strings(raw.get("exact_aliases", []), "exact_aliases"),
        descriptions=_strings(raw.get("descriptions", []), "descriptions"),
        country=_optional_id(raw.get("country"), "country"),
        public=_flag(raw.get("public", False), "public"),
        cldr=_optional_code(raw.get("cldr")),
    )


def _optional_id(value: Any, name: str) -> str | None:
    if value is not None and (not isinstance(value, str) or not _ID.match(value)):
        raise ValueError(f"{name!r} must be the id of another entry or null, not {value!r}")
    return value


def _optional_code(value: Any) -> str | None:
    if value is not None and (not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}|[0-9]{3}", value)):
        raise ValueError(f"'cldr' must be a CLDR territory code ('MA', '011') or null, not {value!r}")
    return value


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name!r} must be true or false, not {value!r}")
    return value


def parse_knowledge_base(lines: list[str], path: str = "<memory>") -> KnowledgeBase:
    """Validate JSONL lines and build a :class:`KnowledgeBase`; raise :class:`KnowledgeBaseError`."""
    entries: dict[str, KBEntry] = {}
    line_of: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = _parse_entry(json.loads(line))
        except (ValueError, json.JSONDecodeError) as err:
            raise KnowledgeBaseError(Errors.E502.format(path=path, line=number, detail=err)) from err
        if entry.id in entries:
            raise KnowledgeBaseError(Errors.E503.format(kb_id=entry.id, path=path, line=number))
        entries[entry.id] = entry
        line_of[entry.id] = number
    for entry in entries.values():
        if entry.country is not None:
            target = entries.get(entry.country)
            if target is None or target.type is not EntityType.PLACE or target.country != target.id:
                raise KnowledgeBaseError(Errors.E502.format(
                    path=path, line=line_of[entry.id], detail=f"country {entry.country!r} is not a country entry"))
    return KnowledgeBase(entries=entries, path=path)


@lru_cache(maxsize=8)
def _load_cached(path: str) -> KnowledgeBase:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise KnowledgeBaseError(Errors.E501.format(path=path, detail=err.strerror or err)) from err
    return parse_knowledge_base(lines, path)


def load_knowledge_base(path: Path | str | None = None) -> KnowledgeBase:
    """Load and validate a knowledge base (the packaged one by default); cached per path."""
    return _load_cached(str(Path(path) if path is not None else DEFAULT_KB_PATH))
