"""Issue 7: the graph page in a real headless Chromium, offline and safe."""
import functools
import http.server
import threading
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.namespace import KG
from kg.viz import write_html

from .conftest import ROOT, have_chromium

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

HOSTILE = """---
title: </script><script>window.pwned=1</script>“恶意”标题
---
甘肃<img src=x onerror="window.pwned=2">光明化工有限公司利用硫酸生产钛白粉的北辰钛业有限公司。
临泽县推出“<img src=x onerror=window.pwned=3>”行动,开展“</script><script>window.pwned=4</script>”活动。
北辰钛业有限公司总经理王建国说:“我们的'产品'和\\"原料\\"都不含<b>毒</b>。”
"""


@pytest.fixture(scope="module")
def browser():
    exe = have_chromium()
    if not exe:
        pytest.fail("Chromium is not installed: run `bash scripts/setup.sh test` as root "
                    "(Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A loopback HTTP server for the pages (so every request can be seen)."""
    root = tmp_path_factory.mktemp("pages")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def open_page(browser, url):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    page = ctx.new_page()
    errors, blocked = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page.goto(url)
    page.wait_for_function("() => window.kgReady === true", timeout=60000)
    return ctx, page, errors, blocked


def node_xy(page, node_id):
    """Where a node is drawn, in page coordinates."""
    return page.evaluate("""(id) => { const p = window.kgNetwork.getPositions([id])[id];
        const d = window.kgNetwork.canvasToDOM(p);
        const r = document.getElementById('kg-network').getBoundingClientRect();
        return [d.x + r.left, d.y + r.top]; }""", node_id)


def entity_count(ttl: Path) -> int:
    g = Graph()
    g.parse(ttl)
    return len(set(g.subjects(KG.mentionCount, None)))


def test_bundled_page_offline_tooltips_search_and_filters(browser, served, artifacts):
    root, base = served
    ttl = ROOT / "data" / "triples.ttl"
    write_html(ttl, root / "graph.html")
    assert not (Path.cwd() / "lib").exists()
    ctx, page, errors, blocked = open_page(browser, base + "/graph.html")
    try:
        assert errors == [] and blocked == []
        drawn = page.evaluate("() => window.kgNetwork.body.nodeIndices.length")
        assert drawn == entity_count(ttl)
        # hover 金川集团: its tooltip shows a source sentence and article title
        g = Graph()
        g.parse(ttl)
        jc = str(next(s for s, o in g.subject_objects(RDFS.label) if str(o) == "金川集团"))
        page.evaluate("(id) => window.kgNetwork.focus(id, {scale: 1.5, animation: false})", jc)
        page.wait_for_timeout(200)
        xy = node_xy(page, jc)
        page.mouse.move(xy[0] + 40, xy[1] + 40)
        page.mouse.move(xy[0], xy[1], steps=5)
        tip = page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        text = tip.inner_text()
        assert "金川集团" in text and "Jinchuan Group" in text and "《" in text and "。" in text
        page.screenshot(path=str(artifacts / "graph-tooltip.png"))
        # search finds 德通国钛
        page.fill("#kg-search", "德通国钛")
        page.press("#kg-search", "Enter")
        sel = page.evaluate("() => window.kgNetwork.getSelectedNodes()")
        labels = page.evaluate("(ids) => ids.map(i => window.kgData.nodes.get(i).label)", sel)
        assert labels == ["甘肃德通国钛金属有限公司"]
        assert "德通国钛" in page.inner_text("#kg-status")
        # filters by class and by relation
        page.uncheck("input[data-type='Person']")
        after = page.evaluate("() => window.kgNetwork.body.nodeIndices.length")
        assert after == drawn - len(set(g.subjects(RDF.type, KG.Person)))
        edges_before = page.evaluate("() => window.kgNetwork.body.edgeIndices.length")
        page.uncheck("input[data-relation='locatedIn']")
        assert page.evaluate("() => window.kgNetwork.body.edgeIndices.length") < edges_before
        page.check("input[data-type='Person']")
        page.screenshot(path=str(artifacts / "graph.png"))
        assert page.locator("#kg-legend").inner_text().count("\n") >= 10
    finally:
        ctx.close()


def test_hostile_article_renders_as_text(browser, served, tmp_path, artifacts):
    from kg.build import build

    root, base = served
    art = tmp_path / "arts" / "hostile.txt"
    art.parent.mkdir()
    art.write_text(HOSTILE, encoding="utf-8")
    build([art], tmp_path / "out")
    page_file = root / "hostile.html"
    page_file.write_bytes((tmp_path / "out" / "graph.html").read_bytes())
    raw = page_file.read_text(encoding="utf-8")
    assert "<img src=x" not in raw and "<script>window.pwned" not in raw
    ctx, page, errors, blocked = open_page(browser, base + "/hostile.html")
    try:
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.pwned") is None
        assert blocked == [] and errors == []
        labels = page.evaluate("() => window.kgData.nodes.get().map(n => n.label)")
        assert any("<img src=x onerror=window.pwned=3>" in x for x in labels)
        assert "</script>" in page.inner_text("#kg-title")
        # hover every node: tooltips render the payload as text, nothing runs
        ids = page.evaluate("() => window.kgData.nodes.getIds()")
        for i in ids:
            xy = node_xy(page, i)
            page.mouse.move(xy[0], xy[1], steps=3)
            page.wait_for_timeout(150)
        assert page.evaluate("() => window.pwned") is None
        assert page.evaluate("() => document.querySelectorAll('img, b').length") == 0
        page.screenshot(path=str(artifacts / "graph-hostile.png"))
    finally:
        ctx.close()


def test_large_graph_uses_a_precomputed_layout():
    import networkx as nx

    from kg.viz import LAYOUT_THRESHOLD, page_data

    G = nx.MultiDiGraph()
    for i in range(LAYOUT_THRESHOLD + 10):
        G.add_node(f"n{i}", label=f"节点{i}", type="Enterprise", figures=[])
        if i:
            G.add_edge(f"n{i}", f"n{i // 2}", key="unitOf", predicate="unitOf")
    data = page_data(G)
    assert data["physics"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_kg_viz_writes_where_asked(tmp_path, kg_cli):
    out = tmp_path / "sub" / "g.html"
    r = kg_cli("viz", "--out", out, "--focus", "德通国钛", cwd=tmp_path,
               env={"KG_ONTOLOGY": str(ROOT / "ontology")})
    assert r.returncode != 0 or out.exists()
    r = kg_cli("viz", "--graph", ROOT / "data" / "triples.ttl", "--out", out, "--focus", "德通国钛",
               cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert out.exists() and not (tmp_path / "lib").exists()
    text = out.read_text(encoding="utf-8")
    assert "甘肃德通国钛金属有限公司" in text and "<script src" not in text and "<link" not in text
    r = kg_cli("viz", "--graph", ROOT / "data" / "triples.ttl", "--out", out, "--focus", "不存在的公司")
    assert r.returncode == 1 and "no entity named" in r.stderr


# ---------------------------------------------------------------- issue 15


def test_first_view_labels_filters_scroll_and_search_hides_the_tooltip(browser, served, artifacts):
    root, base = served
    ttl = ROOT / "data" / "triples.ttl"
    write_html(ttl, root / "first.html")
    ctx = browser.new_context(viewport={"width": 1200, "height": 560})
    page = ctx.new_page()
    try:
        page.goto(base + "/first.html")
        page.wait_for_function("() => window.kgReady === true", timeout=60000)
        page.wait_for_timeout(300)
        view = page.evaluate("""() => {
            const net = window.kgNetwork, s = net.getScale(), imp = new Set(window.kgImportant);
            return net.body.nodeIndices.map(id => { const n = net.body.nodes[id];
                return {id: id, important: imp.has(id), px: n.options.font.size * s,
                        visible: n.labelModule.visible()}; }); }""")
        important = [v for v in view if v["important"]]
        rest = [v for v in view if not v["important"]]
        assert 8 <= len(important) <= 20
        # the important labels are readable at the fit-to-screen view ...
        assert all(v["visible"] and v["px"] >= 12 for v in important), important
        # ... they are the largest nodes (PageRank), 金川集团 among them
        labels = page.evaluate("(ids) => ids.map(i => window.kgData.nodes.get(i).label)",
                               [v["id"] for v in important])
        assert "金川集团" in labels or "金昌市" in labels
        # the rest are hidden while too small to read, and appear on zoom
        assert sum(not v["visible"] for v in rest) > 0.8 * len(rest)
        page.screenshot(path=str(artifacts / "graph-first-view.png"))
        page.evaluate("() => window.kgNetwork.moveTo({scale: 1.2, animation: false})")
        page.wait_for_timeout(300)
        shown = page.evaluate("(ids) => ids.map(id => window.kgNetwork.body.nodes[id].labelModule.visible())",
                              [v["id"] for v in rest])
        assert all(shown)
        # the relation filter list scrolls in its own box, inside the panel
        box = page.evaluate("""() => { const r = document.getElementById('kg-relations');
            const side = document.getElementById('kg-side').getBoundingClientRect();
            const b = r.getBoundingClientRect();
            return {scroll: r.scrollHeight, client: r.clientHeight, overflow: getComputedStyle(r).overflowY,
                    bottom: b.bottom, sideBottom: side.bottom, rows: r.children.length}; }""")
        assert box["overflow"] == "auto" and box["scroll"] > box["client"], box
        assert box["bottom"] <= box["sideBottom"] + 1
        # hover a node, then search: the old tooltip is gone
        g = Graph()
        g.parse(ttl)
        jc = str(next(s for s, o in g.subject_objects(RDFS.label) if str(o) == "金川集团"))
        page.evaluate("(id) => window.kgNetwork.focus(id, {scale: 1.5, animation: false})", jc)
        page.wait_for_timeout(200)
        xy = node_xy(page, jc)
        page.mouse.move(xy[0] + 40, xy[1] + 40)
        page.mouse.move(xy[0], xy[1], steps=5)
        tip = page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        page.fill("#kg-search", "德通国钛")
        page.press("#kg-search", "Enter")
        page.wait_for_timeout(200)
        assert not tip.is_visible()
        assert "德通国钛" in page.inner_text("#kg-status")
    finally:
        ctx.close()
