"""Where an unknown name begins and ends, and capitalised words that are no name (dev batch 3).

News the models have not seen breaks the statistical NER's spans in a few recurring ways that the
clean-up of ``entity_cleaner.py`` must read from the construction, not from the name:

* an article that is part of the name: "the paper quoted *The* Daily Ledger", "chez *La* Poste
  Mobile". A capitalised article inside the span, not at a sentence start, is kept; at a sentence
  start it is kept when the same name is written with its article mid-sentence in the document
  (:func:`article_names`, :func:`keeps_article`);
* a possessive inside one span: "Kestrel’s Data Hub" is the organisation "Kestrel" (its department
  is no entity: ``org_unit_nouns``), "Orbis’s Jane Doe" the organisation "Orbis" and the person
  "Jane Doe" (:func:`split_possessive`);
* a comma inside an organisation's span: "At Brandt's Robotics Lab, Moreau and ..." is the
  organisation "Robotics Lab" and the person "Moreau" named elsewhere in the document; "Orbis,
  Northwind Grid" two organisations (:func:`comma_pieces`);
* capitalised words that are no name (:func:`not_a_name`): the portfolio of an office ("ministre
  de l'Industrie et des *Mines*", "le président de la *Nation*", "chefs d'*État*": a capitalised
  noun after a French article under a public office noun, ``portfolio_heads``, or "Jane Doe, à la
  *Culture*"); the first words of a short quoted phrase that goes on in lower case ("les « *Meilleures*
  ventes »"); a place and a generic word ("the *Canada AI* startup").

Word lists are data (``data/lexicon.json``: ``word_lists`` ``portfolio_heads``, ``org_unit_nouns``,
``name_articles``; ``not_entities``; ``org_suffixes``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..kb import KnowledgeBase
from ..lexicon import words_field
from ..normalize import fold
from ..records import EntityType

__all__ = [
    "EdgeWords",
    "article_names",
    "comma_pieces",
    "imperative_opener",
    "keeps_article",
    "not_a_name",
    "split_possessive",
    "split_title",
]

_POSSESSIVES = frozenset({"'s", "’s"})
_COORDINATORS = frozenset({"and", "et"})
#: French articles and prepositions that open a portfolio ("de *la* Santé", "*des* Finances").
_FR_DETERMINERS = frozenset({"la", "le", "les", "l'", "l’", "des", "du", "d'", "d’"})
_OPEN_QUOTES = frozenset({"«", "“", '"', "‘"})
_CLOSE_QUOTES = frozenset({"»", "”", '"', "’"})
#: The longest quoted phrase read as a phrase rather than a quotation (tokens inside the quotes).
_SHORT_QUOTE = 4
#: Dependencies that lead from a portfolio noun up to the office it belongs to.
_PORTFOLIO_DEPS = frozenset({"nmod", "conj", "appos", "obl", "obl:mod"})
_PERSON_LABELS = frozenset({"PER", "PERSON", "Person"})


@dataclass(frozen=True)
class EdgeWords:
    """The word lists of this module (lowercase, all languages together)."""

    #: Articles that may open a name ("the", "la", "le", "les", "l'").
    articles: frozenset[str] = words_field("name_articles")
    #: Nouns of a public office whose "de la X" complement is a portfolio ("ministre", "président").
    portfolio_heads: frozenset[str] = words_field("portfolio_heads")
    #: Nouns of an organisation's department ("hub", "team"): "X's Data Hub" is X's, no entity.
    unit_nouns: frozenset[str] = words_field("org_unit_nouns")
    #: Words that are never entities alone (``not_entities``).
    not_entities: frozenset[str] = frozenset()
    #: Words that end an organisation's name (``org_suffixes``): no person's name has them.
    org_suffixes: frozenset[str] = frozenset()
    #: Imperative verbs that open a sentence before a name ("*Meet* Kara Voss", "*Use* Vexa to ...").
    imperative_openers: frozenset[str] = words_field("imperative_openers")
    #: Verbs of a title-cased headline that the model reads into the name after them ("Acme
    #: *Names* Kara Voss as CEO", "Acme *Taps* ..."): never the first word of a name.
    headline_verbs: frozenset[str] = words_field("headline_verbs")
    #: One-word titles of people (the lexicon's ``roles``: "professor", "ceo", "pdg").
    titles: frozenset[str] = frozenset()


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def _opens_sentence(doc: Doc, index: int) -> bool:
    if index == 0 or doc[index].is_sent_start:
        return True
    before = doc[index - 1]
    return "\n" in before.whitespace_ or "\n" in before.text or before.text in _OPEN_QUOTES | {":"}


def imperative_opener(doc: Doc, start: int, end: int, words: EdgeWords) -> bool:
    """ "*Meet* Kara Voss, ...", "Our play: *Use* Vexa to ...": an imperative verb that opens the
    sentence is not the first word of the capitalised name after it; nor is a headline's verb,
    wherever it stands ("Acme *Names* Kara Voss as CEO")."""
    if start + 1 >= end or not _capitalised(doc[start + 1].text):
        return False
    word = doc[start].lower_
    return (word in words.imperative_openers and _opens_sentence(doc, start)) or word in words.headline_verbs


def _article_at(doc: Doc, start: int, end: int, words: EdgeWords) -> bool:
    """A capitalised article followed, inside the span, by a capitalised word: "*The* Daily Ledger"."""
    first = doc[start]
    return (start + 1 < end and first.lower_ in words.articles and _capitalised(first.text)
            and _capitalised(doc[start + 1].text))


def article_names(doc: Doc, words: EdgeWords) -> frozenset[str]:
    """The folded names of the document's entity spans that a capitalised article opens mid-sentence
    ("quoted *The Daily Ledger*"): evidence that the article is part of the name everywhere."""
    return frozenset(fold(ent.text) for ent in doc.ents
                     if _article_at(doc, ent.start, ent.end, words) and not _opens_sentence(doc, ent.start))


def keeps_article(doc: Doc, start: int, end: int, words: EdgeWords, names: frozenset[str]) -> bool:
    """Whether the article at ``start`` belongs to the name ``doc[start:end]``: capitalised and
    followed by a capitalised word, mid-sentence, or at a sentence start when ``names`` has it."""
    if not _article_at(doc, start, end, words):
        return False
    return not _opens_sentence(doc, start) or fold(doc[start:end].text) in names


def _person_shaped(span: Span, words: EdgeWords) -> bool:
    """Two or three capitalised alphabetic words, none an acronym nor a word of organisations."""
    return 2 <= len(span) <= 3 and all(
        t.is_alpha and t.is_title and t.pos_ == "PROPN" and t.lower_ not in words.org_suffixes
        and t.lower_ not in words.unit_nouns and t.lower_ not in words.not_entities for t in span)


def split_possessive(doc: Doc, span: Span, label: str, words: EdgeWords) -> list[tuple[Span, str]]:
    """ "Kestrel’s Data Hub" -> [("Kestrel", Organization)]; "Orbis’s Jane Doe" -> [("Orbis",
    Organization), ("Jane Doe", Person)]; other spans unchanged, with ``label``. The part after the
    possessive keeps ``label`` unless it is a person's name or a department of the owner."""
    cut = next((t.i for t in span[1:-1] if t.lower_ in _POSSESSIVES), None)
    if cut is None:
        return [(span, label)]
    joint = next((t.i for t in span[1:-1] if t.lower_ in _COORDINATORS and _capitalised(doc[t.i + 1].text)), None)
    if joint is not None:  # "Orbis’s Jane Doe and Kestrel’s John Roe": each conjunct on its own
        return (split_possessive(doc, doc[span.start:joint], label, words)
                + split_possessive(doc, doc[joint + 1:span.end], label, words))
    owner, owned = doc[span.start:cut], doc[cut + 1:span.end]
    out = [(owner, "Organization" if label in {"Organization", "Person", "Product"} else label)]
    if _person_shaped(owned, words):
        out.append((owned, "Person"))
    elif owned[-1].lower_ not in words.unit_nouns:
        out.append((owned, label))
    return out


def _name_shaped(span: Span) -> bool:
    """Two to four capitalised words, hyphens between them allowed ("Ana Ruiz-Vela"): a name."""
    words = [t for t in span if t.text != "-"]
    return 2 <= len(words) <= 4 and all(t.is_alpha and t.is_title for t in words) and span[-1].text != "-"


def split_title(doc: Doc, span: Span, label: str, words: EdgeWords) -> list[tuple[Span, str]]:
    """ "Kestrel University Professor Ana Ruiz-Vela" -> [("Kestrel University", Organization),
    ("Ana Ruiz-Vela", Person)]: an organisation's name, a capitalised title and a person's name,
    which the model read as one organisation. The title goes (it is no one's name); the relation
    readers then see "Org Title Person" as they do when the model splits it. Other spans
    unchanged, with ``label``."""
    if label != "Organization" or len(span) < 4:
        return [(span, label)]
    for title in span[1:-2]:
        if title.lower_ in words.titles and title.text[:1].isupper() and _name_shaped(doc[title.i + 1:span.end]):
            return [(doc[span.start:title.i], label), (doc[title.i + 1:span.end], "Person")]
    return [(span, label)]


def _portfolio(doc: Doc, span: Span, words: EdgeWords) -> bool:
    """ "ministre de l'Economie et des *Finances*", "chefs d'*État*", "Jane Doe, à la *Culture*":
    one capitalised common noun after a French article, under a public office or a person."""
    if len(span) != 1 or span.start == 0 or span[0].pos_ != "NOUN":
        return False
    if doc[span.start - 1].lower_ not in _FR_DETERMINERS:
        return False
    token = span[0]
    for _ in range(4):
        if token.dep_ not in _PORTFOLIO_DEPS or token.head.i == token.i:
            return False
        token = token.head
        if token.lower_ in words.portfolio_heads or token.lemma_.lower() in words.portfolio_heads:
            return True
        if token.ent_type_ in _PERSON_LABELS and span.start >= 2 and doc[span.start - 2].lower_ == "à":
            return True
    return False


def _quoted_phrase(doc: Doc, span: Span) -> bool:
    """ "les « *Meilleures* ventes »": a name opening a short quoted phrase that goes on in lower case."""
    if span.start == 0 or doc[span.start - 1].text not in _OPEN_QUOTES:
        return False
    for index in range(span.end, min(span.start + _SHORT_QUOTE + 1, len(doc))):
        token = doc[index]
        if token.text in _CLOSE_QUOTES:
            return any(t.is_alpha and t.is_lower for t in doc[span.end:index])
    return False


def _place_and_generic(span: Span, words: EdgeWords, kb: KnowledgeBase) -> bool:
    """ "the *Canada AI* startup": a known place and words that are never names alone."""
    places = generic = 0
    for token in span:
        if fold(token.text) in words.not_entities:
            generic += 1
            continue
        entry = kb.lookup(token.text)
        if entry is None or entry.type is not EntityType.PLACE:
            return False
        places += 1
    return places > 0 and generic > 0


def not_a_name(doc: Doc, span: Span, words: EdgeWords, kb: KnowledgeBase) -> bool:
    """Whether the unknown ``span`` is a portfolio, a quoted phrase or a place with a generic word."""
    return _portfolio(doc, span, words) or _quoted_phrase(doc, span) or _place_and_generic(span, words, kb)


_PERSON_LABELS = frozenset({"PERSON", "PER", "Person"})


def comma_pieces(doc: Doc, pieces: list[Span], label: str | None) -> list[tuple[Span, str | None]]:
    """``pieces`` of a span with the statistical label ``label``, an organisation's cut at its inner
    commas (no organisation name the NER does not know has one): a piece that is a person named in
    the document ("Jane Moreau ... *Moreau*") is that person, the others keep ``label``."""
    if label != "Organization":
        return [(piece, label) for piece in pieces]
    people = {fold(e[i:].text) for e in doc.ents if e.label_ in _PERSON_LABELS for i in range(len(e))}
    out: list[tuple[Span, str | None]] = []
    for piece in pieces:
        cut: list[Span] = []
        start = piece.start
        for token in piece:
            if token.text == "," and start < token.i < piece.end - 1:
                cut.append(doc[start : token.i])
                start = token.i + 1
        if not cut:
            out.append((piece, label))
            continue
        cut.append(doc[start : piece.end])
        out.extend((span, "Person" if fold(span.text) in people else label) for span in cut)
    return out
