"""Analyses of the knowledge graph with networkx and pandas, in one import.

The work lives in one module per family of algorithms, as networkx does; this module gathers
their public names so that a notebook needs a single import:

- :mod:`aikg.graph.analysis.projection`: SPARQL into pandas, the store into networkx (typed facts,
  co-mentions or both), entity look-up by name;
- :mod:`aikg.graph.analysis.centrality`: rankings by degree, strength, PageRank, betweenness;
- :mod:`aikg.graph.analysis.communities`: seeded Louvain / greedy modularity communities and
  their readable summaries;
- :mod:`aikg.graph.analysis.paths`: explained shortest paths, neighbours, ego networks;
- :mod:`aikg.graph.analysis.funding`: funding rounds and totals per company and investor, per
  currency; what public actors announce;
- :mod:`aikg.graph.analysis.compare`: countries side by side, facts per month.

>>> from aikg.graph import analysis as an
>>> with an.demo_store() as store:
...     G = an.project(store)
...     print(an.explain_path(store, "Bpifrance", "Arthur Mensch").hops[-1].predicate)
leads
>>> an.rank(G, "pagerank", type="Organization")["label"].tolist()
['Mistral AI', 'Bpifrance']
"""

from __future__ import annotations

from aikg.graph.analysis.centrality import MEASURES, centrality, rank
from aikg.graph.analysis.communities import METHODS, Community, communities_frame, find_communities
from aikg.graph.analysis.compare import Geography, compare_countries, entity_countries, facts_by_month, geography
from aikg.graph.analysis.funding import (
    announcements,
    funding_by_company,
    funding_by_investor,
    funding_rounds,
    public_actors,
    public_initiatives,
)
from aikg.graph.analysis.paths import ExplainedPath, Hop, ego_network, explain_path, neighbours
from aikg.graph.analysis.projection import (
    TYPED_PREDICATES,
    Relations,
    entity_key,
    entity_table,
    find_entity,
    find_node,
    project,
    project_pattern,
    select_frame,
    simple_graph,
)
from aikg.graph.examples import demo_store

__all__ = [
    "MEASURES",
    "METHODS",
    "TYPED_PREDICATES",
    "Community",
    "ExplainedPath",
    "Geography",
    "Hop",
    "Relations",
    "announcements",
    "centrality",
    "communities_frame",
    "compare_countries",
    "demo_store",
    "ego_network",
    "entity_countries",
    "entity_key",
    "entity_table",
    "explain_path",
    "facts_by_month",
    "find_communities",
    "find_entity",
    "find_node",
    "funding_by_company",
    "funding_by_investor",
    "funding_rounds",
    "geography",
    "neighbours",
    "project",
    "project_pattern",
    "public_actors",
    "public_initiatives",
    "rank",
    "select_frame",
    "simple_graph",
]
