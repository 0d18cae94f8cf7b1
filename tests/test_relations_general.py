"""General constructions of Chinese news prose that the relation rules read
(issue 12 item 6, recall), each on a real dev-split sentence."""
from __future__ import annotations

import pytest

from tests.test_relations_real import facts


@pytest.fixture(scope="module")
def k():
    from kg.knowledge import load_knowledge

    return load_knowledge()


def test_signers_in_a_long_list_with_a_count_after_it(k):
    # b14-jiulongpo-hydrogen: six companies, 6家…企业, then 与 the district government
    s = ("3月18日,广东国鸿氢能科技有限公司、鸿基创能科技(广州)有限公司、势加透博(北京)科技有限公司、理工清科(北京)"
         "科技有限公司、苏州瑞驱电动科技有限公司、群翌能源股份有限公司6家氢燃料电池头部企业与重庆市九龙坡区政府签订"
         "合作协议,合作建设全球领先的氢能科技产业园。")
    cos = ["广东国鸿氢能科技有限公司", "鸿基创能科技(广州)有限公司", "势加透博(北京)科技有限公司",
           "理工清科(北京)科技有限公司", "苏州瑞驱电动科技有限公司", "群翌能源股份有限公司"]
    names = {c: "Enterprise" for c in cos}
    names["重庆市九龙坡区政府"] = "GovernmentBody"
    got = facts(k, s, names)
    for c in cos:
        assert (c, "signsWith", "重庆市九龙坡区政府") in got, c


def test_a_name_whose_province_the_mention_leaves_out_is_still_in_the_list(k):
    # the mention stage writes 苏州瑞驱电动科技有限公司 as the span 瑞驱电动科技有限公司
    from kg.article import Article, prepare
    from kg.extract.model import Mention
    from kg.extract.relations import find_relations

    s = "理工清科科技有限公司、苏州瑞驱电动科技有限公司与重庆市九龙坡区政府签订合作协议。"
    art = prepare(Article(id="t", path="t.txt", original=s))
    t = art.text

    def at(text, name, typ):
        i = t.find(text)
        return Mention(i, i + len(text), text, typ, name, "test", key=name, sentence=0)
    art.mentions = [at("理工清科科技有限公司", "理工清科科技有限公司", "Enterprise"),
                    at("瑞驱电动科技有限公司", "苏州瑞驱电动科技有限公司", "Enterprise"),
                    at("重庆市九龙坡区政府", "重庆市九龙坡区政府", "GovernmentBody")]
    find_relations(art, k)
    got = {(art.mentions[r.subject].name, r.predicate, art.mentions[r.object].name) for r in art.relations}
    assert ("理工清科科技有限公司", "signsWith", "重庆市九龙坡区政府") in got


def test_ji_joins_a_park_and_a_project(k):
    # a05-jintan-battery: 中航绿色电源科技园暨中航锂离子动力电池项目,在…奠基
    s = "1月8日,中航绿色电源科技园暨中航锂离子动力电池项目,在金坛经济开发区奠基。"
    got = facts(k, s, {"中航绿色电源科技园": "Park", "中航锂离子动力电池项目": "Project",
                       "金坛经济开发区": "Park"})
    assert {("中航绿色电源科技园", "locatedIn", "金坛经济开发区"),
            ("中航锂离子动力电池项目", "locatedIn", "金坛经济开发区")} <= got


def test_a_capital_lies_in_its_region(k):
    # b07-ningdong-coalchem: 自治区首府银川市
    s = "据宁夏煤业集团总裁张文江介绍,宁东能源化工基地位于自治区首府银川市东南地区。"
    got = facts(k, s, {"自治区": "Province", "银川市": "City", "宁东能源化工基地": "Park"})
    assert ("银川市", "locatedIn", "自治区") in got


def test_a_cluster_formed_in_a_place(k):
    # a07-yuxi-battery
    s = "双方签订合作协议,共同促进在玉溪市形成千亿级新能源电池全产业链集群。"
    got = facts(k, s, {"玉溪市": "City", "新能源电池全产业链集群": "IndustrialCluster"})
    assert ("新能源电池全产业链集群", "locatedIn", "玉溪市") in got
    # b02-wenshan-aluminium: what a place builds is not said to lie there
    got = facts(k, "文山州全链条打造绿色铝产业集群。", {"文山州": "City", "绿色铝产业集群": "IndustrialCluster"})
    assert not {f for f in got if f[1] == "locatedIn"}


def test_developing_the_growing_of_crops(k):
    # c01-yunxian-coop: the cooperative the sentence opens with
    s = ("合作社成立后充分利用邦洪低热河谷田坝的资源优势,发展农业产业基地2500余亩,鼓励社员大力发展四季豆、西红柿、"
         "南瓜、辣椒、茄子等蔬菜种植及“老鼠芽”水稻、热带水果种植,统一种植标准、统一管理、统一销售。")
    got = facts(k, s, {"合作社": "Organization", "四季豆": "Product", "西红柿": "Product", "南瓜": "Product",
                       "辣椒": "Product", "茄子": "Product"})
    for crop in ("四季豆", "西红柿", "南瓜", "辣椒", "茄子"):
        assert ("合作社", "produces", crop) in got


def test_a_maker_of_the_product_before_the_word_for_maker(k):
    # a07-yuxi-battery
    s = "其中,亿纬锂能是行业内少数同时掌握消费电池和动力电池核心技术的锂电池制造商,是中国锂电池行业的核心供应企业;"
    got = facts(k, s, {"亿纬锂能": "Enterprise", "消费电池": "Product", "动力电池": "Product",
                       "锂电池": "Product"})
    assert ("亿纬锂能", "produces", "锂电池") in got
    assert ("亿纬锂能", "produces", "消费电池") not in got


def test_taking_over_a_plant_is_investing_in_it(k):
    # a02-suining-lithium
    s = "2004年,民企天齐集团入主锂盐厂,随着锂电新材料、新能源市场的兴起,锂电产业冲出低谷。"
    got = facts(k, s, {"天齐集团": "Enterprise", "锂盐厂": "BusinessUnit"})
    assert ("天齐集团", "investsIn", "锂盐厂") in got
    # a08: 控股子公司 is one word, no take-over
    s = "宁德时代还将通过控股子公司参与投资贵州磷化集团的磷酸铁项目。"
    got = facts(k, s, {"宁德时代": "Enterprise", "贵州磷化集团": "Enterprise"})
    assert ("宁德时代", "investsIn", "贵州磷化集团") not in got


@pytest.mark.parametrize("text,names,fact", [
    # a11-mianning-rareearth: a plan the committee approved
    ("四川省委、省政府批准的《安宁河谷跨越式发展规划》确定冕宁稀土工业园区要用五年的时间建成省级开发区。",
     {"四川省委": "GovernmentBody", "安宁河谷跨越式发展规划": "Initiative", "冕宁稀土工业园区": "Park"},
     ("四川省委", "runs", "安宁河谷跨越式发展规划")),
    # c13-lianping-cleanup: a campaign the village completed
    ("市委政法委派驻金溪村第一书记黎超介绍,自实施乡村振兴战略以来,金溪村已全面完成“三清三拆三整治”工作任务。",
     {"金溪村": "Village", "三清三拆三整治": "Initiative"}, ("金溪村", "runs", "三清三拆三整治")),
    # a02-suining-lithium: 把X作为“一号工程”
    ("2019年,遂宁明确把锂电及新材料作为产业发展“一号工程”,响亮提出加快建设“中国锂电之都”的发展目标。",
     {"遂宁": "City", "一号工程": "Initiative"}, ("遂宁", "runs", "一号工程")),
])
def test_programmes_approved_completed_or_made_so(k, text, names, fact):
    assert fact in facts(k, text, names)


def test_villages_in_the_one_town_of_the_article(k):
    # c08-huitong-points: the town is named two sentences before the village
    s = ("说起“积分超市”,堡子镇黄旗村村民陈桂花竖起了大拇指。“我觉得这个活动很不错。”"
         "拿着用积分换取的生活物资,上坊村村民梁中全的脸上露出了笑容。")
    got = facts(k, s, {"堡子镇": "Town", "黄旗村": "Village", "上坊村": "Village"})
    assert ("上坊村", "locatedIn", "堡子镇") in got
    # c01-yunxian-coop: a villagers' group lies in a village, not said to be in the town
    s = "云县幸福镇邦洪村的合作社成立了。骂梅树村民小组村民董友光一边在自家的田块铲薅着辣椒一边说。"
    got = facts(k, s, {"云县幸福镇": "Town", "邦洪村": "Village", "骂梅树村民小组": "Village"})
    assert ("骂梅树村民小组", "locatedIn", "云县幸福镇") not in got
    # two towns: which one is not said
    s = "堡子镇和若水镇开展评比。上坊村村民梁中全笑了。"
    got = facts(k, s, {"堡子镇": "Town", "若水镇": "Town", "上坊村": "Village"})
    assert not {f for f in got if f[0] == "上坊村"}


# ---------------------------------------------------------------- main's dev articles (d-)

def test_parties_of_a_list_sign_with_each_other(k):
    # d08-wuhan-hydrogen
    s = ("6日,国家能源集团氢能科技有限公司、武汉市东湖新技术开发区管委会、武汉地质资源环境工业技术研究院有限公司"
         "三方(以下分别简称“国氢科技”“东湖高新区”“资环工研院”)在北京隆重签署合作协议。")
    a, b, c = "国家能源集团氢能科技有限公司", "武汉市东湖新技术开发区管委会", "武汉地质资源环境工业技术研究院有限公司"
    got = facts(k, s, {a: "Enterprise", b: "GovernmentBody", c: "Enterprise", "北京": "City"})
    pairs = {frozenset((x, z)) for x, p, z in got if p == "signsWith"}
    assert {frozenset((a, b)), frozenset((a, c)), frozenset((b, c))} <= pairs
    assert not any("北京" in p for p in pairs)


def test_a_place_that_belongs_to_another(k):
    # d16-tongxiang-wuzhen
    got = facts(k, "桐乡市隶属浙江省嘉兴市。", {"桐乡市": "District", "浙江省": "Province", "嘉兴市": "City"})
    assert ("桐乡市", "locatedIn", "嘉兴市") in got


def test_companies_that_build_their_plants_in_a_park(k):
    # d10-huadu-auto
    s = ("继东风日产乘用车产能扩建项目落户花都后,7月31日广州宝井汽车钢材部件有限公司等11家汽车零部件企业在占地"
         "50平方公里的花都汽车产业基地投资建厂。")
    got = facts(k, s, {"东风日产乘用车产能扩建项目": "Project", "花都": "District",
                       "广州宝井汽车钢材部件有限公司": "Enterprise", "花都汽车产业基地": "Park"})
    assert ("广州宝井汽车钢材部件有限公司", "locatedIn", "花都汽车产业基地") in got


def test_companies_a_park_gathers(k):
    # d19-nantong-wafer
    s = ("作为南通市、崇川区集成电路产业发展的最前沿和主阵地,近年来,市北高新区积极培育产业链头部企业,已集聚通富微电、"
         "越亚半导体、钰泰半导体、菲莱半导体、幂帆科技等一批高成长性的明星企业,形成了集成电路产业规模效应。")
    cos = ["通富微电", "越亚半导体", "钰泰半导体", "菲莱半导体", "幂帆科技"]
    names = {c: "Enterprise" for c in cos}
    names.update({"南通市": "City", "崇川区": "District", "市北高新区": "Park"})
    got = facts(k, s, names)
    for c in cos:
        assert (c, "locatedIn", "市北高新区") in got


def test_a_project_built_by_an_investor(k):
    # d19-nantong-wafer: the project's name ends in 项目 right before 由
    got = facts(k, "基尔彼半导体晶圆衬底制造项目由江苏基尔彼新材料科技有限公司投资。",
                {"基尔彼半导体晶圆衬底制造项目": "Project", "江苏基尔彼新材料科技有限公司": "Enterprise"})
    assert ("江苏基尔彼新材料科技有限公司", "investsIn", "基尔彼半导体晶圆衬底制造项目") in got


def test_from_a_raw_material_to_a_list_of_products(k):
    # d01-chuxiong-titanium
    s = "从事钛产业的企业超过30家,形成了从钛矿采选到生产高钛渣、氯化法钛白粉、海绵钛、钛材的完整钛产业链。"
    got = facts(k, s, {"钛矿": "Product", "高钛渣": "Product", "氯化法钛白粉": "Product", "海绵钛": "Product",
                       "钛材": "Product"})
    for p in ("高钛渣", "氯化法钛白粉", "海绵钛", "钛材"):
        assert ("钛矿", "inputTo", p) in got


def test_a_maker_named_after_the_word_for_maker(k):
    # d01-chuxiong-titanium
    s = "楚雄州重点依托全球最大的海绵钛生产企业——龙佰集团新立钛业有限公司、云南钛业公司等龙头企业。"
    got = facts(k, s, {"楚雄州": "City", "海绵钛": "Product", "龙佰集团新立钛业有限公司": "Enterprise",
                       "云南钛业公司": "Enterprise"})
    assert ("龙佰集团新立钛业有限公司", "produces", "海绵钛") in got


def test_what_a_cooperative_grows(k):
    # d11-lingao-pineapple
    s = "据了解,目前临高有8个凤梨种植合作社,皇桐镇美香村的美巢合作社是其中之一,其种植的金钻凤梨目前产量高、利润高。"
    got = facts(k, s, {"临高": "District", "皇桐镇": "Town", "美香村": "Village", "美巢合作社": "Organization",
                       "金钻凤梨": "Product"})
    assert ("美巢合作社", "produces", "金钻凤梨") in got


@pytest.mark.parametrize("text,names,fact", [
    # d17-xiwuqi-aluminium
    ("近年来,西乌旗紧紧依托坑口煤电资源,以“降成本,促转型”为主线,按照用煤发电、用电炼铝的思路,大力发展铝后精深加工。",
     {"西乌旗": "District", "降成本,促转型": "Initiative"}, ("西乌旗", "runs", "降成本,促转型")),
    # d07-shangrao-pv
    ("近年来,在碳达峰和碳中和的大背景下,上饶市抢抓新能源产业发展超级“风口”,按照“纵向打造产业链、横向营造生态链”思路,"
     "强力推动光伏新能源产业高歌猛进。",
     {"上饶市": "City", "纵向打造产业链、横向营造生态链": "Initiative"},
     ("上饶市", "runs", "纵向打造产业链、横向营造生态链")),
    # d01-chuxiong-titanium
    ("同时,楚雄州以氯化钛白、高品质海绵钛等深加工应用发展为重点,推动钛产业延链补链,加快打造“绿色钛谷”。",
     {"楚雄州": "City", "绿色钛谷": "Initiative"}, ("楚雄州", "runs", "绿色钛谷")),
    # d13-pingtou-corridor
    ("今年以来,晋中寿阳县平头镇深入学习运用“千万工程”经验,持续引深“三治三建三评”创建行动。",
     {"寿阳县": "District", "平头镇": "Town", "千万工程": "Initiative", "三治三建三评": "Initiative"},
     ("平头镇", "runs", "千万工程")),
])
def test_programmes_a_place_goes_by(k, text, names, fact):
    assert fact in facts(k, text, names)


def test_a_road_runs_no_programme(k):
    # d13-pingtou-corridor
    s = "平头镇在307国道沿线新种植乔木1.3万株,全力打造“乡村振兴精品示范廊带”。"
    got = facts(k, s, {"307国道": "Site", "乡村振兴精品示范廊带": "Initiative"})
    assert not {f for f in got if f[1] == "runs"}
