"""SHACL validation of the graph (``kg validate``).

Two engines give the same verdict (tests/test_ontology.py runs every shape's
mutation test with both):

* ``shacl`` (the default): the Rust validator of the ``shacl`` package, which
  reads the data as text and validates the bundled graph in a few hundredths
  of a second and the 100x benchmark graph (400k triples) in about a second;
* ``pyshacl``: the reference, pySHACL on an rdflib graph; the only one that
  can materialise an OWL RL closure (``inference="owlrl"``), so that
  inference always runs on pySHACL, whatever the engine asked for.

Measured on the 100x benchmark graph with ``ontology/`` (one run each on the
shared 2-core machine, see benchmarks/bench_build.py for the build's own
figures): ``shacl`` 1.3 s (141 MB peak); pySHACL 50.6 s (550 MB), pyrudof
18 s (4.0 GB), pyshacl-turbo 62 s (1.8 GB), rdflib parsing included where the
engine needs an rdflib graph.  All four agree that it conforms.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ..errors import InputError, ValidationError
from ..ontology import KG_NS, ontology_dir

ENGINES = ("shacl", "pyshacl")
DEFAULT_ENGINE = "shacl"
#: inference the fast engine does itself; anything else runs on pySHACL
FAST_INFERENCE = ("none", "rdfs")


@functools.lru_cache(maxsize=2)
def _load(path: str) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


def shapes_graph() -> Graph:
    return _load(str(ontology_dir() / "shapes.ttl"))


def ontology_graph() -> Graph:
    return _load(str(ontology_dir() / "kg.ttl"))


@functools.lru_cache(maxsize=2)
def _ontology_text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=2)
def _compiled_shapes(path: str):
    import shacl

    return shacl.Shapes.from_file(path)


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
    engine: str = "pyshacl"
    notes: list[str] = field(default_factory=list)

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


def choose_engine(engine: str | None, inference: str) -> tuple[str, list[str]]:
    """The engine that will run, and a note when it is not the one asked for.

    >>> choose_engine(None, "none")
    ('shacl', [])
    >>> choose_engine("shacl", "owlrl")[0]
    'pyshacl'
    """
    engine = engine or DEFAULT_ENGINE
    if engine not in ENGINES:
        raise InputError(f"unknown SHACL engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "shacl" and inference not in FAST_INFERENCE:
        return "pyshacl", [f"inference {inference!r} runs on pySHACL (the shacl engine "
                           "infers rdfs only)"]
    return engine, []


def _sort(out: list[Violation]) -> list[Violation]:
    out.sort(key=lambda v: (v.focus, v.path, v.message))
    return out


def _pyshacl(data: Graph, inference: str, inplace: bool) -> Report:
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
    return Report(bool(conforms), _sort(out), "pyshacl")


def _unwrap(nt: str | None) -> str:
    """``<iri>`` -> ``iri``; a blank node or literal as it is."""
    if nt and nt.startswith("<") and nt.endswith(">"):
        return nt[1:-1]
    return nt or ""


def validate_text(text: str, fmt: str = "turtle", inference: str = "none", *,
                  label_of=None) -> Report:
    """Validate RDF ``text`` (the data; the ontology is added here) with the
    fast engine.  ``label_of(iri) -> str`` names the focus nodes of a report.
    """
    shapes = _compiled_shapes(str(ontology_dir() / "shapes.ttl"))
    onto = _ontology_text(str(ontology_dir() / "kg.ttl"))
    if fmt == "turtle":
        # Turtle allows @prefix anywhere: the ontology follows the data
        doc, doc_fmt = text + "\n" + onto, "turtle"
    else:
        import pyoxigraph as ox

        nt = ox.serialize(ox.parse(onto, format=ox.RdfFormat.TURTLE),
                          format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        doc, doc_fmt = text + "\n" + nt, "ntriples"
    try:
        rep = shapes.validate_text(doc, format=doc_fmt, inference=inference, allow_warnings=True)
    except (ValueError, RuntimeError) as exc:
        raise InputError(f"not readable RDF: {str(exc).splitlines()[0][:200]}") from None
    return _shacl_report(rep, label_of)


def _shacl_report(rep, label_of) -> Report:
    out = []
    for r in rep.results:
        focus = _unwrap(r.focus_node)
        label = label_of(focus) if (label_of and r.focus_node.startswith("<")) else ""
        out.append(Violation(focus, label or "", _short(_unwrap(r.path)) if r.path else "",
                             r.message or r.component, r.severity))
    return Report(bool(rep.conforms), _sort(out), "shacl")


def write_chunked(fh, text: str, chunk: int = 1 << 20) -> None:
    """Write ``text`` to the binary file ``fh`` as UTF-8, a megabyte of
    characters at a time: no second copy of a large text in memory."""
    for i in range(0, len(text), chunk):
        fh.write(text[i:i + chunk].encode("utf-8"))


def validate_turtle_via_file(turtle: str, inference: str = "none", *, label_of=None,
                             folder: str | Path | None = None) -> Report:
    """:func:`validate_text` for a large Turtle text: the data and the
    ontology go to a temporary file that the engine reads itself, so neither
    their concatenation nor its UTF-8 copy is held in this process."""
    import os
    import tempfile

    shapes = _compiled_shapes(str(ontology_dir() / "shapes.ttl"))
    onto = Path(ontology_dir() / "kg.ttl").read_bytes()
    fd, tmp = tempfile.mkstemp(suffix=".ttl", prefix=".kg-validate-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            write_chunked(fh, turtle)
            fh.write(b"\n")
            fh.write(onto)
        try:
            rep = shapes.validate_file(tmp, inference=inference, allow_warnings=True)
        except (ValueError, RuntimeError) as exc:
            raise InputError(f"not readable RDF: {str(exc).splitlines()[0][:200]}") from None
    finally:
        os.unlink(tmp)
    return _shacl_report(rep, label_of)


def _graph_labeller(g: Graph):
    def label_of(iri: str) -> str:
        v = g.value(URIRef(iri), RDFS.label)
        return str(v) if v is not None else ""
    return label_of


def validate_graph(data: Graph, inference: str = "none", *, inplace: bool = False,
                   engine: str | None = None) -> Report:
    """Validate ``data`` against ``ontology/shapes.ttl`` (with the ontology,
    so that subclasses satisfy ``sh:class``).

    With pySHACL the ontology (and any inferred triples) go into a copy of
    ``data``; with ``inplace=True`` into ``data`` itself, which saves the
    copy: for a graph nobody else uses.  The fast engine never changes
    ``data``."""
    engine, notes = choose_engine(engine, inference)
    if engine == "pyshacl":
        rep = _pyshacl(data, inference, inplace)
    else:
        rep = validate_text(data.serialize(format="nt"), "ntriples", inference,
                            label_of=_graph_labeller(data))
    rep.notes = notes + rep.notes
    return rep


def store_labeller(store):
    """``label_of`` for :func:`validate_text` over a pyoxigraph store."""
    import pyoxigraph as ox

    label = ox.NamedNode(str(RDFS.label))

    def label_of(iri: str) -> str:
        for q in store.quads_for_pattern(ox.NamedNode(iri), label, None):
            return q.object.value
        return ""
    return label_of


def validate_store(store, inference: str = "none", engine: str | None = None) -> Report:
    """Validate the default graph of a pyoxigraph ``store`` (it may already
    hold the ontology: the engines add it again, which changes nothing)."""
    import pyoxigraph as ox

    engine, notes = choose_engine(engine, inference)
    nt = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    if engine == "pyshacl":
        from ..memory import gc_paused

        g = Graph()
        with gc_paused():
            g.parse(data=nt.decode("utf-8"), format="nt")
        rep = _pyshacl(g, inference, inplace=True)
    else:
        rep = validate_text(nt.decode("utf-8"), "ntriples", inference,
                            label_of=store_labeller(store))
    rep.notes = notes + rep.notes
    return rep


def _raise_unless(rep: Report) -> None:
    if not rep.conforms:
        first = rep.violations[0].line() if rep.violations else "unknown violation"
        raise ValidationError(f"the graph does not conform to ontology/shapes.ttl "
                              f"({len(rep.violations)} violations; first: {first})",
                              stage="to-rdf")


def _turtle_labeller(turtle: str):
    """``label_of`` over ``turtle``, loaded into a store on the first call
    only (a report with violations): a graph that conforms costs nothing."""
    held: list = []

    def label_of(iri: str) -> str:
        if not held:
            from .store import build_store

            held.append(store_labeller(build_store(turtle, with_ontology=False)))
        return held[0](iri)
    return label_of


def check_turtle(turtle: str, store=None, engine: str | None = None) -> Report:
    """Validate the Turtle the build writes; raise :class:`ValidationError`
    unless it conforms.  ``store`` (one holding the same triples, if there is
    one already) names the focus nodes of a report."""
    engine, notes = choose_engine(engine, "none")
    if engine == "pyshacl":
        if store is None:
            from .store import build_store

            store = build_store(turtle)
        rep = validate_store(store, engine="pyshacl")
    else:
        rep = validate_turtle_via_file(
            turtle, label_of=store_labeller(store) if store is not None
            else _turtle_labeller(turtle))
    _raise_unless(rep)
    return rep


def _file_labeller(path: Path):
    """``label_of`` over the Turtle file ``path``, loaded on the first call."""
    held: list = []

    def label_of(iri: str) -> str:
        if not held:
            from .store import build_store_file

            held.append(store_labeller(build_store_file(path, with_ontology=False)))
        return held[0](iri)
    return label_of


def check_file(path: str | Path, engine: str | None = None, *,
               folder: str | Path | None = None) -> Report:
    """:func:`check_turtle` for the Turtle file the build wrote (``path``):
    the fast engine reads a copy with the ontology appended (in ``folder``),
    pySHACL a store loaded from it; nothing of the text is held here."""
    import os
    import shutil
    import tempfile

    path = Path(path)
    engine, _notes = choose_engine(engine, "none")
    if engine == "pyshacl":
        from .store import build_store_file

        rep = validate_store(build_store_file(path), engine="pyshacl")
    else:
        shapes = _compiled_shapes(str(ontology_dir() / "shapes.ttl"))
        fd, tmp = tempfile.mkstemp(suffix=".ttl", prefix=".kg-validate-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh, open(path, "rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)
                fh.write(b"\n")
                fh.write(Path(ontology_dir() / "kg.ttl").read_bytes())
            try:
                rep = shapes.validate_file(tmp, inference="none", allow_warnings=True)
            except (ValueError, RuntimeError) as exc:
                raise InputError(f"not readable RDF: {str(exc).splitlines()[0][:200]}") from None
        finally:
            os.unlink(tmp)
        rep = _shacl_report(rep, _file_labeller(path))
    _raise_unless(rep)
    return rep


def check_triples(triples, engine: str | None = None) -> None:
    """Raise :class:`ValidationError` unless the triples conform."""
    from .rdf import to_turtle

    check_turtle(to_turtle(triples), engine=engine)


def load_file_store(path: str | Path):
    """A pyoxigraph store holding the RDF file ``path`` (format from the
    file's extension, Turtle when it has none that names one)."""
    import pyoxigraph as ox

    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=str(p))
    if p.is_dir():
        raise InputError("is a folder, expected a graph file", path=str(p))
    if not p.is_file():
        raise InputError("is not a regular file (a FIFO or device?): refused", path=str(p))
    fmt = ox.RdfFormat.from_extension(p.suffix.lstrip(".")) if p.suffix else None
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=fmt or ox.RdfFormat.TURTLE)
    except (SyntaxError, OSError, ValueError) as exc:
        raise InputError(f"not a readable RDF file: {parse_error_text(exc)}", path=str(p)) from None
    if len(store) == 0:
        raise InputError("the graph is empty (no triples): nothing to validate", path=str(p))
    return store


def validate_file(path: str | Path, inference: str = "none", engine: str | None = None) -> Report:
    """Read an RDF file (Turtle, N-Triples, ...) and validate it."""
    return validate_store(load_file_store(path), inference, engine)


def parse_error_text(exc: Exception, limit: int = 300) -> str:
    """A parser's message on one line, with its reason (rdflib puts the line
    number on the first line and the reason on the next ones).

    >>> parse_error_text(SyntaxError("at line 2 of <>:\\nBad syntax (expected directive) at ^ in:\\n..."))
    'at line 2: Bad syntax (expected directive) at ^ in: ...'
    """
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = text.replace(" of <>:", ":")
    return text if len(text) <= limit else text[:limit - 1] + "…"
