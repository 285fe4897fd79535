"""Remove documents from a store by what the user knows of them: a stored id, a canonical URL, or
the file (or folder) they were built from.

A document's id depends on how it was built (``aikg build corpus/`` gives ``sample/02-x.md`` or
``02-x.md``, a saved page its canonical URL), but every document graph keeps the SHA-256 of its
origin (:func:`~aikg.graph.build.origin_key`: the resolved path of its file, or its canonical URL).
So a path is matched through that key, whatever folder the build was given; a file deleted since
still matches by its path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal

from aikg.documents.loaders import find_sources, load_source
from aikg.graph.build import origin_key
from aikg.graph.rounds import refresh_rounds
from aikg.graph.store import KnowledgeStore

__all__ = ["Removal", "remove_documents", "stored_ids"]


@dataclass
class Removal:
    """What a removal did: the ids removed, and the names that matched no stored document."""

    removed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _origins(name: str) -> list[str]:
    """The origins a path names: its own resolved path, and each document its file(s) hold."""
    path = Path(name)
    origins = [str(path.resolve())]
    if path.exists():
        for source in find_sources([path]):
            if isinstance(source, Exception):
                continue
            origins.append(str(source.path.resolve()))
            origins.extend(d.origin for d in load_source(source) if not isinstance(d, Exception) and d.origin)
    return origins


def stored_ids(store: KnowledgeStore, name: str) -> list[str]:
    """The ids of the stored documents ``name`` designates: the id itself, or the documents
    built from the file or folder at that path (through their origin key). Empty when none."""
    if store.content_hash(name) is not None:
        return [name]
    found: list[str] = []
    for origin in dict.fromkeys(_origins(name)):
        rows = store.select("SELECT ?id ?key WHERE { GRAPH ?doc { ?doc aikg:originKey ?key ; aikg:documentId ?id } }",
                            {"key": Literal(origin_key(origin))})
        found.extend(str(row[0]) for row in rows)
    return sorted(set(found))


def remove_documents(store: KnowledgeStore, names: Sequence[str]) -> Removal:
    """Remove the documents ``names`` designate (ids, canonical URLs, files or folders they were
    built from); facts that other documents also state are kept, and merged funding rounds are
    recomputed. Names that match nothing are reported, the others removed all the same."""
    removal = Removal()
    for name in names:
        ids = stored_ids(store, name)
        if not ids:
            removal.missing.append(name)
        for doc_id in ids:
            if store.remove_document(doc_id):
                removal.removed.append(doc_id)
    refresh_rounds(store)  # a round that only these documents reported goes with them
    return removal
