"""Issue 4: ontology, generated namespace and docs, SHACL shapes that can fail."""
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.docs import DOCS, render_docs
from kg.namespace import KG
from kg.ontology import KG_NS, ontology_dir, ontology_terms, render_namespace
from kg.graph.validate import validate_graph

ORG = "http://www.w3.org/ns/org#"
ALIGNED = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", str(RDFS), ORG,
           "http://www.w3.org/ns/prov#", "http://www.w3.org/2004/02/skos/core#", str(DCTERMS))


def test_namespace_has_no_drift():
    from pathlib import Path

    import kg

    current = (Path(kg.__file__).parent / "namespace.py").read_text(encoding="utf-8")
    assert current == render_namespace(ontology_terms())


def test_closed_namespace_rejects_misspelt_terms():
    assert str(KG.MaterialFlow) == KG_NS + "MaterialFlow"
    with pytest.raises(AttributeError):
        KG.MaterialFlowz  # noqa: B018


def test_docs_have_no_drift():
    assert DOCS.read_text(encoding="utf-8") == render_docs()


def test_every_term_has_chinese_and_english_labels_and_a_comment():
    g = Graph()
    g.parse(ontology_dir() / "kg.ttl")
    for name in ontology_terms():
        t = URIRef(KG_NS + name)
        langs = {getattr(o, "language", None) for o in g.objects(t, RDFS.label)}
        assert {"zh", "en"} <= langs, name
        assert g.value(t, RDFS.comment), name


def test_every_term_used_in_the_graph_is_declared(bundled_graph):
    declared = set(ontology_terms())
    used_preds = set(bundled_graph.predicates())
    used_classes = set(bundled_graph.objects(None, RDF.type))
    for term in used_preds | used_classes:
        s = str(term)
        if s.startswith(KG_NS):
            assert s[len(KG_NS):] in declared, s
        else:
            assert s.startswith(ALIGNED), f"{s} is from no aligned vocabulary"


def test_properties_have_domains_and_ranges():
    g = Graph()
    g.parse(ontology_dir() / "kg.ttl")
    from rdflib.namespace import OWL

    for p in g.subjects(RDF.type, OWL.ObjectProperty):
        assert g.value(p, RDFS.domain) is not None or g.value(p, RDFS.range) is not None, p


ENGINES = ("shacl", "pyshacl")


@pytest.mark.parametrize("engine", ENGINES)
def test_bundled_graph_conforms(bundled_graph, engine):
    rep = validate_graph(bundled_graph, engine=engine)
    assert rep.conforms, rep.text()
    assert rep.engine == engine


def _node(g, cls, pred=None):
    for s in sorted(g.subjects(RDF.type, cls), key=str):
        if pred is None or g.value(s, pred) is not None:
            return s
    raise AssertionError(f"no {cls}")


def _jinchuan(g):
    return next(s for s in g.subjects(RDFS.label, Literal("金川集团", lang="zh")))


def m_article(g):
    n = _node(g, KG.Article)
    g.remove((n, DCTERMS.title, None))
    return n


def m_sentence(g):
    n = _node(g, KG.Sentence)
    g.remove((n, KG.text, None))
    return n


def m_entity(g):
    n = _jinchuan(g)
    g.remove((n, RDFS.label, Literal("金川集团", lang="zh")))
    return n


def m_product(g):
    n = _node(g, KG.Product)
    g.add((n, KG.usedIn, Literal("not an entity")))
    return n


def m_person(g):
    n = _node(g, KG.Person)
    g.add((n, KG.holdsRole, _node(g, KG.Product)))
    return n


def m_evidence(g):
    n = _node(g, KG.Evidence)
    g.remove((n, KG.quote, None))
    return n


def m_flow(g):
    n = _node(g, KG.MaterialFlow)
    g.add((n, KG.supplier, _node(g, KG.Enterprise)))
    g.add((n, KG.supplier, _node(g, KG.GovernmentBody)))
    return n


def m_observation(g):
    n = _node(g, KG.Observation)
    g.remove((n, KG.unit, None))
    return n


def m_membership(g):
    n = _node(g, KG.Membership)
    g.remove((n, URIRef(ORG + "member"), None))
    return n


def m_role(g):
    n = _node(g, KG.Role)
    g.remove((n, RDFS.label, None))
    return n


def m_indicator(g):
    n = URIRef(KG_NS + "UnlabelledIndicator")     # an indicator the ontology does not label
    g.add((n, RDF.type, KG.Indicator))
    return n


@pytest.mark.parametrize("mutate", [m_article, m_sentence, m_entity, m_product, m_person,
                                    m_evidence, m_flow, m_observation, m_membership, m_role,
                                    m_indicator], ids=lambda f: f.__name__[2:])
def test_each_shape_can_fail(bundled_graph, mutate):
    """Each shape's mutation fails on both engines, with the same focus nodes
    and paths: pySHACL is the reference the fast engine must agree with."""
    g = Graph()
    for t in bundled_graph:
        g.add(t)
    node = mutate(g)
    reports = {e: validate_graph(g, engine=e) for e in ENGINES}
    for engine, rep in reports.items():
        assert rep.engine == engine
        assert not rep.conforms, engine
        assert any(v.focus == str(node) for v in rep.violations), (engine, rep.text())
    fast, ref = reports["shacl"], reports["pyshacl"]
    assert ({(v.focus, v.path) for v in fast.violations}
            == {(v.focus, v.path) for v in ref.violations}), (fast.text(), ref.text())
    assert len(fast.violations) == len(ref.violations)


def test_kg_validate_names_the_node(tmp_path, bundled_graph, kg_cli):
    g = Graph()
    for t in bundled_graph:
        g.add(t)
    n = _jinchuan(g)
    g.remove((n, RDFS.label, Literal("金川集团", lang="zh")))
    bad = tmp_path / "bad.ttl"
    g.serialize(bad, format="turtle")
    r = kg_cli("validate", bad)
    assert r.returncode == 1
    assert str(n) in r.stdout and "Chinese label" in r.stdout
    good = tmp_path / "good.ttl"
    bundled_graph.serialize(good, format="turtle")
    r = kg_cli("validate", good, "--infer", "rdfs")
    assert r.returncode == 0 and "conforms" in r.stdout


@pytest.mark.parametrize("engine", ENGINES)
def test_kg_validate_engines_agree_on_the_cli(tmp_path, bundled_graph, kg_cli, engine):
    g = Graph()
    for t in bundled_graph:
        g.add(t)
    n = m_observation(g)
    bad = tmp_path / "bad.nt"          # N-Triples too: the format follows the extension
    g.serialize(bad, format="nt", encoding="utf-8")
    r = kg_cli("validate", bad, "--engine", engine)
    assert r.returncode == 1, r.stderr
    assert str(n) in r.stdout and "kg:unit" in r.stdout


def test_kg_validate_owlrl_falls_back_to_pyshacl_and_says_so(tmp_path, bundled_graph, kg_cli):
    good = tmp_path / "good.ttl"
    bundled_graph.serialize(good, format="turtle")
    r = kg_cli("validate", good, "--infer", "owlrl")
    assert r.returncode == 0 and "conforms" in r.stdout
    assert "pySHACL" in r.stderr


def test_kg_validate_rejects_unreadable_files(tmp_path, kg_cli):
    bad = tmp_path / "x.ttl"
    bad.write_text("this is { not turtle", encoding="utf-8")
    r = kg_cli("validate", bad)
    assert r.returncode == 1 and str(bad) in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_build_refuses_a_graph_that_does_not_conform(units_dropped, tmp_path):
    from kg import build as b
    from kg.errors import ValidationError

    with pytest.raises(ValidationError) as e:
        b.build(None, tmp_path, html=False)
    assert "unit" in str(e.value)
    assert not (tmp_path / "triples.ttl").exists()
