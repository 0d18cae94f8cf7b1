"""The build: article files in, ``triples.ttl`` out."""
from __future__ import annotations

import os
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .article import ARTICLE_SUFFIXES, Article, load_article
from .corpus import merge_entities
from .errors import InputError, StageError
from .knowledge import Knowledge, load_knowledge
from .memory import gc_paused, trim_heap
from .pipeline import ARTICLE_STAGES, Context, run_article
# (the graph side, rdflib, is imported where it is used: a rebuild starts
# extracting its new articles before it is loaded, see _Early)

DEFAULT_ARTICLES = Path("data/articles")
PARALLEL_MIN_ARTICLES = 16


@dataclass
class BuildResult:
    """What a build produced."""

    articles: list[Article]
    entities: dict
    triples: set | None
    _turtle: str | None = None                          # build(): read from ``out``
    out: Path | None = None
    store: object = None                                # pyoxigraph.Store (kg.build.build)
    timings: dict = field(default_factory=dict)         # phase -> seconds
    triple_count: int | None = None
    counts: dict | None = None                          # build(): the summary, counted

    @property
    def turtle(self) -> str:
        """The Turtle: kept by :func:`build_graph`, read from the written
        file after :func:`build`."""
        if self._turtle is None and self.out is not None:
            return Path(self.out).read_text(encoding="utf-8")
        return self._turtle

    @turtle.setter
    def turtle(self, text: str) -> None:
        self._turtle = text

    def summary(self) -> dict[str, int]:
        if self.counts is not None:
            return dict(self.counts)
        return {
            "articles": len(self.articles),
            "sentences": sum(len(a.sentences) for a in self.articles),
            "entities": len(self.entities),
            "relations": sum(len(a.relations) for a in self.articles),
            "flows": sum(len(a.flows) for a in self.articles),
            "figures": sum(len(a.figures) for a in self.articles),
            "people": sum(1 for e in self.entities.values() if e.type == "Person"),
            "triples": self.triple_count if self.triples is None else len(self.triples),
        }


def find_articles(paths: list[str | Path] | None) -> list[Path]:
    """Article files named by ``paths`` (files or folders), sorted, unique."""
    if paths and any(str(p) == "" for p in paths):
        raise InputError("an article path is an empty string", path="''")
    paths = [Path(p) for p in (paths or [DEFAULT_ARTICLES])]
    found: list[Path] = []
    for p in paths:
        if not p.exists():
            raise InputError("no such file or folder", path=str(p))
        if p.is_dir():
            files = sorted(_walk(p))
            if not files:
                raise InputError("folder has no article files (*.txt, *.md)", path=str(p))
            found.extend(files)
        else:
            found.append(p)
    unique = sorted(set(found), key=lambda f: (f.name, str(f)))
    return unique


def _walk(folder: Path):
    """The article files below ``folder``; a folder that cannot be read is an
    error (``permission denied``), not a folder without articles."""
    def fail(exc: OSError):
        raise InputError(f"cannot read the folder: {exc.strerror or exc}",
                         path=str(exc.filename or folder))

    if not os.access(folder, os.R_OK | os.X_OK):
        raise InputError("cannot read the folder: Permission denied", path=str(folder))
    for root, _dirs, names in os.walk(folder, onerror=fail):
        for name in names:
            f = Path(root) / name
            if f.suffix in ARTICLE_SUFFIXES and not name.startswith(".") and f.is_file():
                yield f


_WORKER_CTX: Context | None = None


def _init_worker(folder: str) -> None:
    global _WORKER_CTX
    from .errors import install_warning_printer

    install_warning_printer()            # a spawned worker: warnings as one line too
    _WORKER_CTX = Context(load_knowledge(folder))


def _start_method() -> str:
    """``fork`` where it is safe and available (Linux), else ``spawn``."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _warm(knowledge: Knowledge) -> None:
    """Build the per-process caches once, before forking."""
    from .normalize import normalize_with_map

    normalize_with_map("预热…,")
    run_article(Article(id="warm", path="<warm>", original="甘肃某某有限公司生产硫酸10万吨。"),
                Context(knowledge), ARTICLE_STAGES)


def _extract_one(path: str, ctx: Context) -> Article:
    return run_article(load_article(path), ctx, ARTICLE_STAGES)


def _work(path: str) -> Article:
    """One file in a worker process (its context set by fork or _init_worker)."""
    return _extract_one(path, _WORKER_CTX)


def _pack(article):
    from .cache import pack

    return pack(article)


def _take(lock, front, back, from_back: bool) -> int | None:
    """The next chunk index, from the front (workers) or the back (parent)."""
    with lock:
        if front.value >= back.value:
            return None
        if from_back:
            back.value -= 1
            return back.value
        front.value += 1
        return front.value - 1


def _worker_loop(chunks, lock, front, back, results, folder: str, packed: bool = False) -> None:
    """A worker process: take chunks from the front until none is left."""
    import pickle

    if _WORKER_CTX is None:           # spawned, not forked
        _init_worker(folder)
    try:
        with gc_paused():
            while (i := _take(lock, front, back, False)) is not None:
                arts = [_work(p) for p in chunks[i]]
                results.put((i, [_pack(a) for a in arts] if packed else arts))
        results.put(None)
    except BaseException as exc:      # noqa: BLE001  (reported to the parent)
        try:
            payload = pickle.dumps(exc)
        except Exception:             # noqa: BLE001
            payload = pickle.dumps(StageError(f"{type(exc).__name__}: {exc}"))
        results.put(("error", payload))


def _extract_parallel(paths: list[str], ctx: Context, jobs: int, bar, method: str,
                      packed: bool = False) -> list:
    """``jobs - 1`` worker processes take chunks of files from the front of the
    list while this process takes them from the back; each process picks its
    next chunk itself, so no core waits for work to be handed out.  Results
    are collected between the parent's own chunks."""
    import multiprocessing
    import pickle
    import queue as queue_mod

    mp = multiprocessing.get_context(method)
    # small chunks: at the end no process waits long for another one's last chunk
    size = max(1, min(4, len(paths) // (8 * jobs)))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    lock = mp.Lock()
    front, back = mp.RawValue("i", 0), mp.RawValue("i", len(chunks))
    results = mp.Queue()
    procs = [mp.Process(target=_worker_loop, daemon=True,
                        args=(chunks, lock, front, back, results, str(ctx.knowledge.folder),
                              packed))
             for _ in range(jobs - 1)]
    done: dict[int, list[Article]] = {}
    finished = 0

    def collect(block: bool) -> None:
        nonlocal finished
        while finished < len(procs):
            try:
                msg = results.get(timeout=1.0) if block else results.get_nowait()
            except queue_mod.Empty:
                if not block:
                    return
                dead = [p for p in procs if p.exitcode not in (None, 0)]
                if dead:
                    raise StageError(f"a worker process stopped (exit code {dead[0].exitcode})")
                continue
            if msg is None:
                finished += 1
            elif msg[0] == "error":
                raise pickle.loads(msg[1])
            else:
                done[msg[0]] = msg[1]
                if bar:
                    bar.update(len(msg[1]))

    for p in procs:
        p.start()
    try:
        while (i := _take(lock, front, back, True)) is not None:
            arts = [_extract_one(p, ctx) for p in chunks[i]]
            done[i] = [_pack(a) for a in arts] if packed else arts
            del arts
            if bar:
                bar.update(len(chunks[i]))
            collect(block=False)
        collect(block=True)
    except BaseException:
        with lock:                       # no process starts another chunk
            front.value = back.value
        for p in procs:
            p.terminate()
        raise
    finally:
        for p in procs:
            p.join()
    return [a for i in range(len(chunks)) for a in done[i]]


def _extract_local(files: list[Path], knowledge: Knowledge, jobs: int, bar,
                   packed: bool = False) -> list:
    """The per-article stages in this process, or in ``jobs`` processes;
    with ``packed`` each article comes as :func:`kg.cache.pack` gives it."""
    ctx = Context(knowledge)
    paths = [str(f) for f in files]
    if jobs > 1 and len(files) >= PARALLEL_MIN_ARTICLES:
        global _WORKER_CTX
        method = _start_method()
        if method == "fork":
            # forked workers inherit the compiled knowledge and warm caches
            _WORKER_CTX = ctx
            _warm(knowledge)
        try:
            return _extract_parallel(paths, ctx, jobs, bar, method, packed)
        finally:
            _WORKER_CTX = None
    out = []
    for p in paths:
        a = _extract_one(p, ctx)
        out.append(_pack(a) if packed else a)
        del a
        if bar:
            bar.update()
    return out


def _check_ids(arts: list[Article]) -> None:
    ids: dict[str, str] = {}
    for a in arts:
        if a.id in ids:
            raise InputError(f"two articles have the id {a.id!r} (also {ids[a.id]}); "
                             "rename one file", path=a.path)
        ids[a.id] = a.path


def extract(files: list[Path], knowledge: Knowledge, jobs: int | None = None,
            progress: bool | None = None, *, cache=None, scheduler: str | None = None
            ) -> list[Article]:
    """Run the per-article stages on every file, in parallel for large corpora.

    With ``jobs`` > 1 the parent process is one of the workers: ``jobs - 1``
    processes take chunks of files from the front of the list while the parent
    takes them from the back, so only the other processes' articles are
    pickled and no core idles.  With ``cache`` (a :class:`kg.cache.ArticleCache`)
    only the files it does not hold are extracted, and those are added to it;
    with ``scheduler`` (a Dask scheduler's address) they are extracted on
    that cluster.
    """
    jobs = jobs or os.cpu_count() or 1
    keys = [cache.key(f) for f in files] if cache is not None else [None] * len(files)
    got: list[Article | None] = [cache.get(k) for k in keys] if cache is not None \
        else [None] * len(files)
    todo = [i for i, a in enumerate(got) if a is None]
    show = progress if progress is not None else (sys.stderr.isatty() and len(todo) > 20)
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="article", file=sys.stderr)
    with gc_paused():
        if todo and scheduler:
            from .distributed import extract_distributed

            new = extract_distributed([files[i] for i in todo], knowledge, scheduler, bar)
        elif todo:
            new = _extract_local([files[i] for i in todo], knowledge, jobs, bar)
        else:
            new = []
    if bar:
        bar.close()
    for i, a in zip(todo, new):
        got[i] = a
        if cache is not None:
            cache.put(keys[i], a)
    if cache is not None:
        cache.prune({k for k in keys if k is not None})
    _check_ids(got)
    return got


def to_rdf(articles: list[Article], k: Knowledge) -> tuple[dict, TripleSink]:
    """Merge the articles' mentions into entities and make the triples."""
    from .graph.rdf import TripleSink, article_triples, entity_triples, fact_triples
    from .guard import guard_articles

    ents = merge_entities(articles, k)
    guard_articles(articles, ents)      # facts that break the shapes go here
    sink = TripleSink()
    by_id = {a.id: a for a in articles}
    for a in articles:
        article_triples(sink, a)
    entity_triples(sink, ents, by_id)
    unit_iris = k.unit_iris
    for a in articles:
        fact_triples(sink, a, ents, unit_iris)
    return ents, sink


class _Clock:
    """Wall time of each phase of a build, in seconds (``BuildResult.timings``)."""

    def __init__(self, into: dict):
        self.into = into

    @contextmanager
    def __call__(self, phase: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.into[phase] = self.into.get(phase, 0.0) + time.perf_counter() - t


def open_cache(cache, out_dir, knowledge: Knowledge):
    """The article cache a build uses: ``cache`` True -> ``OUT/.kg-cache``,
    a path -> that folder, False/None -> none."""
    if not cache:
        return None
    from .cache import ArticleCache

    folder = Path(out_dir) / ".kg-cache" if cache is True else Path(cache)
    c = ArticleCache(folder, knowledge.folder)
    c.warm(knowledge)
    return c


def build_graph(paths=None, *, knowledge: Knowledge | None = None, jobs: int | None = None,
                progress: bool | None = None, cache=None, scheduler: str | None = None,
                timings: dict | None = None) -> BuildResult:
    """Extract every article and turn the result into triples (no file written).

    ``cache`` is an :class:`kg.cache.ArticleCache` (or None); ``scheduler`` a
    Dask scheduler address for the extraction; ``timings`` a dict that gets
    the seconds of each phase (extract, merge+rdf, turtle)."""
    k = knowledge or load_knowledge()
    files = find_articles(paths)
    clock = _Clock(timings if timings is not None else {})
    # the triples make no reference cycles either (71 unreachable objects
    # after the 100x corpus): without the collector the build takes ~30% less
    with gc_paused():
        with clock("extract"):
            articles = extract(files, k, jobs, progress, cache=cache, scheduler=scheduler)
        with clock("rdf"):
            ents, sink = to_rdf(articles, k)
        with clock("turtle"):
            from .graph.rdf import to_turtle

            turtle = to_turtle(sink.triples)
    return BuildResult(articles, ents, sink.triples, turtle, timings=clock.into)


def _out_folder(out_dir) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("output path exists and is not a folder", path=str(out))
    return out


def write_page(store, out: Path) -> Path:
    """``graph.html`` from the build's store (only the part the page draws)."""
    from .viz import page_projection, write_projection

    with gc_paused():
        return write_projection(*page_projection(store), out)


def rdf_signature(entry, ents: dict, first_here: set, base: str) -> str:
    """What an article's triples read besides the article itself: the IRI
    base and, for each entity it mentions, the entity's IRI and class (the
    type guard and the membership predicate read the class) and whether this
    article holds its first mention (then the class's evidence is its).
    Equal signatures (with the cache key's article bytes, knowledge and code)
    give the same triples, warnings and counts."""
    import hashlib

    h = hashlib.sha256(base.encode("utf-8"))
    for key in sorted({m.key for m in entry.mentions}):
        e = ents[key]
        h.update(f"\0{key}\0{e.iri}\0{e.type}\0{int(key in first_here)}".encode("utf-8"))
    return h.hexdigest()


class _Corpus:
    """The build's articles as entries (mentions and counts) with their
    pickled articles, never all of them as objects at once."""

    def __init__(self, files, keys, entries, raws):
        self.files, self.keys, self.entries, self.raws = files, keys, entries, raws


#: a rebuild with fewer new articles than this, and at least as many cached
#: ones, extracts the new ones in a forked process while this one reads the
#: cache and loads what the rest of the build needs
ASIDE_MAX_ARTICLES = PARALLEL_MIN_ARTICLES


def _aside_main(fn, args, conn, stage: str) -> None:
    """The forked process of :func:`_fork_aside`."""
    import pickle

    try:
        with gc_paused():
            out = fn(*args)
        conn.send_bytes(pickle.dumps(("ok", out), protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException as exc:      # noqa: BLE001  (reported to the parent)
        try:
            payload = pickle.dumps(("err", exc))
        except Exception:             # noqa: BLE001
            payload = pickle.dumps(("err", StageError(f"{type(exc).__name__}: {exc}",
                                                      stage=stage)))
        conn.send_bytes(payload)
    finally:
        conn.close()


def _fork_aside(fn, args: tuple, stage: str, what: str):
    """Run ``fn(*args)`` in a forked process (it sees this one's memory as
    it is now); returns a function that waits for its result (and raises
    its error), with ``.ready()`` (done?) and ``.stop()`` (end it unread)."""
    import multiprocessing
    import pickle

    mp = multiprocessing.get_context("fork")
    recv, send = mp.Pipe(duplex=False)
    proc = mp.Process(target=_aside_main, args=(fn, args, send, stage), daemon=True)
    proc.start()
    send.close()

    def wait():
        try:
            kind, payload = pickle.loads(recv.recv_bytes())
        except EOFError:
            proc.join()
            raise StageError(f"the {what} process stopped (exit code {proc.exitcode})",
                             stage=stage) from None
        finally:
            recv.close()
        proc.join()
        if kind == "err":
            raise payload
        return payload

    def stop() -> None:
        if proc.is_alive():
            proc.terminate()
        proc.join()
        recv.close()

    wait.ready = recv.poll           # type: ignore[attr-defined]
    wait.stop = stop                 # type: ignore[attr-defined]
    return wait


def _extract_packed(paths: list[str]) -> list:
    return [_pack(_work(p)) for p in paths]


def _extract_aside(paths: list[str], k: Knowledge):
    """Start extracting ``paths`` in a forked process; returns a function
    that waits for their packed articles."""
    global _WORKER_CTX
    _WORKER_CTX = Context(k)
    try:
        return _fork_aside(_extract_packed, (paths,), "extract", "extraction")
    finally:
        _WORKER_CTX = None


def _warm_rest(ready, prefetch=None) -> None:
    """Load what the rest of a rebuild needs (the kept state: ``prefetch()``,
    else the page's libraries -- with a kept state the page is drawn in a
    process of its own, :meth:`_Kept.start_page`; the pinyin tables, which
    only new names need, if the new articles are not extracted yet), while
    the new articles are extracted."""
    if prefetch is None:
        try:
            import networkx  # noqa: F401
            import numpy  # noqa: F401   (kg.viz.pagerank)

            from .viz import _igraph

            _igraph()
        except ImportError:
            pass
    else:
        try:
            prefetch()
        except Exception:      # noqa: BLE001  (read again where needed, and reported there)
            pass
    try:
        if not ready():
            from pypinyin import lazy_pinyin

            lazy_pinyin("预热")
    except ImportError:
        pass


def _start_aside(files: list[Path], k: Knowledge, jobs, cache, scheduler):
    """The cache keys of ``files``, and the new articles' extraction started
    in a forked process (:func:`_extract_aside`) when a rebuild has a few of
    them beside many cached ones, else None: ``(keys, aside)``."""
    keys = [cache.key(f) for f in files] if cache is not None else [None] * len(files)
    aside = None
    jobs = jobs or os.cpu_count() or 1
    if cache is not None and not scheduler and jobs > 1 and _start_method() == "fork":
        missing = [i for i, key in enumerate(keys) if not cache.has(key)]
        if 0 < len(missing) < ASIDE_MAX_ARTICLES <= len(files) - len(missing):
            aside = (missing, _extract_aside([str(files[i]) for i in missing], k))
    return keys, aside


class _Early:
    """A rebuild's articles found, and their new ones' extraction started,
    as soon as the cache is open (:func:`build`): the rest of the set-up (the
    graph side's libraries, the kept state) runs beside that extraction."""

    def __init__(self, paths, k: Knowledge, jobs, cache, scheduler):
        self.files = find_articles(paths)
        self.keys, self.aside = _start_aside(self.files, k, jobs, cache, scheduler)


def _gather(files: list[Path], k: Knowledge, jobs, progress, cache, scheduler,
            prefetch=None, early: _Early | None = None) -> _Corpus:
    """Every file's entry: from the cache, else extracted (packed);
    ``prefetch`` is called while new articles are extracted aside
    (``early``: started already)."""
    from .cache import pack

    if early is not None:
        keys, aside = early.keys, early.aside
    else:
        keys, aside = _start_aside(files, k, jobs, cache, scheduler)
    jobs = jobs or os.cpu_count() or 1
    entries = [cache.get_entry(key) for key in keys] if cache is not None else [None] * len(files)
    raws: list = [None] * len(files)
    if aside is not None:
        _warm_rest(aside[1].ready, prefetch)
        for i, (entry, raw) in zip(aside[0], aside[1]()):
            entries[i], raws[i] = entry, raw
    todo = [i for i, e in enumerate(entries) if e is None]
    show = progress if progress is not None else (sys.stderr.isatty() and len(todo) > 20)
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="article", file=sys.stderr)
    if todo and scheduler:
        from .distributed import extract_distributed

        new = [pack(a) for a in extract_distributed([files[i] for i in todo], k, scheduler, bar)]
    elif todo:
        new = _extract_local([files[i] for i in todo], k, jobs, bar, packed=True)
    else:
        new = []
    if bar:
        bar.close()
    for i, (entry, raw) in zip(todo, new):
        entries[i], raws[i] = entry, raw
    del new
    if cache is not None:
        cache.prune({key for key in keys if key is not None})
    _check_ids(entries)
    return _Corpus(files, keys, entries, raws)


def _article_part(i: int, corpus: _Corpus, ents, first_of, sig, k: Knowledge, cache, ctx,
                  clock, page=None):
    """The RDF part of article ``i`` (rendered now), and store it in the cache;
    ``page`` (:class:`kg.viz.PageFacts`) is given its triples."""
    import pickle
    import warnings

    from .cache import RdfPart
    from .errors import KGWarning
    from .graph.rdf import TripleSink, article_triples, entity_evidence_triples, fact_triples
    from .graph.spool import private_prefixes, render_run, split_triples
    from .guard import guard_article

    raw = corpus.raws[i]
    if raw is None and cache is not None:
        raw = cache.article_bytes(corpus.keys[i])
    art = None
    if raw is not None:
        try:
            art = pickle.loads(raw)
        except Exception:      # noqa: BLE001  (a damaged cache entry)
            art = None
    if art is None or art.id != corpus.entries[i].id:
        art = _extract_one(str(corpus.files[i]), ctx)
        raw = pickle.dumps(art, protocol=pickle.HIGHEST_PROTOCOL)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        guard_article(art, ents)
    notes = []
    for w in caught:
        if issubclass(w.category, KGWarning):
            notes.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    sink = TripleSink()
    article_triples(sink, art)
    fact_triples(sink, art, ents, k.unit_iris)
    for e in first_of.get(art.id, ()):
        entity_evidence_triples(sink, e, art, e.mentions[0][1])
    if page is not None:
        page.add_terms(sink.triples)
    private, shared = split_triples(sink.triples, private_prefixes())
    with clock("turtle"):
        run = render_run(private)
    part = RdfPart(sig, (len(art.relations), len(art.flows), len(art.figures)), notes,
                   run, len(private), shared)
    entry = corpus.entries[i]
    entry.rdf = part
    if cache is not None:
        cache.put(corpus.keys[i], None, entry=entry, raw=raw)
    return part


def stream_graph(paths, folder: Path, fh, *, knowledge: Knowledge | None = None, jobs=None,
                 progress=None, cache=None, scheduler=None, timings: dict | None = None,
                 diff=None, feed=None, page=None, prefetch=None, splice=None, early=None,
                 gathered=None) -> dict:
    """The build's Turtle, written to the binary file ``fh`` with the bytes
    :func:`build_graph` gives (``to_turtle``), one article's triples at a time
    (:mod:`kg.graph.spool`; the spool file goes in ``folder``).  With
    ``cache`` an article whose triples cannot have changed
    (:func:`rdf_signature`) is neither read nor rendered again.  Returns the
    summary counts (``BuildResult.summary``) and the entities.  ``feed`` (a
    :class:`kg.graph.store.StoreFeeder`) is given every block as it is made;
    ``page`` (:class:`kg.viz.PageFacts`) every triple, and it is returned
    (``"page"``, sealed, with the ontology's facts) when every article's
    triples were made in this build, else None (a cached article's are
    Turtle only).  With ``diff`` the shared nodes' blocks are returned too
    (``"shared"``, for the kept state), and which article holds which
    blocks (``"parts"``).  ``prefetch``: see :func:`_gather`; ``splice`` (a
    :class:`kg.graph.incremental.Splice`, with a
    :class:`~kg.graph.incremental.SplicedDiff` as ``diff``): the articles it
    keeps are copied from the last build's file, not rendered or merged;
    ``gathered()`` is called once every article is at hand."""
    import warnings

    from .errors import KGWarning
    from .graph.rdf import TripleSink, entity_node_key, entity_node_triples
    from .graph.spool import TurtleSpool, run_records
    from .ontology import ID_NS

    k = knowledge or load_knowledge()
    files = early.files if early is not None else find_articles(paths)
    clock = _Clock(timings if timings is not None else {})
    ctx = Context(k)
    with gc_paused():
        with clock("extract"):
            corpus = _gather(files, k, jobs, progress, cache, scheduler, prefetch, early)
        if gathered is not None:
            gathered()
        with clock("merge"):
            entries = corpus.entries
            ents = merge_entities(entries, k)
            first_of: dict = {}
            for e in ents.values():
                first_of.setdefault(e.mentions[0][0], []).append(e)
        counts = {"articles": len(entries), "sentences": 0, "entities": len(ents),
                  "relations": 0, "flows": 0, "figures": 0,
                  "people": sum(1 for e in ents.values() if e.type == "Person")}
        private = 0
        parts: dict | None = {} if diff is not None else None
        # splicing: the shared nodes whose triples may have changed (those
        # the articles not kept say something of, then those whose entity
        # changed); only their blocks are made again
        dirty: set[str] = set()
        later: list = []                  # the kept articles' triples about shared nodes
        with TurtleSpool(folder, feed, keep_shared=diff is not None) as spool:
            with clock("rdf"):
                for i, entry in enumerate(entries):
                    here = {e.key for e in first_of.get(entry.id, ())}
                    sig = rdf_signature(entry, ents, here, ID_NS)
                    part = entry.rdf
                    fresh = part is None or part.sig != sig
                    if fresh:
                        part = _article_part(i, corpus, ents, first_of, sig, k, cache, ctx,
                                             clock, page)
                    else:
                        page = None              # its triples are not at hand
                    corpus.raws[i] = None           # the article is done with
                    for note in part.warnings:     # fresh or cached: said each build
                        warnings.warn_explicit(KGWarning(note), KGWarning, __file__, 0)
                    counts["sentences"] += entry.sentences
                    counts["relations"] += part.counts[0]
                    counts["flows"] += part.counts[1]
                    counts["figures"] += part.counts[2]
                    private += part.private
                    if splice is not None and not fresh \
                            and splice.keeps(entry.id, corpus.keys[i], sig):
                        parts[entry.id] = splice.parts[entry.id]   # its blocks: the old file's
                        later.append(part)
                    else:
                        spool.add_run(part.run)
                        if parts is not None:
                            about = sorted(part.subjects())
                            parts[entry.id] = (corpus.keys[i], sig,
                                               [key for key, _b in run_records(part.run)], about)
                            if splice is not None:
                                dirty.update(about)
                                was = splice.parts.get(entry.id)
                                if was is not None:
                                    dirty.update(was[3])
                        spool.add_shared(part.triples())
                    entry.rdf = None                # written: its bytes are in the spool
                    entry.mentions = None
                nodes = {e.iri: entity_node_key(e) for e in ents.values()} \
                    if parts is not None else None
                sink = TripleSink()
                if splice is not None:
                    for aid, was in splice.parts.items():
                        if aid not in parts:                  # an article removed
                            dirty.update(was[3])
                    dirty.update(iri for iri, key in nodes.items()
                                 if splice.entities.get(iri) != key)
                    dirty.update(iri for iri in splice.entities if iri not in nodes)
                    for kept in later:      # (only the triples of the blocks made again are read)
                        if not dirty.isdisjoint(kept.subjects()):
                            spool.add_shared(kept.triples(dirty))
                    for e in ents.values():
                        if e.iri in dirty:
                            entity_node_triples(sink, e)
                else:
                    for e in ents.values():
                        entity_node_triples(sink, e)
                del later
                spool.add_shared(sink.triples)
                if page is not None:
                    page.add_terms(sink.triples)
                    page.replace((), _ontology_triples_of(None))
                    page.seal()
                del sink
            clock.into["rdf"] -= clock.into.get("turtle", 0.0)    # rendering: its own phase
            with clock("write"):
                sizes = None
                if parts is not None:        # shared node -> how many triples it has
                    sizes = {} if splice is None else {
                        s: n for s, n in splice.sizes.items() if s not in dirty}
                    for s, preds in spool.shared.items():
                        sizes[str(s)] = sum(len(objs) for objs in preds.values())
                counts["triples"] = private + (
                    sum(sizes.values()) if sizes is not None else spool.shared_count())
                if splice is not None:
                    cuts = spool.write_spliced(fh, splice, parts, diff, dirty)
                else:
                    cuts = spool.write(fh, diff=diff)
            shared = spool.shared_blocks
            if splice is not None:            # the kept blocks, and those made now
                shared = [*((k, b) for k, b in splice.kept_shared().items()
                            if k.decode("utf-8") not in dirty), *shared]
    return {"counts": counts, "entities": ents, "cuts": cuts, "page": page, "shared": shared,
            "parts": (parts, nodes, sizes) if parts is not None else None}


def build(paths=None, out_dir: str | Path = "data", *, validate: bool = True,
          jobs: int | None = None, progress: bool | None = None, html: bool = True,
          knowledge: Knowledge | None = None, store_dir: str | Path | None = None,
          engine: str | None = None, cache=True, scheduler: str | None = None,
          full_validate: bool = False) -> BuildResult:
    """Build the graph of ``paths`` and write ``out_dir/triples.ttl`` (and
    ``graph.html``).

    The Turtle is written to the staging folder one article at a time
    (:func:`stream_graph`) and validated against ``ontology/shapes.ttl``
    (``engine``: see :mod:`kg.graph.validate`) before any output changes: a
    violation raises :class:`~kg.errors.ValidationError` and leaves the
    previous output (and store) untouched.  Then the file is loaded once
    into a pyoxigraph store (``store_dir`` keeps it on disk), which the page
    reads.  The outputs are replaced as a set, under a lock against a
    concurrent build into the same folder (:class:`kg.outputs.OutputSet`).
    ``cache`` (default ``OUT/.kg-cache``) makes rebuilds extract only new or
    changed articles and render only the articles whose triples changed; it
    also keeps the build's store (``CACHE/graph/``, unless ``store_dir``),
    so that a rebuild updates, validates and draws only the subjects whose
    Turtle changed (:mod:`kg.graph.incremental`; ``full_validate`` validates
    the whole graph all the same).  ``scheduler`` sends extraction to a Dask
    cluster.  The result has the
    entities, the store and the counts, not the articles or the Python
    triples (:func:`build_graph` keeps those); ``turtle`` reads the file.
    """
    from .outputs import OutputSet

    out = _out_folder(out_dir)
    k = knowledge or load_knowledge()
    with OutputSet(out) as outputs:      # the lock first: a second build stops at once
        timings: dict = {}
        clock = _Clock(timings)
        staged = outputs.path("triples.ttl")
        acache = open_cache(cache, out, k)
        # a rebuild's new articles are extracted from here on, beside the rest of the set-up
        early = _Early(paths, k, jobs, acache, scheduler) if acache is not None else None
        state = diff = meta = splice = None
        if acache is not None and store_dir is None:
            from .graph.incremental import BlockDiff, GraphState, Splice, SplicedDiff

            from .graph.spool import turtle_header

            # the prefixes too: a block's text means what they say
            state = GraphState(acache.folder / "graph", acache.salt + turtle_header())
            meta = state.meta()
            if meta is not None:
                splice = Splice.open(state, meta, out / "triples.ttl")
            if splice is not None:
                diff = SplicedDiff(state.folder / "index.new")
            else:
                diff = BlockDiff(state.index if meta else None, state.folder / "index.new")
        held = _Kept(state, meta, html, validate and engine in (None, "shacl")
                     and not full_validate) if meta is not None else None
        if splice is not None:
            splice.kept_shared = held.shared
        feed, kept = None, False
        try:
            feed, kept = _feeder(state, meta, store_dir, validate, outputs.staging)
            page = None
            if feed is not None and html:
                from .viz import PageFacts

                page = PageFacts()        # gathered as the triples are made
            try:
                with outputs.open("triples.ttl") as fh, _slug_memo(acache):
                    got = stream_graph(paths, outputs.staging, fh, knowledge=k, jobs=jobs,
                                       progress=progress, cache=acache, scheduler=scheduler,
                                       timings=timings, diff=diff, feed=feed, page=page,
                                       prefetch=held.warm if held is not None else None,
                                       splice=splice, early=early,
                                       gathered=None if held is None or not html
                                       else lambda: held.start_page(outputs.path("graph.html")))
            finally:
                if splice is not None:
                    splice.close()
            del page
            if diff is not None:
                diff.close()
            res = BuildResult([], got["entities"], None, None, timings=timings,
                              triple_count=got["counts"]["triples"], counts=got["counts"])
            if feed is not None:
                with clock("store"):           # what the loader had left: its last batch
                    res.store = feed.finish()
                    trim_heap()
                feed = None
                _finish_fed(res, staged, outputs, clock, validate, engine, html,
                            state if kept else None, got["page"], got["shared"],
                            (staged, got["parts"]))
            elif state is None:
                _finish_clean(res, staged, got, outputs, clock, validate, engine, store_dir, html)
            else:
                _finish_kept(res, staged, got, outputs, clock, validate, engine, html, state,
                             meta, diff, full_validate, held)
                try:
                    os.unlink(state.folder / "index.new")    # not committed: not kept
                except OSError:
                    pass
        except BaseException:
            if held is not None:
                held.stop_page()
            if feed is not None:
                feed.abandon()
            if kept:            # a store this build began to fill: nothing of it is worth keeping
                shutil.rmtree(state.folder, ignore_errors=True)
            if diff is not None:
                diff.close(keep=False)
                for f in (state.folder / "index.new", state.folder, acache.folder):
                    try:              # nothing left of a build that failed in a new folder
                        f.unlink() if f.name == "index.new" else f.rmdir()
                    except OSError:
                        pass
            raise
        res.out = out / "triples.ttl"
    return res


@contextmanager
def _slug_memo(acache):
    """With an article cache, the entity IRIs' pinyin slugs the last build
    computed (``CACHE/slugs.marshal``, under pypinyin's version) serve this
    one (:data:`kg.ids.SLUG_MEMO`): a rebuild whose entities are all known
    never loads pypinyin's dictionaries."""
    if acache is None:
        yield
        return
    import marshal
    from importlib.metadata import version

    from . import ids
    from .textio import atomic_write

    f = acache.folder / "slugs.marshal"
    try:
        tag = version("pypinyin")
    except Exception:          # noqa: BLE001
        tag = "?"
    memo: dict = {}
    try:
        got_tag, got = marshal.loads(f.read_bytes())
        if got_tag == tag and isinstance(got, dict):
            memo = got
    except Exception:          # noqa: BLE001  (none yet, damaged, another Python)
        pass
    known = len(memo)
    ids.SLUG_MEMO = memo
    try:
        yield
    finally:
        ids.SLUG_MEMO = None
    if len(memo) != known:
        try:
            atomic_write(f, marshal.dumps((tag, memo)))
        except Exception:      # noqa: BLE001  (a cache that cannot be written: no memo)
            pass


def _validate_file(staged, engine, outputs, clock) -> None:
    from .graph.validate import check_file

    with clock("validate"):
        check_file(staged, engine=engine, folder=outputs.staging)


#: the largest graph whose SHACL check runs beside the page (threads); a
#: larger one is checked after the page, its facts let go (see _finish_fed),
#: so that the two peaks do not add up.  Session 7 measured 649 MB together at
#: 300x (1.37M triples then); session 13, at 300x (1.15M triples): 565 MiB
#: beside the page, 30.5 s, against 552 MiB and 32.4 s after it
BESIDE_PAGE_MAX_TRIPLES = 2_000_000


def _feeder(state, meta, store_dir, validate, folder):
    """A :class:`~kg.graph.store.StoreFeeder` when the build fills a whole
    store anyway (a clean build; the first build into a cache), so that the
    store is filled while the Turtle is rendered (its batch files in
    ``folder``); else None.

    Not into ``--store DIR`` while the graph is still to be validated: a
    graph that does not conform leaves that store as it was.  The kept store
    of the cache is marked dirty first (a failed build leaves it to be
    filled again).  Returns (feeder or None, whether it fills the kept
    store)."""
    from .graph.spool import turtle_header
    from .graph.store import StoreFeeder, _open_build_store, temporary_feeder

    head = turtle_header().encode("utf-8")
    if state is None:
        if store_dir is None:
            return temporary_feeder(head, folder), False
        if not validate:
            return StoreFeeder(_open_build_store(store_dir), head, flush=True, folder=folder), False
        return None, False
    if meta is not None:              # a rebuild: the kept store is updated, not refilled
        return None, False
    store = state.open_store()
    if store is None:                 # held elsewhere: a temporary one, the kept one untouched
        return temporary_feeder(head, folder), False
    state.mark_dirty()
    store.clear()
    return StoreFeeder(store, head, flush=True, folder=folder), True


def _finish_fed(res, staged, outputs, clock, validate, engine, html, state, facts=None,
                shared=None, file=None) -> None:
    """After a build that filled its store as it went: the check, the page
    and the kept state (``state``: None when the store is not the kept one).

    On graphs up to :data:`BESIDE_PAGE_MAX_TRIPLES` the check runs in a
    thread of its own (the SHACL engine runs without the GIL) beside the
    page; on larger ones after it, once the page's facts are let go (as
    file, when the kept state needs them): the engine's memory and the
    page's together would raise the peak.  ``facts``: the page's facts
    gathered while rendering (else they are read from the store).  The
    outputs are staged, so a graph that does not conform still changes none
    of them, and its error wins over any the page met on it."""
    import threading

    failed: list = []

    def check() -> None:
        try:
            _validate_file(staged, engine, outputs, clock)
        except BaseException as exc:   # noqa: BLE001  (raised below, before the page's)
            failed.append(exc)

    after = validate and res.triple_count > BESIDE_PAGE_MAX_TRIPLES
    worker = None
    if validate and not after:
        worker = threading.Thread(target=check, name="kg-validate", daemon=True)
        worker.start()
    try:
        if html:
            with clock("page"):
                from .viz import PageFacts, project_facts, write_projection

                if facts is None:
                    facts = PageFacts.from_store(res.store)
                with gc_paused():
                    write_projection(*project_facts(facts), outputs.path("graph.html"))
    except BaseException:
        if worker is not None:
            worker.join()
        elif after:
            check()
        if failed:          # the page of a graph that does not conform may fail too
            raise failed[0] from None
        raise
    written = False
    if after:
        if state is not None and facts is not None:
            from .textio import atomic_write

            # now, not held through the check (a failed first build drops the state)
            atomic_write(state.page, facts.dumps())
            written = True
        facts = None
        trim_heap()
        check()
    if worker is not None:
        worker.join()
    if failed:
        raise failed[0]
    if state is not None:
        from .graph import incremental as inc

        with clock("state"):
            _save_state(state, facts, inc.types_of_store(res.store), validate,
                        page_written=written, shared=shared, file=file)


def _finish_clean(res, staged, got, outputs, clock, validate, engine, store_dir, html) -> None:
    """Validate, fill the store (``store_dir``, else a temporary one) from
    the whole file, draw the page from it."""
    from .graph.store import build_store_file

    if validate:     # first: a graph that does not conform changes no output, --store included
        _validate_file(staged, engine, outputs, clock)
    with clock("store"):
        # on disk (a temporary folder without --store): the graph is
        # not held in this process
        res.store = build_store_file(staged, store_dir, cuts=got["cuts"], on_disk=True)
    if html:
        with clock("page"):
            write_page(res.store, outputs.path("graph.html"))


class _Kept:
    """What a rebuild reads of the kept state (:class:`~kg.graph.incremental.GraphState`
    whose ``meta`` it builds on), each part read once: while new articles
    are extracted aside (:meth:`warm`), else when first needed."""

    def __init__(self, state, meta: dict, html: bool, checks: bool):
        self.state, self.meta, self.html, self.checks = state, meta, html, checks
        self._got: dict = {}
        self.page = self.page_file = self._send = None

    def _once(self, name: str, load):
        if name not in self._got:
            self._got[name] = load()
        return self._got[name]

    def facts(self):
        """The page's facts (:class:`kg.viz.PageFacts`), or None."""
        def load():
            from .viz import PageFacts

            if not self.meta.get("page"):
                return None
            try:
                return PageFacts.loads(self.state.page.read_bytes())
            except OSError:
                return None
        return self._once("facts", load)

    def types(self):
        return self._once("types", self.state.load_types)

    def shared(self) -> dict:
        return self._once("shared", self.state.load_shared)

    def shapes_local(self) -> bool:
        """Whether the shapes let a rebuild validate only the changes
        (:func:`kg.graph.incremental.shape_plan`, kept beside the state)."""
        def load():
            from .graph import incremental as inc
            from .ontology import ontology_dir

            return inc.shape_plan(str(ontology_dir() / "shapes.ttl"), str(ontology_dir() / "kg.ttl"),
                                  str(self.state.folder))[0]
        return self._once("local", load)

    def start_page(self, html_path) -> None:
        """Fork the process that draws the page (:func:`_page_served`): it
        loads the page's libraries and the kept facts now, while this one
        merges and writes, and draws once it is sent the changed blocks
        (:meth:`send_page`)."""
        import multiprocessing

        if not self.html or not self.meta.get("page") or self.page is not None:
            return
        r, w = multiprocessing.get_context("fork").Pipe(duplex=False)
        self.page_file = self.state.folder / "page.new"
        self.page = _fork_aside(_page_served, (self.state.page, r, w, html_path,
                                               self.page_file), "page", "page")
        r.close()
        self._send = w

    def send_page(self, head: bytes, blocks: list, gone: set) -> None:
        import marshal

        self._send.send_bytes(marshal.dumps((head, blocks, sorted(gone))))
        self._send.close()

    def stop_page(self) -> None:
        """End the page's process unread (a build that failed, or that is
        not built on the kept state after all)."""
        if self.page is not None:
            self._send.close()
            self.page.stop()
            self.page = None
            try:
                os.unlink(self.page_file)
            except OSError:
                pass

    def warm(self) -> None:
        self.types()
        self.shared()
        if self.checks and self.meta.get("validated"):
            self.shapes_local()


def _page_served(facts_file, recv, send, html_path, facts_path) -> bool:
    """The page's process of a rebuild (:meth:`_Kept.start_page`): the kept
    facts, with the changed subjects' replaced once they are sent; writes
    ``graph.html`` and the facts (kept for the next build).  False: not
    drawn (no kept facts, or nothing sent)."""
    import marshal

    from .graph import incremental as inc
    from .textio import atomic_write
    from .viz import PageFacts, _igraph, project_facts, write_projection

    send.close()
    try:
        import numpy  # noqa: F401   (kg.viz.pagerank)
        _igraph()
    except ImportError:
        pass
    try:
        facts = PageFacts.loads(Path(facts_file).read_bytes())
    except OSError:
        facts = None
    try:
        head, blocks, gone = marshal.loads(recv.recv_bytes())
    except EOFError:
        return False
    if facts is None:
        return False
    new = inc.parse_blocks(head, blocks)
    subjects = set(new) | set(gone)
    facts.replace(subjects, [t for ts in new.values() for t in ts])
    facts.replace((), _ontology_triples_of(subjects))
    write_projection(*project_facts(facts), html_path)
    atomic_write(facts_path, facts.dumps())
    return True


def _finish_kept(res, staged, got, outputs, clock, validate, engine, html, state, meta, diff,
                 full_validate, held=None) -> None:
    """:func:`_finish_clean` with the store kept in the cache: updated by the
    blocks that changed when the previous build's state can be built on,
    else filled from the whole file.  Built on, the page is drawn in a
    forked process (from the kept facts) while this one validates and
    updates the store."""
    from .graph import incremental as inc
    from .graph.spool import turtle_header
    from .graph.validate import _raise_unless, check_file

    store = page = None
    if meta is not None and not diff.overflow:
        held = held or _Kept(state, meta, html, True)
        head = turtle_header().encode("utf-8")
        gone = {k.decode("utf-8") for k in diff.removed}
        page_file, facts = held.page_file, None
        if html and held.page is not None:
            with clock("page"):
                held.send_page(head, [b for _k, b in diff.changed], gone)
            page = held.page
        with clock("store"):        # (the page is drawn meanwhile)
            new = inc.parse_blocks(head, [b for _k, b in diff.changed])
            types = held.types()
            onto = _ontology_triples_of(set(new) | gone)
            old = inc.old_triples_known(head, diff, held.shared())
        store = state.open_store()
    if held is not None and (store is None or page is None):
        held.stop_page()
        page = None
    if store is None:                       # the whole file: as a clean build
        if validate:
            _validate_file(staged, engine, outputs, clock)
        from .graph.store import build_store_file

        with clock("store"):
            store = state.open_store()
            if store is None:
                # held by another process, or by an earlier build's result in
                # this one: a temporary store; the kept one and its state stay
                # as they are (still each other's)
                res.store = build_store_file(staged, None, cuts=got["cuts"], on_disk=True)
            else:
                state.mark_dirty()
                res.store = build_store_file(staged, cuts=got["cuts"], into=store)
        if store is None:
            if html:
                with clock("page"):
                    write_page(res.store, outputs.path("graph.html"))
            return
        facts = None
        if html:
            with clock("page"):
                from .viz import PageFacts, project_facts, write_projection

                facts = PageFacts.from_store(res.store)
                with gc_paused():
                    write_projection(*project_facts(facts), outputs.path("graph.html"))
        with clock("state"):
            _save_state(state, facts, inc.types_of_store(res.store), validate,
                        shared=got["shared"], file=(staged, got["parts"]))
        return
    try:
        if validate:
            with clock("validate"):
                rep = None
                if (engine in (None, "shacl") and not full_validate and meta.get("validated")
                        and types is not None and held.shapes_local()):
                    rep = inc.validate_changes(store, new, gone, types, old, head=head, texts={
                        k.decode("utf-8"): b for k, b in diff.changed}, memo=str(state.folder))
                if rep is None:
                    check_file(staged, engine=engine, folder=outputs.staging)
                else:
                    _raise_unless(rep)
        with clock("store"):
            state.mark_dirty()
            inc.apply_to_store(store, new, gone, old)
            res.store = store
            if types is None:
                types = inc.types_of_store(store)
            else:
                inc.update_types(types, new, gone, onto)
        if page is not None:
            with clock("page"):
                if not page():               # no kept facts: not drawn there
                    page = None
        if html and page is None:
            with clock("page"):
                from .viz import PageFacts, project_facts, write_projection

                facts = PageFacts.from_store(store)
                with gc_paused():
                    write_projection(*project_facts(facts), outputs.path("graph.html"))
    except BaseException:
        held.stop_page()
        raise
    with clock("state"):
        _save_state(state, facts, types, validate, shared=got["shared"],
                    page_file=page_file if page is not None else None,
                    file=(staged, got["parts"]))


def _ontology_triples_of(subjects: set | None) -> list:
    """The ontology's triples about ``subjects`` (a data block that shares a
    subject with the ontology: the page's facts keep both); None: all."""
    import pyoxigraph as ox

    from .ontology import ontology_dir

    return [q for q in ox.parse(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE)
            if subjects is None or q.subject.value in subjects]


def _save_state(state, facts, types, validated: bool, page_written: bool = False,
                shared=None, page_file=None, file=None) -> None:
    """Write the kept state; ``page_written``: the page's facts are in
    ``state.page`` already (``facts`` is then None); ``page_file``: they are
    in that file (moved there); ``shared``: the shared nodes' blocks;
    ``file``: (the staged ``triples.ttl``, which article holds which of its
    blocks), for the next build to copy from."""
    import marshal

    from .textio import atomic_write

    if page_file is not None:
        os.replace(page_file, state.page)
        page_written = True
    elif facts is not None:
        atomic_write(state.page, facts.dumps())
    elif not page_written:
        try:
            os.unlink(state.page)
        except OSError:
            pass
    atomic_write(state.types, marshal.dumps(types))
    state.save_shared(shared)
    turtle, parts = file if file is not None else (None, None)
    state.commit(state.folder / "index.new", validated, page_written or facts is not None,
                 turtle, parts)
