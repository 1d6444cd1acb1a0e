"""Hostile and broken inputs end in a clear error naming the file (and line), never a traceback, a
crash or a machine out of memory; every bound is one of kg/limits.py.

Inputs are generated small here (tmp_path). Cases about memory or a crash run the real ``kg`` in a
child process limited to 1 GB of address space (:func:`run_kg_bounded`); the others run ``kg`` in
this process, through its real entry point and error handling (:func:`kg`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import random
import resource
import subprocess
import sys
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from importdata import acled_csv, border_acled
from kgtest import seed_store_copy, seed_store_dir, tree_digest  # noqa: F401  (fixtures)

from kg import limits
from kg.authoring.ingest import ingest
from kg.cli import main
from kg.errors import InputError, InputErrors

GB = 1 << 30
SOURCE = "sources:\n  - {id: src, title: T, date: 2026-01-01}\nsource: src\n"  # lines 1-3 of an authoring file


def run_kg_bounded(*args, env=None) -> subprocess.CompletedProcess:
    """The real ``kg`` in a child process that may use at most 1 GB of address space.

    glibc reserves 64 MB of address space for each malloc arena, and makes up to 8 per core as
    threads (RocksDB's, Oxigraph's, kg's) contend: on a busy machine those reservations alone
    (not memory used: a zip bomb's import peaks at 58 MB resident) came near 1 GB, and a Rust
    thread that could not allocate aborted the child. MALLOC_ARENA_MAX=2 keeps the limit about
    memory (the import's peak address space: 709-773 MB without it, 390 MB with it)."""
    import os

    def at_most_1gb():
        resource.setrlimit(resource.RLIMIT_AS, (GB, GB))

    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          preexec_fn=at_most_1gb, env=dict(os.environ, MALLOC_ARENA_MAX="2", **(env or {})),
                          timeout=120)


def kg(capsys, *args):
    """``kg`` in this process, through its entry point: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


def clean(code, err, where, expect, exit_code=1):
    """A clean refusal: the exit code, ``where`` (file or file:line:) and ``expect`` in the message,
    no traceback."""
    assert code == exit_code, err
    assert "Traceback" not in err and where in err and expect in err, err


def deep_alias(depth: int) -> str:
    """YAML with a list nested ``depth`` deep behind an anchor, then an alias to it (line 2)."""
    return "deep: &deep " + "[" * depth + "]" * depth + "\nagain: *deep\n"


def alias_bomb(levels: int = 9) -> str:
    """YAML whose aliases expand to 10**levels values (lines 1 to levels + 1)."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def csv_for_mapping(tmp_path, mapping_text):
    """An event CSV whose rows are valid, and a mapping file for it with ``mapping_text`` added."""
    data = tmp_path / "events.csv"
    data.write_text("Type,Date,Name\nmediation,2026-02-27,Talks in Doha\n", encoding="utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("kind: event\ncolumns: {type: Type, date: Date, name: Name}\n" + mapping_text, encoding="utf-8")
    return data, mapping


# --- 1. an id with a trailing newline -----------------------------------------------------------

@pytest.mark.parametrize("item, expect", [
    ('{id: "evil\\n", type: state, name: Evil}', "id 'evil\\n' must be lowercase letters"),
    ('{id: evil, type: state, name: Evil, wikidata: "Q843\\n"}', "must be a Wikidata id like Q843, not 'Q843\\n'"),
])
def test_a_trailing_newline_is_no_id_in_authoring_files(store, tmp_path, capsys, item, expect):
    f = tmp_path / "evil.yaml"
    f.write_text(SOURCE + "actors:\n  - " + item + "\n", encoding="utf-8")
    before = tree_digest(store)
    clean(*kg(capsys, "build", f, "--store", store)[::2], f"{f}:5:", expect)
    assert tree_digest(store) == before


def test_a_trailing_newline_is_no_id_prefix_in_a_mapping_file(store, tmp_path, capsys):
    data, mapping = csv_for_mapping(tmp_path, 'id_prefix: "evil\\n"\n')
    before = tree_digest(store)
    clean(*kg(capsys, "import", "csv", data, "--mapping", mapping, "--store", store)[::2], f"{mapping}:3:",
          "id_prefix 'evil\\n' must be lowercase letters")
    assert tree_digest(store) == before


def test_a_trailing_newline_is_no_id_in_an_alias_file(store, tmp_path, capsys):
    data, mapping = csv_for_mapping(tmp_path, "")
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text('actors:\n  "evil\\n": {type: state, name: Evil}\n', encoding="utf-8")
    before = tree_digest(store)
    clean(*kg(capsys, "import", "csv", data, "--mapping", mapping, "--aliases", aliases, "--store", store)[::2],
          f"{aliases}:2:", "'evil\\n' must be an id")
    assert tree_digest(store) == before


# --- 2, 3. YAML nested deep behind an alias, and alias bombs, in every YAML file kg reads -----------

def _yaml_case(kind, tmp_path, text):
    """The command reading ``text`` as an authoring, alias or mapping file, and that file."""
    if kind == "authoring":
        f = tmp_path / "deep.yaml"
        f.write_text(text, encoding="utf-8")
        return ["build", f], f
    data, mapping = csv_for_mapping(tmp_path, "")
    if kind == "aliases":
        f = tmp_path / "aliases.yaml"
        f.write_text(text, encoding="utf-8")
        return ["import", "csv", data, "--mapping", mapping, "--aliases", f], f
    mapping.write_text(text + mapping.read_text(encoding="utf-8"), encoding="utf-8")
    return ["import", "csv", data, "--mapping", mapping], mapping


@pytest.mark.slow  # a kg process under a memory limit
@pytest.mark.parametrize("kind", ["authoring", "aliases", "mapping"])
@pytest.mark.parametrize("text, line", [
    (deep_alias(500), 1),  # the anchor itself is too deep
    ("a: &a " + "[" * 60 + "]" * 60 + "\nb: " + "[" * 60 + "*a" + "]" * 60 + "\n", 2),  # deep only once copied
], ids=["anchor-500-deep", "copy-120-deep"])
def test_yaml_nested_too_deep_is_refused(store, tmp_path, kind, text, line):
    command, f = _yaml_case(kind, tmp_path, text)
    before = tree_digest(store)
    proc = run_kg_bounded(*command, "--store", store)
    clean(proc.returncode, proc.stderr, f"{f}:{line}:", "the YAML is nested too deeply: the limit is 100 levels; "
          "set KG_LIMIT_YAML_DEPTH to raise it")
    assert tree_digest(store) == before


@pytest.mark.slow  # a kg process under a memory limit
@pytest.mark.parametrize("kind", ["aliases", "mapping"])
def test_alias_bombs_in_alias_and_mapping_files_are_refused(store, tmp_path, kind):
    command, f = _yaml_case(kind, tmp_path, alias_bomb())
    before = tree_digest(store)
    proc = run_kg_bounded(*command, "--store", store)
    clean(proc.returncode, proc.stderr, f"{f}:", "the YAML expands to too many values (alias bomb?): "
          "the limit is 1,000,000 values; set KG_LIMIT_YAML_NODES to raise it")
    assert tree_digest(store) == before


def test_alias_and_mapping_files_keep_yaml_typing(tmp_path):
    """Read through kg's bounded reader, alias and mapping files still see YAML's types as before:
    a number is not a code, an empty value is no value."""
    from kg.importers.aliases import load_aliases
    from kg.importers.csvmap import load_mapping
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("actors:\n  pak2:\n    type: state\n    wikidata:\n    cameo: [PAK, 4]\n", encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        load_aliases([aliases])
    assert [str(x) for x in e.value.errors] == [f"{aliases}:5: actors: pak2: 'cameo' must be a list of strings, "
                                               "such as cameo: [\"PAK\"], not ['PAK', 4]"]
    _, mapping = csv_for_mapping(tmp_path, "id: ~\ndelimiter: ';'\n")
    assert load_mapping(mapping)["id"] is None and load_mapping(mapping)["delimiter"] == ";"


# --- 4. files that are not UTF-8 --------------------------------------------------------------------

LATIN1 = "SELECT * WHERE { ?s ?p 'café' }".encode("latin-1")


def test_a_latin1_query_file_is_a_clear_error(tmp_path, capsys):
    f = tmp_path / "question.rq"
    f.write_bytes(LATIN1)
    clean(*kg(capsys, "query", f, "--store", tmp_path / "none")[::2], f"{f}:1:",
          "not UTF-8 text (invalid continuation byte at byte 27)", exit_code=2)


def test_a_latin1_query_on_stdin_is_a_clear_error(tmp_path, capsys, monkeypatch):
    import io
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LATIN1)))
    clean(*kg(capsys, "query", "-", "--store", tmp_path / "none")[::2], "<stdin>:1:", "not UTF-8 text", exit_code=2)


@pytest.mark.parametrize("kind", ["aliases", "mapping"])
def test_latin1_alias_and_mapping_files_are_a_clear_error(store, tmp_path, capsys, kind):
    command, f = _yaml_case(kind, tmp_path, "")
    f.write_bytes(f.read_bytes() + "# café\n".encode("latin-1"))
    clean(*kg(capsys, *command, "--store", store)[::2], f"{f}:", "not UTF-8 text")


# --- 5. --timeout ---------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["query", "SELECT * WHERE { ?s ?p ?o }"], ["serve"]])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "1e300"])
def test_timeout_is_a_finite_number_of_seconds(tmp_path, capsys, command, value):
    code, _, err = kg(capsys, *command, "--timeout", value, "--store", tmp_path / "none")
    clean(code, err, "--timeout", f"{value!r} is not a number of seconds above 0 and at most 604800", exit_code=2)


# --- 6. long literals in RDF files ------------------------------------------------------------------

@pytest.mark.slow  # a kg process under a memory limit
def test_a_50mb_ntriples_literal_is_refused_within_1gb(store, tmp_path):
    f = tmp_path / "long.nt"
    f.write_text('<http://example.org/s> <http://example.org/p> "' + "a" * 50_000_000 + '" .\n', encoding="utf-8")
    before = tree_digest(store)
    proc = run_kg_bounded("build", f, "--store", store)
    clean(proc.returncode, proc.stderr, f"{f}:", "one literal or IRI is longer than the 16 MiB the parser allows")
    assert tree_digest(store) == before


@pytest.mark.parametrize("suffix, text", [
    (".nt", '<http://example.org/s> <http://example.org/p> "{}" .\n'),
    (".jsonld", '{{"@id": "http://example.org/s", "http://example.org/p": "{}"}}'),
])
def test_literals_longer_than_the_limit_are_refused(tmp_path, monkeypatch, suffix, text):
    f = tmp_path / ("long" + suffix)
    f.write_text(text.format("a" * 1_000_001), encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        ingest([f])
    assert str(e.value) == (f"{f}: the literal of <http://example.org/s> <http://example.org/p> is too long: the limit "
                            "is 1,000,000 characters; set KG_LIMIT_RDF_LITERAL_CHARS to raise it")
    monkeypatch.setenv("KG_LIMIT_RDF_LITERAL_CHARS", "2000000")
    assert len(ingest([f]).quads) == 1


# --- 7. RDF/XML entities ----------------------------------------------------------------------------

RDF_XML = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{dtd}\n]>\n'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n{body}\n</rdf:RDF>\n')
LAUGHS = '<!ENTITY lol0 "lollollollollollollollollollol">\n' + "\n".join(
    f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10))


@pytest.mark.slow  # a kg process under a memory limit
@pytest.mark.parametrize("body", ["&lol9;", "no reference to the entities"])
def test_billion_laughs_in_rdfxml_is_refused_within_1gb(store, tmp_path, body):
    f = tmp_path / "laughs.rdf"
    f.write_text(RDF_XML.format(dtd=LAUGHS, body=f'<rdf:Description rdf:about="http://example.org/s">'
                                                 f"<rdfs:label>{body}</rdfs:label></rdf:Description>"))
    assert f.stat().st_size < 1100
    before = tree_digest(store)
    proc = run_kg_bounded("build", f, "--store", store)
    clean(proc.returncode, proc.stderr, f"{f}:4:", "the entity &lol1; refers to another entity; nested entities "
          "are refused")
    assert tree_digest(store) == before


def test_namespace_entities_as_protege_writes_them_still_work(tmp_path):
    f = tmp_path / "ontology.rdf"
    f.write_text(RDF_XML.format(
        dtd='<!ENTITY owl "http://www.w3.org/2002/07/owl#">\n<!ENTITY ex "http://example.org/onto#">',
        body='<rdf:Description rdf:about="&ex;Mediator"><rdf:type rdf:resource="&owl;Class"/>'
             "<rdfs:label>Mediator &amp; guarantor</rdfs:label></rdf:Description>"))
    triples = {(str(s), str(p), str(o)) for s, p, o, _ in ingest([f]).quads}
    assert triples == {
        ("http://example.org/onto#Mediator", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
         "http://www.w3.org/2002/07/owl#Class"),
        ("http://example.org/onto#Mediator", "http://www.w3.org/2000/01/rdf-schema#label", "Mediator & guarantor")}


@pytest.mark.parametrize("dtd, body, expect", [
    ('<!ENTITY x SYSTEM "file:///etc/passwd">', "<rdfs:label>&x;</rdfs:label>",
     "the external entity &x; is refused: kg reads nothing outside the file"),
    ('<!ENTITY % p "x">', "", "the parameter entity %p; is refused"),
    ("", "<rdfs:label>" + "a" * 1_000_001 + "</rdfs:label>",
     "a text is too long: the limit is 1,000,000 characters; set KG_LIMIT_RDF_LITERAL_CHARS to raise it"),
    ('<!ENTITY a "' + "a" * 1000 + '">', '<rdfs:seeAlso rdf:resource="http://example.org/&a;"/>' * 300,
     "its entities expand to too much text: the limit is 10 times the file's size; set KG_LIMIT_RDFXML_EXPANSION"),
], ids=["external", "parameter", "long-text", "expansion"])
def test_rdfxml_entities_are_bounded(tmp_path, dtd, body, expect):
    f = tmp_path / "entities.rdf"
    f.write_text(RDF_XML.format(dtd=dtd, body=f'<rdf:Description rdf:about="http://example.org/s">{body}'
                                               "</rdf:Description>"))
    with pytest.raises(InputErrors) as e:
        ingest([f])
    (error,) = e.value.errors
    assert error.file == str(f) and error.line and expect in error.message


# --- 8. JSON-LD nesting -------------------------------------------------------------------------------

@pytest.mark.slow  # a kg process under a memory limit
@pytest.mark.parametrize("depth", [5_000, 50_000])
def test_deeply_nested_jsonld_is_refused_within_1gb(store, tmp_path, depth):
    f = tmp_path / "deep.jsonld"
    f.write_text('{"@id": "http://example.org/s", "http://example.org/p":\n' * depth + '"x"' + "}" * depth)
    before = tree_digest(store)
    proc = run_kg_bounded("build", f, "--store", store)
    clean(proc.returncode, proc.stderr, f"{f}:101:", "the JSON is nested too deeply: the limit is 100 levels")
    assert tree_digest(store) == before


def _depth(value) -> int:
    if isinstance(value, (list, dict)):
        children = value.values() if isinstance(value, dict) else value
        return 1 + max((_depth(v) for v in children), default=0)
    return 0


JSON_VALUES = st.recursive(
    st.none() | st.integers() | st.text(alphabet='[]{}"\\ab\n', max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"\\k', max_size=3), inner,
                                                                 max_size=3),
    max_leaves=12)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES, chunk=st.integers(1, 8), indent=st.sampled_from([None, 1]))
def test_the_jsonld_depth_check_agrees_with_a_json_parser(tmp_path_factory, value, chunk, indent):
    """The streaming check counts brackets outside strings, whatever the strings hold and wherever
    the file's chunks end: it refuses exactly the documents deeper than the limit."""
    from kg.authoring import rdf as rdfsource
    f = tmp_path_factory.mktemp("json") / "doc.jsonld"
    f.write_text(json.dumps(value, indent=indent), encoding="utf-8")
    depth = _depth(value)
    original = limits.LIMITS["jsonld_depth"]
    try:
        for allowed in {max(depth - 1, 1), depth}:
            limits.LIMITS["jsonld_depth"] = dataclasses.replace(original, default=allowed)
            rdfsource.CHUNK = chunk
            if depth > allowed:
                with pytest.raises(InputError):
                    rdfsource.check_jsonld(f)
            else:
                rdfsource.check_jsonld(f)
    finally:
        limits.LIMITS["jsonld_depth"] = original
        rdfsource.CHUNK = 1 << 20


# --- 9. zips and lines --------------------------------------------------------------------------------

def _zip(path, data_blocks):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z, z.open("events.CSV", "w") as f:
        for block in data_blocks:
            f.write(block)


@pytest.mark.slow  # a kg process under a memory limit
@pytest.mark.parametrize("fill, expect", [
    (b"\n", "the zipped file inflates too much for its size (a zip bomb?): the limit is 100 times the compressed "
            "bytes read; set KG_LIMIT_ZIP_RATIO to raise it"),
    (b"0", "the line is too long: the limit is 1,000,000 characters; set KG_LIMIT_LINE_CHARS to raise it"),
], ids=["blank-lines", "one-line"])
def test_a_zip_bomb_is_refused_while_inflating_within_1gb(store, tmp_path, fill, expect):
    f = tmp_path / "20260227.export.CSV.zip"
    _zip(f, [fill * (1 << 20)] * 300)  # 300 MB in a zip of 1.3 MB
    before = tree_digest(store)
    proc = run_kg_bounded("import", "gdelt", f, "--store", store)
    clean(proc.returncode, proc.stderr, f"{f}", expect)
    assert tree_digest(store) == before


def test_a_zip_inflating_past_its_byte_limit_is_refused(store, tmp_path, capsys, monkeypatch):
    f = tmp_path / "events.zip"
    _zip(f, [random.Random(0).randbytes(2 << 20)])  # 2 MB that does not compress
    monkeypatch.setenv("KG_LIMIT_ZIP_BYTES", "1000000")
    clean(*kg(capsys, "import", "gdelt", f, "--store", store)[::2], f"{f}",
          "the zipped file inflates to too many bytes: the limit is 1,000,000 bytes; set KG_LIMIT_ZIP_BYTES")


def test_a_csv_line_longer_than_the_limit_is_refused(store, tmp_path, capsys, monkeypatch):
    f = tmp_path / "acled.csv"
    f.write_text(acled_csv(border_acled()) + "," * 5000 + "\n", encoding="utf-8")
    monkeypatch.setenv("KG_LIMIT_LINE_CHARS", "4000")
    lines = f.read_text(encoding="utf-8").count("\n")
    clean(*kg(capsys, "import", "acled", f, "--store", store)[::2], f"{f}:{lines}:",
          "the line is too long: the limit is 4,000 characters")


# --- 10. at most errors_listed problems listed, the rest counted ----------------------------------------

def _listed(err, file):
    return [line for line in err.splitlines() if line.startswith(f"  {file}:")]


def test_authoring_problems_are_listed_up_to_the_limit(tmp_path, capsys):
    f = tmp_path / "many.yaml"
    f.write_text(SOURCE + "actors:\n" + "".join(f"  - {{id: a{i}, type: nonsense, name: A}}\n" for i in range(300)))
    code, _, err = kg(capsys, "validate", f)
    assert code == 1 and "error: 300 problems in the input:" in err and "  ... and 200 more problems" in err
    assert len(_listed(err, f)) == 100 and f"{f}:5: unknown actor type 'nonsense'" in err


def test_validation_problems_are_listed_up_to_the_limit(tmp_path, capsys):
    f = tmp_path / "ceasefires.ttl"
    f.write_text("@prefix mkg: <https://w3id.org/mediation-kg/ontology#> .\n"
                 + "".join(f"<http://example.org/c{i}> a mkg:Ceasefire .\n" for i in range(150)))
    code, _, err = kg(capsys, "validate", f)
    total = int(err.split(" problems found")[0].split()[-1].replace(",", ""))
    assert code == 1 and total > 150 and f"  ... and {total - 100:,} more problems" in err
    assert len([line for line in err.splitlines() if line.startswith("  ") and "more problems" not in line]) == 100


def test_a_report_whose_unlisted_problems_violate_does_not_conform():
    from kg.validation.report import Violation, _report
    warnings = [Violation(f"a{i:03d}", None, None, "looks odd", None, "Warning") for i in range(100)]
    report = _report(warnings + [Violation("z", None, None, "is wrong", None, "Violation")])
    assert len(report.violations) == 100 and report.more == 1 and not report.conforms
    assert _report(warnings + [Violation("z", None, None, "looks odd", None, "Warning")]).conforms


@pytest.mark.parametrize("on_error, expect", [
    ("stop", "... and 50 more rows rejected (150 bad date); nothing was imported"),
    ("skip", "  ... and 50 more problems"),
])
def test_rejected_rows_are_listed_up_to_the_limit(store, tmp_path, capsys, on_error, expect):
    data, mapping = csv_for_mapping(tmp_path, "")
    data.write_text("Type,Date,Name\n" + "mediation,2026-13-01,Talks\n" * 150, encoding="utf-8")
    code, _, err = kg(capsys, "import", "csv", data, "--mapping", mapping, "--store", store, "--on-error", on_error)
    assert code == (1 if on_error == "stop" else 0) and expect in err, err
    assert len([line for line in err.splitlines() if f"{data}:" in line and "bad date" in line
                and "more rows" not in line]) == 100


# --- 11. an over-long id --------------------------------------------------------------------------------

@pytest.mark.slow  # a kg process under a memory limit
def test_a_10mb_unknown_id_is_refused_at_once_within_1gb(tmp_path):
    f = tmp_path / "long-id.yaml"
    f.write_text(SOURCE + "actors:\n  - {id: pakistan, type: state, name: Pakistan}\nevents:\n"
                 "  - id: strike\n    type: air-strike\n    date: 2026-02-27\n    name: Strike\n"
                 "    target: pakistan\n    attacker: " + "x" * 10_000_000 + "\n")
    proc = run_kg_bounded("validate", f)
    clean(proc.returncode, proc.stderr, f"{f}:12:", "'attacker' of 'strike': unknown id 'xxxx")
    assert "(no id is longer than 100 characters)" in proc.stderr and len(proc.stderr) < 2000


# --- 12. a client that goes away --------------------------------------------------------------------------

def test_a_client_that_goes_away_is_one_line_in_the_log(seed_store_dir, caplog):
    """A client that closes the connection before sending the body it announced is normal: one line
    in the server's log, no traceback, no "unexpected error"."""
    from kg.server.app import create_app
    app = create_app(seed_store_dir, workers=1)
    messages = [{"type": "http.request", "body": b"SELECT", "more_body": True}, {"type": "http.disconnect"}]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        pass

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/sparql", "raw_path": b"/sparql", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"localhost"), (b"content-type", b"application/sparql-query"),
                         (b"content-length", b"1000")],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 7878)}
    with caplog.at_level(logging.INFO, logger="kg.server"):
        asyncio.run(app(scope, receive, send))
    (record,) = [r for r in caplog.records if r.name == "kg.server"]
    assert record.levelname == "INFO" and record.exc_info is None
    assert record.getMessage() == "POST /sparql: the client disconnected before the request was read"


# --- config -----------------------------------------------------------------------------------------------

def test_a_config_file_nested_too_deeply_is_a_clear_error(tmp_path, capsys, monkeypatch):
    f = tmp_path / "mediation-kg.toml"
    f.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    monkeypatch.setenv("KG_CONFIG", str(f))
    monkeypatch.delenv("KG_STORE", raising=False)
    clean(*kg(capsys, "stats")[::2], f"{f}:", "not valid TOML: nested too deeply", exit_code=2)
