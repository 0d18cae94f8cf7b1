"""What an incremental build carries from one build to the next, beside the
article cache: the build's store, kept on disk, and an index of the Turtle it
holds, so that a rebuild updates, validates and draws only what changed.

``triples.ttl`` is a sequence of subject blocks sorted by subject
(:mod:`kg.graph.spool`), and every triple of a subject is in its block.  The
index is one record per block: the subject's IRI and a digest of the block's
bytes.  While the spool writes the new Turtle, :class:`BlockDiff` walks the
old index beside it (both sorted) and collects the blocks that are new or
changed and the subjects that are gone.  Then:

* the store: every triple of a changed or removed subject is deleted and the
  changed blocks are loaded (:func:`apply_to_store`); the ontology is loaded
  again (a no-op unless a data block shared a subject with it), so the store
  holds the same triples as one filled from the whole file;
* validation (:func:`validate_changes`): with the shapes of
  ``ontology/shapes.ttl`` (:func:`shapes_are_local` checks the subset) a
  focus node's verdict reads only its own triples and the ``rdf:type`` of the
  nodes they point to.  The previous graph conformed; so the new one
  conforms unless a node that changed, or a node pointing to one whose types
  changed, does not -- those nodes are validated with their triples and
  their neighbours' types, and the report is the full validation's
  (tests/test_scale.py checks it on every shape's mutation);
* the page reads a digest of the store (:class:`kg.viz.PageFacts`), kept
  with the index and updated by subject the same way.

The store is read as little as possible (reading a subject's triples back
costs a term lookup each: 0.4 s for the 23k triples of the changed blocks
at 100x): a new block's subject had none, and the shared nodes' blocks (the
ones that change when an article is added: entities, places) are kept as
the last build wrote them (``shared.marshal``), so a changed one's old
triples are parsed from its old block -- when that block's digest is the
old index's (:func:`old_triples_known`).

The state is trusted only when its ``meta.json`` names the same code,
knowledge and ontology as this build, and says the update that wrote it
finished (``dirty`` is written before the store is touched).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from ..textio import atomic_write

FORMAT = "kg-graph-state-3"
INDEX_FORMAT = "kg-block-index-2"
PARTS_FORMAT = "kg-parts-2"
#: changed bytes above which a rebuild refills the store instead
MAX_CHANGED_BYTES = 64 << 20
SHARED_FORMAT = "kg-shared-blocks-1"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


def digest(block: bytes) -> bytes:
    return hashlib.blake2b(block, digest_size=8).digest()


class Index:
    """The Turtle's subject blocks in file order: each one's subject IRI
    (bytes), digest (8 bytes, in one string), offset in the file and
    length (``index``, one marshal)."""

    def __init__(self, keys=None, digests: bytes = b"", offsets=None, lengths=None):
        self.keys: list = [] if keys is None else keys
        self.digests = digests
        self.offsets: list = [] if offsets is None else offsets
        self.lengths: list = [] if lengths is None else lengths

    @classmethod
    def load(cls, path) -> "Index | None":
        import marshal

        try:
            tag, keys, digs, offs, lens = marshal.loads(Path(path).read_bytes())
        except Exception:      # noqa: BLE001  (missing, damaged, another version)
            return None
        if tag != INDEX_FORMAT or not len(keys) == len(offs) == len(lens) == len(digs) // 8:
            return None
        return cls(keys, digs, offs, lens)

    def dump(self, path) -> None:
        import marshal

        Path(path).write_bytes(marshal.dumps(
            (INDEX_FORMAT, self.keys, self.digests, self.offsets, self.lengths)))

    def digest_of(self, i: int) -> bytes:
        return self.digests[8 * i:8 * i + 8]

    def records(self):
        """(key, digest) of each block, in order."""
        d = self.digests
        for i, k in enumerate(self.keys):
            yield k, d[8 * i:8 * i + 8]


class _Changes:
    """The blocks that changed (new or with another digest), the subjects
    gone, and whether they are too many to apply (``overflow``: more than
    ``max_bytes`` of changed Turtle; the store is then filled again)."""

    def __init__(self, max_bytes: int, overflow: bool):
        self.changed: list[tuple[bytes, bytes]] = []
        self.removed: list[bytes] = []
        #: changed blocks' subjects -> the old block's digest; the subjects
        #: of new blocks are not in it (the old graph had no such block)
        self.old_digest: dict[bytes, bytes] = {}
        self.size = 0
        self.max_bytes = max_bytes
        self.overflow = overflow
        self.blocks = 0

    def _changed(self, key: bytes, block: bytes, old_digest: bytes | None = None) -> None:
        if self.overflow:
            return
        self.size += len(block)
        if self.size > self.max_bytes:
            self.overflow = True
            self.changed, self.removed, self.old_digest = [], [], {}
            return
        self.changed.append((key, block))
        if old_digest is not None:
            self.old_digest[key] = old_digest


class BlockDiff(_Changes):
    """Fed the new Turtle's blocks in order (``feed(key, block, offset)``):
    makes the new index and collects what differs from the old one."""

    def __init__(self, old_index: Path | None, new_index: Path,
                 max_bytes: int = MAX_CHANGED_BYTES):
        old = Index.load(old_index) if old_index is not None else None
        super().__init__(max_bytes, overflow=old is None)
        self._old = old.records() if old is not None else iter(())
        self._next = next(self._old, None)
        self._path = Path(new_index)
        self._new = Index()
        self._digs: list[bytes] = []

    def feed(self, key: bytes, block: bytes, offset: int) -> None:
        dig = digest(block)
        new = self._new
        new.keys.append(key)
        self._digs.append(dig)
        new.offsets.append(offset)
        new.lengths.append(len(block))
        self.blocks += 1
        old = self._next
        while old is not None and old[0] < key:
            if not self.overflow:
                self.removed.append(old[0])
            old = next(self._old, None)
        if old is not None and old[0] == key:
            if old[1] != dig:
                self._changed(key, block, old[1])
            old = next(self._old, None)
        else:
            self._changed(key, block)
        self._next = old

    def close(self, keep: bool = True) -> None:
        """The end of the blocks (``keep=False``: of a build that failed:
        no index made)."""
        old = self._next
        while old is not None:
            if not self.overflow:
                self.removed.append(old[0])
            old = next(self._old, None)
        self._next = None
        if keep:
            self._new.digests = b"".join(self._digs)
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._new.dump(self._path)


class Splice:
    """A rebuild's Turtle made from the last build's file: the blocks of the
    articles whose rendered run is the one in that file (same cache key and
    signature: :meth:`keeps`) are copied from it byte for byte, and only the
    other articles' runs and the shared nodes' blocks are merged in
    (:meth:`kg.graph.spool.TurtleSpool.write_spliced`).

    It is opened (:meth:`open`) only when the state says which file it
    describes and that file is there as written (size, modification time
    and inode; a sample of its blocks' digests checked), with the index of
    its blocks and which article holds which of them (``parts.marshal``)."""

    def __init__(self, index: Index, parts: dict, entities: dict, sizes: dict, mm, fh):
        self.index, self.parts, self.mm, self._fh = index, parts, mm, fh
        #: entity IRI -> :func:`kg.graph.rdf.entity_node_key`; shared node
        #: IRI -> its triples (both as the old file has them)
        self.entities, self.sizes = entities, sizes
        self.pos_of = {k: i for i, k in enumerate(index.keys)}
        #: () -> the kept shared blocks (:meth:`GraphState.load_shared`)
        self.kept_shared = dict

    @classmethod
    def open(cls, state: "GraphState", meta: dict, turtle: Path) -> "Splice | None":
        import marshal
        import mmap

        want = meta.get("file")
        try:
            st = os.stat(turtle)
        except OSError:
            return None
        if not want or list(want) != [st.st_size, st.st_mtime_ns, st.st_ino]:
            return None
        index = Index.load(state.index)
        try:
            tag, parts, entities, sizes = marshal.loads(state.parts.read_bytes())
        except Exception:      # noqa: BLE001
            return None
        n = len(index.keys) if index is not None else 0
        if tag != PARTS_FORMAT or not isinstance(parts, dict) or not isinstance(entities, dict) \
                or not isinstance(sizes, dict) or n == 0 \
                or index.offsets[-1] + index.lengths[-1] != st.st_size:
            return None
        try:
            fh = open(turtle, "rb")
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return None
        sp = cls(index, parts, entities, sizes, mm, fh)
        owned = 0
        for part in parts.values():
            if not (isinstance(part, tuple) and len(part) == 4
                    and all(k in sp.pos_of for k in part[2])):
                sp.close()
                return None
            owned += len(part[2])
        # every block is an article's or a shared node's (with its size)
        ok = len(sp.pos_of) == n and owned + len(sizes) == n \
            and all(s.encode("utf-8") in sp.pos_of for s in sizes)
        step = max(1, n // 16)
        for i in [*range(0, n, step), n - 1]:
            a = index.offsets[i]
            ok = ok and digest(mm[a:a + index.lengths[i]]) == index.digest_of(i)
        if not ok:
            sp.close()
            return None
        return sp

    def keeps(self, article_id: str, cache_key: str | None, sig: str) -> bool:
        """Whether the article's blocks in the old file are its run now."""
        got = self.parts.get(article_id)
        return cache_key is not None and got is not None and got[0] == cache_key \
            and got[1] == sig

    def close(self) -> None:
        if self.mm is not None:
            self.mm.close()
            self._fh.close()
            self.mm = self._fh = None


class SplicedDiff(_Changes):
    """What :class:`BlockDiff` gives, for a Turtle made by a :class:`Splice`."""

    def __init__(self, new_index: Path, max_bytes: int = MAX_CHANGED_BYTES):
        super().__init__(max_bytes, overflow=False)
        self._path = Path(new_index)
        self.index: Index | None = None

    def changed_block(self, key: bytes, block: bytes, old_digest: bytes | None) -> None:
        self._changed(key, block, old_digest)

    def close(self, keep: bool = True) -> None:
        if keep and self.index is not None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self.index.dump(self._path)


# ------------------------------------------------------------------ the state
class GraphState:
    """``CACHE/graph/``: the kept store, the index of the Turtle it holds,
    the page's facts and ``meta.json``."""

    def __init__(self, folder: str | Path, salt: str):
        from ..ontology import ontology_dir

        self.folder = Path(folder)
        onto = ontology_dir()
        h = hashlib.sha256(f"{FORMAT}\0{salt}\0".encode())
        for name in ("kg.ttl", "shapes.ttl"):
            h.update((onto / name).read_bytes() + b"\0")
        self.salt = h.hexdigest()
        self.store_dir = self.folder / "store"
        self.index = self.folder / "index"
        self.page = self.folder / "page.marshal"
        self.types = self.folder / "types.marshal"
        #: the shared nodes' blocks as the last build wrote them
        self.shared = self.folder / "shared.marshal"
        #: article id -> (cache key, signature, its blocks' subjects) of the
        #: runs in the file the index describes (:class:`Splice`)
        self.parts = self.folder / "parts.marshal"
        self.meta_file = self.folder / "meta.json"

    def meta(self) -> dict | None:
        """The previous build's meta when it can be built on, else None."""
        try:
            m = json.loads(self.meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (not isinstance(m, dict) or m.get("salt") != self.salt or m.get("dirty", True)
                or not self.index.is_file() or not self.store_dir.is_dir()):
            return None
        return m

    def mark_dirty(self) -> None:
        """Before the kept store is touched: a build killed after this one
        leaves a state the next build will not trust."""
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.meta_file, json.dumps({"salt": self.salt, "dirty": True}) + "\n")

    def commit(self, new_index: Path, validated: bool, page: bool, turtle: Path | None = None,
               parts: dict | None = None) -> None:
        """The new index is the kept store's; ``turtle``: the file it
        describes (its size, modification time and inode are kept: a
        rebuild copies unchanged blocks from it if it is still that file),
        with ``parts``: (article id -> (cache key, signature, its blocks'
        subjects, the shared nodes it says something of), entity IRI ->
        :func:`kg.graph.rdf.entity_node_key`, shared node -> its triples;
        see :class:`Splice`)."""
        import marshal

        got = None
        if turtle is not None and parts is not None:
            atomic_write(self.parts, marshal.dumps((PARTS_FORMAT, *parts)))
            st = os.stat(turtle)
            got = [st.st_size, st.st_mtime_ns, st.st_ino]
        else:
            try:
                os.unlink(self.parts)
            except OSError:
                pass
        os.replace(new_index, self.index)
        atomic_write(self.meta_file, json.dumps(
            {"salt": self.salt, "dirty": False, "validated": validated, "page": page,
             "file": got}) + "\n")

    def load_types(self) -> dict | None:
        """:func:`types_of_store` of the kept store, as the last build left it."""
        import marshal

        try:
            types = marshal.loads(self.types.read_bytes())
        except Exception:      # noqa: BLE001  (missing, damaged, another Python)
            return None
        return types if isinstance(types, dict) else None

    def load_shared(self) -> dict:
        """The shared nodes' blocks (subject IRI, as bytes -> block) the
        last build wrote (:meth:`save_shared`), or {}."""
        import marshal

        try:
            tag, blocks = marshal.loads(self.shared.read_bytes())
        except Exception:      # noqa: BLE001  (missing, damaged, another Python)
            return {}
        return blocks if tag == SHARED_FORMAT and isinstance(blocks, dict) else {}

    def save_shared(self, blocks) -> None:
        """Keep ``blocks`` ((key, block) pairs; None: none kept)."""
        import marshal

        if blocks is None:
            try:
                os.unlink(self.shared)
            except OSError:
                pass
            return
        atomic_write(self.shared, marshal.dumps((SHARED_FORMAT, dict(blocks))))

    def forget(self) -> None:
        try:
            self.meta_file.unlink()
        except OSError:
            pass

    def open_store(self):
        """The kept store, or None when it cannot be opened (held by another
        process, or by a store object of an earlier build in this one)."""
        import pyoxigraph as ox

        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            return ox.Store(str(self.store_dir))
        except OSError:
            return None


# ------------------------------------------------------------------ the store
def parse_blocks(head: bytes, blocks) -> dict[str, list]:
    """subject IRI -> its triples (pyoxigraph quads in the default graph)
    for Turtle ``blocks`` (bytes) under the prefixes ``head``."""
    import pyoxigraph as ox

    out: dict[str, list] = {}
    if not blocks:
        return out
    data = head + b"\n" + b"\n".join(blocks)
    for q in ox.parse(data, format=ox.RdfFormat.TURTLE):
        got = out.get(q.subject.value)
        if got is None:
            out[q.subject.value] = [q]
        else:
            got.append(q)
    return out


def old_triples_of(store, subjects) -> dict[str, set]:
    """subject -> its triples in ``store`` (default graph), as quads."""
    import pyoxigraph as ox

    dg = ox.DefaultGraph()
    return {s: set(store.quads_for_pattern(ox.NamedNode(s), None, None, dg)) for s in subjects}


def old_triples_known(head: bytes, diff: BlockDiff, kept: dict) -> dict[str, set]:
    """:func:`old_triples_of` the changed subjects, where known without
    reading the store: none for a new block's subject; for a changed one,
    its triples in the old block as the last build kept it (``kept``:
    :meth:`GraphState.load_shared`), when that block's digest is the old
    index's.  (A data block's subject that the ontology describes too has
    the ontology's triples in the store as well: they stay there, and
    :func:`apply_to_store` loads the ontology again anyway.)"""
    out: dict[str, set] = {}
    blocks = []
    for key, _block in diff.changed:
        was = diff.old_digest.get(key)
        if was is None:
            out[key.decode("utf-8")] = set()
        else:
            old = kept.get(key)
            if old is not None and digest(old) == was:
                blocks.append(old)
    for s, qs in parse_blocks(head, blocks).items():
        out[s] = set(qs)
    return out


def apply_to_store(store, new: dict[str, list], gone: set[str], old: dict | None = None) -> None:
    """Make ``store`` hold the new graph: the triples of every subject in
    ``new`` (its new triples) or ``gone`` are replaced; ``old``:
    :func:`old_triples_of` those subjects, when already read.  Only the
    triples that differ are removed or added."""
    import pyoxigraph as ox

    from ..ontology import ontology_dir

    touched = set(new) | gone
    if old is None:
        old = old_triples_of(store, touched)
    dg = ox.DefaultGraph()
    add = []
    for s in sorted(touched):
        before = old.get(s)
        if before is None:
            before = old_triples_of(store, [s])[s]
        after = {t if type(t) is ox.Quad else ox.Quad(t.subject, t.predicate, t.object, dg)
                 for t in new.get(s, ())}
        for q in before - after:
            store.remove(q)
        add.extend(after - before)
    store.extend(add)
    # a triple the ontology has too is the ontology's: load it again
    store.load(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    store.flush()


# ------------------------------------------------------------------ validation
_SH = "http://www.w3.org/ns/shacl#"
#: shape predicates whose check reads the focus node's own values only (or,
#: for sh:class, the values' types)
_LOCAL = {_SH + p for p in (
    "path property targetClass message minCount maxCount class datatype nodeKind minLength "
    "maxLength pattern flags languageIn uniqueLang minInclusive maxInclusive minExclusive "
    "maxExclusive in hasValue or and xone not qualifiedValueShape qualifiedMinCount "
    "qualifiedMaxCount name description order group").split()}
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def shapes_are_local(shapes) -> bool:
    """True when the shapes graph (rdflib) uses only checks that read a
    focus node's own triples and the types of their objects: targets by
    class, single-predicate paths, value constraints, ``sh:class``, and
    ``sh:or``/``sh:and``/``sh:not``/``sh:xone``/``sh:qualifiedValueShape``
    of shapes without paths.  Otherwise a rebuild validates the whole graph."""
    from rdflib import BNode, URIRef
    from rdflib.namespace import RDF

    nested = set()
    for s, p, o in shapes:
        ps = str(p)
        if ps.startswith(_SH):
            if ps not in _LOCAL:
                return False
            if ps == _SH + "path" and not isinstance(o, URIRef):
                return False          # a sequence, inverse or alternative path
            if ps in (_SH + "qualifiedValueShape", _SH + "not"):
                nested.add(o)
            if ps in (_SH + "or", _SH + "and", _SH + "xone"):
                node = o
                while node is not None and node != RDF.nil:
                    nested.add(shapes.value(node, RDF.first))
                    node = shapes.value(node, RDF.rest)
    for n in nested:
        if n is None or (n, URIRef(_SH + "path"), None) in shapes \
                or (n, URIRef(_SH + "property"), None) in shapes:
            return False              # it would read the value node's own values
    return True


@functools.lru_cache(maxsize=2)
def _untargeted(shapes_path: str, ontology_path: str):
    """The shapes as N-Triples without their ``sh:targetClass`` triples, the
    (shape, class) pairs those named, each class's superclasses (itself
    included, from the ontology) and the ontology as N-Triples; None when a
    shape with a class target is a blank node."""
    import pyoxigraph as ox
    from rdflib import BNode, Graph, URIRef
    from rdflib.namespace import RDFS

    g = Graph()
    g.parse(shapes_path, format="turtle")
    target = URIRef(_SH + "targetClass")
    pairs = sorted((str(sh), str(c)) for sh, c in g.subject_objects(target))
    if any(isinstance(sh, BNode) for sh in g.subjects(target, None)):
        return None
    g.remove((None, target, None))
    onto = Graph()
    onto.parse(ontology_path, format="turtle")
    supers: dict[str, set] = {}
    for c in set(onto.subjects()) | set(onto.objects(None, RDFS.subClassOf)):
        if isinstance(c, URIRef):
            supers[str(c)] = {str(x) for x in onto.transitive_objects(c, RDFS.subClassOf)}
    onto_nt = ox.serialize(ox.parse(path=ontology_path, format=ox.RdfFormat.TURTLE),
                           format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return g.serialize(format="nt"), pairs, supers, onto_nt


#: the format of the memo :func:`shape_plan` keeps
PLAN_FORMAT = "kg-shape-plan-1"


@functools.lru_cache(maxsize=4)
def shape_plan(shapes_path: str, ontology_path: str, memo: str | None = None):
    """``(local, untargeted)``: :func:`shapes_are_local` of the shapes and
    :func:`_untargeted` of the two files, which a rebuild needs to validate
    only its changes.  They depend on the two files alone, and rdflib takes
    65 ms to make them: with ``memo`` (a folder) they are kept in
    ``memo/shape-plan.marshal`` under a digest of the files' bytes, and a
    later process reads them back (1 ms) while the files are the same."""
    import marshal

    h = hashlib.sha256(PLAN_FORMAT.encode("ascii"))
    for f in (shapes_path, ontology_path):
        h.update(b"\0" + Path(f).read_bytes())
    key = h.hexdigest()
    f = Path(memo) / "shape-plan.marshal" if memo is not None else None
    if f is not None:
        try:
            got_key, local, base = marshal.loads(f.read_bytes())
            if got_key == key:
                return local, base if base is None else tuple(base)
        except Exception:       # noqa: BLE001  (none yet, damaged, another Python)
            pass
    from .validate import _load

    local = shapes_are_local(_load(shapes_path))
    base = _untargeted(shapes_path, ontology_path) if local else None
    if f is not None:
        try:
            atomic_write(f, marshal.dumps((key, local, base)))
        except Exception:       # noqa: BLE001  (a folder that cannot be written: no memo)
            pass
    return local, base


def types_of_store(store) -> dict[str, tuple]:
    """subject IRI -> its classes (sorted), for every typed IRI in the store."""
    import pyoxigraph as ox

    out: dict[str, list] = {}
    intern: dict[str, str] = {}
    for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), None, ox.DefaultGraph()):
        if isinstance(q.subject, ox.NamedNode):
            c = q.object.value
            out.setdefault(q.subject.value, []).append(intern.setdefault(c, c))
    return {s: tuple(sorted(cs)) for s, cs in out.items()}


def _types_in(triples) -> tuple:
    return tuple(sorted({t.object.value for t in triples if t.predicate.value == RDF_TYPE}))


def update_types(types: dict, new: dict[str, list], gone: set[str], extra=()) -> None:
    """:func:`types_of_store` of the new graph, from the old one's; ``extra``:
    the ontology's triples about the subjects changed (kept in the store)."""
    for s in gone:
        types.pop(s, None)
    for s, ts in new.items():
        cs = _types_in(ts)
        if cs:
            types[s] = cs
        else:
            types.pop(s, None)
    for t in extra:           # all about subjects in new or gone
        if t.predicate.value == RDF_TYPE:
            s = t.subject.value
            types[s] = tuple(sorted({*types.get(s, ()), t.object.value}))


def validate_changes(old_store, new: dict[str, list], gone: set[str], types: dict | None = None,
                     old: dict | None = None, texts: dict | None = None, head: bytes = b"",
                     memo: str | None = None):
    """The fast engine's report on the graph ``old_store`` holds (which
    conforms) after the triples of each subject in ``new`` are replaced by
    its new ones and the subjects in ``gone`` are removed, validating only
    the nodes whose verdict can change.  ``types``: :func:`types_of_store`
    of ``old_store`` (made here when not given); ``old``: a dict that
    gets (or holds) :func:`old_triples_of` the subjects read.  None when the change is
    beyond what this can judge (it touches ``rdfs:subClassOf``): validate in
    full.  ``texts``: the Turtle blocks (bytes, under the prefixes ``head``)
    of subjects in ``new``, given the engine as they are instead of written
    out again triple by triple.  ``memo``: the folder of :func:`shape_plan`'s memo.

    The nodes validated are the shapes' targets among the changed nodes and
    the nodes pointing to one whose classes changed; the data given the
    engine is their triples and the classes of the nodes they point to, and
    the shapes target those nodes by name (``sh:targetNode``), so the
    neighbours, whose own triples are not there, are not validated."""
    import pyoxigraph as ox
    import shacl

    from ..ontology import ontology_dir
    from .validate import _shacl_report

    base = shape_plan(str(ontology_dir() / "shapes.ttl"), str(ontology_dir() / "kg.ttl"), memo)[1]
    if base is None:
        return None
    shapes_nt, pairs, supers, onto_nt = base
    if types is None:
        types = types_of_store(old_store)
    dg = ox.DefaultGraph()
    old = {} if old is None else old

    def old_triples(s: str):
        got = old.get(s)
        if got is None:
            got = old[s] = old_triples_of(old_store, [s])[s]
        return got

    touched = set(new) | gone
    # (one look at the store's rdfs:subClassOf triples, not every subject's)
    if not touched.isdisjoint({q.subject.value for q in old_store.quads_for_pattern(
            None, ox.NamedNode(SUBCLASS), None, dg) if isinstance(q.subject, ox.NamedNode)}):
        return None
    if any(t.predicate.value == SUBCLASS for ts in new.values() for t in ts):
        return None

    def new_types(s: str) -> tuple:
        if s in new:
            return _types_in(new[s])
        if s in gone:
            return ()
        return types.get(s, ())

    affected = set(new)
    for v in touched:
        if types.get(v, ()) != new_types(v):
            for q in old_store.quads_for_pattern(None, None, ox.NamedNode(v), dg):
                s = q.subject
                if isinstance(s, ox.NamedNode) and s.value not in gone:
                    affected.add(s.value)
    lines: list[str] = []
    blocks: list[bytes] = []
    seen_types: set[str] = set()
    labels: dict[str, str] = {}
    focus_types: dict[str, tuple] = {}
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    texts = texts or {}
    for n in sorted(affected):
        text = texts.get(n) if n in new else None
        ts = new[n] if n in new else sorted(old_triples(n), key=str)
        focus_types[n] = _types_in(ts)
        if text is not None:
            blocks.append(text)
        else:
            lines.extend(f"{t} ." for t in ts)
        for t in ts:
            o = t.object
            if type(o) is ox.NamedNode:
                v = o.value
                if v not in affected and v not in seen_types:
                    seen_types.add(v)
                    for c in new_types(v):
                        lines.append(f"<{v}> <{RDF_TYPE}> <{c}> .")
            elif type(o) is ox.Literal and o.language == "zh" and t.predicate.value == label:
                labels.setdefault(n, o.value)
    targets = []
    for shape, cls in pairs:
        for n, cs in focus_types.items():
            if any(cls in supers.get(c, (c,)) for c in cs):
                targets.append(f"<{shape}> <{_SH}targetNode> <{n}> .")
    shapes = shacl.Shapes.from_text(shapes_nt + "\n".join(targets) + "\n", format="ntriples")
    if blocks:         # Turtle (N-Triples lines are Turtle too)
        doc = (head + b"\n" + b"\n".join(blocks)).decode("utf-8") + "\n" + "\n".join(lines) \
            + "\n" + onto_nt
        fmt = "turtle"
    else:
        doc, fmt = "\n".join(lines) + "\n" + onto_nt, "ntriples"
    try:
        rep = shapes.validate_text(doc, format=fmt, inference="none", allow_warnings=True)
    except (ValueError, RuntimeError):
        return None
    rep = _shacl_report(rep, lambda i: labels.get(i, ""))
    rep.violations = [v for v in rep.violations if v.focus in affected]
    rep.conforms = not rep.violations
    rep.notes.append(f"validated {len(affected)} changed node(s) and their neighbours' "
                     "classes; the rest conformed in the previous build")
    return rep
