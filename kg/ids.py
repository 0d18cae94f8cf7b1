"""Stable, readable IRIs minted from names.

An IRI depends only on the canonical name of what it names (and an explicit
``id`` in the catalogue), never on counters or on which other articles were
built, so adding an article never renames an existing entity.
"""
from __future__ import annotations

import functools
import hashlib
import re


#: slugs an earlier process computed (``kg build`` keeps them with its cache
#: and sets this: loading pypinyin's dictionaries alone takes about a
#: second); while it is set, every slug computed is added to it
SLUG_MEMO: dict[str, str] | None = None


@functools.lru_cache(maxsize=65536)
def slugify(name: str) -> str:
    """ASCII slug: pinyin for Chinese characters, lower-case, hyphenated.

    >>> slugify("金川集团")
    'jin-chuan-ji-tuan'
    >>> slugify("4N5 无氧铜")
    '4n5-wu-yang-tong'
    """
    memo = SLUG_MEMO
    if memo is None:
        return _pinyin_slug(name)
    got = memo.get(name)
    if got is None:
        got = memo[name] = _pinyin_slug(name)
    return got


def _pinyin_slug(name: str) -> str:
    from pypinyin import Style, lazy_pinyin  # lazy: loads a dictionary

    parts = lazy_pinyin(name, style=Style.NORMAL, errors=lambda s: [s])
    text = "-".join(parts).lower()
    text = re.sub(r"[^0-9a-z]+", "-", text)
    return re.sub(r"-{2,}", "-", text).strip("-") or "x"


#: hex digits of the hash in an entity IRI: 64 bits, so that two names with
#: one pinyin slug collide with odds of about n**2 / 2**65 (1e-8 for a million
#: homophones), and a collision cannot be crafted by trying names (6 digits
#: could: issue 13).  A collision that happens all the same stops the build
#: (kg.corpus.merge_entities) instead of moving an existing IRI.
HASH_HEX = 16


def short_hash(text: str, n: int = HASH_HEX) -> str:
    """A short, stable hash of ``text`` (hex)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def entity_slug(name: str) -> str:
    """Slug for an entity that the catalogue does not name: the pinyin of its
    canonical name plus a short hash of the Chinese, so that homophones differ.

    >>> entity_slug("正昊钛业")
    'zheng-hao-tai-ye-e70d54035a749871'
    """
    return f"{slugify(name)}-{short_hash(name)}"
