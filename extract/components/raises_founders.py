"""Money raised in a round that a company owns, and every founder of a list after "founded by".

Two constructions that the relation patterns read only in part, because the parser's tree for
them is unreliable (lists of names, appositions of amounts):

* :func:`owned_rounds`: a funding round written with its amount and its owner, "Acme's €20m
  Series A", "its latest round, a $235m Series D", "sa levée de 600 millions d'euros", "Acme's
  seed round was €10m": the owner (a possessive name, or a possessive pronoun read through
  :mod:`..coref`) raised the amount. The amount must hang on the round noun (a modifier, "de"
  complement, apposition or copular attribute), so a valuation ("valued at $2bn") is never read.
  Without a possessive, the subject of a verb that closes or announces the round noun owns it
  ("la jeune pousse a bouclé sa levée de fonds de 20 M€", "Acme, which closed a $5m round"; a
  description the references leave unresolved stands for the organisation the article names first);
* :func:`founding_agents`: "fondée en 2023 par A, B et C", "the startup created by A and B",
  "Fondée par A et B, Acme ...": each person of the list after the agent word founded the
  organisation the participle describes (the name it hangs on, a description read through
  :mod:`..coref`, the name right before it, or the subject of the sentence it opens). The parser
  often breaks such lists (a name read as an apposition of the noun, or as the next clause's
  subject); the list is read on the surface (:func:`.founding_teams.described_people`): names
  joined by commas and "and"/"et", each with a description before or after it ("former Acme
  executive A", "A, chercheuse à l'Inserm, et B"). A participle that opens the sentence describes
  the subject of the clause it modifies, or the name after the list ("..., la start-up Acme").

The cue words are data (``word_lists`` ``round_amount_words``, ``funding_nouns``,
``round_noun_complements``, ``round_owner_verbs``, ``poss_pronouns``, ``agent_cues`` and the founding
verbs of ``verbs`` in ``data/lexicon.json``).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate
from .founding_teams import described_people, short_name, short_names

__all__ = ["FOUNDERS", "ROUNDS", "founding_agents", "owned_rounds", "raises_and_founders"]

ROUNDS = "pattern:owned-round"
FOUNDERS = "pattern:founded-by-list"
_CONFIDENCE = 0.75
#: Dependencies by which an amount hangs on the noun it measures ("$20m round", "levée de 20 M€").
_AMOUNT_DEPS = frozenset({"compound", "nummod", "amod", "nmod", "quantmod", "npadvmod", "appos", "obj", "pobj"})
_COPULAS = frozenset({"be", "être"})
#: Tokens between a founding participle and its agent word ("fondée *en 2023* par").
_AGENT_GAP = 5


def raises_and_founders(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str
) -> list[RelationCandidate]:
    """Both constructions of this module, for the relation finder."""
    return owned_rounds(doc, ent_of, refs, lexicon, lang) + founding_agents(doc, ent_of, refs, lexicon, lang)


def _organisation(index: int, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]) -> tuple[Span | None, bool]:
    """The organisation a token names (itself) or refers to (through a reference), and whether by reference."""
    ent = ent_of.get(index)
    if ent is not None:
        return (ent, False) if ent.label_ == "Organization" else (None, False)
    ref = refs.get(index)
    if ref is not None:
        for candidate in ref.candidates:
            if candidate.label_ == "Organization":
                return candidate, True
    return None, False


# -- owned rounds -----------------------------------------------------------------------------


def _round_noun(amount: Span, rounds: frozenset[str], complements: frozenset[str] = frozenset()) -> Token | None:
    """The round noun an amount measures, if the amount hangs on one (through a complement of the
    round noun in ``complements``: "une levée *de fonds* de 20 M€")."""
    root = amount.root
    if root.dep_ == "attr" and root.head.lemma_ in _COPULAS:  # "Acme's seed round was €10m"
        for child in root.head.children:
            if child.dep_.startswith("nsubj") and _is_round(child, rounds):
                return child
        return None
    token = root
    for _ in range(2):
        if token.dep_ not in _AMOUNT_DEPS or token.head.i == token.i:
            return None
        token = token.head
        if _is_round(token, rounds):
            return token
        if token.lower_ in complements and token.dep_ in _AMOUNT_DEPS and _is_round(token.head, rounds):
            return token.head
        if token.pos_ not in {"ADP"}:
            return None
    return None


def _is_round(token: Token, rounds: frozenset[str]) -> bool:
    """ "round", "levée", "Series *D*" (a stage letter whose compound is a round word)."""
    if token.lower_ in rounds:
        return True
    return any(c.dep_ == "compound" and c.lower_ in rounds for c in token.children)


def _owner(noun: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
           possessives: frozenset[str], rounds: frozenset[str]) -> tuple[Span | None, bool]:
    """The organisation that owns a round noun or the round noun it is in apposition to."""
    nouns = [noun]
    if noun.dep_ == "appos":  # "its latest round, *a $235m Series D*"
        nouns.append(noun.head)
    # "its latest round, *a $235m Series D*" when the parser did not make the two one phrase
    doc = noun.doc
    j = noun.left_edge.i - 1
    if j > 0 and doc[j].text == "," and doc[j - 1].pos_ == "NOUN" and _is_round(doc[j - 1], rounds):
        nouns.append(doc[j - 1])
    for word in nouns:
        for child in word.children:
            if child.i >= word.i:
                continue
            if child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in possessives):
                return _organisation(_name_start(child, ent_of), ent_of, refs)
    return None, False


def _announcer(noun: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
               verbs: frozenset[str], nouns: frozenset[str]) -> tuple[Span | None, bool]:
    """The organisation that closes or announces a round noun it is the object of: the subject of
    ``verbs`` ("La start-up a bouclé une levée de 20 M€", "Acme has secured a $5m round"; a
    relative pronoun stands for the noun its clause describes, "Acme, which closed a $5m round")."""
    while noun.dep_ == "compound" and noun.head.i != noun.i:  # "a $5m *funding* round"
        noun = noun.head
    verb = noun.head
    if noun.dep_ not in {"obj", "dobj"} or verb.lemma_.lower() not in verbs:
        return None, False
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"}:
            if child.tag_ in {"WDT", "WP"} or (child.pos_ == "PRON" and child.lower_ in {"qui", "which", "that"}):
                if verb.dep_ not in {"relcl", "acl:relcl"}:
                    return None, False
                child = verb.head
            owner, referred = _organisation(_name_start(child, ent_of), ent_of, refs)
            if owner is None and child.i not in refs:
                owner, referred = _description_named(child, ent_of, nouns), True
            return owner, referred
    return None, False


def _description_named(noun: Token, ent_of: Mapping[int, Span], nouns: frozenset[str]) -> Span | None:
    """The organisation a description subject names ("la pépite parisienne *Zorbi*") or, when the
    references found none ("la pépite parisienne a annoncé ..."), the one the article names first."""
    if noun.lower_ not in nouns:
        return None
    for child in noun.children:
        ent = ent_of.get(child.i)
        if ent is not None and child.dep_ in {"appos", "flat:name", "compound", "nmod"}:
            return ent if ent.label_ == "Organization" else None
    if not any(c.dep_ == "det" for c in noun.children):
        return None
    return next((ent for ent in noun.doc.ents if ent.label_ == "Organization"), None)


def _name_start(token: Token, ent_of: Mapping[int, Span]) -> int:
    ent = ent_of.get(token.i)
    return ent.start if ent is not None else token.i


def owned_rounds(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str
) -> list[RelationCandidate]:
    """``raised`` from a round noun that carries its amount and its owner."""
    rounds = lexicon.words_of(lang, "round_amount_words", "funding_nouns")
    possessives = lexicon.words_of(lang, "poss_pronouns")
    complements = lexicon.words_of(lang, "round_noun_complements")
    announcers = lexicon.words_of(lang, "round_owner_verbs")
    descriptions = frozenset(lexicon.reference_nouns.get("Organization", {}).get(lang, []))
    owned: dict[int, tuple[Span, bool]] = {}
    amounts = [ent for ent in doc.ents if ent.label_ == "MonetaryAmount"]
    for amount in amounts:
        noun = _round_noun(amount, rounds, complements)
        if noun is None:
            continue
        owner, referred = _owner(noun, ent_of, refs, possessives, rounds)
        if owner is None:
            owner, referred = _announcer(noun, ent_of, refs, announcers, descriptions)
        if owner is not None:
            owned[amount.start] = (owner, referred)
    # "€100m *of* Acme's €102.5m Series A": a share of an owned round is money the owner raised
    for amount in amounts:
        if amount.start in owned or amount.end >= len(doc) or doc[amount.end].lower_ not in {"of", "de", "du"}:
            continue
        for i in range(amount.end + 1, min(amount.sent.end, amount.end + 5)):
            if i in owned:
                owned[amount.start] = owned[i]
                break
    out: list[RelationCandidate] = []
    for amount in amounts:
        if amount.start not in owned:
            continue
        owner, referred = owned[amount.start]
        sent = amount.sent
        out.append(RelationCandidate(
            owner.start, owner.end, "raised", amount.start, amount.end, sent.start, sent.end,
            ROUNDS + ("+coref" if referred else ""), _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0), "", "",
        ))
    return out


# -- founders listed after "founded by" ----------------------------------------------------------


def _described(verb: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
               people: list[Span], list_end: int, markers: tuple[frozenset[str], frozenset[str]]
               ) -> tuple[Span | None, bool]:
    """The organisation a founding participle describes."""
    doc = verb.doc
    sent = verb.sent
    if verb.dep_ in {"acl", "amod", "relcl", "acl:relcl"}:  # the noun it hangs on
        owner, referred = _organisation(verb.head.i, ent_of, refs)
        if owner is not None:
            return owner, referred
    for child in verb.children:  # "Acme a été cofondée par", read as one clause
        if child.dep_ in {"nsubj:pass", "nsubjpass"}:
            owner, referred = _organisation(_name_start(child, ent_of), ent_of, refs)
            if owner is not None:
                return owner, referred
    # "Acme, la start-up lancée par": the name right before, past a comma and a short description
    # (and past the participle's own auxiliaries, in a sentence the parser cut after the name)
    start = _clause_start(verb)
    i = verb.i - 1
    while i >= start and verb.i - i <= 4 and i not in ent_of:
        if doc[i].pos_ in {"VERB", "AUX"} and not (doc[i].head.i == verb.i and doc[i].dep_.startswith("aux")):
            break
        owner, referred = _organisation(i, ent_of, refs)
        if owner is not None:
            return owner, referred
        i -= 1
    if i >= start and i in ent_of and ent_of[i].label_ == "Organization":
        return ent_of[i], False
    # "Fondée en 2023 par A et B, Acme ...": the participle opens the sentence; the owner is the
    # subject of the clause it modifies, or the name that follows the list
    if verb.i - sent.start <= 1 and people:
        if verb.dep_ == "advcl" and verb.head.i > list_end:
            for child in verb.head.children:
                if child.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"} and child.i > list_end:
                    owner, referred = _organisation(_name_start(child, ent_of), ent_of, refs)
                    if owner is None and child.i not in ent_of:  # the name repeated, missed by the tagger
                        owner, referred = short_name(doc, child.i, short_names(doc, *markers), "Organization"), True
                    if owner is not None:
                        return owner, referred
        j = list_end + 1
        if j - 1 < sent.end and doc[j - 1].text == ",":
            while j < min(sent.end, list_end + 6) and j not in ent_of and (doc[j].is_lower or doc[j].text == "-") \
                    and doc[j].pos_ not in {"VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ"}:
                j += 1  # ", *la start-up* Acme"
            ent = ent_of.get(j)
            if ent is not None and ent.label_ == "Organization":
                return ent, False
    return None, False


def _clause_start(verb: Token) -> int:
    """Where the participle's sentence starts, or the sentence before when the parser cut a clause
    in two ("la start-up Acme | a été cofondée par": the second part opens with an auxiliary)."""
    sent = verb.sent
    doc = verb.doc
    first = doc[sent.start]
    if sent.start > 0 and first.head.i == verb.i and first.dep_.startswith("aux") \
            and not doc[sent.start - 1].is_punct:
        return doc[sent.start - 1].sent.start
    return sent.start


def founding_agents(
    doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference], lexicon: Lexicon, lang: str
) -> list[RelationCandidate]:
    """``founded`` for every person listed after a founding participle and its agent word."""
    verbs = lexicon.verbs.get(lang, {})
    cues = lexicon.words_of(lang, "agent_cues")
    out: list[RelationCandidate] = []
    for verb in cue_tokens(doc, frozenset(word for word, predicates in verbs.items() if "founded" in predicates)):
        # the lexicon look-up first: reading a token's morphology is the costly test
        if "founded" not in verbs.get(verb.lemma_.lower(), verbs.get(verb.lower_, [])):
            continue
        if verb.tag_ != "VBN" and "Part" not in verb.morph.get("VerbForm", []):
            continue
        agent = next((t for t in doc[verb.i + 1 : min(verb.sent.end, verb.i + 2 + _AGENT_GAP)]
                      if t.lower_ in cues), None)
        if agent is None or any(t.is_punct for t in doc[verb.i + 1 : agent.i]):
            continue
        people, list_end = described_people(doc, agent.i + 1, ent_of, lexicon)
        if not people:
            continue
        owner, referred = _described(verb, ent_of, refs, people, list_end,
                                     (lexicon.org_suffixes, lexicon.words("hedge_words", lang)))
        if owner is None:
            continue
        sent = verb.sent
        for person in people:
            out.append(RelationCandidate(
                person.start, person.end, "founded", owner.start, owner.end, sent.start, sent.end,
                FOUNDERS + ("+coref" if referred else ""),
                _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0), "", "",
            ))
    return out
