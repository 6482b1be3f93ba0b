"""Errors a user can cause. Each renders as one line; none is ever shown as a traceback."""

from __future__ import annotations


class AuditError(Exception):
    """Any error caused by input (exit code 2)."""

    def __init__(self, message: str, file: str | None = None, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.location = location

    def __str__(self) -> str:
        parts = [p for p in (self.file, self.location) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


class StandardError(AuditError):
    """The standard YAML is unreadable or invalid."""


class WorkbookError(AuditError):
    """A workbook cannot be read at all."""


def shown(path: object) -> str:
    """A file name as messages and outputs show it: valid UTF-8 always. A name whose bytes are not UTF-8 (the
    operating system hands them over surrogate-escaped) shows its undecodable bytes as U+FFFD, so JSON stays
    valid UTF-8 and the terminal shows what can be shown."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:  # a lone surrogate that is no escaped byte (a broken Windows name)
            return text.encode("utf-8", "replace").decode("utf-8")
    return text
