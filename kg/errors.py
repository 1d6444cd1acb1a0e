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
    """Several input problems found in one pass; all are reported, not just the first."""

    exit_code = EXIT_DATA

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


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
