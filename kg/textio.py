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


def _plausible(text: str) -> bool:
    """True when ``text`` looks like human-written text, not decoded noise."""
    if not text.strip():
        return False
    if _CONTROL.search(text) is None and _ODD.search(text) is None:
        return True
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
        if _plausible(text):
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


def read_text(path: str | os.PathLike) -> tuple[str, str]:
    """Read and decode a text file; see :func:`decode_bytes`."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or folder", path=str(path))
    if p.is_dir():
        raise InputError("is a folder, expected a file", path=str(path))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    return decode_bytes(data, path)


def atomic_write(path: str | os.PathLike, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and on error nothing is left.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=str(p.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)      # mkstemp makes 0600; give the usual mode
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return p
