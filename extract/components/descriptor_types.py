"""Types for unknown names from the words that describe them ("tech giant *X*", "CEO of *X*").

The small statistical models type a name they have never seen from its shape: an invented
start-up or fund name comes out as a Person or a Place as often as an Organization ("Japanese
tech giant *Kontora*" -> Place, "investors like *Brightwave*" -> Person). News describes the
actors it names, and the description decides the type far better than the name's shape. This
module reads four constructions, all with word lists from ``data/lexicon.json`` (``word_lists``:
``org_descriptors``, ``org_of_words``), for names the knowledge base does not know:

* a descriptor noun right before the name: "the AI *startup* X", "tech *giant* X",
  "le *fonds* X", "la *start-up* X" (the noun may be hyphenated: "start-up");
* a descriptor noun in apposition: "X, a Berlin *startup*", "X, *une pépite* lyonnaise";
* the name before "-backed" / "-funded": "X-backed Y" (an investor is an organisation here);
* the name before a role noun, or its possessive: "X *CEO* Jane Doe", "X's *co-founder*";
* a one-word name that raises money and is no person's name in the document: "X *raised* $20
  million" (a surname alone, "Doe raised ...", is left alone when "Jane Doe" is named);
* the name after a role noun and "of" / "at" / "de" / "chez": "chief executive *of* X",
  "partner *at* X", "cofondateur *de* X", "chercheuse *chez* X", a former one too: "ex-cadre *d'*X".

Only one-to-three-token names typed Person, Place or Product are re-typed, and never a name
that a person's role or title precedes ("CEO Jane Doe" stays a person).

>>> import spacy
>>> from spacy.tokens import Span
>>> nlp = spacy.blank("en")
>>> doc = nlp("The round was led by tech giant Kontora and Brightwave-backed Lumo.")
>>> doc.ents = [Span(doc, 7, 8, "Place"), Span(doc, 9, 10, "Person"), Span(doc, 12, 13, "Person")]
>>> words = DescriptorWords(org_descriptors=frozenset({"giant"}), org_of_words=frozenset(),
...                         role_words=frozenset(), backed_words=frozenset({"backed"}))
>>> [(e.text, e.label_) for e in retype_by_descriptors(doc, list(doc.ents), words)]
[('Kontora', 'Organization'), ('Brightwave', 'Organization'), ('Lumo', 'Person')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon, words_field

__all__ = [
    "DescriptorWords",
    "described_names",
    "descriptor_words",
    "organisation_context",
    "retype_by_descriptors",
    "word_before",
]

_RETYPED = frozenset({"Person", "Place", "Product"})
_OF = frozenset({"of", "at", "de", "d'", "d’", "chez"})
#: Parts of speech a name the model missed may get (an unknown word is often a verb or noun to it).
_NAME_POS = frozenset({"PROPN", "NOUN", "VERB", "X"})


@dataclass(frozen=True)
class DescriptorWords:
    """The words each construction looks for (lowercase, all languages together)."""

    #: Nouns that describe an organisation ("startup", "giant", "fonds").
    org_descriptors: frozenset[str]
    #: Words that make the name after them an organisation's on their own ("chez").
    org_of_words: frozenset[str] = words_field("org_of_words")
    #: Last words of role phrases ("ceo", "founder", "cofondateur"): "<role> of X" -> X is an organisation.
    role_words: frozenset[str] = frozenset()
    #: Second halves of "X-backed", "X-funded" (an organisation backs).
    backed_words: frozenset[str] = words_field("backed_words")
    #: Lemmas of the verbs of raising money ("raise", "lever").
    raise_verbs: frozenset[str] = frozenset()
    #: The last part of each descriptor ("up" of "start-up"): a cheap test before joining hyphens.
    descriptor_ends: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "descriptor_ends", frozenset(self.org_descriptors)
                           | frozenset(w.rsplit("-", 1)[-1] for w in self.org_descriptors))


def descriptor_words(lexicon: Lexicon) -> DescriptorWords:
    """The construction words, from the lexicon (both languages)."""
    roles = frozenset(phrase.split()[-1] for lang in lexicon.roles.values() for phrase in lang)
    return lexicon.read_words(
        DescriptorWords,
        org_descriptors=lexicon.words("org_descriptors")
        | frozenset(w for ws in lexicon.org_nouns.values() for w in ws),
        role_words=roles,
        raise_verbs=frozenset(verb for lang in lexicon.verbs.values() for verb, predicates in lang.items()
                              if "raised" in predicates),
    )


def _word_after(doc: Doc, index: int) -> str:
    """The word starting at token ``index``, hyphenated parts joined ("co-founder"), lowercased."""
    end = index + 1
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "-" or doc[end - 1].text == "-"):
        end += 1
    return "".join(t.text for t in doc[index:end]).lower()


def _word_before(doc: Doc, index: int) -> tuple[str, int]:
    """The word ending right before token ``index`` with its hyphenated parts joined
    ("start-up"), lowercased, and the index of its first token."""
    if index <= 0:
        return "", index
    start = index - 1
    while start > 0 and not doc[start - 1].whitespace_ and (doc[start].text == "-" or doc[start - 1].text == "-"):
        start -= 1
    return "".join(t.text for t in doc[start:index]).lower(), start


def _organisation_context(doc: Doc, ent: Span, person_words: set[str], words: DescriptorWords) -> bool:
    word, start = _word_before(doc, ent.start)
    if "-" in word and word.rsplit("-", 1)[1] in words.org_descriptors and doc[start].ent_type_ == "Organization":
        return True  # "Acme-rival X": a rival of an organisation is one
    if (word in words.org_of_words or (word in words.org_descriptors
                                       and not (ent.label_ == "Person" and word in words.role_words))) and (
        not _clause_subject(ent.root)
    ):
        return True
    if word in _OF and start > 0:
        role, _ = _word_before(doc, start)
        if role in words.role_words or role.removeprefix("ex-") in words.role_words:  # "ex-cadre d'X"
            return True
    after = doc[ent.end: ent.end + 2]
    if len(after) == 2 and after[0].text == "-" and not ent[-1].whitespace_ and after[1].lower_ in words.backed_words:
        return True
    if ent.end < len(doc):
        following = _word_after(doc, ent.end)
        if following in {"'s", "’s"} and ent.end + 1 < len(doc):
            following = _word_after(doc, ent.end + 1)
        lone = len(ent) == 1 and ent.root.lower_ not in person_words
        if following in words.role_words and (ent.label_ != "Person" or lone):
            return True
    return _apposition_descriptor(ent.root, words, person_name=ent.label_ == "Person" and len(ent) > 1)


def _clause_subject(root: Token) -> bool:
    """ "a startup *X* co-founded": the name is the subject of a relative clause without a
    pronoun that hangs on the descriptor right before it, not the descriptor's name."""
    return root.dep_ in {"nsubj", "nsubj:pass"} and root.head.dep_ in {"acl", "relcl", "acl:relcl"} and (
        root.head.head.i == root.i - 1
    )


def organisation_context(doc: Doc, ent: Span, person_words: set[str], words: DescriptorWords) -> bool:
    """Whether the words around ``ent`` describe an organisation (the constructions of the module
    docstring but the raising verb); ``misc_types.py`` types the model's MISC names with it."""
    return _organisation_context(doc, ent, person_words, words)


def word_before(doc: Doc, index: int) -> str:
    """The word ending right before token ``index``, hyphenated parts joined, lowercased."""
    return _word_before(doc, index)[0]


def _raises_money(ent: Span, person_words: set[str], words: DescriptorWords) -> bool:
    """A one-word name, no word of a longer person's name, that is the subject of a raising verb."""
    root = ent.root
    return (len(ent) == 1 and root.lower_ not in person_words and root.dep_ in {"nsubj", "nsubj:pass"}
            and root.head.lemma_.lower() in words.raise_verbs)


def _apposition_descriptor(root: Token, words: DescriptorWords, *, person_name: bool = False) -> bool:
    """ "X, a Berlin startup": a descriptor noun in apposition (either direction)."""
    if root.dep_ == "appos" and root.head.lower_ in words.org_descriptors and root.head.i < root.i:
        # "la filiale de X place *Jane Doe* à sa tête": a person's first and last name, misparsed
        # as the apposition of a descriptor before it, stays a person
        return not person_name
    return any(child.dep_ == "appos" and child.i > root.i and child.lower_ in words.org_descriptors
               for child in root.children)


def _capitalised(token: Token) -> bool:
    """A word written as a name: Title Case ("Quellis") or camel case ("QuellAI", "ScienceKit"),
    not all capitals (an acronym there is as often a common word), nor a name glued to a stop word
    ("VeloCoreThe": a lost line break before the next sentence)."""
    text = token.text
    if token.is_title:
        return True
    if not (text[:1].isupper() and text.isalpha() and any(c.islower() for c in text[1:])):
        return False
    # "DeepMindThe": a name glued to the next sentence's first word (a lost line break)
    humps = [i for i in range(1, len(text)) if text[i].isupper() and text[i - 1].islower()]
    return not (humps and token.vocab[text[humps[-1]:].lower()].is_stop)


def described_names(doc: Doc, ents: list[Span], words: DescriptorWords) -> list[Span]:
    """Names the statistical model missed right after a descriptor noun: "la start-up *Quellis*",
    "la start-up lyonnaise *Quellis*", "the AI lab *Nacre Labs*", "the startup *VeloCore*" (one to
    three capitalised or camel-case words, none inside an entity)."""
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    found: list[Span] = []
    ends = words.descriptor_ends
    for token in cue_tokens(doc, ends):
        if token.lower_ not in ends or not token.is_lower or token.i + 1 >= len(doc):
            continue
        word, _ = _word_before(doc, token.i + 1)
        if word not in words.org_descriptors:
            continue
        start = token.i + 1
        if start < len(doc) and doc[start].pos_ == "ADJ" and doc[start].is_lower:
            start += 1  # "la start-up *lyonnaise* Quellis"
        end = start
        while (end < len(doc) and end - start < 3 and end not in taken and not doc[end].is_sent_start
               and doc[end].pos_ in _NAME_POS and _capitalised(doc[end])):
            end += 1
        if end > start:
            found.append(Span(doc, start, end, label="Organization"))
    return found


def retype_by_descriptors(doc: Doc, ents: list[Span], words: DescriptorWords) -> list[Span]:
    """``ents`` with unknown Person/Place/Product names that an organisation's description
    surrounds re-typed as organisations (see the module docstring)."""
    person_words = {t.lower_ for e in ents if e.label_ == "Person" and len(e) > 1 for t in e}
    out: list[Span] = []
    for ent in ents:
        described = _organisation_context(doc, ent, person_words, words) or _raises_money(ent, person_words, words)
        if ent.kb_id_ or ent.label_ not in _RETYPED or len(ent) > 3 or not described:
            out.append(ent)
            continue
        out.append(Span(doc, ent.start, ent.end, label="Organization"))
    return out
