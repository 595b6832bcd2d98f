"""Each repair on its own, on corpus lines and on lines the code has not seen."""

from __future__ import annotations

import pytest

from ingest.provisions import Line
from ingest.repair import (
    collapse_cells,
    ends_sentence,
    is_decoration,
    is_heading_line,
    is_page_number,
    join_broken_lines,
    normalize_punctuation,
    normalize_spacing,
    repeated_fragment,
    should_join,
    simplify,
    strip_markers,
)


def lines(*texts: str) -> list[Line]:
    return [Line(number, text, text) for number, text in enumerate(texts, start=1)]


def joined(*texts: str) -> list[str]:
    result, _ = join_broken_lines(lines(*texts))
    return [line.text for line in result]


# --- markers and noise ----------------------------------------------------------------------


def test_bookmarks_are_removed():
    assert strip_markers("[bookmark: _GoBack]第二条  坚持党管人才") == "第二条  坚持党管人才"
    assert strip_markers("[bookmark: _Hlk146743778]（一）事业单位引进人才") == "（一）事业单位引进人才"
    assert strip_markers("[BOOKMARK: x]正文[bookmark: y]") == "正文"


def test_html_residue_is_removed_but_not_comparisons():
    assert strip_markers('引进方式\t\t<input type="checkbox"/> 全职引进') == "引进方式\t\t□ 全职引进"
    assert strip_markers('<p>本人承诺。</p> <p style="text-align: right;">签字</p>') == "本人承诺。 签字"
    assert strip_markers("年龄<40周岁且收入>20万元") == "年龄<40周岁且收入>20万元"


@pytest.mark.parametrize("line", ["3", " 4 ", "- 3 -", "—12—", "第3页", "第 3 页 共 10 页", "3/10", "- ３ -"])
def test_page_number_lines(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["3年", "第三条", "2018年6月5日", "1. 申报", "（3）", ""])
def test_not_page_numbers(line):
    assert not is_page_number(line)


def test_decoration_lines():
    assert is_decoration("★ ") and is_decoration("——") and is_decoration("* * *")
    assert not is_decoration("★重点人才") and not is_decoration("")


# --- spacing, punctuation, characters -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("第一章 总  则", "第一章总则"),
        ("总　则", "总则"),  # full-width space
        ("1. 一般在 55 周岁以下（院士除外）", "1.一般在55周岁以下（院士除外）"),
        ("云南省 “千人计划”（高层次人才引进）6个专项 实施细则的通知", "云南省“千人计划”（高层次人才引进）6个专项实施细则的通知"),
        ("日期格式 yy yy-mm-dd", "日期格式yy yy-mm-dd"),
        ("  缩进的行\u200b  ", "缩进的行"),
    ],
)
def test_normalize_spacing(raw, expected):
    assert normalize_spacing(raw) == expected


def test_collapse_cells_keeps_cell_boundaries():
    assert collapse_cells("姓名\t\t性别\t\t出生年月\t\t") == "姓名 性别 出生年月"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(一)擁護黨的領導,遵紀守法;", "（一）擁護黨的領導，遵紀守法；"),
        ("戰略科學家級人才指:中國科學院", "戰略科學家級人才指：中國科學院"),
        ("發達國家(地區)科學院院士", "發達國家（地區）科學院院士"),
        ("(责任单位：区民政局、区财政局)", "（责任单位：区民政局、区财政局）"),
        ("所在单位原则上不低于1:1配套", "所在单位原则上不低于1:1配套"),
        ("补助1,000元", "补助1,000元"),
        ("see (1) and (2)", "see (1) and (2)"),
    ],
)
def test_normalize_punctuation(raw, expected):
    assert normalize_punctuation(raw) == expected


def test_simplify_converts_traditional_and_keeps_simplified():
    assert simplify(["深圳市杰出人才培養專項實施辦法", "第一條 為進一步加強"]) == [
        "深圳市杰出人才培养专项实施办法",
        "第一条 为进一步加强",
    ]
    simplified = ["云南省千人计划“高层次人才”专项", "代表性论文论著、专利证书"]
    assert simplify(simplified) == simplified
    assert simplify([]) == []


# --- sentence ends and headings -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "制定本办法。",
        "有下列情况者不在本办法引进之列：",
        "“第一章 总则”。”",
        "…逐年发放。（责任单位：区委人才办、区人社局）",
        "〔责任单位：区委组织部、区人社局〕",
        "（此件公开发布）",
    ],
)
def test_ends_sentence(text):
    assert ends_sentence(text)


@pytest.mark.parametrize("text", ["凭证在", "云南省千人计划“高层次人才”有", "见附件（目录）", "实施细则（试行）", ""])
def test_does_not_end_sentence(text):
    assert not ends_sentence(text)


@pytest.mark.parametrize(
    "text",
    ["起草背景", "（一）刚柔相济招引高层次人才", "第九条 监督管理", "中共昆明市东川区委", "2018年6月5日",
     "云南省千人计划“高层次创新创业团队”专项实施细则（试行）"],
)
def test_heading_lines(text):
    assert is_heading_line(text)


@pytest.mark.parametrize(
    "text",
    ["（一）经费资助。团队依托单位根据实际，原则上应安",
     "审核推荐单位不按标准审核或把关不严造成重大工作失",
     "中共昆明市东川区委 昆明市东川区人民政府印发《关于实施人才振兴计划促进东川"],
)
def test_not_heading_lines(text):
    assert not is_heading_line(text)


# --- rejoining sentences broken across blank lines ------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("4. 符合条件的可申报《绿色通道服务证》，享有27项服务；凭证在", "云南省内机场、高铁站出行（到达）享受贵宾通道服务。",
         "4. 符合条件的可申报《绿色通道服务证》，享有27项服务；凭证在云南省内机场、高铁站出行（到达）享受贵宾通道服务。"),
        ("第十条 退出机制。云南省千人计划“高层次人才”有", "下列情形之一，经审核推荐单位核实，取消称号。",
         "第十条 退出机制。云南省千人计划“高层次人才”有下列情形之一，经审核推荐单位核实，取消称号。"),
        ("第七条 支持政策。云南省千人计划“人文社会科学人", "才”专项，享受政策支持。",
         "第七条 支持政策。云南省千人计划“人文社会科学人才”专项，享受政策支持。"),
        ("申报人填写《申报书》（柔性引才项目），报省人力资源社会保障", "厅汇总审核后，按照规定程序申报。",
         "申报人填写《申报书》（柔性引才项目），报省人力资源社会保障厅汇总审核后，按照规定程序申报。"),
        # unseen: a different break in the same genre
        ("对符合条件的高校毕业生，由区级财政给予每人每月1000元的租房补", "贴，最长不超过3年。",
         "对符合条件的高校毕业生，由区级财政给予每人每月1000元的租房补贴，最长不超过3年。"),
        ("关于《昆明市中青年学术和技术带头人及后备人选选拔培养考核实施细则》", "的编制说明",
         "关于《昆明市中青年学术和技术带头人及后备人选选拔培养考核实施细则》的编制说明"),
    ],
)
def test_broken_sentences_are_rejoined(before, after, expected):
    assert joined(before, "", after) == [expected]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("明确了各层级的职能职责", "“第一章 总则”中进一步明确了职能职责。"),  # unnumbered heading
        ("（一）刚柔相济招引高层次人才", "聚焦现代特色农业等重点产业。"),  # item heading
        ("关于实施人才振兴计划促进东川高质量发展的意见（试行）", "为深入学习贯彻人才工作会议精神。"),  # title
        ("云南省人才工作领导小组关于印发云南省“千人计划”6个专项实施细则的通知", "各州、市党委和人民政府："),
        ("中共昆明市东川区委", "昆明市东川区人民政府"),  # signature lines
        ("昆明市东川区人民政府", "2022年10月14日"),
        ("（一）经费资助。团队依托单位根据实际，原则上应安", "（二）其他支持政策"),  # next starts a unit
        ("制定本办法。", "本办法适用于全区。"),
        # a title ending in an edition tag: 目录 is no instrument word, the tag still closes it
        ("禄劝县急需紧缺人才认定目录（2023年修订版）", "为规范认定工作，制定本目录。"),
        ("嵩明县乡村人才分类认定标准（试行）", "根据有关规定，结合实际，制定本标准。"),
    ],
)
def test_lines_that_stand_alone_are_not_joined(before, after):
    assert joined(before, "", after) == [before, after]


def test_without_a_blank_line_only_an_unclosed_title_joins():
    assert joined("（一）鼓励飞地引才，解锁引人“新模式”", "在选拔范围上，打破地域壁垒。") == [
        "（一）鼓励飞地引才，解锁引人“新模式”", "在选拔范围上，打破地域壁垒。"
    ]
    assert joined("东川区委印发《关于实施人才振兴计划促进东川", "高质量发展的意见（试行）》的通知") == [
        "东川区委印发《关于实施人才振兴计划促进东川高质量发展的意见（试行）》的通知"
    ]


def test_verbatim_form_lines_are_never_joined():
    first = Line(1, "申报专项：高层次人才 高端外国专家", "申报专项：高层次人才 高端外国专家", verbatim=True)
    second = Line(3, "产业人才 青年人才", "产业人才 青年人才", verbatim=True)
    assert not should_join(first, second, across_blank=True)


def test_a_sentence_broken_twice_becomes_one_line():
    parts = ("对全职引进到我区重点产业企业工作的博士研究生，由区级财政给予", "每人每年最高3万元生活补贴，补贴期限为3年，期满后经考核合格的",
             "可以续期一次。")
    assert joined(parts[0], "", parts[1], "", parts[2]) == ["".join(parts)]


# --- repeated fragments ---------------------------------------------------------------------


def test_the_corpus_repeated_fragment():
    before = "（二）入选后，要指导本学科（领域）科研团队和人才队伍建设。"
    after = "设，努力取得重大标志性成果。"
    assert repeated_fragment(before, after) == 1
    result, warnings = join_broken_lines(lines(before, "", after))
    assert [line.text for line in result] == ["（二）入选后，要指导本学科（领域）科研团队和人才队伍建设，努力取得重大标志性成果。"]
    assert warnings and "“设”" in warnings[0]


def test_an_unseen_repeated_fragment_of_two_characters():
    before = "第八条 区人社局负责完善人才服务体系。"
    after = "体系，持续优化人才发展环境。"
    assert repeated_fragment(before, after) == 2
    assert joined(before, "", after) == ["第八条 区人社局负责完善人才服务体系，持续优化人才发展环境。"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("人才队伍建设。", "发展，努力取得成果。"),  # the fragment does not repeat the end
        ("人才队伍建设", "设，努力取得成果。"),  # the line before does not end a sentence
        ("按本办法执行。", "执行情况每年报告一次。"),  # no comma after the fragment
        ("第一条 为规范管理，制定本办法。", "（一）办法，是指……"),  # a structural unit
    ],
)
def test_no_repeated_fragment(before, after):
    assert repeated_fragment(before, after) == 0


def test_a_title_with_an_edition_tag_is_not_merged_with_the_first_paragraph():
    from ingest.documents import parse_text

    text = "富民县高层次人才分类认定目录（2024年版）\n\n为做好人才认定工作，制定本目录。\n\n一、A类（杰出人才）\n中国科学院院士。\n"
    (policy,) = parse_text(text, "fumin.txt").policies
    assert policy.policy.title == "富民县高层次人才分类认定目录（2024年版）"
    assert policy.provisions[0].text == "为做好人才认定工作，制定本目录。"


def test_original_text_keeps_the_spacing_of_the_source():
    # 003 leaves its commencement date blank (2023年 月 日) to be filled in: the simplified text
    # is repaired, the original keeps the blanks (runs of blanks made one).
    from tests.ingest.support import parsed_corpus

    (policy,) = parsed_corpus("003").policies
    (last,) = [p for p in policy.provisions if p.label == "第二十八条"]
    assert last.original_text == "本辦法自2023年 月 日起施行,有效期5年。"
    assert last.text == "本办法自2023年月日起施行，有效期5年。"
