"""Short policy texts of the genre, written for the extractor's own tests: other districts,
other amounts and wording than the corpus, one in traditional characters. None of them is a
real policy."""

from __future__ import annotations

from functools import cache

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import Facts, ParsedDocument
from graphapi.domain.regions import default_regions
from ingest.documents import parse_text
from ingest.facts import extract

# 西山区: classes defined inside an article (（一）第一层次…：…), ranks 前五位, 分3年, a yearly
# benefit with a duration, and three stacking clauses.
XISHAN = """西山区高层次人才分类认定及支持办法（试行）

第一条 为加快西山区人才集聚，结合实际，制定本办法。
第二条 西山区高层次人才由区委人才工作领导小组办公室组织认定。
第三条 西山区高层次人才分为以下三个层次：
（一）第一层次（领军人才）：年龄不超过50周岁（两院院士不受年龄限制），且具备下列条件之一：
1.国家科学技术进步奖获奖者（排名前五位）；
2.两院院士。
（二）第二层次（拔尖人才）：45周岁以下，具有硕士以上学位或副高以上职称，且具备下列条件之一：
1.获省部级科学技术进步奖一、二等奖（排名前五位）；
2.其他相当于上述层次的拔尖人才。
（三）第三层次（骨干人才）：在西山区全职工作，且具备下列条件之一：
1.获省部级科学技术进步奖三等奖以上（排名前三位）；
2.“春城计划”入选者。
第四条 有下列情形之一的，不得申报：
（一）受过刑事处罚的；
（二）有其他不宜申报情形的。
第五条 支持措施如下：
（一）安家补贴。第一、二、三层次人才分别给予最高60万元、30万元、10万元安家补贴，且不超过购房款的50%，分3年发放，每年发放三分之一。
（二）岗位补贴。第一、二、三层次人才分别给予每年10万元、5万元、2万元岗位补贴，连续发放3年。
（三）子女入学。第一、二层次人才子女入学由区教育体育局统筹安排。
第六条 已享受过区内其他人才政策安家补贴的，不再重复享受本办法安家补贴。
第七条 同时入选省级、市级人才计划的，岗位补贴从高享受，不重复发放。
第八条 认定后晋升层次的，按差额补发。
第九条 本办法自印发之日起施行。
"""

# 呈贡区: a catalogue annex (一、A类（…）) with grade-specific ranks and a team.
CHENGGONG = """呈贡区引进高层次人才实施办法

第一条 为引进高层次人才，制定本办法。
第二条 呈贡区高层次人才按《呈贡区高层次人才分类认定目录》（见附件）认定为A类、B类、C类人才和创新团队。
第三条 入选者可享受以下待遇：
（一）安居补贴。全职在呈贡区工作并在区内购房的A、B、C类人才，分别给予最高不超过300万元、150万元、60万元的安居补贴，且不超过购房总价的60%，分4年发放，每年发放25%。由区级财政和用人单位各承担50%。
（二）引才奖励。用人单位成功引进A类、B类人才的，分别按15万元/人、8万元/人给予一次性引才奖励。
（三）健康体检。A、B类人才每年享受一次健康体检服务。
第四条 同时符合本办法和其他人才政策的，按照从高从优、不重复享受的原则执行。
第五条 本办法自发布之日起施行。

附件：

呈贡区高层次人才分类认定目录

一、A类（杰出人才）
在呈贡区全职工作，且符合下列条件之一的人才：
1.中国科学院院士、中国工程院院士；
2.国家自然科学奖一等奖排名前五位、二等奖排名前三位完成人；
3.其他相当于上述层次的杰出人才。
二、B类（领军人才）
在呈贡区全职工作或柔性引进，年龄一般在58周岁以下，且符合下列条件之一的人才：
1.国家科学技术进步奖二等奖排名前五位；
2.国家杰出青年科学基金获得者；
3.近五年曾担任国家重点实验室主任。
三、C类（拔尖人才）
在呈贡区全职工作，年龄一般在50周岁以下，且符合下列条件之一的人才：
1.省部级科学技术进步奖一等奖前三名完成人；
2.年薪超过150万元的企业首席技术官。
四、创新团队
在呈贡区全职创新创业的团队，并且符合下列所有条件：
1.团队由1名带头人和3名以上核心成员组成；
2.带头人具有博士学位。
"""

# 大理州: a 专项 rule in traditional characters with half-width punctuation: 基本条件/核心条件/
# 放宽条件, a title-limited amount, NOT_AGAIN, a BAR, and a succession.
DALI_TRADITIONAL = """大理州“蒼洱英才”計劃“青年英才”專項實施細則(試行)
第一條 為做好大理州“蒼洱英才”計劃“青年英才”專項工作,制定本細則。
第二條 申報“青年英才”專項,須為在大理州全職工作的人員。公務員不能申報。
(一)基本條件
1.一般在35週歲以下,具有博士學位。
2.遵紀守法,有良好的職業道德。
(二)核心條件。除基本條件外,還須符合下列條件之一:
1.國家優秀青年科學基金獲得者;
2.國家技術發明獎二等獎排名前四位;
3.其他急需緊缺的青年人才。
(三)放寬條件。到邊境縣工作的,年齡條件放寬3歲。
第三條 支持政策
(一)生活補貼。給予30萬元一次性生活補貼,其中,中國科學院院士50萬元。
(二)項目經費。最高給予80萬元項目經費支持。
第四條 已享受過州內其他人才計劃生活補貼的,不再重複享受本細則第三條規定的生活補貼。
第五條 入選者在支持期內不得再申請州級其他人才專項資助。
第六條 本細則自印發之日起施行。《大理州青年人才支持辦法(試行)》同時廢止,已入選人才自動轉入“青年英才”專項。
"""

# 晋宁区: an 意见 whose measures name classes by degree (分别给予…) and a flexible measure.
JINNING_MEASURES = """关于加快晋宁区人才发展的若干措施

一、引进急需人才
（一）引进急需紧缺人才

面向全国引进38周岁及以下全日制博士研究生、32周岁及以下全日制硕士研究生，签订5年以上服务协议的，区级财政分别给予每人18万元、6万元生活补贴，分3年发放。

（二）柔性引进专家

通过项目合作等方式柔性引进具有正高级职称的专家，每年在晋宁工作不少于40天的，给予每人每年最高8万元工作补助。

二、附则
（三）本措施自印发之日起施行。
"""

SAMPLES = {
    "xishan.txt": XISHAN,
    "chenggong.txt": CHENGGONG,
    "dali_traditional.txt": DALI_TRADITIONAL,
    "jinning_measures.txt": JINNING_MEASURES,
}


@cache
def parsed(name: str) -> ParsedDocument:
    return parse_text(SAMPLES[name], name)


@cache
def facts(name: str) -> Facts:
    return extract(parsed(name), EntityResolver.default(), default_regions())
