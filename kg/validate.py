"""SHACL validation of the graph with pySHACL (``kg validate``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from .errors import InputError, ValidationError
from .ontology import KG_NS, ontology_dir


@functools.lru_cache(maxsize=2)
def _load(path: str) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


def shapes_graph() -> Graph:
    return _load(str(ontology_dir() / "shapes.ttl"))


def ontology_graph() -> Graph:
    return _load(str(ontology_dir() / "kg.ttl"))


@dataclass
class Violation:
    focus: str
    label: str
    path: str
    message: str
    severity: str

    def line(self) -> str:
        who = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        return f"{self.severity}: {who}: {self.path}: {self.message}"


@dataclass
class Report:
    conforms: bool
    violations: list[Violation]

    def text(self) -> str:
        if self.conforms:
            return "conforms: the graph satisfies every shape\n"
        lines = [f"does not conform: {len(self.violations)} violation(s)"]
        lines += ["  " + v.line() for v in self.violations]
        return "\n".join(lines) + "\n"


def _short(term) -> str:
    s = str(term)
    for pre, ns in (("kg:", KG_NS), ("rdfs:", str(RDFS)),
                    ("prov:", "http://www.w3.org/ns/prov#"), ("org:", "http://www.w3.org/ns/org#"),
                    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
                    ("dcterms:", "http://purl.org/dc/terms/")):
        if s.startswith(ns):
            return pre + s[len(ns):]
    return s


def validate_graph(data: Graph, inference: str = "none", *, inplace: bool = False) -> Report:
    """Validate ``data`` against ``ontology/shapes.ttl`` (with the ontology,
    so that subclasses satisfy ``sh:class``).

    pySHACL adds the ontology (and any inferred triples) to a copy of
    ``data``; with ``inplace=True`` it adds them to ``data`` itself, which
    saves the copy: for a graph nobody else uses."""
    import pyshacl

    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
        inference=inference, abort_on_first=False, allow_warnings=True, meta_shacl=False,
        advanced=False, js=False, debug=False, inplace=inplace)
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        msg = results.value(r, SH.resultMessage)
        sev = results.value(r, SH.resultSeverity)
        label = data.value(focus, RDFS.label) if isinstance(focus, URIRef) else None
        out.append(Violation(str(focus), str(label or ""), _short(path) if path else "",
                             str(msg or ""), _short(sev).split("#")[-1]))
    out.sort(key=lambda v: (v.focus, v.path, v.message))
    return Report(bool(conforms), out)


def check_triples(triples) -> None:
    """Raise :class:`ValidationError` unless the triples conform."""
    g = Graph()
    for t in triples:
        g.add(t)
    rep = validate_graph(g, inplace=True)
    if not rep.conforms:
        first = rep.violations[0].line() if rep.violations else "unknown violation"
        raise ValidationError(f"the graph does not conform to ontology/shapes.ttl "
                              f"({len(rep.violations)} violations; first: {first})",
                              stage="to-rdf")


def validate_file(path: str | Path, inference: str = "none") -> Report:
    """Parse a Turtle (or other RDF) file and validate it."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=str(p))
    if p.is_dir():
        raise InputError("is a folder, expected a graph file", path=str(p))
    if not p.is_file():
        raise InputError("is not a regular file (a FIFO or device?): refused", path=str(p))
    g = Graph()
    try:
        g.parse(str(p))
    except Exception as exc:  # rdflib raises many kinds
        raise InputError(f"not a readable RDF file: {parse_error_text(exc)}", path=str(p)) from None
    if len(g) == 0:
        raise InputError("the graph is empty (no triples): nothing to validate", path=str(p))
    return validate_graph(g, inference, inplace=True)


def parse_error_text(exc: Exception, limit: int = 300) -> str:
    """A parser's message on one line, with its reason (rdflib puts the line
    number on the first line and the reason on the next ones).

    >>> parse_error_text(SyntaxError("at line 2 of <>:\\nBad syntax (expected directive) at ^ in:\\n..."))
    'at line 2: Bad syntax (expected directive) at ^ in: ...'
    """
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = text.replace(" of <>:", ":")
    return text if len(text) <= limit else text[:limit - 1] + "…"
