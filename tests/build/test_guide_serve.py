"""`mkdocs serve` recovers from a guide that would hang the build, once the guide is fixed.

Without the guide limits the rebuild of the bomb never ends, and the server keeps showing the
page as it was before, whatever the editor saves afterwards.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable

from tests.conftest import make_project, write

BOMB = (
    "# Essai\n\n"
    "{% for a in 'x' * 1000 %}{% for b in 'x' * 1000 %}{% for c in 'x' * 1000 %}"
    "{% for d in 'x' * 1000 %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_serve_recovers_when_a_hanging_guide_is_fixed(tmp_path):
    project = make_project(tmp_path / "project")
    guide = write(project, "content/essai.md", "# Essai\n\nPremière version.\n")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/essai/"
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "VADEMECUM_ACADEMY": "academie-test"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        assert _wait_for(lambda: "Première version" in _page(url), 180), log_path.read_text()
        time.sleep(1)  # a change in the same second as the first build could go unseen
        guide.write_text(BOMB, encoding="utf-8")
        stopped = _wait_for(lambda: "content/essai.md:3: " in log_path.read_text(), 60)
        guide.write_text("# Essai\n\nVersion corrigée.\n", encoding="utf-8")
        recovered = _wait_for(lambda: "Version corrigée" in _page(url), 90)
        log_text = log_path.read_text()
        assert recovered, log_text
        assert stopped and "tours de boucle" in log_text, log_text
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
