"""`mkdocs serve` rebuild time after an edit of the académie's tasks file (loopback only)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from synth import ACADEMY, TASKS_FILE
from timing import BIN

_TITLE = re.compile(r"^    title: ([^\"'>|\s].*)$")
_WHEN = re.compile(r"^    when: \[([a-z-]+)")
RELOADED = "Reloading browsers"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _first_plain_title(lines: list[str]) -> tuple[int, str]:
    """Line index of the first task title written as a plain scalar, and the task's month."""
    for i, line in enumerate(lines):
        if _TITLE.match(line.rstrip("\n")):
            for after in lines[i + 1 : i + 30]:
                when = _WHEN.match(after)
                if when:
                    return i, when.group(1)
    raise RuntimeError(f"aucun titre de tâche modifiable dans {TASKS_FILE}")


class Server:
    def __init__(self, project: Path, log: Path):
        self.project = project
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log_path = log
        self._log = log.open("w", encoding="utf-8")
        env = {**os.environ, "VADEMECUM_ACADEMY": ACADEMY}
        self.process = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("mkdocs serve s'est arrêté :\n" + self.log()[-2000:])
            if _get(self.base) is not None:
                return
            time.sleep(0.2)
        raise RuntimeError(f"mkdocs serve ne répond pas après {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self._log.close()


def _wait_reload(server: Server, seen: int, timeout: float) -> float | None:
    """Seconds until a new « Reloading browsers » line, or None after `timeout`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.log().count(RELOADED) > seen:
            return time.perf_counter() - started
        if server.process.poll() is not None:
            raise RuntimeError("mkdocs serve s'est arrêté :\n" + server.log()[-2000:])
        time.sleep(0.05)
    return None


def _page_shows(server: Server, url: str, marker: str, timeout: float = 5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker in (_get(url) or ""):
            return True
        time.sleep(0.2)
    return False


def measure_rebuilds(project: Path, repetitions: int, first_timeout: float) -> dict:
    """Edit a task title in tasks.yml and time the rebuild, `repetitions` times.

    When the first edit triggers no rebuild (data/ not watched by mkdocs serve), the same data
    edit is repeated together with a comment appended to a watched guide (content/index.md),
    so that the full rebuild after a data change is still measured, for information.
    """
    tasks = project / TASKS_FILE
    guide = project / "content" / "index.md"
    server = Server(project, project.parent / "serve.log")
    result: dict = {"port": server.port, "watched": True, "samples": [], "checked": []}
    try:
        server.wait_ready(timeout=180)
        time.sleep(1.0)  # let the first build's « Reloading browsers » settle
        lines = tasks.read_text(encoding="utf-8").splitlines(keepends=True)
        index, month = _first_plain_title(lines)
        original = lines[index].rstrip("\n")
        page = f"{server.base}calendrier/{month}/"
        result["page"] = page
        with_guide = False
        attempt = 0
        while len(result["samples"]) < repetitions and attempt < repetitions + 1:
            attempt += 1
            marker = f"banc-essai-{attempt}"
            lines[index] = f"{original} {marker}\n"
            seen = server.log().count(RELOADED)
            started = time.perf_counter()
            tasks.write_text("".join(lines), encoding="utf-8")
            if with_guide:
                with guide.open("a", encoding="utf-8") as out:
                    out.write(f"\n<!-- {marker} -->\n")
            timeout = first_timeout if attempt == 1 else max(first_timeout, 60)
            if _wait_reload(server, seen, timeout) is None:
                if attempt == 1 and not with_guide:
                    result["watched"] = False
                    with_guide = True
                    print(
                        f"  serve : aucune reconstruction {timeout:.0f} s après la modification "
                        f"de {TASKS_FILE} (data/ n'est pas surveillé) ; mesure informative avec "
                        "une modification d'un guide surveillé en plus",
                        flush=True,
                    )
                    continue
                raise RuntimeError(f"pas de reconstruction {timeout:.0f} s après la modification")
            seconds = time.perf_counter() - started
            shown = _page_shows(server, page, marker)
            result["samples"].append(seconds)
            result["checked"].append(shown)
            print(
                f"  serve : reconstruction {len(result['samples'])}/{repetitions} en "
                f"{seconds:.2f} s" + ("" if shown else " (titre modifié absent de la page !)"),
                flush=True,
            )
            time.sleep(1.0)
    finally:
        server.stop()
    result["guide_touched"] = not result["watched"]
    return result
