"""Graph stores: plain rdflib for small graphs, Oxigraph (through oxrdflib, so
behind the rdflib API) for speed and for corpora kept on disk.

Both hold the built graph and the ontology, so queries can use class and
property labels and ``rdfs:subClassOf*``.

Oxigraph traps handled here: a plain ``Graph(store="Oxigraph")`` reads and
writes a named graph, so data is bulk-loaded into the *default* graph and
queried through a ``Dataset`` with ``default_union=True``.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from ..errors import InputError
from ..ontology import ontology_dir

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


# ------------------------------------------------------------ the build's store
class Utf8Reader:
    """A binary reader over a ``str``, encoding a slice per ``read``.

    >>> r = Utf8Reader("甲乙丙")
    >>> b"".join(iter(lambda: r.read(4), b"")).decode("utf-8")
    '甲乙丙'
    """

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = len(self.text) * 4
        n = max(1, size // 4)            # at most 4 bytes a character: never more than size
        piece = self.text[self.pos:self.pos + n]
        self.pos += len(piece)
        return piece.encode("utf-8")

    def readable(self) -> bool:
        return True


def _open_build_store(store_dir):
    import pyoxigraph as ox

    if store_dir is None:
        return ox.Store()
    d = Path(store_dir)
    if d.exists() and not d.is_dir():
        raise InputError("store path exists and is not a folder", path=str(d))
    d.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store(str(d))
    except OSError as exc:        # e.g. held by a running `kg serve`
        raise InputError(f"cannot open the store: {str(exc).splitlines()[0][:200]}",
                         path=str(d)) from None
    store.clear()
    return store


def _temporary_store():
    """An on-disk store in a temporary folder, removed when this process
    exits (a pyoxigraph ``Store`` takes no weak reference to tie it to): the
    build's graph outside this process's memory."""
    import atexit
    import shutil
    import tempfile

    import pyoxigraph as ox

    d = tempfile.mkdtemp(prefix="kg-store-")
    atexit.register(shutil.rmtree, d, True)
    return ox.Store(d)


def build_store_file(path: str | Path, store_dir: str | Path | None = None, *,
                     with_ontology: bool = True, cuts: list[int] | None = None,
                     on_disk: bool = False, into=None):
    """:func:`build_store` from the Turtle file ``path`` (read by Oxigraph
    itself: no copy of the text in this process).

    ``cuts`` (from :meth:`kg.graph.spool.TurtleSpool.write`: offsets where a
    subject's block starts) load the file a slice at a time, so the bulk
    loader's memory is a slice's, not the graph's (it was 1 GB for the 300x
    benchmark graph).  ``on_disk`` without ``store_dir``: a temporary
    on-disk store (removed at exit) instead of one in memory.  ``into``: an
    open on-disk store to empty and fill instead."""
    import pyoxigraph as ox

    if into is not None:
        store = into
        store.clear()
    elif on_disk and store_dir is None:
        store = _temporary_store()
    else:
        store = _open_build_store(store_dir)
    if not cuts:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    else:
        with open(path, "rb") as fh:
            head = fh.read(cuts[0])          # the prefixes
            bounds = [*cuts, None]
            for a, b in zip(bounds, bounds[1:]):
                fh.seek(a)
                piece = fh.read() if b is None else fh.read(b - a)
                store.bulk_load(input=head + piece, format=ox.RdfFormat.TURTLE)
                del piece
    if with_ontology:
        store.bulk_load(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    if store_dir is not None or into is not None:
        store.flush()
    return store


class StoreFeeder:
    """Fills ``store`` with Turtle blocks in a thread of its own while the
    build renders the next ones.

    Oxigraph's loader runs without the GIL, so on a second core the store
    costs the build little more than its last batch, instead of a second
    pass over the finished file.  Blocks are gathered into batches of about
    ``batch`` bytes (the loader's memory stays a batch's: at 300x the
    build's peak was 15 MB lower with 2 MB batches than with 8 MB); at most
    ``depth`` batches wait.

        feeder = StoreFeeder(store, turtle_header().encode())
        feeder.add(block) ...
        store = feeder.finish()      # the last batch, the ontology; re-raises

    A block must be whole subjects' Turtle under ``header`` (no blank-node
    label shared with another block: each batch is a document of its own).
    A batch goes to the loader as a file (in ``folder``, else the system's
    temporary folder; removed once loaded): Oxigraph reads a file without
    the GIL, but reads a ``bytes`` input holding it (measured: the rendering
    thread ran at 0.58 of its speed beside a load from bytes, 0.91 from a
    file).
    """

    def __init__(self, store, header: bytes, *, batch: int = 2 << 20, depth: int = 3,
                 with_ontology: bool = True, flush: bool = False, folder=None):
        import queue
        import threading

        self.store = store
        self._head = header + b"\n"
        self._batch = batch
        self._parts: list[bytes] = []
        self._size = 0
        self._ontology = with_ontology
        self._flush = flush
        self._folder = folder
        self._error: BaseException | None = None
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._thread = threading.Thread(target=self._run, name="kg-store-feeder", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import pyoxigraph as ox

        while True:
            batch = self._queue.get()
            if batch is None:
                return
            try:
                if self._error is None:        # else drain: the producer must not block
                    self.store.bulk_load(path=batch, format=ox.RdfFormat.TURTLE)
            except BaseException as exc:       # noqa: BLE001  (re-raised by finish())
                self._error = exc
            finally:
                os.unlink(batch)

    def add(self, block: bytes) -> None:
        """One or more subjects' blocks."""
        self._parts.append(block)
        self._size += len(block)
        if self._size >= self._batch:
            self._send()

    def _send(self) -> None:
        if self._parts:
            fd, name = tempfile.mkstemp(prefix=".kg-batch-", suffix=".ttl", dir=self._folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(self._head)
                fh.write(b"\n".join(self._parts))
            self._parts, self._size = [], 0
            self._queue.put(name)

    def finish(self):
        """Load what is left (and the ontology), wait for the loader, and
        return the store; an error of the loader is raised here."""
        import pyoxigraph as ox

        from ..errors import StageError

        self._send()
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise StageError(f"filling the store failed: {self._error}", stage="store")
        if self._ontology:
            self.store.bulk_load(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)
        if self._flush:
            self.store.flush()
        return self.store

    def abandon(self) -> None:
        """Stop the loader after a failed build (the store is left partial)."""
        self._parts = []
        self._error = self._error or RuntimeError("abandoned")
        self._queue.put(None)
        self._thread.join()


def temporary_feeder(header: bytes, folder=None) -> StoreFeeder:
    """A :class:`StoreFeeder` into a temporary on-disk store (removed at exit)."""
    return StoreFeeder(_temporary_store(), header, folder=folder)


def build_store(turtle: str, store_dir: str | Path | None = None, *, with_ontology: bool = True):
    """A pyoxigraph ``Store`` holding the Turtle the build writes (and the
    ontology), in memory or on disk in ``store_dir`` (emptied first, so that
    ``kg query --store DIR`` and ``kg serve --store DIR`` read this build).

    The same layout as :func:`open_graph`: everything in the default graph."""
    import pyoxigraph as ox

    store = _open_build_store(store_dir)
    # read as UTF-8 a slice at a time: no whole second copy of the text
    store.bulk_load(input=Utf8Reader(turtle), format=ox.RdfFormat.TURTLE)
    if with_ontology:
        store.bulk_load(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    if store_dir is not None:
        store.flush()
    return store


def rdflib_view(store) -> Dataset:
    """The store behind the rdflib API (oxrdflib): for callers that want a
    ``Graph``; nothing is copied."""
    from oxrdflib import OxigraphStore

    ds = Dataset(store=OxigraphStore(store=store), default_union=True)
    ds.ox_store = store
    return ds
