"""A small, explainable reference resolver for relation extraction (no model, one pass).

Relation patterns anchor on tokens; when an anchor is not inside an entity it may still
stand for one. :func:`resolve_references` lists, for such tokens, the entities they can
stand for, best first. Three rules, each recorded in the extractor name of the facts that
use them (``+appos``, ``+coref``):

* **appos**: a common noun in apposition to an entity or with an entity in apposition
  ("Mistral AI, *a Paris-based startup*"; "*the telecoms group* Iliad"), right before a name
  of its type ("*l'armateur* CMA CGM"), or the attribute of a copula whose subject is the entity
  ("Mistral AI is *a Paris-based startup*"), is that entity;
* **coref** (definite descriptions): "the company", "la start-up", "the summit", "le sommet",
  "the model", "le fondateur" stand for the *salient* entity of that type: the last one in
  subject position in the current sentence (unless it is the subject of the description's own
  clause: "AWS has been *the company's* provider" is not AWS) or in an earlier sentence, else
  the last one mentioned (in this sentence or the one before; for an event, in the last eight);
  a description whose noun is a word of an entity's name
  ("l'agence" -> Agence France-Presse) prefers that entity. A description that says a kind
  (``young_org_nouns``: "the startup", "la jeune pousse"; ``giant_org_nouns``: "le géant")
  prefers an antecedent the document described that way ("la start-up X"), and "the startup" is
  never an established company (``established_companies``, KB ids): the subject nearest is often a
  big partner or investor the start-up deals with. What a founding or joining verb's object
  describes is never named in the verb's own subject ("*the former A researcher* founded the
  startup" founded no A). When no subject or mention is near, the antecedent is the article's
  topic (:func:`article_topic`: the organisation named or referred to most often, the first on a
  tie; the notion :mod:`.components.titled_people` uses too);
* **coref** (pronouns): "it", "its", "il", "elle", "son", "sa" stand for the last subject of
  the current or previous sentences, per type ("he"/"she" only for persons); the caller picks
  the type that the relation allows. The subject of a reported clause ("X said *it* had
  raised") is the reporting verb's subject first. A possessive in a clause whose subject is a
  description ("*le patron de* Nvidia ... *sa* présence") is the description's referent, or none.

Everything is computed in one pass, with dictionary look-ups only, over the tokens that can
matter: those of entities and those of the words that may refer (the pronouns and descriptions
of the settings, found with :func:`.doc_words.cue_tokens`); most tokens are neither.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from .doc_words import cue_tokens

__all__ = ["REFERENCE_DISCOUNT", "Reference", "ReferenceSettings", "closes_fronted_clause", "resolve_references",
           "resolved_references"]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_APPOS_DEPS = frozenset({"appos"})
#: What the parser makes of a name's first word when it cuts the name in two (see :func:`_split_subject`).
_SPLIT_ROOT_DEPS = frozenset({"ROOT", "parataxis", "nmod"})
_CHILD_ENTITY_DEPS = frozenset({"appos", "flat:name", "compound", "nmod"})
_DEFINITE = frozenset({"the", "this", "that", "le", "la", "l'", "l’", "cette", "ce", "cet", "au", "du"})
_POSSESSIVE = frozenset({"its", "his", "her", "their", "son", "sa", "ses", "leur", "whose"})
#: Confidence factor of a fact whose subject or object was read through a reference (whatever
#: found the fact: a pattern or the classifier): the reference may be wrong.
REFERENCE_DISCOUNT = 0.85
#: Sentences back that a pronoun or description may reach for an antecedent in subject position.
_WINDOW = 8
#: Sentences back that a description may reach for an antecedent mentioned anywhere (not only as a
#: subject). One for most types; an article names few events and calls the one it named "the
#: conference", "le salon", "l'événement" long after, whatever role the name had.
_MENTION_WINDOW = {"Event": _WINDOW}
#: The type whose first mention is the document's topic, the antecedent when no subject is near.
_TOPIC_LABEL = "Organization"


@dataclass(frozen=True)
class ReferenceSettings:
    """Word lists, by type: descriptions (``nouns``) and pronouns."""

    nouns: Mapping[str, frozenset[str]]
    pronouns: Mapping[str, frozenset[str]]
    #: Nationality words -> the place they name ("french" -> "france"), and known organisations'
    #: countries (KB id -> place): "the *French* startup" prefers an antecedent that is French.
    demonyms: Mapping[str, str] = field(default_factory=dict)
    countries: Mapping[str, str] = field(default_factory=dict)
    #: "based", "headquartered", "basée": "<place>-based" describes where the antecedent is.
    based_words: frozenset[str] = frozenset()
    #: Description nouns that say a kind of organisation (word -> ``young`` or ``giant``: "the
    #: startup", "la jeune pousse", "le géant"), and the KB ids of established companies (never
    #: "the startup"; what "the giant" prefers).
    kinds: Mapping[str, str] = field(default_factory=dict)
    giants: frozenset[str] = frozenset()
    #: Lemmas of founding and joining verbs: what "A's former researcher *founded* the startup"
    #: founds or joins is not the organisation named in its own subject ("A").
    founding_verbs: frozenset[str] = frozenset()

    def nationality(self, noun: Token) -> str | None:
        """The country a nationality adjective or a "<place>-based" modifier of ``noun`` names
        ("the *Dutch* chipmaker", "la start-up *parisienne*", "the *Abu Dhabi-based* company"),
        if any (a city stands for its country)."""
        for child in noun.children:
            if child.dep_ not in {"amod", "nmod", "compound"}:
                continue
            place = self.demonyms.get(child.lower_)
            if place is None and child.lower_ in self.based_words:
                place = next((t.ent_kb_id_ for t in child.subtree if t.ent_type_ == "Place" and t.ent_kb_id_), None)
            if place:
                return self.countries.get(place, place)
        # on the surface, where the tagger breaks the noun ("la start - up *parisienne*")
        for token in noun.doc[noun.i + 1 : noun.i + 4]:
            place = self.demonyms.get(token.lower_)
            if place:
                return self.countries.get(place, place)
            if token.pos_ in {"VERB", "AUX"} or (token.is_punct and token.text != "-"):
                break
        return None

    def agrees(self, ent: Span, country: str | None) -> bool:
        """Whether ``ent`` may be what a description of ``country`` describes (unknown: yes). A
        preference, not a rule: when no antecedent agrees, the salient one stands ("the
        Paris-based startup" said of a company the KB places in New York)."""
        known = self.countries.get(ent.kb_id_) if country else None
        return known is None or known == country

    def noun_type(self, word: str) -> str:
        return self._noun_types.get(word, "")

    @cached_property
    def _noun_types(self) -> dict[str, str]:
        """Word -> the first type whose descriptions hold it (one look-up per token, not one per type)."""
        found: dict[str, str] = {}
        for label, words in self.nouns.items():
            for word in words:
                found.setdefault(word, label)
        return found

    @cached_property
    def pronoun_types(self) -> dict[str, tuple[str, ...]]:
        """Word -> the types whose pronouns hold it, in the order of ``pronouns``."""
        found: dict[str, tuple[str, ...]] = {}
        for label, words in self.pronouns.items():
            for word in words:
                found[word] = (*found.get(word, ()), label)
        return found

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """The words that may refer to an entity: every pronoun and description noun."""
        return frozenset({*self.pronoun_types, *self._noun_types})


@dataclass(frozen=True)
class Reference:
    """Entities a token may stand for, best first, and the rule that found them."""

    candidates: tuple[Span, ...]
    rule: str
    distance: tuple[int, ...] = field(default=())


def _in_own_clause(token: Token, subject: Span) -> bool:
    """Whether ``subject`` is a subject of the clause the description belongs to (coordinated
    subjects included: "A and B both invested in *the startup*" is neither A nor B)."""
    head = token.head
    for _ in range(3):
        if head.pos_ in {"VERB", "AUX"}:
            return any(
                subject.start <= s.i < subject.end
                for c in head.children
                if c.dep_ in _SUBJECT_DEPS
                for s in (c, *c.conjuncts)
            )
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def resolve_references(doc: Doc, ent_of: Mapping[int, Span], settings: ReferenceSettings,
                       also: ReferenceSettings | None = None) -> dict[int, Reference]:
    """References of the non-entity tokens of ``doc`` that can stand for an entity.

    ``ent_of`` maps token indexes to the entity span covering them. ``also``: other settings that
    differ from ``settings`` only in their description nouns (the classifier's, which add the
    funding nouns); their references are resolved in the same pass and kept for
    :func:`resolved_references` (the two passes share every step until a token's description type
    differs, then go on apart).
    """
    states = [_State()]
    pronouns = settings.pronoun_types
    last: Span | None = None  # the entity of the previous token, and its root's index (read once)
    root = -1
    starts = [sent.start for sent in doc.sents]
    cues = {token.i: token for token in cue_tokens(doc, (also or settings).cue_words)}
    number = -1  # the sentence of the token, counted from 0
    for i in sorted({*ent_of, *cues}):
        while number + 1 < len(starts) and starts[number + 1] <= i:
            number += 1
        ent = ent_of.get(i)
        if ent is not None:
            if ent is not last:
                last, root = ent, ent.root.i
            if i == ent.start and not _inside_longer_name(ent, ent_of):
                for state in states:
                    state.mentions.append((number, ent))
                    if ent.label_ == _TOPIC_LABEL:
                        state.named.append(ent)
            if i == root and not _bracketed(ent) and not _inside_longer_name(ent, ent_of) and (
                ent.root.dep_ in _SUBJECT_DEPS
                or (ent.root.dep_ in {"appos", "flat:name"} and ent.root.head.dep_ in _SUBJECT_DEPS)
                or _split_subject(ent)
            ):
                for state in states:
                    state.subjects.append((number, ent))
            continue
        token = cues[i]
        if also is not None and len(states) == 1:
            lower = token.lower_
            if settings.noun_type(lower) != also.noun_type(lower):
                states.append(states[0].fork())  # the two settings read this token apart: go on apart
        _refer(token, number, states[0], settings, ent_of, pronouns)
        if len(states) > 1:
            _refer(token, number, states[1], also or settings, ent_of, pronouns)
    if also is not None:
        _RESOLVED[doc] = (also, _entity_key(ent_of), states[1].refs if len(states) > 1 else dict(states[0].refs))
    return states[0].refs


def resolved_references(doc: Doc, ent_of: Mapping[int, Span], settings: ReferenceSettings
                        ) -> dict[int, Reference] | None:
    """The references that :func:`resolve_references` resolved with ``also=settings`` for ``doc``,
    if it did and the entities are still those it read (each is handed out once); else None."""
    kept = _RESOLVED.pop(doc, None)
    if kept is None or kept[0] is not settings or kept[1] != _entity_key(ent_of):
        return None
    return kept[2]


_EntityKey = list[tuple[int, int, int, int, int]]
#: The references resolved for other settings (``also``) by document, until they are asked for.
_RESOLVED: WeakKeyDictionary[Doc, tuple[ReferenceSettings, _EntityKey, dict[int, Reference]]] = WeakKeyDictionary()


def _entity_key(ent_of: Mapping[int, Span]) -> _EntityKey:
    return [(i, ent.start, ent.end, ent.label, ent.kb_id) for i, ent in ent_of.items()]


@dataclass
class _State:
    """What the resolution of a document has read so far."""

    refs: dict[int, Reference] = field(default_factory=dict)
    subjects: list[tuple[int, Span]] = field(default_factory=list)  # (sentence number, entity) in order
    mentions: list[tuple[int, Span]] = field(default_factory=list)
    named: list[Span] = field(default_factory=list)  # organisations named or referred to so far: what the topic counts
    described: dict[str, str] = field(default_factory=dict)  # entity key -> the kind this document gives it

    def fork(self) -> _State:
        return _State(dict(self.refs), list(self.subjects), list(self.mentions), list(self.named), dict(self.described))


def _refer(token: Token, number: int, state: _State, settings: ReferenceSettings, ent_of: Mapping[int, Span],
           pronouns: Mapping[str, tuple[str, ...]]) -> None:
    """Resolve the pronoun or description ``token`` of sentence ``number``, if it refers, into ``state``."""
    refs, subjects, mentions, named = state.refs, state.subjects, state.mentions, state.named
    lower = token.lower_
    ref: Reference | None = None
    pronoun_types = pronouns.get(lower)
    if pronoun_types and token.pos_ in {"PRON", "DET"}:
        found = (
            _reported(token, ent_of, pronoun_types)
            or _coordinated(token, ent_of)
            or _salient(number, subjects, mentions, pronoun_types, None, named=named)
        )
        owner = _described_owner(token, ent_of)
        if owner is not None:  # "Le patron de X a profité de *sa* présence": the patron's
            found = [(0, c) for c in refs[owner.i].candidates] if owner.i in refs else []
        if found:
            ref = Reference(tuple(s for _, s in found), "coref", tuple(d for d, _ in found))
    elif token.pos_ in {"NOUN", "PROPN"} and (label := settings.noun_type(lower)):
        apposed = _apposed(token, ent_of, label) or _named_next(token, ent_of, label)
        # "the X conference in *Berlin*, an AI summit that ...", "l'entreprise fondée par A,
        # *B* et C": the parser hangs a description on the nearest name; one of another type
        # is not what it describes
        misplaced = apposed is not None and apposed.label_ != label
        kind = settings.kinds.get(lower) if label == _TOPIC_LABEL else None
        if apposed is not None and not misplaced:
            ref = Reference((apposed,), "appos")
            if kind is not None:
                state.described.setdefault(entity_key(apposed), kind)
        elif misplaced or _is_definite(token):
            found = _surface_appos(token, ent_of, label) or _named_after(token, mentions, number, label)
            if not found and not _names_another(token, ent_of):
                for test in _tests(settings, token, kind, state.described):
                    found = _salient(number, subjects, mentions, [label], token, test, named=named)
                    if found:
                        break
            if found:
                ref = Reference(tuple(s for _, s in found), "coref", tuple(d for d, _ in found))
    if ref is None:
        return
    refs[token.i] = ref
    if ref.rule == "coref" and ref.candidates and ref.candidates[0].label_ == _TOPIC_LABEL:
        named.append(ref.candidates[0])  # an apposition is the same mention, not another
    if token.dep_ in _SUBJECT_DEPS and ref.candidates:
        subjects.append((number, ref.candidates[0]))


def entity_key(ent: Span) -> str:
    """What tells one entity from another across its mentions: its KB id, else its lowercase name."""
    return ent.kb_id_ or ent.text.lower()


def article_topic(names: Sequence[Span], minimum: int = 1, accept: Callable[[Span], bool] | None = None) -> Span | None:
    """The organisation an article is about: of ``names`` (its organisations' mentions and the
    references resolved to them, in order), the one named most often (at least ``minimum``
    times), the first named on a tie; its first mention. ``accept`` leaves out the ones it refuses.
    One notion for the references ("la start-up" that nothing nearer decides) and the bare titles
    ("CEO Jane Roe" of :mod:`.components.titled_people`)."""
    counts: dict[str, int] = {}
    first: dict[str, Span] = {}
    for ent in names:
        if ent.label_ != _TOPIC_LABEL or (accept is not None and not accept(ent)):
            continue
        key = entity_key(ent)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, ent)
    if not first:
        return None
    key = max(first, key=lambda k: counts[k])  # the first named wins a tie (dicts keep order)
    return first[key] if counts[key] >= minimum else None


def _tests(settings: ReferenceSettings, token: Token, kind: str | None,
           described: Mapping[str, str]) -> list[Callable[[Span], bool] | None]:
    """What a description's antecedent should be, most demanding first: of its nationality and its
    kind, then of its kind, then anything ("the Paris-based startup" said of a company the KB
    places in New York: the text may know better than the KB's one country). A kind is a
    preference ("le géant" prefers an established company or one the article calls a giant) except
    that a young company ("the startup", "la jeune pousse") is never an established one; and what a
    founding or joining verb's object describes is never named in the verb's own subject ("*A's*
    former researcher founded the startup")."""
    country = settings.nationality(token)
    founders = _founders_phrase(token, settings.founding_verbs)

    def giant(ent: Span) -> bool:
        return ent.kb_id_ in settings.giants or described.get(entity_key(ent)) == "giant"

    def young(ent: Span) -> bool:
        return described.get(entity_key(ent)) == "young"

    kinds: list[Callable[[Span], bool]] = []
    if kind == "young":
        kinds = [lambda e: young(e) and not giant(e), lambda e: not giant(e)]
    elif kind == "giant":
        kinds = [giant, lambda e: not young(e)]
    hard: list[Callable[[Span], bool]] = []
    if founders is not None:
        hard.append(lambda e: not (founders[0] <= e.start and e.end <= founders[1]))
    if kind == "young":
        hard.append(lambda e: not giant(e))
    wanted: list[list[Callable[[Span], bool]]] = []
    if country is not None:
        wanted += [[*hard, lambda e: settings.agrees(e, country), k] for k in kinds]
    wanted += [[*hard, k] for k in kinds]
    if country is not None:
        wanted.append([*hard, lambda e: settings.agrees(e, country)])
    wanted.append(hard)
    return [_all(parts) for parts in wanted]


def _all(parts: Sequence[Callable[[Span], bool]]) -> Callable[[Span], bool] | None:
    if not parts:
        return None
    return lambda ent: all(part(ent) for part in parts)


def _founders_phrase(token: Token, verbs: frozenset[str]) -> tuple[int, int] | None:
    """The token range of the subject phrase of the founding or joining verb whose object
    ``token`` is ("L'ancien chercheur de A *a fondé* la start-up": the range of "L'ancien
    chercheur de A"), or None."""
    head = token.head
    for _ in range(3):
        if head.pos_ in {"VERB", "AUX"}:
            if head.lemma_.lower() not in verbs:
                return None
            subject = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS and c.i < token.i), None)
            return None if subject is None else (subject.left_edge.i, subject.right_edge.i + 1)
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _names_another(token: Token, ent_of: Mapping[int, Span]) -> bool:
    """ "the *iPhone* maker", "the Nvidia rival": a description built on another organisation's,
    person's or product's name says which entity it is by that name, so the salient one is no
    safe guess."""
    return any(c.i < token.i and c.i in ent_of and ent_of[c.i].label_ in {"Organization", "Person", "Product"}
               and c.dep_ in {"compound", "nmod", "amod"} for c in token.children)


def _split_subject(ent: Span) -> bool:
    """ "*Mistral* AI a indiqué": the parser may cut a name in two, its first word the sentence's
    root and the second the verb's subject; the name is the subject all the same. So is a name the
    parser hung as a clause of its own or on the participle before it ("Fondée en 2023, *Prompt* AI a
    levé ...": the first word a ``parataxis`` or ``nmod`` of the participle, the second a subject)."""
    root = ent.root
    return root.dep_ in _SPLIT_ROOT_DEPS and any(
        t.dep_ in _SUBJECT_DEPS and (t.head.i >= ent.end or (t.head.i == root.i and root.dep_ != "nmod"))
        for t in ent)


def _inside_longer_name(ent: Span, ent_of: Mapping[int, Span]) -> bool:
    """Whether ``ent`` is the first word(s) of a longer name that is not an entity of ours ("*Google*
    Play", "the *Google* Brain project", "*Samsung* Medison"): that name, not ``ent``, is what the
    sentence talks about, so ``ent`` is no antecedent. A capitalised title before a person ("Acme
    Chief Executive Jane Doe") is not such a name."""
    doc = ent.doc
    if ent.end >= len(doc):
        return False
    after = doc[ent.end]
    if not after.is_title or after.i in ent_of or after.pos_ not in {"PROPN", "X", "NOUN"}:
        return False
    return not any(i in ent_of and ent_of[i].label_ == "Person" for i in range(ent.end + 1, min(ent.end + 4, len(doc))))


def _bracketed(ent: Span) -> bool:
    """ "(Reuters) - Scale AI said ...": a name in brackets (a wire's dateline, a ticker) is never
    the subject a later pronoun refers to."""
    doc = ent.doc
    return ent.start > 0 and doc[ent.start - 1].text == "(" and ent.end < len(doc) and doc[ent.end].text == ")"


def _reported(token: Token, ent_of: Mapping[int, Span], labels: Sequence[str]) -> list[tuple[int, Span]]:
    """ "Cohere said on Thursday *it* had raised $270m": the subject of a clause reported by a
    verb ("said", "announced", "a indiqué") is the reporting verb's subject when it is an entity."""
    clause = token.head
    if token.dep_ not in _SUBJECT_DEPS or clause.dep_ not in {"ccomp", "xcomp"}:
        return []
    verb = clause.head
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.i in ent_of and ent_of[child.i].label_ in labels:
            return [(0, ent_of[child.i])]
    owner = _left_owner(verb, ent_of)
    return [(0, owner)] if owner is not None and owner.label_ in labels else []


def _left_owner(verb: Token, ent_of: Mapping[int, Span]) -> Span | None:
    """ "By A and B  May 4 (Reuters) - *Acme*, a start-up that rivals Beta-funded Gamma, said
    ...": when the parser gave the reporting verb no subject (a byline glued to the
    sentence), the subject is the name that the words right before the verb belong to: from the
    token before the verb (the closing comma of an apposition), up its heads to the first name.
    A name inside the apposition (Gamma) is a dependent on the way, never reached."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].sent.start != verb.sent.start:
        return None
    token = doc[verb.i - 1]
    for _ in range(4):
        if token.i in ent_of:
            return ent_of[token.i]
        if token.head.i == token.i or token.head.i >= verb.i:
            return None
        token = token.head
    return None


def _coordinated(token: Token, ent_of: Mapping[int, Span]) -> list[tuple[int, Span]]:
    """ "OpenAI and its backer": a possessive in the second conjunct refers to the first."""
    head = token.head
    if token.dep_ == "poss" and head.dep_ == "conj" and head.head.i in ent_of:
        return [(0, ent_of[head.head.i])]
    return []


def _described_owner(token: Token, ent_of: Mapping[int, Span]) -> Token | None:
    """ "*Le patron de* Nvidia a profité de *sa* présence": a possessive in a clause whose subject is a
    description (a common noun, not a name) belongs to that description, not to a name before it or
    inside it. Returns the description, or None when the clause has no such subject."""
    if token.lower_ not in _POSSESSIVE:
        return None
    head = token.head
    for _ in range(4):
        if head.pos_ in {"VERB", "AUX"}:
            break
        if head.head.i == head.i:
            return None
        head = head.head
    for child in head.children:
        if child.dep_ in _SUBJECT_DEPS and child.pos_ == "NOUN" and child.i not in ent_of and child.i < token.i:
            return child
    return None


def _is_definite(token: Token) -> bool:
    if any(c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE | _POSSESSIVE for c in token.children):
        return True
    doc = token.doc
    for i in range(token.i - 1, max(-1, token.i - 4), -1):
        word = doc[i].lower_
        if word in _DEFINITE:
            return True
        if not (doc[i].pos_ in {"ADJ", "NOUN", "PROPN", "PUNCT", "VERB", "NUM"} or word == "-"):
            return False
    return False


def _apposed(token: Token, ent_of: Mapping[int, Span], label: str) -> Span | None:
    if token.dep_ in _APPOS_DEPS and token.head.i in ent_of:
        return ent_of[token.head.i]
    # a copula's attribute is its subject: "Velquor is *a Toronto-based startup* founded by ...",
    # "Velquor est *une start-up* lyonnaise" (English hangs the noun on "is", French the copula on the noun)
    copula = token.head if token.dep_ == "attr" and token.head.lemma_ == "be" else (
        token if any(c.dep_ == "cop" for c in token.children) else None)
    if copula is not None:
        subject = next((c for c in copula.children if c.dep_ == "nsubj" and c.i in ent_of), None)
        if subject is not None and subject.i < token.i:
            return ent_of[subject.i]
    for child in token.children:
        if child.dep_ in _CHILD_ENTITY_DEPS and child.i in ent_of and child.i > token.i:
            return ent_of[child.i]
    return None


def _named_next(token: Token, ent_of: Mapping[int, Span], label: str) -> Span | None:
    """ "l'armateur *CMA CGM*", "the chipmaker *Nvidia*", "le fonds américain *General Catalyst*": a
    description followed by a name of its type, with at most two adjectives between, is that name,
    whatever the parser attached the name to."""
    doc = token.doc
    for i in range(token.i + 1, min(len(doc), token.i + 7)):
        ent = ent_of.get(i)
        if ent is not None and not (doc[i].pos_ == "ADJ" and ent.label_ == "Place"):  # a demonym
            return ent if ent.start == i and ent.label_ == label else None
        if doc[i].pos_ == "ADJ" and i - token.i <= 3:
            continue
        # "le géant néerlandais *des semi-conducteurs*, ASML": the description's own complement, then
        # a comma right before the name
        if doc[i].text == "," and (i + 1) in ent_of and ent_of[i + 1].start == i + 1:
            continue
        if doc[i].pos_ in {"ADP", "DET", "NOUN", "ADJ"} and any(a.i == token.i for a in doc[i].ancestors):
            continue
        return None
    return None


def closes_fronted_clause(last: Token, subject: Token) -> bool:
    """Whether ``last`` ends a fronted participial clause whose main clause ``subject`` opens: "Backed
    by *Balderton*, *Qortex* hired ..." is no list of two names but an agent and the subject its
    participle describes (the parse says so: the participle is an adverbial clause of the verb
    whose subject is the second name)."""
    if not subject.dep_.startswith("nsubj"):
        return False
    verb = subject.head
    clause = next((t for t in last.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    return clause is not None and clause.dep_ == "advcl" and clause.head == verb and clause.i < subject.i


def _surface_appos(token: Token, ent_of: Mapping[int, Span], label: str) -> list[tuple[int, Span]]:
    """ "Anthropic, la société qui ...": a description right after "<entity>," is that entity."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and token.i - i <= 3 and doc[i].lower_ not in _DEFINITE:
        i -= 1
    if i >= 2 and doc[i - 1].text == "," and (i - 2) in ent_of and ent_of[i - 2].label_ == label:
        if closes_fronted_clause(doc[i - 2], token):  # "Backed by Accel, *the startup* hired": no apposition
            return []
        return [(0, ent_of[i - 2])]
    return []


def _named_after(token: Token, mentions: Sequence[tuple[int, Span]], number: int, label: str) -> list[tuple[int, Span]]:
    """The last entity whose name contains the description's noun ("l'agence" -> Agence France-Presse)."""
    word = token.lower_
    for sent_no, ent in reversed(mentions):
        if number - sent_no > _WINDOW:
            break
        if label == "Organization" and ent.label_ == label and any(t.lower_ == word for t in ent) and len(ent) > 1:
            return [(number - sent_no, ent)]
    return []


def _in_list(ent: Span) -> bool:
    """Whether ``ent`` is a member of a coordinated list ("avec A, B ou C"): one peer among others,
    not the one a later "the company" singles out."""
    root = ent.root
    return root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)


def _may_describe(ent: Span, description: Token | None, agrees: Callable[[Span], bool] | None) -> bool:
    """Whether ``ent`` may be what ``description`` (a pronoun when None) stands for: named before it,
    not a subject of its own clause, and of the description's country when it says one ("the
    French startup" is not the American fund that was the last subject)."""
    if description is not None and (ent.start >= description.i or _in_own_clause(description, ent)):
        return False
    return agrees is None or agrees(ent)


def _last_mention(
    number: int, mentions: Sequence[tuple[int, Span]], label: str, description: Token | None, *, skip_lists: bool,
    agrees: Callable[[Span], bool] | None = None,
) -> tuple[int, Span] | None:
    """The last entity of ``label`` mentioned in this sentence or the ones the label's window reaches."""
    for sent_no, ent in reversed(mentions):
        if number - sent_no > _MENTION_WINDOW.get(label, 1):
            break
        if ent.label_ != label or _bracketed(ent) or (skip_lists and _in_list(ent)):
            continue
        if _may_describe(ent, description, agrees):
            return (number - sent_no, ent)
    return None


def _salient(
    number: int,
    subjects: Sequence[tuple[int, Span]],
    mentions: Sequence[tuple[int, Span]],
    labels: Sequence[str],
    description: Token | None,
    agrees: Callable[[Span], bool] | None = None,
    *,
    named: Sequence[Span] = (),
) -> list[tuple[int, Span]]:
    """The salient entity of each label: last subject (current sentence first), else the last one
    mentioned; for an organisation, a member of a list is no such mention, and when the last ones
    were all in lists, the first one the document names is (news names its own company first:
    "... grâce à Acme. *L'entreprise* fait partie des acteurs montants avec A, B ou C. *Elle* ...")."""
    found: list[tuple[int, Span, int]] = []
    limit = description.i if description is not None else len(mentions[-1][1].doc) if mentions else 0
    for label in labels:
        best: tuple[int, Span] | None = None
        for sent_no, ent in reversed(subjects):
            if number - sent_no > _WINDOW:
                break
            if ent.label_ == label and _may_describe(ent, description, agrees):
                best = (number - sent_no, ent)
                break
        kind = 0
        if best is None:
            kind = 1
            best = _last_mention(number, mentions, label, description, skip_lists=label == _TOPIC_LABEL,
                                 agrees=agrees)
        if best is None and label == _TOPIC_LABEL:
            # no organisation in subject position lately, the last ones named only in a list: the
            # article's own company, named first
            topic = article_topic([m for m in named if m.end <= limit], accept=agrees)
            if topic is not None and description is not None and _in_own_clause(description, topic):
                topic = None
            if topic is not None:
                sent_no = next((n for n, m in mentions if m is topic), number)
                best = (number - sent_no, topic)
        if best is None and label == _TOPIC_LABEL:
            best = _last_mention(number, mentions, label, description, skip_lists=False, agrees=agrees)
        if best is not None:
            found.append((best[0], best[1], kind))
    found.sort(key=lambda item: (item[2], -item[1].start))
    return [(distance, ent) for distance, ent, _ in found]
