"""Hostile corpus, part 4: ``kg serve``. SPARQL queries and updates, headers and bodies.

Two real servers run for this module, under the corpus's address-space limit: a read-only one and
one accepting updates with a token, each on its own copy of the seed store. Every request is
checked for its status (400 for a bad or refused query, never 500), no traceback in the answer
or the server's log, zero connections to the loopback listener, the store unchanged, the server
alive and answering /health, and its memory bounded. The harness is tests/hostile_corpus.py.
"""

from __future__ import annotations

import re
import shutil
import socket
import time

import pytest
from hostile_corpus import (
    DEEP_QUERIES,
    REMOTE_QUERIES,
    REMOTE_UPDATES,
    HttpCase,
    LimitedServer,
    check_http,
    deep_update_braces,
    fill,
    params,
)
from kgtest import Listener, seed_store_dir  # noqa: F401  (fixture)

TOKEN = "corpus-token-7d2e"
Q = "SELECT ?s WHERE { ?s a mkg:State }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }"  # hours on the seed
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
ISSUE_BYPASSES = ("dot-before-service", "escaped-quote-comment", "from-fragment")


def by_method(id, text, method, **kw) -> HttpCase:
    """``text`` as a query sent by GET, a POSTed form or a POSTed application/sparql-query."""
    if method == "get":
        return HttpCase(f"{id}-get", params=[("query", text)], **kw)
    if method == "form":
        return HttpCase(f"{id}-form", "POST", body={"query": text}, content_type=FORM, **kw)
    return HttpCase(f"{id}-post", "POST", body=text, content_type=SPARQL_QUERY, **kw)


def update(id, text, *, media=FORM, token=True, status=400, **kw) -> HttpCase:
    body = {"update": text} if media == FORM else text
    return HttpCase(id, "POST", body=body, content_type=media, server="update", token=token, status=status, **kw)


def raw(data, *, read=True, wait=0.0):
    """A sender of raw bytes (``@PORT@`` is the listener's port, ``@HOST@`` the server's address):
    for what an HTTP client library will not send. With ``read`` False it hangs up at once, then
    waits ``wait`` seconds for the server to notice."""
    def send(server, port):
        payload = fill(data, port)
        payload = payload.replace(b"@HOST@", f"127.0.0.1:{server.port}".encode())
        chunks = []
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
            s.sendall(payload)
            if not read:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # reset
            else:
                try:
                    while chunk := s.recv(65536):
                        chunks.append(chunk)
                except (socket.timeout, ConnectionResetError):
                    pass
        time.sleep(wait)
        text = b"".join(chunks).decode("utf-8", "replace")
        m = re.match(r"HTTP/1\.[01] (\d{3})", text)
        return (int(m.group(1)) if m else None), text
    return send


def request(head: str, body: bytes = b"") -> bytes:
    return head.replace("\n", "\r\n").encode() + b"\r\n" + body


def get_request(query: str) -> bytes:
    """A GET of /sparql?query=..., however long (HTTP clients refuse long URLs)."""
    from urllib.parse import quote
    return request(f"GET /sparql?query={quote(query)} HTTP/1.1\nHost: @HOST@\nConnection: close\n")


def form_bytes(text: str) -> bytes:
    from urllib.parse import urlencode
    return urlencode({"query": text}).encode()


def huge_chunks():
    block = b"x" * (1 << 20)
    for _ in range(17):
        yield block


METHODS = ("get", "form", "post")

CASES = [
    HttpCase("control-select", params=[("query", Q)], status=200, says="Pakistan|pakistan"),

    # --- queries that would fetch: the issue's three bypasses by every method, then variations -----
    *[by_method(f"remote-{name}", REMOTE_QUERIES[name], m) for name in ISSUE_BYPASSES for m in METHODS],
    *[by_method(f"remote-{name}", text, METHODS[i % 3])
      for i, (name, text) in enumerate(t for t in REMOTE_QUERIES.items() if t[0] not in ISSUE_BYPASSES)],
    HttpCase("remote-default-graph-uri", params=[("query", Q), ("default-graph-uri", "http://127.0.0.1:@PORT@/g")]),
    HttpCase("remote-named-graph-uri", params=[("query", Q), ("named-graph-uri", "http://127.0.0.1:@PORT@/g#x")]),
    HttpCase("remote-graph-store", path="/rdf-graph-store", params=[("graph", "http://127.0.0.1:@PORT@/g")],
             status=404),
    HttpCase("iri-as-named-query-param", path="/queries/mediators",
             params=[("party1", "http://127.0.0.1:@PORT@/x")], status=(200, 400)),
    HttpCase("iri-as-graph-name",
             params=[("query", "SELECT * WHERE { GRAPH <http://127.0.0.1:@PORT@/g> { ?s ?p ?o } }")],
             status=200),

    # --- queries that would crash the engine: 400, never 500 -----------------------------------
    *[HttpCase(f"deep-{name}", "POST", body=make, content_type=SPARQL_QUERY) for name, make in DEEP_QUERIES.items()],
    HttpCase("deep-parentheses-form", "POST", body=lambda port: {"query": DEEP_QUERIES["parentheses-5000"](port)},
             content_type=FORM),
    HttpCase("deep-braces-get", send=raw(lambda port: get_request(DEEP_QUERIES["braces-50k"](port))),
             status=(400, 414, 431)),

    # --- updates (the server accepting them, with its token) -------------------------------------
    *[update(f"update-{name}", text, media=FORM if i % 2 else SPARQL_UPDATE)
      for i, (name, text) in enumerate(REMOTE_UPDATES.items())],
    update("update-hidden-load-no-token", REMOTE_UPDATES["load-hidden-by-quote"], token=False, status=401),
    HttpCase("update-hidden-load-wrong-token", "POST", body={"update": REMOTE_UPDATES["load-hidden-by-quote"]},
             content_type=FORM, server="update", headers={"Authorization": "Bearer wrong"}, status=403),
    HttpCase("update-on-read-only-server", "POST", body={"update": REMOTE_UPDATES["load-plain"]}, content_type=FORM,
             status=403),
    update("update-deep-braces", deep_update_braces(), media=SPARQL_UPDATE),
    update("update-not-utf8", b"INSERT DATA { mkg:a mkg:b \"caf\xe9\" }", media=SPARQL_UPDATE),
    update("update-huge-body", lambda port: b"#" * (17 << 20), media=SPARQL_UPDATE, status=413),
    update("update-syntax-error", "INSERT DATA { mkg:a mkg:b }", media=SPARQL_UPDATE),
    HttpCase("update-by-get", params=[("update", REMOTE_UPDATES["load-plain"])], server="update", token=True),
    HttpCase("update-huge-authorization", "POST", body={"update": "CLEAR SILENT GRAPH <http://example.org/none>"},
             content_type=FORM, server="update", headers={"Authorization": "Bearer " + "x" * 60_000},
             status=(400, 401, 403, 431)),

    # --- bodies ------------------------------------------------------------------------------------
    HttpCase("body-huge", "POST", body=lambda port: b"#" * (17 << 20), content_type=SPARQL_QUERY, status=413),
    HttpCase("body-huge-chunked", "POST", body=lambda port: huge_chunks(), content_type=SPARQL_QUERY, status=413),
    HttpCase("body-huge-declared", send=raw(request(
        "POST /sparql HTTP/1.1\nHost: @HOST@\nContent-Type: application/sparql-query\nContent-Length: 99999999999\n"
        "Connection: close\n", b"SELECT")), status=413),
    HttpCase("body-length-and-chunked", send=raw(request(
        "POST /sparql HTTP/1.1\nHost: @HOST@\nContent-Type: application/sparql-query\nContent-Length: 6\n"
        "Transfer-Encoding: chunked\nConnection: close\n", b"6\r\nSELECT\r\n0\r\n\r\n")), status=(400, None)),
    HttpCase("body-form-not-utf8", "POST", body=b"query=SELECT \xff", content_type=FORM),
    HttpCase("body-form-percent-not-utf8", "POST", body=b"query=%FF%FE", content_type=FORM),
    HttpCase("body-query-latin-1", "POST", body='SELECT * WHERE { ?s ?p "Caf\xe9" }'.encode("latin-1"),
             content_type=SPARQL_QUERY + "; charset=latin-1"),
    HttpCase("body-nul", "POST", body=b"SELECT * WHERE { ?s ?p \0 }", content_type=SPARQL_QUERY),
    HttpCase("body-form-many-fields", "POST", body=lambda port: form_bytes(Q) + b"&x=1" * 200_000,
             content_type=FORM, status=(200, 400, 413)),
    HttpCase("body-form-both-query-and-update", "POST", body={"query": Q, "update": "CLEAR ALL"}, content_type=FORM),
    HttpCase("body-form-query-twice", "POST", body=lambda port: form_bytes(Q) + b"&" + form_bytes(Q),
             content_type=FORM),
    HttpCase("body-form-empty", "POST", body=b"", content_type=FORM),

    # --- headers -----------------------------------------------------------------------------------
    HttpCase("content-type-text-plain", "POST", body=Q, content_type="text/plain", status=415),
    HttpCase("content-type-missing", "POST", body=Q, status=415),
    HttpCase("content-type-multipart", "POST", body=Q, content_type="multipart/form-data; boundary=x", status=415),
    HttpCase("content-type-garbage", "POST", body=Q, content_type="\x7f;;;==", status=(400, 415)),
    HttpCase("accept-nonsense", params=[("query", Q)], headers={"Accept": "application/x-nonsense"}, status=406),
    HttpCase("accept-zero", params=[("query", Q)], headers={"Accept": "*/*;q=0"}, status=406),
    HttpCase("accept-q-nan", params=[("query", Q)], headers={"Accept": "text/csv;q=nan, */*;q=inf"},
             status=(200, 406)),
    HttpCase("accept-huge", params=[("query", Q)], headers={"Accept": ", ".join(["text/csv;q=0.5"] * 3000)},
             status=(200, 400, 406, 431)),
    HttpCase("accept-many-ranges", params=[("query", Q)], headers={"Accept": ",".join(f"a/b{i}" for i in range(5000))},
             status=(406, 400, 431)),
    HttpCase("format-path-traversal", params=[("query", Q), ("format", "../../etc/passwd")], status=(200, 400, 406)),
    HttpCase("format-conflicting", params=[("query", Q), ("format", "csv"), ("output", "xml"), ("results", "json")],
             status=200),

    # --- parameters and paths ------------------------------------------------------------------------
    HttpCase("query-param-twice", params=[("query", Q), ("query", Q)]),
    HttpCase("query-param-empty", params=[("query", "")]),
    HttpCase("query-string-not-utf8", send=raw(request("GET /sparql?query=SELECT%20%FF%FE HTTP/1.1\nHost: @HOST@\n"
                                                       "Connection: close\n"))),
    HttpCase("query-string-huge",
             send=raw(lambda port: get_request("SELECT * WHERE { " + "?s ?p ?o . " * 100_000 + "}")),
             status=(400, 414, 431)),
    HttpCase("named-query-unknown", path="/queries/nope", status=404),
    HttpCase("named-query-param-twice", path="/queries/mediators",
             params=[("party1", "pakistan"), ("party1", "qatar")]),
    HttpCase("named-query-bad-iri", path="/queries/mediators", params=[("party1", "<not an iri>")]),
    HttpCase("named-query-newline-id", path="/queries/mediators", params=[("party1", "pakistan\n")]),
    HttpCase("named-query-bad-date", path="/queries/casualty-claims", params=[("from", "2026-02-30")]),
    HttpCase("graph-store-both", path="/rdf-graph-store", params=[("graph", "x"), ("default", "")]),
    HttpCase("static-traversal", path="/static/..%2F..%2Fserver.py", status=404),
    HttpCase("static-nul", path="/static/a%00b.js", status=404),
    HttpCase("method-put", "PUT", body=Q, content_type=SPARQL_QUERY, status=405),
    HttpCase("method-delete-graph-store", "DELETE", path="/rdf-graph-store", params=[("default", "")], status=405),

    # --- the connection itself ----------------------------------------------------------------------
    HttpCase("not-http", send=raw(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\0" * 500), status=(400, None)),
    HttpCase("disconnect-mid-body", send=raw(request(
        "POST /sparql HTTP/1.1\nHost: @HOST@\nContent-Type: application/sparql-query\nContent-Length: 100000\n",
        b"SELECT * WHERE"), read=False, wait=1.0), status=None),
    HttpCase("disconnect-during-slow-query", send=raw(request(
        "POST /sparql HTTP/1.1\nHost: @HOST@\nContent-Type: application/x-www-form-urlencoded\n"
        f"Content-Length: {len(form_bytes(SLOW))}\n", form_bytes(SLOW)), read=False, wait=7.0), status=None,
        slow=True),
    HttpCase("slow-query-times-out", "POST", body={"query": SLOW}, content_type=FORM, status=503, slow=True),
]


@pytest.fixture(scope="module")
def servers(seed_store_dir, tmp_path_factory):  # noqa: F811
    base = tmp_path_factory.mktemp("corpus-serve")
    stores = {name: base / f"{name}-store" for name in ("main", "update")}
    for path in stores.values():
        shutil.copytree(seed_store_dir, path)
    started = {
        "main": LimitedServer(stores["main"], base / "main.log", "--workers", 2, "--timeout", 5),
        "update": LimitedServer(stores["update"], base / "update.log", "--workers", 1, "--timeout", 5,
                                "--allow-update", env={"KG_UPDATE_TOKEN": TOKEN}),
    }
    try:
        for server in started.values():
            server.wait_ready()
        yield started
    finally:
        for server in started.values():
            server.stop()


@pytest.fixture(scope="module")
def corpus_listener():
    server = Listener()
    yield server
    server.close()


@pytest.mark.parametrize("case", params(CASES))
def test_server_refuses_hostile_request(case, servers, corpus_listener):
    check_http(case, servers[case.server], corpus_listener, TOKEN)
