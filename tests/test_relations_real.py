"""The relation rules of ontology/triggers.toml on sentences of the real
corpus's dev split (tests/corpus/real, issue 12 item 6).

Most tests give the names of the sentence (as the gold of the article writes
them) and run only the relation stage, so that they test the rules and the
matcher whatever the mention stage finds; a few run the whole pipeline on a
dev sentence where the names come out today."""
from __future__ import annotations

import pytest

from kg.article import Article, prepare
from kg.build import build_graph
from kg.extract.model import Mention
from kg.extract.relations import find_relations, pick


@pytest.fixture(scope="module")
def k():
    from kg.knowledge import load_knowledge

    return load_knowledge()


def facts(k, text: str, names: dict[str, str], parts: dict[str, str] | None = None
          ) -> set[tuple[str, str, str]]:
    """The relations the rules find in ``text`` when ``names`` (name -> class)
    are its mentions: every occurrence, a name inside a longer one kept (a
    product inside a project's name), crossing ones not.  ``parts`` (name ->
    first component) writes a name as the mention stage does: the component's
    mention, then the rest of the name's span with the component as parent."""
    parts = parts or {}
    art = prepare(Article(id="t", path="t.txt", original=text))
    spans, ms = [], []
    for name in sorted(names, key=len, reverse=True):
        at = 0
        while (i := art.text.find(name, at)) >= 0:
            at = i + 1
            j = i + len(name)
            if any(a < i < b < j or i < a < j < b or (a, b) == (i, j) for a, b in spans):
                continue
            spans.append((i, j))
            sent = next(s.index for s in art.sentences if s.start <= i < s.end)
            ms.append(Mention(i, j, name, names[name], name, "test", key=name, sentence=sent))
    for m in list(ms):
        head = parts.get(m.name)
        if head:
            comp = Mention(m.start, m.start + len(head), head, names[head], head, "test",
                           key=head, sentence=m.sentence)
            ms = [x for x in ms if not (x.start == comp.start and x.end == comp.end)]
            ms.append(comp)
            m.start = comp.end
    ms.sort(key=lambda m: (m.start, -m.end))
    for m in ms:
        head = parts.get(m.name)
        if head:
            m.parent = next(i for i, x in enumerate(ms) if x.name == head and x.end == m.start)
    art.mentions = ms
    find_relations(art, k)
    return {(art.mentions[r.subject].name, r.predicate, art.mentions[r.object].name)
            for r in art.relations}


def build_text(tmp_path, text: str):
    """The build of ``text`` as one article file ``a.txt``."""
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    return build_graph([p])


def built_rules(tmp_path, text: str) -> dict[tuple[str, str, str], set[str]]:
    """The relations of ``text``'s build by entity label, with their rules."""
    res = build_text(tmp_path, text)
    out: dict[tuple[str, str, str], set[str]] = {}
    for a in res.articles:
        for r in a.relations:
            key = (res.entities[a.mentions[r.subject].key].label, r.predicate,
                   res.entities[a.mentions[r.object].key].label)
            out.setdefault(key, set()).add(r.rule)
    return out


def built(tmp_path, text: str) -> set[tuple[str, str, str]]:
    return set(built_rules(tmp_path, text))


# ---------------------------------------------------------------- subsidiaries, units, founders

def test_invested_subsidiaries_each_of_a_list(k):
    # b05-fuan-steel
    got = facts(k, "2008年至今,青山钢铁在福安湾坞工贸区投资了鼎信实业、鼎信科技、鼎信物流、鼎信机械工程、"
                   "鼎信金属回收等子公司。",
                {"青山钢铁": "Enterprise", "福安湾坞工贸区": "Park", "鼎信实业": "Enterprise",
                 "鼎信科技": "Enterprise", "鼎信物流": "Enterprise", "鼎信机械工程": "Enterprise",
                 "鼎信金属回收": "Enterprise"})
    for c in ("鼎信实业", "鼎信科技", "鼎信物流", "鼎信机械工程", "鼎信金属回收"):
        assert (c, "subsidiaryOf", "青山钢铁") in got
        assert ("青山钢铁", "investsIn", c) in got
        assert (c, "locatedIn", "福安湾坞工贸区") in got
    assert ("青山钢铁", "locatedIn", "福安湾坞工贸区") not in got      # the text does not say so


def test_under_owner_and_not_the_thing_after_a_subsidiary_word(k):
    # a07-yuxi-battery
    got = facts(k, "华友控股旗下拥有上市公司华友钴业,产品主要围绕锂电材料产业展开。",
                {"华友控股": "Enterprise", "华友钴业": "Enterprise"})
    assert ("华友钴业", "subsidiaryOf", "华友控股") in got
    # a08-guizhou-phosphate-lithium: 控股子公司 is no name here; 贵州磷化集团 is not its subsidiary
    got = facts(k, "宁德时代还将通过控股子公司参与投资贵州磷化集团的磷酸铁、六氟磷酸锂、电池回收等项目。",
                {"宁德时代": "Enterprise", "贵州磷化集团": "Enterprise"})
    assert not any(p == "subsidiaryOf" for _, p, _ in got)


def test_founders_invest_in_the_joint_venture(k):
    # a14-jiaozuo-titanium
    got = facts(k, "河南中源钛业有限公司是由浙江甬金、龙佰集团、贵州航宇3家上市公司,依托自身优势合资成立的"
                   "新材料企业。",
                {"河南中源钛业有限公司": "Enterprise", "浙江甬金": "Enterprise",
                 "龙佰集团": "Enterprise", "贵州航宇": "Enterprise"})
    for f in ("浙江甬金", "龙佰集团", "贵州航宇"):
        assert (f, "investsIn", "河南中源钛业有限公司") in got


def test_an_investment_in_a_company_passes_the_shapes(tmp_path):
    """investsIn may point at an organisation (a subsidiary, a joint venture):
    the guard no longer drops it."""
    got = built(tmp_path, "2008年至今,青山钢铁在福安湾坞工贸区投资了鼎信实业、鼎信科技、鼎信物流等子公司。\n")
    assert ("青山钢铁", "investsIn", "鼎信科技") in got


# ---------------------------------------------------------------- located in

def test_located_verb_takes_the_innermost_written_place(k):
    # b04-linyi-steel: not 山东省, the park written inside it
    got = facts(k, "临沂优特钢项目位于山东省临沂临港经济开发区,总占地面积3223.9亩,设计产能为年产270万吨优特钢。",
                {"临沂优特钢项目": "Project", "山东省": "Province", "临沂临港经济开发区": "Park",
                 "优特钢": "Product"})
    assert ("临沂优特钢项目", "locatedIn", "临沂临港经济开发区") in got
    assert ("临沂优特钢项目", "locatedIn", "山东省") not in got
    # the project's own output (annual-output: the maker is the project, not the park it lies in)
    assert ("临沂优特钢项目", "produces", "优特钢") in got


def test_a_place_located_by_a_verb(k):
    # c04-tonghe-rice
    got = facts(k, "通河县位于黑龙江省中部,小兴安岭南麓,松花江中游北岸。",
                {"通河县": "District", "黑龙江省": "Province"})
    assert ("通河县", "locatedIn", "黑龙江省") in got


def test_a_park_frame_places_every_project_of_its_sentence(k):
    # a04-qujing-battery
    names = {"曲靖经济开发区": "Park", "云南": "Province", "德方纳米": "Enterprise",
             "年产11万吨磷酸锰铁锂正极材料项目": "Project", "磷酸锰铁锂正极材料": "Product",
             "亿纬锂能动力储能电池项目": "Project"}
    got = facts(k, "近日,在云南曲靖经济开发区,德方纳米年产11万吨磷酸锰铁锂正极材料项目正式投产,"
                   "亿纬锂能动力储能电池项目一期顺利开工。", names)
    assert ("年产11万吨磷酸锰铁锂正极材料项目", "locatedIn", "曲靖经济开发区") in got
    assert ("亿纬锂能动力储能电池项目", "locatedIn", "曲靖经济开发区") in got
    # 年产… inside the project's name states nothing of 德方纳米 by itself
    assert ("德方纳米", "produces", "磷酸锰铁锂正极材料") not in got
    # a02-suining-lithium: 走进 PARK, the projects listed
    got = facts(k, "9月12日,走进射洪县锂电产业园,年产5000吨磷酸铁锂正极材料项目、年产1000吨金属锂材料项目、"
                   "年产10万吨三元前驱体项目等多个锂电新材料项目正加快建设。",
                {"射洪县锂电产业园": "Park", "年产5000吨磷酸铁锂正极材料项目": "Project",
                 "年产1000吨金属锂材料项目": "Project", "年产10万吨三元前驱体项目": "Project"})
    for p in ("年产5000吨磷酸铁锂正极材料项目", "年产1000吨金属锂材料项目", "年产10万吨三元前驱体项目"):
        assert (p, "locatedIn", "射洪县锂电产业园") in got


def test_an_event_at_a_place(k):
    # b13-chuzhou-pv
    got = facts(k, "作为我市第三批百亿级重大项目之一的中润新能源(滁州)有限公司16GW大尺寸高效光伏电池项目开工仪式"
                   "在琅琊经济开发区举行。",
                {"中润新能源(滁州)有限公司": "Enterprise", "16GW大尺寸高效光伏电池项目": "Project",
                 "琅琊经济开发区": "Park"})
    assert ("16GW大尺寸高效光伏电池项目", "locatedIn", "琅琊经济开发区") in got


def test_place_of_a_company_and_located_of(k):
    # c07-yanshan-dairy: PLACE的COMPANY
    got = facts(k, "日前,记者来到砚山县平远镇的云南乐牧牧业有限责任公司奶牛养殖基地。",
                {"砚山县": "District", "平远镇": "Town", "云南乐牧牧业有限责任公司": "Enterprise"})
    assert ("云南乐牧牧业有限责任公司", "locatedIn", "平远镇") in got
    # a14-jiaozuo-titanium: 位于X的NAME
    got = facts(k, "1月2日,站在位于焦作经济技术开发区的中福钛锆产业园项目现场,望着拔地而起的车间厂房。",
                {"焦作经济技术开发区": "Park", "中福钛锆产业园项目": "Project"})
    assert ("中福钛锆产业园项目", "locatedIn", "焦作经济技术开发区") in got


def test_a_park_built_in_a_place_and_a_project_of_a_park(k):
    # b14-jiulongpo-hydrogen
    got = facts(k, "根据项目协议,6家企业将在九龙坡区投资40亿元人民币,建设氢燃料电池8大关键核心零部件(质子交换膜、"
                   "催化剂、膜电极、双极板、碳纸、电堆、空压机、氢气循环系统)以及燃料电池系统集成科技产业园。",
                {"九龙坡区": "District", "燃料电池系统集成科技产业园": "Park", "氢燃料电池": "Product",
                 "质子交换膜": "Product", "催化剂": "Product", "膜电极": "Product",
                 "双极板": "Product", "空压机": "Product"})
    assert ("燃料电池系统集成科技产业园", "locatedIn", "九龙坡区") in got
    # the parts listed in brackets are used in the product before them
    for part in ("质子交换膜", "催化剂", "膜电极", "双极板", "空压机"):
        assert (part, "usedIn", "氢燃料电池") in got
    # b07-ningdong-coalchem
    got = facts(k, "煤基烯烃项目也是宁东能源化工基地新型煤化工基地一期规划建设的重点项目。",
                {"煤基烯烃项目": "Project", "宁东能源化工基地": "Park"})
    assert ("煤基烯烃项目", "locatedIn", "宁东能源化工基地") in got


def test_gazetteer_links_only_the_nearest_level_written_before(tmp_path):
    # c13-lianping-cleanup: 广东省河源市连平县 is stated, level by level; c02-shenxian
    # style: places apart state nothing, the gazetteer knows it (a background fact)
    got = built_rules(tmp_path, "党的十八大以来,广东省河源市连平县全面推进农村人居环境整治。\n"
                                "莘县绿色食品加工产业集群被列入山东省2025年特色产业集群。\n")
    assert "gazetteer:cpca-hierarchy" not in got[("连平县", "locatedIn", "河源市")]
    assert "gazetteer:cpca-hierarchy" not in got[("河源市", "locatedIn", "广东省")]
    assert ("连平县", "locatedIn", "广东省") not in got
    assert got[("莘县", "locatedIn", "山东省")] == {"gazetteer:cpca-hierarchy"}


def test_the_gazetteer_hierarchy_links_places_named_apart_to_the_nearest_level_named(tmp_path):
    # f01-zaozhuang-battery: 枣庄 … 滕州市 in other sentences; 山东 named too, but
    # the county-level city lies in the nearer 枣庄市, not in the province
    got = built_rules(tmp_path, "山东枣庄市锂电产业异军突起。\n地处滕州市的联泓新科将目光转向了锂电产业。\n")
    assert got[("滕州市", "locatedIn", "枣庄市")] == {"gazetteer:cpca-hierarchy"}
    assert ("滕州市", "locatedIn", "山东省") not in got


def test_background_facts_are_not_scored_as_stated_ones(tmp_path):
    from kg.evaluate import evaluate_corpus
    res = build_text(tmp_path, "莘县绿色食品加工产业集群被列入山东省2025年特色产业集群。\n")
    gold = {"a": {"entity": [{"name": "莘县", "type": "District", "aliases": []},
                             {"name": "山东省", "type": "Province", "aliases": []}],
                  "relation": [], "figure": []}}
    scores = evaluate_corpus(res, gold)
    assert any(r.rule == "gazetteer:cpca-hierarchy" for a in res.articles for r in a.relations)
    assert not [x for x in scores["false_hits"]["relations"] if x["item"] == "莘县 locatedIn 山东省"]


def test_a_company_named_after_its_county_lies_there(tmp_path):
    # a11-mianning-rareearth / a02-suining-lithium
    got = built(tmp_path, "目前,四川省冕宁县茂源稀土科技有限公司抛光粉项目已竣工投产。\n"
                          "没有丰富锂资源矿藏的遂宁,与锂结缘,源于1992年建设的国营射洪县锂盐厂。\n")
    assert ("四川省冕宁县茂源稀土科技有限公司", "locatedIn", "冕宁县") in got
    assert ("射洪县锂盐厂", "locatedIn", "射洪县") in got


# ---------------------------------------------------------------- production, consumption, supply

def test_output_words_after_a_product(k):
    # b11-taizhou-pv, a13-baoji-titanium
    got = facts(k, "一道新能源“5GW电池+5GW组件”项目建成后,海陵区光伏电池产能将达7.4GW,组件产能将达15.4GW。",
                {"一道新能源": "Enterprise", "海陵区": "District", "光伏电池": "Product"})
    assert ("海陵区", "produces", "光伏电池") in got
    assert ("一道新能源", "produces", "光伏电池") not in got
    got = facts(k, "2023年宝鸡市钛材生产加工量近7万吨,约占全国产量的65%。",
                {"宝鸡市": "City", "钛材": "Product"})
    assert ("宝鸡市", "produces", "钛材") in got
    # b05-fuan-steel: the clause's producer, words between
    got = facts(k, "青山集团预计2012年全年的不锈钢产量为200万吨。",
                {"青山集团": "Enterprise", "不锈钢": "Product"})
    assert ("青山集团", "produces", "不锈钢") in got


def test_annual_output_lists_and_not_annual_output_value(k):
    # b02-wenshan-aluminium
    got = facts(k, "云南宏泰新型材料有限公司2020年落户云南砚山产业园区,年产电解铝203万吨。",
                {"云南宏泰新型材料有限公司": "Enterprise", "云南砚山产业园区": "Park", "电解铝": "Product"})
    assert ("云南宏泰新型材料有限公司", "produces", "电解铝") in got
    assert ("云南宏泰新型材料有限公司", "locatedIn", "云南砚山产业园区") in got
    # 年产值 is a value, not 年产 of a product (word boundaries of the segmenter)
    got = facts(k, "鼎信镍业预计年产值300亿元镍合金销往各地。",
                {"鼎信镍业": "Enterprise", "镍合金": "Product"})
    assert ("鼎信镍业", "produces", "镍合金") not in got


def test_production_line_engaged_in_and_being_made(k):
    # a08-guizhou-phosphate-lithium: 该集团 refers to the group (a coreference mention)
    got = facts(k, "同时,贵州磷化集团保持运转的湿法净化磷酸生产线年产能已达120万吨,无水氟化氢生产线年产能达15万吨。",
                {"贵州磷化集团": "Enterprise", "净化磷酸": "Product", "无水氟化氢": "Product"})
    assert ("贵州磷化集团", "produces", "无水氟化氢") in got
    assert ("贵州磷化集团", "produces", "净化磷酸") in got
    # b13-chuzhou-pv
    got = facts(k, "中润光能集团是一家专业从事高效太阳能电池片研发、生产和销售,兼备光伏组件生产及电站运营的"
                   "现代化绿色能源生产企业。",
                {"中润光能集团": "Enterprise", "高效太阳能电池片": "Product"})
    assert ("中润光能集团", "produces", "高效太阳能电池片") in got
    # c05-linying-food: 在PROJECT…, products being made
    got = facts(k, "10月11日,在颐海(漯河)食品公司年产40万吨调味品生产基地车间内,火锅底料、火锅蘸料、鸡精和"
                   "中式复合调味料正在紧张生产。",
                {"年产40万吨调味品生产基地": "Project", "火锅底料": "Product", "火锅蘸料": "Product",
                 "鸡精": "Product", "中式复合调味料": "Product"})
    for p in ("火锅底料", "火锅蘸料", "鸡精", "中式复合调味料"):
        assert ("年产40万吨调味品生产基地", "produces", p) in got


def test_produces_needs_a_statement(k):
    # c04-tonghe-rice: 适合生产 is a suitability, not a fact
    got = facts(k, "土壤有机质含量高,适合生产有机稻米。", {"通河县": "District", "有机稻米": "Product"})
    got |= facts(k, "通河县土壤有机质含量高,适合生产有机稻米。", {"通河县": "District", "有机稻米": "Product"})
    assert ("通河县", "produces", "有机稻米") not in got


def test_raw_material_of_which_and_is_raw_material(k):
    # b07-ningdong-coalchem: the project consumes coal, nobody produces it
    got = facts(k, "项目技术采用德国未来能源GSP干煤粉气化技术,是以煤为原料的世界级大型煤化工项目。",
                {"未来能源": "Enterprise", "煤": "Product", "世界级大型煤化工项目": "Project"})
    assert ("世界级大型煤化工项目", "consumes", "煤") in got
    assert not any(p in ("produces", "consumes") and s == "未来能源" for s, p, _ in got)
    # a08-guizhou-phosphate-lithium: a raw material is made into the product
    got = facts(k, "净化磷酸是锂电池磷系正极材料中的主要原材料,无水氟化氢是锂电池电解液原料的重要辅料。",
                {"净化磷酸": "Product", "锂电池磷系正极材料": "Product"})
    assert ("净化磷酸", "inputTo", "锂电池磷系正极材料") in got
    # a07-yuxi-battery style: a material of a product is used in it
    got = facts(k, "隔膜是锂电池的关键材料。", {"隔膜": "Product", "锂电池": "Product"})
    assert ("隔膜", "usedIn", "锂电池") in got


def test_use_to_make_and_applied_in(k):
    # b01-wangjiang-copper
    got = facts(k, "从产品应用领域来看,铜带胚料主要用于后续轧制加工成电子电器行业所需的精密铜带。",
                {"铜带胚料": "Product", "精密铜带": "Product", "电子电器行业": "Sector"})
    assert ("铜带胚料", "inputTo", "精密铜带") in got
    assert ("铜带胚料", "usedIn", "精密铜带") not in got
    # a05-jintan-battery: 应用将全面覆盖 A、B…等领域
    got = facts(k, "未来10年,动力电池应用将全面覆盖新能源电动汽车、电力储能、通讯基站、轨道交通等各大领域。",
                {"动力电池": "Product", "新能源电动汽车": "Product", "电力储能": "Sector",
                 "通讯基站": "Sector", "轨道交通": "Sector"})
    for o in ("新能源电动汽车", "电力储能", "通讯基站", "轨道交通"):
        assert ("动力电池", "usedIn", o) in got


def test_supplies_to(k):
    # a written sentence: no dev sentence names the consumer of a 供应/配套
    got = facts(k, "曲靖德方纳米公司达产后每年将向宁德时代供应大批量高性能电池材料。",
                {"曲靖德方纳米公司": "Enterprise", "宁德时代": "Enterprise"})
    assert ("曲靖德方纳米公司", "supplies", "宁德时代") in got
    # a04-qujing-battery, b02-wenshan-aluminium: no named consumer, no place supplied
    got = facts(k, "曲靖德方纳米公司技术经理刘其峰表示,达产后每年将为下游电池制造企业提供大批量高性能电池材料。",
                {"曲靖德方纳米公司": "Enterprise", "刘其峰": "Person"})
    got |= facts(k, "铝产业成为文山州首个千亿级产业集群,为云南加快打造绿色铝谷提供了有力支撑。",
                 {"文山州": "City", "云南": "Province"})
    assert not any(p == "supplies" for _, p, _ in got)


# ---------------------------------------------------------------- leads, signs, runs, lists

def test_as_leader_and_lead_with_partners(k):
    # a02-suining-lithium
    got = facts(k, "以天齐锂业为龙头,遂宁逐步延长锂电产业链。",
                {"天齐锂业": "Enterprise", "遂宁": "City", "锂电产业链": "IndustryChain"})
    assert ("天齐锂业", "leads", "锂电产业链") in got
    # a10-mianyang-magnet
    got = facts(k, "巨星绵阳稀土永磁新材料产业园是由四川巨星企业集团有限公司牵头,四川新鸿兴集团有限公司、"
                   "盛和资源控股股份有限公司等主体共同投资、建设、研发及运营的“巨星(绵阳)稀土永磁新材料产业项目”。",
                {"四川巨星企业集团有限公司": "Enterprise", "四川新鸿兴集团有限公司": "Enterprise",
                 "盛和资源控股股份有限公司": "Enterprise", "巨星(绵阳)稀土永磁新材料产业项目": "Project"})
    p = "巨星(绵阳)稀土永磁新材料产业项目"
    assert ("四川巨星企业集团有限公司", "leads", p) in got
    for c in ("四川巨星企业集团有限公司", "四川新鸿兴集团有限公司", "盛和资源控股股份有限公司"):
        assert (c, "investsIn", p) in got


def test_signing_lists_on_both_sides(tmp_path):
    # a07-yuxi-battery: every company of the list signs with the city government
    got = built(tmp_path, "2月16日,玉溪市人民政府与云南恩捷新材料股份有限公司、惠州亿纬锂能股份有限公司、"
                          "浙江华友控股集团有限公司、云南云天化股份有限公司签订《新能源电池全产业链项目合作协议》。\n")
    sw = {tuple(sorted((s, o))) for s, p, o in got if p == "signsWith"}
    for c in ("云南恩捷新材料股份有限公司", "惠州亿纬锂能股份有限公司", "浙江华友控股集团有限公司",
              "云南云天化股份有限公司"):
        assert tuple(sorted((c, "玉溪市人民政府"))) in sw
    # the provinces inside the company names sign nothing
    assert not any("云南省" in pair or "浙江省" in pair for pair in sw)


def test_runs_by_drawing_up_and_not_in_a_time_clause(k):
    # c16-xinzha-points, c13-lianping-cleanup
    got = facts(k, "原来,今年以来,辛榨乡制定了《实施乡村振兴战略农户爱心积分管理试行办法》,在全乡建立了5个村级"
                   "“爱心超市”。",
                {"辛榨乡": "Town", "实施乡村振兴战略农户爱心积分管理试行办法": "Initiative"})
    assert ("辛榨乡", "runs", "实施乡村振兴战略农户爱心积分管理试行办法") in got
    got = facts(k, "市委政法委派驻金溪村第一书记黎超介绍,自实施乡村振兴战略以来,金溪村已全面完成任务。",
                {"金溪村": "Village", "乡村振兴战略": "Initiative"})
    assert ("金溪村", "runs", "乡村振兴战略") not in got


def test_attracted_a_list(k):
    # b02-wenshan-aluminium
    got = facts(k, "文山州抢抓国家铝产业布局优化重大机遇,先后引进魏桥、中铝、神火等世界500强企业。",
                {"文山州": "City", "魏桥": "Enterprise", "中铝": "Enterprise", "神火": "Enterprise"})
    for c in ("魏桥", "中铝", "神火"):
        assert ("文山州", "attracted", c) in got


# ---------------------------------------------------------------- the matcher

def _m(start, end, t, name, parent=None):
    m = Mention(start, end, name, t, name, "test")
    m.parent = parent
    return m


def test_list_picks_walk_only_over_list_separators():
    text = "甲公司、乙公司和丙公司与丁公司签约"
    ms = [_m(0, 3, "Enterprise", "甲公司"), _m(4, 7, "Enterprise", "乙公司"),
          _m(8, 11, "Enterprise", "丙公司"), _m(12, 15, "Enterprise", "丁公司")]
    types = ("Enterprise",)
    assert pick(ms, (0, 11), types, "last-list", text=text) == [0, 1, 2]
    assert pick(ms, (4, 15), types, "first-list", text=text) == [1, 2, 3]      # 与 joins too
    text2 = "甲公司投资乙公司"
    ms2 = [_m(0, 3, "Enterprise", "甲公司"), _m(5, 8, "Enterprise", "乙公司")]
    assert pick(ms2, (0, 8), types, "last-list", text=text2) == [1]


def test_chain_pick_and_components():
    text = "山东省临沂临港经济开发区"
    ms = [_m(0, 3, "Province", "山东省"), _m(3, 12, "Park", "临沂临港经济开发区")]
    assert pick(ms, (0, 12), ("Province", "Park"), "chain", text=text) == [1]
    assert pick(ms, (0, 12), ("Province", "Park"), "first", text=text) == [0]
    # a name written as components (中国|航空工业集团公司): the component is no candidate
    text = "中国航空工业集团公司"
    ms = [_m(0, 2, "Country", "中国"), _m(2, 10, "Enterprise", "中国航空工业集团公司", parent=0)]
    assert pick(ms, (0, 10), ("Country", "Enterprise"), "all", text=text) == [1]
    assert pick(ms, (0, 10), ("Country", "Enterprise"), "first", text=text) == [1]


def test_bad_rule_options_are_reported(tmp_path):
    import shutil

    from kg.errors import CatalogueError
    from kg.knowledge import load_knowledge
    from kg.ontology import ontology_dir

    onto = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), onto)
    (onto / "triggers.toml").write_text(
        '[[rule]]\nid = "x"\npattern = "(?P<t>年产)"\nword = "nope"\n', encoding="utf-8")
    with pytest.raises(CatalogueError) as e:
        load_knowledge(onto)
    assert "triggers.toml" in str(e.value) and "word" in str(e.value)


# ---------------------------------------------------------------- chains, intake, by-products, exports

def flows_of(k, text: str, names: dict[str, str]) -> set[tuple[str, str, tuple[str, ...]]]:
    art = prepare(Article(id="t", path="t.txt", original=text))
    ms = []
    for name in sorted(names, key=len, reverse=True):
        at = 0
        while (i := art.text.find(name, at)) >= 0:
            at = i + 1
            if any(m.start <= i < m.end for m in ms):
                continue
            sent = next(s.index for s in art.sentences if s.start <= i < s.end)
            ms.append(Mention(i, i + len(name), name, names[name], name, "test", key=name, sentence=sent))
    art.mentions = sorted(ms, key=lambda m: m.start)
    find_relations(art, k)
    return {(art.mentions[f.supplier].name, art.mentions[f.consumer].name,
             tuple(art.mentions[x].name for x in f.materials)) for f in art.flows}


def test_a_process_chain_and_green_hydrogen(k):
    # b01-wangjiang-copper: the furnace is the means, not an input; 或 joins the products
    got = facts(k, "生产工艺流程显示,原料电解铜板首先经工频炉熔炼成铜水,再通过连铸工艺成型为铜带坯或模具铜锭。",
                {"电解铜板": "Product", "工频炉": "Product", "铜水": "Product", "铜带坯": "Product",
                 "模具铜锭": "Product"})
    assert ("电解铜板", "inputTo", "铜水") in got
    assert ("铜水", "inputTo", "铜带坯") in got and ("铜水", "inputTo", "模具铜锭") in got
    assert ("工频炉", "inputTo", "铜水") not in got
    # b08-ordos-coalchem: 制取, 用X替代Y生产Z
    got = facts(k, "其中用“风光融合”发绿电制取绿氢,用绿氢替代石油生产绿色甲醇、绿色烯烃。",
                {"绿电": "Product", "绿氢": "Product", "石油": "Product", "绿色甲醇": "Product",
                 "绿色烯烃": "Product"})
    assert ("绿电", "inputTo", "绿氢") in got
    assert ("绿氢", "inputTo", "绿色甲醇") in got and ("绿氢", "inputTo", "绿色烯烃") in got
    assert ("石油", "inputTo", "绿色甲醇") not in got


def test_what_a_project_of_the_sentence_before_takes_in_and_gives_off(k):
    # b07-ningdong-coalchem: the subject is the project the sentence before is about
    text = ("煤基烯烃项目也是宁东能源化工基地新型煤化工基地一期规划建设的重点项目。"
            "年用原料煤、燃料煤465.24万吨,年产中间产品甲醇182.5万吨,最终产品聚丙烯52万吨,"
            "副产汽油15.62万吨、液态燃料6.45万吨、硫磺1.51万吨。")
    names = {"煤基烯烃项目": "Project", "宁东能源化工基地": "Park", "原料煤": "Product",
             "燃料煤": "Product", "甲醇": "Product", "聚丙烯": "Product", "汽油": "Product",
             "液态燃料": "Product", "硫磺": "Product"}
    got = facts(k, text, names)
    for m in ("原料煤", "燃料煤"):
        assert ("煤基烯烃项目", "consumes", m) in got
        assert ("宁东能源化工基地", "consumes", m) not in got
    for m in ("汽油", "液态燃料", "硫磺"):
        assert ("煤基烯烃项目", "byProduct", m) in got
    assert ("甲醇", "inputTo", "聚丙烯") in got
    assert ("煤基烯烃项目", "produces", "聚丙烯") in got


def test_exports_and_supplies_from_places_as_flows(k):
    # b11-taizhou-pv
    got = facts(k, "一道新能源是一家专业从事光伏组件和商用光伏设施设计、研发和生产的制造商和出口商,产品出口南非、"
                   "德国、法国、日本、韩国等多个国家和地区。",
                {"一道新能源": "Enterprise", "光伏组件": "Product", "商用光伏设施": "Product",
                 "南非": "Country", "德国": "Country", "法国": "Country", "日本": "Country",
                 "韩国": "Country"})
    for c in ("南非", "德国", "法国", "日本", "韩国"):
        assert ("一道新能源", "supplies", c) in got
    assert ("一道新能源", "produces", "光伏组件") in got and ("一道新能源", "produces", "商用光伏设施") in got
    # c07-yanshan-dairy: the places the fodder comes from supply the company (a flow of 牧草)
    names = {"云南乐牧牧业有限责任公司": "Enterprise", "美国": "Country", "甘肃": "Province",
             "宁夏": "Province", "牧草": "Product"}
    text = ("记者来到砚山县平远镇的云南乐牧牧业有限责任公司奶牛养殖基地。"
            "全部采用精细化养殖,奶牛每天吃的口粮来自美国、甘肃、宁夏等地的优质牧草混合而成。")
    fl = flows_of(k, text, names)
    for src in ("美国", "甘肃", "宁夏"):
        assert (src, "云南乐牧牧业有限责任公司", ("牧草",)) in fl
    assert not any(p == "supplies" for _, p, _ in facts(k, text, names))   # the flow says it


def test_listed_in_a_programme(k):
    # a13-baoji-titanium
    got = facts(k, "目前,宝鸡钛及新材料产业集群已被列入国家战略性新兴产业集群发展工程。",
                {"宝鸡钛及新材料产业集群": "IndustrialCluster", "国家战略性新兴产业集群发展工程": "Initiative"})
    assert ("宝鸡钛及新材料产业集群", "partOf", "国家战略性新兴产业集群发展工程") in got


def test_investors_of_a_company_and_a_project_named_after_its_company(k):
    # b13-chuzhou-pv
    got = facts(k, "中润新能源(滁州)有限公司由中润光能集团投资建设,中润光能集团是一家专业从事高效太阳能电池片研发的企业。",
                {"中润新能源(滁州)有限公司": "Enterprise", "中润光能集团": "Enterprise"})
    assert ("中润光能集团", "investsIn", "中润新能源(滁州)有限公司") in got
    # a04-qujing-battery: 亿纬锂能|动力储能电池项目
    got = facts(k, "近日,在云南曲靖经济开发区,德方纳米年产11万吨磷酸锰铁锂正极材料项目正式投产,"
                   "亿纬锂能动力储能电池项目一期顺利开工。",
                {"亿纬锂能": "Enterprise", "亿纬锂能动力储能电池项目": "Project", "曲靖经济开发区": "Park"},
                parts={"亿纬锂能动力储能电池项目": "亿纬锂能"})
    assert ("亿纬锂能", "investsIn", "亿纬锂能动力储能电池项目") in got


def test_runs_by_pressing_on_and_a_place_of_an_initiative(k):
    # c13-lianping-cleanup, c14-jianhe-points
    got = facts(k, "党的十八大以来,广东省河源市连平县全面推进农村人居环境整治,传承发展农村优秀传统文化。",
                {"连平县": "District", "农村人居环境整治": "Initiative"})
    assert ("连平县", "runs", "农村人居环境整治") in got
    got = facts(k, "南寨镇围绕“两清两改两治理”工作目标,常态化组织入户评比活动。",
                {"南寨镇": "Town", "两清两改两治理": "Initiative"})
    assert ("南寨镇", "runs", "两清两改两治理") in got
    got = facts(k, "日前,走进贵州省黔东南州剑河县南寨镇的积分超市,只见货架上摆放的商品满满当当。",
                {"南寨镇": "Town", "积分超市": "Initiative"})
    assert ("南寨镇", "runs", "积分超市") in got
    # the bundled corpus: 作为“一号工程”推进,每年… — what follows the comma is not run
    got = facts(k, "金昌市将有色金属新材料产业作为“一号工程”推进,每年将市企融合座谈会作为“新年第一会”。",
                {"金昌市": "City", "新年第一会": "Initiative"})
    assert ("金昌市", "runs", "新年第一会") not in got


def test_units_a_whole_includes(k):
    # b04-linyi-steel
    got = facts(k, "轧钢区包括一中棒、二中棒、小棒三个轧线工程,其中二中棒车间主厂房建筑面积为50631.5平方米。",
                {"轧钢区": "BusinessUnit", "一中棒": "BusinessUnit", "二中棒": "BusinessUnit",
                 "小棒": "BusinessUnit"})
    for u in ("一中棒", "二中棒", "小棒"):
        assert (u, "unitOf", "轧钢区") in got
    # a10-mianyang-magnet: the platforms of the project the sentence before is about
    got = facts(k, "巨星(绵阳)稀土永磁新材料产业项目开工。项目一期占地约800亩,将包括中国西南稀土研究院、"
                   "稀土永磁电机总成创新中心等6个研发创新平台。",
                {"巨星(绵阳)稀土永磁新材料产业项目": "Project", "中国西南稀土研究院": "Laboratory",
                 "稀土永磁电机总成创新中心": "Laboratory"})
    for u in ("中国西南稀土研究院", "稀土永磁电机总成创新中心"):
        assert (u, "partOf", "巨星(绵阳)稀土永磁新材料产业项目") in got


def test_owner_product_projects_planted_area_and_the_clause_subject(k):
    # a08-guizhou-phosphate-lithium: the owner written right before 的, not the investor
    got = facts(k, "宁德时代还将通过控股子公司参与投资贵州磷化集团的磷酸铁、六氟磷酸锂、电池回收等项目。",
                {"宁德时代": "Enterprise", "贵州磷化集团": "Enterprise", "磷酸铁": "Product",
                 "六氟磷酸锂": "Product"})
    assert ("贵州磷化集团", "produces", "磷酸铁") in got and ("贵州磷化集团", "produces", "六氟磷酸锂") in got
    assert ("宁德时代", "produces", "磷酸铁") not in got
    # b04-linyi-steel: 承建 stands between the builder and 的
    got = facts(k, "10月5日,中国二十二冶承建的临沂优特钢项目轧钢区二中棒顺利过钢。",
                {"中国二十二冶": "Enterprise", "优特钢": "Product", "临沂优特钢项目": "Project"})
    assert ("中国二十二冶", "produces", "优特钢") not in got
    # c05-linying-food
    got = facts(k, "项目总投资15亿元,依托临颍县35万亩优质小辣椒和4万亩优质大蒜产业资源优势,将建设成为国内规模最大的"
                   "底料生产基地。", {"临颍县": "District", "小辣椒": "Product", "大蒜": "Product"})
    assert ("临颍县", "produces", "小辣椒") in got and ("临颍县", "produces", "大蒜") in got
    # a14-jiaozuo-titanium: 研发生产的 after a clause without its own subject: the sentence's
    got = facts(k, "河南中源钛业有限公司是由浙江甬金、龙佰集团、贵州航宇3家上市公司,依托自身优势合资成立的新材料企业,"
                   "研发生产的高端钛合金新材料属于国家重点支持的战略性新兴产业。",
                {"河南中源钛业有限公司": "Enterprise", "浙江甬金": "Enterprise", "龙佰集团": "Enterprise",
                 "贵州航宇": "Enterprise", "高端钛合金新材料": "Product"})
    assert ("河南中源钛业有限公司", "produces", "高端钛合金新材料") in got
    assert ("贵州航宇", "produces", "高端钛合金新材料") not in got


def test_a_sentence_on_the_project_of_the_sentence_before(k):
    # b08-ordos-coalchem: two paragraphs, the second opens with the bare word 项目
    text = ("全球单厂规模最大的烯烃厂项目——内蒙古宝丰煤基新材料项目主体施工和6000多台设备安装工作已基本完成。\n"
            "项目位于鄂尔多斯苏里格经济开发区,总投资673亿元,项目一期投资478亿元,年产742万吨甲醇、300万吨聚烯烃、"
            "150万吨聚乙烯、150万吨聚丙烯。")
    names = {"内蒙古宝丰煤基新材料项目": "Project", "鄂尔多斯": "City", "苏里格经济开发区": "Park",
             "甲醇": "Product", "聚烯烃": "Product", "聚乙烯": "Product", "聚丙烯": "Product"}
    got = facts(k, text, names)
    p = "内蒙古宝丰煤基新材料项目"
    assert (p, "locatedIn", "苏里格经济开发区") in got
    for m in ("甲醇", "聚烯烃", "聚乙烯", "聚丙烯"):
        assert (p, "produces", m) in got
    # a sentence about something else does not borrow the project
    got = facts(k, "内蒙古宝丰煤基新材料项目主体施工已基本完成。\n园区位于鄂尔多斯苏里格经济开发区。", names)
    assert (p, "locatedIn", "苏里格经济开发区") not in got


def test_companies_attracted_to_settle_are_located_there(k):
    # dev e07 (traditional in print): 吸引了…等一批龙头企业落户
    text = ("近年来,昆山深入推进“芯屏双强”战略,初步形成了完整半导体产业链,吸引了中科曙光、澜起科技、"
            "日月光集团、华天科技、苏州能讯等一批龙头企业落户。")
    got = facts(k, text, {"昆山": "District", "中科曙光": "Enterprise", "澜起科技": "Enterprise",
                          "日月光集团": "Enterprise", "华天科技": "Enterprise", "苏州能讯": "Enterprise"})
    assert {("中科曙光", "locatedIn", "昆山"), ("苏州能讯", "locatedIn", "昆山"),
            ("昆山", "attracted", "中科曙光")} <= got, got
    # attracted with nothing said of settling: no locatedIn
    got = facts(k, "昆山吸引了中科曙光等一批龙头企业。", {"昆山": "District", "中科曙光": "Enterprise"})
    assert not any(p == "locatedIn" for _s, p, _o in got), got


def test_a_project_named_after_its_product_and_plant_produces_the_product(k):
    # dev e10: …烧碱|生产装置|项目 (the plant's words between the product and 项目)
    text = "建设年产30万吨氯碱项目(即年产30万吨离子膜法烧碱生产装置项目和年产32万吨聚氯乙烯生产装置项目)。"
    got = facts(k, text, {"年产30万吨离子膜法烧碱生产装置项目": "Project", "离子膜法烧碱": "Product",
                          "年产32万吨聚氯乙烯生产装置项目": "Project", "聚氯乙烯": "Product",
                          "年产30万吨氯碱项目": "Project"})
    assert {("年产30万吨离子膜法烧碱生产装置项目", "produces", "离子膜法烧碱"),
            ("年产32万吨聚氯乙烯生产装置项目", "produces", "聚氯乙烯")} <= got, got


def test_the_medium_of_a_dateline_takes_no_part_in_the_sentence(tmp_path):
    # dev e01: 锂电池资讯网获悉,…签约,总投资30亿元的…项目正式落户新都
    from tests.test_roles_real import built

    r = built(tmp_path, "锂电池资讯网获悉,6月21日,成都市新都区与湖南中嶒能源有限公司成功签约,总投资30亿元的"
                        "年产4GWh钛锂高能动力电池生产项目正式落户新都。\n")
    a = r.articles[0]
    medium = [i for i, m in enumerate(a.mentions) if m.name == "锂电池资讯网"]
    assert medium, [m.name for m in a.mentions]
    assert not any(x.subject in medium or x.object in medium for x in a.relations), \
        [(a.mentions[x.subject].name, x.predicate, a.mentions[x.object].name) for x in a.relations]


def test_each_funder_of_a_project_invests_in_it(k):
    # dev g01: 该项目由A、B、C和D四家国有企业共同出资约44亿元兴建 (an amount between the verbs)
    text = ("该项目由大冶有色、中国十五冶金建设有限公司、黄石市国有资产经营有限公司和黄石新港开发有限公司"
            "四家国有企业共同出资约44亿元兴建。")
    names = {"该项目": "Project", "大冶有色": "Enterprise", "中国十五冶金建设有限公司": "Enterprise",
             "黄石市国有资产经营有限公司": "Enterprise", "黄石新港开发有限公司": "Enterprise"}
    got = facts(k, text, names)
    assert {(c, "investsIn", "该项目") for c in names if c != "该项目"} <= got


def test_a_clause_opening_with_you_names_the_builders_of_the_sentences_project(k):
    # dev e10: X项目,是…重点项目之一,由A与B共同投资建设 (the builders in a later clause)
    text = ("据悉,年产30万吨烧碱及32万吨聚氯乙烯项目,是南宁化工于2007年6月启动的重点项目之一,"
            "由南宁化工股份有限公司与南宁高新技术开发投资公司共同投资建设,项目总投资31亿元。")
    names = {"年产30万吨烧碱及32万吨聚氯乙烯项目": "Project", "南宁化工": "Enterprise",
             "南宁化工股份有限公司": "Enterprise", "南宁高新技术开发投资公司": "Enterprise"}
    got = facts(k, text, names)
    assert {("南宁化工股份有限公司", "investsIn", "年产30万吨烧碱及32万吨聚氯乙烯项目"),
            ("南宁高新技术开发投资公司", "investsIn", "年产30万吨烧碱及32万吨聚氯乙烯项目")} <= got
    # a 由 clause of other work states no investment
    got = facts(k, "该项目由专家组评审通过。", {"该项目": "Project"})
    assert not [f for f in got if f[1] == "investsIn"]


def test_a_funded_enterprise_belongs_to_its_holder(k):
    # dev g01: 中国有色集团出资企业大冶有色…: 出资企业, a state holding's funded enterprise
    text = "10月21日,中国有色集团出资企业大冶有色40万吨高纯阴极铜清洁生产项目举行启动大会。"
    got = facts(k, text, {"中国有色集团": "Enterprise", "大冶有色": "Enterprise"})
    assert ("大冶有色", "subsidiaryOf", "中国有色集团") in got


def test_a_word_of_making_may_stand_before_the_word_for_maker(k):
    # dev a07: 恩捷股份是全球出货量最大的锂电池隔膜|生产|供应商
    got = facts(k, "恩捷股份是全球出货量最大的锂电池隔膜生产供应商;",
                {"恩捷股份": "Enterprise", "锂电池隔膜": "Product"})
    assert ("恩捷股份", "produces", "锂电池隔膜") in got


@pytest.mark.parametrize("text, project, product", [
    # dev f01: 10万吨/年|碳酸酯|联合装置|项目: the words of the plant end the product
    ("迅速推进可用作锂电池电解液溶剂的10万吨/年碳酸酯联合装置项目;", "10万吨/年碳酸酯联合装置项目", "碳酸酯"),
    # dev f05: 年产4万吨|中低碳锰|二期工程|项目: so does a phase of works
    ("新浙锰业投资1.7亿元的年产4万吨中低碳锰二期工程项目于6月27日正式点火投产。",
     "年产4万吨中低碳锰二期工程项目", "中低碳锰"),
])
def test_plant_words_and_phases_end_the_product_of_a_project(tmp_path, text, project, product):
    assert (project, "produces", product) in built(tmp_path, text)


def test_a_province_lies_in_no_county_of_its_own(tmp_path):
    # dev f04: 河南省重点建设项目——聚碳酸酯(PC)项目落户叶县: the subject the rule finds
    # before 落户 is the province (the project goes unnamed); the gazetteer says no
    got = built(tmp_path, "2018年,河南省重点建设项目——聚碳酸酯(PC)项目落户叶县。")
    assert ("河南省", "locatedIn", "叶县") not in got


def test_a_heading_with_no_subject_takes_the_subject_of_the_sentence_after_it(tmp_path):
    # dev g13: 实施厕污共治行动。白桥镇结合…: the paragraph's first sentence names the
    # programme, the next one who runs it
    got = built_rules(tmp_path, "白桥镇开展环境治理。\n实施厕污共治行动。白桥镇在龙门村投资60余万元建设化粪池。\n"
                                "实施垃圾分类处理示范行动。\n")
    assert ("白桥镇", "runs", "厕污共治行动") in got
    # a heading alone in its paragraph has no sentence after it to take a subject from
    assert ("白桥镇", "runs", "垃圾分类处理示范行动") not in got


def test_a_chain_step_naming_what_is_done_to_its_material(tmp_path):
    # dev b02-wenshan-aluminium: …—铝材精深加工—再生铝—综合利用: the material of a step
    # of work goes into the next step; a step that is only work (综合利用) is no product
    got = built_rules(tmp_path, "文山州形成了“铝土矿—氧化铝—绿色铝—铝材精深加工—再生铝—综合利用”的铝产业集群。\n")
    assert {("铝土矿", "inputTo", "氧化铝"), ("绿色铝", "inputTo", "铝材"), ("铝材", "inputTo", "再生铝")} <= set(got)
    assert not [f for f in got if "综合利用" in (f[0], f[2])]


def test_parties_of_a_list_whose_names_are_written_as_components(tmp_path):
    # dev d08-wuhan-hydrogen: A、武汉市|东湖新技术开发区|管委会、C三方(以下分别简称“a”“b”“c”)…签署:
    # every pair of the three signs; each short name is its own party's, in order
    res = build_text(tmp_path, "6日,国家能源集团氢能科技有限公司、武汉市东湖新技术开发区管委会、武汉地质资源环境工业"
                               "技术研究院有限公司三方(以下分别简称“国氢科技”“东湖高新区”“资环工研院”)在北京隆重签署"
                               "合作协议。\n")
    a = res.articles[0]
    label = {m.key: res.entities[m.key].label for m in a.mentions}
    got = {frozenset((label[a.mentions[r.subject].key], label[a.mentions[r.object].key]))
           for r in a.relations if r.predicate == "signsWith"}
    names = ["国家能源集团氢能科技有限公司", "武汉市东湖新技术开发区管委会", "武汉地质资源环境工业技术研究院有限公司"]
    assert {frozenset((x, y)) for x in names for y in names if x < y} <= got
    short = {al: e.label for e in res.entities.values() for al in e.aliases}
    assert short.get("国氢科技") == names[0] and short.get("资环工研院") == names[2]


def test_who_holds_a_projects_ceremony_invests_in_it(k):
    # dev e02-yingxian-battery: X公司隆重举行了Y项目的开工仪式
    text = "11月11日上午,在该县经济技术开发区北区,山西冠佳新能源开发有限公司隆重举行了10GWh锂电池生产线项目的开工仪式。"
    got = facts(k, text, {"山西冠佳新能源开发有限公司": "Enterprise", "10GWh锂电池生产线项目": "Project"})
    assert ("山西冠佳新能源开发有限公司", "investsIn", "10GWh锂电池生产线项目") in got
    # a government holding the ceremony hosts it, it does not invest
    got = facts(k, "市政府举行了10GWh锂电池生产线项目的开工仪式。",
                {"市政府": "GovernmentBody", "10GWh锂电池生产线项目": "Project"})
    assert not [f for f in got if f[1] == "investsIn"]


def test_a_project_built_by_a_company_named_in_a_later_clause(k):
    # dev f13-qingyuan-autoparts: X项目,是国机集团下属全资子公司Y投资建设的重大项目
    text = ("据介绍,投资100亿元的中国汽车零部件产业基地项目,是国机集团下属全资子公司中国汽车零部件工业公司"
            "投资建设的重大项目。")
    got = facts(k, text, {"中国汽车零部件产业基地项目": "Project", "国机集团": "Enterprise",
                          "中国汽车零部件工业公司": "Enterprise"})
    assert ("中国汽车零部件工业公司", "investsIn", "中国汽车零部件产业基地项目") in got


def test_a_trigger_word_inside_a_longer_one_still_triggers_its_rules(k):
    # dev b10-ningjin-saltchem: 投资建设的 (a trigger of built-by) begins with 投资 and
    # 建设 (triggers of invests-in-project): the longer word must not hide the shorter
    text = "由河北采信化工有限公司投资建设的烧碱、氯乙酸、CMC、HPMC项目正在紧锣密鼓施工。"
    got = facts(k, text, {"河北采信化工有限公司": "Enterprise", "烧碱、氯乙酸、CMC、HPMC项目": "Project"})
    assert ("河北采信化工有限公司", "investsIn", "烧碱、氯乙酸、CMC、HPMC项目") in got


def test_a_place_that_has_companies_holds_them(k):
    # dev f10-gongyi-aluminium: 作为郑州市…之一,目前我市拥有A、B、C等一批全国知名企业
    text = "作为郑州市工业六大主导产业之一,目前我市拥有豫联集团、明泰铝业、鑫泰铝业等一批全国知名企业。"
    got = facts(k, text, {"郑州市": "City", "豫联集团": "Enterprise", "明泰铝业": "Enterprise",
                          "鑫泰铝业": "Enterprise"})
    assert {(c, "locatedIn", "郑州市") for c in ("豫联集团", "明泰铝业", "鑫泰铝业")} <= got


def test_what_is_made_said_in_a_sentence_with_no_maker_of_its_own(k):
    # dev e02-yingxian-battery: 该项目总投资高达25亿元…。主要生产产品为圆柱形磷酸铁锂电池和钠离子电池。
    text = "10GWh锂电池生产线项目总投资高达25亿元人民币。主要生产产品为圆柱形磷酸铁锂电池和钠离子电池。"
    got = facts(k, text, {"10GWh锂电池生产线项目": "Project", "圆柱形磷酸铁锂电池": "Product",
                          "钠离子电池": "Product"})
    assert {("10GWh锂电池生产线项目", "produces", "圆柱形磷酸铁锂电池"),
            ("10GWh锂电池生产线项目", "produces", "钠离子电池")} <= got


def test_the_place_that_goes_by_a_quoted_way_of_working_runs_it(k):
    # dev g13-guangyuan-cleanup: the sentence's subject (白桥镇), not the park named in
    # its first clause, follows “…”的工作思路
    text = ("白桥镇结合白鹭湖省级星级粮油园区建设工作与人居环境整治工作,按照“由点及面、先易后难、整村推进”"
            "的工作思路,在龙门、宝珠、同心、火烽等四个村投资60余万元建设三格化粪池。")
    got = facts(k, text, {"白桥镇": "Town", "白鹭湖省级星级粮油园区": "Park",
                          "由点及面、先易后难、整村推进": "Initiative"})
    assert ("白桥镇", "runs", "由点及面、先易后难、整村推进") in got
    assert ("白鹭湖省级星级粮油园区", "runs", "由点及面、先易后难、整村推进") not in got
    # dev e20-qingyun-vegetables: 充分发挥“…”的经营模式
    text = "东辛店镇党委书记撒俊卿介绍,大李村充分发挥“党支部+合作社+农户”的经营模式,引导农业入股发展。"
    got = facts(k, text, {"东辛店镇": "Town", "大李村": "Village", "撒俊卿": "Person",
                          "党支部+合作社+农户": "Initiative"})
    assert ("大李村", "runs", "党支部+合作社+农户") in got
