"""Where `vademecum build` writes: relative paths, refused targets, locks, interruptions, modes."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.build.test_build import digest
from tests.conftest import make_project
from vademecum.cli import main
from vademecum.output_dir import SITE_MARK

BUILD = ["build", "--academy", "academie-test"]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("out") / "template")


@pytest.fixture
def project(template, tmp_path) -> Path:
    import shutil

    target = tmp_path / "work" / "p"
    shutil.copytree(template, target)
    return target


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vademecum.cli", *args], cwd=cwd, capture_output=True, text=True
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_relative_site_dir_with_root_is_relative_to_the_current_folder(project):
    work = project.parent
    result = run("--root", "p", *BUILD, "--site-dir", "out", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "out" / "index.html").is_file()
    assert str(work / "out") in result.stdout
    assert leftovers(project) == [] and leftovers(work) == []


def test_absolute_site_dir_without_root(project, tmp_path):
    target = tmp_path / "elsewhere" / "site"
    result = run(*BUILD, "--site-dir", str(target), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (target / "index.html").is_file() and (target / SITE_MARK).is_file()


@pytest.mark.parametrize(
    ("site_dir", "words"),
    [
        (".", "est le dossier du projet"),
        ("p", "est le dossier du projet"),
        ("..", "contient le dossier du projet"),
        ("p/data", "est le dossier data/"),
        ("p/content", "est le dossier content/"),
        ("p/overrides", "est le dossier overrides/"),
        ("p/data/academies", "est dans data/"),
        ("p/notes", "ne contient pas un site construit par vademecum"),
        ("p/mkdocs.yml", "n'est pas un dossier"),
    ],
)
def test_forbidden_targets_leave_the_project_byte_identical(project, site_dir, words):
    (project / "notes").mkdir()
    (project / "notes" / "a-garder.txt").write_text("notes de l'éditeur")
    before = digest(project)
    cwd = project if site_dir == "." else project.parent
    root = "." if site_dir == "." else "p"
    result = run("--root", root, *BUILD, "--site-dir", site_dir, cwd=cwd)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert digest(project) == before
    assert leftovers(project) == [] and leftovers(project.parent) == []


def test_a_second_build_of_the_same_target_refuses_clearly(project):
    site = project / "site"
    lock = open(project / ".site.lock", "a+")  # another build holds the lock  # noqa: SIM115
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        result = run(*BUILD, "--site-dir", "site", cwd=project)
    finally:
        lock.close()
    assert result.returncode == 2
    assert "une autre construction écrit déjà" in result.stderr
    assert not site.exists()


def test_two_builds_at_once_never_break_the_site(project):
    site = project / "site"
    command = [sys.executable, "-m", "vademecum.cli", *BUILD, "--site-dir", "site"]
    first = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    codes = []
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert b"Traceback" not in err
        codes.append(process.returncode)
    assert 0 in codes and set(codes) <= {0, 2}
    assert (site / "index.html").is_file()
    assert leftovers(project) == []


# The build, held just before it swaps the stage in: a signal then always lands mid-build,
# however loaded the machine (polling for the stage alone raced with fast builds). Ctrl-C is
# given back its usual meaning: a shell that starts a job in the background (`make test &`)
# makes its children ignore SIGINT, and Python then installs no KeyboardInterrupt for it.
HELD_BUILD = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "import vademecum.output_dir as output_dir\n"
    "swap = output_dir._swap\n"
    "def held(stage, target):\n"
    "    time.sleep(60)\n"
    "    swap(stage, target)\n"
    "output_dir._swap = held\n"
    "from vademecum.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _start_and_wait_for_stage(project: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HELD_BUILD, *BUILD, "--site-dir", "site"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not list(project.glob(".site.tmp-*/index.html")):  # the stage is written
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return process


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_build_cleans_its_stage_and_keeps_the_old_site(project, signum):
    assert main(["--root", str(project), *BUILD, "--site-dir", str(project / "site")]) == 0
    before = digest(project / "site")
    process = _start_and_wait_for_stage(project)
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "construction interrompue" in err.decode() and b"Traceback" not in err
    assert digest(project / "site") == before
    assert leftovers(project) == []


def test_a_killed_build_leaves_a_stage_that_the_next_build_removes(project):
    process = _start_and_wait_for_stage(project)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert [n for n in leftovers(project) if n.startswith(".site.tmp-")]
    assert main(["--root", str(project), *BUILD, "--site-dir", str(project / "site")]) == 0
    assert leftovers(project) == []


def test_the_site_has_normal_permissions(project):
    previous = os.umask(0o022)
    try:
        assert main(["--root", str(project), *BUILD, "--site-dir", str(project / "site")]) == 0
    finally:
        os.umask(previous)
    site = project / "site"
    assert site.stat().st_mode & 0o777 == 0o755
    assert (site / "index.html").stat().st_mode & 0o777 == 0o644
    assert (site / "calendrier").stat().st_mode & 0o777 == 0o755


def test_unknown_academy_is_refused(project, capsys):
    assert main(["--root", str(project), "build", "--academy", "../../etc", "--site-dir", "x"]) == 2
    assert "académie inconnue « ../../etc »" in capsys.readouterr().err
    assert not (project / "x").exists()
