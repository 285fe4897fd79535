"""A document's other rounds and the company its investors' nouns name (pure, token level).

Two constructions of funding news that the patterns and :mod:`.raises_founders` read wrong or
not at all, both about *which company* a round or its investors belong to:

* :func:`earlier_rounds`: an article about a company's latest round often tells its earlier ones
  with no verb that has the company as subject: "Acme's journey began with a $30m seed round, led
  by A", "This was followed by a Series A round, raising $200m from B and C". An amount that hangs
  on a round noun (or that a subjectless "raising"/"levant" takes) raised money for the owner of
  the clause's subject ("*Acme's* journey began with ...", through "with"/"by"/"avec"/"par"
  only: "Beta's fund took part in a $30m round" owns nothing), else, when the clause's subject is
  a pronoun that points back ("This", "Celle-ci") or there is none and the sentence names no
  organisation before the round, for the company whose raise the previous sentences of the
  paragraph told (through :mod:`..coref`'s discount). :mod:`..rounds` then reads each round's
  investors from its own sentence.
* :func:`named_raisers`: the round patterns whose object is the raiser of the round (the subject
  of the clause above, else a reference guessed from salience) read "Acme said the first equity
  funders *in the Zorbi venture* are A, B" or "the first equity funders *in
  the Zorbi venture* are A, B" or "investors who took part in the round of funding *for Zorbi*
  included A" as investments in the subject above (Acme) or whatever it refers to. When the investor or round
  noun's own complement ("in", "for", "of", "dans", "de") names an organisation, that
  organisation raised the round; when it names one the document does not type as an
  organisation (a short name), the guess is dropped and :mod:`..rounds` reads the sentence by the
  name.
* :func:`investors_named`: the investor side, "A invested $40m in Zorbi", "A agreed to invest
  $2bn in Zorbi", "A and B have poured $30m into Zorbi", "A et B ont injecté 30 M€ dans Zorbi",
  "A a pris une participation (minoritaire) dans / au capital de Zorbi", "A is also a shareholder
  in Zorbi": the subject of an investing verb (or of the verb it completes, "agreed to"), with the
  names listed with it, invests in the organisation after "in"/"into"/"dans"/"au capital de" in
  the verb's clause; a stake noun ("stake", "participation", "shareholder") counts as the verb
  when it is taken, held or predicated. The organisation must head its phrase ("invest in *Acme*
  chips" is a purchase, not an investment). A relative pronoun subject stands for its noun, or
  for the subject placed among it ("A and B are among the investors that invested ..."); the sum
  the verb takes ("invested $40m in Zorbi") was raised by the recipient. A negated verb or stake
  ("will not acquire any stake in Zorbi") gives nothing.

* :func:`backing_received`: the recipient side, "Zorbi has received backing from investors
  including A, B and C", "Zorbi a obtenu un financement de A et B": the subject of a receiving
  verb whose object is a backing noun invests nothing; the organisations named under the
  noun's (or the verb's) "from"/"de" invest in it. A subjectless receiving verb shares the subject
  of the verb it hangs on ("Zorbi closed its offices before securing an investment from A"), and
  a common-noun subject stands for the name apposed to it ("the firm Zorbi").

Investors named by nouns apart from any round ("A, l'un des premiers investisseurs de Zorbi",
"Zorbi's investors include A", "A's portfolio includes Zorbi") are read by :mod:`.investor_nouns`.

The cue words are data (``word_lists`` ``investor_nouns``, ``funding_nouns``,
``round_amount_words``, ``round_owner_preps``, ``round_joining_preps``, ``round_raising_verbs``,
``back_pronouns``, ``investing_verbs``, ``stake_nouns``, ``stake_verbs``, ``recipient_preps``,
``receiving_verbs``, ``backing_nouns``, ``backer_preps`` in
``data/lexicon.json``).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference
from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .backing_frames import backing_frames
from .extensions import RelationCandidate
from .investor_nouns import investor_nouns
from .raises_founders import _round_noun
from .round_frames import round_frames

__all__ = ["BACKED", "EARLIER", "INVESTED", "INVESTOR", "backing_received", "earlier_rounds", "investors_named",
           "named_raisers", "round_investors"]

EARLIER = "pattern:earlier-round"
INVESTOR = "pattern:investor-verb"
INVESTED = "pattern:investor-verb-amount"
BACKED = "pattern:backing-received"
#: Tokens after the investing verb within which the recipient's preposition must come.
_RECIPIENT_REACH = 10
#: Tokens after the preposition within which the recipient's name must begin ("dans la jeune
#: start-up parisienne Zorbi").
_NAME_REACH = 6
_CONFIDENCE = 0.7
_ORG = "Organization"
_AMOUNT = "MonetaryAmount"
#: The patterns whose ``investsIn`` object is the raiser above the round or investor noun.
_RAISER_PATTERNS = frozenset({"dep:round-led-by", "dep:round-led-by-acl", "dep:investors-include",
                              "pattern:round-led-by", "pattern:investors-led-by", "pattern:among-backers"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_POSS_DEPS = frozenset({"poss", "nmod:poss"})
#: Words that deny an investing verb or a stake noun they hang on.
_NEGATIONS = frozenset({"not", "n't", "never", "no", "pas", "jamais", "aucune", "aucun", "ni"})
#: Relative pronouns that stand for an investing verb's subject ("the investors *that* invested").
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "qui"})
#: Prepositions that place a subject among a group ("among the investors", "parmi les fonds").
_GROUP_PREPS = frozenset({"among", "amongst", "parmi"})
#: Sentences back that a pointing pronoun ("This was followed by ...") may reach for a raise.
_BACK = 2


def round_investors(doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span],
                    refs: Mapping[int, Reference], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """Both constructions of this module, for the relation finder: ``candidates`` with the raisers
    named by a noun's complement put right, and the earlier rounds added; then the constructions of
    :mod:`.round_frames` (misreadings dropped, rounds of unseen news added)."""
    out = named_raisers(doc, candidates, ent_of, lexicon, lang)
    earlier = earlier_rounds(doc, out, ent_of, refs, lexicon, lang)
    found = (_owned_by_earlier(out, earlier) + earlier + investors_named(doc, ent_of, refs, lexicon, lang)
             + backing_received(doc, ent_of, refs, lexicon, lang) + backing_frames(doc, ent_of, refs, lexicon, lang)
             + investor_nouns(doc, ent_of, lexicon, lang))
    return round_frames(doc, found, ent_of, lexicon, lang)


def _owned_by_earlier(candidates: list[RelationCandidate], earlier: list[RelationCandidate]) -> list[RelationCandidate]:
    """The round patterns' raiser guessed through a reference, in a sentence whose round this module
    gave an owner ("Beta's journey began with a $20m round led by A", after a paragraph on Acme): A
    invests in that owner, not in the guess."""
    owners = {c.sentence_start: c for c in earlier if "+coref" not in c.extractor}
    if not owners:
        return candidates
    out = []
    for c in candidates:
        owner = owners.get(c.sentence_start)
        if owner is not None and c.predicate == "investsIn" and "+coref" in c.extractor \
                and c.extractor.split("+", 1)[0] in _RAISER_PATTERNS:
            c = c._replace(object_start=owner.subject_start, object_end=owner.subject_end,
                           extractor=c.extractor.replace("+coref", "") + "+owner",
                           confidence=c.confidence / REFERENCE_DISCOUNT)
        out.append(c)
    return out


# -- earlier rounds -----------------------------------------------------------------------------


def earlier_rounds(doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span],
                   refs: Mapping[int, Reference], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``raised`` for the amounts of rounds told with no owner (see the module docstring)."""
    amounts = [ent for ent in doc.ents if ent.label_ == "MonetaryAmount"]
    if not amounts:
        return []
    raised = {c.object_start for c in candidates if c.predicate == "raised"}
    raisers = sorted((c.sentence_start, c.subject_start, c.subject_end) for c in candidates
                     if c.predicate == "raised" and c.subject_start >= 0)
    rounds = lexicon.words_of(lang, "round_amount_words", "funding_nouns")
    complements = lexicon.words_of(lang, "round_noun_complements")
    joining = lexicon.words_of(lang, "round_joining_preps")
    raising = lexicon.words_of(lang, "round_raising_verbs")
    back = lexicon.words_of(lang, "back_pronouns")
    out: list[RelationCandidate] = []
    for amount in amounts:
        if amount.start in raised:
            continue
        clause = _clause(amount, rounds, complements, joining, raising)
        if clause is None:
            continue
        verb, noun = clause
        owner, referred = _possessed_subject(verb, ent_of, refs, lexicon, lang)
        if owner is None and _points_back(verb, noun, back, ent_of):
            owner = _previous_raiser(doc, amount.sent, raisers)
            referred = True
        if owner is None:
            continue
        sent = amount.sent
        out.append(RelationCandidate(
            owner.start, owner.end, "raised", amount.start, amount.end, sent.start, sent.end,
            EARLIER + ("+coref" if referred else ""), _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0), "", "",
        ))
        raised.add(amount.start)
        raisers.append((sent.start, owner.start, owner.end))  # sorted still: amounts come in order
    return out


def _clause(amount: Span, rounds: frozenset[str], complements: frozenset[str], joining: frozenset[str],
            raising: frozenset[str]) -> tuple[Token, Token] | None:
    """The verb whose clause tells the round an amount measures, and the round noun: a round noun
    that carries the amount and joins its verb through ``joining`` ("began *with* a $30m round",
    "was followed *by* a round"), or a subjectless ``raising`` participle that takes the amount
    and hangs on such a clause ("..., raising $200m")."""
    root = amount.root
    noun = _round_noun(amount, rounds, complements)
    if noun is not None:
        while noun.dep_ == "compound" and noun.head.i != noun.i:
            noun = noun.head
        prep = noun.head
        if noun.dep_ in {"pobj", "obl", "nmod"} and prep.lower_ in joining and prep.head.pos_ in {"VERB", "AUX"}:
            return prep.head, noun  # "began with", spaCy English: the preposition heads the noun
        case = next((c for c in noun.children if c.dep_ == "case" and c.lower_ in joining), None)
        if case is not None and noun.head.pos_ in {"VERB", "AUX"}:
            return noun.head, noun  # French: "commencé par une levée"
        return None
    verb = root.head
    if root.dep_ not in {"dobj", "obj"} or verb.lemma_.lower() not in raising:
        return None
    if verb.tag_ not in {"VBG", "VPP", "VPR"} and not {"Ger", "Part"} & set(verb.morph.get("VerbForm", [])):
        return None
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children) or verb.head.i == verb.i:
        return None
    head = verb.head
    noun = next((t for t in head.subtree if t.i < verb.i and t.lower_ in rounds), None)
    return (head, noun) if noun is not None else None


def _possessed_subject(verb: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                       lexicon: Lexicon, lang: str) -> tuple[Span | None, bool]:
    """The organisation that owns the clause's subject: "*Acme's* journey", "l'aventure *d'Acme*"
    (the subject itself is no owner: "Beta began with a $30m round" is read by the patterns)."""
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None or subject.i in ent_of or subject.lower_ in lexicon.words("investor_nouns", lang):
        return None, False
    for child in subject.children:
        owner = ent_of.get(child.i)
        if child.dep_ in _POSS_DEPS or (child.dep_ in {"nmod", "prep"} and child.i > subject.i):
            if owner is None and child.dep_ == "prep":
                owner = next((ent_of[t.i] for t in child.children if t.i in ent_of), None)
            if owner is not None:
                return (owner, False) if owner.label_ == _ORG else (None, False)
            ref = refs.get(child.i)
            if ref is not None and child.dep_ in _POSS_DEPS:
                found = next((c for c in ref.candidates if c.label_ == _ORG), None)
                return found, found is not None
    return None, False


def _points_back(verb: Token, noun: Token, back: frozenset[str], ent_of: Mapping[int, Span]) -> bool:
    """Whether the clause's subject points back to a round told before ("*This* was followed by",
    "*Celle-ci* a été suivie par") or is missing, with no organisation named before the round noun."""
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ not in back:
        return False
    return not any(i in ent_of and ent_of[i].label_ == _ORG for i in range(verb.sent.start, noun.i))


def _previous_raiser(doc: Doc, sent: Span, raisers: list[tuple[int, int, int]]) -> Span | None:
    """The organisation whose raise one of the ``_BACK`` sentences before ``sent`` told."""
    first = sent.start
    for _ in range(_BACK):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    found = [r for r in raisers if first <= r[0] < sent.start]
    if not found:
        return None
    _, start, end = found[-1]
    return doc[start:end]


# -- raisers named by the noun's complement -----------------------------------------------------


def named_raisers(doc: Doc, candidates: list[RelationCandidate], ent_of: Mapping[int, Span],
                  lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``candidates`` with the raiser of a round pattern read through a reference replaced by the
    organisation that the round or investor noun's complement names (see the module docstring)."""
    guessed = [c for c in candidates if c.predicate == "investsIn" and c.extractor.split("+", 1)[0] in _RAISER_PATTERNS]
    if not guessed:
        return candidates
    nouns = lexicon.words_of(lang, "investor_nouns", "funding_nouns", "round_amount_words")
    preps = lexicon.words_of(lang, "round_owner_preps")
    out: list[RelationCandidate] = []
    for candidate in candidates:
        if candidate not in guessed:
            out.append(candidate)
            continue
        named = _complement_owner(doc, candidate, nouns, preps, ent_of)
        if named is None:
            out.append(candidate)
        elif isinstance(named, Span) and (named.start, named.end) != (candidate.subject_start, candidate.subject_end):
            referred = "+coref" in candidate.extractor
            out.append(candidate._replace(
                object_start=named.start, object_end=named.end,
                extractor=candidate.extractor.replace("+coref", "") + "+named",
                confidence=candidate.confidence / REFERENCE_DISCOUNT if referred else candidate.confidence))
    return out


def _complement_owner(doc: Doc, candidate: RelationCandidate, nouns: frozenset[str], preps: frozenset[str],
                      ent_of: Mapping[int, Span]) -> Span | bool | None:
    """The organisation the owner or the complement of a round or investor noun before the
    candidate's subject names ("*Zorbi*'s backers", "funders *in the Zorbi venture*", "the round of
    funding *for Zorbi*", by its name elsewhere when the tagger missed it here); ``False`` for a
    capitalised name there that is no organisation the document knows; ``None`` for no name."""
    for noun in doc[candidate.sentence_start:candidate.subject_start]:
        if noun.lower_ not in nouns or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        owner = next((ent_of[c.i] for c in noun.children if c.dep_ == "poss" and c.i in ent_of), None)
        if owner is not None:  # "*Zorbi*’s backers include A and B"
            return owner if owner.label_ == _ORG else None
        for prep in noun.subtree:
            if prep.i >= candidate.subject_start or prep.lower_ not in preps or prep.head.lower_ not in nouns:
                continue
            phrase = [t for t in prep.subtree if t.i > prep.i and t.i < candidate.subject_start]
            for token in phrase:
                ent = ent_of.get(token.i)
                if ent is not None:
                    return ent if ent.label_ == _ORG else None
            name = " ".join(t.text for t in phrase if t.pos_ == "PROPN" and t.text[:1].isupper())
            if name:
                return _organisation_named(doc, name)
    return None


def _organisation_named(doc: Doc, name: str) -> Span | bool:
    """The organisation of the document that ``name`` (a name the tagger missed here) names: by its
    label, or its label's first word ("Scale" for "Scale AI"); ``False`` when none or several do."""
    found = {ent.text: ent for ent in doc.ents if ent.label_ == _ORG
             and (ent.text == name or (len(name) > 3 and ent.text.split()[0] == name))}
    return next(iter(found.values())) if len(found) == 1 else False


# -- the investor side ----------------------------------------------------------------------------


def investors_named(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                    lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from an investing verb or a stake noun with its recipient (module docstring)."""
    verbs = lexicon.words_of(lang, "investing_verbs")
    stakes = lexicon.words_of(lang, "stake_nouns")
    holding = lexicon.words_of(lang, "stake_verbs")
    preps = lexicon.words_of(lang, "recipient_preps")
    describing = frozenset(lexicon.reference_nouns.get(_ORG, {}).get(lang, [])) | {"up"}
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, stakes | verbs):
        if token.lower_ in stakes:
            verb = token.head
            if token.dep_ not in {"obj", "dobj", "attr", "nsubj"} or verb.lemma_.lower() not in holding:
                continue
            if token.dep_ == "nsubj":  # French copula: "Acme est actionnaire de": the noun is the root
                continue
        elif token.lemma_.lower() in verbs and token.pos_ in {"VERB", "AUX"}:
            verb = token
        else:
            continue
        if _negated(verb) or _negated(token):
            continue  # "A will take no stake in Zorbi", "A n'a pas investi dans Zorbi"
        recipient = _recipient(doc, token, preps, ent_of, describing)
        if recipient is None:
            continue
        sent = token.sent
        if verb is token:
            out.extend(RelationCandidate(recipient.start, recipient.end, "raised", amount.start, amount.end,
                                         sent.start, sent.end, INVESTED, _CONFIDENCE, "", "")
                       for amount in _invested_amounts(verb, ent_of))
        for investor, referred in _investors(verb, ent_of, refs):
            if (investor.start, investor.end) == (recipient.start, recipient.end):
                continue
            out.append(RelationCandidate(
                investor.start, investor.end, "investsIn", recipient.start, recipient.end, sent.start, sent.end,
                INVESTOR + ("+coref" if referred else ""), _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0),
                "", ""))
    return out


def _recipient(doc: Doc, token: Token, preps: frozenset[str], ent_of: Mapping[int, Span],
               describing: frozenset[str]) -> Span | None:
    """The organisation after the recipient's preposition in the clause of ``token``: it must head
    its phrase (no noun after it, "in *Nvidia* chips") and only an article, adjectives and a noun
    that describes an organisation may stand before it ("dans la start-up Zorbi", not "dans des
    puces Nvidia"), whatever the tagger made of that noun ("AI startup Zorbi this year" reads
    "startup" as a verb), with a noun that modifies it ("robotics startup Zorbi")."""
    end = min(token.sent.end, token.i + _RECIPIENT_REACH)
    for i in range(token.i + 1, end):
        word = doc[i]
        if word.text in {",", ";", ".", ":"} or (word.pos_ == "VERB" and word.i != token.i):
            return None
        if word.lower_ not in preps:
            continue
        for j in range(i + 1, min(token.sent.end, i + 1 + _NAME_REACH)):
            ent = ent_of.get(j)
            if ent is not None:
                after = doc[ent.end] if ent.end < len(doc) else None
                if ent.label_ != _ORG or (after is not None and after.pos_ in {"NOUN", "PROPN"}):
                    return None
                return ent
            word = doc[j]
            described = word.pos_ in {"DET", "ADJ", "PUNCT", "ADP", "X"} \
                or word.lower_ in describing \
                or (word.pos_ == "NOUN" and j + 1 < token.sent.end and doc[j + 1].lower_ in describing) \
                or (word.pos_ == "PROPN" and not word.is_title)  # "la start-up": "-" read as a name
            if word.text in {",", ";"} or not described:
                return None
        return None
    return None


def _investors(verb: Token, ent_of: Mapping[int, Span], refs: Mapping[int, Reference]) -> list[tuple[Span, bool]]:
    """The subject of the investing verb (or of the verb it completes: "agreed *to invest*") and the
    names listed with it ("A and B have poured", "A et B ont injecté", which the parser may read as
    an apposition or a root); a reference ("the fund", "il") through :mod:`..coref`."""
    doc = verb.doc
    clause = verb
    while clause.dep_ == "xcomp" and not any(c.dep_ in _SUBJECT_DEPS for c in clause.children) \
            and clause.head.i != clause.i:
        clause = clause.head
    subject = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None:
        return []
    if subject.lower_ in _RELATIVE_PRONOUNS and clause.dep_ in {"relcl", "acl:relcl"}:
        subject = _antecedent(clause.head)
        if subject is None:
            return []
    ent = ent_of.get(subject.i)
    if ent is None:
        ref = refs.get(subject.i)
        found = next((c for c in ref.candidates if c.label_ in {_ORG, "Person"}), None) if ref is not None else None
        return [(found, True)] if found is not None else []
    if ent.label_ not in {_ORG, "Person"}:
        return []
    listed = [ent]
    i = ent.start - 1
    while i > verb.sent.start and doc[i].lower_ in {",", "and", "et", "&"}:  # "A, B et C ont injecté"
        before = ent_of.get(i - 1)
        if before is None or before.label_ not in {_ORG, "Person"}:
            break
        listed.insert(0, before)
        i = before.start - 1
    for child in subject.subtree:  # "A and B have poured": the conjuncts the parser found
        other = ent_of.get(child.i)
        if child.dep_ == "conj" and other is not None and other.label_ in {_ORG, "Person"} and other not in listed:
            listed.append(other)
    return [(span, False) for span in listed]


def _negated(token: Token) -> bool:
    """Whether a negation hangs on ``token`` ("will *not* acquire", "*no* stake", "n'a *pas* investi")."""
    return any(c.lower_ in _NEGATIONS for c in token.children)


def _invested_amounts(verb: Token, ent_of: Mapping[int, Span]) -> list[Span]:
    """The sums an investing verb takes as its object, with one restated in parentheses ("invested
    2.5 billion yuan ($350 million) in Zorbi"): the recipient raised them, whatever the parser made
    of the words between the sum and the recipient's name."""
    found: list[Span] = []
    for child in verb.children:
        if child.dep_ not in {"dobj", "obj"}:
            continue
        for token in child.subtree:
            ent = ent_of.get(token.i)
            if ent is not None and ent.label_ == _AMOUNT and ent not in found:
                found.append(ent)
    return found


def _antecedent(noun: Token) -> Token | None:
    """What a relative pronoun subject of an investing verb stands for: its noun, or, when the noun
    is a group the clause's subject is placed among ("A and B are *among the investors* that
    invested ...", "A fait partie des fonds qui ont investi ..."), that subject."""
    if noun.dep_ in {"pobj", "obl", "nmod"}:
        prep = noun.head if noun.dep_ == "pobj" else noun
        verb = prep.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ == "pobj" and prep.lower_ not in _GROUP_PREPS:
            return noun
        if noun.dep_ != "pobj" and not any(c.dep_ == "case" and c.lower_ in _GROUP_PREPS for c in noun.children):
            return noun
        return next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), noun)
    return noun


def backing_received(doc: Doc, ent_of: Mapping[int, Span], refs: Mapping[int, Reference],
                     lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from a receiving verb with a backing noun (module docstring): the organisations
    under the noun's or the verb's "from" back the verb's subject (an organisation, or what a
    reference to one points to)."""
    verbs = lexicon.words_of(lang, "receiving_verbs")
    nouns = lexicon.words_of(lang, "backing_nouns")
    preps = lexicon.words_of(lang, "backer_preps")
    investor_nouns = lexicon.words_of(lang, "investor_nouns")
    out: list[RelationCandidate] = []
    for noun in cue_tokens(doc, nouns):
        if (noun.lemma_.lower() not in nouns and noun.lower_ not in nouns) or noun.dep_ not in {"obj", "dobj"}:
            continue
        verb = noun.head  # (made only for a backing noun: each read of a head makes a Token)
        if verb.lemma_.lower() not in verbs:
            continue
        subject = _governing_subject(verb)
        if subject is None:
            continue
        recipient, referred = ent_of.get(subject.i), False
        if recipient is None:  # "Emirati firm Zorbi ... before securing": the name apposed to the subject
            recipient = next((ent_of[c.i] for c in subject.children if c.dep_ == "appos" and c.i in ent_of), None)
        if recipient is None and (ref := refs.get(subject.i)) is not None:
            recipient = next((c for c in ref.candidates if c.label_ == _ORG), None)
            referred = True
        if recipient is None or recipient.label_ != _ORG:
            continue
        sources = [c for head in (noun, verb) for c in head.children if c.dep_ in {"prep", "case", "nmod", "obl"}
                   and (c.lower_ in preps or any(g.dep_ == "case" and g.lower_ in preps for g in c.children))]
        if sources:  # "capital from A as well as new *investors* B and C": the investors joined to the noun
            sources += [c for c in noun.children if c.dep_ == "conj" and c.lower_ in investor_nouns]
        seen: set[int] = set()
        for source in sources:
            for token in source.subtree:
                investor = ent_of.get(token.i)
                if investor is None or investor.label_ != _ORG or investor.start in seen \
                        or (investor.start, investor.end) == (recipient.start, recipient.end):
                    continue
                seen.add(investor.start)
                sent = noun.sent
                out.append(RelationCandidate(
                    investor.start, investor.end, "investsIn", recipient.start, recipient.end, sent.start, sent.end,
                    BACKED + ("+coref" if referred else ""),
                    _CONFIDENCE * (REFERENCE_DISCOUNT if referred else 1.0), "", ""))
    return out


#: Dependencies by which a subjectless verb hangs on the verb whose subject it shares ("closed its
#: offices *before securing* ...", "*and secured*").
_SHARING_DEPS = frozenset({"pcomp", "advcl", "xcomp", "conj"})


def _governing_subject(verb: Token) -> Token | None:
    """The subject of ``verb``, else of the verb it hangs on with no subject of its own (a gerund
    after a preposition, an open complement, a conjoined verb), up to three verbs up."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None or verb.dep_ not in _SHARING_DEPS:
            return subject
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP":
            head = head.head
        if head.i == verb.i or head.pos_ not in {"VERB", "AUX"}:
            return None
        verb = head
    return None
