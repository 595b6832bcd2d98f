"""Administrative regions (行政区划) and their nesting: 云南省 ⊃ 昆明市 ⊃ 官渡区.

A person working in 官渡区 is inside 昆明市 and 云南省, so programs of all three apply to them;
programs of 深圳市 do not. The hierarchy is data (data/gazetteer/regions.yaml), read once.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml

from graphapi.domain.model import Level, Region

REGIONS_FILE = Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "regions.yaml"


class RegionTree:
    def __init__(self, regions: Iterable[Region]) -> None:
        self._by_id: dict[str, Region] = {}
        self._by_name: dict[str, Region] = {}
        for region in regions:
            self._by_id[region.id] = region
            for name in (region.name, *region.aliases):
                self._by_name.setdefault(name, region)
        self._within: dict[str, list[Region]] = {}
        # Longest names first so that 昆明市官渡区 finds 官渡区 and not a shorter alias inside it.
        self._names_longest_first = sorted(self._by_name, key=len, reverse=True)

    @classmethod
    def from_yaml(cls, path: Path = REGIONS_FILE) -> RegionTree:
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return cls(
            Region(
                id=row["id"],
                name=row["name"],
                level=Level(row["level"]),
                parent_id=row.get("parent"),
                aliases=tuple(row.get("aliases", ())),
            )
            for row in rows
        )

    def __iter__(self):
        return iter(self._by_id.values())

    def get(self, region_id: str) -> Region | None:
        return self._by_id.get(region_id)

    def find(self, name: str) -> Region | None:
        """The region called `name` exactly (canonical name or alias), else None."""
        return self._by_name.get(name.strip())

    def locate(self, address: str) -> Region | None:
        """The region an address names: the name itself (官渡区), or the innermost of the regions
        it spells out from the outside in (云南省昆明市官渡区, 昆明市官渡区); None when it names
        none, or regions that do not nest (昆明市深圳市)."""
        found = self.find(address)
        if found is not None:
            return found
        named = self.mentioned_in(address.strip())
        if not named:
            return None
        innermost = max(named, key=lambda region: len(self.ancestors(region.id)))
        if all(self.contains(region.id, innermost.id) for region in named):
            return innermost
        return None

    def ancestors(self, region_id: str) -> list[Region]:
        """The region itself, then each enclosing region up to the country."""
        chain: list[Region] = []
        current = self._by_id.get(region_id)
        while current is not None and current not in chain:
            chain.append(current)
            current = self._by_id.get(current.parent_id) if current.parent_id else None
        return chain

    def within(self, region_id: str) -> list[Region]:
        """The region itself and every region inside it."""
        found = self._within.get(region_id)
        if found is None:  # the tree never changes once built: remember the answer
            found = self._within[region_id] = [r for r in self if self.contains(region_id, r.id)]
        return list(found)

    def contains(self, outer_id: str, inner_id: str) -> bool:
        """True when `inner_id` lies within `outer_id` (or is it)."""
        return any(region.id == outer_id for region in self.ancestors(inner_id))

    def mentioned_in(self, text: str) -> list[Region]:
        """Regions named in `text`, in order of first appearance, longest names winning."""
        found: dict[int, Region] = {}
        taken = [False] * len(text)
        for name in self._names_longest_first:
            start = text.find(name)
            while start != -1:
                end = start + len(name)
                if not any(taken[start:end]):
                    for i in range(start, end):
                        taken[i] = True
                    found.setdefault(start, self._by_name[name])
                start = text.find(name, end)
        ordered: list[Region] = []
        for _, region in sorted(found.items()):
            if region not in ordered:
                ordered.append(region)
        return ordered


@cache
def default_regions() -> RegionTree:
    return RegionTree.from_yaml()
