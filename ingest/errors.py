"""The one error the document parser raises."""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be parsed at all (empty, binary, undecodable, damaged, too
    large, nothing recognisable in it). `reason` says what is wrong in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
