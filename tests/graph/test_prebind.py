"""Inlining bound IRIs into graph patterns: where it writes them, where it must not, and that
answers stay those of Oxigraph's own substitution (on tricky patterns and every named query)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from aikg.graph.store import open_store
from aikg.graph.store.prebind import inline_iris

A = "http://e/a"
IRI = f"<{A}>"


@pytest.mark.parametrize(("query", "expected"), [
    # triple patterns and GRAPH names are rewritten
    ("SELECT ?x WHERE { ?x <http://e/p> ?o . GRAPH ?x { ?x ?p ?x } }",
     f"SELECT ?x WHERE {{ {IRI} <http://e/p> ?o . GRAPH {IRI} {{ {IRI} ?p {IRI} }} }}"),
    # $x is the same variable as ?x
    ("SELECT $x WHERE { $x ?p ?o }", f"SELECT $x WHERE {{ {IRI} ?p ?o }}"),
    # OPTIONAL, MINUS and EXISTS groups are in the variable's scope
    ("SELECT * { ?s ?p ?o OPTIONAL { ?x ?q ?z } MINUS { ?x ?q ?s } FILTER NOT EXISTS { ?x ?r ?s } }",
     f"SELECT * {{ ?s ?p ?o OPTIONAL {{ {IRI} ?q ?z }} MINUS {{ {IRI} ?q ?s }} FILTER NOT EXISTS {{ {IRI} ?r ?s }} }}"),
])
def test_variables_in_patterns_become_the_iri(query: str, expected: str) -> None:
    assert inline_iris(query, {"x": A}) == expected


@pytest.mark.parametrize("query", [
    # strings, IRIs and comments that look like the variable
    'SELECT ?s WHERE { ?s ?p "?x" . ?s ?q <http://e/?x=1> # ?x\n }',
    # expressions, BIND targets, projections and solution modifiers want a variable
    "SELECT ?x (COUNT(?x) AS ?n) WHERE { ?s ?p ?o FILTER(?x != ?s) BIND(?o AS ?y) } GROUP BY ?x ORDER BY ?x",
    # a VALUES header and its data
    "SELECT * WHERE { VALUES ?x { <http://e/b> } ?s ?p ?o } VALUES (?x) { (UNDEF) }",
    # a sub-SELECT that does not project ?x has a ?x of its own
    "SELECT ?x ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?x ?p ?o } } }",
    "SELECT ?x ?n WHERE { { SELECT ?o (SAMPLE(?x) AS ?n) WHERE { ?x ?p ?o } GROUP BY ?o } }",
    # not a SELECT query, or not one this module can read: left alone
    "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }",
    "SELECT ?x WHERE { ?x ?p ?o ",
    "SELECT ?x WHERE { ?x ?p ?o } }",
])
def test_other_occurrences_are_left_alone(query: str) -> None:
    assert inline_iris(query, {"x": A}) == query


def test_a_sub_select_that_projects_the_variable_is_rewritten() -> None:
    query = "SELECT ?x ?n WHERE { { SELECT ?x (COUNT(?o) AS ?n) WHERE { ?x ?p ?o } GROUP BY ?x } }"
    assert inline_iris(query, {"x": A}) == (
        f"SELECT ?x ?n WHERE {{ {{ SELECT ?x (COUNT(?o) AS ?n) WHERE {{ {IRI} ?p ?o }} GROUP BY ?x }} }}")


@pytest.mark.parametrize("value", ["http://e/a> } ; DROP ALL ; { <http://e/b", "http://e/a b", 'http://e/"a',
                                   "http://e/a\\u003e", "not an iri"])
def test_only_a_valid_iri_is_ever_written(value: str) -> None:
    query = "SELECT ?x WHERE { ?x ?p ?o }"
    assert inline_iris(query, {"x": value}) == query


# -- same answers as Oxigraph's substitution ---------------------------------------------------
_DATA = """
<http://e/a> <http://e/p> <http://e/1> .
<http://e/b> <http://e/q> <http://e/2> .
<http://e/c> <http://e/r> <http://e/a> .
<http://e/a> <http://e/q> <http://e/c> .
<http://e/a> <http://e/label> "A" .
<http://e/b> <http://e/label> "B" .
"""
_TRICKY = [
    "SELECT ?x ?s ?z WHERE { ?s <http://e/p> ?o OPTIONAL { ?x <http://e/q> ?z } }",
    "SELECT ?x ?s WHERE { ?s ?p ?o MINUS { ?x <http://e/q> ?z } }",
    "SELECT ?x ?s WHERE { ?s ?p ?o MINUS { ?s ?q ?x } }",
    "SELECT ?x ?s WHERE { ?s ?p ?o FILTER NOT EXISTS { ?x <http://e/q> ?s } }",
    "SELECT ?x ?s ?o WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } }",
    "SELECT ?x ?n WHERE { { SELECT ?x (COUNT(*) AS ?n) WHERE { ?x ?p ?o } GROUP BY ?x } }",
    "SELECT ?x ?l WHERE { ?s ?p ?o OPTIONAL { ?x <http://e/label> ?l } FILTER(?s = ?x) }",
    "SELECT ?x ?o WHERE { GRAPH ?g { ?x ?p ?o } }",
    "SELECT ?x ?o WHERE { ?x <http://e/p>|<http://e/q> ?o }",
]


@pytest.mark.parametrize("query", _TRICKY)
@pytest.mark.parametrize("value", ["http://e/a", "http://e/b", "http://e/zz"])
def test_same_answers_as_the_substitution(query: str, value: str) -> None:
    store = ox.Store()
    store.load(_DATA.encode(), ox.RdfFormat.N_TRIPLES)
    store.load(_DATA.encode(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("http://e/g"))
    substitutions = {ox.Variable("x"): ox.NamedNode(value)}
    inlined = inline_iris(query, {"x": value})
    assert inlined != query  # the case does exercise the rewrite
    expected = sorted(str(tuple(s)) for s in store.query(query, substitutions=substitutions))
    assert sorted(str(tuple(s)) for s in store.query(inlined, substitutions=substitutions)) == expected


def _normalised(solutions: ox.QuerySolutions) -> list[tuple[str, ...]]:
    """Rows as text, with GROUP_CONCAT lists sorted (their order is not defined)."""
    return sorted(tuple(", ".join(sorted(str(getattr(c, "value", c)).split(", "))) for c in row) for row in solutions)


@pytest.mark.model
def test_every_named_query_answers_the_same_inlined(built_sample: Path) -> None:
    from aikg.graph.namespaces import PREFIX_IRIS as prefixes
    from aikg.queries import load_queries

    with open_store(built_sample, read_only=True) as store:
        inner = store.oxigraph  # type: ignore[attr-defined]
        entities = [row[0].value for row in inner.query(
            "SELECT DISTINCT ?e WHERE { ?e aikg:mentionedIn ?d } ORDER BY ?e LIMIT 12", prefixes=prefixes)]
        checked = 0
        for name, query in load_queries().items():
            for parameter in (p for p in query.parameters if p.type == "entity"):
                for entity in entities:
                    substitutions = {ox.Variable(parameter.name): ox.NamedNode(entity)}
                    inlined = inline_iris(query.text, {parameter.name: entity})
                    assert inlined != query.text, name
                    expected = _normalised(inner.query(query.text, prefixes=prefixes, substitutions=substitutions))
                    got = _normalised(inner.query(inlined, prefixes=prefixes, substitutions=substitutions))
                    assert got == expected, (name, parameter.name, entity)
                    checked += bool(expected)
        assert checked > 20  # answers that are not empty were compared
