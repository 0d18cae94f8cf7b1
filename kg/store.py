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
    if str(path) == "":
        raise InputError("the graph file name is an empty string", path="''")
    if not path.exists():
        raise InputError("no such graph file (run `kg build` first)", path=str(path))
    if path.is_dir():
        raise InputError("is a folder, expected a Turtle graph file", path=str(path))
    if not path.is_file():
        raise InputError("is not a regular file (a FIFO or device?): refused", path=str(path))
    return path


def load_turtle(path: str | Path) -> Graph:
    """Parse a Turtle graph file into an rdflib ``Graph``; one-line errors for
    a missing file, a folder, unreadable bytes or text that is not Turtle."""
    p = require_file(Path(path))
    g = Graph()
    try:
        g.parse(p, format="turtle")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    except Exception as exc:  # rdflib's parsers raise many kinds
        lines = [x.strip() for x in str(exc).strip().splitlines() if x.strip()]
        first = " ".join(lines[:2]) or type(exc).__name__
        raise InputError(f"not readable Turtle: {first[:200]}", path=str(p)) from None
    return g


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
class Utf8Reader:
    """A binary reader over a ``str``, encoding a slice per ``read``.

    >>> r = Utf8Reader("甲乙丙")
    >>> b"".join(iter(lambda: r.read(4), b"")).decode("utf-8")
    '甲乙丙'
    """

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = len(self.text) * 4
        n = max(1, size // 4)            # at most 4 bytes a character: never more than size
        piece = self.text[self.pos:self.pos + n]
        self.pos += len(piece)
        return piece.encode("utf-8")

    def readable(self) -> bool:
        return True


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
        try:
            store = ox.Store(str(d))
        except OSError as exc:        # e.g. held by a running `kg serve`
            raise InputError(f"cannot open the store: {str(exc).splitlines()[0][:200]}",
                             path=str(d)) from None
        store.clear()
    else:
        store = ox.Store()
    # read as UTF-8 a slice at a time: no whole second copy of the text
    store.bulk_load(input=Utf8Reader(turtle), format=ox.RdfFormat.TURTLE)
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


def page_projection(store) -> tuple:
    """What the page draws, read straight from the store: ``(G, sources,
    titles)`` as :func:`kg.analysis.to_networkx` (material flows as edges),
    :func:`kg.viz._sources` and the article titles would give them from an
    rdflib graph of the same triples (tests/test_scale.py checks that), with
    no rdflib graph in between."""
    import collections

    import networkx as nx
    import pyoxigraph as ox

    from .analysis import ENTITY_CLASSES, REL_ZH, RELATIONS
    from .namespace import KG

    dg = ox.DefaultGraph()
    K = str(KG)

    def pairs(pred: str):
        for q in store.quads_for_pattern(None, ox.NamedNode(pred), None, dg):
            yield q.subject.value, q.object

    def first(pred: str) -> dict:
        out: dict = {}
        for s, o in pairs(pred):
            out.setdefault(s, o)
        return out

    def local(v: str) -> str:
        return v.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    types: dict[str, str] = {}
    for cls in ENTITY_CLASSES:
        for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(K + cls), dg):
            types[q.subject.value] = cls
    zh: dict[str, str] = {}
    en: dict[str, str] = {}
    for s, o in pairs("http://www.w3.org/2000/01/rdf-schema#label"):
        if isinstance(o, ox.Literal):
            if o.language == "zh":
                zh[s] = o.value
            elif o.language == "en":
                en[s] = o.value
    G = nx.MultiDiGraph()
    for s in sorted(types):
        G.add_node(s, label=zh.get(s) or local(s), label_en=en.get(s, ""), type=types[s],
                   figures=[])
    about = first(K + "about")
    ind, start, value = first(K + "indicator"), first(K + "periodStart"), first(K + "value")
    end = first(K + "periodEnd")
    unit, text, period = first(K + "unit"), first(K + "surfaceText"), first(K + "period")
    # in IRI order, the order of the Turtle: figures that sort alike keep it
    for o in sorted(q.subject.value for q in store.quads_for_pattern(
            None, rdf_type, ox.NamedNode(K + "Observation"), dg)):
        a = about.get(o)
        if a is None or a.value not in G:
            continue
        G.nodes[a.value]["figures"].append({
            "indicator": local(ind[o].value) if o in ind else "",
            "value": float(value[o].value),
            "unit": local(unit[o].value),
            "text": text[o].value,
            "period": period[o].value if o in period else "",
            "year": int(start[o].value) if o in start else None,
            "year_end": int(end[o].value) if o in end else None,
        })
    for n in G:
        G.nodes[n]["figures"].sort(key=lambda f: (f["indicator"], f["year"] or 0, f["value"]))
    for rel in RELATIONS:
        for s, o in sorted(pairs(K + rel), key=lambda t: (t[0], t[1].value)):
            if s in types and o.value in types:
                G.add_edge(s, o.value, key=rel, predicate=rel, label=REL_ZH.get(rel, rel),
                           label_en=rel)
    sup, con, qty_of = first(K + "supplier"), first(K + "consumer"), first(K + "quantity")
    mats = collections.defaultdict(list)
    for s, o in pairs(K + "material"):
        mats[s].append(o.value)
    flows = sorted(q.subject.value for q in store.quads_for_pattern(
        None, rdf_type, ox.NamedNode(K + "MaterialFlow"), dg))
    for fl in flows:
        su, co = sup[fl].value, con[fl].value
        q = qty_of.get(fl)
        qty = text[q.value].value if q is not None and q.value in text else ""
        for m in sorted(mats.get(fl, ())):
            name = zh.get(m, "")
            G.add_edge(su, co, key=f"supplies:{name}", predicate="supplies",
                       label=f"供应 {name}", label_en="supplies", material=name,
                       material_iri=m, quantity=qty)
        if G.has_edge(su, co, "supplies"):
            G.remove_edge(su, co, "supplies")
    # the sentences naming each entity, in article and sentence order
    in_article, index, stext = first(K + "inArticle"), first(K + "index"), first(K + "text")
    titles_of = first("http://purl.org/dc/terms/title")

    def order(t):
        s = t[1]
        art = in_article.get(s)
        return t[0], art.value if art is not None else "None", int(index[s].value) if s in index else 0

    sources: dict[str, list[dict]] = {}
    for e, s in sorted(((e, o.value) for e, o in pairs(K + "mentionedIn")), key=order):
        lst = sources.setdefault(e, [])
        if len(lst) >= 3:
            continue
        art = in_article.get(s)
        lst.append({"sentence": stext[s].value if s in stext else "",
                    "article": titles_of[art.value].value
                    if art is not None and art.value in titles_of else ""})
    titles = sorted(q.object.value for q in store.quads_for_pattern(
        None, ox.NamedNode("http://purl.org/dc/terms/title"), None, dg))
    return G, sources, titles
