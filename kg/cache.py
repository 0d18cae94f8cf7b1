"""The per-article cache of incremental builds.

An extracted :class:`~kg.article.Article` depends on three things only: the
article's bytes (and its ``.rawmap.json`` sidecar, when there is one), the
knowledge files in ``ontology/`` and kg's code.  The cache keys each article
by a hash of all three, so ``kg build`` re-extracts only new or changed
articles; an edit to a knowledge file or to the code changes every key, and
the next build is a clean one.

An entry also keeps the article's part of the Turtle (:class:`RdfPart`: the
rendered blocks of the nodes only it describes, its triples about shared
nodes, the type guard's warnings), under a signature of everything else those
triples read: the IRI base and, for each entity the article mentions, its
IRI, its class and whether this article has its first mention
(:func:`kg.build.rdf_signature`).  A rebuild renders again only the articles
whose signature changed; the merge and the Turtle's final merge by subject
run over the whole corpus, and the store, validation and the page are
updated by the subjects whose Turtle changed (:mod:`kg.graph.incremental`),
so the output is the same bytes as a clean build's.

Entries are one file each under ``DIR/<2 hex>/<key>.pickle``: a pickled
:class:`Entry` (id, mentions, sentence count, the RDF part), then the pickled
article, so a rebuild that needs only the first reads no more; written
atomically; an unreadable entry counts as a miss.  Entries that no
build uses any more are removed by :meth:`ArticleCache.prune` (``kg build``
prunes what the corpus it built no longer names).
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .textio import atomic_write

PACKAGE = Path(__file__).resolve().parent
FORMAT = "kg-article-cache-3"


@dataclass
class RdfPart:
    """One article's share of the Turtle, valid while ``sig`` is.

    Its triples about shared nodes are pickled by subject: a rebuild that
    keeps the article reads back only those of the nodes whose blocks it
    makes again (:meth:`triples` with ``only``), not every rdflib term.

    >>> from rdflib import URIRef
    >>> a, b, p = URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:p")
    >>> part = pickle.loads(pickle.dumps(RdfPart("s", (0, 0, 0), [], b"", 0, [(a, p, b), (b, p, a)])))
    >>> sorted(part.subjects()), part.triples({"urn:b"}) == [(b, p, a)], len(part.triples())
    (['urn:a', 'urn:b'], True, 2)
    """

    sig: str
    counts: tuple            # relations, flows, figures kept by the type guard
    warnings: list[str]      # the type guard's warnings for this article
    run: bytes               # kg.graph.spool.render_run of its private triples
    private: int             # how many private triples the run holds
    shared: list | None = field(default_factory=list)   # its triples about shared nodes
    packed: dict | None = None   # (read from the cache) subject -> its pickled triples

    def subjects(self) -> set[str]:
        if self.shared is not None:
            return {str(t[0]) for t in self.shared}
        return set(self.packed or ())

    def triples(self, only: set[str] | None = None) -> list:
        """Its triples about shared nodes (those of the subjects in ``only``)."""
        if self.shared is not None:
            return self.shared if only is None else [t for t in self.shared if str(t[0]) in only]
        packed = self.packed or {}
        keys = packed if only is None else [s for s in packed if s in only]
        return [t for s in keys for t in pickle.loads(packed[s])]

    def __getstate__(self):
        state = dict(self.__dict__)
        if self.shared is not None:
            by: dict[str, list] = {}
            for t in self.shared:
                by.setdefault(str(t[0]), []).append(t)
            state["packed"] = {s: pickle.dumps(ts, protocol=pickle.HIGHEST_PROTOCOL) for s, ts in by.items()}
            state["shared"] = None
        return state


@dataclass
class Entry:
    """What a rebuild needs of an article without reading the article."""

    id: str
    path: str
    mentions: list
    sentences: int
    rdf: RdfPart | None = None


def entry_of(article) -> Entry:
    return Entry(article.id, article.path, article.mentions, len(article.sentences))


def pack(article) -> tuple[Entry, bytes]:
    """``(entry, pickled article)``: what the build holds of an extracted
    article until its triples are made (a fifth of the article's memory)."""
    return entry_of(article), pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)


def _digest_files(files) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode("utf-8") + b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _code_files() -> list[Path]:
    return sorted((f for f in PACKAGE.rglob("*") if f.is_file()
                   and f.suffix in (".py", ".so", ".pyd") and "__pycache__" not in f.parts),
                  key=lambda f: f.relative_to(PACKAGE).as_posix())


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of kg's own code (sources and any compiled module)."""
    return _digest_files(_code_files())


def code_stat() -> str:
    """A hash of the name, size and modification time of each file of kg's
    code: what :func:`code_version` is kept under between builds."""
    h = hashlib.sha256()
    for f in _code_files():
        st = f.stat()
        h.update(f"{f.relative_to(PACKAGE).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def kept_code_version(folder: Path) -> tuple[str, str | None]:
    """:func:`code_version`, kept in ``folder/code-version`` under
    :func:`code_stat`: a build whose code files have the sizes and times of
    the last one's reads the hash instead of hashing 30 MB of modules again
    (an edited file has another time or size, and the hash is made again).
    Returns the hash and, when it was made, the line to keep (written by
    :meth:`ArticleCache.put` with the first entry, so that a build that
    fails writes nothing)."""
    stat = code_stat()
    try:
        kept_stat, kept = (folder / "code-version").read_text("ascii").split()
        if kept_stat == stat and len(kept) == 64:
            return kept, None
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    digest = code_version()
    return digest, f"{stat} {digest}\n"


def knowledge_version(folder: str | Path) -> str:
    """A hash of the knowledge files (``ontology/*``) that extraction reads."""
    folder = Path(folder)
    return _digest_files(sorted(f for f in folder.iterdir() if f.is_file()))


def sidecar(path: Path) -> Path:
    return path.with_name(path.name.rsplit(".", 1)[0] + ".rawmap.json")


def article_key(path: str | Path, salt: str) -> str:
    """The cache key of the article file ``path``: its name, bytes and
    sidecar, with ``salt`` (knowledge and code versions)."""
    p = Path(path)
    h = hashlib.sha256(salt.encode("ascii"))
    h.update(str(p).encode("utf-8") + b"\0")
    h.update(p.read_bytes())
    side = sidecar(p)
    if side.exists():
        h.update(b"\0rawmap\0" + side.read_bytes())
    return h.hexdigest()


class ArticleCache:
    """Extracted articles on disk, keyed by :func:`article_key`."""

    def __init__(self, folder: str | Path, knowledge_folder: str | Path):
        self.folder = Path(folder)
        # the optional NER mode changes what extraction finds: part of the key
        ner = os.environ.get("KG_NER", "").strip().lower()
        version, line = kept_code_version(self.folder)
        # files kept beside the entries, written with the first entry (a
        # build that fails writes nothing)
        self._pending: dict[str, bytes] = {"code-version": line.encode("ascii")} if line else {}
        self.salt = hashlib.sha256(
            f"{FORMAT}\0{version}\0{knowledge_version(knowledge_folder)}\0{ner}".encode()
        ).hexdigest()
        self.hits = 0
        self.misses = 0

    def key(self, path) -> str | None:
        """The article's key, or None when it is not a regular readable file
        of at most the size limit: then extraction reads it and reports the
        problem in one line (a FIFO is never opened here, a huge file never
        read whole)."""
        import stat

        from .textio import max_bytes

        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes():
                return None
            return article_key(path, self.salt)
        except OSError:
            return None        # unreadable: extraction reports it

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def has(self, key: str | None) -> bool:
        """Whether an entry for ``key`` is on disk (unread: it may still be
        damaged, then :meth:`get_entry` misses)."""
        return key is not None and self._file(key).is_file()

    def get_entry(self, key: str | None) -> Entry | None:
        """The entry's first part (no article read), or None: a miss."""
        if key is None:
            self.misses += 1
            return None
        try:
            with open(self._file(key), "rb") as fh:
                entry = pickle.load(fh)
            if not isinstance(entry, Entry):
                raise TypeError
        except Exception:      # noqa: BLE001  (missing, truncated, or from another version)
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def article_bytes(self, key: str | None) -> bytes | None:
        """The pickled article of the entry (unchecked), or None."""
        if key is None:
            return None
        try:
            with open(self._file(key), "rb") as fh:
                pickle.load(fh)
                return fh.read()
        except Exception:      # noqa: BLE001
            return None

    def get(self, key: str | None):
        """The cached article, or None."""
        if self.get_entry(key) is None:
            return None
        try:
            return pickle.loads(self.article_bytes(key))
        except Exception:      # noqa: BLE001  (a truncated article part)
            return None

    def put(self, key: str | None, article, entry: Entry | None = None,
            raw: bytes | None = None) -> None:
        """Store ``article`` (or its pickle ``raw``) with ``entry`` (default:
        made from the article, with no RDF part)."""
        if key is None:
            return
        if entry is None:
            entry = entry_of(article)
        if raw is None:
            raw = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
        f = self._file(key)
        f.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(f, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL) + raw)
        while self._pending:
            name, data = self._pending.popitem()
            atomic_write(self.folder / name, data)

    def warm(self, k) -> None:
        """Give knowledge base ``k`` its thesaurus word sets (``k.things()``,
        ``k.sites()``) from ``thesaurus.marshal`` when the thesaurus file and
        the classes are the ones they were made from, else make them and
        keep them (0.06 s of JSON and tree walk, before the build forks its
        processes, which share them)."""
        from .thesaurus import tree_stamp

        try:
            stamp = f"{tree_stamp()}\0{k.thing_classes}\0{k.site_classes}\0{k.abstract_classes}"
        except Exception:      # noqa: BLE001  (no thesaurus: k.things() reports it)
            return
        try:
            kept_stamp, things, sites = marshal.loads((self.folder / "thesaurus.marshal").read_bytes())
            if kept_stamp == stamp:
                k.extra.setdefault("things", frozenset(things))
                k.extra.setdefault("sites", frozenset(sites))
                return
        except (OSError, ValueError, EOFError, TypeError):
            pass
        self._pending["thesaurus.marshal"] = marshal.dumps(
            (stamp, sorted(k.things()), sorted(k.sites())))

    def prune(self, keep: set[str]) -> int:
        """Remove every entry whose key is not in ``keep``; returns how many."""
        gone = 0
        if not self.folder.is_dir():
            return 0
        for sub in self.folder.iterdir():
            if not sub.is_dir():
                continue
            for f in sub.glob("*.pickle"):
                if f.stem not in keep:
                    try:
                        os.unlink(f)
                        gone += 1
                    except OSError:
                        pass
        return gone
