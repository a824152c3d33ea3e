"""How the tests and the benchmark launch Chromium: Debian's build, or VADEMECUM_CHROMIUM."""

from __future__ import annotations

import os
import shutil

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's chromium, or the browser named by VADEMECUM_CHROMIUM (e.g. Chrome on a forge)."""
    chosen = os.environ.get("VADEMECUM_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    return shutil.which("chromium") or shutil.which("chromium-browser")
