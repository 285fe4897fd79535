"""Who attended an event, read across sentences (issue 15).

An article names its event once ("VivaTech", "the AI Safety Summit") and then tells who was
there without naming it again: "X took to the main stage", "X told the audience", "X a promis ...
devant une salle comble", "the president is sending his minister, X", "des invités comme A, B et
C", "X sera là", "X y participe", "X showed off its robot at a large booth". A sentence pattern
cannot see the event; this module keeps the *event in focus* and gives
``attended(X, event)`` for the people and organisations of a sentence whose cue says they were,
are or will be present.

* The event in focus at a token is the last Event entity, or description resolved to one ("the
  conference", "le salon"), before it within the sentence and the :data:`FOCUS_SENTENCES`
  sentences before (else the first one after it in its own sentence; else, in a document that
  names one event only, that event: :mod:`.event_focus`). An unnamed gathering
  mentioned after it ("un dîner", "a reception": ``side_event_nouns``) takes the focus away, so
  the guests of a dinner are not the guests of the show.
* The cues (word lists in ``data/lexicon.json``, ``word_lists``, EN and FR):

  - a stage (``stage_nouns``) the verb's subject is on, took (to), or shares "with" others: the
    subject and its "with" companions;
  - an audience (``audience_nouns``) the subject speaks to or before ("told delegates", "devant
    une salle comble"), or a speech (``speech_nouns``) the subject speaks in ("in her opening
    remarks", "lors de son discours");
  - a booth (``booth_nouns``) the subject shows something at ("at its booth", "sur son stand");
  - presence: "X will be there / on hand", "X sera là", "X était présent", "X y participe", "X
    took part", "X exhibited" (``presence_words``, ``presence_verbs``);
  - sending (``send_verbs``): the person sent ("is sending the vice-president, X"), not the one
    who sends;
  - a guest list: an attendee noun (``attendee_nouns``) that heads the sentence or is the subject
    of "include"/"be" ("des invités prestigieux comme A, B et C"), or that the names are "among"
    ("X font partie des participants").

  - speaking while the event is in focus: "X said on the sidelines", "en marge du salon"
    (``sideline_nouns``; not "stayed on the sidelines": ``stay_verbs``), "X took the floor", "X a
    pris la parole" (``floor_nouns``), "X, who addressed the conference" (``address_verbs`` with
    the event or an audience as object, not "spoke *about* the summit");
  - a delegation, a country, a chair, a gathering: "a delegation led by X" (``delegation_nouns``,
    ``lead_verbs``), "X represented the United States" (``represent_verbs``, a place as object),
    "co-chaired by X and Y" (``chair_verbs``), "Leaders, including X and Y, gathered at the Grand
    Palais" (``gathering_verbs``; the venue is where the event was held), "the summit welcomed X
    and Y" (``event_host_verbs``, the event as subject).

  A subject that is a plural noun stands for the names it gives as examples ("tech leaders *such
  as* X and Y", "des patrons *comme* X et Y"), a relative pronoun for its antecedent, and names
  after "by"/"par" are read along the text, where the parser often hangs the second one wrong.
  Speech, audience and stage cues name persons only: an organisation attends when the text says
  it took part (booth, exhibited, was sent, on the guest list), not because its people spoke.
* Guest lists read along the text, speaker lines, "X is slated to attend", "in the presence of",
  "X's appearance": :mod:`.guest_lists`.
* Not attendance: a negated or modal cue ("would not take part", "may attend virtually",
  "pourrait"), a cue under a declining verb ("chose not to attend", "a décliné", ``decline_words``),
  or a speech given elsewhere (the speech noun names another place).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..coref import Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from .event_focus import event_key, lasting_focus
from .event_owners import owner_attendance
from .event_places import held_places
from .extensions import RelationCandidate
from .guest_lists import GuestWords, guest_cues
from .name_lists import list_joiners, listed_before

__all__ = ["FOCUS_SENTENCES", "AttendanceWords", "discourse_attendance"]

EXTRACTOR = "discourse:attended"
#: Below the sentence patterns (0.6 to 0.75): the event is read from the sentences before.
CONFIDENCE = 0.55
#: Sentences before the cue in which its event may be named. News names the event in the lead,
#: then gives who was there in the next two or three sentences (the guest list after the dates and
#: the venue); further back the text has usually moved on to a side event or another subject.
FOCUS_SENTENCES = 3
_PERSON = frozenset({"Person"})
_PARTIES = frozenset({"Person", "Organization"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_NAME_DEPS = frozenset({"appos", "flat:name", "compound", "flat"})
#: "take part", "prendre part"; the demonstratives of the gathering taken part in ("ce panel").
_TAKE = frozenset({"take", "prendre"})
_THIS = frozenset({"this", "that", "ce", "cet", "cette"})
_WITH = frozenset({"with", "avec", "alongside", "aux côtés"})
_AMONG = frozenset({"among", "parmi"})
_FROM = frozenset({"from", "by", "de", "par", "d'", "d’"})
_LIST_VERBS = frozenset({"include", "be", "feature", "comprendre", "inclure", "être", "compter", "figurer"})
_CASE_DEPS = frozenset({"case"})
#: Pronoun subjects that leave the list to the object ("parmi les exposants, on retrouve A et B").
_IMPERSONAL = frozenset({"on", "we", "nous", "there", "il"})
#: The words that put a name inside a role's phrase ("CEO *of* X", "chercheuse *chez* X"); a name
#: after "comme" or "such as" is an item of the list.
_OF = frozenset({"of", "at", "de", "d'", "d’", "du", "des", "chez", "'s", "’s"})
#: Words that open the examples of a plural noun ("leaders *such as* A and B", "*including* A",
#: "des patrons *comme* A et B", "*dont* A"): the names stand for the noun's people.
_INCLUDING = frozenset({"including", "like", "notably", "comme", "dont", "notamment", "incluant"})
_SUCH = frozenset({"such", "tel", "tels", "telle", "telles"})
_AS = frozenset({"as", "que", "qu'", "qu’"})
_RELATIVE = frozenset({"who", "which", "that", "qui", "lequel", "laquelle"})
_RELCL = frozenset({"relcl", "acl:relcl"})
#: How a clause describes a noun ("leaders *who spoke*", "leaders *scheduled* to appear").
_DESCRIBING_DEPS = frozenset({"relcl", "acl:relcl", "acl"})
_AGENT = frozenset({"by", "par"})
#: What a list of names is joined by ("by A, B and C", "par A et B").
_JOINERS = frozenset({",", "and", "et", "&"})
#: Prepositions that make the event a topic, not the place of the speaking ("spoke *about* the summit").
_ABOUT = frozenset({"about", "on", "of", "regarding", "over", "sur", "de", "du", "des", "concernant"})
_PRONOUN_EVENTS = frozenset({"it", "il"})
#: Links from a modifier to the noun it describes ("*Acme* CEO Jane Roe", "PDG *d'Acme*").
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "flat"})


@dataclass(frozen=True)
class AttendanceWords:
    """The cue words of one language (lower-cased words or lemmas)."""

    stage: frozenset[str] = words_field("stage_nouns")
    audience: frozenset[str] = words_field("audience_nouns")
    speech: frozenset[str] = words_field("speech_nouns")
    booth: frozenset[str] = words_field("booth_nouns")
    presence_words: frozenset[str] = words_field("presence_words")
    presence_verbs: frozenset[str] = words_field("presence_verbs")
    send: frozenset[str] = words_field("send_verbs")
    attendees: frozenset[str] = frozenset()
    decline: frozenset[str] = words_field("decline_words")
    side_events: frozenset[str] = words_field("side_event_nouns")
    organising: frozenset[str] = words_field("organising_verbs")
    modals: frozenset[str] = words_field("attendance_modals")
    sidelines: frozenset[str] = words_field("sideline_nouns")
    stay: frozenset[str] = words_field("stay_verbs")
    floor: frozenset[str] = words_field("floor_nouns")
    address: frozenset[str] = words_field("address_verbs")
    delegations: frozenset[str] = words_field("delegation_nouns")
    lead: frozenset[str] = words_field("lead_verbs")
    represent: frozenset[str] = words_field("represent_verbs")
    chair: frozenset[str] = words_field("chair_verbs")
    gathering: frozenset[str] = words_field("gathering_verbs")
    event_hosts: frozenset[str] = words_field("event_host_verbs")
    negations: frozenset[str] = frozenset()
    join: frozenset[str] = words_field("join_verbs")
    guest_roles: frozenset[str] = words_field("guest_role_nouns")
    #: A comma and the coordinators: what joins the members of a written list.
    joiners: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, lang: str) -> AttendanceWords:
        attendees = frozenset(w.lower() for w in lexicon.attendee_nouns) | lexicon.words("backer_nouns", lang)
        return lexicon.read_words(cls, lang, attendees=attendees, negations=frozenset(lexicon.negations),
                                  joiners=list_joiners(lexicon))


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words or _lemma(token) in words


class _Reader:
    def __init__(self, doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                 words: AttendanceWords, roles: frozenset[str]) -> None:
        self.doc, self.ent_of, self.refs, self.words = doc, ent_of, refs, words
        self.roles = roles
        self.sent_number: dict[int, int] = {}
        number = -1
        for sent in doc.sents:
            if any(t.is_alpha for t in sent):  # blank lines between paragraphs are not sentences
                number += 1
            self.sent_number[sent.start] = max(number, 0)
        # (token index, event or None for an unnamed gathering), in text order
        self.focus_marks: list[tuple[int, Span | None]] = []
        # only a name, a reference or a side-event word marks one: those tokens, in text order
        side_events = (t.i for t in cue_tokens(doc, words.side_events))
        for token in (doc[i] for i in sorted({*ent_of, *refs, *side_events})):
            ent = ent_of.get(token.i)
            if ent is not None:
                if token.i == ent.start and ent.label_ == "Event":
                    self.focus_marks.append((token.i, ent))
                continue
            ref = refs.get(token.i)
            if ref is not None and token.pos_ in {"NOUN", "PROPN"}:
                event = next((c for c in ref.candidates if c.label_ == "Event"), None)
                if event is not None:
                    self.focus_marks.append((token.i, event))
                    continue
            if token.pos_ == "NOUN" and _is(token, words.side_events) and not self._of_event(token):
                self.focus_marks.append((token.i, None))

    def _of_event(self, token: Token) -> bool:
        """"the summit dinner", "le dîner du sommet": a side event that belongs to the event; so
        does one in the clause whose subject names the event ("le coup d'envoi du Salon X a été
        donné lors d'une cérémonie", "the Acme Forum opened with a gala")."""
        verb = token.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i and verb.i - token.i < 3:
            verb = verb.head  # "lors d'une cérémonie": the clause's verb above the adverb
        if verb.i != token.i and token.dep_ not in _SUBJECT_DEPS and any(
                c.dep_ in _SUBJECT_DEPS and any(self._names_event(t) for t in c.subtree) for c in verb.children):
            return True
        for near in [*token.children, token.head]:
            if near.i in self.ent_of and self.ent_of[near.i].label_ == "Event":
                return True
            ref = self.refs.get(near.i)
            if ref is not None and any(c.label_ == "Event" for c in ref.candidates):
                return True
        return False

    def _names_event(self, token: Token) -> bool:
        ent = self.ent_of.get(token.i)
        return ent is not None and ent.label_ == "Event"

    def focus(self, token: Token) -> Span | None:
        """The event in focus at ``token`` (see the module's docstring)."""
        number = self.sent_number[token.sent.start]
        before = [(i, e) for i, e in self.focus_marks
                  if i < token.i and number - self.sent_number[self.doc[i].sent.start] <= FOCUS_SENTENCES]
        if before:
            return before[-1][1]
        after = [e for i, e in self.focus_marks if token.sent.start <= i < token.sent.end and i > token.i]
        return after[0] if after else lasting_focus(self.focus_marks, token.i, event_key)

    # -- who -------------------------------------------------------------------------------------

    def entity(self, token: Token, labels: frozenset[str]) -> Span | None:
        ent = self.ent_of.get(token.i)
        if ent is not None:
            return ent if ent.label_ in labels else None
        for child in token.children:
            if child.dep_ in _NAME_DEPS and child.i in self.ent_of and self.ent_of[child.i].label_ in labels:
                return self.ent_of[child.i]
        ref = self.refs.get(token.i)
        if ref is not None:
            return next((c for c in ref.candidates if c.label_ in labels), None)
        return None

    def with_conjuncts(self, token: Token, labels: frozenset[str]) -> list[Span]:
        found: list[Span] = []
        for item in (token, *token.conjuncts):
            ent = self.entity(item, labels)
            if ent is not None and ent not in found:
                found.append(ent)
        return found

    def included(self, noun: Token, labels: frozenset[str]) -> list[Span]:
        """"tech leaders such as A and B", "Leaders from 100 countries, including A and B", "des
        patrons comme A et B": the names a common noun gives as its examples."""
        found: list[Span] = []
        doc = self.doc
        for t in noun.subtree:
            lower = t.lower_
            if lower not in _INCLUDING and not (lower in _AS and (
                    any(c.lower_ in _SUCH for c in t.children) or (t.i > 0 and doc[t.i - 1].lower_ in _SUCH))):
                continue
            root = t.head if t.dep_ in {"case", "mark", "fixed", "cc"} and t.head.i != noun.i else t
            for ent in self.listed(root, labels):
                if ent not in found and not self._in_clause(ent.root, root):
                    found.append(ent)
        return found

    @staticmethod
    def _in_clause(token: Token, root: Token) -> bool:
        """Whether a clause lies between ``token`` and ``root`` ("attendees, including some of the
        biggest names, all eager to see how X ...": X is not one of them)."""
        while token.i != root.i and token.head.i != token.i:
            token = token.head
            if token.i != root.i and token.pos_ in {"VERB", "AUX"}:
                return True
        return False

    def subjects(self, verb: Token, labels: frozenset[str]) -> list[Span]:
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in _RELATIVE and verb.dep_ in _RELCL:  # "A, who addressed the conference"
                    return self.with_conjuncts(verb.head, labels)
                found = self.with_conjuncts(child, labels)
                if not found and child.pos_ == "NOUN":
                    found = self.included(child, labels)
                return self.written_before(found) + found
        if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
            return self.subjects(verb.head, labels)  # "X went on stage and told the audience"
        return []

    def written_before(self, found: list[Span]) -> list[Span]:
        """The people written in a list before the first person of ``found`` ("A (Acme), B (Bolt)
        et *C* figurent parmi les invités"), where the parser made the last name alone the subject.
        Only a list closed by a coordinator counts: "Selon A, *B* était là" is no list."""
        first = next((e for e in found if e.label_ == "Person"), None)
        if first is None or first.start == 0:
            return []
        before = self.doc[first.start - 1].lower_
        if before == "," or before not in self.words.joiners:
            return []
        listed = listed_before(self.doc, first.end, self.ent_of, "Person", self.words.joiners)
        return [e for e in listed if e not in found]

    def listed(self, root: Token, labels: frozenset[str]) -> list[Span]:
        """The names listed under ``root``: not those inside a role's "of" phrase ("CEO de LVMH")."""
        found: list[Span] = []
        for token in root.subtree:
            ent = self.ent_of.get(token.i)
            if ent is None or token.i != ent.root.i or ent.label_ not in labels or ent in found:
                continue
            of = ent.root.dep_ == "poss" or (ent.root.dep_ == "pobj" and ent.root.head.lower_ in _OF) or any(
                c.dep_ in _CASE_DEPS and c.lower_ in _OF for c in ent.root.children)
            if of and not (
                ent.label_ == "Organization" and self.unnamed_role(ent.root.head)
            ):
                continue
            if ent.label_ == "Organization" and self.describes_person(ent):
                continue
            found.append(ent)
        return found

    def describes_person(self, ent: Span) -> bool:
        """"Acme CEO Jane Roe", "Acme anchor Jane Roe", "le PDG d'Acme Jane Roe": an organisation
        that modifies a role or a name whose phrase names a person is that person's affiliation,
        not a guest of its own (the person is the one listed). Read on the tree, and along the text
        (role nouns, then the name), where the parser often hangs the list wrong."""
        j = ent.end
        while j < len(self.doc) and j - ent.end < 3 and j not in self.ent_of and self.doc[j].pos_ in {"NOUN", "PROPN"}:
            j += 1
        after = self.ent_of.get(j)
        if j > ent.end and after is not None and after.start == j and after.label_ == "Person":
            return True
        token = ent.root
        for _ in range(4):
            if token.dep_ not in _MODIFIER_DEPS or token.head.i == token.i:
                return False
            token = token.head
            person = self.ent_of.get(token.i)
            if person is not None and person.label_ == "Person":
                return True
            if any(c.dep_ in {"appos", "flat:name"} and self.ent_of.get(c.i) is not None
                   and self.ent_of[c.i].label_ == "Person" for c in token.children):
                return True
        return False

    def unnamed_role(self, token: Token) -> bool:
        """"du patron de Google", "celui d'OpenAI": a role whose holder the text does not name, so
        the organisation stands in for them (not "Bernard Arnault, CEO de LVMH")."""
        if token.pos_ == "PRON":
            return True
        if token.lower_ not in self.roles and _lemma(token) not in self.roles:
            return False
        while token.dep_ == "conj" and token.head.i != token.i:  # "cofondateur et CEO de X"
            token = token.head
        j = token.i - 1  # "Jensen Huang, cofondateur et CEO de X": the parser may not hang the role on the name
        while j >= 0 and token.i - j <= 4 and j not in self.ent_of and (
            self.doc[j].is_punct or self.doc[j].pos_ in {"DET", "ADJ", "CCONJ"}
        ):
            j -= 1
        if j >= 0 and j in self.ent_of and self.ent_of[j].label_ == "Person":
            return False
        for near in (token, token.head):
            ent = self.ent_of.get(near.i)
            if (ent is not None and ent.label_ == "Person") or any(
                c.dep_ == "appos" and self.ent_of.get(c.i) is not None for c in near.children
            ):
                return False
        return True

    # -- whether ---------------------------------------------------------------------------------

    def asserted(self, cue: Token) -> bool:
        """Not negated, not modal, not under a declining verb, up the heads of ``cue``."""
        token = cue
        for _ in range(8):
            for child in token.children:
                if child.dep_ == "neg" or child.lower_ in self.words.negations:
                    return False
                if child.dep_ in {"aux", "aux:tense", "advmod"} and _is(child, self.words.modals):
                    return False
            if _is(token, self.words.decline) or _is(token, self.words.modals):
                return False
            if token.head.i == token.i:
                break
            token = token.head
        return True

    # -- cues ------------------------------------------------------------------------------------

    @staticmethod
    def _objects(verb: Token) -> Iterable[tuple[Token, Token | None]]:
        """The verb's nominal dependents with their preposition: (noun, prep or case word)."""
        for child in verb.children:
            if child.dep_ == "prep":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        yield grand, child
            elif child.dep_ in {"dobj", "obj", "iobj", "obl", "obl:arg", "obl:mod", "attr", "nmod"}:
                case = next((c for c in child.children if c.dep_ == "case"), None)
                yield child, case

    def _listed_before(self, verb: Token) -> list[Span]:
        """"A, présidente de X, B, directeur de Y, et C ont pris part": the people listed in the
        subject's phrase (the parser hangs the second name on the first one's role), or before the
        verb when the parser hangs the verb on the list's first name (``parataxis``)."""
        head = verb.head if verb.dep_ == "parataxis" else next(
            (c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        ent = self.ent_of.get(head.i) if head is not None else None
        if head is None or ent is None or ent.label_ != "Person":
            return []
        return [e for e in self.listed(head, _PERSON) if e.end <= verb.i]

    @staticmethod
    def _this_gathering(child: Token) -> bool:
        """"ont pris part à *ce panel*", "took part in *this session*": a demonstrative names a part
        of the event in focus, no other place or gathering."""
        noun = next((g for g in child.children if g.dep_ == "pobj"), child) if child.dep_ == "prep" else child
        return noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in _THIS for c in noun.children)

    def elsewhere(self, noun: Token) -> bool:
        """"in a speech in Washington": a speech that names its own place."""
        return any(self.ent_of.get(t.i) is not None and self.ent_of[t.i].label_ == "Place"
                   for t in noun.subtree if t.i != noun.i)

    def governor(self, noun: Token) -> Token | None:
        """The verb whose clause holds ``noun`` ("showed off an assistant called X *at a booth*":
        the parser hangs the place on the nearest word, the showing is the clause's)."""
        token = noun
        for _ in range(5):
            if token.head.i == token.i:
                return None
            token = token.head
            if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"acl", "amod"}:  # not "called X"
                return token
        return None

    def apposed(self, noun: Token) -> Span | None:
        """The name in apposition to ``noun`` ("the vice-president, X"), on the tree or, when the
        parser hangs it elsewhere, right after the comma that ends the noun's phrase."""
        for child in noun.children:
            if child.dep_ == "appos" and child.i in self.ent_of and self.ent_of[child.i].label_ in _PARTIES:
                return self.ent_of[child.i]
        end = noun.right_edge.i + 1
        if end + 1 < len(self.doc) and self.doc[end].text == ",":
            ent = self.ent_of.get(end + 1)
            if ent is not None and ent.start == end + 1 and ent.label_ in _PARTIES:
                return ent
        return None

    def noun_cues(self, noun: Token) -> Iterable[tuple[str, Token, list[Span]]]:
        """Cues named by a noun: a stage, an audience, a speech, a booth (with their clause's verb)."""
        words = self.words
        prep = noun.head if noun.dep_ == "pobj" else next((c for c in noun.children if c.dep_ == "case"), None)
        if prep is None and noun.dep_ not in {"dobj", "obj"}:
            return
        verb = self.governor(noun)
        if verb is None:
            return
        if _is(noun, words.stage):
            companions = [e for n, p in self._objects(verb) if p is not None and p.lower_ in _WITH
                          for e in self.with_conjuncts(n, _PERSON)]
            if _is(verb, words.join):  # "A joined B and C on stage", "A a rejoint sur scène B et C"
                companions += [e for n in verb.children if n.dep_ in {"dobj", "obj"}
                               for e in self.with_conjuncts(n, _PERSON)]
            yield "stage", verb, self.subjects(verb, _PERSON) + companions
        elif _is(noun, words.audience) and (prep is None or prep.lower_ not in {"of", "de", "from", "du", "des"}):
            yield "audience", verb, self.subjects(verb, _PERSON)
        elif _is(noun, words.speech) and prep is not None and not self.elsewhere(noun):
            speakers = [e for n, p in self._objects(noun) if p is not None and p.lower_ in _FROM
                        for e in self.with_conjuncts(n, _PERSON)]  # "with a keynote from X"
            yield "speech", verb, speakers or self.subjects(verb, _PERSON)
        elif _is(noun, words.booth) and prep is not None:
            yield "booth", verb, self.subjects(verb, _PARTIES)
        elif _is(noun, words.sidelines) and prep is not None and not _is(verb, words.stay) and all(
                self.names_event(g) for c in noun.children if c.dep_ in {"prep", "nmod"}
                for g in ([c] if c.dep_ == "nmod" else c.children)) and not self.elsewhere(noun):
            # "A said on the sidelines", "met with B on the sidelines", "en marge du salon" (not
            # "stayed on the sidelines"; "on the sidelines of a dinner" names another gathering)
            companions = [e for n, p in self._objects(verb) if p is not None and p.lower_ in _WITH
                          for e in self.with_conjuncts(n, _PERSON)]
            yield "sidelines", verb, self.subjects(verb, _PERSON) + companions

    def cues(self, verb: Token) -> Iterable[tuple[str, list[Span]]]:
        """Cues named by a verb: sending someone, taking part, being there."""
        words = self.words
        sends = _is(verb, words.send)
        for noun, _prep in self._objects(verb) if sends else ():
            if noun.dep_ in {"dobj", "obj"}:
                sent = self.entity(noun, _PARTIES) or self.apposed(noun)
                if sent is not None:
                    # an organisation that sends someone takes part; a leader who sends a minister
                    # in their place does not ("Biden is sending the vice-president, X")
                    senders = [e for e in self.subjects(verb, _PARTIES) if e.label_ == "Organization"]
                    yield "sent", [sent, *senders]
        if _is(verb, words.presence_verbs) or (
            _lemma(verb) in _TAKE and any(c.lower_ == "part" for c in verb.children)
        ):
            here = not any(child.dep_ in {"obl", "obl:arg", "obl:mod", "prep", "dobj", "obj"} and child.lower_ != "part"
                           and not self._this_gathering(child) for child in verb.children)
            if here or any(c.lower_ == "y" for c in verb.children):
                yield "presence", self.subjects(verb, _PARTIES) + self._listed_before(verb)
        yield from self.speaking_cues(verb)
        there = [c for c in verb.children if c.lower_ in words.presence_words
                 and c.dep_ in {"advmod", "acomp", "obl:arg", "obl", "attr"}]
        if verb.lower_ in words.presence_words and any(c.dep_ == "cop" for c in verb.children):
            there.append(verb)
        if there:
            people = self.subjects(verb, _PARTIES)
            if not people:  # "les grands noms seront là, du dirigeant de A à celui de B"
                people = [e for t in there for e in self.listed(t, _PARTIES)]
            yield "presence", people

    def speaking_cues(self, verb: Token) -> Iterable[tuple[str, list[Span]]]:
        """Speaking to the event, chairing or hosting it, representing a country at it, gathering."""
        words = self.words
        children = list(verb.children)
        objects = [c for c in children if c.dep_ in {"dobj", "obj"}]
        if _lemma(verb) in _TAKE and any(_is(c, words.floor) for c in objects):
            yield "floor", self.subjects(verb, _PERSON)  # "A took the floor", "A a pris la parole"
        if _is(verb, words.address) and any(
                (p is None or p.lower_ not in _ABOUT) and (self.names_event(n) or _is(n, words.audience))
                for n, p in self._objects(verb)):
            yield "address", self.subjects(verb, _PERSON)  # "A, who addressed the conference"
        if _is(verb, words.represent) and any(self.entity(c, frozenset({"Place"})) for c in objects):
            yield "represent", self.subjects(verb, _PERSON)  # "A represented the United States"
        if _is(verb, words.chair):
            subject = next((c for c in children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is not None and subject.dep_ != "nsubj" and (
                    self.names_event(subject) or subject.lower_ in _PRONOUN_EVENTS):
                yield "chair", self.agents(verb, _PARTIES)  # "the summit, co-chaired by A and B"
            elif any(self.names_event(c) for c in objects):
                yield "chair", self.subjects(verb, _PARTIES)  # "A and B co-chair the summit"
        # "qui avait réuni à l'Élysée des patrons": "avoir" makes it transitive, a host gathering others
        # (a gathering of its own); the intransitive French verb is reflexive ("se réunir")
        transitive = any(c.dep_ in {"dobj", "obj"} and c.pos_ != "PRON" for c in children) or (
            verb.lang_ == "fr" and any(c.dep_ in {"aux", "aux:tense"} and _lemma(c) == "avoir" for c in children))
        if _is(verb, words.gathering) and not transitive:
            subject = self.subject_token(verb)
            if subject is not None and not self.names_event(subject):
                yield "gathered", self.subjects(verb, _PARTIES)  # "Leaders, including A, gathered at"
        if _is(verb, words.event_hosts) and objects:
            subject = self.subject_token(verb)
            if subject is not None and self.names_event(subject):  # "the summit welcomed A and B"
                found: list[Span] = []
                for obj in objects:  # the names read along the text: the parser often hangs them wrong
                    found += self.run_after(obj, _PARTIES) if obj.i in self.ent_of else self.included(obj, _PARTIES)
                yield "hosted", found

    def guest_role(self, noun: Token) -> tuple[list[Span], Span | None]:
        """"A was a speaker at the summit", "A était l'invité du salon": a guest's role as the
        predicate of "be"; the people of its subject, and the event the role names, if any."""
        if any(c.dep_ == "cop" for c in noun.children):  # French: the noun heads the clause
            clause = noun
        elif noun.dep_ == "attr" and _lemma(noun.head) in {"be", "être"}:
            clause = noun.head
        else:
            return [], None
        if not self.asserted(clause):
            return [], None
        event = next((e for t in noun.subtree if t.dep_ not in _SUBJECT_DEPS
                      for e in [self.event_at(t)] if e is not None), None)
        return self.subjects(clause, _PARTIES), event

    def delegation(self, noun: Token) -> list[Span]:
        """"a delegation led by A", "une délégation menée par A", "A headed the delegation"."""
        words = self.words
        for child in noun.children:
            if child.dep_ in {"acl", "acl:relcl", "relcl"} and _is(child, words.lead):
                return self.agents(child, _PERSON)
        head = noun.head
        if noun.dep_ in {"dobj", "obj"} and _is(head, words.lead) and self.asserted(head):
            return self.subjects(head, _PERSON)
        return []

    def guest_list(self, noun: Token) -> list[Span]:
        head = noun.head
        if noun.dep_ == "ROOT" or head.i == noun.i:
            return self.listed(noun, _PARTIES)  # "Et des invités prestigieux comme A, B et C."
        if noun.dep_ in _SUBJECT_DEPS and _lemma(head) in _LIST_VERBS:
            return [e for c in head.children if c.dep_ in {"attr", "dobj", "obj", "appos", "nsubj", "conj"}
                    and c.i != noun.i for e in self.listed(c, _PARTIES)]
        case = next((c for c in noun.children if c.dep_ == "case"), None)
        among = (head.dep_ == "prep" and head.lower_ in _AMONG) or (case is not None and case.lower_ in _AMONG)
        part = any(c.lower_ == "partie" for c in head.children)  # "X font partie des participants"
        if noun.dep_ in {"obj", "obl", "obl:arg", "obl:mod", "pobj", "nmod"} and (among or part):
            verb = head.head if head.dep_ == "prep" else head
            if verb.lower_ == "partie":
                verb = verb.head
            if not self.asserted(verb):
                return []
            if any(c.dep_ in _SUBJECT_DEPS and c.lower_ in _IMPERSONAL for c in verb.children):
                return [e for c in verb.children if c.dep_ in {"dobj", "obj"} for e in self.listed(c, _PARTIES)]
            return self.subjects(verb, _PARTIES)
        return []

    def organisers(self, noun: Token) -> list[Span]:
        """"Other groups involved in staging the fair were A, B and C": the subject of
        "be" or "include" described by an organising verb whose clause names the event lists its
        organisers."""
        head = noun.head
        if noun.dep_ not in _SUBJECT_DEPS or _lemma(head) not in _LIST_VERBS or not self.asserted(head):
            return []
        clause = [t for c in noun.children if c.dep_ in {"acl", "relcl", "prep", "acl:relcl", "nmod"}
                  for t in c.subtree]
        if not any(_is(t, self.words.organising) for t in clause) or not any(
                self.names_event(t) for t in clause):
            return []
        return [e for c in head.children if c.dep_ in {"attr", "dobj", "obj", "nsubj", "conj"}
                and c.i != noun.i for e in self.listed(c, _PARTIES)]

    def names_event(self, token: Token) -> bool:
        return self.event_at(token) is not None

    def event_at(self, token: Token) -> Span | None:
        """The event ``token`` names or stands for ("VivaTech", "the summit" after it)."""
        ent = self.ent_of.get(token.i)
        if ent is not None:
            return ent if ent.label_ == "Event" else None
        ref = self.refs.get(token.i)
        return None if ref is None else next((c for c in ref.candidates if c.label_ == "Event"), None)

    def run_after(self, token: Token, labels: frozenset[str]) -> list[Span]:
        """The names listed from the first name under ``token`` on, read along the text ("by A
        and B", "par A et B": the parser often hangs the second name on the verb)."""
        first = next((self.ent_of[t.i] for t in token.subtree if t.i in self.ent_of), None)
        found: list[Span] = []
        doc = self.doc
        j = -1 if first is None else first.start
        while 0 <= j < len(doc):
            ent = self.ent_of.get(j)
            if ent is None or ent.start != j:
                break
            if ent.label_ in labels:
                found.append(ent)
            j = ent.end
            if j >= len(doc) or doc[j].lower_ not in _JOINERS:
                break
            j += 1
            if j < len(doc) and doc[j].lower_ in _JOINERS:  # ", and"
                j += 1
        return found

    def agents(self, verb: Token, labels: frozenset[str]) -> list[Span]:
        """The agents of a passive verb ("co-chaired by A and B", "menée par A")."""
        for child in verb.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in _AGENT):
                return [e for g in child.children if g.dep_ == "pobj" for e in self.run_after(g, labels)]
            if child.dep_ == "obl:agent":
                return self.run_after(child, labels)
        return []

    def subject_token(self, verb: Token) -> Token | None:
        """The subject of ``verb``'s clause: a relative pronoun's antecedent, the subject of the
        verb a coordinated or adverbial clause hangs on."""
        for _ in range(3):
            child = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
            if child is not None:
                return verb.head if child.lower_ in _RELATIVE and verb.dep_ in _RELCL else child
            if verb.dep_ not in {"conj", "xcomp", "advcl"} or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None


#: The word lists of each loaded lexicon and language, read once (not once per document).
_WORDS: dict[tuple[int, str], AttendanceWords] = {}


#: The guest-list words of each loaded lexicon and language (:mod:`.guest_lists`), read once.
_GUEST_WORDS: dict[tuple[int, str], GuestWords] = {}


def _guest_words(lexicon: Lexicon, lang: str, words: AttendanceWords) -> GuestWords:
    key = (id(lexicon), lang)
    found = _GUEST_WORDS.get(key)
    return found or _GUEST_WORDS.setdefault(key, GuestWords.from_lexicon(lexicon, lang, words.attendees))


def _described_guests(verb: Token, words: AttendanceWords, names_event: Callable[[Token], bool]) -> Token | None:
    """The noun that a clause of speaking or presence describes, which then names guests as an
    attendee noun does: "Among the leaders *who spoke* were A and B", "Among other leaders
    *scheduled to appear* were A; B", "Parmi les patrons *qui interviendront* figurent A et B"; ``None``
    when ``verb`` is no such clause's verb, or the clause places it elsewhere than at an event
    (``names_event``)."""
    if not (_is(verb, words.address) or _is(verb, words.presence_verbs)):
        return None
    clause = verb.head if verb.dep_ == "xcomp" else verb  # "scheduled to appear"
    noun = clause.head
    if clause.dep_ not in _DESCRIBING_DEPS or noun.i == clause.i or noun.pos_ != "NOUN":
        return None
    while noun.dep_ == "conj" and noun.head.i != noun.i:  # "government and corporate *leaders*"
        noun = noun.head
    for child in verb.children:  # "investors who participated *in the round*": not the event's guests
        if child.dep_ == "prep":
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif not child.dep_.startswith("obl"):
            continue
        if not names_event(child):
            return None
    return noun


def _verb_words(words: AttendanceWords) -> frozenset[str]:
    """The words or lemmas of the verbs :meth:`_Reader.cues` reads a cue from (with "take": "take
    part", "took the floor"); other verbs name one only through a presence word of their own."""
    return (words.send | words.presence_verbs | _TAKE | words.address | words.represent | words.chair
            | words.gathering | words.event_hosts)


def discourse_attendance(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                         lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``attended`` candidates for the presence cues of ``doc`` (see the module's docstring)."""
    if not any(e.label_ == "Event" for e in doc.ents) and not any(
            c.label_ == "Event" for ref in refs.values() for c in ref.candidates):
        return []  # no event named or referred to: most articles, and the cheapest answer
    key = (id(lexicon), lang)
    words = _WORDS.get(key) or _WORDS.setdefault(key, AttendanceWords.from_lexicon(lexicon, lang))
    reader = _Reader(doc, ent_of, refs, words, frozenset(lexicon.roles.get(lang, {})))
    if not any(event is not None for _, event in reader.focus_marks):
        return []
    out: list[RelationCandidate] = []
    seen: set[tuple[int, int, int]] = set()

    def emit(people: list[Span], token: Token, cue: str, named: Span | None = None) -> None:
        event = named or reader.focus(token)
        if event is None:
            return
        sent = token.sent
        for person in people:
            key = (person.start, person.end, event.start)
            if key in seen or person.label_ not in _PARTIES:
                continue
            seen.add(key)
            out.append(RelationCandidate(person.start, person.end, "attended", event.start, event.end,
                                         sent.start, sent.end, f"{EXTRACTOR}-{cue}", CONFIDENCE, "", ""))

    cue_nouns = words.stage | words.audience | words.speech | words.booth | words.sidelines
    verb_words = _verb_words(words)
    gathered: list[Token] = []  # the verbs of "Leaders gathered at <venue>": where the event was held
    # the tokens a branch below reads: its cue words, the heads of presence words and the
    # subjects of a list verb (``organisers``); every other token reads nothing
    cues = cue_nouns | words.guest_roles | verb_words | words.presence_words | words.attendees | words.delegations
    read = {t.i for t in cue_tokens(doc, cues)}
    read.update(t.head.i for t in cue_tokens(doc, words.presence_words))
    read.update(c.i for t in cue_tokens(doc, _LIST_VERBS) for c in t.children)
    for token in (doc[i] for i in sorted(read)):
        # each of a token's strings read once (every read looks it up in the string store)
        pos, lower, lemma, named_entity = token.pos_, token.lower_, _lemma(token), token.i in ent_of
        if pos in {"NOUN", "PROPN"} and (lower in cue_nouns or lemma in cue_nouns) and not named_entity:
            for cue, verb, people in reader.noun_cues(token):
                if people and reader.asserted(verb):
                    emit(people, token, cue)
        if (lower in words.guest_roles or lemma in words.guest_roles) and not named_entity:
            people, named = reader.guest_role(token)
            if people:
                emit(people, token, "guest-role", named)
        if pos in {"VERB", "AUX", "ADJ", "ADV"}:
            # a verb names no cue unless it is a cue word or "there" hangs on it (see cues)
            if lower in verb_words or lemma in verb_words or lower in words.presence_words or any(
                    c.lower_ in words.presence_words for c in token.children):
                for cue, people in reader.cues(token):
                    if people and reader.asserted(token):
                        emit(people, token, cue)
                        if cue == "gathered":
                            gathered.append(token)
                noun = _described_guests(token, words, reader.names_event)
                if noun is not None:
                    people = reader.guest_list(noun)
                    if people:
                        emit(people, token, "guest-list")
        elif named_entity:
            continue
        elif pos in {"NOUN", "PROPN"} and lower in words.attendees:
            people = reader.guest_list(token)
            if people:
                emit(people, token, "guest-list")
        elif pos == "NOUN" and (lower in words.delegations or lemma in words.delegations):
            people = reader.delegation(token)
            if people:
                emit(people, token, "delegation")
        elif pos == "NOUN" and token.dep_ in _SUBJECT_DEPS:
            people = reader.organisers(token)
            if people:
                emit(people, token, "organisers")
    for cue, token, people in guest_cues(doc, ent_of, _guest_words(lexicon, lang, words), reader):
        emit(people, token, cue)  # guest lists, speaker lines, "X is slated to attend"
    out += owner_attendance(doc, ent_of)  # a company at its own conference
    return out + held_places(doc, ent_of, lexicon, lang, reader.focus, reader.event_at, gathered)
