"""Problems found in the data: reported all at once, never raised one by one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, located as precisely as the data allows (line and column start at 1)."""

    file: str
    line: int
    column: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "avertissement : " if self.warning else ""
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {kind}{self.message}"

    def github_annotation(self) -> str:
        level = "warning" if self.warning else "error"
        text = f"{self.field}: {self.message}".replace("%", "%25").replace("\n", "%0A")
        return f"::{level} file={self.file},line={self.line},col={self.column}::{text}"


class DataError(Exception):
    """Raised by callers that need an exception (the site adapters) when problems were found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
