"""Extraction on a Dask distributed cluster (``kg build --scheduler ADDRESS``).

Dask rather than Ray: the work is a plain map of one pure function over
files, which ``Client.map`` does with no actors, no object store to size and
no extra daemon; a Dask cluster is a scheduler and workers started with two
commands (``dask scheduler``, ``dask worker ADDRESS``), which also run under
SLURM, Kubernetes or SSH through dask-jobqueue, dask-kubernetes or
``dask ssh``; and ``distributed`` is pure Python on PyPI.

The workers need kg installed (the same version), nothing else: no shared
file system.  Each task carries the article's bytes (and its sidecar), and the
knowledge files travel once, scattered to every worker, so the workers never
read this machine's ``ontology/``.  Articles come back pickled; merging,
triples, Turtle, validation and the page happen where ``kg`` runs, so the
output is the same bytes as a local build.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .errors import InputError, KGError, StageError

#: tasks submitted per batch (bounds what is in flight on the scheduler)
BATCH = 256
CONNECT_TIMEOUT = 30          # seconds; $KG_DASK_TIMEOUT overrides

_KNOWLEDGE: dict[str, object] = {}      # per worker process: digest -> Knowledge


def _knowledge_on_worker(files: dict[str, bytes], digest: str):
    """The knowledge of ``files`` in this worker (written to a temp folder and
    loaded once per worker process and digest)."""
    k = _KNOWLEDGE.get(digest)
    if k is None:
        from .knowledge import load_knowledge

        folder = Path(tempfile.mkdtemp(prefix="kg-knowledge-"))
        try:
            for name, data in files.items():
                (folder / name).write_bytes(data)
            k = _KNOWLEDGE[digest] = load_knowledge(folder)
        finally:        # read whole at load: the copy is not needed after (none left behind)
            shutil.rmtree(folder, ignore_errors=True)
    return k


def extract_remote(task: tuple, files: dict[str, bytes], digest: str):
    """One article on a worker: ``task`` is (path, bytes, sidecar bytes or None)."""
    from .article import load_article
    from .pipeline import ARTICLE_STAGES, Context, run_article

    path, data, side = task
    k = _knowledge_on_worker(files, digest)
    name = Path(path).name
    with tempfile.TemporaryDirectory(prefix="kg-article-") as d:
        local = Path(d) / name
        local.write_bytes(data)
        if side is not None:
            (local.with_name(name.rsplit(".", 1)[0] + ".rawmap.json")).write_bytes(side)
        try:
            art = load_article(local)
            art.path = path
            return run_article(art, Context(k), ARTICLE_STAGES)
        except KGError as exc:
            if exc.path == str(local) or not exc.path:
                exc.path = path
            raise


def _task(path: Path) -> tuple:
    from .cache import sidecar

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    side = sidecar(path)
    return (str(path), data, side.read_bytes() if side.exists() else None)


def extract_distributed(files: list[Path], knowledge, address: str, progress=None) -> list:
    """Extract ``files`` on the Dask cluster whose scheduler is at ``address``;
    the articles come back in the order of ``files``."""
    import hashlib

    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs the distributed package "
                         "(pip install 'kg[cluster]')") from None
    folder = Path(knowledge.folder)
    kfiles = {f.name: f.read_bytes() for f in sorted(folder.iterdir()) if f.is_file()}
    digest = hashlib.sha256(b"".join(n.encode() + b"\0" + d for n, d in kfiles.items())).hexdigest()
    import os

    timeout = float(os.environ.get("KG_DASK_TIMEOUT") or CONNECT_TIMEOUT)
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        why = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise InputError(f"cannot reach the Dask scheduler: {why}", path=address) from None
    out: list = []
    try:
        kf = client.scatter([kfiles], broadcast=True, hash=False)[0]
        for i in range(0, len(files), BATCH):
            tasks = [_task(f) for f in files[i:i + BATCH]]
            futs = client.map(extract_remote, tasks, files=kf, digest=digest, pure=False)
            try:
                got = client.gather(futs)
            except KGError:
                raise
            except Exception as exc:  # noqa: BLE001  (a worker died, a lost connection)
                raise StageError(f"the cluster failed: {type(exc).__name__}: {exc}") from exc
            out.extend(got)
            if progress:
                progress.update(len(got))
    finally:
        client.close()
    return out
