"""aikg: news about the AI ecosystem in, a knowledge graph out.

The package mirrors the data flow of the repository: :mod:`aikg.documents` reads files,
:mod:`aikg.extract` turns text into entity and relation records (no RDF),
:mod:`aikg.graph` turns records into RDF, stores, queries, analyses and draws them, and
:mod:`aikg.queries` holds the named SPARQL queries.

For notebooks, the one-line entry points are re-exported here (imported lazily, so that
``import aikg`` and the CLI stay fast)::

    import aikg
    kg = aikg.open_graph("out/store")
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

# In a checkout, this folder is the package root and its sub-packages are the sibling folders
# that pyproject.toml maps (graph/ is aikg.graph). Installed, they sit inside this folder; run
# from the repository root (``python -m pytest``, ``python -c``), Python imports this folder
# directly, so it is pointed at its siblings too. Nothing else differs between the two.
_CHECKOUT = Path(__file__).parent.parent
if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "graph" / "__init__.py").is_file():
    __path__.append(str(_CHECKOUT))

__version__ = "0.1.0"

_LAZY = {
    "KnowledgeGraph": "aikg.api",
    "build_graph": "aikg.api",
    "open_graph": "aikg.api",
    "sample_corpus": "aikg.api",
    "seed_corpus": "aikg.api",
    "analysis": "aikg.graph.analysis",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name == "analysis":
        return import_module(_LAZY[name])
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'aikg' has no attribute {name!r}")
