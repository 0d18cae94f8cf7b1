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


def render_report(scores: dict) -> str:
    """A plain-text report of :func:`evaluate`'s result."""
    out = []

    def table(title, rows):
        out.append(f"{title}")
        out.append(f"  {'':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
        for name, s in rows.items():
            out.append(f"  {name:22} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                       f"{s['tp']:4d} {s['fp']:4d} {s['fn']:4d}")
        out.append("")

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
