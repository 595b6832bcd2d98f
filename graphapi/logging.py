"""Structured (JSON) logging and the request ids that tie a response to its log lines: the
server's own (`request_id`) and the client's X-Request-ID (`client_request_id`), kept apart
so that a client cannot choose the id its lines are filed under."""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar

import structlog

request_id: ContextVar[str] = ContextVar("request_id", default="-")
client_request_id: ContextVar[str | None] = ContextVar("client_request_id", default=None)


def _add_request_id(_, __, event: dict) -> dict:
    event.setdefault("request_id", request_id.get())
    client = client_request_id.get()
    if client is not None:
        event.setdefault("client_request_id", client)
    return event


def configure(level: str = "INFO") -> None:
    """JSON lines on stderr; idempotent."""
    logging.basicConfig(stream=sys.stderr, level=level, format="%(message)s")
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            _add_request_id,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
