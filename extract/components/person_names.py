"""The written form of a person's name: honorifics before it, and names in another script.

Why: news writes a person with an honorific the name does not include ("Maître Jane Doe", "Me
Doe", "Sheikh Omar Roe", "H.E. Jane Doe", "Dr Jane Doe"), and the graph names the person without
it (the honorifics are a word list, ``honorifics`` in ``data/lexicon.json``); a name written in a
script other than the Latin one of an English or French article (an Arabic dedication under a
French article) is a second writing of a name the article gives in Latin letters, or a name the
reader of the graph cannot check: it is dropped, whatever its type. And after a role noun (an
acronym most often) the model cuts a three-word name and takes the role for an organisation ("COO *Mara*
Lin Chen": "COO" an organisation, "Lin Chen" a person): the first name between the role and the
person is the person's, and the role alone is no organisation. A role's portfolio written in
Title Case before the name is no part of it ("Minister of *Trade* Jane Doe": the parser makes
"Trade" the object of "of", the name the head of the rest; :func:`portfolio_cut`). A family name
followed by a two-syllable given name joined by a hyphen, the second part in lower case ("Kim
Min-jun", "Chey Tae-won"), is the romanised Korean form of a person's name, which the English model
rarely finds: :func:`hyphenated_given_names` adds it, or puts it in place of what the model made of it.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Span, Token

from ..doc_words import doc_text

__all__ = ["hyphenated_given_names", "other_script", "person_name_forms", "portfolio_cut",
           "role_cut_first_names"]

#: The longest family name or syllable of a romanised given name, in letters.
_SYLLABLE = 6
#: A hyphen between a letter and a lower-case one ("Tae*-*won").
_GLUED_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[a-z])")


def other_script(text: str) -> bool:
    """Whether ``text`` has a letter that is not a Latin one.

    >>> other_script("Jane Doe"), other_script("Élodie"), other_script("$500"), other_script("محمد")
    (False, False, False, True)
    """
    # ASCII letters are Latin ones: only the other characters need their Unicode name (a look-up
    # that made this test a tenth of the entity stage)
    return not text.isascii() and any(
        not ch.isascii() and ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def person_name_forms(doc: Doc, ents: list[Span], honorifics: frozenset[str]) -> list[Span]:
    """``ents`` without names in another script, and people's spans without a leading honorific.

    >>> import spacy
    >>> doc = spacy.blank("fr")("Le cabinet de Maître Jane Doe conseille Orvalis.")
    >>> ents = [Span(doc, 3, 6, "Person"), Span(doc, 7, 8, "Organization")]
    >>> [(e.text, e.label_) for e in person_name_forms(doc, ents, frozenset({"maître"}))]
    [('Jane Doe', 'Person'), ('Orvalis', 'Organization')]
    """
    out: list[Span] = []
    for ent in ents:
        if other_script(ent.text):
            continue
        start = ent.start
        while (ent.label_ == "Person" and start < ent.end - 1 and doc[start].lower_ in honorifics
               and doc[start + 1].text[:1].isupper()):
            start += 1
        out.append(ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_, kb_id=ent.kb_id_))
    return out


def role_cut_first_names(doc: Doc, ents: list[Span], role_nouns: frozenset[str]) -> list[Span]:
    """``ents`` with a person's name given back the capitalised word the model cut between a role
    noun and it ("COO *Mara* Lin Chen"), and a one-word entity that is only that role dropped.

    >>> import spacy
    >>> doc = spacy.blank("en")("COO Mara Lin Chen will lead.")
    >>> ents = [Span(doc, 0, 1, "Organization"), Span(doc, 2, 4, "Person")]
    >>> [(e.text, e.label_) for e in role_cut_first_names(doc, ents, frozenset({"coo"}))]
    [('Mara Lin Chen', 'Person')]
    """
    by_token = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    grown: dict[int, Span] = {}
    dropped: set[int] = set()
    for ent in ents:
        if ent.label_ != "Person" or ent.kb_id_ or ent.start < 2 or len(ent) > 3:
            continue
        first, role = doc[ent.start - 1], doc[ent.start - 2]
        if (first.i in by_token or not first.is_title or not first.is_alpha or first.is_stop
                or first.lower_ in role_nouns or role.lower_ not in role_nouns or not first.whitespace_):
            continue
        grown[ent.start] = Span(doc, first.i, ent.end, label="Person")
        held = by_token.get(role.i)
        if held is not None and len(held) == 1 and not held.kb_id_:
            dropped.add(held.start)
    if not grown:
        return ents
    return [grown.get(ent.start, ent) for ent in ents if ent.start not in dropped]


#: Prepositions that open a role's portfolio ("Minister *of* Trade", "Secretary *for* Energy").
_PORTFOLIO_PREPOSITIONS = frozenset({"of", "for"})


def portfolio_cut(doc: Doc, ents: list[Span], role_nouns: frozenset[str]) -> list[Span]:
    """``ents`` with a person's span that starts with the object of "<role> of" cut after that
    object ("Minister of *Trade Jane Doe*" -> "Jane Doe"): the parser attaches the portfolio to the
    preposition and the name to the verb, so the span crosses two phrases."""
    out: list[Span] = []
    for ent in ents:
        out.append(_without_portfolio(doc, ent, role_nouns) if ent.label_ == "Person" and not ent.kb_id_ else ent)
    return out


def _without_portfolio(doc: Doc, ent: Span, role_nouns: frozenset[str]) -> Span:
    if ent.start < 2:
        return ent
    preposition, role = doc[ent.start - 1], doc[ent.start - 2]
    if preposition.lower_ not in _PORTFOLIO_PREPOSITIONS or role.lower_ not in role_nouns:
        return ent
    first = ent[0]
    if first.head.i != preposition.i or first.dep_ != "pobj":
        return ent
    cut = first.right_edge.i + 1
    rest = doc[cut:ent.end]
    # what is left is a name of two words or more, none of them inside the portfolio's phrase
    if len(rest) < 2 or not all(t.text[:1].isupper() for t in rest) or rest.root.head.i == first.i:
        return ent
    return Span(doc, cut, ent.end, label=ent.label_)


def hyphenated_given_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with each "Family Given-name" of the romanised Korean form ("Chey Tae-won": a short
    capitalised word, then a capitalised syllable, a hyphen and a lower-case syllable, written as one
    word) a person, over any unknown entity that overlaps it; a known name stays as it is.

    >>> import spacy
    >>> doc = spacy.blank("en")("Chairman Chey Tae-won met Jane Doe.")
    >>> [(e.text, e.label_) for e in hyphenated_given_names(doc, [])]
    [('Chey Tae-won', 'Person')]
    """
    found: list[Span] = []
    for match in _GLUED_HYPHEN.finditer(doc_text(doc)):  # most documents have none
        hyphen = doc.char_span(match.start(), match.end())
        i = hyphen.start if hyphen is not None else 0
        if i < 2 or i + 1 >= len(doc) or doc[i - 1].whitespace_ or doc[i].whitespace_:
            continue
        family, first, second = doc[i - 2], doc[i - 1], doc[i + 1]
        if not (_syllable(family) and family.text[:1].isupper() and family.whitespace_ == " " and not family.is_stop
                and _syllable(first) and first.is_title and _syllable(second) and second.is_lower):
            continue
        found.append(Span(doc, i - 2, i + 2, label="Person"))
    if not found:
        return ents
    known = [e for e in ents if e.kb_id_]
    found = [span for span in found if not any(e.start < span.end and span.start < e.end for e in known)]
    covered = {i for span in found for i in range(span.start, span.end)}
    kept = [e for e in ents if e.kb_id_ or not any(i in covered for i in range(e.start, e.end))]
    return sorted(kept + found, key=lambda e: e.start)


def _syllable(token: Token) -> bool:
    return token.is_alpha and token.is_ascii and len(token.text) <= _SYLLABLE
