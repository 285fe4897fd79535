"""What a question can ask: the intents, their slots, the query each runs and its facts.

An intent is a kind of question ("who leads X"), independent of language. It names the slots
the question must fill (entities of given types, or a date), the named query of
:mod:`aikg.queries` that answers it (or ``None`` for a query composed in
:mod:`aikg.ask.answer`), how slots map to the query's parameters, and which typed facts of the
answer rows carry the evidence sentences. Examples in both languages are what an unmappable
question is told to try.

>>> INTENTS["leads"].query, INTENTS["leads"].bind["org"]
('who-leads', 'org')
>>> [s.name for s in INTENTS["connection"].slots]
['a', 'b']
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["INTENTS", "Intent", "Slot", "describe_intents"]

ORG = ("Organization",)
ACTOR = ("Organization", "Person")
ANY = ("Organization", "Person", "Place", "Event", "Product")


@dataclass(frozen=True)
class Slot:
    """A value the question must give: an entity (of one of ``types``) or a date (``types == ()``)."""

    name: str
    types: tuple[str, ...]

    @property
    def is_date(self) -> bool:
        return not self.types


@dataclass(frozen=True)
class Intent:
    """A kind of question and how it is answered.

    ``bind`` maps a slot to the named query's parameter; ``facts`` is (subject column,
    predicates, object column or None): the typed facts of each answer row whose sentences are
    shown as evidence.
    """

    id: str
    title: str
    slots: tuple[Slot, ...]
    query: str | None
    bind: dict[str, str]
    facts: tuple[str, tuple[str, ...], str | None]
    examples: dict[str, str] = field(default_factory=dict)


INTENTS: dict[str, Intent] = {
    intent.id: intent
    for intent in (
        Intent(
            "leads",
            "who leads an organisation",
            (Slot("org", ORG),),
            "who-leads",
            {"org": "org"},
            ("person", ("leads",), "org"),
            {"en": "Who leads Mistral AI?", "fr": "Qui dirige Mistral AI ?"},
        ),
        Intent(
            "founded",
            "who founded an organisation",
            (Slot("org", ORG),),
            "who-founded",
            {"org": "org"},
            ("person", ("founded",), "org"),
            {"en": "Who founded Hugging Face?", "fr": "Qui a fondé Hugging Face ?"},
        ),
        Intent(
            "works_for",
            "who works for an organisation",
            (Slot("org", ORG),),
            "who-works-for",
            {"org": "org"},
            ("person", ("worksFor", "leads"), "org"),
            {"en": "Who works at Google DeepMind?", "fr": "Qui travaille chez Google DeepMind ?"},
        ),
        Intent(
            "investors_of",
            "who invested in a company",
            (Slot("org", ORG),),
            "investments-by-investor",
            {"org": "company"},
            ("investor", ("investsIn",), "company"),
            {"en": "Who invested in Mistral AI?", "fr": "Qui a investi dans Mistral AI ?"},
        ),
        Intent(
            "investments_by",
            "where an investor invested",
            (Slot("investor", ACTOR),),
            "investments-by-investor",
            {"investor": "investor"},
            ("investor", ("investsIn",), "company"),
            {
                "en": "Which companies did Microsoft invest in?",
                "fr": "Dans quelles entreprises Microsoft a-t-il investi ?",
            },
        ),
        Intent(
            "raised",
            "how much a company raised, and when",
            (Slot("org", ORG),),
            "raised-by-date",
            {"org": "company"},
            ("company", ("raised",), "amount"),
            {"en": "How much did Mistral AI raise?", "fr": "Combien Mistral AI a-t-elle levé ?"},
        ),
        Intent(
            "developed",
            "what an organisation developed or announced",
            (Slot("org", ACTOR),),
            "developed-by",
            {"org": "org"},
            ("org", ("develops", "announced"), "product"),
            {"en": "What has OpenAI released?", "fr": "Qu'a développé OpenAI ?"},
        ),
        Intent(
            "attendees",
            "who attended an event",
            (Slot("event", ("Event",)),),
            "events-attendees",
            {"event": "event"},
            ("attendee", ("attended",), "event"),
            {"en": "Who attended VivaTech?", "fr": "Qui a participé à VivaTech ?"},
        ),
        Intent(
            "event_info",
            "where and when an event took place",
            (Slot("event", ("Event",)),),
            "event-where-when",
            {"event": "event"},
            ("event", ("heldIn",), "place"),
            {"en": "Where and when was the AI Action Summit held?", "fr": "Où et quand a eu lieu VivaTech ?"},
        ),
        Intent(
            "based_in",
            "where an organisation is based",
            (Slot("org", ORG),),
            "where-based",
            {"org": "org"},
            ("org", ("basedIn",), "place"),
            {"en": "Where is Kyutai based?", "fr": "Où est basée Kyutai ?"},
        ),
        Intent(
            "orgs_in_place",
            "which organisations are in a place",
            (Slot("place", ("Place",)),),
            "organisations-by-place",
            {"place": "place"},
            ("org", ("basedIn",), None),
            {"en": "Which companies are based in Paris?", "fr": "Quelles entreprises sont basées en France ?"},
        ),
        Intent(
            "connection",
            "how two entities are connected",
            (Slot("a", ANY), Slot("b", ANY)),
            None,
            {},
            ("subject", (), "object"),
            {"en": "How are Xavier Niel and Mistral AI connected?", "fr": "Quel lien entre Nvidia et Mistral AI ?"},
        ),
        Intent(
            "changes_since",
            "what changed about an entity since a date",
            (Slot("entity", ANY), Slot("since", ())),
            None,
            {},
            ("subject", (), "object"),
            {
                "en": "What changed at Mistral AI since March 2024?",
                "fr": "Quoi de neuf chez Nvidia depuis janvier 2025 ?",
            },
        ),
    )
}


def describe_intents(lang: str = "en", sep: str = "\n") -> str:
    """Each intent with an example question in ``lang`` (what an unmappable question is told).

    >>> describe_intents("fr").splitlines()[0]
    "leads (who leads an organisation): e.g. 'Qui dirige Mistral AI ?'"
    """
    return sep.join(f"{i.id} ({i.title}): e.g. {i.examples.get(lang, i.examples['en'])!r}" for i in INTENTS.values())
