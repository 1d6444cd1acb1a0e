"""``kg serve``: the store as a SPARQL 1.1 Protocol endpoint, on Starlette and uvicorn.

Routes:

``/sparql``
    SPARQL 1.1 Protocol. Queries: ``GET ?query=``, ``POST`` form (``query=``), ``POST``
    ``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri`` set the dataset
    (graphs of the store only; an unknown one is a 400). Answers by content negotiation over the
    ``results`` formats (SELECT, ASK) or the ``rdf`` ones (CONSTRUCT, DESCRIBE) of :mod:`kg.formats`
    (q-values honoured; SPARQL JSON for ``*/*``, Turtle for CONSTRUCT and DESCRIBE), 406 when the
    Accept header allows none of them; SPARQLWrapper's ``format`` / ``output`` / ``results``
    parameters (a format's name or other names, ``json``, ``xml``, ``turtle``, ``rdf+xml``,
    ``json-ld``..., or a media type) override the Accept header.
    ``GET`` without a query: the SPARQL 1.1 Service Description (in any ``rdf`` format; a browser
    asking for HTML is sent to the query page). Updates: ``POST`` form
    (``update=``) or ``application/sparql-update``, only when the server was started with an
    update token, and only with ``Authorization: Bearer <token>``; answered 204.
``/rdf-graph-store``
    Graph Store HTTP Protocol, read side (GET and HEAD): ``?graph=IRI`` (404 if the store has no
    such graph) or ``?default``, in any ``rdf`` format. The default graph is the union of all the
    store's graphs, which is what queries see as their default graph too.
``/queries``, ``/queries/{name}?param=value``
    The named queries as JSON; running one, parameters typed as ``kg query --param`` types them.
``/graph``
    The actors' relationship graph: a page, or a network file in a ``graph`` format of
    :mod:`kg.formats` when the Accept header or a ``format`` parameter asks for one.
``/formats``
    The formats of each kind the routes answer in, as JSON (the query page's download links).
``/``, ``/static/...``, ``/health``
    The query page (``kg/server/web``), its files, a health check.

Safety: every query and update is read by :mod:`kg.sparql.guard` (a real SPARQL parser, in a worker, under
the time limit) before it runs; SERVICE and LOAD anywhere in it are always refused (400), and so is
a FROM / FROM NAMED naming a graph the store does not have, and a text the guard cannot read: the
server never fetches anything. Every query
runs in a worker process that is killed at the time limit (:mod:`kg.server.workers`), so a slow query
costs its client a 503 and nobody else anything; answers longer than ``max_rows`` are refused
with a 422, never cut short. Update semantics: an update sees the store's real default graph
(empty after ``kg build``: the data sits in named graphs, one per source), not the union that
queries see; it is applied to a copy of the store that is then swapped in atomically.

Errors never carry a traceback to the client: a user's mistake is a 400 with kg's message (a
syntax error shows line, column and a caret); anything unexpected is a 500 with a short message,
and the traceback goes to the server's log.
"""

from __future__ import annotations

import contextlib
import functools
import hmac
import json
import logging
import re
import socket
import time
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import formats
from ..errors import KGError, StoreError
from ..formats import ANSWERS, GRAPH, KINDS, RDF, RESULTS
from ..namespaces import PREFIXES
from .workers import JobError, WorkerFailed, WorkerPool

log = logging.getLogger("kg.server")

MAX_BODY = 16 * 1024 * 1024  # bytes of a POSTed query or update
OVERRIDE_PARAMS = ("format", "output", "results")  # SPARQLWrapper sends all three

# --- content negotiation ----------------------------------------------------------------------

PAGE = ("page", ["text/html", "application/xhtml+xml"])  # a browser's Accept, for routes that also have a page


def parse_accept(header: str | None) -> list[tuple[str, str, float]]:
    """``Accept`` as [(type, subtype, q)]; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [("*", "*", 1.0)]
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        type_, _, subtype = media.partition("/")
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        out.append((type_, subtype, q))
    return out


def _quality(ranges, media_type: str) -> float:
    """The q the Accept ranges give ``media_type``: that of the most specific matching range."""
    type_, _, subtype = media_type.partition("/")
    best, best_q = -1, 0.0
    for rt, rs, q in ranges:
        if rt == type_ and rs == subtype:
            specificity = 2
        elif rt == type_ and rs == "*":
            specificity = 1
        elif rt == "*" and rs == "*":
            specificity = 0
        else:
            continue
        if specificity > best or (specificity == best and q > best_q):
            best, best_q = specificity, q
    return best_q


def negotiate(ranges, candidates: list[tuple[str, list[str]]]) -> str | None:
    """The candidate (name, [media type, aliases...]) with the highest q (>0); ties go to the
    earlier one. Wildcards match a candidate's own media type only, aliases need an exact match
    (``text/*`` means CSV, not JSON under its alias ``text/javascript``)."""
    chosen, chosen_q = None, 0.0
    for name, (media_type, *aliases) in candidates:
        exact = [q for t, st, q in ranges for alias in aliases if f"{t}/{st}" == alias]
        q = max([_quality(ranges, media_type)] + exact)
        if q > chosen_q:
            chosen, chosen_q = name, q
    return chosen


def _candidates(kind: str) -> list[tuple[str, list[str]]]:
    return [(f.name, [f.media_type, *f.aliases]) for f in formats.served(kind)]


def _override(params, *kinds: str) -> dict | None:
    """The format SPARQLWrapper-style parameters ask for, per kind of ``kinds`` (None: no
    override): the first value that names a format of any of them."""
    for key in OVERRIDE_PARAMS:
        for value in params.get(key, []):
            found = {kind: f.name for kind in kinds if (f := formats.for_parameter(value, kind))}
            if found:
                return found
    return None


def choose_formats(accept: str | None, params) -> dict[str, str | None]:
    """{"results": format name or None, "rdf": ...}: what each kind of answer would be sent as."""
    ranges = parse_accept(accept)
    override = _override(params, RESULTS, RDF) or {}
    return {kind: override.get(kind) or negotiate(ranges, _candidates(kind)) for kind in (RESULTS, RDF)}


def _offer(kind: str) -> str:
    return ", ".join(f.media_type for f in formats.served(kind))


def not_acceptable_message(accept: str | None, kind: str | None = None) -> str:
    kinds = [kind] if kind else [RESULTS, RDF]
    offers = "; ".join(f"{ANSWERS[k]} as {_offer(k)}" for k in kinds)
    return f"cannot answer in any media type of 'Accept: {accept or ''}'. This endpoint sends {offers}."


def content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8"


# --- errors -----------------------------------------------------------------------------------

class Problem(Exception):
    """An answer other than 200, with a plain-text message for the client."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


# kg's messages are written for the command line; these hints mean something else here.
_CLI_HINTS = [
    ("it is refused unless you pass --allow-remote", "this endpoint always refuses it"),
    ("; --allow-remote runs it anyway)", ")"),
    ("('kg stats' lists the graphs)", "(the service description, GET /sparql, lists the graphs)"),
    ("('kg stats' lists them)", "(the service description, GET /sparql, lists them)"),
    ("; 'kg stats' lists them", "; the service description (GET /sparql) lists them"),
    ("; 'kg queries' lists them", "; GET /queries lists them"),
    ("kg query only reads; the store changes by 'kg build' from your sources (or through 'kg serve --allow-update')",
     "send it with POST as 'update=' or as application/sparql-update, not as a query"),
]


def http_wording(message: str) -> str:
    for cli, http in _CLI_HINTS:
        message = message.replace(cli, http)
    return message


def text_response(status: int, message: str, headers: dict | None = None) -> Response:
    message = http_wording(message)
    body = message if message.endswith("\n") else message + "\n"
    return Response(body, status_code=status, headers={"Content-Type": content_type("text/plain"), **(headers or {})})


def endpoint(handler):
    """Turn the errors of ``handler`` into answers: Problem and JobError as their status, a user's
    mistake (KGError) as 400, anything else as a 500 whose traceback stays in the server log."""
    @functools.wraps(handler)
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except Problem as e:
            return text_response(e.status, e.message, e.headers)
        except JobError as e:
            return text_response(e.status, e.message)
        except KGError as e:
            return text_response(400, str(e))
        except ClientDisconnect:  # the client went away before sending all it announced: normal, no traceback
            log.info("%s %s: the client disconnected before the request was read", request.method,
                     request.url.path)
            return Response(status_code=400)
        except WorkerFailed:
            log.exception("%s %s: a query worker failed", request.method, request.url.path)
            return text_response(500, "internal error: the query worker failed (see the server log)")
        except Exception:
            log.exception("%s %s: unexpected error", request.method, request.url.path)
            return text_response(500, "internal error (see the server log)")
    return wrapped


# --- request parameters -----------------------------------------------------------------------

def _multi(pairs) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


def _one(params: dict, name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise Problem(400, f"give the parameter {name!r} once, not {len(values)} times")
    return values[0]


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise Problem(413, f"the request body is larger than {MAX_BODY // (1024 * 1024)} MiB")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise Problem(413, f"the request body is larger than {MAX_BODY // (1024 * 1024)} MiB")
        chunks.append(chunk)
    return b"".join(chunks)


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(400, f"the {what} is not valid UTF-8") from None


def _media(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


# --- the app ----------------------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")
STATIC_TYPES = {".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
                ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
                ".woff2": "font/woff2", ".txt": "text/plain", ".map": "application/json"}
TEXTUAL = ("text/", "application/json", "image/svg+xml")


def web_dir() -> Path:
    return Path(str(resources.files("kg.server").joinpath("web")))


class SecurityHeaders:
    """nosniff on every answer; on HTML pages also a CSP that allows only the server itself (unless
    the page set its own, stricter one), no framing and no referrer."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                if ctype.startswith(b"text/html"):
                    if b"content-security-policy" not in names:
                        headers.append((b"content-security-policy", PAGE_CSP.encode()))
                    headers.append((b"x-frame-options", b"DENY"))
                    headers.append((b"referrer-policy", b"no-referrer"))
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Endpoint:
    """The routes' state: the worker pool, the options, caches keyed by the store's generation."""

    def __init__(self, store_path, *, timeout, max_rows, workers, update_token):
        self.store_path = str(store_path)
        self.timeout = float(timeout)
        self.max_rows = int(max_rows)
        self.update_token = update_token or None
        self.pool = WorkerPool(self.store_path, size=int(workers), timeout=self.timeout)
        self.listen_url = None  # set by serve(), for the log line
        self._info = None  # (key, info)
        self._pages: dict = {}
        self._page_lock = None

    # --- store state, per generation ---------------------------------------------------------

    def _key(self):
        from ..store import revision
        return (self.pool.generation, revision(self.store_path))

    async def info(self) -> dict:
        """Quads and named graphs of the store (cached until the store changes)."""
        key = self._key()
        if self._info is None or self._info[0] != key:
            self._info = (key, await self.pool.call({"op": "info"}))
        return self._info[1]

    async def graphs(self) -> list[str]:
        return (await self.info())["graphs"]

    # --- life cycle ---------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def lifespan(self, app):
        import asyncio
        self._page_lock = asyncio.Lock()
        started = time.monotonic()
        await self.pool.start()
        info = await self.info()
        log.info("kg serve: %s workers ready in %.1f s; store %s (%d quads, %d named graphs)",
                 self.pool.size, time.monotonic() - started, self.store_path, info["quads"], len(info["graphs"]))
        mode = "accepts updates with the bearer token" if self.update_token else "read-only"
        if self.listen_url:
            log.info("kg serve: listening on %s  (query page %s, SPARQL endpoint %ssparql; %s; timeout %g s, "
                     "at most %d rows)", self.listen_url, self.listen_url, self.listen_url, mode, self.timeout,
                     self.max_rows)
        try:
            yield
        finally:
            await self.pool.close()

    # --- /sparql ------------------------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        params = _multi(request.query_params.multi_items())
        query = update = None
        if request.method == "POST":
            media = _media(request)
            body = await _body(request)
            if media == "application/x-www-form-urlencoded":
                form = _multi(parse_qsl(_text(body, "form"), keep_blank_values=True))
                for k, v in form.items():
                    params.setdefault(k, []).extend(v)
                query, update = _one(form, "query"), _one(form, "update")
                if query is None and update is None:
                    raise Problem(400, "the form has neither 'query' nor 'update'")
            elif media == "application/sparql-query":
                query = _text(body, "query")
            elif media == "application/sparql-update":
                update = _text(body, "update")
            else:
                raise Problem(415, "send a query as 'application/x-www-form-urlencoded' (query=...) or "
                                   "'application/sparql-query', an update as a form (update=...) or "
                                   f"'application/sparql-update'; not {media or 'no Content-Type'!r}")
            if query is not None and update is not None:
                raise Problem(400, "give either 'query' or 'update', not both")
        else:
            if params.get("update"):
                raise Problem(400, "an update must be sent with POST, not GET")
            query = _one(params, "query")
            if query is None:
                return await self.service_description(request)
        if update is not None:
            return await self.run_update(request, update, params)
        return await self.run_query(request, params, text=query)

    async def run_query(self, request: Request, params: dict, *, text: str | None = None,
                        named=None, pairs=None) -> Response:
        accept = request.headers.get("accept")
        chosen = choose_formats(accept, params)
        if not any(chosen.values()):
            raise Problem(406, not_acceptable_message(accept))
        # The entries themselves go to the worker: a format registered at run time is written there too.
        job = {"op": "query", "limit": self.max_rows,
               "formats": {kind: name and formats.get(name, kind) for kind, name in chosen.items()},
               "not_acceptable": {k: not_acceptable_message(accept, k) for k in chosen}}
        if named is not None:
            job.update(named=named.name, params=pairs)
        else:
            # The worker reads the text with the guard (kg.sparql.guard) before anything runs: a parse can
            # take time, and there it is under the time limit, out of the event loop.
            graphs = await self.graphs()
            default_uris, named_uris = params.get("default-graph-uri"), params.get("named-graph-uri")
            for uri in (default_uris or []) + (named_uris or []):
                if uri not in graphs:
                    raise Problem(400, f"no graph <{uri}> in the store; the service description (GET /sparql) "
                                       "lists its named graphs")
            if default_uris is not None or named_uris is not None:
                job.update(default_graphs=default_uris or [], named_graphs=named_uris or [])
            job["text"] = text
        started = time.monotonic()
        answer = await self.pool.call(job)
        fmt = job["formats"][answer["kind"]]
        return Response(answer["body"], headers={
            "Content-Type": content_type(fmt.media_type), "Vary": "Accept",
            "Server-Timing": f"query;dur={1000 * (time.monotonic() - started):.1f}"})

    async def run_update(self, request: Request, text: str, params: dict) -> Response:
        if not self.update_token:
            raise Problem(403, "read-only endpoint: updates are refused (start kg serve with --allow-update "
                               "and a token in KG_UPDATE_TOKEN to accept them)")
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise Problem(401, "an update needs the header 'Authorization: Bearer <token>'",
                          {"WWW-Authenticate": 'Bearer realm="kg"'})
        if not hmac.compare_digest(given.strip().encode("utf-8"), self.update_token.encode("utf-8")):
            raise Problem(403, "wrong token: the update was refused")
        if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            raise Problem(400, "using-graph-uri and using-named-graph-uri are not supported; "
                               "write USING / WITH in the update")
        await self.pool.call({"op": "check_update", "text": text})  # parsed in a worker, before the store is copied
        try:
            counts = await self.pool.update(text)
        except StoreError as e:  # a kg build or kg import holds the store's write lock
            raise Problem(503, str(e), {"Retry-After": "10"}) from None
        self._info = None
        log.info("update applied: %s -> %s quads (store generation %d)", counts["before"], counts["after"],
                 self.pool.generation)
        return Response(status_code=204)

    async def service_description(self, request: Request) -> Response:
        import pyoxigraph as ox

        ranges = parse_accept(request.headers.get("accept"))
        chosen = negotiate(ranges, _candidates(RDF) + [PAGE])
        if chosen == PAGE[0]:
            return RedirectResponse("/", status_code=303)
        if chosen is None:
            raise Problem(406, "the service description is available as " + _offer(RDF))
        fmt = formats.get(chosen, RDF)
        info = await self.info()
        nn, bn, lit = ox.NamedNode, ox.BlankNode, ox.Literal
        a = nn(PREFIXES["rdf"] + "type")
        svc, ds, dg = bn("service"), bn("dataset"), bn("defaultGraph")
        endpoint_url = str(request.url.replace(query="", fragment=""))
        triples = [
            (svc, a, nn(SD + "Service")),
            (svc, nn(SD + "endpoint"), nn(endpoint_url)),
            (svc, nn(PREFIXES["rdfs"] + "label"), lit("mediation-kg SPARQL endpoint")),
            (svc, nn(SD + "supportedLanguage"), nn(SD + "SPARQL11Query")),
            (svc, nn(SD + "feature"), nn(SD + "UnionDefaultGraph")),
            (svc, nn(SD + "defaultDataset"), ds),
            (ds, a, nn(SD + "Dataset")),
            (ds, nn(SD + "defaultGraph"), dg),
            (dg, a, nn(SD + "Graph")),  # the union of the named graphs (sd:UnionDefaultGraph)
        ]
        if self.update_token:
            triples.append((svc, nn(SD + "supportedLanguage"), nn(SD + "SPARQL11Update")))
        for f in formats.served(RESULTS) + formats.served(RDF):
            if f.w3c:
                triples.append((svc, nn(SD + "resultFormat"), nn(f.w3c)))
        for i, g in enumerate(info["graphs"]):
            ng, graph = bn(f"namedGraph{i}"), bn(f"graph{i}")
            triples += [(ds, nn(SD + "namedGraph"), ng), (ng, a, nn(SD + "NamedGraph")), (ng, nn(SD + "name"), nn(g)),
                        (ng, nn(SD + "graph"), graph), (graph, a, nn(SD + "Graph"))]
            if g in info["sizes"]:
                triples.append((graph, nn(VOID + "triples"),
                                lit(str(info["sizes"][g]), datatype=nn(PREFIXES["xsd"] + "integer"))))
        prefixes = {"sd": SD, "void": VOID, "rdfs": PREFIXES["rdfs"], "xsd": PREFIXES["xsd"], "formats": formats.W3C}
        body = ox.serialize([ox.Triple(*t) for t in triples], format=fmt.write,
                            **({"prefixes": prefixes} if fmt.prefixes else {}))
        return Response(body, headers={"Content-Type": content_type(fmt.media_type), "Vary": "Accept"})

    # --- Graph Store Protocol (read) ----------------------------------------------------------

    async def graph_store(self, request: Request) -> Response:
        params = _multi(request.query_params.multi_items())
        graph = _one(params, "graph")
        default = "default" in params
        if graph is not None and default:
            raise Problem(400, "give ?graph=IRI or ?default, not both")
        if graph is None and not default:
            raise Problem(400, "give ?graph=IRI (one of the store's named graphs) or ?default (their union)")
        accept = request.headers.get("accept")
        name = (_override(params, RDF) or {}).get(RDF) or negotiate(parse_accept(accept), _candidates(RDF))
        if name is None:
            raise Problem(406, f"cannot send RDF in any media type of 'Accept: {accept or ''}'; "
                               f"this graph store sends {_offer(RDF)}")
        if graph is not None and graph not in await self.graphs():
            raise Problem(404, f"no graph <{graph}> in the store")
        fmt = formats.get(name, RDF)
        body = await self.pool.call({"op": "export", "graph": graph, "format": fmt})
        return Response(body, headers={"Content-Type": content_type(fmt.media_type), "Vary": "Accept"})

    # --- named queries ------------------------------------------------------------------------

    async def list_queries(self, request: Request) -> Response:
        from ..sparql.named import named_queries
        out = []
        for name, nq in named_queries().items():
            out.append({"name": name, "title": nq.title, "answers": nq.answers, "example": nq.example,
                        "params": [{"name": p.name, "type": p.type, "optional": p.optional,
                                    "description": p.description} for p in nq.params],
                        "columns": list(nq.columns),
                        "sparql": nq.with_prefixes(), "url": f"/queries/{name}"})
        return Response(json.dumps(out, ensure_ascii=False, indent=1),
                        headers={"Content-Type": content_type("application/json")})

    async def named_query(self, request: Request) -> Response:
        from ..sparql.named import named_queries, parse_params
        name = request.path_params["name"]
        nq = named_queries().get(name)
        if nq is None:
            raise Problem(404, f"no named query {name!r}; GET /queries lists them")
        declared = {p.name for p in nq.params}
        items = request.query_params.multi_items()
        params = _multi(items)
        pairs = [f"{k}={v}" for k, v in items if k not in OVERRIDE_PARAMS or k in declared]
        for k, values in params.items():
            if len(values) > 1 and k in declared:
                raise Problem(400, f"give the parameter {k!r} once, not {len(values)} times")
        try:
            parse_params(pairs, nq)  # typed and checked here, before a worker is taken; again in the worker
        except KGError as e:
            raise Problem(400, str(e).replace("--param ", "")) from None
        return await self.run_query(request, params, named=nq, pairs=pairs)

    # --- pages --------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        page = web_dir() / "query.html"
        if not page.is_file():
            raise Problem(404, "the query page is not installed; the endpoints are /sparql, /queries, "
                               "/rdf-graph-store, /graph and /health")
        return Response(page.read_bytes(), headers={"Content-Type": content_type("text/html")})

    async def static(self, request: Request) -> Response:
        rel = request.path_params["path"]
        base = web_dir().resolve()
        if not re.fullmatch(r"[A-Za-z0-9_.\-/]+", rel) or ".." in rel.split("/"):
            raise Problem(404, "no such file")
        path = (base / rel).resolve()
        if base not in path.parents or not path.is_file():
            raise Problem(404, "no such file")
        media = STATIC_TYPES.get(path.suffix.lower(), "application/octet-stream")
        if media.startswith(TEXTUAL):
            media = content_type(media)
        return Response(path.read_bytes(), headers={"Content-Type": media, "Cache-Control": "no-cache"})

    async def graph(self, request: Request) -> Response:
        """The actors' relationship graph: the page, or a network file when the Accept header or a
        format parameter asks for one of the graph formats."""
        params = _multi(request.query_params.multi_items())
        name = ((_override(params, GRAPH) or {}).get(GRAPH)
                or negotiate(parse_accept(request.headers.get("accept")), [PAGE] + _candidates(GRAPH)))
        if name not in (None, PAGE[0]):
            fmt = formats.get(name, GRAPH)
            body = await self.pool.call({"op": "graph_file", "format": fmt})
            filename = f"actors.{fmt.extensions[0]}" if fmt.extensions else "actors"
            return Response(body, headers={"Content-Type": content_type(fmt.media_type), "Vary": "Accept",
                                           "Content-Disposition": f'attachment; filename="{filename}"'})
        key = self._key()
        async with self._page_lock:  # one rendering per store generation, however many ask at once
            page = self._pages.get(key)
            if page is None:
                page = await self.pool.call({"op": "graph_page"})
                self._pages = {key: page}
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page)
        headers = {"Content-Type": content_type("text/html"), "Vary": "Accept"}
        if csp:
            headers["Content-Security-Policy"] = csp.group(1)
        return Response(page, headers=headers)

    async def list_formats(self, request: Request) -> Response:
        """The formats the routes answer in, per kind (kg.formats), each kind in the server's order of
        preference: results and rdf at /sparql and /queries/NAME, rdf at /rdf-graph-store, graph at /graph."""
        body = {kind: [{"name": f.name, "label": f.label, "media_type": f.media_type, "w3c": f.w3c,
                        "extension": f.extensions[0] if f.extensions else None, "readable": f.readable}
                       for f in formats.served(kind)] for kind in KINDS}
        return Response(json.dumps(body, ensure_ascii=False, indent=1),
                        headers={"Content-Type": content_type("application/json")})

    async def health(self, request: Request) -> Response:
        info = await self.info()
        body = {"status": "ok", "store": self.store_path, "quads": info["quads"], "graphs": len(info["graphs"]),
                "generation": self.pool.generation, "workers": self.pool.size,
                "workers_replaced": self.pool.replaced, "prefixes": PREFIXES}
        return Response(json.dumps(body), headers={"Content-Type": content_type("application/json")})


def create_app(store_path, *, timeout: float = 30.0, max_rows: int = 100_000, workers: int = 4,
               update_token: str | None = None, cors_origins=("*",)) -> Starlette:
    """The ASGI app serving the store at ``store_path`` (see the module's docstring for the routes).

    Workers start when the app starts (its lifespan) and stop with it. ``update_token`` None makes
    the endpoint read-only; otherwise updates need ``Authorization: Bearer <update_token>``.
    """
    ep = Endpoint(store_path, timeout=timeout, max_rows=max_rows, workers=workers, update_token=update_token)
    routes = [
        Route("/", endpoint(ep.index), methods=["GET"]),
        Route("/sparql", endpoint(ep.sparql), methods=["GET", "POST"]),
        Route("/rdf-graph-store", endpoint(ep.graph_store), methods=["GET"]),
        Route("/queries", endpoint(ep.list_queries), methods=["GET"]),
        Route("/queries/{name}", endpoint(ep.named_query), methods=["GET"]),
        Route("/graph", endpoint(ep.graph), methods=["GET"]),
        Route("/formats", endpoint(ep.list_formats), methods=["GET"]),
        Route("/health", endpoint(ep.health), methods=["GET"]),
        Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),  # browsers ask unprompted
        Route("/static/{path:path}", endpoint(ep.static), methods=["GET"]),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
                   allow_headers=["Accept", "Content-Type", "Authorization"], max_age=600),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=ep.lifespan)
    app.state.endpoint = ep
    return app


def _log_config() -> dict:
    import copy

    from uvicorn.config import LOGGING_CONFIG
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["kg"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def serve(store_path, host: str = "127.0.0.1", port: int = 7878, **options) -> None:
    """Serve ``store_path`` on http://host:port/ until interrupted (``options``: see create_app)."""
    import uvicorn

    from ..store import open_store
    with open_store(store_path):  # a missing or damaged store: a clear StoreError, before anything starts
        pass
    try:
        family, type_, proto, *_ = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        # proto must say TCP: asyncio turns Nagle off (TCP_NODELAY) only on such sockets, and with it
        # on, every answer on a kept-alive connection waited ~40 ms for the client's delayed ACK.
        sock = socket.socket(family, type_, proto or socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as e:
        raise KGError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    sock.set_inheritable(True)
    app = create_app(store_path, **options)
    shown = f"[{host}]" if ":" in host else host
    app.state.endpoint.listen_url = f"http://{shown}:{port}/"
    config = uvicorn.Config(app, log_config=_log_config(), lifespan="on", timeout_graceful_shutdown=5,
                            server_header=False)
    server = uvicorn.Server(config)
    # uvicorn shuts down gracefully on SIGINT / SIGTERM, then raises the signal again; being told
    # to stop is how a server ends, so that is a normal exit (0), not "aborted".
    import signal
    import threading

    class Stopped(Exception):
        pass

    def stopped(signum, frame):
        raise Stopped
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stopped) if main_thread else None
    try:
        server.run(sockets=[sock])
    except (KeyboardInterrupt, Stopped):
        pass
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    if not server.started:
        raise KGError("the server did not start (the messages above say why)")
