"""The speaker of a quotation: who "we" and "our" are inside a quote.

"'We are announcing the next phase of *our* partnership with Y,' X said in a statement": a first
person inside quotation marks is the quote's speaker, the subject of the reporting verb
(``speech_verbs``) of the same sentence, when that subject is an organisation (or a person, who
speaks for the organisation they lead or work for). Without a quotation mark before the word, or
with no reporting verb whose subject names someone, the first person stays unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

if TYPE_CHECKING:
    from .deals import _Deals

__all__ = ["quote_speaker"]

_QUOTES = frozenset({'"', "“", "”", "«", "»", "‘", "’"})
_SUBJECTS = frozenset({"nsubj"})


def quote_speaker(deals: _Deals, word: Token) -> Span | None:
    """The organisation that speaks the quotation ``word`` is in, in ``word``'s sentence."""
    sent = word.sent
    if not any(t.text in _QUOTES for t in deals.doc[sent.start : word.i]) and not any(
        t.text in _QUOTES for t in deals.doc[word.i : sent.end]
    ):
        return None
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in deals.words.speech:
            continue
        for child in verb.children:
            if child.dep_ not in _SUBJECTS or word.i in {t.i for t in child.subtree}:
                continue
            ent = deals.ent_of.get(child.i)
            if ent is None or ent.label_ not in {"Organization", "Person"}:
                continue
            if not any(t.text in _QUOTES for t in deals.doc[min(word.i, child.i) : max(word.i, child.i)]):
                continue  # the speaker is outside the quote: a quotation mark stands between them
            return ent if ent.label_ == "Organization" else deals.person_org(ent)
    return None
