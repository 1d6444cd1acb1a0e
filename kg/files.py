"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile


def write_atomically(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place. An existing
    file keeps its permissions; a failure leaves it untouched and names ``path``, not the
    temporary file."""
    write_all_atomically({path: data})


@contextlib.contextmanager
def open_atomically(path: str | os.PathLike):
    """A binary file to stream into: written beside ``path`` and renamed into place when the block
    ends without an error (the existing file keeps its permissions); on an error it is removed and
    ``path`` stays as it was. For output too large to hold in memory (an N-Quads dump of the store)."""
    target = os.fspath(path)
    fd, tmp = _temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            _finish(handle, tmp, target)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _temp_beside(target: str) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder (so the rename is atomic); errors name ``target``."""
    try:
        return tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp",
                                dir=os.path.dirname(os.path.abspath(target)))
    except OSError as e:
        raise OSError(e.errno, e.strerror, target) from None


def _finish(handle, tmp: str, target: str) -> None:
    """Put the written data on disk and give ``tmp`` the permissions of the file it replaces."""
    handle.flush()
    os.fsync(handle.fileno())
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    os.chmod(tmp, mode)


def write_all_atomically(files: dict[str | os.PathLike, bytes | str]) -> None:
    """:func:`write_atomically` for several files that belong together: every one is written
    beside its target first, and only once all are on disk are they renamed into place, so a
    failure while writing (a full disk, a missing directory) leaves every existing file as it
    was. The renames themselves are one after the other: not one atomic step for all files."""
    staged: list[tuple[str, str]] = []
    try:
        for path, data in files.items():
            target = os.fspath(path)
            fd, tmp = _temp_beside(target)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
                _finish(handle, tmp, target)
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
