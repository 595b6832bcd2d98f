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

# 普洱市: classes named, not numbered (分为卓越型…、骨干型…、潜力型…三个类别), each defined by its
# own article (申请X的，…); an age relaxation in an aside; a grade alone after 或; amounts listed
# before the classes they go to; a reward given to the employer; a bar and an exclusion.
PUER_NAMED_CLASSES = """普洱市高端人才引进办法（试行）

第一条 为引进高端人才，制定本办法。
第二条 本办法所称高端人才分为卓越型高端人才、骨干型高端人才、潜力型高端人才三个类别。
第三条 申请人须同时具备下列基本条件：
（一）遵纪守法，品行端正；
（二）具有硕士学位或副高级专业技术职称。
第四条 申请卓越型高端人才的，年龄不超过55周岁，并具备下列条件之一：
（一）省部级科学技术奖一等奖排名前四名的完成人，或二等奖排名第一的完成人；
（二）中国工程院院士。
第五条 申请骨干型高端人才的，年龄不超过50周岁，并具备下列条件之一：
（一）国家优秀青年科学基金获得者。
第六条 申请潜力型高端人才的，年龄不超过35周岁（取得博士学位的放宽至38周岁），并具备下列条件之一：
（一）省部级科学技术奖二等奖排名前五名的完成人。
第七条 入选卓越型、骨干型、潜力型高端人才的，分别给予一次性安家补贴120万元、60万元、20万元，且不超过住房总价的40%。
第八条 支持期内，按每人每年12万元、8万元、4万元的标准分别给予卓越型、骨干型、潜力型高端人才工作津贴。
第九条 用人单位引进卓越型高端人才的，给予用人单位一次性引才奖励15万元。
第十条 入选者在支持期内不得再申请市级其他人才项目的安家补贴和工作津贴。
第十一条 行政机关和参照公务员法管理单位的在编人员不得申请。
第十二条 本办法自印发之日起施行。
"""

# 普洱市 专项细则: 基本条件/核心条件 articles (在满足基本条件的同时), 年龄上限可提高至…、职称要求可放宽一档,
# a 7:3 funder split, a monthly allowance stopped on a failed review, a cap on the project's own
# investment, a reward on completion, a top-up naming its benefit and a bar worded 不得申报.
PUER_YOUTH_RULES = """普洱市“茶城英才”计划青年人才专项实施细则

第一条 为培养青年人才，制定本细则。
第二条 基本条件。申请人应当同时具备以下条件：
（一）年龄在38周岁以下；
（二）具有博士学位。
第三条 核心条件。在满足基本条件的同时，还应当具备下列条件之一：
（一）国家优秀青年科学基金获得者；
（二）其他具有相当水平的青年人才。
第四条 放宽条件。在边远乡镇工作的申请人，年龄上限可提高至42周岁，职称要求可放宽一档。
第五条 支持政策
（一）培养经费。给予每人40万元培养经费，由市级财政和用人单位按7:3比例分担。
（二）生活补贴。按每人每月2000元标准发放生活补贴，年度考核不合格的，当年停发。
（三）科研资助。按不超过项目总投入的40%给予科研资助，最高不超过80万元。
（四）期满奖励。支持期满考核结果为优秀的，给予一次性奖励5万元。
第六条 支持期内晋升为更高层次人才的，培养经费按差额补发。
第七条 入选者在支持期内不得申报市级其他人才培养项目。
第八条 本细则自印发之日起施行。
"""

SAMPLES = {
    "xishan.txt": XISHAN,
    "chenggong.txt": CHENGGONG,
    "dali_traditional.txt": DALI_TRADITIONAL,
    "jinning_measures.txt": JINNING_MEASURES,
    "puer_named_classes.txt": PUER_NAMED_CLASSES,
    "puer_youth_rules.txt": PUER_YOUTH_RULES,
}


@cache
def parsed(name: str) -> ParsedDocument:
    return parse_text(SAMPLES[name], name)


@cache
def facts(name: str) -> Facts:
    return extract(parsed(name), EntityResolver.default(), default_regions())


# --- texts for the rules the fresh set (tests/extract/test_fresh.py) showed missing ------------------

# 玉溪市: measures of an 意见 whose first measure defines three ranked classes (分为第一类（…）…),
# named in the others by lists (第一、二类人才), by the name of them all (高层次人才) and in
# sub-items; a distribution with a lead every class shares, a second grant after ；with no
# subject, a selection (每年遴选“X”…，入选者…), a team, a range, a referral reward, a condition
# that binds a class written before it, durations (发放期限不超过4年, 最长不超过2年), services
# to the classes known, and stacking.
YUXI_MEASURES = """中共玉溪市委 玉溪市人民政府
关于实施“抚仙英才”计划促进人才发展的若干措施

一、精准引进人才
（一）明确人才类别。本措施所称高层次人才分为第一类（杰出人才）、第二类（领军人才）、第三类（青年拔尖人才），认定标准另行制定。
（二）给予安家补贴。全职引进的高层次人才在玉溪市购买首套住房的，按以下标准给予安家补贴：
1.第一类人才最高100万元；
2.第二类人才最高60万元；
3.第三类人才最高30万元。
安家补贴不超过购房总价的40%，分4年发放。
（三）给予工作津贴。刚性引进的第一、二、三类人才，每年分别给予6万元、4万元、2万元工作津贴，发放期限不超过4年。
（四）引进青年博士硕士。对全职引进到县级事业单位工作的40周岁以下博士研究生、30周岁以下硕士研究生，分别给予一次性生活补贴15万元、6万元；服务期内每月分别给予岗位补贴2000元、1000元。
（五）柔性引才。对通过技术顾问等方式柔性引进，每年在玉溪工作累计不少于45天的专家，给予每人每年最高6万元工作补助，最长不超过2年。
（六）扶持创业团队。对来玉溪实施成果转化项目的高端创业团队，经评审，给予30万元至100万元项目资助。
（七）奖励引才。对用人单位全职引进第一、二类人才的，分别给予用人单位15万元、8万元引才奖励；对中介机构引荐第一类人才到玉溪全职工作的，每引荐1人给予3万元奖励。

二、培养本土人才
（八）实施青年英才培养。每年遴选“抚仙青年英才”不超过20名，入选者一般在40周岁以下，具有中级以上专业技术职称。对入选者给予每人5万元培养经费，分2年拨付。
（九）鼓励扎根村社。对到村工作并签订3年以上服务协议的全日制本科以上毕业生，每月给予基层补贴500元；服务期满考核优秀的，一次性给予1万元奖励。

三、强化服务保障
（十）优化服务。高层次人才子女入学、配偶就业，由相关部门优先安排。
（十一）人才安居。第一、二类人才可申请免费入住人才公寓，免租期最长3年；全职引进的博士研究生可申请入住人才公寓，前2年免收租金。

四、附则
（十二）同一人才符合本措施多项支持条件的，按照从高从优、不重复享受的原则执行。已享受过市内其他人才政策安家补贴的，不再重复享受本措施安家补贴。人才类别晋升的，安家补贴按新类别标准补差。
（十三）本措施自印发之日起施行。
"""

# 罗湖区: an 办法 whose classes are named in a definition (所称…，包括…) and conditioned in an
# article each; one requirement for them all with a contributions clause (缴纳社会保险满12个月),
# a raised ceiling for one class, materials to hand in, a school ranking, a rent subsidy beside
# a flat, services under an article heading, and a NOT_AGAIN with a top-up in one sentence.
LUOHU_DEFINED_CLASSES = """罗湖区优秀人才认定和支持办法

第一条 为集聚优秀人才，结合本区实际，制定本办法。
第二条 本办法所称优秀人才，包括在罗湖区全职工作并经认定的卓越人才、骨干人才和潜力人才。
第三条 申报优秀人才应当在罗湖区全职工作，且在罗湖区缴纳社会保险满12个月。
第四条 卓越人才应当符合下列条件之一：
（一）中国工程院院士；
（二）其他相当于上述层次的卓越人才。
第五条 骨干人才年龄一般不超过50周岁，并符合下列条件之一：
（一）国家杰出青年科学基金获得者；
（二）国家高层次人才特殊支持计划（“万人计划”）科技创新领军人才。
第六条 潜力人才应当具有硕士学位，年龄不超过35周岁，并符合下列条件之一：
（一）国家优秀青年科学基金获得者；
（二）在QS世界大学排名前100名的高校取得博士学位。
第七条 在本区重点实验室工作的，申报潜力人才的年龄可放宽至38周岁。
第八条 申报优秀人才应当提供下列材料：
（一）申报表；
（二）学历学位证明。
第九条 生活补贴。骨干人才、潜力人才分别给予80万元、30万元生活补贴，分4年发放。卓越人才的生活补贴实行“一人一策”。
第十条 住房保障。优秀人才在罗湖区无自有住房的，可申请入住区人才公寓；未入住的，按月发放租房补贴，其中卓越人才每月8000元，骨干人才每月5000元，潜力人才每月2000元，发放期限不超过3年。
第十一条 服务保障。卓越人才、骨干人才子女可按规定申请入读公办学校；优秀人才可享受就医绿色通道服务。
第十二条 已享受市级人才生活补贴的，不再享受本办法生活补贴，但可按差额补足。
第十三条 本办法自印发之日起施行。
"""

# 景洪市: an 实施办法 with chapters and a catalogue annex: benefits per mode (刚性引进的…), a
# duration written 补助期限不超过3年, a scope sentence that leaves people out (…不适用本办法),
# a tax condition (缴纳个人所得税), a title class named with its member's aside, and a service
# article under the support chapter with a second service naming its own beneficiaries.
JINGHONG_CATALOGUE = """景洪市高层次人才引进实施办法

第一章 总则

第一条 为引进高层次人才，制定本办法。
第二条 本办法所称高层次人才，是指经认定的A类（领军人才）、B类（拔尖人才）两个层次的人才，具体认定标准见《景洪市高层次人才分类目录》（附件）。
第三条 本办法适用于景洪市企业、事业单位引进的高层次人才。机关事业单位在编在岗的公务员不适用本办法。

第二章 支持措施

第四条 购房补贴。刚性引进的A类、B类人才在景洪市购买住房的，分别给予最高80万元、40万元购房补贴，补贴金额不超过购房总价的30%。
第五条 工作补助。柔性引进的A类、B类人才，分别给予每人每年最高10万元、5万元工作补助，补助期限不超过3年。
第六条 服务保障。高层次人才配偶随迁、子女入学等事项，由相关部门优先办理。A类人才可申请入住市人才公寓，2年内免收租金。
第七条 本办法所需资金由市级财政承担。

第三章 附则

第八条 本办法自印发之日起施行。

附件

景洪市高层次人才分类目录

一、A类（领军人才）
年龄一般在55周岁以下，符合下列条件之一：
1．国家高层次人才特殊支持计划（“万人计划”）科技创新领军人才；
2．其他相当于上述层次的领军人才。
二、B类（拔尖人才）
年龄一般在45周岁以下，符合下列条件之一：
1．国家优秀青年科学基金获得者；
2．在景洪市重点企业担任技术总监，上年度缴纳个人所得税5万元以上。
"""

# 蒙自市: measures for rural health. A degree said once before the list of classes (取得大学专科
# 以上学历后，考取…、…的在岗村医) holds for each; 专科 beside 学历 is a degree level, 重点专科 is
# a medical specialty.
MENGZI_RURAL_HEALTH = """关于加强蒙自市基层卫生人才队伍建设的若干措施

一、提升村医能力
（一）鼓励村医学历提升。对取得大学专科以上学历后，考取乡村全科执业助理医师、执业医师资格的在岗村医，分别给予一次性3000元、6000元奖励。
（二）支持重点专科建设。对新获批省级临床重点专科的乡镇卫生院，给予30万元建设经费补助。

二、附则
（三）本措施自印发之日起施行。
"""

SAMPLES.update(
    {
        "mengzi_rural_health.txt": MENGZI_RURAL_HEALTH,
        "yuxi_measures.txt": YUXI_MEASURES,
        "luohu_defined_classes.txt": LUOHU_DEFINED_CLASSES,
        "jinghong_catalogue.txt": JINGHONG_CATALOGUE,
    }
)
