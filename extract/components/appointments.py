"""People's roles written around appointments, departures and role phrases that the patterns miss.

The relation patterns read a role noun next to its person and organisation ("X, CEO of Y"). News
about people is written in more ways than that, and each of these is read here on the dependency
tree and the surface, with the role word judged by the relation finder's own reading
(``role_of``: "chief executive" leads, "head of research" only works for):

* :func:`appointed_roles`: an appointment or a move, "Acme appointed Y as its new chief executive",
  "Acme a nommé Y directrice générale", "Y a été nommée PDG d'Acme", "Y joins Acme as head of
  policy", "Y prend la tête d'Acme", "Y succède à Z à la tête d'Acme": the person gets the role
  the clause names (``worksFor`` for a person who joins without one);
* :func:`past_employers`: where a person worked, said by a verb of leaving or of time spent,
  "Y quitte Acme", "Y spent four years at Acme", "vient de passer trois ans au sein d'Acme",
  "Y, passée par Acme et Zorbex", "Y, who joined Acme in 2022 from Zorbex": ``worksFor`` (the
  status module reads the past from "left", "quitte", "passée");
* :func:`role_phrases`: role phrases the patterns break on, "Y, le patron de la biotech Acme"
  (a description before the name), "Y, l'ancien président exécutif d'Acme" (an adjective after
  the role), "Acme's billionaire ex-CEO Y", a second coordinated role ("partner at Acme and board
  member at Zorbex"), and lists of people after a role with its owner, "Acme's co-founders A and B", "ses
  cofondateurs A et B", "the Acme co-founders A and B", "le duo fondateur d'Acme, A et B".

The cue words are data (``word_lists`` ``appoint_verbs``, ``role_taking_verbs``, ``leave_verbs``,
``stint_verbs``, ``stint_nouns``, ``role_openers``, ``from_words`` and ``poss_pronouns`` in
``data/lexicon.json``); the role words are the lexicon's ``roles``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .clauses import verb_subjects
from .extensions import RelationCandidate
from .founding_teams import described_people, role_candidate  # the same surface list, the same candidates
from .role_frames import referred_entity as _entity  # the same readings as the role frames'
from .role_frames import role_end as _role_end
from .role_frames import role_frame_relations

__all__ = ["APPOINTED", "PAST", "ROLE_PHRASE", "appointed_roles", "appointment_relations", "named_appointments",
           "past_employers", "role_phrases"]

APPOINTED = "pattern:appointment"
PAST = "pattern:past-employer"
ROLE_PHRASE = "pattern:role-phrase"
#: The relation finder's reading of a role phrase ending (or, in French, starting) at a token.
RoleOf = Callable[[Doc, int], "str | None"]
_LINKS = frozenset({"of", "at", "de", "d'", "d’", "du", "des", "chez"})
_POSSESSIVE_MARKS = frozenset({"'s", "’s"})
_LIST_OPENERS = frozenset({",", ":", "—", "–", "-"})
#: Tokens a role scan may cross after the appointee ("as *its new* chief executive").
_ROLE_WINDOW = 8
_OBJECT_DEPS = frozenset({"dobj", "obj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_PASSIVE_DEPS = frozenset({"nsubj:pass", "nsubjpass"})


def appointment_relations(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
    role_of: RoleOf, role_words: frozenset[str],
) -> list[RelationCandidate]:
    """Every construction of this module, for the relation finder. ``role_words``: the lowercase
    words that ``role_of`` may find a role at (the others it answers None for)."""
    return (appointed_roles(doc, ent_of, refs, lexicon, lang, role_of)
            + named_appointments(doc, ent_of, refs, lexicon, lang, role_of)
            + past_employers(doc, ent_of, refs, lexicon, lang)
            + role_phrases(doc, ent_of, refs, lexicon, lang, role_of, role_words)
            + role_frame_relations(doc, ent_of, refs, lexicon, lang, role_of, role_words))


# -- shared readings ----------------------------------------------------------------------------


def _person_of(token: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
               relatives: frozenset[str]) -> tuple[Span | None, bool]:
    """The person a subject token names: a name, a pronoun, or "who"/"qui" of a relative clause."""
    if token.lower_ in relatives:  # "Y, who left Acme": the relative clause's noun
        verb = token.head
        return _entity(verb.head.i, ent_of, refs, "Person") if verb.head.i != verb.i else (None, False)
    return _entity(token.i, ent_of, refs, "Person")


def _participle_person(verb: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]
                       ) -> tuple[Span | None, bool]:
    """The person a participle describes ("Y, *passée* par Acme"): its head, or the name before it."""
    if verb.dep_ in {"acl", "amod", "appos", "acl:relcl"}:
        found = _entity(verb.head.i, ent_of, refs, "Person")
        if found[0] is not None:
            return found
    doc = verb.doc
    j = verb.i - 1
    if j > verb.sent.start and doc[j].text == ",":
        return _entity(j - 1, ent_of, refs, "Person")
    return None, False


def _org_after(doc: Doc, start: int, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
               links: frozenset[str] = _LINKS) -> Span | None:
    """The organisation named right after a link word at ``start`` ("of", "de", "chez", "au sein de"),
    past a determiner, adjectives and a describing noun ("de *la biotech* Acme")."""
    sent_end = doc[start].sent.end if start < len(doc) else len(doc)
    i = start
    if i < sent_end and doc[i].lower_ == "au" and i + 2 < sent_end and doc[i + 1].lower_ == "sein":
        i += 2  # "au sein de"
    if i >= sent_end or doc[i].lower_ not in links:
        return None
    i += 1
    describing = frozenset(lexicon.org_nouns.get(lang, [])) | lexicon.words("org_descriptors", lang)
    for _ in range(4):
        if i >= sent_end:
            return None
        ent = ent_of.get(i)
        if ent is not None:
            return ent if ent.label_ == "Organization" and ent.start == i else None
        token = doc[i]
        if doc[i : i + 3].text.lower() in describing:  # "start-up" cut in three
            i += 3
            continue
        if not (token.pos_ in {"DET", "ADJ"} or token.lower_ in describing or token.lemma_.lower() in describing):
            return None
        i += 1
    return None


_VERB_POS = frozenset({"VERB", "AUX"})


def _lemma(verb: Token, words: frozenset[str]) -> str:
    """The verb's lemma if it is one of ``words`` (or its form, where the lemmatiser missed: "quitte")."""
    for word in (verb.lemma_.lower(), verb.lower_):
        if word in words:
            return word
    return ""


# -- appointments and moves ---------------------------------------------------------------------


def _named_role(verb: Token, start: int, role_of: RoleOf, openers: frozenset[str]
                ) -> tuple[int, int, str] | None:
    """The role phrase a clause gives its person, after ``start`` ("as its new *chief executive*",
    "en tant que *directrice*", "*PDG* de"): (first token, last token, predicate). The role must
    hang on the verb (so a role of another clause is not read)."""
    doc = verb.doc
    end = min(verb.sent.end, start + _ROLE_WINDOW)
    for i in range(start, end):
        token = doc[i]
        if (token.pos_ in {"VERB", "AUX"} and token.i != verb.i) or token.text in {";", ".", ","}:
            return None
        if token.ent_type_ or token.pos_ not in {"NOUN", "PROPN", "ADJ", "X"}:
            continue
        found = _role_end(doc, i, role_of)
        if found is None:
            continue
        if verb not in token.ancestors and not any(t.lower_ in openers for t in doc[start:i]):
            return None
        return i, found[0], found[1]
    return None


def appointed_roles(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
    role_of: RoleOf,
) -> list[RelationCandidate]:
    """The role an appointment or a move gives a person, with the organisation the clause names."""
    appoint = lexicon.words("appoint_verbs", lang)
    taking = lexicon.words("role_taking_verbs", lang)
    openers = lexicon.words("role_openers", lang)
    hires = lexicon.words("hire_verbs", lang)
    relatives = frozenset(lexicon.relative_pronouns)
    moves = appoint | taking
    out: list[RelationCandidate] = []
    for verb in cue_tokens(doc, moves):
        lemma = _lemma(verb, moves) if verb.pos_ in _VERB_POS else ""
        if not lemma:
            continue
        person: Span | None = None
        org: Span | None = None
        referred = False
        subjects = verb_subjects(verb)
        objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
        if not objects and verb.i + 1 < verb.sent.end and verb.i + 1 in ent_of:
            objects = [verb.doc[verb.i + 1]]  # "named Y chief executive": the name read as a compound
        if lemma in appoint:
            passive = [c for c in subjects if c.dep_ in _PASSIVE_DEPS]
            if passive:  # "Y was named CEO of Acme", "Y a été nommée PDG d'Acme"
                person, referred = _person_of(passive[0], ent_of, refs, relatives)
            elif objects:  # "Acme appointed Y as its chief executive"
                person, p_ref = _person_of(objects[0], ent_of, refs, relatives)
                o_ref = False
                if subjects:
                    org, o_ref = _entity(subjects[0].i, ent_of, refs, "Organization")
                elif verb.head.i < verb.i and verb.head.i in ent_of:  # "Acme a nommé": the name read as the head
                    org = _entity(verb.head.i, ent_of, refs, "Organization")[0]
                referred = p_ref or o_ref
        else:  # "Y joins Acme as", "Y prend la tête d'Acme", "Y succède à Z à la tête d'Acme"
            if subjects:
                person, referred = _person_of(subjects[0], ent_of, refs, relatives)
            for obj in objects:
                org = _entity(obj.i, ent_of, refs, "Organization")[0] or org
        if person is None:
            continue
        start = max(verb.i, person.end if person.start > verb.i else verb.i) + 1
        role = _named_role(verb, start, role_of, openers)
        # joining, or being hired with no role named ("Acme hired A and B from Zorbex"), is working there
        predicate = "worksFor" if (lemma in taking or lemma in hires) and org is not None else None
        if role is not None:
            _first, last, predicate = role
            org = _org_after(doc, last + 1, ent_of, lexicon, lang) or org
        if predicate is None or org is None or org.start == person.start:
            continue
        out.append(role_candidate(person, predicate, org, verb.sent, APPOINTED, referred))
        if lemma in hires and objects and role is None:  # "hired A and B", "a recruté A et B"
            for other in objects[0].conjuncts:
                hired, _ = _entity(other.i, ent_of, refs, "Person")
                if hired is not None and hired.start != person.start:
                    out.append(role_candidate(hired, predicate, org, verb.sent, APPOINTED, referred))
    return out


def named_appointments(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
    role_of: RoleOf,
) -> list[RelationCandidate]:
    """An appointment told as a noun: "Acme announced the appointment of Y as chief financial
    officer", "Acme a confirmé la nomination de Y au poste de directrice", "the hiring of Y by Acme",
    "le recrutement par Acme de Y". The appointee follows the noun's "of" / "de"; the organisation
    is the noun's agent ("by" / "par") or the subject of the verb that takes the noun; the role is
    the one named after the appointee (an apposition in commas skipped), else ``worksFor``."""
    nouns = lexicon.words("appointment_nouns", lang)
    if not nouns:
        return []
    openers = lexicon.words("role_openers", lang)
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, nouns):
        if token.pos_ != "NOUN" or token.lemma_.lower() not in nouns:
            continue
        sent = token.sent
        person, org, i = None, None, token.i + 1
        while i < sent.end and i - token.i <= 5 and person is None:
            ent = ent_of.get(i)
            if ent is not None:
                if ent.label_ == "Person" and doc[i - 1].lower_ in _LINKS:
                    person = ent
                elif ent.label_ == "Organization" and doc[i - 1].lower_ in _AGENT_WORDS:
                    org, i = ent, ent.end
                    continue
                else:
                    break
            i += 1
        if person is None:
            continue
        if org is None:
            org = _agent_after(doc, person.end, ent_of) or _verb_subject_org(token, ent_of, refs)
        if org is None or org.start == person.start:
            continue
        start = _past_apposition(doc, person.end)
        role = _named_role(token, start, role_of, openers | _NOUN_OPENERS) if start < sent.end else None
        predicate = "worksFor"
        if role is not None:
            _first, last, predicate = role
            org = _org_after(doc, last + 1, ent_of, lexicon, lang) or org
        out.append(role_candidate(person, predicate, org, sent, APPOINTED, False))
    return out


#: Words that introduce who appoints in a noun's phrase ("the hiring of Y *by* Acme").
_AGENT_WORDS = frozenset({"by", "par"})
#: Words that open the role of a noun's appointee besides ``role_openers`` ("*au poste de* directrice").
_NOUN_OPENERS = frozenset({"as", "poste", "comme", "que", "to"})


def _agent_after(doc: Doc, i: int, ent_of: Mapping[int, Span]) -> Span | None:
    """ "... of Y *by Acme*": the organisation right after "by" / "par" at ``i``."""
    if i + 1 < doc[i - 1].sent.end and doc[i].lower_ in _AGENT_WORDS:
        ent = ent_of.get(i + 1)
        if ent is not None and ent.label_ == "Organization" and ent.start == i + 1:
            return ent
    return None


def _verb_subject_org(noun: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]) -> Span | None:
    """The organisation that is the subject of the verb taking the noun ("*Acme* announced the
    appointment"), named or referred to."""
    verb = noun.head
    if noun.dep_ not in _OBJECT_DEPS or verb.pos_ not in _VERB_POS:
        return None
    for subject in verb_subjects(verb):
        org, _ = _entity(subject.i, ent_of, refs, "Organization")
        if org is not None:
            return org
    return None


def _past_apposition(doc: Doc, i: int) -> int:
    """Where the text after an appointee goes on, past ", a former Google executive,"."""
    sent_end = doc[i - 1].sent.end
    if i < sent_end and doc[i].text == ",":
        for j in range(i + 1, min(sent_end, i + 15)):
            if doc[j].text == ",":
                return j + 1
        return sent_end
    return i


# -- past employers -----------------------------------------------------------------------------


def past_employers(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
) -> list[RelationCandidate]:
    """``worksFor`` from a verb of leaving, of time spent at, or of a path through organisations."""
    leave = lexicon.words("leave_verbs", lang)
    stint = lexicon.words("stint_verbs", lang)
    stint_nouns = lexicon.words("stint_nouns", lang)
    taking = lexicon.words("role_taking_verbs", lang)
    froms = lexicon.words("from_words", lang)
    agents = lexicon.words("agent_cues", lang)
    relatives = frozenset(lexicon.relative_pronouns)
    moves = leave | stint | taking
    out: list[RelationCandidate] = []
    for verb in cue_tokens(doc, moves):
        lemma = _lemma(verb, moves) if verb.pos_ in _VERB_POS else ""
        if not lemma:
            continue
        subjects = verb_subjects(verb)
        if subjects:
            person, referred = _person_of(subjects[0], ent_of, refs, relatives)
        else:
            person, referred = _participle_person(verb, ent_of, refs)
        if person is None:
            continue
        orgs: list[Span] = []
        if lemma in leave:  # "Y quitte Acme", "Y, who left Acme in May"
            for obj in _left(verb):
                org = _entity(obj.i, ent_of, refs, "Organization")[0]
                if org is not None:
                    orgs.append(org)
        if lemma in stint:
            spent = any(c.dep_ in _OBJECT_DEPS | {"obl", "obl:mod", "npadvmod"} and c.lower_ in stint_nouns
                        for c in verb.subtree)
            for i in range(verb.i + 1, min(verb.sent.end, verb.i + _ROLE_WINDOW + 2)):
                if doc[i].pos_ in {"VERB", "AUX"}:
                    break
                if spent or doc[i].lower_ in agents:  # "four years at Acme", "passée par Acme et B"
                    orgs.extend(_orgs_listed(doc, i, ent_of, lexicon, lang, agents if not spent else None))
                    if orgs:
                        break
        if lemma in taking:  # "Y joined Acme in 2022 from Zorbex"
            for i in range(verb.i + 1, min(verb.sent.end, verb.i + _ROLE_WINDOW)):
                if doc[i].lower_ in froms and doc[i].head.i == verb.i:
                    org = ent_of.get(i + 1)
                    if org is not None and org.label_ == "Organization":
                        orgs.append(org)
                    break
        people = [person, *_coordinated_people(person, ent_of)] if subjects and subjects[0].lower_ in relatives \
            else [person]
        for org in orgs:
            out.extend(role_candidate(p, "worksFor", org, verb.sent, PAST, referred) for p in people)
    return out


def _left(verb: Token) -> list[Token]:
    """What a verb of leaving leaves: its object, or the name right after it (past adverbs) that the
    French parser hangs on it as an adverb ("a récemment quitté *Meta*": ``advmod``)."""
    found = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    if found:
        return found
    doc = verb.doc
    i = verb.i + 1
    while i < verb.sent.end and doc[i].pos_ == "ADV":
        i += 1
    return [doc[i]] if i < verb.sent.end and doc[i].head.i == verb.i and doc[i].pos_ in {"PROPN", "X"} else []


def _coordinated_people(person: Span, ent_of: Mapping[int, Span]) -> list[Span]:
    """The people coordinated with the antecedent of a relative clause ("A et B, qui ont quitté
    Acme": B left too)."""
    found: list[Span] = []
    for conj in person.root.conjuncts:
        ent = ent_of.get(conj.i)
        if ent is not None and ent.label_ == "Person" and ent != person and ent not in found:
            found.append(ent)
    return found


def _orgs_listed(doc: Doc, start: int, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
                 cue: frozenset[str] | None) -> list[Span]:
    """Organisations named after a link word at ``start`` ("at Acme"; "par Acme et Zorbex")."""
    links = _LINKS | {"in", "with", "au", "à"} if cue is None else cue
    first = _org_after(doc, start, ent_of, lexicon, lang, links)
    if first is None:
        return []
    found = [first]
    if cue is not None:  # the rest of a list after "par": "par Acme, Zorbex et Kelpa"
        i = first.end
        joiners = frozenset(lexicon.coordinators) | {","}
        while i + 1 < doc[start].sent.end and doc[i].lower_ in joiners:
            ent = ent_of.get(i + 1)
            if ent is None or ent.label_ != "Organization" or ent.start != i + 1:
                break
            found.append(ent)
            i = ent.end
    return found


# -- role phrases ---------------------------------------------------------------------------


def _possessor(doc: Doc, role: int, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
               possessives: frozenset[str]) -> tuple[Span | None, bool, int]:
    """The organisation that owns a role noun written before it ("Acme's [billionaire ex-]CEO",
    "ses cofondateurs", "the Acme co-founders"), whether through a reference, and where it starts."""
    i = role - 1
    sent_start = doc[role].sent.start
    while i >= sent_start and role - i <= 4:
        token = doc[i]
        if token.lower_ in _POSSESSIVE_MARKS and i - 1 >= sent_start:
            ent = ent_of.get(i - 1)
            if ent is not None and ent.label_ == "Organization":
                return ent, False, ent.start
            return None, False, i
        if token.lower_ in possessives:
            org, referred = _entity(i, ent_of, refs, "Organization")
            return org, referred, i
        ent = ent_of.get(i)
        if ent is not None:  # "the Acme co-founders": a name compounded on the role
            if ent.label_ == "Organization" and ent.start > sent_start and doc[ent.start - 1].lower_ in {"the", "les"}:
                return ent, False, ent.start
            return None, False, i
        if (token.is_punct and token.text != "-") or token.pos_ in {"VERB", "AUX", "ADP", "CCONJ"}:
            return None, False, i  # "ex-CEO" goes on
        i -= 1
    return None, False, i


def role_phrases(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
    role_of: RoleOf, role_words: frozenset[str],
) -> list[RelationCandidate]:
    """Roles the patterns break on: a description or an adjective between the role and the name,
    a second coordinated role, a possessor and a list of people around a role noun. A role phrase
    starts at a token ``role_of`` knows (one of ``role_words``): only those tokens are visited."""
    possessives = lexicon.words("poss_pronouns", lang)
    joiners = frozenset(lexicon.coordinators)
    out: list[RelationCandidate] = []
    seen: set[int] = set()
    for token in cue_tokens(doc, role_words):
        if token.i in seen or token.ent_type_ or token.pos_ not in {"NOUN", "PROPN", "ADJ", "X", "VERB"}:
            continue
        found = _role_end(doc, token.i, role_of)
        if found is None:
            continue
        last, predicate = found
        seen.update(range(token.i, last + 1))
        sent = token.sent
        # a possessor before the role and the people after it: "Acme's billionaire ex-CEO Y",
        # "ses cofondateurs A et B", "the Acme co-founders A and B"
        org, referred, _ = _possessor(doc, token.i, ent_of, refs, possessives)
        j = last + 1
        person = _apposed_person(doc, token.i, ent_of)
        if org is None and person is None:  # "le duo fondateur d'Acme, A et B" (not "X, président d'Acme, Y")
            org = _org_after(doc, j, ent_of, lexicon, lang)
            referred = False
            j = org.end if org is not None else j
        if org is not None:
            k = j + 1 if j < sent.end and doc[j].text in _LIST_OPENERS else j
            for person in described_people(doc, k, ent_of, lexicon, before=False)[0]:
                out.append(role_candidate(person, predicate, org, sent, ROLE_PHRASE, referred))
        # "Y, [le|l'ancien] ROLE [ADJ]* de [la biotech] Acme [et ROLE2 chez Zorbex]"
        if person is None:
            continue
        k = last + 1
        while k < sent.end and doc[k].pos_ == "ADJ" and not doc[k].ent_type_:
            k += 1
        target = _org_after(doc, k, ent_of, lexicon, lang)
        after = ent_of.get(target.end) if target is not None else None
        if target is None or (after is not None and after.label_ == "Person"):
            continue  # "Y, le PDG de Google Z": the role is Z's
        out.append(role_candidate(person, predicate, target, sent, ROLE_PHRASE, False))
        # a second role for the same person: "partner at Acme and board member at Zorbex"
        k = target.end
        if k < sent.end and doc[k].lower_ in joiners:
            for m in range(k + 1, min(sent.end, k + 5)):
                second = _role_end(doc, m, role_of) if not doc[m].ent_type_ else None
                if second is None:
                    continue
                other = _org_after(doc, second[0] + 1, ent_of, lexicon, lang)
                if other is not None:
                    out.append(role_candidate(person, second[1], other, sent, ROLE_PHRASE, False))
                break
    out.extend(_own_organisations(doc, ent_of, lexicon, lang))
    return out


def _own_organisations(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """ "Y et son fonds Acme", "Y and his fund Acme": the organisation a person's possessive names."""
    owners = lexicon.words("person_poss_pronouns", lang)
    descriptors = lexicon.words("org_descriptors", lang) | frozenset(lexicon.org_nouns.get(lang, []))
    joiners = frozenset(lexicon.coordinators)
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, owners):
        if token.lower_ not in owners or token.i < 2 or doc[token.i - 1].lower_ not in joiners:
            continue
        person = ent_of.get(token.i - 2)
        if person is None or person.label_ != "Person":
            continue
        i = token.i + 1
        while i < token.sent.end and i - token.i <= 3 and i not in ent_of and (
                doc[i].pos_ == "ADJ" or doc[i].lower_ in descriptors):
            i += 1
        org = ent_of.get(i)
        if i > token.i + 1 and org is not None and org.label_ == "Organization" and org.start == i:
            out.append(role_candidate(person, "worksFor", org, token.sent, ROLE_PHRASE, False))
    return out


def _apposed_person(doc: Doc, role: int, ent_of: Mapping[int, Span]) -> Span | None:
    """The person a role is in apposition to: "Y, [the|le|l'] [former|ancien] ROLE"."""
    i = role - 1
    sent_start = doc[role].sent.start
    while i >= sent_start and role - i <= 4 and doc[i].text != ",":
        if doc[i].ent_type_ or doc[i].pos_ in {"VERB", "AUX", "ADP", "PUNCT"}:
            return None
        i -= 1
    if i - 1 < sent_start or doc[i].text != ",":
        return None
    ent = ent_of.get(i - 1)
    return ent if ent is not None and ent.label_ == "Person" else None
