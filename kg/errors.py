"""Errors a user can cause, and the exit codes the CLI maps them to.

Exit codes (documented in the README, same for every command):
  0  success (and, for ``kg validate``, the graph conforms)
  1  the data is wrong: invalid authoring input, SHACL violations
  2  the request is wrong or cannot be served: bad option, missing file, bad query, store missing or locked
  3  a query ran past its time limit
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_TIMEOUT = 3


class KGError(Exception):
    """Base of every error meant for a user: printed without a traceback."""

    exit_code = EXIT_USAGE


class InputError(KGError):
    """A problem in an input file, located at file:line when known."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        self.message = message
        self.file = file
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return where + self.message


class InputErrors(KGError):
    """Several input problems found in one pass, reported together: ``errors`` (at most
    ``limit("errors_listed")`` of them, see :class:`Problems`) and how many ``more`` were found."""

    exit_code = EXIT_DATA

    def __init__(self, errors: list[InputError], more: int = 0):
        self.errors = errors
        self.more = more
        super().__init__("\n".join([str(e) for e in errors] + ([more_problems(more)] if more else [])))

    def summary(self) -> str:
        """The line above the list, as the CLI prints it."""
        n = len(self.errors) + self.more
        return f"{n:,} problem{'s' if n != 1 else ''} in the input"


class DraftsLeft(InputErrors):
    """Items still marked ``draft`` (proposed by ``kg draft``, not yet reviewed), one error each at
    file:line: ``kg validate`` and ``kg build`` refuse them unless told to include them as drafts."""

    def summary(self) -> str:
        n = len(self.errors) + self.more
        return (f"{n:,} item{'s are' if n != 1 else ' is'} still draft{'s' * (n != 1)}: review each and remove its "
                "'draft' mark, or pass --include-drafts to keep them in the graph marked as drafts")


def more_problems(n: int) -> str:
    return f"... and {n:,} more problem{'s' if n != 1 else ''}"


class Problems:
    """Collects the input problems of one pass: the first ``limit("errors_listed")`` are kept, the
    rest only counted, so a file of 200,000 bad items costs no more memory than one of 100."""

    def __init__(self, listed: int):
        self.listed = listed  # limit("errors_listed") (kg.limits, which this base module cannot import)
        self.errors: list[InputError] = []
        self.more = 0

    def add(self, error: InputError) -> None:
        if len(self.errors) < self.listed:
            self.errors.append(error)
        else:
            self.more += 1

    def error(self, message: str, file: str | None, line: int | None) -> None:
        self.add(InputError(message, file, line))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_any(self) -> None:
        """Raise InputErrors, sorted by file and line, if there was any problem."""
        if self.errors:
            raise InputErrors(sorted(self.errors, key=lambda e: (e.file or "", e.line or 0)), self.more)


class ValidationFailed(KGError):
    """The graph does not conform to the SHACL shapes."""

    exit_code = EXIT_DATA

    def __init__(self, report):
        self.report = report
        super().__init__(report.text())


class ConfigError(InputError):
    """A config file that cannot be used (a request problem, not a data problem)."""

    exit_code = EXIT_USAGE


class QueryError(KGError):
    """A query that cannot be parsed or run."""


class QueryTimeout(KGError):
    """A query ran past its time limit."""

    exit_code = EXIT_TIMEOUT


class StoreError(KGError):
    """The store is missing, locked or damaged."""
