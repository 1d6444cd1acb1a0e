"""UCDP GED: the 49-column CSV of UCDP's yearly releases (GEDEvent_v23_1.csv) and of its monthly and
quarterly "candidate" releases (GEDEvent_v26_0_4.csv), read by its header (``id relid year
active_year code_status type_of_violence conflict_dset_id conflict_new_id conflict_name dyad_dset_id
dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a side_b_dset_id side_b_new_id side_b
number_of_sources source_article source_office source_date source_headline source_original where_prec
where_coordinates where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid country
country_id region event_clarity date_prec date_start date_end deaths_a deaths_b deaths_civilians
deaths_unknown best high low gwnoa gwnob``). Ids are read as text (candidate files have ``""``,
``XXX700`` and ``2-XXX771``).

Each row is one event ``id:ucdp-ged-<id>``, typed through the SKOS mapping of its
``type_of_violence`` in ontology/ucdp.ttl, a sub-event of its conflict (``id:ucdp-conflict-<id>``,
or the store's event whose ``dcterms:identifier`` is ``ucdp-conflict:<id>``). Its sides resolve
through the alias table (UCDP's actor ids kept as ``dcterms:identifier "ucdp-actor:<id>"``), its
places (country, ``adm_1``, ``adm_2``, ``where_coordinates`` with its coordinates) inside one
another, its dates from ``date_start`` to ``date_end``, never more precise than ``date_prec`` says.
``where_prec``, ``date_prec``, ``code_status`` and ``event_clarity`` link to UCDP's concepts. The
death figures are claims by UCDP, never facts: ``best`` with ``low`` and ``high`` as its range, and
``deaths_a``, ``deaths_b``, ``deaths_civilians``, ``deaths_unknown`` as the parts of it whose losses
UCDP knows. The sources UCDP cites (``source_article``) are kept as the sources of the event, not
as UCDP's voice: the import's source is published by UCDP (``dcterms:publisher id:ucdp``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from ..errors import InputError
from ..namespaces import MKG, SEM, UCDP
from . import nquads as nq
from .acled import _cached, coordinates, country_entry, place_chain
from .aliases import normalise
from .core import CsvDataset, Importer, RowError
from .vocab import ucdp_types

COLUMNS = ("id", "relid", "code_status", "type_of_violence", "conflict_new_id", "conflict_name", "dyad_new_id",
           "dyad_name", "side_a_new_id", "side_a", "side_b_new_id", "side_b", "number_of_sources", "source_article",
           "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude",
           "longitude", "country", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
           "deaths_civilians", "deaths_unknown", "best", "high", "low")
DIGITS = re.compile(r"[0-9]{1,12}")
DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T][0-9:.]*)?")
ROLE_ATTACKER, ROLE_TARGET, ROLE_PARTY, TIME, LOSSES_OF = (nq.mkg(x) for x in (
    "attacker", "target", "party", "time", "lossesOf"))
APPROXIMATELY, KILLED = nq.mkg("Approximately"), nq.mkg("Killed")
OWN = nq.node("ucdp-")[:-1]  # the start of every node this importer mints


def read(path: Path, ctx, options) -> None:
    file = str(path)
    with CsvDataset(path, ctx, "a UCDP GED file") as data:
        columns = [c.strip().lower() for c in data.header]
        missing = [c for c in COLUMNS if c not in columns]
        if missing:
            hint = (" (the first row is data, not a header: add UCDP's header row)" if columns and
                    DIGITS.fullmatch(columns[0]) else "")
            raise InputError("not a UCDP GED file: the header lacks " + ", ".join(missing[:8])
                             + (" ..." if len(missing) > 8 else "") + hint, file, 1)
        index = {c: columns.index(c) for c in COLUMNS}
        ucdp = ctx.canonical("ucdp")
        ctx.quad(ctx.source, nq.PUBLISHER, ucdp)  # the dataset speaks: accordingTo names UCDP
        state = _State(ctx, ucdp, ucdp_types())
        for line, row in data.rows():
            try:
                state.row({c: row[i].strip() for c, i in index.items()})
            except RowError as e:
                ctx.reject(line, e)
    ctx.progress(1.0)


def _number(r: dict, col: str) -> int:
    if not DIGITS.fullmatch(r[col]):
        raise RowError(f"bad {col}", f"{r[col][:20]!r} (a whole number, 0 or more)")
    return int(r[col])


def _code(r: dict, col: str, codes: str) -> str:
    if r[col] not in codes.split():
        raise RowError(f"bad {col}", f"{r[col][:20]!r} (UCDP uses {', '.join(codes.split())})")
    return r[col]


def _day(r: dict, col: str) -> dt.date:
    m = DATE.fullmatch(r[col])
    if m:
        try:
            return dt.date.fromisoformat(m.group(1))
        except ValueError:
            pass
    raise RowError("bad date", f"{col} {r[col][:30]!r} (expected 2026-02-27 or 2026-02-27 00:00:00.000; a copy "
                               "saved by a spreadsheet may have lost its dates: use UCDP's file)")


class _State:
    """What the rows of one file share: UCDP's actor, the vocabulary, and the nodes made so far."""

    def __init__(self, ctx, ucdp: str, types):
        self.ctx, self.ucdp, self.types = ctx, ucdp, types
        self.actors: dict = {}      # (UCDP id, name) -> (node, state whose losses its deaths are)
        self.places: dict = {}      # place chain -> (node, country id, nearest known id, id path)
        self.conflicts: dict = {}   # conflict id -> node
        self.curated: dict = {}     # conflict id -> (the curator's event, its days)
        self.times: dict = {}

    def row(self, r: dict) -> None:
        ctx = self.ctx
        eid = r["id"]
        if not DIGITS.fullmatch(eid):
            raise RowError("bad id", repr(eid[:30]))
        kind = self.types.get(_code(r, "type_of_violence", "1 2 3"))
        prec, where = _code(r, "date_prec", "1 2 3 4 5"), _code(r, "where_prec", "1 2 3 4 5 6 7")
        clarity = _code(r, "event_clarity", "1 2")
        start, end = _day(r, "date_start"), _day(r, "date_end")
        if end < start:
            raise RowError("bad date", f"date_end {end} is before date_start {start}")
        if prec != "1" and start == end:  # a day would be more precise than UCDP says
            raise RowError("bad date", f"date_prec {prec} says the date is not known to the day, but date_start "
                                       f"and date_end are both {start}")
        deaths = {c: _number(r, c) for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
                                             "best", "low", "high")}
        # best can lie outside low..high in UCDP's own files (13 of the 1,000 rows of the 23.1 sample, low
        # above high in 5): kept as UCDP gives them, its claim; ontology/shapes.ttl warns of them
        lat, lon = coordinates(r)
        if not r["side_a"]:
            raise RowError("no side_a", "every UCDP event has a side a")

        key = (start, end, prec)
        time_node = self.times.get(key) or _cached(self.times, key, self._time(start, end, prec))
        one_sided = r["type_of_violence"] == "3"
        side_a = self._actor(r["side_a_new_id"], r["side_a"], r["type_of_violence"], "a")
        side_b = self._actor(r["side_b_new_id"], r["side_b"], r["type_of_violence"], "b") if r["side_b"] else None
        e = nq.node("ucdp-ged-" + eid)
        if ctx.known(e):
            ctx.summary.duplicates_merged += 1
        else:
            label = f"{kind.label}: {r['dyad_name'] or r['side_a']}, {r['where_coordinates'] or r['country']}"
            pairs = [(nq.TYPE, f"<{kind.event_class}>"), (nq.LABEL, nq.literal(label)), (TIME, time_node),
                     (nq.EVENT_TYPE, f"<{kind.concept}>"), (nq.DERIVED, ctx.source),
                     (nq.IDENTIFIER, nq.literal("ucdp-ged:" + eid)),
                     (nq.mkg("timePrecision"), f"<{UCDP['date-precision-' + prec]}>"),
                     (nq.mkg("placePrecision"), f"<{UCDP['where-precision-' + where]}>"),
                     (nq.mkg("codingStatus"), f"<{UCDP['clarity-' + clarity]}>")]
            for ident, prefix in ((r["relid"], "ucdp-ged-relid:"), (r["dyad_new_id"], "ucdp-dyad:"),
                                  (r["conflict_new_id"], "ucdp-conflict:")):
                if ident:
                    pairs.append((nq.IDENTIFIER, nq.literal(prefix + ident)))
            status = UCDP["status-" + nq.slug(r["code_status"])] if r["code_status"] else None
            if status is not None and status in self.types.statuses:
                pairs.append((nq.mkg("codingStatus"), f"<{status}>"))
            pairs.append((ROLE_ATTACKER if one_sided else ROLE_PARTY, side_a[0]))
            if side_b:
                pairs.append((ROLE_TARGET if one_sided else ROLE_PARTY, side_b[0]))
            place = self._place(r, lat, lon)
            if place:
                pairs.append((nq.HAS_PLACE, place))
            pairs += [(nq.DC_SOURCE, nq.literal(s)) for s in _sources(r)]
            description = _description(r, status is None or status in self.types.statuses)
            if description:
                pairs.append((nq.DESCRIPTION, nq.literal(description)))
            ctx.quads(e, pairs)
            if r["conflict_new_id"]:
                ctx.quad(self._conflict(r, start, end), nq.SUB_EVENT, e)
            ctx.summary.events_added += 1
        self._claims(eid, e, r, deaths, time_node, side_a, side_b)

    # -- dates, actors, places -------------------------------------------------------------------
    def _time(self, start: dt.date, end: dt.date, prec: str) -> str:
        if start == end:
            return self.ctx.day(start)
        if start.day == 1 and end == start.replace(day=calendar.monthrange(start.year, start.month)[1]):
            return self.ctx.time_node(start, end, "Month", f"{start:%Y-%m}")
        return self.ctx.time_node(start, end, "DateRange", f"{start}/{end}")

    def _actor(self, uid: str, name: str, violence: str, side: str) -> tuple[str, str]:
        """(node, whose losses its deaths are): a side the alias table knows is that actor; else
        UCDP's actor ``id:ucdp-actor-<id>``, flagged for review. A government's losses are its
        state's (the seed and the parties count soldiers killed as their country's)."""
        key = (uid, name)
        hit = self.actors.get(key)
        if hit is not None:
            return hit
        ctx, al = self.ctx, self.ctx.aliases
        ident = al.actor(name)
        if ident:
            node = ctx.canonical(ident)
            entry = al.canonical.get(ident)
            losses = ctx.canonical(entry.parent) if entry and entry.type == "government" and entry.parent else node
        else:
            minted = "ucdp-actor-" + (uid if DIGITS.fullmatch(uid) else nq.slug(name))
            state = al.actor(name[len("Government of "):]) if name.startswith("Government of ") else None
            cls = ("Government" if name.startswith("Government of ") else
                   "Actor" if (violence == "3" and side == "b") or name.startswith("XXX") else "NonStateArmedGroup")
            extra = [(nq.mkg("affiliatedWith"), ctx.canonical(state))] if state else []
            node = ctx.new_node(minted, [nq.mkg(cls)], name, extra=extra)
            losses = ctx.canonical(state) if state else node
        if uid and ctx.first_time(("ucdp-actor", node, uid)):
            ctx.quad(node, nq.IDENTIFIER, nq.literal("ucdp-actor:" + uid))
        return _cached(self.actors, key, (node, losses))

    def _conflict(self, r: dict, start: dt.date, end: dt.date) -> str:
        """What the event is part of: the curator's event that carries the conflict's id, when the
        event's days lie within that event's own (the February fighting takes February's events of
        the conflict, not May's); else UCDP's conflict, a node of its own."""
        cid = r["conflict_new_id"]
        curated, span = self._curated(cid)
        if curated is not None and (span is None or (span[0] <= start and end <= span[1])):
            return curated
        node = self.conflicts.get(cid)
        if node is None:
            ctx = self.ctx
            node = nq.node("ucdp-conflict-" + (cid if DIGITS.fullmatch(cid) else nq.slug(cid)))
            if ctx.first_time(node) and not ctx.exists(node):
                # a sem:Event, not an mkg:Event: the file dates its events, not the conflict
                ctx.quads(node, [(nq.TYPE, f"<{SEM.Event}>"),
                                 (nq.LABEL, nq.literal(f"UCDP conflict {cid}: {r['conflict_name'] or cid}")),
                                 (nq.IDENTIFIER, nq.literal("ucdp-conflict:" + cid)), (nq.DERIVED, ctx.source)])
            node = _cached(self.conflicts, cid, node)
        return node

    def _curated(self, cid: str) -> tuple[str | None, tuple | None]:
        """The one event of the store (not UCDP's own node) with the conflict's id, and the days its
        accounts give it (earliest, latest; None when it has no date); (None, None) when there is
        none, or several."""
        if cid not in self.curated:
            found = [n for n in self.ctx.identified("ucdp-conflict:" + cid) if not n.startswith(OWN)]
            node, span = (found[0] if len(found) == 1 else None), None
            if node is not None:
                rows = self.ctx.select(f"SELECT (MIN(STR(?nb)) AS ?first) (MAX(STR(?na)) AS ?last) "
                                       f"WHERE {{ {node} mkg:time ?t . ?t mkg:notBefore ?nb ; mkg:notAfter ?na }}")
                if rows and rows[0].get("first") and rows[0].get("last"):
                    span = (dt.date.fromisoformat(rows[0]["first"][:10]), dt.date.fromisoformat(rows[0]["last"][:10]))
            self.curated[cid] = (node, span)
        return self.curated[cid]

    def _place(self, r: dict, lat, lon) -> str | None:
        """The event's place: its country, then adm_1, adm_2 and where_coordinates inside one
        another (a name repeated from the level above is that place), resolved as ACLED's are
        (kg.importers.acled._places): a known place only inside the row's own country and chain."""
        ctx, cache = self.ctx, self.places
        key = (r["country"],)
        hit = cache.get(key)
        if hit is None:
            hit = _cached(cache, key, self._country(r["country"]))
        names, levels = [normalise(r["country"])], []
        for col, cls in (("adm_1", "Province"), ("adm_2", "Place"), ("where_coordinates", "Place")):
            name = r[col]
            if name and normalise(name) not in names:
                names.append(normalise(name))
                levels.append((name, cls, col == "where_coordinates" and lat is not None))
        return place_chain(ctx, cache, key, hit, levels, lat, lon, "ucdp-place-")

    def _country(self, country: str) -> tuple:
        ident = self.ctx.aliases.actor(country) if country else None
        return country_entry(self.ctx, ident, country, "ucdp-country-")

    # -- claims ----------------------------------------------------------------------------------
    def _claims(self, eid: str, e: str, r: dict, deaths: dict, time_node: str, side_a, side_b) -> None:
        """UCDP's figures for the event: its best estimate of all deaths with its low and high as
        the range, and the parts of the best estimate whose losses UCDP tells apart (above 0)."""
        ctx = self.ctx
        best, low, high = deaths["best"], deaths["low"], deaths["high"]
        total = nq.node(f"ucdp-ged-{eid}-deaths-{low}-{best}-{high}")
        if not ctx.known(total):
            self._claim(total, e, time_node, best, f"UCDP: about {best} killed (low {low}, high {high}) ({eid})",
                        nq.mkg("Unspecified"), "all deaths in the event: both sides, civilians and unknown",
                        [(nq.mkg("figureLow"), nq.integer(low)), (nq.mkg("figureHigh"), nq.integer(high))])
        parts = [("deaths_a", "side-a", side_a, nq.mkg("Military"), r["side_a"]),
                 ("deaths_b", "side-b", side_b, nq.mkg("Military"), r["side_b"]),
                 ("deaths_civilians", "civilians", None, nq.mkg("Civilian"), "civilians"),
                 ("deaths_unknown", "unknown", None, nq.mkg("Unspecified"), "people UCDP could not assign to a side")]
        if r["type_of_violence"] == "3":  # one-sided: side b is the civilians; UCDP codes deaths_a = deaths_b = 0
            parts[1] = ("deaths_b", "side-b", None, nq.mkg("Civilian"), r["side_b"])
        for col, part, side, category, group in parts:
            n = deaths[col]
            if n == 0:
                continue  # a part of 0 adds nothing to the total's claim
            claim = nq.node(f"ucdp-ged-{eid}-{part}-{n}")
            if ctx.known(claim):
                continue
            extra = [(nq.mkg("subsetOf"), total)] + ([(LOSSES_OF, side[1])] if side else [])
            self._claim(claim, e, time_node, n, f"UCDP: about {n} killed, {group} ({eid})", category, group, extra)

    def _claim(self, claim, e, time_node, figure, label, category, group, extra) -> None:
        ctx = self.ctx
        ctx.quads(claim, [
            (nq.TYPE, nq.mkg("Claim")), (nq.LABEL, nq.literal(label)), (nq.mkg("claimant"), self.ucdp),
            (nq.mkg("about"), e), (nq.mkg("measure"), KILLED), (nq.mkg("figure"), nq.integer(figure)),
            (nq.mkg("qualifier"), APPROXIMATELY), (nq.mkg("verificationStatus"), nq.mkg("Unverified")),
            (nq.mkg("casualtyCategory"), category), (nq.mkg("groupDescription"), nq.literal(group)),
            (TIME, time_node), (nq.DERIVED, ctx.source), *extra])
        ctx.summary.claims_added += 1


def _sources(r: dict) -> list[str]:
    """The sources UCDP cites, one text each ("Outlet,2026-02-27,Headline"): ``source_article``
    holds them quoted and joined by ``";"`` (inner quotes not doubled again, so it is split, never
    parsed as CSV); events coded before 2010 (``number_of_sources`` -1) have one free text."""
    text = r["source_article"]
    if not text:
        return []
    if r["number_of_sources"] == "-1" or not (text.startswith('"') and text.endswith('"')):
        return [text]
    return [item.strip() for item in text[1:-1].split('";"') if item.strip()]


def _description(r: dict, status_known: bool) -> str:
    parts = [f"Where: {r['where_description']}" if r["where_description"] else "",
             f"UCDP's sources cite: {r['source_original']}" if r["source_original"] else "",
             f"UCDP coding status: {r['code_status']}" if r["code_status"] and not status_known else ""]
    return ". ".join(p for p in parts if p)


IMPORTER = Importer("ucdp-ged", "1", "UCDP GED event data", read,
                    reads=tuple(str(MKG[p]) for p in ("time", "notBefore", "notAfter")))
