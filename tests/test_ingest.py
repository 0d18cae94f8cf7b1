"""Issue 2: ingestion of the raw page, cleaning, offsets, encodings."""
import json

import pytest

from kg.article import load_article, prepare, split_sentences
from kg.ingest import ingest, split_page

from .conftest import ARTICLES


@pytest.fixture(scope="module")
def page_articles(raw_page):
    return split_page(raw_page)


def test_page_splits_into_three_articles(page_articles):
    assert len(page_articles) == 3
    jinchang, box, liangzhou = page_articles
    assert jinchang.title == "千亿级产业是怎样炼成的"
    assert jinchang.page == "接1版" and jinchang.kind == "article"
    assert box.kind == "box" and box.title == "“镍都”千亿级产业跨越的启示"
    assert box.byline == "谢晓玲"
    assert liangzhou.title_derived and "凉州区" in liangzhou.title
    assert "全域无垃圾" in liangzhou.title
    # the boxed commentary is not inside the Jinchang article
    assert "记者手记" not in jinchang.body_and_segments()[0]
    assert "金昌的故事" in box.body_and_segments()[0]
    assert "金昌的故事" not in jinchang.body_and_segments()[0]


@pytest.mark.parametrize("left,right", [("共", "同洽谈"), ("全自", "动小块"), ("跃", "升"),
                                        ("持", "续"), ("温室大棚", "整齐"), ("环境卫", "生突出"),
                                        ("复杂难处理", "镍原料")])
def test_mid_word_column_breaks_are_rejoined(page_articles, left, right):
    bodies = "".join(a.body_and_segments()[0] for a in page_articles)
    assert left + right in bodies
    assert left + "\n" + right not in bodies


def test_markers_elision_and_caption_are_out_of_the_body(page_articles):
    for a in page_articles:
        body = a.body_and_segments()[0]
        assert "(接1版)" not in body
        assert "……………" not in body
        assert "金奉乾" not in body
    notes = " ".join(page_articles[2].notes)
    assert "凉州城区美景如画" in notes and "金奉乾" in notes
    assert "凉州区金山镇金山社区党支部书记陈晖说" in page_articles[2].body_and_segments()[0]
    assert any("elision" in n for n in page_articles[0].notes)
    assert any("truncated" in n for n in page_articles[0].notes)


def test_doubled_unit_is_noted_not_rewritten(page_articles):
    body = page_articles[0].body_and_segments()[0]
    assert "40万吨吨合成金红石" in body
    assert any("万吨吨" in n for n in page_articles[0].notes)


def test_traditional_characters_are_converted_for_extraction_only():
    art = load_article(ARTICLES / "000_8546bbd5f1ad3438-03.txt")
    prepare(art)
    assert "部門" in art.original and "部門" not in art.text and "各部门" in art.text
    s = next(s for s in art.sentences if "各部门" in s.text)
    assert "部門" in art.quote(s.start, s.end)


def test_no_sentence_contains_a_column_break():
    for path in sorted(ARTICLES.glob("*.txt")):
        art = prepare(load_article(path))
        for s in art.sentences:
            assert "\n" not in s.text
            # a sentence ends with punctuation unless it is a short heading
            assert s.text[-1] in "。!?;”’…." or len(s.text) <= 30 or "将企业的" in s.text, s.text


def test_every_sentence_offset_round_trips():
    for path in sorted(ARTICLES.glob("*.txt")):
        art = prepare(load_article(path))
        assert art.sentences
        for s in art.sentences:
            assert art.text[s.start:s.end] == s.text


def test_raw_map_points_back_to_the_raw_page(raw_page):
    for path in sorted(ARTICLES.glob("*.txt")):
        art = load_article(path)
        rawmap = json.loads(path.with_name(path.stem + ".rawmap.json").read_text())
        for body_start, raw_start, length in rawmap["segments"]:
            assert art.original[body_start:body_start + length] == raw_page[raw_start:raw_start + length]
        prepare(art)
        for s in art.sentences:
            span = art.raw_span(s.start, s.end)
            assert span is not None
            raw = raw_page[span[0]:span[1]]
            assert raw.startswith(art.quote(s.start, s.start + 2))


def test_committed_articles_match_a_fresh_ingest(tmp_path, raw_page):
    from .conftest import CORPUS

    paths = ingest(CORPUS, tmp_path)
    assert [p.name for p in paths] == sorted(p.name for p in ARTICLES.glob("*.txt"))
    for p in paths:
        assert p.read_bytes() == (ARTICLES / p.name).read_bytes()


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16", "utf-16-le"])
def test_other_encodings_give_the_same_sentences(tmp_path, encoding):
    src = ARTICLES / "000_8546bbd5f1ad3438-01.txt"
    text = src.read_text(encoding="utf-8")
    ref = [s.text for s in prepare(load_article(src)).sentences]
    copy = tmp_path / f"copy-{encoding}.txt"
    copy.write_bytes(text.encode(encoding))
    got = [s.text for s in prepare(load_article(copy)).sentences]
    assert got == ref


def test_traditional_article_is_converted_but_quoted_as_printed(tmp_path):
    p = tmp_path / "trad.txt"
    p.write_text("甘肅省發展改革委員會表示,產業鏈持續發展。", encoding="utf-8")
    art = prepare(load_article(p))
    assert art.text.startswith("甘肃省发展改革委员会")
    assert art.quote(0, 3) == "甘肅省"


def test_sentence_segmentation_keeps_closing_quotes():
    got = [s.text for s in split_sentences("他说:“好。”我们走!真的?是;\n标题")]
    assert got == ["他说:“好。”", "我们走!", "真的?", "是;", "标题"]


@pytest.mark.parametrize("name,data,problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
    ("bad.txt", b"abc \xff\xff def \x80\n" * 20, "undecodable bytes"),
])
def test_bad_input_gives_one_line_and_writes_nothing(tmp_path, kg_cli, name, data, problem):
    f = tmp_path / name
    f.write_bytes(data)
    out = tmp_path / "out"
    r = kg_cli("build", f, "--out", out)
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert str(f) in lines[0] and problem in lines[0]
    assert "Traceback" not in r.stderr
    assert not out.exists() or not any(out.iterdir())


def test_folder_without_articles_and_missing_path(tmp_path, kg_cli):
    empty = tmp_path / "none"
    empty.mkdir()
    r = kg_cli("build", empty, "--out", tmp_path / "o1")
    assert r.returncode != 0 and "no article files" in r.stderr and str(empty) in r.stderr
    r = kg_cli("build", tmp_path / "missing", "--out", tmp_path / "o2")
    assert r.returncode != 0 and "no such file or folder" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o1").exists() and not (tmp_path / "o2").exists()


def test_ingest_rejects_a_page_without_text(tmp_path, kg_cli):
    f = tmp_path / "page.txt"
    f.write_text("\n\n(接1版)\n\n", encoding="utf-8")
    r = kg_cli("ingest", f, "--out", tmp_path / "arts")
    assert r.returncode != 0 and "no article text" in r.stderr
    assert not (tmp_path / "arts").exists()


def test_the_bundled_raw_page_is_the_one_the_user_gave():
    """data/raw/ holds a byte-for-byte copy of the page in ../shared/corpus."""
    from .conftest import BUNDLED_RAW, SHARED

    if not SHARED.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    assert BUNDLED_RAW.read_bytes() == SHARED.read_bytes()
