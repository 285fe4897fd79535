"""The Python API for notebooks: open a store, ask it questions, get DataFrames and graphs back.

:class:`KnowledgeGraph` wraps an open store and gathers the analyses of
:mod:`aikg.graph.analysis` behind short method names; every method is a thin call into the
library, so what a notebook shows can be reproduced from a script or the CLI
(``aikg path``, ``aikg rank``).

>>> from aikg.graph.examples import demo_store
>>> with demo_store() as store:
...     kg = KnowledgeGraph(store)
...     print(kg.rank("pagerank", type="Person", top=1)["label"].tolist())
...     print(kg.path("Paris", "Arthur Mensch").nodes)
['Arthur Mensch']
['paris', 'mistral-ai', 'person/arthur-mensch']

Building and opening a store from files (:func:`build_graph`, :func:`open_graph`)::

    kg = build_graph([sample_corpus()], tmp / "store")   # spaCy extraction, then opened read-only
    kg.sparql("SELECT ?org (COUNT(?p) AS ?n) WHERE { ?p aikg:worksFor ?org } GROUP BY ?org")
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd
from rdflib import Literal
from rdflib.term import Identifier

from aikg.errors import Errors, UsageError
from aikg.graph import analysis as an
from aikg.graph.namespaces import entity_iri
from aikg.graph.store import KnowledgeStore, open_store
from aikg.queries import run_named

if TYPE_CHECKING:
    from aikg.graph.views.render import NotebookView

__all__ = [
    "KnowledgeGraph",
    "build_graph",
    "community_query",
    "open_graph",
    "repository_root",
    "sample_corpus",
    "seed_corpus",
]


def repository_root() -> Path | None:
    """The aikg source checkout this package runs from (development installs), or None.

    Found from the package's own file, never from the working directory, so notebooks and
    scripts find ``corpus/sample`` wherever they are started.
    """
    here = Path(__file__).resolve().parent  # aikg/ in a checkout (the strict editable install links to it)
    for candidate in (here.parent, *here.parents):
        if (candidate / "pyproject.toml").is_file() and (candidate / "corpus").is_dir():
            return candidate
    return None


def sample_corpus() -> Path:
    """The sample corpus: ``$AIKG_CORPUS`` when set, else ``corpus/sample`` of the checkout.

    Raises :class:`~aikg.errors.UsageError` (E020) naming where it looked.
    """
    if os.environ.get("AIKG_CORPUS"):
        path = Path(os.environ["AIKG_CORPUS"]).expanduser()
    else:
        root = repository_root()
        path = root / "corpus" / "sample" if root is not None else Path("corpus/sample")
    if not path.is_dir():
        raise UsageError(Errors.E020.format(path=path))
    return path


def seed_corpus() -> Path | None:
    """The shared seed articles, if present: ``$AIKG_SEEDS``, else ``../shared/seeds`` next to the checkout."""
    if os.environ.get("AIKG_SEEDS"):
        path = Path(os.environ["AIKG_SEEDS"]).expanduser()
        return path if path.is_dir() else None
    root = repository_root()
    seeds = root.parent / "shared" / "seeds" if root is not None else None
    return seeds if seeds is not None and seeds.is_dir() else None


def community_query(members: Iterable[str], *, comentions: bool = False) -> str:
    """A SPARQL CONSTRUCT of the typed facts among ``members`` (entity keys), for a view.

    kglab's idea in reverse: a community found in networkx becomes a SPARQL pattern again, which
    :func:`aikg.graph.views.show_view` (``query=``) draws with the evidence of every fact.

    >>> print(community_query(["mistral-ai", "person/arthur-mensch"]))  # doctest: +NORMALIZE_WHITESPACE
    CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <https://w3id.org/aikg/entity/mistral-ai>
    <https://w3id.org/aikg/entity/person/arthur-mensch> } VALUES ?o { <https://w3id.org/aikg/entity/mistral-ai>
    <https://w3id.org/aikg/entity/person/arthur-mensch> } ?s ?p ?o . FILTER(?p IN (aikg:acquired, aikg:announced,
    aikg:attended, aikg:basedIn, aikg:develops, aikg:founded, aikg:heldIn, aikg:investsIn, aikg:leads, aikg:partnerOf,
    aikg:raised, aikg:worksFor)) }
    """
    iris = " ".join(f"<{entity_iri(key)}>" for key in sorted(set(members)))
    predicates = [*an.TYPED_PREDICATES, *(["mentionedWith"] if comentions else [])]
    allowed = ", ".join(f"aikg:{p}" for p in predicates)
    return (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {iris} }} VALUES ?o {{ {iris} }} ?s ?p ?o . "
            f"FILTER(?p IN ({allowed})) }}")


class KnowledgeGraph:
    """An aikg store opened for analysis.

    Parameters
    ----------
    store : KnowledgeStore
        An open store; :func:`open_graph` opens one read-only from a folder (and closes it
        with the :class:`KnowledgeGraph`).
    owns_store : bool
        Close ``store`` when this object is closed.

    Projections are cached per set of options: call :meth:`refresh` after writing to the store.
    """

    def __init__(self, store: KnowledgeStore, *, owns_store: bool = False) -> None:
        self.store = store
        self._owns = owns_store
        self._graphs: dict[tuple[Any, ...], nx.MultiDiGraph] = {}

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        """Release the store (and its lock) when this object opened it."""
        if self._owns:
            self.store.close()
            self._owns = False

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def refresh(self) -> None:
        """Forget cached projections (after the store changed)."""
        self._graphs.clear()

    def __repr__(self) -> str:
        return f"KnowledgeGraph({self.store.location}, {len(self.store.documents())} documents)"

    # -- SPARQL and entities ------------------------------------------------------------------
    def sparql(self, query: str, bindings: Mapping[str, Identifier] | None = None, *, labels: bool = True,
               compact: bool = True) -> pd.DataFrame:
        """A SELECT query as a DataFrame, with ``<column>_label`` columns for entities (see
        :func:`aikg.graph.analysis.projection.select_frame`)."""
        return an.select_frame(self.store, query, bindings, labels=labels, compact=compact)

    def entities(self) -> pd.DataFrame:
        """Every entity: label, type, aliases, Wikidata ID, number of documents (indexed by key)."""
        return an.entity_table(self.store)

    def documents(self) -> pd.DataFrame:
        """Every document: id, title, date, language, URL."""
        return self.sparql("""
            SELECT ?id ?title ?date ?language ?url WHERE {
              ?doc a aikg:Document ; aikg:documentId ?id .
              OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:date ?date }
              OPTIONAL { ?doc dcterms:language ?language } OPTIONAL { ?doc schema:url ?url }
            } ORDER BY ?date ?id""", labels=False)

    def find(self, name: str) -> str:
        """The entity key of ``name`` (label, alias, key or Wikidata ID); E310 when unknown."""
        return an.find_entity(self.store, name)

    # -- networkx projections ------------------------------------------------------------------
    def graph(self, relations: str = "typed", **options: Any) -> nx.MultiDiGraph:
        """The projection of the store (see :func:`aikg.graph.analysis.projection.project`), cached."""
        key = (relations, tuple(sorted((k, tuple(v) if isinstance(v, list | set | tuple) else v)
                                       for k, v in options.items())))
        if key not in self._graphs:
            self._graphs[key] = an.project(self.store, relations, **options)
        return self._graphs[key]

    def pattern(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> nx.MultiDiGraph:
        """The projection of a ``SELECT ?s ?p ?o`` pattern (:func:`aikg.graph.analysis.project_pattern`)."""
        return an.project_pattern(self.store, query, bindings)

    # -- analyses -------------------------------------------------------------------------------
    def rank(self, measure: str = "pagerank", *, type: str | None = None, top: int | None = 10,
             relations: str = "typed") -> pd.DataFrame:
        """The most central entities (see :func:`aikg.graph.analysis.centrality.rank`)."""
        return an.rank(self.graph(relations), measure, type=type, top=top)

    def communities(self, *, relations: str = "typed", method: str = "louvain", seed: int = 42,
                    resolution: float = 1.0, top: int = 3, min_size: int = 1) -> list[an.Community]:
        """Communities with readable summaries (see :func:`aikg.graph.analysis.communities.find_communities`)."""
        return an.find_communities(self.graph(relations), method=method, seed=seed, resolution=resolution,
                                   top=top, min_size=min_size)

    def ask(self, question: str, *, lang: str | None = None) -> pd.DataFrame:
        """A question in English or French answered as a table of facts with their sentences
        (:func:`aikg.ask.ask`); ``.attrs`` holds the intent, its parameters and the SPARQL."""
        from aikg.ask import ask

        return ask(self.store, question, lang=lang).frame()

    def path(self, source: str, target: str, *, relations: str = "auto") -> an.ExplainedPath:
        """How ``source`` is connected to ``target``, each hop with its sentence and document."""
        return an.explain_path(self.store, source, target, relations=relations)

    def ego(self, name: str, radius: int = 1, *, relations: str = "typed") -> nx.Graph:
        """The entities within ``radius`` links of ``name`` and the links between them."""
        return an.ego_network(self.graph(relations), name, radius)

    def neighbours(self, name: str, *, relations: str = "typed") -> pd.DataFrame:
        """The direct links of ``name``: neighbour, predicate, direction, support."""
        return an.neighbours(self.graph(relations), name)

    def funding_rounds(self) -> pd.DataFrame:
        """Every amount a company raised or announced raising, with investors and evidence."""
        return an.funding_rounds(self.store)

    def funding_by_company(self) -> pd.DataFrame:
        """Totals raised per company and currency."""
        return an.funding_by_company(self.store)

    def funding_by_investor(self) -> pd.DataFrame:
        """Per investor and currency: amounts announced and rounds taken part in."""
        return an.funding_by_investor(self.store)

    def announcements(self, actors: Iterable[str] | None = None) -> pd.DataFrame:
        """Amounts that actors announced, with sentence and date."""
        return an.announcements(self.store, actors=actors)

    def public_initiatives(self) -> pd.DataFrame:
        """What governments, public bodies and office holders announce, fund or attend."""
        return an.public_initiatives(self.store)

    def compare_countries(self, countries: Sequence[str] = ("France", "United States", "China"),
                          **options: Any) -> pd.DataFrame:
        """Countries side by side (see :func:`aikg.graph.analysis.compare.compare_countries`)."""
        return an.compare_countries(self.store, countries, **options)

    def entity_countries(self, **options: Any) -> pd.DataFrame:
        """Which country each entity belongs to, and why."""
        return an.entity_countries(self.store, **options)

    def facts_by_month(self, by: str | None = "predicate", **options: Any) -> pd.DataFrame:
        """Facts per publication month, by predicate or by country."""
        return an.facts_by_month(self.store, by, **options)

    # -- named queries: rounds, roles and timelines ---------------------------------------------
    def named(self, name: str, **params: object) -> pd.DataFrame:
        """The answer of the named query ``name`` (``aikg query --named``), one column per variable.

        Parameters left as ``None`` are not given; literals become Python values (decimals stay
        :class:`~decimal.Decimal`, dates :class:`~datetime.date`), IRIs their text.
        """
        answer = run_named(self.store, name, {k: str(v) for k, v in params.items() if v is not None})
        return pd.DataFrame([[_cell(c) for c in row] for row in answer.rows], columns=answer.variables)

    def rounds(self, company: str | None = None, *, investor: str | None = None, since: date | str | None = None,
               until: date | str | None = None) -> pd.DataFrame:
        """Funding rounds, one row per real-world round however many articles report it (named
        query ``funding-rounds``): ``company, amount, currency, stage, date, leads, investors``
        (the others) and ``documents``. A sum over these rows counts each round once.

        >>> from aikg.graph.examples import demo_store
        >>> with demo_store() as store:
        ...     rounds = KnowledgeGraph(store).rounds("Mistral AI")
        >>> rounds[["companyLabel", "amount", "leads", "documents"]].values.tolist()
        [['Mistral AI', Decimal('105000000'), 'Bpifrance', 1]]
        """
        frame = self.named("funding-rounds", company=company, investor=investor, since=since, until=until)
        return frame.drop(columns=["investor", "since", "until"])

    def current_roles(self, org: str | None = None) -> pd.DataFrame:
        """Who leads or works for ``org`` now (named query ``current-roles``): a later article that
        says a role ended supersedes it; ``since`` is the start the text gives, else the first report."""
        return self.named("current-roles", org=org)

    def timeline(self, entity: str) -> pd.DataFrame:
        """The dated facts about ``entity`` in date order, with evidence (named query ``timeline``)."""
        return self.named("timeline", entity=entity)

    # -- views -----------------------------------------------------------------------------------
    def view(self, *, focus: str | None = None, depth: int = 2, query: str | None = None,
             title: str | None = None, height: int = 650, co_mentions: bool = False) -> NotebookView:
        """An interactive network view that displays inline in a notebook (see :mod:`aikg.graph.views.render`);
        ``depth`` counts stated facts around ``focus``, and co-mentions too with ``co_mentions``."""
        from aikg.graph.views.render import show_view

        return show_view(self.store, focus=focus, depth=depth, query=query, title=title, height=height,
                         co_mentions=co_mentions)

    def community_view(self, community: an.Community, *, height: int = 500) -> NotebookView:
        """An inline view of the typed facts among the members of one community."""
        return self.view(query=community_query(community.members), title=f"Community {community}", height=height)


def _cell(term: object) -> object:
    """A cell of a named query's answer as a Python value (``None`` when unbound)."""
    if isinstance(term, Literal):
        return term.toPython()
    return None if term is None else str(term)


def open_graph(location: str | Path) -> KnowledgeGraph:
    """Open the store at ``location`` read-only for analysis (use it in a ``with`` block or close it)."""
    return KnowledgeGraph(open_store(location, read_only=True), owns_store=True)


def build_graph(paths: Sequence[str | Path], location: str | Path, **options: Any) -> KnowledgeGraph:
    """Build (or update) the store at ``location`` from ``paths`` and open it for analysis.

    ``options`` go to :func:`aikg.pipeline.build` (``n_process``, ``batch_size``...). Raises
    :class:`~aikg.errors.UsageError` (E021) listing the documents that failed.
    """
    from aikg.pipeline import build

    report = build([Path(p) for p in paths], location, **options)
    if not report.ok:
        raise UsageError(Errors.E021.format(count=len(report.failed), failed="; ".join(report.failed)))
    return open_graph(location)
