"""GraphQL enums: the domain enums of model.py, exposed by name."""

import strawberry

from graphapi.domain import model

Level = strawberry.enum(model.Level, description="Administrative level")
PolicyStatus = strawberry.enum(model.PolicyStatus, description="征求意见稿 DRAFT, 试行 TRIAL …")
ReferenceKind = strawberry.enum(model.ReferenceKind, description="引用 CITES, 废止 REPEALS, 修改 AMENDS, 印发 PROMULGATES")
ProvisionKind = strawberry.enum(model.ProvisionKind, description="章/节, 条, 款, 项, 目 …")
CriterionRole = strawberry.enum(model.CriterionRole, description="基本条件 / 核心条件 / 排除情形")
CriterionKind = strawberry.enum(model.CriterionKind)
Degree = strawberry.enum(model.Degree)
ProfessionalRank = strawberry.enum(model.ProfessionalRank, description="职称")
Employment = strawberry.enum(model.Employment, description="全职/刚性 FULL_TIME, 柔性 FLEXIBLE")
Gender = strawberry.enum(model.Gender, description="男 MALE, 女 FEMALE")
BenefitKind = strawberry.enum(model.BenefitKind)
Period = strawberry.enum(model.Period)
Recipient = strawberry.enum(model.Recipient)
StackingKind = strawberry.enum(model.StackingKind)
EligibilityStatus = strawberry.enum(model.EligibilityStatus)
