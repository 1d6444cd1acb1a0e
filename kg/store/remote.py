"""A store behind a SPARQL 1.1 endpoint (Virtuoso, Fuseki, GraphDB, ...), spoken to over HTTP.

``open_store("http://host:8890/sparql")`` gives a :class:`RemoteStore`; it offers the methods of
:class:`kg.store.Store` and answers queries with pyoxigraph terms and result objects, so
:func:`kg.sparql.query.run` and everything above it work unchanged.

The graphs of the store are the named graphs whose IRI starts with the project's graph namespace
(``graph:``); a server's own graphs (Virtuoso keeps several) are not part of it. Queries see
exactly those graphs: their union as the default graph (as the embedded store does), unless the
caller says otherwise.

Endpoints. The URL given is the query endpoint. Updates go to ``KG_STORE_UPDATE_URL`` (or the
config file's ``update_url``, see :mod:`kg.store.config`) if set; otherwise, for a Virtuoso ``.../sparql``
endpoint, to ``.../sparql-auth`` (Virtuoso's anonymous endpoint is read-only), for an Oxigraph
server's ``.../query`` to ``.../update``, else to the query URL. Loads go to
``KG_STORE_GRAPH_STORE_URL`` / ``graph_store_url`` (Graph Store Protocol) if set, Virtuoso's
``.../sparql-graph-crud-auth``, Oxigraph's ``.../store``, else through SPARQL Update. The server is
known by its ``Server`` header. ``KG_STORE_TIMEOUT`` / ``timeout``: seconds per request (default 300).

Credentials come from the environment (``KG_STORE_USER`` and ``KG_STORE_PASSWORD``) or from a
netrc file (``NETRC`` or ``~/.netrc``, the entry for the endpoint's host), never from the command
line: a URL with ``user:password@`` in it is refused. HTTP Basic and Digest are both answered.

Loading (:meth:`RemoteStore.load`) streams the quads in bounded batches (Graph Store Protocol,
else SPARQL Update), each named graph first into a staging graph ``<graph>.kg-incomplete`` that
queries never see; only when every batch of every graph is in are the staging graphs moved onto
their targets. A failure leaves the targets as they were (the staging graphs, clearly named, are dropped by the next load) and the
error says how many batches and quads got in.
"""

from __future__ import annotations

import http.client
import json
import netrc
import os
import re
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from contextlib import contextmanager, nullcontext

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..namespaces import GRAPH, PREFIXES
from .base import Snapshot, Store, holds_data, kept_by_build, refuse_emptying
from .config import DATASETS
from .disk import remove_staging
from .embedded import OxigraphStore

STAGING_SUFFIX = ".kg-incomplete"
EMPTY_GRAPH = "urn:x-mediation-kg:empty"  # names no graph: an empty default graph
INFO_GRAPH = "urn:x-mediation-kg:store"  # the build's record (outside the store's graphs)
DEFAULT_BATCH = 5000  # quads per Graph Store request
PENDING = 20  # batches' worth of quads held before every partly filled batch is sent
UPDATE_BATCH = 1000  # at most, per SPARQL Update (Virtuoso refuses ~2000: "generated SQL text exceeded 10000 lines")
DEFAULT_TIMEOUT = 300.0
PAGE = 5000  # under Virtuoso's default ResultSetMaxRows (10,000): whole graphs are read in pages of this
_GRAPHS_TTL = 5.0  # seconds a list of the store's graphs is trusted (another client may change it)


# Virtuoso answers with one X-SPARQL-default-graph header per default graph of the request, and a
# store has a graph per source: raise http.client's limit of 100 headers (a private setting, no API).
http.client._MAXHEADERS = max(getattr(http.client, "_MAXHEADERS", 100), 100_000)


def is_remote(location) -> bool:
    return isinstance(location, str) and re.match(r"^https?://", location, re.IGNORECASE) is not None


def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) for ``url`` from KG_STORE_USER / KG_STORE_PASSWORD, else from netrc; or None."""
    user, password = os.environ.get("KG_STORE_USER"), os.environ.get("KG_STORE_PASSWORD")
    if user:
        return user, password or ""
    host = urllib.parse.urlsplit(url).hostname or ""
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.isfile(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError) as e:
        raise StoreError(f"cannot read the credentials in {path}: {e}") from None
    if entry is None:
        return None
    login, _account, pw = entry
    return login, pw or ""


# --- parameters: SEP-0007 substitution done on the query text ------------------------------------

# What substitution copies through unchanged: comments, strings and IRIs. This lexer only places
# parameter values (written as escaped N-Triples terms, which cannot change a query's structure);
# what a query may reach is decided by kg.sparql.guard, from a parse.
_COMMENTS_AND_STRINGS = r'''"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*'''
OPAQUE = _COMMENTS_AND_STRINGS + r"""|<[^<>"{}|^`\\\s]*>"""

# strings, comments and IRIs are copied through; variables are what substitution replaces
_TOKENS = re.compile(f"(?P<skip>{OPAQUE})"
                     r'''|(?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)|(?P<word>\b(?:SELECT|WHERE|GROUP|ORDER|HAVING|LIMIT|OFFSET|VALUES)\b)|(?P<brace>[{}])''',
                     re.IGNORECASE)


def _term_text(term) -> str:
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term)  # N-Triples syntax: a valid SPARQL term, escaped
    raise QueryError(f"a parameter must be an IRI or a literal, not {term!r}")


def substitute(sparql: str, substitutions: dict | None) -> str:
    """The query with each variable of ``substitutions`` replaced by its value, written as an
    N-Triples term (so a value cannot change the query's structure). In the outermost SELECT
    clause the variable becomes ``(value AS ?var)``, so the answer still has that column; in the
    SELECT clause of a subquery it is dropped (the outer query has the value already)."""
    if not substitutions:
        return sparql
    values = {(k.value if isinstance(k, ox.Variable) else str(k).lstrip("?$")): _term_text(v)
              for k, v in substitutions.items()}
    out, pos, depth, in_select, select_depth, selects_seen = [], 0, 0, False, 0, 0
    in_modifier = False  # GROUP BY / ORDER BY: a constant must be written (value)
    for m in _TOKENS.finditer(sparql):
        out.append(sparql[pos:m.start()])
        pos = m.end()
        token = m.group(0)
        if m.group("skip"):
            out.append(token)
        elif m.group("word"):
            word = token.upper()
            in_select = in_modifier = False
            if word == "SELECT":
                in_select, select_depth = True, depth
                selects_seen += 1
                outer = selects_seen == 1 and depth == 0
            elif word in ("GROUP", "ORDER"):
                in_modifier = True
            out.append(token)
        elif m.group("brace"):
            in_modifier = False
            if token == "{":
                in_select = False
                depth += 1
            else:
                depth -= 1
            out.append(token)
        else:
            name = token[1:]
            if name not in values:
                out.append(token)
            elif in_select:
                prev = sparql[:m.start()].rstrip()
                if prev.upper().endswith("AS"):  # (expr AS ?param): leave it to the server to refuse
                    out.append(token)
                elif outer and select_depth == 0:
                    out.append(f"({values[name]} AS ?{name})")
                else:
                    out.append("")
            elif in_modifier:
                out.append(f"({values[name]})")
            else:
                out.append(values[name])
    out.append(sparql[pos:])
    return "".join(out)


def _prologue(sparql: str) -> str:
    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([\w.-]*):", sparql)}
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _fix_bnodes(data: bytes) -> bytes:
    """Virtuoso labels blank nodes ``nodeID://b123`` in JSON results: make them valid labels; and it
    writes booleans 1 / 0: write them true / false, as every other store does."""
    if b'"bnode"' not in data and _BOOLEAN.encode() not in data:
        return data
    doc = json.loads(data)
    for row in doc.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = re.sub(r"[^A-Za-z0-9_]", "_", term["value"])
            elif term.get("datatype") == _BOOLEAN and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(doc).encode()


class RemoteStore(Store):
    """A SPARQL 1.1 Protocol endpoint as a :class:`kg.store.Store`."""

    def __init__(self, url: str, *, update_url: str | None = None, graph_store_url: str | None = None,
                 timeout: float | None = None, graph_prefix: str = str(GRAPH)):
        parts = urllib.parse.urlsplit(url)
        if parts.username or parts.password:
            raise StoreError("put no user or password in the store URL (it would stay in the shell history): "
                             "set KG_STORE_USER and KG_STORE_PASSWORD, or use a ~/.netrc entry for "
                             f"{parts.hostname}")
        from .config import store_settings
        settings = store_settings()  # the config file's [store] table; the environment wins over it
        self.location = self.url = url
        self._update_url = update_url or os.environ.get("KG_STORE_UPDATE_URL") or settings.get("update_url")
        self._graph_store_url = (graph_store_url or os.environ.get("KG_STORE_GRAPH_STORE_URL")
                                 or settings.get("graph_store_url"))
        self._dataset = os.environ.get("KG_STORE_DATASET") or settings.get("dataset")
        if self._dataset not in (None, *DATASETS):
            raise StoreError(f"KG_STORE_DATASET must be {' or '.join(map(repr, DATASETS))}, not {self._dataset!r}")
        given = timeout if timeout is not None else os.environ.get("KG_STORE_TIMEOUT") or settings.get("timeout")
        try:
            self.timeout = DEFAULT_TIMEOUT if given in (None, "") else float(given)
        except ValueError:
            self.timeout = -1.0
        if not 0 < self.timeout < float("inf"):
            raise StoreError(f"the store timeout (KG_STORE_TIMEOUT or the config file's timeout) must be a "
                             f"number of seconds above 0, not {given!r}")
        self.graph_prefix = graph_prefix
        self._graphs: tuple[float, tuple[list[str], list[str]]] | None = None
        self._server: str | None = None
        handlers: list = []
        if parts.hostname in ("127.0.0.1", "localhost", "::1"):
            handlers.append(urllib.request.ProxyHandler({}))
        cred = credentials(url)
        if cred:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", *cred)
            handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
        self._opener = urllib.request.build_opener(*handlers)
        self._has_credentials = cred is not None

    # --- HTTP ---------------------------------------------------------------------------------

    def _post(self, url: str, fields, accept: str, what: str, content_type: str | None = None) -> tuple[bytes, dict]:
        """POST ``fields`` as a form, or (with ``content_type``) ``fields`` as the body (bytes)."""
        body = fields if content_type else urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Accept": accept, "Content-Type": content_type or "application/x-www-form-urlencoded; charset=utf-8",
            "User-Agent": "mediation-kg"})
        try:
            with self._opener.open(request, timeout=self.timeout) as r:
                self._server = r.headers.get("Server", self._server)
                return r.read(), dict(r.headers)
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip()
            detail = re.sub(r"\s*SPARQL (query|update):[\s\S]*", "", detail)[:2000]
            if e.code in (401, 403):
                raise StoreError(f"{url} refused the {what} ({e.code} {e.reason}): give credentials with "
                                 "KG_STORE_USER / KG_STORE_PASSWORD or a ~/.netrc entry") from None
            if e.code == 400:
                raise QueryError(f"the {what} failed at {url}: {detail or e.reason}") from None
            raise StoreError(f"the {what} failed at {url}: HTTP {e.code} {e.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {reason}") from None
        except http.client.HTTPException as e:
            raise StoreError(f"{url} sent a broken HTTP response to the {what}: {e!r}") from None

    def _probe(self) -> str:
        """The server's name and version (its Server header), asked once."""
        if self._server is None:
            try:
                self._post(self.url, [("query", "ASK {}")], "application/sparql-results+json", "probe")
            except (StoreError, QueryError):
                pass
        return self._server or ""

    def _oxigraph(self) -> str | None:
        """The base of an Oxigraph server's endpoints (``.../query``, ``/update``, ``/store``), if it is one."""
        base = self.url.rstrip("/")
        if self._probe().startswith("Oxigraph") and base.endswith("/query"):
            return base[:-len("query")]
        return None

    @property
    def update_url(self) -> str:
        """Where updates go: KG_STORE_UPDATE_URL / ``update_url``; for Virtuoso's ``.../sparql``,
        ``.../sparql-auth``; for Oxigraph server's ``.../query``, ``.../update``; else the query URL."""
        if self._update_url:
            return self._update_url
        if self._probe().startswith("Virtuoso") and self.url.rstrip("/").endswith("/sparql"):
            return self.url.rstrip("/") + "-auth"
        if base := self._oxigraph():
            return base + "update"
        return self.url

    @property
    def server_dataset(self) -> bool:
        """Whether a query that names no graphs runs on the server's own default dataset rather than
        on the store's graphs named one by one (``dataset = "server"`` / ``"graphs"`` in the config
        file or $KG_STORE_DATASET). By default only for Virtuoso, whose default graph is the union of
        all its graphs, and which, given a list of hundreds of default graphs (a store has a graph per
        source), overestimates query costs past its limit and mis-evaluates property paths. Its own
        graphs (virtrdf#, a few thousand triples of storage metadata) are then visible too."""
        if self._dataset:
            return self._dataset == "server"
        return self._probe().startswith("Virtuoso")

    @property
    def graph_store_url(self) -> str | None:
        """The Graph Store Protocol endpoint loads go to: KG_STORE_GRAPH_STORE_URL, Virtuoso's
        ``.../sparql-graph-crud-auth``, Oxigraph server's ``.../store``; None (load with SPARQL
        Update) for other servers."""
        if self._graph_store_url:
            return self._graph_store_url
        update = self.update_url  # probes the server
        if self._probe().startswith("Virtuoso") and self.url.rstrip("/").endswith("/sparql"):
            return self.url.rstrip("/") + ("-graph-crud-auth" if update.endswith("-auth") else "-graph-crud")
        if base := self._oxigraph():
            return base + "store"
        return None

    # --- the Store interface ------------------------------------------------------------------

    def query(self, sparql, *, substitutions=None, default_graph=None, own_dataset=False, named_graphs=None,
              form=None):
        """As :meth:`kg.store.OxigraphStore.query`; the dataset goes as ``default-graph-uri`` /
        ``named-graph-uri`` (the store's graphs when not given, unless :attr:`server_dataset`),
        parameters are substituted into the text as terms, and the answer comes back as pyoxigraph
        result objects."""
        text = _prologue(sparql) + substitute(sparql, substitutions)
        fields = [("query", text)]
        server = not own_dataset and default_graph is None and named_graphs is None and self.server_dataset
        if server:
            self._refuse_staging()
        if not own_dataset and not server:
            ours = self.named_graphs()
            default = ours if default_graph is None else list(default_graph)
            named = ours if named_graphs is None else list(named_graphs)
            fields += [("default-graph-uri", g) for g in default or [EMPTY_GRAPH]]
            fields += [("named-graph-uri", g) for g in named or [EMPTY_GRAPH]]
        graph_form = form in ("construct", "describe")  # the caller knows it (kg.sparql's guard); else SELECT/ASK
        accept = "application/n-triples" if graph_form else "application/sparql-results+json"
        data, headers = self._post(self.url, fields, accept, "query")
        if graph_form:
            return self._triples(data, headers)
        try:
            answer = ox.parse_query_results(_fix_bnodes(data), format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError, json.JSONDecodeError) as e:
            raise StoreError(f"{self.url} sent an answer that is not SPARQL JSON results: {e}") from None
        limit = headers.get("X-SPARQL-MaxRows") or headers.get("x-sparql-maxrows")
        if limit and isinstance(answer, ox.QuerySolutions):
            rows = list(answer)
            if len(rows) >= int(limit):
                raise QueryError(f"{self.url} cut the answer off at its limit of {limit} rows "
                                 "(Virtuoso's ResultSetMaxRows): add a LIMIT, or raise the server's limit")
            answer = ox.parse_query_results(_fix_bnodes(data), format=ox.QueryResultsFormat.JSON)
        return answer

    @staticmethod
    def _triples(data: bytes, headers) -> ox.QueryTriples:
        ctype = (headers.get("Content-Type") or headers.get("content-type") or "").split(";")[0].strip()
        fmt = ox.RdfFormat.from_media_type(ctype) or ox.RdfFormat.N_TRIPLES
        local = ox.Store()
        try:
            local.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(data, format=fmt))
        except SyntaxError as e:
            raise StoreError(f"the endpoint sent RDF that does not parse as {ctype or 'N-Triples'}: {e}") from None
        return local.query("CONSTRUCT WHERE { ?s ?p ?o }")

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update at the update endpoint (with the credentials, if any)."""
        self._post(self.update_url, [("update", _prologue(sparql) + sparql)], "*/*", "update")
        self._graphs = None

    def named_graphs(self) -> list[str]:
        return list(self._listing()[0])

    def _listing(self) -> tuple[list[str], list[str]]:
        """(the store's graphs, the staging graphs of unfinished loads), trusted for a few seconds."""
        if self._graphs and time.monotonic() - self._graphs[0] < _GRAPHS_TTL:
            return self._graphs[1]
        graphs = self._all_graphs()
        listing = (sorted(g for g in graphs if not g.endswith(STAGING_SUFFIX)),
                   sorted(g for g in graphs if g.endswith(STAGING_SUFFIX)))
        self._graphs = (time.monotonic(), listing)
        return listing

    def _refuse_staging(self) -> None:
        """On the server's own dataset a query would see the partial data of an unfinished load."""
        staging = self._listing()[1]
        if staging:
            raise StoreError(f"a load into {self.url} is running or did not finish ({len(staging)} graph"
                             f"{'s' * (len(staging) != 1)} named '...{STAGING_SUFFIX}', e.g. <{staging[0]}>): "
                             "queries on this server's default graph would see its partial data. Wait for it "
                             "to finish, or run the failed load again to complete it")

    def _all_graphs(self) -> list[str]:
        prefix = json.dumps(self.graph_prefix)
        answer = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {prefix})) }}",
                            own_dataset=True, )
        # the names go back into query text as <IRI>: one a server could make break out of that is refused
        names = [sol[0].value for sol in answer]
        bad = [g for g in names if re.search(r'[\s<>"{}|^`\\]', g)]
        if bad:
            raise StoreError(f"{self.url} holds a graph whose name is not a valid IRI: {bad[0]!r}")
        return names

    def incomplete_graphs(self) -> list[str]:
        """The graphs whose last load did not finish (their staging graphs are still there)."""
        return sorted(g[:-len(STAGING_SUFFIX)] for g in self._all_graphs() if g.endswith(STAGING_SUFFIX))

    def count(self, graph: str | None = None, predicates=None) -> int:
        """Quads in the store's graphs (or in ``graph``), only those with one of ``predicates`` if given."""
        graphs = [graph] if graph else self.named_graphs()
        if not graphs:
            return 0
        values = " ".join(f"<{g}>" for g in graphs)
        answer = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o "
                            f"{_only(predicates)}}} }}", own_dataset=True, )
        return int(next(iter(answer))[0].value)

    def __len__(self) -> int:
        return self.count()

    def quads(self, graph=None, predicates=None):
        """Every quad of the store's graphs (or of ``graph``, a NamedNode or IRI), read in pages; only
        those with one of ``predicates`` (IRIs) if given."""
        if graph is not None:
            graphs = [graph.value if isinstance(graph, ox.NamedNode) else str(graph)]
        else:
            graphs = self.named_graphs()
        only = _only(predicates)
        for g in graphs:
            node = ox.NamedNode(g)
            expected = self.count(g, predicates)
            seen: set[int] = set()
            # Pages without ORDER BY (Virtuoso sorts at most MaxSortedTopRows, 10,000 by default); a
            # graph changed meanwhile shows as a duplicate or a count that does not match.
            while len(seen) < expected:
                answer = self.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o {only}}} }} LIMIT {PAGE} "
                                    f"OFFSET {len(seen)}",
                                    own_dataset=True, )
                page = [ox.Quad(sol[0], sol[1], sol[2], node) for sol in answer]
                if not page:
                    break
                for q in page:
                    key = hash(str(q))
                    if key in seen:
                        raise StoreError(f"reading graph <{g}> from {self.url}: the server repeated a triple "
                                         "across pages (did the graph change meanwhile?)")
                    seen.add(key)
                    yield q
            if len(seen) != expected:
                raise StoreError(f"reading graph <{g}> from {self.url}: got {len(seen)} triples of {expected}")

    def dump(self, fmt, graph=None, output=None) -> bytes | None:
        return OxigraphStore.memory(self.quads(graph)).dump(fmt, graph, output)

    # --- loading ------------------------------------------------------------------------------

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def put_graph(self, graph: str, quads) -> None:
        if quads:
            self.load(quads)
        else:
            self.drop_graph(graph)

    def load(self, quads, info: dict | None = None, *, batch: int = DEFAULT_BATCH, progress=None) -> int:
        """Put ``quads`` (pyoxigraph Quads, each in a named graph) into the store, replacing the
        named graphs they are in; other graphs are untouched. Then record ``info``, if given.
        Returns the number of quads sent.

        The quads are streamed: each graph's go to its staging graph in batches of at most ``batch``
        quads, sent as they fill up (all pending batches once they hold ``PENDING`` batches' worth,
        so memory stays bounded however large the load); the quads with blank nodes of a graph go in
        one request at the end, so the nodes stay the same. Then every staging graph is moved onto
        its target. ``progress(batches_done, quads_done)`` is called after each batch. On a failure
        a StoreError says how far the load got, and the target graphs are as they were; if the
        quads themselves fail (bad input), the staging graphs are dropped and the error passes on."""
        if not self.graph_store_url:
            batch = min(batch, UPDATE_BATCH)
        total = len(quads) if hasattr(quads, "__len__") else None
        pending: dict[str, list] = defaultdict(list)
        blank: dict[str, list] = defaultdict(list)
        started: dict[str, None] = {}  # graphs with a staging graph, in order
        done = {"batches": 0, "quads": 0, "pending": 0}
        gsp = self.graph_store_url

        def send(g, qs):
            if g not in started:
                self.drop_graph(g + STAGING_SUFFIX)  # the leftover of an earlier failed load
                started[g] = None
            if gsp:
                body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in qs).encode()
                target = gsp + ("&" if "?" in gsp else "?") + urllib.parse.urlencode({"graph": g + STAGING_SUFFIX})
                self._post(target, body, "*/*", "load", content_type="application/n-triples")
            else:
                self.update(_insert(g + STAGING_SUFFIX, qs))
            done["batches"] += 1
            done["quads"] += len(qs)
            if progress:
                progress(done["batches"], done["quads"])

        def flush():
            for g, qs in list(pending.items()):
                send(g, qs)
            pending.clear()
            done["pending"] = 0

        step = "loading"
        try:
            for q in quads:
                if not isinstance(q.graph_name, ox.NamedNode):
                    raise StoreError("a remote store holds named graphs only: this quad is in the default graph: "
                                     f"{q}")
                g = q.graph_name.value
                if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                    blank[g].append(q)
                    continue
                buffer = pending[g]
                buffer.append(q)
                done["pending"] += 1
                if len(buffer) >= batch:
                    send(g, pending.pop(g))
                    done["pending"] -= len(buffer)
                elif done["pending"] >= PENDING * batch:
                    flush()
            flush()
            for g, qs in blank.items():
                send(g, qs)
            step = "moving the loaded graphs into place"
            for g in started:
                self.update(f"MOVE SILENT GRAPH <{g + STAGING_SUFFIX}> TO GRAPH <{g}>")
        except (StoreError, QueryError) as e:
            of = f" of {total}" if total is not None else ""
            where = f"{done['batches']} batches ({done['quads']}{of} quads) were loaded"
            if step.startswith("moving"):
                state = ("every batch was loaded but not every graph was moved into place; graphs still named "
                         f"'...{STAGING_SUFFIX}' are incomplete")
            else:
                state = (f"the target graphs are as they were; the partial data is in graphs named "
                         f"'...{STAGING_SUFFIX}', which queries do not see (on a server queried through "
                         "its own default graph, queries are refused until the load is finished)")
            raise StoreError(f"loading into {self.url} failed while {step}: {where}; {state}. "
                             f"Run the load again to finish it.\n  cause: {e}") from None
        except BaseException:  # the quads' source failed (bad input): no half-load left behind
            for g in started:
                try:
                    self.drop_graph(g + STAGING_SUFFIX)
                except (StoreError, QueryError):
                    pass
            raise
        finally:
            self._graphs = None
        if info is not None:
            self.set_info(info)
        return done["quads"]

    def replace(self, quads, info: dict, *, check=None, finish=None, allow_empty: bool = False, batch: int = DEFAULT_BATCH,
                progress=None) -> None:
        """What ``kg build`` does (see :mod:`kg.store.base`): ``quads`` go into a local scratch store
        first, where ``check`` sees them; then they are loaded (:meth:`load`: each graph replaced once
        all of it is in), the store's other graphs are dropped, except those ``kg import`` made, and
        ``info`` is recorded with the record's list of imports.

        Refused with a StoreError before anything is sent: quads in a graph outside the store
        (``graph_prefix``), which would replace a graph of the server that the store does not own;
        and, unless ``allow_empty``, quads with no data when the store holds data."""
        before = self.named_graphs()
        with _scratch("kg-build-") as new:
            new.pyoxigraph.bulk_extend(self._own(quads))
            loaded = new.named_graphs()
            if not allow_empty and not holds_data(loaded):
                refuse_emptying(self.url, before)
            if check is not None:
                check(new.pyoxigraph)
            self.load((q for g in loaded for q in new.quads(ox.NamedNode(g))), batch=batch, progress=progress)
        for g in self.named_graphs():
            if g not in loaded and not kept_by_build(g):
                self.drop_graph(g)
        if finish is not None:
            finish(self)
        info = dict(info)
        if imports := self.info().get("imports"):
            info["imports"] = imports
        self.set_info(info)

    def _own(self, quads):
        """``quads``, checked one by one: each in a named graph of the store."""
        for q in quads:
            if not isinstance(q.graph_name, ox.NamedNode):
                raise StoreError(f"a remote store holds named graphs only: this quad is in the default graph: {q}")
            if not q.graph_name.value.startswith(self.graph_prefix):
                raise StoreError(f"the graph <{q.graph_name.value}> is not one of the store's (they start with "
                                 f"{self.graph_prefix}): a build into {self.url} writes no other graph of the server")
            yield q

    def lock(self):
        """Nothing: a SPARQL endpoint offers no lock a client can take, so two kg processes writing to
        one server (two builds, an import during a build) are not kept apart. What still holds: a
        SPARQL Update is atomic on the server, a load replaces each graph only once all of it is in,
        a build keeps the graphs imports made; what does not: the record (:meth:`info`) is the
        last writer's, and a build's graphs are replaced one after the other. Agree on who writes."""
        return nullcontext()

    def snapshot(self, purpose: str = "import") -> Snapshot:
        """The server itself: writes through it go straight to the server (an update is atomic there,
        a load is staged graph by graph); :meth:`Snapshot.commit` records the info."""
        return _ServerSnapshot(self)

    @contextmanager
    def local(self, reads=None):
        """A scratch store on local disk holding this store's statements whose predicate is one of
        ``reads`` (IRIs; every statement when None, which reads the whole store). When the block
        ends without an error, the graphs it created or cleared (``drop_graph``) are loaded here
        (:meth:`load`, all or nothing), and those it cleared and left empty are dropped here.
        Statements it added to graphs it neither created nor cleared are not sent: write whole graphs."""
        before = set(self.named_graphs())
        with _scratch("kg-local-") as scratch:
            scratch.pyoxigraph.bulk_extend(self.quads(predicates=reads))
            yield scratch
            now = scratch.named_graphs()
            sent = [g for g in now if g not in before or g in scratch.cleared]
            if sent:
                self.load(q for g in sent for q in scratch.quads(ox.NamedNode(g)))
            for g in sorted(scratch.cleared - set(now)):
                self.drop_graph(g)

    def set_info(self, info: dict) -> None:
        """Record what the embedded store keeps in its KG-STORE.json (the build, the imports)."""
        self.update(f"DROP SILENT GRAPH <{INFO_GRAPH}> ;\nINSERT DATA {{ GRAPH <{INFO_GRAPH}> {{ <{INFO_GRAPH}> "
                    f"<{INFO_GRAPH}#json> {ox.Literal(json.dumps(info, sort_keys=True))} }} }}")

    def info(self) -> dict:
        """What :meth:`set_info` recorded ({} when nothing was)."""
        answer = self.query(f"SELECT ?j WHERE {{ GRAPH <{INFO_GRAPH}> {{ <{INFO_GRAPH}> <{INFO_GRAPH}#json> ?j }} }}",
                            own_dataset=True, )
        for sol in answer:
            try:
                return json.loads(sol[0].value)
            except ValueError:
                return {}
        return {}


class _ServerSnapshot(Snapshot):
    """A server's snapshot is the server: see :meth:`RemoteStore.snapshot`."""

    stoppable = False

    def __init__(self, store: RemoteStore):
        self._store = store
        self.location = store.url

    def open(self) -> RemoteStore:
        return self._store

    def commit(self, info: dict | None = None, *, keep_old: bool = False):
        self._done = True
        if info is not None:
            self._store.set_info(info)

    def discard(self, error: BaseException | None = None) -> None:
        """Nothing to undo: each write went to the server whole (an update) or not at all (a load)."""


@contextmanager
def _scratch(prefix: str):
    """An Oxigraph store in a new temporary directory, closed and deleted afterwards."""
    directory = tempfile.mkdtemp(prefix=prefix)
    store = OxigraphStore(ox.Store(directory), read_only=False)
    try:
        yield store
    except BaseException as e:
        store.close()
        remove_staging(directory, e)
        raise
    store.close()
    remove_staging(directory)


def _only(predicates) -> str:
    """A VALUES clause keeping the triples whose predicate is one of ``predicates`` ("" for all)."""
    return f"VALUES ?p {{ {' '.join(f'<{p}>' for p in predicates)} }} " if predicates else ""


def _insert(graph: str, quads) -> str:
    """A SPARQL Update adding ``quads`` to ``graph``: INSERT DATA, or INSERT ... WHERE {} when there
    are blank nodes (Virtuoso refuses blank nodes in INSERT DATA)."""
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads):
        return f"INSERT {{ GRAPH <{graph}> {{\n{body}\n}} }} WHERE {{}}"
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"
