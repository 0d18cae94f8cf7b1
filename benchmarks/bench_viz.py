"""Benchmark: time-to-interactive of the graph page in headless Chromium.

For the bundled graph and synthetic graphs of 1,000 and 5,000 nodes (shaped
like ours: a tree of units, places and products with cross links), writes the
page, opens it in Debian's Chromium (Playwright, every request blocked) and
measures from navigation to ``window.kgReady`` (physics stabilised and
stopped, or first drawing when the layout is precomputed). Also times writing
each page, and prints the ratio of each graph's time to the bundled graph's.

    .venv/bin/python benchmarks/bench_viz.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
from rdflib import Graph  # noqa: E402

from kg.analysis import to_networkx  # noqa: E402
from kg.textio import atomic_write  # noqa: E402
from kg.viz import _sources, page_data, render_page  # noqa: E402

TYPES = ["Enterprise", "BusinessUnit", "Product", "Town", "Village", "Project", "Initiative"]
PREDS = ["unitOf", "produces", "consumes", "locatedIn", "supplies", "runs"]


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(n):
        t = TYPES[i % len(TYPES)]
        G.add_node(f"n{i}", label=f"实体{i}号", label_en=f"entity {i}", type=t,
                   figures=[{"indicator": "Count", "value": i, "unit": "NUM", "text": f"{i}个",
                             "period": "", "year": None}])
        if i:
            p = PREDS[i % len(PREDS)]
            G.add_edge(f"n{i}", f"n{rnd.randrange(i)}", key=p, predicate=p, label=p)
        if i > 10 and i % 3 == 0:
            G.add_edge(f"n{i}", f"n{rnd.randrange(i)}", key="supplies", predicate="supplies",
                       label="供应", material="硫酸")
    return G


def tti(browser, path: Path) -> float:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    page = ctx.new_page()
    url = path.as_uri()
    ctx.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    t = time.perf_counter()
    page.goto(url)
    page.wait_for_function("() => window.kgReady === true", timeout=120000)
    el = time.perf_counter() - t
    ctx.close()
    return el


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    g = Graph()
    g.parse(ROOT / "data" / "triples.ttl")
    cases = [("bundled", to_networkx(g), _sources(g)), ("synthetic 1000", synthetic(1000), {}),
             ("synthetic 5000", synthetic(5000), {})]
    with tempfile.TemporaryDirectory() as d, sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        print(f"{'graph':16} {'nodes':>6} {'edges':>6} {'write s':>8} {'TTI median s':>13} {'ratio':>7}")
        base = None
        for name, G, src in cases:
            t = time.perf_counter()
            out = Path(d) / (name.replace(" ", "-") + ".html")
            atomic_write(out, render_page(page_data(G, src, name)))
            wt = time.perf_counter() - t
            times = [tti(b, out) for _ in range(a.repeat)]
            m = statistics.median(times)
            base = base or m
            print(f"{name:16} {G.number_of_nodes():6d} {G.number_of_edges():6d} {wt:8.2f} "
                  f"{m:13.2f} {m / base:6.1f}x", flush=True)
        b.close()


if __name__ == "__main__":
    main()
