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
