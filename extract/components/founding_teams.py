"""Founders and team members named apart from their company, or with descriptions between them.

News names a company's founders in more ways than "founded by A and B". Each construction is
read here on the dependency tree and the surface:

* :func:`described_people`: a list of people with a description before a name ("former Acme
  executive Jane Roe and renowned chemist John Poe") or after it ("A, chercheur à l'Inserm, et B,
  docteur en médecine", "A (ex-Acme) et B (ex-Zorbex)"): the relation finder's lists of founders
  read it;
* :func:`founding_companions`: "Y co-founded Acme with A, a former banker, and B", "Y a fondé
  Acme avec A et B": the companions of an active founding verb founded its object too (and the
  subject, when it is a surname or the object an acronym that only a longer mention names:
  "Roe, who co-founded ZL in 2019", where "Jane Roe" and "Zorbex Labs (ZL)" are named before);
* :func:`focus_founders`: a founder noun with no organisation of its own, "Fellow co-founder A
  sued ...", "founder A's favourite book", "The two co-founders, A and B, ...", "les deux
  cofondateurs, A et B": they founded the company in focus (the article's first-named organisation);
* :func:`team_members`: "the team includes A, B and C", "l'équipe initiale : A, B et C", "son
  équipe compte A et B": ``worksFor`` the team's organisation (its possessor, "of"/"de" complement,
  or the company in focus).

The cue words are data (``word_lists`` ``companion_words``, ``team_nouns``, ``team_verbs``,
``fellow_words``, ``agent_cues`` and the founding verbs and roles in ``data/lexicon.json``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate, span_candidate

__all__ = ["COMPANIONS", "FOCUS", "POSSESSED", "TEAM", "described_people", "focus_founders", "founding_companions",
           "founding_team_relations", "possessed_founders", "short_name", "short_names", "team_members"]

COMPANIONS = "pattern:founded-with"
FOCUS = "pattern:focus-founder"
TEAM = "pattern:team-member"
POSSESSED = "pattern:possessed-founders"
_CONFIDENCE = 0.75
#: Tokens a description before a name may take ("former Acme chief executive").
_PRE_WINDOW = 6
#: Tokens a description after a name may take, up to its closing comma.
_POST_WINDOW = 16
_PRE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_OBJECT_DEPS = frozenset({"dobj", "obj"})
_POSSESSIVE_MARKS = frozenset({"'s", "’s"})
_OF_WORDS = frozenset({"of", "at", "de", "d'", "d’", "du", "chez"})
_HEDGED = "hedged"


def founding_team_relations(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
) -> list[RelationCandidate]:
    """Every construction of this module, for the relation finder (the short names read once, if needed)."""
    names = _ShortNames(doc, lexicon, lang)
    return (founding_companions(doc, ent_of, refs, lexicon, lang, names=names)
            + focus_founders(doc, ent_of, lexicon, lang)
            + possessed_founders(doc, ent_of, refs, lexicon, lang)
            + team_members(doc, ent_of, refs, lexicon, lang, names=names))


# -- shared readings ----------------------------------------------------------------------------


def _is_finite(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and ("Fin" in token.morph.get("VerbForm", [])
                                               or token.tag_ in {"VBD", "VBZ", "VBP", "MD"})


def _person_at(i: int, ent_of: Mapping[int, Span]) -> Span | None:
    ent = ent_of.get(i)
    return ent if ent is not None and ent.label_ == "Person" and ent.start == i else None


def _pre_description(doc: Doc, i: int, end: int, ent_of: Mapping[int, Span]) -> int:
    """Where the name starts after a description that opens at ``i`` ("former Acme executive *Jane*"),
    or ``i`` when no description leads to a name."""
    j = i
    while j < end and j - i <= _PRE_WINDOW:
        if _person_at(j, ent_of) is not None:
            return j
        token = doc[j]
        ent = ent_of.get(j)
        if ent is not None and ent.label_ != "Person":  # "former *Acme* executive"
            j = ent.end
            continue
        if not (token.pos_ in _PRE_POS or token.text in {"-", "'s", "’s"} or token.lower_ == "ex"):
            return i
        j += 1
    return i


def _post_description(doc: Doc, i: int, end: int, ent_of: Mapping[int, Span],
                      relatives: frozenset[str]) -> int:
    """Where a description after a name ends (", a former banker," / " (ex-Acme)"), or ``i``."""
    if i >= end:
        return i
    if doc[i].text == "(":  # "A (ex-Acme)"
        for j in range(i + 1, min(end, i + 8)):
            if doc[j].text == ")":
                return j + 1
            if _person_at(j, ent_of) is not None:
                return i
        return i
    if doc[i].text != "," or _person_at(_pre_description(doc, i + 1, end, ent_of), ent_of) is not None:
        return i  # "A, B et C": the next name, not a description
    for j in range(i + 1, min(end, i + 1 + _POST_WINDOW)):
        token = doc[j]
        if token.text == "," or (j == end - 1 and token.is_punct):
            return j if j > i + 1 else i
        if (token.lower_ in relatives or _is_finite(token) or token.text in {";", ":", "(", "—", "–"}
                or _person_at(j, ent_of) is not None):
            return i
    return i


def described_people(doc: Doc, start: int, ent_of: Mapping[int, Span], lexicon: Lexicon,
                     *, before: bool = True) -> tuple[list[Span], int]:
    """Persons listed from ``start`` on, each with an optional description after the name (and,
    where ``before``, before it), joined by commas and coordinators; and the token after the list.
    Without ``before``, "co-founder A and chief technology officer B" is one name: B's own role
    is not the list's."""
    if start >= len(doc):  # a role at the very end of the text lists nobody
        return [], start
    joiners = frozenset(lexicon.coordinators)
    relatives = frozenset(lexicon.relative_pronouns)
    stop = doc[start].sent.end
    people: list[Span] = []
    i = start
    last = start
    while i < stop:
        person = _person_at(_pre_description(doc, i, stop, ent_of) if before else i, ent_of)
        if person is None:
            break
        people.append(person)
        last = i = _post_description(doc, person.end, stop, ent_of, relatives)
        gap = i
        while gap < stop and gap - i < 2 and (doc[gap].lower_ in joiners or doc[gap].text == ","):
            gap += 1
        if gap == i:
            break
        i = gap
    if not people:
        return [], start
    return people, last


def _entity(doc: Doc, index: int, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], label: str,
            names: Mapping[str, list[Span]]) -> tuple[Span | None, bool]:
    """The entity of ``label`` a token names, refers to, or names in short (a surname, an acronym)."""
    ent = ent_of.get(index)
    if ent is not None:
        longer = [m for m in names.get(ent.text, []) if m.text != ent.text] if len(ent) == 1 else []
        if ent.label_ == label and not longer:
            return ent, False
        # a surname or an acronym alone that the tagger typed otherwise ("Roe" as an organisation)
        # an acronym or a surname alone ("KL" of "Kelpa Labs (KL)", "Roe" typed as an organisation)
        short = _nearest(longer, index, label)
        return (short, True) if short is not None else (None, False)
    ref = refs.get(index)
    if ref is not None:
        for candidate in ref.candidates:
            if candidate.label_ == label:
                return candidate, True
    short = short_name(doc, index, names, label)
    return (short, True) if short is not None else (None, False)


def short_names(doc: Doc, suffixes: frozenset[str] = frozenset(), hedges: frozenset[str] = frozenset()
                ) -> dict[str, list[Span]]:
    """Short forms of the document's names, each with the mentions of the name it stands for: a
    person's surname ("Roe" for "Jane Roe"), an organisation's first word, bracketed acronym or
    initials ("Zorbex", "ZL" for "Zorbex Labs (ZL)"). A short form that two names share is left
    out (names that differ only by a legal or generic suffix of ``suffixes``, "Zorbex" and "Zorbex
    Inc.", are one name; "SSI" named alone is its long name). They are read only on tokens that the
    tagger left out of every name, or typed as another kind of entity."""
    found: dict[str, list[Span]] = {}
    shared: set[str] = set()

    def core(ent: Span) -> str:
        words = [t.lower_ for t in ent]
        while len(words) > 1 and words[-1] in suffixes:
            words.pop()
        return " ".join(words)

    def add(key: str, ent: Span) -> None:
        longer = [m for m in found.get(key, []) if m.text != key]
        if ent.text != key and longer and core(longer[0]) != core(ent):
            shared.add(key)
        found.setdefault(key, []).append(ent)  # "SSI" named alone is a mention of "Safe Superintelligence (SSI)"

    hedged_sentences: dict[int, bool] = {}  # by the sentence's first token: read once per sentence
    for named in doc.ents:
        sent = named.sent
        hedged = hedged_sentences.get(sent.start)
        if hedged is None:
            hedged = hedged_sentences[sent.start] = bool(hedges) and any(t.lower_ in hedges for t in sent)
        ent = Span(doc, named.start, named.end, label=named.label_, kb_id=_HEDGED) if hedged else named
        if ent.label_ == "Person" and len(ent) > 1:
            add(ent[-1].text, ent)
        elif ent.label_ == "Organization":
            words = [t for t in ent if t.is_alpha]
            add(ent[0].text, ent)  # "Zorbex" of "Zorbex Labs", or the name repeated where the tagger missed it
            if len(words) > 1:
                add("".join(t.text[0] for t in words).upper(), ent)
            if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
                add(doc[ent.end + 1].text, ent)
    return {key: ents for key, ents in found.items()
            if key not in shared and key[:1].isupper() and any(e.text != key for e in ents)}


class _ShortNames(Mapping[str, list[Span]]):
    """:func:`short_names` of a document with the lexicon's suffixes and hedges, read on the first
    look-up: most documents have no founding verb or team noun whose entity is named in short."""

    def __init__(self, doc: Doc, lexicon: Lexicon, lang: str) -> None:
        self._args = (doc, lexicon.org_suffixes, lexicon.words("hedge_words", lang))
        self._found: dict[str, list[Span]] | None = None

    def _names(self) -> dict[str, list[Span]]:
        if self._found is None:
            self._found = short_names(*self._args)
        return self._found

    def __getitem__(self, key: str) -> list[Span]:
        return self._names()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


def short_name(doc: Doc, index: int, names: Mapping[str, list[Span]], label: str) -> Span | None:
    """The entity of ``label`` a proper noun outside every name stands for, by its short form: the
    mention of its name nearest before it (or the first after it)."""
    token = doc[index]
    # a capitalised word that the tagger did not read as a name is one only inside a sentence
    if token.pos_ != "PROPN" and (token.is_sent_start or token.pos_ not in {"NOUN", "ADJ", "X"}):
        return None
    return _nearest(names.get(token.text, []), index, label)


def _nearest(mentions: list[Span], index: int, label: str) -> Span | None:
    """The mention nearest before ``index`` (else the first after), in a sentence with no hedge
    when there is one: a fact read through a mention is checked for hedges ("reportedly",
    "potential") on the mention's own sentence too, which says nothing of the fact (``short_names``
    marks a hedged sentence's mentions with ``Span.label_`` kept and ``Span.kb_id_`` "hedged")."""
    typed = [m for m in mentions if m.label_ == label]
    for group in ([m for m in typed if m.kb_id_ != _HEDGED], typed):
        before = [m for m in group if m.start < index]
        after = [m for m in group if m.start > index]
        if before or after:
            return before[-1] if before else after[0]
    return None


def role_candidate(person: Span, predicate: str, org: Span, sent: Span, extractor: str,
                   referred: bool) -> RelationCandidate:
    """A role read by a construction of this module or of ``appointments.py``: through a
    reference (``referred``), marked ``+coref`` and discounted as the patterns' are."""
    return span_candidate(person, predicate, org, sent, extractor + ("+coref" if referred else ""),
                          _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0))


def _focus(doc: Doc, ent_of: Mapping[int, Span], before: int) -> Span | None:
    """The company in focus: the document's first-named organisation (named before ``before``)."""
    for ent in doc.ents:
        if ent.start >= before:
            return None
        if ent.label_ == "Organization":
            return ent
    return None


# -- companions of a founding verb --------------------------------------------------------------


def founding_companions(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
    *, names: Mapping[str, list[Span]] | None = None,
) -> list[RelationCandidate]:
    """``founded`` for the subject and the companions ("with A and B") of an active founding verb
    (``names``: the document's :func:`short_names`, read when first needed by default)."""
    verbs = lexicon.verbs.get(lang, {})
    companions = lexicon.words("companion_words", lang)
    relatives = frozenset(lexicon.relative_pronouns)
    names = _ShortNames(doc, lexicon, lang) if names is None else names
    out: list[RelationCandidate] = []
    for verb in cue_tokens(doc, frozenset(word for word, predicates in verbs.items() if "founded" in predicates)):
        if verb.pos_ not in {"VERB", "AUX"} or "founded" not in verbs.get(verb.lemma_.lower(),
                                                                         verbs.get(verb.lower_, [])):
            continue
        # the object, or a name after the verb that the parser took for its subject ("a cofondé *KL* avec")
        objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS or (c.dep_ == "nsubj" and c.i > verb.i)]
        if not objects:
            continue
        org, o_ref = _entity(doc, objects[0].i, ent_of, refs, "Organization", names)
        if org is None:
            continue
        sent = verb.sent
        people: list[tuple[Span, bool]] = []
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in relatives and verb.head.i != verb.i:  # "Roe, who co-founded ZL"
                subject = verb.head
            person, s_ref = _entity(doc, subject.i, ent_of, refs, "Person", names)
            if person is not None and (s_ref or o_ref):  # a name in full is the patterns' work
                people.append((person, s_ref))
        # "co-founded Acme in 2019 with A, a former banker, and B"
        for i in range(objects[0].i + 1, min(sent.end, objects[0].i + 8)):
            token = doc[i]
            if token.lower_ in companions and (token.head.i == verb.i or token.head.head.i == verb.i
                                               or token.head.i == objects[0].i):
                people.extend((p, False) for p in described_people(doc, i + 1, ent_of, lexicon)[0])
                break
            if token.text in {";", "."} or _is_finite(token):
                break
        for person, referred in people:
            if person.start != org.start:
                out.append(role_candidate(person, "founded", org, sent, COMPANIONS, referred or o_ref))
    return out


# -- founders of the company in focus -----------------------------------------------------------


def focus_founders(
    doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
) -> list[RelationCandidate]:
    """``founded`` for people named after a founder noun that has no organisation of its own."""
    roles = lexicon.roles.get(lang, {})
    fellows = lexicon.words("fellow_words", lang)
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, frozenset(word for word, role in roles.items() if role == "founded")):
        if roles.get(token.lower_) != "founded" or token.ent_type_ or token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            continue
        sent = token.sent
        if not _unowned(doc, token, ent_of, lexicon, lang, fellows):
            continue
        k = token.i + 1
        if k < sent.end and doc[k].text in {",", ":", "—", "–"}:
            k += 1
        people, end = described_people(doc, k, ent_of, lexicon, before=False)
        if not people or not _only_in_predicate(doc, token, end, ent_of):
            continue
        if k > token.i + 1 and len(people) < 2 and doc[token.i - 1].lower_ not in fellows:
            continue  # "..., founder, Jane Roe said": one name after a comma is another phrase
        org = _focus(doc, ent_of, sent.start)
        if org is None:
            continue
        for person in people:
            out.append(role_candidate(person, "founded", org, sent, FOCUS, True))
    return out


def _unowned(doc: Doc, role: Token, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str,
             fellows: frozenset[str]) -> bool:
    """Whether a founder noun has no organisation of its own: no name, possessive or "of" phrase
    around it, only a determiner, a number or "fellow" before it ("the two co-founders")."""
    sent = role.sent
    i = role.i - 1
    while i >= sent.start and role.i - i <= 3:
        token = doc[i]
        if token.lower_ in fellows or token.pos_ in {"DET", "NUM"} or token.lower_ in {"other", "autres"}:
            if token.lower_ in lexicon.words("poss_pronouns", lang) or token.lower_ in {"his", "her", "their",
                                                                                         "leur", "leurs"}:
                return False
            i -= 1
            continue
        if token.ent_type_ or token.lower_ in _POSSESSIVE_MARKS or token.pos_ in {"PROPN", "NOUN", "ADJ"}:
            return False
        break
    if role.i + 1 < sent.end and doc[role.i + 1].lower_ in _OF_WORDS:
        return False
    return True


def _only_in_predicate(doc: Doc, role: Token, end: int, ent_of: Mapping[int, Span]) -> bool:
    """Whether the sentence names no organisation but in the predicate of the verb the listed
    founders are the subject of: "Co-founders A and B previously led research *at Acme*" tells
    where they worked before, not what they founded; an organisation before the list, in it, or
    after it with no finite verb first ("co-founders A and B, both from Acme") may own the noun."""
    sent = role.sent
    orgs = [i for i in range(sent.start, sent.end) if i in ent_of and ent_of[i].label_ == "Organization"]
    if not orgs:
        return True
    if end >= sent.end or orgs[0] < end:
        return False
    verb = next((t for t in doc[end:orgs[0]] if _is_finite(t)), None)
    return verb is not None and doc[end].text != ","


# -- founders listed after a possessive founder noun --------------------------------------------


def possessed_founders(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
) -> list[RelationCandidate]:
    """``founded`` for the people listed after the verb of a founder noun owned by a possessive
    that refers to an organisation: "Among its co-founders are A and B", "Its founders include A
    and B", "Parmi ses cofondateurs figurent A et B", "Ses deux fondateurs sont A et B". The
    company is the possessive's antecedent (the previous sentence's subject, mostly); when that
    antecedent is a person ("Jean Roe a lancé X. *Ses* cofondateurs ..."), the company is unsaid
    and nothing is read. The list right after the noun ("its co-founders A and B") is the
    patterns' (role phrases through the reference)."""
    roles = lexicon.roles.get(lang, {})
    possessives = lexicon.words("poss_pronouns", lang)
    verbs = lexicon.words("team_verbs", lang) | lexicon.words("member_verbs", lang)
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, frozenset(word for word, role in roles.items() if role == "founded")):
        if roles.get(token.lower_) != "founded" or token.i in ent_of or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        owner = next((c for c in token.children if c.i < token.i and c.lower_ in possessives), None)
        ref = refs.get(owner.i) if owner is not None else None
        if ref is None or not ref.candidates or ref.candidates[0].label_ != "Organization":
            continue
        start = _listing_start(token, verbs, ent_of)
        if start is None:
            continue
        people, _end = described_people(doc, start, ent_of, lexicon, before=False)
        sent = token.sent
        out.extend(role_candidate(person, "founded", ref.candidates[0], sent, POSSESSED, True) for person in people)
    return out


def _listing_start(noun: Token, verbs: frozenset[str], ent_of: Mapping[int, Span]) -> int | None:
    """Where the list of a founder noun's verb starts: after the verb the noun is the subject of,
    or the complement of through "among"/"parmi" ("*Parmi* ses cofondateurs *figurent* A"); after
    the copula of a name the noun is predicated of ("Ses fondateurs *sont* A et B", parsed with A
    as the head)."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":  # English "among its founders are"
        head = head.head
    if head.i == noun.i:
        return None
    if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in verbs and head.i > noun.i:
        return head.i + 1
    if head.i in ent_of and ent_of[head.i].label_ == "Person" and noun.dep_ in _SUBJECT_DEPS:
        cop = next((c for c in head.children if c.dep_ == "cop" and noun.i < c.i < head.i), None)
        if cop is not None and cop.lemma_.lower() in verbs:
            return cop.i + 1
    return None


# -- team members -------------------------------------------------------------------------------


def team_members(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str,
    *, names: Mapping[str, list[Span]] | None = None,
) -> list[RelationCandidate]:
    """``worksFor`` for people a team noun lists ("the team includes A and B", "l'équipe : A et B";
    ``names``: as for :func:`founding_companions`)."""
    teams = lexicon.words("team_nouns", lang)
    team_verbs = lexicon.words("team_verbs", lang)
    possessives = lexicon.words("poss_pronouns", lang)
    names = _ShortNames(doc, lexicon, lang) if names is None else names
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, teams):
        if token.lower_ not in teams or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        sent = token.sent
        # the list: after a colon, or after a verb of inclusion the team is the subject of
        k = token.i + 1
        while k < sent.end and k - token.i <= 2 and doc[k].pos_ == "ADJ":
            k += 1  # "l'équipe initiale :"
        if k < sent.end and doc[k].text in {":", "—", "–"}:
            start = k + 1
        elif token.dep_ in _SUBJECT_DEPS and token.head.lemma_.lower() in team_verbs and token.head.i > token.i:
            start = token.head.i + 1
        elif (token.head.lemma_.lower() in team_verbs and token.head.i < token.i and k < sent.end
              and doc[k].text in {":", "—", "–"}):
            start = k + 1
        else:
            continue
        people, _end = described_people(doc, start, ent_of, lexicon, before=False)
        if not people:
            continue
        org, referred = _team_owner(doc, token, ent_of, refs, names, possessives)
        if org is None:
            org, referred = _focus(doc, ent_of, sent.start), True
        if org is None:
            continue
        for person in people:
            out.append(role_candidate(person, "worksFor", org, sent, TEAM, referred))
    return out


def _team_owner(doc: Doc, team: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                names: Mapping[str, list[Span]], possessives: frozenset[str]) -> tuple[Span | None, bool]:
    """The organisation that owns a team noun: "Acme's team", "its team", "the team of Acme"."""
    for child in team.children:
        if child.i < team.i and (child.dep_ == "poss" or child.lower_ in possessives):
            ent = ent_of.get(child.i)
            return _entity(doc, ent.start if ent is not None else child.i, ent_of, refs, "Organization", names)
    k = team.i + 1
    if k + 1 < team.sent.end and doc[k].lower_ in _OF_WORDS:
        ent = ent_of.get(k + 1)
        if ent is not None and ent.label_ == "Organization":
            return ent, False
    return None, False
