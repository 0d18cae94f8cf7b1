"""NFKC and traditional-to-simplified normalisation that keeps offsets.

The extraction works on the normalised text; quotes and provenance can always
go back to the original characters through the offset map.
"""
from __future__ import annotations

import functools
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
    pieces: list[str] = []
    mapping: list[int] = []
    for i, ch in enumerate(original):
        n = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        pieces.append(n)
        mapping.extend([i] * len(n))
    nfkc = "".join(pieces)
    return to_simplified(nfkc), mapping


def normalize(text: str) -> str:
    """NFKC + simplified, for names and queries typed by a user."""
    return normalize_with_map(text)[0]
