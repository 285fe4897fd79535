"""Types for unknown names from the frame a sentence or a document puts them in (issue 15).

``context_types.py`` calls :func:`retype_by_frame` last. The small models guess the type of a name
they have never seen from its shape, and unseen news is full of such names: a start-up created by
two engineers comes out as a Person, a media group in a list of outlets as a Person, a newspaper as
a Product, a surname after a particle ("Le Cun") as a Place. Seven constructions, for names the
knowledge base does not know (word lists in ``data/lexicon.json``):

* a name listed after a plural organisation noun, with or without a cue ("les start-ups *A*
  (santé), B", "several outlets, including *A*, B", "les fonds français *A* et *B*"): each member
  of the list is an organisation, a two-word one too (the noun says what the list holds; names
  the model missed may sit between the members);
* the object of a founding verb (``org_creation_verbs``: "found", "créer") typed Person or Place:
  "they created *Quorvia* together", "she founded and ran *Plinth*" (a person is not founded);
  and what is bought, by a verb (``org_acquisition_verbs``: "acquire", "buy", "racheter") or a
  noun (``acquisition_nouns``: "the acquisition of *Plinth*", "le rachat de *Plinth*");
* a name whose last word is a newspaper's head noun (``outlet_heads``: "Post", "Herald") typed
  Product, Person or Place: "le *Denver Post*" is an outlet, an organisation;
* a one-word Place that is the last word of a person's full name in the document
  is that person ("Jean Le Brun ... *Brun* fonde AMI");
* a name after an investor noun and "of" / "in" / "de" (``investor_nouns``): "one of the first
  investors in *Plinth*" is an organisation (what investors hold a stake in);
* capitalised words the model missed that end in a fund's head word (``fund_name_heads``:
  "Capital", "Ventures"): "First Minute *Capital*" is an organisation's name, added;
* one type per name in a document: an unknown name that a description types as an organisation
  at one mention ("the CEO of *Zelvora*, a voice company") or that another rule here re-typed is
  one at its other mentions, where the model guessed Place, Person or Product from its shape.

>>> import spacy
>>> from spacy.tokens import Span
>>> nlp = spacy.blank("en")
>>> doc = nlp("Jean Le Brun left. Brun runs it.")
>>> ents = [Span(doc, 0, 3, "Person"), Span(doc, 5, 6, "Place")]
>>> [(e.text, e.label_) for e in retype_by_frame(doc, ents, FrameWords())]
[('Jean Le Brun', 'Person'), ('Brun', 'Person')]
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..kb import KnowledgeBase
from ..lexicon import Lexicon, words_field
from ..records import EntityType
from .descriptor_types import DescriptorWords, organisation_context

__all__ = ["FrameWords", "frame_words", "retype_by_frame"]

_GUESSED = frozenset({"Person", "Place", "Product"})
_GLUE = frozenset({",", "and", "et", "&", "or", "ou", ";"})
#: Tokens a list may hold between two names it joins, besides glue and bracketed notes.
_LONGEST_GAP = 10
_OBJECTS = frozenset({"dobj", "obj"})
_OF = frozenset({"of", "in", "de", "d'", "d’", "du", "dans"})


@dataclass(frozen=True)
class FrameWords:
    """The words each construction looks for (lowercase, all languages together)."""

    #: Singular nouns that name organisations ("startup", "média", "fonds").
    org_nouns: frozenset[str] = frozenset()
    #: Words between such a plural noun and its list ("including", "dont", "such", "as").
    list_openers: frozenset[str] = words_field("org_list_openers")
    #: Lemmas of verbs whose object is an organisation ("found", "créer").
    creation_verbs: frozenset[str] = words_field("org_creation_verbs")
    #: Lemmas of verbs and nouns of buying a company ("acquire", "racheter"; "acquisition", "rachat").
    acquisition_verbs: frozenset[str] = words_field("org_acquisition_verbs")
    acquisition_nouns: frozenset[str] = words_field("acquisition_nouns")
    #: Last words of newspapers' names ("post", "herald").
    outlet_heads: frozenset[str] = words_field("outlet_heads")
    #: Head words of funds' names ("capital", "ventures"): "First Minute Capital".
    fund_heads: frozenset[str] = words_field("fund_name_heads")
    #: Nouns of investors ("investors", "actionnaires"): "investors in X".
    investor_nouns: frozenset[str] = words_field("investor_nouns")
    #: The descriptions of ``descriptor_types.py``, read again for one type per name.
    descriptors: DescriptorWords | None = None


def frame_words(lexicon: Lexicon, descriptors: DescriptorWords | None = None) -> FrameWords:
    """The construction words, from the lexicon (both languages)."""
    nouns = lexicon.words("org_descriptors") | frozenset(w for ws in lexicon.org_nouns.values() for w in ws)
    return lexicon.read_words(FrameWords, org_nouns=nouns - lexicon.words("person_nouns"), descriptors=descriptors)


def _singular(word: str) -> str:
    """ "startups" -> "startup", "companies" -> "company", "journaux" -> "journal" (English and French plurals)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    if word.endswith(("s", "x")) and len(word) > 3:
        return word[:-1]
    return word


def _plural_org_noun(token: Token, words: FrameWords) -> bool:
    word = token.lower_
    return (token.is_lower and token.pos_ not in {"VERB", "AUX"} and word not in words.org_nouns
            and _singular(word) != word and _singular(word) in words.org_nouns)


def _known(ent: Span, kb: KnowledgeBase | None, type_: EntityType | None = None) -> bool:
    if ent.kb_id_:
        return True
    if kb is None:
        return False
    entry = kb.lookup(ent.text)
    return entry is not None and (type_ is None or entry.type is type_)


def _list_gap(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start:end`` join two listed names: glue, bracketed notes, and capitalised words of
    names the model missed ("A (santé), *Alice & Bob* (quantique), B")."""
    if end <= start or end - start > _LONGEST_GAP:
        return False
    depth = 0
    glue = False
    for token in doc[start:end]:
        if "\n" in token.whitespace_:
            return False
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0:
            if token.lower_ in _GLUE:
                glue = True
            elif not (token.text[:1].isupper() and token.is_alpha):
                return False
    return glue and depth == 0


def _members(doc: Doc, ents: list[Span], first: int) -> list[Span]:
    """The names of the list that opens with ``ents[first]``."""
    run = [ents[first]]
    for ent in ents[first + 1:]:
        if ent.sent.start != run[-1].sent.start or not _list_gap(doc, run[-1].end, ent.start):
            break
        run.append(ent)
    return run


def _opens_list(doc: Doc, ent: Span, words: FrameWords) -> bool:
    """A plural organisation noun stands before ``ent``, maybe with adjectives and a cue between
    ("les startups X", "plusieurs médias, dont X", "outlets such as X", "les fonds français X")."""
    index = ent.start - 1
    while index >= 0 and (doc[index].lower_ in words.list_openers or doc[index].text in {",", ":"}
                          or (doc[index].pos_ == "ADJ" and doc[index].is_lower)):
        index -= 1
    return index >= 0 and _plural_org_noun(doc[index], words)


def _hyphen_modifier(doc: Doc, ent: Span) -> bool:
    """``ent`` is glued by a hyphen to a lower-case word ("*Cologne*-based X", "*Acme*-backed X"):
    it describes the name that follows, and is no member of the list."""
    end = ent.end
    return (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
            and not doc[end].whitespace_ and doc[end + 1].is_lower)


def _listed_after_plural(doc: Doc, ents: list[Span], person_words: set[str], kb: KnowledgeBase | None,
                         words: FrameWords) -> dict[int, Span]:
    found: dict[int, Span] = {}
    for i, ent in enumerate(ents):
        if not _opens_list(doc, ent, words):
            continue
        for member in _members(doc, ents, i):
            if (member.label_ in _GUESSED and not _known(member, kb) and len(member) <= 3
                    and not _hyphen_modifier(doc, member)
                    and not (len(member) == 1 and member.root.lower_ in person_words)):
                found[member.start] = Span(doc, member.start, member.end, label="Organization")
    return found


def _founding_verb(token: Token, words: FrameWords) -> bool:
    if token.dep_ not in _OBJECTS:
        return False
    verb = token.head
    if verb.lemma_.lower() in words.creation_verbs:
        return True
    # "founded and ran X": the object of the second verb of a coordination whose first founds
    return verb.dep_ == "conj" and verb.head.lemma_.lower() in words.creation_verbs and verb.head.i < verb.i


def _bought(token: Token, words: FrameWords) -> bool:
    """The object of a verb of buying ("acquired *X*", "a racheté *X*") or the "of" / "de" of a
    noun of buying ("the acquisition of *X*", "le rachat de *X*")."""
    head = token.head
    if token.dep_ in _OBJECTS:
        return head.lemma_.lower() in words.acquisition_verbs
    if token.dep_ == "pobj" and head.lower_ == "of":  # English: noun -> "of" -> name
        head = head.head
    elif token.dep_ != "nmod":  # French: noun -> name ("de" is its case marker)
        return False
    return head.pos_ == "NOUN" and head.lemma_.lower() in words.acquisition_nouns


def _created(doc: Doc, ents: list[Span], person_words: set[str], kb: KnowledgeBase | None,
             words: FrameWords) -> dict[int, Span]:
    found: dict[int, Span] = {}
    for ent in ents:
        if not (ent.label_ in {"Person", "Place"} and len(ent) <= 3 and not _known(ent, kb)):
            continue
        if (ent.root.lower_ not in person_words and _founding_verb(ent.root, words)) or _bought(ent.root, words):
            # (a person is bought no more than founded: "acquired *Activision Blizzard*" is a company
            # even when the model read two capitalised words as a person's name)
            found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
    return found


def _outlets(doc: Doc, ents: list[Span], words: FrameWords) -> dict[int, Span]:
    found: dict[int, Span] = {}
    for ent in ents:
        last = ent[-1]
        if (ent.label_ in _GUESSED and not ent.kb_id_ and len(ent) >= 2 and last.is_title
                and last.lower_ in words.outlet_heads and all(t.text[:1].isupper() for t in ent)):
            found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
    return found


def _surnames(doc: Doc, ents: list[Span], kb: KnowledgeBase | None) -> dict[int, Span]:
    """ "Jean Le Brun ... Le *Brun* fonde": the Place is the person's surname, with its particle
    when the full name has it (the span then opens one token earlier)."""
    people = [e for e in ents if e.label_ == "Person" and len(e) > 1 and e[-1].is_alpha]
    lasts = {e[-1].lower_ for e in people}
    tails = {(e[-2].lower_, e[-1].lower_) for e in people if len(e) > 2}
    taken = {i for e in ents for i in range(e.start, e.end)}
    found: dict[int, Span] = {}
    for ent in ents:
        if ent.label_ != "Place" or len(ent) != 1 or _known(ent, kb) or ent.root.lower_ not in lasts:
            continue
        before = ent.start - 1
        start = before if before >= 0 and before not in taken and (doc[before].lower_, ent.root.lower_) in tails \
            else ent.start
        found[ent.start] = Span(doc, start, ent.end, label="Person")
    return found


def _investees(doc: Doc, ents: list[Span], person_words: set[str], words: FrameWords) -> dict[int, Span]:
    """ "one of the first investors in *Plinth*", "actionnaires de *Plinth*": what investors hold
    a stake in is an organisation."""
    found: dict[int, Span] = {}
    for ent in ents:
        if ent.label_ not in _GUESSED or ent.kb_id_ or len(ent) > 3 or ent.root.lower_ in person_words:
            continue
        prep = ent.start - 1
        if prep >= 1 and doc[prep].lower_ in _OF and doc[prep - 1].lower_ in words.investor_nouns:
            found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
    return found


def _one_type_per_name(doc: Doc, ents: list[Span], changes: dict[int, Span], person_words: set[str],
                       words: FrameWords) -> dict[int, Span]:
    """Organisations by description or by a rule here, at every mention of their unknown name."""
    typed: set[str] = {s.text for s in changes.values() if s.label_ == "Organization"}
    if words.descriptors is not None:
        typed |= {e.text for e in ents if e.label_ == "Organization" and not e.kb_id_ and len(e) <= 3
                  and organisation_context(doc, e, person_words, words.descriptors)}
    found: dict[int, Span] = {}
    for ent in ents:
        if (ent.text in typed and ent.label_ in _GUESSED and not ent.kb_id_ and ent.start not in changes
                and ent.root.lower_ not in person_words):
            found[ent.start] = Span(doc, ent.start, ent.end, label="Organization")
    return found


def _name_piece(token: Token) -> bool:
    """A capitalised word of a name ("Minute", "A.Capital"), on one line."""
    return (token.text[:1].isupper() and any(ch.isalpha() for ch in token.text) and not token.is_punct
            and "\n" not in token.whitespace_)


def _fund_names(doc: Doc, ents: list[Span], words: FrameWords) -> list[Span]:
    """ "First Minute *Capital*", "Orly *Ventures*": capitalised words the model missed, ending in a
    fund's head word (``fund_name_heads``), are an organisation's name (one or two words before it,
    none the first word of the sentence, so a Title Case heading's verb is not taken)."""
    if not words.fund_heads:
        return []
    taken = {i for e in ents for i in range(e.start, e.end)}
    found: list[Span] = []
    for token in cue_tokens(doc, words.fund_heads):
        if token.i in taken or token.lower_ not in words.fund_heads or not token.is_title or token.is_sent_start:
            continue
        start = token.i
        while (start > 0 and token.i - start < 3 and start - 1 not in taken and _name_piece(doc[start - 1])
               and not doc[start - 1].is_sent_start):
            start -= 1
        end = token.i + 1
        while end < len(doc) and end not in taken and doc[end].lower_ in words.fund_heads and doc[end].is_title:
            end += 1
        if start < token.i:
            found.append(Span(doc, start, end, label="Organization"))
            taken.update(range(start, end))
    return found


def retype_by_frame(doc: Doc, ents: list[Span], words: FrameWords, kb: KnowledgeBase | None = None) -> list[Span]:
    """``ents`` (sorted) with unknown names typed from their frame (see the module docstring)."""
    person_words = {t.lower_ for e in ents if e.label_ == "Person" and len(e) > 1 for t in e}
    changes: dict[int, Span] = {}
    changes.update(_surnames(doc, ents, kb))
    changes.update(_outlets(doc, ents, words))
    changes.update(_created(doc, ents, person_words, kb, words))
    changes.update(_investees(doc, ents, person_words, words))
    changes.update(_listed_after_plural(doc, ents, person_words, kb, words))
    changes.update(_one_type_per_name(doc, ents, changes, person_words, words))
    added = _fund_names(doc, ents, words)
    if not changes and not added:
        return ents
    out = [changes.get(e.start, e) if changes.get(e.start, e).end == e.end else e for e in ents]
    return sorted(out + added, key=lambda e: e.start)
