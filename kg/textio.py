"""Reading article files in whatever encoding a user has, and atomic writes."""
from __future__ import annotations

import codecs
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# private use, surrogates, noncharacters: signs of a wrong decoding
_ODD = re.compile("[\ue000-\uf8ff\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _plausible(text: str, utf8: bool = False) -> bool:
    """True when ``text`` looks like human-written text, not decoded noise.

    Valid UTF-8 is rarely noise: there private-use characters (a font's
    extra glyphs, U+E000-U+F8FF) are text; only control bytes count."""
    if not text.strip():
        return False
    if _CONTROL.search(text) is None and (utf8 or _ODD.search(text) is None):
        return True
    if utf8:
        return len(_CONTROL.findall(text)) <= max(2, len(text) // 200)
    bad = len(_CONTROL.findall(text))
    if bad > max(2, len(text) // 200):
        return False
    uniq = set(text)
    odd = sum(1 for ch in uniq if unicodedata.category(ch) in ("Cs", "Co", "Cn"))
    return odd <= max(2, len(uniq) // 50)


def _guess_utf16(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' for BOM-less UTF-16 with ASCII content."""
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    if odd >= 2 and odd > even * 4:
        return "utf-16-le"
    if even >= 2 and even > odd * 4:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str | os.PathLike = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of an article file.

    Tries a BOM, then UTF-8, then BOM-less UTF-16, then GB18030 (a superset of
    GBK and GB2312).  Returns ``(text, encoding)``.  Raises :class:`InputError`
    for an empty file, a binary file or bytes no supported encoding explains.
    """
    if not data.strip():
        raise InputError("empty file", path=str(path))
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable bytes for {enc} at byte {exc.start + len(bom)}",
                                 path=str(path)) from None
            if not text.strip():
                raise InputError("empty file", path=str(path))
            return text, enc
    if b"\x00" in data:
        enc = _guess_utf16(data)
        if enc:
            try:
                text = data.decode(enc)
                if _plausible(text):
                    return text, enc
            except UnicodeDecodeError:
                pass
        raise InputError("binary file (contains NUL bytes), not a text article", path=str(path))
    try:
        text = data.decode("utf-8")
        if _plausible(text, utf8=True):
            return text, "utf-8"
        raise InputError("binary file (control bytes), not a text article", path=str(path))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"undecodable bytes at byte {utf8_error.start}: neither UTF-8, "
                         "UTF-16 nor GB18030/GBK", path=str(path)) from None
    if not _plausible(text):
        raise InputError(f"undecodable bytes at byte {utf8_error.start}: neither UTF-8, "
                         "UTF-16 nor GB18030/GBK", path=str(path))
    return text, "gb18030"


#: largest article file read, unless KG_MAX_BYTES (or ``kg build --max-bytes``)
#: says otherwise: a long article is ~30 KB, so 16 MiB is 500 of them in one
#: file, and memory stays bounded on anything (``/dev/zero`` included)
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


def max_bytes() -> int:
    """The size limit of an article file: ``$KG_MAX_BYTES`` or the default."""
    env = os.environ.get("KG_MAX_BYTES", "").strip()
    if not env:
        return DEFAULT_MAX_BYTES
    try:
        n = int(env)
    except ValueError:
        raise InputError(f"KG_MAX_BYTES must be a whole number of bytes, got {env[:40]!r}") from None
    if n <= 0:
        raise InputError(f"KG_MAX_BYTES must be positive, got {n}")
    return n


def read_text(path: str | os.PathLike, limit: int | None = None) -> tuple[str, str]:
    """Read and decode a regular text file of at most ``limit`` bytes
    (default :func:`max_bytes`); see :func:`decode_bytes`."""
    import stat

    if str(path) == "":
        raise InputError("the file name is an empty string", path="''")
    p = Path(path)
    limit = limit or max_bytes()
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("no such file or folder", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, expected a file", path=str(path))
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else
                "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                "a socket" if stat.S_ISSOCK(st.st_mode) else "not a plain file")
        raise InputError(f"is {kind}, not a regular file: refused", path=str(path))
    too_big = (f"is larger than the limit of {limit} bytes (raise it with --max-bytes "
               "or KG_MAX_BYTES)")
    if st.st_size > limit:
        raise InputError(f"{st.st_size} bytes: {too_big}", path=str(path))
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    if len(data) > limit:
        raise InputError(too_big, path=str(path))
    return decode_bytes(data, path)


def atomic_write(path: str | os.PathLike, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and on error nothing is left.
    """
    p = Path(path)
    if str(path) == "":
        raise InputError("the output file name is an empty string", path="''")
    if p.is_dir():
        raise InputError("is a folder, expected an output file name", path=str(p))
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=str(p.parent))
    except FileExistsError:
        raise InputError("a folder above the output file is a file", path=str(p)) from None
    except OSError as exc:
        raise _write_error(exc, p) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)      # mkstemp makes 0600; give the usual mode
        os.replace(tmp, p)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise _write_error(exc, p) from None
        raise
    return p


def _write_error(exc: OSError, p: Path) -> InputError:
    """One line for a failed write of ``p`` (the old file, if any, is intact)."""
    import errno

    if exc.errno == errno.ENOSPC:
        why = "no space left on the device (the old file, if any, is kept)"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = f"cannot write here: {exc.strerror}"
    elif exc.errno == errno.ENOTDIR:
        why = "a folder above the output file is a file"
    else:
        why = f"cannot write: {exc.strerror or exc}"
    return InputError(why, path=str(p))
