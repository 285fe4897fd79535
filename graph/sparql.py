"""Run SPARQL against a store and render the answers for people (tables) and programs.

Prefixes of the ontology and common vocabularies are pre-bound (see
:data:`aikg.graph.namespaces.PREFIXES`), so users need not type them. Parameters are bound by
Oxigraph as RDF terms (``bindings``), never pasted into the query text, so a parameter value
cannot change a query's structure.

:func:`execute` is the one entry point: it runs a query and collects its answer into an
:class:`Answer`, stopping with a coded :class:`~aikg.errors.QueryError` when the answer has more
rows than ``max_results`` or the deadline passes between two rows. :func:`serialize` and
:func:`format_result` turn an answer into the standard SPARQL result formats (JSON, XML, CSV,
TSV), RDF formats for graphs (Turtle, N-Triples, RDF/XML, JSON-LD) or an aligned table.

Error codes (messages name the value at fault):

- ``E301`` syntax error, with line and column; ``E302`` format not available for this kind of
  query; ``E306`` SPARQL Update where only queries are allowed; ``E307`` time limit reached;
  ``E308`` too many results; ``E309`` federated query (``SERVICE``) refused by the server;
  ``E310`` the store could not answer; ``E311`` no entity has the given label, ``E312`` the
  label names several entities; ``E316`` a control character in a query; ``E318`` an answer
  that XML cannot carry.

What a public endpoint may run is decided by :func:`check_endpoint_query` from the *parsed*
query (rdflib's parser and algebra), never from text patterns: a regular expression cannot
know where a string, an IRI, a comment or an escaped prefixed name ends, and a query written to
confuse it once reached Oxigraph with a ``SERVICE`` clause (issue 17).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pyparsing import ParseException
from rdflib import XSD, BNode, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result
from rdflib.term import Identifier

from aikg.errors import QueryError, StoreError
from aikg.graph.errors import Errors
from aikg.graph.lookup import find_entity
from aikg.graph.namespaces import PREFIXES
from aikg.graph.store import KnowledgeStore

__all__ = [
    "Answer",
    "ResultFormat",
    "check_endpoint_query",
    "control_character",
    "execute",
    "format_result",
    "is_update",
    "label_map",
    "resolve_entity",
    "run_query",
    "serialize",
    "shorten",
    "uses_service",
]

Term = Identifier | None
Row = tuple[Term, ...]


class ResultFormat(StrEnum):
    """Output formats of ``aikg query`` (and of the server, through content negotiation)."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    XML = "xml"
    TURTLE = "turtle"
    NTRIPLES = "nt"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"


#: Formats of SELECT and ASK answers; graphs (CONSTRUCT, DESCRIBE) take the RDF formats.
TABULAR_FORMATS = frozenset({ResultFormat.TABLE, ResultFormat.CSV, ResultFormat.TSV, ResultFormat.JSON,
                             ResultFormat.XML})
GRAPH_FORMATS = frozenset({ResultFormat.TABLE, ResultFormat.TURTLE, ResultFormat.NTRIPLES, ResultFormat.JSONLD,
                           ResultFormat.RDFXML, ResultFormat.JSON, ResultFormat.XML})
_RDFLIB_GRAPH_FORMAT = {
    ResultFormat.TABLE: "turtle",
    ResultFormat.TURTLE: "turtle",
    ResultFormat.NTRIPLES: "nt",
    ResultFormat.JSONLD: "json-ld",
    ResultFormat.JSON: "json-ld",
    ResultFormat.RDFXML: "xml",
    ResultFormat.XML: "xml",
}


@dataclass
class Answer:
    """The collected answer of one query.

    ``kind`` is ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; ``variables`` and ``rows``
    hold a SELECT answer (cells are rdflib terms, ``None`` when unbound), ``boolean`` an ASK
    answer and ``graph`` the triples of a CONSTRUCT or DESCRIBE answer.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    @property
    def is_graph(self) -> bool:
        return self.kind in {"CONSTRUCT", "DESCRIBE"}

    def __len__(self) -> int:
        if self.graph is not None:
            return len(self.graph)
        return len(self.rows)


# -- recognising what a query is ------------------------------------------------------------
_STRINGS_IRIS_COMMENTS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
)
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s*)<>\s*)*", re.IGNORECASE)
_UPDATE_KEYWORDS = re.compile(r"^(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


def _skeleton(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out, so keywords can be looked for."""
    return _STRINGS_IRIS_COMMENTS.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", sparql)


def is_update(sparql: str) -> bool:
    """True when ``sparql`` is a SPARQL Update request rather than a query.

    >>> is_update("PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b ex:c }")
    True
    >>> is_update('SELECT * WHERE { ?s ?p "INSERT DATA" }')
    False
    """
    body = _PROLOGUE.sub("", _skeleton(sparql), count=1)
    return bool(_UPDATE_KEYWORDS.match(body.lstrip()))


def uses_service(sparql: str) -> bool:
    """True when ``sparql`` calls ``SERVICE`` anywhere: decided from rdflib's parse tree and its
    algebra (``translateQuery``), so a clause nested in a subquery, ``EXISTS``, ``OPTIONAL``,
    ``MINUS`` or a projected expression counts, and strings, IRIs, comments, escapes and case
    cannot hide one. Raises :class:`QueryError` E301 when rdflib cannot parse the query: the
    structure of a query that does not parse is unknown, so it cannot be judged safe.

    >>> uses_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    False
    >>> uses_service("SELECT * { ?s ?p ?o FILTER NOT EXISTS { sErViCe ?x { ?s ?p ?o } } }")
    True
    """
    try:
        tree = parseQuery(sparql)
        query = translateQuery(tree, initNs=dict(PREFIXES))
    except ParseException as err:
        raise _syntax_error(err) from err
    except Exception as err:  # rdflib raises bare Exception (unknown prefix), RecursionError, ...
        raise _translation_error(sparql, err) from err
    return _has_service(tree) or _has_service(query.algebra)


def _translation_error(sparql: str, err: Exception) -> QueryError:
    """E301 for what rdflib refuses after parsing; an unknown prefix is located in the text."""
    text = " ".join(str(err).split())
    unknown = re.fullmatch(r"Unknown namespace prefix : (\S*)", text)
    at = unknown and re.search(rf"(?<![\w.:-]){re.escape(unknown.group(1))}:", sparql)
    if unknown and at:
        line = sparql.count("\n", 0, at.start()) + 1
        column = at.start() - sparql.rfind("\n", 0, at.start())
        return QueryError(Errors.E301.format(where=f" at line {line}, column {column}",
                                             detail=_unknown_prefix(unknown.group(1))))
    return QueryError(Errors.E301.format(where="", detail=text[:200] or type(err).__name__))


def _pyparsing_detail(err: ParseException) -> str:
    """rdflib's parse error in words: its messages name grammar rules (``Expected SelectQuery``),
    so say what text could not be read instead.

    >>> from rdflib.plugins.sparql.parser import parseQuery
    >>> def detail(query):
    ...     try:
    ...         parseQuery(query)
    ...     except ParseException as err:
    ...         return _pyparsing_detail(err)
    >>> detail("SELECT * { ?s ?p ?o . FILTER(} }")
    "cannot read the query from 'FILTER(} }'"
    >>> detail("SELECT * { ?s ?p ?o } LIMT 5")
    "unexpected 'LIMT 5' after the end of the query"
    >>> detail("SELEC * {}")
    "expected SELECT, CONSTRUCT, DESCRIBE or ASK (after PREFIX declarations), found 'SELEC * {}'"
    >>> detail("SELECT * { ?s ?p ?o")
    'unexpected end of the query (a bracket or quote left open?)'
    """
    found = err.line[err.col - 1:].strip()
    shown = repr(found if len(found) <= 40 else found[:39] + "…")
    if err.msg == "Expected end of text":
        return f"unexpected {shown} after the end of the query"
    if "SelectQuery |" in err.msg:
        return f"expected SELECT, CONSTRUCT, DESCRIBE or ASK (after PREFIX declarations), found {shown}"
    at_end = not found and err.loc >= len(err.pstr.rstrip())
    if at_end:
        return "unexpected end of the query (a bracket or quote left open?)"
    if re.fullmatch(r"Expected \w*Query", err.msg):
        return f"cannot read the query from {shown}"
    return f"{err.msg} at {shown}"


def _unknown_prefix(name: str) -> str:
    """What E301 says of an undeclared prefix, whichever parser found it."""
    return f"unknown prefix {name}: (declare it with PREFIX {name}: <...>)"


def _has_service(tree: object) -> bool:
    """A ``ServiceGraphPattern`` node anywhere in a parse tree or algebra (a generic walk, so no
    place where the grammar allows a group graph pattern can be forgotten)."""
    seen: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, str | bytes) or id(node) in seen:  # terms are str: leaves
            continue
        seen.add(id(node))
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            return True
        if isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, Iterable):
            stack.extend(node)
    return False


#: C0 control characters other than tab, line feed and carriage return, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character(text: str) -> str | None:
    """The first control character of ``text`` (other than tab and line breaks) as ``U+XXXX at
    offset N``, or None; the whole text is searched, not a prefix.

    >>> control_character("SELECT * {}" + " " * 10000 + "\\x00")
    'U+0000 at offset 10011'
    >>> control_character("SELECT *\\n{\\t}") is None
    True
    """
    match = _CONTROL.search(text)
    return None if match is None else f"U+{ord(match.group()):04X} at offset {match.start()}"


def check_endpoint_query(sparql: str) -> None:
    """Refuse what a read-only public endpoint must not run, with a coded :class:`QueryError`:
    a control character anywhere in the text (E316), SPARQL Update (E306), a query rdflib's
    parser cannot read (E301), ``SERVICE`` anywhere in its algebra (E309).

    >>> check_endpoint_query("SELECT * { ?s aikg:leads ?o }")
    >>> check_endpoint_query("SELECT * { { SELECT * { SERVICE <http://127.0.0.1/> { ?s ?p ?o } } } }")
    Traceback (most recent call last):
    ...
    aikg.errors.QueryError: [E309] federated queries (SERVICE) are refused: this endpoint only queries its own store
    """
    where = control_character(sparql)
    if where is not None:
        raise QueryError(Errors.E316.format(where=where, what="query"))
    if is_update(sparql):
        raise QueryError(Errors.E306)
    if uses_service(sparql):
        raise QueryError(Errors.E309)


def _syntax_error(err: BaseException, sparql: str = "") -> QueryError:
    """E301 on one line: ``at line L, column C: what is wrong``, from Oxigraph's ``error at L:C:
    ...`` or from rdflib's pyparsing error. Oxigraph's lists of expected tokens are said in words:
    an unknown prefix by its name (located at the prefix, not after the name), anything else as
    the text found there.

    >>> query = "SELECT * {\\n?s foo:bar ?o }"
    >>> str(_syntax_error(SyntaxError("error at 2:11: expected one of Prefix not found, ['%']"), query))
    '[E301] SPARQL syntax error at line 2, column 4: unknown prefix foo: (declare it with PREFIX foo: <...>)'
    >>> str(_syntax_error(SyntaxError("error at 1:19: expected one of IF, OPTIONAL, TZ, [_]"),
    ...                   "SELECT * { FILTER(} }"))
    "[E301] SPARQL syntax error at line 1, column 19: unexpected '}' (expected one of IF, OPTIONAL, TZ, [_])"
    """
    if isinstance(err, ParseException):
        return QueryError(Errors.E301.format(where=f" at line {err.lineno}, column {err.col}",
                                             detail=_pyparsing_detail(err)))
    text = " ".join(str(err).split())
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", text)
    if not match:
        return QueryError(Errors.E301.format(where="", detail=text[:200]))
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = sparql.splitlines() or [""]
    before = lines[line - 1][: column - 1] if 0 < line <= len(lines) else ""
    prefixed = re.search(r"([A-Za-z][\w.-]*)?:[\w.%:-]*$", before)
    if "Prefix not found" in detail and prefixed:
        name = prefixed.group(1) or ""
        column, detail = prefixed.start() + 1, _unknown_prefix(name)
    elif detail.startswith("expected one of") and 0 < line <= len(lines):
        found = lines[line - 1][column - 1:].split()
        expected = f" ({detail})" if len(detail) <= 60 else ""
        detail = f"unexpected {found[0][:20]!r}{expected}" if found else f"unexpected end of the query{expected}"
    elif len(detail) > 160:
        detail = detail[:157] + "..."
    return QueryError(Errors.E301.format(where=f" at line {line}, column {column}", detail=detail))


# -- running -------------------------------------------------------------------------------
class _Limits:
    def __init__(self, max_results: int | None, timeout: float | None) -> None:
        self.max_results = max_results
        self.timeout = timeout
        self.deadline = None if timeout is None else time.monotonic() + timeout

    def check(self, count: int) -> None:
        if self.max_results is not None and count > self.max_results:
            raise QueryError(Errors.E308.format(limit=self.max_results))
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise QueryError(Errors.E307.format(seconds=self.timeout))


def _bounded(items: Iterable[Any], limits: _Limits) -> Iterator[Any]:
    for count, item in enumerate(items, start=1):
        limits.check(count)
        yield item
    limits.check(0)


def _describe_or_construct(sparql: str) -> str:
    match = re.search(r"\b(CONSTRUCT|DESCRIBE)\b", _PROLOGUE.sub("", _skeleton(sparql), count=1), re.IGNORECASE)
    return match.group(1).upper() if match else "CONSTRUCT"


def execute(
    store: KnowledgeStore,
    sparql: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    max_results: int | None = None,
    timeout: float | None = None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> Answer:
    """Run ``sparql`` over the union of all document graphs and collect the answer.

    ``bindings`` are substituted as RDF terms by Oxigraph (the variable must be projected, or
    the query ``SELECT *``). Results are read lazily: with ``max_results`` the query stops at
    the first result too many (E308); with ``timeout`` (seconds) it stops at the first result
    read after the deadline (E307). A query that computes for long before its first result
    cannot be interrupted from Python; the server runs queries in a process it can kill.
    ``default_graphs`` and ``named_graphs`` (graph IRIs, as the SPARQL protocol's
    ``default-graph-uri`` and ``named-graph-uri``) replace the union default graph.

    >>> from aikg.graph.store import open_store
    >>> import tempfile
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     execute(store, "SELECT ?x WHERE { VALUES ?x { 1 2 } }").rows
    [(rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')),), \
(rdflib.term.Literal('2', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')),)]
    """
    if is_update(sparql):
        raise QueryError(Errors.E306)
    limits = _Limits(max_results, timeout)
    for name, term in (bindings or {}).items():
        if not isinstance(term, URIRef | Literal):
            raise QueryError(Errors.E304.format(
                detail=f"cannot bind ?{name} to {term!r}: only IRIs and literals can be parameters"))
    try:
        stream = store.stream(sparql, bindings, default_graphs=default_graphs, named_graphs=named_graphs)
        if stream.kind == "ASK":
            return Answer("ASK", boolean=bool(stream.boolean))
        if stream.kind == "SELECT":
            return Answer("SELECT", variables=stream.variables, rows=list(_bounded(stream.rows, limits)))
        graph = _new_graph()
        for triple in _bounded(stream.rows, limits):
            graph.add(triple)
        return Answer(_describe_or_construct(sparql), graph=graph)
    except StoreError as err:
        if err.code != "E212":  # the store failed (a server gone: E210): said as the store said it
            raise
        raise QueryError(Errors.E304.format(detail=str(err).split("] ", 1)[-1])) from err
    except ValueError as err:  # a graph IRI or a parameter that Oxigraph refuses
        raise QueryError(Errors.E304.format(detail=f"cannot bind a parameter or graph: {err}")) from err
    except (SyntaxError, ParseException) as err:
        raise _syntax_error(err, sparql) from err
    except TypeError as err:
        raise QueryError(Errors.E310.format(detail=f"the answer holds a term aikg cannot show: {err}")) from err
    except RuntimeError as err:
        raise QueryError(Errors.E310.format(detail=f"cannot run the query: {' '.join(str(err).split())}")) from err
    except OSError as err:
        raise QueryError(Errors.E310.format(detail=f"the store could not answer: {err}")) from err


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _collect(result: Result, limits: _Limits, sparql: str = "") -> Answer:
    if result.type == "ASK":
        return Answer("ASK", boolean=bool(result.askAnswer))
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        graph = _new_graph()
        for triple in _bounded(result.graph or (), limits):
            graph.add(triple)
        return Answer(_describe_or_construct(sparql) if sparql else result.type, graph=graph)
    names = [str(v) for v in result.vars or []]
    rows = [tuple(row) for row in _bounded(result, limits)]
    return Answer("SELECT", variables=names, rows=rows)


def run_query(store: KnowledgeStore, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
    """Run ``sparql`` through rdflib; syntax errors become :class:`QueryError` E301 with line and column."""
    try:
        return store.query(sparql, bindings)
    except (SyntaxError, ParseException) as err:
        raise _syntax_error(err, sparql) from err


# -- labels --------------------------------------------------------------------------------
def label_map(store: KnowledgeStore, terms: Iterable[object]) -> dict[URIRef, str]:
    """The ``rdfs:label`` of each IRI among ``terms`` that has one (the most used, if several).

    Labels are looked up with one bound query per IRI, so IRIs are never pasted into SPARQL.
    """
    labels: dict[URIRef, str] = {}
    for term in {t for t in terms if isinstance(t, URIRef)}:
        rows = store.select("SELECT ?label ?e WHERE { ?e rdfs:label ?label }", {"e": term})
        if rows:
            counts = Counter(str(r[0]) for r in rows)
            labels[term] = min(counts, key=lambda label: (-counts[label], label))
    return labels


def resolve_entity(store: KnowledgeStore, text: str) -> URIRef:
    """The IRI of the entity called ``text``, by the one entity lookup (:mod:`aikg.graph.lookup`)."""
    return find_entity(store, text).iri


# -- rendering -----------------------------------------------------------------------------
def shorten(term: object) -> str:
    """Render a term compactly: ``aikg:leads`` for IRIs under a known prefix, the text of literals.

    >>> shorten(URIRef("https://w3id.org/aikg/entity/openai"))
    'ent:openai'
    >>> shorten(Literal("Paris"))
    'Paris'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        best, chosen = "", ""
        for prefix, namespace in PREFIXES.items():
            ns = str(namespace)
            if text.startswith(ns) and len(ns) > len(best):
                best, chosen = ns, prefix
        return f"{chosen}:{text[len(best):]}" if best else text
    return str(term)


def _nt(term: Term) -> str:
    """A term in N-Triples syntax on one line (as the SPARQL TSV format wants it)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term)


def _with_labels(answer: Answer, labels: Mapping[URIRef, str]) -> list[Row]:
    return [tuple(Literal(labels[c]) if isinstance(c, URIRef) and c in labels else c for c in row)
            for row in answer.rows]


def _as_answer(result: Result | Answer) -> Answer:
    return result if isinstance(result, Answer) else _collect(result, _Limits(None, None))


#: What XML 1.0 cannot carry at all, even escaped (its Char production).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def serialize(result: Result | Answer, fmt: ResultFormat, *, labels: Mapping[URIRef, str] | None = None,
              width: int | None = None) -> bytes:
    """Serialise an answer: SPARQL results JSON/XML/CSV/TSV, RDF for graphs, or a table.

    ``labels`` (from :func:`label_map`) replace IRIs in tables, CSV and TSV. ``width`` fits a
    table into that many columns (a terminal's), cutting its longest cells; the other formats
    always carry the full text.
    Raises :class:`QueryError` E302 when the format does not fit the kind of answer, and E318
    when an XML format is asked for an answer holding a character XML cannot carry (a control
    character in a stored text): rdflib would write ill-formed XML.
    """
    data = _serialize(result, fmt, labels, width)
    if fmt in {ResultFormat.XML, ResultFormat.RDFXML}:
        bad = _NOT_XML.search(data.decode("utf-8", "surrogatepass"))
        if bad is not None:
            raise QueryError(Errors.E318.format(where=f"U+{ord(bad.group()):04X}"))
    return data


def _serialize(result: Result | Answer, fmt: ResultFormat, labels: Mapping[URIRef, str] | None,
               width: int | None = None) -> bytes:
    answer = _as_answer(result)
    if answer.is_graph:
        if fmt not in GRAPH_FORMATS:
            raise QueryError(Errors.E302.format(
                detail=f"{fmt.value} output is for SELECT and ASK queries; for {answer.kind} use turtle, nt, "
                       "jsonld or rdfxml"))
        graph = answer.graph if answer.graph is not None else _new_graph()
        data = graph.serialize(format=_RDFLIB_GRAPH_FORMAT[fmt], encoding="utf-8")
        return data
    if fmt not in TABULAR_FORMATS:
        raise QueryError(Errors.E302.format(
            detail=f"{fmt.value} output is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv, json or xml"))
    if answer.kind == "ASK":
        if fmt in {ResultFormat.JSON, ResultFormat.XML}:
            rdflib_result = Result("ASK")
            rdflib_result.askAnswer = bool(answer.boolean)
            return bytes(rdflib_result.serialize(format=fmt.value) or b"")
        return b"true\n" if answer.boolean else b"false\n"
    rows = _with_labels(answer, labels) if labels and fmt in {ResultFormat.TABLE, ResultFormat.CSV,
                                                              ResultFormat.TSV} else answer.rows
    if fmt is ResultFormat.TABLE:
        return (_table(answer.variables, rows, width) + "\n").encode("utf-8")
    if fmt is ResultFormat.TSV:
        lines = ["\t".join(f"?{v}" for v in answer.variables), *("\t".join(_nt(c) for c in row) for row in rows)]
        return ("\n".join(lines) + "\n").encode("utf-8")
    rdflib_result = Result("SELECT")
    rdflib_result.vars = [Variable(v) for v in answer.variables]
    rdflib_result.bindings = [{Variable(v): c for v, c in zip(answer.variables, row, strict=True) if c is not None}
                              for row in rows]
    return bytes(rdflib_result.serialize(format=fmt.value) or b"")


def format_result(result: Result | Answer, fmt: ResultFormat, *, labels: Mapping[URIRef, str] | None = None,
                  width: int | None = None) -> str:
    """:func:`serialize`, as text without a final newline (what the CLI prints)."""
    return serialize(result, fmt, labels=labels, width=width).decode("utf-8").rstrip("\n")


def _cell(term: Term) -> str:
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        return format(Decimal(str(term)), "f")
    return " ".join(shorten(term).split())


def _fit(names: Sequence[str], widths: list[int], width: int) -> list[int]:
    """Column widths that fit ``width`` characters (two spaces between columns): each column
    keeps its heading or 16 characters, and the room left goes to the columns that want more,
    in proportion to what they want (a sentence column gets most of it).

    >>> _fit(["a", "sentence"], [5, 300], 40)
    [5, 33]
    >>> _fit(["a", "b"], [5, 6], 40)
    [5, 6]
    """
    room = width - 2 * (len(widths) - 1)
    if sum(widths) <= room:
        return widths
    floors = [min(w, max(len(n), 16)) for n, w in zip(names, widths, strict=True)]
    extra = room - sum(floors)
    if extra <= 0:
        return floors
    wants = [w - f for w, f in zip(widths, floors, strict=True)]
    return [f + want * extra // sum(wants) for f, want in zip(floors, wants, strict=True)]


def _table(names: Sequence[str], rows: Sequence[Row], width: int | None = None) -> str:
    cells = [[_cell(c) for c in row] for row in rows]
    natural = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    widths = natural if width is None else _fit(names, natural, width)
    cut = widths != natural
    if cut:
        cells = [[c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(r, widths, strict=True)] for r in cells]
    line = "  ".join(n[:w].ljust(w) for n, w in zip(names, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    note = f"; long cells cut to {width} columns, the csv and json formats give the full text" if cut else ""
    return "\n".join([line.rstrip(), sep, *body, f"({len(cells)} row{'s' if len(cells) != 1 else ''}{note})"])
