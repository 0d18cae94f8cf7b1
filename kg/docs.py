"""Ontology documentation generated from ``ontology/kg.ttl`` itself."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .ontology import KG_NS, ontology_dir
from .textio import atomic_write

DOCS = Path(__file__).resolve().parent.parent / "docs" / "ontology.md"


def _label(g: Graph, t, lang: str) -> str:
    for o in g.objects(t, RDFS.label):
        if getattr(o, "language", None) == lang:
            return str(o)
    return ""


def _name(t) -> str:
    s = str(t)
    if s.startswith(KG_NS):
        return "kg:" + s[len(KG_NS):]
    for pre, ns in (("org:", "http://www.w3.org/ns/org#"), ("prov:", "http://www.w3.org/ns/prov#"),
                    ("schema:", "https://schema.org/"), ("qudt:", "http://qudt.org/schema/qudt/"),
                    ("rdf:", str(RDF)), ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
                    ("skos:", "http://www.w3.org/2004/02/skos/core#")):
        if s.startswith(ns):
            return pre + s[len(ns):]
    return f"<{s}>"


def render_docs(path: Path | None = None) -> str:
    """Markdown listing classes, properties and indicators with labels and comments."""
    g = Graph()
    g.parse(path or ontology_dir() / "kg.ttl", format="turtle")
    out = ["# kg ontology", "",
           "Generated from `ontology/kg.ttl` by `kg ontology docs`; do not edit by hand "
           "(a test checks for drift).", "",
           f"Namespace: `{KG_NS}` (prefix `kg:`).", ""]

    def terms(kind):
        return sorted((t for t in g.subjects(RDF.type, kind)
                       if isinstance(t, URIRef) and str(t).startswith(KG_NS)), key=str)

    out += ["## Classes", "", "| class | 中文 | English | subclass of | comment |",
            "| --- | --- | --- | --- | --- |"]
    for c in terms(OWL.Class):
        sup = ", ".join(sorted(_name(s) for s in g.objects(c, RDFS.subClassOf)))
        out.append(f"| `{_name(c)}` | {_label(g, c, 'zh')} | {_label(g, c, 'en')} | {sup} | "
                   f"{g.value(c, RDFS.comment) or ''} |")
    for kind, title in ((OWL.ObjectProperty, "Object properties"),
                        (OWL.DatatypeProperty, "Datatype properties")):
        out += ["", f"## {title}", "",
                "| property | 中文 | English | domain | range | sub-property of | comment |",
                "| --- | --- | --- | --- | --- | --- | --- |"]
        for p in terms(kind):
            dom = ", ".join(sorted(_name(x) for x in g.objects(p, RDFS.domain)))
            rng = ", ".join(sorted(_name(x) for x in g.objects(p, RDFS.range)))
            sup = ", ".join(sorted(_name(x) for x in g.objects(p, RDFS.subPropertyOf)))
            out.append(f"| `{_name(p)}` | {_label(g, p, 'zh')} | {_label(g, p, 'en')} | {dom} | "
                       f"{rng} | {sup} | {g.value(p, RDFS.comment) or ''} |")
    out += ["", "## Indicators", "", "| indicator | 中文 | English | comment |",
            "| --- | --- | --- | --- |"]
    for i in sorted(g.subjects(RDF.type, URIRef(KG_NS + "Indicator")), key=str):
        out.append(f"| `{_name(i)}` | {_label(g, i, 'zh')} | {_label(g, i, 'en')} | "
                   f"{g.value(i, RDFS.comment) or ''} |")
    ont = next(iter(g.subjects(RDF.type, OWL.Ontology)), None)
    header = []
    if ont is not None:
        header = ["", "## Alignment", "",
                  "See the comment block at the top of `ontology/kg.ttl` for why each standard "
                  "vocabulary (W3C ORG, PROV-O, schema.org, SKOS, QUDT, xsd:gYear, Dublin Core) "
                  "is used."]
    return "\n".join(out + header) + "\n"


def write_docs(target: Path | None = None) -> Path:
    return atomic_write(target or DOCS, render_docs())
