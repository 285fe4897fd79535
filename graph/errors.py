"""The graph layer's messages as one table (spaCy's ``errors.py``): the store (E2xx), SPARQL and
named queries (E3xx), analysis and views (E4xx), and the files that export/import and views are
given (E004, E01x). Raise as ``QueryError(Errors.E311.format(name=...))``: the code travels with
the message (:class:`aikg.errors.Message`). Messages name the value at fault and what would be
valid, never a command-line flag: the CLI adds those where it helps.
"""

from __future__ import annotations

from aikg.errors import add_codes

__all__ = ["Errors"]


@add_codes
class Errors:
    """Message templates of the graph layer; fill them with ``str.format``."""

    # -- files given to views, export and import (command-line usage) ------------------------
    E004 = "a focus entity and a query make different views; give one of them"
    E010 = "{path}: unknown RDF file type {suffix!r}; expected one of {known}"
    E011 = "{path}: no aikg document in this graph (no aikg:Document node); not an aikg export"
    E012 = "{path}: not valid {format}: {detail}"
    E013 = "{path}: graph {graph} has no aikg:documentId; not an aikg export"

    # -- the store -----------------------------------------------------------------------------
    E201 = "no aikg store at {path} (build one there first: aikg build ... with this store)"
    E202 = "{path} {problem}; choose an empty or new folder for a store"
    E203 = "quad for graph {graph} given while writing document {doc_id!r}"
    E204 = "could not write document {doc_id!r}: {detail}"
    E205 = "store {location} is open read-only"
    E206 = "store {path} is {who}; retry when it ends"
    E207 = "cannot open store {path}: {detail}"
    E208 = "store folder {path} {problem}"
    E209 = "SPARQL server {endpoint} refused the update: {status} {detail}"
    E210 = "SPARQL server {endpoint} unreachable: {reason}"
    E211 = ("store {path} holds an unfinished write of {pending} documents (a build was interrupted); "
            "run 'aikg build' on it again, which undoes it first")
    E212 = "default-graph-uri and named-graph-uri are not supported by the store at {location}"
    E213 = "no store backend called {name!r}; known: {known}"
    E214 = "SPARQL server {endpoint} refused the query: {status} {detail}"
    E215 = ("store {location} is out of disk space ({detail}); free some and run the build again: what was "
            "written is kept, and an unfinished write is undone first")
    E216 = ("SPARQL server {endpoint} cannot hold an aikg store: it refused a no-op update of its default graph "
            "({status} {detail}); aikg needs a writable plain default graph (Oxigraph; Fuseki without "
            "unionDefaultGraph)")

    # -- SPARQL and named queries -------------------------------------------------------------
    E301 = "SPARQL syntax error{where}: {detail}"
    E302 = "{detail}"
    E303 = "{detail}"
    E304 = "{detail}"
    E306 = "SPARQL Update is not allowed here: the store is queried read-only"
    E307 = "the query ran longer than the time limit of {seconds:g} s; narrow it or add a LIMIT"
    E308 = "the answer has more than {limit} results; add a LIMIT or narrow the query"
    E309 = "federated queries (SERVICE) are refused: this endpoint only queries its own store"
    E310 = "{detail}"
    E311 = "unknown entity {name!r}: no entity has this name, alias, key or Wikidata ID{hint}"
    E312 = "{name!r} names several entities: {names}; give one of their ent: names instead"
    E313 = "none of the accepted media types can carry a {kind} answer; accept one of {acceptable}"
    E314 = "the {what} is longer than {limit} bytes; send a shorter one"
    E315 = "every query worker stayed busy for {seconds:g} s; retry later"
    E316 = "control character {where} in the {what}; only tab and line breaks are allowed"
    E317 = ("the query needed more memory than the limit of {limit} MiB per query worker and was stopped; "
            "narrow it or add a LIMIT")
    E318 = ("the answer holds a character that XML 1.0 cannot carry ({where}); ask for JSON, CSV or TSV "
            "(or Turtle / N-Triples for a graph)")

    # -- analysis and views -------------------------------------------------------------------
    E401 = "select_frame needs a SELECT query, got {kind}"
    E402 = "unknown entity type(s) {unknown}; expected some of {valid}"
    E403 = "unknown relations {relations!r}; expected one of {valid}"
    E404 = "unknown predicate(s) {unknown}; expected some of {valid}"
    E405 = "project_pattern needs a SELECT with ?s and ?o, got variables {names}"
    E406 = "unknown measure {measure!r}; expected one of {valid}"
    E407 = "unknown community method {method!r}; expected one of {valid}"
    E408 = "no path between {source!r} and {target!r} through {through}"
    E409 = "unknown country {name!r}; expected a name or key such as 'France' or 'united-states' (known: {known})"
    E410 = "unknown split {by!r}; expected 'predicate', 'country' or None"
    E411 = "depth {depth}: the depth is a number of links, 0 or more"
    E412 = "an ASK query answers true or false and has nothing to draw; use CONSTRUCT or SELECT"
