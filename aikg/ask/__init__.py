"""Ask the graph in English or French: a question -> a named (or composed) query -> facts with evidence.

Offline and without a language model: the question is read with the extraction pipelines
(:mod:`aikg.ask.parse`), mapped to one of the :data:`~aikg.ask.intents.INTENTS`, and answered
by a named query of :mod:`aikg.queries` with its parameters bound (:mod:`aikg.ask.answer`).
"""

from __future__ import annotations

from aikg.ask.answer import AskAnswer, Fact, answer, ask, ask_for_page
from aikg.ask.intents import INTENTS, Intent, Slot, describe_intents
from aikg.ask.parse import Gazetteer, Mention, Parse, choose_intent, parse_question

__all__ = ["INTENTS", "AskAnswer", "Fact", "Gazetteer", "Intent", "Mention", "Parse", "Slot", "answer", "ask",
           "ask_for_page", "choose_intent", "describe_intents", "parse_question"]
