"""Issue 12, item 2: `kg eval` on per-article gold (tests/gold/real layout),
on hand-made build results and on a tiny synthetic corpus."""
import json
from decimal import Decimal
from types import SimpleNamespace as NS

import pytest

from kg.errors import InputError
from kg.evaluate import evaluate_corpus, load_article_gold, run_eval


# ------------------------------------------------------------ hand-made results

def M(key, type_, sentence=0, coref=False):
    return NS(key=key, type=type_, sentence=sentence, coref=coref)


def art(path, sentences, mentions, relations=(), flows=(), roles=(), figures=()):
    text = "".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append(NS(start=pos, end=pos + len(s)))
        pos += len(s)
    return NS(path=path, sentences=spans, quote=lambda a, b: text[a:b], mentions=list(mentions),
              relations=list(relations), flows=list(flows), roles=list(roles), figures=list(figures))


def E(label, type_, *aliases):
    return NS(label=label, type=type_, aliases=set(aliases))


def G(entities=(), relations=(), figures=()):
    return {"entity": [{"name": n, "type": t, "aliases": list(al)} for n, t, *al in entities],
            "relation": [{"s": s, "p": p, "o": o, "material": m} for s, p, o, m in relations],
            "figure": [{"text": t, "value": Decimal(v), "unit": u, "about": a} for t, v, u, a in figures]}


ENTS = {
    "cat": E("宁川时代", "Enterprise", "宁川时代新能源科技股份有限公司"),
    "city": E("东川市", "City", "东川"),
    "li": E("碳酸锂", "Product"),
    "acid": E("硫酸", "Product"),
    "hx": E("恒兴化工", "Enterprise"),
    "junk": E("实现动力电池", "Product"),
}


def test_an_entity_counts_in_each_article_it_is_named_in():
    a = art("a.txt", ["宁川时代在东川市投资。"], [M("cat", "Enterprise"), M("city", "City")])
    b = art("b.txt", ["宁川时代新能源科技股份有限公司扩产。"], [M("cat", "Enterprise")])
    gold = {"a": G([("宁川时代", "Enterprise"), ("东川市", "City")]),
            "b": G([("宁川时代新能源科技股份有限公司", "Enterprise", "宁川时代")])}
    sc = evaluate_corpus(NS(articles=[a, b], entities=ENTS), gold)
    assert sc["entities"]["Enterprise"] == {"tp": 2, "fp": 0, "fn": 0, "precision": 1.0,
                                            "recall": 1.0, "f1": 1.0}
    assert sc["entities"]["ALL"]["tp"] == 3 and sc["articles"] == ["a", "b"]


def test_entity_type_must_agree_and_false_hits_carry_their_sentence():
    a = art("a.txt", ["东川市大力发展新能源。", "当地实现动力电池量产。"],
            [M("city", "City"), M("junk", "Product", sentence=1)])
    gold = {"a": G([("东川市", "District")])}
    sc = evaluate_corpus(NS(articles=[a], entities=ENTS), gold)
    assert sc["entities"]["ALL"]["tp"] == 0
    assert sc["misses"]["entities"] == [{"article": "a", "item": "District 东川市"}]
    hits = {h["item"]: h["sentence"] for h in sc["false_hits"]["entities"]}
    assert hits == {"City 东川市": "东川市大力发展新能源。", "Product 实现动力电池": "当地实现动力电池量产。"}


def test_a_coreference_does_not_name_an_entity():
    a = art("a.txt", ["该公司扩产。"], [M("cat", "Enterprise", coref=True)])
    sc = evaluate_corpus(NS(articles=[a], entities=ENTS), {"a": G()})
    assert sc["entities"]["ALL"]["fp"] == 0


def test_relations_count_direction_signs_with_is_symmetric_flows_carry_material():
    ms = [M("cat", "Enterprise"), M("city", "City"), M("hx", "Enterprise"), M("acid", "Product"),
          M("li", "Product")]
    a = art("a.txt", ["句子。"], ms,
            relations=[NS(subject=0, predicate="produces", object=4, sentence=0),     # right
                       NS(subject=1, predicate="locatedIn", object=0, sentence=0),    # reversed
                       NS(subject=1, predicate="signsWith", object=0, sentence=0)],   # either order
            flows=[NS(supplier=2, consumer=0, materials=[3], sentence=0)])
    gold = {"a": G([("宁川时代", "Enterprise"), ("东川市", "City"), ("恒兴化工", "Enterprise"),
                    ("硫酸", "Product"), ("碳酸锂", "Product")],
                   [("宁川时代", "produces", "碳酸锂", ""), ("宁川时代", "locatedIn", "东川市", ""),
                    ("宁川时代", "signsWith", "东川市", ""), ("恒兴化工", "supplies", "宁川时代", "硫酸")])}
    sc = evaluate_corpus(NS(articles=[a], entities=ENTS), gold)
    r = sc["relations"]
    assert (r["produces"]["tp"], r["signsWith"]["tp"], r["supplies"]["tp"]) == (1, 1, 1)
    assert (r["locatedIn"]["tp"], r["locatedIn"]["fp"], r["locatedIn"]["fn"]) == (0, 1, 1)
    assert sc["misses"]["relations"] == [{"article": "a", "item": "宁川时代 locatedIn 东川市"}]
    assert sc["false_hits"]["relations"][0]["item"] == "东川市 locatedIn 宁川时代"
    assert sc["false_hits"]["relations"][0]["sentence"] == "句子。"


def test_a_gold_supply_without_material_matches_a_flow_with_one():
    ms = [M("hx", "Enterprise"), M("cat", "Enterprise"), M("acid", "Product")]
    a = art("a.txt", ["句子。"], ms, flows=[NS(supplier=0, consumer=1, materials=[2], sentence=0)])
    gold = {"a": G([("恒兴化工", "Enterprise"), ("宁川时代", "Enterprise"), ("硫酸", "Product")],
                   [("恒兴化工", "supplies", "宁川时代", "")])}
    sc = evaluate_corpus(NS(articles=[a], entities=ENTS), gold)
    assert sc["relations"]["supplies"]["f1"] == 1.0


def F(value, unit, about, text="x", sentence=0):
    return NS(value=Decimal(value), unit=unit, about=about, text=text, sentence=sentence)


def test_figures_match_on_value_unit_and_about():
    ms = [M("cat", "Enterprise"), M("city", "City"), M("junk", "Product")]
    figs = [F("32710000000", "CNY", 0, "327.1亿元"),      # right
            F("52800000", "KiloW", 0, "52.8千兆瓦时"),     # wrong unit (a power)
            F("100", "NUM", 1, "100家"),                  # wrong about
            F("10.1", "PERCENT", 2, "10.1%"),             # about an unmatched entity: counts as ""
            F("50", "NUM", None, "50个")]                 # no about, gold has none
    a = art("a.txt", ["宁川时代营收327.1亿元。"], ms, figures=figs)
    gold = {"a": G([("宁川时代", "Enterprise"), ("东川市", "City")], (),
                   [("327.1亿元", "32710000000.00001", "CNY", "宁川时代"),   # within 1e-6
                    ("52.8千兆瓦时", "52800000", "KiloW-HR", "宁川时代"),
                    ("100家", "100", "NUM", "宁川时代"),
                    ("10.1%", "10.1", "PERCENT", ""),
                    ("50个", "50", "NUM", "")])}
    sc = evaluate_corpus(NS(articles=[a], entities=ENTS), gold)
    full, vu = sc["figures"]["value+unit+about"], sc["figures"]["value+unit"]
    assert (full["tp"], full["fp"], full["fn"]) == (3, 2, 2)
    assert (vu["tp"], vu["fp"], vu["fn"]) == (4, 1, 1)
    items = [h["item"] for h in sc["false_hits"]["figures"]]
    assert "100家 = 100 NUM, about 东川市" in items
    assert all(h["sentence"] == "宁川时代营收327.1亿元。" for h in sc["false_hits"]["figures"])
    assert {m["item"] for m in sc["misses"]["figures"]} == {
        "52.8千兆瓦时 = 52800000 KiloW-HR, about 宁川时代", "100家 = 100 NUM, about 宁川时代"}


def test_articles_without_gold_are_not_scored():
    a = art("a.txt", ["句子。"], [M("junk", "Product")])
    sc = evaluate_corpus(NS(articles=[a], entities=ENTS), {"b": G()})
    assert sc["unscored"] == ["a"] and sc["missing_articles"] == ["b"]
    assert sc["entities"]["ALL"]["fp"] == 0


# ------------------------------------------------------------ a tiny corpus

A1 = ("---\ntitle: 东川市化工产业\n---\n"
      "2025年,东川宏远化工有限公司实现营业收入327.1亿元,同比增长12.5%。\n")
A2 = ("---\ntitle: 西岭县农业\n---\n"
      "西岭县新建蔬菜大棚两千个,带动农户增收。\n")
GOLD1 = '''[[entity]]
name = "东川宏远化工有限公司"
type = "Enterprise"

[[figure]]
text = "327.1亿元"
value = 32710000000
unit = "CNY"
about = "东川宏远化工有限公司"
indicator = "OutputValue"
period = "2025"

[[figure]]
text = "12.5%"
value = 12.5
unit = "PERCENT"
about = "东川宏远化工有限公司"
indicator = "Growth"
period = "2025"
'''
GOLD2 = '''[[entity]]
name = "西岭县"
type = "District"

[[figure]]
text = "两千个"
value = 2000
unit = "NUM"
about = "西岭县"
indicator = "Count"
'''


@pytest.fixture
def mini(tmp_path):
    """tmp/corpus/mini/*.txt and tmp/gold/mini/*.toml, the real corpus layout."""
    c = tmp_path / "corpus" / "mini"
    g = tmp_path / "gold" / "mini"
    c.mkdir(parents=True)
    g.mkdir(parents=True)
    (c / "a1.txt").write_text(A1, encoding="utf-8")
    (c / "a2.txt").write_text(A2, encoding="utf-8")
    (c / "a3.txt").write_text("一篇没有标注的文章。\n", encoding="utf-8")
    (g / "a1.toml").write_text(GOLD1, encoding="utf-8")
    (g / "a2.toml").write_text(GOLD2, encoding="utf-8")
    (g / "split.toml").write_text('dev = ["a1"]\ntest = ["a2"]\n', encoding="utf-8")
    return c, g


def test_eval_corpus_finds_its_gold_folder_and_scores_each_article(mini):
    from kg.build import build_graph

    c, g = mini
    sc = run_eval(corpus=c)
    assert sc["gold"] == str(g) and sc["articles"] == ["a1", "a2"] and sc["unscored"] == ["a3"]
    # the figures stage reads these exactly
    assert sc["figures"]["value+unit"]["tp"] == 3 and sc["figures"]["value+unit"]["fn"] == 0
    # every entity named in a scored article is a tp or an fp of that article
    res = build_graph([c / "a1.txt", c / "a2.txt"])
    named = sum(len({m.key for m in a.mentions if not m.coref}) for a in res.articles)
    e = sc["entities"]["ALL"]
    assert e["tp"] + e["fp"] == named and e["tp"] + e["fn"] == 2


def test_eval_split_keeps_one_split(mini):
    c, _ = mini
    dev, test = run_eval(corpus=c, split="dev"), run_eval(corpus=c, split="test")
    assert dev["articles"] == ["a1"] and test["articles"] == ["a2"]
    assert dev["figures"]["value+unit"]["tp"] == 2 and test["figures"]["value+unit"]["tp"] == 1
    assert dev["unscored"] == [] and dev["split"] == "dev"


def test_eval_corpus_with_gold_inside_the_folder(tmp_path):
    c = tmp_path / "mine"
    (c / "gold").mkdir(parents=True)
    (c / "a1.txt").write_text(A1, encoding="utf-8")
    (c / "gold" / "a1.toml").write_text(GOLD1, encoding="utf-8")
    sc = run_eval(corpus=c)
    assert sc["articles"] == ["a1"] and sc["figures"]["value+unit"]["tp"] == 2


def test_eval_cli_json_and_text(mini, kg_cli):
    c, _ = mini
    r = kg_cli("eval", "--corpus", c, "--format", "json")
    assert r.returncode == 0, r.stderr
    sc = json.loads(r.stdout)
    assert set(sc) >= {"entities", "relations", "figures", "misses", "false_hits"}
    assert set(sc["figures"]) == {"value+unit+about", "value+unit"}
    r = kg_cli("eval", "--corpus", c, "--split", "test")
    assert r.returncode == 0, r.stderr
    assert "Articles scored: 1" in r.stdout and "Figures" in r.stdout and "value+unit" in r.stdout
    for fh in json.loads(kg_cli("eval", "--corpus", c, "--format", "json").stdout)["false_hits"]["entities"]:
        assert fh["sentence"]                      # each false hit shows its sentence


def test_eval_bad_gold_is_one_line(mini, kg_cli):
    c, g = mini
    (g / "a2.toml").write_text('[[entity]]\ntype = "City"\n', encoding="utf-8")
    r = kg_cli("eval", "--corpus", c)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0 and "a2.toml" in r.stderr and "name" in r.stderr
    (g / "split.toml").write_text('dev = "a1"\n', encoding="utf-8")
    r = kg_cli("eval", "--corpus", c, "--split", "dev")
    assert r.returncode == 1 and "split.toml" in r.stderr


def test_eval_corpus_without_gold_says_so(tmp_path, kg_cli):
    (tmp_path / "a.txt").write_text(A1, encoding="utf-8")
    r = kg_cli("eval", "--corpus", tmp_path)
    assert r.returncode == 1 and "--gold" in r.stderr and "Traceback" not in r.stderr


def test_gold_values_are_decimals(tmp_path):
    p = tmp_path / "x.toml"
    p.write_text('[[figure]]\ntext = "327.1亿元"\nvalue = 32710000000\nunit = "CNY"\n', encoding="utf-8")
    assert load_article_gold(p)["figure"][0]["value"] == Decimal("32710000000")
    p.write_text('[[figure]]\nvalue = "many"\nunit = "CNY"\n', encoding="utf-8")
    with pytest.raises(InputError, match="not a number"):
        load_article_gold(p)
