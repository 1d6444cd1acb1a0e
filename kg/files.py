"""Reading a user's text files with a clear error (:func:`read_text`); writing files so that a
reader never sees half of one, and nothing but a file is ever replaced.

What a path names decides how it is written (:func:`destination`):

* a regular file, or nothing yet: written beside it and renamed into place, so a failure leaves
  it as it was; through a symbolic link, the file the link points to is replaced and the link stays;
* a character or block device or a FIFO (``-o /dev/null``, a named pipe another process reads):
  written in place, never replaced (a rename would put a regular file where the device or pipe
  was: run as root, ``-o /dev/full`` did exactly that); a failure there (``/dev/full``: no space)
  is reported, and what was written before it cannot be taken back;
* a directory or a socket: refused before anything is written.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError, KGError


def read_text(path: str | os.PathLike, what: str = "the file") -> str:
    """The UTF-8 text of a file a user gave (an authoring, alias, mapping or query file); an
    InputError naming the file when it cannot be read or is not UTF-8, never a traceback."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {what}: {e.strerror}", str(path)) from None
    return decode_text(data, str(path))


def decode_text(data: bytes, file: str) -> str:
    """``data`` as UTF-8 text; an InputError naming ``file`` and the first bad byte's line otherwise."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text ({e.reason} at byte {e.start}); save the file as UTF-8",
                         file, data.count(b"\n", 0, e.start) + 1) from None


def write_atomically(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place. An existing
    file keeps its permissions; a failure leaves it untouched and names ``path``, not the
    temporary file. A device or FIFO is written in place (see the module's docstring)."""
    write_all_atomically({path: data})


@contextlib.contextmanager
def open_atomically(path: str | os.PathLike):
    """A binary file to stream into: written beside ``path`` and renamed into place when the block
    ends without an error (the existing file keeps its permissions); on an error it is removed and
    ``path`` stays as it was. For output too large to hold in memory (an N-Quads dump of the store).
    ``handle.raw.written`` counts the bytes written so far (once flushed)."""
    with open_all_atomically([path]) as (handle,):
        yield handle


@contextlib.contextmanager
def open_all_atomically(paths):
    """:func:`open_atomically` for several files that belong together (a list of handles, in the
    order of ``paths``): each is written beside its target, and only once all are complete are
    they renamed into place, so a failure while writing (a full disk, a missing directory) leaves
    every existing file as it was. The renames are one after the other, not one atomic step.
    Devices and FIFOs among ``paths`` are opened in place, in order, before the block runs."""
    plan = [destination(path) for path in paths]  # refuses a directory or socket before writing anything
    temps: list[str | None] = []  # beside each target, None for one written in place
    handles = []
    try:
        for target, in_place in plan:
            if in_place:
                fd, tmp = os.open(target, os.O_WRONLY | os.O_NOCTTY), None
            else:
                fd, tmp = _temp_beside(target)
            temps.append(tmp)
            handles.append(io.BufferedWriter(_Output(fd, target)))
        yield handles
        for handle, tmp, (target, _) in zip(handles, temps, plan):
            handle.flush()
            if tmp is not None:
                _finish(handle, tmp, target)
            handle.close()
        for tmp, (target, _) in zip(temps, plan):
            if tmp is not None:
                os.replace(tmp, target)
    finally:
        for handle in handles:
            with contextlib.suppress(OSError):  # an in-place write that failed fails again on close
                handle.close()
        for tmp in temps:
            if tmp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)


def destination(path: str | os.PathLike) -> tuple[str, bool]:
    """Where a write to ``path`` goes, and whether in place: ``(the file to replace, False)`` for a
    regular file or a new one (the file a symbolic link points to, the link kept); ``(path, True)``
    for a device or FIFO. IsADirectoryError for a directory, KGError for a socket or anything else."""
    path = os.fspath(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is None or stat.S_ISREG(mode):
        return (os.path.realpath(path) if os.path.islink(path) else path), False
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode):
        return path, True
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    kind = "a socket" if stat.S_ISSOCK(mode) else "not a file"
    raise KGError(f"{path} is {kind}: kg writes only to files, devices and FIFOs")


class _Output(io.FileIO):
    """The raw file written for ``target``: its errors name ``target`` (not a temporary file), and
    ``written`` counts the bytes it took."""

    def __init__(self, fd: int, target: str):
        super().__init__(fd, "wb")
        self.target = target
        self.written = 0

    def write(self, data) -> int | None:
        try:
            n = super().write(data)
        except OSError as e:
            raise OSError(e.errno, e.strerror, self.target) from None
        self.written += n or 0
        return n


def _temp_beside(target: str) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder (so the rename is atomic); errors name ``target``."""
    try:
        return tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp",
                                dir=os.path.dirname(os.path.abspath(target)))
    except OSError as e:
        raise OSError(e.errno, e.strerror, target) from None


def _finish(handle, tmp: str, target: str) -> None:
    """Put the written data on disk and give ``tmp`` the permissions of the file it replaces."""
    os.fsync(handle.fileno())
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    os.chmod(tmp, mode)


def write_all_atomically(files: dict[str | os.PathLike, bytes | str]) -> None:
    """:func:`write_atomically` for several files that belong together (see :func:`open_all_atomically`)."""
    with open_all_atomically(files) as handles:
        for handle, data in zip(handles, files.values()):
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
