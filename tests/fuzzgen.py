"""Random article texts for the fuzz harness (tests/test_fuzz.py and
benchmarks/fuzz_build.py): pieces of the domain (names, suffixes, roles,
numbers, units, triggers) mixed with punctuation, odd characters and noise,
so that the extractor's patterns fire in unplanned combinations."""
from __future__ import annotations

import random

NAMES = ["金川", "金昌", "永昌", "鄱阳", "洞庭", "黄河", "石羊河", "河西堡", "双湾", "甘肃", "德通",
         "国钛", "正昊", "凉州", "武威", "兰州", "八冶", "镍都", "白银", "宝钢", "中坝", "汤之涛",
         "王建国", "李明", "张海燕", "谢晓玲"]
SUFFIXES = ["集团", "有限公司", "股份有限公司", "公司", "钛业", "铜业", "化工", "冶炼厂", "分公司",
            "研究院", "实验室", "发展改革委", "管委会", "党委", "政府", "局", "省", "市", "区", "县",
            "镇", "乡", "街道", "村", "社区", "河", "江", "湖", "流域", "经济技术开发区", "工业园区",
            "产业园", "园区", "产业集群", "产业链", "景区", "矿山", "项目", "工程"]
ROLES = ["副局长", "局长", "董事长", "党委书记", "书记", "主任", "总经理", "村支书", "副市长",
         "区长", "厂长", "院士", "负责人"]
WORDS = ["生产", "供应", "消纳", "利用", "副产", "位于", "落户", "投资", "建设", "引进", "表示",
         "介绍", "说", "任", "担任", "向", "为", "与", "和", "及", "的", "在", "将", "已",
         "硫酸", "电解镍", "阴极铜", "钛白粉", "海绵钛", "铜箔", "新能源材料", "氯气", "镍钴",
         "产值", "增加值", "增长", "总投资", "产能", "占比", "排名", "达到", "突破", "实现",
         "年产", "全市", "该公司", "我们", "今年", "2021年", "“十四五”", "一期", "二期"]
NUMBERS = ["3", "12.5", "150", "0.05", "99.993", "100000000000000000000", "1" + "0" * 30,
           "9" * 40, "三", "十二", "两", "1,200", "３５", "-5", "1e30", "2025", "235"]
UNITS = ["万吨", "吨", "亿元", "万元", "元", "%", "个", "家", "倍", "兆瓦", "毫米", "亿美元",
         "个月", "位", "件", "名", "户", "平方米", "千瓦时"]
PUNCT = ["。", "，", "、", "；", "！", "？", "：", "“", "”", "（", "）", "《", "》", "…", "——",
         ".", ",", " ", "\n", "\n\n", "\t", "\u3000", "·"]
ODD = ["\ue000", "\uf8ff", "😀", "𠀀", "ｱ", "Ａ", "Ⅻ", "①", "繁體", "鎳", "\u200b", "\ufeff",
       "A股", "ABC", "x", "---", "title:", "#", "<b>", "&amp;", "'", '"', "\\", "%s", "{}"]
POOLS = [NAMES, SUFFIXES, ROLES, WORDS, NUMBERS, UNITS, PUNCT, ODD]
WEIGHTS = [6, 6, 2, 8, 3, 3, 6, 1]


def piece(rng: random.Random) -> str:
    pool = rng.choices(POOLS, WEIGHTS)[0]
    return rng.choice(pool)


def random_text(rng: random.Random, max_pieces: int = 60) -> str:
    """One article body: a random run of pieces that ends with a sentence end
    more often than not, never empty."""
    n = rng.randint(1, max_pieces)
    text = "".join(piece(rng) for _ in range(n))
    if rng.random() < 0.7:
        text += "。"
    if not text.strip():
        text = "金川集团" + text
    return text + "\n"
