"""Exports of the graph for other tools: JSON-LD, N-Triples, TriG, CSV."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from ..errors import InputError
from ..namespace import KG
from ..ontology import ID_NS
from ..textio import atomic_write

FORMATS = ("jsonld", "nt", "trig", "csv", "ttl")
CSV_COLUMNS = ("subject", "relation", "object_or_value", "unit", "period", "quote",
               "article", "sentence_start", "sentence_end", "quote_start", "quote_end",
               "rule", "confidence")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def safe_cell(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP "CSV
    injection"): text starting with ``= + - @``, a tab or a carriage return
    gets a leading apostrophe; plain numbers such as ``-3.5`` stay numbers.

    >>> safe_cell('=HYPERLINK("http://x","click")')[:2], safe_cell("-3.5"), safe_cell("@x")
    ("'=", '-3.5', "'@x")
    """
    if value and value[0] in "=+-@\t\r" and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


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
                     *_offsets(g, sent), str(g.value(ev, KG.start)), str(g.value(ev, KG.end)),
                     str(g.value(ev, KG.rule)), str(g.value(ev, KG.confidence))))
    for ob in g.subjects(RDF.type, KG.Observation):
        about = g.value(ob, KG.about)
        ind = g.value(ob, KG.indicator)
        sent = g.value(ob, PROV.wasDerivedFrom)
        art = g.value(sent, KG.inArticle)
        rows.append((_label(g, about) if about else "", _label(g, ind, "en") if ind else "", str(g.value(ob, KG.value)), str(g.value(ob, KG.unit)).rsplit("/", 1)[-1],
                     str(g.value(ob, KG.period) or ""), str(g.value(ob, KG.quote)),
                     str(g.value(art, DCTERMS.title) or ""), *_offsets(g, sent),
                     str(g.value(ob, KG.start)), str(g.value(ob, KG.end)), str(g.value(ob, KG.rule)),
                     str(g.value(ob, KG.confidence))))
    rows.sort()
    return [tuple(safe_cell(c) for c in r) for r in rows]


def _offsets(g: Graph, sentence) -> tuple[str, str]:
    """The sentence's own start and end in its article."""
    if sentence is None:
        return "", ""
    start, end = g.value(sentence, KG.start), g.value(sentence, KG.end)
    return ("" if start is None else str(start)), ("" if end is None else str(end))


def render(graph_file: str | Path, fmt: str) -> str:
    """The graph in ``fmt`` as text (CSV without a byte-order mark)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    from .store import load_turtle

    p = Path(graph_file)
    if fmt == "ttl":
        from .store import require_file
        return require_file(p).read_text(encoding="utf-8")
    g = load_turtle(p)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(CSV_COLUMNS)
        w.writerows(facts_table(g))
        return buf.getvalue()
    if fmt == "trig":
        ds = Dataset()
        named = ds.graph(URIRef(ID_NS + "graph"))
        for t in g:
            named.add(t)
        return ds.serialize(format="trig")
    if fmt == "jsonld":
        return g.serialize(format="json-ld", indent=1)
    return "".join(sorted(g.serialize(format="nt").splitlines(keepends=True)))


def export(graph_file: str | Path, fmt: str, out: str | Path) -> Path:
    """Write the graph in ``fmt`` to ``out`` (atomically; CSV in UTF-8 with a
    byte-order mark, for spreadsheets)."""
    data = render(graph_file, fmt)
    return atomic_write(out, data, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
