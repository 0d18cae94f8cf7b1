"""Graph stores: plain rdflib for small graphs, Oxigraph (through oxrdflib, so
behind the rdflib API) for speed and for corpora kept on disk.

Both hold the built graph and the ontology, so queries can use class and
property labels and ``rdfs:subClassOf*``.

Oxigraph traps handled here: a plain ``Graph(store="Oxigraph")`` reads and
writes a named graph, so data is bulk-loaded into the *default* graph and
queried through a ``Dataset`` with ``default_union=True``.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError
from .ontology import ontology_dir

BACKENDS = ("oxigraph", "rdflib")


def require_file(path: Path) -> Path:
    if str(path) == "":
        raise InputError("the graph file name is an empty string", path="''")
    if not path.exists():
        raise InputError("no such graph file (run `kg build` first)", path=str(path))
    if path.is_dir():
        raise InputError("is a folder, expected a Turtle graph file", path=str(path))
    if not path.is_file():
        raise InputError("is not a regular file (a FIFO or device?): refused", path=str(path))
    return path


def load_turtle(path: str | Path) -> Graph:
    """Parse a Turtle graph file into an rdflib ``Graph``; one-line errors for
    a missing file, a folder, unreadable bytes or text that is not Turtle."""
    p = require_file(Path(path))
    g = Graph()
    try:
        g.parse(p, format="turtle")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    except Exception as exc:  # rdflib's parsers raise many kinds
        lines = [x.strip() for x in str(exc).strip().splitlines() if x.strip()]
        first = " ".join(lines[:2]) or type(exc).__name__
        raise InputError(f"not readable Turtle: {first[:200]}", path=str(p)) from None
    return g


def open_graph(path: str | Path = "data/triples.ttl", backend: str = "oxigraph",
               store_dir: str | Path | None = None, with_ontology: bool = True) -> Graph:
    """Open the graph in ``path`` for querying.

    ``backend="oxigraph"`` returns an rdflib ``Dataset`` backed by an Oxigraph
    store (in memory, or on disk in ``store_dir``; an existing non-empty store
    there is reused as is).  ``backend="rdflib"`` returns a plain in-memory
    ``Graph``.
    """
    files = [require_file(Path(path))]
    if with_ontology:
        files.append(ontology_dir() / "kg.ttl")
    if backend == "rdflib":
        g = Graph()
        for f in files:
            try:
                g.parse(f, format="turtle")
            except Exception as exc:
                raise InputError(f"not readable Turtle: {str(exc).splitlines()[0][:200]}",
                                 path=str(f)) from None
        return g
    if backend != "oxigraph":
        raise InputError(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    if store_dir is not None:
        Path(store_dir).mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(store_dir))
        fresh = len(store) == 0
    else:
        store = ox.Store()
        fresh = True
    if fresh:
        for f in files:
            try:
                store.bulk_load(path=str(f), format=ox.RdfFormat.TURTLE)
            except (SyntaxError, OSError, ValueError) as exc:
                raise InputError(f"not readable Turtle: {str(exc).splitlines()[0][:200]}",
                                 path=str(f)) from None
        if store_dir is not None:
            store.flush()
    ds = Dataset(store=OxigraphStore(store=store), default_union=True)
    ds.ox_store = store      # the engine itself, for updates and bulk work
    return ds
