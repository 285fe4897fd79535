"""Capitalised words that are no name, and names cut short, on news the models have not seen (dev batch 4).

A batch of articles scored before anyone read them showed a few constructions in which the
statistical NER finds organisations that are none, or cuts a name, whatever the names are:

* a stock ticker: "Microsoft (*MSFT.O*)", "(NASDAQ: *ACME*)" (:func:`ticker`);
* a bracket the span opens and does not close: "*Artificial Intelligence (AI*" is cut before the
  bracket (:func:`unclosed_bracket`), then judged on its own (a generic phrase is no name);
* capitalised words inside a short quoted title that they do not fill: "a panel named ‘Technology
  in a *Turbulent World*’" (:func:`in_quoted_title`);
* a capitalised common word in a heading line, written in lower case elsewhere in the article:
  "Responding to *Criticisms*", "*Facing Critics*" ... "has answered critics" (:func:`heading_word`);
* a list of capitalised common words that a bracketed acronym sums up: "*Diversity, Equity*, and
  Inclusion (DEI)", "Environmental, Social, and *Governance* (*ESG*)": a list of concepts is no
  name, nor is its acronym anywhere in the article (:func:`concept_lists`);
* a version of a product the document names, typed otherwise: "Gemma ... *Gemma* 7B" is a
  mention of the product (:func:`product_versions`);
* a nationality word in a list of languages: "en cinq langues (anglais, *espagnol* et
  portugais)" names no place (:func:`names_a_language`, ``language_nouns``);
* a French article fused with its preposition: "les équipes *du Monde*", "au Figaro" name "Le
  Monde", "Le Figaro" (:func:`contracted_article`).

The word lists are the lexicon's (``language_nouns``, ``demonyms``; the French contractions are
grammar, kept here).
"""

from __future__ import annotations

import re

import numpy
from spacy.tokens import Doc, Span

from ..doc_words import doc_text
from ..kb import KBEntry, KnowledgeBase
from ..normalize import fold

__all__ = [
    "concept_lists",
    "contracted_article",
    "heading_word",
    "in_quoted_title",
    "is_ticker",
    "names_a_language",
    "not_a_name",
    "product_versions",
    "ticker",
    "unclosed_bracket",
    "versioned_model",
]

#: "MSFT.O", "NVDA.OQ", "7203.T", "AIR.PA": a ticker with its exchange suffix.
_TICKER = re.compile(r"^(?:[A-Z]{1,6}|\d{3,6})\.[A-Z]{1,2}$")
#: Exchanges written before a ticker: "(NASDAQ: ACME)".
_EXCHANGES = frozenset({"nasdaq", "nyse", "euronext", "lse", "tse", "otc", "epa", "hkex", "sse", "szse"})
_OPEN_QUOTES = frozenset({"‘", "“", "«", '"'})
_CLOSE_QUOTES = frozenset({"’", "”", "»", '"'})
#: The most tokens a quoted title may have: a quotation whose lower-case words are all function words
#: is Title Case whatever its length ("“The Boom Is Here... Don't Chase the Future, Be There Early”");
#: speech, which names people and firms, has lower-case content words.
_TITLE_TOKENS = 24
#: The most words a heading line may have for :func:`heading_word`.
_HEADING_WORDS = 8
_LINE_END = (".", "!", "?", "»", '"', "”", ":", ";", ",")
#: Words that may join the words of a list of concepts ("A, B, and C").
_LIST_JOINERS = frozenset({",", "and", "&", "et", "of", "de", "des", "du", "the", "la", "le", "les"})
#: French prepositions fused with "le" / "les", and the article each stands for.
_CONTRACTIONS = {"du": "le", "au": "le", "des": "les", "aux": "les"}


def is_ticker(word: str) -> bool:
    """ "MSFT.O", "META.O", "7203.T": a ticker with its exchange suffix."""
    return bool(_TICKER.match(word))


def ticker(doc: Doc, span: Span) -> bool:
    """ "Nvidia (*NVDA.O*)", "(NASDAQ: *ACME*)", "Orvex's (*ORVX*) chief", "Kelso (*KLSO*)": a stock
    ticker, not a name; nor is the exchange written before one ("(*NASDAQ*:ACME)")."""
    if is_ticker(span.text):
        return True
    before = doc[span.start - 2: span.start] if span.start >= 2 else None
    if (before is not None and before[1].text == ":" and before[0].lower_ in _EXCHANGES
            and span.text.isupper()):
        return True
    if span.text.lower() in _EXCHANGES and span.end + 1 < len(doc) and doc[span.end].text == ":" \
            and doc[span.end + 1].text.isupper():
        return True
    return _bracketed_ticker(doc, span)


#: A ticker written alone in brackets: one to five capital letters.
_BARE_TICKER = re.compile(r"^[A-Z]{1,5}$")


def _bracketed_ticker(doc: Doc, span: Span) -> bool:
    """ "Orvex's (*ORVX*)", "Kelso (*KLSO*)": capitals filling a bracket after a one-word name or its
    possessive are its ticker (an acronym in brackets follows the several words it abbreviates)."""
    if not _BARE_TICKER.match(span.text) or span.start < 2 or span.end >= len(doc):
        return False
    if doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    name = span.start - 2
    if doc[name].lower_ in {"'s", "’s"} and name > 0:
        name -= 1
    return _one_word_name(doc, name) and _letters_in_order(span.text.lower(), doc[name].lower_)


def _letters_in_order(ticker: str, name: str) -> bool:
    """Whether the letters of ``ticker`` are read in order in ``name`` from its first one (a ticker
    is cut from its company's name: "ORCL" of "Oracle", "CSCO" of "Cisco").

    >>> _letters_in_order("orcl", "oracle"), _letters_in_order("fair", "ia"), _letters_in_order("oif", "francophonie")
    (True, False, False)
    """
    if not name.startswith(ticker[:1]):
        return False
    rest = iter(name)
    return all(letter in rest for letter in ticker)


def _one_word_name(doc: Doc, index: int) -> bool:
    """Whether ``doc[index]`` is a capitalised word that no capitalised word precedes but a
    sentence's first stop word ("The Kelso (KLSO) unit")."""
    word = doc[index]
    if not (word.is_alpha and word.text[:1].isupper()):
        return False
    previous = doc[index - 1] if index else None
    return (previous is None or not previous.text[:1].isupper()
            or (bool(previous.is_sent_start) and previous.is_stop))


def unclosed_bracket(doc: Doc, start: int, end: int) -> int:
    """The end of ``doc[start:end]`` without a bracket it opens and does not close
    ("*Artificial Intelligence* (AI": ``end`` at the bracket); ``end`` when there is none."""
    depth = 0
    opened = -1
    for token in doc[start:end]:
        if token.text == "(":
            depth += 1
            opened = token.i if depth == 1 else opened
        elif token.text == ")":
            depth -= 1
    return opened if depth > 0 and opened > start else end


def in_quoted_title(doc: Doc, span: Span) -> bool:
    """A name inside a short quoted Title Case phrase that has other words too: "‘Technology in a
    *Turbulent World*’" (a title of a talk, a book, a programme). A name that fills its quotes is
    kept, and so is one quoted in speech ("“proud to be here in *Pittsburgh*”")."""
    sentence_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    opening = None
    for index in range(span.start - 1, max(0, span.start - _TITLE_TOKENS) - 1, -1):
        text = doc[index].text
        if "\n" in text or "\n" in doc[index].whitespace_:
            return False  # a title is on one line
        if index < sentence_start and doc[index].text not in _OPEN_QUOTES and doc[index].is_lower:
            return False  # a sentence before with lower-case words: a title's breaks ("Has Arrived...") have none
        if text in _OPEN_QUOTES:
            opening = index
            break
        if text in _CLOSE_QUOTES:
            return False
    if opening is None:
        return False
    closing = next((i for i in range(span.end, min(len(doc), opening + _TITLE_TOKENS + 2))
                    if doc[i].text in _CLOSE_QUOTES), None)
    if closing is None:
        return False
    inside = doc[opening + 1: closing]
    others = [t for t in inside if not (span.start <= t.i < span.end) and t.is_alpha]
    # Title Case: other capitalised words, and only function words in lower case ("in a"); a
    # quotation ("proud to be here in X") has lower-case content words
    return (any(t.is_lower for t in others) and any(t.text[:1].isupper() for t in others)
            and all(t.is_stop for t in others if t.is_lower))


def _line(doc_text: str, span: Span) -> str:
    start = doc_text.rfind("\n", 0, span.start_char) + 1
    end = doc_text.find("\n", span.end_char)
    return doc_text[start: end if end >= 0 else len(doc_text)].strip()


def heading_word(doc_text: str, span: Span) -> bool:
    """ "Responding to *Criticisms*", "*Facing Critics*" (a heading line) when the article writes
    "critics" in lower case elsewhere: a capitalised common word, not a name. One word, or a
    gerund and its object (the model tags a capitalised "Facing" a proper noun: the "-ing" is read)."""
    gerund = span[0].tag_ == "VBG" or (span[0].lower_.endswith("ing") and span[0].is_title)  # a heading's "Facing"
    if not (len(span) == 1 or (len(span) == 2 and gerund)):
        return False
    last = span[-1].text
    if not last[:1].isupper() or last.isupper():
        return False
    line = _line(doc_text, span)
    if not line or line.endswith(_LINE_END) or len(line.split()) > _HEADING_WORDS:
        return False
    return re.search(r"(?<![\w-])" + re.escape(last.lower()) + r"(?![\w-])", doc_text) is not None


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words).upper()


def concept_lists(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` without the members of a list of concepts summed up by a bracketed acronym
    ("Diversity, Equity, and Inclusion (DEI)") nor that acronym anywhere in the document: the
    capitalised words before the bracket, joined by commas, have the acronym's letters as initials."""
    dropped_tokens: set[int] = set()
    acronyms: set[str] = set()
    if "(" not in doc_text(doc):
        return ents
    brackets = numpy.flatnonzero(doc.to_array("ORTH") == doc.vocab.strings["("])
    for index in brackets:  # the brackets only, not one Python step per token
        token = doc[int(index)]
        if token.i + 2 >= len(doc) or doc[token.i + 2].text != ")":
            continue
        acronym = doc[token.i + 1].text
        if not (acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 6):
            continue
        words: list[str] = []
        comma = False
        start = token.i
        while start > 0 and len(words) < len(acronym):
            before = doc[start - 1]
            if before.text[:1].isupper() and before.is_alpha:
                words.insert(0, before.text)
            elif before.lower_ in _LIST_JOINERS:
                comma = comma or before.text == ","
            else:
                break
            start -= 1
        if comma and len(words) == len(acronym) >= 3 and _initials(words) == acronym:
            dropped_tokens.update(range(start, token.i + 3))
            acronyms.add(acronym)
    if not dropped_tokens:
        return ents
    return [e for e in ents if e.kb_id_ or not (e.start in dropped_tokens or e.text in acronyms)]


def contracted_article(doc: Doc, span: Span, kb: KnowledgeBase) -> KBEntry | None:
    """ "les équipes *du Monde*", "au *Figaro*": the known name that opens with the article fused
    into the preposition before ``span`` ("Le Monde", "Le Figaro"), if any."""
    if span.start == 0 or not span.text[:1].isupper():
        return None
    article = _CONTRACTIONS.get(doc[span.start - 1].lower_)
    if article is None:
        return None
    entry = kb.lookup(f"{article} {span.text}")
    if entry is None or not fold(entry.label).startswith(article + " "):
        return None
    return entry


def not_a_name(doc: Doc, span: Span, doc_text: str) -> bool:
    """Whether the unknown ``span`` is a ticker, words of a quoted title or a heading's common word."""
    return ticker(doc, span) or in_quoted_title(doc, span) or heading_word(doc_text, span)


#: A version or size after a product's name: "7B", "2", "3.5", "v2", "8x7B".
_VERSION_WORD = re.compile(r"^v?\d[\w.]*$", re.I)
#: A code name: capitals then digits ("Q42", "AB12").
_CODE_NAME = re.compile(r"^[A-Z]{1,3}\d{1,4}$")


def versioned_model(doc: Doc, span: Span) -> list[Span]:
    """A name the NER calls a person or a place but that carries a digit is a model ("Falcor 7", "Vexa3"):
    a name followed by a separate version token is that product (the gold folds versions into the
    product); one with the digit inside a word ("Brixo-4", "Tarvex32") cannot be cut and is dropped. A
    one-word name made of capitals and digits ("Q42") is a code name, left a Person for the stages
    that type names from their sentence (``lone_names`` drops it where none does)."""
    head = span[:-1]
    if len(span) >= 2 and _VERSION_WORD.match(span[-1].text) and not any(ch.isdigit() for ch in head.text):
        return [Span(doc, head.start, head.end, label="Product")]
    if len(span) == 1 and _CODE_NAME.match(span.text):
        return [Span(doc, span.start, span.end, label="Person")]
    return []


def product_versions(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with an unknown name made of a product's name in the document and a version or size
    ("Gemma ... *Gemma 7B*", "Zephyr ... *Zephyr v2*") read as a mention of that product (the gold
    folds versions into the product, as the knowledge base does)."""
    products = {fold(e.text) for e in ents if e.label_ == "Product"}
    if not products:
        return ents
    out: list[Span] = []
    for ent in ents:
        if (not ent.kb_id_ and ent.label_ != "Product" and len(ent) >= 2 and _VERSION_WORD.match(ent[-1].text)
                and fold(ent[:-1].text) in products):
            out.append(Span(doc, ent.start, ent.end - 1, label="Product"))
        else:
            out.append(ent)
    return out


#: Tokens a list of languages may have between its nationality words ("anglais, français *et* allemand").
_LANGUAGE_GLUE = frozenset({",", "(", "and", "et", "or", "ou", "in", "en", ":"})
#: The most tokens walked back from a nationality word to the noun of languages.
_LANGUAGE_REACH = 14


def names_a_language(doc: Doc, index: int, demonyms: frozenset[str], language_nouns: frozenset[str]) -> bool:
    """ "disponibles en cinq langues (anglais, français, *espagnol* et portugais)", "in three
    languages: English, French and *Spanish*": a nationality word listed after a noun of languages
    names a language, not a place."""
    start = index
    while start > 0 and index - start < _LANGUAGE_REACH:
        before = doc[start - 1]
        if before.lower_ in language_nouns:
            return True
        language = before.lower_ in demonyms or (before.is_alpha and before.pos_ in {"NOUN", "ADJ", "PROPN"})
        if not language and before.lower_ not in _LANGUAGE_GLUE:
            return False
        start -= 1
    return False
