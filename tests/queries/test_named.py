"""Every named query: its header, its answers on the hand-made mini graph, and safe parameters."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef

from aikg.errors import QueryError
from aikg.graph.namespaces import AIKG, document_iri, entity_iri
from aikg.graph.sparql import execute
from aikg.graph.store import KnowledgeStore
from aikg.queries import (
    PARAMETER_TYPES,
    bind_parameters,
    get_query,
    load_queries,
    parse_named_query,
    parse_params,
    run_named,
)
from tests.helpers import named_rows

QUERIES = sorted(load_queries())
REQUIRED = {"who-leads", "who-founded", "who-works-for", "investments-by-investor", "funding-by-company",
            "organisations-by-place", "neighbourhood", "facts-with-evidence", "supporting-documents",
            "events-attendees", "comention-strength"}
INJECTIONS = ['x" } ; DROP ALL ; #', "<http://evil>", "?s ?p ?o", "Mistral AI\" } UNION { ?person ?p ?org",
              "ent:x> } ; DROP ALL ; <y", "'; DELETE WHERE { ?s ?p ?o } #", "\\u0022 } #"]


_rows = named_rows


def _ent(key: str) -> str:
    return str(entity_iri(key))


def test_named_library_has_the_required_queries() -> None:
    assert set(QUERIES) >= REQUIRED


@pytest.mark.parametrize("name", QUERIES)
def test_named_header_is_complete(name: str) -> None:
    query = get_query(name)
    assert query.title and query.description and not query.description.startswith("#")
    projection = query.text.split("WHERE")[0]
    for parameter in query.parameters:
        assert parameter.type in PARAMETER_TYPES
        assert parameter.description
        assert parameter.example is not None or parameter.optional, f"{name}: {parameter.name} needs an example"
        # a bound variable must be projected (Oxigraph substitutions), or the query is SELECT *
        assert re.search(rf"\?{parameter.name}\b", projection) or "SELECT *" in projection, parameter.name


@pytest.mark.parametrize("name", QUERIES)
def test_named_example_runs(mini: KnowledgeStore, name: str) -> None:
    query = get_query(name)
    answer = run_named(mini, name, query.example_params())
    assert answer.rows, f"{query.example_command()} found nothing on the mini graph"


def test_named_who_leads(mini: KnowledgeStore) -> None:
    rows = _rows(mini, "who-leads")
    assert {(r["personLabel"], r["orgLabel"], r["documents"]) for r in rows} == {
        ("Arthur Mensch", "Mistral AI", "2"), ("Sam Altman", "OpenAI", "1")}
    assert [r["personLabel"] for r in _rows(mini, "who-leads", org="OpenAI")] == ["Sam Altman"]
    assert [r["orgLabel"] for r in _rows(mini, "who-leads", person="arthur mensch")] == ["Mistral AI"]


def test_named_who_founded(mini: KnowledgeStore) -> None:
    rows = _rows(mini, "who-founded", org="Mistral AI")
    assert {r["personLabel"] for r in rows} == {"Arthur Mensch", "Guillaume Lample"}
    assert _rows(mini, "who-founded", org="OpenAI") == []


def test_named_who_works_for(mini: KnowledgeStore) -> None:
    rows = {(r["personLabel"], r["orgLabel"]): r["roles"] for r in _rows(mini, "who-works-for")}
    assert rows == {("Arthur Mensch", "Mistral AI"): "leads", ("Sam Altman", "OpenAI"): "leads",
                    ("Jane Doe", "OpenAI"): "worksFor"}


def test_named_investments_by_investor(mini: KnowledgeStore) -> None:
    rows = _rows(mini, "investments-by-investor", investor="Microsoft")
    assert {(r["companyLabel"], r["amounts"]) for r in rows} == {("Mistral AI", "€600 million"),
                                                                ("OpenAI", "$10 billion")}


def test_named_funding_by_company(mini: KnowledgeStore) -> None:
    rows = _rows(mini, "funding-by-company")
    assert [(r["companyLabel"], Decimal(r["value"]), r["currency"], r["investors"]) for r in rows] == [
        ("Mistral AI", Decimal("600000000"), "EUR", "Microsoft"),
        ("OpenAI", Decimal("10000000000"), "USD", "Microsoft")]
    assert [r["amountLabel"] for r in _rows(mini, "funding-by-company", company="OpenAI")] == ["$10 billion"]


def test_named_organisations_by_place(mini: KnowledgeStore) -> None:
    by_place = {(r["placeLabel"], r["orgLabel"]) for r in _rows(mini, "organisations-by-place")}
    assert by_place == {("Paris", "Mistral AI"), ("France", "Mistral AI"), ("San Francisco", "OpenAI"),
                        ("United States", "OpenAI")}
    in_country = _rows(mini, "organisations-by-place", place="United States")
    assert [(r["orgLabel"], r["basedIn"]) for r in in_country] == [("OpenAI", "San Francisco")]


def test_named_neighbourhood_two_hops(mini: KnowledgeStore) -> None:
    rows = {r["neighbourLabel"]: r for r in _rows(mini, "neighbourhood", entity="Mistral AI")}
    assert {n for n, r in rows.items() if r["distance"] == "1"} == {
        "Arthur Mensch", "Guillaume Lample", "Microsoft", "Mistral 7B", "Paris", "€600 million"}
    assert {n for n, r in rows.items() if r["distance"] == "2"} == {"AI Action Summit", "France", "OpenAI"}
    assert rows["OpenAI"]["via"] == "Microsoft"
    assert "Mistral AI" not in rows and "Sam Altman" not in rows  # three hops away


def test_named_facts_with_evidence(mini: KnowledgeStore) -> None:
    rows = _rows(mini, "facts-with-evidence", subject="Arthur Mensch", predicate="aikg:leads")
    assert {r["sentence"] for r in rows} == {
        "Arthur Mensch, CEO of Mistral AI, co-founded the Paris start-up with Guillaume Lample.",
        "Arthur Mensch, who leads Mistral AI, and Sam Altman attended the AI Action Summit."}
    assert all(r["object"] == _ent("mistral-ai") and r["extractor"] == "test:hand" for r in rows)


def test_named_supporting_documents(mini: KnowledgeStore) -> None:
    rows = _rows(mini, "supporting-documents", subject="Arthur Mensch", predicate="aikg:leads", object="Mistral AI")
    assert {r["doc"] for r in rows} == {str(document_iri("mistral.md")), str(document_iri("summit.md"))}
    assert {r["title"] for r in rows} == {"About mistral", "About summit"}
    full_iri = _rows(mini, "supporting-documents", subject="ent:sam-altman", predicate=str(AIKG.leads),
                     object="OpenAI")
    assert [r["doc"] for r in full_iri] == [str(document_iri("openai.md"))]


def test_named_events_attendees(mini: KnowledgeStore) -> None:
    rows = _rows(mini, "events-attendees", event="AI Action Summit")
    assert {r["attendeeLabel"] for r in rows} == {"Emmanuel Macron", "Arthur Mensch", "Sam Altman"}
    assert {r["heldIn"] for r in rows} == {"Paris"}


def test_named_comention_strength(mini: KnowledgeStore) -> None:
    pair = _rows(mini, "comention-strength", entity="Mistral AI", other="Arthur Mensch")
    assert [(r["weight"], r["documents"]) for r in pair] == [("3", "2")]
    partners = _rows(mini, "comention-strength", entity="Arthur Mensch")
    assert [r["otherLabel"] for r in partners] == ["Mistral AI", "Sam Altman"]
    assert _rows(mini, "comention-strength", entity="Arthur Mensch", other="OpenAI") == []


# -- parameters ------------------------------------------------------------------------------
def test_named_parameters_typed(mini: KnowledgeStore) -> None:
    query = get_query("facts-with-evidence")
    bindings = bind_parameters(mini, query, {"subject": "Sam Altman", "predicate": "aikg:leads"})
    assert bindings == {"subject": entity_iri("sam-altman"), "predicate": AIKG.leads}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, r"\[E304\] query 'supporting-documents' needs subject, predicate, object"),
        ({"subject": "OpenAI", "predicate": "aikg:leads", "object": "OpenAI", "colour": "red"},
         r"\[E304\] query 'supporting-documents' has no parameter 'colour'"),
        ({"subject": "Nobody Known", "predicate": "aikg:leads", "object": "OpenAI"}, r"\[E311\]"),
        ({"subject": "OpenAI", "predicate": "not an iri", "object": "OpenAI"}, r"\[E304\] parameter predicate="),
    ],
)
def test_named_parameter_errors(mini: KnowledgeStore, params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_named(mini, "supporting-documents", params)


def test_named_unknown_query() -> None:
    with pytest.raises(QueryError, match=r"\[E303\] no named query 'nope'; known: comention-strength"):
        get_query("nope")


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", ["who-leads", "facts-with-evidence"])
def test_named_injection_is_a_value_not_syntax(mini: KnowledgeStore, name: str, value: str) -> None:
    """A hostile entity parameter is looked up as a label, finds nothing, and leaves the store whole."""
    size = len(mini)
    parameter = get_query(name).parameters[0].name
    with pytest.raises(QueryError, match=r"\[E311\] unknown entity"):
        run_named(mini, name, {parameter: value})
    assert len(mini) == size


@pytest.mark.parametrize("value", INJECTIONS)
def test_named_injection_in_literal_parameter(mini: KnowledgeStore, value: str) -> None:
    """A literal parameter stays one literal: the query keeps its shape and matches nothing."""
    query = parse_named_query("probe", "# title: probe\n# description: probe\n"
                                       "# param name (string): a label; example: Paris\n"
                                       "SELECT ?e ?name WHERE { ?e rdfs:label ?name }")
    bindings = bind_parameters(mini, query, {"name": value})
    assert bindings == {"name": Literal(value)}
    assert execute(mini, query.text, bindings).rows == []
    assert {r[0] for r in execute(mini, query.text, {"name": Literal("Paris")}).rows} == {entity_iri("paris")}


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("integer", "42", Literal(42)),
        ("decimal", "1.50", Literal(Decimal("1.50"))),
        ("date", "2025-02-10", Literal("2025-02-10", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))),
        ("string", "x\" } #", Literal("x\" } #")),
    ],
)
def test_named_literal_types(mini: KnowledgeStore, kind: str, value: str, expected: Literal) -> None:
    query = parse_named_query("t", f"# title: t\n# description: t\n# param v ({kind}): v\nSELECT * WHERE {{ }}")
    assert bind_parameters(mini, query, {"v": value})["v"] == expected


@pytest.mark.parametrize(("kind", "value"), [("integer", "4x"), ("decimal", "one"), ("date", "10/02/2025")])
def test_named_literal_type_errors(mini: KnowledgeStore, kind: str, value: str) -> None:
    query = parse_named_query("t", f"# title: t\n# description: t\n# param v ({kind}): v\nSELECT * WHERE {{ }}")
    with pytest.raises(QueryError, match=rf"\[E304\] parameter v='{re.escape(value)}' is not a valid {kind}"):
        bind_parameters(mini, query, {"v": value})


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# description: no title\nSELECT * {}", "no '# title:' line"),
        ("# title: t\n# description: d\n# param x (colour): bad type\nSELECT * {}", "cannot read 'param x"),
    ],
)
def test_named_header_errors(header: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse_named_query("bad", header)


def test_named_parse_params() -> None:
    assert parse_params(["a=1", "b = x=y"]) == {"a": "1", "b": " x=y"}
    with pytest.raises(QueryError, match=r"\[E304\] parameter 'novalue': write key=value"):
        parse_params(["novalue"])


@pytest.mark.parametrize("value", INJECTIONS)
def test_named_injection_in_iri_parameter(mini: KnowledgeStore, value: str) -> None:
    size = len(mini)
    params = {"subject": "Arthur Mensch", "predicate": value, "object": "Mistral AI"}
    with pytest.raises(QueryError, match=r"\[E304\] parameter predicate=.* is not an IRI"):
        run_named(mini, "supporting-documents", params)
    assert len(mini) == size
