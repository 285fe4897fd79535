"""Text in, entities, relations and provenance out: spaCy pipelines and rules, no RDF."""
