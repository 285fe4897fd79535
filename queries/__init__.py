"""Named SPARQL queries: ``.rq`` files in this package, documented by their header comment.

Named queries are data, not code (as datasette's stored queries): each ``NAME.rq`` file starts
with comment lines that say what it answers and which parameters it takes::

    # title: Who leads which organisation
    # description: People who lead an organisation (aikg:leads), with the number of
    #   documents that say so. Continuation lines are indented.
    # param org (entity, optional): the organisation; example: Mistral AI
    SELECT ?person ?org ... WHERE { ... }

A parameter is a variable of the query (``?org``) that must be projected (or the query is
``SELECT *``): its value is bound by Oxigraph as an RDF term, never pasted into the text. Types:

- ``entity``: an entity, given as a label (``Mistral AI``, matched case-insensitively on
  ``rdfs:label`` then ``skos:altLabel`` by a separate bound query), an ``ent:`` name
  (``ent:mistral-ai``) or its full IRI;
- ``iri``: an IRI, as a prefixed name of a pre-bound prefix (``aikg:leads``) or a full IRI;
- ``string``, ``integer``, ``decimal``, ``date``: a literal of that type.

An optional parameter that is not given leaves its variable free (the query matches any value).

>>> query = get_query("who-leads")
>>> [p.name for p in query.parameters]
['org', 'person']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.resources import files

from rdflib import XSD, Literal, URIRef
from rdflib.term import Identifier

from aikg.errors import QueryError
from aikg.graph.errors import Errors
from aikg.graph.namespaces import PREFIXES
from aikg.graph.sparql import Answer, execute, resolve_entity
from aikg.graph.store import KnowledgeStore

__all__ = [
    "PARAMETER_TYPES",
    "NamedQuery",
    "Parameter",
    "bind_parameters",
    "catalogue_markdown",
    "get_query",
    "load_queries",
    "parse_named_query",
    "parse_params",
    "run_named",
]

#: Types a parameter can have.
PARAMETER_TYPES = ("entity", "iri", "string", "integer", "decimal", "date")

_PARAM = re.compile(
    r"^param\s+(?P<name>[A-Za-z_]\w*)\s*\(\s*(?P<type>\w+)\s*(?:,\s*(?P<optional>optional)\s*)?\)\s*:\s*"
    r"(?P<description>.*?)(?:;\s*example:\s*(?P<example>.+))?$"
)


@dataclass(frozen=True)
class Parameter:
    """A parameter of a named query: the variable it binds, its type, and an example value."""

    name: str
    type: str
    description: str
    optional: bool = False
    example: str | None = None

    def describe(self) -> str:
        flag = ", optional" if self.optional else ""
        example = f" (e.g. {self.example})" if self.example else ""
        return f"{self.name} ({self.type}{flag}): {self.description}{example}"


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped as ``NAME.rq``: its header (title, description, parameters) and text."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(Errors.E304.format(
            detail=f"query {self.name!r} has no parameter {name!r}; its parameters: {known}"))

    def example_params(self) -> dict[str, str]:
        """Parameter values taken from the header's examples (what the docs and the query page show)."""
        return {p.name: p.example for p in self.parameters if p.example is not None}

    def example_command(self) -> str:
        params = "".join(f' --param {k}="{v}"' for k, v in self.example_params().items())
        return f"aikg query --named {self.name}{params}"


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the header comment of a named query; raises :class:`QueryError` E303 if it is incomplete.

    >>> q = parse_named_query("x", "# title: X\\n# description: all\\n#   of it\\n"
    ...                       "# param e (entity, optional): an entity; example: Paris\\nSELECT ?e WHERE { ?e ?p ?o }")
    >>> q.description, q.parameters[0].example
    ('all of it', 'Paris')
    """
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    last: str | None = None
    for raw in text.splitlines():
        if not raw.startswith("#"):
            if raw.strip():
                break
            continue
        line = raw[1:]
        stripped = line.strip()
        if not stripped:
            continue
        if line.startswith((" " * 2, "\t")) and last is not None:  # continuation of the previous field
            if last == "param":
                previous = parameters[-1]
                parameters[-1] = Parameter(previous.name, previous.type, f"{previous.description} {stripped}",
                                           previous.optional, previous.example)
            else:
                fields[last] = f"{fields[last]} {stripped}"
            continue
        if stripped.startswith("param "):
            match = _PARAM.match(stripped)
            if match is None or match["type"] not in PARAMETER_TYPES:
                raise QueryError(Errors.E303.format(
                    detail=f"{name}.rq: cannot read {stripped!r}; write 'param NAME (TYPE[, optional]): "
                    f"description; example: VALUE' with TYPE one of {', '.join(PARAMETER_TYPES)}"))
            parameters.append(Parameter(match["name"], match["type"], match["description"].strip(),
                                        bool(match["optional"]), (match["example"] or "").strip() or None))
            last = "param"
            continue
        key, sep, value = stripped.partition(":")
        if sep and key.strip().isidentifier():
            last = key.strip().lower()
            fields[last] = value.strip()
    for required in ("title", "description"):
        if not fields.get(required):
            raise QueryError(Errors.E303.format(detail=f"{name}.rq: the header has no '# {required}:' line"))
    return NamedQuery(name, fields["title"], fields["description"], tuple(parameters), text)


@cache
def load_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with aikg, by name (the file name without ``.rq``), sorted."""
    found = {}
    for entry in files(__name__).iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = parse_named_query(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(found.items()))


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; :class:`QueryError` E303 lists the known names when it is absent."""
    queries = load_queries()
    if name not in queries:
        raise QueryError(Errors.E303.format(
            detail=f"no named query {name!r}; known: {', '.join(queries)} (see 'aikg queries')"))
    return queries[name]


def catalogue_markdown() -> str:
    """The list of named queries in Markdown, as ``docs/queries.md`` shows it (``aikg queries --markdown``)."""
    lines = []
    for query in load_queries().values():
        lines += [f"### `{query.name}`: {query.title}", "", query.description, ""]
        if query.parameters:
            lines += ["| parameter | type | required | description | example |", "|---|---|---|---|---|"]
            for p in query.parameters:
                lines.append(f"| `{p.name}` | {p.type} | {'no' if p.optional else 'yes'} | {p.description} | "
                             f"{p.example or ''} |")
            lines.append("")
        lines += ["```sh", query.example_command(), "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["key=value", ...]`` from the command line into a dict (the value may contain ``=``).

    >>> parse_params(["org=Mistral AI", "q=a=b"])
    {'org': 'Mistral AI', 'q': 'a=b'}
    """
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(Errors.E304.format(detail=f"parameter {pair!r}: write key=value"))
        values[key.strip()] = value
    return values


def _literal(parameter: Parameter, value: str) -> Literal:
    text = value.strip()
    try:
        if parameter.type == "integer":
            return Literal(int(text), datatype=XSD.integer)
        if parameter.type == "decimal":
            return Literal(Decimal(text), datatype=XSD.decimal)
        if parameter.type == "date":
            return Literal(date.fromisoformat(text).isoformat(), datatype=XSD.date)
    except (ValueError, InvalidOperation):
        raise QueryError(Errors.E304.format(
            detail=f"parameter {parameter.name}={value!r} is not a valid {parameter.type}"
                   + (" (write YYYY-MM-DD)" if parameter.type == "date" else ""))) from None
    return Literal(value)


def _iri(parameter: Parameter, value: str) -> URIRef:
    text = value.strip()
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        text = str(PREFIXES[prefix]) + local
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", text):
        raise QueryError(Errors.E304.format(
            detail=f"parameter {parameter.name}={value!r} is not an IRI; write a prefixed name such as aikg:leads "
                   "or a full IRI"))
    return URIRef(text)


def bind_parameters(store: KnowledgeStore, query: NamedQuery, values: Mapping[str, str]) -> dict[str, Identifier]:
    """Turn text values into RDF terms for ``query``'s parameters (entities resolved from labels).

    Unknown parameters and missing required ones raise :class:`QueryError` E304 naming them.
    """
    bindings: dict[str, Identifier] = {}
    for name, value in values.items():
        parameter = query.parameter(name)
        if parameter.type == "entity":
            bindings[name] = resolve_entity(store, value)
        elif parameter.type == "iri":
            bindings[name] = _iri(parameter, value)
        else:
            bindings[name] = _literal(parameter, value)
    missing = [p.name for p in query.parameters if not p.optional and p.name not in bindings]
    if missing:
        hint = " ".join(f"--param {p.name}=VALUE" for p in query.parameters if p.name in missing)
        raise QueryError(Errors.E304.format(detail=f"query {query.name!r} needs {', '.join(missing)} ({hint})"))
    return bindings


def run_named(
    store: KnowledgeStore,
    name: str,
    values: Mapping[str, str] | None = None,
    *,
    max_results: int | None = None,
    timeout: float | None = None,
) -> Answer:
    """Run the named query ``name`` with parameter ``values`` given as text.

    >>> from aikg.graph.store import open_store
    >>> import tempfile
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     run_named(store, "who-leads").rows
    []
    """
    query = get_query(name)
    bindings = bind_parameters(store, query, values or {})
    return execute(store, query.text, bindings, max_results=max_results, timeout=timeout)
