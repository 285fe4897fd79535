"""Extraction quality on the development set (``tests/gold/dev/``), as ``aikg eval`` scores it.

``python -m benchmarks.devset [--texts DIR] [--split dev|heldout|unseen|check|final|fresh|next|probe|all] [--errors]
[--skip-missing]``

The gold files hold facts and URLs only; the article texts (excerpts) live outside the
repository, by default in ``../scratch/devset/texts/<document>`` (see ``docs/devset.md`` for how
to fetch them again). The script copies the texts of the chosen split to a temporary folder,
builds a temporary store from it with ``python -m aikg build -j 1 --quiet``, reads the store back with
:func:`aikg.evaluation.predictions_from_store` and scores it with
:func:`aikg.extract.evaluate.score`, the same calls as ``aikg eval``. It prints entity and
relation precision / recall / F1 overall, per language, per entity type and per predicate
(relation recall as found/total of the gold relations). ``--errors`` then prints the list that
``aikg eval --errors`` prints (:func:`aikg.extract.evaluate.format_errors`): missed and spurious
facts by predicate, entities by type, each with its stored sentences or the reason there are none.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from aikg.evaluation import predictions_from_store
from aikg.extract.evaluate import PRF, GoldDocument, Scores, format_errors, load_gold, score
from aikg.graph.store import open_store

__all__ = ["DEFAULT_TEXTS", "GOLD_FILES", "evaluate_devset", "format_devset", "gold_split", "main"]

REPO = Path(__file__).resolve().parents[1]
#: every gold file of the set (one per language and batch); each line says its own ``split``
GOLD_FILES = tuple(sorted((REPO / "tests" / "gold" / "dev").glob("*.jsonl")))
DEFAULT_TEXTS = REPO.parent / "scratch" / "devset" / "texts"
#: ``dev`` is read and trained on; ``check``: fresh batches scored once, then read and trained on;
#: ``heldout``, ``unseen`` and ``final`` are checks nobody read the errors of (the calibration set);
#: ``fresh`` and ``next``: batches annotated at the end of a session, scored once (``fresh`` at the start
#: of the next session, ``next`` at the end of the same one); ``probe``: annotated during a session and
#: scored once in its middle
SPLITS = ("dev", "heldout", "unseen", "check", "final", "fresh", "next", "probe", "all")


def gold_split(
    files: Sequence[Path] = GOLD_FILES, split: str = "all"
) -> tuple[dict[str, GoldDocument], dict[str, str]]:
    """The gold documents of ``split`` (all for ``"all"``) and each one's language."""
    gold: dict[str, GoldDocument] = {}
    language: dict[str, str] = {}
    for path in files:
        gold.update(load_gold(path, None if split == "all" else split))
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                language[raw["document"]] = str(raw.get("language", "?"))
    return gold, {doc: language[doc] for doc in gold}


def evaluate_devset(
    texts: Path, split: str = "dev", store: Path | None = None, *, skip_missing: bool = False
) -> tuple[Scores, dict[str, Scores]]:
    """Build a temporary store from the split's texts and score it: overall and per language.

    A text missing from ``texts`` stops the run, unless ``skip_missing``: then its gold line is left
    out of the score and named on stderr (a stored page can disappear between two fetches, and a
    figure on fewer documents is only comparable with another on the same documents).
    """
    gold, language = gold_split(split=split)
    missing = sorted(doc for doc in gold if not (texts / doc).is_file())
    if missing and not skip_missing:
        raise SystemExit(f"{len(missing)} text(s) missing from {texts}, e.g. {missing[0]} (see docs/devset.md)")
    if missing:
        print(f"benchmarks.devset: {len(missing)} text(s) missing from {texts}, scored without them: "
              + ", ".join(missing), file=sys.stderr)
        gold = {doc: g for doc, g in gold.items() if doc not in missing}
        language = {doc: language[doc] for doc in gold}
    with tempfile.TemporaryDirectory(prefix="aikg-devset-") as tmp:
        corpus = Path(tmp) / "texts"
        corpus.mkdir()
        for doc in gold:
            shutil.copy2(texts / doc, corpus / doc)
        store_dir = store or Path(tmp) / "store"
        command = ["build", str(corpus), "--store", str(store_dir), "-j", "1", "--quiet"]
        # ``python -m aikg`` from the repository root: the build runs the same code as the scoring
        subprocess.run([sys.executable, "-m", "aikg", *command], check=True, cwd=REPO)
        with open_store(str(store_dir), read_only=True) as kstore:
            predicted = predictions_from_store(kstore)
    predicted = {doc: p for doc, p in predicted.items() if doc in gold}
    overall = score(gold, predicted)
    per_language = {
        lang: score({d: g for d, g in gold.items() if language[d] == lang}, predicted)
        for lang in sorted(set(language.values()))
    }
    return overall, per_language


def _prf(prf: PRF) -> str:
    return f"{prf.tp:>4} {prf.fp:>4} {prf.fn:>4} {prf.precision:>6.3f} {prf.recall:>6.3f} {prf.f1:>6.3f}"


def format_devset(overall: Scores, per_language: Mapping[str, Scores], title: str = "") -> str:
    """Overall and per-language micro scores, then per entity type and per predicate."""
    header = f"{'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}"
    lines = [title] if title else []
    lines.append(f"{'micro':<22}{header}")
    for name, scores in [("all", overall), *per_language.items()]:
        lines.append(f"  entities  {name:<10}{_prf(scores.entity_micro)}")
        lines.append(f"  relations {name:<10}{_prf(scores.relation_micro)}")
    lines.append(f"{'entities by type':<22}{header}")
    lines.extend(f"  {label:<20}{_prf(prf)}" for label, prf in overall.entities.items())
    lines.append(f"{'relations by predicate':<22}{header}  found/gold")
    for label, prf in overall.relations.items():
        lines.append(f"  {label:<20}{_prf(prf)}  {prf.tp:>4}/{prf.tp + prf.fn}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.devset", description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help=f"article texts (default {DEFAULT_TEXTS})")
    parser.add_argument("--split", choices=SPLITS, default="dev", help="gold lines to score (default dev)")
    parser.add_argument("--store", type=Path, help="keep the built store in this (new) folder")
    parser.add_argument("--errors", action="store_true", help="also list missed and spurious facts, with sentences")
    parser.add_argument("--skip-missing", action="store_true",
                        help="score the documents whose text is there, naming the others, instead of stopping")
    args = parser.parse_args(argv)
    overall, per_language = evaluate_devset(args.texts, args.split, args.store, skip_missing=args.skip_missing)
    documents = sum(1 for _ in overall.errors)
    print(format_devset(overall, per_language, f"devset split={args.split} ({documents} documents)"))
    if args.errors:
        print(format_errors(overall))


if __name__ == "__main__":
    main()
