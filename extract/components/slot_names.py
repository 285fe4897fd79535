"""Names the statistical model never made, found from an organisation's slot in the sentence.

Why: the small models miss unknown company names outright, most of all at the start of a
sentence ("*Orbis*, a robotics company based in Lyon, raised ..." gives no entity at all, so
neither the raise nor the place can be stored). Some slots of the dependency tree only an
organisation fills, and a capitalised word there is its name:

* the head of an apposition whose noun describes an organisation: "*Orbis*, a robotics company",
  "*Tarvosa*, une start-up bordelaise" (``org_descriptors`` and the ``org_nouns``), on the tree or,
  where the parser missed it, on the surface: a name that opens the sentence, a comma, a
  determiner, lower-case words and the noun;
* the subject of a verb that only organisations do (``org_subject_verbs``): "*Veltrix* acquired",
  "*Quellis* a racheté", "*Quarnet* partnered with";
* who receives funding or has investors: the subject of a receiving verb whose object is funding
  or an amount ("*Quorra* has attracted investment"), the owner of investors or of a round
  ("*Quorra*, whose investors include", "Accel led *Velquor*'s round");
* what a backing participle describes and its backers, each member of their list: "*Quorra*,
  backed by ...", "Tarnelle, soutenue par Partech et *Velmora*";
* the subject of a passive only organisations undergo ("*Cardelis* a été rachetée par", "est
  dirigée par": ``org_acquisition_verbs``, ``org_sale_verbs``, ``org_led_participles``), of a deal
  verb with a partnership or acquisition noun as object ("*Cardelis* a signé un partenariat"),
  and the name before a person's role word in lower case or an acronym ("*Velquor* co-founder
  Paul Reed"; not a Title Case title, "*Prime* Minister");
* who appoints a person and what a person runs: "*Velquor* named Julia Marsh as its chief
  executive" (``appoint_verbs``), "Julia Marsh now runs *Velquor*" (``org_led_verbs``; a lone word
  the model typed as a person there is re-typed);
* the of-complement of a noun only organisations have ("le capital de *Cardelis*", "la direction
  de", "la levée de fonds de", ``org_owned_nouns``), what a stake is taken in, and the object of a
  joining verb ("pour rejoindre *Cardelis*");
* a member of a coordination of organisations that is in no entity: "investors such as *Qortal*,
  Mirae Asset and Thomvest Ventures" (a member typed otherwise makes it no such list);
* the object of an acquisition verb in the active voice (``org_acquisition_verbs``), of an
  acquisition noun (``acquisition_nouns`` + of / de: "le rachat de *X*") and of an investing
  verb's "in" / "dans" (``investing_verbs``: "invested in *X*").

The name is the slot's word with its contiguous capitalised neighbours in its own subtree (three
words at most), none inside an entity or a span the model labelled with a type the graph does not
keep (a date or a number: "pumped $2bn into X *in March*"). It is no name when a word of it is a
stop word, a number, a single letter ("sa série *F*"), a word the lexicon says is no entity
(``not_entities``, roles and titles, ``weekday_words``, the months of ``dates.py``: "Mardi, une
start-up nantaise ..."), a word written in lower case elsewhere in the document, a
sentence-initial inflected common word in English ("Investors raised concerns": its lemma differs
from its form; French writes no bare plural there, and its lemmatizer cuts the -s of unknown names,
"*Cardelis*"), or a word of a Title Case headline; nor when the slot's word sits inside a longer
capitalised phrase ("*World* Labs": not ours to cut). An unknown name the model typed as a place
or an event in one of these slots is an organisation ("invested in *Trellix*", "poured $30 million
into *Tessellate*"), and so is a one-word person's
name in an object slot that is no word of a person named in full.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IS_LOWER, LOWER
from spacy.tokens import Doc, Span, Token

from ..dates import MONTHS
from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field
from .clauses import takes_funding, verb_subjects
from .model_spans import SPANS_KEY

__all__ = ["SlotWords", "slot_names", "slot_words"]

_SUBJECTS = frozenset({"nsubj"})
_OBJECTS = frozenset({"dobj", "obj"})
_PASSIVE = frozenset({"auxpass", "aux:pass", "nsubjpass", "nsubj:pass"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass"})
_OF = frozenset({"of", "de", "d'", "d’", "du"})
_IN = frozenset({"in", "into", "dans"})
_NAME_POS = frozenset({"PROPN", "NOUN", "VERB", "ADJ", "X"})
_RETYPED = frozenset({"Place", "Event"})
#: The edges from a descriptor noun to the name it announces ("la start-up *Cardelis*").
_NAMED_BY = frozenset({"appos", "nmod", "flat:name", "flat"})
#: The model's labels for what is no name (dates, times, numbers).
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})


@dataclass(frozen=True)
class SlotWords:
    """The cue words of each slot (lowercase lemmas, all languages together)."""

    subject_verbs: frozenset[str] = words_field("org_subject_verbs")
    object_verbs: frozenset[str] = words_field("org_acquisition_verbs")
    object_nouns: frozenset[str] = words_field("acquisition_nouns")
    investing_verbs: frozenset[str] = words_field("investing_verbs")
    descriptors: frozenset[str] = frozenset()
    no_names: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = words_field("receiving_verbs")
    funding_nouns: frozenset[str] = words_field("backing_nouns", "funding_nouns")
    investor_nouns: frozenset[str] = words_field("investor_nouns")
    relative_possessives: frozenset[str] = words_field("relative_possessives")
    backing_participles: frozenset[str] = words_field("backing_participles")
    passive_org_verbs: frozenset[str] = words_field("org_acquisition_verbs", "org_sale_verbs", "org_led_participles")
    deal_verbs: frozenset[str] = words_field("deal_owner_verbs")
    deal_nouns: frozenset[str] = words_field("partnership_nouns", "acquisition_nouns")
    owned_nouns: frozenset[str] = words_field("org_owned_nouns")
    stake_nouns: frozenset[str] = words_field("stake_nouns")
    appoint_verbs: frozenset[str] = words_field("appoint_verbs")
    led_verbs: frozenset[str] = words_field("org_led_verbs")
    join_verbs: frozenset[str] = words_field("join_verbs")
    #: the role phrases of the lexicon, one word or more ("co-founder", "prime minister")
    role_words: frozenset[str] = frozenset()


def slot_words(lexicon: Lexicon) -> SlotWords:
    """The slot words from ``lexicon`` (the entity stage reads them once, when it is initialised)."""
    roles = frozenset(word for lang in lexicon.roles.values() for phrase in lang for word in phrase.split())
    return lexicon.read_words(
        SlotWords,
        role_words=frozenset(phrase for lang in lexicon.roles.values() for phrase in lang),
        descriptors=lexicon.words("org_descriptors") | frozenset(w for ws in lexicon.org_nouns.values() for w in ws),
        no_names=frozenset(w.lower() for w in lexicon.not_entities) | roles | lexicon.words("weekday_words")
        | frozenset(MONTHS)
        | frozenset(w.lower() for w in lexicon.title_words),
    )


def _passive(verb: Token) -> bool:
    return any(child.dep_ in _PASSIVE for child in verb.children)


def _slots(doc: Doc, words: SlotWords, by_token: dict[int, Span]) -> tuple[list[Token], list[Token]]:
    """The tokens in an organisation's slot (see the module docstring): subjects and appositions'
    heads, then objects. ``by_token``: the entity covering each token, for the slots whose cue is
    another entity's type (a person appointed, an amount received)."""
    labels = {i: ent.label_ for i, ent in by_token.items()}
    slots: list[Token] = []
    for verb in cue_tokens(doc, words.subject_verbs):
        if verb.pos_ in {"VERB", "AUX"} and not _passive(verb):
            slots.extend(verb_subjects(verb, _SUBJECTS))
    slots.extend(_funded(doc, words, labels))
    slots.extend(_passive_and_deal_subjects(doc, words, labels))
    employers, led = _employers(doc, words, labels)
    backed, objects = _backers(doc, words)
    slots.extend(employers + backed)
    for verb in cue_tokens(doc, words.object_verbs):
        if verb.pos_ == "VERB" and not _passive(verb):
            objects.extend(child for child in verb.children if child.dep_ in _OBJECTS)
    for word in cue_tokens(doc, words.investing_verbs | words.object_nouns):
        preps = _IN if word.lemma_.lower() in words.investing_verbs or word.lower_ in words.investing_verbs else _OF
        if word.pos_ not in {"VERB", "NOUN"} or (word.pos_ == "NOUN") != (preps is _OF):
            continue
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                objects.extend(grand for grand in child.children if grand.dep_ == "pobj")
            elif child.dep_ in {"obl", "obl:arg", "obl:mod", "nmod"} and any(
                    c.dep_ == "case" and c.lower_ in preps for c in child.children):
                objects.append(child)
    # "dans la start-up *Cardelis*": the name that a descriptor in the slot announces
    announced = [named for noun in objects if noun.lower_ in words.descriptors for named in noun.children
                 if named.dep_ in _NAMED_BY and named.i > noun.i]
    objects.extend(announced)
    objects.extend(_owned(doc, words))
    objects.extend(led)
    for noun in cue_tokens(doc, words.descriptors):
        if noun.lower_ not in words.descriptors:
            continue
        if noun.dep_ == "appos" and noun.head.i < noun.i:
            slots.append(noun.head)
            continue
        # the parser often misses the apposition ("X, une start-up bordelaise spécialisée dans ...",
        # X an oblique): read it on the surface, "X , <determiner> <lower-case words> <noun>"
        det = next((t for t in doc[max(noun.i - 3, 0): noun.i] if t.pos_ == "DET"), None)
        if det is None or det.i < 2 or doc[det.i - 1].text != "," or not all(
                t.is_lower for t in doc[det.i + 1: noun.i]):
            continue
        opening = doc[noun.sent.start: det.i - 1]  # the name opens the sentence ("Jusqu'à sa série F, l'entreprise")
        if 0 < len(opening) <= 3 and all(t.text[:1].isupper() for t in opening):
            slots.append(doc[det.i - 2])
    return slots, objects


def _funded(doc: Doc, words: SlotWords, labels: dict[int, str]) -> list[Token]:
    """Who receives money or has investors, a slot only an organisation fills: the subject of a
    receiving verb whose object is funding or an amount ("*Quorra* has attracted investment",
    "*Quorra* received $8 million"), the owner of investors or of a round ("*Quorra*'s investors",
    "*Quorra*, whose backers include ...")."""
    found: list[Token] = []
    for verb in cue_tokens(doc, words.receiving_verbs):
        if verb.pos_ in {"VERB", "AUX"} and not _passive(verb) and takes_funding(verb, words.funding_nouns, labels):
            found.extend(verb_subjects(verb, _SUBJECTS))
    for noun in cue_tokens(doc, words.investor_nouns | words.funding_nouns):
        if noun.pos_ != "NOUN":
            continue
        for owner in noun.children:
            if owner.dep_ != "poss":
                continue
            if owner.lower_ in words.relative_possessives:
                if noun.head.dep_ == "relcl" and noun.head.head.i < owner.i:
                    found.append(noun.head.head)  # "Quorra, whose investors include"
            else:
                found.append(owner)
    return found


def _owned(doc: Doc, words: SlotWords) -> list[Token]:
    """What only an organisation has or is joined as: the of-complement of a noun such as "capital",
    "direction", "levée", "investisseurs", "20 %" ("entre au capital de *Cardelis*", "a pris la
    direction de *Cardelis*", ``org_owned_nouns``), what a stake is taken in ("une participation
    dans *Velmonde*", ``stake_nouns``), and the object of a joining verb ("a quitté
    Criteo pour rejoindre *Cardelis*", ``join_verbs``). French models type such unknown names as
    places."""
    found: list[Token] = []
    for noun in cue_tokens(doc, words.owned_nouns | words.stake_nouns):
        # a stake is taken *in* a company ("une participation dans *Velmonde*")
        preps = _OF | _IN if noun.lower_ in words.stake_nouns or noun.lemma_.lower() in words.stake_nouns else _OF
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found.extend(grand for grand in child.children if grand.dep_ == "pobj")
            elif child.dep_ in {"nmod", "obl"} and any(c.dep_ == "case" and c.lower_ in preps for c in child.children):
                found.append(child)
    for verb in cue_tokens(doc, words.join_verbs):
        if verb.pos_ == "VERB" and not _passive(verb):
            found.extend(child for child in verb.children if child.dep_ in _OBJECTS)
    return found


def _employers(doc: Doc, words: SlotWords, labels: dict[int, str]) -> tuple[list[Token], list[Token]]:
    """Who appoints a person and what a person runs: the subject of an appointing verb whose
    object is a person ("*Velquor* named Julia Marsh as its chief executive", ``appoint_verbs``)
    and the object of a leading verb whose subject is a person ("Julia Marsh now runs *Velquor*",
    ``org_led_verbs``)."""
    appointing: list[Token] = []
    for verb in cue_tokens(doc, words.appoint_verbs):
        if verb.pos_ == "VERB" and not _passive(verb) and any(
                c.dep_ in _OBJECTS and labels.get(c.i) == "Person" for c in verb.children):
            appointing.extend(child for child in verb.children if child.dep_ in _SUBJECTS)
    led: list[Token] = []
    for verb in cue_tokens(doc, words.led_verbs):
        if verb.pos_ == "VERB" and not _passive(verb) and any(
                c.dep_ in _SUBJECTS and labels.get(c.i) == "Person" for c in verb.children):
            led.extend(child for child in verb.children if child.dep_ in _OBJECTS)
    return appointing, led


def _passive_and_deal_subjects(doc: Doc, words: SlotWords, labels: dict[int, str]) -> list[Token]:
    """The subject of a passive that only an organisation undergoes ("*Cardelis* a été rachetée
    par", "*Velquor* was acquired by", "*Cardelis* est dirigée par"), of a verb that makes a deal
    with a partnership or acquisition noun as object ("*Cardelis* a signé un partenariat avec"), and
    the name before a person's role word ("*Velquor* co-founder Paul Reed")."""
    found: list[Token] = []
    for verb in cue_tokens(doc, words.passive_org_verbs):
        if _passive(verb):
            found.extend(child for child in verb.children if child.dep_ in _PASSIVE_SUBJECTS)
    for verb in cue_tokens(doc, words.deal_verbs):
        if verb.pos_ in {"VERB", "AUX"} and not _passive(verb) and any(
                c.dep_ in _OBJECTS and c.lemma_.lower() in words.deal_nouns for c in verb.children):
            found.extend(child for child in verb.children if child.dep_ in _SUBJECTS)
    # "*Velquor* co-founder Paul Reed": the name before a person's role word
    for role in cue_tokens(doc, words.role_words):
        # a role in Title Case is a title with the word before it ("*Prime* Minister", "*Majority* Leader")
        if labels.get(role.head.i) == "Person" and role.dep_ in {"compound", "nmod"} and not role.is_title:
            found.extend(child for child in role.children if child.dep_ == "compound" and child.i < role.i
                         and f"{child.lower_} {role.lower_}" not in words.role_words)
    return found


def _backers(doc: Doc, words: SlotWords) -> tuple[list[Token], list[Token]]:
    """What a backing participle describes and the backers named after it, each member of their
    list ("*Quorra*, backed by *Sequoia* and *Qortal*", "*Cardelis*, soutenue par *Partech* et
    *Serena*", "Sequoia-backed *Quorra*"): ``(backed, backers)``."""
    backed: list[Token] = []
    agents: list[Token] = []
    for participle in cue_tokens(doc, words.backing_participles):
        if participle.dep_ not in {"acl", "amod"} or participle.head.i == participle.i:
            continue
        backed.append(participle.head)
        for child in participle.children:
            if child.dep_ == "agent":
                agents.extend(grand for grand in child.children if grand.dep_ == "pobj")
            elif child.dep_ == "obl:agent":
                agents.append(child)
    return backed, [member for agent in agents for member in (agent, *agent.conjuncts)]


def _listed(ents: list[Span]) -> list[Token]:
    """The members of a coordination ("A, B and C", conj edges) with two organisations or more
    and no entity of another type: their tokens outside an entity ("investors such as *X*, Mirae
    Asset and Thomvest Ventures")."""
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    seen: set[int] = set()
    found: list[Token] = []
    for ent in ents:
        if ent.label_ != "Organization" or ent.root.i in seen:
            continue
        group, todo = {ent.root.i: ent.root}, [ent.root]
        while todo:
            token = todo.pop()
            near = [c for c in token.children if c.dep_ == "conj"] + ([token.head] if token.dep_ == "conj" else [])
            for other in near:
                if other.i not in group:
                    group[other.i] = other
                    todo.append(other)
        seen.update(group)
        kinds = [by_token[i].label_ if i in by_token else None for i in group]
        if kinds.count("Organization") >= 2 and set(kinds) <= {"Organization", None}:
            found.extend(token for i, token in sorted(group.items()) if i not in by_token)
    return found


def _headline(sent: Span) -> bool:
    """A Title Case line: none of its content words is in lower case (a sentence full of names
    still has its verb and nouns in lower case: "Backers include A, B and C")."""
    content = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(content) >= 3 and not any(t.is_lower for t in content)


def _name_like(token: Token, taken: set[int], words: SlotWords, lower_words: set[str]) -> bool:
    text = token.text
    return (token.i not in taken and text[:1].isupper() and len(text) > 1 and any(c.isalpha() for c in text)
            and not token.is_stop and not token.like_num and not token.is_punct and token.pos_ in _NAME_POS
            and token.lower_ not in words.no_names and token.lower_ not in lower_words
            and not (token.is_sent_start and token.doc.lang_ == "en" and token.lemma_.lower() != token.lower_))


def _in_subtree(token: Token, root: Token) -> bool:
    return token.i == root.i or any(a.i == root.i for a in token.ancestors)


def _name(root: Token, taken: set[int], words: SlotWords, lower_words: set[str]) -> Span | None:
    doc = root.doc
    if not _name_like(root, taken, words, lower_words):
        return None
    start, end = root.i, root.i + 1
    sent = root.sent
    while (start > sent.start and end - start < 3 and _in_subtree(doc[start - 1], root)
           and doc[start - 1].whitespace_ and _name_like(doc[start - 1], taken, words, lower_words)):
        start -= 1
    while (end < sent.end and end - start < 3 and _in_subtree(doc[end], root) and doc[end - 1].whitespace_
           and _name_like(doc[end], taken, words, lower_words)):
        end += 1
    if any(i in range(sent.start, sent.end) and _in_subtree(doc[i], root) and doc[i].text[:1].isupper()
           and not doc[i].is_stop for i in (start - 1, end)):
        return None  # a longer capitalised phrase than the slot's name ("World Labs"): not ours to cut
    return Span(doc, start, end, label="Organization")


def _lower_words(doc: Doc) -> set[str]:
    """The lowercase words of ``doc`` (``{t.lower_ for t in doc if t.is_lower}``), read from one
    ``Doc.to_array``: the loop made a ``Token`` for every token of every document."""
    rows: list[list[int]] = doc.to_array([LOWER, IS_LOWER]).tolist() if len(doc) else []
    strings = doc.vocab.strings
    return {strings[lower] for lower in {lower for lower, is_lower in rows if is_lower}}


def slot_names(doc: Doc, ents: list[Span], words: SlotWords) -> list[Span]:
    """``ents`` with the organisations named in an organisation's slot that the model missed
    (added) or typed as an unknown place, or a lone word typed Person in an object slot (re-typed);
    see the module docstring.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("Orbis acquired Quell.")
    >>> doc[0].pos_, doc[0].dep_, doc[1].pos_, doc[2].pos_, doc[2].dep_ = "PROPN", "nsubj", "VERB", "PROPN", "dobj"
    >>> doc[0].head = doc[1]; doc[2].head = doc[1]; doc[3].head = doc[1]
    >>> doc[1].lemma_ = "acquire"
    >>> acquire = frozenset({"acquire"})
    >>> words = SlotWords(acquire, acquire, frozenset(), frozenset(), frozenset(), frozenset())
    >>> [(e.text, e.label_) for e in slot_names(doc, [Span(doc, 2, 3, "Place")], words)]
    [('Orbis', 'Organization'), ('Quell', 'Organization')]
    """
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    subjects, objects = _slots(doc, words, by_token)
    # a word the model labelled with a type the graph does not keep ("in *March*": a date)
    model_made = {i for span in doc.spans.get(SPANS_KEY, ()) if span.label_ in _NOT_NAMES
                  for i in range(span.start, span.end)}
    person_words = {t.lower_ for e in ents if e.label_ == "Person" and len(e) > 1 for t in e}
    object_ids = {t.i for t in objects}
    lower_words = _lower_words(doc)
    retyped: dict[int, Span] = {}
    found: list[Span] = []
    for slot in subjects + objects + _listed(ents):
        ent = by_token.get(slot.i)
        if ent is not None:
            # "invested in *Melvaro*": a lone word typed Person in an object slot, no word of a
            # person's full name in the document, is the organisation too
            lone = (slot.i in object_ids and ent.label_ == "Person" and len(ent) == 1
                    and ent.root.lower_ not in person_words)
            if (ent.label_ in _RETYPED or lone) and not ent.kb_id_ and len(ent) <= 3:
                retyped[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
            continue
        if _headline(slot.sent):
            continue
        taken = set(by_token) | model_made | {i for span in found for i in range(span.start, span.end)}
        span = _name(slot, taken, words, lower_words)
        if span is not None:
            found.append(span)
    if not found and not retyped:
        return ents
    out = [retyped.get(ent.start, ent) if ent.start in retyped and retyped[ent.start].end == ent.end else ent
           for ent in ents]
    return sorted(out + found, key=lambda e: e.start)
