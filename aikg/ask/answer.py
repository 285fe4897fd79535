"""Answer a parsed question: run its query with bound parameters, then fetch each fact's sentences.

Most intents run a named query of :mod:`aikg.queries` (:func:`aikg.queries.run_named`, entities
passed as ``ent:`` names and bound as RDF terms). Two are composed here: ``connection`` is the
explained shortest path of :func:`aikg.graph.analysis.explain_path` (its hops carry their
sentences) and ``changes_since`` reads the facts about the entity stated in documents dated on
or after the date (:data:`CHANGES_SINCE`; the graph has no per-fact timeline query yet).

Every answer comes with its evidence: for each row, the typed facts the intent names
(:attr:`aikg.ask.intents.Intent.facts`) are looked up with the ``facts-with-evidence`` named
query, bound to the row's entities, and keep their sentences and documents.

:meth:`AskAnswer.runnable_sparql` shows the query with its bindings written as a ``VALUES``
clause, for people to read, copy and run in the query page. Only terms this module made are
written there (entity IRIs of the store that pass :func:`~aikg.graph.namespaces.is_plain_iri`,
ISO dates); the question's text never is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from rdflib import XSD, Literal, URIRef
from rdflib.term import Identifier

from aikg.ask.intents import Intent, describe_intents
from aikg.ask.parse import Gazetteer, Parse, parse_question
from aikg.errors import Errors, QueryError
from aikg.graph.analysis import ExplainedPath, explain_path
from aikg.graph.namespaces import AIKG, entity_iri, entity_key, is_plain_iri
from aikg.graph.sparql import Answer, ResultFormat, execute, format_result, label_map, shorten
from aikg.graph.store import KnowledgeStore, open_store
from aikg.queries import get_query, load_queries, run_named

__all__ = ["CHANGES_SINCE", "AskAnswer", "Fact", "answer", "ask", "ask_for_page"]

#: Facts about ``?entity`` (as subject or object) stated in documents dated ``?since`` or later.
CHANGES_SINCE = """SELECT ?entity ?since ?date ?subject ?predicate ?object ?sentence ?doc WHERE {
  { ?evidence rdf:subject ?entity } UNION { ?evidence rdf:object ?entity }
  ?evidence a aikg:Evidence ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
            aikg:sentence ?sentence ; prov:wasDerivedFrom ?doc .
  ?doc dcterms:date ?date .
  FILTER(?date >= ?since)
}
ORDER BY ?date ?predicate"""

#: Rows whose facts get their evidence looked up (an answer's first ones).
_EVIDENCE_ROWS = 25
_SENTENCES_PER_FACT = 2
#: The longest question the query page sends (a question is a sentence, not a document).
_MAX_QUESTION = 500


@dataclass(frozen=True)
class Fact:
    """A typed fact of the answer with one sentence that states it and the document."""

    subject: str
    subject_label: str
    predicate: str
    object: str
    object_label: str
    sentence: str | None
    document: str | None


@dataclass
class AskAnswer:
    """A question's parse, the query that answered it (name or None, text, bindings), its rows
    (with the labels of their entities) and the facts with their evidence."""

    parse: Parse
    query_name: str | None
    sparql: str
    bindings: dict[str, Identifier]
    result: Answer
    facts: list[Fact] = field(default_factory=list)
    path: ExplainedPath | None = None
    labels: dict[URIRef, str] = field(default_factory=dict)

    @property
    def intent(self) -> Intent:
        return self.parse.intent

    def runnable_sparql(self) -> str:
        """The query with its bindings as a ``VALUES`` clause at the top of its ``WHERE`` block."""
        values = "".join(f"\n  VALUES ?{name} {{ {_n3(term)} }}" for name, term in self.bindings.items())
        match = re.search(r"\bWHERE\s*\{", self.sparql, flags=re.IGNORECASE)
        if match is None or not values:
            return self.sparql
        return self.sparql[: match.end()] + values + self.sparql[match.end():]

    def frame(self) -> pd.DataFrame:
        """The facts as a table (one row per fact and sentence); the intent and query in ``attrs``."""
        df = pd.DataFrame([vars(f) for f in self.facts], columns=list(Fact.__dataclass_fields__))
        df.attrs.update(intent=self.intent.id, query=self.query_name or "composed", sparql=self.runnable_sparql(),
                        params=self.parse.params())
        return df

    def describe(self) -> str:
        """One line: the intent, what the slots resolved to, and the query."""
        slots = [f"{name}={m.entity.label} (ent:{m.entity.key})" for name, m in self.parse.entities.items()]
        slots += [f"{name}={when.isoformat()}" for name, when in self.parse.dates.items()]
        return f"{self.intent.id}: {self.intent.title} [{', '.join(slots)}]; query: {self.query_name or 'composed'}"

    def format(self, *, show_query: bool = False) -> str:
        """The answer for people: what was understood, the rows, then the facts with their sentences."""
        lines = [self.describe(), ""]
        if show_query:
            lines += [self.runnable_sparql(), ""]
        if self.path is not None:
            lines.append(str(self.path))
        elif not self.result.rows:
            lines.append("The graph holds no fact that answers this question.")
        else:
            if self.intent.id != "changes_since":  # that answer is its facts: no table to repeat them
                lines.append(format_result(self.result, ResultFormat.TABLE, labels=self.labels))
            if self.facts:
                lines += ["", "Evidence:"]
                lines += [f"- {f.subject_label} -{f.predicate}-> {f.object_label}: \"{f.sentence}\""
                          + (f" ({f.document})" if f.document else "") for f in self.facts]
        return "\n".join(lines)


def _n3(term: Identifier) -> str:
    if isinstance(term, URIRef) and is_plain_iri(str(term)):
        return shorten(term) if entity_key(term) is not None or str(term).startswith(str(AIKG)) else f"<{term}>"
    if isinstance(term, Literal) and term.datatype == XSD.date:
        return f'"{date.fromisoformat(str(term)).isoformat()}"^^xsd:date'
    raise ValueError(f"not a term the asking module writes into a query: {term!r}")


def _doc_id(term: object) -> str | None:
    return str(term).rsplit("/", 1)[-1] if term is not None else None


def _facts(store: KnowledgeStore, rows: Sequence[tuple[object, ...]]) -> list[Fact]:
    """Facts from (subject, predicate, object, sentence, document) rows, with entity labels."""
    labels = label_map(store, [t for row in rows for t in (row[0], row[2])])

    def label(term: object) -> str:
        return labels.get(term, shorten(term)) if isinstance(term, URIRef) else shorten(term)

    return [Fact(shorten(s), label(s), shorten(p).split(":", 1)[-1], shorten(o), label(o),
                 str(sentence) if sentence is not None else None, str(doc) if doc is not None else None)
            for s, p, o, sentence, doc in rows]


def _row_facts(store: KnowledgeStore, intent: Intent, result: Answer) -> list[Fact]:
    """The evidence of the facts the intent names, for the answer's first rows."""
    subject_col, predicates, object_col = intent.facts
    index = {name: i for i, name in enumerate(result.variables)}
    if subject_col not in index or (object_col is not None and object_col not in index):
        return []
    pairs: dict[tuple[URIRef, URIRef | None], None] = {}
    for row in result.rows[:_EVIDENCE_ROWS]:
        subject = row[index[subject_col]]
        obj = row[index[object_col]] if object_col is not None else None
        if isinstance(subject, URIRef) and (object_col is None or isinstance(obj, URIRef)):
            pairs[(subject, obj if isinstance(obj, URIRef) else None)] = None
    evidence = get_query("facts-with-evidence").text
    rows: list[tuple[object, ...]] = []
    for subject, obj in pairs:
        for predicate in predicates:
            bindings: dict[str, Identifier] = {"subject": subject, "predicate": AIKG[predicate]}
            if obj is not None:
                bindings["object"] = obj
            count: dict[object, int] = {}
            for s, p, o, sentence, doc, *_ in execute(store, evidence, bindings).rows:
                count[o] = count.get(o, 0) + 1
                if count[o] <= _SENTENCES_PER_FACT:
                    rows.append((s, p, o, sentence, _doc_id(doc)))
    return _facts(store, rows)


def answer(store: KnowledgeStore, parse: Parse) -> AskAnswer:
    """Run the query of ``parse`` against ``store`` and collect the facts with their evidence."""
    intent = parse.intent
    entity_values = {name: f"ent:{mention.entity.key}" for name, mention in parse.entities.items()}
    iris = {name: mention.entity.iri for name, mention in parse.entities.items()}
    if intent.id == "connection":
        path = explain_path(store, entity_values["a"], entity_values["b"])
        facts = [Fact(f"ent:{hop.subject}", hop.source_label if hop.subject == hop.source else hop.target_label,
                      hop.predicate, f"ent:{hop.object}",
                      hop.target_label if hop.subject == hop.source else hop.source_label, hop.sentence, hop.doc_id)
                 for hop in path.hops]
        result = Answer("SELECT", ["hop"], [(Literal(str(hop)),) for hop in path.hops])
        return AskAnswer(parse, None, _path_query(path), {}, result, facts, path)
    if intent.id == "changes_since":
        return _changes_since(store, parse, iris["entity"])
    assert intent.query is not None
    values = {intent.bind[name]: value for name, value in entity_values.items()}
    result = run_named(store, intent.query, values)
    query = get_query(intent.query)
    bound = {intent.bind[name]: iri for name, iri in iris.items()}
    return AskAnswer(parse, intent.query, query.text, dict(bound), result, _row_facts(store, intent, result),
                     labels=label_map(store, [t for row in result.rows for t in row]))


def _changes_since(store: KnowledgeStore, parse: Parse, entity: URIRef) -> AskAnswer:
    """The entity's dated facts on or after the date: the ``timeline`` named query when the
    package has it (its rows dated before the day are dropped), else :data:`CHANGES_SINCE`."""
    since = parse.dates["since"]
    if "timeline" in load_queries():
        result = run_named(store, "timeline", {"entity": f"ent:{entity_key(entity)}"})
        index = {name: i for i, name in enumerate(result.variables)}
        result.rows = [row for row in result.rows if str(row[index["date"]] or "")[:10] >= since.isoformat()]
        rows = [(*(row[index[c]] for c in ("subject", "predicate", "object", "sentence")),
                 f"{row[index['document']]}, {str(row[index['date']])[:10]}") for row in result.rows]
        return AskAnswer(parse, "timeline", get_query("timeline").text, {"entity": entity}, result,
                         _facts(store, rows))
    bindings: dict[str, Identifier] = {"entity": entity, "since": Literal(since.isoformat(), datatype=XSD.date)}
    result = execute(store, CHANGES_SINCE, bindings)
    index = {name: i for i, name in enumerate(result.variables)}
    rows = [(*(row[index[c]] for c in ("subject", "predicate", "object", "sentence")),
             f"{_doc_id(row[index['doc']])}, {row[index['date']]}") for row in result.rows]
    return AskAnswer(parse, None, CHANGES_SINCE, bindings, result, _facts(store, rows))


def _path_query(path: ExplainedPath) -> str:
    """The evidence of a path's typed hops as one query (entity IRIs of the store, never text)."""
    triples = " ".join(f"({_n3(URIRef(_iri(h.subject)))} aikg:{h.predicate} {_n3(URIRef(_iri(h.object)))})"
                       for h in path.hops if h.typed)
    if not triples:
        return "# the entities are only named together (co-mentions): no typed fact links them\nASK { }"
    return ("SELECT ?subject ?predicate ?object ?sentence ?doc WHERE {\n"
            f"  VALUES (?subject ?predicate ?object) {{ {triples} }}\n"
            "  ?evidence a aikg:Evidence ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;\n"
            "            aikg:sentence ?sentence ; prov:wasDerivedFrom ?doc .\n}\nORDER BY ?subject ?object")


def _iri(key: str) -> str:
    return str(entity_iri(key))


def ask(store: KnowledgeStore, question: str, *, lang: str | None = None,
        gazetteer: Gazetteer | None = None) -> AskAnswer:
    """Parse ``question`` (English or French) and answer it from ``store``.

    Raises :class:`~aikg.errors.QueryError` E030 (no intent fits; the message lists them with
    an example each), E311 (unknown name, "did you mean") or E312 (a name of several entities).

    >>> from aikg.graph.examples import demo_store
    >>> with demo_store() as store:
    ...     found = ask(store, "Who leads Mistral AI?")
    >>> found.query_name, found.facts[0].subject_label
    ('who-leads', 'Arthur Mensch')
    """
    parse = parse_question(question, gazetteer or Gazetteer.from_store(store), lang=lang)
    return answer(store, parse)


def ask_for_page(location: str | Path, question: str) -> dict[str, object]:
    """What the query page needs to show a question's query and run it (the ``/ask`` route):
    the understood intent and parameters, and the query with its values written in (the page
    puts it in its SPARQL editor and runs it like any query the user types)."""
    if len(question) > _MAX_QUESTION:
        raise QueryError(Errors.E030.format(question=question[:80] + "...", intents=describe_intents("en", "; ")))
    with open_store(location, read_only=True) as store:
        found = ask(store, question)
    return {"intent": found.intent.id, "understood": found.describe(), "query": found.query_name,
            "params": found.parse.params(), "sparql": found.runnable_sparql()}
