"""spaCy pipeline components of the extraction layer, one module per component.

Order in a pipeline (see :func:`aikg.extract.pipeline.build_pipeline`)::

    ... aikg_line_breaks -> parser -> attribute_ruler -> aikg_co_lemmas -> ... ner -> aikg_money
        -> aikg_kb_ruler_exact, aikg_kb_ruler (spaCy's entity_ruler, phrases from the KB)
        -> aikg_entities (clean-up and typing) -> aikg_relations (relation candidates from patterns)
        -> aikg_relation_classifier (relation candidates from the trained classifier)

=========================  ================================================================
module                     job
=========================  ================================================================
``line_breaks``            :class:`LineBreaks`: a line break ends a heading's sentence
``co_lemmas``              :class:`CoLemmas`: lemmas of "co-" words kept whole
``money_recognizer``       :class:`MoneyRecognizer`: amounts as ``MonetaryAmount`` entities
``kb_patterns``            knowledge-base names as ``entity_ruler`` patterns
``entity_cleaner``         :class:`EntityCleaner`: clean-up and typing of entity spans
``relation_finder``        :class:`RelationFinder`: relation candidates from patterns
``relation_classifier``    :class:`RelationClassifier`: candidates from the trained classifier
``extensions``             the ``Doc``/``Span`` extensions and :class:`RelationCandidate`
``factories``              :func:`register_factories`: every ``@Language.factory`` in one place
=========================  ================================================================

Settings live in the factory config; data (knowledge base, lexicons, relation patterns) is
loaded in ``initialize()`` from the packaged JSON/JSONL files. Components write only
``doc.ents``, ``doc.spans["aikg_ner"]`` (the model's own entities, kept by ``aikg_model_spans``),
token lemmas, sentence starts after line breaks and the ``Doc._.aikg_relations`` extension. Importing this package
registers the factories.
"""

from __future__ import annotations

from .co_lemmas import CoLemmas
from .entity_cleaner import ENTITY_TYPES, NER_LABELS, EntityCleaner
from .extensions import RelationCandidate, register_extensions, relation_candidates, set_relation_candidates
from .factories import register_factories
from .kb_patterns import kb_patterns, kb_phrase_patterns
from .money_recognizer import MoneyRecognizer
from .relation_classifier import RelationClassifier
from .relation_finder import RelationFinder

__all__ = [
    "ENTITY_TYPES",
    "NER_LABELS",
    "CoLemmas",
    "EntityCleaner",
    "MoneyRecognizer",
    "RelationCandidate",
    "RelationClassifier",
    "RelationFinder",
    "kb_patterns",
    "kb_phrase_patterns",
    "register_extensions",
    "register_factories",
    "relation_candidates",
    "set_relation_candidates",
]

register_extensions()
register_factories()
