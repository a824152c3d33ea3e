"""Hand-written guides: national ones in content/, overridden per région and per académie."""

from __future__ import annotations

from pathlib import Path


def guide_files(content: Path, academy: str, region: str | None) -> dict[str, Path]:
    """Source path → file, the most local version winning (académie > région > national)."""
    layers = [content]
    if region:
        layers.append(content / "regions" / region)
    layers.append(content / "academies" / academy)
    found: dict[str, Path] = {}
    for layer in layers:
        if not layer.is_dir():
            continue
        for path in sorted(layer.rglob("*.md")):
            relative = path.relative_to(layer).as_posix()
            if layer == content and relative.startswith(("regions/", "academies/")):
                continue
            found[relative] = path
    return found


def guide_titles(files: dict[str, Path]) -> dict[str, str]:
    """Each guide's title: its first level-one heading, else its file name."""
    titles = {}
    for relative, path in files.items():
        title = Path(relative).stem.replace("-", " ").capitalize()
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                title = line[2:].strip()
                break
        titles[relative] = title
    return titles
