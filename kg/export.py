"""Exports of the graph for other tools: JSON-LD, N-Triples, TriG, CSV."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from .errors import InputError
from .namespace import KG
from .ontology import ID_NS
from .textio import atomic_write

FORMATS = ("jsonld", "nt", "trig", "csv", "ttl")
CSV_COLUMNS = ("subject", "relation", "object_or_value", "unit", "period", "quote",
               "article", "sentence_start", "sentence_end", "rule", "confidence")


def _label(g: Graph, node, lang="zh") -> str:
    best = ""
    for o in g.objects(node, RDFS.label):
        if getattr(o, "language", None) == lang:
            return str(o)
        best = best or str(o)
    return best or str(node)


def facts_table(g: Graph) -> list[tuple]:
    """One row per fact: relations (from their evidence) and observations."""
    rows = []
    for ev in g.subjects(RDF.type, KG.Evidence):
        p = g.value(ev, KG.predicate)
        if p == RDF.type:
            continue
        s, o = g.value(ev, KG.subject), g.value(ev, KG.object)
        sent = g.value(ev, PROV.wasDerivedFrom)
        art = g.value(sent, KG.inArticle)
        rows.append((_label(g, s), str(p).split("#")[-1], _label(g, o), "", "",
                     str(g.value(ev, KG.quote)), str(g.value(art, DCTERMS.title) or ""),
                     str(g.value(ev, KG.start)), str(g.value(ev, KG.end)),
                     str(g.value(ev, KG.rule)), str(g.value(ev, KG.confidence))))
    for ob in g.subjects(RDF.type, KG.Observation):
        about = g.value(ob, KG.about)
        ind = g.value(ob, KG.indicator)
        sent = g.value(ob, PROV.wasDerivedFrom)
        art = g.value(sent, KG.inArticle)
        rows.append((_label(g, about) if about else "", _label(g, ind, "en") if ind else "", str(g.value(ob, KG.value)), str(g.value(ob, KG.unit)).rsplit("/", 1)[-1],
                     str(g.value(ob, KG.period) or ""), str(g.value(ob, KG.quote)),
                     str(g.value(art, DCTERMS.title) or ""), str(g.value(ob, KG.start)),
                     str(g.value(ob, KG.end)), str(g.value(ob, KG.rule)),
                     str(g.value(ob, KG.confidence))))
    rows.sort()
    return rows


def export(graph_file: str | Path, fmt: str, out: str | Path) -> Path:
    """Write the graph in ``fmt`` to ``out`` (atomically)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    from .store import load_turtle

    p = Path(graph_file)
    g = load_turtle(p)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(CSV_COLUMNS)
        w.writerows(facts_table(g))
        return atomic_write(out, buf.getvalue(), encoding="utf-8-sig")
    if fmt == "trig":
        ds = Dataset()
        named = ds.graph(URIRef(ID_NS + "graph"))
        for t in g:
            named.add(t)
        data = ds.serialize(format="trig")
    elif fmt == "jsonld":
        data = g.serialize(format="json-ld", indent=1)
    elif fmt == "nt":
        data = "".join(sorted(g.serialize(format="nt").splitlines(keepends=True)))
    else:
        data = p.read_text(encoding="utf-8")
    return atomic_write(out, data)
