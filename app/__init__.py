"""aikg: news about the AI ecosystem in, a knowledge graph out.

The package mirrors the data flow of the repository: :mod:`aikg.documents` reads files,
:mod:`aikg.extract` turns text into entity and relation records (no RDF),
:mod:`aikg.graph` turns records into RDF, stores, queries, analyses and draws them, and
:mod:`aikg.queries` holds the named SPARQL queries.
"""

from __future__ import annotations

__version__ = "0.1.0"
