"""The data shipped with mediation-kg: the seed scenario (``seed/``), the alias table
(``aliases.yaml``) and the CAMEO actor-code labels (``cameo-actors.tsv``, with its origin and
licence in its header). A base module: it imports nothing of kg."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def seed_path() -> Path:
    """The seed scenario shipped with the package (the February 2026 Afghanistan–Pakistan escalation)."""
    return Path(str(resources.files("kg.data").joinpath("seed")))


def aliases_text() -> str:
    """The shipped alias table (``kg/data/aliases.yaml``), as text."""
    return resources.files("kg.data").joinpath("aliases.yaml").read_text(encoding="utf-8")


def cameo_actors_text() -> str:
    """The CAMEO actor-code table (``kg/data/cameo-actors.tsv``: code, label, kind), as text."""
    return resources.files("kg.data").joinpath("cameo-actors.tsv").read_text(encoding="utf-8")
