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
