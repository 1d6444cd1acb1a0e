"""Actor and place resolution: which node of the graph a name or code in imported data stands for.

The alias table (``kg/data/aliases.yaml``, extended by the user's ``--aliases`` files) maps names
and codes to canonical ids; the labels and aliases already in the store count as names too, so a
place written ``Khost`` in ACLED lands on the seed's ``id:khost``. What resolves nowhere becomes a
new actor or place, minted from the importer and the name, and flagged ``mkg:needsReview``.

A place name never resolves by its label alone: many places share a name ("Central" is a province
of Sri Lanka, Ghana, Malawi, Paraguay and Uganda). :meth:`Aliases.place_in` takes a known place
only when it lies inside the row's own country and inside the nearest known place of the row's own
admin chain, and when exactly one does. Places that imports minted (from a dataset's gazetteer)
are not candidates: they are found again by their id, which is made from their country and admin
chain, so one file imported whole or in parts gives the same places.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .. import vocabulary as onto
from ..authoring.yamlreader import YMap, load_yaml
from ..data import aliases_text
from ..errors import InputError, Problems
from ..files import read_text
from ..limits import limit
from ..namespaces import ID, ID_PATTERN

CODE_SCHEMES = ("cameo", "fips", "iso")


@lru_cache(maxsize=1 << 16)  # imports look the same few thousand names up again and again
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
    place_ids: dict[str, set] = field(default_factory=dict)           # normalised place name -> every id
    parents: dict[str, set] = field(default_factory=dict)             # id -> the ids it lies directly in
    _chains: dict[str, frozenset] = field(default_factory=dict)

    def code(self, scheme: str, code: str) -> str | None:
        return self.codes.get((scheme, code.upper()))

    def actor(self, name: str) -> str | None:
        return self.names.get(normalise(name))

    def place(self, name: str) -> str | None:
        return self.places.get(normalise(name))

    def place_in(self, name: str, country: str, inside: str) -> str | None:
        """The one known place called ``name`` that lies in ``country`` (an id) and in ``inside``
        (the nearest known place of the row's admin chain, or the country), or is ``inside`` itself;
        None when no place or several do (a new place is minted then, never a guess)."""
        found = [i for i in self.place_ids.get(normalise(name), ())
                 if i == inside or (country in self.within(i) and inside in self.within(i))]
        return found[0] if len(found) == 1 else None

    def within(self, ident: str) -> frozenset:
        """Every id that ``ident`` lies in, directly or not (``in`` in alias files, mkg:locatedIn in the store)."""
        chain = self._chains.get(ident)
        if chain is None:
            seen, todo = set(), list(self.parents.get(ident, ()))
            while todo:
                p = todo.pop()
                if p not in seen:
                    seen.add(p)
                    todo.extend(self.parents.get(p, ()))
            chain = self._chains[ident] = frozenset(seen)
        return chain

    def _add_place(self, name: str, ident: str, first_wins: bool) -> None:
        key = normalise(name)
        if first_wins:
            self.places.setdefault(key, ident)
        else:
            self.places[key] = ident
        self.place_ids.setdefault(key, set()).add(ident)

    def add_store_labels(self, store) -> None:
        """Count the labels and aliases of the actors and places already in the store as names
        (after the alias files, which win)."""
        from ..sparql.named import internal_query
        rows = store.query(internal_query("import-names"))
        base = len(str(ID))
        for row in rows:
            ident = row["x"].value[base:]
            if not ID_PATTERN.fullmatch(ident):
                continue
            if row["isPlace"] is None:
                self.names.setdefault(normalise(row["name"].value), ident)
                continue
            self._add_place(row["name"].value, ident, first_wins=True)
            if row["in"] is not None and row["in"].value.startswith(str(ID)):
                self.parents.setdefault(ident, set()).add(row["in"].value[base:])
        self._chains.clear()


def load_aliases(extra_files=()) -> Aliases:
    """The shipped alias table plus the user's files (later files win)."""
    out = Aliases()
    _load(aliases_text(), "kg/data/aliases.yaml", out)
    for f in extra_files:
        _load(read_text(f, "the alias file"), str(f), out)
    return out


def _strings(value) -> list[str] | None:
    """A field holding names or codes: a list of strings, or one string as a one-item list (so
    ``cameo: PAK`` is the code PAK, not P, A and K). None when it is anything else."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return value
    return None


WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")


def _line(entry, field: str, default: int | None) -> int | None:
    """The line of ``entry``'s ``field`` (of its value where it has one, else of its key)."""
    if not isinstance(entry, YMap) or field not in entry:
        return default
    return getattr(entry[field], "line", 0) or entry.line_of(field)


def _load(text: str, file: str, out: Aliases) -> None:
    doc = load_yaml(text, file, typed=True) or {}
    if not isinstance(doc, dict) or set(doc) - {"actors", "places"}:
        raise InputError("an alias file is a mapping with 'actors:' and/or 'places:'", file)
    errors = Problems(limit("errors_listed"))
    for kind in ("actors", "places"):
        entries = doc.get(kind) or {}
        if not isinstance(entries, dict):
            raise InputError(f"'{kind}' maps ids to entries", file, doc.line_of(kind))
        classes = onto.subclasses("Actor" if kind == "actors" else "Place")
        for ident, entry in entries.items():
            ident = str(ident)
            entry = entry or {}
            line = entries.line_of(ident)
            if not ID_PATTERN.fullmatch(ident) or not isinstance(entry, dict):
                errors.add(InputError(f"{kind}: {ident!r} must be an id (lowercase letters, digits, hyphens) "
                                      "mapping to fields", file, line))
                continue
            unknown = set(entry) - {"type", "name", "wikidata", "affiliated_with", "in", "names", *CODE_SCHEMES}
            if unknown:
                errors.add(InputError(f"{kind}: {ident}: unknown field(s) {', '.join(sorted(unknown))}", file, line))
                continue
            type_name = str(entry.get("type", "actor" if kind == "actors" else "place"))
            if type_name not in classes:
                errors.add(InputError(f"{kind}: {ident}: unknown type {type_name!r}", file,
                                      _line(entry, "type", line)))
                continue
            lists = {f: _strings(entry.get(f)) for f in ("names", *CODE_SCHEMES)}
            bad = [f for f, v in lists.items() if v is None]
            if entry.get("name") is not None and not isinstance(entry["name"], str):
                bad.insert(0, "name")
            if bad:
                for f in bad:
                    errors.add(InputError(
                        f"{kind}: {ident}: '{f}' must be " + ("a string" if f == "name" else
                                                               f"a list of strings, such as {f}: [\"PAK\"]"
                                                               if f in CODE_SCHEMES else
                                                               "a list of strings, such as names: [Pakistan]")
                        + f", not {entry[f]!r}", file, _line(entry, f, line)))
                continue
            wikidata = entry.get("wikidata")
            if wikidata is not None and not (isinstance(wikidata, str) and WIKIDATA_ID.fullmatch(wikidata)):
                errors.add(InputError(f"{kind}: {ident}: wikidata {wikidata!r} is not a Wikidata id such as Q843",
                                      file, _line(entry, "wikidata", line)))
                continue
            parent_field = "affiliated_with" if entry.get("affiliated_with") else "in"
            parent = entry.get(parent_field)
            if parent and not (isinstance(parent, str) and ID_PATTERN.fullmatch(parent)):
                errors.add(InputError(f"{kind}: {ident}: {parent_field} {parent!r} must be an id (lowercase "
                                      "letters, digits, hyphens)", file, _line(entry, parent_field, line)))
                continue
            previous = out.canonical.get(ident)
            out.canonical[ident] = Canonical(
                ident, kind, type_name if "type" in entry or not previous else previous.type,
                str(entry.get("name") or (previous.name if previous else ident)),
                wikidata or (previous.wikidata if previous else None),
                parent or (previous.parent if previous else None))
            for name in [entry.get("name"), *lists["names"]]:
                if name and kind == "actors":
                    out.names[normalise(name)] = ident
                elif name:
                    out._add_place(name, ident, first_wins=False)
            if parent:
                out.parents[ident] = {parent}
            for scheme in CODE_SCHEMES:
                for code in lists[scheme]:
                    out.codes[(scheme, code.upper())] = ident
    errors.raise_any()
