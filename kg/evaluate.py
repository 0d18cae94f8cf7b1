"""``kg eval``: score a build against a gold annotation file."""
from __future__ import annotations

import collections
import sys
from pathlib import Path

from .errors import InputError
from .normalize import normalize

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_GOLD = Path("tests/gold/gold.toml")


#: rules whose relations come from background knowledge (the gazetteer's
#: hierarchy between two places an article names apart), not from a statement
#: of the text: kept in the graph, not scored against the gold of stated facts
BACKGROUND_RULES = frozenset({"gazetteer:cpca-hierarchy"})


def load_gold(path: str | Path = DEFAULT_GOLD) -> dict:
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            gold = tomllib.load(fh)
    except FileNotFoundError:
        raise InputError("no such gold file", path=str(p)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"gold file is not valid TOML: {exc}", path=str(p)) from None
    for e in gold.get("entity", []):
        e["name"] = normalize(e["name"])
        e["aliases"] = [normalize(a) for a in e.get("aliases", [])]
    return gold


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f, 3)}


def evaluate(result, gold: dict) -> dict:
    """Compare a :class:`~kg.build.BuildResult` with gold; returns scores and
    the lists of misses and false hits."""
    ents = result.entities
    # ---- entities: a gold entity matches an extracted one with the same
    # class whose label or alias equals the gold name or an alias
    matched_gold: dict[str, str] = {}      # gold name -> entity key
    matched_keys: dict[str, str] = {}      # entity key -> gold name
    for g in gold.get("entity", []):
        names = {g["name"], *g["aliases"]}
        cands = [e for e in ents.values() if e.type == g["type"] and
                 (e.label in names or names & e.aliases) and e.key not in matched_keys]
        if cands:
            best = min(cands, key=lambda e: (e.label != g["name"], e.key))
            matched_gold[g["name"]] = best.key
            matched_keys[best.key] = g["name"]
    by_type = collections.defaultdict(lambda: [0, 0, 0])
    for g in gold.get("entity", []):
        by_type[g["type"]][0 if g["name"] in matched_gold else 2] += 1
    for e in ents.values():
        if e.key not in matched_keys:
            by_type[e.type][1] += 1
    ent_scores = {t: prf(*v) for t, v in sorted(by_type.items())}
    tot = [sum(v[i] for v in by_type.values()) for i in range(3)]
    ent_scores["ALL"] = prf(*tot)
    ent_miss = sorted(f"{g['type']} {g['name']}" for g in gold.get("entity", [])
                      if g["name"] not in matched_gold)
    ent_false = sorted(f"{e.type} {e.label}" for e in ents.values() if e.key not in matched_keys)

    # ---- relations, by gold names
    def gname(key):
        return matched_keys.get(key, "?" + ents[key].label if key in ents else key)

    found = set()
    for a in result.articles:
        ms = a.mentions
        for r in a.relations:
            found.add((gname(ms[r.subject].key), r.predicate, gname(ms[r.object].key), ""))
        for fl in a.flows:
            for mi in fl.materials:
                found.add((gname(ms[fl.supplier].key), "supplies", gname(ms[fl.consumer].key),
                           gname(ms[mi].key)))
        for rh in a.roles:
            if rh.org is not None:
                found.add((gname(ms[rh.person].key), "holdsRole", gname(ms[rh.org].key), ""))
    want = set()
    for r in gold.get("relation", []):
        want.add((normalize(r["s"]), r["p"], normalize(r["o"]), normalize(r.get("material", ""))))
    # a gold relation without material also matches a found one with any material
    by_pred = collections.defaultdict(lambda: [0, 0, 0])
    for w in want:
        by_pred[w[1]][0 if w in found else 2] += 1
    for f in found - want:
        by_pred[f[1]][1] += 1
    rel_scores = {p: prf(*v) for p, v in sorted(by_pred.items())}
    tot = [sum(v[i] for v in by_pred.values()) for i in range(3)]
    rel_scores["ALL"] = prf(*tot)
    rel_miss = sorted(" ".join(x for x in w if x) for w in want - found)
    rel_false = sorted(" ".join(x for x in f if x) for f in found - want)

    # ---- figures: same article, same surface text (as a multiset)
    got = collections.Counter()
    details = collections.defaultdict(list)
    for a in result.articles:
        stem = Path(a.path).name.rsplit(".", 1)[0]
        for f in a.figures:
            got[(stem, f.text)] += 1
            details[(stem, f.text)].append(f)
    want_f = collections.Counter()
    gold_f = collections.defaultdict(list)
    for g in gold.get("figure", []):
        key = (g["article"], normalize(g["text"]))
        want_f[key] += 1
        gold_f[key].append(g)
    tp = sum(min(got[k], want_f[k]) for k in want_f)
    fp = sum(got.values()) - tp
    fn = sum(want_f.values()) - tp
    value_ok = unit_ok = ind_ok = n = 0
    wrong = []
    for key, gs in gold_f.items():
        for g, f in zip(gs, details.get(key, [])):
            n += 1
            value_ok += abs(float(f.value) - float(g["value"])) <= 1e-6 * max(1.0, abs(float(g["value"])))
            unit_ok += f.unit == g["unit"]
            if f.indicator == g["indicator"]:
                ind_ok += 1
            else:
                wrong.append(f"{key[0]} {key[1]}: indicator {f.indicator}, gold {g['indicator']}")
    fig_scores = prf(tp, fp, fn)
    fig_scores.update({"value_accuracy": round(value_ok / n, 3) if n else 0.0,
                       "unit_accuracy": round(unit_ok / n, 3) if n else 0.0,
                       "indicator_accuracy": round(ind_ok / n, 3) if n else 0.0})
    fig_miss = sorted(f"{k[0]} {k[1]}" for k in (want_f - got).elements())
    fig_false = sorted(f"{k[0]} {k[1]}" for k in (got - want_f).elements())
    return {"entities": ent_scores, "relations": rel_scores, "figures": fig_scores,
            "misses": {"entities": ent_miss, "relations": rel_miss, "figures": fig_miss},
            "false_hits": {"entities": ent_false, "relations": rel_false, "figures": fig_false},
            "figure_indicator_errors": wrong}


def _score_table(out: list[str], title: str, rows: dict) -> None:
    """Append a P/R/F1 table of ``rows`` (name -> scores) to ``out``."""
    out.append(title)
    out.append(f"  {'':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for name, s in rows.items():
        out.append(f"  {name:22} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                   f"{s['tp']:4d} {s['fp']:4d} {s['fn']:4d}")
    out.append("")


def render_report(scores: dict) -> str:
    """A plain-text report of :func:`evaluate`'s result."""
    out = []

    def table(title, rows):
        _score_table(out, title, rows)

    table("Entities by type", scores["entities"])
    table("Relations by predicate", scores["relations"])
    f = scores["figures"]
    table("Figures", {"figures": f})
    out.append(f"  value accuracy {f['value_accuracy']:.3f}, unit accuracy {f['unit_accuracy']:.3f}, "
               f"indicator accuracy {f['indicator_accuracy']:.3f}")
    out.append("")
    for kind in ("entities", "relations", "figures"):
        out.append(f"Misses ({kind}): {len(scores['misses'][kind])}")
        out.extend(f"  - {x}" for x in scores["misses"][kind])
        out.append(f"False hits ({kind}): {len(scores['false_hits'][kind])}")
        out.extend(f"  + {x}" for x in scores["false_hits"][kind])
    if scores["figure_indicator_errors"]:
        out.append("Figure indicator errors:")
        out.extend(f"  ! {x}" for x in scores["figure_indicator_errors"])
    return "\n".join(out) + "\n"


# ====================================================================
# Per-article gold (tests/gold/real/): one gold file per article, scored
# within its article.  See tests/gold/README.md.

SPLIT_FILE = "split.toml"
ENTITY_KEYS = ("name", "type")


def _read_toml(p: Path) -> dict:
    try:
        with open(p, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise InputError("no such gold file", path=str(p)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"gold file is not valid TOML: {exc}", path=str(p)) from None


def load_article_gold(path: str | Path) -> dict:
    """One per-article gold file, names normalised (NFKC, simplified), figure
    values as decimals.  Raises :class:`InputError` naming the file on a
    missing key or a bad value."""
    from decimal import Decimal, InvalidOperation

    p = Path(path)
    g = _read_toml(p)
    ents, rels, figs = [], [], []
    for i, e in enumerate(g.get("entity", []), start=1):
        for key in ENTITY_KEYS:
            if not isinstance(e.get(key), str) or not e[key]:
                raise InputError(f"entity #{i} has no '{key}'", path=str(p))
        ents.append({"name": normalize(e["name"]), "type": e["type"],
                     "aliases": [normalize(a) for a in e.get("aliases", [])]})
    for i, r in enumerate(g.get("relation", []), start=1):
        for key in ("s", "p", "o"):
            if not isinstance(r.get(key), str) or not r[key]:
                raise InputError(f"relation #{i} has no '{key}'", path=str(p))
        rels.append({"s": normalize(r["s"]), "p": r["p"], "o": normalize(r["o"]),
                     "material": normalize(r.get("material", "")), "role": r.get("role", "")})
    for i, f in enumerate(g.get("figure", []), start=1):
        if "value" not in f or not isinstance(f.get("unit"), str):
            raise InputError(f"figure #{i} needs 'value' and 'unit'", path=str(p))
        try:
            value = Decimal(str(f["value"]))
        except InvalidOperation:
            raise InputError(f"figure #{i} value {f['value']!r} is not a number", path=str(p)) from None
        figs.append({"text": normalize(f.get("text", "")), "value": value, "unit": f["unit"],
                     "about": normalize(f.get("about", "")), "indicator": f.get("indicator", ""),
                     "period": f.get("period", "")})
    return {"entity": ents, "relation": rels, "figure": figs}


def load_split(folder: str | Path) -> dict[str, list[str]]:
    """``split.toml`` of a gold folder: ``{"dev": [...], "test": [...]}``."""
    p = Path(folder) / SPLIT_FILE
    s = _read_toml(p)
    out = {}
    for name in ("dev", "test"):
        v = s.get(name, [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise InputError(f"'{name}' must be a list of article stems", path=str(p))
        out[name] = v
    return out


def load_gold_folder(folder: str | Path, stems=None) -> dict[str, dict]:
    """Every ``<stem>.toml`` of a gold folder (``split.toml`` aside), by stem;
    only ``stems`` when given."""
    f = Path(folder)
    if not f.is_dir():
        raise InputError("no such gold folder", path=str(f))
    out = {}
    for p in sorted(f.glob("*.toml")):
        if p.name == SPLIT_FILE or (stems is not None and p.stem not in stems):
            continue
        out[p.stem] = load_article_gold(p)
    return out


def default_gold_for(corpus: str | Path) -> Path:
    """The gold of a corpus folder when ``--gold`` is not given:
    ``<root>/gold/<name>/`` for ``<root>/corpus/<name>/`` (tests/corpus/real ->
    tests/gold/real), else ``DIR/gold/`` (a folder of per-article files), else
    ``DIR/gold.toml`` (one file in the format of tests/gold/gold.toml)."""
    d = Path(corpus)
    twin = d.parent.parent / "gold" / d.name
    if d.parent.name == "corpus" and twin.is_dir():
        return twin
    if (d / "gold").is_dir():
        return d / "gold"
    if (d / "gold.toml").is_file():
        return d / "gold.toml"
    raise InputError("no gold for this corpus (looked for ../../gold/NAME/, gold/ and gold.toml); "
                     "give --gold", path=str(d))


def _stem(article) -> str:
    return Path(article.path).name.rsplit(".", 1)[0]


def _sentence_text(article, index: int) -> str:
    if 0 <= index < len(article.sentences):
        s = article.sentences[index]
        return article.quote(s.start, s.end)
    return ""


def _names(e) -> set:
    return {e.label, *e.aliases}


def _match_entities(art, ents, gold) -> tuple[dict, dict, dict]:
    """Match the entities named in one article with its gold entities.
    Returns (gold index -> key, key -> gold name, key -> first sentence)."""
    first: dict[str, int] = {}
    for m in art.mentions:
        if not m.coref and m.key in ents:
            first.setdefault(m.key, m.sentence)
    g2k: dict[int, str] = {}
    k2g: dict[str, str] = {}
    for gi, g in enumerate(gold["entity"]):
        names = {g["name"], *g["aliases"]}
        cands = [k for k in first if ents[k].type == g["type"] and k not in k2g
                 and _names(ents[k]) & names]
        if cands:
            best = min(cands, key=lambda k: (ents[k].label != g["name"], ents[k].label not in names, k))
            g2k[gi] = best
            k2g[best] = g["name"]
    return g2k, k2g, first


def _rel_key(s: str, p: str, o: str, material: str = "") -> tuple:
    if p == "signsWith" and o < s:            # symmetric: either order
        s, o = o, s
    return (s, p, o, material)


def _close(a, b) -> bool:
    from decimal import Decimal

    a, b = Decimal(a), Decimal(b)
    return abs(a - b) <= Decimal("1e-6") * max(Decimal(1), abs(b))


def evaluate_corpus(result, gold_by_stem: dict[str, dict]) -> dict:
    """Score a build against per-article gold: entities, relations and figures
    are matched within their article.

    ``gold_by_stem`` maps an article's file stem to its gold (as
    :func:`load_article_gold` returns it).  Articles of ``result`` without
    gold are not scored (listed in ``unscored``); gold without an article is
    listed in ``missing_articles``.  Returns precision/recall/F1 per entity
    type, per predicate and for figures (value + unit + about, and value +
    unit), and the misses and false hits (each false hit with its sentence).

    A tiny hand-made build (see tests/test_evaluate.py for more):

    >>> from types import SimpleNamespace as NS
    >>> from decimal import Decimal
    >>> art = NS(path="a.txt", sentences=[NS(start=0, end=9)], quote=lambda a, b: "甲公司年产10万吨。",
    ...          mentions=[NS(key="k1", sentence=0, coref=False, type="Enterprise"),
    ...                    NS(key="k2", sentence=0, coref=False, type="Product")],
    ...          relations=[NS(subject=0, predicate="produces", object=1, sentence=0)],
    ...          flows=[], roles=[],
    ...          figures=[NS(value=Decimal("100000"), unit="TONNE", about=0, sentence=0, text="10万吨")])
    >>> ents = {"k1": NS(label="甲公司", aliases=set(), type="Enterprise"),
    ...         "k2": NS(label="钢材", aliases=set(), type="Product")}
    >>> gold = {"a": {"entity": [{"name": "甲公司", "type": "Enterprise", "aliases": []},
    ...                          {"name": "硫酸", "type": "Product", "aliases": []}],
    ...               "relation": [{"s": "甲公司", "p": "produces", "o": "硫酸", "material": ""}],
    ...               "figure": [{"text": "10万吨", "value": Decimal(100000), "unit": "TONNE",
    ...                           "about": "甲公司"}]}}
    >>> sc = evaluate_corpus(NS(articles=[art], entities=ents), gold)
    >>> sc["entities"]["ALL"]["tp"], sc["entities"]["ALL"]["fp"], sc["entities"]["ALL"]["fn"]
    (1, 1, 1)
    >>> sc["relations"]["ALL"]["f1"], sc["figures"]["value+unit+about"]["f1"]
    (0.0, 1.0)
    >>> sc["false_hits"]["entities"][0]["item"], sc["false_hits"]["entities"][0]["sentence"]
    ('Product 钢材', '甲公司年产10万吨。')
    """
    ents = result.entities
    ent_c = collections.defaultdict(lambda: [0, 0, 0])
    rel_c = collections.defaultdict(lambda: [0, 0, 0])
    fig_c = {"value+unit+about": [0, 0, 0], "value+unit": [0, 0, 0]}
    misses = {"entities": [], "relations": [], "figures": []}
    false = {"entities": [], "relations": [], "figures": []}
    scored, unscored = [], []
    seen = set()
    for art in sorted(result.articles, key=_stem):
        stem = _stem(art)
        gold = gold_by_stem.get(stem)
        if gold is None:
            unscored.append(stem)
            continue
        scored.append(stem)
        seen.add(stem)

        def hit(kind, item, sentence):
            false[kind].append({"article": stem, "item": item,
                                "sentence": _sentence_text(art, sentence)})

        def miss(kind, item):
            misses[kind].append({"article": stem, "item": item})

        # ---- entities
        g2k, k2g, first = _match_entities(art, ents, gold)
        for gi, g in enumerate(gold["entity"]):
            if gi in g2k:
                ent_c[g["type"]][0] += 1
            else:
                ent_c[g["type"]][2] += 1
                miss("entities", f"{g['type']} {g['name']}")
        for k, si in sorted(first.items(), key=lambda kv: (kv[1], kv[0])):
            if k not in k2g:
                ent_c[ents[k].type][1] += 1
                hit("entities", f"{ents[k].type} {ents[k].label}", si)

        # ---- relations (direction counted; signsWith either way; flows as supplies + material)
        def gname(key):
            return k2g.get(key, "?" + ents[key].label if key in ents else "?" + key)

        ms = art.mentions
        found: dict[tuple, int] = {}
        for r in art.relations:
            if getattr(r, "rule", "") in BACKGROUND_RULES:
                continue        # known, not stated: the gold lists what the text states
            found.setdefault(_rel_key(gname(ms[r.subject].key), r.predicate,
                                      gname(ms[r.object].key)), r.sentence)
        for fl in art.flows:
            for mi in fl.materials:
                found.setdefault(_rel_key(gname(ms[fl.supplier].key), "supplies",
                                          gname(ms[fl.consumer].key), gname(ms[mi].key)), fl.sentence)
        for rh in art.roles:
            if rh.org is not None:
                found.setdefault(_rel_key(gname(ms[rh.person].key), "holdsRole",
                                          gname(ms[rh.org].key)), rh.sentence)
        want = [_rel_key(r["s"], r["p"], r["o"], r["material"]) for r in gold["relation"]]
        left = dict(found)
        unmatched = []
        for w in want:
            if w in left:
                del left[w]
                rel_c[w[1]][0] += 1
            else:
                unmatched.append(w)
        for w in unmatched:
            # a gold supplies without material matches a flow with any material
            alt = next((f for f in left if not w[3] and f[:3] == w[:3]), None)
            if alt is not None:
                del left[alt]
                rel_c[w[1]][0] += 1
            else:
                rel_c[w[1]][2] += 1
                miss("relations", " ".join(x for x in w if x))
        for f, si in sorted(left.items(), key=lambda kv: (kv[1], kv[0])):
            rel_c[f[1]][1] += 1
            hit("relations", " ".join(x for x in f if x), si)

        # ---- figures: value (relative 1e-6), unit, about (through the entity match)
        def about_name(f):
            if f.about is None:
                return ""
            return k2g.get(ms[f.about].key, "")

        def about_shown(f):
            if f.about is None:
                return "-"
            key = ms[f.about].key
            return k2g.get(key) or "?" + (ents[key].label if key in ents else key)

        for mode, with_about in (("value+unit+about", True), ("value+unit", False)):
            taken = set()
            for g in gold["figure"]:
                j = next((j for j, f in enumerate(art.figures) if j not in taken
                          and f.unit == g["unit"] and _close(f.value, g["value"])
                          and (not with_about or about_name(f) == g["about"])), None)
                if j is None:
                    fig_c[mode][2] += 1
                    if with_about:
                        miss("figures", f"{g['text']} = {g['value']} {g['unit']}, about "
                                        f"{g['about'] or '-'}")
                else:
                    taken.add(j)
                    fig_c[mode][0] += 1
            for j, f in enumerate(art.figures):
                if j not in taken:
                    fig_c[mode][1] += 1
                    if with_about:
                        hit("figures", f"{f.text} = {f.value} {f.unit}, about {about_shown(f)}",
                            f.sentence)

    def table(c):
        out = {name: prf(*v) for name, v in sorted(c.items())}
        out["ALL"] = prf(*[sum(v[i] for v in c.values()) for i in range(3)])
        return out

    return {"kind": "corpus", "articles": scored, "unscored": unscored,
            "missing_articles": sorted(set(gold_by_stem) - seen),
            "entities": table(ent_c), "relations": table(rel_c),
            "figures": {m: prf(*v) for m, v in fig_c.items()},
            "misses": misses, "false_hits": false}


def render_corpus_report(scores: dict) -> str:
    """A plain-text report of :func:`evaluate_corpus`'s result."""
    where = " ".join(x for x in (scores.get("corpus", ""),
                                 f"split {scores['split']}" if scores.get("split") else "") if x)
    out = [f"Articles scored: {len(scores['articles'])}" + (f" ({where})" if where else "")]
    if scores["unscored"]:
        out.append(f"Articles without gold (not scored): {', '.join(scores['unscored'])}")
    if scores["missing_articles"]:
        out.append(f"Gold without an article: {', '.join(scores['missing_articles'])}")
    out.append("")

    def table(title, rows):
        _score_table(out, title, rows)

    table("Entities by type", scores["entities"])
    table("Relations by predicate", scores["relations"])
    table("Figures", scores["figures"])
    for kind in ("entities", "relations", "figures"):
        out.append(f"Misses ({kind}): {len(scores['misses'][kind])}")
        out.extend(f"  - [{x['article']}] {x['item']}" for x in scores["misses"][kind])
        out.append(f"False hits ({kind}): {len(scores['false_hits'][kind])}")
        for x in scores["false_hits"][kind]:
            out.append(f"  + [{x['article']}] {x['item']}")
            out.append(f"      in: {x['sentence']}")
    return "\n".join(out) + "\n"


def run_eval(paths=None, gold: str | Path | None = None, corpus: str | Path | None = None,
             split: str | None = None, knowledge=None) -> dict:
    """What ``kg eval`` does: build and score.

    - no ``corpus``: the bundled articles (or ``paths``) against ``gold``
      (default tests/gold/gold.toml), scored by :func:`evaluate`;
    - ``corpus`` (default tests/corpus/real when only ``split`` is given): the
      articles of that folder against ``gold`` or :func:`default_gold_for`; a
      gold folder is per-article (:func:`evaluate_corpus`), a gold file is in
      the format of tests/gold/gold.toml (:func:`evaluate`).  ``split``
      (dev/test) keeps the stems that the gold folder's split.toml lists.
    """
    from .build import build_graph, find_articles

    if corpus is None and split is None:
        return evaluate(build_graph(paths or None, knowledge=knowledge), load_gold(gold or DEFAULT_GOLD))
    corpus = Path(corpus or "tests/corpus/real")
    if not corpus.is_dir():
        raise InputError("no such corpus folder", path=str(corpus))
    g = Path(gold) if gold else default_gold_for(corpus)
    files = [f for f in find_articles([corpus]) if f.parent == corpus]
    if g.is_file():
        if split:
            raise InputError("--split needs a folder of per-article gold files with a split.toml",
                             path=str(g))
        return evaluate(build_graph(files, knowledge=knowledge), load_gold(g))
    stems = None
    if split:
        sp = load_split(g)
        if split not in sp:
            raise InputError(f"no split {split!r} (dev or test)", path=str(g / SPLIT_FILE))
        stems = set(sp[split])
    gold_by_stem = load_gold_folder(g, stems)
    no_gold = sorted(f.name.rsplit(".", 1)[0] for f in files
                     if f.name.rsplit(".", 1)[0] not in gold_by_stem
                     and (stems is None or f.name.rsplit(".", 1)[0] in stems))
    files = [f for f in files if f.name.rsplit(".", 1)[0] in gold_by_stem]
    if not files:
        raise InputError("no article of this corpus has a gold file" +
                         (f" in split {split}" if split else ""), path=str(corpus))
    scores = evaluate_corpus(build_graph(files, knowledge=knowledge), gold_by_stem)
    scores["unscored"] = sorted(set(scores["unscored"]) | set(no_gold))
    scores["corpus"], scores["gold"], scores["split"] = str(corpus), str(g), split or ""
    return scores


def render(scores: dict) -> str:
    """The text report of either scorer."""
    return render_corpus_report(scores) if scores.get("kind") == "corpus" else render_report(scores)
