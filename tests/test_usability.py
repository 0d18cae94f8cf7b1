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
    assert "bad.ttl" in r.stderr and "line 2" in r.stderr
    # the reason comes after the position, not cut off at it
    assert "not a valid" in r.stderr or "Bad syntax" in r.stderr
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


# ---------------------------------------------------------------- identity

ONE = "甘肃光明化工有限公司总投资40亿元，年产钛白粉10万吨。金川集团冶炼副产的硫酸供应甘肃光明化工有限公司。\n"


def _subjects(ttl):
    from rdflib import Graph, URIRef

    from kg.ontology import KG_NS

    g = Graph()
    g.parse(ttl)
    return sorted({str(s) for s in g.subjects() if isinstance(s, URIRef)
                   and not str(s).startswith(KG_NS)})     # (indicator labels: vocabulary)


def test_default_namespaces_are_not_placeholders():
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF

    from kg.namespace import KG
    from kg.ontology import DEFAULT_ID_NS, ID_NS, KG_NS, ONTOLOGY_IRI, ontology_dir

    for iri in (DEFAULT_ID_NS, KG_NS, str(KG), ONTOLOGY_IRI):
        assert "example." not in iri and iri.startswith("https://w3id.org/")
    assert ID_NS == DEFAULT_ID_NS
    onto = Graph().parse(ontology_dir() / "kg.ttl")
    assert list(onto.subjects(RDF.type, OWL.Ontology)) == [URIRef(ONTOLOGY_IRI)]
    text = (ROOT / "data" / "triples.ttl").read_text(encoding="utf-8")
    assert "example.org" not in text and DEFAULT_ID_NS + "org/jinchuan-group" in text
    for f in (ROOT / "ontology" / "shapes.ttl", *sorted((ROOT / "kg" / "graph" / "queries").glob("*.rq"))):
        assert "example.org" not in f.read_text(encoding="utf-8"), f


def test_the_base_is_configurable_and_local_names_stay(tmp_path, kg_cli):
    from kg.ontology import DEFAULT_ID_NS

    art = tmp_path / "a" / "one.txt"
    art.parent.mkdir()
    art.write_text(ONE, encoding="utf-8")
    assert kg_cli("build", art, "--out", tmp_path / "d", "--no-html").returncode == 0
    default = _subjects(tmp_path / "d" / "triples.ttl")
    assert default and all(s.startswith(DEFAULT_ID_NS) for s in default)
    local = sorted(s[len(DEFAULT_ID_NS):].split("/")[0] for s in default)
    # --base
    base = "https://data.example.com/kg/id/"
    r = kg_cli("build", art, "--out", tmp_path / "b", "--no-html", "--base", base)
    assert r.returncode == 0, r.stderr
    got = _subjects(tmp_path / "b" / "triples.ttl")
    assert got and all(s.startswith(base) for s in got)
    assert sorted(s[len(base):].split("/")[0] for s in got) == local
    ents = {s[len(base):] for s in got if "/evidence/" not in s and "/observation/" not in s}
    assert ents == {s[len(DEFAULT_ID_NS):] for s in default
                    if "/evidence/" not in s and "/observation/" not in s}
    # kg.toml in the current folder
    conf = tmp_path / "proj"
    conf.mkdir()
    (conf / "kg.toml").write_text('[iri]\nbase = "https://kg.example.net/"\n', encoding="utf-8")
    r = kg_cli("build", art, "--out", tmp_path / "c", "--no-html", cwd=conf,
               env={"KG_ONTOLOGY": str(ROOT / "ontology")})
    assert r.returncode == 0, r.stderr
    assert all(s.startswith("https://kg.example.net/") for s in _subjects(tmp_path / "c" / "triples.ttl"))
    # a bad base is one line, and nothing is written
    r = kg_cli("build", art, "--out", tmp_path / "e", "--base", "not-an-iri")
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "IRI base" in r.stderr
    assert not (tmp_path / "e").exists()
    (conf / "kg.toml").write_text('[iri]\nbase = "ftp://x"\n', encoding="utf-8")
    r = kg_cli("build", art, "--out", tmp_path / "e", cwd=conf)
    assert r.returncode == 1 and "kg.toml" in r.stderr and len(r.stderr.strip().splitlines()) == 1
