"""A build's outputs replaced as a set, under a lock.

``kg build`` writes ``triples.ttl`` and ``graph.html``; a reader must never
find one from one build and the other from another (after SIGINT or SIGKILL
late in a build, or with two builds into one ``--out``).  POSIX has no rename
of two files at once, so :class:`OutputSet`:

1. takes ``OUT/.kg-build.lock`` (``flock``, released by the kernel when the
   process dies, so a killed build leaves no stale lock); a second build into
   the same folder stops at once with one line naming the holder;
2. writes every output into the staging folder ``OUT/.kg-staging/`` (inside
   ``OUT`` rather than beside it: the same file system as the files it
   replaces, so each rename is atomic even when ``OUT`` is a mount point);
3. commits: writes the list of files to ``OUT/.kg-staging/COMMIT`` (one
   atomic rename: from here on the set *is* the new outputs), then renames
   each file into ``OUT`` with SIGINT/SIGTERM held back, then removes the
   staging folder;
4. on the next build into ``OUT`` (under the lock), a staging folder left by
   a killed build is finished (it has ``COMMIT``: the renames are redone) or
   thrown away (it has not: the old outputs were never touched).

So after any kill the folder holds either the old set, or the new set, or --
only if the kill fell between two renames, a window of microseconds -- a
committed staging folder that :func:`recover` (run by every build into that
folder) completes.
"""
from __future__ import annotations

import errno
import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError

LOCK_NAME = ".kg-build.lock"
STAGING_NAME = ".kg-staging"
COMMIT_NAME = "COMMIT"


def _oserror(exc: OSError, path) -> InputError:
    why = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        why = "no space left on the device (the previous output is kept)"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = f"cannot write here: {exc.strerror}"
    return InputError(why, path=str(exc.filename or path))


def prepare_out_dir(out: Path) -> bool:
    """Make ``out`` (a folder) if it is missing; True when it was made.

    One-line errors for a path that is a file, below a file, read-only or
    otherwise not writable."""
    if str(out) == "":
        raise InputError("the output folder is an empty string", path="''")
    if out.exists() and not out.is_dir():
        raise InputError("output path exists and is not a folder", path=str(out))
    made = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError("output path (or a folder above it) is a file, not a folder",
                         path=str(out)) from None
    except NotADirectoryError:
        raise InputError("a folder above the output path is a file", path=str(out)) from None
    except OSError as exc:
        raise _oserror(exc, out) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise InputError("output folder is not writable", path=str(out))
    return made


class OutputSet:
    """``with OutputSet(out) as o: o.write(name, data) ...`` -- nothing is
    visible in ``out`` until the block ends without an exception."""

    def __init__(self, out: str | Path):
        self.out = Path(out)
        self.names: list[str] = []
        self._lock_fd: int | None = None
        self._made = False

    # ----------------------------------------------------------- locking
    def __enter__(self) -> "OutputSet":
        import fcntl

        self._made = prepare_out_dir(self.out)
        lock = self.out / LOCK_NAME
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _oserror(exc, lock) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            try:
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            finally:
                os.close(fd)
            raise InputError("another kg build is writing to this folder"
                             + (f" (pid {holder})" if holder else "")
                             + "; wait for it or choose another --out", path=str(self.out)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._lock_fd = fd
        try:
            recover(self.out)
            self.staging = self.out / STAGING_NAME
            self.staging.mkdir()
        except OSError as exc:
            self._release()
            raise _oserror(exc, self.out / STAGING_NAME) from None
        return self

    def _release(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)      # the flock goes with it; the file stays
            self._lock_fd = None

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                try:
                    self._commit()
                except BaseException as e:
                    if not (self.staging / COMMIT_NAME).exists():   # old outputs untouched
                        shutil.rmtree(self.staging, ignore_errors=True)
                    if isinstance(e, OSError):
                        raise _oserror(e, self.out) from None
                    raise
            else:
                shutil.rmtree(self.staging, ignore_errors=True)
                if self._made:               # a folder this failed build made
                    try:
                        (self.out / LOCK_NAME).unlink()
                        self.out.rmdir()
                    except OSError:
                        pass
        finally:
            self._release()

    # ----------------------------------------------------------- writing
    def path(self, name: str) -> Path:
        """Where to write the output ``name`` (inside the staging folder)."""
        if "/" in name or name.startswith("."):
            raise ValueError(f"not a plain output name: {name!r}")
        if name not in self.names:
            self.names.append(name)
        return self.staging / name

    def write(self, name: str, data: str | bytes) -> Path:
        p = self.path(name)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            with open(p, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _oserror(exc, self.out / name) from None
        return self.out / name

    @contextmanager
    def open(self, name: str):
        """A binary file to write the output ``name`` to a piece at a time
        (flushed to disk when the block ends)."""
        p = self.path(name)
        try:
            with open(p, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _oserror(exc, self.out / name) from None

    def _commit(self) -> None:
        for name in self.names:
            if (self.out / name).is_dir():
                raise InputError("is a folder, cannot replace it with the output file",
                                 path=str(self.out / name))
        umask = os.umask(0)
        os.umask(umask)
        for name in self.names:
            os.chmod(self.staging / name, 0o666 & ~umask)
        marker = self.staging / (COMMIT_NAME + ".tmp")
        marker.write_text("".join(f"{n}\n" for n in self.names), encoding="utf-8")
        _fsync_dir(self.staging)
        os.replace(marker, self.staging / COMMIT_NAME)     # the point of no return
        _fsync_dir(self.staging)
        blocked = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
        old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            _finish(self.out, self.staging)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _finish(out: Path, staging: Path) -> None:
    names = (staging / COMMIT_NAME).read_text(encoding="utf-8").split()
    for name in names:
        src = staging / name
        if src.exists():
            os.replace(src, out / name)
    _fsync_dir(out)
    shutil.rmtree(staging, ignore_errors=True)


def recover(out: str | Path) -> str:
    """Finish or discard a staging folder a killed build left in ``out``.

    Returns ``"finished"``, ``"discarded"`` or ``""`` (nothing was left).
    Call it holding the lock (:class:`OutputSet` does)."""
    staging = Path(out) / STAGING_NAME
    if not staging.exists():
        return ""
    if (staging / COMMIT_NAME).exists():
        _finish(Path(out), staging)
        return "finished"
    shutil.rmtree(staging, ignore_errors=True)
    return "discarded"
