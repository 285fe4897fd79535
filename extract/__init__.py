"""Text in, entities, relations and provenance out: spaCy pipelines and rules, no RDF."""

__all__: list[str] = []
