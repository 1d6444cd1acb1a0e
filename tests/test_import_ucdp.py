"""kg import ucdp-ged on real UCDP GED rows (tests/data/real/ucdp/, origin and licence in its
README), checked row by row against the file: events, actors, places, UCDP's claims with their
range, the named queries over an import on top of the seed, bad rows, re-import, all or nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from importdata import select
from kgtest import run_kg, seed_store_copy, seed_store_dir, tree_digest  # noqa: F401  (fixtures)

from kg.build import build
from kg.data import seed_path
from kg.errors import InputErrors
from kg.importers import import_file
from kg.sparql.query import run_named
from kg.store import open_store

REAL = Path(__file__).parent / "data" / "real" / "ucdp"
CANDIDATE = REAL / "GEDEvent_v26_01_26_06.excerpt.csv"
SPREADSHEET = REAL / "GEDEvent_v26_0_4.excerpt.csv"
YEARLY = REAL / "ged231-sample.excerpt.csv"
ID = "https://w3id.org/mediation-kg/id/"
MKG = "https://w3id.org/mediation-kg/ontology#"
UCDP = "https://w3id.org/mediation-kg/ucdp/"
UCDP_LABEL = "Uppsala Conflict Data Program (UCDP)"


def records(path: Path) -> list[tuple[int, dict]]:
    """(line, row) of each record, as a spreadsheet user counts lines (a cell may span several)."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        out, line = [], reader.line_num + 1
        for row in reader:
            out.append((line, dict(zip(header, row))))
            line = reader.line_num + 1
    return out


def write_records(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The 2026 candidate excerpt imported into a new store."""
    store = tmp_path_factory.mktemp("ucdp") / "store"
    summary = import_file("ucdp-ged", CANDIDATE, store)
    return store, summary


def test_every_row_is_an_event_typed_dated_and_placed_as_ucdp_codes_it(imported):
    store, summary = imported
    rows = records(CANDIDATE)
    assert (summary.rows_read, summary.events_added, summary.rows_rejected) == (len(rows), len(rows), 0) == (104, 104, 0)
    found = select(store, """SELECT ?id ?class ?type ?start ?end ?precision ?tp ?pp
        (GROUP_CONCAT(DISTINCT STR(?status); separator=" ") AS ?statuses)
        (GROUP_CONCAT(DISTINCT ?ident; separator=" ") AS ?idents) (COUNT(DISTINCT ?src) AS ?sources) WHERE {
        ?e dcterms:identifier ?id ; a ?class ; sem:eventType ?type ; mkg:time ?t ; mkg:timePrecision ?tp ;
           mkg:placePrecision ?pp ; mkg:codingStatus ?status ; dcterms:identifier ?ident .
        FILTER(STRSTARTS(?id, "ucdp-ged:"))
        ?t mkg:notBefore ?start ; mkg:notAfter ?end ; mkg:precision ?precision .
        OPTIONAL { ?e dcterms:source ?src }
    } GROUP BY ?id ?class ?type ?start ?end ?precision ?tp ?pp""")
    got = {r["id"]: r for r in found}
    assert len(got) == 104
    for line, row in rows:
        r = got["ucdp-ged:" + row["id"]]
        assert r["class"] == MKG + "MilitaryEvent", line
        assert r["type"] == f"{UCDP}violence-{row['type_of_violence']}", line
        assert (r["start"], r["end"]) == (row["date_start"][:10], row["date_end"][:10]), line
        # never more precise than UCDP says: a day only for date_prec 1
        assert (r["precision"] == MKG + "Day") == (row["date_prec"] == "1"), line
        assert r["tp"] == f"{UCDP}date-precision-{row['date_prec']}" and r["pp"] == f"{UCDP}where-precision-{row['where_prec']}"
        status = {"Clear": "status-clear", "Check dyad": "status-check-dyad", "Check geography": "status-check-geography",
                  "Check deaths": "status-check-deaths", "Check type of violence": "status-check-type-of-violence"}
        assert set(r["statuses"].split()) == {UCDP + status[row["code_status"]], f"{UCDP}clarity-{row['event_clarity']}"}
        assert {f"ucdp-ged-relid:{row['relid']}", f"ucdp-dyad:{row['dyad_new_id']}",
                f"ucdp-conflict:{row['conflict_new_id']}"} <= set(r["idents"].split()), line
        # the sources UCDP cites, one each (headlines hold ";", so they are split from source_article;
        # a source cited twice, word for word, is one)
        items = row["source_article"][1:-1].split('";"')
        assert len(items) == int(row["number_of_sources"]) == len(row["source_office"].split(";")), line
        assert int(r["sources"]) == len({i.strip() for i in items}), line


def test_sides_resolve_to_the_seeds_actors_with_ucdps_ids(imported):
    store, _ = imported
    found = select(store, """SELECT ?e ?role ?actor WHERE {
        ?conflict dcterms:identifier "ucdp-conflict:11639" ; sem:hasSubEvent ?e . ?e ?role ?actor .
        FILTER(?role IN (mkg:party, mkg:attacker, mkg:target)) }""")
    assert len({r["e"] for r in found}) == 90
    assert {(r["role"].removeprefix(MKG), r["actor"].removeprefix(ID)) for r in found} == {
        ("party", "afghan-government"), ("party", "pakistan-government")}
    ids = select(store, """SELECT ?a ?id WHERE { ?a dcterms:identifier ?id . FILTER(STRSTARTS(?id, "ucdp-actor:")) }""")
    ids = {r["id"]: r["a"].removeprefix(ID) for r in ids}
    assert ids["ucdp-actor:130"] == "afghan-government" and ids["ucdp-actor:142"] == "pakistan-government"
    # unresolved actors: UCDP's placeholders and groups no alias knows are UCDP's actors, for review
    (xxx,) = select(store, """SELECT ?class ?review WHERE { id:ucdp-actor-3596 a ?class ; rdfs:label "XXX700" ;
                              mkg:needsReview ?review }""")
    assert xxx == {"class": MKG + "Actor", "review": "true"}
    # one-sided violence: the armed side attacks, the civilians are the target
    rows = [row for _, row in records(CANDIDATE) if row["type_of_violence"] == "3"]
    assert rows
    for row in rows:
        roles = select(store, f"""SELECT ?role ?label WHERE {{ id:ucdp-ged-{row['id']} ?role ?a . ?a rdfs:label ?label .
                                  FILTER(?role IN (mkg:party, mkg:attacker, mkg:target)) }}""")
        labels = {"Government of Pakistan": "Government of Pakistan", "Government of Afghanistan":
                  "Taliban government of Afghanistan"}
        assert {(r["role"].removeprefix(MKG), r["label"]) for r in roles} == {
            ("attacker", labels.get(row["side_a"], row["side_a"])), ("target", row["side_b"])}


def test_places_lie_in_the_rows_country_and_reach_the_seeds_places(imported):
    store, _ = imported
    found = select(store, """SELECT ?id ?country WHERE { ?e dcterms:identifier ?id ; sem:hasPlace/mkg:locatedIn* ?c .
        ?c a mkg:Country ; rdfs:label ?country . FILTER(STRSTARTS(?id, "ucdp-ged:")) }""")
    countries: dict[str, set] = {}
    for r in found:
        countries.setdefault(r["id"], set()).add(r["country"])
    assert countries == {f"ucdp-ged:{row['id']}": {row["country"]} for _, row in records(CANDIDATE)}
    # Kandahar town (where_prec 1) is the alias table's Kandahar, with UCDP's spelling as its name there
    places = {r["id"]: r["p"].removeprefix(ID) for r in select(store, """SELECT ?id ?p WHERE {
        ?e dcterms:identifier ?id ; sem:hasPlace ?p }""")}
    assert places["ucdp-ged:618160"] == "kandahar"
    # Barmal district (where_prec 3: the district itself) lies in the alias table's Paktika ("Paktika province")
    (district,) = select(store, """SELECT ?in WHERE { id:ucdp-ged-621151 sem:hasPlace ?p .
        ?p rdfs:label "Barmal district" ; mkg:locatedIn ?in }""")
    assert district["in"] == ID + "paktika"
    # Torkham town (where_prec 1): a point with UCDP's coordinates, in its district, in its province
    (point,) = select(store, """SELECT ?lat ?long ?chain WHERE { id:ucdp-ged-618277 sem:hasPlace ?p .
        ?p rdfs:label "Torkham town" ; geo:lat ?lat ; geo:long ?long .
        { SELECT ?p (GROUP_CONCAT(?l; separator=" < ") AS ?chain) WHERE { ?p mkg:locatedIn+ ?up . ?up rdfs:label ?l }
          GROUP BY ?p } }""")
    assert (point["lat"], point["long"]) == ("34.13106", "71.082206")
    assert set(point["chain"].split(" < ")) == {"Muhmand Dara district", "Nangarhar province", "Afghanistan"}


def test_deaths_are_ucdps_claims_with_its_range_and_whose_losses(imported):
    store, summary = imported
    found = select(store, """SELECT ?id ?claim ?figure ?low ?high ?category ?losses ?whole WHERE {
        ?claim a mkg:Claim ; mkg:claimant id:ucdp ; mkg:about ?e ; mkg:measure mkg:Killed ; mkg:figure ?figure ;
               mkg:qualifier mkg:Approximately ; mkg:casualtyCategory ?category .
        ?e dcterms:identifier ?id . FILTER(STRSTARTS(?id, "ucdp-ged:"))
        OPTIONAL { ?claim mkg:figureLow ?low ; mkg:figureHigh ?high }
        OPTIONAL { ?claim mkg:lossesOf ?losses }
        OPTIONAL { ?claim mkg:subsetOf ?whole } }""")
    assert len(found) == summary.claims_added == 204
    by_event: dict[str, list] = {}
    for r in found:
        by_event.setdefault(r["id"].removeprefix("ucdp-ged:"), []).append(r)
    losses = {"Government of Afghanistan": ID + "afghanistan", "Government of Pakistan": ID + "pakistan"}
    for line, row in records(CANDIDATE):
        claims = by_event[row["id"]]
        (total,) = [c for c in claims if c["low"] is not None]
        assert (total["figure"], total["low"], total["high"]) == (row["best"], row["low"], row["high"]), line
        assert total["losses"] is None and total["category"] == MKG + "Unspecified"
        parts = {c["claim"].rsplit("-", 2)[-2]: c for c in claims if c is not total}
        assert all(c["whole"] == total["claim"] for c in parts.values())
        expected = {part: row[col] for part, col in (("a", "deaths_a"), ("b", "deaths_b"), ("civilians",
                    "deaths_civilians"), ("unknown", "deaths_unknown")) if row[col] != "0"}
        assert {p: c["figure"] for p, c in parts.items()} == expected, line
        assert sum(map(int, expected.values())) == int(row["best"])
        if row["conflict_new_id"] == "11639":  # a government's losses are its state's, as the parties count them
            for part, side in (("a", row["side_a"]), ("b", row["side_b"])):
                if part in parts:
                    assert (parts[part]["losses"], parts[part]["category"]) == (losses[side], MKG + "Military")
        if "civilians" in parts:
            assert parts["civilians"]["losses"] is None and parts["civilians"]["category"] == MKG + "Civilian"


def test_over_the_seed_casualty_claims_show_ucdps_range_beside_the_parties(store, tmp_path):
    summary = import_file("ucdp-ged", CANDIDATE, store)
    assert summary.rows_rejected == 0
    with open_store(store) as s:
        claims = run_named(s, "casualty-claims", **{"from": "2026-02-26", "to": "2026-02-27"}).records()
    ucdp = {r["claim"].removeprefix(ID): r for r in claims if r["claimantLabel"] == UCDP_LABEL}
    # event 617685 on the border, 26-27 February: UCDP's best 23 (all Pakistani soldiers), range 12-223
    total = ucdp["ucdp-ged-617685-deaths-12-23-223"]
    assert (total["figure"], total["low"], total["high"], total["qualifier"]) == (23, 12, 223, "approximately")
    assert (total["status"], total["accordingTo"]) == ("reported", UCDP_LABEL)
    side = ucdp["ucdp-ged-617685-side-b-23"]
    assert (side["lossesOfLabel"], side["category"], side["figure"]) == ("Pakistan", "military", 23)
    parties = {(r["claimantLabel"], r["lossesOfLabel"], r["measure"], r["figure"]) for r in claims}
    assert {("Zabihullah Mujahid", "Pakistan", "killed", 55), ("Ahmed Sharif Chaudhry", "Pakistan", "killed", 12)} <= parties
    # every UCDP claim about events of 26-27 February of conflict 11639 is here
    rows = [row for _, row in records(CANDIDATE) if row["date_start"][:10] <= "2026-02-27"
            and row["date_end"][:10] >= "2026-02-26"]
    assert {k.split("-")[2] for k in ucdp} == {row["id"] for row in rows} and len(rows) == 16


def test_rival_claims_set_a_partys_figure_against_ucdps_range(tmp_path):
    """A curated episode carrying UCDP's conflict id (the seed's February 2026 fighting carries
    "ucdp-conflict:11639") holds UCDP's events of that conflict on its days: a party's figure for
    Pakistani soldiers killed meets UCDP's figure and range for each of them."""
    overlay = tmp_path / "conflict.yaml"
    overlay.write_text("""source: team-notes
sources:
  - id: team-notes
    title: "[Our notes on the Afghanistan–Pakistan conflict]"
    date: 2026-03-01
claims:
  - id: afghan-government-pakistani-killed
    claimant: afghan-government
    about: february-2026-fighting
    losses_of: pakistan
    category: military
    measure: killed
    figure: 55
    qualifier: exactly
    verification: unverified
""", encoding="utf-8")
    store = tmp_path / "store"
    build([seed_path(), overlay], store)
    # in two files: the events of the first carry the conflict's id too, and must not hide the curated event
    rows = [row for _, row in records(CANDIDATE)][:40]
    import_file("ucdp-ged", write_records(tmp_path / "first.csv", rows), store)
    import_file("ucdp-ged", CANDIDATE, store)
    parents = select(store, """SELECT ?p (COUNT(?e) AS ?n) WHERE { ?p sem:hasSubEvent ?e .
        ?e dcterms:identifier "ucdp-conflict:11639" } GROUP BY ?p""")
    # the curated event (2026-02-26/27) holds the events within its days; the rest of the conflict's
    # events (February to May) go under UCDP's own conflict node
    within = [row for _, row in records(CANDIDATE)
              if row["date_start"][:10] >= "2026-02-26" and row["date_end"][:10] <= "2026-02-27"]
    assert sorted((r["p"], r["n"]) for r in parents) == [
        (ID + "february-2026-fighting", str(len(within))), (ID + "ucdp-conflict-11639", str(90 - len(within)))]
    assert len(within) == 11
    with open_store(store) as s:
        rivals = run_named(s, "rival-claims").records()
    pairs = {(r["claimantALabel"], r["figureA"], r["claimantBLabel"], r["figureB"], r["rangeB"], r["claimB"].removeprefix(ID))
             for r in rivals if r["lossesOfLabel"] == "Pakistan" and r["measure"] == "killed"}
    assert ("Taliban government of Afghanistan", 55, UCDP_LABEL, 23, "12-223 (all deaths of the event)",
            "ucdp-ged-617685-side-b-23") in pairs
    ucdp_pakistan = {f"ucdp-ged-{row['id']}-side-b-{row['deaths_b']}" for _, row in records(CANDIDATE)
                     if row["conflict_new_id"] == "11639" and row["deaths_b"] not in ("0", "55")
                     and row["date_start"][:10] >= "2026-02-26" and row["date_end"][:10] <= "2026-02-27"}
    assert {p[-1] for p in pairs if p[2] == UCDP_LABEL} == ucdp_pakistan
    # the seed's own rivals are still there
    assert ("Ahmed Sharif Chaudhry", 12, "Zabihullah Mujahid", 55, None, "mujahid-pakistani-killed") in pairs


def test_the_yearly_release_with_old_free_text_sources(tmp_path):
    """GED 23.1: events coded before 2010 (number_of_sources -1) have one free-text source with
    unbalanced quotes; best can lie outside low..high in UCDP's own file: kept as UCDP gives it."""
    store = tmp_path / "store"
    summary = import_file("ucdp-ged", YEARLY, store)
    rows = records(YEARLY)
    assert (summary.events_added, summary.rows_rejected) == (len(rows), 0)
    old = [row for _, row in rows if row["number_of_sources"] == "-1"]
    assert old
    for row in old:
        (r,) = select(store, f"""SELECT ?src WHERE {{ id:ucdp-ged-{row['id']} dcterms:source ?src }}""")
        assert r["src"] == row["source_article"]
    odd = [row for _, row in rows if not int(row["low"]) <= int(row["best"]) <= int(row["high"])]
    assert odd
    for row in odd:
        (r,) = select(store, f"""SELECT ?f ?low ?high WHERE {{ ?c mkg:about id:ucdp-ged-{row['id']} ; mkg:figure ?f ;
                                 mkg:figureLow ?low ; mkg:figureHigh ?high }}""")
        assert (r["f"], r["low"], r["high"]) == (row["best"], row["low"], row["high"])


def test_a_spreadsheet_copy_without_dates_is_refused_row_by_row(store):
    """The April 2026 candidate file, saved by a spreadsheet: every date is "00:00.0"."""
    digest = tree_digest(store)
    with pytest.raises(InputErrors) as stop:
        import_file("ucdp-ged", SPREADSHEET, store)
    lines = [line for line, _ in records(SPREADSHEET)]
    assert [e.line for e in stop.value.errors] == lines and len(lines) == 20
    assert all(e.file == str(SPREADSHEET) and e.message.startswith("bad date: date_start '00:00.0'")
               for e in stop.value.errors)
    assert tree_digest(store) == digest


def test_bad_rows_name_their_line_stop_changes_nothing_skip_keeps_the_rest(store, tmp_path):
    rows = [row for _, row in records(CANDIDATE)][:12]
    bad = [dict(r) for r in rows]
    bad[1]["type_of_violence"] = "4"
    bad[3]["best"] = "many"
    bad[5].update(date_prec="2", date_end=bad[5]["date_start"])  # a day would say more than UCDP does
    bad[7]["latitude"] = "91"
    f = write_records(tmp_path / "ged.csv", bad)
    lines = [line for line, _ in records(f)]
    digest = tree_digest(store)
    proc = run_kg("import", "ucdp-ged", f, "--store", store)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    for i, why in ((1, "bad type_of_violence: '4'"), (3, "bad best: 'many'"), (5, "bad date: date_prec 2 says"),
                   (7, "bad coordinates")):
        assert f"{f}:{lines[i]}: {why}" in proc.stderr, proc.stderr
    assert tree_digest(store) == digest
    summary = import_file("ucdp-ged", f, store, on_error="skip")
    assert (summary.rows_read, summary.events_added, summary.rows_rejected) == (12, 8, 4)
    found = {r["id"] for r in select(store, """SELECT ?id WHERE { ?e dcterms:identifier ?id ; a mkg:MilitaryEvent .
                                                 FILTER(STRSTARTS(?id, "ucdp-ged:")) }""")}
    assert found == {"ucdp-ged:" + r["id"] for i, r in enumerate(rows) if i not in (1, 3, 5, 7)}


def test_reimport_changes_nothing_and_an_overlapping_file_adds_only_whats_new(store, tmp_path):
    import_file("ucdp-ged", CANDIDATE, store)
    digest = tree_digest(store)
    again = import_file("ucdp-ged", CANDIDATE, store)
    assert again.already and tree_digest(store) == digest
    proc = run_kg("import", "ucdp-ged", CANDIDATE, "--store", store)
    assert proc.returncode == 0 and "already imported" in proc.stderr and tree_digest(store) == digest
    # the first ten rows again, one with a revised figure (UCDP revises candidate data)
    rows = [row for _, row in records(CANDIDATE)][:10]
    rows[0] = dict(rows[0], deaths_b=str(int(rows[0]["deaths_b"]) + 1), best=str(int(rows[0]["best"]) + 1),
                   high=str(int(rows[0]["high"]) + 1))
    overlap = import_file("ucdp-ged", write_records(tmp_path / "revised.csv", rows), store)
    assert (overlap.events_added, overlap.duplicates_merged) == (0, 10)
    assert overlap.claims_added == 2  # the revised total and side b: both UCDP's, beside the earlier ones
    (n,) = select(store, f"""SELECT (COUNT(?c) AS ?n) WHERE {{ ?c mkg:about id:ucdp-ged-{rows[0]['id']} ;
                            mkg:figureLow ?low }}""")
    assert n["n"] == "2"


def test_a_file_without_ucdps_header_is_refused(store, tmp_path):
    text = CANDIDATE.read_text(encoding="utf-8")
    f = tmp_path / "no-header.csv"
    f.write_text(text.split("\n", 1)[1], encoding="utf-8")
    digest = tree_digest(store)
    proc = run_kg("import", "ucdp-ged", f, "--store", store)
    assert proc.returncode == 1 and f"{f}:1:" in proc.stderr and "not a UCDP GED file" in proc.stderr
    assert "add UCDP's header row" in proc.stderr and tree_digest(store) == digest


def test_ucdp_is_the_publisher_of_the_import(imported):
    store, summary = imported
    (r,) = select(store, f"""SELECT ?pub ?label WHERE {{ GRAPH <{summary.graph}> {{ ?src a mkg:Source ;
        dcterms:publisher ?pub }} ?pub rdfs:label ?label }}""")
    assert (r["pub"], r["label"]) == (ID + "ucdp", UCDP_LABEL)


@pytest.mark.parametrize("low, figure, high, problems", [
    (12, 23, 223, []),
    (3, 2, 3, [("Warning", "low figure (mkg:figureLow) is above its figure")]),      # as in UCDP's 23.1 file
    (18, 18, 17, [("Warning", "figure (mkg:figure) is above its high figure")]),
    (None, None, 9, [("Violation", "needs a 'figure'")]),
])
def test_a_range_is_checked_by_the_shapes(tmp_path, low, figure, high, problems):
    """An analyst writes a range too (low, high); a figure outside it is the claimant's own doing: a
    warning, never a refusal. A range without its figure is an error."""
    from kg.build import build_memory
    from kg.validation.report import validate_store
    fields = "".join(f"    {k}: {v}\n" for k, v in (("low", low), ("figure", figure), ("high", high)) if v is not None)
    f = tmp_path / "claims.yaml"
    f.write_text(f"""source: s
sources:
  - {{id: s, title: A report, date: 2026-03-01}}
claims:
  - id: c
    claimant: ucdp
    measure: killed
    qualifier: approximately
    verification: unverified
{fields}actors:
  - {{id: ucdp, type: actor, name: UCDP}}
""", encoding="utf-8")
    if any(level == "Violation" for level, _ in problems):
        with pytest.raises(InputErrors) as e:
            build_memory([f])
        assert any(problems[0][1] in err.message for err in e.value.errors)
        return
    store = build_memory([f])
    report = validate_store(store.pyoxigraph, union=True)
    assert [(v.severity, m) for v in report.violations for _, m in problems if m in v.message] == problems
    assert report.conforms


def test_an_import_conforms_to_the_shapes(tmp_path):
    """Both real excerpts in one store: no violation; UCDP's figure outside its own range is a warning."""
    from kg.validation.report import validate_store
    store = tmp_path / "store"
    for f in (CANDIDATE, YEARLY):
        import_file("ucdp-ged", f, store)
    with open_store(store) as s:
        report = validate_store(s.pyoxigraph, union=True)
    odd = [row["id"] for _, row in records(YEARLY) if not int(row["low"]) <= int(row["best"]) <= int(row["high"])]
    assert report.conforms and {v.severity for v in report.violations} == {"Warning"}
    assert {v.focus.removeprefix(ID).split("-")[2] for v in report.violations} == set(odd)
