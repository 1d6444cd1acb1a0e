"""ACLED CSV exports: the 2023 layout (31 columns, disorder_type ... tags timestamp) and the older
one (data_id iso event_id_cnty event_id_no_cnty ... iso3), read by their header, with or without
a UTF-8 byte-order mark.

Each row is one event (IRI from ``event_id_cnty``), typed through the SKOS mapping of its
sub-event type in ontology/acled.ttl. Its actors and associated actors resolve through the alias
table; actors no alias knows are created with the class and ``mkg:actorKind`` of their inter code
and flagged for review. ``admin1..3`` and ``location`` become places inside one another (the
location with its WGS84 coordinates), ``time_precision`` the precision of the date, ``source``
and ``notes`` provenance. ``fatalities`` is ACLED's single, conservative figure: it becomes a
claim attributed to ACLED ("at least N killed"), dated like the event, never a fact.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from ..errors import InputError
from ..namespaces import MKG
from . import nquads as nq
from .aliases import normalise
from .core import Importer, RowError, csv_records, text_lines
from .vocab import acled_actor_types, acled_types

REQUIRED = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
            "inter1", "inter2", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
            "source", "notes", "fatalities")
EVENT_ID = re.compile(r"^[A-Z]{2,4}[0-9]{1,12}$")
DIGITS = re.compile(r"[0-9]{1,15}")  # str.isdigit() also takes '²' and other digits int() refuses
INTER_CLASSES = {"1": "ArmedForces", "2": "NonStateArmedGroup", "3": "NonStateArmedGroup", "4": "NonStateArmedGroup",
                 "5": "Actor", "6": "Actor", "7": "Actor", "8": "Actor"}
FORCE_TYPES = {"Explosions/Remote violence", "Violence against civilians"}
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%Y", "%d %b %Y")


def read(path: Path, ctx, options) -> None:
    size = path.stat().st_size or 1
    try:
        fh = path.open("rb")
        reader = csv.reader(text_lines(fh, str(path)), strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("the file is empty; an ACLED export starts with a header row", str(path), 1) from None
    except csv.Error as e:
        raise InputError(f"the header row is not valid CSV ({e})", str(path), 1) from None
    columns = [c.strip().lower() for c in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError("not an ACLED export: the header lacks " + ", ".join(missing), str(path), 1)
    index = {c: i for i, c in enumerate(columns)}
    ncols = len(columns)
    types, kinds = acled_types(), acled_actor_types()
    acled = ctx.canonical("acled")
    n = 0
    try:
        for line, row in csv_records(reader, ctx, path):
            n += 1
            if n % 5_000 == 0:
                ctx.progress(min(fh.tell() / size, 1.0) if fh.seekable() else 0)
            if len(row) != ncols:
                hint = " (a quote left open swallows the lines after it)" if any("\n" in c for c in row) else ""
                ctx.reject(line, RowError("wrong column count", f"{len(row)} fields where the header has {ncols}{hint}"))
                continue
            try:
                _row({c: row[i].strip() for c, i in index.items()}, ctx, types, kinds, acled)
            except RowError as e:
                ctx.reject(line, e)
    finally:
        fh.close()
    ctx.progress(1.0)


def _date(text: str) -> dt.date:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError("bad date", f"event_date {text[:30]!r} (expected 2026-02-27 or 27 February 2026)")


def _time(ctx, day: dt.date, precision: str) -> str:
    if precision == "1":
        return ctx.day(day)
    if precision == "2":  # the source gives the week: a week around the date ACLED coded
        a, b = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
        return ctx.time_node(a, b, "DateRange", f"{a}/{b}")
    if precision == "3":  # the source gives the month
        import calendar
        last = calendar.monthrange(day.year, day.month)[1]
        return ctx.time_node(day.replace(day=1), day.replace(day=last), "Month", f"{day:%Y-%m}")
    raise RowError("bad time_precision", f"{precision[:10]!r} (ACLED uses 1, 2 or 3)")


def _row(r: dict, ctx, types, kinds, acled) -> None:
    eid = r["event_id_cnty"]
    if not EVENT_ID.match(eid):
        raise RowError("bad event_id_cnty", repr(eid[:30]))
    day = _date(r["event_date"])
    etype = types.get(normalise(r["sub_event_type"])) or types.get(normalise(r["event_type"]))
    if etype is None:
        raise RowError("unknown event type", f"{r['event_type'][:40]!r} / {r['sub_event_type'][:40]!r}")
    fat = r["fatalities"]
    if not DIGITS.fullmatch(fat):
        raise RowError("non-numeric fatalities", repr(fat[:20]))
    lat = lon = None
    if r["latitude"] or r["longitude"]:
        try:
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except ValueError:
            raise RowError("bad coordinates", f"{r['latitude'][:20]!r}, {r['longitude'][:20]!r}") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise RowError("bad coordinates", f"{lat}, {lon} is outside WGS84 range")
    if not r["actor1"]:
        raise RowError("no actor1", "ACLED events have at least one actor")
    time_node = _time(ctx, day, r["time_precision"])
    place = _places(r, ctx, lat, lon)
    first_role, second_role = (("attacker", "target") if etype.event_type in FORCE_TYPES else ("party", "party"))
    actors = []
    for name_col, assoc_col, inter_col, role in (("actor1", "assoc_actor_1", "inter1", first_role),
                                                  ("actor2", "assoc_actor_2", "inter2", second_role)):
        names = [r[name_col]] + [a.strip() for a in r.get(assoc_col, "").split(";") if a.strip()]
        for name in filter(None, names):
            actors.append((nq.mkg(role), _actor(name, r[inter_col], ctx, kinds)))

    e = nq.node("acled-" + eid.lower())
    if ctx.known(e):
        ctx.summary.duplicates_merged += 1
    else:
        cls = etype.event_class
        if cls == str(MKG.Ceasefire) and len({a for _, a in actors}) < 2:
            cls = str(MKG.DiplomaticEvent)
        label = f"{etype.label}: {r['actor1']}" + (f" – {r['actor2']}" if r["actor2"] else "") + \
                (f", {r['location']}" if r["location"] else "")
        pairs = [(nq.TYPE, f"<{cls}>"), (nq.LABEL, nq.literal(label)), (nq.mkg("time"), time_node),
                 (nq.EVENT_TYPE, f"<{etype.concept}>"), (nq.DERIVED, ctx.source),
                 (nq.IDENTIFIER, nq.literal("acled:" + eid))]
        seen = set()
        for role, actor in actors:
            if (role, actor) not in seen:
                seen.add((role, actor))
                pairs.append((role, actor))
        if place:
            pairs.append((nq.HAS_PLACE, place))
        if r["source"]:
            pairs.append((nq.DC_SOURCE, nq.literal(r["source"])))
        if r["notes"]:
            pairs.append((nq.DESCRIPTION, nq.literal(r["notes"])))
        ctx.quads(e, pairs)
        ctx.summary.events_added += 1
    claim = nq.node(f"acled-{eid.lower()}-fatalities-{int(fat)}")
    if not ctx.known(claim):
        ctx.quads(claim, [
            (nq.TYPE, nq.mkg("Claim")), (nq.LABEL, nq.literal(f"ACLED: at least {int(fat)} killed ({eid})")),
            (nq.mkg("claimant"), acled), (nq.mkg("about"), e), (nq.mkg("measure"), nq.mkg("Killed")),
            (nq.mkg("figure"), nq.integer(int(fat))), (nq.mkg("qualifier"), nq.mkg("AtLeast")),
            (nq.mkg("verificationStatus"), nq.mkg("Unverified")), (nq.mkg("casualtyCategory"), nq.mkg("Unspecified")),
            (nq.mkg("time"), time_node), (nq.DERIVED, ctx.source)])
        ctx.summary.claims_added += 1


def _actor(name: str, inter: str, ctx, kinds) -> str:
    ident = ctx.aliases.actor(name)
    kind = kinds.get(inter) or kinds.get(normalise(inter)) if inter else None
    if ident:
        node = ctx.canonical(ident)
    else:
        code = kind.rsplit("-", 1)[-1] if kind else ""
        node = ctx.new_node("acled-actor-" + nq.slug(name), [nq.mkg(INTER_CLASSES.get(code, "Actor"))], name)
    if kind and ctx.first_time(("kind", node)) and not ctx.exists_value(node, nq.mkg("actorKind")):
        ctx.quad(node, nq.mkg("actorKind"), f"<{kind}>")
    return node


def _places(r: dict, ctx, lat, lon) -> str | None:
    al = ctx.aliases
    country = r["country"]
    ident = (al.code("iso", r["iso"]) if r.get("iso") else None) or (al.actor(country) if country else None)
    if ident:
        parent = ctx.canonical(ident)
    elif country:
        parent = ctx.new_node("acled-country-" + nq.slug(country), [nq.mkg("Country")], country, review=False)
    else:
        parent = None
    path = [nq.slug(country or "x")]
    for col, cls in (("admin1", "Province"), ("admin2", "Place"), ("admin3", "Place"), ("location", "Place")):
        name = r[col]
        if not name:
            continue
        path.append(nq.slug(name, 40))
        ident = al.place(name)
        if ident and col in ("admin1", "location"):
            node = ctx.canonical(ident)
        else:
            extra = [(nq.mkg("locatedIn"), parent)] if parent else []
            if col == "location" and lat is not None:
                extra += [(nq.LAT, nq.decimal(lat)), (nq.LONG, nq.decimal(lon))]
            node = ctx.new_node("acled-place-" + _path_id(path), [nq.mkg(cls)], name, review=False, extra=extra)
        parent = node
    return parent


def _path_id(path: list[str], limit: int = 85) -> str:
    """The id part of a place from its country, admin areas and name; when too long for an id, cut
    and ended with a hash of the whole path, so that two places never share an id."""
    text = "-".join(path)
    if len(text) <= limit:
        return text
    import hashlib
    return text[:limit - 11].rstrip("-") + "-" + hashlib.sha1(text.encode()).hexdigest()[:10]


IMPORTER = Importer("acled", "1", "ACLED export", read)
