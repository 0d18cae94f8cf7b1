"""NFKC and traditional-to-simplified normalisation that keeps offsets.

The extraction works on the normalised text; quotes and provenance can always
go back to the original characters through the offset map.
"""
from __future__ import annotations

import functools
import re
import unicodedata


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: it loads dictionaries

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (OpenCC ``t2s``).

    Keeps the length: when a phrase conversion would change it, characters are
    converted one by one instead.
    """
    if not text:
        return text
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, conv.convert(ch)) for ch in text))


def normalize_with_map(original: str) -> tuple[str, list[int]]:
    """Return ``(text, to_original)``: NFKC + simplified text and, for every
    character of it, the index of the original character it came from.

    >>> text, m = normalize_with_map("部門，１２３")
    >>> text
    '部门,123'
    >>> m
    [0, 1, 2, 3, 4, 5]
    """
    changing, resizing, table = _nfkc_tables()
    if changing.search(original) is None:
        return to_simplified(original), list(range(len(original)))
    nfkc = changing.sub(lambda m: table[m.group()], original)
    if len(nfkc) == len(original) and resizing.search(original) is None:
        return to_simplified(nfkc), list(range(len(original)))
    mapping: list[int] = []
    pos = 0
    for m in resizing.finditer(original):
        mapping.extend(range(pos, m.start()))
        mapping.extend([m.start()] * len(table[m.group()]))
        pos = m.end()
    mapping.extend(range(pos, len(original)))
    return to_simplified(nfkc), mapping


@functools.lru_cache(maxsize=1)
def _nfkc_tables() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """Every BMP character NFKC changes (once per process): a regex that finds
    them, one for those whose length changes, and the replacements."""
    table = {}
    for code in range(128, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        n = unicodedata.normalize("NFKC", ch)
        if n != ch:
            table[ch] = n
    def cls(chars):
        return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]" if chars else "(?!)")
    astral = "[\U00010000-\U0010FFFF]"   # rare: normalised one by one
    changing = re.compile(cls(table).pattern + "|" + astral)
    resizing = re.compile(cls([c for c, n in table.items() if len(n) != 1]).pattern + "|" + astral)
    return changing, resizing, _AstralTable(table)


class _AstralTable(dict):
    def __missing__(self, ch: str) -> str:
        n = unicodedata.normalize("NFKC", ch)
        self[ch] = n
        return n



def normalize(text: str) -> str:
    """NFKC + simplified, for names and queries typed by a user."""
    return normalize_with_map(text)[0]
