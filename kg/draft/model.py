"""What the drafter's parts hand each other.

The common currency is the authoring format itself: each part proposes items as authoring
mappings (``{"id": ..., "type": ..., ...}``) that carry a ``draft`` mark made by `draft_mark`.
Offsets are Python ``str`` offsets (code points) into the article text: ``text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class Mention:
    """A name in the article, resolved to a known actor or place id or proposed as a new one."""

    start: int
    end: int
    text: str
    id: str
    kind: str  # "actor" or "place"
    known: bool  # the id exists in the store, the alias table or the reference data
    confidence: float


@dataclass(frozen=True)
class DateMention:
    """A date expression in the article, resolved against the publication date."""

    start: int
    end: int
    text: str
    expression: str  # an authoring date expression that kg.authoring.dates reads
    confidence: float


def draft_mark(spans: list[Span], confidence: float, reason: str | None = None) -> dict:
    """The ``draft`` mapping every drafted item carries: where in the article it came from, how
    sure the drafter is (0 to 1), and why, when the reason is not plain from the spans."""
    mark: dict = {"confidence": round(confidence, 2), "spans": [list(s) for s in sorted(set(spans))]}
    if reason:
        mark["reason"] = reason
    return mark
