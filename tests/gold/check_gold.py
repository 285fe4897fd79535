"""Check the gold annotation files against the rules in tests/gold/README.md.

Run from the repository root::

    .venv/bin/python tests/gold/check_gold.py

It checks that every line of ``seeds.jsonl`` and ``sample.jsonl`` parses; that entity types,
predicates, amounts and the ontology's domains and ranges are respected; that every relation's
subject and object are entities of the same document; that every ``leads``/``founded`` fact about
a person and an organisation has its ``worksFor``; and that every sample article has front matter
with title, date, language and source, a body of 180-350 words, and a gold line (and vice versa).
It prints one line per problem and exits with status 1 if there is any. It is a plain script, not
a pytest module, so that it needs nothing but the standard library and PyYAML.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from aikg.extract.records import PREDICATES, EntityType

GOLD = Path(__file__).resolve().parent
REPO = GOLD.parents[1]
SAMPLE = REPO / "corpus" / "sample"
SEEDS = REPO.parent / "shared" / "seeds"

TYPES = {t.value for t in EntityType}
#: (allowed subject types, allowed object types); None = any type (as in graph/ontology.ttl).
SIGNATURES: dict[str, tuple[set[str] | None, set[str] | None]] = {
    "leads": ({"Person"}, {"Organization"}),
    "founded": ({"Person"}, {"Organization"}),
    "worksFor": ({"Person"}, {"Organization"}),
    "investsIn": ({"Person", "Organization"}, {"Organization"}),
    "raised": ({"Organization"}, {"MonetaryAmount"}),
    "basedIn": ({"Organization"}, {"Place"}),
    "develops": ({"Organization"}, {"Product"}),
    "partnerOf": ({"Organization"}, {"Organization"}),
    "acquired": ({"Organization"}, {"Organization", "Product"}),
    "attended": ({"Person", "Organization"}, {"Event"}),
    "heldIn": ({"Event"}, {"Place"}),
    "announced": ({"Person", "Organization", "Place"}, {"MonetaryAmount", "Product", "Event"}),
}
FRONT_MATTER_KEYS = ("title", "date", "language", "source")
MIN_WORDS, MAX_WORDS = 180, 350


ROUND_KEYS = {"company", "amount", "currency", "stage", "date", "leads", "participants", "valuation"}


def _check_rounds(rounds: Any, types: dict[str, str], where: str) -> list[str]:
    """Funding rounds as the document reports them (``extract/rounds.py``): company and investors
    among the entities, a stage from the known ones, an ISO date."""
    problems: list[str] = []
    for found in rounds if isinstance(rounds, list) else [rounds]:
        if not isinstance(found, dict) or "company" not in found or not set(found) <= ROUND_KEYS:
            problems.append(f"{where}: a round is an object with a company and keys among {sorted(ROUND_KEYS)}")
            continue
        names = [found["company"], *found.get("leads", []), *found.get("participants", [])]
        problems += [f"{where}: round name {n!r} is not among the entities" for n in names if n not in types]
        stage = found.get("stage")
        if stage is not None and not re.fullmatch(r"pre-seed|seed|series-[a-h]|debt|grant", stage):
            problems.append(f"{where}: round stage {stage!r} is not pre-seed, seed, series-a..h, debt or grant")
        if "date" in found and not re.fullmatch(r"\d{4}-\d\d-\d\d", str(found["date"])):
            problems.append(f"{where}: round date {found['date']!r} is not YYYY-MM-DD")
    return problems


def check_document(record: Any, where: str) -> list[str]:
    """Problems in one gold record (one line of a JSONL file)."""
    if not isinstance(record, dict) or not {"document", "entities", "relations"} <= set(record) <= {
            "document", "entities", "relations", "rounds"}:
        return [f"{where}: expected an object with keys document, entities, relations (and rounds)"]
    problems: list[str] = []
    types: dict[str, str] = {}
    for entity in record["entities"]:
        name, etype = entity.get("name"), entity.get("type")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: entity without a name: {entity}")
            continue
        if etype not in TYPES:
            problems.append(f"{where}: {name!r} has unknown type {etype!r}")
        if name in types:
            problems.append(f"{where}: {name!r} is listed twice")
        types[name] = str(etype)
        if etype == "MonetaryAmount":
            problems += _check_amount(entity, where)
        elif set(entity) != {"name", "type"}:
            problems.append(f"{where}: {name!r} has unexpected keys {sorted(set(entity) - {'name', 'type'})}")
    seen: set[tuple[str, str, str]] = set()
    for relation in record["relations"]:
        subject, predicate, obj = relation.get("subject"), relation.get("predicate"), relation.get("object")
        fact = f"{subject} {predicate} {obj}"
        if not {"subject", "predicate", "object"} <= set(relation) <= {"subject", "predicate", "object", "status"}:
            problems.append(f"{where}: relation with unexpected keys: {relation}")
        if relation.get("status", "former") != "former":
            problems.append(f"{where}: {fact!r}: status is 'former' or absent (current)")
        if predicate not in PREDICATES:
            problems.append(f"{where}: unknown predicate in {fact!r}")
            continue
        if subject not in types or obj not in types:
            problems.append(f"{where}: subject or object of {fact!r} is not among the entities")
            continue
        if (subject, predicate, obj) in seen:
            problems.append(f"{where}: duplicate relation {fact!r}")
        seen.add((subject, predicate, obj))
        if subject == obj:
            problems.append(f"{where}: relation from an entity to itself: {fact!r}")
        allowed_subjects, allowed_objects = SIGNATURES[predicate]
        if allowed_subjects is not None and types[subject] not in allowed_subjects:
            problems.append(f"{where}: {fact!r}: subject type {types[subject]} not allowed")
        if allowed_objects is not None and types[obj] not in allowed_objects:
            problems.append(f"{where}: {fact!r}: object type {types[obj]} not allowed")
    problems += _check_rounds(record.get("rounds", []), types, where)
    for subject, predicate, obj in seen:
        if predicate in {"leads", "founded"} and (subject, "worksFor", obj) not in seen:
            problems.append(f"{where}: {subject} {predicate} {obj} has no matching worksFor")
    return problems


def _check_amount(entity: dict[str, Any], where: str) -> list[str]:
    name, value, currency = entity["name"], entity.get("value"), entity.get("currency")
    problems = []
    if not isinstance(value, str) or not re.fullmatch(r"\d+(\.\d+)?", value):
        problems.append(f"{where}: amount {name!r} needs a decimal string value, got {value!r}")
    else:
        try:
            Decimal(value)
        except InvalidOperation:
            problems.append(f"{where}: amount {name!r} has an unparsable value {value!r}")
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
        problems.append(f"{where}: amount {name!r} needs an ISO 4217 currency, got {currency!r}")
    return problems


def check_gold_file(path: Path, folder: Path | None) -> tuple[list[str], list[str]]:
    """Problems in one JSONL file and the documents it names (checked against ``folder`` if given)."""
    problems: list[str] = []
    names: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{number}"
        if not line.strip():
            problems.append(f"{where}: empty line")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"{where}: invalid JSON ({err.msg})")
            continue
        problems += check_document(record, where)
        name = record.get("document") if isinstance(record, dict) else None
        if isinstance(name, str):
            if name in names:
                problems.append(f"{where}: document {name!r} appears twice")
            names.append(name)
            if folder is not None and not (folder / name).is_file():
                problems.append(f"{where}: no file {name!r} in {folder}")
    return problems, names


def check_article(path: Path) -> list[str]:
    """Front matter and length of one sample article."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.DOTALL)
    if not match:
        return [f"{path.name}: no YAML front matter"]
    meta = yaml.safe_load(match.group(1))
    problems = []
    if not isinstance(meta, dict):
        return [f"{path.name}: front matter is not a mapping"]
    for key in FRONT_MATTER_KEYS:
        if not meta.get(key):
            problems.append(f"{path.name}: front matter lacks {key!r}")
    if meta.get("language") not in {"en", "fr"}:
        problems.append(f"{path.name}: language must be 'en' or 'fr', got {meta.get('language')!r}")
    if not str(meta.get("source", "")).startswith("https://"):
        problems.append(f"{path.name}: source must be an https URL")
    words = len(match.group(2).split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        problems.append(f"{path.name}: body has {words} words, expected {MIN_WORDS}-{MAX_WORDS}")
    return problems


def main() -> int:
    problems: list[str] = []
    seed_problems, _ = check_gold_file(GOLD / "seeds.jsonl", SEEDS if SEEDS.is_dir() else None)
    sample_problems, sample_names = check_gold_file(GOLD / "sample.jsonl", SAMPLE)
    problems += seed_problems + sample_problems
    articles = sorted(SAMPLE.glob("*.md"))
    for article in articles:
        problems += check_article(article)
    missing = sorted({a.name for a in articles} - set(sample_names))
    if missing:
        problems.append(f"sample.jsonl has no line for {missing}")
    for problem in problems:
        print(problem)
    if not SEEDS.is_dir():
        print(f"note: {SEEDS} is absent, seed file names were not checked")
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
