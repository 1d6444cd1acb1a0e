"""Turn authoring files (YAML) and RDF files into quads, one named graph per source document.

The authoring format is documented in docs/authoring.md. Every item becomes a node with a stable
IRI minted from its id (``pakistan`` -> ``id:pakistan``), is typed by its ``type`` (the kebab-case
name of an ontology class), lands in the named graph of its source, and points at that source
with ``prov:wasDerivedFrom``. All problems in all files are collected and reported together, each
with file:line (the first ``errors_listed`` of kg/limits.py in full, the others counted).
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from .. import vocabulary as onto
from ..errors import DraftsLeft, InputError, Problems
from ..files import read_text
from ..limits import limit, over
from ..memory import gc_paused
from ..namespaces import (
    GRAPH,
    ID,
    ID_PATTERN,
    MKG,
    WD,
    closest_id,
    fact_iri,
    reserved_graph,
)
from . import rdf
from .dates import DateError, edtf_of, parse_date
from .schema import (
    ANYTHING,
    DEFAULT_TYPE,
    DRAFTED_FROM,
    FACT_FIELDS,
    MULTI_TYPED,
    NAMED,
    NOT_FOR,
    NOT_ITSELF,
    ONLY_FOR,
    SECTIONS,
    TOP_LEVEL,
    TYPED,
    Field,
    Ref,
    Stance,
)
from .yamlreader import YList, YMap, YStr, load_yaml

YAML_SUFFIXES = {".yaml", ".yml"}
RDF_SUFFIXES = {".ttl": "TURTLE", ".trig": "TRIG", ".nt": "N_TRIPLES", ".nq": "N_QUADS",
                ".jsonld": "JSON_LD", ".rdf": "RDF_XML", ".owl": "RDF_XML"}
WIKIDATA_PATTERN = re.compile(r"Q[1-9][0-9]*")
# rdflib's DefinedNamespace attributes cost a lookup each time; these are written for every item.
TYPE, DERIVED_FROM, LABEL = RDF.type, PROV.wasDerivedFrom, RDFS.label


# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Item:
    section: str
    data: YMap | None  # None once its file is translated: a large build keeps one file's items in full
    file: str
    cls: URIRef  # its class (the first of its types)
    source: str | None
    parent: Item | None = None
    inherited: dict | None = None  # fields a nested claim takes from its statement
    line: int = 0  # of its id
    name: str | None = None  # what another item's default label calls it
    claims: int = 0  # nested claims registered so far (numbers the ones without an id)
    also: tuple = ()  # its other classes, for an event of more than one type

    def is_a(self, base_local: str) -> bool:
        return any(onto.is_subclass(c, base_local) for c in (self.cls, *self.also))


@dataclass
class Ingested:
    """The result of ingesting files: quads (rdflib terms) and where each node was written.

    ``ingest(paths)`` fills ``quads``; ``ingest(paths, stream=True)`` leaves it empty and translates
    file by file as :meth:`batches` is iterated, so a build of a million events never holds them all.
    ``count`` and ``graphs`` are complete once the quads have all been read."""
    quads: list = field(default_factory=list)
    origins: dict | None = field(default_factory=dict)  # subject IRI -> "file:line" (None: not kept)
    files: list = field(default_factory=list)
    count: int = 0
    graphs: set = field(default_factory=set)
    pending: Iterator | None = None  # batches still to translate (a streamed ingest)
    drafts: Problems = field(default_factory=lambda: Problems(limit("errors_listed")))  # items marked draft, at file:line

    def add(self, s, p, o, g):
        self.quads.append((s, p, o, g))

    def batches(self):
        """The quads, list by list; a streamed ingest translates them now (once) and raises
        InputErrors at the end if any file had problems."""
        if self.quads:
            yield self.quads
        if self.pending is not None:
            pending, self.pending = self.pending, None
            yield from pending


def discover(paths) -> list[Path]:
    """Expand directories into the authoring and RDF files inside them, sorted for reproducibility."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in YAML_SUFFIXES | set(RDF_SUFFIXES)
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.is_file():
            if p.suffix.lower() not in YAML_SUFFIXES | set(RDF_SUFFIXES):
                raise InputError(f"unknown file type {p.suffix!r}: use .yaml for authoring files or "
                                 + ", ".join(sorted(RDF_SUFFIXES)) + " for RDF", str(p))
            out.append(p)
        else:
            raise InputError("no such file or directory", str(p))
    if not out:
        raise InputError("no authoring (.yaml) or RDF files found", ", ".join(map(str, paths)))
    return out


def ingest(paths, *, stream: bool = False, origins: bool = True, drafts: bool = False) -> Ingested:
    """Read every file under ``paths`` into quads. Raises InputErrors listing the problems found,
    then (unless ``drafts``: keep them, marked ``mkg:draft``) DraftsLeft listing the items still
    marked ``draft``.

    With ``stream``, only the files are found here: the quads come from ``batches()``, one file's
    at a time, and the errors at the end of it. ``origins`` (where each item was written, which
    validation reports) are not kept when ``origins`` is false: a large build that is not
    validated need not hold them."""
    files = discover(paths)
    result = Ingested(files=[str(f) for f in files], origins={} if origins else None)
    result.pending = _batches(files, result, drafts)
    if not stream:
        for batch in result.batches():
            result.quads.extend(batch)
    return result


def _load(f: Path, col):
    """An authoring file's YAML, or None when it is empty or cannot be read or parsed (said to ``col``)."""
    try:
        return load_yaml(read_text(f), str(f))
    except InputError as e:
        col.add(e)
        return None


def _batches(files: list[Path], result: Ingested, drafts: bool):
    """Translate the files, yielding each file's quads as a list. Authoring files are read twice:
    once to know every item (a reference may point into any file), then one by one to translate
    them, so only one file's YAML is held at a time."""
    col = Problems(limit("errors_listed"))
    items: dict[str, Item] = {}
    authoring = set()
    with gc_paused():
        for f in files:
            if f.suffix.lower() not in YAML_SUFFIXES:
                continue
            doc = _load(f, col)
            if doc is not None:
                authoring.add(f)
                _collect_items([(str(f), doc)], col, items)
                _slim(items, str(f))
    gc.freeze()  # the index of items lives as long as the build: spare the collector looking at it again
    try:
        for f in files:
            with gc_paused():
                out = Ingested(origins=result.origins, drafts=result.drafts)
                if f in authoring:
                    _translate_file(f, items, out, col)
                elif f.suffix.lower() in RDF_SUFFIXES:
                    rdf.read_into(f, RDF_SUFFIXES[f.suffix.lower()], out, col)
                batch = out.quads
                result.count += len(batch)
                result.graphs.update({q[3] for q in batch})
            yield batch
    finally:
        gc.unfreeze()
    col.raise_any()
    if result.drafts and not drafts:
        raise DraftsLeft(sorted(result.drafts.errors, key=lambda e: (e.file or "", e.line or 0)), result.drafts.more)


def _slim(items: dict, file: str):
    """Drop the YAML of the items just read from ``file`` (the last ones registered): what other
    files need of them is kept on the Item."""
    for item in reversed(items.values()):
        if item.file != file:
            break
        item.data = None


def _translate_file(f: Path, items: dict, out: Ingested, col):
    """Read ``f`` again and translate its items, with ``items`` knowing every file's. Problems in
    registering them were reported by the first reading, so this one's are dropped."""
    file = str(f)
    doc = _load(f, col)  # changed or removed since the first reading: said so, with no traceback
    if doc is None:
        return
    local = _collect_items([(file, doc)], Problems(limit("errors_listed")))
    # the accounts registered from this file by the first reading (not an id a source used twice)
    mine = []
    for it in local.values():
        ident = str(it.data["id"])
        primary = items.get(ident)
        key = ident if primary is not None and primary.source == it.source else (ident, it.source)
        if (first := items.get(key)) is not None and first.file == file and first.line == it.line:
            mine.append((key, it))
    for key, item in mine:
        item.name = items[key].name  # as registered: another source's account may have named it
        items[key] = item
    for _, item in mine:
        _translate(item, items, out, col)
        if col:  # the build will fail: its quads would only be thrown away, so hold none
            out.quads.clear()
    for _, item in mine:
        item.data = None


# ---------------------------------------------------------------------------------------------
# Pass 1: every item with its id, class and source, so references can be checked in pass 2.

def _collect_items(documents, col, items: dict | None = None) -> dict[str, Item]:
    items = {} if items is None else items
    for file, doc in documents:
        if not isinstance(doc, YMap):
            col.error("an authoring file is a mapping of sections (sources:, actors:, events: ...)", file, getattr(doc, "line", 1))
            continue
        for key in doc:
            if key not in TOP_LEVEL:
                col.error(f"unknown section {key!r}; the sections are: {', '.join(sorted(TOP_LEVEL))}", file, doc.line_of(key))
        if "drafted_from" in doc:
            _check_drafted_from(doc["drafted_from"], file, doc.line_of("drafted_from"), col)
        default_source = doc.get("source")
        if default_source is not None and not isinstance(default_source, YStr):
            col.error("'source' at the top of a file is the id of one source", file, doc.line_of("source"))
            default_source = None
        for section in SECTIONS:
            entries = doc.get(section)
            if entries is None:
                continue
            if not isinstance(entries, YList):
                col.error(f"'{section}' must be a list of items (each starting with '- ')", file, doc.line_of(section))
                continue
            for entry in entries:
                _register(section, entry, file, default_source, None, items, col)
    return items


def _register(section, entry, file, default_source, parent, items, col):
    if not isinstance(entry, YMap):
        col.error(f"each item in '{section}' must be a mapping of fields (key: value)", file, getattr(entry, "line", None))
        return
    ident = entry.get("id")
    if ident is None and parent is not None:
        ident = YStr(f"{parent.data['id']}-claim-{parent.claims + 1}")
        ident.line = entry.line
        entry["id"] = ident
        entry.key_lines["id"] = entry.line
    if not isinstance(ident, YStr) or not ident:
        col.error(f"this item in '{section}' has no id", file, entry.line)
        return
    if not ID_PATTERN.fullmatch(ident):
        col.error(f"id {str(ident)[:60]!r} must be lowercase letters, digits and hyphens (like 'khawaja-asif'), "
                  f"at most {limit('id_chars')} characters", file, entry.line_of("id"))
        return
    source = entry.get("source", parent.source if parent else default_source)
    if section == "sources":
        source = ident
    source = sys.intern(str(source)) if source is not None else None
    name = entry.get("name")
    key = str(ident)
    primary = items.get(key)
    if primary is not None:  # another account of an item: allowed from another source
        account = items.get((key, source))
        first = primary if primary.source == source else account
        if first is not None or section == "sources" or primary.section == "sources":
            first = first or primary
            col.error(f"the id {ident!r} is used twice (first in {first.file}:{first.line}); an item is "
                      "described once per source", file, entry.line_of("id"))
            return
        if primary.section != section:
            col.error(f"{ident!r} is one of the {primary.section} in {primary.file}:{primary.line}, so another "
                      f"source's account of it goes under '{primary.section}' too, not '{section}'",
                      file, entry.line_of("id"))
            return
        if name is not None and primary.name is not None and str(name) != primary.name:
            col.error(f"{ident!r} is called {primary.name!r} in the account of source {primary.source!r} "
                      f"({primary.file}:{primary.line}): an item has one name in every account (write how this "
                      "source calls it under 'aliases' or 'description')", file, entry.line_of("name"))
            return
        key = (key, source)
    cls, *also = _item_classes(section, entry, file, col)
    item = Item(section, entry, file, cls, source, parent, line=entry.line_of("id"),
                name=None if name is None else str(name), also=tuple(also))
    items[key] = item
    if primary is not None and primary.name is None and item.name is not None:
        primary.name = item.name  # what references to the item call it
    if parent is not None:
        parent.claims += 1
    claims = entry.get("claims") if section == "statements" else None
    if claims is not None:
        if not isinstance(claims, YList):
            col.error("'claims' must be a list of claims", file, entry.line_of("claims"))
        else:
            for claim in claims:
                _register("claims", claim, file, default_source, item, items, col)


def _item_classes(section, entry, file, col) -> list[URIRef]:
    """The classes of an item: one, or for events and statements one per type of a list
    (``type: [air-strike, retaliatory-attack]``)."""
    base, _ = SECTIONS[section]
    if section not in TYPED:
        if "type" in entry:
            col.error(f"items in '{section}' have no 'type'", file, entry.line_of("type"))
        return [MKG[base]]
    type_names = entry.get("type", DEFAULT_TYPE.get(section))
    if isinstance(type_names, YList) and section not in MULTI_TYPED:
        col.error(f"an item in '{section}' has one type, not a list", file, entry.line_of("type"))
        return [MKG[TYPED[section][0]]]
    if type_names is None or (isinstance(type_names, YList) and not type_names):
        col.error(f"this item in '{section}' needs a 'type'", file, entry.line)
        return [MKG[TYPED[section][0]]]
    allowed = {}
    for b in TYPED[section]:
        allowed.update(onto.subclasses(b))
    if section == "events":
        allowed = {k: v for k, v in allowed.items() if not onto.is_subclass(v, "Statement")}
    classes = []
    for type_name in type_names if isinstance(type_names, YList) else [type_names]:
        if not isinstance(type_name, str) or type_name not in allowed:
            statement = section == "events" and isinstance(type_name, str) and type_name in onto.subclasses("Statement")
            hint = "statements go under 'statements:'; " if statement else ""
            col.error(f"unknown {section[:-1]} type {str(type_name)[:60]!r}; {hint}known types: {', '.join(sorted(allowed))}",
                      file, getattr(type_name, "line", 0) or entry.line_of("type"))
        elif allowed[type_name] not in classes:
            classes.append(allowed[type_name])
    # keep the item even with an unknown type, so references to it are checked, not all reported unknown
    return classes or [MKG[TYPED[section][0]]]


# ---------------------------------------------------------------------------------------------
# Pass 2: translate each item.

def _translate(item: Item, items, out: Ingested, col):
    data, file = item.data, item.file
    section = item.section
    _, fields = SECTIONS[section]
    ident = str(data["id"])
    subject = ID[ident]
    if item.source is None:
        col.error(f"{ident!r} has no source: add 'source: <source id>' to the item or at the top of the file",
                  file, data.line_of("id"))
        return
    src = items.get(item.source)
    if src is None or src.section != "sources":
        line = data.line_of("source") if "source" in data else data.line_of("id")
        col.error(f"unknown source {item.source!r} (sources are declared under 'sources:')", file, line)
        return
    graph = GRAPH[item.source]
    if reserved_graph(str(graph)):  # said once, at the source; its items are left out
        if section == "sources":
            col.error(f"a source cannot have the id {ident!r}: its graph <{graph}> is one kg writes itself "
                      "(the ontology's); choose another id", file, data.line_of("id"))
        return
    if out.origins is not None:
        out.origins[subject] = f"{file}:{data.line_of('id')}"

    def add(s, p, o):
        out.add(s, p, o, graph)

    add(subject, TYPE, item.cls)
    for cls in item.also:
        add(subject, TYPE, cls)
    if onto.is_subclass(item.cls, "State"):
        add(subject, TYPE, MKG.Country)
    add(subject, DERIVED_FROM, ID[item.source])

    for key, value in data.items():
        spec = fields.get(key)
        if spec is None:
            allowed = ", ".join(k for k in fields if k not in ("id",))
            col.error(f"unknown field {key!r} for {section[:-1]} {ident!r}; fields are: {allowed}", file, data.line_of(key))
            continue
        if spec.kind in ("id", "type", "source", "claims"):
            continue
        if spec.kind == "draft":
            confidence = _draft_confidence(value, ident, file, data.line_of(key), col)
            if confidence is not None:
                add(subject, MKG.draft, Literal(True))
                add(subject, MKG.draftConfidence, Literal(confidence, datatype=XSD.decimal))
                out.drafts.error(f"{section[:-1]} {ident!r} ({section}) is a draft, confidence {confidence}",
                                 file, data.line_of("id"))
            continue
        if key in ONLY_FOR and not item.is_a(ONLY_FOR[key][0]):
            col.error(f"{key!r} is only for {ONLY_FOR[key][1]}, and {ident!r} is a {_kind(item.cls)}", file, data.line_of(key))
            continue
        if key in NOT_FOR and any(item.is_a(c) for c in NOT_FOR[key][0]):
            col.error(f"{key!r} is for {NOT_FOR[key][1]}, and {ident!r} is a {_kind(item.cls)}", file, data.line_of(key))
            continue
        values = value if isinstance(value, YList) else [value]
        if not spec.multi and isinstance(value, YList):
            col.error(f"{key!r} takes one value, not a list", file, data.line_of(key))
            continue
        for v in values:
            term = _term(spec, key, v, ident, item, items, col, out, graph)
            if term is None or spec.predicate is None:
                continue
            if spec.reverse:
                add(term, spec.predicate, subject)
            else:
                add(subject, spec.predicate, term)

    inherited = _inherit(item, items)
    item.inherited = inherited
    for key, term in inherited.items():
        add(subject, fields[key].predicate, term)
    present = set(data) | set(inherited)
    for key, spec in fields.items():
        if spec.required and key not in present:
            col.error(f"{section[:-1]} {ident!r} needs '{key}'", file, data.line_of("id"))
    if section == "claims":
        _claim_rules(item, items, out, col, graph)
    if "name" not in data:
        primary = items.get(ident)
        if section in NAMED:
            if primary is None or primary.name is None:  # another source's account may name it
                col.error(f"{section[:-1]} {ident!r} needs a 'name'", file, data.line_of("id"))
        elif primary is item:  # one label for an item, made from its first account
            add(subject, LABEL, Literal(data["title"] if section == "sources" and "title" in data
                                             else _default_label(item, items)))


def _draft_confidence(v, ident, file, line, col) -> str | None:
    """The confidence of a ``draft`` mark ``{confidence: 0-1, spans: [[start, end], ...], reason: TEXT}``
    (kg.draft.model.draft_mark), checked whole; None (and said to ``col``) when it is malformed."""
    what = "{confidence: 0 to 1, spans: [[start, end], ...], reason: text}"
    if not isinstance(v, YMap) or "confidence" not in v or "spans" not in v or set(v) - {"confidence", "spans", "reason"}:
        col.error(f"'draft' of {ident!r} is written {what}", file, line)
        return None
    ok = True
    confidence = v["confidence"]
    if not (isinstance(confidence, YStr) and re.fullmatch(r"(0(\.\d{1,9})?|1(\.0{1,9})?|\.\d{1,9})", confidence)):
        col.error(f"the draft confidence of {ident!r} is a number from 0 to 1, not {str(confidence)[:40]!r}",
                  file, v.line_of("confidence"))
        ok = False
    spans = v["spans"]
    if not isinstance(spans, YList) or not spans or not all(_is_span(sp) for sp in spans):
        col.error(f"the draft spans of {ident!r} are a list of [start, end] character offsets into the article, "
                  "whole numbers with start < end", file, v.line_of("spans"))
        ok = False
    reason = v.get("reason")
    if reason is not None and not (isinstance(reason, YStr) and reason.strip() and len(reason) <= limit("text_chars")):
        col.error(f"the draft reason of {ident!r} is a line of text", file, v.line_of("reason"))
        ok = False
    return str(confidence) if ok else None


def _is_span(sp) -> bool:
    return (isinstance(sp, YList) and len(sp) == 2 and all(isinstance(n, YStr) and re.fullmatch(r"\d{1,15}", n) for n in sp)
            and int(sp[0]) < int(sp[1]))


# the kinds of value of drafted_from's fields: kind -> (a test of the text, how to say it)
_ORIGIN_VALUES = {"text": (lambda t: len(t) <= limit("text_chars"), "text"),
                  "int": (re.compile(r"\d{1,15}").fullmatch, "a whole number"),
                  "sha256": (re.compile(r"[0-9a-f]{64}").fullmatch, "64 lowercase hex digits")}


def _check_drafted_from(v, file, line, col) -> None:
    """``drafted_from`` at the top of a drafted file: which article, by name, SHA-256 and length, and
    which pipeline drafted it."""
    if not isinstance(v, YMap) or set(v) - set(DRAFTED_FROM):
        col.error(f"'drafted_from' is a mapping of {', '.join(DRAFTED_FROM)}", file, line)
        return
    for key, value in v.items():
        test, what = _ORIGIN_VALUES[DRAFTED_FROM[key]]
        if not (isinstance(value, YStr) and test(value)):
            col.error(f"'{key}' of 'drafted_from' must be {what}", file, v.line_of(key))


def _inherit(item: Item, items) -> dict:
    """Nested claims take claimant, date and verification from their statement unless they say otherwise."""
    if item.section != "claims" or item.parent is None:
        return {}
    parent, out = item.parent.data, {}
    out["stated_in"] = ID[str(parent["id"])]
    if "claimant" not in item.data and isinstance(parent.get("speaker"), (YStr, YList)):
        speakers = parent["speaker"] if isinstance(parent["speaker"], YList) else [parent["speaker"]]
        if len(speakers) == 1 and speakers[0] in items:
            out["claimant"] = ID[str(speakers[0])]
    if "date" not in item.data and "date" in parent:
        out["date"] = time_node(str(parent["id"]), item.source)
    if "verification" not in item.data and "verification" in parent:
        concept = onto.concepts("VerificationStatus").get(str(parent["verification"]))
        if concept is not None:
            out["verification"] = concept
    return out


def _claim_rules(item, items, out, col, graph):
    data, file = item.data, item.file
    subject = ID[str(data["id"])]
    vague = {"many", "several"}
    qualifier = data.get("qualifier")
    if "figure" in data and qualifier in vague:
        col.error(f"claim {data['id']!r}: a figure cannot go with the vague qualifier {qualifier!r}", file, data.line_of("qualifier"))
    if "figure" not in data and qualifier not in vague:
        col.error(f"claim {data['id']!r} needs a 'figure' (or qualifier: many / several when the source gives no number)",
                  file, data.line_of("id"))
    if "figure" in data and qualifier is None:
        out.add(subject, MKG.qualifier, onto.concepts("Qualifier")["exactly"], graph)
    if "verification" not in data and not (item.parent and "verification" in item.parent.data):
        out.add(subject, MKG.verificationStatus, onto.concepts("VerificationStatus")["unverified"], graph)
    if "claimant" not in data and item.parent is not None and "claimant" not in item.inherited:
        col.error(f"claim {data['id']!r} needs a 'claimant' (its statement has no single speaker to inherit)",
                  file, data.line_of("id"))


def _default_label(item: Item, items) -> str:
    data = item.data

    def name(ref):
        it = items.get(str(ref))
        return (str(ref) if it.name is None else it.name) if it else str(ref)

    if item.section == "claims":
        parts = [str(data.get("qualifier", "")).replace("-", " "), str(data.get("figure", "")),
                 str(data.get("measure", "")).replace("-", " ")]
        text = " ".join(p for p in parts if p)
        whose = data.get("group") or ", ".join(name(a) for a in _as_list(data.get("losses_of")))
        claimant = data.get("claimant") or (item.parent and _first(item.parent.data.get("speaker")))
        return f"{name(claimant)}: {text}" + (f" ({whose})" if whose else "")
    if item.section in ("statements", "positions"):
        who = ", ".join(name(a) for a in _as_list(data.get("speaker") or data.get("holder")))
        what = data.get("summary") or _first(data.get("quote"))
        if who and what:
            return f"{who}: {what}"
        return str(what) if what else f"{who or data['id']} ({item.section[:-1]})"
    return str(data["id"])


def _as_list(v):
    return [] if v is None else (list(v) if isinstance(v, YList) else [v])


def _first(v):
    lst = _as_list(v)
    return lst[0] if lst else None


def _term(spec: Field, key, v, ident, item, items, col, out, graph):
    file = item.file
    line = getattr(v, "line", 0) or item.data.line_of(key)
    if isinstance(spec.kind, Stance) and isinstance(v, YMap):
        return _fact(key, v, ident, item, items, col, out, graph)
    if not isinstance(v, YStr):
        col.error(f"{key!r} of {ident!r} must be a plain value, not a {'list' if isinstance(v, YList) else 'mapping'}", file, line)
        return None
    text = str(v)
    kind = spec.kind
    if isinstance(kind, Ref):
        target = items.get(text)
        if target is None:
            col.error(f"{key!r} of {ident!r}: unknown id {text[:80]!r}" + _suggest(text, items, kind), file, line)
            return None
        if not any(target.is_a(b) for b in kind.bases):
            col.error(f"{key!r} of {ident!r} must be {kind.what}, but {text!r} is a {_kind(target.cls)}", file, line)
            return None
        if key in NOT_ITSELF and text == ident:
            col.error(f"{key!r} of {ident!r} is {ident!r} itself: {kind.what} cannot be linked to itself this way; "
                      f"name the other {kind.what.split(' ', 1)[1]} meant", file, line)
            return None
        return ID[text]
    if isinstance(kind, tuple) and kind[0] == "concept":
        options = onto.concepts(kind[1])
        if text not in options:
            col.error(f"{key!r} of {ident!r}: {text[:60]!r} is not one of {', '.join(sorted(options))}", file, line)
            return None
        return options[text]
    if kind == "text":
        if len(text) > limit("text_chars"):
            col.error(f"{key!r} of {ident!r} is too long: {over('text_chars')}", file, line)
            return None
        if not text.strip():
            col.error(f"{key!r} of {ident!r} is empty", file, line)
            return None
        return Literal(text)
    if kind == "int":
        if not re.fullmatch(r"\d{1,15}", text):
            col.error(f"{key!r} of {ident!r} must be a whole number, not {text[:40]!r}", file, line)
            return None
        return Literal(int(text), datatype=XSD.integer)
    if kind == "decimal":
        if not re.fullmatch(r"\d{1,15}(\.\d{1,9})?", text):
            col.error(f"{key!r} of {ident!r} must be a number, not {text[:40]!r}", file, line)
            return None
        return Literal(text, datatype=XSD.decimal)
    if kind == "bool":
        if text not in ("true", "false"):
            col.error(f"{key!r} of {ident!r} must be true or false, not {text[:40]!r}", file, line)
            return None
        return Literal(text == "true", datatype=XSD.boolean)
    if kind == "wikidata":
        if not WIKIDATA_PATTERN.fullmatch(text):
            col.error(f"'wikidata' of {ident!r} must be a Wikidata id like Q843, not {text[:40]!r}", file, line)
            return None
        return WD[text]
    if kind == "url":
        if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", text):
            col.error(f"'url' of {ident!r} must be an http(s) URL, not {text[:80]!r}", file, line)
            return None
        return Literal(text, datatype=XSD.anyURI)
    if kind in ("date", "day"):
        try:
            extent = parse_date(text)
        except DateError as e:
            col.error(f"{key!r} of {ident!r}: {e}", file, line)
            return None
        if kind == "day":
            if extent.precision != "Day" or extent.qualifier or extent.edtf or extent.instant:
                col.error(f"{key!r} of {ident!r} must be a single day like 2026-02-27", file, line)
                return None
            return Literal(extent.not_before.isoformat(), datatype=XSD.date)
        node = time_node(ident, item.source, {MKG.endTime: "end", MKG.asOf: "as-of"}.get(spec.predicate, "time"))
        out.add(node, RDF.type, MKG.TimeExtent, graph)
        for predicate, bound in ((MKG.notBefore, extent.not_before), (MKG.notAfter, extent.not_after)):
            if bound is not None:  # an open end of an EDTF interval has no bound
                out.add(node, predicate, Literal(bound.isoformat(), datatype=XSD.date), graph)
        out.add(node, MKG.precision, MKG[extent.precision], graph)
        out.add(node, RDFS.label, Literal(extent.text), graph)
        if extent.qualifier:
            out.add(node, MKG.timeQualifier, Literal(extent.qualifier), graph)
        # every date in EDTF too (exports carry it; a night or a weekend as its span of days)
        edtf = edtf_of(extent)
        out.add(node, MKG.edtf, Literal(edtf), graph)  # a plain literal: xsd:string in RDF 1.1, and as exports read back
        if extent.instant:  # EDTF's date and time is xsd:dateTime's form
            out.add(node, MKG.clockTime, Literal(edtf, datatype=XSD.dateTime), graph)
        for flag in extent.flags:
            out.add(node, MKG.dateQualifier, Literal(flag), graph)
        return node
    raise AssertionError(f"unhandled field kind {kind!r}")


def _fact(key, v: YMap, ident, item, items, col, out, graph):
    """One fact about an item, ``{item: ID, FIELD: VALUE}`` in a statement's ``rejects`` (or
    ``confirms``, ``declines_to_confirm``): the node :func:`kg.namespaces.fact_iri` names, typed
    rdf:Statement in this account's graph, which the statement then points at."""
    file, line = item.file, v.line or item.data.line_of(key)
    fields = [k for k in v if k != "item"]
    what = "{item: ID, FIELD: VALUE}, FIELD one of " + ", ".join(FACT_FIELDS)
    if "item" not in v or len(fields) != 1 or fields[0] not in FACT_FIELDS:
        col.error(f"{key!r} of {ident!r}: one fact is written {what}", file, line)
        return None
    field = fields[0]
    sections, predicate = FACT_FIELDS[field]
    subject, value = v["item"], v[field]
    if not isinstance(subject, YStr) or not isinstance(value, YStr):
        col.error(f"{key!r} of {ident!r}: the item and the {field} of a fact are ids, one each", file, line)
        return None
    target = items.get(str(subject))
    if target is None:
        col.error(f"{key!r} of {ident!r}: unknown id {str(subject)[:80]!r}" + _suggest(str(subject), items, ANYTHING),
                  file, v.line_of("item"))
        return None
    if target.section not in sections:
        col.error(f"{key!r} of {ident!r}: {field!r} is a fact about {' or '.join(sections)}, and {str(subject)!r} "
                  f"is one of the {target.section}", file, v.line_of(field))
        return None
    spec = SECTIONS[target.section][1][field]
    obj = _term(spec, field, value, ident, item, items, col, out, graph)  # the value's id, checked as the field's
    if obj is None:
        return None
    node = URIRef(fact_iri(str(ID[str(subject)]), str(predicate), str(obj)))
    for p, o in ((RDF.type, RDF.Statement), (RDF.subject, ID[str(subject)]), (RDF.predicate, predicate),
                 (RDF.object, obj)):
        out.add(node, p, o, graph)
    return node


def time_node(ident: str, source: str, which: str = "time") -> URIRef:
    """The time extent of one source's account of an item: ``id:ITEM#time-SOURCE`` (``#end-SOURCE``
    for when it ended); each account has its own, so two sources' dates never merge."""
    return ID[f"{ident}#{which}-{source}"]


def _kind(cls) -> str:
    return onto.kebab(str(cls).split("#")[-1])


def _suggest(text, items, kind) -> str:
    if len(text) > limit("id_chars"):
        return f" (no id is longer than {limit('id_chars')} characters)"
    candidates = [k for k, it in items.items() if type(k) is str and any(it.is_a(b) for b in kind.bases)]
    close = closest_id(text, candidates)
    return f" (did you mean {close!r}?)" if close else ""
