from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from aikg.errors import QueryError
from aikg.graph.namespaces import AIKG, entity_iri
from aikg.graph.sparql import (
    Answer,
    ResultFormat,
    execute,
    format_result,
    is_update,
    label_map,
    resolve_entity,
    run_query,
    serialize,
    shorten,
    uses_service,
)
from aikg.graph.store import KnowledgeStore, open_store
from tests.queries.minigraph import build_mini_store

LEADS = "SELECT ?person ?org WHERE { ?person aikg:leads ?org } ORDER BY ?person"


@pytest.fixture(scope="module")
def mini_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_mini_store(tmp_path_factory.mktemp("sparql") / "store")


@pytest.fixture
def kstore(mini_path: Path) -> Iterator[KnowledgeStore]:
    with open_store(mini_path, read_only=True) as store:
        yield store


def test_sparql_prefixes_are_prebound(kstore: KnowledgeStore) -> None:
    answer = execute(kstore, LEADS)
    assert answer.kind == "SELECT" and answer.variables == ["person", "org"]
    assert (entity_iri("arthur-mensch"), entity_iri("mistral-ai")) in answer.rows


@pytest.mark.parametrize(
    ("query", "line", "column"),
    [
        ("SELECT ?x WHERE { ?x ?y }", 1, 26),
        ("SELECT ?x\nWHERE {\n  ?x nope:bar ?y }", 3, 9),
        ("SELECT ?x WHERE { ?x ?y ?z", 1, 27),
    ],
)
def test_sparql_syntax_error_has_line_and_column(kstore: KnowledgeStore, query: str, line: int, column: int) -> None:
    with pytest.raises(QueryError) as info:
        execute(kstore, query)
    message = str(info.value)
    assert message.startswith("[E301] SPARQL syntax error at line ")
    assert f"line {line}, column " in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("INSERT DATA { ent:a ent:b ent:c }", True),
        ("prefix ex: <http://ex/>\n# a comment\nDELETE WHERE { ?s ?p ?o }", True),
        ("DROP ALL", True),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ('SELECT * WHERE { ?s ?p "DROP ALL" }', False),
        ("# INSERT DATA\nSELECT * WHERE { ?s ?p ?o }", False),
        ("ASK { ?s ?p ?o }", False),
    ],
)
def test_sparql_is_update(text: str, expected: bool) -> None:
    assert is_update(text) is expected


def test_sparql_update_refused(kstore: KnowledgeStore) -> None:
    with pytest.raises(QueryError, match=r"\[E306\]"):
        execute(kstore, "DELETE WHERE { ?s ?p ?o }")
    assert len(kstore) > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/> { ?s ?p ?o } }", True),
        ('SELECT * { ?s ?p "SERVICE" }', False),
        ("SELECT * { ?s <http://x/SERVICE> ?o }", False),
    ],
)
def test_sparql_uses_service(text: str, expected: bool) -> None:
    assert uses_service(text) is expected


def test_sparql_max_results(kstore: KnowledgeStore) -> None:
    with pytest.raises(QueryError, match=r"\[E308\] the answer has more than 5 results"):
        execute(kstore, "SELECT * WHERE { ?s ?p ?o }", max_results=5)
    assert len(execute(kstore, "SELECT * WHERE { ?s ?p ?o } LIMIT 5", max_results=5)) == 5


def test_sparql_deadline_stops_streaming_query(kstore: KnowledgeStore) -> None:
    with pytest.raises(QueryError, match=r"\[E307\]"):
        execute(kstore, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", timeout=0.05)


def test_sparql_bindings_are_terms(kstore: KnowledgeStore) -> None:
    query = "SELECT ?person ?org WHERE { ?person aikg:leads ?org }"
    answer = execute(kstore, query, {"org": entity_iri("openai")})
    assert {row[0] for row in answer.rows} == {entity_iri("sam-altman")}
    hostile = Literal('x" } UNION { ?person ?p ?org } #')
    assert execute(kstore, query, {"org": hostile}).rows == []


def test_sparql_table_shortens_and_counts(kstore: KnowledgeStore) -> None:
    text = format_result(execute(kstore, LEADS), ResultFormat.TABLE)
    lines = text.splitlines()
    assert lines[0].split() == ["person", "org"]
    assert "ent:arthur-mensch" in text and "https://" not in text
    assert lines[-1] == "(2 rows)"  # a fact stated by two documents is one row


def test_sparql_table_with_labels(kstore: KnowledgeStore) -> None:
    answer = execute(kstore, LEADS)
    labels = label_map(kstore, (c for row in answer.rows for c in row))
    assert labels[entity_iri("mistral-ai")] == "Mistral AI"
    text = format_result(answer, ResultFormat.TABLE, labels=labels)
    assert "Arthur Mensch  Mistral AI" in text and "ent:" not in text


def test_sparql_csv_and_json_are_standard(kstore: KnowledgeStore) -> None:
    answer = execute(kstore, LEADS)
    rows = list(csv.reader(io.StringIO(format_result(answer, ResultFormat.CSV))))
    assert rows[0] == ["person", "org"]
    assert [str(entity_iri("sam-altman")), str(entity_iri("openai"))] in rows
    data = json.loads(format_result(answer, ResultFormat.JSON))
    assert data["head"]["vars"] == ["person", "org"]
    assert {"type": "uri", "value": str(entity_iri("openai"))} in [b["org"] for b in data["results"]["bindings"]]


def test_sparql_tsv_escapes_terms(kstore: KnowledgeStore) -> None:
    answer = execute(kstore, 'SELECT ?s ?t WHERE { VALUES (?s ?t) { (ent:a "tab\\there\\nand \\"quote\\"") } }')
    lines = format_result(answer, ResultFormat.TSV).split("\n")
    assert lines[0] == "?s\t?t"
    assert lines[1] == '<https://w3id.org/aikg/entity/a>\t"tab\\there\\nand \\"quote\\""'


def test_sparql_ask(kstore: KnowledgeStore) -> None:
    answer = execute(kstore, "ASK { ent:sam-altman aikg:leads ent:openai }")
    assert answer.boolean is True
    assert json.loads(format_result(answer, ResultFormat.JSON)) == {"head": {}, "boolean": True}
    assert format_result(answer, ResultFormat.TABLE) == "true"


@pytest.mark.parametrize("fmt", [ResultFormat.TURTLE, ResultFormat.NTRIPLES, ResultFormat.JSONLD,
                                 ResultFormat.RDFXML])
def test_sparql_construct_round_trips(kstore: KnowledgeStore, fmt: ResultFormat) -> None:
    answer = execute(kstore, "CONSTRUCT WHERE { ?p aikg:leads ?o }")
    assert answer.kind == "CONSTRUCT"
    parsed = Graph().parse(data=serialize(answer, fmt), format={"turtle": "turtle", "nt": "nt", "jsonld": "json-ld",
                                                                "rdfxml": "xml"}[fmt.value])
    expected = Graph()
    expected.add((entity_iri("sam-altman"), AIKG.leads, entity_iri("openai")))
    expected.add((entity_iri("arthur-mensch"), AIKG.leads, entity_iri("mistral-ai")))
    assert isomorphic(parsed, expected)


def test_sparql_describe(kstore: KnowledgeStore) -> None:
    answer = execute(kstore, "DESCRIBE ent:openai")
    assert answer.kind == "DESCRIBE"
    assert answer.graph is not None
    assert (entity_iri("openai"), AIKG.basedIn, entity_iri("san-francisco")) in answer.graph


def test_sparql_format_must_fit_answer(kstore: KnowledgeStore) -> None:
    with pytest.raises(QueryError, match=r"\[E302\] turtle output is for CONSTRUCT"):
        serialize(execute(kstore, LEADS), ResultFormat.TURTLE)
    with pytest.raises(QueryError, match=r"\[E302\] csv output is for SELECT"):
        serialize(execute(kstore, "CONSTRUCT WHERE { ?p aikg:leads ?o }"), ResultFormat.CSV)


def test_sparql_run_query_keeps_rdflib_result(kstore: KnowledgeStore) -> None:
    result = run_query(kstore, LEADS)
    assert "ent:sam-altman" in format_result(result, ResultFormat.TABLE)
    with pytest.raises(QueryError, match=r"\[E301\]"):
        run_query(kstore, "SELECT")


def test_sparql_named_graph_parameters(kstore: KnowledgeStore) -> None:
    doc = "https://w3id.org/aikg/document/openai.md"
    answer = execute(kstore, LEADS, default_graphs=[doc])
    assert answer.rows == [(entity_iri("sam-altman"), entity_iri("openai"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mistral AI", "mistral-ai"),
        ("mistral ai", "mistral-ai"),
        ("MistralAI", "mistral-ai"),  # skos:altLabel
        ("Mensch", "arthur-mensch"),
        ("ent:openai", "openai"),
        ("https://w3id.org/aikg/entity/openai", "openai"),
        ("  Paris ", "paris"),
    ],
)
def test_sparql_resolve_entity(kstore: KnowledgeStore, text: str, expected: str) -> None:
    assert resolve_entity(kstore, text) == entity_iri(expected)


def test_sparql_resolve_entity_errors(kstore: KnowledgeStore) -> None:
    with pytest.raises(QueryError, match=r"\[E311\] unknown entity 'Nobody'"):
        resolve_entity(kstore, "Nobody")
    # an alias of two entities: the one named in more documents wins (ties: tests/graph/test_lookup.py)
    assert resolve_entity(kstore, "Mistral") == entity_iri("mistral-ai")
    with pytest.raises(QueryError, match=r"\[E311\]"):
        resolve_entity(kstore, "ent:<http://evil>")


def test_sparql_shorten() -> None:
    assert shorten(URIRef("https://w3id.org/aikg/ontology#leads")) == "aikg:leads"
    assert shorten(URIRef("http://example.org/x")) == "http://example.org/x"
    assert shorten(None) == ""


@pytest.mark.parametrize("fmt", [ResultFormat.XML, ResultFormat.JSON, ResultFormat.CSV, ResultFormat.TSV])
def test_sparql_xml_never_ill_formed(fmt: ResultFormat) -> None:
    """A stored text with a NUL (issue 17): XML results refuse it (E318) rather than send
    ill-formed XML; the other formats escape or carry it."""
    answer = Answer("SELECT", variables=["label"], rows=[(Literal("Open\x00AI"),)])
    if fmt is ResultFormat.XML:
        with pytest.raises(QueryError, match=r"^\[E318\] .*U\+0000"):
            serialize(answer, fmt)
    else:
        assert b"Open" in serialize(answer, fmt)
    graph = Answer("CONSTRUCT", graph=Graph())
    assert graph.graph is not None
    graph.graph.add((URIRef("http://e/a"), URIRef("http://e/p"), Literal("x\x01y")))
    with pytest.raises(QueryError, match=r"^\[E318\]"):
        serialize(graph, ResultFormat.RDFXML)
