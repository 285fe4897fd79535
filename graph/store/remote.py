"""A SPARQL 1.1 server as a store backend (``--store http://...``), spoken to over the SPARQL 1.1
Protocol with httpx.

Why not rdflib's ``SPARQLUpdateStore`` (used before issue 17): it sends one ``Accept`` header for
every query (SPARQL results only), so a strict server answers a CONSTRUCT with 406; its
``Dataset.quads`` over a server fails with a TypeError; and it turns every transport error into
"You did something wrong formulating either the URI or your SPARQL query". Here each request
names the types it can read (results *and* RDF), answers are parsed by rdflib from the type the
server chose, and every failure becomes one coded :class:`~aikg.errors.StoreError` naming the
server: E210 (unreachable, or it stopped answering), E209 (it refused an update), E214 (it
refused a query).

Nothing is half-written: each document goes in as one SPARQL Update request, which a SPARQL
1.1 server applies atomically; a server that dies during a build loses at most the request in
flight, and the build stops at the first unreachable server instead of failing every
remaining document one by one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from io import BytesIO
from typing import Any

import httpx
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Identifier

from aikg.errors import StoreError
from aikg.graph.build import OxQuad, Quad
from aikg.graph.errors import Errors
from aikg.graph.namespaces import PREFIXES
from aikg.graph.store.base import KnowledgeStore, plain_term

__all__ = ["SparqlServerStore", "endpoints", "open_remote"]

#: What a query asks for: SPARQL results for SELECT and ASK, RDF for CONSTRUCT and DESCRIBE
#: (rdflib parses the type the server answers with). Asked by kind, as a server may also write
#: a graph as a table of results (Virtuoso does, when results come first in the header).
ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
#: Comments, IRIs and strings, blanked before the query form is looked for (only to choose the
#: Accept header: a wrong guess costs a 406 from the server, E214, nothing else).
_NOT_KEYWORDS = re.compile(r'#[^\n]*|<[^<>"{}|^`\\\s]*>|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
_FORM = re.compile(r"(?<![\w:])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.IGNORECASE)
#: Seconds to wait for a server: connecting, and between two bytes of an answer.
TIMEOUT = httpx.Timeout(120.0, connect=10.0)


class SparqlServerStore(KnowledgeStore):
    """Any SPARQL 1.1 server, through its query and update endpoints.

    The server must keep a real default graph (not a union view): aikg writes the distinct
    union of the document graphs there itself, as in the embedded store (Oxigraph's
    ``oxigraph serve`` does, without ``--union-default-graph``).
    """

    def __init__(self, query_endpoint: str, update_endpoint: str, *, read_only: bool) -> None:
        self.location = query_endpoint
        self.update_endpoint = update_endpoint
        self.read_only = read_only
        self.dataset = Dataset()  # only to carry the prefixes; answers come from the server
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)
        self._prologue = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
        self._client = httpx.Client(timeout=TIMEOUT, follow_redirects=False)

    def close(self) -> None:
        self._client.close()

    def _post(self, endpoint: str, field: str, text: str, accept: str) -> httpx.Response:
        """One request, form-encoded (``query=`` or ``update=``: the one POST form every server
        takes; Virtuoso 7.2 never answers a POST of ``application/sparql-query``); E210 when
        the server cannot be reached or stops answering."""
        try:
            return self._client.post(endpoint, data={field: text}, headers={"Accept": accept})
        except httpx.HTTPError as err:
            reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
            raise StoreError(Errors.E210.format(endpoint=endpoint, reason=reason)) from err

    def check_writable(self) -> None:
        """Refuse (E216) a server that cannot hold an aikg store before anything is written. aikg
        keeps the merge of all document graphs in the server's own default graph; a server
        without a plain default graph (Virtuoso's is the union of all its graphs) or that does
        not take updates refuses this no-op update (it deletes a triple that is not there)."""
        probe = "DELETE DATA { <urn:aikg:probe> <urn:aikg:probe> <urn:aikg:probe> }"
        response = self._post(self.update_endpoint, "update", probe, "*/*")
        if response.status_code >= 300:
            raise StoreError(Errors.E216.format(endpoint=self.update_endpoint, status=response.status_code,
                                                detail=_detail(response)))

    def update(self, sparql_update: str) -> None:
        self._writable()
        response = self._post(self.update_endpoint, "update", sparql_update, "*/*")
        if response.status_code >= 300:
            raise StoreError(Errors.E209.format(endpoint=self.update_endpoint, status=response.status_code,
                                                detail=_detail(response)))

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run ``sparql`` on the server with aikg's prefixes; ``bindings`` go in a trailing
        ``VALUES`` clause as RDF terms (``n3()``), never pasted into the query's text."""
        text = self._prologue + sparql
        if bindings:
            names = " ".join(f"?{name}" for name in bindings)
            terms = " ".join(term.n3() for term in bindings.values())
            text += f"\nVALUES ({names}) {{ ({terms}) }}"
        form = _FORM.search(_NOT_KEYWORDS.sub(" ", sparql))
        kind = form.group(1).upper() if form else "SELECT"
        response = self._post(self.location, "query", text,
                              ACCEPT_GRAPH if kind in {"CONSTRUCT", "DESCRIBE"} else ACCEPT_RESULTS)
        if response.status_code >= 300:
            raise StoreError(Errors.E214.format(endpoint=self.location, status=response.status_code,
                                                detail=_detail(response)))
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            result = Result.parse(BytesIO(response.content), content_type=media or "application/sparql-results+json")
        except Exception as err:  # rdflib raises each parser's own exceptions (and PluginException)
            raise StoreError(Errors.E214.format(endpoint=self.location, status=response.status_code,
                                                detail=f"an answer aikg cannot read ({media}): {err}")) from err
        return _ask_as_boolean(result) if kind == "ASK" else result

    def write_documents(self, documents: Sequence[tuple[str, Iterable[Quad] | Iterable[OxQuad]]]
                        ) -> list[int | StoreError]:
        """As the default (one update request per document, each atomic), but once the server
        cannot be reached (E210) the rest of the batch is not tried: each of them gets that
        same error, and what was written before stays written."""
        results: list[int | StoreError] = []
        for document in documents:
            results += super().write_documents([document])
            if isinstance(results[-1], StoreError) and results[-1].code == "E210":
                results += [results[-1]] * (len(documents) - len(results))
                break
        return results

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return int(rows[0][0])

    def quads(self) -> Iterator[tuple[Any, Any, Any, Any]]:
        """Every quad, the default graph's (named ``urn:x-rdflib:default``, as the embedded store
        names it) and each document graph's."""
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        for s, p, o, g in rows:
            yield s, p, plain_term(o), DATASET_DEFAULT_GRAPH_ID if g is None else g


def _ask_as_boolean(result: Result) -> Result:
    """Virtuoso 7 answers ASK with a one-cell table (``?__ASK_RETVAL`` = 1 or 0), not a boolean."""
    if result.type != "SELECT" or [str(v) for v in result.vars or []] != ["__ASK_RETVAL"]:
        return result
    rows = list(result)
    answer = Result("ASK")
    answer.askAnswer = bool(rows) and str(rows[0][0]) not in {"0", "false"}  # type: ignore[index]
    return answer


def _detail(response: httpx.Response) -> str:
    return " ".join(response.text.split())[:300] or response.reason_phrase


def endpoints(url: str) -> tuple[str, str]:
    """Query and update endpoints from ``--store URL``: ``QUERY|UPDATE``, or the update endpoint
    guessed from the query one (``.../query`` -> ``.../update``, as Oxigraph and Fuseki name them).

    >>> endpoints("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    >>> endpoints("http://h/sparql|http://h/sparql-auth")
    ('http://h/sparql', 'http://h/sparql-auth')
    """
    if "|" in url:
        query, update = url.split("|", 1)
        return query, update
    if url.rstrip("/").endswith("/query"):
        return url, url.rstrip("/")[: -len("query")] + "update"
    return url, url


def open_remote(location: str, *, read_only: bool = False) -> SparqlServerStore:
    """A store on the SPARQL server at ``location`` (see :func:`endpoints`)."""
    query, update = endpoints(location)
    store = SparqlServerStore(query, update, read_only=read_only)
    if not read_only:
        try:
            store.check_writable()
        except StoreError:
            store.close()
            raise
    return store
