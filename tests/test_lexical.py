"""Mentions on top of the lexical analyser: sentences from the dev split of
the real corpus (tests/corpus/real/, see tests/gold/README.md) and the
issue's examples of names cut wrongly."""
import pytest

from kg.extract.lexical import Tokens, cuts_name, tagger
from kg.extract.mentions import sentence_mentions
from kg.gazetteer import load_gazetteer
from kg.knowledge import load_knowledge


@pytest.fixture(scope="module")
def k():
    return load_knowledge()


def names(s, k, type_=None):
    return [(m.name, m.type) for m in sentence_mentions(s, k) if type_ is None or m.type == type_]


def test_coordinated_companies_split(k):
    s = ("2月16日,玉溪市人民政府与云南恩捷新材料股份有限公司、惠州亿纬锂能股份有限公司、"
         "浙江华友控股集团有限公司、云南云天化股份有限公司签订合作协议。")
    got = {n for n, t in names(s, k) if t in ("Enterprise", "GovernmentBody")}
    assert {"玉溪市人民政府", "云南恩捷新材料股份有限公司", "惠州亿纬锂能股份有限公司",
            "云南云天化股份有限公司"} <= got
    assert not any("与" in n or "、" in n for n in got)


def test_stock_code_names_a_company(k):
    s = "据介绍,宁德时代(300750)规划建于宜春经济技术开发区内的一期工业用地。"
    assert ("宁德时代", "Enterprise") in names(s, k)


def test_abbreviation_is_an_alias_of_the_full_name(k):
    s = "记者来到砚山县平远镇的云南乐牧牧业有限责任公司(以下简称“乐牧公司”)奶牛养殖基地。"
    ms = sentence_mentions(s, k)
    short = [m for m in ms if m.text == "乐牧公司"]
    assert short and short[0].name == "云南乐牧牧业有限责任公司" and short[0].type == "Enterprise"


def test_chemical_names_are_products(k):
    s = "公开数据显示,宜春全市已探明氧化锂储量258万吨。"
    assert ("氧化锂", "Product") in names(s, k)
    assert ("六氟磷酸锂", "Product") in names("公司年产六氟磷酸锂和无水氟化氢。", k)


def test_bare_city_from_the_gazetteer(k):
    got = names("宜春丰富的锂矿资源是吸引锂电巨头入驻的重要原因。", k)
    assert ("宜春市", "City") in got


@pytest.mark.parametrize("s,bad", [
    ("感受攀枝花市的发展变化。", "感受"),          # a verb
    ("包括陕西省在内的西部省份。", "包括"),
    ("她们村先建水系再建村。", "她们"),             # a pronoun
    ("一批高端化工企业落户园区。", "一批"),          # a numeral-measure word
    ("和动力电池龙头企业合作。", "和"),              # a conjunction
])
def test_no_name_starts_with_a_verb_pronoun_numeral_or_conjunction(k, s, bad):
    assert not any(n.startswith(bad) for n, _t in names(s, k))


def test_tags_decide_the_cut():
    assert cuts_name("实现", "v") and not cuts_name("能", "v") and not cuts_name("建设", "vn")
    t = Tokens("感受攀枝花市的钒钛磁铁矿", tagger(load_knowledge()))
    assert t.cut_left(0, 6) == 2


def test_whole_word_alias_only(k):
    # a catalogue alias inside a longer company name is not that company
    got = names("龙蟒佰利联集团在当地建成钛白粉生产线。", k)
    assert not any(n == "甘肃佰利联化学有限公司" for n, _t in got)


def test_gazetteer_hierarchy_and_short_forms():
    g = load_gazetteer()
    p = g.lookup("凉州区")
    assert [q.name for q in g.ancestors(p)] == ["武威市", "甘肃省"]
    assert g.lookup("广西").name == "广西壮族自治区"
    assert g.lookup("内蒙古").type == "Province"


def test_a_place_opening_a_company_name_is_no_place_mention(k):
    # dev a07: 云南 only opens the company's name; the sentence says nothing of Yunnan
    s = "玉溪市人民政府与云南云天化股份有限公司签订《新能源电池产业发展合作协议》。"
    got = names(s, k)
    assert ("云南云天化股份有限公司", "Enterprise") in got
    assert not any(t == "Province" for _n, t in got)
    # a government body keeps its place: the name states where it is
    assert ("玉溪市", "City") in got


def test_a_short_place_after_an_adverb(k):
    # dev a10: 将|四川|的 (将 is tagged as an adverb)
    got = names("还能将四川的稀土资源优势转化为产业优势。", k)
    assert ("四川省", "Province") in got


def test_a_one_character_suffix_inside_a_longer_word(k):
    # dev a01, a11: 厂房 is a building, not a plant named 一期厂
    for s in ("一期厂房搭建已经初步成型。", "贮氢电池项目正全力推进厂房建设。"):
        assert not any(t == "BusinessUnit" for _n, t in names(s, k)), s
    # 区委|书记 is one word to the tagger, the body is still named
    assert ("海陵区委", "GovernmentBody") in names("海陵区委书记孙群表示。", k)


def test_items_of_a_category_list_are_products(k):
    # dev c01: a list ending in 等 + a category noun; the first item cut by the
    # parallel of the others, not by a list of words
    s = "鼓励社员大力发展四季豆、西红柿、南瓜、辣椒、茄子等蔬菜种植。"
    got = {n for n, t in names(s, k) if t == "Product"}
    assert {"四季豆", "西红柿", "南瓜", "茄子"} <= got
    assert not any("发展" in n for n in got)
    # dev b14: a list in brackets after a category noun, a verb inside an item
    s = "建设氢燃料电池8大关键核心零部件(质子交换膜、催化剂、膜电极、双极板、碳纸、空压机)。"
    got = {n for n, t in names(s, k) if t == "Product"}
    assert {"质子交换膜", "催化剂", "膜电极", "双极板", "碳纸", "空压机"} <= got
    # no category noun: a list of activities stays no product list
    assert not any(t == "Product" for _n, t in names("开展打扫卫生、美化庭院、参加活动等评比。", k))


def test_products_a_project_is_named_after(k):
    # dev a11: the owner's name, then a coordinated head: one project, its products
    s = ("目前,四川省冕宁县茂源稀土科技有限公司抛光粉及萤光级氧化铕项目以及"
         "冕宁矿业有限公司2000吨级日选厂建设项目均已竣工投产。")
    got = names(s, k)
    texts = {(m.text, m.type) for m in sentence_mentions(s, k)}
    assert ("抛光粉及萤光级氧化铕项目", "Project") in texts
    assert ("萤光级氧化铕", "Product") in got
    s = "四川江铜稀土有限责任公司稀土采选及稀土磁金属和钕铁硼项目已于2011年6月份投入试运行生产。"
    got = names(s, k)
    texts = {(m.text, m.type) for m in sentence_mentions(s, k)}
    assert ("稀土采选及稀土磁金属和钕铁硼项目", "Project") in texts
    assert {("稀土磁金属", "Product"), ("钕铁硼", "Product")} <= set(got)
    assert not any(n == "稀土采选" for n, _t in got)       # an activity, no product
    # dev b07: 煤基|甲醇 names the feedstock and the product
    got = names("煤基甲醇项目计划明年建成。", k)
    assert {("煤", "Product"), ("甲醇", "Product")} <= set(got)
    # two projects joined by 和 stay two; a numeral is no part of a name
    got = [n for n, t in names("这是德方纳米磷酸锰铁锂正极材料项目和亿纬锂能动力储能电池项目。", k)
           if t == "Project"]
    assert not any("和" in n for n in got)
    got = [n for n, t in names("眼下,贵州磷化集团多个新能源材料项目正在加紧建设。", k) if t == "Project"]
    assert not any("多个" in n for n in got)


@pytest.mark.parametrize("s,sector", [
    ("曲靖加快构建绿色硅光伏产业、绿色铝精深加工产业、新能源电池产业等3个千亿级产业。", "绿色铝精深加工产业"),  # dev a04
    ("去年以来,宝鸡市全面提升钛产业基础高级化和产业链现代化水平。", "钛产业"),                          # dev a13
    ("华友控股产品主要围绕锂电材料产业展开。", "锂电材料产业"),                                        # dev a07
])
def test_a_sector_named_by_its_head(k, s, sector):
    assert (sector, "Sector") in names(s, k)


@pytest.mark.parametrize("s", [
    "厚植产业发展沃土、优化全链条产业生态。",        # a verb, an adjective before 产业
    "推进重点产业和千亿级产业发展。",                # qualifiers only
    "依托优质产业和高附加值产业。",                  # no thing named in the head
])
def test_no_sector_without_a_thing_named(k, s):
    assert not any(t == "Sector" for _n, t in names(s, k))


@pytest.mark.parametrize("s,name", [
    ("宁东能源化工基地是宁夏经济发展的“一号工程”。", "一号工程"),               # dev b07: a programme noun ends it
    ("园区建设快速推进,基本实现“九通一平”。", "九通一平"),                    # dev b10: a numbered slogan
    ("随着“碳达峰”“碳中和”的推进,氢能产业迎来机遇。", "碳中和"),             # dev b14: quotes side by side
    ("临颍县坚持二产牵两头,抓好“粮头食尾、农头工尾”。", "粮头食尾、农头工尾"),   # dev c05: a verb before
    ("黄石市以“五城”建设推进转型。", "五城"),                                   # dev g01: “X”建设
    ("大冶有色实现“二次创业”。", "二次创业"),                                   # dev g01: 实现“X”
    ("按照莒县政法委提出的“试点先行、协调推进”总体要求,着力打造网格。", "试点先行、协调推进"),  # dev e25
])
def test_quoted_programmes_are_initiatives(k, s, name):
    assert (name, "Initiative") in names(s, k)


def test_a_quoted_phrase_is_not_an_initiative_by_itself(k):
    # dev a01, b13: a nickname and a phrase of praise
    for s in ("矿产资源丰富的“亚洲锂都”宜春已成为市场焦点。", "从签约到开工用时不到2个月,刷新了“琅琊速度”。"):
        assert not any(t == "Initiative" for _n, t in names(s, k)), s


def test_companies_listed_before_deng_qiye(k):
    # dev b10: the middle items are bounded by the list whatever the dictionary reads
    s = "目前,中盐、采信、合诚、华栋、新思迈等8家企业投资的11个项目开工建设。"
    got = {n for n, t in names(s, k) if t == "Enterprise"}
    assert {"中盐", "合诚", "华栋", "新思迈"} <= got
    # dev b02: a ranking between 等 and 企业
    s = "文山州先后引进魏桥、中铝、神火等世界500强、中国500强铝产业企业。"
    got = {n for n, t in names(s, k) if t == "Enterprise"}
    assert {"魏桥", "神火"} <= got
    # a list of fields before 等领域的企业 names no company
    assert not any(t == "Enterprise" for _n, t in names("吸引新能源、化工等领域的企业落户。", k))


@pytest.mark.parametrize("s,good,bad", [
    ("记者获悉,2025年文山州绿色铝产值突破1000亿元大关。", "文山壮族苗族自治州", ("年文山州", "大关县")),  # dev b02
    ("届时将形成120亿瓦时锂离子动力电池年产能力。", "锂离子动力电池", ("瓦时锂离子动力电池",)),      # dev a05
    ("产成品可通过安庆港直接发往下游客户。", None, ("安庆市",)),                                    # dev b01
])
def test_numbers_and_units_do_not_open_names(k, s, good, bad):
    got = [n for n, _t in names(s, k)]
    assert good is None or good in got, got
    assert not any(b in got for b in bad), got


@pytest.mark.parametrize("s", [
    "目前,这家园区已成为省级开发区。",                     # dev b10: a level only
    "园区入选全省重点特色园区,拿到省财政支持资金。",        # dev a02: qualifiers only
    "宁德时代通过深度绑定上下游产业链保障供应。",            # dev a08
    "这3条产业链只是曲靖市发展的一个缩影。",                # dev a04: a count
])
def test_generic_words_name_no_park_chain_or_cluster(k, s):
    assert not any(t in ("Park", "IndustryChain", "IndustrialCluster") for _n, t in names(s, k))


def test_a_place_in_brackets_inside_a_name(k):
    # dev b13, b14, c05: the bracketed place is the name's, and no piece of it is a name
    s = "3月18日,鸿基创能科技(广州)有限公司、势加透博(北京)科技有限公司签约。"
    got = names(s, k)
    assert {("鸿基创能科技(广州)有限公司", "Enterprise"), ("势加透博(北京)科技有限公司", "Enterprise")} <= set(got)
    assert not any(t in ("City", "Province") or n.startswith(("广州)", "北京)", "科技有限公司"))
                   for n, t in got), got
    got = names("颐海(漯河)食品公司项目负责人介绍。", k)
    assert got == [("颐海(漯河)食品公司", "Enterprise")] or ("颐海(漯河)食品公司", "Enterprise") in got
    assert not any(n.startswith("漯河)") for n, _t in got)


def test_a_category_in_apposition_is_not_the_name(k):
    # dev a02, a13, a07
    got = names("2004年,民企天齐集团入主锂盐厂。", k)
    assert ("天齐集团", "Enterprise") in got
    assert not any(n.startswith("民企") or "入主" in n for n, _t in got), got
    assert ("宝钛集团", "Enterprise") in names("在链主企业宝钛集团的带动下,企业落户宝鸡。", k)
    got = names("华友控股旗下拥有上市公司华友钴业。", k)
    assert ("华友钴业", "Enterprise") in got and ("上市公司", "Enterprise") not in got
    # a place then a name the dictionary reads as a verb stays one name
    assert ("河北采信化工有限公司", "Enterprise") in names("由河北采信化工有限公司投资建设。", k)


def test_products_before_a_noun_of_making_and_in_equipment_lists(k):
    # dev c05: what a production base makes; dev b01: a list before 等核心装备
    got = names("在颐海(漯河)食品公司年产40万吨调味品生产基地车间内。", k)
    assert ("调味品", "Product") in got
    got = names("生产设备配置方面,将引进工频熔炼炉、精密锯床等核心装备。", k)
    assert {("工频熔炼炉", "Product"), ("精密锯床", "Product")} <= set(got)
    # no thing named before the noun of making: no product (全球|出货量, 4条专业|生产线)
    got = names("恩捷股份是全球出货量最大的企业,项目建设4条专业生产线。", k)
    assert not any(t == "Product" for _n, t in got), got


def test_a_named_fair_is_an_initiative(k):
    # dev c02
    assert ("瓜菜菌博览会", "Initiative") in names("莘县依托瓜菜菌博览会,积极争取举办交流大会。", k)
    # a bare event noun names nothing
    assert not any(t == "Initiative" for _n, t in names("该县举办了博览会。", k))


@pytest.mark.parametrize("s", [
    "连平县采用送戏下乡等形式开展宣传。",        # dev c13: a verb ending in 乡
    "水田面积约占全乡的八成。",                  # dev c04: the whole township
    "等你有空,能带我去一趟镇医院不?",           # dev c11: a count before 镇
    "据宁夏煤业集团总裁张文江介绍,基地已建成。",  # dev b07: a person after a role
])
def test_no_place_from_a_one_character_suffix_in_a_common_phrase(k, s):
    assert not any(t in ("Town", "Village", "River") for _n, t in names(s, k)), names(s, k)


@pytest.mark.parametrize("s,bad", [
    ("规划约140万平方米面积的厂房、生产配套附属设施和生活区。", "生活区"),       # dev a01
    ("遂宁也由此成为锂电产业链最为完善的集中发展区。", "发展区"),              # dev a02
    ("该市将打造工业强市。", "工业强市"),                                      # dev a14
])
def test_a_division_suffix_names_a_division_of_the_gazetteer_only(k, s, bad):
    assert not any((n == bad or n.endswith(bad)) and t in ("City", "District", "Province")
                   for n, t in names(s, k))


def test_a_short_division_with_its_suffix_takes_the_full_name(k):
    # dev c14: 黔东南州 is the autonomous prefecture
    ms = sentence_mentions("黔东南州剑河县南寨镇的积分超市。", k)
    assert ("黔东南州", "黔东南苗族侗族自治州", "City") in {(m.text, m.name, m.type) for m in ms}
    assert any(m.text == "剑河县" and m.type == "District" for m in ms)


@pytest.mark.parametrize("s", [
    "该项目是琅琊区首个百亿级重大项目,也是第一个光伏项目。",        # dev b13
    "宁夏煤基二甲醚、煤基烯烃两个煤化工项目在基地开工。",              # dev b07
    "眼下,贵州磷化集团多个新能源材料项目正在加紧建设。",              # dev a08
])
def test_a_project_of_a_kind_is_not_a_named_project(k, s):
    assert not any(t == "Project" and n in ("光伏项目", "煤化工项目", "新能源材料项目")
                   for n, t in names(s, k)), names(s, k)


def test_sectors_of_a_list_before_deng_lingyu(k):
    # dev a13: the items of a list before 等领域 are sectors, the longest form
    s = "钛产品被广泛应用于航空航天航海、新能源、化工、医疗健康等领域。"
    got = {n for n, t in names(s, k) if t == "Sector"}
    assert {"航空航天航海", "新能源", "化工", "医疗健康"} <= got
    assert "航空航天" not in got and "医疗" not in got
    # dev a04: a sector named by its head wins over the shorter industry word
    got = {n for n, t in names("曲靖加快构建绿色硅光伏产业。", k) if t == "Sector"}
    assert got == {"绿色硅光伏产业"}
    # and a place before it is not the sector's (曲靖|新能源产业)
    got = {n for n, t in names("这是曲靖新能源产业的标志性项目。", k) if t == "Sector"}
    assert got == {"新能源产业"}


def test_generic_nouns_and_by_product_marks_open_no_product(k):
    # dev b07
    s = "年产中间产品甲醇182.5万吨,最终产品聚丙烯52万吨,副产汽油15.62万吨。"
    got = {n for n, t in names(s, k) if t == "Product"}
    assert {"甲醇", "聚丙烯", "汽油"} <= got
    assert not any(n.startswith(("产品", "副产")) for n in got)
    # dev a01: 高铁 is a train, not a material; 高钛渣 is one
    assert not any(t == "Product" for _n, t in names("刚下高铁,人潮涌动。", k))
    assert ("高钛渣", "Product") in names("钛精矿冶炼成高钛渣。", k)


def test_datelines_name_the_medium(k):
    # dev a10, c04, c08
    assert ("绵阳新闻网", "Organization") in names("绵阳新闻网讯 7月29日11时,项目开工。", k)
    assert ("华声在线", "Organization") in names("华声在线4月4日讯(通讯员 毛羽)为进一步激发。", k)
    got = names("国际在线生态中国频道消息:2019年9月21日,水稻开始收割。", k)
    assert ("国际在线", "Organization") in got and ("国际在线生态中国频道", "BusinessUnit") in got
    assert not any(t == "Country" for _n, t in got)


def test_numbered_units_and_holding_companies(k):
    # dev c05, a10
    got = names("目前1号生产车间已经正常生产,2号生产车间正在购置设备。", k)
    assert {("1号生产车间", "BusinessUnit"), ("2号生产车间", "BusinessUnit")} <= set(got)
    got = names("四川新鸿兴集团有限公司、盛和资源控股股份有限公司等主体共同投资。", k)
    assert ("盛和资源控股股份有限公司", "Enterprise") in got
    assert ("颐海国际控股有限公司", "Enterprise") in names("该项目是颐海国际控股有限公司的子项目。", k)
    got = names("项目选址于园区蓝天路24号现有厂区内。", k)
    assert not any(t == "BusinessUnit" for _n, t in got)


def test_a_suffix_that_starts_like_a_follower_word(k):
    # dev c01: 村民 follows 村 in a common word, but 村民小组 is a unit; dev a05: 科技|园
    assert ("骂梅树村民小组", "Village") in names("”骂梅树村民小组村民董友光一边说。", k)
    assert ("中航绿色电源科技园", "Park") in names("1月8日,中航绿色电源科技园在金坛奠基。", k)
    assert not any(t == "Village" for _n, t in names("村民们都来了。", k))


def test_a_chain_list_of_kinds_names_no_chain(k):
    # dev b11: 多门类、全产业链 are kinds of development, not chains
    got = names("近年来,海陵全力打造多门类、全产业链的发展体系。", k)
    assert not any(t == "IndustryChain" for _n, t in got), got
    got = {n for n, t in names("全市重点发展铜、铅、锌产业链。", k) if t == "IndustryChain"}
    assert {"铜产业链", "铅产业链", "锌产业链"} <= got


def test_a_product_name_opens_on_no_verb(k):
    # dev a05, a08
    got = {n for n, t in names("该园重点发展锂离子动力电池等绿色电源产业。", k) if t == "Product"}
    assert "锂离子动力电池" in got and not any(n.startswith("发展") for n in got)
    got = {n for n, t in names("在以上政策支持下,贵州做强做大锂电池材料产业的底气更足。", k) if t == "Product"}
    assert not any(n.startswith("做") for n in got), got


def test_two_names_joined_by_ji(k):
    # dev a05: 暨 joins a park and a project
    ms = sentence_mentions("1月8日,中航绿色电源科技园暨中航锂离子动力电池项目,在金坛经济开发区奠基。", k)
    got = {(m.text, m.type) for m in ms}
    assert ("中航绿色电源科技园", "Park") in got and ("中航锂离子动力电池项目", "Project") in got
    assert not any("暨" in m.text for m in ms)


def test_a_knowledge_base_is_not_kept_alive_by_the_mention_stage(tmp_path):
    # a module-level table keyed by the knowledge base kept every one (and its
    # tagger, ~25 MB) alive: the test suite grew to 8 GB
    import gc
    import weakref

    from kg.build import build_graph
    f = tmp_path / "a.txt"
    f.write_text("甘肃正昊钛业有限公司精炼分厂年产海绵钛1万吨。\n", encoding="utf-8")
    kb = load_knowledge()
    build_graph([f], knowledge=kb, jobs=1)
    ref = weakref.ref(kb)
    del kb
    gc.collect()
    assert ref() is None


@pytest.mark.parametrize("s, kind", [
    ("自发现千亿吨岩盐资源以来,宁晋致力于打造产值千亿元盐化工园区的进展情况一直备受各界关注。",
     "盐化工园区"),                                                        # dev b10
    ("目前已经打造成集旅游、观光、体验、私人定制于一体的有机绿色示范园区。", "有机绿色示范园区"),  # dev c04
    ("日前,记者来到砚山县平远镇的云南乐牧牧业有限责任公司(以下简称“乐牧公司”)奶牛养殖基地,"
      "展现在眼前的是几栋排列有序的钢架牛舍。",
     "奶牛养殖基地"),                                                      # dev c07
])
def test_common_words_alone_name_no_park(k, s, kind):
    """A park is named by a place, an owner or a proper word; common nouns
    and verbs before 园区/基地 only say what kind of park it is."""
    assert kind not in {n for n, t in names(s, k) if t == "Park"}, names(s, k)


@pytest.mark.parametrize("s, park", [
    ("1月8日,中航绿色电源科技园暨中航锂离子动力电池项目,在金坛经济开发区奠基。", "金坛经济开发区"),  # dev a05
    ("1月2日,站在位于焦作经济技术开发区的中福钛锆产业园项目现场。", "焦作经济技术开发区"),     # dev a14
])
def test_a_division_name_tagged_as_a_noun_still_names_a_park(k, s, park):
    assert park in {n for n, t in names(s, k) if t == "Park"}, names(s, k)


@pytest.mark.parametrize("s, product, part", [
    ("恩捷股份是全球出货量最大的锂电池隔膜生产供应商;", "锂电池隔膜", "锂电池"),          # dev a07
    ("稀土永磁材料更是新能源汽车电机、风力发电、工业节能电机、无人机等行业不可或缺的基础原材料。",
     "稀土永磁材料", "稀土"),                                                         # dev a10
])
def test_a_product_goes_on_over_the_nouns_of_a_materials_head(k, s, product, part):
    got = {n for n, t in names(s, k) if t == "Product"}
    assert product in got and part not in got, got


def test_materials_for_a_product_are_not_one_product(k):
    # dev a08: 锂电池材料 are the materials of batteries; the battery is named
    s = "在“双碳”战略背景下,贵州磷化集团凭借既有的锂电池材料上游产业规模和技术基础,顺利踏入新能源“赛道”。"
    got = {n for n, t in names(s, k) if t == "Product"}
    assert "锂电池材料" not in got


@pytest.mark.parametrize("s, name, type_", [
    ("目前,宝鸡钛及新材料产业集群已被列入国家战略性新兴产业集群发展工程,并入选国家中小企业特色产业集群。",
     "宝鸡钛及新材料产业集群", "IndustrialCluster"),                          # dev a13
    ("大力实施龙头企业壮大、中小企业集聚、延链补链强链、创新能力提升、人才引进培养、服务体系优化等"
     "钛及钛合金产业链提升“六大工程”。", "钛及钛合金产业链", "IndustryChain"),   # dev a13
])
def test_materials_joined_by_ji_before_a_chain_or_cluster(k, s, name, type_):
    assert name in {n for n, t in names(s, k) if t == type_}, names(s, k)


def test_qualifiers_and_kinds_of_company_alone_name_no_cluster(k):
    # dev a13: a national programme's category (战略性新兴, 中小企业特色) is no cluster's name
    s = "目前,宝鸡钛及新材料产业集群已被列入国家战略性新兴产业集群发展工程,并入选国家中小企业特色产业集群。"
    got = {n for n, t in names(s, k) if t == "IndustrialCluster"}
    assert not got & {"战略性新兴产业集群", "中小企业特色产业集群", "新材料产业集群"}, got


def test_a_compound_prefix_opens_a_name(k):
    # dev a04: 磷酸 is the compound's prefix, not an activity word before the name
    s = "德方纳米磷酸锰铁锂项目是目前全国已建成投产产能最大的磷酸锰铁锂正极材料项目,达产后每年将为下游电池制造企业提供大批量高性能电池材料。"
    got = {n for n, t in names(s, k) if t == "Project"}
    assert "磷酸锰铁锂正极材料项目" in got and "锰铁锂正极材料项目" not in got, got


@pytest.mark.parametrize("s, name", [
    ("长江网12月6日讯(通讯员仝文璇)6日,国家能源集团氢能科技有限公司、武汉市东湖新技术开发区管委会、"
     "武汉地质资源环境工业技术研究院有限公司三方(以下分别简称“国氢科技”“东湖高新区”“资环工研院”)"
     "在北京隆重签署合作协议。", "国家能源集团"),                                  # dev d08
    ("目前,西乌旗从事铝及铝后精加工的企业共有2家,分别为国家电投集团内蒙古白音华煤电有限公司和"
     "内蒙古保硕新材料有限公司,2家企业一期建设完成后,年产铝及铝合金能力共计为38万吨,一季度国家电投集团"
     "内蒙古白音华煤电有限公司累计生产铝锭4.37万吨,实现铝产业产值7.05亿元;", "国家电投集团"),  # dev d17
])
def test_a_company_name_keeps_the_words_that_open_it(k, s, name):
    """国家 is stripped from a product's or cluster's front (国家|先进制造业集群
    is no name of its own), never from a company's: 国家能源集团 is one."""
    got = {n for n, t in names(s, k) if t == "Enterprise"}
    assert name in got and name[2:] not in got, got


def test_a_word_of_ownership_ends_the_owners_name(k):
    # dev d04: 旗下 is between the owner's name and the owned one's
    s = "1月9日,宜都市人民政府与新洋丰集团旗下洋丰楚元新能源科技有限公司签订锂电池正极材料投资协议书,一期拟建设10万吨磷酸铁和5万吨磷酸铁锂项目。"
    ms = sentence_mentions(s, k)
    owned = next(m for m in ms if m.name == "洋丰楚元新能源科技有限公司")
    assert owned.type == "Enterprise" and ms[owned.parent].name == "新洋丰集团"
    assert owned.parent_rel == "subsidiaryOf"
    assert not any("旗下" in m.name for m in ms)


def test_a_section_suffix_needs_an_agency_before_it(k):
    # dev d07: 晶科 is a trade name after a district, no section of an agency
    got = names("1月16日,广信区晶科24GW光伏组件一期项目投产活动举行。", k)
    assert not any(t == "GovernmentBody" for _n, t in got), got


@pytest.mark.parametrize("s", [
    "本次签约项目,是国家能源集团和湖北省政府于11月18日在京签署战略合作协议中的重点落地项目。",   # dev d08
    "长江网12月6日讯(通讯员仝文璇)6日,国家能源集团氢能科技有限公司、武汉市东湖新技术开发区管委会、"
    "武汉地质资源环境工业技术研究院有限公司三方(以下分别简称“国氢科技”“东湖高新区”“资环工研院”)"
    "在北京隆重签署合作协议。",                                                                 # dev d08
])
def test_a_rivers_name_ends_a_word_and_two_bodies_joined_by_he_are_two(k, s):
    got = names(s, k)
    assert not any(t == "River" for _n, t in got), got
    assert not any("和" in n for n, _t in got), got


def test_products_of_one_chain_are_no_list_of_chains(k):
    # dev d01: 从钛矿采选到生产高钛渣、…、钛材的完整钛产业链 lists the chain's products
    s = '楚雄州矿产资源十分丰富,在钛产业发展方面拥有得天独厚的优势,从事钛产业的企业超过30家,形成了从钛矿采选到生产高钛渣、氯化法钛白粉、海绵钛、钛材的完整钛产业链,氯化法钛白粉、钛锭产能居全国前列,成为全国乃至全球唯一拥有相对完整钛产业链的地区。'
    got = {n for n, t in names(s, k) if t == "IndustryChain"}
    assert not got & {"高钛渣产业链", "海绵钛产业链", "钛材的完整钛产业链"}, got
    assert "高钛渣" in {n for n, t in names(s, k) if t == "Product"}


def test_a_county_level_city_is_at_a_countys_level_and_quotes_open_no_name(k):
    # dev d01: 禄丰市 is a county-level city of 楚雄州 (the gazetteer's level)
    got = [(m.text, m.type) for m in sentence_mentions('2021年,楚雄州禄丰市绿色硅、绿色钛、绿色钒钛、绿色智能装备制造产业全面发展,楚雄隆基单晶硅产能达38GW、产值突破165亿元;', k)]
    assert ("禄丰市", "District") in got, got
    # dev d16: the quote before 乌镇管家 is no part of the town's name
    got = names("陪同记者采访的桐乡市委政法委副书记、市综治办主任沈云波介绍说,“乌镇管家”其实是一支基层网格信息员队伍。", k)
    assert not any(n.startswith("“") for n, _t in got), got


def test_products_listed_after_chanpin_zhuyao_shi_with_process_prefixes(k):
    # dev d05: 热轧, 冷轧, 镀锌 are prefixes of products' names (steel processes)
    got = {n for n, t in names('项目产品主要是热轧薄板、热轧宽厚板、冷轧薄板、镀锌板、彩涂板、冷轧硅钢等国内大量需求的优质钢材以及国内尚不能生产或尚不能满足国民经济发展所需而依靠进口的高端钢材。', k) if t == "Product"}
    assert {"热轧薄板", "热轧宽厚板", "冷轧薄板", "镀锌板", "冷轧硅钢"} <= got, got


@pytest.mark.parametrize("s, name", [
    ('近年来,西乌旗紧紧依托坑口煤电资源,以“降成本,促转型”为主线,按照用煤发电、用电炼铝、以铝带电、以电促煤的思路,重点围绕资源转化增值下功夫,大力发展铝后精深加工,煤—电—铝—铝基新材料深加工一体化发展产业链已见雏形。', "降成本,促转型"),             # dev d17: 以“…”为主线
    ('2020年,美香村凤梨产业以“公司+合作社+农户+基地”的合作模式,陆续种植了1200多亩,今年有140亩凤梨成熟了,亩产量6500斤,产值达到2.2万元每亩。', "公司+合作社+农户+基地"),      # dev d11: “…”的合作模式
    ('近几年,桐乡市在努力做好一件事:传承“枫桥经验”精髓,探索“自治、法治、德治”相融合的“三治”建设。', "枫桥经验"),                  # dev d16: 传承“…”精髓
])
def test_a_quoted_line_method_or_model_is_an_initiative(k, s, name):
    assert (name, "Initiative") in names(s, k), names(s, k)


@pytest.mark.parametrize("s, body", [
    ('近日,平头镇便民服务中心主任吴宏亮向记者详细介绍了乡村的变化。', "平头镇便民服务中心"),      # dev d13
    ('在虹桥村村委会一间办公室里,66岁的村民田文荣取出一件红色的马甲套在身上,与他一样穿着红马甲的,还有63岁的村民吴宝林和56岁的邱明华。', "虹桥村村委会"),            # dev d16
])
def test_grassroots_bodies_after_their_place(k, s, body):
    assert (body, "GovernmentBody") in names(s, k), names(s, k)


def test_a_company_named_right_before_a_corporate_title(k):
    # dev d05: 中国中冶 holds no suffix; its officer's title follows it
    got = names('中国中冶副总裁黄丹,赛迪集团总经理余朝晖、副总经理杜社应邀出席。', k)
    assert ("中国中冶", "Enterprise") in got and ("中国", "Country") not in got, got


def test_a_city_named_with_a_port_suffix_is_no_port(k):
    # dev d05: 防城港 is a city, not 武钢's port
    assert not any(t == "Site" for _n, t in names('5月28日,武钢防城港钢铁基地项目全面开工仪式在防城港市企沙临海工业园区隆重举行。', k)), names('5月28日,武钢防城港钢铁基地项目全面开工仪式在防城港市企沙临海工业园区隆重举行。', k)


def test_a_domain_noun_keeps_its_tag_and_a_coined_name_names_a_park(k):
    # dev d20: 零部件 is a noun (the dictionary reads it as a numeral); 高科 is coined
    assert ("高科新能源汽车零部件产业园", "Park") in names('株洲日报讯(全媒体记者/潘东晓) 10月12日,高科新能源汽车零部件产业园暨北汽模塑项目开工。', k), names('株洲日报讯(全媒体记者/潘东晓) 10月12日,高科新能源汽车零部件产业园暨北汽模塑项目开工。', k)


def test_a_role_title_ending_in_a_suffix_is_no_body(k):
    # dev d02: 党委常委, 市委常委 are titles
    got = {n for n, t in names('中国稀土集团党委常委、副总经理谢志宏出席并讲话,永州市委常委、副市长何恩广致辞,零陵区委副书记、区长龙亮,副区长刘斌出席签约仪式。', k) if t == "GovernmentBody"}
    assert not any(n.endswith("常委") for n in got), got


def test_a_projects_state_is_no_name(k):
    # dev d20: 入园项目 (a project that enters the park) names no project
    assert "入园项目" not in {n for n, t in names('北汽模塑项目由北汽模塑投资建设,为高科新能源汽车零部件产业园的首个入园项目。', k) if t == "Project"}


def test_companies_listed_before_deng_yipi_and_a_description(k):
    # dev d19: 等一批高成长性的明星企业
    got = {n for n, t in names('作为南通市、崇川区集成电路产业发展的最前沿和主阵地,近年来,市北高新区积极培育产业链头部企业,已集聚通富微电、越亚半导体、钰泰半导体、菲莱半导体、幂帆科技等一批高成长性的明星企业,形成了集成电路产业规模效应。', k) if t == "Enterprise"}
    assert {"越亚半导体", "钰泰半导体", "菲莱半导体", "幂帆科技"} <= got, got
    # no companies from a list of fields (a control: 等一批…领域的企业)
    assert not any(t == "Enterprise" for _n, t in names("吸引新能源、化工等一批领域的企业落户。", k))


def test_a_materials_head_read_as_a_measure_still_ends_the_product(k):
    # dev d17: 锭 (ingot) is tagged as a measure word after 铝合金
    assert "铝合金锭" in {n for n, t in names('内蒙古保硕新材料有限公司一期项目总投资2.5亿元,建设内容及规模为10万吨铝板带材生产线、10万吨铝合金锭、10万吨压铸前端铝合金锭、年产30万吨铝合金圆铸锭以及与之配套的公辅工程等。', k) if t == "Product"}


def test_a_transliterations_character_tagged_as_a_pronoun_is_part_of_the_name(k):
    # dev d19: 基尔|彼 (r) is no pronoun; the one-character pronouns are a closed class
    s = "基尔彼半导体晶圆衬底制造项目由江苏基尔彼新材料科技有限公司投资。"
    got = names(s, k)
    assert ("江苏基尔彼新材料科技有限公司", "Enterprise") in got, got
    assert ("基尔彼半导体晶圆衬底制造项目", "Project") in got, got


def test_a_research_institute_limited_is_an_enterprise_and_a_surname_after_a_role_no_river(k):
    assert ("武汉地质资源环境工业技术研究院有限公司", "Enterprise") in names('长江网12月6日讯(通讯员仝文璇)6日,国家能源集团氢能科技有限公司、武汉市东湖新技术开发区管委会、武汉地质资源环境工业技术研究院有限公司三方(以下分别简称“国氢科技”“东湖高新区”“资环工研院”)在北京隆重签署合作协议。', k)   # dev d08
    assert not any(t == "River" for _n, t in names('广州市花都区汽车城管委会副主任江伟山介绍,整个基地分成五个零部件产业组团,为汽车零部件产业预留了充分的发展空间,“加盟的11家企业实力较强,是花都完善汽车产业链的重要组成部分,对汽车整车生产有推动意义。”', k)), names('广州市花都区汽车城管委会副主任江伟山介绍,整个基地分成五个零部件产业组团,为汽车零部件产业预留了充分的发展空间,“加盟的11家企业实力较强,是花都完善汽车产业链的重要组成部分,对汽车整车生产有推动意义。”', k)         # dev d10


def test_projects_counted_by_their_kind_name_none(k):
    # dev d02: 成功签约…三个稀土产业项目
    assert "稀土产业项目" not in {n for n, t in names('零陵新闻网讯(记者 杨文哲)8月8日上午,湖南稀土新材料产业园项目集中签约仪式在长沙市天心区举行,湖南省稀土产业集团有限公司现场与永州市零陵区人民政府成功签约低放伴生矿物料综合处置、4万吨独居石加工、循环科技三个稀土产业项目。', k) if t == "Project"}


def test_one_project_of_two_products_each_with_its_quantity(k):
    # dev d04: 10万吨磷酸铁和5万吨磷酸铁锂项目 is one project
    s = "1月9日,宜都市人民政府与新洋丰集团旗下洋丰楚元新能源科技有限公司签订锂电池正极材料投资协议书,一期拟建设10万吨磷酸铁和5万吨磷酸铁锂项目。"
    got = {n for n, t in names(s, k) if t == "Project"}
    assert got == {"10万吨磷酸铁和5万吨磷酸铁锂项目"}, got


def test_a_companys_phase_is_no_project_of_its_own(k):
    # dev d17: 内蒙古保硕新材料有限公司|一期项目 names the company's first phase
    got = {n for n, t in names('内蒙古保硕新材料有限公司一期项目总投资2.5亿元,建设内容及规模为10万吨铝板带材生产线、10万吨铝合金锭、10万吨压铸前端铝合金锭、年产30万吨铝合金圆铸锭以及与之配套的公辅工程等。', k) if t == "Project"}
    assert not any(n.endswith("一期项目") for n in got), got


def test_companies_listed_before_a_count_of_companies(k):
    # dev a14: 由浙江甬金、龙佰集团、贵州航宇3家上市公司…合资成立 (no 等; a province opens a name)
    got = names('河南中源钛业有限公司是由浙江甬金、龙佰集团、贵州航宇3家上市公司,依托自身优势合资成立的新材料企业,研发生产的高端钛合金新材料属于国家重点支持的战略性新兴产业。', k)
    assert {("浙江甬金", "Enterprise"), ("贵州航宇", "Enterprise")} <= set(got), got
    assert ("贵州省", "Province") not in got


def test_a_fixed_phrase_before_the_suffix_is_the_names_noun(k):
    # dev c02: 嘉华|大豆蛋白 (l)|产业园; a verb phrase (发展壮大/l) still cuts
    assert ("嘉华大豆蛋白产业园", "Park") in names('依托嘉华股份,著力抓好嘉华大豆蛋白产业园建设,打造集大豆选育种植、低温豆粕及油脂加工、大豆蛋白加工、大豆膳食纤维提取等于一体的全加工链条;', k), names('依托嘉华股份,著力抓好嘉华大豆蛋白产业园建设,打造集大豆选育种植、低温豆粕及油脂加工、大豆蛋白加工、大豆膳食纤维提取等于一体的全加工链条;', k)
    s = "在云南富宁产业园,当地精准围绕云南神火90万吨电解铝这一“链主”项目延链补链强链,发展壮大园区经济。"
    assert not any(n.startswith("发展") for n, _t in names(s, k)), names(s, k)


def test_a_product_name_goes_back_over_no_verb_of_making_or_localizer(k):
    # dev b05, a04: the product starts after 生产 (a verb of making) and after
    # 中 (a localizer), never at the company's name before them
    got = {n for n, t in names("在浮溪村的鼎信镍业主要生产镍合金、不锈钢中板坯料。", k) if t == "Product"}
    assert "镍合金" in got and not any("鼎信" in n or "生产" in n for n in got), got
    got = {n for n, t in names("亿纬锂能是新能源产业链中电池领域的佼佼者。", k) if t == "Product"}
    assert not any("中" in n for n in got), got


def test_a_province_opening_a_project_name_is_the_names(k):
    # dev b08: 内蒙古 opens the project's name; the sentence says nothing of the
    # province, while a body named after its place keeps it (dev a14)
    s = "全球单厂规模最大的烯烃厂项目——内蒙古宝丰煤基新材料项目主体施工已基本完成。"
    got = names(s, k)
    assert ("内蒙古宝丰煤基新材料项目", "Project") in got
    assert not any(t == "Province" for _n, t in got), got
    got = names("记者从焦作市发改委获悉,该项目分三期建设。", k)
    assert ("焦作市", "City") in got, got


@pytest.mark.parametrize("s, bad", [
    ("引导各种生产要素和政策向链主企业聚焦。", {"要素", "政策"}),                    # dev a13
    ("提留收益的5%,当做凤梨产业的积蓄发展资金,用来扩大种植面积等。", {"面积"}),      # dev d11
    ("10月12日,一道新能源泰州项目在江苏省泰州市海陵区新能源产业园区正式开工。",      # dev b11
     {"新能源泰州"}),
])
def test_abstract_nouns_and_places_are_no_products(k, s, bad):
    got = {n for n, t in names(s, k) if t == "Product"}
    assert not got & bad, got


def test_a_projects_phase_opens_its_name(k):
    # dev d17: the phase is part of the name as written; the name without it an alias
    ms = [m for m in sentence_mentions("目前建设的一期高精铝板带项目产能为40万吨,计划今年9月份正式投产。", k)
          if m.type == "Project"]
    assert [(m.name, m.text) for m in ms] == [("一期高精铝板带项目", "一期高精铝板带项目")]
    assert "高精铝板带项目" in ms[0].aliases


@pytest.mark.parametrize("s, bad", [
    ("项目选址望江经济开发区具备多重区位优势。", "望江"),                 # dev b01: 望江县's short name
    ("四川江铜稀土有限责任公司是冕宁稀土工业园区的龙头企业。", "四川江"),   # dev a11: 江 alone
    ("联合社生产的临子河牌大米得到了消费者的一致认可。", "临子河"),         # dev c04: 河 alone, a brand
])
def test_no_river_from_a_place_name_or_a_lone_suffix(k, s, bad):
    assert not any(t == "River" and bad in n for n, t in names(s, k)), names(s, k)


def test_rivers_named_as_words_and_two_joined_by_he():
    k = load_knowledge()
    got = {n for n, t in names("金沙江、雅砻江、大渡河穿境而过,鄱阳湖和洞庭湖是大湖。", k) if t == "River"}
    assert got == {"金沙江", "雅砻江", "大渡河", "鄱阳湖", "洞庭湖"}, got


def test_a_counted_village_is_a_kind_and_places_joined_by_he_are_two(k):
    # what a count counts is a kind (5个贫困村); dev c02: 鲁西经济开发区|和|农高区…
    # was one name opening on 和
    got = names("该镇共有12个行政村,其中3个示范村、5个贫困村。", k)
    assert not any(t == "Village" for _n, t in got), got
    assert ("小湖村", "Village") in names("全镇11个村全部完成改造,其中小湖村最早。", k)
    got = names("南寨镇和北寨镇也来学习。", k)
    assert ("南寨镇", "Town") in got and ("北寨镇", "Town") in got, got
    got = names("莘县依托鲁西经济开发区和农高区两大省级园区,著力抓好龙头企业培育。", k)
    assert ("鲁西经济开发区", "Park") in got and not any(n.startswith("和") or "和农高区" in n
                                                     for n, _t in got), got


def test_products_measured_in_a_list_whatever_their_tags(k):
    # dev d05: 冷轧板|卷/m, 宽厚/a|板/ng, 达产/后/年产|铁水: bounded by the separators
    # and the quantity, the words make the product's name
    s = "项目达产后年产铁水800万吨、钢坯860万吨,年产热轧商品卷280万吨、冷轧板卷440万吨、宽厚板140万吨。"
    got = {n for n, t in names(s, k) if t == "Product"}
    assert {"铁水", "钢坯", "热轧商品卷", "冷轧板卷", "宽厚板"} <= got, got
    # dev b04: what is measured is no product
    got = {n for n, t in names("设计产能为年产270万吨优特钢,年产量80万吨。", k) if t == "Product"}
    assert "年产量" not in got, got


@pytest.mark.parametrize("s, bad", [
    ("显然,宜春丰富的锂矿资源是吸引锂电巨头入驻的重要原因。", "锂矿资源"),          # dev a01
    ("先后引进了云南国钛金属、钛材,横向扩大钛基新材料和稀有金属品种、纵向扩大产业链前后延展。",
     "钛基新材料"),                                                                 # dev d01
])
def test_an_element_before_a_materials_industry_names_no_company(k, s, bad):
    assert (bad, "Enterprise") not in names(s, k), names(s, k)


def test_a_coined_trade_name_before_an_industry_is_a_company(k):
    # dev b05: 鼎信|科技 (no element in the coined part)
    got = names("青山钢铁在福安湾坞工贸区投资了鼎信实业、鼎信科技、鼎信物流等子公司。", k)
    assert ("鼎信科技", "Enterprise") in got, got


def test_companies_listed_before_deng_after_a_verb(k):
    # dev d19: the first item's single-character verb (通/v) after the verb 集聚 is
    # the name's; dev b10: a one-character word of an item the list bounds too
    s = ("近年来,市北高新区积极培育产业链头部企业,已集聚通富微电、越亚半导体、钰泰半导体、菲莱半导体、"
         "幂帆科技等一批高成长性的明星企业,形成了集成电路产业规模效应。")
    got = {n for n, t in names(s, k) if t == "Enterprise"}
    assert {"通富微电", "越亚半导体", "幂帆科技"} <= got, got
    assert not any(n.startswith("集聚") for n in got), got


def test_names_a_group_is_represented_by(k):
    # dev b11: 以A、B、C等为代表的一批优质项目
    s = ("以隆基乐业为代表的一批骨干企业的成长壮大奠定了加快发展的坚实基础,以锦能、海优威、伏图拉等为代表的"
         "一批优质项目的不断加盟注入了规模化发展的强劲动力。")
    got = {n for n, t in names(s, k) if t == "Enterprise"}
    assert {"隆基乐业", "锦能", "海优威"} <= got, got


def test_a_projects_product_without_its_plant_words_or_quantity(k):
    # dev e10: …烧碱|生产装置|项目; dev e02: 10GWh|锂电池|生产线|项目 (a quantity the
    # product's name never opens: the pattern was anchored at the string's start)
    s = ("南宁绿洲化工有限责任公司采用清洁生产技术建设年产30万吨氯碱项目(即年产30万吨离子膜法烧碱生产装置项目"
         "和年产32万吨聚氯乙烯生产装置项目)。")
    got = {n for n, t in names(s, k) if t == "Product"}
    assert {"离子膜法烧碱", "聚氯乙烯"} <= got and not any("装置" in n for n in got), got
    got = {n for n, t in names("山西冠佳新能源开发有限公司隆重举行了10GWh锂电池生产线项目的开工仪式。", k)
           if t == "Product"}
    assert got == {"锂电池"}, got


def test_steps_of_work_listed_before_a_chain_are_no_chains(k):
    # the form of dev e04's and test e12's lists: items with a verb are steps of work
    got = names("这是资源综合利用、延伸钢铁产业链、发展新材料的重要举措。", k, "IndustryChain")
    assert got == [("钢铁产业链", "IndustryChain")], got
    got = {n for n, _t in names("发展铜、铅、锌产业链。", k, "IndustryChain")}
    assert {"铜产业链", "铅产业链", "锌产业链"} <= got, got


def test_a_polymer_prefix_opens_a_chemicals_name(k):
    # 聚合 (polymerised) opens names of chemicals as 聚合氯化铝, 聚合硫酸铁 (general chemistry)
    assert ("聚合氯化铝", "Product") in names("公司年产20万吨聚合氯化铝。", k)


def test_products_measured_per_year_and_after_a_verb_of_making_of_any_tag(k):
    # dev e10: 8万吨/年|环氧氯丙烷|装置; dev e05: 年产/j|晶体硅光伏电池
    s = "项目同期配套建设的8万吨/年环氧氯丙烷装置、4万吨/年液氯、100MW热电联产装置。"
    got = {n for n, t in names(s, k) if t == "Product"}
    assert {"环氧氯丙烷", "液氯"} <= got and not any("装置" in n for n in got), got
    got = {n for n, t in names("全部投产后,将实现年产晶体硅光伏电池2000兆瓦以上。", k) if t == "Product"}
    assert got == {"晶体硅光伏电池"}, got


def test_latin_letters_in_a_name_are_a_foreign_noun_and_a_number_with_a_unit_a_quantity(k):
    # dev e11: P|型电池 (jieba's "eng" read as an interjection cut the name); dev e16:
    # T800高性能碳纤维 after the quantity; a number with a unit (5GW) opens no name
    got = {n for n, t in names("全球电池片市场正处于P型电池技术向N型电池技术的转换期。", k) if t == "Product"}
    assert {"P型电池", "N型电池"} <= got and "型电池" not in got, got
    got = {n for n, t in names("投资新建年产4000吨T800高性能碳纤维及碳纤维装备制造产业基地。", k)
           if t == "Product"}
    assert {"T800高性能碳纤维", "碳纤维"} <= got and "产业基地" not in got, got
    got = {n for n, t in names("形成年产约50GWh锂电子动力电池生产能力。", k) if t == "Product"}
    assert got == {"锂电子动力电池"}, got
    tg = tagger(k)
    assert dict(tg.tag("5GW电池和T800碳纤维")) == {"5GW": "m", "电池": "n", "和": "c", "T800": "nx",
                                                  "碳纤维": "n"}


def test_a_quantity_per_year_opens_a_project_and_an_activity_is_no_product(k):
    # dev e08, e13: 700吨/年…项目; 铜冶炼 and 稀土分离 name what the plant does
    got = names("赤峰40万吨/年铜冶炼项目两条主生产线投产。", k)
    assert ("40万吨/年铜冶炼项目", "Project") in got, got
    assert not any(t == "Product" and "冶炼" in n for n, t in got), got


def test_another_name_in_brackets_before_the_suffix(k):
    # dev e16: the bracket holds a nickname, right before 项目; the words before it
    # may end in a verb
    got = names("今天上午,甘肃张掖碳纤维装备制造(张掖碳谷)项目在张掖智能制造产业园开工。", k)
    assert ("甘肃张掖碳纤维装备制造(张掖碳谷)项目", "Project") in got, got
    assert not any(t == "Province" for _n, t in got), got


def test_names_listed_with_the_sums_they_invest(k):
    # dev e07 (traditional in print): each item a name and its sum in brackets
    s = ("此外,包括敏芯微电子(10000万元)、慧闻MEMS(6000万元)、润石科技(5000万美元)、中控安芯(6000万元)、"
         "华天晶圆级封装项目(200000万元)、泓浒半导体(3000万元)等在内的22个半导体项目也签约落地。")
    got = names(s, k)
    assert {("敏芯微电子", "Enterprise"), ("慧闻MEMS", "Enterprise"), ("中控安芯", "Enterprise"),
            ("泓浒半导体", "Enterprise"), ("华天晶圆级封装项目", "Project")} <= set(got), got
    assert not any("万元" in n for n, _t in got), got


def test_a_village_of_a_kind_and_a_cooperative_are_no_names_or_products(k):
    # dev e20: 蔬菜种植|特色|村 is a kind of village; 种植合作社 no product grown
    got = names("大李村是该镇蔬菜种植特色村,村集体领办起蔬菜种植合作社。", k)
    assert ("大李村", "Village") in got and ("特色村", "Village") not in got, got
    assert ("合作社", "Product") not in got, got


@pytest.mark.parametrize("s, media", [
    ("锂电池资讯网获悉,6月21日,成都市新都区与湖南中嶒能源有限公司成功签约。", {"锂电池资讯网"}),      # dev e01
    ("甘肃质量信用网据每日甘肃网张掖3月21日讯 今天上午,项目在张掖智能制造产业园开工。",            # dev e16
     {"甘肃质量信用网", "每日甘肃网"}),
    ("山西朔州应县融媒体中心消息,11月11日上午,在该县经济技术开发区北区举行开工仪式。",            # dev e02
     {"山西朔州应县融媒体中心"}),
])
def test_more_forms_of_a_dateline(k, s, media):
    got = names(s, k)
    assert media <= {n for n, t in got if t == "Organization"}, got
    if "朔州" in s:        # a hierarchy of places before the medium stays a statement
        assert {"山西省", "应县"} <= {n for n, _t in got}, got


def test_products_listed_before_deng_hangye_lingyu_stay_products(k):
    # dev a05: the fields a product serves, before 等…领域, are things it goes into;
    # dev a04: before 等…产业 the items are industries
    s = "未来10年,动力电池应用将全面覆盖新能源电动汽车、电力储能、通讯基站、轨道交通、矿用装备和军事等各大领域。"
    assert ("新能源电动汽车", "Product") in names(s, k), names(s, k)
    got = names("曲靖立足煤炭、电力、钢铁等传统产业,加快转型。", k)
    assert {("煤炭", "Sector"), ("电力", "Sector"), ("钢铁", "Sector")} <= set(got), got


def test_a_project_named_by_its_quantity_keeps_the_owner_written_before_it(k):
    # dev sentences (g01, f01, e13): the owner's short name and the place written
    # right before the quantity are names of the project too; a run of characters
    # no other pass named is the owner's short name, not a measured product
    ms = sentence_mentions("10月21日,中国有色集团出资企业大冶有色40万吨高纯阴极铜清洁生产项目"
                           "在湖北省黄石市举行项目启动大会。", k)
    pm = next(m for m in ms if m.type == "Project" and m.name == "40万吨高纯阴极铜清洁生产项目")
    assert "大冶有色40万吨高纯阴极铜清洁生产项目" in pm.aliases
    owner = ms[pm.parent]
    assert (owner.name, owner.type) == ("大冶有色", "Enterprise")
    assert not any(m.type == "Product" and m.name == "大冶有色" for m in ms)
    assert not any(m.name == "企业大冶有色" for m in ms)   # a head word ends the run
    ms = sentence_mentions("枣庄台儿庄区丰元锂电年产4万吨磷酸铁锂项目建设正如火如荼。", k)
    pm = next(m for m in ms if m.type == "Project")
    assert {"丰元锂电年产4万吨磷酸铁锂项目", "台儿庄区丰元锂电年产4万吨磷酸铁锂项目"} <= set(pm.aliases)
    assert ("丰元锂电", "Enterprise") in {(m.name, m.type) for m in ms}
    ms = sentence_mentions("赤峰40万吨/年铜冶炼项目开工建设。", k)
    pm = next(m for m in ms if m.type == "Project")
    assert "赤峰40万吨/年铜冶炼项目" in pm.aliases


def test_no_owner_from_a_verb_or_a_generic_word_before_the_quantity(k):
    for s in ("公司建设年产5万吨磷酸铁锂项目。", "该企业年产5万吨磷酸铁锂项目投产。"):
        ms = sentence_mentions(s, k)
        assert not any(m.rule == "pattern:project-owner" for m in ms), s


def test_a_party_committee_after_a_city_short_form(k):
    # dev sentences (f01, e17): the tokens are 枣庄|市委; the body is 枣庄市委,
    # the city 枣庄市, and the secretary holds his role at the committee
    assert ("枣庄市委", "GovernmentBody") in names("”枣庄市委书记陈平说。", k)
    assert ("衡水市", "City") in names("衡水市委副书记、市长董晓航表示,衡水市全力构建营商环境。", k)
    assert ("衡水市委", "GovernmentBody") in names("衡水市委副书记、市长董晓航表示。", k)


def test_a_short_place_before_one_character_and_a_quote(k):
    # dev sentence (f01): 枣庄|换|“芯”: one character before a quote starts no name
    assert ("枣庄市", "City") in names("去年以来,依托优势,枣庄换“芯”发展,蓄力打造“中国北方锂电之都”。", k)


def test_a_verb_after_a_place_opens_a_clause_not_a_park_name(k):
    # dev sentence (g13): 白桥镇|结合|白鹭湖…园区; a company's trade name may still be a verb
    got = names("白桥镇结合白鹭湖省级星级粮油园区建设工作与人居环境整治工作。", k)
    assert ("白鹭湖省级星级粮油园区", "Park") in got and ("白桥镇", "Town") in got
    assert ("河北采信化工有限公司", "Enterprise") in names(
        "由河北采信化工有限公司投资建设的烧碱项目正在施工。", k)


def test_a_county_short_form_before_its_own_administrative_character(k):
    # dev d04: 宜都|市委书记: the county-level city 宜都市 and its committee
    got = names("副市长、宜都市委书记谭建国出席签约仪式。", k)
    assert ("宜都市委", "GovernmentBody") in got and ("宜都市", "District") in got


def test_a_park_name_starts_after_a_project_and_a_verb_of_location(k):
    # dev d04, b07: 该项目|选址|宜都化工园, 煤基二甲醚项目|属|宁东能源化工基地
    assert ("宜都化工园", "Park") in names("该项目选址宜都化工园,一期拟投资30亿元。", k)
    got = names("年产83万吨煤基二甲醚项目属宁东能源化工基地重点项目。", k)
    assert ("宁东能源化工基地", "Park") in got
    assert not any(t == "Park" and n.startswith(("属", "煤基")) for n, t in got)


def test_a_project_is_named_by_a_thing_not_by_any_word(k):
    # dev e14, f13, g07: 全部|项目 and 综合性|项目 name no project; a project named
    # after no thing of the lexicon names no product (落地|项目); a chemical,
    # a Latin name or a feedstock-made product does (乙烯, HPMC, 煤制|烯烃)
    assert not any(t == "Project" for _n, t in names("“十二五”期间全部项目投产后,预计增加收入。", k))
    assert not any(t == "Project" for _n, t in names("这是一个集研发、生产于一体的综合性项目。", k))
    got = names("本次签约项目,是双方签署协议中的重点落地项目。", k)
    assert ("落地", "Product") not in got
    got = names("总投资额约56亿美元的中海壳牌惠州三期乙烯项目签约落户。", k)
    assert any(t == "Project" and n.endswith("三期乙烯项目") for n, t in got)
    assert ("烯烃", "Product") in names("乌审旗煤制烯烃项目开工建设。", k)


def test_a_chain_or_sector_opens_on_no_adjective_adverb_or_idiom(k):
    # dev d01, e07, e13: 完整|钛产业链, 近两年|有色金属行业; 绿色, 高端 are nouns there
    assert ("钛产业链", "IndustryChain") in names("要完善完整钛产业链。", k)
    assert ("绿色铝产业链", "IndustryChain") in names("打造绿色铝产业链。", k)
    assert not any(n.startswith("近两年") for n, _t in names("近两年有色金属行业回暖。", k))


def test_no_name_ends_on_a_verb_before_a_project_word_nor_opens_a_quote(k):
    # dev g01, f05, g04: 湖北省黄石市|举行|项目启动大会, …园区|预计新引进|项目,
    # 佛山南海“仙湖|氢谷”研发基地 (the 湖 of a quoted name is no river)
    got = names("中国有色集团项目在湖北省黄石市举行项目启动大会。", k)
    assert not any(t == "Project" and "举行" in n for n, t in got)
    got = names("此次大会进驻佛山南海“仙湖氢谷”研发基地的11家企业。", k)
    assert not any(t == "River" for _n, t in got)


def test_a_town_suffix_the_analyser_joined_to_the_next_character(k):
    # dev c14: 南寨/ns|镇反/v|皓|村: the town 南寨镇 and the village 反皓村 in it;
    # a place word of its own (镇江) stays whole
    got = names("”南寨镇反皓村驻村干部罗开权说。", k)
    assert ("南寨镇", "Town") in got and any(t == "Village" and n.endswith("反皓村") for n, t in got)
    assert ("镇江市", "City") in names("江苏镇江市很美。", k)


def test_a_city_right_after_its_province(k):
    # dev a04: 在云南|曲靖/nr|经济开发区: the analyser reads 曲靖 as a person's
    # name; after its own province the gazetteer's city is meant
    got = names("近日,在云南曲靖经济开发区,德方纳米项目正式投产。", k)
    assert ("曲靖市", "City") in got and ("云南省", "Province") in got


def test_one_project_of_products_listed_with_their_quantities(k):
    # dev e01: 年产4GWh钛锂高能动力、2GWh钛锂高能数码电池生产项目 is one project
    got = names("总投资30亿元的年产4GWh钛锂高能动力、2GWh钛锂高能数码电池生产项目正式落户新都。", k)
    assert ("年产4GWh钛锂高能动力、2GWh钛锂高能数码电池生产项目", "Project") in got
    assert sum(t == "Project" for _n, t in got) == 1


def test_one_project_of_a_list_of_products(k):
    # dev b10: …投资建设的|烧碱、氯乙酸、CMC、HPMC|项目 is one project making each
    got = names("由河北采信化工有限公司投资建设的烧碱、氯乙酸、CMC、HPMC项目正在紧锣密鼓施工。", k)
    assert ("烧碱、氯乙酸、CMC、HPMC项目", "Project") in got
    assert {("氯乙酸", "Product"), ("HPMC", "Product")} <= set(got)


def test_a_noun_opening_on_a_town_character_is_not_split():
    from kg.extract.lexical import _split_town_suffix

    # 美丽/ns|乡村/n (dev c13): a noun of its own stays; 南寨/ns|镇反/v is cut
    assert _split_town_suffix([("美丽", "ns"), ("乡村", "n")]) == [("美丽", "ns"), ("乡村", "n")]
    assert _split_town_suffix([("南寨", "ns"), ("镇反", "v")]) == [("南寨", "ns"), ("镇", "n"), ("反", "x")]


def test_a_grade_number_may_open_an_item_of_a_project_of_several(k):
    # dev b05: …及80万吨|300|系列中板热轧成品项目 is the end of one project's name
    got = names("位于湾坞龙珠村的鼎信实业30万吨镍合金、50万吨不锈钢中板坯料及80万吨300系列中板热轧成品项目,"
                "总投资100亿元。", k)
    assert ("30万吨镍合金、50万吨不锈钢中板坯料及80万吨300系列中板热轧成品项目", "Project") in got


def test_a_qualifier_and_one_word_that_is_no_thing_name_no_project(k):
    # dev g01, d08: 重点|发展|项目, 重点|落地|项目 are projects of a kind, not named ones
    for s in ("这是大冶有色实现“二次创业”的重点发展项目。", "这是双方协议中的重点落地项目。"):
        assert not any(t == "Project" for _n, t in names(s, k)), s


def test_a_manner_of_making_does_not_end_the_product_of_a_project(k):
    # dev g01: 40万吨|高纯阴极铜|清洁|生产项目: 清洁 (a) says how it is made
    got = names("大冶有色40万吨高纯阴极铜清洁生产项目开工。", k)
    assert ("高纯阴极铜", "Product") in got and not any(n.endswith("清洁") for n, _t in got)


def test_a_list_of_things_of_the_thesaurus_names_products(k):
    # dev d01: 涂料、塑料、化纤、陶瓷 are things by 同义词词林 (Ba06/Bm17/Bm12/Bm15:
    # 涂料 and 陶瓷 by their neighbours); none is in the lexicon's materials
    got = names("被誉为“工业味精”的钛白粉广泛应用于涂料、塑料、化纤、陶瓷等行业。", k)
    assert {("涂料", "Product"), ("塑料", "Product"), ("化纤", "Product"), ("陶瓷", "Product")} <= set(got)
    assert not any(w in k.materials for w in ("涂料", "塑料", "化纤", "陶瓷"))


def test_a_list_of_one_thing_names_no_products(k):
    # one thing among names of another kind is no list of things (dev c13: 垃圾 is
    # no thing of the chosen classes; 仓库、办公楼 are buildings, Bn)
    got = names("建设了泵房、仓库、办公楼和仪表间。", k)
    assert not any(t == "Product" for _n, t in got)


def test_things_count_by_their_first_sense_in_the_thesaurus(k):
    t = k.things()
    assert {"荔枝", "奶牛", "塑料", "电池", "汽车", "淀粉"} <= t
    # 电 is weather first (Bf), 垃圾 a general name (Ba), 森林 trees (Bh01, not chosen)
    assert not {"电", "垃圾", "森林", "产业链", "发展"} & t


def test_a_thing_of_the_thesaurus_before_a_noun_of_making_is_a_product(k):
    # dev b05: 不锈钢 (Bm02) before 产量 is what is made; no lexicon material
    assert ("不锈钢", "Product") in names("与2010年的27.84%高速增长相比,2011年我国不锈钢产量增幅出现大幅回落。", k)
    assert "不锈钢" not in k.materials


def test_the_walk_of_the_thesaurus_keeps_first_senses_only(k):
    from kg.thesaurus import first_senses, load_things

    f = first_senses()
    assert f["荔枝"].startswith("Bh07") and f["电"].startswith("Bf")
    for classes in (tuple(k.thing_classes), ("Bh", "Bm02"), ("Br12A",)):
        assert load_things(classes) == {w for w, c in f.items() if c.startswith(classes)}


def test_a_project_named_by_a_large_chinese_number_opens_with_its_owner(k):
    # dev f14 (simplified): 万头 (ten thousand head) is the project's quantity, as
    # 1万头 would be; the company before it owns the project, and a farm (牧场, Cb)
    # is no product
    got = names("黑龙江天牧然有机牧业有限公司万头标准化有机牧场项目作为“齐齐哈尔市百大项目”,"
                "于2022年4月11日正式破土动工。", k)
    assert ("万头标准化有机牧场项目", "Project") in got
    assert ("黑龙江天牧然有机牧业有限公司", "Enterprise") in got
    assert not any(t == "Product" for _n, t in got)


def test_a_place_word_of_the_thesaurus_ends_no_product(k):
    # dev g05: …产品为重点 (重点, Cb: a focus is no product made)
    got = names("我市将进一步以生产高端、高性能、深加工产品为重点,逐步建设完整产业体系。", k)
    assert not any(n.endswith("重点") for n, _t in got)
    assert "重点" in k.sites() and "牧场" in k.sites()


def test_a_quantity_before_a_de_opens_no_project_name(k):
    # dev g05: 年分离稀土矿3千吨能力|的|…项目: the quantity's phrase ends at 的
    got = names("目前年分离稀土矿3千吨能力的国盛稀土冶炼分离项目已经全面投产。", k)
    assert not any(t == "Project" and "的" in n for n, t in got)


def test_a_programme_after_a_verb_of_doing_is_an_initiative_without_quotes(k):
    # dev f13, g13, c13: 实施|X工程 / 实施|X行动 / 实施|X战略 ([initiatives] heads)
    got = names("着眼京津冀都市圈的产业分工和转移,下大力实施项目选优工程、开放提升工程。", k)
    assert ("项目选优工程", "Initiative") in got
    assert ("开放提升工程", "Initiative") not in got      # 开放/v: no name opens on a verb
    assert ("厕污共治行动", "Initiative") in names("实施厕污共治行动。", k)
    # a qualifier and the head name no programme (重点|工程), nor a bare 项目
    # (bundled: 开展专项整治行动3300余场次 counts actions of a kind)
    for s in ("实施重点工程。", "积极推进实施项目。", "引领带动各级各部门开展专项整治行动3300余场次。"):
        assert not any(t == "Initiative" for _n, t in names(s, k)), s


def test_an_industry_of_a_thing_of_the_thesaurus_is_a_sector(k):
    # dev c05, g10, b04: 辣椒 (Bh06), 茶 (Br12), 钢铁 (Bm02) + 产业/行业
    assert ("辣椒产业", "Sector") in names("带动临颍县辣椒产业规模进一步壮大和效益进一步提升。", k)
    assert ("钢铁行业", "Sector") in names("推动当地钢铁行业绿色、循环、智慧发展。", k)


def test_a_zone_short_form_right_after_a_city_is_a_park(k):
    # dev f01, d20: 枣庄|高新区, 株洲|高新区 (高新区, 经开区: bare units of a place)
    assert ("枣庄高新区", "Park") in names("在位于枣庄高新区的精工电子锂离子电池智能化生产线,记者看到。", k)
    assert ("株洲高新区", "Park") in names("产业园位于株洲高新区新马南片区。", k)


def test_two_names_of_one_zone_in_an_article_are_one_park(k):
    # dev a04: 云南曲靖经济开发区 … 曲靖市经开区管委会副主任: one park, two forms
    from kg.article import Article
    from kg.pipeline import Context, run_article

    art = run_article(Article(id="t", path="t.txt", original=(
        "近日,在云南曲靖经济开发区,德方纳米项目正式投产。\n“我们全力服务企业。”曲靖市经开区管委会副主任邹开斌说。")),
        Context(k))
    keys = {m.key for m in art.mentions if m.type == "Park"}
    assert len(keys) == 1 and len([m for m in art.mentions if m.type == "Park"]) == 2


def test_an_abstract_word_of_the_thesaurus_ends_no_product(k):
    # dev g05: 生产高端、高性能、深加工产品 (性能, Dd01); dev g08: …生产空白 (Eb)
    got = names("我市将进一步以生产高端、高性能、深加工产品为重点。", k)
    assert not any(n == "高性能" for n, _t in got)
    got = names("东风俊风首款纯电动轿车ER30下线,填补了襄阳新能源纯电动汽车生产空白。", k)
    assert not any(n.endswith("空白") for n, _t in got)
    # a material the thesaurus files under another sense stays one (聚丙烯, Dd10)
    assert ("聚丙烯", "Product") in names("主要产品有甲醇、聚丙烯和汽油。", k)


def test_a_place_named_in_full_may_come_back_short_where_no_word_is_cut(k):
    # dev e01: 成都市新都区…正式落户|新|都,: 新都 (新/a 都/d to the tagger) is 新都区
    got = names("6月21日,成都市新都区与湖南中嶒能源有限公司成功签约,总投资30亿元的"
                "电池生产项目正式落户新都,双方将开展深度合作。", k)
    assert got.count(("新都区", "District")) == 2
    # not inside a word of another name
    assert names("新都区政府表示,新都香城建设加快。", k).count(("新都区", "District")) == 1


def test_a_river_opening_a_company_name_is_its_trade_name(k):
    # dev e08, f02: 广东|珠江|稀土有限公司, 山东|微山湖|稀土有限公司: no river, and the
    # company's span is its whole name
    from kg.extract.mentions import sentence_mentions

    for s, name in (("要淘汰广东珠江稀土有限公司现有的产能。", "广东珠江稀土有限公司"),
                    ("山东微山湖稀土有限公司总经理张永胜说。", "山东微山湖稀土有限公司")):
        ms = sentence_mentions(s, k)
        assert not any(m.type == "River" for m in ms), s
        co = next(m for m in ms if m.type == "Enterprise")
        assert co.name == name and co.text == name


def test_a_counted_or_pointed_at_kind_of_project_is_no_project_name(k):
    # dev g08: 四大|新能源整车项目; dev b02: 这|一“链主”项目 (a numeral or pronoun before)
    for s in ("这四大新能源整车项目包括东风俊风、湖北鸿泰阳、雅致和九州。",
              "当地精准围绕云南神火90万吨电解铝这一“链主”项目延链补链强链。"):
        assert not any(t == "Project" for _n, t in names(s, k)), s
    # a coined name that opens on a numeral character stays one (亿纬|锂能)
    assert any(t == "Project" for _n, t in names("亿纬锂能动力储能电池项目一期顺利开工。", k))


def test_a_company_described_after_de_by_common_nouns_is_no_name(k):
    # dev b14, d08, d19: 全国性的|总部运营公司, 生态的|核心平台公司
    for s in ("产业相关方将共同出资数十亿元组建全国性的总部运营公司,开展示范推广。",
              "同时也是国家能源集团孵化氢能产业生态的核心平台公司。"):
        assert not any(n in ("总部运营公司", "核心平台公司") for n, _t in names(s, k)), s
    # a coined or proper name after 的 stays (链主企业的|宝钛集团)
    assert ("宝钛集团", "Enterprise") in names("这是链主企业的宝钛集团带动的结果。", k)


def test_a_title_ending_in_an_organisations_suffix_names_it(k):
    # dev d16: 《法制日报》记者 (日报: an organisation's suffix), not a document
    assert ("法制日报", "Organization") in names("3月30日中午时分,《法制日报》记者的采访从这里开始。", k)
    assert ("村规民约", "Initiative") in names("板石镇新修订的《村规民约》张贴上墙。", k)


def test_a_long_short_form_of_one_place_needs_no_place_tag(k):
    # dev f07: 本报|石家庄/nr|讯; a two-character short form still needs the tag (包头/v)
    assert ("石家庄市", "City") in names("本报石家庄讯(记者宋美倩 通讯员岑屹)近日,记者获悉。", k)
    assert not any(t == "City" for _n, t in names("挖出来的矿需要包头巾运走。", k))


def test_taggers_of_two_knowledge_bases_keep_their_own_words():
    """The first tagger of a process takes rjieba's own instance (its
    dictionary is loaded once); a second one, with other domain words, has
    an instance of its own: neither sees the other's words."""
    from kg.extract.lexical import Tagger

    a = Tagger(["钒钛磁铁矿"])
    b = Tagger(["高钛渣"])
    assert ("钒钛磁铁矿", "n") in a.tag("攀西的钒钛磁铁矿")
    assert ("钒钛磁铁矿", "n") not in b.tag("攀西的钒钛磁铁矿")
    assert ("高钛渣", "n") in b.tag("生产高钛渣")
    assert ("高钛渣", "n") not in a.tag("生产高钛渣")


def test_a_product_name_never_crosses_the_analysers_words(k):
    # dev g13-guangyuan-cleanup: 玻璃钢|材质 holds the characters of 钢材 across two words
    s = "在龙门、宝珠、同心、火烽等四个村投资60余万元建设玻璃钢材质三格化粪池。"
    assert "钢材" not in {m.name for m in sentence_mentions(s, k) if m.type == "Product"}
