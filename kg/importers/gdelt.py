"""GDELT event exports: 2.0 (61 columns) and 1.0 daily files (58; 57 before April 2013).

Tab-separated, no header, plain or zipped (one file in the zip). Each row's layout is told by its
own column count, so a file that mixes them (GDELT 1.0 samples joining backfile rows of 57 columns
and daily rows of 58) imports whole. Each row is one coded event:
actors (CAMEO actor codes), a CAMEO event code, a date, a place, the article it was coded from.
An actor no alias knows is labelled from its code (:func:`code_label`, kg/data/cameo-actors.tsv),
with the names the articles gave it as aliases seen in the data (``skos:altLabel``). A file with no
events (empty, or only a header) is an error. The import's source is published by the GDELT
Project (``dcterms:publisher id:gdelt``).

GDELT codes the same real-world event again from every article that reports it. Rows with the
same actors, event code, date and place are merged into one event while they are within the
dedup window (GDELT files are ordered by DATEADDED, so the window is a span of DATEADDED time
and a bounded number of events): the event keeps every source URL and GLOBALEVENTID, and
aggregates the counts (articles summed, sources the largest, tone weighted by articles). The
event's IRI is a hash of that key, so the same event from another, overlapping file lands on
the same node and only its new source URLs are added.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
import math
import time
import zipfile
from collections import OrderedDict
from functools import cache
from pathlib import Path

from .. import vocabulary as onto
from ..errors import InputError
from ..limits import limit, over
from ..namespaces import MKG
from . import nquads as nq
from .core import Importer, RowError, bounded_lines
from .vocab import cameo_codes


def _columns(geo_fields):
    actor = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
    geo = [f for f in ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"] if f in geo_fields]
    return (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
            + [f"Actor1{c}" for c in actor] + [f"Actor2{c}" for c in actor]
            + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
            + [f"{who}Geo_{g}" for who in ("Actor1", "Actor2", "Action") for g in geo] + ["DATEADDED", "SOURCEURL"])


# The column names of each layout, in order (GDELT's codebooks; files carry no header).
COLUMNS_2 = _columns("Type FullName CountryCode ADM1Code ADM2Code Lat Long FeatureID")
COLUMNS_1 = _columns("Type FullName CountryCode ADM1Code Lat Long FeatureID")
assert len(COLUMNS_2) == 61 and len(COLUMNS_1) == 58

# Column positions per layout, told apart by a row's column count: (action geo type, full name,
# country, ADM1, lat, long, feature id, DATEADDED, SOURCEURL or None).
LAYOUTS = {
    61: (51, 52, 53, 54, 56, 57, 58, 59, 60),  # GDELT 2.0
    58: (49, 50, 51, 52, 53, 54, 55, 56, 57),  # GDELT 1.0 daily files since 2013-04-01
    57: (49, 50, 51, 52, 53, 54, 55, 56, None),  # GDELT 1.0 before: no SOURCEURL (the backfiles too)
}
STATEMENT_ROOTS = {"01", "02", "03", "10", "11", "12", "13"}
FORCE_ROOTS = {"15", "17", "18", "19", "20"}
MEDIATION_CODES = {"045"}
# CAMEO actor type codes -> actor class, for actors no alias matched.
TYPE_CLASSES = {"MIL": "ArmedForces", "GOV": "Government", "REB": "NonStateArmedGroup", "INS": "NonStateArmedGroup",
                "SEP": "NonStateArmedGroup", "IGO": "InternationalOrganisation", "MED": "MediaOutlet",
                "JRN": "MediaOutlet"}
WINDOW_HOURS = 48
WINDOW_EVENTS = 100_000


class _Pending:
    __slots__ = (
        "a1",
        "a1name",
        "a2",
        "a2name",
        "added",
        "articles",
        "code",
        "day",
        "ids",
        "last_seen",
        "node",
        "place",
        "rows",
        "sources",
        "tone",
        "urls",
    )


def read(path: Path, ctx, options) -> None:
    window_seconds = float(options.get("window_hours", WINDOW_HOURS)) * 3600
    max_events = int(options.get("window_events", WINDOW_EVENTS))
    codes = cameo_codes()
    stream, size = _open(path)
    window: OrderedDict[str, _Pending] = OrderedDict()
    dates: dict[str, dt.date] = {}
    added_cache: dict[str, float] = {}
    actors: dict[tuple, str | None] = {}
    places: dict[tuple, str | None] = {}
    caches = ({}, {})  # for _emit: roles by CAMEO code, DATEADDED literals
    summary = ctx.summary
    ctx.quad(ctx.source, nq.PUBLISHER, ctx.canonical("gdelt"))  # the dataset speaks: accordingTo names GDELT
    done = 0
    lineno = 0
    try:
        for raw in bounded_lines(stream, str(path)):
            lineno += 1
            done += len(raw)
            if lineno % 20_000 == 0:
                ctx.progress(done / size if size else 0)
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                summary.rows_read += 1
                ctx.reject(lineno, RowError("not UTF-8 text", f"byte {e.start}"))
                continue
            f = line.rstrip("\r\n").split("\t")
            if lineno == 1 and f[0].strip().lower() == "globaleventid":
                continue  # a header someone added (GDELT's column names, or a lower-case copy of them)
            summary.rows_read += 1
            layout = LAYOUTS.get(len(f))  # each row by its own count: GDELT 1.0 files and concatenations mix 57 and 58
            if layout is None:
                ctx.reject(lineno, RowError("wrong column count", f"{len(f)} columns; GDELT 2.0 event rows have 61, "
                                            "GDELT 1.0 rows 58 (57 before April 2013)"))
                continue
            try:
                pending = _row(f, layout, ctx, codes, dates, added_cache, actors, places)
            except RowError as e:
                ctx.reject(lineno, e)
                continue
            if ctx.failed:
                continue
            key, p = pending
            old = window.get(key)
            if old is not None:
                old.urls.extend(u for u in p.urls if u not in old.urls)
                old.ids.extend(p.ids)
                old.tone += p.tone
                old.articles += p.articles
                old.sources = max(old.sources, p.sources)
                old.added = min(old.added, p.added)
                old.last_seen = max(old.last_seen, p.added)
                old.rows += 1
                window.move_to_end(key)
            else:
                window[key] = p
            now = p.added
            while window:
                first = next(iter(window.values()))
                if len(window) <= max_events and first.last_seen >= now - window_seconds:
                    break
                window.popitem(last=False)
                _emit(first, ctx, codes, caches)
        if summary.rows_read == 0:
            raise InputError("the file holds no GDELT events (it is empty, or has only a header line); "
                             "nothing was imported", str(path))
        if not ctx.failed:
            for p in window.values():
                _emit(p, ctx, codes, caches)
        ctx.progress(1.0)
    except (zipfile.BadZipFile, EOFError, OSError) as e:
        raise InputError(f"the file cannot be read to the end ({e}); a damaged or truncated download?",
                         str(path), lineno or None) from None
    except (RuntimeError, NotImplementedError) as e:  # zipfile: an encrypted member, an unknown compression
        raise InputError(f"the zip cannot be unpacked ({e}); zip the export again without a password, "
                         "with the usual (deflate) compression", str(path)) from None
    finally:
        stream.close()


def _open(path: Path):
    """The file's bytes, as a binary stream with readline, and its size (for progress): the file
    itself, or the one file in it when it is a zip, inflated under the zip limits (see _Inflated)."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() == ".zip":
        packed = _Counted(path)
        try:
            zf = zipfile.ZipFile(packed)
        except (zipfile.BadZipFile, OSError) as e:
            packed.close()
            raise InputError(f"not a zip file, or a damaged one ({e})", str(path)) from None
        members = [i for i in zf.infolist() if not i.is_dir()]
        if len(members) != 1:
            packed.close()
            raise InputError(f"a zipped GDELT export holds one file; this zip holds {len(members)}", str(path))
        try:
            member = zf.open(members[0])
        except (RuntimeError, NotImplementedError, zipfile.BadZipFile) as e:  # encrypted, unknown method
            packed.close()
            raise InputError(f"the zip cannot be unpacked ({e}); zip the export again without a password, "
                             "with the usual (deflate) compression", str(path)) from None
        return io.BufferedReader(_Inflated(member, packed, str(path))), members[0].file_size
    return path.open("rb"), path.stat().st_size


class _Counted(io.FileIO):
    """A zip file that counts the bytes read from it (the compressed data, as it is inflated)."""

    count = 0

    def read(self, size=-1):
        data = super().read(size)
        self.count += len(data)
        return data

    def readinto(self, buffer):
        n = super().readinto(buffer)
        self.count += n or 0
        return n


class _Inflated(io.RawIOBase):
    """A zip member's bytes, counted as they are inflated: an error past ``zip_bytes`` in all, or
    past ``zip_ratio`` times the compressed bytes read so far (at least the first RATIO_FROM of
    them), so a zip bomb stops after a few megabytes. The sizes the zip's headers claim are not
    trusted for either."""

    RATIO_FROM = 16 << 10

    def __init__(self, member, packed: _Counted, file: str):
        self.member, self.packed, self.file = member, packed, file
        self.start = packed.count  # what reading the zip's directory and the member's header took
        self.inflated = 0
        self.most, self.ratio = limit("zip_bytes"), limit("zip_ratio")

    def readable(self):
        return True

    def readinto(self, buffer):
        n = self.member.readinto(buffer)
        self.inflated += n
        if self.inflated > self.most:
            raise InputError(f"the zipped file inflates to too many bytes: {over('zip_bytes')}", self.file)
        if self.inflated > self.ratio * max(self.packed.count - self.start, self.RATIO_FROM):
            raise InputError(f"the zipped file inflates too much for its size (a zip bomb?): {over('zip_ratio')}",
                             self.file)
        return n

    def close(self):
        self.member.close()
        self.packed.close()
        super().close()


def _digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() alone also takes '²' and other digits int() refuses."""
    return text.isascii() and text.isdigit()


def _day(text: str, cache: dict) -> dt.date:
    d = cache.get(text)
    if d is None:
        if len(text) != 8 or not _digits(text):
            raise RowError("bad date", f"SQLDATE {text[:20]!r} is not YYYYMMDD")
        try:
            d = dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            raise RowError("bad date", f"SQLDATE {text!r} is not a real date") from None
        if len(cache) > 10_000:
            cache.clear()
        cache[text] = d
    return d


def _added(text: str, cache: dict) -> float:
    """DATEADDED as seconds since the epoch (UTC), for the dedup window."""
    day = cache.get(text[:8])
    if day is None:
        if len(text) not in (8, 14) or not _digits(text):
            raise RowError("bad date", f"DATEADDED {text[:20]!r} is not YYYYMMDDHHMMSS (2.0) or YYYYMMDD (1.0)")
        try:
            day = calendar.timegm(dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).timetuple())
        except ValueError:
            raise RowError("bad date", f"DATEADDED {text!r} is not a real date") from None
        if len(cache) > 10_000:
            cache.clear()
        cache[text[:8]] = day
    if len(text) == 8:
        return day
    if not _digits(text):
        raise RowError("bad date", f"DATEADDED {text[:20]!r} is not YYYYMMDDHHMMSS (2.0) or YYYYMMDD (1.0)")
    h, m, sec = int(text[8:10]), int(text[10:12]), int(text[12:14])
    if h > 23 or m > 59 or sec > 60:
        raise RowError("bad date", f"DATEADDED {text!r} is not a real time")
    return day + h * 3600 + m * 60 + sec


def _number(text: str, kind, what: str):
    try:
        value = kind(text)
    except ValueError:
        raise RowError(f"non-numeric {what}", repr(text[:20])) from None
    if not math.isfinite(value):  # float("1e999") is infinity, float("nan") not a number
        raise RowError(f"non-numeric {what}", repr(text[:20]))
    return value


def _row(f, layout, ctx, codes, dates, added_cache, actors, places):
    gtype, gname, gcountry, gadm1, glat, glong, gfeature, gadded, gurl = layout
    gid = f[0]
    if not _digits(gid):
        raise RowError("bad GLOBALEVENTID", repr(gid[:20]))
    day = _day(f[1], dates)
    code = f[26]
    if code not in codes:
        raise RowError("unknown CAMEO event code", repr(code[:10]))
    articles = _number(f[33], int, "NumArticles")
    sources = _number(f[32], int, "NumSources")
    tone = _number(f[34], float, "AvgTone")
    goldstein = _number(f[30], float, "GoldsteinScale")
    added = _added(f[gadded], added_cache)
    # Every check before anything is written: a row rejected here leaves no actor or place behind.
    coords = _coordinates(f[gtype], f[glat], f[glong]) if f[glat] and f[glong] else None
    a1 = _actor(f[5], f[6], f[7], f[8], f[12], ctx, actors)
    a2 = _actor(f[15], f[16], f[17], f[18], f[22], ctx, actors)
    place = _place(f[gtype], f[gname], f[gcountry], f[gadm1], coords, f[gfeature], ctx, places)
    if ctx.failed:
        return None, None
    key = "\x1f".join((a1 or "", a2 or "", code, f[1], place or ""))
    p = _Pending()
    p.node = nq.node("gdelt-" + hashlib.sha1(key.encode()).hexdigest()[:20])
    p.code, p.day, p.a1, p.a2, p.place = code, day, a1, a2, place
    p.a1name = f[6].title() or f[5]
    p.a2name = f[16].title() or f[15]
    url = f[gurl] if gurl is not None else ""
    p.urls = [url] if url else []
    p.ids = [gid]
    p.articles, p.sources, p.tone = articles, sources, tone * articles
    p.added = p.last_seen = added
    p.rows = 1
    if ctx.first_time(("goldstein", code)):
        concept = f"<{codes[code].concept}>"
        if not ctx.exists_value(concept, nq.mkg("goldsteinScale")):
            ctx.quad(concept, nq.mkg("goldsteinScale"), nq.decimal(goldstein))
    return key, p


def _actor(code, name, country, known, type1, ctx, cache):
    if not code:
        return None
    key = (code, name, country, known)
    node = cache.get(key)
    if node is not None:
        return node
    al = ctx.aliases
    ident = (al.code("cameo", code) or (known and al.code("cameo", known)) or (country and al.code("cameo", country))
             or (name and al.actor(name)))
    if ident:
        node = ctx.canonical(ident)
    else:
        cls = TYPE_CLASSES.get(type1) or TYPE_CLASSES.get(code[-3:]) or "Actor"
        node = ctx.new_node("gdelt-actor-" + nq.slug(code), [nq.mkg(cls)], code_label(code))
        # The name GDELT's article gave (Paris, Minist Of Home Affairs, Obama): an alias seen in the
        # data, never the actor's label (the code names the actor, the name only one mention of it).
        if name and ctx.first_time(("alias", node, name)):
            ctx.quad(node, nq.ALT_LABEL, nq.literal(name.title()))
    if len(cache) > 50_000:
        cache.clear()
    cache[key] = node
    return node


@cache
def _cameo_actor_codes() -> dict[str, tuple[str, str]]:
    """Three-letter CAMEO actor-code part -> (label, kind), from kg/data/cameo-actors.tsv."""
    from ..data import cameo_actors_text
    out = {}
    for line in cameo_actors_text().splitlines():
        if line and not line.startswith("#"):
            code, label, kind = line.split("\t")
            out[code] = (label, kind)
    return out


def code_label(code: str) -> str:
    """A label for a CAMEO actor code, from its three-letter parts: the country (or the actor type
    of an international code) and the roles after it: FRAGOV "France (government)", ARMJUD "Armenia
    (judiciary)", GOV "Government (country not given)", IGOUNO "Inter-Governmental Organization
    (United Nations)". A part the table lacks (a known group, an ethnic or religious code) is kept
    as it is written."""
    table = _cameo_actor_codes()
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    first = table.get(parts[0])
    rest = [table[p][0].lower() if p in table and table[p][1] == "role" else table.get(p, (p,))[0] for p in parts[1:]]
    if first is None:
        return code
    if first[1] == "role":  # a domestic role without its country
        rest.append("country not given")
    return first[0] + (f" ({', '.join(rest)})" if rest else "")


def _coordinates(gtype, lat, long):
    """A place's (latitude, longitude), checked; None for a country (its own node, no coordinates)."""
    if not gtype or gtype in ("0", "1"):
        return None
    la, lo = _number(lat, float, "latitude"), _number(long, float, "longitude")
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise RowError("coordinates out of range", f"{lat}, {long}")
    return la, lo


def _place(gtype, fullname, country, adm1, coords, feature, ctx, cache):
    if not gtype or gtype == "0":
        return None
    key = (gtype, fullname, country, feature)
    node = cache.get(key)
    if node is not None:
        return node
    al = ctx.aliases
    country_ident = al.code("fips", country) if country else None
    country_node = ctx.canonical(country_ident) if country_ident else (
        ctx.new_node("gdelt-country-" + nq.slug(country), [nq.mkg("Country")], fullname.split(", ")[-1] or country,
                     country) if country else None)
    if gtype == "1":
        node = country_node
    else:
        name = fullname.split(", ")[0]
        # only a place known to lie in this country (never one of the same name elsewhere)
        ident = al.place_in(name, country_ident, country_ident) if country_ident else None
        if ident:
            node = ctx.canonical(ident)
        else:
            extra = []
            if coords:
                extra = [(nq.LAT, nq.decimal(coords[0])), (nq.LONG, nq.decimal(coords[1]))]
            if country_node:
                extra.append((nq.mkg("locatedIn"), country_node))
            cls = "Province" if gtype in ("2", "5") else "City"
            node = ctx.new_node("gdelt-place-" + nq.slug(feature or fullname), [nq.mkg(cls)], fullname or name,
                                None, extra, review=False)
    if len(cache) > 50_000:
        cache.clear()
    cache[key] = node
    return node


def _roles(code: str, cameo, cache):
    r = cache.get(code)
    if r is None:
        cls = cameo.event_class
        statement = onto.is_subclass(_uri(cls), "Statement")
        if statement or cameo.root in STATEMENT_ROOTS:
            roles = ("speaker", "addressee")
        elif code in MEDIATION_CODES:
            roles = ("mediator", "party")
        elif cameo.root in FORCE_ROOTS:
            roles = ("attacker", "target")
        else:
            roles = ("party", "party")
        r = cache[code] = (cls, statement, nq.mkg(roles[0]), nq.mkg(roles[1]))
    return r


def _uri(text):
    from rdflib import URIRef
    return URIRef(text)


TIME, NUM_ARTICLES, NUM_SOURCES, AVG_TONE, DATE_ADDED = (nq.mkg(x) for x in (
    "time", "numArticles", "numSources", "avgTone", "dateAdded"))
EVENT, CEASEFIRE, DIPLOMATIC_EVENT = str(MKG.Event), str(MKG.Ceasefire), str(MKG.DiplomaticEvent)


def _added_text(added: float, cache: dict) -> str:
    """DATEADDED as an xsd:dateTime literal; a GDELT 2.0 file has one DATEADDED for all its rows."""
    text = cache.get(added)
    if text is None:
        t = time.gmtime(added)
        text = (f'"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:{t.tm_min:02d}:'
                f'{t.tm_sec:02d}Z"^^{nq.XSD_DATETIME}')
        if len(cache) > 10_000:
            cache.clear()
        cache[added] = text
    return text


def _emit(p: _Pending, ctx, codes, caches) -> None:
    s = ctx.summary
    e = p.node
    q = ctx.quad
    known = ctx.known(e)
    if known:  # seen in an earlier window of this file, or in an earlier import: add what is new
        for url in p.urls:
            pred, u = nq.source(url)
            if pred == nq.PRIMARY_SOURCE and ctx.has(e, pred, u):
                continue
            q(e, pred, u)
        for gid in p.ids:
            q(e, nq.IDENTIFIER, nq.literal("gdelt:" + gid))
        s.duplicates_merged += p.rows
        return
    cameo = codes[p.code]
    cls, statement, role1, role2 = _roles(p.code, cameo, caches[0])
    if statement and not p.a1:
        cls = EVENT  # a statement needs a speaker
    if cls == CEASEFIRE and not (p.a1 and p.a2 and p.a1 != p.a2):
        cls = DIPLOMATIC_EVENT  # a ceasefire needs two parties
    label = " – ".join(x for x in (p.a1name if p.a1 else "", cameo.label, p.a2name if p.a2 else "") if x)
    pairs = [(nq.TYPE, f"<{cls}>"), (nq.LABEL, nq.literal(label)), (TIME, ctx.day(p.day)),
             (nq.EVENT_TYPE, f"<{cameo.concept}>"), (nq.DERIVED, ctx.source)]
    if p.a1:
        pairs.append((role1, p.a1))
    if p.a2 and p.a2 != p.a1:
        pairs.append((role2, p.a2))
    if p.place:
        pairs.append((nq.HAS_PLACE, p.place))
    for url in p.urls:
        pairs.append(nq.source(url))
    for gid in p.ids:
        pairs.append((nq.IDENTIFIER, f'"gdelt:{gid}"'))
    pairs += [(NUM_ARTICLES, nq.integer(p.articles)), (NUM_SOURCES, nq.integer(p.sources)),
              (AVG_TONE, nq.decimal(round(p.tone / p.articles, 6) if p.articles else 0.0)),
              (DATE_ADDED, _added_text(p.added, caches[1]))]
    ctx.quads(e, pairs)
    s.events_added += 1
    s.duplicates_merged += p.rows - 1


IMPORTER = Importer("gdelt", "1", "GDELT event export", read,
                    {"window_hours": WINDOW_HOURS, "window_events": WINDOW_EVENTS})
