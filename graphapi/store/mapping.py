"""Plain records <-> graph properties, in one place and both directions.

Property names are the camelCase of the dataclass fields. Enums are stored by name, tuples of
scalars as lists, and nested records (AwardRequirement, FunderShare) as a JSON string, since
FalkorDB properties cannot hold maps. Nulls are left out: both backends treat a missing
property as null.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from enum import Enum, IntEnum
from functools import cache
from types import NoneType, UnionType
from typing import Any, TypeVar

T = TypeVar("T")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@cache
def _fields(cls: type) -> list[tuple[str, str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, camel(f.name), hints[f.name]) for f in dataclasses.fields(cls)]


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, UnionType):
        args = [a for a in typing.get_args(hint) if a is not NoneType]
        if len(args) == 1:
            return args[0]
    return hint


def _is_record(hint: Any) -> bool:
    return isinstance(hint, type) and dataclasses.is_dataclass(hint)


_PLAIN = frozenset({str, int, float, bool})


def _encode(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values: skip the checks below (an enum is not exactly int)
        return value
    if isinstance(value, IntEnum):
        return value.name
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return {camel(k): _encode(v) for k, v in dataclasses.asdict(value).items() if v is not None}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    return value


@cache
def _writers(cls: type) -> list[tuple[str, str, bool]]:
    """(field, property, as JSON?) per field of a record type: worked out once per type, as
    the loader converts every provision and fact it writes."""
    writers = []
    for name, key, hint in _fields(cls):
        hint = _strip_optional(hint)
        writers.append((name, key, typing.get_origin(hint) is tuple and _is_record(typing.get_args(hint)[0])))
    return writers


def to_props(record: Any) -> dict[str, Any]:
    """Graph properties of a record (nulls omitted)."""
    props: dict[str, Any] = {}
    for name, key, as_json in _writers(type(record)):
        value = getattr(record, name)
        if value is None:
            continue
        if as_json:
            props[key] = json.dumps([_encode(v) for v in value], ensure_ascii=False)
        else:
            props[key] = _encode(value)
    return props


def _decode(hint: Any, value: Any) -> Any:
    hint = _strip_optional(hint)
    if value is None:
        return None
    if isinstance(hint, type) and issubclass(hint, IntEnum):
        return hint[value]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if _is_record(hint):
        return from_props(hint, value)
    if typing.get_origin(hint) is tuple:
        (item_hint, *_) = typing.get_args(hint)
        if _is_record(item_hint) and isinstance(value, str):
            value = json.loads(value)
        return tuple(_decode(item_hint, v) for v in value)
    if hint is float and isinstance(value, int):
        return float(value)
    return value


def from_props(cls: type[T], props: dict[str, Any]) -> T:
    """Rebuild a record from graph properties; unknown properties are ignored."""
    kwargs = {}
    for name, key, hint in _fields(cls):
        if key in props and props[key] is not None:
            kwargs[name] = _decode(hint, props[key])
        elif _strip_optional(hint) is not hint:
            kwargs[name] = None  # stored nulls are left out (see to_props)
    return cls(**kwargs)
