"""Write notebooks/analysis.ipynb (cells only); `--execute` also runs it and
stores the outputs, as committed."""
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
NB = ROOT / "notebooks" / "analysis.ipynb"

cells = [
    new_markdown_cell("""# The Jinchang and Liangzhou knowledge graph: a guided analysis

This notebook builds the graph of the bundled articles with the `kg` library,
asks it questions in SPARQL, analyses the network with networkx, charts the
figures (with Chinese labels) and embeds the interactive view.
Rerun it top to bottom with the project's virtualenv (`.venv`, kernel *python3*)."""),
    new_code_cell("""from pathlib import Path
import time

from kg.build import build

ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
OUT = ROOT / "notebooks" / "_build"          # scratch output, not committed
t0 = time.perf_counter()
result = build([ROOT / "data" / "articles"], OUT)  # extract, validate, write triples.ttl + graph.html
result.summary()"""),
    new_markdown_cell("""## Questions in SPARQL

Named queries live in `kg/graph/queries/*.rq`; parameters are bound, never pasted
into the query text. `ask()` turns a result into a pandas table."""),
    new_code_cell("""import pandas as pd
from kg.graph.query import list_queries, load_query, run_query
from kg.graph.store import open_graph

store = open_graph(OUT / "triples.ttl")      # Oxigraph behind the rdflib API

def ask(query, **params):
    q = load_query(query)
    r = run_query(store, q.text, params, defaults=q.params, langs=q.langs)
    return pd.DataFrame([[None if t is None else t.toPython() for t in row] for row in r.rows],
                        columns=r.vars)

pd.DataFrame([(q.name, q.question) for q in list_queries()], columns=["query", "question"])"""),
    new_code_cell("""ask("material-flows")"""),
    new_code_cell("""ask("byproducts", name="金川集团")"""),
    new_code_cell("""ask("people")"""),
    new_code_cell("""ask("district-places", name="凉州区")"""),
    new_markdown_cell("""## The network

The RDF graph projected to a networkx `MultiDiGraph`: entities are nodes,
relations typed edges, material flows collapsed to supplier → consumer edges
carrying the material."""),
    new_code_cell("""from rdflib import Graph
from kg import analysis as A

rdf = Graph().parse(OUT / "triples.ttl")
G = A.to_networkx(rdf)
industry = A.industry_view(G)
c = A.centrality(industry, top=10)
pd.DataFrame({k: [f"{n} ({s})" for n, s in v] for k, v in c.items()})"""),
    new_code_cell("""pd.DataFrame(A.byproduct_reuse(G))   # whose waste is whose feedstock (吃干榨净)"""),
    new_code_cell("""for p in A.material_paths(G, "金川集团", "钛材")["paths"][:5]:
    print(" → ".join(p))"""),
    new_code_cell("""comms = A.communities(G)
pd.DataFrame([{"size": x["size"], "members": "、".join(x["members"][:12]) + ("…" if x["size"] > 12 else "")}
              for x in comms])"""),
    new_code_cell("""pd.DataFrame(A.chain_coverage(G))"""),
    new_markdown_cell("""## Charts with Chinese labels

`kg.plotting.use_cjk_font()` picks an installed CJK font (Noto Sans CJK from
Debian's `fonts-noto-cjk`); the cell prints which file draws the labels."""),
    new_code_cell("""import warnings
import matplotlib.pyplot as plt
from kg.plotting import font_file, use_cjk_font

font = use_cjk_font()
print("CJK font:", font, "->", Path(font_file(font)).name)   # the file name only: no machine path
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    names, scores = zip(*c["pagerank"])
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.barh(list(names)[::-1], list(scores)[::-1], color="#d62728")
    ax.set_title("产业网络中心度 (PageRank, industrial network)")
    ax.set_xlabel("PageRank")
    fig.tight_layout()
    fig.savefig(OUT / "pagerank.png", dpi=100)
    plt.show()
print("missing glyph warnings:", sum("missing from font" in str(w.message) for w in caught))"""),
    new_code_cell("""system = next(d["label"] for _, d in G.nodes(data=True) if "2+4" in d["label"])
series = A.indicators_over_time(G, system, "OutputValue")
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot([f["year"] for f in series], [f["value"] / 1e8 for f in series], marker="o")
for f in series:
    ax.annotate(f["text"], (f["year"], f["value"] / 1e8), textcoords="offset points", xytext=(0, 8), ha="center")
ax.set_title(f"{system} 产值 (亿元)")
ax.set_xlabel("年份")
ax.set_ylabel("亿元")
fig.tight_layout()
fig.savefig(OUT / "output-value.png", dpi=100)
plt.show()"""),
    new_markdown_cell("""## The interactive view

The page `kg build` writes (`data/graph.html`) works offline; here the
neighbourhood of 甘肃德通国钛金属有限公司 is embedded (hover for sources)."""),
    new_code_cell("""import html
from IPython.display import HTML
from kg.viz import write_html

page = write_html(OUT / "triples.ttl", OUT / "detong.html", focus="德通国钛", depth=1)
HTML(f'<div><iframe srcdoc="{html.escape(page.read_text(encoding="utf-8"))}" width="100%" height="520" '
     'style="border:1px solid #ddd"></iframe></div>')"""),
    new_code_cell("""elapsed = time.perf_counter() - t0   # (not printed: committed outputs stay the same run to run)
result.summary()"""),
]

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"}})


def main() -> None:
    if "--execute" in sys.argv:
        from nbclient import NotebookClient

        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    nbformat.write(nb, NB)
    print(NB)


if __name__ == "__main__":
    main()
