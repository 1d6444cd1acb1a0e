"""Actor and place resolution: which node of the graph a name or code in imported data stands for.

The alias table (``kg/data/aliases.yaml``, extended by the user's ``--aliases`` files) maps names
and codes to canonical ids; the labels and aliases already in the store count as names too, so a
place written ``Khost`` in ACLED lands on the seed's ``id:khost``. What resolves nowhere becomes a
new actor or place, minted from the importer and the name, and flagged ``mkg:needsReview``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from .. import vocabulary as onto
from ..errors import InputError
from ..namespaces import ID, ID_PATTERN

CODE_SCHEMES = ("cameo", "fips", "iso")


def normalise(name: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


@dataclass
class Canonical:
    id: str
    kind: str  # "actors" or "places"
    type: str
    name: str
    wikidata: str | None = None
    parent: str | None = None  # affiliated_with / in


@dataclass
class Aliases:
    canonical: dict[str, Canonical] = field(default_factory=dict)
    codes: dict[tuple[str, str], str] = field(default_factory=dict)   # (scheme, CODE) -> id
    names: dict[str, str] = field(default_factory=dict)               # normalised actor name -> id
    places: dict[str, str] = field(default_factory=dict)              # normalised place name -> id

    def code(self, scheme: str, code: str) -> str | None:
        return self.codes.get((scheme, code.upper()))

    def actor(self, name: str) -> str | None:
        return self.names.get(normalise(name))

    def place(self, name: str) -> str | None:
        return self.places.get(normalise(name))

    def add_store_labels(self, store) -> None:
        """Count the labels and aliases of the actors and places already in the store as names
        (after the alias files, which win)."""
        rows = store.query("""
            SELECT ?x ?name ?isPlace WHERE {
              { ?x a/rdfs:subClassOf* mkg:Actor } UNION { ?x a/rdfs:subClassOf* mkg:Place BIND(true AS ?isPlace) }
              ?x rdfs:label|skos:altLabel ?name .
              FILTER(STRSTARTS(STR(?x), STR(id:)))
            }""")
        base = len(str(ID))
        for row in rows:
            ident = row["x"].value[base:]
            if not ID_PATTERN.match(ident):
                continue
            table = self.places if row["isPlace"] is not None else self.names
            table.setdefault(normalise(row["name"].value), ident)


def load_aliases(extra_files=()) -> Aliases:
    """The shipped alias table plus the user's files (later files win)."""
    out = Aliases()
    shipped = resources.files("kg").joinpath("data/aliases.yaml")
    _load(shipped.read_text(encoding="utf-8"), "kg/data/aliases.yaml", out)
    for f in extra_files:
        try:
            text = Path(f).read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"cannot read the alias file: {e.strerror}", str(f)) from None
        _load(text, str(f), out)
    return out


def _load(text: str, file: str, out: Aliases) -> None:
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(e, 'problem', e)}", file, mark.line + 1 if mark else None) from None
    if not isinstance(doc, dict) or set(doc) - {"actors", "places"}:
        raise InputError("an alias file is a mapping with 'actors:' and/or 'places:'", file)
    errors = []
    for kind in ("actors", "places"):
        entries = doc.get(kind) or {}
        if not isinstance(entries, dict):
            raise InputError(f"'{kind}' maps ids to entries", file)
        classes = onto.subclasses("Actor" if kind == "actors" else "Place")
        for ident, entry in entries.items():
            ident = str(ident)
            entry = entry or {}
            if not ID_PATTERN.match(ident) or not isinstance(entry, dict):
                errors.append(InputError(f"{kind}: {ident!r} must be an id (lowercase letters, digits, hyphens) "
                                         "mapping to fields", file))
                continue
            unknown = set(entry) - {"type", "name", "wikidata", "affiliated_with", "in", "names", *CODE_SCHEMES}
            if unknown:
                errors.append(InputError(f"{kind}: {ident}: unknown field(s) {', '.join(sorted(unknown))}", file))
                continue
            type_name = str(entry.get("type", "actor" if kind == "actors" else "place"))
            if type_name not in classes:
                errors.append(InputError(f"{kind}: {ident}: unknown type {type_name!r}", file))
                continue
            previous = out.canonical.get(ident)
            out.canonical[ident] = Canonical(
                ident, kind, type_name if "type" in entry or not previous else previous.type,
                str(entry.get("name") or (previous.name if previous else ident)),
                str(entry["wikidata"]) if entry.get("wikidata") else (previous.wikidata if previous else None),
                str(entry.get("affiliated_with") or entry.get("in") or "") or (previous.parent if previous else None))
            table = out.names if kind == "actors" else out.places
            for name in [entry.get("name"), *(entry.get("names") or [])]:
                if name:
                    table[normalise(str(name))] = ident
            for scheme in CODE_SCHEMES:
                for code in entry.get(scheme) or []:
                    out.codes[(scheme, str(code).upper())] = ident
    if errors:
        from ..errors import InputErrors
        raise InputErrors(errors)
