"""Dates that interoperate (issue 15, item 2): EDTF forms in a made-up scenario
(tests/data/scenarios/lisk.yaml). It builds and validates; every time node keeps the text as
written (rdfs:label), its bounds (none for an open end), and the EDTF string and flags, and an
nquads export read back by another parser gives the same; a ceasefire with no known end is in
force at any later date. Malformed EDTF is refused at its line in tests/data/broken."""

from __future__ import annotations

import datetime as dt

import pytest
from kgtest import HERE, run_kg
from rdflib import Dataset, Literal
from rdflib.namespace import RDF, RDFS, XSD

from kg.authoring.dates import edtf_of, parse_date
from kg.build import build_memory
from kg.graphs.project import project
from kg.namespaces import GRAPH, ID, MKG

LISK = HERE / "data" / "scenarios" / "lisk.yaml"
CEASEFIRE, OLD_TRUCE = str(ID["lasting-ceasefire"]), str(ID["old-truce"])

# the date as written -> (earliest day, latest day, precision, EDTF string, flags) as the store holds them
EXPECTED = {
    "2031-10-19/..": ("2031-10-19", None, "DateRange", "2031-10-19/..", set()),
    "../2031-02": (None, "2031-02-28", "DateRange", "../2031-02", set()),
    "2032-02-26?": ("2032-02-26", "2032-02-26", "Day", "2032-02-26?", {"uncertain"}),
    "2032-02-26~": ("2032-02-26", "2032-02-26", "Day", "2032-02-26~", {"approximate"}),
    "2032-02~": ("2032-02-01", "2032-02-29", "Month", "2032-02~", {"approximate"}),
    "2032-02-26%": ("2032-02-26", "2032-02-26", "Day", "2032-02-26%", {"uncertain", "approximate"}),
    "2032-02-XX": ("2032-02-01", "2032-02-29", "Month", "2032-02-XX", set()),
    "203X": ("2030-01-01", "2039-12-31", "DateRange", "203X", set()),
    "2032-02-26/2032-02-27": ("2032-02-26", "2032-02-27", "DateRange", "2032-02-26/2032-02-27", set()),
}


def time_nodes(ds: Dataset) -> dict:
    """The date as written -> (bounds, precision, EDTF string, flags) of every time node in ``ds``."""
    out = {}
    for node in set(ds.subjects(RDF.type, MKG.TimeExtent)):
        nb, na, edtf = (ds.value(node, p) for p in (MKG.notBefore, MKG.notAfter, MKG.edtf))
        assert all(v is None or v.datatype == XSD.date for v in (nb, na))
        assert edtf is None or (edtf.datatype in (None, XSD.string) and edtf.language is None)  # RDF 1.1: the same
        out[str(ds.value(node, RDFS.label))] = (nb and str(nb), na and str(na),
                                                ds.value(node, MKG.precision).removeprefix(str(MKG)),
                                                edtf and str(edtf), {str(f) for f in ds.objects(node, MKG.dateQualifier)})
    return out


@pytest.fixture(scope="module")
def lisk():
    return build_memory([LISK])


def test_the_parser_gives_what_the_store_holds():
    for text, (nb, na, precision, edtf, flags) in EXPECTED.items():
        e = parse_date(text)
        assert (e.not_before and e.not_before.isoformat(), e.not_after and e.not_after.isoformat(), e.precision,
                edtf_of(e), set(e.flags)) == (nb, na, precision, edtf, flags)


def test_the_scenario_validates():
    proc = run_kg("validate", LISK)
    assert proc.returncode == 0, proc.stderr


def test_an_nquads_export_reads_back_with_the_same_bounds_and_edtf(tmp_path):
    store, out = tmp_path / "store", tmp_path / "lisk.nq"
    assert run_kg("build", LISK, "--store", store).returncode == 0
    proc = run_kg("export", "-f", "nquads", "-o", out, "--store", store)
    assert proc.returncode == 0, proc.stderr
    ds = Dataset(default_union=True).parse(out, format="nquads")
    got = time_nodes(ds)
    assert {k: v for k, v in got.items() if k in EXPECTED} == EXPECTED
    assert got["2032-03-01"] == ("2032-03-01", "2032-03-01", "Day", "2032-03-01", set())  # a plain date in EDTF too


@pytest.mark.parametrize("window,kept", [
    ({"as_of": "2032-03-01"}, {CEASEFIRE, OLD_TRUCE}),  # everything up to that day
    ({"start": "2032-03-01", "end": "2032-03-01"}, {CEASEFIRE}),  # in force that day: the open end
    ({"start": "2040-01-01"}, {CEASEFIRE}),
    ({"as_of": "2031-10-18"}, {OLD_TRUCE}),  # not yet agreed
    ({"end": "2020-01-01"}, {OLD_TRUCE}),  # open at its start
])
def test_an_open_ended_ceasefire_answers_as_of(lisk, window, kept):
    graph = project(lisk, "events", **window)
    ceasefires = {n for n, d in graph.nodes(data=True) if d.get("kind") == "Ceasefire"}
    assert ceasefires == kept
    if CEASEFIRE in kept:
        node = graph.nodes[CEASEFIRE]
        assert (node["start"], node["end"], node["date"]) == ("2031-10-19", None, "2031-10-19/..")
    actors = project(lisk, "actors", **window)
    assert actors.has_edge(str(ID.lisk), str(ID.morva), "ceasefire") or actors.has_edge(
        str(ID.morva), str(ID.lisk), "ceasefire")


def test_a_date_with_no_bound_at_all_is_a_shacl_violation_in_rdf():
    from kg.validation.report import validate_quads, validate_quads_pyshacl
    g, t = GRAPH["x"], ID["t"]
    quads = [(t, RDF.type, MKG.TimeExtent, g), (t, MKG.precision, MKG.DateRange, g),
             (t, MKG.edtf, Literal("../..", datatype=XSD.string), g), (t, MKG.dateQualifier, Literal("unsure"), g)]
    for report in (validate_quads(quads), validate_quads_pyshacl(quads)):
        messages = " | ".join(v.message for v in report.violations if v.focus == str(t))
        assert "needs an earliest day (mkg:notBefore) or a latest day" in messages, report.text()
        assert "is \"uncertain\" or \"approximate\"" in messages, report.text()


def test_an_edtf_day_is_not_a_publication_day(tmp_path):
    """A source's date is one day: an uncertain one is refused, not silently made certain."""
    f = tmp_path / "s.yaml"
    f.write_text("sources:\n  - {id: s, title: T, date: 2032-02-26?}\n", encoding="utf-8")
    proc = run_kg("validate", f)
    assert proc.returncode == 1 and f"{f}:2:" in proc.stderr and "must be a single day" in proc.stderr


def test_csv_imports_refuse_edtf_rather_than_drop_its_marks():
    from kg.importers.csvmap import RowError, _date
    with pytest.raises(RowError):
        _date("2032-02-26?")
    with pytest.raises(RowError):  # nor a clock time reduced to its day
        _date("2032-02-26 17:00 +05:30")
    assert _date("2032-02-26").edtf is None


def test_the_named_queries_keep_open_ended_items(tmp_path):
    """An open bound passes every date filter: the named queries list an item whose start or end is
    not known, never drop it (its date text as written)."""
    from kg.sparql.query import run_named
    extra = tmp_path / "open.yaml"
    extra.write_text("""source: lisk-post-2032-03-02
events:
  - {id: open-mediation, type: mediation, name: Talks brokered by Vessa, date: ../2032-02, mediators: vessa,
     parties: [lisk, morva]}
  - {id: open-raid, type: strike, name: Raids since the autumn, date: 2031-10/.., attacker: lisk, target: morva,
     places: lisk}
  - {id: some-day-raid, type: strike, name: A raid in February, date: 2032-02-XX, attacker: lisk, target: morva,
     places: lisk}
actors:
  - {id: vessa, type: state, name: Vessa}
""", encoding="utf-8")
    from kg.build import build_memory
    store = build_memory([HERE / "data" / "scenarios" / "lisk.yaml", extra])
    assert [(r["mediatorLabel"], r["date"]) for r in run_named(store, "mediators").records()] == [
        ("Vessa", "../2032-02")]
    # still going on 2032-03-01 as far as anyone knows; the February raid is not
    assert [(r["strikeLabel"], r["date"]) for r in run_named(store, "strike-places", **{"from": "2032-03-01"}).records()] == [
        ("Raids since the autumn", "2031-10/..")]
    assert {r["date"] for r in run_named(store, "strike-places").records()} == {"2031-10/..", "2032-02-XX"}


# every form the authoring format accepts (the project's own and EDTF's): each is written back in EDTF
EVERY_FORM = ["2032-03-01", "2032-03-01 night", "2032-03-01 late", "2032-03", "2032", "2032-02-21/22 weekend",
              "2032-02-26/27", "2031-10/2032-02", "2032-03-01T17:05+05:30", "2032-03-01 08:15 Z",
              "2032-03-01 23:30 -04:00", *EXPECTED]


@pytest.mark.parametrize("fmt,parse_as", [("nquads", "nquads"), ("trig", "trig")])
def test_every_date_reads_back_from_an_export_in_edtf_with_the_same_bounds(tmp_path, fmt, parse_as):
    """Author every form, build, export, read the export with rdflib, parse each time node's EDTF
    string again: the same earliest and latest day (none for an open end) as the node holds, and
    as the form as written gives."""
    src = tmp_path / "forms.yaml"
    events = "\n".join(f"  - {{id: e{i}, type: strike, name: Strike {i}, date: \"{text}\", attacker: lisk, target: morva}}"
                       for i, text in enumerate(EVERY_FORM))
    src.write_text("sources:\n  - {id: s, title: T, date: 2032-03-02}\nsource: s\nactors:\n"
                   "  - {id: lisk, type: state, name: Lisk}\n  - {id: morva, type: state, name: Morva}\n"
                   f"events:\n{events}\n", encoding="utf-8")
    store, out = tmp_path / "store", tmp_path / f"forms.{fmt}"
    assert run_kg("build", src, "--store", store).returncode == 0
    proc = run_kg("export", "-f", fmt, "-o", out, "--store", store)
    assert proc.returncode == 0, proc.stderr
    ds = Dataset(default_union=True).parse(out, format=parse_as)
    seen = set()
    for node in set(ds.subjects(RDF.type, MKG.TimeExtent)):
        label, edtf = str(ds.value(node, RDFS.label)), ds.value(node, MKG.edtf)
        held = tuple(v and dt.date.fromisoformat(str(v)) for v in (ds.value(node, MKG.notBefore), ds.value(node, MKG.notAfter)))
        back = parse_date(str(edtf))
        assert (back.not_before, back.not_after) == held, (label, str(edtf))
        written = parse_date(label)
        assert (written.not_before, written.not_after) == held, label
        if written.instant:  # a clock time reads back to the same instant
            assert back.instant == written.instant == ds.value(node, MKG.clockTime).toPython()
        seen.add(label)
    assert seen >= set(EVERY_FORM)
