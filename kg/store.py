"""Graph stores: plain rdflib for small graphs, Oxigraph (through oxrdflib, so
behind the rdflib API) for speed and for corpora kept on disk.

Both hold the built graph and the ontology, so queries can use class and
property labels and ``rdfs:subClassOf*``.

Oxigraph traps handled here: a plain ``Graph(store="Oxigraph")`` reads and
writes a named graph, so data is bulk-loaded into the *default* graph and
queried through a ``Dataset`` with ``default_union=True``.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError
from .ontology import ontology_dir

BACKENDS = ("oxigraph", "rdflib")


def require_file(path: Path) -> Path:
    if not path.exists():
        raise InputError("no such graph file (run `kg build` first)", path=str(path))
    return path


def open_graph(path: str | Path = "data/triples.ttl", backend: str = "oxigraph",
               store_dir: str | Path | None = None, with_ontology: bool = True) -> Graph:
    """Open the graph in ``path`` for querying.

    ``backend="oxigraph"`` returns an rdflib ``Dataset`` backed by an Oxigraph
    store (in memory, or on disk in ``store_dir``; an existing non-empty store
    there is reused as is).  ``backend="rdflib"`` returns a plain in-memory
    ``Graph``.
    """
    files = [require_file(Path(path))]
    if with_ontology:
        files.append(ontology_dir() / "kg.ttl")
    if backend == "rdflib":
        g = Graph()
        for f in files:
            try:
                g.parse(f, format="turtle")
            except Exception as exc:
                raise InputError(f"not readable Turtle: {str(exc).splitlines()[0][:200]}",
                                 path=str(f)) from None
        return g
    if backend != "oxigraph":
        raise InputError(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    if store_dir is not None:
        Path(store_dir).mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(store_dir))
        fresh = len(store) == 0
    else:
        store = ox.Store()
        fresh = True
    if fresh:
        for f in files:
            try:
                store.bulk_load(path=str(f), format=ox.RdfFormat.TURTLE)
            except (SyntaxError, OSError, ValueError) as exc:
                raise InputError(f"not readable Turtle: {str(exc).splitlines()[0][:200]}",
                                 path=str(f)) from None
        if store_dir is not None:
            store.flush()
    ds = Dataset(store=OxigraphStore(store=store), default_union=True)
    ds.ox_store = store      # the engine itself, for updates and bulk work
    return ds


# ------------------------------------------------------------ the build's store
def build_store(turtle: str, store_dir: str | Path | None = None, *, with_ontology: bool = True):
    """A pyoxigraph ``Store`` holding the Turtle the build writes (and the
    ontology), in memory or on disk in ``store_dir`` (emptied first, so that
    ``kg query --store DIR`` and ``kg serve --store DIR`` read this build).

    The same layout as :func:`open_graph`: everything in the default graph."""
    import pyoxigraph as ox

    if store_dir is not None:
        d = Path(store_dir)
        if d.exists() and not d.is_dir():
            raise InputError("store path exists and is not a folder", path=str(d))
        d.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(d))
        store.clear()
    else:
        store = ox.Store()
    store.bulk_load(input=turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    if with_ontology:
        store.bulk_load(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    if store_dir is not None:
        store.flush()
    return store


def rdflib_view(store) -> Dataset:
    """The store behind the rdflib API (oxrdflib): for callers that want a
    ``Graph``; nothing is copied."""
    from oxrdflib import OxigraphStore

    ds = Dataset(store=OxigraphStore(store=store), default_union=True)
    ds.ox_store = store
    return ds


def _term_converter():
    """pyoxigraph term -> rdflib term, as rdflib's own Turtle parser would
    give it (a plain literal has no datatype), with a cache for IRIs."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    xsd_string = "http://www.w3.org/2001/XMLSchema#string"
    iris: dict = {}

    def conv(t):
        if isinstance(t, ox.NamedNode):
            v = t.value
            got = iris.get(v)
            if got is None:
                got = iris[v] = URIRef(v)
            return got
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            dt = t.datatype.value
            return Literal(t.value) if dt == xsd_string else Literal(t.value, datatype=conv(t.datatype))
        return BNode(t.value)
    return conv


#: what the page reads (kg.analysis.to_networkx, kg.viz): no evidence, no
#: offsets, no provenance, which are most of the graph
_PAGE_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/title",
)
_PAGE_KG = ("about", "indicator", "periodStart", "value", "unit", "surfaceText", "period",
            "supplier", "consumer", "material", "quantity", "mentionedIn", "inArticle", "index",
            "text")


def page_graph(store) -> Graph:
    """The part of the store the page draws, as a small rdflib ``Graph``:
    entities with their classes and labels, relations, figures, material
    flows, and the sentences naming each entity."""
    import pyoxigraph as ox
    from rdflib.namespace import RDF

    from .analysis import ENTITY_CLASSES, RELATIONS
    from .build import gc_paused
    from .namespace import KG

    conv = _term_converter()
    g = Graph()
    rdf_type = ox.NamedNode(str(RDF.type))
    dg = ox.DefaultGraph()
    with gc_paused():
        for cls in (*ENTITY_CLASSES, "Observation", "MaterialFlow"):
            for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(str(KG[cls])), dg):
                g.add((conv(q.subject), RDF.type, conv(q.object)))
        preds = (*_PAGE_PREDICATES, *(str(KG[p]) for p in (*_PAGE_KG, *RELATIONS)))
        for p in preds:
            for q in store.quads_for_pattern(None, ox.NamedNode(p), None, dg):
                g.add((conv(q.subject), conv(q.predicate), conv(q.object)))
    return g
