"""Export the store as RDF, and choose what ``kg export`` writes: RDF (the whole dataset or one
source's named graph) or a projection as a network file (:mod:`kg.graphs.export`); the formats of
both are entries of :mod:`kg.formats` (kinds ``rdf`` and ``graph``).
"""

from __future__ import annotations

import os
import re

from . import formats
from .errors import KGError
from .formats import EXPORT_DEFAULTS, GRAPH, RDF
from .text import either

# --- RDF -----------------------------------------------------------------------------------


def export(store, fmt, graph: str | None = None, output=None) -> bytes | None:
    """The store as ``fmt`` (an RDF format's name or its kg.formats entry) bytes, or written to ``output`` (a binary file) as Oxigraph serialises
    it, so that a dump larger than memory never sits in memory (returns None then). Dataset formats
    (TriG, N-Quads, JSON-LD) keep every named graph; triple formats get the union of all graphs
    (built in memory first, to write each triple once) unless ``graph`` names one (a source id, a
    graph:prefixed name or a graph IRI)."""
    import pyoxigraph as ox

    from .sparql.query import resolve_graph
    target = None if graph is None else ox.NamedNode(resolve_graph(graph, store.named_graphs()))
    return store.dump(formats.get(fmt, RDF).write, target, output)


def export_file(store, fmt: str, path: str | os.PathLike, graph: str | None = None) -> int:
    """:func:`export` streamed into the file ``path``, atomically (a failure leaves it as it was);
    returns the number of bytes written."""
    from .files import open_atomically
    with open_atomically(path) as handle:
        export(store, fmt, graph, handle)
        handle.flush()
        return handle.raw.written


# --- choosing what to export ---------------------------------------------------------------

def format_for_path(path: str) -> str | None:
    """The RDF or graph format a file name's extension stands for, or None."""
    ext = os.path.splitext(os.fspath(path))[1].lstrip(".")
    found = formats.for_extension(ext, RDF, GRAPH) if ext else None
    return found.name if found else None


def projection_names() -> list[str]:
    """The projections ``kg export --graph`` offers: ``kg.graphs.project.PROJECTIONS``."""
    from .graphs.project import PROJECTIONS
    return list(PROJECTIONS)


def choose_format(fmt: str | None, output: str, projection: str | None, dataset: str | None) -> str:
    """Check the options of ``kg export`` and return the format to write.

    ``fmt`` wins; without it the format comes from ``output``'s extension, else TriG for RDF and
    GraphML for a projection on standard output (kg.formats.EXPORT_DEFAULTS). Raises
    :class:`KGError` with the fix."""
    graph_names, rdf_names = formats.names(GRAPH), formats.names(RDF)
    graph_list = either(graph_names)
    if projection is not None:
        names = projection_names()
        if projection not in names:
            hint = (f"; to export one source's named graph as RDF, use --dataset {projection}"
                    if not re.fullmatch(r"[a-z]+", projection) else
                    "; to export one source's named graph as RDF, use --dataset SOURCE")
            raise KGError(f"--graph names a projection ({either(names)}), and {projection!r} is not one{hint}")
        if dataset is not None:
            raise KGError("--dataset restricts the RDF export to one source; a projection (--graph) is of the whole store: "
                          "use one or the other")
    guessed = None if fmt or output == "-" else format_for_path(output)
    chosen = fmt or guessed
    where = f"-f {fmt}" if fmt else f"the file name {output!r}"
    if projection is not None:
        if chosen is None:
            if output != "-":
                raise KGError(f"cannot tell the format from the file name {output!r}: give -f {graph_list}")
            chosen = EXPORT_DEFAULTS[GRAPH]
        elif chosen in rdf_names:
            raise KGError(f"--graph exports a projection as {graph_list}, but {where} asks for RDF ({chosen}); "
                          "for one source's RDF use --dataset SOURCE instead of --graph")
    else:
        if chosen in graph_names:
            raise KGError(f"{where} asks for a graph format ({chosen}): add --graph with a projection "
                          f"({either(projection_names())}), e.g. kg export --graph actors -o "
                          f"actors.{formats.get(chosen, GRAPH).extensions[0]}")
        chosen = chosen or EXPORT_DEFAULTS[RDF]
    if chosen == "csv" and output == "-":
        raise KGError("csv writes two files (NAME-nodes.csv and NAME-edges.csv): give -o NAME or -o DIRECTORY/")
    if chosen != "csv" and output != "-" and os.path.isdir(output):
        raise KGError(f"{output} is a directory: give a file name")
    return chosen


