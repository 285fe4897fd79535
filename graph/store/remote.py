"""A SPARQL 1.1 server as a store backend (``--store http://...``), through rdflib's SPARQLUpdateStore."""

from __future__ import annotations

import urllib.error
import urllib.request

from rdflib import Dataset
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from aikg.errors import StoreError
from aikg.graph.errors import Errors
from aikg.graph.namespaces import PREFIXES
from aikg.graph.store.base import KnowledgeStore

__all__ = ["SparqlServerStore", "endpoints", "open_remote"]


class SparqlServerStore(KnowledgeStore):
    """Any SPARQL 1.1 server, through its query and update endpoints (rdflib's SPARQLUpdateStore).

    The server must keep a real default graph (not a union view): aikg writes the distinct
    union of the document graphs there itself, as in the embedded store (Oxigraph's
    ``oxigraph serve`` does, without ``--union-default-graph``).
    """

    def __init__(self, query_endpoint: str, update_endpoint: str, *, read_only: bool) -> None:
        self.location = query_endpoint
        self.update_endpoint = update_endpoint
        self.read_only = read_only
        backend = SPARQLUpdateStore(query_endpoint, update_endpoint, returnFormat="json", autocommit=True)
        # For rdflib's SPARQLStore, "union" only means: send no default-graph-uri, so that the
        # server's own default graph (where aikg keeps the merged facts) answers.
        self.dataset = Dataset(store=backend, default_union=True)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)

    def close(self) -> None:
        self.dataset.close()

    def update(self, sparql_update: str) -> None:
        self._writable()
        request = urllib.request.Request(
            self.update_endpoint, data=sparql_update.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace")[:300]
            raise StoreError(Errors.E209.format(endpoint=self.update_endpoint, status=err.code, detail=detail)) from err
        except urllib.error.URLError as err:
            raise StoreError(Errors.E210.format(endpoint=self.update_endpoint, reason=err.reason)) from err

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return int(rows[0][0])


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
    return SparqlServerStore(query, update, read_only=read_only)
