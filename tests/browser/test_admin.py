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
from vademecum.data.cascade import load_catalog
from vademecum.data.kinds import REGISTRY
from vademecum.editors.cms_site import CMS_SCRIPT, Forge, cms_config

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


def _open(browser, base: str, test_backend: bool, backend: dict | None = None, lang="fr-FR"):
    """The admin page; `backend` replaces the served config's backend (another deployment)."""
    context = browser.new_context(locale=lang)
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
        elif backend is not None and urlsplit(url).path.endswith("/admin/config.yml"):
            config = yaml.safe_load(request_route.fetch().text())
            config["backend"] = backend
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


def _catalog(tmp_path):
    catalog, problems = load_catalog(make_project(tmp_path / "project"), ACADEMY)
    assert catalog is not None, problems
    return catalog


def _sign_in_buttons(page) -> list[str]:
    page.get_by_role("button", name=re.compile("jeton")).first.wait_for(timeout=60_000)
    buttons = page.locator("button:visible")
    return [_plain(b) for b in buttons.all_inner_texts() if b.strip()]


def _plain(text: str) -> str:
    """Text as read: Sveltia isolates inserted names with U+2068/U+2069."""
    return " ".join(text.replace("\u2068", "").replace("\u2069", "").split())


def test_without_a_relay_the_admin_page_offers_no_oauth_button(browser, admin_server):
    """No relay (cms_base_url): Sveltia's « Se connecter avec GitHub » would open api.netlify.com;
    the page offers the token, and on this computer (127.0.0.1) the local folder."""
    context, page, outside, forge, _ = _open(browser, admin_server, test_backend=False)
    try:
        buttons = _sign_in_buttons(page)
        assert buttons == [
            "Travailler avec un dépôt local",
            "Se connecter avec un jeton d’accès",
        ], buttons
        assert not [b for b in buttons if "GitHub" in b]
        assert outside == []
        assert all(u.startswith("https://api.github.com/") for u in forge)
    finally:
        context.close()


def test_with_a_relay_the_admin_page_offers_the_forge_button(browser, admin_server, tmp_path):
    relay = Forge("github", "drane/vademecum", base_url="https://relais.example.org")
    backend = cms_config(_catalog(tmp_path), relay)["backend"]
    context, page, outside, _, _ = _open(browser, admin_server, False, backend=backend)
    try:
        assert _sign_in_buttons(page) == [
            "Travailler avec un dépôt local",
            "Se connecter avec GitHub",
            "Se connecter avec un jeton d’accès",
        ]
        assert outside == []
    finally:
        context.close()


# Words of Sveltia's English messages that a French screen never shows (« GitHub » and the
# names of the site's own data are not in the list).
ENGLISH = re.compile(
    r"\b(Sign|Since|Editorial|Workflow|Work with|Repository|Access Token|Enter|token below|"
    r"must|Cancel|Loading|Personal|pull requests|the|with|your|you|Please|Local)\b"
)


@pytest.mark.parametrize("lang", ["fr-FR", "en-US"])
def test_the_first_screen_and_the_token_dialog_are_in_french(browser, admin_server, lang):
    """Also in a browser set to English: the page asks Sveltia for French."""
    context, page, outside, _, _ = _open(browser, admin_server, test_backend=False, lang=lang)
    try:
        _sign_in_buttons(page)
        # Sveltia UI's icon-font probe (« Loading Sveltia UI favorite ») leaves once the fonts,
        # served beside the page, are loaded: it is not a message of the page.
        for _ in range(100):
            first = page.locator("body").inner_text()
            if "Loading Sveltia UI" not in first:
                break
            page.wait_for_timeout(100)
        assert "jeton" in first and not ENGLISH.search(first), first
        page.get_by_role("button", name=re.compile("jeton")).click()
        dialog = page.get_by_role("alertdialog")
        dialog.wait_for(timeout=10_000)
        text = dialog.inner_text() + " " + " ".join(
            filter(None, [dialog.get_by_role("textbox").get_attribute("aria-label")])
        )
        assert "demandes de fusion" in text and not ENGLISH.search(text), text
        assert outside == []
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
