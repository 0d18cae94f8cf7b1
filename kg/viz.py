"""The interactive graph page: vis-network (shipped in the pyvis package), our own template.

pyvis 0.3.2 is unmaintained and has traps (``cdn_resources="in_line"`` still
loads Bootstrap from a CDN, ``"local"`` drops ``lib/`` into the working
directory, ``write_html`` uses the locale encoding, the heading and menus are
not escaped, and adding a node or an edge is linear in the nodes so far).  So
the page is our template, with the node and edge records pyvis would make
built here (:func:`page_data`): vis-network's code and CSS inlined from the
pyvis package, the data as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` escaped, and every tooltip, legend entry and label put into the page
with ``textContent`` (never as HTML).  The page makes no network request.
"""
from __future__ import annotations

import bisect
import html
import json
from pathlib import Path

import networkx as nx
from rdflib import Graph
from rdflib.namespace import DCTERMS

from .analysis import ENTITY_CLASSES, REL_ZH, to_networkx
from .errors import InputError, StageError
from .graph.lookup import resolve_entity
from .namespace import KG
from .textio import atomic_write

LAYOUT_THRESHOLD = 400          # above this many nodes: precomputed layout, physics off
#: above this many entities the page draws the top ones by PageRank (a
#: browser draws 2,000 nodes with physics off in a few seconds; bench_viz.py)
PAGE_MAX_NODES = 2000
STYLE = {   # class -> (colour, shape, 中文)
    "Enterprise": ("#d62728", "dot", "企业"), "BusinessUnit": ("#ff9896", "dot", "企业内部单位"),
    "GovernmentBody": ("#1f77b4", "square", "政府机构"), "Laboratory": ("#9467bd", "square", "实验室"),
    "Organization": ("#aec7e8", "square", "组织"),
    "IndustrialCluster": ("#8c564b", "star", "产业集群"), "IndustryChain": ("#c49c94", "star", "产业链"),
    "Country": ("#2ca02c", "triangle", "国家"), "Province": ("#2ca02c", "triangle", "省"), "City": ("#2ca02c", "triangle", "市"),
    "District": ("#98df8a", "triangle", "区/县"), "Town": ("#bcbd22", "triangle", "镇"),
    "Village": ("#dbdb8d", "triangle", "村"), "Community": ("#dbdb8d", "triangle", "社区"),
    "River": ("#17becf", "triangle", "河流"), "Park": ("#9edae5", "triangleDown", "园区"),
    "Site": ("#9edae5", "triangleDown", "场所"), "Product": ("#ff7f0e", "diamond", "产品/材料"),
    "Sector": ("#ffbb78", "diamond", "行业"), "Project": ("#e377c2", "hexagon", "项目"),
    "Initiative": ("#c7c7c7", "ellipse", "举措"), "Person": ("#f7b6d2", "dot", "人物"),
    "MaterialFlow": ("#ff7f0e", "box", "物料流"),
}
REL_EN = {"inputTo": "input to", "signsWith": "signs with", "byProduct": "has by-product", "subsidiaryOf": "subsidiary of", "unitOf": "unit of",
          "locatedIn": "located in", "memberOf": "member of", "partOf": "part of",
          "investsIn": "invests in", "upstreamOf": "upstream of", "downstreamOf": "downstream of",
          "usedIn": "used in", "holdsRole": "holds role at"}


def _pyvis_folder() -> Path:
    """pyvis's installed folder, found without importing pyvis (its
    ``__init__`` imports IPython and jinja2: 0.3 s for two asset files)."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise StageError("the pyvis package (the page's vis-network code) is not installed",
                         stage="page")
    return Path(list(spec.submodule_search_locations)[0])


def _vis_assets() -> tuple[str, str]:
    lib = _pyvis_folder() / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def _sources(g: Graph, limit: int = 3) -> dict[str, list[dict]]:
    """entity -> up to ``limit`` sentences that name it, with article titles."""
    out: dict[str, list[dict]] = {}

    def order(t):
        art, idx = g.value(t[1], KG.inArticle), g.value(t[1], KG.index)
        return str(t[0]), str(art), int(idx) if idx is not None else 0

    for e, s in sorted(g.subject_objects(KG.mentionedIn), key=order):
        lst = out.setdefault(str(e), [])
        if len(lst) >= limit:
            continue
        art = g.value(s, KG.inArticle)
        lst.append({"sentence": str(g.value(s, KG.text) or ""),
                    "article": str(g.value(art, DCTERMS.title) or "")})
    return out


def select(G: nx.MultiDiGraph, focus: str | None = None, depth: int = 1,
           types: list[str] | None = None, keep: set[str] | None = None) -> nx.MultiDiGraph:
    """The part of the projection to draw."""
    H = G
    if keep is not None:
        H = H.subgraph([n for n in H if n in keep or H.nodes[n].get("label") in keep]).copy()
    if types:
        H = H.subgraph([n for n in H if H.nodes[n].get("type") in types]).copy()
    if focus:
        c = next((n for n, d in H.nodes(data=True) if d.get("label") == focus or n == focus), None)
        if c is None:
            c = next((n for n, d in H.nodes(data=True) if focus in d.get("label", "")), None)
        if c is None:
            shown = focus if len(focus) <= 60 else focus[:60] + f"… ({len(focus)} characters)"
            raise InputError(f"no entity named {shown!r} to focus on")
        H = nx.ego_graph(H, c, radius=depth, undirected=True).copy()
    return H


def _igraph():
    """``import igraph``, without the matplotlib import igraph makes for its
    plotting (0.4 s of its 0.6 s), unless matplotlib is loaded already: kg
    only lays out with it.  igraph's own matplotlib plotting then says
    matplotlib is missing in this process; nothing else changes."""
    import sys

    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph
        return igraph
    sys.modules["matplotlib"] = None          # import matplotlib -> ImportError
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]
    return igraph


def layout_positions(U: nx.Graph, seed: int = 42) -> dict:
    """Deterministic force-directed positions, node -> (x, y) in about [-1, 1].

    igraph's C Fruchterman-Reingold (grid variant from 1,000 nodes), from
    start positions drawn from a seeded generator over the nodes sorted by
    name, with igraph's generator seeded for the call: the same graph gives
    the same positions.  On the 100x benchmark's page graph (1,675 nodes) it
    takes 0.12 s where networkx ``spring_layout`` took 6.1 s.
    """
    import random

    ig = _igraph()
    nodes = sorted(U, key=str)
    if not nodes:
        return {}
    idx = {n: i for i, n in enumerate(nodes)}
    edges = sorted({(min(idx[u], idx[v]), max(idx[u], idx[v])) for u, v in U.edges() if u != v})
    rng = random.Random(seed)
    r = max(1.0, len(nodes) ** 0.5 / 2)     # igraph's own start spread: the grid stays sparse
    start = [[rng.uniform(-r, r), rng.uniform(-r, r)] for _ in nodes]
    g = ig.Graph(n=len(nodes), edges=edges)
    ig.set_random_number_generator(random.Random(seed))
    try:
        lay = g.layout_fruchterman_reingold(seed=start, niter=500, grid="auto")
    finally:
        ig.set_random_number_generator(random)
    xs, ys = [c[0] for c in lay.coords], [c[1] for c in lay.coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {n: ((x - cx) / half, (y - cy) / half) for n, x, y in zip(nodes, xs, ys)}


def pagerank(G: nx.DiGraph, alpha: float = 0.85, max_iter: int = 100,
             tol: float = 1.0e-6) -> dict:
    """networkx's ``pagerank(G)`` (unweighted, no personalisation), the same
    floats, on numpy alone: networkx computes it with scipy.sparse, whose
    import is half a second of a rebuild.  The same operations in the same
    order: ``x @ A`` adds each node's share into its targets row by row, as
    scipy's sparse product does (tests/test_scale.py compares the two)."""
    import numpy as np

    N = len(G)
    if N == 0:
        return {}
    nodelist = list(G)
    index = {n: i for i, n in enumerate(nodelist)}
    rows, cols = [], []
    for u, nbrs in G.adjacency():
        i = index[u]
        for v in nbrs:
            rows.append(i)
            cols.append(index[v])
    rows = np.array(rows, dtype=np.intp)
    cols = np.array(cols, dtype=np.intp)
    order = np.argsort(rows, kind="stable")
    rows, cols = rows[order], cols[order]
    S = np.bincount(rows, minlength=N).astype(float)
    nz = S != 0
    S[nz] = 1.0 / S[nz]
    data = S[rows]
    x = np.repeat(1.0 / N, N)
    p = np.repeat(1.0 / N, N)
    dangling_weights = p
    is_dangling = np.where(S == 0)[0]
    for _ in range(max_iter):
        xlast = x
        xA = np.zeros(N)
        np.add.at(xA, cols, data * x[rows])
        x = alpha * (xA + sum(x[is_dangling]) * dangling_weights) + (1 - alpha) * p
        err = np.absolute(x - xlast).sum()
        if err < N * tol:
            return dict(zip(nodelist, map(float, x)))
    raise nx.PowerIterationFailedConvergence(max_iter)


def cap_nodes(G: nx.MultiDiGraph, limit: int = PAGE_MAX_NODES) -> tuple[nx.MultiDiGraph, str]:
    """At most ``limit`` entities: the top ones by PageRank (ties by name),
    and a note saying what was left out and how to see it; ("" when all fit).
    """
    if G.number_of_nodes() <= limit:
        return G, ""
    simple = nx.DiGraph(G)
    pr = pagerank(simple)
    top = sorted(G, key=lambda n: (-pr.get(n, 0.0), str(n)))[:limit]
    H = G.subgraph(top).copy()
    left = G.number_of_nodes() - limit
    note = (f"只显示 PageRank 最高的 {limit} 个实体（共 {G.number_of_nodes()} 个，"
            f"{left} 个未显示）。查看某一实体的邻域：kg viz --focus 名称 --depth 2 · "
            f"Showing the top {limit} of {G.number_of_nodes()} entities by PageRank "
            f"({left} left out). To see any entity's neighbourhood: "
            f"kg viz --focus NAME --depth 2 (or --types, --query).")
    return H, note


def page_data(G: nx.MultiDiGraph, sources: dict[str, list[dict]] | None = None,
              title: str = "知识图谱") -> dict:
    """Nodes, edges, legend and options for the page: the node and edge
    records pyvis's ``Network(directed=True)`` makes, built here directly
    (pyvis looks each node up in a list, for every node and both ends of
    every edge: quadratic, 1.5 s of a 2,000-node page)."""
    sources = sources or {}
    nodes: list[dict] = []
    edges: list[dict] = []
    simple = nx.DiGraph(G)
    pr = pagerank(simple) if len(simple) > 1 else {n: 1.0 for n in simple}
    hi = max(pr.values()) if pr else 1.0
    big = G.number_of_nodes() > LAYOUT_THRESHOLD
    pos = {}
    if big:
        U = nx.Graph()               # nodes and edges only: no copy of the figures
        U.add_nodes_from(simple)
        U.add_edges_from(simple.edges())
        pos = layout_positions(U)
    scale = 40 * max(1.0, len(G) ** 0.5)
    for n in sorted(G, key=str):
        d = G.nodes[n]
        t = d.get("type", "Entity")
        colour, shape, type_zh = STYLE.get(t, ("#cccccc", "dot", t))
        size = 10 + 30 * (pr.get(n, 0) / hi) ** 0.5
        extra = {}
        if big:
            x, y = pos[n]
            extra = {"x": float(x * scale), "y": float(y * scale), "physics": False}
        nodes.append({"color": colour, "size": round(size, 1), **extra, "id": n,
                      "label": d.get("label", n) or n, "shape": shape,
                      "ktype": t})          # not vis "group": groups override the colour
        nodes[-1]["info"] = {
            "zh": d.get("label", ""), "en": d.get("label_en", ""), "type": t, "type_zh": type_zh,
            "figures": [f"{f['text']} ({f['indicator']}{', ' + f['period'] if f.get('period') else ''})"
                        for f in d.get("figures", [])][:8],
            "sources": sources.get(n, []),
        }
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        p = d.get("predicate", str(k))
        zh = d.get("label") or REL_ZH.get(p, p)
        en = REL_EN.get(p, p) + (f" {d['material']}" if d.get("material") else "")
        edges.append({
            "label": zh if not big else "", "arrows": "to",
            "color": "#ff7f0e" if p in ("supplies", "byProduct", "consumes", "produces") else "#999999",
            "width": 3 if p == "supplies" else 1, "from": u, "to": v, "id": f"{u}|{k}|{v}",
            "predicate": p,
            "info": {"zh": zh, "en": en, "quantity": d.get("quantity", ""), "quote": d.get("quote", "")}})
    types = sorted({n["ktype"] for n in nodes})
    legend = [{"type": t, "zh": STYLE.get(t, ("", "", t))[2], "colour": STYLE.get(t, ("#ccc",))[0],
               "shape": STYLE.get(t, ("", "dot"))[1]} for t in types]
    rels = sorted({e["predicate"] for e in edges})
    return {"title": title, "nodes": nodes, "edges": edges, "legend": legend,
            "relations": [{"id": r, "zh": REL_ZH.get(r, r), "en": REL_EN.get(r, r)} for r in rels],
            "physics": not big}


def _json_for_script(data) -> str:
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_page(data: dict) -> str:
    """The whole page; one pass over the template, so no value can inject a
    placeholder."""
    import re

    js, css = _vis_assets()
    parts = {"TITLE": html.escape(data["title"]),
             "VIS_CSS": css.replace("</style", "<\\/style"),
             "VIS_JS": js.replace("</script", "<\\/script"),
             "DATA": _json_for_script(data), "APP_JS": APP_JS}
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], TEMPLATE)


def check_types(types: list[str] | None) -> list[str] | None:
    """``--types`` as class names (matched case-insensitively); an unknown
    one is an :class:`InputError` that lists the valid names."""
    if not types:
        return None
    valid = {c.lower(): c for c in ENTITY_CLASSES + ("MaterialFlow",)}
    out = []
    for t in types:
        if not t.strip():
            continue
        c = valid.get(t.strip().lower())
        if c is None:
            raise InputError(f"unknown class {t.strip()[:40]!r} for --types; valid classes: "
                             + ", ".join(sorted(valid.values())))
        out.append(c)
    if not out:
        raise InputError("--types names no class; valid classes: " + ", ".join(sorted(valid.values())))
    return out


def write_html(source, out: str | Path, *, focus=None, depth=1, types=None, keep=None,
               title: str | None = None) -> Path:
    """Write the interactive page for a graph (Turtle text, a file path or an
    rdflib Graph) to ``out``; returns the path."""
    types = check_types(types)
    if isinstance(source, Graph):
        g = source
    else:
        g = Graph()
        if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
            from .graph.store import load_turtle

            g = load_turtle(Path(source))
        else:
            g.parse(data=source, format="turtle")
    if not isinstance(depth, int) or depth < 0:
        raise InputError(f"--depth must be a whole number of hops, 0 or more, got {depth!r}")
    if focus:
        focus = resolve_entity(g, focus)      # the same lookup as `kg query --param name=`
    G, note = cap_nodes(select(to_networkx(g), focus, depth, types, keep))
    titles = sorted(str(t) for t in g.objects(None, DCTERMS.title))
    data = page_data(G, _sources(g), title or ("知识图谱 · " + "、".join(titles[:3]) if titles else "知识图谱"))
    data["note"] = note
    return atomic_write(out, render_page(data))


def write_projection(G: nx.MultiDiGraph, sources: dict, titles: list[str], out: str | Path,
                     title: str | None = None) -> Path:
    """The page for an already projected graph (:func:`page_projection`:
    the build draws it straight from its store), capped as :func:`write_html`."""
    G, note = cap_nodes(G)
    data = page_data(G, sources, title or ("知识图谱 · " + "、".join(titles[:3]) if titles else "知识图谱"))
    data["note"] = note
    return atomic_write(out, render_page(data))


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_TITLE = "http://purl.org/dc/terms/title"


def _page_predicates() -> tuple[str, ...]:
    from .analysis import RELATIONS

    K = str(KG)
    return (_LABEL, _TITLE, *(K + p for p in (
        "about", "indicator", "periodStart", "value", "periodEnd", "unit", "surfaceText",
        "period", "supplier", "consumer", "quantity", "material", "inArticle", "index",
        "text", "mentionedIn")), *(K + r for r in RELATIONS))


def _add_value(into: dict, s: str, v) -> None:
    """One value of a subject: kept as the value itself, or, from the second
    distinct one on, as a sorted list of them."""
    cur = into.get(s)
    if cur is None:
        into[s] = v
    elif type(cur) is list:
        i = bisect.bisect_left(cur, v)
        if i == len(cur) or cur[i] != v:
            cur.insert(i, v)
    elif cur != v:
        into[s] = sorted((cur, v))


def _values(v) -> list:
    return v if type(v) is list else [v]


class PageFacts:
    """The triples the page reads, as ``predicate -> subject -> value`` (a
    sorted list where there are several; the value is the term's text,
    ``(text, language)`` for labels), and the page's classes of each node:
    what :func:`page_projection` draws from.

    An incremental build keeps them (:meth:`dumps`, marshal: a tenth of a
    second to read at 100x) beside its store and replaces the facts of the
    subjects whose Turtle block changed (:meth:`replace`), instead of
    reading the whole store again."""

    VERSION = 1

    def __init__(self):
        self.preds = _page_predicates()
        self.facts: dict[str, dict] = {p: {} for p in self.preds}
        K = str(KG)
        self.classes = {K + c for c in (*ENTITY_CLASSES, "Observation", "MaterialFlow")}
        self.types: dict[str, tuple] = {}
        self._open_types: dict[str, set] = {}

    @staticmethod
    def _value(p: str, o):
        if p == _LABEL:
            import pyoxigraph as ox

            return (o.value, o.language if isinstance(o, ox.Literal) else None)
        return o.value

    @classmethod
    def from_store(cls, store) -> "PageFacts":
        import pyoxigraph as ox

        f = cls()
        dg = ox.DefaultGraph()
        for p in f.preds:
            into, value = f.facts[p], cls._value
            for q in store.quads_for_pattern(None, ox.NamedNode(p), None, dg):
                _add_value(into, q.subject.value, value(p, q.object))
        rdf_type = ox.NamedNode(_RDF_TYPE)
        types: dict[str, set] = {}
        for c in sorted(f.classes):
            for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(c), dg):
                types.setdefault(q.subject.value, set()).add(c)
        f.types = {s: tuple(sorted(cs)) for s, cs in types.items()}
        return f

    def add_terms(self, triples) -> None:
        """Add rdflib triples (the terms the build renders to Turtle) as
        :meth:`from_store` would read them back from a store of that Turtle:
        a clean build collects the page's facts as it renders, instead of
        reading them again from its on-disk store (1.9 s at 100x against
        0.1 s here); tests/test_scale.py checks both give the same facts.
        Call :meth:`seal` after the last."""
        facts, classes, types = self.facts, self.classes, self._open_types
        for s, p, o in triples:
            p = str(p)                  # (rdflib terms hash and compare apart from str)
            if p == _RDF_TYPE:
                c = str(o)
                if c in classes:
                    types.setdefault(str(s), set()).add(c)
                continue
            into = facts.get(p)
            if into is not None:
                _add_value(into, str(s), (str(o), o.language) if p == _LABEL else str(o))

    def seal(self) -> "PageFacts":
        """The classes :meth:`add_terms` gathered, merged into ``types``."""
        got, self._open_types = self._open_types, {}
        for s, cs in got.items():
            self.types[s] = tuple(sorted({*self.types.get(s, ()), *cs}))
        return self

    def replace(self, subjects, triples) -> None:
        """Drop every fact of ``subjects``, then add ``triples`` (pyoxigraph
        triples or quads, whose subjects are among them)."""
        for s in subjects:
            self.types.pop(s, None)
            for into in self.facts.values():
                into.pop(s, None)
        facts, classes, value = self.facts, self.classes, self._value
        for t in triples:
            p, s = t.predicate.value, t.subject.value
            if p == _RDF_TYPE:
                c = t.object.value
                if c in classes:
                    self.types[s] = tuple(sorted({*self.types.get(s, ()), c}))
            elif p in facts:
                _add_value(facts[p], s, value(p, t.object))

    def dumps(self) -> bytes:
        import marshal

        return marshal.dumps((self.VERSION, self.preds, self.facts, self.types))

    @classmethod
    def loads(cls, data: bytes) -> "PageFacts | None":
        """The facts :meth:`dumps` wrote, or None (another version, damaged)."""
        import marshal

        try:
            version, preds, facts, types = marshal.loads(data)
        except Exception:      # noqa: BLE001
            return None
        f = cls()
        if version != cls.VERSION or tuple(preds) != f.preds:
            return None
        f.facts, f.types = facts, types
        return f


def page_projection(store) -> tuple:
    """What the page draws, read straight from the store: ``(G, sources,
    titles)`` as :func:`kg.analysis.to_networkx` (material flows as edges),
    :func:`_sources` and the article titles would give them from an
    rdflib graph of the same triples (tests/test_scale.py checks that), with
    no rdflib graph in between."""
    return project_facts(PageFacts.from_store(store))


def project_facts(pf: PageFacts) -> tuple:
    """:func:`page_projection` of the page's facts.  Where a node has more
    than one value of a property the page shows one of, the least is shown
    (the shapes allow one): the same whichever order the facts came in."""
    import collections

    import networkx as nx

    from .analysis import RELATIONS

    K = str(KG)
    facts = pf.facts

    def pairs(pred: str):
        for s, v in facts[pred].items():
            if type(v) is list:
                for o in v:
                    yield s, o
            else:
                yield s, v

    def first(pred: str) -> dict:
        return {s: (v[0] if type(v) is list else v) for s, v in facts[pred].items()}

    def local(v: str) -> str:
        return v.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    types: dict[str, str] = {}
    order = {K + c: i for i, c in enumerate(ENTITY_CLASSES)}
    for s, cs in pf.types.items():
        ranked = [order[c] for c in cs if c in order]
        if ranked:
            types[s] = ENTITY_CLASSES[max(ranked)]
    zh: dict[str, str] = {}
    en: dict[str, str] = {}
    for s, objs in facts[_LABEL].items():
        z = [v for v, lang in _values(objs) if lang == "zh"]
        e = [v for v, lang in _values(objs) if lang == "en"]
        if z:
            zh[s] = min(z)
        if e:
            en[s] = min(e)
    G = nx.MultiDiGraph()
    for s in sorted(types):
        G.add_node(s, label=zh.get(s) or local(s), label_en=en.get(s, ""), type=types[s],
                   figures=[])
    about = first(K + "about")
    ind, start, value = first(K + "indicator"), first(K + "periodStart"), first(K + "value")
    end = first(K + "periodEnd")
    unit, text, period = first(K + "unit"), first(K + "surfaceText"), first(K + "period")
    # in IRI order, the order of the Turtle: figures that sort alike keep it
    for o in sorted(s for s, cs in pf.types.items() if K + "Observation" in cs):
        a = about.get(o)
        if a is None or a not in G:
            continue
        G.nodes[a]["figures"].append({
            "indicator": local(ind[o]) if o in ind else "",
            "value": float(value[o]),
            "unit": local(unit[o]),
            "text": text[o],
            "period": period[o] if o in period else "",
            "year": int(start[o]) if o in start else None,
            "year_end": int(end[o]) if o in end else None,
        })
    for n in G:
        G.nodes[n]["figures"].sort(key=lambda f: (f["indicator"], f["year"] or 0, f["value"]))
    for rel in RELATIONS:
        for s, o in sorted(pairs(K + rel)):
            if s in types and o in types:
                G.add_edge(s, o, key=rel, predicate=rel, label=REL_ZH.get(rel, rel),
                           label_en=rel)
    sup, con, qty_of = first(K + "supplier"), first(K + "consumer"), first(K + "quantity")
    mats = collections.defaultdict(list)
    for s, o in pairs(K + "material"):
        mats[s].append(o)
    flows = sorted(s for s, cs in pf.types.items() if K + "MaterialFlow" in cs)
    for fl in flows:
        su, co = sup[fl], con[fl]
        q = qty_of.get(fl)
        qty = text[q] if q is not None and q in text else ""
        for m in sorted(mats.get(fl, ())):
            name = zh.get(m, "")
            G.add_edge(su, co, key=f"supplies:{name}", predicate="supplies",
                       label=f"供应 {name}", label_en="supplies", material=name,
                       material_iri=m, quantity=qty)
        if G.has_edge(su, co, "supplies"):
            G.remove_edge(su, co, "supplies")
    # the sentences naming each entity, in article and sentence order
    in_article, index, stext = first(K + "inArticle"), first(K + "index"), first(K + "text")
    titles_of = first(_TITLE)

    def order_key(t):
        e, s = t
        art = in_article.get(s)
        return e, art if art is not None else "None", int(index[s]) if s in index else 0, s

    sources: dict[str, list[dict]] = {}
    for e, s in sorted(pairs(K + "mentionedIn"), key=order_key):
        lst = sources.setdefault(e, [])
        if len(lst) >= 3:
            continue
        art = in_article.get(s)
        lst.append({"sentence": stext[s] if s in stext else "",
                    "article": titles_of[art] if art is not None and art in titles_of else ""})
    titles = sorted(v for objs in facts[_TITLE].values() for v in _values(objs))
    return G, sources, titles


APP_JS = r"""
(function () {
  "use strict";
  var LABEL_READABLE = 13, LABEL_THRESHOLD = 7;     // on-screen pixels
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function nodeTip(n) {
    var i = n.info, box = el("div", null, "tip");
    box.appendChild(el("div", i.zh, "tip-zh"));
    if (i.en) box.appendChild(el("div", i.en, "tip-en"));
    box.appendChild(el("div", i.type_zh + " · " + i.type, "tip-type"));
    if (i.figures.length) {
      var ul = el("ul", null, "tip-figs");
      i.figures.forEach(function (f) { ul.appendChild(el("li", f)); });
      box.appendChild(ul);
    }
    i.sources.forEach(function (s) {
      var q = el("div", null, "tip-src");
      q.appendChild(el("span", "“" + s.sentence + "”"));
      q.appendChild(el("span", " —《" + s.article + "》", "tip-art"));
      box.appendChild(q);
    });
    return box;
  }
  function edgeTip(e) {
    var box = el("div", null, "tip");
    box.appendChild(el("div", e.info.zh + " / " + e.info.en, "tip-zh"));
    if (e.info.quantity) box.appendChild(el("div", e.info.quantity));
    if (e.info.quote) box.appendChild(el("div", "“" + e.info.quote + "”", "tip-src"));
    return box;
  }
  document.getElementById("kg-title").textContent = data.title;
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var c = Object.assign({}, n); c.title = nodeTip(n); return c; }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var c = Object.assign({}, e); c.title = edgeTip(e); return c; }));
  var hiddenTypes = {}, hiddenRels = {};
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenTypes[n.ktype]; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !hiddenRels[e.predicate]; } });
  var options = {
    nodes: { font: { face: "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif", size: 14 },
             // a label smaller than this on screen is not drawn: the small ones
             // appear as one zooms in (see emphasise() for the important ones)
             scaling: { label: { drawThreshold: LABEL_THRESHOLD, maxVisible: 28 } } },
    edges: { font: { size: 10, align: "middle", face: "Noto Sans CJK SC, sans-serif" },
             smooth: data.physics ? { type: "dynamic" } : false },
    interaction: { hover: true, tooltipDelay: 100, hideEdgesOnDrag: !data.physics },
    physics: data.physics ? { solver: "forceAtlas2Based", stabilization: { iterations: 120, updateInterval: 40, fit: true },
                              forceAtlas2Based: { gravitationalConstant: -60, springLength: 120 } }
                          : false,
    layout: { improvedLayout: data.nodes.length < 150 }
  };
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network;
  window.kgData = { nodes: nodes, edges: edges };
  // The labels of the most important entities (largest nodes: PageRank) are
  // made large enough to read at the first, fit-to-screen view; the others
  // keep their size and appear as one zooms in.
  function emphasise() {
    var scale = network.getScale() || 1;
    var ranked = data.nodes.slice().sort(function (a, b) {
      return (b.size || 0) - (a.size || 0) || (a.label < b.label ? -1 : 1); });
    var k = Math.max(8, Math.min(20, Math.ceil(ranked.length * 0.1)));
    var size = Math.max(14, Math.min(200, LABEL_READABLE / scale));
    window.kgImportant = ranked.slice(0, k).map(function (n) { return n.id; });
    nodes.update(window.kgImportant.map(function (id) {
      return { id: id, font: { size: size, strokeWidth: 3, strokeColor: "#ffffff" } }; }));
  }
  function ready() {
    if (window.kgReady) return;
    network.setOptions({ physics: false });
    emphasise();
    window.kgReady = true;
    document.body.setAttribute("data-ready", "1");
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", ready);
    setTimeout(ready, 15000);
  } else {
    network.once("afterDrawing", ready);
  }
  // legend with class filters
  var legend = document.getElementById("kg-legend");
  data.legend.forEach(function (l) {
    var row = el("label", null, "legend-row");
    var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.dataset.type = l.type;
    cb.addEventListener("change", function () { hiddenTypes[l.type] = !cb.checked; nodeView.refresh(); });
    var sw = el("span", null, "swatch swatch-" + l.shape); sw.style.background = l.colour;
    row.appendChild(cb); row.appendChild(sw); row.appendChild(el("span", l.zh + " " + l.type));
    legend.appendChild(row);
  });
  var relbox = document.getElementById("kg-relations");
  data.relations.forEach(function (r) {
    var row = el("label", null, "legend-row");
    var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.dataset.relation = r.id;
    cb.addEventListener("change", function () { hiddenRels[r.id] = !cb.checked; edgeView.refresh(); });
    row.appendChild(cb); row.appendChild(el("span", r.zh + " · " + r.en));
    relbox.appendChild(row);
  });
  // search
  var input = document.getElementById("kg-search"), status = document.getElementById("kg-status");
  function hideTooltip() {    // a tooltip of the last hover must not outlive a search
    var ih = network.interactionHandler;
    if (ih && ih.popup) { ih.popup.hide(); ih.popupObj = undefined; }
    document.querySelectorAll("div.vis-tooltip").forEach(function (t) { t.style.visibility = "hidden"; });
  }
  var list = document.getElementById("kg-names");
  data.nodes.forEach(function (n) { var o = el("option"); o.value = n.label; list.appendChild(o); });
  function search() {
    var q = input.value.trim();
    hideTooltip();
    if (!q) return;
    var hit = data.nodes.filter(function (n) {
      return n.label === q || n.info.en === q; })[0] || data.nodes.filter(function (n) {
      return n.label.indexOf(q) >= 0 || (n.info.en || "").toLowerCase().indexOf(q.toLowerCase()) >= 0; })[0];
    if (!hit) { status.textContent = "未找到 / not found: " + q; return; }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.2, animation: false });
    status.textContent = hit.label + (hit.info.en ? " · " + hit.info.en : "");
  }
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault(); search(); });
  document.getElementById("kg-count").textContent =
    data.nodes.length + " entities · " + data.edges.length + " relations";
  if (data.note) document.getElementById("kg-note").textContent = data.note;
})();
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}}</title>
<style>{{VIS_CSS}}</style>
<style>
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; }
#kg-side { position: absolute; top: 0; left: 0; bottom: 0; width: 250px; overflow: auto; padding: 8px; box-sizing: border-box; border-right: 1px solid #ddd; background: #fafafa; font-size: 13px; }
#kg-network { position: absolute; top: 0; left: 250px; right: 0; bottom: 0; }
h1 { font-size: 15px; margin: 4px 0 8px; }
h2 { font-size: 13px; margin: 10px 0 4px; }
.legend-row { display: flex; align-items: center; gap: 4px; margin: 2px 0; cursor: pointer; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; }
.swatch-square, .swatch-box { border-radius: 0; }
.swatch-diamond { transform: rotate(45deg); border-radius: 0; width: 10px; height: 10px; }
#kg-search { width: 150px; }
#kg-side { display: flex; flex-direction: column; } #kg-side > * { flex: none; }
#kg-side > #kg-legend, #kg-side > #kg-relations { flex: 0 1 auto; min-height: 48px; overflow-y: auto; border: 1px solid #e4e4e4; background: #fff; padding: 2px 4px; }
#kg-side > #kg-legend { max-height: 40vh; } #kg-side > #kg-relations { max-height: 30vh; }
#kg-note { color: #a33; margin-top: 4px; }
#kg-status { color: #555; min-height: 1.2em; margin-top: 4px; }
div.vis-tooltip { max-width: 420px; white-space: normal; font-family: inherit; }
.tip-zh { font-weight: bold; font-size: 14px; } .tip-en { color: #444; } .tip-type { color: #777; font-size: 12px; }
.tip-figs { margin: 4px 0; padding-left: 16px; } .tip-src { margin-top: 4px; font-size: 12px; } .tip-art { color: #777; }
</style>
</head>
<body>
<div id="kg-side">
  <h1 id="kg-title">{{TITLE}}</h1>
  <form id="kg-search-form"><input id="kg-search" list="kg-names" placeholder="搜索实体 / search"><button type="submit">找</button></form>
  <datalist id="kg-names"></datalist>
  <div id="kg-status"></div>
  <div id="kg-count"></div>
  <div id="kg-note"></div>
  <h2>类别 Classes</h2><div id="kg-legend"></div>
  <h2>关系 Relations</h2><div id="kg-relations"></div>
</div>
<div id="kg-network"></div>
<script type="application/json" id="kg-data">{{DATA}}</script>
<script>{{VIS_JS}}</script>
<script>{{APP_JS}}</script>
</body>
</html>
"""
