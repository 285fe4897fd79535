"""``aikg_relation_classifier``: relation candidates from a trained classifier over entity pairs.

The patterns of :mod:`.relation_finder` are precise but see only the constructions they spell
out; news states the same facts in many more ways ("backers include", "aux côtés de", "Y's
co-founder X"). This component looks at every pair of typed entities in a sentence whose types
fit a predicate's signature, scores it with that predicate's logistic regression
(:mod:`..relation_model`, trained by :mod:`..training` on annotated articles) and adds the pairs
scored at or above the predicate's threshold, with the probability as confidence. It runs after
the patterns and adds to their candidates; :mod:`..assemble` keeps the best-scored statement of
each fact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from spacy.tokens import Doc, Span

from ..coref import REFERENCE_DISCOUNT, Reference, ReferenceSettings
from ..doc_words import read_sentences, unread_sentences
from ..errors import Errors, PipelineError
from ..lexicon import load_lexicon, load_relation_patterns
from ..pairs import features, reference_settings, references, sentence_entities, sentence_pairs
from ..relation_features import forget_caches
from ..relation_model import DISABLED_THRESHOLD, RelationModel, load_relation_model
from .extensions import RelationCandidate, register_extensions, relation_candidates, set_relation_candidates

__all__ = ["CLASSIFIER_EXTRACTOR", "RelationClassifier"]

#: The ``extractor`` of the candidates this component adds (then ``:<predicate>``).
CLASSIFIER_EXTRACTOR = "clf"
#: Tokens apart beyond which a pair is not scored: no construction joins two names that far apart.
MAX_DISTANCE = 40

register_extensions()


class RelationClassifier:
    """Add the entity pairs of each sentence that the trained model scores as a relation."""

    def __init__(
        self, vocab: Any, *, name: str = "aikg_relation_classifier", lang: str = "en", model_path: str | None = None
    ) -> None:
        self.vocab = vocab
        self.lang = lang
        self.name = name
        self.model_path = model_path
        self.model: RelationModel | None = None
        self.signatures: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self.references: ReferenceSettings | None = None
        self.active: frozenset[str] = frozenset()
        #: what :meth:`predicates_by_types` read (signatures, active predicates) and its table
        self._by_types: tuple[object, frozenset[str], dict[tuple[str, str], tuple[str, ...]]] | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Any = None) -> None:
        """Load the model's weights and the predicates' type signatures."""
        self.model = load_relation_model(self.model_path)
        # a predicate whose threshold no probability reaches in practice costs features for nothing
        self.active = frozenset(p for p, m in self.model.predicates.items() if m.threshold < DISABLED_THRESHOLD)
        self.signatures = load_relation_patterns().signatures
        self.references = reference_settings(load_lexicon(), self.lang)
        # the model's index for each pair of types, made now: a build's worker processes are forked
        # after the pipelines are loaded, and would each make them again at their first documents
        for predicates in self.predicates_by_types().values():
            self.model.probabilities(predicates, ())

    def predicates_by_types(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(subject label, object label) -> the active predicates whose signature takes them, in
        signature order; only these pairs of labels are worth the features of a pair."""
        cached = self._by_types
        if cached is None or cached[0] is not self.signatures or cached[1] != self.active:
            labels = {label for domain, range_ in self.signatures.values() for label in (*domain, *range_)}
            table = {
                (s, o): found for s in labels for o in labels
                if (found := tuple(p for p, (domain, range_) in self.signatures.items()
                                   if s in domain and o in range_ and p in self.active))
            }
            cached = self._by_types = (self.signatures, self.active, table)
        return cached[2]

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None or self.references is None:
            raise PipelineError(Errors.E508.format(name=self.name))
        found = relation_candidates(doc)
        read_sentences(doc)  # the entity stage's, if still there; the pipeline's last component drops them
        ents = doc.ents  # each read of doc.ents (and doc.sents) makes its spans anew: read once
        if ents:
            refs = references(doc, self.references, ents)
            sentences = list(doc.sents)
            by_sentence = sentence_entities(doc, ents, sentences)
            for sentence in sentences:
                found.extend(self.sentence_candidates(sentence, refs, by_sentence[sentence.start]))
        forget_caches(doc)
        unread_sentences(doc)
        set_relation_candidates(doc, found)
        return doc

    def sentence_candidates(self, sentence: Span, refs: Mapping[int, Reference],
                            ents: list[Span] | None = None) -> list[RelationCandidate]:
        """The candidates of one sentence: every pair of entities (or references), each fitting predicate."""
        assert self.model is not None
        predicates_of = self.predicates_by_types()
        out: list[RelationCandidate] = []
        for pair in sentence_pairs(sentence, refs, ents=ents, types=predicates_of, max_distance=MAX_DISTANCE):
            predicates = predicates_of[pair.subject_entity.label_, pair.obj_entity.label_]
            scores = self.model.probabilities(predicates, features(pair))
            for predicate, probability in scores.items():
                if probability < self.model.predicates[predicate].threshold:
                    continue
                if pair.via:  # as for the patterns: a fact read through a reference is less sure
                    probability *= REFERENCE_DISCOUNT
                out.append(RelationCandidate(
                    pair.subject_entity.start, pair.subject_entity.end, predicate,
                    pair.obj_entity.start, pair.obj_entity.end, sentence.start, sentence.end,
                    f"{CLASSIFIER_EXTRACTOR}:{predicate}{pair.via}", round(probability, 3), "", "",
                ))
        return out
