"""Issue 15: what a user touches — analyze, validate, --version, viz --types."""
import json
import re

from .conftest import ROOT

GRAPH = ROOT / "data" / "triples.ttl"


def test_analyze_lists_each_supply_once_with_its_material(kg_cli):
    r = kg_cli("analyze")
    assert r.returncode == 0, r.stderr
    around = r.stdout.split("## Around ", 1)[1].split("\n## ", 1)[0]
    lines = [x for x in around.splitlines() if x.startswith("- ")]
    assert len(lines) == len(set(lines))
    assert "- 金川集团 —supplies 硫酸→ 甘肃佰利联化学有限公司" in lines
    assert "- 金川集团 —supplies 电石渣→ 甘肃佰利联化学有限公司" in lines
    data = json.loads(kg_cli("analyze", "--format", "json").stdout)
    edges = [tuple(e) for e in data["ego"]["edges"]]
    assert len(edges) == len(set(edges))


def test_analyze_shows_a_plan_period_as_its_years(kg_cli):
    r = kg_cli("analyze")
    series = r.stdout.split("## Indicators over time", 1)[1]
    jc = next(x for x in series.splitlines() if x.startswith("- 金昌市:"))
    assert "GDP 2021–2025 (十四五): 700亿元" in jc
    assert not re.search(r"GDP 2021: 700亿元", jc)


def test_validate_a_malformed_file_gives_the_reason(tmp_path, kg_cli):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <urn:x#> .\nx:a x:b x:c ;;; ] .\n", encoding="utf-8")
    r = kg_cli("validate", bad)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "bad.ttl" in r.stderr and "line 2" in r.stderr and "Bad syntax" in r.stderr
    assert not r.stderr.rstrip().endswith(":")


def test_version(kg_cli):
    import kg

    r = kg_cli("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"kg {kg.__version__}"


def test_viz_unknown_class_lists_the_valid_ones(tmp_path, kg_cli):
    out = tmp_path / "g.html"
    r = kg_cli("viz", "--types", "Enterprize", "--out", out)
    assert r.returncode == 1 and not out.exists()
    assert len(r.stderr.strip().splitlines()) == 1
    assert "Enterprize" in r.stderr and "Enterprise" in r.stderr and "Product" in r.stderr
    r = kg_cli("viz", "--types", "enterprise,PRODUCT", "--out", out)
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert '"ktype":"Enterprise"' in text and '"ktype":"Product"' in text
    assert '"ktype":"Person"' not in text
