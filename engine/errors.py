"""Problems found in rule packs and inputs, reported as FILE:LINE:COL: severity: message.

Lines and columns are 1-based, as editors show them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def under(self, root) -> str:
        """The problem with its file given from the current directory (root/file)."""
        path = Path(root) / self.file
        return str(Problem(str(path) if path.exists() else self.file, self.line, self.column, self.severity, self.message))


class RulePackError(Exception):
    """A rule pack that cannot be used; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(str(errors[0]) if errors else "invalid rule pack")


class InputError(Exception):
    """An input that cannot be read; the message names the file and what to do."""
