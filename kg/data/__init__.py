"""The data shipped with mediation-kg: the seed scenario (``seed/``) and the alias table
(``aliases.yaml``). A base module: it imports nothing of kg."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def seed_path() -> Path:
    """The seed scenario shipped with the package (the February 2026 Afghanistan–Pakistan escalation)."""
    return Path(str(resources.files("kg.data").joinpath("seed")))


def aliases_text() -> str:
    """The shipped alias table (``kg/data/aliases.yaml``), as text."""
    return resources.files("kg.data").joinpath("aliases.yaml").read_text(encoding="utf-8")
