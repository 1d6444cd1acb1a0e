"""The data shipped with mediation-kg: the seed scenario (``seed/``), the alias table
(``aliases.yaml``), the CAMEO actor-code labels (``cameo-actors.tsv``, with its origin and
licence in its header) and the excerpts of real PA-X and UCDP GED files that ``kg demo --with-data``
imports (``demo/``, with their origin and licence in ``demo/README.md``). A base module: it imports
nothing of kg."""

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


def demo_accounts() -> Path:
    """The second outlet's account ``kg demo --with-data`` builds with the seed: Democracy Now!'s
    headlines of 2026-02-27, written in the authoring format (kg/data/demo/README.md)."""
    return Path(str(resources.files("kg.data").joinpath("demo", "democracy-now-2026-02-27.yaml")))


def demo_excerpts() -> list[tuple[str, Path]]:
    """(importer, file) of each real excerpt ``kg demo --with-data`` imports over the seed: PA-X v10's
    agreement 2879 and UCDP GED's events of conflict 11639 on 26-27 February 2026."""
    demo = Path(str(resources.files("kg.data").joinpath("demo")))
    return [("pa-x", demo / "pax_all_agreements_v10.agreement-2879.csv"),
            ("ucdp-ged", demo / "GEDEvent_v26_01_26_06.conflict-11639-2026-02-26-27.csv")]


def states_text() -> str:
    """The states table the drafter reads (``kg/data/states.tsv``: name, demonyms, capital), as text."""
    return resources.files("kg.data").joinpath("states.tsv").read_text(encoding="utf-8")
