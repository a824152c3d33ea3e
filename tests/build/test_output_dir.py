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
from vademecum.output.output_dir import SITE_MARK

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
    "import vademecum.output.output_dir as output_dir\n"
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


# -- only a site we built is ever replaced -------------------------------------------------------
def snapshot(folder: Path) -> list[tuple[str, bytes | None]]:
    """Every entry under `folder`, folders included, with the bytes of each file."""
    return sorted(
        (p.relative_to(folder).as_posix(), None if p.is_dir() else p.read_bytes())
        for p in folder.rglob("*")
    )


UNMARKED = {
    "index-only": {"index.html": "<h1>Ma page perso</h1>"},
    "index-and-notes": {"index.html": "<h1>Notes</h1>", "notes.txt": "à garder"},
    # What a site of another project (or one built before the mark) holds: still not ours.
    "index-and-search": {"index.html": "<h1>x</h1>", "search/search_index.json": "{}"},
}


@pytest.mark.parametrize("files", UNMARKED.values(), ids=UNMARKED.keys())
@pytest.mark.parametrize("command", ["build", "export"])
def test_an_unmarked_folder_is_refused_and_left_byte_identical(project, tmp_path, command, files):
    target = tmp_path / "perso"
    for relative, text in files.items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_text(text, encoding="utf-8")
    before = snapshot(target)
    if command == "build":
        result = run(*BUILD, "--site-dir", str(target), cwd=project)
    else:
        result = run("export", "--academy", "academie-test", str(target), cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "ne contient pas un site construit par vademecum" in result.stderr
    assert SITE_MARK in result.stderr and "Traceback" not in result.stderr
    assert snapshot(target) == before
    assert leftovers(tmp_path) == []


def test_a_marked_folder_is_replaced_and_an_empty_one_filled(project, tmp_path):
    empty = tmp_path / "vide"
    empty.mkdir()
    assert run(*BUILD, "--site-dir", str(empty), cwd=project).returncode == 0
    assert (empty / SITE_MARK).is_file()
    (empty / "ancien.txt").write_text("remplacé avec le site")
    assert run(*BUILD, "--site-dir", str(empty), cwd=project).returncode == 0
    assert not (empty / "ancien.txt").exists() and (empty / "index.html").is_file()


# -- a build killed between the two renames of the swap ---------------------------------------
# The build stopped right after it moved the old site aside, before the new one is in place.
KILLED_MID_SWAP = (
    "import sys, time\n"
    "import vademecum.output.output_dir as output_dir\n"
    "def held(stage, target):\n"
    "    target.rename(target.with_name(f'.{target.name}.old'))\n"
    "    time.sleep(60)\n"
    "output_dir._swap = held\n"
    "from vademecum.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_a_site_left_aside_by_a_killed_swap_is_restored_and_kept_by_a_failing_build(project):
    site = project / "site"
    assert main(["--root", str(project), *BUILD, "--site-dir", str(site)]) == 0
    before = snapshot(site)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_SWAP, *BUILD, "--site-dir", "site"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while site.exists() or not (project / ".site.old").is_dir():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert not site.exists() and (project / ".site.old" / SITE_MARK).is_file()

    guide = project / "content" / "index.md"
    good = guide.read_text(encoding="utf-8")
    guide.write_text('# Accueil\n\n{{ task("absente") }}\n', encoding="utf-8")
    result = run(*BUILD, "--site-dir", "site", cwd=project)
    assert result.returncode == 1, result.stderr
    assert snapshot(site) == before  # put back, then left alone by the failing build
    assert leftovers(project) == []

    guide.write_text(good, encoding="utf-8")
    assert run(*BUILD, "--site-dir", "site", cwd=project).returncode == 0
    assert leftovers(project) == []


@pytest.mark.parametrize("with_site", [True, False], ids=["site-present", "site-absent"])
def test_an_unknown_folder_at_the_old_copy_name_is_never_removed_nor_used(project, with_site):
    site = project / "site"
    if with_site:
        assert main(["--root", str(project), *BUILD, "--site-dir", str(site)]) == 0
    stranger = project / ".site.old"
    stranger.mkdir()
    (stranger / "a-garder.txt").write_text("pas un site")
    before = snapshot(site) if with_site else None
    result = run(*BUILD, "--site-dir", "site", cwd=project)
    assert result.returncode == 2 and "n'est pas une copie d'un site" in result.stderr
    assert snapshot(stranger) == [("a-garder.txt", b"pas un site")]
    assert (snapshot(site) if with_site else site.exists()) == (before if with_site else False)


# -- a killed `build --all` -----------------------------------------------------------------------
# `build --all` whose workers (forked: they see this patch) each hold their site for a minute.
HELD_WORKERS = (
    "import os, sys, time\n"
    "from pathlib import Path\n"
    "import vademecum_mkdocs.build as build\n"
    "build_into = build._build_into\n"
    "def held(args):\n"
    "    Path(f'worker-{os.getpid()}').write_text('')\n"
    "    time.sleep(60)\n"
    "    return build_into(args)\n"
    "build._build_into = held\n"
    "from vademecum.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree in /proc")
def test_a_killed_build_all_leaves_no_worker_and_never_blocks_the_next_build(project):
    process = subprocess.Popen(
        [sys.executable, "-c", HELD_WORKERS, "build", "--all", "--site-dir", "site"],
        cwd=project,
        stdout=subprocess.DEVNULL,  # not pipes: the test would wait for workers holding them
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180
    while len(list(project.glob("worker-*"))) < 2:  # both workers are building
        assert process.poll() is None
        assert time.monotonic() < deadline
        time.sleep(0.05)
    workers = [int(path.name.split("-")[1]) for path in project.glob("worker-*")]
    for path in project.glob("worker-*"):
        path.unlink()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    result = run("build", "--all", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "une autre construction" not in result.stderr
    assert (project / "site" / "academie-test" / "index.html").is_file()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers):
        assert time.monotonic() < deadline, [pid for pid in workers if _alive(pid)]
        time.sleep(0.05)
    assert leftovers(project) == []


def test_a_busy_target_names_the_build_that_holds_it(project):
    lock = open(project / ".site.lock", "a+")  # noqa: SIM115
    fcntl.flock(lock, fcntl.LOCK_EX)
    lock.write("4242\n")
    lock.flush()
    try:
        result = run(*BUILD, "--site-dir", "site", cwd=project)
    finally:
        lock.close()
    assert result.returncode == 2
    assert (
        "une autre construction écrit déjà" in result.stderr and "processus 4242" in result.stderr
    )


def test_an_academy_of_a_build_all_may_be_rebuilt_alone(project):
    assert run("build", "--all", "--site-dir", "site", cwd=project).returncode == 0
    assert (project / "site" / "academie-test" / SITE_MARK).is_file()
    result = run(*BUILD, "--site-dir", "site/academie-test", cwd=project)
    assert result.returncode == 0, result.stderr
