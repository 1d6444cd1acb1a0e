"""ACLED CSV exports: the 2023 layout (31 columns, disorder_type ... tags timestamp) and the older
one (data_id iso event_id_cnty event_id_no_cnty ... iso3), read by their header, with or without
a UTF-8 byte-order mark.

Each row is one event (IRI from ``event_id_cnty``), typed through the SKOS mapping of its
sub-event type in ontology/acled.ttl. Its actors and associated actors resolve through the alias
table; actors no alias knows are created with the class and ``mkg:actorKind`` of their own inter
codes (:class:`_Actors`) and flagged for review. ``admin1..3`` and ``location`` become places
inside one another, resolved inside their own country and admin chain (:func:`_places`; the
location with its WGS84 coordinates), ``time_precision`` the precision of the date, ``source``
and ``notes`` provenance. ``fatalities`` is ACLED's single, conservative figure: above 0 it
becomes a claim attributed to ACLED ("at least N killed"), dated like the event, never a fact; 0
(ACLED's code when no report gives a toll) becomes no claim. The import's source is published by
ACLED (``dcterms:publisher id:acled``). The pre-2019 layouts are refused (:func:`_check_layout`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import InputError
from ..namespaces import MKG
from . import nquads as nq
from .aliases import normalise
from .core import CsvDataset, Importer, RowError
from .vocab import acled_actor_types, acled_types

REQUIRED = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
            "inter1", "inter2", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
            "source", "notes", "fatalities")
# Columns only the pre-2019 layouts have (ACLED's 2015-2018 releases, the 2016 API): see _check_layout.
OLD_LAYOUT = ("ally_actor_1", "ally_actor_2", "gwno")
EVENT_ID = re.compile(r"^[A-Z]{2,4}[0-9]{1,12}$")
DIGITS = re.compile(r"[0-9]{1,15}")  # str.isdigit() also takes '²' and other digits int() refuses
# ACLED names state forces "Military Forces of <country> (<years>)" and "Police Forces of <country>
# (<years>)"; outside their own country it codes them inter 8 (external/other forces).
STATE_FORCES = re.compile(r"(Military|Police) Forces of ")
FORCE_TYPES = {"Explosions/Remote violence", "Violence against civilians"}
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%Y", "%d %b %Y", "%d-%b-%y")
PENDING_ACTORS = 50_000  # new actors held until the end of the file (their codes gathered), at most
CACHED = 50_000          # names and place chains remembered, at most
ACTOR_KIND, ROLE_ATTACKER, ROLE_TARGET, ROLE_PARTY, TIME = (nq.mkg(x) for x in (
    "actorKind", "attacker", "target", "party", "time"))
CEASEFIRE, DIPLOMATIC_EVENT = str(MKG.Ceasefire), str(MKG.DiplomaticEvent)
# The columns a row is read by: the rest are never looked at, so they are not copied for each row.
USED = (*REQUIRED, "assoc_actor_1", "assoc_actor_2", "iso")


def read(path: Path, ctx, options) -> None:
    file = str(path)
    with CsvDataset(path, ctx, "an ACLED export") as data:
        columns = [c.strip().lower() for c in data.header]
        _check_layout(columns, file)
        index = {c: i for i, c in enumerate(columns) if c in USED}
        types, kinds = acled_types(), acled_actor_types()
        acled = ctx.canonical("acled")
        ctx.quad(ctx.source, nq.PUBLISHER, acled)  # the dataset speaks: accordingTo names ACLED
        actors = _Actors(ctx, kinds)
        caches = ({}, {}, {})  # dates, places, time nodes
        for line, row in data.rows():
            r = {c: row[i].strip() for c, i in index.items()}
            if "NA" in r.values():  # R's write.csv writes a missing value as NA
                r = {c: "" if v == "NA" else v for c, v in r.items()}
            try:
                _row(r, ctx, types, actors, acled, caches)
            except RowError as e:
                ctx.reject(line, e)
        actors.flush()
    ctx.progress(1.0)


def _check_layout(columns: list[str], file: str) -> None:
    """Refuse the pre-2019 layouts with a message naming the supported ones, and any file that
    lacks a column the importer needs."""
    if any(c in columns for c in OLD_LAYOUT) or ("event_type" in columns and "sub_event_type" not in columns):
        raise InputError(
            "this is an ACLED export in a pre-2019 layout (ally_actor_1/2, gwno, no sub_event_type); kg imports "
            "the 2019-2022 layout (data_id, iso, event_id_cnty, event_id_no_cnty ... iso3) and the 2023 layout "
            "(event_id_cnty ... disorder_type ... civilian_targeting ... tags, timestamp). The old layouts' combined "
            "event types (Riots/Protests, Battle-No change of territory, Remote violence) do not map onto today's "
            "types one to one, and their event ids are not those of ACLED's current data: download the events "
            "again from ACLED (docs/importing.md)", file, 1)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError("not an ACLED export: the header lacks " + ", ".join(missing), file, 1)


def _date(text: str) -> dt.date:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # ISO, the API's and R's: no strptime
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError("bad date", f"event_date {text[:30]!r} (expected 2026-02-27, 27 February 2026 or 27-Feb-26)")


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


def _row(r: dict, ctx, types, actors, acled, caches) -> None:
    dates, places, times = caches
    eid = r["event_id_cnty"]
    if not EVENT_ID.match(eid):
        raise RowError("bad event_id_cnty", repr(eid[:30]))
    day = dates.get(r["event_date"])
    if day is None:
        day = _cached(dates, r["event_date"], _date(r["event_date"]))
    etype = types.get(normalise(r["sub_event_type"])) or types.get(normalise(r["event_type"]))
    if etype is None:
        raise RowError("unknown event type", f"{r['event_type'][:40]!r} / {r['sub_event_type'][:40]!r}")
    fat = r["fatalities"]
    if not DIGITS.fullmatch(fat):
        raise RowError("non-numeric fatalities", repr(fat[:20]))
    lat, lon = coordinates(r)
    if not r["actor1"]:
        raise RowError("no actor1", "ACLED events have at least one actor")
    key = (day, r["time_precision"])
    time_node = times.get(key) or _cached(times, key, _time(ctx, day, r["time_precision"]))
    place = _places(r, ctx, lat, lon, places)
    first_role, second_role = ((ROLE_ATTACKER, ROLE_TARGET) if etype.event_type in FORCE_TYPES
                               else (ROLE_PARTY, ROLE_PARTY))
    pairs_actors = []
    for name_col, assoc_col, inter_col, role in (("actor1", "assoc_actor_1", "inter1", first_role),
                                                  ("actor2", "assoc_actor_2", "inter2", second_role)):
        if r[name_col]:  # the actor's own inter code; associated actors have none (ACLED codes none)
            pairs_actors.append((role, actors.get(r[name_col], r[inter_col])))
        for name in r.get(assoc_col, "").split(";"):
            if name.strip():
                pairs_actors.append((role, actors.get(name.strip(), "")))

    e = nq.node("acled-" + eid.lower())
    if ctx.known(e):
        ctx.summary.duplicates_merged += 1
    else:
        cls = etype.event_class
        if cls == CEASEFIRE and len({a for _, a in pairs_actors}) < 2:
            cls = DIPLOMATIC_EVENT
        label = f"{etype.label}: {r['actor1']}" + (f" – {r['actor2']}" if r["actor2"] else "") + \
                (f", {r['location']}" if r["location"] else "")
        pairs = [(nq.TYPE, f"<{cls}>"), (nq.LABEL, nq.literal(label)), (TIME, time_node),
                 (nq.EVENT_TYPE, f"<{etype.concept}>"), (nq.DERIVED, ctx.source),
                 (nq.IDENTIFIER, nq.literal("acled:" + eid))]
        pairs += dict.fromkeys(pairs_actors)  # each (role, actor) once, in order
        if place:
            pairs.append((nq.HAS_PLACE, place))
        if r["source"]:
            pairs.append((nq.DC_SOURCE, nq.literal(r["source"])))
        if r["notes"]:
            pairs.append((nq.DESCRIPTION, nq.literal(r["notes"])))
        ctx.quads(e, pairs)
        ctx.summary.events_added += 1
    if int(fat) == 0:
        return  # ACLED codes 0 when no report gives a death toll: no claim that anyone was, or was not, killed
    claim = nq.node(f"acled-{eid.lower()}-fatalities-{int(fat)}")
    if not ctx.known(claim):
        ctx.quads(claim, [
            (nq.TYPE, nq.mkg("Claim")), (nq.LABEL, nq.literal(f"ACLED: at least {int(fat)} killed ({eid})")),
            (nq.mkg("claimant"), acled), (nq.mkg("about"), e), (nq.mkg("measure"), nq.mkg("Killed")),
            (nq.mkg("figure"), nq.integer(int(fat))), (nq.mkg("qualifier"), nq.mkg("AtLeast")),
            (nq.mkg("verificationStatus"), nq.mkg("Unverified")), (nq.mkg("casualtyCategory"), nq.mkg("Unspecified")),
            (TIME, time_node), (nq.DERIVED, ctx.source)])
        ctx.summary.claims_added += 1


def _cached(cache: dict, key, value):
    if len(cache) >= CACHED:
        cache.clear()
    cache[key] = value
    return value


class _Actors:
    """The actors of an import. A name the alias table knows is that actor; it gets the kind
    (``mkg:actorKind``) of each inter code ACLED gives it. A name no alias knows becomes a new actor
    whose description waits until the end of the file, so its class and kinds come from all of its
    own inter codes, whatever the order of the rows (see :func:`_actor_class`). An inter code is
    an actor's own only as actor1 (inter1) or actor2 (inter2): associated actors have none."""

    def __init__(self, ctx, kinds):
        self.ctx, self.kinds = ctx, kinds
        self.nodes: dict[str, tuple[str, str | None]] = {}  # name -> (node, its id if minted here)
        self.pending: dict[str, tuple[str, str, set]] = {}  # minted node -> (its id, name, its kinds)

    def get(self, name: str, inter: str) -> str:
        hit = self.nodes.get(name)
        if hit is None:
            ident = self.ctx.aliases.actor(name)
            hit = (self.ctx.canonical(ident), None) if ident else (nq.node("acled-actor-" + nq.slug(name)),
                                                                   "acled-actor-" + nq.slug(name))
            _cached(self.nodes, name, hit)
        node, minted = hit
        kind = (self.kinds.get(inter) or self.kinds.get(normalise(inter))) if inter else None
        if minted:
            entry = self.pending.get(node)
            if entry is None:
                if len(self.pending) >= PENDING_ACTORS:
                    self.flush()
                entry = self.pending[node] = (minted, name, set())
            if kind:
                entry[2].add(kind)
        elif kind:
            self._kind(node, kind)
        return node

    def _kind(self, node: str, kind: str) -> None:
        if self.ctx.first_time(("kind", node, kind)) and not self.ctx.has(node, ACTOR_KIND, f"<{kind}>"):
            self.ctx.quad(node, ACTOR_KIND, f"<{kind}>")

    def flush(self) -> None:
        for node, (ident, name, kinds) in self.pending.items():
            self.ctx.new_node(ident, [nq.mkg(_actor_class(name, kinds))], name)
            for kind in sorted(kinds):
                self._kind(node, kind)
        self.pending.clear()


def _actor_class(name: str, kinds) -> str:
    """A new actor's class, from all its own inter codes: state forces (1), or external/other
    forces (8) named as a state's forces, are ArmedForces; rebels and militias (2, 3, 4)
    NonStateArmedGroup; the rest (rioters, protesters, civilians, other) Actor. An actor seen only
    as an associated actor has no code: a state's forces by their name, else Actor."""
    codes = {k.rsplit("-", 1)[-1] for k in kinds}
    if "1" in codes or (codes <= {"8"} and STATE_FORCES.match(name)):
        return "ArmedForces"
    if codes & {"2", "3", "4"}:
        return "NonStateArmedGroup"
    return "Actor"


def coordinates(r: dict) -> tuple[float | None, float | None]:
    """The row's ``latitude`` and ``longitude`` (ACLED's and UCDP's columns), or (None, None)."""
    if not (r["latitude"] or r["longitude"]):
        return None, None
    try:
        lat, lon = float(r["latitude"]), float(r["longitude"])
    except ValueError:
        raise RowError("bad coordinates", f"{r['latitude'][:20]!r}, {r['longitude'][:20]!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise RowError("bad coordinates", f"{lat}, {lon} is outside WGS84 range")
    return lat, lon


def _places(r: dict, ctx, lat, lon, cache: dict) -> str | None:
    """The row's place: its country, then admin1..3 and location inside one another
    (:func:`place_chain`; ``cache`` holds each chain's prefix already resolved)."""
    key = (r.get("iso", ""), r["country"])
    hit = cache.get(key)
    if hit is None:
        hit = _cached(cache, key, _country(r, ctx))
    levels = [(r[col], cls, col == "location") for col, cls in (
        ("admin1", "Province"), ("admin2", "Place"), ("admin3", "Place"), ("location", "Place")) if r[col]]
    return place_chain(ctx, cache, key, hit, levels, lat, lon, "acled-place-")


def place_chain(ctx, cache: dict, key: tuple, hit: tuple, levels, lat, lon, prefix: str) -> str | None:
    """The place at the end of a chain of names inside one another (ACLED's admin1..3 and location,
    UCDP's adm_1, adm_2 and named point): ``levels`` is (name, class, whether it is the point with
    the coordinates ``lat``/``lon``) from the largest down, ``hit`` the country's entry, cached under
    ``key``. A name lands on a known place only inside the chain's own country and nearest known
    place (:meth:`kg.importers.aliases.Aliases.place_in`); else it is the chain's own place, an id
    made with ``prefix`` from the country and the names above it. Entries: (node, country id,
    nearest known id, id path)."""
    for name, cls, point in levels:
        key = (*key, name, lat, lon) if point else (*key, name)
        cached = cache.get(key)
        if cached is None:
            parent, country_id, inside, path = hit
            path = (*path, nq.slug(name, 40))
            known = ctx.aliases.place_in(name, country_id, inside) if country_id else None
            if known:
                cached = (ctx.canonical(known), country_id, known, path)
            else:
                extra = [(nq.mkg("locatedIn"), parent)] if parent else []
                if point and lat is not None:
                    extra += [(nq.LAT, nq.decimal(lat)), (nq.LONG, nq.decimal(lon))]
                node = ctx.new_node(prefix + _path_id(list(path)), [nq.mkg(cls)], name, review=False, extra=extra)
                cached = (node, country_id, inside, path)
            _cached(cache, key, cached)
        hit = cached
    return hit[0]


def _country(r: dict, ctx) -> tuple:
    al = ctx.aliases
    country = r["country"]
    ident = (al.code("iso", r["iso"]) if r.get("iso") else None) or (al.actor(country) if country else None)
    return country_entry(ctx, ident, country, "acled-country-")


def country_entry(ctx, ident: str | None, country: str, prefix: str) -> tuple:
    """A place chain's first entry (:func:`place_chain`): the country known by the id ``ident``,
    else a country node of the dataset's own (an id made with ``prefix``), else none."""
    if ident:
        node = ctx.canonical(ident)
    elif country:
        ident = prefix + nq.slug(country)
        node = ctx.new_node(ident, [nq.mkg("Country")], country, review=False)
    else:
        node = None
    return node, ident, ident, (nq.slug(country or "x"),)


def _path_id(path: list[str], limit: int = 85) -> str:
    """The id part of a place from its country, admin areas and name; when too long for an id, cut
    and ended with a hash of the whole path, so that two places never share an id."""
    text = "-".join(path)
    if len(text) <= limit:
        return text
    import hashlib
    return text[:limit - 11].rstrip("-") + "-" + hashlib.sha1(text.encode()).hexdigest()[:10]


IMPORTER = Importer("acled", "1", "ACLED export", read)
