"""The speed helpers of kg.extract.lexical give what the plain calls give."""
from __future__ import annotations

import random
import re

from kg.article import load_article, prepare
from kg.build import find_articles
from kg.extract.lexical import AtFirstChars, overlapping
from kg.knowledge import load_knowledge, word_pattern


def _sentences() -> list[str]:
    return [s.text for f in find_articles(["data/articles"]) for s in prepare(load_article(f)).sentences]


def _random_texts(alphabet: str, n: int = 400, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(n)]


def test_at_first_chars_finds_what_finditer_finds():
    k = load_knowledge()
    el = "[" + re.escape(k.elements) + "]"
    pre = word_pattern(sorted(k.compound_prefixes, key=lambda w: (-len(w), w)))
    head = word_pattern(sorted(k.material_heads, key=lambda w: (-len(w), w)))
    rx = re.compile(rf"(?:(?:{pre})+{el}+(?:{head})?|{el}+(?:{head}))")
    fast = AtFirstChars(rx, set(k.elements) | {p[0] for p in k.compound_prefixes})
    alphabet = "锂钛铁金氧化氯六氟磷酸矿渣粉高纯电池级和、的" + k.elements[:20]
    texts = _sentences() + _random_texts(alphabet)
    found = 0
    for s in texts:
        want = [m.span() for m in rx.finditer(s)]
        assert [m.span() for m in fast.finditer(s)] == want, s
        for a, b in ((0, len(s)), (3, len(s)), (2, max(2, len(s) - 4))):
            assert [m.span() for m in fast.finditer(s, a, b)] == \
                [m.span() for m in rx.finditer(s, a, b)], (s, a, b)
        first = rx.search(s)
        assert (fast.search(s).span() if fast.search(s) else None) == \
            (first.span() if first else None)
        found += len(want)
    assert found > 50          # the texts do hold chemical names


def test_overlapping_finds_what_a_lookahead_finds():
    k = load_knowledge()
    words = sorted({suf for suf, _t in k.suffix_list}, key=lambda x: (-len(x), x))
    alts = word_pattern(words)
    look = re.compile(f"(?=({alts}))")
    plain = re.compile(alts)
    alphabet = "".join(sorted(set("".join(words))))[:60] + "的和在"
    texts = _sentences() + _random_texts(alphabet)
    found = 0
    for s in texts:
        want = [(m.start(), m.group(1)) for m in look.finditer(s)]
        assert overlapping(plain, s) == want, s
        found += len(want)
    assert found > 100


def test_tokens_are_what_tag_gives():
    from pathlib import Path

    from kg.extract.lexical import Tokens, _split_town_suffix, tagger

    k = load_knowledge()
    tg = tagger(k)
    real = [s.text for f in sorted(Path("tests/corpus/real").glob("*.txt"))
            for s in prepare(load_article(f)).sentences]
    for s in _sentences() + real + ["", "2024年", "GWh", "  "]:
        t = Tokens(s, tg)
        pairs = tg.tag(s)
        # (a town's suffix the analyser joined to the next character is cut off)
        pairs = _split_town_suffix(pairs) if pairs else pairs
        assert list(zip(t.words, t.tags)) == pairs, s
        assert t.ends == [sum(len(w) for w, _ in pairs[:i + 1]) for i in range(len(pairs))]
        assert t.starts == ([0] + t.ends[:-1] if pairs else [])
        assert all(t.aligned(a, a) for a in [0] + t.ends)
        assert not any(t.aligned(a, a) for a in range(len(s)) if a not in t.ends and a)
