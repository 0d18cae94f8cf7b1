"""The ``figures`` stage: numbers with units, as observations.

The unit table, multipliers (万, 亿), periods (十四五) and the indicator
keywords come from ``ontology/units.toml``; qualifiers (约, 超, 余, 以上),
the reading of Chinese numerals and the rules that find the entity a figure
describes come from ``ontology/figures.toml``.  Each figure keeps its surface
text, its exact value (a :class:`~decimal.Decimal`) in the normalised unit,
its period (the one printed before it in its clause or scoping its sentence,
``[periods]``), and the entity it describes (the owner named before the
measure or the subject of its clause, where words that refer back to a name,
项目, 全园区, a quoted 我, count as that name; ``[about]``).  Where the rules
need parts of speech they ask the rjieba tagger of :mod:`kg.extract.lexical`.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace
import decimal
from decimal import Decimal
from pathlib import Path

from ..knowledge import Knowledge
from ..normalize import normalize
from ..ontology import load_toml, ontology_dir
from .model import Figure

_YEAR = re.compile(r"((?:19|20)\d{2})年(?:\d{1,2}月(?:\d{1,2}日)?)?")
_GAP_STOP = re.compile(r"[,;。的]")
_CN_DIGITS = "〇零一二两三四五六七八九"
_CN_CHARS = _CN_DIGITS + "十百千万亿"
_ASCII = re.compile(r"[A-Za-z]")
_ONE = Decimal(1)
#: exact arithmetic for any printed number (the default context rounds at 28 digits)
_CTX = decimal.Context(prec=1000, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
#: the value of a numeral of one character, as cn2an reads it (checked in tests/test_figures.py)
_ONE_DIGIT = {c: Decimal(v) for c, v in zip(_CN_DIGITS + "十", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10))}
_MAGNITUDE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def exact(d: Decimal) -> Decimal:
    """A decimal without trailing zeros or exponent noise.

    >>> exact(Decimal("327.1") * Decimal("100000000.0"))
    Decimal('32710000000')
    >>> exact(Decimal("6.20"))
    Decimal('6.2')
    """
    d = d.normalize(_CTX)
    if d == d.to_integral_value():
        return d.quantize(Decimal(1), context=_CTX) if d.adjusted() < _CTX.prec else d
    return d


def _dec(x) -> Decimal:
    """A float read from TOML (1000.0, 0.001, 666.6667) as the decimal it was written as."""
    return Decimal(repr(float(x))) if not isinstance(x, (int, Decimal)) else Decimal(x)


def cn_number(s: str) -> Decimal | None:
    """A Chinese numeral as a decimal, through cn2an; None when it is not one.

    >>> cn_number("一百二十亿"), cn_number("两"), cn_number("三点五万"), cn_number("百")
    (Decimal('12000000000'), Decimal('2'), Decimal('35000'), None)
    """
    if s in _ONE_DIGIT:
        # one digit needs no converter: cn2an's import compiles its patterns
        # (0.5 s), most of a one-article rebuild's extraction
        return _ONE_DIGIT[s]
    import cn2an

    mult = Decimal(1)
    if "点" in s:
        # cn2an reads 三点五 as a float: keep the magnitude out of it, exactly
        while s and s[-1] in "万亿":
            mult *= _MAGNITUDE[s[-1]]
            s = s[:-1]
    try:
        v = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return exact(_dec(v) * mult)


@dataclass(frozen=True)
class FigureRules:
    """``ontology/figures.toml``, compiled."""

    before: dict[str, str]
    after: dict[str, str]
    more: tuple[str, ...]
    not_qualifier: tuple[str, ...]
    skip_exact: frozenset[str]
    skip_units: frozenset[str]
    skip_after: tuple[str, ...]
    vague: tuple[str, ...]
    vague_skip_units: frozenset[str]
    magnitude_units: frozenset[str]
    ordinal: str
    unit_not_before: dict[str, str]
    time_units: frozenset[str]
    time_point_after: tuple[str, ...]
    class_suffix: tuple[str, ...]
    generic_classifiers: frozenset[str]
    generic_below: int
    scene_before: tuple[str, ...]
    scene_after: frozenset[str]
    breaks: re.Pattern
    cuts: re.Pattern
    modifier_types: frozenset[str]
    owned_types: frozenset[str]
    skip_types: frozenset[str]
    joiners: frozenset[str]
    product_first: frozenset[str]
    prefer: dict[str, tuple[str, ...]]
    lead: re.Pattern
    owner: re.Pattern
    refer: re.Pattern | None
    determiners: tuple[str, ...]
    refer_types: dict[str, tuple[str, ...]]
    refer_bare: frozenset[str]
    first_person: re.Pattern | None
    locative_before: frozenset[str]
    relative_max: int
    speech_verbs: tuple[str, ...]
    coordinators: tuple[str, ...]
    count_units: frozenset[str]
    quotes: str
    place_tags: tuple[str, ...]
    place_max: int
    period_edges: str
    event_before: tuple[str, ...]
    event_after: tuple[str, ...]
    carry_after: tuple[str, ...]
    after_word: dict[str, str]
    after_word_first: str
    brackets: tuple[str, str]
    place_refer: re.Pattern | None
    place_refer_types: dict[str, tuple[str, ...]]
    place_types: tuple[str, ...]
    sentence_ends: tuple[str, ...]
    unmodified_types: frozenset[str]
    modified_first: frozenset[str]
    speaks_for: frozenset[str]
    time_tags: tuple[str, ...]
    bare_money: re.Pattern | None
    list_ends: tuple[str, ...]
    range_lower: re.Pattern | None


def _alt(items) -> str:
    return "|".join(sorted(items, key=lambda x: (-len(x), x)))


def _lit(items) -> str:
    return _alt(re.escape(normalize(x)) for x in items)


@functools.lru_cache(maxsize=8)
def load_rules(folder: Path) -> FigureRules:
    """Read ``figures.toml`` from ``folder`` (the bundled one when the folder
    has none, e.g. an ontology copied before the file existed)."""
    if not (folder / "figures.toml").exists():
        folder = ontology_dir() if (ontology_dir() / "figures.toml").exists() else \
            Path(__file__).resolve().parents[2] / "ontology"
    t = load_toml("figures.toml", folder)
    q, n, ab = t.get("qualifiers", {}), t.get("numerals", {}), t.get("about", {})
    own = ab.get("owner", {})
    ref, sp, pe = ab.get("refer", {}), ab.get("speaker", {}), t.get("periods", {})
    heads = ref.get("heads", {})
    pref = ab.get("place_refer", {})
    pheads = pref.get("heads", {})
    pdets = pref.get("determiners", [])
    owner = (rf"(?:的)?(?:{_alt(own.get('time', []))})*(?:(?:{_lit(own.get('verbs', []))})了?)?"
             rf"(?:的)?(?:{_alt(own.get('time', []))})*(?:{_lit(own.get('measures', []))})?(?:的)?"
             rf"(?:{_lit(own.get('links', []))})?了?")
    return FigureRules(
        before={normalize(k): v for k, v in q.get("before", {}).items()},
        after={normalize(k): v for k, v in q.get("after", {}).items()},
        more=tuple(q.get("more", [])),
        not_qualifier=tuple(normalize(x) for x in q.get("not_qualifier", [])),
        skip_exact=frozenset(n.get("skip_exact", [])),
        skip_units=frozenset(normalize(x) for x in n.get("skip_units", [])),
        skip_after=tuple(n.get("skip_after", [])),
        vague=tuple(n.get("vague", [])),
        vague_skip_units=frozenset(normalize(x) for x in n.get("vague_skip_units", [])),
        ordinal=n.get("ordinal", ""),
        unit_not_before={normalize(a): normalize(b) for a, b in n.get("unit_not_before", {}).items()},
        time_units=frozenset(n.get("time_units", [])),
        time_point_after=tuple(sorted((normalize(x) for x in n.get("time_point_after", [])),
                                      key=lambda x: (-len(x), x))),
        magnitude_units=frozenset(normalize(x) for x in n.get("magnitude_units", [])),
        class_suffix=tuple(normalize(x) for x in n.get("class_suffix", [])),
        generic_classifiers=frozenset(normalize(x) for x in n.get("generic_classifiers", [])),
        generic_below=int(n.get("generic_below", 0)),
        scene_before=tuple(normalize(x) for x in ab.get("scene_before", [])),
        scene_after=frozenset(normalize(x) for x in ab.get("scene_after", [])),
        breaks=re.compile("[" + re.escape(ab.get("clause_breaks", ",;:")) + "]"),
        cuts=re.compile("[" + re.escape(ab.get("clause_breaks", ",;:") +
                                        "".join(ab.get("brackets", ["(", ")"]))) + "]"),
        modifier_types=frozenset(ab.get("modifier_types", [])),
        owned_types=frozenset(ab.get("owned_types", [])),
        skip_types=frozenset(ab.get("skip_types", [])),
        joiners=frozenset(normalize(x) for x in ab.get("joiners", [])),
        product_first=frozenset(ab.get("product_first", {}).get("indicators", [])),
        prefer={k: tuple(v) for k, v in ab.get("prefer", {}).items()},
        lead=re.compile("(?:" + "|".join(ab.get("lead", {}).get("items", [])) + ")*"),
        owner=re.compile(owner),
        refer=re.compile(_lit(heads)) if heads else None,
        determiners=tuple(sorted((normalize(x) for x in ref.get("determiners", [])),
                                 key=lambda x: (-len(x), x))),
        refer_types={normalize(h): tuple(v) for h, v in heads.items()},
        refer_bare=frozenset(normalize(x) for x in ref.get("bare", [])),
        first_person=re.compile(_lit(sp.get("first_person", []))) if sp.get("first_person") else None,
        locative_before=frozenset(normalize(x) for x in ab.get("locative_before", [])),
        relative_max=int(ab.get("relative_max", 0)),
        speech_verbs=(),        # the knowledge's (lexicon.toml), set by find_figures
        coordinators=tuple(normalize(x) for x in ab.get("coordinators", [])),
        count_units=frozenset(ab.get("count_units", [])),
        quotes=ab.get("quotes", ""),
        place_tags=tuple(ab.get("place_tags", [])),
        place_max=int(ab.get("place_max", 0)),
        period_edges=pe.get("edges", ""),
        event_before=tuple(normalize(x) for x in pe.get("event_before", [])),
        event_after=tuple(normalize(x) for x in pe.get("event_after", [])),
        carry_after=tuple(normalize(x) for x in pe.get("carry_after", [])),
        after_word={normalize(k): v for k, v in q.get("after_word", {}).items()},
        after_word_first="".join(sorted({normalize(k)[0] for k in q.get("after_word", {})})),
        brackets=tuple(ab.get("brackets", ["(", ")"])),
        place_refer=re.compile(f"(?:{_lit(pdets)})(?:{_lit(pheads)})") if pheads and pdets else None,
        place_refer_types={normalize(h): tuple(v) for h, v in pheads.items()},
        place_types=tuple(ab.get("place_types", [])),
        sentence_ends=tuple(ab.get("sentence_ends", ["。"])),
        speaks_for=frozenset(ab.get("speaks_for", [])),
        time_tags=tuple(ab.get("time_tags", [])),
        list_ends=tuple(normalize(x) for x in ab.get("list_ends", [])),
        range_lower=re.compile(rf"(?<![\d.])(?:{_lit(n.get('range_marks', []))})?(?P<low>\d+(?:\.\d+)?)"
                               rf" ?(?:{_lit(n['range_signs'])}) ?(?:{_lit(n.get('range_marks', []))})?$")
        if n.get("range_signs") else None,
        bare_money=re.compile(
            rf"(?:{_lit(n['money_before'])})(?:{_lit(n.get('money_links', []))})?"
            rf"(?P<pre>{_lit(q.get('before', {}))})?(?P<num>\d+(?:\.\d+)?)(?P<mult>{_lit(n['money_magnitudes'])})"
            r"(?![\d.])") if n.get("money_before") and n.get("money_magnitudes") else None,
        unmodified_types=frozenset(ab.get("unmodified_types", [])),
        modified_first=frozenset(ab.get("modified_first", [])),
    )


@functools.lru_cache(maxsize=8)
def _figure_re(units: tuple[str, ...], mults: tuple[str, ...], pres: tuple[str, ...],
               posts: tuple[str, ...], more: tuple[str, ...], vague: tuple[str, ...]) -> re.Pattern:
    cjk = [u for u in units if not u.isascii()]
    asc = [u for u in units if u.isascii() and _ASCII.search(u)]
    sym = [u for u in units if u.isascii() and not _ASCII.search(u)]
    u = _alt(re.escape(x) for x in cjk + sym)
    # ASCII units: case-insensitive from two letters on, one space allowed before
    a_long = _alt(re.escape(x) for x in asc if len(x) > 1)
    a_one = _alt(re.escape(x) for x in asc if len(x) == 1)
    a = "|".join(x for x in (f"(?i:{a_long})" if a_long else "", a_one) if x)
    m = _alt(re.escape(x) for x in mults)
    p = _alt(re.escape(x) for x in pres)
    po = _alt(re.escape(x) for x in posts)
    mo = _alt(re.escape(x) for x in more)
    va = _alt(re.escape(x) for x in vague)
    cn = f"[{_CN_CHARS}]"
    first = "".join(sorted({x[0] for x in pres} | {"第", "百"} | set(_CN_CHARS) |
                           {x[0] for x in vague}))
    return re.compile(
        rf"(?=[{re.escape(first)}\d])(?:(?P<rank>第(?P<rnum>\d+)(?:位|名))"
        rf"|百分之(?P<pct>{cn}+(?:点{cn}+)?)"
        rf"|(?P<pre>{p})?"
        rf"(?:(?P<num>\d{{1,3}}(?:,\d{{3}})+(?![\d.])|\d+(?:\.\d+)?)(?P<more1>{mo})?(?P<mult>{m})?"
        rf"|(?P<vague>(?:{va})[十百千]?[万亿]?)"
        rf"|(?P<cn>{cn}+(?:点{cn}+)?))"
        rf"(?P<more>{mo})?"
        rf"(?:(?P<unit>{u})|(?: ?(?P<aunit>{a})(?![A-Za-z])))(?P<dup>(?P=unit))?"
        rf"(?:/[年月天日](?=(?:{po})))?(?P<post>{po})?)")


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
    """The periods printed in a sentence: (offset, text, first year, last
    year), in text order.  A year keeps the month (and day) printed with it
    (2017年5月)."""
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


def _event_date(s: str, p, R: FigureRules, cache) -> bool:
    """Whether period ``p`` dates an event (or is the base of a comparison)
    rather than the measures of its sentence: after an [periods] event_before
    word (已于2011年6月份投入…, 较2021年翻了一番), before a verb by the tagger (2020年落户…, 2014年成立的…) or an
    event_after word (“十四五”以来)."""
    a, b = p[0], p[0] + len(p[1])
    while b < len(s) and s[b] in R.period_edges:
        b += 1                                       # 2012年初, 6月份, 2022年底
    if s.endswith(R.event_before, 0, a) or s.startswith(R.event_after, b):
        return True
    if b >= len(s) or not ("\u4e00" <= s[b] <= "\u9fff"):
        return False
    from .lexical import tagger
    words = tagger(cache["k"]).tag(s[b:b + 8])      # the word after the period
    return bool(words) and words[0][1][:1] == "v" and words[0][1] != "vn"


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
    if unit in ("TONNE", "KiloW-HR"):
        if in_project:
            return "Capacity", "项目"
        m = re.search("年产能?|产能|规模|装机|容量", before[-10:])
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


def _read_number(m: re.Match, s: str, b: int, unit_s: str, mults: dict, R: FigureRules):
    """(printed number, multiplier, qualifier) of a match, or None to skip it."""
    pre = m.group("pre") or ""
    if m.group("num"):
        number = Decimal(m.group("num").replace(",", ""))
        mult = mults[m.group("mult")] if m.group("mult") else _ONE
        return number, mult, ""
    if m.group("vague"):
        v = m.group("vague")
        if len(v) == 1 or unit_s in R.vague_skip_units:
            return None
        mag = Decimal(1)
        for ch in v[1:]:
            mag *= _MAGNITUDE[ch]
        return mag, Decimal(1), "approx"
    cn = m.group("cn")
    if cn in R.skip_exact or unit_s in R.skip_units:
        return None
    a = m.start("cn")
    if any(s.endswith(q, 0, a) for q in R.skip_after):
        return None
    if re.match(r"[^,;。:]{0,8}:", s[b:]):
        return None                               # 三个关键词:A、B、C
    if not any(c in _CN_DIGITS for c in cn) and not cn.startswith("十"):
        # a bare magnitude (百家, 千亿元) is a number only after a qualifier (上百家, 超百亿元)
        if not pre or any(s.startswith(x, b) for x in R.class_suffix):
            return None                           # 千亿元级: a class, not an amount
        mag = Decimal(1)
        for ch in cn:
            mag *= _MAGNITUDE[ch]
        return mag, Decimal(1), ""
    if unit_s in R.magnitude_units and not any(ch in "十百千万亿" for ch in cn):
        return None                               # 三元材料
    number = cn_number(cn)
    if number is None or (unit_s in R.generic_classifiers and number < R.generic_below):
        return None                               # 三个关键词
    return number, Decimal(1), ""


def find_figures(article, k: Knowledge) -> None:
    """Fill ``article.figures``."""
    compiled = k.extra.get("figures")
    if compiled is None:
        # a person who only says something hands no topic on (董友光说,合作社…)
        R = replace(load_rules(Path(k.folder)), speech_verbs=tuple(k.speech_verbs))
        rx = _figure_re(tuple(k.units), tuple(k.multipliers), tuple(R.before), tuple(R.after),
                        R.more, R.vague)
        ascii_units = {u.lower(): u for u in k.units if u.isascii() and _ASCII.search(u)}
        factors = {u: _dec(spec[1]) for u, spec in k.units.items()}
        mults = {m: _dec(v) for m, v in k.multipliers.items()}
        compiled = k.extra["figures"] = (R, rx, ascii_units, factors, mults)
    R, rx, ascii_units, factors, mults = compiled
    out: list[Figure] = []
    ms = article.mentions
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(ms):
        by_sentence.setdefault(m.sentence, []).append(i)
    carried = None          # the period a sentence ending in ; hands on to the next
    prev_para = -1
    cache: dict = {"k": k}
    hint = _period_hint(k.period_names)
    period_rx = _period_re(k.period_names)
    for sent in article.sentences:
        s = sent.text
        periods = _periods_in(s, k, period_rx) if hint.search(s) else []
        if sent.paragraph != prev_para:
            carried = None
        prev_para = sent.paragraph
        clauses = None
        events = None
        found = []
        for m in rx.finditer(s):
            a, b = m.span()
            pre = m.group("pre") or ""
            if pre and any(s.endswith(w, 0, a + len(pre)) and len(w) > len(pre)
                           for w in R.not_qualifier):
                a += len(pre)                          # 签约50个: 约 belongs to 签约
                pre = ""
            if m.group("rank"):
                number = Decimal(m.group("rnum"))
                value, unit, default, qual0 = number, "NUM", "Rank", ""
            elif m.group("pct"):
                number = cn_number(m.group("pct"))
                if number is None:
                    continue
                value, unit, qual0 = number, "PERCENT", ""
                default = k.units.get("%", ("", 1, "Share"))[2]
            else:
                unit_s = m.group("unit") or ascii_units[m.group("aunit").lower()]
                code, factor, default = k.units[unit_s]
                if R.ordinal and s.endswith(R.ordinal, 0, a) or \
                        s.startswith(R.unit_not_before.get(unit_s, "\0"), b):
                    continue                          # 第三批; 1780项目
                got = _read_number(m, s, b, unit_s, mults, R)
                if got is None:
                    continue
                number, mult, qual0 = got
                if unit_s == "年" and number >= 1000:
                    continue                          # 2025年 is a date
                if code in R.time_units and s.startswith(R.time_point_after, b):
                    continue                          # 三个月前: a time, not a duration
                if unit_s == "个" and s[b:b + 1] in "月季":
                    continue
                if unit_s == "度" and not m.group("num"):
                    continue
                value, unit = exact(_CTX.multiply(_CTX.multiply(number, mult), factors[unit_s])), code
            cn = m.group("cn") or ""
            bare = cn and not any(ch in _CN_DIGITS for ch in cn) and not cn.startswith("十")
            if pre == "上" and not bare:
                a += len(pre)                          # 上 before a number is a verb; 上百 is over
                pre = ""
            if m.group("rank"):
                ca, cb = m.span("rank")
            elif m.group("pct"):
                ca, cb = m.span()
            else:
                ca = next(m.start(g) for g in ("num", "vague", "cn") if m.group(g))
                cb = m.end("dup") if m.group("dup") else m.end("unit") if m.group("unit") \
                    else m.end("aunit")
            text = s[ca:cb]                            # the figure without 近/超/以上
            word_q = None
            if not m.group("post") and s[b:b + 1] in R.after_word_first:
                w = next((w for w in R.after_word if s.startswith(w, b)), None)
                tok = _tokens(sent, cache) if w else None
                if w and tok.aligned(b, b + len(w)) and tok.words[tok.index(b)] == w:
                    word_q = R.after_word[w]            # 6亩多田: over
                    b += len(w)
            start, end = sent.start + a, sent.start + b
            in_project = any(ms[i].type == "Project" and ms[i].start <= sent.start + ca
                             and sent.start + cb <= ms[i].end
                             for i in by_sentence.get(sent.index, ()))
            indicator, kw = indicator_for(s[:a], s[b:], unit, default, k, in_project)
            qual = [qual0] if qual0 else []
            for q in (R.before.get(pre), "over" if (m.group("more") or m.group("more1")) else None,
                      R.after.get(m.group("post") or ""), word_q):
                if q and q not in qual:
                    qual.append(q)
            if periods and events is None:
                clauses = _clauses(s, R)
                events = [_event_date(s, p, R, cache) for p in periods]
            period = _period_for(a, b, periods, events, clauses, carried)
            f = Figure(start, end, text, value, number, unit, indicator, sent.index,
                       indicator_text=kw, qualifier=" ".join(qual),
                       period=period[1] if period else "",
                       period_start=period[2] if period else None,
                       period_end=period[3] if period else None)
            if m.group("dup"):
                f.qualifier = (f.qualifier + " doubled-unit").strip()
            lo = R.range_lower.search(s, max(ca - 16, 0), ca) if m.group("num") and R.range_lower else None
            if lo is not None:
                # Φ50~Φ150毫米: the lower bound is a figure of the same unit too
                low = Decimal(lo.group("low"))
                lv = exact(_CTX.multiply(_CTX.multiply(low, mult), factors[unit_s]))
                found.append(Figure(sent.start + lo.start(), end, s[lo.start():cb], lv, low, unit,
                                    indicator, sent.index, indicator_text=kw, qualifier=f.qualifier,
                                    period=f.period, period_start=f.period_start,
                                    period_end=f.period_end))
            found.append(f)
        if R.bare_money is not None and ("万" in s or "亿" in s):
            found = _bare_money(sent, found, R, k, mults, by_sentence, periods, carried, cache)
        if found:
            _assign_about(article, sent, found, by_sentence, R, cache)
        out.extend(found)
        if s.rstrip().endswith(R.carry_after):
            if periods and events is None:
                events = [_event_date(s, p, R, cache) for p in periods]
            scoped = [p for p, ev in zip(periods, events or ()) if not ev]
            carried = scoped[-1] if scoped else carried
        else:
            carried = None
    article.figures = out


def _bare_money(sent, found: list[Figure], R: FigureRules, k: Knowledge, mults, by_sentence,
                periods, carried, cache) -> list[Figure]:
    """Add the amounts printed without 元 after a word of money ([numerals]
    money_before: 计划投资100万, 首期投资50万): yuan, by the word before."""
    s = sent.text
    out = list(found)
    for m in R.bare_money.finditer(s):
        a, b = m.start("pre") if m.group("pre") else m.start("num"), m.end()
        if any(f.start - sent.start < b and a < f.end - sent.start for f in found):
            continue                                   # 100万千瓦: a unit follows
        tok = _tokens(sent, cache)
        if not tok.aligned(m.start("num"), b):
            continue                                   # 100万余
        i = tok.index(b)
        if b < len(s) and 0 <= i < len(tok.tags) and tok.tags[i][:1] == "q":
            continue                                   # 收入100万人次: a measure word follows
        number = Decimal(m.group("num"))
        value = exact(_CTX.multiply(number, mults[m.group("mult")]))
        indicator, kw = indicator_for(s[:a], s[b:], "CNY", "Amount", k, False)
        period = None
        if periods:
            clauses = _clauses(s, R)
            events = [_event_date(s, p, R, cache) for p in periods]
            period = _period_for(a, b, periods, events, clauses, carried)
        elif carried:
            period = carried
        q = R.before.get(m.group("pre") or "")
        out.append(Figure(sent.start + a, sent.start + b, s[m.start("num"):b], value, number, "CNY",
                          indicator, sent.index, indicator_text=kw, qualifier=q or "",
                          period=period[1] if period else "",
                          period_start=period[2] if period else None,
                          period_end=period[3] if period else None))
    out.sort(key=lambda f: f.start)
    return out


def _period_for(a: int, b: int, periods, events, clauses, carried):
    """The period of the figure at ``s[a:b]``: the last period before it in
    its clause, else the last one before it in the sentence that is not an
    event's date, else the first one after it in its clause that is not an
    event's date (一期8GW…项目计划于2023年1月份投产), else the period
    handed on by the sentence before (one that ended with ;)."""
    if not periods:
        return carried
    c = _clause_of(clauses, a)
    before = [(p, ev) for p, ev in zip(periods, events) if p[0] + len(p[1]) <= a]
    own = [p for p, _ in before if p[0] >= c[0]]
    if own:
        return own[-1]
    scoped = [p for p, ev in before if not ev]
    if scoped:
        return scoped[-1]
    after = [p for p, ev in zip(periods, events) if p[0] >= b and p[0] + len(p[1]) <= c[1] and not ev]
    if after:
        return after[0]
    return carried


# ---------------------------------------------------------------- about


def _tokens(sent, cache):
    """The words and tags of a sentence (rjieba, cached per article run)."""
    key = ("tok", sent.index)
    t = cache.get(key)
    if t is None:
        from .lexical import Tokens, tagger
        t = cache[key] = Tokens(sent.text, tagger(cache["k"]))
    return t


def _has_verb(tok, a: int, b: int) -> bool:
    """Whether a word of ``s[a:b]`` is a verb (v, vn, vd, ...) by its tag."""
    i = max(tok.index(a), 0)
    while i < len(tok.words) and tok.starts[i] < b:
        if tok.tags[i][:1] == "v" and tok.ends[i] > a:
            return True
        i += 1
    return False


def _clauses(s: str, R: FigureRules) -> list[tuple[int, int]]:
    """The clauses of a sentence: cut at [about] clause_breaks, never inside
    brackets (冀中能源(15.00,0.91,6.46%) is one clause)."""
    out, depth, last = [], 0, 0
    op, cl = R.brackets
    for m in R.cuts.finditer(s):
        ch, i = m.group(), m.start()
        if ch in op:
            depth += 1
        elif ch in cl:
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append((last, i))
            last = i + 1
    out.append((last, len(s)))
    return out


def _last_of(article, pos: int, types, cache) -> int | None:
    """The last mention of one of ``types`` that ends at or before ``pos``."""
    order = cache.get("order")
    if order is None:
        ms = article.mentions
        order = cache["order"] = sorted(((m.end, m.start, i) for i, m in enumerate(ms)))
    ms = article.mentions
    j = bisect.bisect_right(order, (pos, float("inf"), float("inf")))
    while j > 0:
        j -= 1
        i = order[j][2]
        if ms[i].type in types:
            return i
    return None


def _paragraph(article, sent) -> tuple[int, int]:
    """Start and end offsets of the paragraph of ``sent``."""
    ss = article.sentences
    i = j = sent.index
    while i > 0 and ss[i - 1].paragraph == sent.paragraph:
        i -= 1
    while j + 1 < len(ss) and ss[j + 1].paragraph == sent.paragraph:
        j += 1
    return ss[i].start, ss[j].end


def _speaker(article, sent, pos: int, R: FigureRules, cache) -> int | None:
    """The person who says the quotation that ``pos`` lies in: the first
    person named after its closing mark in the paragraph (“……”董友光说), else
    the last one named before its opening mark (董友光说:“……”)."""
    if len(R.quotes) < 2:
        return None
    op, cl = R.quotes[0], R.quotes[1]
    p0, p1 = _paragraph(article, sent)
    text = article.text
    depth, start = 0, None
    for x in range(p0, pos):
        if text[x] == op:
            depth += 1
            if depth == 1:
                start = x
        elif text[x] == cl:
            depth = max(depth - 1, 0)
    if depth == 0:
        return None
    end = None
    for x in range(pos, p1):
        if text[x] == op:
            depth += 1
        elif text[x] == cl:
            depth -= 1
            if depth == 0:
                end = x
                break
    people = [(m.start, i) for i, m in enumerate(article.mentions)
              if m.type == "Person" and p0 <= m.start < p1]
    if end is not None:
        after = sorted(p for p in people if p[0] > end)
        if after:
            return after[0][1]
    before = sorted(p for p in people if p[0] < start)
    return before[-1][1] if before else None


def _references(article, sent, spans, clauses, R: FigureRules, cache) -> list[tuple[int, int, int]]:
    """Words that refer back to a name, as (start, end, mention index of the
    name): a head noun of [about.refer] after a determiner (该园区, 全园区,
    我们这个项目) or standing as the subject of its clause (项目位于…, 园区将…),
    and a first-person subject inside a quotation (the speaker, [about.speaker])."""
    s, base = sent.text, sent.start
    out = []

    def free(a, b):
        return not any(x < b and a < y for x, y, _ in spans)

    def at_clause_start(a):
        c = _clause_of(clauses, a)
        return R.lead.fullmatch(s, c[0], a) is not None

    if R.refer is not None:
        for m in R.refer.finditer(s):
            ha, b = m.span()
            head = m.group()
            det = next((d for d in R.determiners if s.endswith(d, 0, ha)), "")
            a = ha - len(det)
            if not (det or head in R.refer_bare and at_clause_start(a)) or not free(a, b):
                continue
            tok = _tokens(sent, cache)
            if not (tok.aligned(a, b) and tok.aligned(ha, b)):
                continue                       # 成本|项目, 重点项目部
            ante = _last_of(article, base + a, R.refer_types[head], cache)
            if ante is not None:
                out.append((a, b, ante))
    if R.place_refer is not None:
        for m in R.place_refer.finditer(s):
            a, b = m.span()
            if not free(a, b) or not _tokens(sent, cache).aligned(a, b):
                continue                       # 全市场, 该区域: not 全市, 该区
            want = R.place_refer_types[s[b - 1]]
            ante = _last_of(article, base + a, want, cache)
            if ante is None:
                ante = _main_place(article, R, cache)
            if ante is not None:
                out.append((a, b, ante))
    if R.first_person is not None:
        for m in R.first_person.finditer(s):
            a, b = m.span()
            if not free(a, b) or not at_clause_start(a) or not _tokens(sent, cache).aligned(a, b):
                continue
            who = _speaker(article, sent, base + a, R, cache)
            if who is not None:
                out.append((a, b, who))
    return out


def _main_place(article, R: FigureRules, cache) -> int | None:
    """The place the article is about: of the places of [about] place_types,
    the one it names most often (the first named on a tie); its first
    mention.  Computed once per article run."""
    if "main_place" in cache:
        return cache["main_place"]
    count: dict[str, list] = {}
    for i, m in enumerate(article.mentions):
        if m.type in R.place_types:
            c = count.setdefault(m.key, [0, m.start, i])
            c[0] += 1
            if m.start < c[1]:
                c[1], c[2] = m.start, i
    best = max(count.values(), key=lambda c: (c[0], -c[1]), default=None)
    cache["main_place"] = out = best[2] if best else None
    return out


def _written_start(m, s: str, base: int) -> int:
    """Where a mention's name starts in sentence ``s``: before its span when
    the span leaves out a place written before it that its name holds
    (黑龙江|天牧然有机牧业有限公司, named 黑龙江天牧然…: the province absorbed).

    >>> from types import SimpleNamespace as NS
    >>> _written_start(NS(start=3, end=6, name="黑龙江天牧然", text="天牧然"), "黑龙江天牧然说", 0)
    0
    >>> _written_start(NS(start=3, end=6, name="天牧然", text="天牧然"), "黑龙江天牧然说", 0)
    3
    """
    a = m.start - base
    d = len(m.name) - len(m.text)
    if d > 0 and a >= d and m.name.endswith(m.text) and s[a - d:a] == m.name[:d]:
        return a - d
    return a


def _analyse(article, sent, by_sentence, R: FigureRules, cache: dict):
    """The names (outermost, in text order, with the words that refer back to
    a name), clauses and clause subjects of a sentence; cached per article run."""
    if sent.index in cache:
        return cache[sent.index]
    ms = article.mentions
    s, base = sent.text, sent.start
    spans0 = [(ms[i].start - base, ms[i].end - base, i) for i in by_sentence.get(sent.index, ())]
    every = []
    for a, b, i in spans0:
        # a name's span extended over the place its name holds, where no mention ends
        w = _written_start(ms[i], s, base)
        if w < a and any(w < b0 <= a for _a0, b0, j in spans0 if j != i):
            w = a
        every.append((w, b, i))
    spans = sorted((x for x in every if ms[x[2]].type not in R.skip_types),
                   key=lambda t: (t[0], -t[1], t[2]))
    names: list[tuple[int, int, int]] = []
    for a, b, i in spans:
        if names and a < names[-1][1]:
            continue                                   # nested in (or overlapping) the one before
        names.append((a, b, i))
    clauses = _clauses(s, R)
    refs = _references(article, sent, every, clauses, R, cache)
    if refs:
        names = sorted(names + refs)

    def is_mod(i):
        return ms[i].type in R.modifier_types

    def relative(a, b):
        """``s[a:b]`` is a short relative clause ending in 的 (新修订的, 2014年成立的):
        it modifies the name after it."""
        g = s[a:b].strip(R.quotes + "《》「」 ")
        return (R.relative_max and 2 <= len(g) <= R.relative_max and g.endswith("的")
                and not R.breaks.search(g) and _has_verb(_tokens(sent, cache), a, b))

    def joined(prev_end, a):
        gap = s[prev_end:a]
        return gap in R.joiners or gap.strip(R.quotes + "《》「」") in R.joiners or relative(prev_end, a)

    def phrase(j, limit):
        """The head of the noun phrase that starts with name ``names[j]``
        (names joined by [about] joiners or a relative clause, head last;
        products only modify), and the index of its last name."""
        head = None if is_mod(names[j][2]) else names[j][2]
        prev_end, last = names[j][1], j
        for k in range(j + 1, len(names)):
            a, b, i = names[k]
            if b > limit or not joined(prev_end, a):
                break
            if not is_mod(i):
                head = i
            prev_end, last = b, k
        return head, last

    def subject(c, limit):
        """The subject of clause ``c`` (names before offset ``limit``): the
        first name with only lead words before it, taken to the head of its
        noun phrase."""
        idx = [j for j, n in enumerate(names) if c[0] <= n[0] and n[1] <= limit]
        if not idx:
            return None
        j0 = idx[0]
        first = names[j0]
        if not R.lead.fullmatch(s, c[0], first[0]):
            lm = R.lead.match(s, c[0], first[0])
            rest = s[lm.end():first[0]]
            if rest in R.locative_before and j0 + 1 < len(names) and names[j0 + 1][1] <= limit \
                    and s[first[1]:names[j0 + 1][0]] == "的":
                return phrase(j0 + 1, limit)[0]        # 在浮溪村的鼎信镍业, 位于X的Y项目
            if relative(lm.end(), first[0]):
                return phrase(j0, limit)[0]            # 2014年成立的X合作社
            # 在X, 在X车间内: the clause sets the scene, X is what follows is about
            inside = [names[j] for j in idx]
            if not (limit == c[1] and rest in R.scene_before and
                    s[inside[-1][1]:c[1]] in R.scene_after):
                return None
        return phrase(j0, limit)[0]

    def carries(c):
        """A clause hands its subject on as the topic unless it is only a
        place: names and words of location by the tagger (f, s), as in
        通河县位于黑龙江省中部,小兴安岭南麓,松花江中游北岸 (the last two)."""
        inside = [n for n in names if c[0] <= n[0] and n[1] <= c[1]]
        rest, pos = [], c[0]
        for a, b, _ in inside:
            rest.append(s[pos:a])
            pos = b
        rest = "".join(rest) + s[pos:c[1]]
        if not inside or len(rest) > R.place_max or any(ch.isdigit() for ch in rest):
            return True                                # no name, or more than a place
        tok = _tokens(sent, cache)
        i = max(tok.index(c[0]), 0)
        while i < len(tok.words) and tok.starts[i] < c[1]:
            w0, w1 = tok.starts[i], tok.ends[i]
            if w1 > c[0] and not any(a <= w0 and w1 <= b for a, b, _ in inside) and \
                    tok.tags[i][:1] not in R.place_tags and not tok.words[i].isspace():
                return True
            i += 1
        return False

    memo: dict = {}

    def subj(c):
        """The subject of a whole clause (computed when first asked)."""
        if c not in memo:
            memo[c] = subject(c, c[1]) if names else None
        return memo[c]

    def handed(c):
        """The topic clause ``c`` hands on to the clauses after it: its
        subject, unless the clause is only a place; a government body named
        after its place (海陵区|委书记孙群表示, 焦作市|政府…表示) hands on the
        place, whose plans and figures it speaks of."""
        sj = subj(c)
        if sj is None or not carries(c):
            return None
        if ms[sj].type == "Person" and R.speech_verbs:
            end = next((n[1] for n in names if n[2] == sj and c[0] <= n[0]), None)
            if end is not None and any(v in s[end:c[1]] for v in R.speech_verbs):
                return None     # 董友光说,合作社收入增加1万多元: the speaker is not the topic
        if ms[sj].type in R.speaks_for:
            j = next((j for j, n in enumerate(names) if c[0] <= n[0] and n[2] == sj), None)
            if j is not None and j > 0 and ms[names[j - 1][2]].type in R.unmodified_types \
                    and names[j - 1][1] == names[j][0] and names[j - 1][0] >= c[0]:
                return names[j - 1][2]
        return sj

    def scopes_next(c, a, b):
        """Whether clause ``c`` is only the figure at ``s[a:b]`` and time
        words by the tagger (未来10年, 近三年): it scopes the clause after it."""
        if any(c[0] <= n[0] < c[1] for n in names):
            return False
        tok = _tokens(sent, cache)
        i = max(tok.index(c[0]), 0)
        while i < len(tok.words) and tok.starts[i] < c[1]:
            w0, w1 = tok.starts[i], tok.ends[i]
            if w1 > c[0] and not (a <= w0 and w1 <= b) and not tok.words[i].isspace() \
                    and tok.tags[i][:1] not in R.time_tags:
                return False
            i += 1
        return True

    cache[sent.index] = out = (names, clauses, handed, is_mod, subject, phrase, carries, scopes_next)
    return out


def _topic_before(article, sent, by_sentence, R, cache) -> int | None:
    """The topic a sentence inherits: the subject of the last clause that has
    one, in the sentences before it in its paragraph."""
    j = sent.index - 1
    while j >= 0 and article.sentences[j].paragraph == sent.paragraph:
        _, clauses, handed, _, _, _, _, _ = _analyse(article, article.sentences[j], by_sentence, R, cache)
        for c in reversed(clauses):
            t = handed(c)
            if t is not None:
                return t
        j -= 1
    return None


def _assign_about(article, sent, figs: list[Figure], by_sentence, R: FigureRules, cache) -> None:
    """Set ``about`` of the figures of one sentence."""
    an = _analyse(article, sent, by_sentence, R, cache)
    ms = article.mentions

    def topic():
        return _topic_before(article, sent, by_sentence, R, cache)

    def place():
        # only a heading (a paragraph of one sentence without an end mark) is
        # about the article's place: a sentence that names nothing is often
        # about no named entity at all (2011年我国不锈钢产量…)
        ss = article.sentences
        i = sent.index
        alone = (i == 0 or ss[i - 1].paragraph != sent.paragraph) and \
            (i + 1 == len(ss) or ss[i + 1].paragraph != sent.paragraph)
        if not alone or sent.text.rstrip().endswith(R.sentence_ends):
            return None
        return _main_place(article, R, cache)

    lists: dict = {}          # clause -> names of a list a count there counts
    for f in figs:
        f.about = _about_one(f, figs, sent.start, sent.text, ms, an, topic, R, place, lists)


# a bracketed note after a listed name (冀中能源(15.00,0.91,6.46%)、…): no part of the list's joints
_NOTE = re.compile(r"^\([^()]{0,40}\)")


def _clause_of(clauses, x):
    return next(c for c in clauses if c[0] <= x <= c[1])


def _about_one(f, figs, base, s, ms, an, topic, R, place=lambda: None, lists=None):
    """The steps of ``[about]`` in figures.toml, for one figure."""
    names, clauses, handed, is_mod, subject, phrase, carries, scopes_next = an
    a, b = f.start - base, f.end - base
    c = _clause_of(clauses, a)
    before = [n for n in names if c[0] <= n[0] and n[1] <= a]
    # 1. a name that contains the figure (年产10万吨碳酸锂项目, 年产40万吨调味品生产基地)
    for na, nb, i in names:
        if na <= a and b <= nb and not is_mod(i):
            return i
    # 2. inside brackets right after a name: 冀中能源(15.00,0.91,6.46%)
    op, cl = R.brackets
    po = max(s.rfind(ch, 0, a) for ch in op)
    if po >= 0 and max(s.rfind(ch, po, a) for ch in cl) < 0:
        named = next((i for na, nb, i in names if nb == po and not is_mod(i)), None)
        if named is not None:
            return named
    # the product right after the figure (150万吨硫酸)
    after_prod = next((i for na, nb, i in names if 0 <= na - b <= 4 and is_mod(i)
                       and not _GAP_STOP.search(s, b, na)), None)
    # a count right after a list (A、B和C3条, A、B等15家): the count is of the
    # list, so none of its names is what the count is about
    listed = set()
    lists = {} if lists is None else lists
    if f.unit in R.count_units and before:
        na, nb, i = before[-1]
        end = s[nb:a]
        if end in R.list_ends or end == "" and s.endswith(R.coordinators, 0, na):
            k = len(before) - 1
            listed.add(i)
            while k > 0 and _NOTE.sub("", s[before[k - 1][1]:before[k][0]], count=1) in R.coordinators:
                k -= 1
                listed.add(before[k][2])
    # ... nor of a figure after it in its clause (A、B等8家企业投资的11个项目)
    listed |= lists.setdefault(c, set())
    lists[c] = listed
    # 4. the owner named right before the measure; products passed over
    owner, passed = None, None
    cur = a
    for bi in range(len(before) - 1, -1, -1):
        na, nb, i = before[bi]
        gap = s[nb:cur]
        if not (gap in R.joiners or R.owner.fullmatch(gap)):
            break
        if is_mod(i) and ms[i].type in R.owned_types and i not in listed and not (
                bi and before[bi - 1][1] == na and not ms[before[bi - 1][2]].coref):
            owner = i                           # (全市)稀土产业的产值: the industry's own
            break
        if is_mod(i):
            passed = passed if passed is not None else i
            cur = na
            continue
        if i in listed:
            break                               # A、B和C3条产业链: the count is of the list
        owner = i
        break
    # 3. purity, dimension: the product first
    if f.indicator in R.product_first:
        for p in (after_prod, passed):
            if p is not None:
                return p
    # 5. the name the figure modifies: 总投资108亿元的X项目, 共建3平方公里X科技园
    # (not a count: 依托310个“巾帼美德积分超市” counts the things, it is not of one)
    de = 1 if s.startswith("的", b) else 0
    j = next((j for j, n in enumerate(names) if n[0] >= b + de), None)
    modified = None
    if j is not None and (de or f.unit not in R.count_units) and \
            s[b + de:names[j][0]].strip(R.quotes + "《》「」") == "":
        head = phrase(j, len(s))[0]
        if head is not None and (de or ms[head].type not in R.unmodified_types):
            modified = head
    if owner is not None:
        # X投资1.7亿元的Y项目: the investment is the project's it modifies,
        # not its investor's ([about] modified_first)
        if modified is not None and de and ms[modified].type in R.modified_first:
            return modified
        return owner
    if modified is not None:
        return modified
    # 6. the subject of the clause, before the figure
    sj = subject(c, a)
    if sj is not None and sj not in listed:
        return sj
    # 7. the entity of the figure before it in the same clause
    for g in reversed(figs):
        if g.end <= f.start and g.about is not None and _clause_of(clauses, g.start - base) == c \
                and g.about not in listed:
            return g.about
    # 8. preferred types for this indicator, nearest before, else first after
    want = R.prefer.get(f.indicator, ())
    if want:
        cands = [n for n in names if ms[n[2]].type in want]
        pre = [n for n in cands if n[1] <= a]
        if pre:
            return pre[-1][2]
        if cands:
            return cands[0][2]
    # 8a. a duration standing alone as a clause of time (未来10年,) scopes the
    # clause after it: that clause's subject
    if f.unit in R.time_units and scopes_next(c, a, b):
        nxt = next((x for x in clauses if x[0] > c[1]), None)
        first = next((n for n in names if nxt and nxt[0] <= n[0] and n[1] <= nxt[1]), None)
        if first is not None and R.lead.fullmatch(s, nxt[0], first[0]):
            return subject(nxt, nxt[1]) or first[2]    # a product too: 动力电池应用将…
    # 9. the topic: the subject of the nearest clause before that states something
    for cc in reversed([x for x in clauses if x[1] <= c[0]]):
        t = handed(cc)
        if t is not None:
            return t
    t = topic()
    if t is not None:
        return t
    # 10. a product
    for p in (passed, after_prod):
        if p is not None:
            return p
    prods = [n for n in before if is_mod(n[2])]
    if prods:
        return prods[-1][2]
    # 11. the first name after the figure in its clause
    after = [n for n in names if a <= n[0] and n[1] <= c[1]]
    if after:
        return after[0][2]
    # 12. the place the article is about (a headline, 全市 with no city named)
    return place()
