"""The provisions of one document as a tree, with the lookups the rules need (children,
ancestors, document order). Built once per document; every lookup is a dict access."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from graphapi.domain.model import ParsedDocument, ParsedPolicy, Policy, Provision, ProvisionKind


@dataclass(slots=True)
class PolicyView:
    parsed: ParsedPolicy
    index: int  # position of the policy in its document
    by_id: dict[str, Provision] = field(default_factory=dict)
    children_of: dict[str | None, list[Provision]] = field(default_factory=dict)

    @classmethod
    def of(cls, parsed: ParsedPolicy, index: int) -> PolicyView:
        view = cls(parsed, index)
        for provision in parsed.provisions:
            view.by_id[provision.id] = provision
            view.children_of.setdefault(provision.parent_id, []).append(provision)
        return view

    @property
    def policy(self) -> Policy:
        return self.parsed.policy

    @property
    def provisions(self) -> list[Provision]:
        return self.parsed.provisions

    def children(self, provision: Provision | None) -> list[Provision]:
        return self.children_of.get(provision.id if provision else None, [])

    def parent(self, provision: Provision) -> Provision | None:
        return self.by_id.get(provision.parent_id) if provision.parent_id else None

    def ancestors(self, provision: Provision) -> Iterator[Provision]:
        """The enclosing provisions, nearest first."""
        current = self.parent(provision)
        while current is not None:
            yield current
            current = self.parent(current)

    def subtree(self, provision: Provision) -> Iterator[Provision]:
        """The provision and everything under it, in document order."""
        yield provision
        for child in self.children(provision):
            yield from self.subtree(child)

    def order(self, provision_id: str) -> tuple[int, int]:
        """Sort key in document order."""
        provision = self.by_id.get(provision_id)
        return (self.index, provision.ordinal if provision else 0)

    def in_annex(self, provision: Provision) -> bool:
        return provision.kind is ProvisionKind.ANNEX or any(
            a.kind is ProvisionKind.ANNEX for a in self.ancestors(provision)
        )

    def is_form(self, provision: Provision) -> bool:
        """Provisions of an application form (申报书, 登记表): filled in, not stating rules."""
        for node in (provision, *self.ancestors(provision)):
            if node.kind is ProvisionKind.ANNEX:
                heading = node.heading or node.text
                return any(word in heading for word in ("申报书", "申请书", "登记表", "推荐表", "汇总表", "承诺书", "表"))
        return False


@dataclass(slots=True)
class DocumentView:
    document: ParsedDocument
    policies: list[PolicyView]
    by_provision: dict[str, PolicyView]

    @classmethod
    def of(cls, document: ParsedDocument) -> DocumentView:
        views = [PolicyView.of(parsed, index) for index, parsed in enumerate(document.policies)]
        by_provision = {pid: view for view in views for pid in view.by_id}
        return cls(document, views, by_provision)

    def provision(self, provision_id: str) -> Provision | None:
        view = self.by_provision.get(provision_id)
        return view.by_id.get(provision_id) if view else None

    def order(self, provision_id: str) -> tuple[int, int]:
        view = self.by_provision.get(provision_id)
        return view.order(provision_id) if view else (len(self.policies), 0)
