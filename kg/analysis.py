"""Network analysis of the graph with networkx.

:func:`to_networkx` projects the RDF graph to an ``nx.MultiDiGraph``:
entities are nodes (label, English label, class, key figures as attributes),
relations are typed edges (the predicate's local name is the edge key),
literals are attributes, never nodes; provenance, articles and sentences stay
out.  Material flows are collapsed to supplier -> consumer edges carrying the
material (``flows="edges"``) or kept as flow nodes (``flows="nodes"``).

The analyses are plain functions ``f(G, ...) -> dict | list``.
"""
from __future__ import annotations

import collections
from collections.abc import Iterable

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from .namespace import KG

ENTITY_CLASSES = ("Enterprise", "BusinessUnit", "GovernmentBody", "Laboratory", "Organization",
                  "IndustrialCluster", "IndustryChain", "Country", "Province", "City", "District", "Town",
                  "Village", "Community", "River", "Park", "Site", "Product", "Sector",
                  "Project", "Initiative", "Person")
RELATIONS = ("subsidiaryOf", "unitOf", "locatedIn", "memberOf", "leads", "partOf", "runs",
             "attracted", "investsIn", "hasSite", "produces", "consumes", "byProduct",
             "supplies", "upstreamOf", "downstreamOf", "usedIn", "inputTo", "signsWith", "holdsRole")
SUPPLY = ("produces", "consumes", "byProduct", "supplies", "upstreamOf", "downstreamOf",
          "usedIn", "inputTo", "investsIn")
CORPORATE = ("subsidiaryOf", "unitOf")
#: The industrial network: supply chain, corporate tree, clusters and chains
#: (no place hierarchy, no people), where the chain master should stand out.
INDUSTRY = SUPPLY + CORPORATE + ("memberOf", "leads", "partOf", "attracted")
PLACE_CLASSES = ("Country", "Province", "City", "District", "Town", "Village", "Community", "River",
                 "Park", "Site")
REL_ZH = {"inputTo": "加工为", "signsWith": "签约", "subsidiaryOf": "子公司", "unitOf": "隶属", "locatedIn": "位于", "memberOf": "成员",
          "leads": "牵头", "partOf": "属于", "runs": "开展", "attracted": "引进",
          "investsIn": "投资", "hasSite": "驻地", "produces": "生产", "consumes": "使用原料",
          "byProduct": "副产", "supplies": "供应", "upstreamOf": "上游", "downstreamOf": "下游",
          "usedIn": "用于", "holdsRole": "任职", "flow": "物料流"}


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _labels(g: Graph, node) -> tuple[str, str]:
    zh = en = ""
    for o in g.objects(node, RDFS.label):
        if isinstance(o, Literal):
            if o.language == "zh":
                zh = str(o)
            elif o.language == "en":
                en = str(o)
    return zh, en


def to_networkx(g: Graph, *, flows: str = "edges", provenance: bool = False) -> nx.MultiDiGraph:
    """Project an RDF graph built by kg to a ``MultiDiGraph``.

    Parameters
    ----------
    g : rdflib.Graph
        The graph (``data/triples.ttl``).
    flows : {"edges", "nodes", "both"}
        Material flows as supplier -> consumer edges with ``material``, as
        flow nodes linked to supplier, consumer and material, or both.
    provenance : bool
        Add ``quote`` and ``sentence`` attributes to edges (first evidence).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are entity IRIs with ``label``, ``label_en``, ``type`` and
        ``figures``; edges have key and ``predicate`` = relation name.

    Examples
    --------
    >>> from rdflib import Graph
    >>> ttl = '''@prefix kg: <https://w3id.org/cn-industry-kg/ontology#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <urn:a> a kg:Enterprise ; rdfs:label "甲公司"@zh ; kg:produces <urn:p> .
    ... <urn:p> a kg:Product ; rdfs:label "硫酸"@zh .'''
    >>> G = to_networkx(Graph().parse(data=ttl, format="turtle"))
    >>> sorted(G.nodes[n]["label"] for n in G), list(G.edges(keys=True))
    (['甲公司', '硫酸'], [('urn:a', 'urn:p', 'produces')])
    """
    G = nx.MultiDiGraph()
    types = {}
    for cls in ENTITY_CLASSES:
        for s in g.subjects(RDF.type, KG[cls]):
            types[s] = cls
    for s, cls in types.items():
        zh, en = _labels(g, s)
        G.add_node(str(s), label=zh or _local(s), label_en=en, type=cls, figures=[])
    # figures as node attributes
    for o in g.subjects(RDF.type, KG.Observation):
        about = g.value(o, KG.about)
        if about is None or str(about) not in G:
            continue
        ind = g.value(o, KG.indicator)
        start = g.value(o, KG.periodStart)
        end = g.value(o, KG.periodEnd)
        G.nodes[str(about)]["figures"].append({
            "indicator": _local(ind) if ind else "",
            "value": float(g.value(o, KG.value)),
            "unit": _local(g.value(o, KG.unit)),
            "text": str(g.value(o, KG.surfaceText)),
            "period": str(g.value(o, KG.period) or ""),
            "year": int(str(start)) if start is not None else None,
            "year_end": int(str(end)) if end is not None else None,
        })
    for n in G:
        G.nodes[n]["figures"].sort(key=lambda f: (f["indicator"], f["year"] or 0, f["value"]))
    quotes = {}
    if provenance:
        for ev in g.subjects(RDF.type, KG.Evidence):
            key = (g.value(ev, KG.subject), g.value(ev, KG.predicate), g.value(ev, KG.object))
            sent = g.value(ev, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
            quotes.setdefault(key, (str(g.value(ev, KG.quote)), str(g.value(sent, KG.text) or "")))
    for rel in RELATIONS:
        if rel == "supplies" and flows == "nodes":
            continue
        for s, o in g.subject_objects(KG[rel]):
            if s in types and o in types:
                attrs = {"predicate": rel, "label": REL_ZH.get(rel, rel), "label_en": rel}
                if provenance and (s, KG[rel], o) in quotes:
                    attrs["quote"], attrs["sentence"] = quotes[(s, KG[rel], o)]
                G.add_edge(str(s), str(o), key=rel, **attrs)
    for fl in g.subjects(RDF.type, KG.MaterialFlow):
        sup, con = g.value(fl, KG.supplier), g.value(fl, KG.consumer)
        mats = sorted(g.objects(fl, KG.material), key=str)
        names = [_labels(g, m)[0] for m in mats]
        q = g.value(fl, KG.quantity)
        qty = str(g.value(q, KG.surfaceText)) if q is not None else ""
        if flows in ("edges", "both"):
            for m, name in zip(mats, names):
                G.add_edge(str(sup), str(con), key=f"supplies:{name}", predicate="supplies",
                           label=f"供应 {name}", label_en="supplies", material=name,
                           material_iri=str(m), quantity=qty)
            if G.has_edge(str(sup), str(con), "supplies"):
                G.remove_edge(str(sup), str(con), "supplies")
        if flows in ("nodes", "both"):
            n = str(fl)
            G.add_node(n, label=f"{'、'.join(names)} {qty}".strip(), label_en="material flow",
                       type="MaterialFlow", figures=[])
            G.add_edge(str(sup), n, key="supplier", predicate="supplier", label="供应方",
                       label_en="supplier")
            G.add_edge(n, str(con), key="consumer", predicate="consumer", label="使用方",
                       label_en="consumer")
            for m in mats:
                G.add_edge(n, str(m), key="material", predicate="material", label="物料",
                           label_en="material")
    return G


def view(G: nx.MultiDiGraph, predicates: Iterable[str]) -> nx.MultiDiGraph:
    """The subgraph of edges whose predicate is in ``predicates`` (and their nodes).

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="unitOf", predicate="unitOf")
    >>> _ = G.add_edge("b", "c", key="locatedIn", predicate="locatedIn")
    >>> sorted(view(G, ["unitOf"]).edges())
    [('a', 'b')]
    """
    keep = set(predicates)
    H = nx.MultiDiGraph()
    for u, v, k, d in G.edges(keys=True, data=True):
        if d.get("predicate") in keep:
            H.add_node(u, **G.nodes[u])
            H.add_node(v, **G.nodes[v])
            H.add_edge(u, v, key=k, **d)
    return H


def supply_chain_view(G):
    """Edges of the supply chain: produces, consumes, by-products, flows, uses."""
    return view(G, SUPPLY)


def corporate_tree(G):
    """Subsidiary and unit edges."""
    return view(G, CORPORATE)


def industry_view(G):
    """The industrial network: supply chain, corporate tree, clusters, chains."""
    return view(G, INDUSTRY)


def place_tree(G):
    """``locatedIn`` edges between places."""
    H = view(G, ["locatedIn"])
    return H.subgraph([n for n in H if H.nodes[n].get("type") in PLACE_CLASSES]).copy()


def _lab(G, n) -> str:
    return G.nodes[n].get("label", str(n))


def centrality(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Degree, betweenness and PageRank, highest first.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    top : int
        How many nodes to list per measure.

    Returns
    -------
    dict
        ``{"degree": [(label, score), ...], "betweenness": [...], "pagerank": [...]}``

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for x in "bcd":
    ...     _ = G.add_edge(x, "hub", key="memberOf")
    >>> for n in G:
    ...     G.nodes[n]["label"] = n
    >>> centrality(G, top=1)["degree"]
    [('hub', 1.0)]
    """
    U = nx.Graph(G.to_undirected())
    deg = nx.degree_centrality(U) if len(U) > 1 else {n: 0.0 for n in U}
    btw = nx.betweenness_centrality(U) if len(U) > 2 else {n: 0.0 for n in U}
    pr = nx.pagerank(nx.DiGraph(G)) if len(G) else {}

    def best(d):
        return [(_lab(G, n), round(s, 4)) for n, s in
                sorted(d.items(), key=lambda kv: (-kv[1], _lab(G, kv[0])))[:top]]

    return {"degree": best(deg), "betweenness": best(btw), "pagerank": best(pr)}


def material_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """A directed graph along which material moves: supplier -> consumer,
    producer -> product, by-product source -> material, material -> consumer,
    product -> use, upstream -> downstream."""
    D = nx.DiGraph()
    for u, v, d in G.edges(data=True):
        p = d.get("predicate")
        if p in ("produces", "byProduct", "supplies", "usedIn", "upstreamOf"):
            D.add_edge(u, v, predicate=p)
        elif p in ("consumes", "downstreamOf"):      # the material flows the other way
            D.add_edge(v, u, predicate=p)
    for n in D:
        if n in G:
            D.nodes[n].update(G.nodes[n])
    return D


def material_paths(G: nx.MultiDiGraph, source: str, target: str, cutoff: int = 8) -> dict:
    """Paths along which material moves from ``source`` to ``target`` (labels
    or node ids), shortest first.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("plant", "ore", key="consumes", predicate="consumes")
    >>> _ = G.add_edge("plant", "metal", key="produces", predicate="produces")
    >>> for n in G:
    ...     G.nodes[n]["label"] = n
    >>> material_paths(G, "ore", "metal")["paths"]
    [['ore', 'plant', 'metal']]
    """
    D = material_graph(G)
    s, t = _find(G, source), _find(G, target)
    if s is None or t is None or s not in D or t not in D:
        return {"source": source, "target": target, "paths": []}
    paths = sorted(nx.all_simple_paths(D, s, t, cutoff=cutoff), key=lambda p: (len(p), p))
    return {"source": source, "target": target,
            "paths": [[_lab(G, n) for n in p] for p in paths[:20]]}


def _find(G, name: str):
    if name in G:
        return name
    for n, d in G.nodes(data=True):
        if d.get("label") == name:
            return n
    return None


def byproduct_reuse(G: nx.MultiDiGraph) -> list[dict]:
    """Whose by-product is whose feedstock (the "吃干榨净" loops).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("smelter", "acid", key="byProduct", predicate="byProduct")
    >>> _ = G.add_edge("chem", "acid", key="consumes", predicate="consumes")
    >>> for n in G:
    ...     G.nodes[n]["label"] = n
    >>> byproduct_reuse(G)
    [{'source': 'smelter', 'material': 'acid', 'consumer': 'chem'}]
    """
    out = []
    for u, m, k, d in G.edges(keys=True, data=True):
        if d.get("predicate") != "byProduct":
            continue
        for c, _m, k2, d2 in G.in_edges(m, keys=True, data=True):
            if d2.get("predicate") == "consumes" and c != u:
                out.append({"source": _lab(G, u), "material": _lab(G, m), "consumer": _lab(G, c)})
    return sorted(out, key=lambda r: (r["source"], r["material"], r["consumer"]))


def communities(G: nx.MultiDiGraph, min_size: int = 3) -> list[dict]:
    """Communities of the undirected graph (greedy modularity), largest first.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x")])
    >>> for n in G:
    ...     G.nodes[n]["label"] = n
    >>> [c["members"] for c in communities(G)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    U = nx.Graph(G.to_undirected())
    U.remove_nodes_from([n for n in list(U) if U.degree(n) == 0])
    if not len(U):
        return []
    comms = nx.algorithms.community.greedy_modularity_communities(U)
    out = []
    for c in comms:
        if len(c) < min_size:
            continue
        members = sorted(_lab(G, n) for n in c)
        types = collections.Counter(G.nodes[n].get("type", "") for n in c)
        out.append({"size": len(c), "members": members, "types": dict(sorted(types.items()))})
    return sorted(out, key=lambda c: (-c["size"], c["members"]))


EXPECTED_CHAIN_LINKS = {
    "system": "partOf an industrial system",
    "members": "enterprises or units that are part of it",
    "products": "products that are part of it",
    "figures": "figures (output value, growth ...) about it",
}


def chain_coverage(G: nx.MultiDiGraph) -> list[dict]:
    """For each industry chain: which kinds of link the articles attest and
    which are missing.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c", label="钛产业链", type="IndustryChain", figures=[])
    >>> G.add_node("s", label="体系", type="IndustryChain", figures=[])
    >>> _ = G.add_edge("c", "s", key="partOf", predicate="partOf")
    >>> chain_coverage(G)[0]["missing"]
    ['figures', 'members', 'products']
    """
    out = []
    for n, d in G.nodes(data=True):
        if d.get("type") != "IndustryChain" or any(
                e[2].get("predicate") == "partOf" for e in G.in_edges(n, data=True)) and \
                not any(e[2].get("predicate") == "partOf" for e in G.out_edges(n, data=True)):
            continue
        have = set()
        if any(dd.get("predicate") == "partOf" for _, _, dd in G.out_edges(n, data=True)):
            have.add("system")
        for u, _, dd in G.in_edges(n, data=True):
            if dd.get("predicate") == "partOf":
                t = G.nodes[u].get("type")
                have.add("products" if t == "Product" else "members")
        if d.get("figures"):
            have.add("figures")
        out.append({"chain": d.get("label"), "attested": sorted(have),
                    "missing": sorted(set(EXPECTED_CHAIN_LINKS) - have)})
    return sorted(out, key=lambda r: r["chain"])


def ego_network(G: nx.MultiDiGraph, node: str, radius: int = 1) -> dict:
    """The neighbourhood of an entity (label or id) up to ``radius`` hops.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="supplies", predicate="supplies")
    >>> _ = G.add_edge("b", "c", key="supplies", predicate="supplies")
    >>> for n in G:
    ...     G.nodes[n]["label"] = n
    >>> ego_network(G, "a")["nodes"]
    ['a', 'b']
    """
    n = _find(G, node)
    if n is None:
        return {"center": node, "nodes": [], "edges": []}
    E = nx.ego_graph(G, n, radius=radius, undirected=True)
    # a flow edge names its material: two materials to one consumer are two
    # facts, not one fact listed twice
    edges = sorted({(_lab(G, u), d.get("predicate", k) + (f" {d['material']}" if d.get("material") else ""),
                     _lab(G, v)) for u, v, k, d in E.edges(keys=True, data=True)})
    return {"center": _lab(G, n), "nodes": sorted(_lab(G, x) for x in E), "edges": edges}


def indicators_over_time(G: nx.MultiDiGraph, node: str, indicator: str | None = None) -> list[dict]:
    """The figures of an entity ordered by year (those with a year).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x", label="X", figures=[
    ...     {"indicator": "OutputValue", "value": 2.0, "unit": "CNY", "text": "2元", "year": 2025, "period": ""},
    ...     {"indicator": "OutputValue", "value": 1.0, "unit": "CNY", "text": "1元", "year": 2020, "period": ""}])
    >>> [f["year"] for f in indicators_over_time(G, "X")]
    [2020, 2025]
    """
    n = _find(G, node)
    if n is None:
        return []
    figs = [f for f in G.nodes[n].get("figures", []) if f.get("year") is not None
            and (indicator is None or f["indicator"] == indicator)]
    return sorted(figs, key=lambda f: (f["indicator"], f["year"], f["value"]))


def report(G: nx.MultiDiGraph) -> dict:
    """Every analysis on the bundled questions, as one dict."""
    types = collections.Counter(d.get("type") for _, d in G.nodes(data=True))
    hubs = [n for n, d in G.nodes(data=True) if d.get("type") in ("Enterprise", "City")]
    top = max(hubs, key=lambda n: (G.degree(n), _lab(G, n))) if hubs else None
    series = []
    for n, d in G.nodes(data=True):
        years = {f["year"] for f in d.get("figures", []) if f.get("year")}
        if len(years) >= 2:
            series.append({"entity": d["label"], "figures": indicators_over_time(G, n)})
    return {
        "summary": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
                    "types": dict(sorted(types.items()))},
        "centrality": centrality(G),
        "industry_centrality": centrality(industry_view(G)),
        "byproduct_reuse": byproduct_reuse(G),
        "material_paths": [material_paths(G, a, b) for a, b in _path_questions(G)],
        "communities": communities(G),
        "chain_coverage": chain_coverage(G),
        "ego": ego_network(G, top) if top else {},
        "indicators_over_time": sorted(series, key=lambda s: s["entity"]),
    }


def _path_questions(G) -> list[tuple[str, str]]:
    """From each by-product source to each final product (no outgoing
    material edge) it reaches."""
    D = material_graph(G)
    sources = sorted({u for u, v, d in D.edges(data=True) if d["predicate"] == "byProduct"},
                     key=lambda n: _lab(G, n))
    out = []
    for s in sources:
        sinks = sorted((t for t in nx.descendants(D, s) if D.out_degree(t) == 0
                        and G.nodes[t].get("type") == "Product"), key=lambda n: _lab(G, n))
        out += [(_lab(G, s), _lab(G, t)) for t in sinks]
    return out


def render_markdown(r: dict) -> str:
    """The report as Markdown."""
    L = ["# Network analysis", "",
         f"{r['summary']['nodes']} entities, {r['summary']['edges']} relations.", ""]
    L += ["## Who holds the network together", "", "| rank | degree | betweenness | PageRank |",
          "| --- | --- | --- | --- |"]
    c = r["centrality"]
    for i in range(min(10, len(c["degree"]))):
        L.append(f"| {i + 1} | {c['degree'][i][0]} ({c['degree'][i][1]}) | "
                 f"{c['betweenness'][i][0]} ({c['betweenness'][i][1]}) | "
                 f"{c['pagerank'][i][0]} ({c['pagerank'][i][1]}) |")
    ci = r["industry_centrality"]
    L += ["", "In the industrial network alone (supply chain, corporate tree, clusters):", "",
          "| rank | degree | betweenness | PageRank |", "| --- | --- | --- | --- |"]
    for i in range(min(5, len(ci["degree"]))):
        L.append(f"| {i + 1} | {ci['degree'][i][0]} ({ci['degree'][i][1]}) | "
                 f"{ci['betweenness'][i][0]} ({ci['betweenness'][i][1]}) | "
                 f"{ci['pagerank'][i][0]} ({ci['pagerank'][i][1]}) |")
    L += ["", "## By-product reuse (吃干榨净)", ""]
    L += [f"- {x['source']} → {x['material']} → {x['consumer']}" for x in r["byproduct_reuse"]] or ["- none"]
    L += ["", "## Material paths", ""]
    for mp in r["material_paths"]:
        for p in mp["paths"][:3]:
            L.append("- " + " → ".join(p))
    L += ["", "## Communities", ""]
    for i, cm in enumerate(r["communities"], 1):
        L.append(f"{i}. ({cm['size']}) " + "、".join(cm["members"][:25]) +
                 ("…" if cm["size"] > 25 else ""))
    L += ["", "## Industry-chain coverage", "", "| chain | attested | missing |", "| --- | --- | --- |"]
    for cc in r["chain_coverage"]:
        L.append(f"| {cc['chain']} | {', '.join(cc['attested'])} | {', '.join(cc['missing'])} |")
    if r.get("ego"):
        L += ["", f"## Around {r['ego']['center']}", ""]
        L += [f"- {a} —{p}→ {b}" for a, p, b in r["ego"]["edges"][:40]]
    L += ["", "## Indicators over time", ""]
    for s in r["indicators_over_time"]:
        L.append(f"- {s['entity']}: " + "; ".join(
            f"{f['indicator']} {period_text(f)}: {f['text']}" for f in s["figures"]))
    return "\n".join(L) + "\n"


def period_text(f: dict) -> str:
    """A figure's period for a reader: a plan period as its years and name
    (``2021–2025 (十四五)``), a single year as the year.

    >>> period_text({"year": 2021, "year_end": 2025, "period": "十四五"})
    '2021–2025 (十四五)'
    >>> period_text({"year": 2020, "year_end": 2020, "period": "2020年"})
    '2020'
    """
    start, end = f.get("year"), f.get("year_end")
    if start is None:
        return f.get("period") or ""
    if end is None or end == start:
        return str(start)
    name = f.get("period") or ""
    return f"{start}–{end}" + (f" ({name})" if name and not name[:1].isdigit() else "")


def export_graph(G: nx.MultiDiGraph, path, fmt: str) -> None:
    """Write the projection as GraphML or GEXF (list attributes as JSON text)."""
    import json

    from .textio import atomic_write

    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                         for k, v in d.items() if v is not None})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: b for a, b in d.items() if b is not None})
    import io

    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(H, buf, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(H, buf, encoding="utf-8")
    else:
        raise ValueError(fmt)
    atomic_write(path, buf.getvalue())
