"""Funding rounds as one document reports them: the ``raised`` facts put back together (pure).

A round is more than the binary facts the relation finder states (``Mistral AI raised €385
million``, ``Lightspeed investsIn Mistral AI``): it has a stage, a date, investors who lead it and
others who join it, sometimes a valuation. This module reads them from one document's records
and text and returns :class:`~.records.FundingRoundRecord` records; the graph merges the reports
of one real-world round across documents (``aikg.graph.rounds``).

How a report is read, and why:

- **One round per raised amount.** Each ``raised`` fact whose object is an amount starts a round.
  Its *context* is the sentence that states it and the following sentences of the same paragraph
  until one names another raised amount ("The round was led by ..." follows the figure), so an
  investor named in one round's paragraph is not credited to the article's other rounds.
- **A valuation is never a raise.** An amount after "valued at", "valorise ... à", or before
  "valuation" is the round's valuation; a ``raised`` fact pointing to it starts no round.
- **The amount told again.** A sentence of another paragraph that states the round's amount again
  ("la start-up a bouclé une levée de 60 M€. Celle-ci a été menée par ...") and the following
  sentences of its paragraph are the round's too (unless two rounds of the document share it).
- **Lead investors and participants apart.** Investors are the subjects of ``investsIn`` facts
  about the company, named in the round's context; an investor named after "led by" / "mené
  par" / "co-led by" (before any "including" / "aux côtés de") or followed by "led the round"
  leads it, the others take part.
- **Investors named later.** A sentence outside every context that refers back to a round (a
  funding noun after a determiner, "the round", "its latest round", "le tour de table", or owned
  by a company, "Acme's funding", "the round of funding for Acme") or that closes on "also took
  part", and lists actors after a participant or lead cue, names the round's investors: the
  round of the company it names (by label, alias or the label's first word), of the stage it names
  after a determiner ("The Series B was led by ...", "la série A"), else the nearest round before
  it. Articles often list the other investors a paragraph after the figure. Investors named as
  the company's ("investors in the venture", "des investisseurs existants :") refer back too; when
  no round was read, such a sentence names investors of the first-named organisation (not one
  named as a complement, "former chief scientist *of A*").
- **Lists as news writes them.** A list goes on through a described group ("A, as well as several
  business angels such as B and C", "ainsi que de quelques particuliers fortunés, dont B"),
  past a description closed by a comma ("A, the venture arm of Beta, and C") and a repeated
  preposition ("A ainsi que de B"); it ends at its source ("according to", "selon", "said") and
  leaves out a member who speaks ("led by A, Jane Roe, a partner at B, told Reuters").
- **The raise's subject owns its sentence's investors.** When the relation finder read the
  company from a pronoun ("X, a company that competes with Microsoft-backed Y, said it had raised
  ... from investors including ...") and named it only inside another organisation's apposition,
  the round belongs to the apposition's head.
- **The date** is the date expression of the context nearest the amount ("in June", "last year",
  "en décembre 2023", "mardi"), resolved by ``dateparser`` against the publication date (a month
  alone gives its first day, and an expression that would fall after publication is read in the
  past); without one it is the publication date, and :class:`~.records.DateSource` says which.

>>> from datetime import date, datetime, timedelta
>>> from decimal import Decimal
>>> from aikg.extract.records import Document  # the other records are this module's names
>>> text = "Acme raised €20 million in a Series A in June. The round was led by Beta, with Gamma joining."
>>> ev = Evidence("d", text[:47], 0, 47)
>>> def m(key, word):
...     start = text.index(word)
...     end_ = 47 if start < 47 else len(text)
...     return Mention(key, word, start, start + len(word), 0 if start < 47 else 48, end_)
>>> extraction = Extraction(
...     Document("d", text, "d", language="en", published=date(2024, 9, 3)),
...     entities=(EntityRecord("acme", "Acme", EntityType.ORGANIZATION),
...               EntityRecord("amount/EUR-20000000", "€20 million", EntityType.MONETARY_AMOUNT,
...                            amount=Decimal(20000000), currency="EUR"),
...               EntityRecord("beta", "Beta", EntityType.ORGANIZATION),
...               EntityRecord("gamma", "Gamma", EntityType.ORGANIZATION)),
...     mentions=(m("acme", "Acme"), m("amount/EUR-20000000", "€20 million"), m("beta", "Beta"), m("gamma", "Gamma")),
...     relations=(RelationRecord("acme", "raised", "amount/EUR-20000000", ev, "rule", 0.9),
...                RelationRecord("beta", "investsIn", "acme", ev, "rule", 0.9),
...                RelationRecord("gamma", "investsIn", "acme", ev, "rule", 0.9)))
>>> [(r.company, r.amount, r.stage, r.date, r.date_source.value, r.leads, r.participants)
...  for r in find_rounds(extraction)]
[('acme', Decimal('20000000'), 'series-a', datetime.date(2024, 6, 1), 'text', ('beta',), ('gamma',))]
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import dateparser  # type: ignore[import-untyped]

from .dates import MONTHS
from .records import (
    DateSource,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    FundingRoundRecord,
    Mention,
    RelationRecord,
)

__all__ = ["IMPLIED_CONFIDENCE", "RoundCues", "find_rounds", "read_rounds", "resolve_date", "round_cues"]

#: Confidence of an ``investsIn`` implied by a lead cue ("led by X") with no relation pattern behind it.
IMPLIED_CONFIDENCE = 0.7

_WEEKDAYS = ("monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
             "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche")
#: What may stand between a lead cue and a name, or between two names of a list: a comma, "and",
#: an article and up to four words ("le fonds américain", "international venture capital fund"),
#: a dash, colon or quote ("tech's biggest names — A, B and C", "investisseurs existants : A"),
#: up to two members that are no entity ("A, Unknown Fund, B"), an adverb ("on retrouve aussi les
#: fonds A et B"), the country after a member ("A en
#: Allemagne, B au Royaume-Uni", "A in Italy and B").
_LIST_GAP = re.compile(r"(?:\s*\b(?:en|au|aux|in)\s+(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*))?)?"
                       r"[\s,:—–\"“«]*(?-i:(?:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2}\s*,\s*){0,2})"
                       r"(?:(?:and|et|&)\s+)?(?:(?:also|aussi|également|notamment|encore)\s+)?"
                       r"(?:(?:the|le|la|les|l['’]|du|des|de|d['’])\s*)?"
                       r"(?:[\w'’-]+[\s:—–\"“«]+){0,4}(?:\b[dl]['’])?", re.IGNORECASE)
#: A list that goes on through a described group ("A, B, ainsi que de plusieurs investisseurs
#: individuels, dont C et D", "A and B, as well as other investors such as C"): a joining phrase,
#: up to six words that describe the group, and a word that opens its members.
_LIST_BRIDGE = re.compile(r"\s*,?\s*(?:as well as|along with|together with|and other|and several|plus|ainsi que|"
                          r"et d['’]autres|et plusieurs|et des)\b[^.;:()]{0,60}?[\s,]"
                          r"(?:such as|including|like|among them|notably|dont|notamment|comme|tels? que|"
                          r"telles? que|parmi lesquels|parmi lesquelles)\s*:?\s*", re.IGNORECASE)
#: A source named after the list ("..., B and C, according to Reuters", "selon Les Echos"): the
#: list has ended.
_LIST_STOP = re.compile(r"\b(?:according to|as reported by|reported by|said|says|told|per|selon|d['’]après|"
                        r"rapporte|indique|a déclaré|déclare|a expliqué|explique|a précisé|précise)\b", re.IGNORECASE)
#: A member that speaks or reports, with its description between commas ("led by A, Jane Roe, a
#: partner at B, told Reuters", "auprès de A, Jane Roe, associée chez B, a précisé") or none ("led by
#: A, Bloomberg previously reported"): the name is the source quoted about the round, not an investor.
_SPEAKER = re.compile(r"(?:\s*,\s*(?-i:[a-zà-ÿ])[^,.;]{0,60},\s*|\s+)"
                      r"(?:(?:previously|first|earlier|initially|also|a d'abord|avait)\s+)?"
                      r"(?:told|said|says|explained|added|reported|reports|wrote|"
                      r"a déclaré|déclare|a expliqué|explique|a précisé|précise|a indiqué|indique|a confié|"
                      r"rapporte|a rapporté|rapporté|écrit)\b",
                      re.IGNORECASE)
#: Between a company and the fund it invests through ("Acme's venture capital arm, Acme Ventures";
#: "le fonds d'investissement d'Acme, Acme Capital"): the fund is the investor, not the company.
_ARM = re.compile(r"\s*['’]s\s+(?:[\w-]+\s+){0,3}(?:arm|unit|fund|division|vehicle)\s*,\s*", re.IGNORECASE)
#: A parenthesis after a list member, or an aside between dashes before the list goes on: "Jane Roe
#: (Acme), John Doe (Beta)", "A -le fonds de Beta-, C".
_ASIDE = re.compile(r"\s*(?:\([^()]{1,40}\)|[-–—][^-–—()]{1,60}[-–—](?=\s*(?:[,;]|\b(?:and|et)\b)))",
                    re.IGNORECASE)
#: Between an organisation and a name inside its apposition ("Acme, an AI company that competes
#: with Microsoft-backed Beta, said ..."): a comma, an article, no other comma.
_APPOSITION = re.compile(r"\s*,\s*(?:an?|the|une?|la|le|l['’])\s[^,;]*", re.IGNORECASE)
#: The apposition closes with a comma before the clause goes on.
_APPOSITION_END = re.compile(r"[^,;.]*,")
#: A gap that ends with a preposition makes the next name a complement, not a member of the list
#: ("A, co-founder of Beta", "le fonds de Jane Roe").
_COMPLEMENT = re.compile(r"\b(?:of|at|from|de|du|des|chez)\s*$|\bd['’]$", re.IGNORECASE)
#: "ainsi que de X", "as well as of X": the preposition repeats the list's own, X is a member.
_JOINED = re.compile(r"\b(?:ainsi que|de même que|et|ou|as well as|and)\s+(?:of|from|de|du|des|d['’])\s*$",
                     re.IGNORECASE)
#: After a name's complement, the list's preposition repeated ("de A de Beta et de C"): C is a member.
_REPEATED = re.compile(r"\s*,?\s*(?:et|and|ainsi que|as well as)\s+(?:de|d['’]|du|des|of|from)\s*", re.IGNORECASE)
#: A description closed by a comma ("A, the venture arm of Beta, and C"): the next name is a member.
_CLOSED = re.compile(r"\s*,\s*(?:(?:and|et)\s+)?")
#: Before a list: a preposition or an agent makes it a complement ("founded by A and B").
_AGENT = re.compile(r"(?:\b(?:of|at|from|by|de|du|chez|par)\s*|\bd['’])$", re.IGNORECASE)
#: What separates two members of a list ("A, B ou encore C"; a name followed by another without one qualifies it).
_SEPARATOR = re.compile(r",|;|\b(?:and|et|or|ou)\b|&", re.IGNORECASE)
_WEEKDAY_INDEX = {name: i % 7 for i, name in enumerate(_WEEKDAYS.split("|"))}
#: Full month names only: the English abbreviations ("may", "mar") are common words.
_PARAGRAPH = re.compile(r"\n\s*\n")
#: A capitalised word inside a sentence (a name, typed or not).
_CAPITALISED = re.compile(r"(?<=[\s(«“\"'’])(?-i:[A-Z][\w&-]+)")
#: A name as written: capitalised words ("Scale", "Mistral AI", "JCDecaux Holding").
_NAME = r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*"
_MONTH_NAMES = "|".join(sorted((name for name in MONTHS if len(name) > 3 or name == "mai"), key=len, reverse=True))


@dataclass(frozen=True)
class RoundCues:
    """The cue words of ``extract/data/rounds.json``, compiled once."""

    stages: tuple[tuple[str, re.Pattern[str]], ...]
    lead: re.Pattern[str]
    lead_after: re.Pattern[str]
    participants: re.Pattern[str]
    participant_list: re.Pattern[str]
    #: The end of a list cue that opens the companies an investor backed ("l'un des premiers bailleurs
    #: de fonds *d'entreprises telles que* A, B"): the names after it are its portfolio, not the round's.
    portfolio: re.Pattern[str]
    participant_after: re.Pattern[str]
    #: The same cue closing its clause ("A and B also took part."): it refers back to a round.
    took_part: re.Pattern[str]
    #: A funding noun that refers back to a round told earlier ("the round", "its latest round",
    #: "le tour de table"); ``owned`` the same noun with its company ("Acme's funding", "the round
    #: of funding for Acme", "la levée de fonds d'Acme"), the name in group ``owner``.
    reference: re.Pattern[str]
    owned: tuple[re.Pattern[str], ...]
    #: Investors named as a told company's ("investors in the venture", "its existing backers", "les
    #: investisseurs historiques"): the sentence refers back to that company's round.
    investor_reference: re.Pattern[str]
    #: A stage named after a determiner ("the Series B", "its seed round", "la série A"): it refers
    #: back to the round of that stage.
    stage_references: tuple[tuple[str, re.Pattern[str]], ...]
    valuation_before: re.Pattern[str]
    valuation_after: re.Pattern[str]
    dates: re.Pattern[str]
    relative: dict[str, str]


def _alternatives(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


@cache
def round_cues() -> RoundCues:
    """The cues, read from the package data once."""
    data: dict[str, Any] = json.loads(
        resources.files("aikg.extract").joinpath("data", "rounds.json").read_text(encoding="utf-8"))
    relative: dict[str, str] = data["relative"]
    nouns = _alternatives(data["funding_nouns"])
    referring = _alternatives(data["funding_nouns"] + data["reference_nouns"])
    determiners = _alternatives(data["round_determiners"])
    dates = (rf"\b(?:(?:{_alternatives(list(relative))})"
             rf"|(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTH_NAMES})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?(?:\s+(?:19|20)\d\d)?"
             rf"|(?:in|en)\s+(?:19|20)\d\d"
             rf"|(?:{_WEEKDAYS}))\b")
    return RoundCues(
        stages=tuple((stage, re.compile(rf"\b(?:{_alternatives(p)})", re.IGNORECASE))
                     for stage, p in data["stages"].items()),
        lead=re.compile(rf"\b(?:{_alternatives(data['lead'])})\b", re.IGNORECASE),
        lead_after=re.compile(rf"^\W{{0,3}}(?:which\s+|qui\s+)?(?:{_alternatives(data['lead_after'])})\b",
                              re.IGNORECASE),
        participants=re.compile(rf"\b(?:{_alternatives(data['participants'])})\b", re.IGNORECASE),
        participant_list=re.compile(rf"\b(?:{_alternatives(data['participant_list'])})(?:\b|(?<=\W))",
                                    re.IGNORECASE),
        participant_after=re.compile(rf"^\W{{0,3}}(?:{_alternatives(data['participant_after'])})\b", re.IGNORECASE),
        portfolio=re.compile(_alternatives(data["portfolio"]), re.IGNORECASE),
        took_part=re.compile(rf"\b(?:{_alternatives(data['participant_after'])})\s*[,.;]", re.IGNORECASE),
        reference=re.compile(rf"\b(?:{determiners})(?:\s+|(?<=['’]))(?:[\w$€£.,-]+\s+){{0,4}}?(?:{referring})\b",
                             re.IGNORECASE),
        owned=(re.compile(rf"\b(?:{nouns})(?:\s+(?:of|de)\s+\w+)?\s+(?:for|of|in|into|de|d['’]|dans|chez)\s+"
                          rf"(?:the\s+|la\s+|le\s+|l['’])?(?P<owner>{_NAME})"),
               re.compile(rf"(?P<owner>{_NAME})['’]s\s+(?:[\w$€£.-]+\s+){{0,3}}?(?i:{nouns})\b")),
        investor_reference=re.compile(rf"\b(?:{_alternatives(data['investor_references'])})\b", re.IGNORECASE),
        stage_references=tuple((stage, re.compile(rf"\b(?:{determiners})(?:\s+|(?<=['’]))(?:[\w-]+\s+){{0,2}}?"
                                                  rf"(?:{_alternatives(p)})", re.IGNORECASE))
                               for stage, p in data["stages"].items() if stage in data["referring_stages"]),
        valuation_before=re.compile(rf"\b(?:{_alternatives(data['valuation'])})\b", re.IGNORECASE),
        valuation_after=re.compile(r"^\s*(?:post-money\s+|pre-money\s+)?valuation\b", re.IGNORECASE),
        dates=re.compile(dates, re.IGNORECASE),
        relative=relative,
    )


@lru_cache(maxsize=4096)
def _parse_as_of(text: str, languages: tuple[str, ...], base: datetime) -> datetime | None:
    """``dateparser``'s reading of ``text`` as of ``base``: the same for the same three, so read once
    per process (documents of a day name the same dates; each reading costs about a millisecond)."""
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": base}
    found: datetime | None = dateparser.parse(text, languages=list(languages), settings=settings)
    return found


def resolve_date(expression: str, published: date | None, language: str | None = None) -> date | None:
    """The date that ``expression`` names, read as of ``published`` (never after it).

    >>> resolve_date("in June", date(2023, 12, 12))
    datetime.date(2023, 6, 1)
    >>> resolve_date("en décembre 2023", date(2025, 9, 10), "fr")
    datetime.date(2023, 12, 1)
    >>> resolve_date("l'an dernier", date(2024, 3, 5), "fr")
    datetime.date(2023, 3, 1)
    """
    cues = round_cues()
    text = re.sub(r"^(?:in|en|on|le)\s+", "", expression.strip(), flags=re.IGNORECASE)
    english = cues.relative.get(text.casefold())
    languages = ["en"] if english else [language] if language in ("en", "fr") else ["en", "fr"]
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    if re.fullmatch(r"(?:19|20)\d\d", text):  # a year alone: its first day
        return date(int(text), 1, 1)
    weekday = _WEEKDAY_INDEX.get(text.casefold())
    if weekday is not None and published is not None:  # the last such day, publication day included
        return published - timedelta(days=(published.weekday() - weekday) % 7)
    if published is None:  # read against today: nothing to keep
        parsed = dateparser.parse(english or text, languages=languages, settings=settings)  # type: ignore[arg-type]
    else:
        parsed = _parse_as_of(english or text, tuple(languages), settings["RELATIVE_BASE"])  # type: ignore[arg-type]
    if parsed is None:
        return None
    found: date = parsed.date()
    if published is not None and found > published:
        return published
    return found


def _is_valuation(text: str, mention: Mention, previous_end: int) -> bool:
    cues = round_cues()
    before = text[max(previous_end, mention.start - 45):mention.start]
    return bool(cues.valuation_before.search(before) or cues.valuation_after.match(text[mention.end:mention.end + 30]))


@dataclass
class _Round:
    company: str
    amount_key: str
    first: Mention
    context: tuple[int, int]
    previous: tuple[int, int]
    evidence: Evidence
    #: Sentences outside the context that refer back to the round ("Its latest round included ...").
    later: list[tuple[int, int]] = field(default_factory=list)
    #: The stage its context names ("series-b"), read before the sentences that refer back to it.
    stage: str | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [self.context, *self.later]


def find_rounds(extraction: Extraction) -> tuple[FundingRoundRecord, ...]:
    """The funding rounds that one document reports (see the module docstring)."""
    return read_rounds(extraction)[0]


def read_rounds(extraction: Extraction) -> tuple[tuple[FundingRoundRecord, ...], tuple[RelationRecord, ...]]:
    """The rounds of one document, and the ``investsIn`` facts they imply that the relation finder
    did not state (an investor named only after "menée par"), so that ``investsIn`` stays true to
    the rounds."""
    document = extraction.document
    text = document.text
    cues = round_cues()
    entities = {e.key: e for e in extraction.entities}
    amount_mentions = sorted((m for m in extraction.mentions
                              if (e := entities.get(m.entity_key)) is not None
                              and e.type is EntityType.MONETARY_AMOUNT and e.amount is not None),
                             key=lambda m: m.start)
    valuations: set[Mention] = set()
    previous_end = 0
    for mention in amount_mentions:
        if _is_valuation(text, mention, previous_end):
            valuations.add(mention)
        previous_end = mention.end
    raise_starts = {m.sentence_start for m in amount_mentions if m not in valuations}
    breaks = [match.end() for match in _PARAGRAPH.finditer(text)]
    sentences = sorted({(m.sentence_start, m.sentence_end) for m in extraction.mentions})

    def context(sentence: tuple[int, int]) -> tuple[int, int]:
        """The sentence and the following ones of its paragraph up to the next raised amount."""
        paragraph = bisect_right(breaks, sentence[0])
        end = sentence[1]
        for start, stop in sentences:
            if start < end:
                continue
            if bisect_right(breaks, start) != paragraph or start in raise_starts:
                break
            end = stop
        return sentence[0], end

    def before(sentence: tuple[int, int]) -> tuple[int, int]:
        """The sentence before ``sentence`` in its paragraph (where a date is often given)."""
        paragraph = bisect_right(breaks, sentence[0])
        previous = [s for s in sentences if s[1] <= sentence[0] and bisect_right(breaks, s[0]) == paragraph]
        return previous[-1] if previous else sentence

    rounds: dict[tuple[str, str], _Round] = {}
    for relation in extraction.relations:
        amount = entities.get(relation.object)
        if relation.predicate != "raised" or amount is None or amount.type is not EntityType.MONETARY_AMOUNT:
            continue
        ev = relation.evidence
        in_sentence = [m for m in amount_mentions if m.entity_key == relation.object and ev.start <= m.start < ev.end]
        if not in_sentence or all(m in valuations for m in in_sentence):
            continue  # a valuation is never a raise
        first = next(m for m in in_sentence if m not in valuations)
        company = _owner(text, relation, extraction.mentions, entities)
        pair = (company, relation.object)
        if pair not in rounds or first.start < rounds[pair].first.start:
            rounds[pair] = _Round(company, relation.object, first,
                                 context((first.sentence_start, first.sentence_end)),
                                 before((first.sentence_start, first.sentence_end)), ev)
    ordered = sorted(rounds.values(), key=lambda r: r.first.start)
    _restated(ordered, amount_mentions, valuations, context)
    for found in ordered:
        found.stage = _stage(text[found.context[0]:found.context[1]], found.first.start - found.context[0], cues)
    told = [m for m in amount_mentions if m not in valuations]
    orphans = _refer_back(text, sentences, ordered, context, extraction.mentions, entities, cues, told)

    backers = {(r.subject, r.object) for r in extraction.relations if r.predicate == "investsIn"}
    investors = {subject for subject, _ in backers}
    facts = {(r.subject, r.predicate, r.object) for r in extraction.relations}
    records = []
    implied: list[RelationRecord] = []

    def imply(mention: Mention, company: str, extractor: str) -> None:
        """The investment a round implies for an investor it names, unless a fact already states it."""
        if (mention.entity_key, company) in backers:
            return
        implied.append(RelationRecord(
            mention.entity_key, "investsIn", company,
            Evidence(document.doc_id, text[mention.sentence_start:mention.sentence_end],
                     mention.sentence_start, mention.sentence_end),
            extractor, IMPLIED_CONFIDENCE))
        backers.add((mention.entity_key, company))

    def credit(spans: list[tuple[int, int]], company: str, guard: Mention | None,
               leads: list[str], participants: list[str]) -> None:
        """Credit the actors that the spans list after a cue with an investment in ``company``."""
        listed = _named_after_cue(text, spans, company, guard, extraction.mentions, entities,
                                  cues.participant_list, cues)
        for mention in listed:
            key = mention.entity_key
            if key in leads or key in participants or (key, "leads", company) in facts:
                continue
            participants.append(key)
            imply(mention, company, "round:participant-cue")  # "with participation from X, Y and Z"
        for mention in _named_after_cue(text, spans, company, guard, extraction.mentions, entities, cues.lead, cues):
            key = mention.entity_key
            if key not in leads and (key, "leads", company) not in facts:
                leads.append(key)
                if key in participants:
                    participants.remove(key)
                imply(mention, company, "round:lead-cue")

    for found in ordered:
        amount = entities[found.amount_key]
        lo, hi = found.context
        leads: list[str] = []
        participants: list[str] = []
        for mention in extraction.mentions:
            key = mention.entity_key
            if not any(a <= mention.start < b for a, b in found.spans) or key not in investors \
                    or (key, found.company) not in backers:
                continue
            if key in leads or key in participants:
                continue
            (leads if _leads(text, mention, cues, found.first) else participants).append(key)
        credit(found.spans, found.company, found.first, leads, participants)
        valuation = _nearest(
            [m for m in valuations if lo <= m.start < hi], found.first.start)
        value_record = entities[valuation.entity_key] if valuation is not None else None
        when, source = _round_date(text, found, document.published, document.language, cues)
        records.append(FundingRoundRecord(
            company=found.company, evidence=found.evidence,
            amount=amount.amount, currency=amount.currency, amount_key=found.amount_key,
            stage=found.stage,
            date=when, date_source=source,
            leads=tuple(leads), participants=tuple(participants),
            valuation=value_record.amount if value_record is not None else None,
            valuation_currency=value_record.currency if value_record is not None else None,
        ))
    for sentence, company in orphans:  # a round the document names but reports no amount of
        credit([sentence], company, None, [], [])
    return tuple(records), tuple(implied)


def _restated(rounds: list[_Round], amounts: list[Mention], valuations: set[Mention],
              context: Callable[[tuple[int, int]], tuple[int, int]]) -> None:
    """The round's amount stated again in another paragraph ("... annoncé une levée de 60 M€." then,
    further on, "la start-up a bouclé une levée de 60 M€. Celle-ci a été menée par A"): that sentence
    and the following ones of its paragraph tell of the same round (an amount that two rounds of the
    document share is no one's)."""
    shared = {key for key in (r.amount_key for r in rounds) if sum(r.amount_key == key for r in rounds) > 1}
    for found in rounds:
        if found.amount_key in shared:
            continue
        for mention in amounts:
            if mention.entity_key != found.amount_key or mention in valuations \
                    or any(a <= mention.start < b for a, b in found.spans):
                continue
            found.later.append(context((mention.sentence_start, mention.sentence_end)))


def _leads(text: str, mention: Mention, cues: RoundCues, amount: Mention) -> bool:
    """Whether ``mention`` is named as a lead investor in its sentence (a cue before the amount in
    the amount's own sentence is about the company: "X, led by its CEO, raised ...")."""
    if cues.lead_after.match(text[mention.end:mention.end + 40]):
        return True
    floor = amount.start if mention.sentence_start == amount.sentence_start else mention.sentence_start
    before = text[floor:mention.start]
    cue = max(cues.lead.finditer(before), key=lambda m: m.start(), default=None)
    if cue is None:
        return False
    return cues.participants.search(before[cue.end():]) is None


def _owner(text: str, relation: RelationRecord, mentions: tuple[Mention, ...],
           entities: dict[str, EntityRecord]) -> str:
    """The company that a ``raised`` fact's round belongs to: its subject, unless the subject came
    from a pronoun ("X, a company that competes with Y, said it had raised ...") and is named in
    the sentence only inside the apposition of another organisation; the pronoun then stands for
    the apposition's head, the clause's subject, which owns the investors its sentence lists."""
    if "coref" not in relation.extractor:
        return relation.subject
    ev = relation.evidence
    inside = [m for m in mentions if ev.start <= m.start < ev.end]
    named = [m for m in inside if m.entity_key == relation.subject]
    heads = set()
    for mention in named:
        head = next((h for h in inside if h.end <= mention.start and h.entity_key != relation.subject
                     and (e := entities.get(h.entity_key)) is not None and e.type is EntityType.ORGANIZATION
                     and _APPOSITION.fullmatch(text[h.end:mention.start])
                     and _APPOSITION_END.match(text, mention.end)), None)
        if head is None:
            return relation.subject
        heads.add(head.entity_key)
    return heads.pop() if len(heads) == 1 else relation.subject


def _refer_back(text: str, sentences: list[tuple[int, int]], rounds: list[_Round],
                extend: Callable[[tuple[int, int]], tuple[int, int]], mentions: tuple[Mention, ...],
                entities: dict[str, EntityRecord], cues: RoundCues,
                told: list[Mention]) -> list[tuple[tuple[int, int], str]]:
    """Sentences outside every round's context that refer back to a round and list investors
    ("Other investors in the latest round of funding for Acme included ...", "Its latest round
    included participation from ...", "ont participé au tour de table, dont ..."): each
    joins the ``later`` sentences of its round, the one of the company it names (by label, alias
    or the label's first word), else the nearest round before it, else the document's first; when the
    document tells of no round (its amount missed), the round of the organisation it names first.
    Investors named as a told company's ("investors in the venture", "its existing backers", "les
    investisseurs historiques") refer back as "the round" does.
    As a round's context does, the sentence brings the following ones of its paragraph
    (``extend``: "Businessmen A and B were also involved"). A sentence that names a company with
    no round of the document is returned with it. When no round was read and an amount (``told``:
    the amounts that are no valuation) comes before the sentence, "the round" is most likely the one
    of the last such amount: its sentence's first organisation, and none when that sentence names its
    company by a name the tagger did not type ("La startup de défense Zorbi ... en levant 1,5 milliard")
    rather than the document's first."""
    orphans: list[tuple[tuple[int, int], str]] = []
    covered = [r.context for r in rounds]
    for sentence in sentences:
        lo, hi = sentence
        if any(a <= lo < b for a, b in covered):
            continue
        took_part = cues.took_part.search(text, lo, hi)
        if not (took_part or _lists_investors(text, lo, hi, cues) or cues.lead.search(text, lo, hi)):
            continue
        owners = [m for pattern in cues.owned for m in pattern.finditer(text, lo, hi)]
        theirs = cues.investor_reference.search(text, lo, hi)
        staged = {stage for stage, pattern in cues.stage_references if pattern.search(text, lo, hi)}
        if not owners and not took_part and not theirs and not staged and not cues.reference.search(text, lo, hi):
            continue
        company: str | None = None
        for match in owners:
            company = _company_named(match.group("owner"), match.start("owner"), mentions, entities)
            if company is not None:
                break
        if owners and company is None:
            continue  # the round of a company the document does not know
        own = [r for r in rounds if r.company == company] if company is not None else rounds
        own = [r for r in own if r.stage in staged] or own  # "The Series B was led by ...": that stage's round
        earlier = [r for r in own if r.first.start < lo]
        found = earlier[-1] if earlier else own[0] if own else None
        if found is None and company is None and not rounds:
            company = _amount_owner(text, [m for m in told if m.start < lo], mentions, entities)
        span = extend(sentence)
        if found is not None:
            found.later.append(span)
            covered.append(span)
        elif company is not None:
            orphans.append((span, company))
    return orphans


def _portfolio_cue(text: str, cue: re.Match[str], cues: RoundCues) -> bool:
    """Whether a list cue opens the companies an investor backed ("A, an early backer of startups such
    as B and C"): B and C are A's portfolio, not investors of the round."""
    return cues.portfolio.search(text, max(0, cue.start() - 60), cue.end()) is not None


def _lists_investors(text: str, lo: int, hi: int, cues: RoundCues) -> bool:
    """Whether the span holds a list cue of the round's investors (not of an investor's portfolio)."""
    return any(not _portfolio_cue(text, cue, cues) for cue in cues.participant_list.finditer(text, lo, hi))


def _amount_owner(text: str, before: list[Mention], mentions: tuple[Mention, ...],
                  entities: dict[str, EntityRecord]) -> str | None:
    """The company "the round" refers to when no round was read (see :func:`_refer_back`): the first
    organisation of the last amount's sentence, none when that sentence names its company by a name
    not typed as an organisation (a capitalised word, not the first, that no other mention covers),
    else the document's first."""
    if before:
        lo, hi = before[-1].sentence_start, before[-1].sentence_end
        inside = tuple(m for m in mentions if lo <= m.start < hi)
        own = _first_organisation(text, inside, entities)
        if own is not None:
            return own
        for word in _CAPITALISED.finditer(text, lo, hi):
            if word.start() > lo and not any(m.start <= word.start() < m.end for m in inside
                                             if entities[m.entity_key].type is not EntityType.ORGANIZATION):
                return None
    return _first_organisation(text, mentions, entities)  # no round told: the company the article is about


def _first_organisation(text: str, mentions: tuple[Mention, ...], entities: dict[str, EntityRecord]) -> str | None:
    """The organisation the document names first, not as a complement ("former chief scientist *of
    A*, has raised $1bn for his venture, B": B): the antecedent of "the round" or "its investors"
    when the document tells of no round."""
    return next((m.entity_key for m in mentions
                 if (e := entities.get(m.entity_key)) is not None and e.type is EntityType.ORGANIZATION
                 and not _AGENT.search(text, max(m.sentence_start, m.start - 20), m.start)), None)


def _company_named(name: str, start: int, mentions: tuple[Mention, ...],
                   entities: dict[str, EntityRecord]) -> str | None:
    """The organisation that ``name`` (written at ``start``) names: a mention there, else an
    organisation whose label, alias or label's first word it is ("Scale" for "Scale AI")."""
    for mention in mentions:
        if mention.start <= start < mention.end:
            entity = entities.get(mention.entity_key)
            return mention.entity_key if entity is not None and entity.type is EntityType.ORGANIZATION else None
    matches = {e.key for e in entities.values() if e.type is EntityType.ORGANIZATION
               and name in (e.label, *e.aliases, e.label.split()[0] if len(e.label.split()[0]) > 3 else e.label)}
    return matches.pop() if len(matches) == 1 else None


def _named_after_cue(text: str, spans: list[tuple[int, int]], company: str, guard: Mention | None,
                     mentions: tuple[Mention, ...], entities: dict[str, EntityRecord],
                     cue_words: re.Pattern[str], cues: RoundCues) -> list[Mention]:
    """Actors listed right after a cue of the spans (a round's context and the sentences that refer
    back to it), even when no ``investsIn`` fact names them: a lead cue ("menée par le fonds
    américain General Catalyst", "led by A and B") or a participants' list ("with participation
    from A, B and C", "investors include A and B", "tech's biggest names — A, B and C"). In the
    amount's own sentence (``guard``) the cue must follow the amount: in "X, led by its CEO Y,
    raised ..." the cue is about the company, not the round. A parenthesis after a member ("A
    (Acme)") is skipped: it names the member's company, not another investor."""
    named: list[Mention] = []
    for lo, hi in spans:
        actors = sorted((m for m in mentions if lo <= m.start < hi and m.entity_key != company
                         and (e := entities.get(m.entity_key)) is not None
                         and e.type in (EntityType.ORGANIZATION, EntityType.PERSON)), key=lambda m: m.start)
        for cue in cue_words.finditer(text, lo, hi):
            if cue_words is cues.participant_list and _portfolio_cue(text, cue, cues):
                continue
            if guard is not None and guard.sentence_start <= cue.start() < guard.sentence_end \
                    and cue.start() < guard.start:
                continue
            position = cue.end()
            complement = -1  # where a name that completes a description ends ("l'ex-PDG de Beta")
            for mention in actors:
                if mention.start < position:
                    continue
                gap = text[position:mention.start]
                if complement == position and not gap.strip() \
                        and entities[mention.entity_key].type is EntityType.PERSON:
                    named.append(mention)  # "l'ancien chef de Beta Jane Roe": the role's holder is the member
                    position = mention.end
                    complement = -1
                    continue
                if complement == position and not _CLOSED.fullmatch(gap) and not _REPEATED.fullmatch(gap) \
                        and not (_SEPARATOR.search(gap) and entities[mention.entity_key].type is EntityType.PERSON):
                    break  # after "A, co-founder of Beta", a person goes on ("..., and Jane Roe"), or any name
                    # once a comma closed the description ("A, the venture arm of Beta, and C")
                if named and named[-1].end == position and _ARM.fullmatch(gap):
                    named[-1] = mention  # "A's venture arm, B": B invests
                    position = mention.end
                    continue
                stops = cue_words is cues.lead and cues.participants.search(gap)
                bridged = bool(named) and named[-1].end == position and not stops and _LIST_BRIDGE.fullmatch(gap)
                if _LIST_STOP.search(gap) or (not bridged and (len(gap) > 45 or not _LIST_GAP.fullmatch(gap) or stops)):
                    break
                joined = _JOINED.search(gap)
                if _COMPLEMENT.search(gap) and not joined:
                    complement = position = mention.end
                    continue
                if named and named[-1].end == position and not bridged and not joined and not _SEPARATOR.search(gap):
                    named.pop()  # "Nvidia researcher Timo Aila": the first name only qualifies the second
                if _SPEAKER.match(text, mention.end):
                    break
                named.append(mention)
                position = mention.end
                aside = _ASIDE.match(text, position)
                if aside:
                    position = aside.end()
        if cue_words is cues.participant_list:
            named.extend(_named_before_cue(text, actors, cues))
    return named


def _named_before_cue(text: str, actors: list[Mention], cues: RoundCues) -> list[Mention]:
    """Actors listed right before a participant cue that follows them ("A and B also took part",
    "Businessmen A and B were also involved"): the last name before the cue, and the names before
    it that a separator (a comma, "and") joins to it."""
    named: list[Mention] = []
    for i, mention in enumerate(actors):
        if not cues.participant_after.match(text[mention.end:mention.end + 40]):
            continue
        listed = [mention]
        for earlier in reversed(actors[:i]):
            gap = text[earlier.end:listed[-1].start]
            if len(gap) > 45 or not _SEPARATOR.search(gap) or not _LIST_GAP.fullmatch(gap) \
                    or _COMPLEMENT.search(gap):
                break
            listed.append(earlier)
        if _AGENT.search(text, max(listed[-1].sentence_start, listed[-1].start - 20), listed[-1].start):
            continue  # "the company founded by A and B also took part": A and B are the founders
        named.extend(reversed(listed))
    return named


def _nearest(mentions: list[Mention], position: int) -> Mention | None:
    return min(mentions, key=lambda m: (abs(m.start - position), m.start), default=None)


def _stage(window: str, anchor: int, cues: RoundCues) -> str | None:
    """The stage named in the context nearest the amount (``anchor`` is its offset in ``window``)."""
    found = [(abs(match.start() - anchor), match.start(), stage)
             for stage, pattern in cues.stages for match in pattern.finditer(window)]
    return min(found)[2] if found else None


def _round_date(text: str, found: _Round, published: date | None, language: str | None,
                cues: RoundCues) -> tuple[date | None, DateSource]:
    """The date of the round's sentence nearest the amount, then of its context, then of the sentence
    before it in the paragraph; else the publication date."""
    for lo, hi in ((found.first.sentence_start, found.first.sentence_end), found.context, found.previous):
        matches = sorted(cues.dates.finditer(text, lo, hi), key=lambda m: abs(m.start() - found.first.start))
        for match in matches:
            resolved = resolve_date(match.group(0), published, language)
            if resolved is not None:
                return resolved, DateSource.TEXT
    return published, DateSource.PUBLISHED
