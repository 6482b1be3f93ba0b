"""What is wrong with a standard, as records: a :class:`Problem` is data until it is printed.

``lint`` returns problems and ``load_standard`` refuses a standard that has any; only their
``str`` is the one line a person reads (``file:line: yaml.path: message``), so tests and callers
use the fields, never parse the line back.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.errors import StandardError


@dataclass(frozen=True)
class Problem:
    """One problem of a standard file.

    ``line`` is 1-based, None when the problem is not on a line (the file is missing, empty, not
    UTF-8). ``path`` is the YAML path as written in the messages (``parts[0].clauses[1].points``,
    ``(顶层)`` for the document itself), empty when the problem is not at a path (YAML syntax).
    """

    file: str
    line: int | None
    path: str
    message: str

    @property
    def location(self) -> str:
        """``file:line``, or just ``file`` when there is no line."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return ": ".join(part for part in (self.location, self.path, self.message) if part)


class ProblemError(StandardError):
    """A standard that cannot even be read (unreadable file, YAML syntax, duplicate key): its one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message, problem.location)
        self.problem = problem

    def __str__(self) -> str:
        return str(self.problem)


def invalid_standard(problems: list[Problem]) -> StandardError:
    """The error ``load_standard`` raises for a standard with problems: the first, and how many more."""
    more = f"（另有 {len(problems) - 1} 处问题，运行 audit standard lint 查看）" if len(problems) > 1 else ""
    return StandardError(f"标准无效：{problems[0]}{more}")
