"""Real-browser tests: headless Debian Chromium driven by Playwright, sites served on 127.0.0.1.

Under CI=true a missing browser fails the run; elsewhere the browser tests are skipped.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browser.launch import CHROMIUM_ARGS, chromium_path
from tests.conftest import REPO, make_project
from vademecum.cli import main


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def build_and_serve(project: Path):
    """Build every académie of `project` and serve them on one origin; yields the base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    site = project / "site"
    previous = os.environ.get("VADEMECUM_SITE_URL")
    os.environ["VADEMECUM_SITE_URL"] = base
    try:
        assert main(["--root", str(project), "build", "--all", "--site-dir", str(site)]) == 0
    finally:
        if previous is None:
            os.environ.pop("VADEMECUM_SITE_URL", None)
        else:
            os.environ["VADEMECUM_SITE_URL"] = previous
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(tmp_path_factory, browser):
    """The mini-site's académies, served on one origin."""
    yield from build_and_serve(make_project(tmp_path_factory.mktemp("browser") / "project"))


@pytest.fixture(scope="session")
def real_server(tmp_path_factory, browser):
    """The shipped data's académies (data/), built and served on one origin."""
    project = make_project(tmp_path_factory.mktemp("real-browser") / "project", REPO / "data")
    yield from build_and_serve(project)


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
