"""Timed builds, each in a fresh subprocess, and the statistics kept for every figure."""

from __future__ import annotations

import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent

# The YAML loader refuses files over 2 MB (vademecum.data.yamlload.MAX_BYTES): the ×100 tasks file is
# larger, so the scaling builds lift that guard in their own process; nothing else changes.
_LIFTED_BUILD = (
    "import sys, vademecum.data.yamlload as y; y.MAX_BYTES = 10**9; "
    "from vademecum.cli import main; sys.exit(main(sys.argv[1:]))"
)


def vademecum_build(root: Path, site_dir: Path, *args: str, lift_size_limit=False) -> list[str]:
    head = (
        [str(BIN / "python"), "-c", _LIFTED_BUILD] if lift_size_limit else [str(BIN / "vademecum")]
    )
    return [*head, "--root", str(root), "build", *args, "--site-dir", str(site_dir)]


def mkdocs_build(project: Path, site_dir: Path) -> list[str]:
    return [
        str(BIN / "mkdocs"),
        "build",
        "--quiet",
        "--strict",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--site-dir",
        str(site_dir),
    ]


class BuildFailed(RuntimeError):
    pass


def run_timed(command: list[str], cwd: Path, timeout: float = 900) -> float:
    """Wall-clock seconds of one command; raises BuildFailed with its output on failure."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout)[-2000:]
        raise BuildFailed(f"échec de {' '.join(command[:3])}… (code {done.returncode}) :\n{tail}")
    return elapsed


@dataclass
class Job:
    """One kind of build to time: `command(site_dir)` run from `cwd`."""

    label: str
    command: Callable[[Path], list[str]]
    cwd: Path
    keep: Path | None = None  # where the last build's output is kept


def _timed_into_fresh_folder(job: Job, keep: bool) -> float:
    with tempfile.TemporaryDirectory(prefix="vm-bench-") as tmp:
        site = Path(tmp) / "site"
        seconds = run_timed(job.command(site), job.cwd)
        if keep and job.keep is not None:
            shutil.rmtree(job.keep, ignore_errors=True)
            shutil.move(str(site), job.keep)
    return seconds


def time_interleaved(jobs: list[Job], repetitions: int) -> dict[str, list[float]]:
    """Time every job `repetitions` times, in rounds (A B A B …) so that the load of a shared
    machine weighs on all of them alike; each build runs in a fresh process and folder."""
    samples: dict[str, list[float]] = {job.label: [] for job in jobs}
    for n in range(1, repetitions + 1):
        for job in jobs:
            seconds = _timed_into_fresh_folder(job, keep=n == repetitions)
            samples[job.label].append(seconds)
            print(f"  {job.label} : construction {n}/{repetitions} en {seconds:.2f} s", flush=True)
    return samples


def time_builds(
    job: Job, repetitions: int, more: Callable[[list[float]], int] | None = None
) -> list[float]:
    """Time one job; `more(samples)` may change the number of repetitions after the first."""
    samples: list[float] = []
    total = repetitions
    while len(samples) < total:
        seconds = _timed_into_fresh_folder(job, keep=False)
        samples.append(seconds)
        if more is not None and len(samples) == 1:
            total = more(samples)
        print(f"  {job.label} : construction {len(samples)}/{total} en {seconds:.2f} s", flush=True)
    return samples


def summary(samples: list[float], unit: str, digits: int = 3) -> dict:
    return {
        "unit": unit,
        "median": round(statistics.median(samples), digits),
        "min": round(min(samples), digits),
        "max": round(max(samples), digits),
        "samples": [round(s, digits) for s in samples],
    }


def loglog_slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) against log(x)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
