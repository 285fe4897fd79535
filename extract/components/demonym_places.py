"""Where an organisation is based, from the nationality word that describes it (pure, no model).

News gives an organisation's country or city mostly through an adjective on the noun that
describes it, not through "based in": "Japanese tech giant X", "the Swedish start-up X", "le
géant néerlandais des semi-conducteurs X", "le champion français de l'IA, X", "les français A, B
et C, l'allemand D", "US investors like A and B". The token patterns of the relation finder
catch the adjacent forms; this module reads the construction from the dependency tree, so the
words between the noun and the name, and lists, do not matter:

1. the *described noun*: the demonym's head when the demonym modifies it (``amod``, or
   ``compound``/``nmod`` for "US investors"), or the demonym itself used as a noun ("les
   *français* Bpifrance");
2. the *names it describes*: the organisation containing the noun; the one the noun is a
   compound, apposition or modifier of ("tech *giant* X"); the subject the noun is predicated of
   ("X is a French *start-up*", "X est une *start-up* française"); the organisation in apposition to the
   noun or named right after its phrase ("le champion français de l'IA, X"); the organisations
   after "like" / "such as" / "comme" / "dont" ("US investors *like* A and B");
3. the names listed right after each one ("Bpifrance, New Wave et Motier Ventures": only commas
   and "and"/"et" between them; the parser's conjunct links in such lists are unreliable), up to
   one that a demonym of its own describes ("..., à l'allemand La Famiglia").

A demonym inside the name itself ("French Tech") describes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from .extensions import RelationCandidate

__all__ = ["CONFIDENCE", "EXTRACTOR", "described_places", "listed_with", "prefer_described"]

EXTRACTOR = "dep:demonym-describes"
#: As the token patterns of the same construction (``pattern:demonym-org``).
CONFIDENCE = 0.75
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_LINK_DEPS = frozenset({"compound", "appos", "flat", "flat:name", "nmod", "amod"})
_LIST_WORDS = frozenset({"like", "including", "such", "comme", "dont", "notamment", "tels", "telles", "parmi"})
#: Tokens after the described noun within which the name of its phrase must start.
_PHRASE_REACH = 12


def described_places(doc: Doc, ent_of: Mapping[int, Span], demonyms: Mapping[str, str],
                     org_nouns: frozenset[str], people_nouns: frozenset[str] = frozenset()) -> list[RelationCandidate]:
    """``basedIn`` candidates (object = the demonym's place, by knowledge-base id) for the
    organisations that a demonym describes (see the module docstring). ``org_nouns`` are the
    nouns that describe organisations ("startup", "investors", "fonds"): "European
    *entrepreneurs*, including X's Y" describes people, not X. A noun outside that list describes an
    organisation when the sentence sets it beside one (:func:`_beside_org`: "X, another Belgian
    *drugmaker*", "X, la *banque* publique belge", "X is a Dutch *chipmaker*") and it is none of
    ``people_nouns`` (roles, "investor", "journalist": "X's French *CEO*" describes a person)."""
    out: list[RelationCandidate] = []
    seen: set[tuple[int, str]] = set()
    for token in cue_tokens(doc, frozenset(demonyms)):
        place = demonyms.get(token.lower_)
        if place is None or (token.i in ent_of and ent_of[token.i].label_ != "Place"):
            continue
        if token.dep_ in _MODIFIER_DEPS and token.head.i != token.i:
            noun = token.head
        elif token.pos_ in {"NOUN", "PROPN"}:
            noun = token
        else:
            continue
        for _ in range(2):  # "les fonds d'investissement *américains*", "US technology *giants*": up to
            # the organisation noun
            if ({noun.lower_, noun.lemma_.lower()} & org_nouns or noun.dep_ not in {"nmod", "compound"}
                    or noun.head.pos_ != "NOUN" or (noun.dep_ == "compound" and noun.head.i < noun.i)):
                break
            noun = noun.head
        words = {noun.lower_, noun.lemma_.lower()}
        known = noun is token or noun.i in ent_of or bool(words & org_nouns)
        described = _described(noun, token, ent_of) if known else []
        if not described and noun is not token and not words & people_nouns:
            beside = _beside_org(noun, ent_of)
            described = [beside] if beside is not None else []
        sent = token.sent
        for ent in listed_with(described, ent_of, demonyms):
            if ent.label_ != "Organization" or ent.start <= token.i < ent.end or (ent.start, place) in seen:
                continue
            if any(t.i != token.i and t.lower_ in demonyms for t in doc[max(ent.start - 3, 0): ent.start]):
                continue  # "..., au *belge* Sofina": another demonym describes this name
            seen.add((ent.start, place))
            out.append(RelationCandidate(ent.start, ent.end, "basedIn", token.i, -1, sent.start, sent.end,
                                         EXTRACTOR, CONFIDENCE, place, ""))
    return out


def _described(noun: Token, demonym: Token, ent_of: Mapping[int, Span]) -> list[Span]:
    if noun.i in ent_of and noun.i != demonym.i:
        return [ent_of[noun.i]]
    found: list[Span] = []
    if noun.dep_ in _LINK_DEPS and noun.head.i in ent_of and noun.head.i != noun.i:
        found.append(ent_of[noun.head.i])  # "tech *giant* X": the noun qualifies the name
    for child in noun.children:
        if child.i in ent_of and child.dep_ in _LINK_DEPS and child.i > noun.i:
            if _next_name(noun, ent_of) is ent_of[child.i]:
                found.append(ent_of[child.i])  # "le géant *X*", "the startup, *X*"
        elif child.lower_ in _LIST_WORDS or any(c.lower_ in _LIST_WORDS for c in child.children if c.dep_ == "case"):
            found.extend(_names_in(child, ent_of))  # "investors *like* A", "investisseurs comme A"
    found = [ent for ent in found if ent.label_ == "Organization"]
    return found or _copula_subject(noun, ent_of) or _named_after_phrase(noun, ent_of)


def _beside_org(noun: Token, ent_of: Mapping[int, Span]) -> Span | None:
    """The organisation a common noun is set beside, whatever the noun: in apposition either way
    ("X, another Belgian *drugmaker*"), predicated of it ("X is a Dutch *chipmaker*"), or written
    right before its phrase with a comma between ("X, la *banque* publique belge, a investi", which
    the parser often leaves unlinked); ``None`` otherwise."""
    if noun.pos_ != "NOUN":
        return None
    head = ent_of.get(noun.head.i)
    if noun.dep_ == "appos" and head is not None and head.label_ == "Organization":
        return head
    for child in noun.children:
        ent = ent_of.get(child.i)
        if child.dep_ == "appos" and ent is not None and ent.label_ == "Organization" and child.i > noun.i:
            return ent
    subject = _copula_subject(noun, ent_of)
    if subject:
        return subject[0]
    doc = noun.doc
    left, right = noun.left_edge.i, noun.right_edge.i + 1
    before = ent_of.get(left - 2) if left >= 2 and doc[left - 1].text == "," else None
    # an apposition closes where it opens: "X, la banque publique belge, a investi"; in "like X,
    # the French summit is ...", the phrase is the next clause's subject
    closed = right >= len(doc) or doc[right].text in {",", ".", ";", ")"}
    if before is not None and before.label_ == "Organization" and before.end == left - 1 \
            and doc[left].pos_ == "DET" and closed:
        return before
    return None


def _copula_subject(noun: Token, ent_of: Mapping[int, Span]) -> list[Span]:
    """ "X is a French start-up", "X est une start-up française", "A and B are among the Chinese
    investors": the noun is predicated of the copula's subject (English: the noun is the verb's
    ``attr``; French: the noun heads the clause and has the copula as a child)."""
    if noun.dep_ == "attr":
        clause = noun.head
    elif any(c.dep_ == "cop" for c in noun.children):
        clause = noun
    else:
        return []
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"}), None)
    ent = ent_of.get(subject.i) if subject is not None else None
    return [ent] if ent is not None and ent.label_ == "Organization" else []


def _next_name(noun: Token, ent_of: Mapping[int, Span]) -> Span | None:
    """The first name after the noun within its phrase's reach: a name the parser hung on the noun
    from further on ("les fonds français A et B -le fonds de C-, *D* et E en Allemagne") is a later
    member of the sentence's list, not one the noun describes."""
    doc = noun.doc
    for token in doc[noun.i + 1: min(noun.i + _PHRASE_REACH, noun.sent.end)]:
        if token.i in ent_of and ent_of[token.i].label_ != "Place":
            return ent_of[token.i]
    return None


def _names_in(token: Token, ent_of: Mapping[int, Span]) -> list[Span]:
    """The entity at ``token`` or at its object ("like *A*")."""
    for candidate in (token, *token.children):
        if candidate.i in ent_of:
            return [ent_of[candidate.i]]
    return []


def _named_after_phrase(noun: Token, ent_of: Mapping[int, Span]) -> list[Span]:
    """ "le champion français de l'IA, *X*": the first organisation close after the noun, with no
    verb between, in the noun's subtree or right after its phrase and a comma; none when a person
    comes first ("la Française *A*, patronne de X": the demonym describes the person)."""
    for token in noun.doc[noun.i + 1: min(noun.i + _PHRASE_REACH, noun.sent.end)]:
        if token.pos_ in {"VERB", "AUX"}:
            return []
        ent = ent_of.get(token.i)
        if ent is not None and ent.label_ == "Person":
            return []  # "la Française *A*, ex-cadre de X": the demonym describes the person
        if ent is not None and ent.label_ == "Organization":
            edge = noun.right_edge.i
            after_comma = ent.start == edge + 2 and noun.doc[edge + 1].text == ","  # parsed apart, written apart
            # "les firmes canadiennes *A* et B": parsed apart, written right after the phrase
            adjacent = ent.start == edge + 1
            return [ent] if noun.is_ancestor(ent.root) or ent.root.is_ancestor(noun) or after_comma or adjacent else []
    return []


def listed_with(ents: list[Span], ent_of: Mapping[int, Span], demonyms: Mapping[str, str]) -> Iterator[Span]:
    """The names and the names listed right after each of them (see the module docstring, 3.)."""
    for ent in ents:
        yield ent
        for member in ent.root.children:  # the parser's next conjunct, where a stray word hides it
            conjunct = ent_of.get(member.i)
            if member.dep_ == "conj" and conjunct is not None and conjunct.label_ == "Organization" \
                    and 0 < conjunct.start - ent.end <= 3 and not _possessor(conjunct) \
                    and not any(t.lower_ in demonyms for t in ent.doc[max(conjunct.start - 3, 0): conjunct.start]):
                yield conjunct
        doc, end = ent.doc, ent.end
        while end < ent.sent.end:
            gap = end
            while gap < ent.sent.end and (doc[gap].text in {",", "&"} or doc[gap].lower_ in {"and", "et"}):
                gap += 1
            following = ent_of.get(gap)
            if gap == end or following is None or following.start != gap or following.label_ != "Organization" \
                    or _possessor(following):
                break  # "Amazon and *Google's* ex-CEO": a possessor is not a member of the list
            yield following
            end = following.end


def _possessor(ent: Span) -> bool:
    """Whether the name is followed by a possessive ("Google's")."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in {"'s", "’s"}


def prefer_described(candidates: list[RelationCandidate]) -> list[RelationCandidate]:
    """The candidates without the ``basedIn`` guesses through a reference ("+coref") on a demonym
    that names its own organisation here: in "X a annoncé un partenariat avec le champion
    français de l'IA, Y", Y is French, and the pattern or the classifier that resolved "le
    champion" to the salient X is wrong. A demonym is the object token of the candidate."""
    described = {c.object_start for c in candidates if c.extractor == EXTRACTOR}
    if not described:
        return candidates
    return [c for c in candidates
            if not (c.predicate == "basedIn" and "+coref" in c.extractor and c.object_start in described)]
