"""The query guard (kg/sparql/guard.py): what a query or update may reach comes from a real parse.

The bypasses of the old lexer (issue 12) are refused through every entry point; texts nested deep
enough to crash the engine are refused, never run; and a differential fuzzer runs every text the
guard accepts on an empty Oxigraph store beside a loopback listener: nothing may connect.
"""

from __future__ import annotations

import time

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kgtest import Listener, listener, run_kg, seed_store_dir  # noqa: F401 (fixtures)
from test_server import TOKEN, servers, update_server  # noqa: F401 (fixtures)

from kg.errors import QueryError
from kg.namespaces import PREFIXES
from kg.sparql.guard import TooLarge, check_query, check_update, parse
from kg.sparql.named import named_queries

# The walk-arounds of the regex guard that issue 12 found, and variations of them.
BYPASSES = [
    "PREFIX x: <http://www.w3.org/2002/07/owl#Class> SELECT * WHERE {{ ?c a x:.SERVICE <http://127.0.0.1:{port}/sparql> "
    "{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ ?x mkg:a\\' ?y }} UNION {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }} }} #'",
    "SELECT * WHERE {{ {{ ?x mkg:a\\\" ?y }} UNION {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }} }} #\"",
    "SELECT * FROM <http://127.0.0.1:{port}/g#x> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/g#x> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "BASE <http://127.0.0.1:{port}/> SELECT * FROM <g> WHERE {{ ?s ?p ?o }}",
    "PREFIX graph: <http://127.0.0.1:{port}/> SELECT * FROM graph:wikidata WHERE {{ ?s ?p ?o }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ sErViCe <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE\t<http://127.0.0.1:{port}/>{{?a ?b ?c}} }} }}",
    "SELECT * WHERE {{ VALUES ?u {{ <http://127.0.0.1:{port}/> }} SERVICE ?u {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o # comment }}\n SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ BIND('''x''' AS ?q) SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    "LOAD <http://127.0.0.1:{port}/data.ttl>",
]
UPDATES = [
    "INSERT DATA {{ id:x mkg:a\\' 'y' }} ; LOAD <http://127.0.0.1:{port}/data.ttl> #'",
    "LOAD SILENT <http://127.0.0.1:{port}/data.ttl> INTO GRAPH <http://example.org/g>",
    "INSERT {{ ?s ?p ?o }} WHERE {{ FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
    "DELETE {{ ?s ?p ?o }} WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
    "CLEAR SILENT GRAPH <http://example.org/g> ; \\u004cOAD <http://127.0.0.1:{port}/data.ttl>",
]


def deep(kind: str, n: int) -> str:
    return {
        "parentheses": "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }",
        "braces": "SELECT * WHERE " + "{" * n + "?s ?p ?o" + "}" * n,
        "sub-selects": "SELECT * WHERE { " + "{ SELECT * WHERE " * n + "{ ?s ?p ?o }" + " }" * n + " }",
        "unions": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * n) + " }",
    }[kind]


DEEP = [("parentheses", 5000), ("braces", 50_000), ("sub-selects", 5000), ("unions", 80_000), ("unions", 600)]


# --- the parse ------------------------------------------------------------------------------------

def test_forms_operations_and_dataset_come_from_the_parse():
    assert parse("PREFIX a: <urn:select>\n# ASK\nCONSTRUCT WHERE { ?s ?p ?o }").form == "construct"
    assert parse("ask {}").form == "ask"
    assert parse('SELECT ("CONSTRUCT" AS ?x) {}').form == "select"
    assert parse("DESCRIBE id:pakistan").form == "describe"
    got = parse("BASE <http://example.org/b/> PREFIX e: <http://example.org/e#> "
                "SELECT * FROM e:g FROM <g#frag> FROM NAMED <http://example.org/n#x> WHERE { ?s ?p ?o }")
    assert got.from_graphs == ("http://example.org/e#g", "http://example.org/b/g#frag")
    assert got.from_named == ("http://example.org/n#x",)
    update = parse("CLEAR GRAPH <urn:g> ; INSERT DATA { <urn:a> <urn:b> <urn:c> } ; DELETE WHERE { ?s ?p ?o }", "update")
    assert update.operations == ("CLEAR", "INSERT DATA", "DELETE WHERE") and update.remote is None


def test_words_inside_strings_iris_and_comments_are_not_keywords():
    q = ('SELECT ?service WHERE { BIND("SERVICE <x> LOAD" AS ?service) ?s <http://example.org/SERVICE> ?o } '
         '# SERVICE <http://example.org/> and FROM <http://example.org/>')
    assert parse(q).remote is None and parse(q).from_graphs == ()


@pytest.mark.parametrize("template", BYPASSES)
def test_bypasses_are_refused(template):
    with pytest.raises(QueryError) as e:
        check_query(template.format(port=9), graphs=["https://w3id.org/mediation-kg/graph/wikidata"])
    assert "SERVICE" in str(e.value) or "LOAD" in str(e.value) or "FROM" in str(e.value) or "syntax" in str(e.value)


@pytest.mark.parametrize("template", UPDATES)
def test_update_bypasses_are_refused(template):
    with pytest.raises(QueryError, match="LOAD|SERVICE|syntax"):
        check_update(template.format(port=9))


def test_a_text_the_guard_cannot_read_runs_only_when_the_user_allows_remote():
    unreadable = "PREFIX x: <urn:x#> SELECT * WHERE { ?c a x:.SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="(?s)syntax error.*--allow-remote runs it anyway"):
        check_query(unreadable)
    assert check_query(unreadable, allow_remote=True) is None


@pytest.mark.parametrize("kind, n", DEEP)
def test_deep_texts_are_refused_even_when_remote_is_allowed(kind, n):
    with pytest.raises(TooLarge):
        check_query(deep(kind, n), allow_remote=True)


def test_every_named_query_passes_the_guard():
    for name, nq in named_queries().items():
        parsed = check_query(nq.text)
        assert parsed.form == "select" and parsed.remote is None, name


# --- through the command line and the server --------------------------------------------------------

@pytest.mark.parametrize("template", BYPASSES[:4])
def test_kg_query_refuses_the_bypasses(seed_store_dir, listener, template):  # noqa: F811
    proc = run_kg("query", template.format(port=listener.port), "--store", seed_store_dir)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert listener.connections == 0


@pytest.mark.parametrize("kind, n", DEEP[:4])
def test_kg_query_refuses_deep_texts_without_crashing(seed_store_dir, tmp_path, kind, n):
    path = tmp_path / "deep.rq"
    path.write_text(deep(kind, n), encoding="utf-8")
    proc = run_kg("query", path, "--store", seed_store_dir, "--allow-remote")
    assert proc.returncode == 2, proc.stderr  # a crash would be negative (a signal)
    assert "Traceback" not in proc.stderr and ("deep" in proc.stderr or "characters long" in proc.stderr)


@pytest.mark.parametrize("template", BYPASSES)
def test_server_refuses_the_bypasses_by_get_and_post(update_server, listener, template):  # noqa: F811
    text = template.format(port=listener.port)
    answers = [httpx.get(update_server.url + "/sparql", params={"query": text}),
               httpx.post(update_server.url + "/sparql", data={"query": text}),
               httpx.post(update_server.url + "/sparql", content=text.encode(),
                          headers={"Content-Type": "application/sparql-query"})]
    for r in answers:
        assert r.status_code == 400, r.text
        assert "Traceback" not in r.text and "--allow-remote" not in r.text
    time.sleep(0.2)  # the listener counts any attempt made meanwhile
    assert listener.connections == 0


@pytest.mark.parametrize("template", UPDATES)
def test_server_refuses_update_bypasses(update_server, listener, template):  # noqa: F811
    r = httpx.post(update_server.url + "/sparql", data={"update": template.format(port=listener.port)},
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400, r.text
    time.sleep(0.2)
    assert listener.connections == 0


@pytest.mark.parametrize("kind, n", [("parentheses", 5000), ("sub-selects", 5000), ("braces", 20_000)])
def test_server_answers_400_to_deep_texts(update_server, kind, n):  # noqa: F811
    r = httpx.post(update_server.url + "/sparql", data={"query": deep(kind, n)})
    assert r.status_code == 400 and "deep" in r.text
    assert httpx.get(update_server.url + "/health").json()["status"] == "ok"


# --- differential fuzzing: whatever the guard lets through never reaches the network -------------------
# Queries are generated from a small grammar (so that many are valid), with SERVICE and LOAD in every
# kind of place, words that only look like them (in strings, IRIs, comments, names), the tricks the
# old lexer fell for, and sometimes one token dropped, doubled or swapped: any text the guard accepts
# is then run by Oxigraph on an empty store, next to a listener that counts connections.

URL = "<http://127.0.0.1:{port}/>"
# Words that look like SERVICE or LOAD where they are not keywords, in places where they are valid...
DECOYS = ["?s ?p 'SERVICE <URL> { }' .", '?s ?p """LOAD <URL>""" .', "?s <http://e/SERVICE> ?o .",
          "# SERVICE <URL> { ?a ?b ?c }\n", "#'\n", "?s ?p '''x''' .", "?s x:SERVICE ?o .", "?s x:a ?o .",
          "?s ?p 'a\\'SERVICE' .", "?s ?p _:b ."]
# ... and tokens that tricked the old lexer, wherever they land.
CONFUSERS = ["x:.", "mkg:a\\'", 'mkg:a\\"', "\\u0053ERVICE", "\\u0023", "'", '"']
TRIPLES = ["?s ?p ?o .", "?s a x:a .", "?s <http://e/p> ?o ."]
SERVICE_WORDS = ["SERVICE", "service", "SERVICE SILENT", "\\u0053ERVICE"]


def _group(draw, depth):
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        choices = ["triple"] * 3 + ["decoy"] * 4 + ["confuser", "filter", "bind", "service", "values"]
        if depth < 3:
            choices += ["optional", "union", "minus", "exists", "graph", "subselect", "service-group"]
        kind = draw(st.sampled_from(choices))
        if kind == "triple":
            parts.append(draw(st.sampled_from(TRIPLES)))
        elif kind == "decoy":
            parts.append(draw(st.sampled_from(DECOYS)))
        elif kind == "confuser":
            parts.append(draw(st.sampled_from(CONFUSERS)))
        elif kind == "filter":
            parts.append("FILTER(" + draw(st.sampled_from(["?s", "true", 'STR(?s) = "SERVICE"'])) + ")")
        elif kind == "bind":
            parts.append("BIND('LOAD <URL>' AS ?b)")
        elif kind == "service":
            parts.append(f"{draw(st.sampled_from(SERVICE_WORDS))} {draw(st.sampled_from(['<URL>', '?u', 'x:a']))} "
                         "{ ?a ?b ?c }")
        elif kind == "values":
            parts.append("VALUES ?u { <URL> }")
        else:
            inner = _group(draw, depth + 1)
            parts.append({"optional": "OPTIONAL " + inner, "union": inner + " UNION " + _group(draw, depth + 1),
                          "minus": "MINUS " + inner, "exists": "FILTER NOT EXISTS " + inner, "graph": "GRAPH ?g " + inner,
                          "subselect": "{ SELECT * WHERE " + inner + " }", "service-group": "SERVICE <URL> " + inner}[kind])
    return "{ " + " ".join(parts) + " }"


def _mutate(draw, text):
    tokens = text.split(" ")
    mutation = draw(st.sampled_from(["none"] * 7 + ["drop", "double", "swap"]))
    if mutation != "none" and len(tokens) > 2:
        i = draw(st.integers(0, len(tokens) - 2))
        if mutation == "drop":
            del tokens[i]
        elif mutation == "double":
            tokens.insert(i, tokens[i])
        else:
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
    return " ".join(tokens)


@st.composite
def queries(draw):
    prologue = draw(st.sampled_from(["PREFIX x: <urn:x#> ", "BASE <URL> PREFIX x: <x#> ", "PREFIX x: <URL> "]))
    head = draw(st.sampled_from(["SELECT * WHERE "] * 3 + ["ASK ", "CONSTRUCT { ?s ?p ?o } WHERE ", "DESCRIBE ?s WHERE ",
                                                          "SELECT * FROM <URL> WHERE ", "SELECT * FROM NAMED x:g WHERE "]))
    return _mutate(draw, prologue + head + _group(draw, 0))


@st.composite
def updates(draw):
    where = _group(draw, 1)
    return _mutate(draw, draw(st.sampled_from([
        "INSERT { ?s ?p ?o } WHERE " + where, "DELETE { ?s ?p ?o } WHERE " + where, "DELETE WHERE " + where,
        "INSERT DATA { <urn:a> <urn:b> 'LOAD <URL>' } ; CLEAR SILENT GRAPH <urn:g>",
        "PREFIX x: <urn:x#> INSERT DATA { <urn:a> x:a 'x' } ; LOAD <URL> #'",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE " + where,
        "INSERT DATA { id:x mkg:a\\' 'y' } ; \\u004cOAD <URL> #'"])))


@pytest.fixture(scope="module")
def fuzz_listener():
    server = Listener()
    yield server
    server.close()


FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


def _accepted(check, text) -> bool:
    try:
        check(text)
        return True
    except QueryError:
        return False


def _run_quietly(run, text) -> bool:
    try:
        run(text)
        return True
    except (SyntaxError, OSError, RuntimeError, ValueError):
        return False


def _query(text):
    answer = ox.Store().query(text, prefixes=PREFIXES)
    return answer if isinstance(answer, ox.QueryBoolean) else list(answer)


@pytest.mark.slow
@FUZZ
@given(template=queries())
def test_whatever_the_guard_accepts_never_connects(fuzz_listener, template):
    text = template.replace("<URL>", URL.format(port=fuzz_listener.port))
    if _accepted(lambda t: check_query(t, graphs=[]), text):
        _run_quietly(_query, text)
        assert fuzz_listener.connections == 0, text


@pytest.mark.slow
@FUZZ
@given(template=updates())
def test_whatever_the_guard_accepts_as_an_update_never_connects(fuzz_listener, template):
    text = template.replace("<URL>", URL.format(port=fuzz_listener.port))
    if _accepted(check_update, text):
        _run_quietly(lambda t: ox.Store().update(t, prefixes=PREFIXES), text)
        assert fuzz_listener.connections == 0, text


@pytest.mark.slow
def test_the_fuzzers_grammar_makes_texts_the_guard_accepts():
    """The differential fuzzers mean something only if many generated texts get through the guard,
    some holding the word SERVICE where it is not a keyword, and Oxigraph runs many of them."""
    accepted, ran = [], []

    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(template=queries())
    def collect(template):
        text = template.replace("<URL>", "<http://127.0.0.1:9/>")
        if _accepted(lambda t: check_query(t, graphs=[]), text):
            accepted.append(text)
            if _run_quietly(_query, text):
                ran.append(text)
    collect()
    assert len(accepted) > 60 and len(ran) > 40
    assert any("SERVICE" in t for t in ran)


def test_an_update_may_read_by_using_only_the_stores_graphs():
    text = "INSERT { ?s ?p ?o } USING <http://127.0.0.1:9/g#x> WHERE { ?s ?p ?o }"
    assert parse(text, "update").from_graphs == ("http://127.0.0.1:9/g#x",)
    with pytest.raises(QueryError, match="USING <http://127.0.0.1:9/g#x>: the store has no such named graph"):
        check_update(text, graphs=["https://w3id.org/mediation-kg/graph/wikidata"])
    named = "PREFIX graph: <https://w3id.org/mediation-kg/graph/> DELETE { ?s ?p ?o } USING NAMED graph:nowhere WHERE { GRAPH ?g { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="USING NAMED"):
        check_update(named, graphs=[])
    assert check_update(text.replace("http://127.0.0.1:9/g#x", "urn:g"), graphs=["urn:g"]).operations == ("DELETE/INSERT",)
