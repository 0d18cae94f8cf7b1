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
