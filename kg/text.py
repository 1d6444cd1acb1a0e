"""Text from the data, made safe for where people read it: a terminal, a spreadsheet.

Names and quotes come from authoring and imported files; whatever they hold must not act where it
is shown. (The explorer page escapes its own text: kg/explorer.)
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and C1 controls: a terminal would act on them (ESC starts
# sequences that clear the screen, set the window title or, in some terminals, the clipboard).
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c not in (0x09, 0x0A)}


def for_terminal(text: str) -> str:
    """``text`` with every control character a terminal would act on written as ``\\xNN``: names and
    quotes come from the data (imported files too) and must not drive the user's terminal."""
    return text.translate(_CONTROLS)


# How a cell a spreadsheet would run as a formula begins (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_text(text: str) -> str:
    """``text`` as a CSV cell that a spreadsheet shows rather than runs: text beginning with = + - @,
    a tab or a carriage return gets a leading ``'``, as OWASP advises (``=HYPERLINK(...)`` becomes
    ``'=HYPERLINK(...)``). A number written as text (``-3.5``) stays as it is: a spreadsheet reads it
    as that number, nothing more."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def either(names) -> str:
    """``a``, ``a or b``, ``a, b or c``: the choices a message offers."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
