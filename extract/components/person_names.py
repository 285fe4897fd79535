"""The written form of a person's name: honorifics before it, and names in another script.

Why: news writes a person with an honorific the name does not include ("Maître Jane Doe", "Me
Doe", "Sheikh Omar Roe", "H.E. Jane Doe", "Dr Jane Doe"), and the graph names the person without
it (the honorifics are a word list, ``honorifics`` in ``data/lexicon.json``); a name written in a
script other than the Latin one of an English or French article (an Arabic dedication under a
French article) is a second writing of a name the article gives in Latin letters, or a name the
reader of the graph cannot check: it is dropped, whatever its type.
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Doc, Span

__all__ = ["other_script", "person_name_forms"]


def other_script(text: str) -> bool:
    """Whether ``text`` has a letter that is not a Latin one.

    >>> other_script("Jane Doe"), other_script("Élodie"), other_script("$500"), other_script("محمد")
    (False, False, False, True)
    """
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in text)


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
