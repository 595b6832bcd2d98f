"""Who may write: API keys with roles (settings API_KEYS / API_KEYS_FILE), presented as
`Authorization: Bearer <key>`. Reading needs no key; a field that writes declares the roles
it accepts with `RequireRole`.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import Any

from strawberry.permission import BasePermission

from graphapi.api.errors import ApiError, ErrorCode

EDITORS = frozenset({"editor", "admin"})


class InvalidKey(Exception):
    """A key was presented that is not one of the configured keys."""


def _digest(key: str) -> bytes:
    # Compared as digests: equal lengths, so compare_digest leaks nothing about a key's length.
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


class KeyRing:
    def __init__(self, keys: Iterable[tuple[str, str]]) -> None:
        self._keys = [(_digest(key), role) for key, role in keys]

    def role_of(self, presented: str) -> str:
        """The role of the presented key; compared with every key in constant time, so the
        time taken says nothing about which key came close."""
        digest = _digest(presented)
        role = None
        for known, known_role in self._keys:
            if hmac.compare_digest(digest, known) and role is None:
                role = known_role
        if role is None:
            raise InvalidKey
        return role


def presented_key(authorization: str | None) -> str | None:
    """The key of an `Authorization: Bearer <key>` header; None when there is no such header."""
    if not authorization:
        return None
    scheme, _, key = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise InvalidKey
    return key.strip()


class RequireRole(BasePermission):
    """Refuse the field unless the request's key has one of `roles`: no key is
    UNAUTHENTICATED, a key with another role is FORBIDDEN."""

    roles: frozenset[str] = EDITORS

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        role = info.context.role
        field = info.field_name
        wanted = " or ".join(sorted(self.roles))
        if role is None:
            raise ApiError(
                ErrorCode.UNAUTHENTICATED,
                f"{field} writes to the graph: send an API key with role {wanted} "
                "(header Authorization: Bearer <key>)",
            )
        if role not in self.roles:
            raise ApiError(ErrorCode.FORBIDDEN, f"{field} needs role {wanted}; this API key has role {role}")
        return True
