"""The one package that opens stores: one interface, two backends, chosen through a registry.

:class:`~aikg.graph.store.base.KnowledgeStore` is the interface the rest of aikg uses. The
backends register an opener under a name, as rdflib's ``plugin.register`` / ``plugin.get`` do;
:func:`open_store` picks one from the location: a URL opens a SPARQL server
(:mod:`~aikg.graph.store.remote`), anything else the embedded on-disk Oxigraph store
(:mod:`~aikg.graph.store.local`). Another backend registers itself with :func:`register`.

>>> sorted(backends())
['local', 'remote']
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from aikg.errors import StoreError
from aikg.graph.errors import Errors
from aikg.graph.store.base import KnowledgeStore, QueryStream, StoredDocument
from aikg.graph.store.local import open_local
from aikg.graph.store.remote import endpoints, open_remote

__all__ = ["KnowledgeStore", "QueryStream", "StoredDocument", "backend_for", "backends", "endpoints", "get",
           "open_store",
           "register"]

#: How a backend opens a location: ``opener(location, read_only=...)``.
Opener = Callable[..., KnowledgeStore]

_BACKENDS: dict[str, Opener] = {}


def register(name: str, opener: Opener) -> None:
    """Make ``opener`` the backend called ``name`` (replacing any earlier one of that name)."""
    _BACKENDS[name] = opener


def get(name: str) -> Opener:
    """The opener registered as ``name``; StoreError E213 naming the known ones otherwise."""
    try:
        return _BACKENDS[name]
    except KeyError:
        raise StoreError(Errors.E213.format(name=name, known=", ".join(sorted(_BACKENDS)))) from None


def backends() -> list[str]:
    """The names of the registered backends."""
    return list(_BACKENDS)


register("local", open_local)
register("remote", open_remote)


def backend_for(location: str | Path) -> str:
    """The backend that serves ``location``: ``remote`` for an http(s) URL, else ``local``.

    >>> backend_for("http://127.0.0.1:7878/query"), backend_for("out/store")
    ('remote', 'local')
    """
    return "remote" if isinstance(location, str) and location.startswith(("http://", "https://")) else "local"


def open_store(location: str | Path, *, read_only: bool = False) -> KnowledgeStore:
    """Open the store at ``location``: a folder (created for writing) or a SPARQL server URL.

    Readers share a local store; a writer has it alone. Raises :class:`~aikg.errors.StoreError`
    naming the location when it is not a store, is locked, or cannot be created.
    """
    return get(backend_for(location))(location, read_only=read_only)
