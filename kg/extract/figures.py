"""The ``figures`` stage: numbers with units, as observations.

The number pattern, the unit table, multipliers (万, 亿), periods (十四五) and
the indicator keywords all come from ``ontology/units.toml``.  Each figure
keeps its surface text, its value in the normalised unit, the period nearest
before it in the sentence, and the entity it most likely describes.
"""
from __future__ import annotations

import functools
import re

from ..knowledge import Knowledge
from .model import Figure

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_GAP_STOP = re.compile(r"[,;。的]")


@functools.lru_cache(maxsize=8)
def _figure_re(units: tuple[str, ...], mults: tuple[str, ...]) -> re.Pattern:
    u = "|".join(re.escape(x) for x in sorted(units, key=len, reverse=True))
    m = "|".join(re.escape(x) for x in sorted(mults, key=len, reverse=True))
    return re.compile(
        rf"(?=[第近约超逾上突\d百千])(?:(?P<rank>第(?P<rnum>\d+)(?:位|名))"
        rf"|(?P<pre>近|约|超|逾|上|超过|突破)?"
        rf"(?:(?P<num>\d+(?:\.\d+)?)(?P<mult>{m})?|(?P<wordmult>百万|千万|百|千))"
        rf"(?P<more>余|多)?(?P<unit>{u})(?P<dup>(?P=unit))?(?P<post>以上|左右)?)")


@functools.lru_cache(maxsize=8)
def _period_re(names: tuple[str, ...]) -> re.Pattern | None:
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(f"({alts})[”’\"']?(末|初)?")


@functools.lru_cache(maxsize=8)
def _period_hint(names: tuple[str, ...]) -> re.Pattern:
    """What a sentence with a period must contain: 年 or a period's name."""
    return re.compile("|".join(re.escape(n) for n in ("年",) + names))


def _periods_in(s: str, k: Knowledge, rx: re.Pattern | None) -> list[tuple[int, str, int, int]]:
    out = []
    for m in _YEAR.finditer(s):
        y = int(m.group(1))
        out.append((m.start(), m.group(), y, y))
    if rx is not None:
        # 十三五末, ‘十三五’末, “十四五”初: the end or start of a plan period
        for m in rx.finditer(s):
            a, b = k.periods[m.group(1)]
            edge = m.group(2)
            y0, y1 = (b, b) if edge == "末" else (a, a) if edge == "初" else (a, b)
            out.append((m.start(), m.group().strip("”’\"'"), y0, y1))
    out.sort()
    # 十三五末 wins over 十三五 at the same place
    dedup: dict[int, tuple[int, str, int, int]] = {}
    for p in out:
        if p[0] not in dedup or len(p[1]) > len(dedup[p[0]][1]):
            dedup[p[0]] = p
    return sorted(dedup.values())


def indicator_for(before: str, after: str, unit: str, default: str, k: Knowledge,
                  in_project: bool) -> tuple[str, str]:
    """Classify a figure from the words around it; returns (indicator, keyword)."""
    if unit == "PERCENT":
        window = before[-12:] + "|" + after[:4]
        hits = []
        for rx, ind in k.indicator_percent:
            for m in rx.finditer(window):
                hits.append((ind == "Purity", m.start(), ind, m.group()))
        if hits:
            _, _, ind, kw = max(hits)     # purity wins, then the nearest keyword
            return ind, kw
        return default, ""
    if unit == "UNITLESS":
        for rx, ind in k.indicator_multiple:
            m = rx.search(before[-8:])
            if m:
                return ind, m.group()
        return default, ""
    if unit == "TONNE":
        if in_project:
            return "Capacity", "项目"
        m = re.search("年产能?|产能|规模", before[-10:])
        return ("Capacity", m.group()) if m else (default, "")
    if unit == "CNY":
        best = None
        for rx, ind in k.indicator_keywords:
            for m in rx.finditer(before):
                if best is None or m.end() > best[0]:
                    best = (m.end(), ind, m.group())
        if best:
            return best[1], best[2]
        return default, ""
    if unit == "NUM":
        for rx, ind in k.indicator_keywords:
            if ind == "Rank" and rx.search(before[-6:]):
                return "Rank", rx.search(before[-6:]).group()
    return default, ""


def find_figures(article, k: Knowledge) -> None:
    """Fill ``article.figures``."""
    rx = _figure_re(tuple(k.units), tuple(k.multipliers))
    out: list[Figure] = []
    ms = article.mentions
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(ms):
        by_sentence.setdefault(m.sentence, []).append(i)
    prev_periods: list = []
    prev_para = -1
    hint = _period_hint(k.period_names)
    period_rx = _period_re(k.period_names)
    for sent in article.sentences:
        s = sent.text
        periods = _periods_in(s, k, period_rx) if hint.search(s) else []
        if sent.paragraph != prev_para:
            prev_periods = []
        prev_para = sent.paragraph
        for m in rx.finditer(s):
            a, b = m.span()
            if m.group("rank"):
                number = float(m.group("rnum"))
                value, unit, default = number, "NUM", "Rank"
            else:
                unit_s = m.group("unit")
                code, factor, default = k.units[unit_s]
                if m.group("num"):
                    number = float(m.group("num"))
                    mult = k.multipliers.get(m.group("mult") or "", 1.0)
                elif m.group("pre") in ("上", "近", "超", "逾", "突破"):
                    number = k.multipliers[m.group("wordmult")]
                    mult = 1.0
                else:
                    continue
                if unit_s == "年" and number >= 1000:
                    continue                          # 2025年 is a date
                if unit_s == "个" and s[b:b + 1] in "月季":
                    continue
                if unit_s == "度" and not m.group("num"):
                    continue
                value, unit = number * mult * factor, code
                if m.group("pre") == "上" and not m.group("num") and not m.group("wordmult"):
                    continue
            pre = m.group("pre") or ""
            if pre and a + len(pre) < b and pre in ("上",) and m.group("num"):
                a += len(pre)                          # 上 before a digit is a verb
                pre = ""
            ca, cb = m.span("rank") if m.group("rank") else (
                m.start("num") if m.group("num") else m.start("wordmult"),
                m.end("dup") if m.group("dup") else m.end("unit"))
            text = s[ca:cb]                            # the figure without 近/超/以上
            start, end = sent.start + a, sent.start + b
            in_project = any(ms[i].type == "Project" and ms[i].start <= start and end <= ms[i].end
                             for i in by_sentence.get(sent.index, ()))
            indicator, kw = indicator_for(s[:a], s[b:], unit, default, k, in_project)
            qual = []
            if pre in ("近", "约"):
                qual.append("approx")
            if pre in ("超", "逾", "超过", "上", "突破") or m.group("more") or \
                    (m.group("post") or "") == "以上":
                qual.append("over")
            per = [p for p in periods if p[0] + len(p[1]) <= a]
            period = per[-1] if per else (periods[0] if periods and periods[0][0] >= b else
                                          (prev_periods[-1] if prev_periods else None))
            f = Figure(start, end, text, round(value, 6), number, unit, indicator, sent.index,
                       indicator_text=kw, qualifier=" ".join(qual),
                       period=period[1] if period else "",
                       period_start=period[2] if period else None,
                       period_end=period[3] if period else None)
            if m.group("dup"):
                f.qualifier = (f.qualifier + " doubled-unit").strip()
            f.about = _about(ms, sent, start, end, article, by_sentence)
            out.append(f)
        if periods:
            prev_periods = periods
    article.figures = out


def _about(ms, sent, start: int, end: int, article=None, by_sentence=None) -> int | None:
    """The entity a figure describes: a project around it, a product right
    after it (150万吨硫酸), else the nearest entity named before it in the
    sentence, else the first after it, else the last one of the sentence
    before (same paragraph)."""
    best = None
    here = by_sentence.get(sent.index, []) if by_sentence is not None else range(len(ms))

    mine = [(i, ms[i]) for i in here if sent.start <= ms[i].start < sent.end]
    for i, m in mine:
        if m.type == "Project" and m.start <= start and end <= m.end:
            return i
    for i, m in mine:
        if m.type == "Product" and 0 <= m.start - end <= 4 \
                and article is not None and not _GAP_STOP.search(article.text, end, m.start):
            return i
    for i, m in mine:
        if m.type in ("Person", "Sector"):
            continue
        if m.end <= start and (best is None or m.end > ms[best].end or
                               (m.end == ms[best].end and m.start < ms[best].start)):
            best = i
    if best is not None:
        return best
    after = [i for i, m in mine if m.start >= end and m.type not in ("Person", "Sector")]
    if after:
        return min(after, key=lambda i: ms[i].start)
    if article is not None and sent.index > 0:
        prev = article.sentences[sent.index - 1]
        if prev.paragraph == sent.paragraph:
            pool = by_sentence.get(prev.index, []) if by_sentence is not None else range(len(ms))
            before = [i for i in pool if prev.start <= ms[i].start < prev.end
                      and ms[i].type not in ("Person", "Sector", "Product")]
            if before:
                return max(before, key=lambda i: (ms[i].end, -ms[i].start))
    return None
