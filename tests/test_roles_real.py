"""Roles of people (holdsRole) on dev-split sentences of the real corpus
(tests/corpus/real, issue 12 item 6): roles joined by 、 or 兼, a unit written
between the organisation and the role, a reporter of a named paper, and
自治区 for the region the article is about."""
from __future__ import annotations

from kg.build import build_graph


def holdings(tmp_path, text: str) -> set[tuple[str, str, str]]:
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    r = build_graph([f])
    a = r.articles[0]
    return {(a.mentions[h.person].name, h.role,
             r.entities[a.mentions[h.org].key].label if h.org is not None else "")
            for h in a.roles}


def test_roles_joined_by_a_comma_are_held_at_the_organisation_before_them(tmp_path):
    # a08-guizhou-phosphate-lithium
    got = holdings(tmp_path, "全國人大代表,貴州磷化集團黨委書記、董事長何光亮介紹,寧德時代對磷酸鐵鋰電池的"
                             "原料需求,將使磷及其伴生資源在高附加值產業中釋放價值。\n")
    assert {("何光亮", "党委书记", "贵州磷化集团"), ("何光亮", "董事长", "贵州磷化集团")} <= got


def test_roles_joined_by_jian(tmp_path):
    # b13-chuzhou-pv
    got = holdings(tmp_path, "中润新能源(滁州)有限公司由中润光能集团投资建设。市政协主席汪建中,"
                             "中润集团副总裁兼总工程师丰平,副市长余成林等出席开工仪式。\n")
    assert ("丰平", "副总裁", "中润光能集团") in got
    assert ("丰平", "总工程师", "中润光能集团") in got


def test_each_role_of_a_chain_at_its_own_organisation(tmp_path):
    # a13-baoji-titanium: 局长 at the bureau; 副链长 is not held at the bureau
    got = holdings(tmp_path, "宝鸡市经济合作局局长、宝鸡市钛及钛合金产业链副链长韩明芳说:“我们始终将企业"
                             "摆在产业发展的第一位。”\n")
    assert ("韩明芳", "局长", "宝鸡市经济合作局") in got
    assert ("韩明芳", "副链长", "宝鸡市经济合作局") not in got


def test_a_unit_between_the_organisation_and_the_role(tmp_path):
    # c07-yanshan-dairy: 办公室 and 养殖 are the unit and trade at the company
    got = holdings(tmp_path, "日前,记者来到砚山县平远镇的云南乐牧牧业有限责任公司(以下简称“乐牧公司”)奶牛养殖基地。"
                             "乐牧公司办公室主任卢美蓉介绍,目前有54头牛产奶。"
                             "乐牧公司养殖技术人员莫尚红说,这些进口的奶牛全部采用精细化养殖。\n")
    assert ("卢美蓉", "办公室主任", "云南乐牧牧业有限责任公司") in got
    assert ("莫尚红", "养殖技术人员", "云南乐牧牧业有限责任公司") in got


def test_a_reporter_of_the_paper_named_before_the_word(tmp_path):
    # a01-yichun-lithium
    got = holdings(tmp_path, "证券时报记者 王明弘\n宜春市已成为锂电新能源产业的重要基地。\n")
    assert ("王明弘", "记者", "证券时报") in got


def test_the_autonomous_region_the_article_is_about(tmp_path):
    # b07-ningdong-coalchem: 自治区主席 is the chairman of 宁夏
    got = holdings(tmp_path, "18日,宁夏煤基二甲醚、煤基烯烃两个煤化工项目在宁东能源化工基地开工。"
                             "自治区主席马启智说,这两大项目的实施在宁夏工业史上具有里程碑意义。\n")
    assert any(p == "马启智" and r == "主席" and o.startswith("宁夏") for p, r, o in got), got
