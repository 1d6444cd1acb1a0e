"""The docs cannot drift from the code: every authoring field and type, every command, every named
query is documented, and the README's example authoring snippet builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg import vocabulary
from kg.authoring.schema import SECTIONS, TYPED
from kg.namespaces import ID, MKG
from kg.sparql.named import named_queries

ROOT = Path(__file__).parent.parent
AUTHORING = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("section,field", [(s, f) for s, (_, fields) in SECTIONS.items() for f in fields])
def test_every_field_is_documented(section, field):
    assert f"`{field}`" in AUTHORING, f"{section}.{field} is missing from docs/authoring.md"


@pytest.mark.parametrize("section", sorted(TYPED))
def test_every_type_is_documented(section):
    names = set()
    for base in TYPED[section]:
        names |= set(vocabulary.subclasses(base))
    if section == "events":
        names -= set(vocabulary.subclasses("Statement"))
    missing = [n for n in names if f"`{n}`" not in AUTHORING]
    assert not missing, f"types missing from docs/authoring.md: {missing}"


@pytest.mark.parametrize("cls", ["Measure", "Qualifier", "VerificationStatus", "CasualtyCategory", "Outcome", "Stance"])
def test_every_controlled_value_is_documented(cls):
    missing = [n for n in vocabulary.concepts(cls) if f"`{n}`" not in AUTHORING]
    assert not missing, f"{cls} values missing from docs/authoring.md: {missing}"


def test_every_named_query_is_in_the_readme():
    for name in named_queries():
        assert f"| `{name}` |" in README


def test_readme_opens_with_the_two_commands():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert blocks[0].endswith("kg demo") and "pip install ." in blocks[0]
    assert blocks[1].endswith("python -m pytest") and "'.[test]'" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert blocks[1].replace("python3.11", '"$PY"').replace("pip install", "pip install -q") in ci


def test_readme_authoring_example_builds(tmp_path):
    """The YAML in the README is complete and real: it builds, and answers a named query."""
    from kg.build import build_memory
    from kg.sparql.query import run_named
    snippet = re.search(r"```yaml\n(.*?)\n```", README, re.S).group(1)
    (tmp_path / "example.yaml").write_text(snippet, encoding="utf-8")
    store = build_memory([tmp_path / "example.yaml"])
    mediators = run_named(store, "mediators", party1="pakistan").records()
    assert [(r["mediatorLabel"], r["what"]) for r in mediators] == [("Qatar", "Initial Afghanistan–Pakistan ceasefire")]


def test_security_doc_lists_every_limit_as_the_code_defines_it():
    from kg.limits import markdown_table
    security = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert markdown_table() in security, "docs/security.md: paste kg.limits.markdown_table() between its markers"


def _section_files(title: str) -> dict[str, str]:
    """The YAML files of a section of docs/authoring.md: its ```yaml blocks that start ``# file: NAME``."""
    section = AUTHORING.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n# file: (\S+)\n(.*?)\n```", section, re.S)
    assert blocks, f"no example files in the section {title!r}"
    return dict(blocks)


def _build_section(title, tmp_path):
    from kg.build import build_memory
    for name, text in _section_files(title).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return build_memory([tmp_path])


def test_several_sources_example_builds_and_answers(tmp_path):
    """docs/authoring.md, "Several sources about the same events": what the section says it gives."""
    from kg.sparql.query import run_named
    store = _build_section("Several sources about the same events", tmp_path)
    accounts = run_named(store, "accounts", item="breck-strike").records()
    assert sorted((r["date"], frozenset(r["places"].split(", "))) for r in accounts) == [
        ("2031-03-07 night", frozenset({"Breck", "Ostra"})), ("2031-03-08", frozenset({"Breck"}))]
    places = {(r["strikeLabel"], r["date"], r["placeLabel"], r["status"], r["independentSources"])
              for r in run_named(store, "strike-places").records()}
    assert places == {
        ("Norland air strike on Breck", "2031-03-08", "Breck", "corroborated", 2),
        ("Norland air strike on Breck", "2031-03-07 night", "Breck", "corroborated", 2),
        ("Norland air strike on Breck", "2031-03-07 night", "Ostra", "stated", 1),  # only the Herald names Ostra
        ("Norland shelling of Ostra", "2031-03-08", "Ostra", "reported", 1),
    }


def test_disputes_beyond_figures_example_builds_and_answers(tmp_path):
    """docs/authoring.md, "Disputes beyond figures": the disputed role, and the figure not confirmed."""
    from kg.graphs.analyze import analyze
    from kg.sparql.query import run_named
    store = _build_section("Disputes beyond figures", tmp_path)
    (row,) = run_named(store, "mediators").records()
    assert (row["mediatorLabel"], row["status"], row["accordingTo"], row["disputedBy"]) == (
        "Calvia", "disputed", "Foreign Ministry of Calvia; Government of Sudmark", "Government of Norland")
    (ceasefire,) = run_named(store, "ceasefires").records()
    assert "Calvia (disputed)" in ceasefire["brokers"]
    assert [(r["label"], r["status"], r["disputed_by"]) for r in analyze(store, "mediators")[0]] == [
        ("Calvia", ["disputed"], ["Government of Norland"])]
    assert analyze(store, "mediators", facts="undisputed")[0] == []
    declined = store.query(f"SELECT ?fact ?who WHERE {{ GRAPH ?g {{ ?fact <{MKG.declinedToConfirmBy}> ?who }} }}")
    assert [(s["fact"].value, s["who"].value) for s in declined] == [
        (str(ID["harrow-civilians"]), str(ID["norland-government"]))]


def test_material_losses_example_builds_and_answers(tmp_path):
    """docs/authoring.md, "Material losses": the rival figures for aircraft lost."""
    from kg.sparql.query import run_named
    store = _build_section("Material losses", tmp_path)
    rivals = run_named(store, "rival-claims").records()
    assert [(r["lossesOfLabel"], r["measure"], r["claimantALabel"], r["figureA"], r["claimantBLabel"], r["figureB"])
            for r in rivals] == [("Pellin", "aircraft lost", "Ossan Air Force", 2, "Pellinese Army", 0)]


def test_unilateral_measures_example_builds_and_answers(tmp_path):
    """docs/authoring.md, "Unilateral measures": who closed the border."""
    from kg.sparql.query import run_named
    store = _build_section("Unilateral measures", tmp_path)
    (row,) = run_named(store, "border-crossings").records()
    assert (row["closureLabel"], row["initiators"], row["degree"]) == (
        "Closure of the Ossa-Pellin border crossings", "Government of Ossa", "shut")


def test_events_of_more_than_one_type_example_builds_and_answers(tmp_path):
    """docs/authoring.md, "Events of more than one type": both types in the account."""
    from kg.sparql.query import run_named
    store = _build_section("Events of more than one type", tmp_path)
    (row,) = run_named(store, "accounts", item="id:ossa-reprisal").records()
    assert set(row["type"].split(", ")) == {"air strike", "retaliatory attack"}


def test_edtf_dates_example_builds_and_answers(tmp_path):
    """docs/authoring.md, "Date expressions": the EDTF example's bounds, EDTF strings and flags, and
    its ceasefire with no known end in force on a later day."""
    from kg.graphs.project import project
    store = _build_section("Date expressions", tmp_path)
    got = store.query(f"""SELECT ?label ?nb ?na ?edtf ?flag WHERE {{ ?t a <{MKG.TimeExtent}> ; <{MKG.edtf}> ?edtf .
        ?t <http://www.w3.org/2000/01/rdf-schema#label> ?label
        OPTIONAL {{ ?t <{MKG.notBefore}> ?nb }} OPTIONAL {{ ?t <{MKG.notAfter}> ?na }}
        OPTIONAL {{ ?t <{MKG.dateQualifier}> ?flag }} }} ORDER BY ?label""")
    assert [tuple(s[k] and s[k].value for k in ("label", "nb", "na", "edtf", "flag")) for s in got] == [
        ("2031-10-19/..", "2031-10-19", None, "2031-10-19/..", None),
        ("2032-02-26?", "2032-02-26", "2032-02-26", "2032-02-26?", "uncertain"),
        ("2032-02~", "2032-02-01", "2032-02-29", "2032-02~", "approximate")]
    in_force = project(store, "events", start="2032-03-01", end="2032-03-01")
    assert [d["label"] for _, d in in_force.nodes(data=True) if d["group"] == "event"] == ["Lisk-Morva ceasefire"]


def test_drafts_example_is_refused_kept_as_drafts_and_builds_once_reviewed(tmp_path):
    """docs/authoring.md, "Drafts": the spans and the digest are the quoted article's; the six drafts
    are refused, kept as drafts with --include-drafts, and the file builds once their marks are gone."""
    import hashlib

    from kg.errors import DraftsLeft
    from kg.sparql.query import run_named
    from kg.authoring.yamlreader import load_yaml
    from kg.build import build_memory
    section = AUTHORING.split("## Drafts\n", 1)[1].split("\n## ", 1)[0]
    article = re.search(r'offsets into the article "(.*?)"\):', section, re.S).group(1).replace("\n", " ")
    ((name, text),) = _section_files("Drafts").items()
    doc = load_yaml(text, name)
    origin = doc["drafted_from"]
    assert (origin["sha256"], int(origin["chars"])) == (hashlib.sha256(article.encode()).hexdigest(), len(article))
    spans = [article[int(a):int(b)] for items in doc.values() if isinstance(items, list) for item in items
             if "draft" in item for a, b in item["draft"]["spans"]]
    assert "Breck" in spans and "killing at least 12 Sudmark soldiers" in spans and "defence ministry" in spans
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(DraftsLeft) as e:
        build_memory([tmp_path / name])
    assert len(e.value.errors) == 6
    store = build_memory([tmp_path / name], drafts=True)
    assert [r["status"] for r in run_named(store, "casualty-claims").records()] == ["draft"]
    (tmp_path / name).write_text(re.sub(r",? draft: \{[^{}]*\}", "", text), encoding="utf-8")
    store = build_memory([tmp_path / name])
    assert [(r["status"], r["accordingTo"]) for r in run_named(store, "casualty-claims").records()] == [
        ("reported", "Norland defence ministry")]
