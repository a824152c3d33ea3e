"""Problems found in the data: reported all at once, never raised one by one."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

# C0 and C1 control characters (newline and tab included) and the Unicode line separators:
# echoed from the data, they could forge lines or drive the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with every control character shown as an escape (\\n, \\x1b), on one line."""

    def shown(match: re.Match[str]) -> str:
        char = match.group()
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{ord(char):02x}")

    return _CONTROL.sub(shown, text)


def _workflow_data(text: str) -> str:
    """GitHub workflow command escaping of a message (after control characters are shown)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _workflow_property(text: str) -> str:
    return _workflow_data(text).replace(":", "%3A").replace(",", "%2C")


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
        where = f"{printable(self.file)}:{self.line}:{self.column}"
        return f"{where}: {printable(self.field)}: {kind}{printable(self.message)}"

    def github_annotation(self) -> str:
        """One `::error` line; no value can end it early or start another command."""
        level = "warning" if self.warning else "error"
        text = _workflow_data(printable(f"{self.field}: {self.message}"))
        where = (
            f"file={_workflow_property(printable(self.file))},line={self.line},col={self.column}"
        )
        return f"::{level} {where}::{text}"


class DataError(Exception):
    """Raised by callers that need an exception (the site adapters) when problems were found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def relative(path: Path, root: Path) -> str:
    """`path` as an editor sees it in the project (a symbolic link by its own name)."""
    for shown, base in (
        (Path(os.path.abspath(path)), Path(os.path.abspath(root))),
        (path.resolve(), root.resolve()),
    ):
        try:
            return shown.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
