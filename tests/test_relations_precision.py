"""Relation rules made structurally tighter (issue 12 item 6, precision): each
test is a real dev-split sentence on which the rule used to state a fact the
sentence does not state, and, where there is one, a sentence it still reads."""
from __future__ import annotations

import pytest

from tests.test_relations_real import facts


@pytest.fixture(scope="module")
def k():
    from kg.knowledge import load_knowledge

    return load_knowledge()


def test_applied_in_takes_the_subject_of_its_own_clause(k):
    # a13-baoji-titanium: what is applied is the unnamed 钛产品 of the clause, not the
    # 钛合金 of the clause before
    s = ("在链主企业宝钛集团的带动下,如今,宝鸡600余户钛及钛合金加工和贸易企业落户宝鸡,生产的300多个品种"
         "5000多种规格的钛产品被广泛应用于航空航天航海、新能源、化工、医疗健康等领域,远销70多个国家和地区。")
    got = facts(k, s, {"钛合金": "Product", "航空航天航海": "Sector", "新能源": "Sector",
                       "化工": "Sector", "医疗健康": "Sector", "宝鸡": "City", "宝钛集团": "Enterprise"})
    assert not {f for f in got if f[1] == "usedIn"}
    # a05-jintan-battery: the product named in the clause
    s = "未来10年,动力电池应用将全面覆盖新能源电动汽车、电力储能、通讯基站、轨道交通、矿用装备和军事等各大领域。"
    got = facts(k, s, {"动力电池": "Product", "电力储能": "Sector", "通讯基站": "Sector"})
    assert {("动力电池", "usedIn", "电力储能"), ("动力电池", "usedIn", "通讯基站")} <= got


def test_applied_in_subject_through_clauses_with_no_subject(k):
    # bundled 金昌 article: 研发的“手撕镍带”,不仅打破国外垄断,被广泛应用于…: the clauses
    # opening with 不仅 and 被 go on about the product
    s = ("这样的技术突破在金昌不胜枚举:研发的0.05毫米“手撕镍带”,不仅打破国外垄断,被广泛应用于新能源电池、"
         "航空航天等尖端领域,而且价值比传统电解镍提升了数十倍。")
    got = facts(k, s, {"手撕镍带": "Product", "新能源电池": "Product", "航空航天": "Sector",
                       "电解镍": "Product", "金昌": "City"})
    assert {("手撕镍带", "usedIn", "新能源电池"), ("手撕镍带", "usedIn", "航空航天")} <= got


def test_output_needs_a_quantity_in_its_clause(k):
    # a04-qujing-battery: 产能最大的 ranks a project, it states no output
    s = ("曲靖德方纳米公司技术经理刘其峰表示,德方纳米磷酸锰铁锂项目是目前全国已建成投产产能最大的磷酸锰铁锂"
         "正极材料项目,达产后每年将为下游电池制造企业提供大批量高性能电池材料。")
    got = facts(k, s, {"曲靖德方纳米公司": "Enterprise", "德方纳米": "Enterprise",
                       "磷酸锰铁锂": "Product", "刘其峰": "Person"})
    assert not {f for f in got if f[1] == "produces"}
    # b02-wenshan-aluminium: 绿色铝产能最大的州 is a rank; 电解铝产能达343万吨 an output
    s = ("“十四五”以来,文山州抢抓国家铝产业布局优化重大机遇,电解铝产能达343万吨、占全省的一半,"
         "成为全国绿色铝产能最大的州(市)。")
    got = facts(k, s, {"文山州": "City", "电解铝": "Product", "绿色铝": "Product"})
    assert ("文山州", "produces", "绿色铝") not in got
    assert ("文山州", "produces", "电解铝") in got


def test_made_into_input_in_its_own_clause(k):
    # b01-wangjiang-copper: 再通过连铸工艺成型为…: what is shaped is the 铜水 of the step
    # before, not the 电解铜板 of the clause before
    s = "生产工艺流程显示,原料电解铜板首先经工频炉熔炼成铜水,再通过连铸工艺成型为铜带坯或模具铜锭。"
    got = facts(k, s, {"电解铜板": "Product", "铜带坯": "Product", "模具铜锭": "Product"})
    assert ("电解铜板", "inputTo", "铜带坯") not in got
    assert ("电解铜板", "inputTo", "模具铜锭") not in got
    got = facts(k, s, {"电解铜板": "Product", "铜水": "Product", "铜带坯": "Product"})
    assert ("电解铜板", "inputTo", "铜水") in got


def test_parts_listed_takes_whole_items_only(k):
    # b14-jiulongpo-hydrogen: 氢气 only names the item 氢气循环系统
    s = ("根据项目协议,6家企业将在九龙坡区投资40亿元人民币,建设氢燃料电池8大关键核心零部件(质子交换膜、催化剂、"
         "膜电极、双极板、碳纸、电堆、空压机、氢气循环系统)以及燃料电池系统集成科技产业园。")
    got = facts(k, s, {"氢燃料电池": "Product", "质子交换膜": "Product", "催化剂": "Product",
                       "膜电极": "Product", "氢气": "Product", "九龙坡区": "District"})
    assert ("氢气", "usedIn", "氢燃料电池") not in got
    assert {("质子交换膜", "usedIn", "氢燃料电池"), ("催化剂", "usedIn", "氢燃料电池"),
            ("膜电极", "usedIn", "氢燃料电池")} <= got


def test_owner_product_projects_whole_items_only(k):
    # a08-guizhou-phosphate-lithium: 电池回收 is a project of recycling, not of making 电池
    s = ("除独资建设电池总装生产基地外,宁德时代还将通过控股子公司参与投资贵州磷化集团的磷酸铁、六氟磷酸锂、"
         "电池回收等项目。")
    got = facts(k, s, {"宁德时代": "Enterprise", "贵州磷化集团": "Enterprise", "磷酸铁": "Product",
                       "六氟磷酸锂": "Product", "电池": "Product"})
    assert ("贵州磷化集团", "produces", "电池") not in got
    assert {("贵州磷化集团", "produces", "磷酸铁"), ("贵州磷化集团", "produces", "六氟磷酸锂")} <= got


@pytest.mark.parametrize("project,product,made", [
    # a10-mianyang-magnet: 稀土 modifies 永磁新材料; a11: 稀土采选 is mining, listed
    # before the products; a02: 回收 recycles
    ("巨星(绵阳)稀土永磁新材料产业项目", "稀土", False),
    ("废旧锂电池回收项目", "锂电池", False),
    ("年产10万吨三元前驱体项目", "三元前驱体", True),
    ("储能电池生产制造基地项目", "储能电池", True),
    ("28万吨动力电池用硫酸镍产品提升项目", "硫酸镍", True),
])
def test_project_named_after_what_it_makes(k, project, product, made):
    got = facts(k, f"{project}开工。", {project: "Project", product: "Product"})
    assert ((project, "produces", product) in got) is made


def test_project_lists_products_joined_by_conjunctions(k):
    # a11-mianning-rareearth
    p = "稀土采选及稀土磁金属和钕铁硼项目"
    s = f"四川江铜稀土有限责任公司{p}已于2011年6月份投入试运行生产。"
    got = facts(k, s, {p: "Project", "稀土": "Product", "稀土磁金属": "Product", "钕铁硼": "Product"})
    assert {(p, "produces", "稀土磁金属"), (p, "produces", "钕铁硼")} <= got
    assert (p, "produces", "稀土") not in got


def test_relying_on_an_initiative_is_said_of_its_clause(k):
    # c02-shenxian-foodprocessing: 依托 opens the sentence; the county is named later
    s = ("莘縣精準謀劃產業轉型路徑,全面推進畜禽加工、糧食加工等4條加工產業鏈協同發展,壯大規模集群效應;"
         "依托瓜菜菌博覽會,積極爭取舉辦全國預制菜產業交流大會,全面提高莘縣加工產業知名度。")
    got = facts(k, s, {"瓜菜菌博览会": "Initiative", "莘县": "District"})
    assert not {f for f in got if f[1] == "runs"}
    # bundled 凉州区 article
    s = "凉州区依托310个“巾帼美德积分超市”,全面开展“美丽庭院”积分兑换活动。"
    got = facts(k, s, {"凉州区": "District", "巾帼美德积分超市": "Initiative"})
    assert ("凉州区", "runs", "巾帼美德积分超市") in got


# ---------------------------------------------------------------- parks named after places

def test_park_named_after_a_city_lies_in_it_not_in_the_province(k):
    # a04-qujing-battery: 云南|曲靖经济开发区 is in 曲靖市 (named elsewhere in the article)
    s = ("近日,在云南曲靖经济开发区,德方纳米年产11万吨磷酸锰铁锂正极材料项目正式投产。"
         "曲靖市经开区管委会副主任邹开斌说。")
    got = facts(k, s, {"云南曲靖经济开发区": "Park", "云南": "Province", "曲靖市": "City"},
                {"云南曲靖经济开发区": "云南"})
    assert ("云南曲靖经济开发区", "locatedIn", "曲靖市") in got


def test_park_named_after_a_county_lies_in_its_city_when_only_that_is_named(k):
    # b02-wenshan-aluminium: 砚山 is a county of 文山州; the article names the prefecture
    s = ("记者从文山壮族苗族自治州发展改革委获悉,2025年文山州绿色铝产值突破1000亿元大关。"
         "云南宏泰新型材料有限公司2020年落户云南砚山产业园区,年产电解铝203万吨。")
    got = facts(k, s, {"文山壮族苗族自治州": "City", "云南砚山产业园区": "Park",
                       "云南宏泰新型材料有限公司": "Enterprise"})
    assert ("云南砚山产业园区", "locatedIn", "文山壮族苗族自治州") in got
    # a05-jintan-battery: 金坛 is a district of 常州, which the article does not name:
    # the province two levels up is not said
    s = "江苏省政府与中国航空工业集团公司签订战略合作框架协议。中航绿色电源科技园,在金坛经济开发区奠基。"
    got = facts(k, s, {"江苏省": "Province", "金坛经济开发区": "Park", "中航绿色电源科技园": "Park"})
    assert ("金坛经济开发区", "locatedIn", "江苏省") not in got


# ---------------------------------------------------------------- words that refer back

def test_bare_park_word_refers_to_the_park_the_article_is_about(tmp_path):
    # b10-ningjin-saltchem: 园区将重点发展…: the park named most often before, not the
    # 循环经济示范园区 it has become; the output list before 生产能力 is all of it
    from tests.test_relations_real import built
    text = ("隆冬时节,河北宁晋盐化工园区里机声轰鸣、焊花飞溅,一片繁忙景象。\n"
            "记者从宁晋盐化工园区管委会了解到,目前,15家企业投资的47个项目已入驻园区。\n"
            "目前,这家园区已成为省级开发区和循环经济示范园区。据悉,园区将重点发展氯碱化工、纯碱化工和碳一化工3条"
            "产业链,形成以500万吨真空制盐、300万吨纯碱、100万吨烧碱生产能力为标志,具有多种延伸产品的盐化工产业集群。\n")
    got = built(tmp_path, text)
    made = {o for s, p, o in got if p == "produces" and s.endswith("宁晋盐化工园区")}
    assert {"纯碱", "烧碱"} <= made, got


def test_bare_park_word_after_a_modifier_is_a_kind_not_a_reference(k):
    from kg.article import Article, prepare
    from kg.extract.lexical import tagger
    from kg.extract.model import Mention
    from kg.extract.people import _bare_refs, _EndIndex

    # c02-shenxian-foodprocessing: 两大省级园区 names a kind of park
    s = "莘县依托鲁西经济开发区和农高区两大省级园区,着力抓好龙头企业培育。"
    art = prepare(Article(id="t", path="t.txt", original=s))
    i = art.text.find("鲁西经济开发区")
    ms = [Mention(i, i + 7, "鲁西经济开发区", "Park", "鲁西经济开发区", "test", sentence=0)]
    new = []
    _bare_refs(art.sentences[0].text, 0, 0, [0], ms, new, _EndIndex(ms, new), k)
    assert new == []
    s2 = "鲁西经济开发区已形成规模,入驻园区的企业有30家。"
    art = prepare(Article(id="t", path="t.txt", original=s2))
    ms = [Mention(0, 7, "鲁西经济开发区", "Park", "鲁西经济开发区", "test", sentence=0)]
    _bare_refs(art.sentences[0].text, 0, 0, [0], ms, new, _EndIndex(ms, new), k)
    assert [(m.text, m.name, m.coref) for m in new] == [("园区", "鲁西经济开发区", True)]


def test_located_in_the_capital_named_after_its_region(k):
    # b07-ningdong-coalchem: 自治区首府银川市 is 银川市
    s = "据宁夏煤业集团总裁张文江介绍,宁东能源化工基地位于自治区首府银川市东南地区,是宁夏经济发展的“一号工程”。"
    got = facts(k, s, {"宁东能源化工基地": "Park", "自治区": "Province", "银川市": "City",
                       "宁夏煤业集团": "Enterprise"})
    assert ("宁东能源化工基地", "locatedIn", "银川市") in got
    assert ("宁东能源化工基地", "locatedIn", "自治区") not in got


def test_makes_after_a_determiner_is_a_modifier(k):
    # a13-baoji-titanium: 各种生产要素 are factors of production, not things made
    s = "宝鸡市经济合作局局长韩明芳说:“我们引导各种生产要素和政策向链主企业聚焦。”"
    got = facts(k, s, {"宝鸡市": "City", "要素": "Product", "政策": "Product"})
    assert not {f for f in got if f[1] == "produces"}
    # b05-fuan-steel: 鼎信镍业主要生产镍合金 still states it
    s = "在浮溪村的鼎信镍业主要生产镍合金、不锈钢中板坯料,等一、二期投产后,预计年产值300亿元;"
    got = facts(k, s, {"鼎信镍业": "Enterprise", "浮溪村": "Village", "镍合金": "Product",
                       "不锈钢中板坯料": "Product"})
    assert {("鼎信镍业", "produces", "镍合金"), ("鼎信镍业", "produces", "不锈钢中板坯料")} <= got


def test_output_naming_a_facility_is_its_name_not_a_statement(k):
    # c05-linying-food: 年产40万吨调味品生产基地 names the base, not the company's output
    s = ("10月11日,在颐海(漯河)食品公司年产40万吨调味品生产基地车间内,火锅底料、火锅蘸料、鸡精和中式复合"
         "调味料正在紧张生产。")
    got = facts(k, s, {"颐海(漯河)食品公司": "Enterprise", "调味品": "Product"})
    assert ("颐海(漯河)食品公司", "produces", "调味品") not in got
    # g08-xiangyang-auto: building a line or base of an annual output states what is made
    s = "湖北鸿泰阳项目总投资40亿元,正在建设年产20万台整车及零部件生产基地,目前四大厂房接近完工;"
    got = facts(k, s, {"湖北鸿泰阳项目": "Project", "整车": "Product", "零部件": "Product"})
    assert {("湖北鸿泰阳项目", "produces", "整车"), ("湖北鸿泰阳项目", "produces", "零部件")} <= got
    # b04-linyi-steel: a statement of output
    s = "临沂优特钢项目位于山东省临沂临港经济开发区,总占地面积3223.9亩,设计产能为年产270万吨优特钢。"
    got = facts(k, s, {"临沂优特钢项目": "Project", "优特钢": "Product"})
    assert ("临沂优特钢项目", "produces", "优特钢") in got


def test_place_of_the_longest_name_written_after_it(k):
    # a14-jiaozuo-titanium: 位于X的中福钛锆产业园项目: the project, not the park its name starts with
    s = "1月2日,站在位于焦作经济技术开发区的中福钛锆产业园项目现场,望着拔地而起的车间厂房。"
    got = facts(k, s, {"焦作经济技术开发区": "Park", "中福钛锆产业园": "Park",
                       "中福钛锆产业园项目": "Project"}, {"中福钛锆产业园项目": "中福钛锆产业园"})
    assert ("中福钛锆产业园项目", "locatedIn", "焦作经济技术开发区") in got
    assert ("中福钛锆产业园", "locatedIn", "焦作经济技术开发区") not in got


def test_the_source_a_sentence_cites_is_no_argument(k):
    # d05-fangchenggang-steel: the commission approved the project; the project makes steel
    s = ("根据国家发展改革委核准批复,该项目总投资639.9亿元,按1000万吨钢规模规划,设计年产铁850万吨、钢(坯)920万吨、"
         "钢材860万吨,年产热轧商品卷280万吨、冷轧板卷440万吨、宽厚板140万吨。")
    got = facts(k, s, {"国家发展改革委": "GovernmentBody", "该项目": "Project", "铁": "Product", "钢": "Product",
                       "钢材": "Product", "冷轧板卷": "Product"})
    assert not {f for f in got if f[0] == "国家发展改革委"}
    assert {("该项目", "produces", "铁"), ("该项目", "produces", "钢材")} <= got


def test_the_maker_before_an_output_is_no_park_it_lies_in(k):
    # b02-wenshan-aluminium: the company settled in the park makes the aluminium
    s = "云南宏泰新型材料有限公司2020年落户云南砚山产业园区,年产电解铝203万吨,是目前全球最大单体绿色铝生产基地。"
    got = facts(k, s, {"云南宏泰新型材料有限公司": "Enterprise", "云南砚山产业园区": "Park", "电解铝": "Product"})
    assert ("云南宏泰新型材料有限公司", "produces", "电解铝") in got
    assert ("云南砚山产业园区", "produces", "电解铝") not in got


# ---------------------------------------------------------------- main's dev articles (d-)

def test_a_signing_ceremony_is_held_elsewhere_and_the_partner_is_no_investor(k):
    # d02-yongzhou-rareearth
    s = ("8月8日上午,湖南稀土新材料产业园项目集中签约仪式在长沙市天心区举行,湖南省稀土产业集团有限公司现场与永州市"
         "零陵区人民政府成功签约低放伴生矿物料综合处置、4万吨独居石加工、循环科技三个项目。")
    got = facts(k, s, {"湖南稀土新材料产业园": "Park", "天心区": "District", "长沙市": "City",
                       "湖南省稀土产业集团有限公司": "Enterprise", "永州市零陵区人民政府": "GovernmentBody",
                       "4万吨独居石加工": "Project", "独居石": "Product"})
    assert ("湖南稀土新材料产业园", "locatedIn", "天心区") not in got
    assert not {f for f in got if f[0] == "永州市零陵区人民政府" and f[1] == "investsIn"}
    # 独居石加工 processes monazite, it does not make it
    assert ("4万吨独居石加工", "produces", "独居石") not in got


def test_a_landmark_to_go_by_is_no_container(k):
    # d02-yongzhou-rareearth
    s = "湖南稀土新材料产业园选址于零陵区黄田铺镇泉南高速东南方与207国道东北方交汇区域。"
    got = facts(k, s, {"湖南稀土新材料产业园": "Park", "零陵区": "District", "黄田铺镇": "Town",
                       "泉南高速": "Site"})
    assert ("湖南稀土新材料产业园", "locatedIn", "黄田铺镇") in got
    assert ("湖南稀土新材料产业园", "locatedIn", "泉南高速") not in got
    assert ("泉南高速", "locatedIn", "黄田铺镇") not in got


def test_a_place_after_a_verb_of_settling_is_no_subject(k):
    # d19-nantong-wafer
    s = "接下来,市北高新区将进一步聚力抓招商,吸引更多优质企业布局南通、落地崇川,不断提升产业规模。"
    got = facts(k, s, {"市北高新区": "Park", "南通": "City", "崇川": "District"})
    assert ("南通", "locatedIn", "崇川") not in got


def test_a_quoted_theme_and_fields_are_no_programmes_run(k):
    # d14-yangpu-selfgov
    s = ("今天上午,“新时代上海社区工作法研讨会”在杨浦区召开。会议以聚焦群众身边的“急难愁盼”为主旨,以“深化"
         "‘三微治理’、共建‘睦邻家园’”为主题,邀请全市基层单位共同分享社区治理创新经验。")
    got = facts(k, s, {"杨浦区": "District", "三微治理": "Initiative", "睦邻家园": "Initiative"})
    assert not {f for f in got if f[1] == "runs"}
    # d20-zhuzhou-autoparts
    s = ("高科新能源汽车零部件产业园是株洲高科产业转型升级投资运营公司打造的首家“合院式全定制园区”,将聚焦"
         "“高端装备+智能制造+创新研发”三大领域,构建汽车关键零部件“超级工厂”。")
    got = facts(k, s, {"高科新能源汽车零部件产业园": "Park", "高端装备+智能制造+创新研发": "Initiative"})
    assert not {f for f in got if f[1] == "runs"}


def test_the_signer_is_the_subsidiary_not_its_owner(k):
    # d04-yidu-lfp
    s = ("1月9日,宜都市人民政府与新洋丰集团旗下洋丰楚元新能源科技有限公司签订锂电池正极材料投资协议书,一期拟建设"
         "10万吨磷酸铁和5万吨磷酸铁锂项目。")
    got = facts(k, s, {"宜都市人民政府": "GovernmentBody", "新洋丰集团": "Enterprise",
                       "洋丰楚元新能源科技有限公司": "Enterprise"})
    assert ("宜都市人民政府", "signsWith", "洋丰楚元新能源科技有限公司") in got
    assert ("宜都市人民政府", "signsWith", "新洋丰集团") not in got
    # the project of the next sentence makes what its lines are named after
    s = ("据悉,新洋丰集团是国家级高新技术企业。该项目选址宜都化工园,一期拟投资30亿元,建设年产10万吨磷酸铁和5万吨"
         "磷酸铁锂生产线及配套10万吨精制磷酸生产线。")
    got = facts(k, s, {"新洋丰集团": "Enterprise", "该项目": "Project", "磷酸铁锂": "Product",
                       "精制磷酸": "Product"})
    assert ("该项目", "produces", "精制磷酸") in got
    assert ("新洋丰集团", "produces", "精制磷酸") not in got
