"""The national administrative divisions, from a maintained package.

The province, prefecture and county names with their codes come from the
``cpca`` package's own table (``cpca/resources/adcodes.csv``, the national
administrative division codes); nothing is copied into this project.  The
table is read lazily, once, without importing ``cpca`` itself (which would
load pandas).  A code's first two digits are its province, the first four its
prefecture: that gives the parent of each place.

Short forms drop the administrative word (武威市 -> 武威, 广西壮族自治区 ->
广西, 凉山彝族自治州 -> 凉山) when what is left is at least two characters;
a short form several places share at the same level is dropped, and one
shared across levels goes to the higher level (a province before a city
before a county).

>>> g = load_gazetteer()
>>> p = g.lookup("凉州区"); (p.name, p.type, g.parent(p).name, g.parent(g.parent(p)).name)
('凉州区', 'District', '武威市', '甘肃省')
>>> g.lookup("广西").name, g.lookup("广西").type
('广西壮族自治区', 'Province')
"""
from __future__ import annotations

import csv
import dataclasses
import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from .errors import CatalogueError

_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
                           "直辖县级行政区划"})
_LEVEL_TYPE = {0: "Province", 1: "City", 2: "District"}
_MUNICIPALITIES = ("11", "12", "31", "50")


@dataclass(frozen=True, slots=True)
class Place:
    code: str          # 12-digit administrative division code
    name: str          # official full name
    type: str          # Province | City | District
    level: int         # 0 province, 1 prefecture, 2 county


class Gazetteer:
    """Names -> places, and each place's parent."""

    def __init__(self, places: list[Place], source: str):
        self.source = source
        self.by_code = {p.code: p for p in places}
        full: dict[str, list[Place]] = {}
        for p in places:
            full.setdefault(p.name, []).append(p)
        self._full = full
        short: dict[str, list[Place]] = {}
        for p in places:
            for s in _short_forms(p):
                if s not in full:
                    short.setdefault(s, []).append(p)
        self._short: dict[str, Place] = {}
        for s, ps in short.items():
            top = min(p.level for p in ps)
            best = {p.name for p in ps if p.level == top}
            if len(best) == 1:
                self._short[s] = next(p for p in ps if p.level == top)

    def lookup(self, name: str) -> Place | None:
        """The place a full or short name means; a full name several places
        share (鼓楼区) gives the first of them by code; a county the table
        lists under its name before a reform (:meth:`renamed`) is found by
        its new name."""
        ps = self._full.get(name)
        if ps:
            return ps[0]
        return self._short.get(name) or self.renamed(name)

    def renamed(self, name: str) -> Place | None:
        """The county the table still lists as X县 (or the county-level city
        X市) when ``name`` is X区, or X县 when it is X市: a county made a
        district (撤县设区, 撤市设区) or a city (撤县设市) after the table was
        made, when one county of the table has that name.  The place keeps
        its code (so its parents) under the name as written.

        >>> g = load_gazetteer()
        >>> g.renamed("屯留区").name, g.parent(g.renamed("屯留区")).name
        ('屯留区', '长治市')
        >>> g.renamed("凉州区") is None     # in the table as it is
        True
        """
        if len(name) < 3 or name[-1] not in "区市" or name in self._full:
            return None
        stem = name[:-1]
        for suf in ("县", "市") if name[-1] == "区" else ("县",):
            ps = self._full.get(stem + suf)
            if ps is not None and len(ps) == 1 and ps[0].level == 2:
                return dataclasses.replace(ps[0], name=name)
        return None

    def is_full(self, name: str) -> bool:
        return name in self._full

    def unique(self, name: str) -> bool:
        """Whether a name means one place only (then its parents are known)."""
        ps = self._full.get(name)
        return (len(ps) == 1) if ps else name in self._short or self.renamed(name) is not None

    def names(self) -> list[str]:
        """Every full and short name, sorted."""
        return sorted(set(self._full) | set(self._short))

    def parent(self, p: Place) -> Place | None:
        if p.level == 2:
            return self.by_code.get(p.code[:4] + "0" * 8) or self.by_code.get(p.code[:2] + "0" * 10)
        if p.level == 1:
            return self.by_code.get(p.code[:2] + "0" * 10)
        return None

    def ancestors(self, p: Place) -> list[Place]:
        out = []
        q = self.parent(p)
        while q is not None:
            out.append(q)
            q = self.parent(q)
        return out


def _nations() -> tuple[str, ...]:
    path = _resource("56_nations.csv")
    with open(path, encoding="utf-8") as fh:
        names = [line.strip() for line in fh if line.strip()]
    return tuple(sorted(names, key=len, reverse=True))


def _short_forms(p: Place) -> list[str]:
    n = p.name
    for suf in ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市",
                "盟", "区", "县", "旗"):
        if n.endswith(suf):
            core = n[: -len(suf)]
            if suf.startswith("自治"):
                # 广西壮族 -> 广西, 新疆维吾尔 -> 新疆: cut at the first nation name
                hits = [i for nat in _NATIONS() for i in (core.find(nat), core.find(nat[:-1]))
                        if i >= 2 and len(nat) > 2 or i >= 2 and core[i:].startswith(nat)]
                if hits:
                    core = core[:min(hits)]
            return [core] if len(core) >= 2 else []
    return []


_NATIONS = functools.lru_cache(maxsize=1)(_nations)


def _resource(name: str) -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise CatalogueError("the cpca package is not installed (pip install cpca)", path=name)
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / name


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of the installed ``cpca`` package (read once)."""
    path = _resource("adcodes.csv")
    places = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"].strip(), row["name"].strip()
            if len(code) != 12 or name in _PLACEHOLDERS or code[6:] != "000000":
                continue
            if code[2:] == "0" * 10:
                level = 0
            elif code[4:] == "0" * 8:
                level = 1
            else:
                level = 2
            places.append(Place(code, name, _LEVEL_TYPE[level], level))
    places.sort(key=lambda p: p.code)
    return Gazetteer(places, f"cpca {path.name}")


@functools.lru_cache(maxsize=1)
def load_countries() -> dict[str, str]:
    """Country names in Chinese -> ISO 3166 code, from the CLDR territory
    names that ``babel`` ships (2-letter codes only: no continents; the
    Chinese provinces 台湾, 香港, 澳门 stay with the gazetteer).

    >>> load_countries()["澳大利亚"], load_countries()["中国"]
    ('AU', 'CN')
    """
    from babel import Locale

    from .normalize import normalize

    out = {}
    for code, name in Locale("zh").territories.items():
        if len(code) == 2 and code.isalpha() and code not in ("TW", "HK", "MO"):
            out.setdefault(normalize(name), code)
    return out
