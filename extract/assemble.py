"""Turn a processed spaCy ``Doc`` into an :class:`Extraction` (pure; the textacy idea).

The components have typed the entities (``doc.ents``, ``span.kb_id_``) and listed relation
candidates (``doc._.aikg_relations``, read back as :class:`~.components.RelationCandidate`);
this module resolves entities, maps candidates to entity keys, adds implied facts, co-mentions
and dates.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import cached_property, lru_cache
from itertools import combinations

from spacy.tokens import Doc

from .amounts import conversions, is_round_amount
from .calibration import Calibration, load_calibration
from .components.demonym_places import prefer_described
from .components.extensions import register_extensions, relation_candidates
from .components.investment_vetoes import unvetoed
from .components.name_lists import list_joiners
from .components.role_pairs import uncrossed
from .components.sources import cited_names, unsourced
from .coref import closes_fronted_clause
from .dates import find_dates
from .doc_words import doc_text, read_sentences, unread_sentences
from .editions import find_editions
from .kb import KnowledgeBase
from .lexicon import load_lexicon, load_relation_patterns
from .records import (
    SYMMETRIC_PREDICATES,
    CoMention,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    FactStatus,
    Mention,
    RelationRecord,
)
from .resolve import RawMention, resolve_mentions
from .rounds import read_rounds
from .status import TENSED_PREDICATES, Markers, fact_status

__all__ = ["HEDGE_FACTOR", "IMPLIES_WORKS_FOR", "doc_to_extraction"]

#: A person who leads or founded an organisation works for it.
IMPLIES_WORKS_FOR = frozenset({"leads", "founded"})
#: Confidence factor of a hedged statement ("in talks to", "reportedly"): kept as evidence, below
#: the confidence that default views and queries show.
HEDGE_FACTOR = 0.3


@lru_cache(maxsize=8)
def _description_pattern(kb: KnowledgeBase) -> re.Pattern[str] | None:
    phrases = sorted({d for entry in kb for d in entry.descriptions}, key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def _raw_mentions(doc: Doc, spans: _Spans) -> list[RawMention]:
    mentions: list[RawMention] = []
    for ent in doc.ents:
        try:
            type_ = EntityType(ent.label_)
        except ValueError:
            continue
        amount = currency = None
        if type_ is EntityType.MONETARY_AMOUNT:
            money = ent._.money
            if money is None:
                continue
            amount, currency = money
        sentence_start, sentence_end = spans.sentence_bounds(ent.start)
        mentions.append(
            RawMention(
                text=ent.text,
                type=type_,
                kb_id=ent.kb_id_ or None,
                start=ent.start_char,
                end=ent.end_char,
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                amount=amount,
                currency=currency,
            )
        )
    return mentions


def _sentence_bounds(doc: Doc, char: int) -> tuple[int, int]:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0, len(doc_text(doc))
    sent = span[0].sent
    return sent.start_char, sent.end_char


class _Spans:
    """Character offsets, sentences and evidence of token spans, each worked out once per document.

    The relation candidates of a document (about 30 on average) name far fewer distinct
    spans and sentences; making a ``Span`` and joining a sentence's tokens for each of them was
    most of the time spent turning candidates into records. Equal evidence is one shared
    (frozen) object, which also makes the pickled records that workers send back smaller.
    The sentences are read once (``Span.sent`` walks the tokens to its sentence's ends at each
    read, and every mention and fact asks for its sentence).
    """

    def __init__(self, doc: Doc, doc_id: str) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self._offsets: dict[tuple[int, int], tuple[int, int]] = {}
        self._evidence: dict[tuple[int, int], Evidence] = {}

    @cached_property
    def _sentences(self) -> tuple[list[int], list[tuple[int, int]]]:
        """Each sentence's first token, and its first and past-the-last characters, in order (read
        on first use: a document without entities has no sentence to ask about)."""
        sentences = list(self.doc.sents)
        return [s.start for s in sentences], [(s.start_char, s.end_char) for s in sentences]

    def sentence_start(self, token: int) -> int:
        """The first token of the sentence of token ``token`` (``doc[token].sent.start``)."""
        starts = self._sentences[0]
        return starts[bisect_right(starts, token) - 1]

    def sentence_bounds(self, token: int) -> tuple[int, int]:
        """``(start_char, end_char)`` of the sentence of token ``token`` (``Span.sent`` of a span
        that starts there, even one that crosses into the next sentence)."""
        starts, chars = self._sentences
        return chars[bisect_right(starts, token) - 1]

    def offsets(self, start: int, end: int) -> tuple[int, int]:
        """``(start_char, end_char)`` of the tokens ``start:end``."""
        found = self._offsets.get((start, end))
        if found is None:
            span = self.doc[start:end]
            found = self._offsets[(start, end)] = (span.start_char, span.end_char)
        return found

    def evidence(self, start: int, end: int) -> Evidence:
        """The :class:`Evidence` of the sentence made of the tokens ``start:end``."""
        found = self._evidence.get((start, end))
        if found is None:
            start_char, end_char = self.offsets(start, end)
            found = Evidence(self.doc_id, doc_text(self.doc)[start_char:end_char], start_char, end_char)
            self._evidence[(start, end)] = found
        return found


@lru_cache(maxsize=8)
def _language_words(lang: str) -> tuple[Markers, frozenset[str], frozenset[str]]:
    """The status markers, round words and list joiners of ``lang``, read once per process (not per
    document)."""
    lexicon = load_lexicon()
    return lexicon.read_words(Markers, lang), lexicon.words("round_amount_words", lang), list_joiners(lexicon)


def _fits(predicate: str, subject: EntityRecord | None, obj: EntityRecord | None) -> bool:
    """Whether the resolved entities' types fit the predicate's signature. A candidate is typed by
    its spans in the sentence; resolution may then show a span to be another type's mention ("Doe"
    typed Organization is the surname of the person Jane Doe), and the fact no longer holds.

    >>> jane = EntityRecord("person/jane-doe", "Jane Doe", EntityType.PERSON)
    >>> acme = EntityRecord("organization/acme", "Acme", EntityType.ORGANIZATION)
    >>> _fits("worksFor", jane, acme), _fits("worksFor", jane, jane)
    (True, False)
    """
    signature = load_relation_patterns().signatures.get(predicate)
    if signature is None or subject is None or obj is None:
        return True
    return subject.type.value in signature[0] and obj.type.value in signature[1]


def _listed_together(doc: Doc, start: int, end: int, other_start: int, other_end: int,
                     joiners: frozenset[str]) -> bool:
    """Whether two names of one type are members of one written list ("led by A, with B, *C*, *D*
    and E"): nothing but commas, "and" and other names of that type between them. Members of an
    investor list do not invest in each other; only a partnership may join a list's members.

    >>> import spacy
    >>> doc = spacy.blank("en")("backed by Acme, Bolt, Cargo and Delta")
    >>> doc.ents = [doc.char_span(10, 14, "Organization"), doc.char_span(16, 20, "Organization"),
    ...             doc.char_span(22, 27, "Organization"), doc.char_span(32, 37, "Organization")]
    >>> joiners = frozenset({",", "and"})
    >>> _listed_together(doc, 2, 3, 6, 7, joiners), _listed_together(doc, 0, 1, 2, 3, joiners)
    (True, False)
    """
    (_, first_end), (second_start, _) = sorted(((start, end), (other_start, other_end)))
    if first_end >= second_start:
        return False
    label = doc[start].ent_type_
    if not label or doc[other_start].ent_type_ != label:
        return False
    if closes_fronted_clause(doc[first_end - 1], doc[second_start]):
        return False
    joined = False
    for token in doc[first_end:second_start]:
        if token.lower_ in joiners:
            joined = True
        elif token.ent_type_ != label:
            return False
    return joined


def _only_cited(doc: Doc, cited: set[tuple[int, int]], mentions: Sequence[Mention]) -> frozenset[str]:
    """The entities that ``doc`` names only as a source it cites (``cited``: their token spans,
    :func:`.components.sources.cited_names`)."""
    if not cited:
        return frozenset()
    starts = {doc[start].idx for start, _ in cited}
    keys = {m.entity_key for m in mentions if m.start in starts}
    return frozenset(keys - {m.entity_key for m in mentions if m.start not in starts})


def doc_to_extraction(doc: Doc, document: Document, kb: KnowledgeBase, models: Sequence[str] = (),
                      calibration: Calibration | None = None) -> Extraction:
    """Records for one processed document (``document.language`` should already be set);
    ``calibration``: the packaged table by default (:mod:`.calibration`)."""
    hooked = read_sentences(doc)  # sentences read once, not walked at each ``.sent``
    try:
        return _extraction(doc, document, kb, models, calibration)
    finally:
        if hooked:
            unread_sentences(doc)


def _extraction(doc: Doc, document: Document, kb: KnowledgeBase, models: Sequence[str],
                calibration: Calibration | None) -> Extraction:
    register_extensions()
    spans = _Spans(doc, document.doc_id)
    raw = _raw_mentions(doc, spans)
    text = doc_text(doc)
    resolution = resolve_mentions(raw, kb)
    entities: dict[str, EntityRecord] = {e.key: e for e in resolution.entities}
    mentions: list[Mention] = list(resolution.mentions)
    key_at: dict[tuple[int, int], str] = {}
    for mention, key in zip(raw, resolution.keys, strict=True):
        key_at[(mention.start, mention.end)] = key

    # KB role phrases ("French President") for KB entities already named in the document
    pattern = _description_pattern(kb)
    if pattern is not None:
        taken = [(m.start, m.end) for m in mentions]
        for match in pattern.finditer(text):
            entry = kb.lookup_description(match.group(0))
            if entry is None or entry.id not in entities:
                continue
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            s_start, s_end = _sentence_bounds(doc, match.start())
            mentions.append(Mention(entry.id, match.group(0), match.start(), match.end(), s_start, s_end))
            record = entities[entry.id]
            entities[entry.id] = dataclasses.replace(
                record,
                aliases=tuple(sorted({*record.aliases, match.group(0)})),
                resolution=tuple(dict.fromkeys((*record.resolution, f"description:{match.group(0)}->{entry.id}"))),
            )

    # relations
    best: dict[tuple[str, str, str, FactStatus], RelationRecord] = {}
    markers, round_words, joiners = _language_words(doc.lang_)

    def keep(record: RelationRecord) -> None:
        # a fact stated as current in one sentence and as former in another keeps both statements
        triple = (record.subject, record.predicate, record.object, record.status)
        if record.predicate in SYMMETRIC_PREDICATES:  # one fact per pair, whichever way round it was found
            first, second = sorted((record.subject, record.object))
            triple = (first, record.predicate, second, record.status)
        if triple not in best or best[triple].confidence < record.confidence:
            best[triple] = record

    calibration = load_calibration() if calibration is None else calibration
    status_of: dict[tuple[int, int, int, int, bool, int], tuple[FactStatus, bool]] = {}
    cited = cited_names(doc)
    for cand in uncrossed(unsourced(unvetoed(doc, prefer_described(relation_candidates(doc))), cited)):
        predicate, object_kb = cand.predicate, cand.object_kb
        subject = key_at.get(spans.offsets(cand.subject_start, cand.subject_end))
        if subject is None:
            continue
        if object_kb:
            if object_kb not in kb:
                continue
            obj = object_kb
            if obj not in entities:
                entry = kb[object_kb]
                token = doc[cand.object_start]
                entities[obj] = EntityRecord(
                    key=entry.id,
                    label=entry.label,
                    type=entry.type,
                    aliases=(token.text,),
                    wikidata=entry.wikidata,
                    resolution=(f"demonym:{token.text}->{entry.id}",),
                    in_knowledge_base=True,
                )
                mentions.append(Mention(obj, token.text, token.idx, token.idx + len(token.text),
                                        *spans.sentence_bounds(token.i)))
        else:
            found = key_at.get(spans.offsets(cand.object_start, cand.object_end))
            if found is None:
                continue
            obj = found
        if subject == obj or not _fits(predicate, entities.get(subject), entities.get(obj)):
            continue
        if predicate not in SYMMETRIC_PREDICATES and cand.object_end > 0 and _listed_together(
                doc, cand.subject_start, cand.subject_end, cand.object_start, cand.object_end, joiners):
            continue
        evidence = spans.evidence(cand.sentence_start, cand.sentence_end)
        object_end = cand.object_end if cand.object_end > 0 else cand.object_start + 1
        # the status depends on the two spans and on whether the predicate is tensed only; the
        # same pair comes from several patterns and the classifier, so it is read once
        status_key = (cand.subject_start, cand.subject_end, cand.object_start, object_end,
                      predicate in TENSED_PREDICATES, cand.sentence_start)
        found_status = status_of.get(status_key)
        if found_status is None:
            found_status = status_of[status_key] = fact_status(
                doc[cand.subject_start : cand.subject_end], doc[cand.object_start : object_end], predicate, markers,
                cand.sentence_start,
                (spans.sentence_start(cand.subject_start), spans.sentence_start(cand.object_start)),
            )
        status, hedged = found_status
        confidence = float(cand.confidence) * (HEDGE_FACTOR if hedged else 1.0)
        extractor = cand.extractor
        if (
            predicate == "announced"
            and obj in entities
            and entities[obj].type is EntityType.MONETARY_AMOUNT
            and cand.object_end > 0
            and is_round_amount(doc[cand.object_start : cand.object_end], round_words)
        ):
            predicate, extractor = "raised", f"{extractor}+round"  # announcing one's own round is raising it
        confidence = calibration.adjust(extractor, predicate, confidence)
        relation = RelationRecord(
            subject, predicate, obj, evidence, extractor, round(confidence, 3), status=status, hedged=hedged
        )
        keep(relation)
        subject_type = entities[subject].type if subject in entities else None
        object_type = entities[obj].type if obj in entities else None
        if (
            predicate in IMPLIES_WORKS_FOR
            and subject_type is EntityType.PERSON
            and object_type is EntityType.ORGANIZATION
        ):
            keep(
                dataclasses.replace(
                    relation,
                    predicate="worksFor",
                    extractor=f"implied:{predicate}->worksFor",
                    confidence=round(relation.confidence * 0.95, 3),
                )
            )

    # the same money in another currency, in brackets after the amount raised
    amount_mentions = [
        (m.entity_key, m.start, m.end) for m in mentions
        if m.entity_key in entities and entities[m.entity_key].type is EntityType.MONETARY_AMOUNT
    ]
    converted = conversions(amount_mentions, text)
    for relation in list(best.values()):
        other = converted.get(relation.object)
        if relation.predicate == "raised" and other is not None:
            keep(dataclasses.replace(relation, object=other, extractor=f"{relation.extractor}+conversion"))

    # co-mentions (actors only: amounts are not actors)
    per_sentence: dict[int, set[str]] = {}
    for found_mention in mentions:
        entity = entities.get(found_mention.entity_key)
        if entity is None or entity.type is EntityType.MONETARY_AMOUNT:
            continue
        per_sentence.setdefault(found_mention.sentence_start, set()).add(found_mention.entity_key)
    weights: Counter[tuple[str, str]] = Counter()
    for keys in per_sentence.values():
        for a, b in combinations(sorted(keys), 2):
            weights[(a, b)] += 1
    comentions = tuple(CoMention(a, b, w) for (a, b), w in sorted(weights.items()))

    extraction = Extraction(
        document=document,
        entities=tuple(entities.values()),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
        relations=tuple(sorted(best.values(), key=lambda r: (r.evidence.start, r.subject, r.predicate, r.object))),
        comentions=comentions,
        dates=tuple(find_dates(document.text)),
        models=tuple(models),
    )
    rounds, implied = read_rounds(extraction)
    sources = _only_cited(doc, cited, extraction.mentions)
    if sources:  # an outlet named only as a source raises nothing and backs no round
        rounds = tuple(r for r in rounds if r.company not in sources)
        implied = tuple(r for r in implied if r.subject not in sources and r.object not in sources)
    extraction = dataclasses.replace(extraction, rounds=rounds, relations=extraction.relations + implied)
    return dataclasses.replace(extraction, editions=find_editions(extraction))
