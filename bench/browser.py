"""Measures in headless Chromium (Playwright): checklist restore time and page weight."""

from __future__ import annotations

import contextlib
import functools
import gzip
import statistics
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from serve import free_port

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests/
from tests.browser.launch import CHROMIUM_ARGS, chromium_path  # noqa: E402  (the same launch)
from vademecum.site.minify import minify

GZIP_LEVEL = 6  # the usual level of web servers (nginx, Apache, gzip's default)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on http://127.0.0.1:<free port>/ in a thread; yields the base URL."""
    port = free_port()
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def chromium() -> Iterator:
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium est introuvable (`make browser-deps` l'installe)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


_SCHOOL_YEAR_JS = """() => {
  const now = new Date();
  const start = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  return `${start}-${start + 1}`;
}"""


def restore_times(browser, url: str, ticked: int, repetitions: int) -> dict:
    """Tick `ticked` tasks of the page in localStorage, reload, read the vm-restore measure."""
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="load")
        ids = page.eval_on_selector_all(
            "input.vm-done[data-task]", "els => [...new Set(els.map(e => e.dataset.task))]"
        )
        chosen = ids[:ticked]
        academy = page.get_attribute('meta[name="vm-academy"]', "content")
        year = page.evaluate(_SCHOOL_YEAR_JS)
        key = f"vademecum:v2:{academy}:{year}:done"
        page.evaluate(
            "([key, ids]) => localStorage.setItem(key, JSON.stringify("
            "Object.fromEntries(ids.map((id) => [id, 1]))))",
            [key, chosen],
        )
        samples, checked = [], []
        for _ in range(repetitions):
            page.reload(wait_until="load")
            page.wait_for_function(
                "performance.getEntriesByName('vm-restore').length > 0", timeout=30_000
            )
            samples.append(page.evaluate("performance.getEntriesByName('vm-restore')[0].duration"))
            checked.append(page.eval_on_selector_all("input.vm-done:checked", "els => els.length"))
        return {
            "page_tasks": len(ids),
            "ticked": len(chosen),
            "key": key,
            "checked_boxes": checked,
            "samples": samples,
            "median": statistics.median(samples),
            "errors": errors,
        }
    finally:
        context.close()


def _kind(url: str, resource_type: str, content_type: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0]
    if resource_type == "document" or "text/html" in content_type:
        return "html"
    if resource_type == "stylesheet" or path.endswith(".css"):
        return "css"
    if resource_type == "script" or path.endswith((".js", ".mjs")):
        return "js"
    return "other"


def page_weight(browser, url: str) -> dict:
    """Every response of one page load (cold cache), raw and gzipped, by kind."""
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        files = []
        for response in responses:
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests have no body
                continue
            content_type = response.headers.get("content-type", "")
            files.append(
                {
                    "url": response.url,
                    "kind": _kind(response.url, response.request.resource_type, content_type),
                    "raw": len(body),
                    "gzip": gz(body),
                }
            )
        totals = {}
        for kind in ("html", "css", "js", "other"):
            chosen = [f for f in files if f["kind"] == kind]
            totals[kind] = {
                "files": len(chosen),
                "raw": sum(f["raw"] for f in chosen),
                "gzip": sum(f["gzip"] for f in chosen),
            }
        code = [f for f in files if f["kind"] in ("html", "css", "js")]
        return {
            "url": url,
            "by_kind": totals,
            "html_css_js_raw": sum(f["raw"] for f in code),
            "html_css_js_gzip": sum(f["gzip"] for f in code),
            "files": files,
        }
    finally:
        context.close()


def own_assets(root: Path) -> dict:
    """Raw and gzipped bytes of the project's own scripts and style sheets, as the site publishes
    them (minified by vademecum.site.minify; the readable sources when esbuild is missing)."""
    out = {}
    for kind, pattern in (("js", "javascripts/*.js"), ("css", "stylesheets/*.css")):
        files = sorted((root / "overrides" / "assets").glob(pattern))
        published = minify(files, root) or {}
        datas = [published.get(f, f.read_bytes()) for f in files]
        out[kind] = {
            "minified": bool(published),
            "files": [f.relative_to(root).as_posix() for f in files],
            "raw": sum(len(d) for d in datas),
            "gzip": sum(gz(d) for d in datas),
            "gzip_by_file": {f.name: gz(d) for f, d in zip(files, datas, strict=True)},
        }
    return out
