"""A team's own spreadsheet (CSV), read through a small mapping file.

The mapping (YAML) says whether the rows are events or casualty claims, which column holds
which field, and values for every row::

    kind: claim                 # or: event
    id: Ref                     # optional: a column with a stable row id (else: a hash of the row)
    columns:                    # field: column header
      claimant: Claimant
      about: Event              # an id in the graph (february-2026-fighting), acled:AFG70002, gdelt:1234567
      losses_of: Side
      measure: Measure          # killed, wounded, captured, aircraft-lost ... (docs/authoring.md)
      figure: Number
      qualifier: Qualifier      # exactly, at-least, more-than, at-most, approximately, many, several
      date: Date                # 2026-02-27, 2026-02, 2026-02-21/22 ...: as in authoring files
      url: Link
    defaults:
      verification: unverified

Event fields: type (an event type as in authoring files, such as air-strike or mediation; a
CAMEO code; or an ACLED sub-event type), name, date, attacker, target, parties, mediators (actor
names; several separated by ';'), places (place names, ';'), latitude, longitude, url,
description. Claim fields: claimant, about, losses_of, measure, figure, qualifier, category,
verification, date, url, quote. Actor and place names resolve through the alias table.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from .. import vocabulary as onto
from ..authoring.dates import DateError, parse_date
from ..authoring.yamlreader import YMap, load_yaml
from ..errors import InputError
from ..files import read_text
from ..namespaces import ID_PATTERN, MKG
from . import nquads as nq
from .aliases import normalise
from .core import Importer, RowError, csv_records, text_lines
from .vocab import acled_types, cameo_codes

EVENT_FIELDS = {"type", "name", "date", "attacker", "target", "parties", "mediators", "places", "latitude",
                "longitude", "url", "description"}
CLAIM_FIELDS = {"claimant", "about", "losses_of", "measure", "figure", "qualifier", "category", "verification",
                "date", "url", "quote"}
REQUIRED = {"event": ("type", "date"), "claim": ("claimant", "measure")}
DIGITS = re.compile(r"[0-9]{1,15}")  # str.isdigit() also takes '²' and other digits int() refuses
ROLES = {"attacker": "attacker", "target": "target", "parties": "party", "mediators": "mediator"}


def load_mapping(path) -> dict:
    path = Path(path)
    file = str(path)
    doc = load_yaml(read_text(path, "the mapping file"), file, typed=True)
    if not isinstance(doc, dict) or doc.get("kind") not in ("event", "claim"):
        raise InputError("a mapping file says 'kind: event' or 'kind: claim'", file, doc.line_of("kind")
                         if isinstance(doc, YMap) and "kind" in doc else None)
    unknown = set(doc) - {"kind", "id", "columns", "defaults", "delimiter", "id_prefix", "source"}
    if unknown:
        raise InputError(f"unknown key(s) in the mapping: {', '.join(sorted(unknown))}", file,
                         min(doc.line_of(k) for k in unknown))
    fields = EVENT_FIELDS if doc["kind"] == "event" else CLAIM_FIELDS
    columns, defaults = doc.get("columns") or {}, doc.get("defaults") or {}
    if not isinstance(columns, dict) or not isinstance(defaults, dict):
        raise InputError("'columns' and 'defaults' map field names to a column header / a value", file)
    bad = (set(columns) | set(defaults)) - fields
    if bad:
        raise InputError(f"unknown {doc['kind']} field(s) {', '.join(sorted(bad))}; the fields are: "
                         + ", ".join(sorted(fields)), file)
    for k, v in defaults.items():  # a name, an id, a code or a date: one line (only text fields may break)
        if k not in ("description", "quote", "name") and any(c in str(v) for c in "\r\n"):
            raise InputError(f"the default for {k!r} must be one line, not {str(v)[:60]!r}", file,
                             defaults.line_of(k) if isinstance(defaults, YMap) else None)
    for f in REQUIRED[doc["kind"]]:
        if f not in columns and f not in defaults:
            raise InputError(f"a {doc['kind']} mapping needs '{f}' (a column or a default)", file)
    delimiter = doc.get("delimiter", ",")
    if not (isinstance(delimiter, str) and len(delimiter) == 1 and delimiter not in '"\r\n'):
        raise InputError(f"delimiter must be one character, such as ';' or a tab (\"\\t\"), not {delimiter!r}",
                         file, doc.line_of("delimiter"))
    prefix = str(doc.get("id_prefix") or nq.slug(path.stem, 30))
    if not ID_PATTERN.fullmatch(prefix):
        raise InputError(f"id_prefix {prefix[:60]!r} must be lowercase letters, digits and hyphens", file,
                         doc.line_of("id_prefix"))
    return {"kind": doc["kind"], "id": None if doc.get("id") is None else str(doc["id"]), "columns": {k: str(v) for k, v in columns.items()},
            "defaults": {k: str(v) for k, v in defaults.items()}, "delimiter": delimiter,
            "prefix": prefix, "file": file}


def read(path: Path, ctx, options) -> None:
    mapping = load_mapping(options["mapping"])
    try:
        fh = path.open("rb")
        reader = csv.reader(text_lines(fh, str(path)), delimiter=mapping["delimiter"], strict=True)
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as e:
        raise InputError(f"the header row is not valid CSV ({e})", str(path), 1) from None
    wanted = list(mapping["columns"].values()) + ([mapping["id"]] if mapping["id"] else [])
    missing = [c for c in wanted if c not in header]
    if missing:
        raise InputError(f"the mapping {mapping['file']} names column(s) the header lacks: {', '.join(missing)}",
                         str(path), 1)
    index = {h: i for i, h in enumerate(header)}
    try:
        for line, row in csv_records(reader, ctx, path):
            if len(row) != len(header):
                ctx.reject(line, RowError("wrong column count", f"{len(row)} fields where the header has {len(header)}"))
                continue
            values = dict(mapping["defaults"])
            for field, col in mapping["columns"].items():
                cell = row[index[col]].strip()
                if cell:
                    values[field] = cell
            rid = row[index[mapping["id"]]].strip() if mapping["id"] else ""
            if mapping["id"] and not rid:
                ctx.reject(line, RowError("no row id", f"column {mapping['id']!r} is empty"))
                continue
            ident = f"{mapping['prefix']}-" + (nq.slug(rid) if rid else hashlib.sha1("\x1f".join(row).encode()).hexdigest()[:16])
            try:
                (_event if mapping["kind"] == "event" else _claim)(ident, values, ctx)
            except RowError as e:
                ctx.reject(line, e)
    finally:
        fh.close()
    ctx.progress(1.0)


def _need(values, field):
    if not values.get(field):
        raise RowError(f"no {field}")
    return values[field]


def _date(text: str):
    try:
        extent = parse_date(text)
    except DateError as e:
        raise RowError("bad date", str(e)) from None
    if extent.edtf or extent.instant:
        raise RowError("bad date", f"{text!r}: EDTF forms and clock times are read in the authoring format, not in CSV imports")
    return extent


def _time_node(ctx, ext) -> str:
    return ctx.time_node(ext.not_before, ext.not_after, ext.precision,
                         ext.not_before.isoformat() if ext.precision == "Day" and not ext.qualifier else ext.text)


def _actor(name: str, ctx) -> str:
    ident = ctx.aliases.actor(name)
    if ident:
        return ctx.canonical(ident)
    return ctx.new_node("csv-actor-" + nq.slug(name), [nq.mkg("Actor")], name)


def _names(text: str):
    return [n.strip() for n in text.split(";") if n.strip()]


def _event_class(text: str) -> str:
    classes = {k: v for k, v in onto.subclasses("Event").items()}
    if text in classes:
        return str(classes[text])
    if text in cameo_codes():
        return cameo_codes()[text].event_class
    acled = acled_types().get(normalise(text))
    if acled:
        return acled.event_class
    raise RowError("unknown event type", f"{text[:40]!r} (an event type such as air-strike or mediation, a CAMEO "
                   "code, or an ACLED sub-event type)")


def _event(ident: str, v: dict, ctx) -> None:
    # Every check first: a rejected row writes nothing (no actor, place or time node left behind).
    cls = _event_class(_need(v, "type"))
    ext = _date(_need(v, "date"))
    coords = []
    if v.get("latitude") and v.get("longitude"):
        try:
            lat, lon = float(v["latitude"]), float(v["longitude"])
        except ValueError:
            raise RowError("bad coordinates", f"{v['latitude'][:20]!r}, {v['longitude'][:20]!r}") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise RowError("bad coordinates", f"{lat}, {lon} is outside WGS84 range")
        coords = [(nq.LAT, nq.decimal(lat)), (nq.LONG, nq.decimal(lon))]
    if cls.endswith("#Ceasefire") and len(_names(v.get("parties", ""))) < 2:
        raise RowError("a ceasefire needs two parties")
    if onto.is_subclass(_uriref(cls), "Statement"):
        raise RowError("statements cannot be imported from a spreadsheet yet", "use an authoring file")
    pairs = [(nq.TYPE, f"<{cls}>"), (nq.mkg("time"), _time_node(ctx, ext)), (nq.DERIVED, ctx.source)]
    for field, role in ROLES.items():
        for name in _names(v.get(field, "")):
            pairs.append((nq.mkg(role), _actor(name, ctx)))
    for name in _names(v.get("places", "")):
        pid = ctx.aliases.place(name)
        pairs.append((nq.HAS_PLACE, ctx.canonical(pid) if pid else
                      ctx.new_node("csv-place-" + nq.slug(name), [nq.mkg("Place")], name, review=False)))
    pairs += coords
    name = v.get("name") or f"{_need(v, 'type')} ({v['date']})"
    pairs.append((nq.LABEL, nq.literal(name)))
    if v.get("url"):
        pairs.append(nq.source(v["url"]))
    if v.get("description"):
        pairs.append((nq.DESCRIPTION, nq.literal(v["description"])))
    e = nq.node(ident)
    if ctx.known(e):
        ctx.summary.duplicates_merged += 1
        return
    ctx.quads(e, pairs)
    ctx.summary.events_added += 1


def _uriref(text):
    from rdflib import URIRef
    return URIRef(text)


def _concept(cls: str, text: str, field: str) -> str:
    options = onto.concepts(cls)
    key = text.strip().lower().replace(" ", "-")
    if key not in options:
        raise RowError(f"unknown {field}", f"{text[:30]!r} (one of {', '.join(sorted(options))})")
    return f"<{options[key]}>"


_IS_EVENT = ("ASK { ?x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
             "<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <" + str(MKG.Event) + "> }")


def _about(text: str, ctx) -> tuple[str, str | None]:
    """The event a claim is about (``february-2026-fighting`` or ``id:february-2026-fighting``, an
    id in the graph; ``acled:AFG70002``, ``gdelt:1234567``, the identifier an import recorded),
    and its time node (None if it has none). Anything that is not an event is refused."""
    import pyoxigraph as ox
    store = ctx._store
    node = None
    if text.startswith("id:") or ":" not in text:
        ident = text.removeprefix("id:")
        if ID_PATTERN.fullmatch(ident):
            node = nq.node(ident)
    elif store is not None:  # acled:AFG70002, gdelt:1234567
        for q in store.quads_for_pattern(None, ox.NamedNode(nq.IDENTIFIER[1:-1]), ox.Literal(text)):
            node = f"<{q.subject.value}>"
            break
        else:
            raise RowError("unknown event", f"{text[:40]!r}: no event in the graph has this identifier")
    if node is None or store is None or not store.query(
            _IS_EVENT, substitutions={ox.Variable("x"): ox.NamedNode(node[1:-1])}, use_default_graph_as_union=True):
        raise RowError("unknown event", f"{text[:40]!r} is not the id of an event in the graph")
    for q in store.quads_for_pattern(ox.NamedNode(node[1:-1]), ox.NamedNode(nq.mkg("time")[1:-1]), None):
        if isinstance(q.object, ox.NamedNode):
            return node, f"<{q.object.value}>"
    return node, None


def _claim(ident: str, v: dict, ctx) -> None:
    # Every check first: a rejected row writes nothing (no actor or time node left behind).
    claimant_name = _need(v, "claimant")
    pairs = [(nq.TYPE, nq.mkg("Claim")), (nq.mkg("measure"), _concept("Measure", _need(v, "measure"), "measure")),
             (nq.DERIVED, ctx.source)]
    qualifier = v.get("qualifier")
    figure = v.get("figure")
    if figure is not None:
        if not DIGITS.fullmatch(figure):
            raise RowError("non-numeric figure", repr(figure[:20]))
        pairs.append((nq.mkg("figure"), nq.integer(int(figure))))
        q = _concept("Qualifier", qualifier or "exactly", "qualifier")
        if q in (nq.mkg("Many"), nq.mkg("Several")):
            raise RowError("a figure cannot go with a vague qualifier", qualifier)
        pairs.append((nq.mkg("qualifier"), q))
    elif qualifier and _concept("Qualifier", qualifier, "qualifier") in (nq.mkg("Many"), nq.mkg("Several")):
        pairs.append((nq.mkg("qualifier"), _concept("Qualifier", qualifier, "qualifier")))
    else:
        raise RowError("no figure", "give a number, or the qualifier many or several")
    pairs.append((nq.mkg("verificationStatus"), _concept("VerificationStatus", v.get("verification", "unverified"),
                                                         "verification")))
    if v.get("category"):
        pairs.append((nq.mkg("casualtyCategory"), _concept("CasualtyCategory", v["category"], "category")))
    about_label, about_time = "", None
    if v.get("about"):
        about, about_time = _about(v["about"], ctx)
        pairs.append((nq.mkg("about"), about))
        about_label = f" ({v['about']})"
    ext = _date(v["date"]) if v.get("date") else None
    # Dated by when it was made; without a date, by the event it is about (so a time window keeps it
    # with its event).
    if ext is not None or about_time is not None:
        pairs.append((nq.mkg("time"), _time_node(ctx, ext) if ext else about_time))
    pairs.append((nq.mkg("claimant"), _actor(claimant_name, ctx)))
    for name in _names(v.get("losses_of", "")):
        pairs.append((nq.mkg("lossesOf"), _actor(name, ctx)))
    if v.get("url"):
        pairs.append(nq.source(v["url"]))
    if v.get("quote"):
        pairs.append((nq.mkg("quote"), nq.literal(v["quote"])))
    figure_text = f"{(qualifier or 'exactly').replace('-', ' ')} {figure}" if figure else qualifier
    whose = f" of {v['losses_of']}" if v.get("losses_of") else ""
    pairs.append((nq.LABEL, nq.literal(f"{v['claimant']}: {figure_text} {v['measure']}{whose}{about_label}")))
    c = nq.node(ident)
    if ctx.known(c):
        ctx.summary.duplicates_merged += 1
        return
    ctx.quads(c, pairs)
    ctx.summary.claims_added += 1


IMPORTER = Importer("csv", "1", "spreadsheet", read)
