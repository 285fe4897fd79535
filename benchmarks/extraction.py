"""Extraction throughput: ``aikg build`` against bare spaCy ``nlp.pipe`` on the same texts.

Three variants run over the same documents, interleaved round by round (A B C, B C A, ...) so
that load from other processes on a shared machine falls on all of them alike:

- ``aikg build``: :func:`aikg.pipeline.build` on the folder of files (reading, language
  identification, worker processes running the spaCy pipelines with aikg's components and
  returning records, then RDF and store writes in the parent);
- ``aikg pipelines``: ``nlp.pipe`` over the texts with aikg's pipelines (spaCy model + aikg
  components), nothing else;
- ``bare spaCy``: ``nlp.pipe`` with the plain trained models (``spacy.load(name)``): the cost of
  the model itself, the baseline of the target (``aikg build`` >= 0.8x its words per second).

All use the same number of processes and batch size; pipelines are loaded before timing
(once per process, as in a long build), so the numbers are throughput, not start-up.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.synthetic import generate_articles, write_corpus

__all__ = ["component_seconds", "prepare_corpus", "profile_build", "run_extraction_benchmark"]

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SAMPLE = REPO / "corpus" / "sample"


def prepare_corpus(folder: Path, n_synthetic: int, seed: int = 0) -> dict[str, int]:
    """Synthetic articles plus the seed articles and the sample corpus, as they are, in ``folder``."""
    write_corpus(folder / "synthetic", generate_articles(n_synthetic, seed))
    counts = {"synthetic": n_synthetic, "seeds": 0, "sample": 0}
    for name, source in (("seeds", SEEDS), ("sample", SAMPLE)):
        if source.is_dir():
            shutil.copytree(source, folder / name)
            counts[name] = sum(1 for p in (folder / name).rglob("*") if p.is_file())
    return counts


def _texts_by_language(folder: Path) -> tuple[dict[str, list[str]], int]:
    from aikg.extract.pipeline import Extractor
    from aikg.pipeline import BuildReport, read_documents

    extractor = Extractor()
    by_lang: dict[str, list[str]] = {}
    words = 0
    for document in read_documents([folder], BuildReport()):
        by_lang.setdefault(extractor.language_of(document), []).append(document.text)
        words += len(document.text.split())
    return by_lang, words


def run_extraction_benchmark(
    workdir: Path,
    *,
    n_documents: int = 120,
    seed: int = 0,
    rounds: int = 2,
    n_process: int | None = None,
    batch_size: int = 16,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Time the three variants (module doc) ``rounds`` times each, interleaved; words per second."""
    import spacy

    from aikg.extract.pipeline import MODEL_NAMES, Extractor
    from aikg.pipeline import build

    n_process = n_process or os.cpu_count() or 1
    corpus = workdir / "corpus"
    counts = prepare_corpus(corpus, n_documents, seed)
    by_lang, words = _texts_by_language(corpus)
    docs = sum(len(t) for t in by_lang.values())
    log(f"extraction: {docs} documents ({counts}), {words:,} words, {n_process} processes, batch {batch_size}")

    extractor = Extractor()  # the build's own pipelines, loaded once before timing
    pipelines = {lang: extractor.pipeline(lang) for lang in by_lang}
    bare: dict[str, Any] = {}
    for lang in by_lang:
        for name in MODEL_NAMES[lang]:
            try:
                bare[lang] = spacy.load(name)
                break
            except OSError:
                continue

    def run_pipe(models: dict[str, Any]) -> None:
        for lang, texts in by_lang.items():
            for _ in models[lang].pipe(texts, n_process=n_process, batch_size=batch_size):
                pass

    def run_build() -> Callable[[], None]:
        """One build into a new store; returns the store's removal, which is not part of the build."""
        store = Path(tempfile.mkdtemp(dir=workdir, prefix="store-"))
        report = build([corpus], store / "s", extractor=extractor, n_process=n_process, batch_size=batch_size,
                       progress=False)
        if report.failed:
            raise RuntimeError(f"build failed on {len(report.failed)} documents: {report.failed[:3]}")
        return lambda: shutil.rmtree(store, ignore_errors=True)

    # a variant may return a clean-up, run after its time is taken (nothing like it is timed for nlp.pipe)
    variants: dict[str, Callable[[], Callable[[], None] | None]] = {
        "aikg build": run_build,
        "aikg pipelines (nlp.pipe)": lambda: run_pipe(pipelines),
        "bare spaCy (nlp.pipe)": lambda: run_pipe(bare),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for rnd in range(rounds):
        order = names[rnd % len(names):] + names[:rnd % len(names)]
        for name in order:
            start = time.perf_counter()
            clean_up = variants[name]()
            times[name].append(time.perf_counter() - start)
            if clean_up is not None:
                clean_up()
            log(f"extraction:   round {rnd + 1} {name}: {times[name][-1]:.1f} s "
                f"({words / times[name][-1]:,.0f} words/s)")
    medians = {name: statistics.median(t) for name, t in times.items()}
    wps = {name: words / s for name, s in medians.items()}
    baseline = wps["bare spaCy (nlp.pipe)"]
    bare_times = times["bare spaCy (nlp.pipe)"]
    # each round's variants ran back to back, so a per-round ratio cancels slow drifts in load
    paired = {name: statistics.median(b / t for b, t in zip(bare_times, ts, strict=True))
              for name, ts in times.items()}
    return {
        "documents": docs, "words": words, "corpus": counts, "n_process": n_process, "batch_size": batch_size,
        "rounds": rounds, "seconds": times, "median_seconds": medians, "words_per_second": wps,
        "ratio_to_bare_spacy": {name: v / baseline for name, v in wps.items()},
        "paired_ratio_to_bare_spacy": paired,
        "models": {lang: f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}=={nlp.meta.get('version')}"
                   for lang, nlp in bare.items()},
    }


def component_seconds(folder: Path) -> list[tuple[str, str, float]]:
    """CPU seconds of each step of extraction over the documents of ``folder``, in one process.

    ``(language, step, seconds)``: the tokenizer, each pipeline component in order (spaCy's own
    and aikg's ``aikg_*``), then ``records`` (``doc_to_extraction``), so that a component's
    cost can be read against the model's and an added rule's cost seen where it is paid. A few
    documents go through first, untimed: what is read on first use is not in the figures.
    """
    import dataclasses

    from aikg.extract.assemble import doc_to_extraction
    from aikg.extract.pipeline import Extractor, model_label
    from aikg.pipeline import BuildReport, read_documents

    extractor = Extractor()
    documents = [dataclasses.replace(d, language=extractor.language_of(d))
                 for d in read_documents([folder], BuildReport())]
    out: list[tuple[str, str, float]] = []
    for lang in sorted({str(d.language) for d in documents}):
        nlp = extractor.pipeline(lang)
        mine = [d for d in documents if d.language == lang]
        label = (model_label(nlp),)
        for doc, document in zip(nlp.pipe(d.text for d in mine[:4]), mine, strict=False):
            doc_to_extraction(doc, document, extractor.kb, label)  # first calls fill lazy tables and caches
        start = time.process_time()
        docs = [nlp.make_doc(d.text) for d in mine]
        out.append((lang, "tokenizer", time.process_time() - start))
        for name, component in nlp.pipeline:
            start = time.process_time()
            pipe = getattr(component, "pipe", None)
            docs = list(pipe(docs, batch_size=16)) if pipe is not None else [component(doc) for doc in docs]
            out.append((lang, name, time.process_time() - start))
        start = time.process_time()
        for document, doc in zip(mine, docs, strict=True):
            doc_to_extraction(doc, document, extractor.kb, label)
        out.append((lang, "records", time.process_time() - start))
    return out


def _component_table(rows: list[tuple[str, str, float]]) -> str:
    total = sum(s for _, _, s in rows) or 1.0
    ours = sum(s for _, name, s in rows if name.startswith("aikg_") or name == "records")
    lines = [f"CPU seconds per step, one process ({total:.2f} s in all; aikg's own steps, marked *, "
             f"{ours:.2f} s = {ours / total:.0%}):", ""]
    for lang, name, seconds in sorted(rows, key=lambda r: -r[2]):
        mark = "*" if name.startswith("aikg_") or name == "records" else " "
        lines.append(f"  {mark} {lang} {name:<28} {seconds:7.3f}  {seconds / total:6.1%}")
    return "\n".join(lines) + "\n\n"


def profile_build(workdir: Path, *, n_documents: int = 60, seed: int = 0, top: int = 30) -> str:
    """Where the time goes outside the model: CPU per pipeline step, then cProfile of a one-process
    ``aikg build`` (pipelines loaded beforehand, so that loading is not in the profile), as text."""
    from aikg.extract.pipeline import Extractor
    from aikg.pipeline import build

    corpus = workdir / "profile-corpus"
    prepare_corpus(corpus, n_documents, seed)
    table = _component_table(component_seconds(corpus))  # also loads the pipelines used below
    extractor = Extractor()
    profiler = cProfile.Profile()
    profiler.enable()
    build([corpus], workdir / "profile-store", extractor=extractor, n_process=1, progress=False)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return table + out.getvalue()
