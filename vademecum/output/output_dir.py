"""Where a build may write, and how: a staged folder swapped in only when the build succeeded.

The target is resolved once, refused when replacing it could destroy the project or anything
that is not a site we built (only an empty folder or one carrying SITE_MARK is replaced), locked
against a second build of the same target, and staged next to it. The stage is removed on every
failure (exceptions, Ctrl-C, SIGTERM); stages left by a killed build are removed by the next one,
and a site left aside by a build killed between the two renames of the swap is put back first.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Written into every site we build: only a folder carrying it (or empty) may be replaced.
SITE_MARK = ".vademecum-site"
PROTECTED = ("data", "content", "overrides")


class OutputDirError(Exception):
    """The target folder cannot be used; the message is French and names the folder."""


def resolve_target(site_dir: Path, cwd: Path | None = None) -> Path:
    """An absolute, normalised path: a relative site dir is relative to the current folder."""
    base = cwd or Path.cwd()
    path = site_dir if site_dir.is_absolute() else base / site_dir
    return Path(os.path.abspath(path))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refusal(root: Path, target: Path) -> str | None:
    """Why `target` must not be replaced by a build of the project at `root`, or None."""
    root = root.resolve()
    real = target.resolve()
    protected = [root, *(root / name for name in PROTECTED)]
    for folder in protected:
        if _inside(folder, real):
            what = "le dossier du projet" if folder == root else f"le dossier {folder.name}/"
            verb = "est" if folder == real else "contient"
            return (
                f"le dossier de sortie {target} {verb} {what} ({folder}) : "
                "le construire l'effacerait ; choisissez un dossier à part, par exemple site/"
            )
        if folder != root and _inside(real, folder):
            return (
                f"le dossier de sortie {target} est dans {folder.name}/ : "
                "les sources du site y seraient mêlées ; choisissez un dossier à part"
            )
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        return f"{target} existe et n'est pas un dossier : choisissez un autre nom de dossier"
    if target.is_dir() and not _replaceable(target):
        return (
            f"le dossier {target} existe déjà et ne contient pas un site construit par vademecum "
            f"(il n'a pas la marque {SITE_MARK}) : il serait remplacé ; choisissez un nouveau "
            "dossier, ou videz-le vous-même (un site construit par une version plus ancienne : "
            "supprimez-le, puis relancez)"
        )
    return None


def mark(folder: Path) -> None:
    """Mark `folder` as a site we built: a later build or export may replace it."""
    (folder / SITE_MARK).write_text("Site construit par vademecum.\n", encoding="utf-8")


def _replaceable(folder: Path) -> bool:
    """An empty folder, or one carrying the mark of a site we built (one académie or `--all`).

    No other folder is, whatever it holds: an `index.html` and a search index are also what a
    personal web folder or another project's site holds.
    """
    try:
        empty = next(folder.iterdir(), None) is None
    except OSError:
        return False
    mark = folder / SITE_MARK
    return empty or (mark.is_file() and not mark.is_symlink())


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _old_copy(target: Path) -> Path:
    """Where the swap keeps the previous site while the new one is put in place."""
    return target.with_name(f".{target.name}.old")


def _restore_kept_site(target: Path) -> None:
    """A build killed between the swap's two renames left no site and the old one aside: put it
    back before anything else, so that a failing build never loses it."""
    old = _old_copy(target)
    if target.exists() or target.is_symlink() or old.is_symlink() or not old.is_dir():
        return
    if _replaceable(old):  # anything else at that name is not ours: _remove_stale refuses
        old.rename(target)


def _remove_stale(target: Path) -> None:
    """Stages and old copies left by a build that was killed (the lock is held: none is live).

    The old copy is removed only when the site it was kept for is in place, and only when it
    is ours (marked, or empty); anything else at its name is left alone and the build refused.
    """
    for leftover in target.parent.glob(f".{target.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    old = _old_copy(target)
    if not old.exists() and not old.is_symlink():
        return
    if old.is_dir() and not old.is_symlink() and _replaceable(old) and target.is_dir():
        shutil.rmtree(old, ignore_errors=True)
        return
    raise OutputDirError(
        f"{old} existe et n'est pas une copie d'un site construit par vademecum : "
        "déplacez-le ou supprimez-le vous-même, puis relancez"
    )


@contextmanager
def _lock(target: Path) -> Iterator[None]:
    """An exclusive lock file next to the target, removed when the build ends.

    The kernel releases the lock when the last process holding the file dies, so a killed build
    never blocks the next one as long as no other process shares the file: it is not inherited
    by programs the build runs, and a forked worker closes it (close_inherited_locks). The file
    holds the owner's process id, named in the refusal.

    After locking, the file must still be the one at the path: a build that opened it just
    before the previous holder removed it would otherwise hold a lock nobody else sees.
    """
    lock_path = target.with_name(f".{target.name}.lock")
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole build
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _busy(target, lock_path) from None
        try:
            same = os.stat(lock_path).st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            raise _busy(target, lock_path)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        _held_locks.add(handle.fileno())
        try:
            yield
        finally:
            _held_locks.discard(handle.fileno())
            lock_path.unlink(missing_ok=True)
    finally:
        handle.close()


# The descriptors of the locks this process holds, for a forked child to close.
_held_locks: set[int] = set()


def close_inherited_locks() -> None:
    """In a forked child (a worker of `build --all`): let go of the parent's locks, which
    would otherwise stay held as long as the child lives, even after the parent died.

    Each descriptor is pointed at /dev/null rather than closed: the parent's file object, copied
    into the child, still names that number, and must not close something else later.
    """
    if not _held_locks:
        return
    null = os.open(os.devnull, os.O_RDONLY)
    try:
        for descriptor in _held_locks:
            os.dup2(null, descriptor)
    finally:
        os.close(null)
    _held_locks.clear()


def _busy(target: Path, lock_path: Path) -> OutputDirError:
    try:
        owner = lock_path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeError):
        owner = ""
    who = f" (processus {owner})" if owner.isdigit() else ""
    return OutputDirError(
        f"une autre construction écrit déjà dans {target}{who} : "
        "attendez qu'elle se termine, puis relancez"
    )


class _Interrupted(BaseException):
    """SIGTERM, turned into an exception so that the stage is cleaned like on Ctrl-C."""


@contextmanager
def _terminate_as_exception() -> Iterator[None]:
    def handler(signum: int, frame: object) -> None:
        raise _Interrupted(signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave the signal alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _swap(stage: Path, target: Path) -> None:
    """Put `stage` in place of `target`; the old site survives until the new one is in place.

    Killed between the two renames, the old site waits at `.<name>.old` for the next build to
    put it back; once the new one is in place, the old one is renamed into a stale stage's name
    before it is removed, so that a kill during the removal leaves nothing the next build keeps.
    """
    old = _old_copy(target)
    if target.exists():
        target.rename(old)
    try:
        stage.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise
    if old.exists():
        doomed = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-old-", dir=target.parent))
        old.replace(doomed)  # an empty folder of the same name is replaced atomically
        shutil.rmtree(doomed, ignore_errors=True)


@contextmanager
def staged_output(root: Path, target: Path) -> Iterator[Path]:
    """Yield an empty stage folder; it replaces `target` when the block ends without error.

    Raises OutputDirError before anything is written when the target is refused or busy.
    An interruption (Ctrl-C or SIGTERM) removes the stage and re-raises KeyboardInterrupt.
    """
    reason = refusal(root, target)
    if reason:
        raise OutputDirError(reason)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputDirError(f"impossible de créer {target.parent} : {error.strerror}") from None
    with _lock(target), _terminate_as_exception():
        _restore_kept_site(target)
        _remove_stale(target)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            yield stage
            mark(stage)
            stage.chmod(0o777 & ~_umask())  # mkdtemp makes it 0700: a web server could not read it
            _swap(stage, target)
        except _Interrupted:
            raise KeyboardInterrupt from None
        finally:
            if stage.exists():
                shutil.rmtree(stage, ignore_errors=True)
