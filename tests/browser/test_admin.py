"""The form editor (/admin/) in Chromium: it loads from the site alone and shows every form.

The forge is never reached: its API is answered by the test (or the test backend of the CMS
is swapped in to get past the sign-in), and any other origin fails the test.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest
import yaml

from tests.browser.conftest import build_and_serve
from tests.conftest import REPO, make_project
from vademecum.cms_site import CMS_SCRIPT
from vademecum.kinds import REGISTRY

ACADEMY = "academie-test"


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory, browser):
    if not (REPO / CMS_SCRIPT).is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("Sveltia CMS est introuvable : `make test` l'installe (npm ci).")
        pytest.skip("node_modules absent (npm ci)")
    saved = {k: os.environ.get(k) for k in ("VADEMECUM_CMS_REPO", "VADEMECUM_CMS_BACKEND")}
    os.environ.update(VADEMECUM_CMS_REPO="drane/vademecum", VADEMECUM_CMS_BACKEND="github")
    try:
        yield from build_and_serve(make_project(tmp_path_factory.mktemp("admin") / "project"))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _open(browser, base: str, test_backend: bool):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    local = urlsplit(base).netloc
    outside: list[str] = []
    forge: list[str] = []
    responses: dict[str, int] = {}
    page.on("response", lambda r: responses.__setitem__(r.url, r.status))

    def route(request_route):
        url = request_route.request.url
        host = urlsplit(url).netloc
        if host == "api.github.com":  # the forge: answered here, never reached
            forge.append(url)
            request_route.fulfill(status=401, json={"message": "Bad credentials"})
        elif host != local and not url.startswith(("data:", "blob:")):
            outside.append(url)
            request_route.abort()
        elif test_backend and urlsplit(url).path.endswith("/admin/config.yml"):
            config = yaml.safe_load(request_route.fetch().text())
            config["backend"] = {"name": "test-repo"}
            request_route.fulfill(body=yaml.safe_dump(config), content_type="application/yaml")
        else:
            request_route.continue_()

    page.route("**/*", route)
    page.goto(f"{base}{ACADEMY}/admin/")
    return context, page, outside, forge, responses


def test_admin_shows_every_form_and_asks_no_third_party(browser, admin_server):
    context, page, outside, _, responses = _open(browser, admin_server, test_backend=True)
    try:
        page.get_by_role("button", name=re.compile("dépôt de test|Test Repository")).click(
            timeout=60_000
        )
        navigation = page.get_by_role("navigation").first
        for title in (kind.title for kind in REGISTRY.values()):
            navigation.get_by_text(title, exact=True).wait_for(timeout=30_000)
        page.get_by_text("Tâches", exact=True).first.click()
        page.get_by_text("Tâches — Académie de test", exact=False).first.wait_for(timeout=30_000)
        fonts = [u for u in responses if "/admin/fonts/" in u]
        assert fonts and all(responses[u] == 200 for u in fonts)
        french = [u for u in responses if u.endswith("/locales/fr.json")]
        assert french and all(responses[u] == 200 and "/admin/vendor/" in u for u in french)
        assert outside == []
    finally:
        context.close()


def test_admin_signs_in_with_the_forge_and_nothing_else(browser, admin_server):
    context, page, outside, forge, _ = _open(browser, admin_server, test_backend=False)
    try:
        page.get_by_role("button", name=re.compile("GitHub")).first.wait_for(timeout=60_000)
        assert outside == []
        assert all(u.startswith("https://api.github.com/") for u in forge)
    finally:
        context.close()


def test_public_pages_do_not_load_the_cms(browser, admin_server):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url))
    try:
        page.goto(f"{admin_server}{ACADEMY}/")
        page.wait_for_load_state("networkidle")
        assert scripts and not [u for u in scripts if "sveltia" in u or "/admin/" in u]
    finally:
        context.close()
