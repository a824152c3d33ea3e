"""Real-browser tests: headless Debian Chromium driven by Playwright, sites served on 127.0.0.1.

Under CI=true a missing browser fails the run; elsewhere the browser tests are skipped.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browser.launch import CHROMIUM_ARGS, chromium_path
from tests.conftest import BuiltSite, build_all, free_port, make_project


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output readable
        pass


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "Chromium est introuvable : `make test` doit l'installer (paquet Debian chromium)."
            )
        pytest.skip("Chromium absent (installé par `make test`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def serve(site: Path, port: int):
    """Serve `site` on 127.0.0.1:`port` while the generator is suspended."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        httpd.shutdown()


def build_and_serve(project: Path):
    """Build every académie of `project` and serve them on one origin; yields the base URL."""
    port = free_port()
    site = build_all(project, f"http://127.0.0.1:{port}/")
    yield from serve(site, port)


@pytest.fixture(scope="session")
def server(tmp_path_factory, browser):
    """The mini-site's académies, served on one origin."""
    yield from build_and_serve(make_project(tmp_path_factory.mktemp("browser") / "project"))


@pytest.fixture(scope="session")
def real_server(real_site: BuiltSite, browser):
    """The shipped data's académies (the session's one build), served on one origin."""
    yield from serve(real_site.site, real_site.port)


class Watched:
    """A page that records console errors, uncaught exceptions and every request."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def goto(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="fr-FR", accept_downloads=True)
    ctx.clock.set_fixed_time("2026-10-15T10:00:00")
    yield ctx
    ctx.close()


@pytest.fixture
def watched(context, server):
    page = Watched(context.new_page(), server)
    yield page
    assert page.errors == [], page.errors
