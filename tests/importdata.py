"""Fixture rows in the exact column layouts of GDELT and ACLED, for the import tests.

The rows describe the Afghanistan–Pakistan border area in February 2026 (made up for the tests,
not real GDELT or ACLED records).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kg.importers.gdelt import COLUMNS_1, COLUMNS_2

PAK = {"Code": "PAK", "Name": "PAKISTAN", "CountryCode": "PAK"}
PAKMIL = {"Code": "PAKMIL", "Name": "PAKISTAN", "CountryCode": "PAK", "Type1Code": "MIL"}
AFG = {"Code": "AFG", "Name": "AFGHANISTAN", "CountryCode": "AFG"}
QAT = {"Code": "QAT", "Name": "QATAR", "CountryCode": "QAT"}
TUR = {"Code": "TUR", "Name": "TURKEY", "CountryCode": "TUR"}
SAU = {"Code": "SAU", "Name": "SAUDI ARABIA", "CountryCode": "SAU"}
UNKNOWN = {"Code": "AFGREB", "Name": "WAZIRISTAN FIGHTERS", "CountryCode": "", "Type1Code": "REB"}

KHOST = {"Type": "4", "FullName": "Khost, Khowst, Afghanistan", "CountryCode": "AF", "ADM1Code": "AF37", "Lat": "33.3395",
             "Long": "69.9204", "FeatureID": "-3378435"}
KABUL = {"Type": "4", "FullName": "Kabul, Kabol, Afghanistan", "CountryCode": "AF", "ADM1Code": "AF13", "Lat": "34.5167",
             "Long": "69.1833", "FeatureID": "-3378440"}
MIRANSHAH = {"Type": "4", "FullName": "Miranshah, North-West Frontier, Pakistan", "CountryCode": "PK", "ADM1Code": "PK03",
                 "Lat": "33.0", "Long": "70.0667", "FeatureID": "-2772100"}
AFGHANISTAN = {"Type": "1", "FullName": "Afghanistan", "CountryCode": "AF", "ADM1Code": "AF", "Lat": "33", "Long": "66",
                   "FeatureID": "AF"}
DOHA = {"Type": "4", "FullName": "Doha, Ad Dawhah, Qatar", "CountryCode": "QA", "ADM1Code": "QA01", "Lat": "25.2867",
            "Long": "51.5333", "FeatureID": "-3393245"}

ROOT = {"0": "0"}


def gdelt_fields(gid, date, code, actor1=None, actor2=None, geo=None, *, url=None, added=None, articles=4,
                 sources=2, tone=-5.0, goldstein=None, version=2) -> dict:
    f = {c: "" for c in (COLUMNS_2 if version == 2 else COLUMNS_1)}
    f.update(GLOBALEVENTID=str(gid), SQLDATE=date, MonthYear=date[:6], Year=date[:4],
             FractionDate=f"{date[:4]}.{int(date[4:6]) * 8:04d}", IsRootEvent="1", EventCode=code,
             EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass="4" if code[:2] >= "15" else "1",
             GoldsteinScale=str(goldstein if goldstein is not None else {"19": -10.0, "04": 1.0}.get(code[:2], 3.0)),
             NumMentions=str(articles * 2), NumSources=str(sources), NumArticles=str(articles), AvgTone=str(tone),
             DATEADDED=added or (date + "120000" if version == 2 else date),
             SOURCEURL=url if url is not None else f"https://news.example.org/{date}/{gid}.html")
    for who, actor in (("Actor1", actor1), ("Actor2", actor2)):
        for k, v in (actor or {}).items():
            f[f"{who}{k}"] = v
    for k, v in (geo or {}).items():
        if f"ActionGeo_{k}" in f:
            f[f"ActionGeo_{k}"] = v
    if version == 1 and "SOURCEURL" not in COLUMNS_1:
        f.pop("SOURCEURL")
    return f


def gdelt_line(*args, version=2, **kwargs) -> str:
    f = gdelt_fields(*args, version=version, **kwargs)
    return "\t".join(f[c] for c in (COLUMNS_2 if version == 2 else COLUMNS_1)) + "\n"


def border_gdelt(version=2) -> list[str]:
    """Three dozen rows: fighting on the border, strikes on Khost and Kabul, a ceasefire declared
    between Pakistan and Afghanistan, Qatari and Saudi diplomacy, and re-emissions of each."""
    rows = []
    gid = 1_200_000_000
    def add(date, code, a1, a2, geo, n=1, hour=12, **kw):
        nonlocal gid
        for i in range(n):
            gid += 1
            added = f"{date}{hour + i:02d}0000" if version == 2 else date
            rows.append(gdelt_line(gid, date, code, a1, a2, geo, added=added, version=version, **kw))
    add("20260221", "195", PAK, AFG, KHOST, n=3)             # air strikes, re-emitted by three articles
    add("20260226", "193", AFG, PAKMIL, MIRANSHAH, n=4)      # border fighting
    add("20260226", "195", PAKMIL, AFG, KABUL, n=2)
    add("20260227", "195", PAK, AFG, KABUL, n=3)
    add("20260227", "194", PAK, AFG, KHOST, n=2)
    add("20260227", "190", AFG, PAK, AFGHANISTAN, n=2)
    add("20260227", "0256", QAT, AFG, DOHA, n=2)             # appeal for de-escalation
    add("20260227", "045", SAU, PAK, DOHA, n=1)              # mediation
    add("20260227", "036", AFG, PAK, KABUL, n=2)             # offer to negotiate
    add("20260228", "0871", PAK, AFG, AFGHANISTAN, n=3)      # ceasefire declared
    add("20260228", "196", AFG, PAK, KHOST, n=2)             # ceasefire violated
    add("20260228", "193", UNKNOWN, PAKMIL, MIRANSHAH, n=2)  # an actor no alias knows
    add("20260228", "042", TUR, PAK, None, n=1)              # a visit, no place
    add("20260228", "010", PAK, None, None, n=1)             # a statement, no addressee
    add("20260228", "112", AFG, PAK, KABUL, n=2)             # accusation
    return rows


ACLED_2023 = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
ACLED_OLD = ["data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3"]
assert len(ACLED_2023) == 31 and len(ACLED_OLD) == 31


def acled_event(eid, date, event_type, sub, actor1, actor2="", *, inter1="State forces", inter2="", assoc1="",
                assoc2="", country="Afghanistan", iso="4", admin1="Khost", admin2="", admin3="", location="Khost",
                lat="33.3395", lon="69.9204", fatalities="0", precision="1", source="Pajhwok Afghan News",
                notes="", timestamp="1772236800") -> dict:
    return {"event_id_cnty": eid, "event_date": date, "year": date[:4], "time_precision": precision,
                "disorder_type": "Political violence", "event_type": event_type, "sub_event_type": sub, "actor1": actor1,
                "assoc_actor_1": assoc1, "inter1": inter1, "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
                "interaction": "", "civilian_targeting": "", "iso": iso, "region": "Caucasus and Central Asia",
                "country": country, "admin1": admin1, "admin2": admin2, "admin3": admin3, "location": location, "latitude": lat,
                "longitude": lon, "geo_precision": "1", "source": source, "source_scale": "National", "notes": notes,
                "fatalities": fatalities, "tags": "", "timestamp": timestamp}


def border_acled() -> list[dict]:
    return [
        acled_event("AFG70001", "2026-02-21", "Explosions/Remote violence", "Air/drone strike",
                    "Military Forces of Pakistan (2018-)", "Civilians (Afghanistan)", inter2="Civilians",
                    fatalities="8", notes='On 21 February 2026, Pakistani aircraft struck houses in "Khost".'),
        acled_event("AFG70002", "2026-02-26", "Battles", "Armed clash", "Military Forces of Afghanistan (2021-)",
                    "Military Forces of Pakistan (2018-)", inter2="State forces", admin1="Paktika",
                    location="Barmal", lat="32.6", lon="69.1", fatalities="12"),
        acled_event("PAK80001", "2026-02-26", "Battles", "Armed clash", "Military Forces of Pakistan (2018-)",
                    "TTP: Tehrik-i-Taliban Pakistan", inter2="Rebel group", country="Pakistan", iso="586",
                    admin1="Khyber Pakhtunkhwa", admin2="North Waziristan", location="Miranshah", lat="33.0",
                    lon="70.0667", fatalities="15", source="Dawn; ISPR"),
        acled_event("AFG70003", "2026-02-27", "Explosions/Remote violence", "Air/drone strike",
                    "Military Forces of Pakistan (2018-)", "", admin1="Kabul", location="Kabul", lat="34.5167",
                    lon="69.1833", fatalities="0"),
        acled_event("AFG70004", "2026-02-27", "Explosions/Remote violence", "Shelling/artillery/missile attack",
                    "Military Forces of Pakistan (2018-)", "Civilians (Afghanistan)", inter2="Civilians",
                    admin1="Kunar", location="Dangam", lat="34.98", lon="71.43", fatalities="3", precision="2"),
        acled_event("AFG70005", "2026-02-28", "Strategic developments", "Agreement",
                    "Government of Afghanistan (2021-)", "Government of Pakistan (2024-)", inter2="State forces",
                    admin1="Kabul", location="Kabul", lat="34.5167", lon="69.1833", fatalities="0",
                    notes="Both sides agreed to a ceasefire mediated by Qatar."),
        acled_event("AFG70006", "2026-02-28", "Protests", "Peaceful protest", "Protesters (Afghanistan)", "",
                    inter1="Protesters", admin1="Nangarhar", location="Jalalabad", lat="34.43", lon="70.45",
                    precision="3"),
        acled_event("PAK80002", "2026-02-28", "Violence against civilians", "Attack", "Unidentified Armed Group (Pakistan)",
                    "Civilians (Pakistan)", inter1="Political militia", inter2="Civilians", country="Pakistan",
                    iso="586", admin1="Khyber Pakhtunkhwa", admin2="Bajaur", location="Khar", lat="34.73",
                    lon="71.52", fatalities="2", assoc2="Women (Pakistan)"),
    ]


def many_acled(n: int) -> list[dict]:
    """``n`` ACLED events: border_acled()'s eight again and again, with ids and dates of their own
    (eight a day from 2025-01-01)."""
    import datetime as dt
    base, first = border_acled(), dt.date(2025, 1, 1)
    rows = []
    for i in range(n):
        day = (first + dt.timedelta(days=i // len(base))).isoformat()
        row = base[i % len(base)]
        rows.append(dict(row, event_id_cnty=row["event_id_cnty"][:3] + str(100000 + i), event_date=day, year=day[:4]))
    return rows


def acled_csv(rows, layout="2023", bom=False) -> str:
    cols = ACLED_2023 if layout == "2023" else ACLED_OLD
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        if layout != "2023":
            r = dict(r, data_id="1", event_id_no_cnty=r["event_id_cnty"][3:], iso3=r["event_id_cnty"][:3],
                     inter1=_INTER_NUM.get(r["inter1"], r["inter1"]), inter2=_INTER_NUM.get(r["inter2"], r["inter2"]),
                     event_date=_old_date(r["event_date"]))
        w.writerow(r)
    return ("\ufeff" if bom else "") + out.getvalue()


_INTER_NUM = {"State forces": "1", "Rebel group": "2", "Political militia": "3", "Identity militia": "4",
              "Rioters": "5", "Protesters": "6", "Civilians": "7", "External/Other forces": "8", "": ""}


def _old_date(iso):
    import datetime as dt
    return dt.date.fromisoformat(iso).strftime("%d %B %Y")


# --- real files: read and write their rows, query a store (tests/test_import_real.py, _pax.py, _ucdp.py)

def rows_of(path: Path) -> tuple[list, list]:
    """A CSV file's header and rows (a BOM dropped)."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def write_rows(path: Path, header, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


def select(store, sparql) -> list[dict]:
    """The rows of a SELECT over the store at ``store``, each a dict of values (None where unbound)."""
    from kg.store import open_store
    with open_store(store) as s:
        answer = s.query(sparql)
        names = [v.value for v in answer.variables]
        return [{n: (r[n].value if r[n] is not None else None) for n in names} for r in answer]
