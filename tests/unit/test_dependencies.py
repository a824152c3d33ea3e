"""Dependencies: ranges in pyproject, exact versions locked for CI, within those ranges."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO


def locked() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_every_declared_dependency_has_a_range_and_a_locked_version_inside_it():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    declared = project["dependencies"] + extras["test"] + extras["zensical"]
    pins = locked()
    for text in declared:
        requirement = Requirement(text)
        assert requirement.specifier, f"{text}: version range missing"
        assert any(s.operator == "<" for s in requirement.specifier), f"{text}: no upper bound"
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} not locked in requirements.lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (text, pins[name])


def test_material_and_mkdocs_ranges():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert "mkdocs>=1.6,<2" in project["dependencies"]
    assert "mkdocs-material>=9.7.7,<10" in project["dependencies"]
