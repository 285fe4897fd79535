"""Co-investors named with a bare link after a round's lead: "un tour mené par A, avec B et C",
"a round led by A, with B and C", "mené par A, aux côtés de B" (``co_investor_links``).

The round readers give the lead ("led by A": ``A investsIn X``) and the participants that a
participation noun names ("avec la participation de B"); a bare "avec"/"with" after the lead's
name they leave out. This reader follows each ``investsIn`` candidate whose investor is named
right before such a link (after the rest of the investor's list) and gives the organisations
listed after the link the same investment; a person or a lower-case word after the link ("avec
l'ambition de ...", "with its partner") opens no list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, words_field
from .extensions import RelationCandidate
from .name_lists import listed_after

__all__ = ["CO_INVESTOR", "CoInvestorWords", "co_investors"]

CO_INVESTOR = "pattern:lead-with-co-investors"
_CONFIDENCE = 0.7
_ORG = "Organization"
_JOINERS = frozenset({",", "et", "and", "&"})
_MAX_LINK_WORDS = 3


@dataclass(frozen=True)
class CoInvestorWords:
    """Links between a round's lead and its co-investors (lower-cased, one or more words)."""

    links: frozenset[str] = words_field("co_investor_links")


_CACHE: dict[tuple[int, str], tuple[tuple[str, ...], ...]] = {}


def _links(lexicon: Lexicon, lang: str) -> tuple[tuple[str, ...], ...]:
    key = (id(lexicon), lang)
    if key not in _CACHE:
        words = lexicon.read_words(CoInvestorWords, lang)
        _CACHE[key] = tuple(sorted((tuple(w.split()) for w in words.links), key=len, reverse=True))
    return _CACHE[key]


def co_investors(doc: Doc, candidates: Sequence[RelationCandidate], ent_of: Mapping[int, Span],
                 lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` for the organisations listed after a link that follows an investor's name."""
    links = _links(lexicon, lang)
    if not links:
        return []
    known = {(c.subject_start, c.object_start) for c in candidates if c.predicate == "investsIn"}
    out: list[RelationCandidate] = []
    for cand in candidates:
        if cand.predicate != "investsIn" or cand.subject_end <= 0:
            continue
        investor = ent_of.get(cand.subject_start)
        if investor is None or investor.label_ != _ORG or investor.start != cand.subject_start:
            continue
        listed = listed_after(doc, investor.end, ent_of, _ORG, _JOINERS)
        i = (listed[-1] if listed else investor).end
        end = investor.sent.end
        if i < end and doc[i].text == ",":
            i += 1
        after = _after_link(doc, i, end, links)
        first = ent_of.get(after) if after is not None else None
        if first is None or first.label_ != _ORG or first.start != after:
            continue
        for org in [first, *listed_after(doc, first.end, ent_of, _ORG, _JOINERS)]:
            if org.start == cand.object_start or (org.start, cand.object_start) in known:
                continue
            known.add((org.start, cand.object_start))
            out.append(RelationCandidate(org.start, org.end, "investsIn", cand.object_start, cand.object_end,
                                         investor.sent.start, end, CO_INVESTOR, _CONFIDENCE,
                                         cand.object_kb, ""))
    return out


def _after_link(doc: Doc, i: int, end: int, links: tuple[tuple[str, ...], ...]) -> int | None:
    """The token after the link that starts at ``i``, or ``None`` when none does."""
    for link in links:
        if len(link) > _MAX_LINK_WORDS or i + len(link) > end:
            continue
        if all(doc[i + k].lower_ == word for k, word in enumerate(link)):
            return i + len(link)
    return None
