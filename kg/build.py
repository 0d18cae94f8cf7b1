"""The build: article files in, ``triples.ttl`` out."""
from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .article import ARTICLE_SUFFIXES, Article, load_article
from .corpus import merge_entities
from .errors import InputError, StageError
from .guard import guard_articles
from .knowledge import Knowledge, load_knowledge
from .pipeline import ARTICLE_STAGES, Context, run_article
from .rdf import TripleSink, article_triples, entity_triples, fact_triples, to_turtle

DEFAULT_ARTICLES = Path("data/articles")
PARALLEL_MIN_ARTICLES = 16


@dataclass
class BuildResult:
    """What a build produced."""

    articles: list[Article]
    entities: dict
    triples: set
    turtle: str
    out: Path | None = None

    def summary(self) -> dict[str, int]:
        return {
            "articles": len(self.articles),
            "sentences": sum(len(a.sentences) for a in self.articles),
            "entities": len(self.entities),
            "relations": sum(len(a.relations) for a in self.articles),
            "flows": sum(len(a.flows) for a in self.articles),
            "figures": sum(len(a.figures) for a in self.articles),
            "people": sum(1 for e in self.entities.values() if e.type == "Person"),
            "triples": len(self.triples),
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


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector for the ``with`` block.

    Extraction makes next to no reference cycles (27 unreachable objects after
    the 300 articles of the 100x benchmark corpus), while each collection
    walks every article kept so far: unpickling the workers' articles took 2.5x
    as long with the collector on.  Reference counting still frees everything
    else at once; the collector resumes (if it was on) when the block ends.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _extract_one(path: str, ctx: Context) -> Article:
    return run_article(load_article(path), ctx, ARTICLE_STAGES)


def _work(path: str) -> Article:
    """One file in a worker process (its context set by fork or _init_worker)."""
    return _extract_one(path, _WORKER_CTX)


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


def _worker_loop(chunks, lock, front, back, results, folder: str) -> None:
    """A worker process: take chunks from the front until none is left."""
    import pickle

    if _WORKER_CTX is None:           # spawned, not forked
        _init_worker(folder)
    try:
        with gc_paused():
            while (i := _take(lock, front, back, False)) is not None:
                results.put((i, [_work(p) for p in chunks[i]]))
        results.put(None)
    except BaseException as exc:      # noqa: BLE001  (reported to the parent)
        try:
            payload = pickle.dumps(exc)
        except Exception:             # noqa: BLE001
            payload = pickle.dumps(StageError(f"{type(exc).__name__}: {exc}"))
        results.put(("error", payload))


def _extract_parallel(paths: list[str], ctx: Context, jobs: int, bar, method: str) -> list[Article]:
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
                        args=(chunks, lock, front, back, results, str(ctx.knowledge.folder)))
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
            done[i] = [_extract_one(p, ctx) for p in chunks[i]]
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


def extract(files: list[Path], knowledge: Knowledge, jobs: int | None = None,
            progress: bool | None = None) -> list[Article]:
    """Run the per-article stages on every file, in parallel for large corpora.

    With ``jobs`` > 1 the parent process is one of the workers: ``jobs - 1``
    processes take chunks of files from the front of the list while the parent
    takes them from the back, so only the other processes' articles are
    pickled and no core idles.
    """
    jobs = jobs or os.cpu_count() or 1
    show = progress if progress is not None else (sys.stderr.isatty() and len(files) > 20)
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="article", file=sys.stderr)
    ctx = Context(knowledge)
    paths = [str(f) for f in files]
    with gc_paused():
        if jobs > 1 and len(files) >= PARALLEL_MIN_ARTICLES:
            global _WORKER_CTX
            method = _start_method()
            if method == "fork":
                # forked workers inherit the compiled knowledge and warm caches
                _WORKER_CTX = ctx
                _warm(knowledge)
            try:
                out = _extract_parallel(paths, ctx, jobs, bar, method)
            finally:
                _WORKER_CTX = None
        else:
            out = []
            for p in paths:
                out.append(_extract_one(p, ctx))
                if bar:
                    bar.update()
    if bar:
        bar.close()
    ids: dict[str, str] = {}
    for a in out:
        if a.id in ids:
            raise InputError(f"two articles have the id {a.id!r} (also {ids[a.id]}); "
                             "rename one file", path=a.path)
        ids[a.id] = a.path
    return out


def build_graph(paths=None, *, knowledge: Knowledge | None = None, jobs: int | None = None,
                progress: bool | None = None) -> BuildResult:
    """Extract every article and turn the result into triples (no file written)."""
    k = knowledge or load_knowledge()
    files = find_articles(paths)
    # the triples make no reference cycles either (71 unreachable objects
    # after the 100x corpus): without the collector the build takes ~30% less
    with gc_paused():
        articles = extract(files, k, jobs, progress)
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
        turtle = to_turtle(sink.triples)
    return BuildResult(articles, ents, sink.triples, turtle)


def build(paths=None, out_dir: str | Path = "data", *, validate: bool = True,
          jobs: int | None = None, progress: bool | None = None, html: bool = True,
          knowledge: Knowledge | None = None) -> BuildResult:
    """Build the graph of ``paths`` and write ``out_dir/triples.ttl`` (and
    ``graph.html``).

    The graph is validated against ``ontology/shapes.ttl`` before anything is
    written; a violation raises :class:`~kg.errors.ValidationError` and leaves
    the previous output untouched.  The outputs are replaced as a set, under
    a lock against a concurrent build into the same folder
    (:class:`kg.outputs.OutputSet`).
    """
    from .outputs import OutputSet

    out = Path(out_dir)
    with OutputSet(out) as outputs:      # the lock first: a second build stops at once
        res = build_graph(paths, knowledge=knowledge, jobs=jobs, progress=progress)
        if validate:
            from .validate import check_triples

            check_triples(res.triples)
        res.out = outputs.write("triples.ttl", res.turtle)
        if html:
            from rdflib import Graph

            from .viz import write_html

            g = Graph()
            for t in res.triples:
                g.add(t)
            write_html(g, outputs.path("graph.html"))
    return res
