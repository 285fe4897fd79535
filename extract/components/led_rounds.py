"""A round named by its lead investor: "a Thrive Capital-led round", "the SoftBank-backed raise".

English folds the lead investor into the round's noun phrase as a hyphenated participle. The
round patterns read "led by X"; this reader reads "X-led <funding noun>" (``funding_nouns``;
participles ``round_lead_participles``): X invests in the round's company, which is the subject
of the raise the sentence states (a ``raised`` candidate of the same sentence, from any
reader), else of the last raise told before it in the document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span

from ..doc_words import cue_tokens
from .extensions import RelationCandidate

__all__ = ["LED_ROUND", "led_rounds", "round_raiser"]

LED_ROUND = "pattern:org-led-round"
_CONFIDENCE = 0.75
_HYPHENS = frozenset({"-", "‑", "–"})
_MAX_BEFORE_NOUN = 3


def led_rounds(doc: Doc, candidates: Sequence[RelationCandidate], ent_of: Mapping[int, Span],
               participles: frozenset[str], funding_nouns: frozenset[str]) -> list[RelationCandidate]:
    """``investsIn`` from each "X-led round" to the company that raised the round."""
    raises = sorted((c for c in candidates if c.predicate == "raised"), key=lambda c: c.sentence_start)
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, participles):
        if token.lower_ not in participles or token.i < 2 or doc[token.i - 1].text not in _HYPHENS:
            continue
        investor = ent_of.get(token.i - 2)
        if investor is None or investor.label_ != "Organization" or investor.end != token.i - 1:
            continue
        after = doc[token.i + 1 : min(token.sent.end, token.i + 1 + _MAX_BEFORE_NOUN)]
        if not any(t.lower_ in funding_nouns for t in after):
            continue
        sent = token.sent
        raiser = round_raiser(raises, sent.start, investor)
        if raiser is None:
            continue
        out.append(RelationCandidate(investor.start, investor.end, "investsIn", raiser[0], raiser[1],
                                     sent.start, sent.end, LED_ROUND, _CONFIDENCE, "", ""))
    return out


def round_raiser(raises: Sequence[RelationCandidate], sentence: int, investor: Span) -> tuple[int, int] | None:
    """The subject span of the raise stated in this sentence, else of the last one before it
    (``raises`` in document order), never the investor's own."""
    same = [c for c in raises if c.sentence_start == sentence and c.subject_start != investor.start]
    before = [c for c in raises if c.sentence_start < sentence and c.subject_start != investor.start]
    chosen = same[0] if same else (before[-1] if before else None)
    return (chosen.subject_start, chosen.subject_end) if chosen is not None else None
