"""Issue 6: the networkx projection and the analyses."""
import json

import networkx as nx
import pytest
from rdflib import Graph

from kg.analysis import (byproduct_reuse, centrality, chain_coverage, communities, corporate_tree,
                         ego_network,
                         indicators_over_time, industry_view, material_paths, place_tree, report,
                         supply_chain_view, to_networkx)

from .conftest import ROOT


@pytest.fixture(scope="module")
def G():
    g = Graph()
    g.parse(ROOT / "data" / "triples.ttl")
    return to_networkx(g)


def _id(G, label):
    return next(n for n, d in G.nodes(data=True) if d["label"] == label)


def test_projection_keeps_entities_and_typed_edges_only(G):
    assert isinstance(G, nx.MultiDiGraph)
    types = {d["type"] for _, d in G.nodes(data=True)}
    assert "Enterprise" in types and "Town" in types
    assert not any(t in types for t in ("Sentence", "Article", "Evidence", "Observation"))
    jc = _id(G, "金川集团")
    assert G.nodes[jc]["label_en"] == "Jinchuan Group"
    assert any(f["text"] == "3760亿元" for f in G.nodes[jc]["figures"])
    keys = {k for _, _, k in G.edges(keys=True)}
    assert {"byProduct", "consumes", "locatedIn", "subsidiaryOf"} <= keys
    # flows collapsed to supplier -> consumer edges that carry the material
    sup = [d for u, v, k, d in G.edges(keys=True, data=True) if d["predicate"] == "supplies"]
    assert {"硫酸", "氯气", "电石渣"} <= {d["material"] for d in sup}


def test_flows_can_be_nodes(G):
    g = Graph()
    g.parse(ROOT / "data" / "triples.ttl")
    H = to_networkx(g, flows="nodes")
    flows = [n for n, d in H.nodes(data=True) if d["type"] == "MaterialFlow"]
    assert len(flows) == 4
    assert all(H.out_degree(f) >= 2 and H.in_degree(f) == 1 for f in flows)


def test_jinchuan_is_the_chain_master(G):
    c = centrality(industry_view(G), top=3)
    assert c["pagerank"][0][0] == "金川集团" or c["betweenness"][0][0] == "金川集团"


def test_titanium_path_is_found(G):
    paths = material_paths(G, "金川集团", "钛材")["paths"]
    assert ["金川集团", "硫酸", "甘肃德通国钛金属有限公司", "海绵钛", "钛材"] in paths


def test_jinchuan_byproducts_reach_bailian_and_detong(G):
    reuse = byproduct_reuse(G)
    consumers = {r["consumer"] for r in reuse if r["source"] == "金川集团"}
    assert {"甘肃佰利联化学有限公司", "甘肃德通国钛金属有限公司"} <= consumers


def test_jinchang_and_liangzhou_fall_in_different_communities(G):
    comms = communities(G)
    where = {}
    for i, c in enumerate(comms):
        for m in c["members"]:
            where[m] = i
    assert where["金川集团"] != where["凉州区"]
    assert where["大柳镇"] == where["凉州区"]


def test_views_and_ego(G):
    assert all(d["predicate"] in ("produces", "consumes", "byProduct", "supplies", "upstreamOf",
                                  "downstreamOf", "usedIn", "inputTo", "investsIn")
               for _, _, d in supply_chain_view(G).edges(data=True))
    ct = corporate_tree(G)
    assert {d["predicate"] for _, _, d in ct.edges(data=True)} == {"subsidiaryOf", "unitOf"}
    assert any(G.nodes[v]["label"] == "金川集团" for _, v in ct.edges())
    pt = place_tree(G)
    assert any(G.nodes[v]["label"] == "凉州区" for _, v in pt.edges())
    ego = ego_network(G, "甘肃德通国钛金属有限公司")
    assert "海绵钛" in ego["nodes"] and "裴广林" in ego["nodes"]


def test_indicators_over_time_gives_486_to_2586(G):
    system = next(d["label"] for _, d in G.nodes(data=True) if "2+4" in d["label"])
    series = indicators_over_time(G, system, "OutputValue")
    assert [(f["year"], f["value"]) for f in series] == [(2020, 48600000000.0), (2025, 258600000000.0)]


def test_chain_coverage_lists_attested_and_missing(G):
    cov = {c["chain"]: c for c in chain_coverage(G)}
    assert "system" in cov["数字经济产业链"]["attested"]
    assert "members" in cov["数字经济产业链"]["missing"]


def test_analyses_on_a_hand_made_graph():
    H = nx.MultiDiGraph()
    for n in ("矿山", "冶炼厂", "硫酸", "化工厂", "钛白粉", "村"):
        H.add_node(n, label=n, type="Product" if n in ("硫酸", "钛白粉") else "Enterprise", figures=[])
    H.add_edge("冶炼厂", "硫酸", key="byProduct", predicate="byProduct")
    H.add_edge("化工厂", "硫酸", key="consumes", predicate="consumes")
    H.add_edge("化工厂", "钛白粉", key="produces", predicate="produces")
    H.add_edge("矿山", "冶炼厂", key="supplies", predicate="supplies")
    assert material_paths(H, "矿山", "钛白粉")["paths"] == [["矿山", "冶炼厂", "硫酸", "化工厂", "钛白粉"]]
    assert byproduct_reuse(H) == [{"source": "冶炼厂", "material": "硫酸", "consumer": "化工厂"}]
    assert material_paths(H, "钛白粉", "矿山")["paths"] == []
    assert centrality(H, top=1)["betweenness"][0][0] in ("冶炼厂", "硫酸", "化工厂")


def test_kg_analyze_writes_report_and_gephi_files(tmp_path, kg_cli):
    md = tmp_path / "r.md"
    r = kg_cli("analyze", "--out", md, "--graphml", tmp_path / "g.graphml", "--gexf", tmp_path / "g.gexf")
    assert r.returncode == 0, r.stderr
    text = md.read_text(encoding="utf-8")
    assert "By-product reuse" in text and "金川集团 → 硫酸 → 甘肃佰利联化学有限公司" in text
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 100
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 100
    r = kg_cli("analyze", "--format", "json")
    data = json.loads(r.stdout)
    assert data["industry_centrality"]["betweenness"][0][0] == "金川集团"


def test_report_is_json_serialisable(G):
    json.dumps(report(G), ensure_ascii=False)
