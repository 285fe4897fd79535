"""Whether a stated relation is a former one, and whether the text asserts it at all.

"Eric Schmidt, *the former* chief executive of Google" does not say that he leads Google, and
"Mistral AI *is in talks to* raise $500m" does not say that it raised it. Both read like the
plain fact to a pattern or a classifier, so each relation is checked here, once, whatever found
it: the words that make a role past ("former", "ex-", "left", "ancienne", "a quitté") or a
statement unasserted ("reportedly", "in talks to", "plans to", "could", "pourrait",
"a démenti", a French conditional: "deviendrait")
count when they sit on the dependency path between the two ends, modify a word on it
(``amod``, ``advmod``, ``aux``...) or stand between two close ends, so that a hedge elsewhere
in the sentence does not spread to every fact in it. The word lists are data (``former_words`` and ``hedge_words`` in
``lexicon.json``).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> words = ["Schmidt", ",", "former", "chief", "of", "Google"]
>>> from spacy.tokens import Doc
>>> doc = Doc(nlp.vocab, words=words, heads=[0, 0, 3, 0, 3, 4], deps=["ROOT", "punct", "amod", "appos", "prep", "pobj"])
>>> markers = Markers(former=frozenset({"former"}), hedge=frozenset({"reportedly"}))
>>> fact_status(doc[0:1], doc[5:6], "leads", markers)
(<FactStatus.FORMER: 'former'>, False)
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .lexicon import words_field
from .records import DEAL_PREDICATES, FactStatus

__all__ = ["TENSED_PREDICATES", "Markers", "fact_status"]

#: Predicates that hold over a period and can end; ``founded`` or ``acquired`` happened once.
TENSED_PREDICATES = frozenset({"leads", "worksFor", "partnerOf", "basedIn"})
#: Predicates whose object may be a plan: "announced plans to invest $3bn" is an announcement.
_ANNOUNCING = frozenset({"announced"})
#: Predicates that a modifier of a noun states ("the *Paris-based* startup", "la start-up *lyonnaise*").
_NOMINAL_PREDICATES = frozenset({"basedIn"})
#: Parts of speech of a word that may stand for an entity of another sentence ("the startup", "it").
_REFERENCE_POS = frozenset({"NOUN", "PROPN", "PRON"})
#: Words between two close ends describe their link ("X, the former CEO of Y"), whatever the parse.
_NEAR_GAP = 6
#: The most words between a place and the name it is written before ("London AI startup X").
_PREMODIFIER_GAP = 9
_MODIFIER_DEPS = frozenset({"amod", "advmod", "aux", "aux:tense", "aux:pass", "mark", "neg", "xcomp", "advcl",
                            "compound", "nmod", "obl:mod", "det"})


@dataclass(frozen=True)
class Markers:
    """Lower-cased words (or lemmas) that make a role former, or a statement hedged."""

    former: frozenset[str] = words_field("former_words")
    hedge: frozenset[str] = words_field("hedge_words")
    #: Words that open a clause about a later time ("*before* co-founding X, Y was at Z").
    before: frozenset[str] = words_field("before_words")
    #: Words that set a clause in the present against a past one ("who was X's CEO, *now* backs").
    now: frozenset[str] = words_field("now_words")
    #: Hedge words that only plan an attendance ("X is *expected* at the summit", "X *devrait*
    #: participer"): planned attendance stated as fact is attendance, so they do not hedge it.
    planned: frozenset[str] = words_field("planned_attendance_words")
    #: Words that say a deal did not happen ("X *almost* bought Y", "a *failli* racheter"): they
    #: hedge a deal, whatever found it, but not an amount ("raised *almost* $1bn" is a raise).
    cancel: frozenset[str] = words_field("deal_cancel_words")
    #: Verbs whose object is the person who held a role before ("Y *succeeds* co-CEOs A and B",
    #: "Y *remplace* A"): the role their object holds is a former one.
    replace: frozenset[str] = words_field("replace_verbs")
    #: Verbs of joining ("left X *to join* Y", "a quitté X pour *rejoindre* Y"): the former words
    #: outside the joining clause are about the organisation left, not the one joined.
    join: frozenset[str] = words_field("join_verbs")


def _chain(token: Token, stop: Token | None) -> list[Token]:
    """``token`` and its heads, up to (not including) ``stop`` or to the sentence's root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 30:
        head = chain[-1].head
        if stop is not None and head.i == stop.i:
            break
        chain.append(head)
    return chain


def _path_tokens(subject: Span, obj: Span, sentence_start: int | None = None, nominal: bool = False,
                 sentences: tuple[int, int] | None = None) -> list[Token]:
    """The tokens of the dependency path between the two ends; when they are in two sentences (one
    read through a reference), the chain to the root of the end in the fact's own sentence
    (``sentence_start``; the object's when not given): a hedge in the other sentence is about
    something else. ``nominal``: a fact that a noun phrase states (basedIn: "the Paris-based
    startup") ends at the first noun above the end. ``sentences``: the starts of the ends'
    sentences, when the caller has them (``Span.sent`` walks the tokens at each read)."""
    subject_sentence, object_sentence = sentences or (subject.sent.start, obj.sent.start)
    same_sentence = subject_sentence == object_sentence
    up = _chain(subject.root, None) if same_sentence else []
    seen = {t.i for t in up}
    down: list[Token] = []
    anchor = obj
    if not same_sentence and sentence_start is not None and subject_sentence == sentence_start:
        anchor = subject
    if not same_sentence and nominal:
        # a fact stated inside a noun phrase: up to the noun that stands for the other end,
        # "*The Paris-based startup* plans to hire" states basedIn, not the plan
        chain: list[Token] = []
        for token in _chain(anchor.root, None):
            chain.append(token)
            if token.pos_ in _REFERENCE_POS and not anchor.start <= token.i < anchor.end:
                break
        return chain
    for token in _chain(anchor.root, None):
        if token.i in seen:
            cut = next(n for n, t in enumerate(up) if t.i == token.i)
            return [*up[: cut + 1], *down]
        down.append(token)
    return [*up, *down]


#: French conditional endings ("rachèterait", "pourraient"): the tagger also calls some present
#: tenses conditional ("Parmi ses cofondateurs *figurent* A et B").
_FRENCH_CONDITIONAL_ENDINGS = ("rais", "rait", "rions", "riez", "raient")


def _conditional(token: Token) -> bool:
    """A verb in the conditional mood, as the tagger says and, in French, as its ending confirms."""
    if token.pos_ not in {"VERB", "AUX"} or "Cnd" not in token.morph.get("Mood", []):
        return False
    return token.doc.lang_ != "fr" or token.lower_.endswith(_FRENCH_CONDITIONAL_ENDINGS)


def _words(token: Token) -> tuple[str, str]:
    return token.lower_, (token.lemma_ or token.text).lower()


def fact_status(
    subject: Span, obj: Span, predicate: str, markers: Markers, sentence_start: int | None = None,
    sentences: tuple[int, int] | None = None,
) -> tuple[FactStatus, bool]:
    """``(status, hedged)`` of "``subject`` ``predicate`` ``obj``" as its sentence (the one that
    starts at token ``sentence_start``, when the ends are in two) states it. ``sentences``: the
    starts of the ends' sentences, when the caller has them (``Span.sent`` walks the tokens at
    each read)."""
    sentences = sentences or (subject.sent.start, obj.sent.start)
    announcing = predicate in _ANNOUNCING and sentences[0] == sentences[1]
    if predicate in _NOMINAL_PREDICATES and _premodifier(subject, obj, sentences):
        path = list(obj.doc[obj.end: subject.start])
    elif announcing:
        path = _announcer_side(subject, obj)
    else:
        path = _path_tokens(subject, obj, sentence_start, predicate in _NOMINAL_PREDICATES, sentences)
    near: list[Token] = list(path)
    inside = {*range(subject.start, subject.end), *range(obj.start, obj.end)}
    # a modifier that names an entity of its own tells that entity's past, not this fact's; it may
    # still hedge the clause ("*reportedly*, according to X")
    elsewhere: set[int] = set()
    for token in path:
        for child in token.children:
            if child.dep_ in _MODIFIER_DEPS:
                near.append(child)
                if _elsewhere(child, inside):
                    elsewhere.add(child.i)
    joining = next((t for t in path if t.i not in inside and _words(t)[1] in markers.join
                    and t.left_edge.i <= obj.start and obj.end - 1 <= t.right_edge.i), None)
    if joining is not None:
        elsewhere.update(t.i for t in near if not joining.left_edge.i <= t.i <= joining.right_edge.i)
    doc = obj.doc
    first, second = (subject, obj) if subject.start < obj.start else (obj, subject)
    if sentences[0] == sentences[1] and second.start - first.end <= _NEAR_GAP and not announcing:
        gap = doc[first.end : second.start]
        near.extend(gap)  # "X, *ancienne chercheuse* chez Y": the role between
        elsewhere.update(t.i for t in _closed_appositions(gap))
    if obj.start > 0:
        near.append(doc[obj.start - 1])  # "ex-OpenAI", "l'ex-patron de"
    # each outside word's forms, read once for both sets below
    read = [(t.i, _words(t)) for t in near if t.i not in inside]
    words = {w for _, forms in read for w in forms}
    hedge = markers.hedge - markers.planned if predicate == "attended" else markers.hedge
    if predicate in DEAL_PREDICATES:
        hedge = hedge | markers.cancel
    hedged = bool(words & hedge) or any(
        _conditional(t) and not (predicate == "attended" and set(_words(t)) & markers.planned)
        for t in near)
    own_words = {w for i, forms in read if i not in elsewhere for w in forms}
    own_words |= {w.split("-", 1)[0] for w in own_words if "-" in w} & markers.former  # "ex-cadre", one token
    former = predicate in TENSED_PREDICATES and (
        bool(own_words & markers.former) or _before_later(path, markers) or _past_against_now(path, markers)
        or _replaced(subject, markers))
    return (FactStatus.FORMER if former else FactStatus.CURRENT), hedged


def _elsewhere(modifier: Token, inside: set[int]) -> bool:
    """Whether a modifier names an entity of its own that is neither end ("Paul Martin, *ancien de
    Capgemini*, a rejoint Thales": the past is Capgemini's, not Thales')."""
    return any(t.ent_type_ and t.i not in inside for t in modifier.subtree if t.i != modifier.i)


def _closed_appositions(gap: Span) -> list[Token]:
    """The words of an apposition closed by commas that names a third entity, when a verb follows
    it between two close ends ("Paul Martin, *ancien de Capgemini*, a rejoint Thales": the past is
    Capgemini's, the verb states the fact)."""
    if not any(t.pos_ in {"VERB", "AUX"} for t in gap):
        return []
    found: list[Token] = []
    segment: list[Token] = []
    for token in gap:
        if token.text != ",":
            segment.append(token)
            continue
        if any(t.ent_type_ for t in segment) and not any(t.pos_ in {"VERB", "AUX"} for t in segment):
            found.extend(segment)
        segment = []
    return found


def _premodifier(subject: Span, obj: Span, sentences: tuple[int, int]) -> bool:
    """Whether the object is written among the words before the subject's name, with no clause
    between ("*Toronto*-based AI startup *X* plans to build": the place is stated by the noun
    phrase, and the plan that the parser hangs the phrase on is about something else)."""
    if sentences[0] != sentences[1] or not 0 <= subject.start - obj.end <= _PREMODIFIER_GAP:
        return False
    return not any(t.is_punct and t.text not in {"-", "(", ")"} for t in obj.doc[obj.end: subject.start])


def _announcer_side(subject: Span, obj: Span) -> list[Token]:
    """The path from the announcer up to the word that joins it to what it announced: "X
    announced *plans* to invest $3bn" announces, whatever the plan says; "X *reportedly*
    announced", "X *could* announce" are hedged on this side."""
    above_object = {t.i for t in _chain(obj.root, None)}
    side: list[Token] = []
    for token in _chain(subject.root, None):
        side.append(token)
        if token.i in above_object:
            break
    return side


def _replaced(subject: Span, markers: Markers) -> bool:
    """ "Y, who succeeds co-CEOs *A* and *B*", "Y replaces *A* as chief executive", "Y succède à
    *A*": the subject is the object of a verb of replacing (one of a list of objects included),
    so the role it held has ended."""
    token = subject.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ not in {"dobj", "obj", "obl", "obl:arg"} or head.i == token.i:
        return False  # ("succède à A" is an oblique in the French parse)
    return head.pos_ in {"VERB", "AUX"} and (head.lemma_ or head.text).lower() in markers.replace


def _before_later(path: list[Token], markers: Markers) -> bool:
    """ "*Before* co-founding X, Y spent six years at Z", "*Avant de* cofonder X, Y était chez Z":
    a clause on the path that opens with "before" sets the fact before a later event."""
    return any(child.dep_ in {"advcl", "prep", "obl", "obl:mod", "advmod"} and child.i < token.i
               and child.left_edge.lower_ in markers.before
               for token in path for child in token.children)


def _past_against_now(path: list[Token], markers: Markers) -> bool:
    """ "Y, who *was* Z's chief executive for a decade, *now* backs ...": a past copula or auxiliary
    on the fact's path while the sentence says "now" elsewhere."""
    if not markers.now:
        return False
    auxiliaries = [t for t in path if t.pos_ == "AUX"] + [
        c for t in path for c in t.children if c.pos_ == "AUX" and c.dep_ in {"cop", "aux", "aux:tense"}]
    past = any(set(t.morph.get("Tense", [])) & {"Past", "Imp"} for t in auxiliaries)
    if not past:
        return False
    on_path = {t.i for t in path}
    return any(t.lower_ in markers.now and t.head.i not in on_path for t in path[0].sent)
