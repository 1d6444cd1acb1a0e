"""The house in layers (docs/architecture.md): a lower layer never imports a higher one, and no
module of kg imports itself back through others. Every import counts, those inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

KG = Path(__file__).parent.parent / "kg"

BASE = {"errors", "limits", "namespaces", "files", "terms", "text", "memory", "vocabulary", "data", "ontology",
        "formats"}
# Each part of kg and its layer: a part may import parts of lower layers (and the base, layer 0).
LAYER = {
    **{name: 0 for name in BASE},
    "authoring": 1, "store": 1, "sparql": 1, "validation": 1,
    "importers": 2, "graphs": 2, "synth": 2,
    "build": 3, "explorer": 3, "export": 3,
    "server": 4, "stats": 4, "demo": 4, "draft": 4,
    "cli": 5,
    "__main__": 6, "__init__": 6,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(KG.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """The kg modules ``path`` imports, as dotted names (``from . import x`` counts as ``kg.x``)."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "kg" or target.startswith("kg."):
                modules = {f"{target}.{a.name}" for a in node.names if _is_module(f"{target}.{a.name}")}
                found.update(modules)
                # "from . import x" names the module x; "from kg import __version__" reads a constant
                # of the facade, which imports nothing when it loads: neither depends on the package
                if len(modules) < len(node.names) and [a.name for a in node.names] != ["__version__"]:
                    found.add(target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kg."))
    return {t for t in found if t != name}


def _is_module(dotted: str) -> bool:
    path = KG.parent / dotted.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def part(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


GRAPH = {module_name(p): imports(p) for p in KG.rglob("*.py")}


def test_every_part_has_a_layer():
    assert {part(m) for m in GRAPH} <= set(LAYER), {part(m) for m in GRAPH} - set(LAYER)


def upward(graph) -> list[str]:
    """Imports of a part from an equal or higher layer (within a part, anything goes; the base
    modules import only each other, checked below; the facade kg/__init__ may name anything)."""
    return sorted(f"{m} imports {t}" for m, targets in graph.items() for t in targets
                  if part(t) != part(m) and part(m) not in BASE | {"__init__"} and LAYER[part(t)] >= LAYER[part(m)])


def outside_base(graph) -> list[str]:
    return sorted(f"{m} imports {t}" for m, targets in graph.items() if part(m) in BASE
                  for t in targets if part(t) not in BASE)


def cycle(graph) -> list[str] | None:
    """One import cycle between modules (a package's __init__ is a module of its own), or None."""
    state: dict[str, int] = {}

    def visit(m, trail):
        state[m] = 1
        for t in sorted(graph.get(m, ())):
            if t not in graph:
                continue
            if state.get(t) == 1:
                return trail[trail.index(t):] + [t]
            if t not in state and (found := visit(t, trail + [t])):
                return found
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m, [m])):
            return found
    return None


def test_no_part_imports_a_higher_layer():
    assert not upward(GRAPH), "\n".join(upward(GRAPH))


def test_base_modules_import_only_each_other():
    assert not outside_base(GRAPH), "\n".join(outside_base(GRAPH))


def test_no_import_cycles():
    assert cycle(GRAPH) is None, " -> ".join(cycle(GRAPH))


def test_the_checks_catch_what_they_are_for():
    """A base module importing the store, the store importing the server, and a loop are caught."""
    graph = {m: set(t) for m, t in GRAPH.items()}
    graph["kg.errors"].add("kg.store")
    graph["kg.store.remote"].add("kg.server.app")
    graph["kg.sparql.results"].add("kg.sparql.query")
    graph["kg.sparql.query"].add("kg.sparql.results")
    assert "kg.errors imports kg.store" in outside_base(graph)
    assert "kg.store.remote imports kg.server.app" in upward(graph)
    assert cycle(graph) is not None
