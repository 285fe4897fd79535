"""Place entries of the knowledge base generated from Unicode CLDR (through ``babel``).

Why: news in French names places in French ("Maroc", "Afrique de l'Ouest", "Égypte") and the
graph names them by one KB label in English ("Morocco", "West Africa", "Egypt"). A hand-written
list of places knew some countries and missed the rest; CLDR's territory names (every country,
continent and UN sub-region, in English and French) are maintained by Unicode and shipped with
``babel``, so the KB's places grow from them as data instead of one alias at a time.

Run ``python -m aikg.extract.cldr_places`` to rewrite ``data/kb.jsonl`` in place: entries that
exist keep their id, label, Wikidata id and aliases and only gain the CLDR names they lack and
their CLDR code (``cldr``); territories the KB did not have are appended. A name that would
designate two entries (another territory's, or any other KB entry's) is left out, as are names
that are also common first names or words (:data:`AMBIGUOUS`) and codes that are no place
(:data:`NOT_PLACES`). :data:`BUSINESS_REGIONS` adds the regions news uses that CLDR lacks
("Middle East", "Asia-Pacific", "MENA").
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .kb import DEFAULT_KB_PATH
from .normalize import compact, slug

__all__ = ["ALT_NAMES", "AMBIGUOUS", "BUSINESS_REGIONS", "NOT_PLACES", "merge_places", "name_variants",
           "territory_names"]

#: CLDR codes that are no place an article locates something in: the world ("Monde" is also the
#: newspaper), unions and organisations, statistical groupings, the unknown region.
NOT_PLACES = frozenset({"001", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})

#: Territory names that are also common first names or words, which a capitalised word at a
#: sentence start or in a person's name would match ("Chad", "Maurice", "Réunion" = meeting).
AMBIGUOUS = frozenset({
    "Chad", "Jordan", "Georgia", "Jersey", "Guernsey", "Maurice", "Dominique", "Réunion", "La Réunion",
    "Guinée", "Guinea", "Congo", "Salvador", "Grenade", "Géorgie",
})

#: English names that CLDR keeps as ``alt="variant"`` / ``alt="short"`` forms, which babel does
#: not ship (the two Congos spelt out rather than CLDR's bracketed "Congo (DRC)").
ALT_NAMES = {"TR": ("Turkey",), "CI": ("Ivory Coast",), "CZ": ("Czech Republic",), "SZ": ("Swaziland",),
             "TL": ("East Timor",), "PS": ("Palestine",), "CD": ("DR Congo", "Democratic Republic of the Congo"),
             "CG": ("Republic of the Congo",)}

#: Regions of business news that CLDR has no code for: (id, English label, aliases, Wikidata id).
BUSINESS_REGIONS: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
    ("middle-east", "Middle East", ("Moyen-Orient", "Proche-Orient", "Near East"), "Q7204"),
    ("asia-pacific", "Asia-Pacific", ("Asia Pacific", "APAC", "Asie-Pacifique", "Asie Pacifique"), None),
    ("mena", "MENA", (), None),  # not "Middle East and North Africa": two places named, as written
    ("maghreb", "Maghreb", (), None),
    ("gulf-region", "Gulf region", ("Gulf states", "pays du Golfe"), None),
)

#: Compass adjectives of CLDR's sub-region names and the shorter form news writes ("Western
#: Africa" -> "West Africa", "Afrique occidentale" -> "Afrique de l'Ouest").
_COMPASS_EN = {"Western": "West", "Eastern": "East", "Northern": "North", "Southern": "South"}
#: Continents whose sub-regions English names by the short form ("West Africa", "East Asia"; but
#: "Western Europe"): the short form is the label of these.
_SHORT_FORM_CONTINENTS = frozenset({"Africa", "Asia"})
_COMPASS_FR = {"occidentale": "de l’Ouest", "orientale": "de l’Est", "septentrionale": "du Nord",
               "méridionale": "du Sud", "australe": "du Sud"}


def name_variants(name: str) -> list[str]:
    """``name`` and the forms of it that news writes (CLDR keeps one form per language).

    >>> name_variants("Myanmar (Burma)")
    ['Myanmar (Burma)', 'Myanmar', 'Burma']
    >>> name_variants("Western Africa"), name_variants("Afrique occidentale")
    (['Western Africa', 'West Africa'], ['Afrique occidentale', 'Afrique de l’Ouest'])
    >>> name_variants("Hong Kong SAR China"), name_variants("R.A.S. chinoise de Macao")
    (['Hong Kong SAR China', 'Hong Kong'], ['R.A.S. chinoise de Macao', 'Macao'])
    >>> name_variants("St. Kitts & Nevis")
    ['St. Kitts & Nevis', 'St. Kitts and Nevis', 'Saint Kitts & Nevis', 'Saint Kitts and Nevis']
    """
    out = [name]
    bracket = re.fullmatch(r"(.+?) \(([A-Z].+)\)", name)  # a name in brackets, not "(partie néerlandaise)"
    if bracket:
        out += [bracket.group(1), bracket.group(2)]
    for pattern in (r"(.+) SAR China", r"R\.A\.S\. chinoise de (.+)"):
        found = re.fullmatch(pattern, name)
        if found:
            out.append(found.group(1))
    words = name.split()
    if len(words) == 2 and words[0] in _COMPASS_EN:
        out.append(f"{_COMPASS_EN[words[0]]} {words[1]}")
    if len(words) == 2 and words[1] in _COMPASS_FR:
        out.append(f"{words[0]} {_COMPASS_FR[words[1]]}")
    if "&" in name:
        out.append(name.replace("&", "and"))
    for form in list(out):
        if form.startswith("St. "):
            out.append("Saint " + form[4:])
    return list(dict.fromkeys(out))


def territory_names() -> dict[str, tuple[str, list[str]]]:
    """CLDR code -> (English name, English and French names with their variants)."""
    from babel import Locale

    english, french = Locale("en").territories, Locale("fr").territories
    codes = [code for code in english if isinstance(code, str) and code not in NOT_PLACES and code in french]
    # a form derived from one territory's name is never another's own name ("Southern Africa"
    # gives no "South Africa")
    given = {compact(n) for code in codes for n in (english[code], french[code], *ALT_NAMES.get(code, ()))}
    out: dict[str, tuple[str, list[str]]] = {}
    for code in codes:
        own = (english[code], french[code], *ALT_NAMES.get(code, ()))
        names = [v for n in own for v in name_variants(n) if v in own or compact(v) not in given]
        label, words = english[code], english[code].split()
        if len(words) == 2 and words[0] in _COMPASS_EN and words[1] in _SHORT_FORM_CONTINENTS:
            short = f"{_COMPASS_EN[words[0]]} {words[1]}"
            label = short if short in names else label
        out[code] = (label, list(dict.fromkeys(names)))
    return out


def merge_places(entries: list[dict[str, Any]], territories: dict[str, tuple[str, list[str]]],
                 regions: Iterable[tuple[str, str, tuple[str, ...], str | None]] = BUSINESS_REGIONS,
                 ) -> list[dict[str, Any]]:
    """``entries`` (KB lines as dicts) with the territories merged in: an existing Place that
    answers to one of a territory's names gains the names it lacks and the code; the others are
    appended. Names that two entries would answer to, and :data:`AMBIGUOUS` names, are skipped.

    >>> kb = [{"id": "japan", "type": "Place", "label": "Japan", "aliases": [], "wikidata": "Q17"}]
    >>> out = merge_places(kb, {"JP": ("Japan", ["Japan", "Japon"]), "MA": ("Morocco", ["Morocco", "Maroc"])}, ())
    >>> out[0]["aliases"], out[0]["cldr"], out[1]["id"], out[1]["aliases"]
    (['Japon'], 'JP', 'morocco', ['Maroc'])
    """
    entries = [dict(e) for e in entries]
    owners: dict[str, set[str]] = {}  # folded name -> ids of the entries (or codes) it names
    for line in entries:
        for name in (line["label"], *line.get("aliases", []), *line.get("exact_aliases", [])):
            owners.setdefault(compact(name), set()).add(line["id"])
    for code, (_, names) in territories.items():
        for name in names:
            owners.setdefault(compact(name), set()).add(code)
    places = {e["id"]: e for e in entries if e["type"] == "Place"}
    ids = {e["id"] for e in entries}
    for code, (label, names) in territories.items():
        existing = next((places[i] for n in names for i in sorted(owners[compact(n)]) if i in places), None)
        mine = {code} | ({existing["id"]} if existing else set())
        usable = [n for n in names if n not in AMBIGUOUS and owners[compact(n)] <= mine]
        if existing is not None:
            known = {compact(n) for n in (existing["label"], *existing.get("aliases", []))}
            new = [n for n in _dedupe(usable) if compact(n) not in known]
            existing["aliases"] = [*existing.get("aliases", []), *new]
            existing["cldr"] = code
            continue
        if compact(label) not in {compact(n) for n in usable}:
            continue  # its English name is another entry's: nothing to add under that label
        kb_id = slug(label)
        if kb_id in ids:
            kb_id = f"{kb_id}-{code.lower()}"
        ids.add(kb_id)
        entry: dict[str, Any] = {"id": kb_id, "type": "Place", "label": label,
                                 "aliases": _dedupe([label, *usable])[1:], "wikidata": None, "cldr": code}
        if code.isalpha():
            entry["country"] = kb_id  # a two-letter code is a country or territory of its own
        entries.append(entry)
        places[kb_id] = entry
    for kb_id, label, aliases, wikidata in regions:
        if kb_id in ids or any(owners.get(compact(n)) for n in (label, *aliases)):
            continue
        entries.append({"id": kb_id, "type": "Place", "label": label, "aliases": list(aliases),
                        "wikidata": wikidata})
        ids.add(kb_id)
    return entries


def _dedupe(names: list[str]) -> list[str]:
    """Names that fold to different keys, first form kept."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(compact(name), name)
    return list(kept.values())


def main(path: Path = DEFAULT_KB_PATH) -> int:
    """Rewrite the KB file at ``path`` with CLDR's places merged in."""
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines if line.strip()]
    merged = merge_places(entries, territory_names())
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in merged), encoding="utf-8")
    print(f"{path}: {len(entries)} -> {len(merged)} entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_KB_PATH))
