"""People's roles framed by the words around them, where the role phrase alone names no organisation.

Unseen news (check batch 9) wrote roles in frames the role phrases and the appointments miss. Each is
read here on the surface and the dependency tree, the role word judged by the relation finder's own
reading (``role_of``), never by a name:

* :func:`coordinated_roles`: two roles coordinated before one organisation, "co-founder and CEO of
  Acme", "co-PDG et cofondateurs d'Acme": the first role is Acme's too, for the people in
  apposition before the roles or, for roles put first, named after the organisation;
* :func:`hired_to_lead`: a hire with its purpose, "Acme recruited Y to lead Zorbex Labs", "en
  recrutant Y pour piloter Zorbex Labs": Y leads what the purpose verb names;
* :func:`included_roles`: people a list singles out by their role, "took on most of its team,
  including co-founders A and B": the role is the possessor's ("its" = the company in the
  sentence), and the hirer's staff they join (``worksFor`` the hiring organisation);
* :func:`appointer_org`: an appointment whose role is no organisation's own, "Acme named Y CEO of a
  new division", "X, directeur général d'Acme, a nommé Y à un poste clé": Y works for Acme (the
  subject, or the organisation of the subject's own role);
* :func:`side_roles`: "côté Acme" or "chez Acme" before people named with a role, "les départs côté
  Acme du directeur scientifique A et de la directrice technique B": each role is Acme's.

Cue words are data (``word_lists`` ``hire_verbs``, ``appoint_verbs``, ``role_lead_verbs``,
``purpose_markers``, ``inclusion_cues``, ``post_nouns``, ``org_side_cues`` and ``poss_pronouns`` in
``data/lexicon.json``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import Reference
from ..doc_words import cue_positions, cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate
from .founding_teams import described_people, role_candidate

__all__ = ["ROLE_FRAME", "appointer_org", "coordinated_roles", "hired_to_lead", "included_roles", "referred_entity",
           "role_end", "role_frame_relations", "side_roles"]

ROLE_FRAME = "pattern:role-frame"
#: The relation finder's reading of a role phrase ending (or, in French, starting) at a token.
RoleOf = Callable[[Doc, int], "str | None"]
_LINKS = frozenset({"of", "at", "de", "d'", "d’", "du", "des", "chez"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj", "obj"})
#: How far an appointment's role or post may lie after the appointee.
_WINDOW = 8


def role_frame_relations(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
    role_of: RoleOf, role_words: frozenset[str] | None = None,
) -> list[RelationCandidate]:
    """Every construction of this module, for the relation finder (``role_words``: the words
    ``role_of`` may find a role at, see :func:`coordinated_roles`)."""
    return (coordinated_roles(doc, ent_of, lexicon, role_of, role_words)
            + hired_to_lead(doc, ent_of, refs, lexicon, lang)
            + included_roles(doc, ent_of, refs, lexicon, lang, role_of)
            + appointer_org(doc, ent_of, refs, lexicon, lang, role_of)
            + side_roles(doc, ent_of, lexicon, lang, role_of))


# -- shared readings ----------------------------------------------------------------------------


def _ent(index: int, ent_of: Mapping[int, Span], label: str) -> Span | None:
    ent = ent_of.get(index)
    return ent if ent is not None and ent.label_ == label else None


def referred_entity(index: int, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
              label: str) -> tuple[Span | None, bool]:
    """The entity of ``label`` a token names, or refers to through a reference."""
    ent = ent_of.get(index)
    if ent is not None:
        return (ent, False) if ent.label_ == label else (None, False)
    ref = refs.get(index)
    for candidate in ref.candidates if ref is not None else ():
        if candidate.label_ == label:
            return candidate, True
    return None, False


def _same(a: Span, b: Span) -> bool:
    """Whether two mentions are the same name (a reference's antecedent may be another mention)."""
    return a.start == b.start or a.text == b.text


def role_end(doc: Doc, index: int, role_of: RoleOf) -> tuple[int, str] | None:
    """The last token of the role phrase that starts at ``index`` and its predicate."""
    predicate = role_of(doc, index)
    if predicate is None:
        return None
    end = index
    while end + 1 < doc[index].sent.end and doc[end + 1].pos_ in {"NOUN", "PROPN", "ADJ"} \
            and not doc[end + 1].ent_type_:
        longer = role_of(doc, end + 1)
        if longer is None:
            break
        end, predicate = end + 1, longer
    return end, predicate


def _linked_org(doc: Doc, i: int, ent_of: Mapping[int, Span]) -> Span | None:
    """The organisation named right after a link word at ``i`` ("of Acme", "d'Acme"), not the owner
    of a noun that follows it ("of Acme's lab")."""
    end = doc[i].sent.end if i < len(doc) else len(doc)
    if i + 1 >= end or doc[i].lower_ not in _LINKS:
        return None
    org = _ent(i + 1, ent_of, "Organization")
    if org is None or org.start != i + 1 or (org.end < end and doc[org.end].lower_ in {"'s", "’s"}):
        return None
    return org


def _holders(doc: Doc, first: int, after: int, ent_of: Mapping[int, Span], lexicon: Lexicon) -> list[Span]:
    """The people a role phrase describes: in apposition before it ("A [and B], [the former] ROLE"),
    or, for a role put first, named after it past a description ("ROLE of Acme, a robotics firm, A")."""
    joiners = frozenset(lexicon.coordinators)
    sent = doc[first].sent
    i = first - 1
    while i >= sent.start and first - i <= 3 and doc[i].pos_ in {"DET", "ADJ"} and not doc[i].ent_type_:
        i -= 1
    if i - 1 >= sent.start and doc[i].text == ",":
        person = _ent(i - 1, ent_of, "Person")
        people: list[Span] = []
        while person is not None:
            people.append(person)
            j = person.start - 1
            if j - 1 < sent.start or doc[j].lower_ not in joiners | {","}:
                break
            person = _ent(j - 1, ent_of, "Person")
        return people
    if i >= sent.start:
        return []
    # the role opens the sentence: the people come after the organisation and its description
    j = after
    if j < sent.end and doc[j].text == ",":
        k = j + 1
        while k < sent.end and k - j <= 10 and doc[k].text != "," and "Fin" not in doc[k].morph.get("VerbForm", []) \
                and _ent(k, ent_of, "Person") is None:
            k += 1
        if _ent(j + 1, ent_of, "Person") is not None:
            k = j
        if k < sent.end and doc[k].text == ",":
            return described_people(doc, k + 1, ent_of, lexicon, before=False)[0]
    return []


# -- coordinated roles and organisations --------------------------------------------------------------


def coordinated_roles(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, role_of: RoleOf,
                      role_words: frozenset[str] | None = None) -> list[RelationCandidate]:
    """"co-founder and CEO of Acme", "co-PDG et cofondateurs d'Acme": both roles are Acme's.

    With ``role_words`` (the words ``role_of`` answers None for every other token at), only the
    tokens that carry one are visited: asking at every token made a ``Token`` for each, most of
    this function's time."""
    joiners = frozenset(lexicon.coordinators)
    out: list[RelationCandidate] = []
    starts = sorted(cue_positions(doc, role_words)) if role_words is not None else range(len(doc))
    after = 0  # the first token a role may start at: a role found runs to its organisation
    for i in starts:
        if i < after:
            continue
        found = role_end(doc, i, role_of)
        if found is None or doc[i].ent_type_:
            continue
        token = doc[i]
        last, predicate = found
        roles = [(i, last, predicate)]
        k = last + 1
        if k + 1 < token.sent.end and doc[k].lower_ in joiners and not doc[k + 1].ent_type_:
            second = role_end(doc, k + 1, role_of)
            if second is not None:
                roles.append((k + 1, second[0], second[1]))
                k = second[0] + 1
        org = _linked_org(doc, k, ent_of)
        if org is not None and len(roles) > 1:
            for person in _holders(doc, i, org.end, ent_of, lexicon):
                out.extend(role_candidate(person, pred, org, token.sent, ROLE_FRAME, False) for _s, _l, pred in roles)
        after = k if k > i else i + 1
    return out


# -- hires and appointments -------------------------------------------------------------------


def _objects(verb: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]) -> list[Span]:
    """The people a verb takes as objects, with their conjuncts ("hired A and B")."""
    people: list[Span] = []
    for obj in (c for c in verb.children if c.dep_ in _OBJECT_DEPS):
        for token in [obj, *obj.conjuncts, *(c for c in obj.children if c.dep_ == "appos")]:
            person, _ = referred_entity(token.i, ent_of, refs, "Person")
            if person is not None and person not in people:
                people.append(person)
    if not people and verb.i + 1 < verb.sent.end:
        person = _ent(verb.i + 1, ent_of, "Person")
        if person is not None and person.start == verb.i + 1:
            people.append(person)
    return people


def _appointees(doc: Doc, verbs: frozenset[str], ent_of: Mapping[int, Span], refs: Mapping[int, Reference]
                ) -> list[tuple[Token, list[Span], int]]:
    """Each verb of ``verbs`` with the people it takes as objects and the token after the last."""
    found: list[tuple[Token, list[Span], int]] = []
    for verb in cue_tokens(doc, verbs):
        people = _objects(verb, ent_of, refs) if verb.pos_ == "VERB" else []
        if people:
            found.append((verb, people, max(p.end for p in people)))
    return found


def hired_to_lead(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                  lang: str) -> list[RelationCandidate]:
    """"Acme recruited Y to lead Zorbex Labs", "en recrutant Y pour piloter Zorbex Labs": ``leads``."""
    hires = lexicon.words("hire_verbs", lang) | lexicon.words("appoint_verbs", lang)
    leading = lexicon.words("role_lead_verbs", lang)
    purpose = lexicon.words("purpose_markers", lang)
    out: list[RelationCandidate] = []
    for verb, people, start in _appointees(doc, hires, ent_of, refs):
        for j in range(start, min(verb.sent.end - 2, start + _WINDOW)):
            if doc[j].lower_ in purpose and doc[j + 1].lemma_.lower() in leading:
                org = _ent(j + 2, ent_of, "Organization")
                if org is None and j + 3 < verb.sent.end and doc[j + 2].pos_ == "DET":
                    org = _ent(j + 3, ent_of, "Organization")
                if org is not None:
                    out.extend(role_candidate(p, "leads", org, verb.sent, ROLE_FRAME, False) for p in people)
                break
    return out


def _subject_org(verb: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                 role_of: RoleOf) -> tuple[Span | None, bool]:
    """The organisation an appointing subject is or works for: "Acme named", "X, PDG d'Acme, a nommé"."""
    for subject in (c for c in verb.children if c.dep_ in _SUBJECT_DEPS):
        org, referred = referred_entity(subject.i, ent_of, refs, "Organization")
        if org is not None:
            return org, referred
        person = _ent(subject.i, ent_of, "Person")
        if person is None or person.end >= verb.i or _text_at(verb, person.end) != ",":
            continue
        doc = verb.doc
        k = person.end + 1
        while k < verb.i and doc[k].pos_ in {"DET", "ADJ"}:
            k += 1
        found = role_end(doc, k, role_of) if k < verb.i else None
        if found is not None:
            org = _linked_org(doc, found[0] + 1, ent_of)
            if org is not None:
                return org, False
    return None, False


def _text_at(token: Token, i: int) -> str:
    """The text of the token at ``i`` in ``token``'s document ("" past its end)."""
    return token.doc[i].text if i < len(token.doc) else ""


def appointer_org(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                  lang: str, role_of: RoleOf) -> list[RelationCandidate]:
    """"Acme named Y CEO of a new division", "X, PDG d'Acme, a nommé Y à un poste clé": ``worksFor``
    the appointing organisation, when a role or a post follows the appointee."""
    appoint = lexicon.words("appoint_verbs", lang)
    posts = lexicon.words("post_nouns", lang)
    out: list[RelationCandidate] = []
    for verb, people, start in _appointees(doc, appoint, ent_of, refs):
        stop = min(verb.sent.end, start + _WINDOW)
        if not any(doc[j].lemma_.lower() in posts or doc[j].lower_ in posts
                   or (not doc[j].ent_type_ and role_of(doc, j) is not None) for j in range(start, stop)):
            continue
        org, referred = _subject_org(verb, ent_of, refs, lexicon, role_of)
        if org is None:
            continue
        out.extend(role_candidate(p, "worksFor", org, verb.sent, ROLE_FRAME, referred)
                   for p in people if p.start != org.start)
    return out


# -- people singled out by their role -------------------------------------------------------------


def _owner_before(doc: Doc, cue: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                  lexicon: Lexicon, lang: str, hirer: Span | None) -> tuple[Span | None, bool]:
    """The organisation owning the noun an inclusion cue follows: "its staff, including", "Acme's team,"."""
    possessives = lexicon.words("poss_pronouns", lang)
    sent_start = cue.sent.start
    for i in range(cue.i - 1, max(sent_start - 1, cue.i - 5), -1):
        token = doc[i]
        if token.lower_ in possessives:
            if hirer is not None:  # "X hired its staff": "its" is another company than X
                ref = refs.get(i)
                for candidate in ref.candidates if ref is not None else ():
                    if candidate.label_ == "Organization" and not _same(candidate, hirer):
                        return candidate, True
                return _other_org(doc, cue, hirer, ent_of), False
            return referred_entity(i, ent_of, refs, "Organization")
        if token.lower_ in {"'s", "’s"} and i - 1 >= sent_start:
            return _ent(i - 1, ent_of, "Organization"), False
        if token.pos_ in {"VERB", "AUX"} or token.ent_type_:
            break
    return None, False


def _hirer(cue: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
           role_of: RoleOf) -> tuple[Span | None, bool]:
    """The organisation of the hiring verb an inclusion hangs from ("X ... hired its staff, including"),
    the first conjunct's subject where the hiring verb has none of its own."""
    hires = lexicon.words("hire_verbs")
    verb = cue.head
    while verb.pos_ != "VERB" and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in hires:
        return None, False
    hirer, referred = _subject_org(verb, ent_of, refs, lexicon, role_of)
    while hirer is None and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
        hirer, referred = _subject_org(verb, ent_of, refs, lexicon, role_of)
    return hirer, referred


def _other_org(doc: Doc, cue: Token, other: Span, ent_of: Mapping[int, Span]) -> Span | None:
    """The organisation named last before ``cue`` in its sentence that is not ``other``."""
    for i in range(cue.i - 1, cue.sent.start - 1, -1):
        ent = _ent(i, ent_of, "Organization")
        if ent is not None and not _same(ent, other):
            return ent
    return None


def included_roles(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon,
                   lang: str, role_of: RoleOf) -> list[RelationCandidate]:
    """"took on most of its team, including co-founders A and B": the role is the possessor's, and the
    people work for the hiring organisation."""
    cues = lexicon.words("inclusion_cues", lang)
    out: list[RelationCandidate] = []
    for cue in cue_tokens(doc, cues):
        if cue.i + 2 >= cue.sent.end:
            continue
        found = role_end(doc, cue.i + 1, role_of)
        if found is None:
            continue
        last, predicate = found
        people = described_people(doc, last + 1, ent_of, lexicon, before=False)[0]
        if not people:
            continue
        hirer, h_ref = _hirer(cue, ent_of, refs, lexicon, role_of)
        owner, referred = _owner_before(doc, cue, ent_of, refs, lexicon, lang, hirer)
        if owner is not None:
            out.extend(role_candidate(p, predicate, owner, cue.sent, ROLE_FRAME, referred) for p in people)
        if hirer is not None and (owner is None or not _same(owner, hirer)):
            out.extend(role_candidate(p, "worksFor", hirer, cue.sent, ROLE_FRAME, h_ref) for p in people)
    return out


# -- "côté Acme", "chez Acme" ---------------------------------------------------------------------


def side_roles(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str, role_of: RoleOf
               ) -> list[RelationCandidate]:
    """"les départs côté Acme du directeur scientifique A et de la directrice technique B": each
    person named right after a role, up to the next verb, holds the role at Acme."""
    cues = lexicon.words("org_side_cues", lang)
    out: list[RelationCandidate] = []
    for cue in cue_tokens(doc, cues):
        org = _ent(cue.i + 1, ent_of, "Organization")
        if org is None or org.start != cue.i + 1:
            continue
        sent = cue.sent
        i = org.end
        while i < sent.end and doc[i].pos_ not in {"VERB", "AUX"} and doc[i].text not in {":", ";", "(", "«"}:
            if doc[i].ent_type_:
                break  # a name with no role before it ends the list
            found = role_end(doc, i, role_of)
            if found is None:
                i += 1
                continue
            last, predicate = found
            person = _ent(last + 1, ent_of, "Person")
            if person is None or person.start != last + 1:
                break
            out.append(role_candidate(person, predicate, org, sent, ROLE_FRAME, False))
            i = person.end
    return out
