"""Issue 12, item 7: the entity a figure describes comes from the sentence's
structure.  Each rule here is tested on a real sentence of the dev split
(tests/corpus/real, copied as printed, traditional characters kept), with the
names of each sentence given by hand so that the figure rules are tested
alone, whatever the mention stage finds."""
from tests.test_figures import about, read


def test_a_heading_that_names_nothing_is_about_the_articles_place(knowledge):
    # a02-suining-lithium: the heading 底气十足深耕“锂想”20余年, in an article
    # about 遂宁 (the place it names most)
    text = ("遂宁把锂电及新材料作为产业发展“一号工程”——\n"
            "2019年,遂宁明确把锂电及新材料作为产业发展“一号工程”,响亮提出加快建设“中国锂电之都”的发展目标。\n"
            "进入9月,射洪锂电产业园迎来收获季。园区入选全省“5+1”产业重点特色园区,拿到1400万元省财政支持资金。\n"
            "底气十足深耕“锂想”20余年\n"
            "没有丰富锂资源矿藏的遂宁,与锂结缘,源于1992年建设的国营射洪县锂盐厂。")
    art = read(knowledge, text, [("遂宁", "City"), ("射洪锂电产业园", "Park"), ("射洪县", "District"),
                                 ("锂盐厂", "BusinessUnit")])
    assert about(art, "20余年") == "遂宁"


def test_a_sentence_that_names_nothing_is_about_nothing(knowledge):
    # b05-fuan-steel: national statistics (我国) are about no named entity,
    # however often the article names its county
    text = ("福安市湾坞镇的不锈钢产业发展迅速。\n"
            "福安市委书记说,福安市将做大不锈钢产业。\n"
            "2011年我国不锈钢粗钢产量为1259.1万吨,同比增加133.5万吨,增长11.86%。")
    art = read(knowledge, text, [("福安市", "District"), ("湾坞镇", "Town")])
    assert [about(art, t) for t in ("1259.1万吨", "133.5万吨", "11.86%")] == [None] * 3


def test_this_city_refers_to_the_city_named_before(knowledge):
    # a14-jiaozuo-titanium: 該市 is 焦作市 (named in the sentence before), the
    # subject the later clauses share; not the government whose official speaks
    text = ("焦作市鈦產業發展迅速。\n焦作市政府相關負責人表示,該市將實施制造業重點產業鏈高質量發展行動,"
            "推動傳統產業鏈、戰略性新興產業鏈和未來產業鏈“三鏈”協同發力,"
            "健全“鏈長+鏈主+協會+聯盟”推進體系,壯大“3+13+N”產業鏈群,"
            "打造新材料產業、綠色食品產業、高端裝備及汽車零部件產業3個千億級產業集群,"
            "培育生物醫藥及原料藥等13條重點產業鏈,全力爭創省級先進制造業產業集群,讓工業強市優勢真優、更優、長優。")
    art = read(knowledge, text, [("焦作市", "City"), ("焦作市政府", "GovernmentBody"),
                                 ("新材料产业", "Sector"), ("绿色食品产业", "Sector"),
                                 ("高端装备及汽车零部件产业", "Sector"), ("生物医药及原料药", "Sector")])
    assert [about(art, t) for t in ("3个", "13条")] == ["焦作市"] * 2


def test_a_word_that_only_starts_like_a_place_reference_is_none(knowledge):
    # 全市场 is the whole market, not the whole city
    art = read(knowledge, "宜春市锂电产业发展迅速。\n全市场份额达到30%。", [("宜春市", "City")])
    assert about(art, "30%") is None


def test_a_figure_right_before_a_name_describes_it(knowledge):
    # a05-jintan-battery: 共建3平方公里中航绿色电源科技园, not the government that signed
    art = read(knowledge, "去年8月18日,江苏省政府与中国航空工业集团公司签订战略合作框架协议,"
                          "其中决定在金坛合作共建3平方公里中航绿色电源科技园。",
               [("江苏省政府", "GovernmentBody"), ("中国航空工业集团公司", "Enterprise"),
                ("金坛", "District"), ("中航绿色电源科技园", "Park")])
    assert about(art, "3平方公里") == "中航绿色电源科技园"
    # ... but a count before a place says where the counted things are
    art = read(knowledge, "宜宾市引进5家宜宾企业。", [("宜宾市", "City"), ("宜宾", "City")])
    assert about(art, "5家") == "宜宾市"


def test_a_government_speaking_hands_on_its_place(knowledge):
    # b11-taizhou-pv: 海陵区|委 (as the mention stage cuts it) 书记孙群表示,将……培育10家骨干企业:
    # the district's firms, not the party committee's
    art = read(knowledge, "海陵区委书记孙群表示,将加快打造规模大、企业强、链条长、载体好的新能源产业“海陵高地”,"
                          "加快迈向200亿“高水准”产业目标,培育10家“高层次”骨干企业。",
               [("海陵区", "District"), ("委", "GovernmentBody"), ("孙群", "Person")])
    assert about(art, "10家") == "海陵区"
    # a body not named after a place hands on itself
    art = read(knowledge, "国家能源局有关负责人表示,将培育10家骨干企业。", [("国家能源局", "GovernmentBody")])
    assert about(art, "10家") == "国家能源局"


def test_a_clause_of_time_scopes_the_clause_after_it(knowledge):
    # a05-jintan-battery: 未来10年,动力电池应用将全面覆盖……: not the topic of the sentence before
    text = ("去年8月18日,江苏省政府与中国航空工业集团公司签订战略合作框架协议。"
            "未来10年,动力电池应用将全面覆盖新能源电动汽车、电力储能、通讯基站、轨道交通、矿用装备和军事等各大领域。")
    art = read(knowledge, text, [("江苏省政府", "GovernmentBody"), ("中国航空工业集团公司", "Enterprise"),
                                 ("动力电池", "Product"), ("新能源电动汽车", "Product")])
    assert about(art, "10年") == "动力电池"
    # a duration in a clause that says more keeps the clause's own subject
    art = read(knowledge, "江苏省政府未来10年投资,动力电池应用将全面覆盖各大领域。",
               [("江苏省政府", "GovernmentBody"), ("动力电池", "Product")])
    assert about(art, "10年") == "江苏省政府"


def test_an_amount_without_yuan_after_a_word_of_money(knowledge):
    # c08-huitong-points: 计划投资100万,首期投资50万 (yuan), and no figure twice
    from decimal import Decimal
    art = read(knowledge, "党建领航乡村智理积分超市由堡子镇上坊村、堡子村、胜溪村、黄旗村、茶冲村等五村集体经济组织"
                          "共同出资兴办,计划投资100万,首期投资50万,面积约300平方米。")
    got = {f.text: (f.value, f.unit, f.indicator) for f in art.figures}
    assert got["100万"] == (Decimal(1000000), "CNY", "Investment")
    assert got["50万"] == (Decimal(500000), "CNY", "Investment")
    assert sorted(got) == ["100万", "300平方米", "50万"]
    # a unit or a measure word after the number keeps it what it is
    art = read(knowledge, "项目投资100万千瓦光伏电站,年收入100万人次。")
    assert [(f.text, f.unit) for f in art.figures] == [("100万千瓦", "KiloW"), ("100万人", "NUM")]


def test_a_count_after_a_list_closed_by_deng_is_about_none_of_its_names(knowledge):
    # b10-ningjin-saltchem: 中盐、采信、合诚、华栋、新思迈等8家企业投资的11个项目开工建设:
    # the count is of the list, so the list's first name is not the subject;
    # the park the paragraph is about is
    text = ("河北宁晋盐化工园区里机声轰鸣、焊花飞溅,一片繁忙景象。"
            "中盐、采信、合诚、华栋、新思迈等8家企业投资的11个项目开工建设。")
    names = [("河北宁晋盐化工园区", "Park"), ("中盐", "Enterprise"), ("采信", "Enterprise"),
             ("合诚", "Enterprise"), ("华栋", "Enterprise"), ("新思迈", "Enterprise")]
    art = read(knowledge, text, names)
    assert [about(art, t) for t in ("8家", "11个")] == ["河北宁晋盐化工园区"] * 2
    # a single name before 等 too: X等8家企业
    art = read(knowledge, text.replace("中盐、采信、合诚、华栋、新思迈等", "中盐等"), names)
    assert about(art, "8家") == "河北宁晋盐化工园区"


def test_a_count_before_a_name_counts_it_for_the_subject(knowledge):
    # data/articles (bundled): 凉州区依托310个“巾帼美德积分超市”: the district's, not the initiative's
    art = read(knowledge, "凉州区依托310个“巾帼美德积分超市”,全面开展“美丽庭院”积分兑换活动。",
               [("凉州区", "District"), ("巾帼美德积分超市", "Initiative"), ("美丽庭院", "Initiative")])
    assert about(art, "310个") == "凉州区"


def test_a_range_gives_both_bounds(knowledge):
    # b04-linyi-steel: Φ50~Φ150毫米优特钢及Φ70~Φ130毫米管坯钢
    from decimal import Decimal
    art = read(knowledge, "二中棒生产Φ50~Φ150毫米优特钢及Φ70~Φ130毫米管坯钢,年产量80万吨。",
               [("优特钢", "Product"), ("管坯钢", "Product")])
    got = sorted((f.value, f.unit) for f in art.figures if f.unit == "MilliM")
    assert got == [(Decimal(v), "MilliM") for v in (50, 70, 130, 150)]
    assert {f.value: about(art, f.text) for f in art.figures if f.unit == "MilliM"} == \
        {Decimal(50): "优特钢", Decimal(150): "优特钢", Decimal(70): "管坯钢", Decimal(130): "管坯钢"}
    # a hyphen is no range sign (b05-fuan-steel: 未来2-3年内建成): one figure
    art = read(knowledge, "青山集团计划在未来2-3年内建成一座冶炼厂。", [("青山集团", "Enterprise")])
    assert [f.value for f in art.figures] == [Decimal(3)]


def test_the_date_of_a_settling_in_is_no_period_of_the_next_clause(knowledge):
    # b02-wenshan-aluminium: 2020年落户 (落户 a noun by the dictionary) dates the
    # event; the capacity in the next clause has no period
    art = read(knowledge, "云南宏泰新型材料有限公司2020年落户云南砚山产业园区,年产电解铝203万吨,"
                          "是目前全球最大单体绿色铝生产基地。")
    assert [(f.text, f.period) for f in art.figures] == [("203万吨", "")]
    # a year before a measure still is its period
    art = read(knowledge, "云南宏泰新型材料有限公司2020年产电解铝203万吨。")
    assert [(f.text, f.period) for f in art.figures] == [("203万吨", "2020年")]


def test_an_investment_modifying_a_project_is_the_projects_not_its_investors(knowledge):
    # dev f05: 新浙锰业投资1.7亿元的年产4万吨中低碳锰二期工程项目: the project's
    # investment; the owner is still the figure's when no project follows
    art = read(knowledge, "新浙锰业投资1.7亿元的年产4万吨锰合金项目正式投产。",
               [("新浙锰业", "Enterprise"), ("年产4万吨锰合金项目", "Project")])
    assert about(art, "1.7亿元") == "年产4万吨锰合金项目"
    art = read(knowledge, "新浙锰业投资1.7亿元建设新厂区。", [("新浙锰业", "Enterprise")])
    assert about(art, "1.7亿元") == "新浙锰业"


def test_an_industry_after_its_place_hands_its_figures_to_the_place(knowledge):
    # g10-zunyi-tea: 湄潭|茶产业… (the sector touches the place: the place's figure);
    # g05-chongzuo-rareearth: 全市|稀土产业的产值 (全市 only refers back: the industry's)
    text = "2018年,湄潭茶产业综合收入124.85亿元。"
    art = read(knowledge, text, [("湄潭", "District"), ("茶产业", "Sector")])
    assert about(art, "124.85亿元") == "湄潭"
    # (the whole pipeline: 全市 is a mention that refers back to 崇左市)
    from kg.article import Article
    from kg.pipeline import Context, run_article

    art = run_article(Article(id="t", path="t.txt", original=(
        "稀土是崇左市整个产业转型升级之中一个重要抓手,力争到2020年,全市稀土产业的产值达到50亿元。")),
        Context(knowledge))
    assert [art.mentions[f.about].name for f in art.figures if f.text == "50亿元"] == ["稀土产业"]


def test_a_name_that_holds_the_place_written_before_its_span_is_the_clauses_subject(knowledge):
    # dev f14-kedong-dairy: 黑龙江|天牧然有机牧业有限公司万头…项目作为…,…,已建成牛舍6.5万平方米:
    # the province opening the company's name is the name's (no mention of its own),
    # so the project the name leads to is the subject the later clauses hand on
    from kg.article import Article
    from kg.pipeline import Context, run_article

    art = run_article(Article(id="t", path="t.txt", original=(
        "黑龙江天牧然有机牧业有限公司万头标准化有机牧场项目作为重点项目,于2022年4月11日正式破土动工,"
        "截至目前,已建成牛舍6.5万平方米,青贮窖1.98万平方米。")), Context(knowledge))
    got = {f.text: art.mentions[f.about].name for f in art.figures if f.about is not None}
    assert got.get("6.5万平方米") == got.get("1.98万平方米") == "万头标准化有机牧场项目"


def test_a_person_named_again_is_the_subject_of_their_figures(tmp_path):
    # dev e19-yuanzhou-vegetables: the farmer named with his title in one sentence
    # (村民罗军) is named alone in the next, where his land and workers are counted
    from kg.build import build_graph

    f = tmp_path / "a.txt"
    f.write_text("村民罗军既是姚磨村冷凉蔬菜基地的建设者,也是见证者。罗军起初只种二三十亩蔬菜,"
                 "目前流转了270多亩地,雇用30多名村民,进行规模化蔬菜种植。", encoding="utf-8")
    art = build_graph([f]).articles[0]
    people = [m for m in art.mentions if m.type == "Person" and m.name == "罗军"]
    assert len(people) == 2 and {m.sentence for m in people} == {0, 1}
    about = {art.text[x.start:x.end]: art.mentions[x.about].name for x in art.figures
             if x.about is not None}
    assert about.get("270多亩") == "罗军" and about.get("30多名") == "罗军"
