"""The graph side: everything after extraction that reads or writes RDF.

The way the data goes through the package::

    text (kg.article, kg.normalize, kg.ingest)
      -> extract (kg.extract.*, per article; kg.corpus merges, kg.guard checks)
      -> graph (this package)
      -> analysis and page (kg.analysis, kg.viz, kg.plotting)
    with kg.build running the phases and kg.cli on top.

Modules:

* :mod:`kg.graph.rdf` -- articles, entities and facts as triples; the
  deterministic Turtle writer (``data/triples.ttl``);
* :mod:`kg.graph.store` -- the build's pyoxigraph store, graph files opened
  for querying (Oxigraph or rdflib), an rdflib view of a store;
* :mod:`kg.graph.validate` -- SHACL validation (the ``shacl`` engine, pySHACL
  the reference);
* :mod:`kg.graph.spool` -- the Turtle written an article at a time;
  :mod:`kg.graph.incremental` -- what a rebuild keeps (the store, an index of
  the Turtle's blocks) to update, validate and draw only what changed;
* :mod:`kg.graph.query` and ``kg/graph/queries/*.rq`` -- the named SPARQL
  queries and a safe way to run any query; :mod:`kg.graph.lookup` finds an
  entity by name;
* :mod:`kg.graph.server` -- ``kg serve`` (a SPARQL endpoint) and ``kg push``;
* :mod:`kg.graph.export` -- ``kg export`` (N-Triples, JSON-LD, CSV ...).
"""
