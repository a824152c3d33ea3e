"""The project's own scripts and stylesheet, minified for the published site.

The sources in overrides/assets/ stay readable and commented; the site gets esbuild's minified
output (pinned in package.json, installed by `npm ci`: `make axe`, the deploy workflow). Without Node or esbuild (a machine
that only builds), the readable sources are published as they are: the site works the same, its
scripts are only larger, and the build says so (`unavailable`).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

ESBUILD = Path("node_modules") / ".bin" / "esbuild"
MINIFIED = (".js", ".css")  # what esbuild minifies; other assets (fonts, images) are copied


# The engine's own checkout: a project copied elsewhere (a test's, an export) uses its esbuild.
ENGINE_ROOT = Path(__file__).resolve().parents[2]  # the checkout holding node_modules/


def esbuild(root: Path) -> Path | None:
    """The project's esbuild (else the engine checkout's), or None when it is not installed or
    Node is missing."""
    if not shutil.which("node"):
        return None
    return next((r / ESBUILD for r in (root, ENGINE_ROOT) if (r / ESBUILD).is_file()), None)


def minify(sources: list[Path], root: Path) -> dict[Path, bytes] | None:
    """Each source's minified text, in one esbuild run; None when esbuild is unavailable."""
    binary = esbuild(root)
    if binary is None or not sources:
        return None if binary is None else {}
    out: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory() as folder:
        for number, source in enumerate(sources):
            target = Path(folder) / f"{number}{source.suffix}"
            subprocess.run(
                [
                    str(binary),
                    str(source),
                    "--minify",
                    "--log-level=warning",
                    f"--outfile={target}",
                ],
                check=True,
                capture_output=True,
                timeout=60,
            )
            out[source] = target.read_bytes()
    return out


def minify_folder(sources: Path, published: Path, root: Path) -> bool:
    """Write the minified form of each script and stylesheet of `sources` over its published
    copy in `published` (the same relative path); False when esbuild is unavailable."""
    files = sorted(p for p in sources.rglob("*") if p.suffix in MINIFIED and p.is_file())
    files = [p for p in files if (published / p.relative_to(sources)).is_file()]
    minified = minify(files, root)
    if minified is None:
        return False
    for source, text in minified.items():
        (published / source.relative_to(sources)).write_bytes(text)
    return True
