"""Company titles written without their company: "CEO Jane Roe said", "Jane Roe, the co-founder, added".

An article about one company names its people by their title alone once the company is clear:
"a video with CEO Jane Roe", "Jane Roe, the chief technology officer, said", "le PDG Jean Dupont
a indiqué". No pattern reads a relation there, because the organisation is not written in the
sentence: it is the article's topic. This module gives such a person the title's relation
(``leads``, ``founded`` or ``worksFor``, read by the relation finder's ``role_of``) with the
article's organisation, under three guards that keep it to that reading:

* the title is a company title (``word_lists.implicit_owner_titles``: chief executive, founder,
  CTO, PDG, directeur général...; "President X", "Minister X" name no company);
* the sentence names no organisation but the topic (outside that predicate), and nothing before the title owns it (no
  "Acme's", "its", "of"): those are read by the patterns and role phrases with their written owner;
* the person has no other employer in the candidates so far (but for one named in the predicate of
  the person's own clause: "Co-founders A and B previously worked at *Z*"), and the article has a topic: the
  organisation named (or referred to) most often before the sentence ends, at least twice
  (:func:`..coref.article_topic`, the same topic the references fall back on).

The fact is read through the article's context, so it carries the confidence of a fact read
through a reference (``+topic``, discounted like ``+coref``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..coref import REFERENCE_DISCOUNT, Reference, article_topic, entity_key
from ..lexicon import Lexicon
from .extensions import RelationCandidate, span_candidate

__all__ = ["TITLED", "titled_people"]

TITLED = "pattern:bare-title+topic"
_CONFIDENCE = 0.75 * REFERENCE_DISCOUNT
#: The relation finder's reading of a role phrase ending at a token.
RoleOf = Callable[[Doc, int], "str | None"]
_EMPLOYMENT = frozenset({"worksFor", "leads", "founded"})
#: Words after a title that hand it an owner ("CEO of", "fondateur de"): not a bare title.
_OWNER_LINKS = frozenset({"of", "at", "for", "de", "d'", "d’", "du", "des", "chez", "'s", "’s"})
_OWNER_MARKS = frozenset({"'s", "’s", "of", "de", "d'", "d’", "du", "des", "at", "chez"})
_DETERMINERS = frozenset({"the", "a", "an", "le", "la", "l'", "l’", "un", "une"})
_ENDS = frozenset({",", ".", ")", ";", "—", "–"})
_MIN_TOPIC_MENTIONS = 2
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})


def titled_people(
    doc: Doc, candidates: Sequence[RelationCandidate], ent_of: Mapping[int, Span],
    refs: Mapping[int, Reference], lexicon: Lexicon, lang: str, role_of: RoleOf,
) -> list[RelationCandidate]:
    """The relations of the people named with a bare company title, with the article's topic."""
    titles = lexicon.words("implicit_owner_titles", lang)
    # a title ends with one of these words: one look-up per title in the document's lowercase
    # forms (``Doc.to_array``), no ``Token`` per token on documents without one
    lowers = set(doc.to_array(LOWER).tolist())
    if not any(get_string_id(title.split()[-1]) in lowers for title in titles):
        return []
    employers: dict[str, list[int]] = {}  # a person's name -> where the organisations it works for are named
    for c in candidates:
        if c.predicate in _EMPLOYMENT:
            employers.setdefault(_name(doc[c.subject_start:c.subject_end]), []).append(c.object_start)
    possessives = lexicon.words("poss_pronouns", lang) | lexicon.words("person_poss_pronouns", lang)
    joiners = frozenset(lexicon.coordinators)
    out: list[RelationCandidate] = []
    for person in dict.fromkeys(ent_of.values()):
        if person.label_ != "Person":
            continue
        owners = _owner_positions(doc, person)
        if any(not (person.end <= i < person.sent.end) or i in owners for i in employers.get(_name(person), ())):
            continue  # another employer, but not one the person's own clause says it worked at
        sent = person.sent
        predicates = (_titles_before(doc, person, titles, joiners, possessives, role_of)
                      or _title_after(doc, person, titles, role_of))
        if not predicates:
            continue
        topic = _topic(doc, sent.end, ent_of, refs)
        if topic is None or any(ent_of[i].label_ == "Organization" and entity_key(ent_of[i]) != entity_key(topic)
                                for i in _owner_positions(doc, person) if i in ent_of):
            continue  # another company may be the one the title belongs to
        out.extend(
            span_candidate(person, predicate, topic, sent, TITLED, _CONFIDENCE)
            for predicate in predicates
        )
    return out


def _owner_positions(doc: Doc, person: Span) -> range:
    """Where a company that may own the person's title can be named: anywhere in the sentence but
    in the predicate of a clause the person is the subject of ("Co-founders A and B previously led
    research at *Z*": Z is where they worked before, not the owner of the title)."""
    sent = person.sent
    root = person.root
    if root.dep_ in _SUBJECT_DEPS and root.head.i > person.end:
        return range(sent.start, root.head.i)  # up to the verb: its complements name no owner
    return range(sent.start, sent.end)


def _name(span: Span) -> str:
    return span.text.lower()


def _title_end(doc: Doc, index: int, titles: frozenset[str]) -> int | None:
    """The first token of a company title that ends at ``index`` ("chief technology officer"), if any."""
    for width in (3, 2, 1):
        start = index - width + 1
        if start >= doc[index].sent.start and " ".join(t.lower_ for t in doc[start:index + 1]) in titles:
            return start
    return None


def _titles_before(doc: Doc, person: Span, titles: frozenset[str], joiners: frozenset[str],
                   possessives: frozenset[str], role_of: RoleOf) -> list[str]:
    """ "[the] CEO [and co-founder] Jane Roe": the titles written right before the name, when
    nothing before them names their owner."""
    found: list[str] = []
    j = person.start - 1
    sent_start = person.sent.start
    while j >= sent_start:
        start = _title_end(doc, j, titles)
        predicate = role_of(doc, j) if start is not None else None
        if start is None or predicate is None:
            break
        found.append(predicate)
        j = start - 1
        if j >= sent_start and doc[j].lower_ in joiners:
            j -= 1
            continue
        break
    if not found or j < sent_start:
        return found
    before = doc[j]
    if before.ent_type_ or before.lower_ in _OWNER_MARKS or before.lower_ in possessives:
        return []  # "Acme's CEO", "its CEO", "ex-head of X CEO": an owner is written
    return found


def _title_after(doc: Doc, person: Span, titles: frozenset[str], role_of: RoleOf) -> list[str]:
    """ "Jane Roe, the chief executive, said": a title in apposition with nothing that owns it."""
    sent = person.sent
    k = person.end
    if k >= sent.end or doc[k].text != ",":
        return []
    k += 1
    if k < sent.end and doc[k].lower_ in _DETERMINERS:
        k += 1
    for end in range(k, min(sent.end, k + 3)):
        if _title_end(doc, end, titles) == k:
            after = doc[end + 1] if end + 1 < sent.end else None
            if after is not None and (after.lower_ in _OWNER_LINKS or after.text not in _ENDS):
                return []
            predicate = role_of(doc, end)
            return [predicate] if predicate is not None else []
    return []


def _topic(doc: Doc, end: int, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]) -> Span | None:
    """The organisation the article is about up to token ``end`` (:func:`..coref.article_topic`:
    named or referred to most often, the first named on a tie), named at least twice."""
    names: list[Span] = []
    for i in range(end):
        ent = ent_of.get(i)
        if ent is not None:
            if i == ent.start:
                names.append(ent)
            continue
        ref = refs.get(i)
        if ref is not None and ref.rule == "coref" and ref.candidates:  # an apposition is the same mention
            names.append(ref.candidates[0])
    return article_topic(names, _MIN_TOPIC_MENTIONS)
