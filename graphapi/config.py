"""Settings, read from the environment once.

To add a setting: add a field to `Settings` (with its default) and one line to
`Settings.from_env` using the reader for its type (`_text`, `_int`, `_seconds`, `_flag`,
`_list`); the readers raise `SettingsError` naming the variable, so a bad value never surfaces
as a stack trace.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

Backend = Literal["falkordb", "neo4j"]

DEFAULT_GRAPH_PATH = Path("var/graph/talent.rdb")
NEO4J_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
_GRAPH_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")

# What an API key may do: reader only identifies a client (reads need no key), editor also
# loads documents, admin everything.
ROLES = ("reader", "editor", "admin")
MIN_KEY_LENGTH = 16
# checkDuplicateEnjoyment with 100 000 claims, ids as long as the corpus gives and 18-digit
# person ids, is an 11 MB request: 16 MiB leaves room for that and refuses anything absurd.
DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024


class SettingsError(ValueError):
    """An environment variable has a value the service cannot use; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    # A filesystem path (embedded FalkorDB file) or a bolt:// / neo4j:// URI (Neo4j).
    graph_uri: str = str(DEFAULT_GRAPH_PATH)
    graph_name: str = "talent"  # FalkorDB graph key; Neo4j uses NEO4J_DATABASE instead
    neo4j_user: str | None = None
    neo4j_password: str | None = None
    neo4j_database: str | None = None  # None: the server's default database
    debug: bool = False  # DEBUG: report store round trips per operation in `extensions`
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES  # MAX_BODY_BYTES: larger requests get 413
    # REQUEST_TIMEOUT, seconds: a longer operation is stopped (TIMEOUT; STORE_UNAVAILABLE when
    # the store kept it waiting most of that time); /healthz waits as long for the store.
    response_cache: int = 1024  # RESPONSE_CACHE: answers kept while the graph does not change (0: none)
    request_timeout: float = 30.0
    # API_KEYS="key:role,…" and/or API_KEYS_FILE (one key:role a line): (key, role) pairs.
    api_keys: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    cors_origins: tuple[str, ...] = ()  # CORS_ORIGINS: origins allowed to call from a browser
    introspection: bool = True  # INTROSPECTION: off in production hides the schema
    graphiql: bool = True  # GRAPHIQL: the in-browser IDE at GET /graphql

    @property
    def backend(self) -> Backend:
        return "neo4j" if "://" in self.graph_uri else "falkordb"

    @property
    def graph_path(self) -> Path:
        """The embedded store's file, absolute (relative paths are under the working dir)."""
        if self.backend != "falkordb":
            raise SettingsError(f"GRAPH_URI={self.graph_uri!r} is a Neo4j URI, not a file path")
        return Path(self.graph_uri).expanduser().resolve()

    @property
    def neo4j_auth(self) -> tuple[str, str] | None:
        if self.neo4j_password is None:
            return None
        return (self.neo4j_user or "neo4j", self.neo4j_password)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        user, password = _neo4j_credentials(env)
        return cls(
            graph_uri=_graph_uri(env),
            graph_name=_text(env, "GRAPH_NAME", "talent", pattern=_GRAPH_NAME),
            neo4j_user=user,
            neo4j_password=password,
            neo4j_database=_text(env, "NEO4J_DATABASE", None),
            debug=_flag(env, "DEBUG", False),
            max_body_bytes=_int(
                env, "MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, minimum=1024, maximum=1024**3
            ),
            request_timeout=_seconds(env, "REQUEST_TIMEOUT", 30.0, minimum=0.1, maximum=3600),
            response_cache=_int(env, "RESPONSE_CACHE", 1024, minimum=0, maximum=1_000_000),
            api_keys=_api_keys(env),
            cors_origins=tuple(_list(env, "CORS_ORIGINS")),
            introspection=_flag(env, "INTROSPECTION", True),
            graphiql=_flag(env, "GRAPHIQL", True),
        )


@cache
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings.from_env()


# --- readers: each names the variable in its error -----------------------------------------


def _text(
    env: Mapping[str, str], name: str, default: str | None, *, pattern: re.Pattern[str] | None = None
) -> str | None:
    value = env.get(name, "").strip()
    if not value:
        return default
    if pattern is not None and not pattern.fullmatch(value):
        raise SettingsError(f"{name}={value!r} is not valid: expected {pattern.pattern}")
    return value


def _int(env: Mapping[str, str], name: str, default: int, *, minimum: int, maximum: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not an integer") from None
    if not minimum <= number <= maximum:
        raise SettingsError(f"{name}={number} is out of range [{minimum}, {maximum}]")
    return number


def _seconds(env: Mapping[str, str], name: str, default: float, *, minimum: float, maximum: float) -> float:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not a number of seconds") from None
    if not minimum <= number <= maximum:  # also refuses nan
        raise SettingsError(f"{name}={number:g} is out of range [{minimum:g}, {maximum:g}] seconds")
    return number


def _list(env: Mapping[str, str], name: str) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    return [item.strip() for item in env.get(name, "").split(",") if item.strip()]


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name}={value!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off")


def _graph_uri(env: Mapping[str, str]) -> str:
    value = env.get("GRAPH_URI", "").strip()
    if not value:
        return str(DEFAULT_GRAPH_PATH.resolve())
    if "://" in value:
        parts = urlsplit(value)
        if parts.scheme not in NEO4J_SCHEMES:
            raise SettingsError(
                f"GRAPH_URI={value!r}: unsupported scheme {parts.scheme!r}; use a file path "
                f"(embedded FalkorDB) or one of {', '.join(sorted(NEO4J_SCHEMES))}:// (Neo4j)"
            )
        try:
            parts.port  # noqa: B018 - parsing the port raises on a non-numeric one
        except ValueError:
            raise SettingsError(f"GRAPH_URI={value!r}: the port is not a number") from None
        if not parts.hostname:
            raise SettingsError(f"GRAPH_URI={value!r}: no host, e.g. bolt://localhost:7687")
        return value
    if value.endswith(("/", os.sep)) or Path(value).expanduser().is_dir():
        raise SettingsError(
            f"GRAPH_URI={value!r} names a directory; give the store file, e.g. {DEFAULT_GRAPH_PATH}"
        )
    return str(Path(value).expanduser().resolve())


def _neo4j_credentials(env: Mapping[str, str]) -> tuple[str | None, str | None]:
    """NEO4J_USER + NEO4J_PASSWORD, or NEO4J_AUTH=user/password (the Neo4j image's convention);
    the explicit pair wins. NEO4J_AUTH=none means no authentication."""
    user = _text(env, "NEO4J_USER", None)
    password = env.get("NEO4J_PASSWORD") or None
    auth = env.get("NEO4J_AUTH", "").strip()
    if password is None and auth and auth.lower() != "none":
        auth_user, slash, auth_password = auth.partition("/")
        if not slash or not auth_user or not auth_password:
            raise SettingsError("NEO4J_AUTH must be user/password (or none)")
        if user is not None and user != auth_user:
            raise SettingsError(
                f"NEO4J_USER={user!r} contradicts NEO4J_AUTH (user {auth_user!r}); set one of them"
            )
        return auth_user, auth_password
    if user is not None and password is None:
        raise SettingsError("NEO4J_USER is set but NEO4J_PASSWORD (or NEO4J_AUTH) is not")
    return user, password


def _api_keys(env: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """API_KEYS=key:role,… and the lines of API_KEYS_FILE (key:role; # comments), together."""
    entries = [("API_KEYS", item) for item in _list(env, "API_KEYS")]
    path = env.get("API_KEYS_FILE", "").strip()
    if path:
        try:
            lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise SettingsError(f"API_KEYS_FILE={path!r} cannot be read: {error}") from None
        for number, line in enumerate(lines, start=1):
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append((f"API_KEYS_FILE line {number}", line))
    keys: dict[str, str] = {}
    for where, entry in entries:
        key, colon, role = entry.rpartition(":")
        key, role = key.strip(), role.strip()
        if not colon or not key:
            raise SettingsError(f"{where}: expected key:role, e.g. <random key>:editor")
        if role not in ROLES:
            raise SettingsError(f"{where}: unknown role {role!r}; use one of {', '.join(ROLES)}")
        if len(key) < MIN_KEY_LENGTH or not key.isascii() or not key.isprintable() or " " in key:
            raise SettingsError(
                f"{where}: a key must be at least {MIN_KEY_LENGTH} printable ASCII characters without spaces"
            )
        if keys.get(key, role) != role:
            raise SettingsError(f"{where}: the same key is given two roles")
        keys[key] = role
    return tuple(keys.items())
