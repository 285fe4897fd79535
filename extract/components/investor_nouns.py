"""Investors named apart from any round: by a noun that makes them investors of a company, by a
company's list of investors, by an investor's portfolio, or by an investment noun that names both
sides (pure, token level: the parser often misreads these noun phrases, "un des investisseurs de
premier plan de Zorbi", so they are read on the words).

* :func:`investor_predicates`: an investor noun predicated of a name or apposed to it, with the
  company after "of"/"de": "A est un des investisseurs de premier plan de Zorbi", "A is also a
  major shareholder of Zorbi", "A, l'un des premiers investisseurs de Zorbi, ...", "A, which was
  an early supporter of Zorbi" ("an investor *at* Zorbi" works there: no investment). A possessive
  before the noun ("its investors") makes it someone else's list, read by :func:`listed_investors`.
* :func:`listed_investors`: a company's investors listed after a listing verb, "Zorbi's investors
  include A and B", "Zorbi compte parmi ses actionnaires A et B".
* :func:`portfolios`: an investor's portfolio listed, "A's portfolio includes Zorbi and Lumo",
  "Parmi les entreprises soutenues par A figurent Zorbi et Lumo", "Among the startups backed by A
  are Zorbi and Lumo".
* :func:`investments_between`: an investment noun with its source and its recipient, "an
  investment by A in Zorbi", "un investissement de A dans Zorbi".

Cue words are data (``word_lists`` in ``data/lexicon.json``: ``investor_owner_preps``,
``investor_predicate_nouns``, ``investor_copulas``, ``investor_list_verbs``,
``investor_counting_verbs``, ``portfolio_holdings``, ``investment_sources``; and the shared
``investor_nouns``, ``portfolio_backer_nouns``, ``portfolio_nouns``, ``backing_participles``,
``investment_nouns``, ``backing_nouns``, ``recipient_preps``).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ..doc_words import cue_tokens
from ..lexicon import Lexicon
from .extensions import RelationCandidate

__all__ = ["BETWEEN", "LISTED", "PORTFOLIO", "PREDICATE", "investments_between", "investor_nouns",
           "investor_predicates", "listed_investors", "portfolios"]

PREDICATE = "pattern:investor-noun"
LISTED = "pattern:investors-listed"
PORTFOLIO = "pattern:portfolio-listed"
BETWEEN = "pattern:investment-between"
_CONFIDENCE = 0.75
_ORG = "Organization"
_ACTORS = frozenset({"Organization", "Person"})
#: Tokens after an investor noun within which its company's preposition must come ("de premier plan de").
_OWNER_REACH = 6
#: Tokens before an investor noun that its noun phrase may span ("l'un des tout premiers").
_PHRASE_REACH = 6
#: Words of an investor noun phrase before the noun ("one of the early", "un des principaux").
_PHRASE_WORDS = frozenset({"one", "of", "the", "a", "an", "un", "une", "l'", "l’", "des", "de", "d'", "d’", "le",
                           "la", "les", "also", "already", "now", "still", "également", "aussi", "déjà", "toujours"})
#: Possessive determiners: "its investors" are someone else's list.
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "ses", "son", "sa", "leurs", "leur", "nos", "notre"})
#: Words that deny the predicate they come before ("is not an investor", "n'est plus actionnaire").
_NEGATIONS = frozenset({"not", "n't", "never", "no", "pas", "plus", "jamais"})
#: Relative pronouns that stand for the name before their comma ("A, which was ...", "A, qui est ...").
_RELATIVES = frozenset({"which", "who", "that", "qui"})
_DETERMINERS = frozenset({"the", "a", "an", "le", "la", "les", "l'", "l’", "un", "une"})
_SEPARATORS = frozenset({",", "and", "et", "&", "ainsi", "que", "as", "well", "de", "d'", "d’", "du", "des"})
#: Words that may stand between a listing verb and its first name ("include notably", "figurent notamment").
_LIST_OPENERS = frozenset({"notably", "notamment", "especially", ":", "both", "also", "aussi", "également"})


def investor_nouns(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """Every construction of this module, for :mod:`.round_investors`."""
    return (investor_predicates(doc, ent_of, lexicon, lang) + listed_investors(doc, ent_of, lexicon, lang)
            + portfolios(doc, ent_of, lexicon, lang) + investments_between(doc, ent_of, lexicon, lang))


def _candidate(investor: Span, company: Span, sent: Span, extractor: str) -> RelationCandidate:
    return RelationCandidate(investor.start, investor.end, "investsIn", company.start, company.end, sent.start,
                             sent.end, extractor, _CONFIDENCE, "", "")


def _starting(doc: Doc, j: int, end: int, ent_of: Mapping[int, Span], labels: frozenset[str]) -> Span | None:
    """The name of one of ``labels`` that starts at ``j`` (after determiners), before ``end``."""
    while j < end and doc[j].lower_ in _DETERMINERS:
        j += 1
    found = ent_of.get(j)
    return found if found is not None and found.start == j and found.label_ in labels else None


def _ending(j: int, ent_of: Mapping[int, Span], labels: frozenset[str]) -> Span | None:
    """The name of one of ``labels`` whose last token is ``j``."""
    found = ent_of.get(j)
    return found if found is not None and found.end == j + 1 and found.label_ in labels else None


def _listed(doc: Doc, j: int, end: int, ent_of: Mapping[int, Span], labels: frozenset[str]) -> list[Span]:
    """The names listed from ``j`` (after an opener), joined by commas, "and"/"et" and "de"/"of" only
    ("A, B et de C"); a name followed by its own "de"/"of" complement name ("B de Google") ends the
    list's member at the complement."""
    while j < end and (doc[j].lower_ in _LIST_OPENERS or doc[j].lower_ in _DETERMINERS):
        j += 1
    first = _starting(doc, j, end, ent_of, labels)
    if first is None:
        return []
    listed = [first]
    j = first.end
    while j < end:
        k = j
        while k < end and doc[k].lower_ in _SEPARATORS:
            k += 1
        if k == j:
            break
        nxt = _starting(doc, k, end, ent_of, labels)
        if nxt is None:
            break
        # "B de Google et de C": a complement owner right after "de"/"of" is no member
        if doc[j].lower_ in {"de", "d'", "d’", "du", "of"} and k == j + 1:
            j = nxt.end
            continue
        listed.append(nxt)
        j = nxt.end
    return listed


# -- an investor noun predicated or apposed ----------------------------------------------------


def investor_predicates(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from an investor noun with its company after "of"/"de" (module docstring)."""
    nouns = lexicon.words_of(lang, "investor_nouns", "portfolio_backer_nouns", "investor_predicate_nouns")
    preps = lexicon.words_of(lang, "investor_owner_preps")
    copulas = lexicon.words_of(lang, "investor_copulas")
    out: list[RelationCandidate] = []
    for noun in cue_tokens(doc, nouns):
        if noun.lower_ not in nouns or noun.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            continue
        sent = noun.sent
        company = _company_after(doc, noun.i, sent.end, ent_of, preps)
        if company is None:
            continue
        investor = _predicated_of(doc, noun.i, sent.start, ent_of, copulas)
        if investor is not None and (investor.start, investor.end) != (company.start, company.end):
            out.append(_candidate(investor, company, sent, PREDICATE))
    return out


def _company_after(doc: Doc, i: int, end: int, ent_of: Mapping[int, Span], preps: frozenset[str]) -> Span | None:
    """The organisation after the investor noun at ``i`` and an owner's preposition, with no verb,
    name or clause punctuation before it ("investisseurs de premier plan de Zorbi")."""
    for j in range(i + 1, min(end, i + 1 + _OWNER_REACH)):
        token = doc[j]
        if token.is_punct or token.pos_ in {"VERB", "AUX"} or j in ent_of:
            return None
        if token.lower_ in preps:
            found = _starting(doc, j + 1, end, ent_of, frozenset({_ORG}))
            if found is not None:
                return found
    return None


def _predicated_of(doc: Doc, i: int, lo: int, ent_of: Mapping[int, Span], copulas: frozenset[str]) -> Span | None:
    """The name the investor noun phrase ending at ``i`` is said of: the subject right before a
    copula ("A est un des investisseurs"), or the name before the comma that opens an apposition
    ("A, l'un des premiers investisseurs")."""
    for j in range(i - 1, max(lo, i - _PHRASE_REACH) - 1, -1):
        token = doc[j]
        lower = token.lower_
        if lower in _POSSESSIVES or lower in _NEGATIONS or j in ent_of:
            return None
        if lower == ",":
            return _ending(j - 1, ent_of, _ACTORS)
        if token.lemma_.lower() in copulas or lower in copulas:
            k = j - 1
            while k >= lo and doc[k].pos_ == "ADV" and doc[k].lower_ not in _NEGATIONS:
                k -= 1
            if k - 1 >= lo and doc[k].lower_ in _RELATIVES and doc[k - 1].lower_ == ",":
                k -= 2  # "A, which was an early backer of Zorbi": the relative stands for the name before it
            return _ending(k, ent_of, _ACTORS)
        if lower not in _PHRASE_WORDS and token.pos_ not in {"ADJ", "NUM", "DET", "ADV"}:
            return None
    return None


# -- a company's investors listed -------------------------------------------------------------


def listed_investors(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from a company's investors listed after a listing verb (module docstring):
    "Zorbi's investors include A and B" (the owner before a possessive), "Zorbi compte parmi ses
    actionnaires A et B" (the counting verb's subject)."""
    nouns = lexicon.words_of(lang, "investor_nouns")
    listing = lexicon.words_of(lang, "investor_list_verbs")
    counting = lexicon.words_of(lang, "investor_counting_verbs")
    out: list[RelationCandidate] = []
    for noun in cue_tokens(doc, nouns):
        if noun.lower_ not in nouns:
            continue
        sent = noun.sent
        company, first = _possessed_list(doc, noun.i, sent, ent_of, listing)
        if company is None:
            company, first = _counted_list(doc, noun.i, sent, ent_of, counting)
        if company is None:
            continue
        for investor in _listed(doc, first, sent.end, ent_of, _ACTORS):
            if (investor.start, investor.end) != (company.start, company.end):
                out.append(_candidate(investor, company, sent, LISTED))
    return out


def _possessed_list(doc: Doc, i: int, sent: Span, ent_of: Mapping[int, Span],
                    listing: frozenset[str]) -> tuple[Span | None, int]:
    """"Zorbi's (early) investors include": the owner before "'s" within three words, and where the
    list starts (after the listing verb right after the noun)."""
    owner = None
    for j in range(i - 1, max(sent.start, i - 4), -1):
        if doc[j].lower_ in ("'s", "’s", "'"):
            owner = _ending(j - 1, ent_of, frozenset({_ORG}))
            break
    if owner is None or i + 1 >= sent.end or doc[i + 1].lower_ not in listing:
        return None, 0
    return owner, i + 2


def _counted_list(doc: Doc, i: int, sent: Span, ent_of: Mapping[int, Span],
                  counting: frozenset[str]) -> tuple[Span | None, int]:
    """"Zorbi compte parmi ses actionnaires A", "Zorbi counts among its backers A": the subject
    before the counting verb, and where the list starts (right after the noun)."""
    j = i - 1
    if j < sent.start or doc[j].lower_ not in _POSSESSIVES:
        return None, 0
    j -= 1
    if j < sent.start or doc[j].lower_ not in {"parmi", "among", "amongst"}:
        return None, 0
    j -= 1
    if j < sent.start or doc[j].lower_ not in counting:
        return None, 0
    return _ending(j - 1, ent_of, frozenset({_ORG})), i + 1


# -- an investor's portfolio -------------------------------------------------------------------


def portfolios(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from an investor's portfolio listed (module docstring): "A's portfolio
    includes B and C", "Parmi les entreprises soutenues par A figurent B et C"."""
    holdings = lexicon.words_of(lang, "portfolio_holdings")
    companies = lexicon.words_of(lang, "portfolio_nouns")
    participles = lexicon.words_of(lang, "backing_participles")
    listing = lexicon.words_of(lang, "investor_list_verbs")
    out: list[RelationCandidate] = []
    for token in cue_tokens(doc, holdings | participles):
        sent = token.sent
        if token.lower_ in holdings:
            investor, first = _portfolio_owner(doc, token.i, sent, ent_of, listing)
        elif token.lower_ in participles:
            investor, first = _backed_companies(doc, token, sent, ent_of, companies, listing)
        else:
            continue
        if investor is None:
            continue
        for company in _listed(doc, first, sent.end, ent_of, frozenset({_ORG})):
            if (investor.start, investor.end) != (company.start, company.end):
                out.append(_candidate(investor, company, sent, PORTFOLIO))
    return out


def _portfolio_owner(doc: Doc, i: int, sent: Span, ent_of: Mapping[int, Span],
                     listing: frozenset[str]) -> tuple[Span | None, int]:
    """"A's portfolio includes", "le portefeuille de A comprend": the owner, and where the list starts."""
    owner, j = None, i + 1
    if i - 1 > sent.start and doc[i - 1].lower_ in ("'s", "’s", "'"):
        owner = _ending(i - 2, ent_of, _ACTORS)
    elif j < sent.end and doc[j].lower_ in {"de", "d'", "d’", "du", "of"}:
        owner = _starting(doc, j + 1, sent.end, ent_of, _ACTORS)
        j = owner.end if owner is not None else j
    if owner is None or j >= sent.end or doc[j].lower_ not in listing:
        return None, 0
    return owner, j + 1


def _backed_companies(doc: Doc, participle: Token, sent: Span, ent_of: Mapping[int, Span],
                      companies: frozenset[str], listing: frozenset[str]) -> tuple[Span | None, int]:
    """"Parmi les entreprises soutenues par A figurent", "Among the startups backed by A are": the
    agent, and where the list starts (after the verb right after the agent)."""
    i = participle.i
    if i - 1 <= sent.start or doc[i - 1].lower_ not in companies:
        return None, 0
    k = i - 2
    while k >= sent.start and doc[k].lower_ in _DETERMINERS | _POSSESSIVES:
        k -= 1
    if k < sent.start or doc[k].lower_ not in {"parmi", "among", "amongst"}:
        return None, 0
    if i + 1 >= sent.end or doc[i + 1].lower_ not in {"par", "by"}:
        return None, 0
    agent = _starting(doc, i + 2, sent.end, ent_of, _ACTORS)
    if agent is None or agent.end >= sent.end or doc[agent.end].lower_ not in listing:
        return None, 0
    return agent, agent.end + 1


# -- an investment noun with both sides --------------------------------------------------------


def investments_between(doc: Doc, ent_of: Mapping[int, Span], lexicon: Lexicon, lang: str) -> list[RelationCandidate]:
    """``investsIn`` from an investment noun followed by its source and its recipient: "an
    investment by A in Zorbi", "un investissement de A dans Zorbi"."""
    nouns = lexicon.words_of(lang, "investment_nouns", "backing_nouns")
    sources = lexicon.words_of(lang, "investment_sources")
    recipients = lexicon.words_of(lang, "recipient_preps")
    out: list[RelationCandidate] = []
    for noun in cue_tokens(doc, nouns):
        if noun.lower_ not in nouns or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        sent, j = noun.sent, noun.i + 1
        if j >= sent.end or doc[j].lower_ not in sources:
            continue
        investor = _starting(doc, j + 1, sent.end, ent_of, _ACTORS)
        if investor is None or investor.end >= sent.end or doc[investor.end].lower_ not in recipients:
            continue
        company = _starting(doc, investor.end + 1, sent.end, ent_of, frozenset({_ORG}))
        if company is not None and (company.start, company.end) != (investor.start, investor.end):
            out.append(_candidate(investor, company, sent, BETWEEN))
    return out
