"""Programs and their tiers, read from how the genre lays them out:

- a classification catalogue (分类认定目录): sibling headings 一、A类（国际顶尖人才）… and a
  团队 heading, or （一）第一层次（领军人才）：… inside an article — one tier per heading, ranked
  in order; the program is named by the catalogue's heading (…分类认定目录) or the sentence
  that lists the classes (…入选者按不同标准分为A类…);
- special-project rules (专项实施细则): a title <program>“<tier>”专项实施细则 — every such
  instrument of a document adds its tier to one program;
- selection rules with one class of applicants: an article …应当…符合下列基本条件 whose subject
  (培养对象) names the tier, the program named by the title;
- an explanatory note (关于《…》的编制说明): the program of the instrument it explains, one tier
  per class of people its name joins (…带头人及后备人选), read from the wording.

Policy-style measures (一、… （一）…) are read by `measures`. Each tier knows the provision
subtree that speaks of it alone (`root`), so that later rules know which tier a sentence is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphapi.domain.entities import EntityResolver
from graphapi.domain.model import Employment, Level, Policy, Provision, ProvisionKind, ReferenceKind, Region
from graphapi.domain.regions import RegionTree
from graphapi.domain.text import normalize
from ingest.facts import numbers
from ingest.facts.tree import DocumentView, PolicyView

_CN = "一二三四五六七八九十"
_STEMS = "甲乙丙丁戊己"  # 甲类、乙类 … name classes too
TIER_HEAD = re.compile(
    rf"^第?(?P<code>[A-Z]|[{_STEMS}]|[{_CN}]{{1,2}})\s*(?:类|层次|档)\s*(?:人才)?\s*"
    r"(?:[（(](?P<gloss>[^（）()]{2,20})[）)])?\s*(?P<rest>[：:。].*)?$"
)
_LISTED_CLASS = re.compile(rf"第?(?P<code>[A-Z]|[{_STEMS}]|[{_CN}]{{1,2}})\s*(?:类|层次|档)(?:人才)?\s*[（(](?P<gloss>[^（）()]{{2,12}})[）)]")
# 分为领军型特聘专家和青年型特聘专家两个层次: classes named, not numbered, with their count.
_NAMED_CLASSES = re.compile(
    rf"分为(?P<list>[^，。；：（）()]{{4,80}}?)(?P<count>[两{_CN}]|\d)\s*(?:个|种)?\s*(?:层次|类别|类型|档次|等级|级别|类)"
)
_NAME_JOINERS = re.compile(r"、|和|及|与|以及")
# 本办法所称菁英人才，是指在福田区全职工作、经认定的杰出人才、领军人才和青年拔尖人才
_DEFINED_AS = re.compile(r"本(?:办法|细则|规定|措施|意见|方案)所称[^，。；]{2,16}?[，,]?(?:是指|系指|指|包括)(?P<list>[^。；]{4,80})")
_SHORTHAND = re.compile(r"[（(]以下简称[^（）()]*[）)]")
_CATALOGUE_WORDS = re.compile(r"(?:分类认定|认定|分类|评定)?(?:目录|标准|办法)$")
_LISTED_CLASSES = re.compile(r"^(?P<name>[^，。；：]{2,30}?)(?:入选者|人才)?(?:按[^，。；]{0,12})?分为")
_SPECIAL_TITLE = re.compile(r"^(?P<program>.{2,30}?)\s*“(?P<tier>[^“”]{2,20})”\s*专项\s*(?:实施)?(?:细则|办法|方案)")
_NOTE_TITLE = re.compile(r"《(?P<instrument>[^《》]{4,80})》\s*的?\s*(?:编制|起草|修订)?说明")
_INSTRUMENT_WORDS = re.compile(
    r"(?:[（(][^（）()]*[）)])*$|(?:实施细则|实施办法|管理办法|实施意见|实施方案|若干措施|若干政策|办法|细则|意见|规定|方案|措施|条例|分类认定目录|认定目录|目录)$"
)
_ACTION_WORDS = re.compile(r"(?:的)?(?:引进培育|引进|选拔培养考核|选拔培养管理|选拔培养|培养考核|选拔管理|分类认定及支持|分类认定|认定及支持|认定管理|评选|选拔|认定|管理|实施)$")
_ISSUING = re.compile(r"^.*?(?:印发|转发)《?(?P<inner>.+?)》?的?通知$")
BASIC_LEAD = re.compile(r"(?:同时|均)?(?:符合|具备|满足)(?:下列|以下|如下)(?:基本|所有|全部)?条件(?!之一)|基本条件")
CORE_LEAD = re.compile(r"(?:符合|具备|满足)(?:下列|以下|如下)(?:条件|情形)?之一")
_SUBJECT = re.compile(r"^(?P<subject>[^，。；：、]{2,12}?)(?:应当|应|须|必须)")
_PERSON_NOUN = re.compile(r"(?:后备人选|后备人才|带头人|人选|学者|专家|人才|英才|名师|工匠|对象|团队)$")
_CITED_TITLE = re.compile(r"《[^《》]*》")
_ESTABLISHING = re.compile(r"(?:实施|设立|设置|组织实施|建立|开展)")


@dataclass(slots=True)
class TierDraft:
    name: str
    cited_in: str
    code: str | None = None  # as the text gives it (A, TEAM); None: a slug of the name
    root: str | None = None  # provision whose subtree is about this tier alone
    for_team: bool = False
    labels: tuple[str, ...] = ()  # how lists refer to it: ("A",), ("一",)
    title_id: str | None = None  # the title selection into the tier confers
    short_names: tuple[str, ...] = ()  # names the text uses for it (培养对象, 带头人)
    amount: float = 0.0  # measures: the most the tier is granted (ranks tiers without codes)
    policy_id: str | None = None  # the one policy about this tier alone (a 专项 rule)
    introduced: bool = False  # measures: a class the policy brings in (引进), not one it grows
    mode: Employment | None = None  # measures: the mode it is brought in (全职, 柔性), if said


@dataclass(slots=True)
class ProgramDraft:
    name: str
    policy_id: str
    cited_in: str
    layout: str  # catalogue | special | selection | note | measures
    region: Region | None
    level: Level | None
    policies: list[str] = field(default_factory=list)  # policies whose provisions govern it
    roots: list[str] = field(default_factory=list)  # measures: the provisions it is stated in
    tiers: list[TierDraft] = field(default_factory=list)


# --- helpers -------------------------------------------------------------------------------------


def head_text(provision: Provision) -> str:
    """What a provision is headed by: its heading, else its own text."""
    return (provision.heading or provision.text).strip()


def class_code(code: str) -> str:
    """A, B … as written; 第一层次 -> L1, 乙类 -> L2."""
    if code.isascii():
        return code
    if code in _STEMS:
        return f"L{_STEMS.index(code) + 1}"
    return f"L{numbers.to_int(code)}"


def program_name_from_title(title: str) -> str:
    """The program an instrument title names: 深圳市杰出人才培养专项实施办法 -> 深圳市杰出人才培养专项."""
    name = title.strip()
    issuing = _ISSUING.match(name)
    name = issuing.group("inner") if issuing else name
    name = name.removeprefix("关于").strip("《》")
    for _ in range(3):
        name = _INSTRUMENT_WORDS.sub("", name).strip()
        name = _ACTION_WORDS.sub("", name).strip()
    return name or title


def written_form(name: str, texts: list[str]) -> str:
    """The name as the texts write it with quotes (云南省千人计划 -> 云南省“千人计划”)."""
    bare = re.sub(r"[“”\"]", "", name)
    pattern = re.compile("[“”\"]?".join(re.escape(ch) for ch in bare) + "[”\"]?")
    for text in texts:
        for match in pattern.finditer(text):
            found = match.group(0)
            if "“" in found and found.count("“") == found.count("”"):
                return found
    return name


def place_of(name: str, policy: Policy, regions: RegionTree) -> tuple[Region | None, Level | None]:
    """The region a program belongs to. A policy establishes programs of its own jurisdiction, so
    its region, unless the name places the program inside it (a city's policy for 盘龙区高层次人才
    makes a program of 盘龙区); the name's region only when the policy has none. A district's
    “滇池英才”计划 is the district's, although 滇 also names 云南省."""
    named = regions.mentioned_in(name)
    # 昆明市盘龙区高层次人才: the most specific region named
    region = max(named, key=lambda r: len(regions.ancestors(r.id))) if named else None
    own = regions.find(policy.region) if policy.region else None
    if own is not None and (region is None or not regions.contains(own.id, region.id)):
        region = own
    if region is None:
        return None, policy.level
    return region, region.level


def lead_role(text: str) -> str | None:
    """The role of the list a lead-in introduces: CORE (…条件之一), BASIC (…基本条件 / 所有条件)."""
    if CORE_LEAD.search(text):
        return "CORE"
    if BASIC_LEAD.search(text) or re.search(r"(?:符合|具备)(?:下列|以下)(?:所有|全部)?条件", text):
        return "BASIC"
    return None


def numbered_classes(provision: Provision) -> list[TierDraft]:
    """分为第一类（杰出人才）、第二类（领军人才）… -> one tier per numbered class after 分为, ranked
    in order, when at least two distinct codes are listed."""
    at = provision.text.find("分为")
    if at == -1:
        return []
    found = list(_LISTED_CLASS.finditer(provision.text, at))
    if len({m.group("code") for m in found}) < 2:
        return []
    return [
        TierDraft(
            name=match.group(0),
            cited_in=provision.id,
            code=class_code(match.group("code")),
            labels=(match.group("code"),),
            short_names=(match.group("gloss"),),
        )
        for match in found
    ]


def _named_classes(provision: Provision) -> list[TierDraft]:
    """分为领军型特聘专家和青年型特聘专家两个层次 -> one tier per name, ranked in order; each is also
    known by the words that tell it from the others (领军型, 青年型), as later articles write them."""
    match = _NAMED_CLASSES.search(provision.text)
    if match is None:
        return []
    names = [n.strip() for n in _NAME_JOINERS.split(match.group("list")) if n.strip()]
    count = numbers.to_int("二" if match.group("count") == "两" else match.group("count"))
    # 分为1000万元、1500万元、2000万元三个档次 are funding levels, 分为基础研究和应用研究两类 kinds of work:
    # classes of a talent program name people (…专家, …人才).
    if count is None or len(names) != count or count < 2 or not all(_PERSON_NOUN.search(n) for n in names):
        return []
    shared = 0  # length of the suffix every name shares (型特聘专家)
    while shared < min(map(len, names)) - 1 and len({n[len(n) - shared - 1] for n in names}) == 1:
        shared += 1
    if shared and names[0][len(names[0]) - shared] in "型类级档":
        shared -= 1  # 领军型, not 领军: the class word stays with the words that tell them apart
    tiers: list[TierDraft] = []
    for name in names:
        own = name[: len(name) - shared] if shared else name
        tiers.append(
            TierDraft(
                name=name,
                cited_in=provision.id,
                short_names=tuple(dict.fromkeys(n for n in (name, own) if len(n) >= 2)),
            )
        )
    return tiers


def classes_in_definition(view: PolicyView) -> list[TierDraft]:
    """本办法所称菁英人才，是指…经认定的杰出人才、领军人才和青年拔尖人才 — one tier per class the
    definition joins, ranked in order, when every one of them is the subject of a provision of
    its own further on (杰出人才应当符合下列条件之一 / 申报领军人才的，…): the classes are named in
    one article and conditioned in later ones."""
    for index, provision in enumerate(view.provisions):
        match = _DEFINED_AS.search(provision.text)
        if match is None:
            continue
        listed = re.split(r"[^，。；、和及与]*的", match.group("list"))[-1]  # …经认定的A、B和C
        names = [n.strip() for n in _NAME_JOINERS.split(listed) if n.strip()]
        if len(names) < 2 or not all(_PERSON_NOUN.search(n) and 2 <= len(n) <= 12 for n in names):
            continue
        later = [p.text for p in view.provisions[index + 1 :]]
        if not all(any(_opens_with(text, name) for text in later) for name in names):
            continue
        return [TierDraft(name=name, cited_in=provision.id, short_names=(name,)) for name in names]
    return []


def _opens_with(text: str, name: str) -> bool:
    """领军人才年龄一般不超过55周岁… / 申报领军人才的，… : a provision about `name` alone."""
    return text.startswith(name) or bool(re.match(rf"^(?:申报|申请|认定)(?:为)?{re.escape(name)}", text))


def _joined_classes(name: str, region: Region | None) -> list[tuple[str, str]]:
    """The classes a program's name joins (昆明市中青年学术和技术带头人及后备人选 -> 中青年学术和技术
    带头人, 后备人选), each with its full name (…带头人后备人选: a class named after the first
    carries its words). Only joiners between two names of people split (学术和技术带头人 is one),
    so the classes are read from the wording, whether or not the gazetteer knows their titles."""
    bare = name
    if region is not None:
        for written in sorted((region.name, *region.aliases), key=len, reverse=True):
            bare = bare.replace(written, "")
    parts: list[str] = []
    start = 0
    for joiner in _NAME_JOINERS.finditer(bare):
        left, right = bare[start : joiner.start()], bare[joiner.end() :]
        if _PERSON_NOUN.search(left) and _PERSON_NOUN.search(right):
            parts.append(left)
            start = joiner.end()
    parts.append(bare[start:])
    if len(parts) < 2 or not all(_PERSON_NOUN.search(p) for p in parts):
        return []
    prefix = name[: len(name) - len(bare)] if name.endswith(bare) else ""
    first = parts[0]
    # 后备人选 is the reserve of the class before it: 中青年学术和技术带头人后备人选
    return [(part, prefix + (first + part if index and part.startswith("后备") else part)) for index, part in enumerate(parts)]


# --- the reader ---------------------------------------------------------------------------------


class ProgramReader:
    def __init__(self, doc: DocumentView, resolver: EntityResolver, regions: RegionTree) -> None:
        self.doc = doc
        self.resolver = resolver
        self.regions = regions
        self.texts = [p.text for view in doc.policies for p in view.provisions] + [
            view.policy.title for view in doc.policies
        ]

    def read(self) -> list[ProgramDraft]:
        drafts: list[ProgramDraft] = []
        special: dict[str, ProgramDraft] = {}
        for view in self.doc.policies:
            catalogue = self._catalogue(view)
            if catalogue is not None:
                drafts.append(catalogue)
                continue
            match = _SPECIAL_TITLE.match(view.policy.title.replace(" ", ""))
            if match:
                self._special(view, match, special, drafts)
                continue
            note = self._note(view)
            if note is not None:
                drafts.append(note)
                continue
            selection = self._selection(view)
            if selection is not None:
                drafts.append(selection)
        return drafts

    # -- catalogue --

    def _catalogue(self, view: PolicyView) -> ProgramDraft | None:
        groups: dict[str | None, list[tuple[Provision, re.Match[str]]]] = {}
        for provision in view.provisions:
            if provision.kind not in (ProvisionKind.SECTION, ProvisionKind.ITEM, ProvisionKind.ARTICLE, ProvisionKind.SUBITEM):
                continue
            match = TIER_HEAD.match(_SHORTHAND.sub("", head_text(provision)))
            if match:
                groups.setdefault(provision.parent_id, []).append((provision, match))
        heads = next((g for g in groups.values() if len({m.group("code") for _, m in g}) >= 2), None)
        if heads is None:
            return None
        parent = view.parent(heads[0][0])
        tiers: list[TierDraft] = []
        for provision, match in heads:
            code = match.group("code")
            gloss = match.group("gloss")
            head = _SHORTHAND.sub("", head_text(provision))
            name = head[: match.start("rest")] if match.group("rest") else head
            tiers.append(
                TierDraft(
                    name=name.strip("：: "),
                    cited_in=provision.id,
                    code=class_code(code),
                    root=provision.id,
                    labels=(code,),
                    short_names=tuple(n for n in (gloss,) if n),
                )
            )
        siblings = view.children(parent) if parent else view.children(None)
        for provision in siblings:
            text = _SHORTHAND.sub("", head_text(provision))
            if provision.kind is heads[0][0].kind and "团队" in text and provision.id not in {h.id for h, _ in heads}:
                tiers.append(
                    TierDraft(
                        name=text.strip("：: "),
                        cited_in=provision.id,
                        code="TEAM",
                        root=provision.id,
                        for_team=True,
                        labels=("团队",),
                        short_names=("团队",),
                    )
                )
        name = self._catalogue_name(view, parent, tiers)
        region, level = place_of(name, view.policy, self.regions)
        draft = ProgramDraft(
            name=name,
            policy_id=view.policy.id,
            cited_in=self._listing_provision(view, name, tiers) or (parent.id if parent else tiers[0].cited_in),
            layout="catalogue",
            region=region,
            level=level,
            policies=[view.policy.id],
            tiers=tiers,
        )
        self._confer(draft)
        return draft

    def _catalogue_name(self, view: PolicyView, parent: Provision | None, tiers: list[TierDraft]) -> str:
        for node in ([parent, *view.ancestors(parent)] if parent else []):
            heading = (node.heading or "").strip()
            if heading and _CATALOGUE_WORDS.search(heading) and not TIER_HEAD.match(heading):
                return _CATALOGUE_WORDS.sub("", heading).strip()
        for provision in view.children(parent) if parent else view.provisions:
            match = _LISTED_CLASSES.match(provision.text)
            if match:
                return match.group("name")
        return program_name_from_title(view.policy.title)

    def _listing_provision(self, view: PolicyView, name: str, tiers: list[TierDraft]) -> str | None:
        """The first provision naming the program together with its classes (分别用A类、B类…代指)."""
        key = normalize(name)
        labels = [f"{t.labels[0]}类" for t in tiers if t.labels and t.code and t.code.isascii() and len(t.code) == 1]
        for other in self.doc.policies:
            for provision in other.provisions:
                if key in normalize(provision.text) and sum(label in provision.text for label in labels) >= 2:
                    return provision.id
        return None

    # -- 专项 --

    def _special(
        self, view: PolicyView, match: re.Match[str], known: dict[str, ProgramDraft], drafts: list[ProgramDraft]
    ) -> None:
        bare = match.group("program").strip()
        tier_name = match.group("tier").strip()
        key = normalize(bare)
        draft = known.get(key)
        if draft is None:
            name = written_form(bare, self.texts)
            region, level = place_of(name, view.policy, self.regions)
            draft = ProgramDraft(
                name=name,
                policy_id=self._establishing_policy(view),
                cited_in=self._first_mention(view, [name, bare]) or view.provisions[0].id,
                layout="special",
                region=region,
                level=level,
            )
            known[key] = draft
            drafts.append(draft)
        draft.policies.append(view.policy.id)
        title = self.resolver.resolve_title(f"{bare}“{tier_name}”")
        conditions = self._conditions_article(view)
        draft.tiers.append(
            TierDraft(
                name=f"“{tier_name}”专项",
                cited_in=conditions or self._first_mention(view, [tier_name]) or view.provisions[0].id,
                code="TEAM" if "团队" in tier_name else None,
                root=None,
                for_team="团队" in tier_name,
                title_id=title.entity.id if title else None,
                short_names=(tier_name,),
                policy_id=view.policy.id,
            )
        )

    def _establishing_policy(self, view: PolicyView) -> str:
        """The policy a program belongs to: the instrument issuing the rule when it is in this
        document (otherwise the notice that issues it), else the rule itself."""
        for other in self.doc.policies:
            for reference in other.parsed.references:
                if reference.kind is ReferenceKind.PROMULGATES and reference.target_id == view.policy.id:
                    return other.policy.id
        return view.policy.id

    def _conditions_article(self, view: PolicyView) -> str | None:
        """The provision that opens the conditions (the parent of 基本条件 / 核心条件)."""
        for provision in view.provisions:
            head = head_text(provision)
            if head.startswith(("基本条件", "核心条件")):
                parent = view.parent(provision)
                return (parent or provision).id
            if lead_role(head) and provision.kind is not ProvisionKind.ANNEX:
                return provision.id
        return None

    def _first_mention(self, view: PolicyView, names: list[str]) -> str | None:
        keys = [normalize(n) for n in names if n]
        for provision in view.provisions:
            text = normalize(_CITED_TITLE.sub("", provision.text))
            if any(k and k in text for k in keys):
                return provision.id
        return None

    # -- one class of applicants --

    def _selection(self, view: PolicyView) -> ProgramDraft | None:
        lead = next(
            (p for p in view.provisions if not view.in_annex(p) and BASIC_LEAD.search(p.text) and p.kind is not ProvisionKind.ANNEX),
            None,
        ) or next((p for p in view.provisions if not view.in_annex(p) and CORE_LEAD.search(p.text)), None)
        if lead is None:
            return None
        name = program_name_from_title(view.policy.title)
        subject = _SUBJECT.match(lead.text)
        tier_name = subject.group("subject") if subject else name
        region, level = place_of(name, view.policy, self.regions)
        listed = self._listed_classes(view)
        draft = ProgramDraft(
            name=name,
            policy_id=view.policy.id,
            cited_in=self._established_in(view, name, region) or view.provisions[0].id,
            layout="selection",
            region=region,
            level=level,
            policies=[view.policy.id],
        )
        if listed:
            draft.tiers += listed
            self._confer(draft)
            return draft
        title = self.resolver.resolve_title(name.removesuffix("专项") + tier_name) or self.resolver.resolve_title(tier_name)
        draft.tiers.append(
            TierDraft(
                name=tier_name,
                cited_in=lead.id,
                title_id=title.entity.id if title else None,
                short_names=(tier_name,),
            )
        )
        return draft

    def _listed_classes(self, view: PolicyView) -> list[TierDraft]:
        """本办法所称高层次人才分为第一类（杰出人才）、第二类（领军人才）…: the classes an article
        lists, numbered (第一类) or named with their count (分为领军型专家和青年型专家两个层次), or
        named in a definition and conditioned in an article each (`classes_in_definition`)."""
        listed = self._numbered_classes(view)
        return listed or classes_in_definition(view)

    def _numbered_classes(self, view: PolicyView) -> list[TierDraft]:
        for provision in view.provisions:
            tiers = numbered_classes(provision) or _named_classes(provision)
            if tiers:
                return tiers
        return []

    def _established_in(self, view: PolicyView, name: str, region: Region | None) -> str | None:
        """Where a program is set up: 市政府实施杰出人才培养专项，… ; else its first mention."""
        core = name
        if region is not None:
            for written in sorted((region.name, *region.aliases), key=len, reverse=True):
                core = core.replace(written, "")
        for provision in view.provisions:
            for candidate in (name, core):
                at = provision.text.find(candidate)
                if at > 0 and _ESTABLISHING.search(provision.text[max(0, at - 4) : at]):
                    after = provision.text[at + len(candidate) : at + len(candidate) + 1]
                    if after in "，。；、" or not after:
                        return provision.id
        return self._first_mention(view, [name])

    # -- explanatory notes --

    def _note(self, view: PolicyView) -> ProgramDraft | None:
        match = _NOTE_TITLE.search(view.policy.title)
        if match is None:
            return None
        name = program_name_from_title(match.group("instrument"))
        region, level = place_of(name, view.policy, self.regions)
        draft = ProgramDraft(
            name=name,
            policy_id=view.policy.id,
            cited_in=self._first_mention(view, [name]) or view.provisions[0].id,
            layout="note",
            region=region,
            level=level,
            policies=[view.policy.id],
        )
        classes = _joined_classes(name, region)
        if len(classes) >= 2:
            for written, full in classes:
                title = self.resolver.resolve_title(full) or self.resolver.resolve_title(written)
                short = next((m.group(0) for m in [_PERSON_NOUN.search(written)] if m), written)
                draft.tiers.append(
                    TierDraft(
                        name=written,
                        cited_in=draft.cited_in,
                        title_id=title.entity.id if title else None,
                        short_names=tuple(dict.fromkeys((written, short, full))),
                    )
                )
        else:
            title = self.resolver.resolve_title(name)
            draft.tiers.append(TierDraft(name=name, cited_in=draft.cited_in, title_id=title.entity.id if title else None))
        return draft

    def _confer(self, draft: ProgramDraft) -> None:
        """The title that selection into the program confers (官渡高层次人才（团队）入选者)."""
        match = self.resolver.resolve_title(draft.name) or self.resolver.resolve_title(f"{draft.name}入选者")
        if match is None:
            return
        for tier in draft.tiers:
            tier.title_id = tier.title_id or match.entity.id
