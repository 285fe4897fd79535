"""People and their titles paired in order: "A et B, respectivement CEO et CTO d'Acme", "A and B,
respectively chief executive and chief scientist of Acme".

The role patterns pair a title with the name next to it, so "A and B, respectively CEO and CTO of
Acme" gives B the chief executive's role and A none. "Respectively" says the i-th name holds the
i-th title: this reader pairs them so, for the organisation written after the titles, and drops
the candidates that paired the names of the list with that organisation otherwise in the same
sentence. Names and titles must be as many; otherwise nothing is changed. The word is data
(``word_lists.respectively_words``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span

from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate, span_candidate
from .name_lists import list_joiners, listed_before
from .title_sequences import titles_at

__all__ = ["RESPECTIVE", "respective_roles"]

RESPECTIVE = "pattern:respectively"
_CONFIDENCE = 0.85
_ROLE_PREDICATES = frozenset({"leads", "worksFor", "founded"})
_OWNER_LINKS = frozenset({"of", "at", "de", "d'", "d’", "du", "chez"})


def respective_roles(doc: Doc, candidates: Sequence[RelationCandidate], ent_of: Mapping[int, Span],
                     lexicon: Lexicon, lang: str, narrowers: frozenset[str]) -> list[RelationCandidate]:
    """``candidates`` with the roles of each "respectively" list paired in order."""
    words = lexicon.words("respectively_words", lang)
    joiners = list_joiners(lexicon)
    out = list(candidates)
    for token in cue_tokens(doc, words):
        if token.lower_ not in words:
            continue
        sent = token.sent
        comma = token.i - 1
        people = listed_before(doc, comma, ent_of, "Person", joiners) if doc[comma].text == "," else []
        titles = titles_at(doc, token.i + 1, sent.end, lexicon.roles.get(lang, {}), narrowers, joiners)
        if len(people) < 2 or titles is None or len(titles[0]) != len(people):
            continue
        predicates, _, j = titles
        while j < sent.end and doc[j].pos_ == "DET":
            j += 1
        if j >= sent.end or doc[j].lower_ not in _OWNER_LINKS:
            continue
        j += 1
        while j < sent.end and doc[j].pos_ == "DET":
            j += 1
        org = ent_of.get(j)
        if org is None or org.label_ != "Organization":
            continue
        starts = {p.start for p in people}
        out = [c for c in out if not (c.sentence_start == sent.start and c.subject_start in starts
                                      and c.object_start == org.start and c.predicate in _ROLE_PREDICATES)]
        out.extend(
            span_candidate(person, predicate, org, sent, RESPECTIVE, _CONFIDENCE)
            for person, predicate in zip(people, predicates, strict=True)
        )
    return out
