"""The build's Turtle written a corpus at a time without holding its triples.

:func:`kg.graph.rdf.to_turtle` sorts every triple of the corpus in memory
(about 1 KB of Python objects a triple, plus the text).  The build writes the
same bytes from pieces instead:

* most subjects belong to one article (the article and its sentences, the
  evidence, observation, flow and membership nodes, whose IRIs carry the
  article's id or a hash of it): each article's blocks of such subjects are
  rendered as soon as its triples are made, sorted, and appended to a spool
  file as one *run* (:func:`render_run`);
* the other subjects (entities, roles, indicators), which several articles
  add to, are kept as triples (:class:`TurtleSpool` ``.shared``) and
  rendered at the end;
* :meth:`TurtleSpool.write` merges the runs and the shared blocks by subject
  (UTF-8 byte order is code point order, which is how ``to_turtle`` sorts)
  into the output file.

Memory is one article's triples, the shared triples, and a buffer per run.
A run is also what the article cache keeps, so a rebuild renders only the
articles whose triples changed (:mod:`kg.build`).
"""
from __future__ import annotations

import heapq
import os
import struct
import tempfile
from pathlib import Path

from ..errors import StageError
from ..ontology import ID_NS
from .rdf import _prefix_map, group_by_subject, render_subject, turtle_header

#: IRIs of nodes that only one article's triples describe
PRIVATE_KINDS = ("article/", "evidence/", "observation/", "flow/", "membership/")
_HEAD = struct.Struct("<II")
#: bytes of Turtle per bulk load of the build's store (~100k triples)
CUT_EVERY = 8 << 20


def private_prefixes(base: str | None = None) -> tuple[str, ...]:
    b = ID_NS if base is None else base
    return tuple(b + k for k in PRIVATE_KINDS)


def split_triples(triples, prefixes: tuple[str, ...]) -> tuple[list, list]:
    """(private, shared) triples of one article, by their subject's IRI."""
    private, shared = [], []
    for t in triples:
        (private if str(t[0]).startswith(prefixes) else shared).append(t)
    return private, shared


def render_run(private) -> bytes:
    """One article's private triples as a run: its subjects' Turtle blocks,
    sorted by subject, each record ``len(key) len(block) key block``."""
    pm, cache = _prefix_map(), {}
    by_subject = group_by_subject(private)
    out = []
    for key, s in sorted((str(s).encode("utf-8"), s) for s in by_subject):
        block = render_subject(s, by_subject[s], pm, cache).encode("utf-8")
        out.append(_HEAD.pack(len(key), len(block)))
        out.append(key)
        out.append(block)
    return b"".join(out)


def run_records(data: bytes):
    """The (key, block) records of a run held in memory."""
    i, n = 0, len(data)
    while i < n:
        klen, blen = _HEAD.unpack_from(data, i)
        i += 8
        yield data[i:i + klen], data[i + klen:i + klen + blen]
        i += klen + blen


def _file_records(fd: int, start: int, end: int, chunk: int = 1 << 15):
    """The (key, block) records of the run at ``start:end`` of the file ``fd``,
    read ``chunk`` bytes at a time."""
    buf, i, pos = b"", 0, start

    def more(want: int) -> bytes:
        n = min(max(chunk, want), end - pos)
        got = os.pread(fd, n, pos) if n > 0 else b""
        if not got:
            raise StageError("the Turtle spool file is truncated", stage="turtle")
        return got

    while True:
        have = len(buf) - i
        if have < 8:
            if have == 0 and pos >= end:
                return
            got = more(8 - have)
            pos += len(got)
            buf, i = buf[i:] + got, 0
            continue
        klen, blen = _HEAD.unpack_from(buf, i)
        need = 8 + klen + blen
        if have < need:
            got = more(need - have)
            pos += len(got)
            buf, i = buf[i:] + got, 0
            continue
        yield buf[i + 8:i + 8 + klen], buf[i + 8 + klen:i + need]
        i += need


class TurtleSpool:
    """Runs of private blocks in a temporary file, shared triples in memory.

    ``with TurtleSpool(folder) as sp: sp.add(run, shared); sp.write(path)``"""

    def __init__(self, folder: str | Path | None = None, feed=None, keep_shared: bool = False):
        #: a :class:`kg.graph.store.StoreFeeder` given every block (runs as
        #: they come, shared blocks as :meth:`write` renders them), or None
        self.feed = feed
        fd, self._path = tempfile.mkstemp(prefix=".kg-spool-", dir=folder)
        self._fh = os.fdopen(fd, "w+b")
        self._runs: list[tuple[int, int]] = []
        self._size = 0
        #: subject -> predicate -> set of objects
        self.shared: dict = {}
        #: with ``keep_shared``: the shared blocks :meth:`write` rendered,
        #: as (key, block) pairs (the kept state of :mod:`kg.graph.incremental`)
        self.shared_blocks: list | None = [] if keep_shared else None

    def __enter__(self) -> "TurtleSpool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            try:
                os.unlink(self._path)
            except OSError:
                pass

    def add_run(self, run: bytes) -> None:
        if run:
            if self.feed is not None:
                self.feed.add(b"\n".join(block for _key, block in run_records(run)))
            self._fh.write(run)
            self._runs.append((self._size, self._size + len(run)))
            self._size += len(run)

    def add_shared(self, triples) -> None:
        shared = self.shared
        for s, p, o in triples:
            preds = shared.get(s)
            if preds is None:
                shared[s] = {p: {o}}
            else:
                objs = preds.get(p)
                if objs is None:
                    preds[p] = {o}
                else:
                    objs.add(o)

    def shared_count(self) -> int:
        return sum(len(objs) for preds in self.shared.values() for objs in preds.values())

    def _shared_records(self):
        pm, cache = _prefix_map(), {}
        for key, s in sorted((str(s).encode("utf-8"), s) for s in self.shared):
            preds = {p: list(objs) for p, objs in self.shared[s].items()}
            block = render_subject(s, preds, pm, cache).encode("utf-8")
            if self.feed is not None:
                self.feed.add(block)
            if self.shared_blocks is not None:
                self.shared_blocks.append((key, block))
            yield key, block

    def write(self, fh, cut_every: int = CUT_EVERY, diff=None) -> list[int]:
        """Write the whole Turtle (the bytes :func:`~kg.graph.rdf.to_turtle`
        gives for the same triples) to the binary file ``fh``.

        Returns the offsets in the file where a subject's block starts, about
        every ``cut_every`` bytes: :func:`kg.graph.store.build_store_file`
        loads the file a slice at a time there, so Oxigraph's bulk loader
        never holds the whole graph.  ``diff`` (a
        :class:`kg.graph.incremental.BlockDiff`) is fed every block."""
        self._fh.flush()
        fd = self._fh.fileno()
        streams = [_file_records(fd, a, b) for a, b in self._runs]
        streams.append(self._shared_records())
        head = turtle_header().encode("utf-8")
        fh.write(head)
        pos, cuts, next_cut = len(head), [], 0
        last = None
        for key, block in heapq.merge(*streams, key=lambda r: r[0]):
            if key == last:
                raise StageError(f"two articles describe the node <{key.decode('utf-8')}>: "
                                 "a hash collision, please report it", stage="turtle")
            sep = b"\n\n" if last is None else b"\n"
            fh.write(sep)
            pos += len(sep)
            if pos >= next_cut:
                cuts.append(pos)
                next_cut = pos + cut_every
            fh.write(block)
            if diff is not None:
                diff.feed(key, block, pos)
            pos += len(block)
            last = key
        if last is None:
            fh.write(b"\n")
        return cuts

    def write_spliced(self, fh, splice, parts: dict, diff, dirty=(),
                      cut_every: int = CUT_EVERY) -> list[int]:
        """:meth:`write` for a rebuild whose spool holds only the runs of the
        articles :class:`~kg.graph.incremental.Splice` does not keep (and
        every shared node): the blocks of the kept ones are copied from the
        last build's file, the rest merged in by subject; the same bytes.
        ``parts``: article id -> (cache key, signature, subjects) of this
        build (the kept articles' as they were); ``diff`` a
        :class:`~kg.graph.incremental.SplicedDiff`, given what changed and
        the new index; ``dirty``: the shared nodes (IRIs) whose blocks are
        made again (the spool holds their triples; the others' blocks are
        copied too)."""
        import bisect

        from .incremental import Index, digest

        self._fh.flush()
        fd = self._fh.fileno()
        old, pos_of, mm = splice.index, splice.pos_of, splice.mm
        n = len(old.keys)
        deleted: set[int] = set()                 # old blocks not copied
        for aid, part in splice.parts.items():
            if parts.get(aid) is not part:            # not kept: its old blocks go
                deleted.update(pos_of[k] for k in part[2])
        for s in dirty:
            i = pos_of.get(s.encode("utf-8"))
            if i is not None:
                deleted.add(i)
        streams = [_file_records(fd, a, b) for a, b in self._runs]
        streams.append(self._shared_records())
        inserts = []                  # (old position it goes before, key, block, digest)
        replaced: set[int] = set()    # old blocks whose subject has a new block
        for key, block in heapq.merge(*streams, key=lambda r: r[0]):
            d = digest(block)
            i = pos_of.get(key)
            if i is not None:
                if i not in deleted:
                    raise StageError(f"two articles describe the node <{key.decode('utf-8')}>: "
                                     "a hash collision, please report it", stage="turtle")
                was = old.digest_of(i)
                if was == d:
                    deleted.discard(i)            # the same block: the old bytes stay
                    continue
                diff.changed_block(key, block, was)
                replaced.add(i)
            else:
                diff.changed_block(key, block, None)
                i = bisect.bisect_left(old.keys, key)
            inserts.append((i, key, block, d))
        inserts.sort(key=lambda r: (r[0], r[1]))
        for i in sorted(deleted - replaced):
            if not diff.overflow:
                diff.removed.append(old.keys[i])
        if len(inserts) != len({r[1] for r in inserts}):
            raise StageError("two articles describe the same node: a hash collision, "
                             "please report it", stage="turtle")
        head = turtle_header().encode("utf-8")
        fh.write(head)
        new = Index()
        digs: list[bytes] = []
        pos = len(head)
        first = True

        def sep() -> None:
            nonlocal pos, first
            s = b"\n\n" if first else b"\n"
            fh.write(s)
            pos += len(s)
            first = False

        def copy(a: int, b: int) -> None:         # old blocks a..b-1, none deleted
            nonlocal pos
            sep()
            start = old.offsets[a]
            end = old.offsets[b - 1] + old.lengths[b - 1]
            fh.write(mm[start:end])
            shift = pos - start
            new.keys.extend(old.keys[a:b])
            digs.append(old.digests[8 * a:8 * b])
            new.offsets.extend([o + shift for o in old.offsets[a:b]])
            new.lengths.extend(old.lengths[a:b])
            pos += end - start

        events = sorted(deleted | {r[0] for r in inserts} | {n})
        a, j = 0, 0
        for p in events:
            if a < p:
                copy(a, p)
            while j < len(inserts) and inserts[j][0] == p:
                _i, key, block, d = inserts[j]
                sep()
                fh.write(block)
                new.keys.append(key)
                digs.append(d)
                new.offsets.append(pos)
                new.lengths.append(len(block))
                pos += len(block)
                j += 1
            a = p + 1 if p in deleted else p
        if first:
            fh.write(b"\n")
        new.digests = b"".join(digs)
        diff.index = new
        diff.blocks = len(new.keys)
        cuts, next_cut = [], 0
        for o in new.offsets:
            if o >= next_cut:
                cuts.append(o)
                next_cut = o + cut_every
        return cuts
