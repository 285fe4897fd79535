"""Register the extraction components with spaCy, in one place (as ``spacy/pipeline/factories.py``).

Each factory's settings and defaults are read here, next to its name; the component classes
live one per module and know nothing of the registry. :func:`register_factories` runs when
:mod:`aikg.extract.components` is imported (so ``nlp.add_pipe("aikg_money")`` works after
``import aikg.extract.components``) and may be called again: it registers once per process.

>>> register_factories()
>>> import spacy
>>> spacy.blank("en").add_pipe("aikg_money").name
'aikg_money'
"""

from __future__ import annotations

from spacy.language import Language

from .co_lemmas import CoLemmas
from .entity_cleaner import EntityCleaner
from .line_breaks import LineBreaks
from .model_spans import ModelSpans
from .money_recognizer import MoneyRecognizer
from .relation_classifier import RelationClassifier
from .relation_finder import RelationFinder

__all__ = [
    "make_co_lemmas",
    "make_entity_cleaner",
    "make_line_breaks",
    "make_model_spans",
    "make_money_recognizer",
    "make_relation_classifier",
    "make_relation_finder",
    "register_factories",
]

_REGISTERED = False


def make_co_lemmas(nlp: Language, name: str, lemmas: dict[str, str]) -> CoLemmas:
    return CoLemmas(nlp.vocab, lemmas, name=name)


def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks(name=name)


def make_model_spans(nlp: Language, name: str) -> ModelSpans:
    return ModelSpans(name=name)


def make_money_recognizer(nlp: Language, name: str, overwrite: bool) -> MoneyRecognizer:
    return MoneyRecognizer(name=name, overwrite=overwrite)


def make_entity_cleaner(
    nlp: Language, name: str, max_tokens: int, min_chars: int, kb_path: str | None, lexicon_path: str | None
) -> EntityCleaner:
    return EntityCleaner(
        name=name, max_tokens=max_tokens, min_chars=min_chars, kb_path=kb_path, lexicon_path=lexicon_path
    )


def make_relation_finder(
    nlp: Language,
    name: str,
    patterns_path: str | None,
    lexicon_path: str | None,
    kb_path: str | None,
    pronoun_window: int,
) -> RelationFinder:
    return RelationFinder(
        nlp.vocab,
        name=name,
        lang=nlp.lang or "en",
        patterns_path=patterns_path,
        lexicon_path=lexicon_path,
        kb_path=kb_path,
        pronoun_window=pronoun_window,
    )


def make_relation_classifier(nlp: Language, name: str, model_path: str | None) -> RelationClassifier:
    return RelationClassifier(nlp.vocab, name=name, lang=nlp.lang or "en", model_path=model_path)


def register_factories() -> None:
    """Register the ``aikg_*`` factories with spaCy (once per process)."""
    global _REGISTERED
    if _REGISTERED:
        return
    Language.factory("aikg_co_lemmas", assigns=["token.lemma"], default_config={"lemmas": {}})(make_co_lemmas)
    Language.factory("aikg_line_breaks", assigns=["token.is_sent_start"])(make_line_breaks)
    Language.factory("aikg_model_spans", assigns=["doc.spans"])(make_model_spans)
    Language.factory("aikg_money", assigns=["doc.ents"], default_config={"overwrite": True})(make_money_recognizer)
    Language.factory(
        "aikg_entities",
        assigns=["doc.ents"],
        default_config={"max_tokens": 6, "min_chars": 2, "kb_path": None, "lexicon_path": None},
    )(make_entity_cleaner)
    Language.factory(
        "aikg_relations",
        assigns=["doc._.aikg_relations"],
        default_config={"patterns_path": None, "lexicon_path": None, "kb_path": None, "pronoun_window": 40},
    )(make_relation_finder)
    Language.factory(
        "aikg_relation_classifier", assigns=["doc._.aikg_relations"], default_config={"model_path": None}
    )(make_relation_classifier)
    _REGISTERED = True
