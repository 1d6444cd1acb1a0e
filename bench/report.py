"""What the benchmarks share: replacing their own marked section of docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path


def write_section(out: str | Path, start: str, end: str, section: str) -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) in place of the text
    between those markers in ``out``, or at its end if the markers are not there yet."""
    out = Path(out)
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = text[:text.index(start)] + section + text[text.index(end) + len(end) + 1:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    out.write_text(text, encoding="utf-8")
