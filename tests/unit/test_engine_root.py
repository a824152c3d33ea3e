"""Modules that find the checkout from their own place must find it after a move."""

from __future__ import annotations

from tests.conftest import REPO
from vademecum.editors import cms_site
from vademecum.site import minify


def test_engine_roots_are_the_checkout():
    for module in (cms_site, minify):
        assert module.ENGINE_ROOT == REPO, module.__name__
        assert (module.ENGINE_ROOT / "pyproject.toml").is_file()
