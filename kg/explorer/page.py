"""Page assembly: the explorer's one self-contained, offline HTML file.

The page is written from our own template (``kg/explorer/templates/graph.html``), never from
pyvis's: pyvis 0.3.2 leaves CDN links in its pages, has no autoescaping and turns a
title containing "href" into ``innerHTML``. vis-network's JS and CSS (shipped inside pyvis) are
inlined, with our script and styles (``templates/graph.js``, ``graph.css``), once checked.

What the page offers (``graph.js``): shapes and colours by kind, grouped in a legend whose
entries are also the type filters (a checkbox per kind, per relation and per standing: stated,
reported, corroborated, disputed); edges coloured and labelled by relation, reported ones dotted,
disputed ones dark red, dash-dot and marked; node size by degree or a numeric attribute (chosen
with ``size_by``, switchable in the page); tooltips (with who asserts and who disputes what); a
search box; an "as of" date slider; a side panel comparing a claim with its rivals (or every
claim about an event), with how each stands. ``window.kgExplorer`` drives all of it from scripts
and tests.

Safety of the page:

* data travels as JSON in ``<script type="application/json">`` with ``<``, ``>`` and
  ``&`` written as ``\\u003c`` ``\\u003e`` ``\\u0026``, so no string can end the element;
* tooltips, search results and the claim panel are DOM elements built with
  ``textContent`` (never ``innerHTML``); canvas labels are drawn as text by vis-network;
* the heading and legend come from a Jinja2 template with autoescaping on;
* a Content-Security-Policy allows only the page's own inline scripts (by SHA-256
  hash), inline styles and ``data:`` images, and no network access at all.

The page sets ``data-kg-ready="1"``, ``data-kg-nodes`` and ``data-kg-edges`` on
``<body>`` once the graph is drawn, and exposes ``window.kgNetwork``, ``window.kgNodes``,
``window.kgEdges`` (vis DataSets) and ``window.kgExplorer``.

Imports :mod:`kg.explorer.vis` and :mod:`~kg.explorer.data` (what goes into the page),
:mod:`~kg.explorer.styles` (the legend's headings) and :mod:`kg.files`; jinja2 and pyvis's files
only when a page is written.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
import json
import os
import re
from typing import TYPE_CHECKING, Any

from ..files import write_atomically
from .data import MAX_PAGE_EDGES, MAX_PAGE_NODES, as_text, page_cut
from .styles import DEFAULT_GROUP, group_label
from .vis import graph_to_vis_data

if TYPE_CHECKING:  # pragma: no cover
    import networkx

_VIS_DIR = ("lib", "vis-9.1.2")

# External references the page must never contain (checked on the inlined assets).
_EXTERNAL_REF = re.compile(
    r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.IGNORECASE,
)


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _normalise_newlines(text: str) -> str:
    # The HTML parser turns CR LF and CR into LF before CSP hashes are checked.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network JS/CSS (from pyvis) and our template, JS and CSS, checked once."""
    from importlib import resources

    vis = resources.files("pyvis")
    for part in _VIS_DIR:
        vis = vis / part
    try:
        vis_js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
        vis_css = (vis / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - depends on the pyvis install
        raise RuntimeError(
            "vis-network 9.1.2 was not found inside pyvis (expected pyvis/lib/vis-9.1.2/); "
            "the project needs pyvis==0.3.2"
        ) from exc
    # A source-map comment would make developer tools fetch a file; drop it.
    vis_js = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", vis_js)
    vis_css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", vis_css)

    templates = resources.files("kg.explorer") / "templates"
    assets = {
        "vis_js": _normalise_newlines(vis_js),
        "vis_css": _normalise_newlines(vis_css),
        "page_js": _normalise_newlines((templates / "graph.js").read_text(encoding="utf-8")),
        "page_css": _normalise_newlines((templates / "graph.css").read_text(encoding="utf-8")),
        "template": (templates / "graph.html").read_text(encoding="utf-8"),
    }
    for name in ("vis_js", "page_js"):
        lowered = assets[name].lower()
        if "</script" in lowered or "<!--" in lowered:
            raise RuntimeError(f"{name} cannot be inlined: it contains '</script' or '<!--'")
    for name in ("vis_css", "page_css"):
        if "</style" in assets[name].lower():
            raise RuntimeError(f"{name} cannot be inlined: it contains '</style'")
    for name in ("vis_js", "vis_css", "page_js", "page_css", "template"):
        found = _EXTERNAL_REF.search(assets[name])
        if found:
            raise RuntimeError(f"{name} refers to an external resource: {found.group(0)!r}")
    return assets


@functools.lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.from_string(_assets()["template"])


def _content_security_policy(assets: dict[str, str]) -> str:
    """Nothing from the network; only our two inline scripts (by hash), inline styles and
    ``data:`` images."""
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(assets['vis_js'])} {_csp_hash(assets['page_js'])}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src 'none'",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def _legend_groups(legend: dict[str, Any]) -> list[dict[str, Any]]:
    """The legend's kinds under their group headings, in legend order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for kind in legend["kinds"]:  # already in group order
        groups.setdefault(kind.get("group", DEFAULT_GROUP), []).append(kind)
    return [{"label": group_label(g), "kinds": kinds} for g, kinds in groups.items()]


def _slider_days(meta: dict[str, Any]) -> int | None:
    """How many days the date slider spans (None: nothing is dated)."""
    dates = meta.get("dates")
    if not dates:
        return None
    return (_dt.date.fromisoformat(dates["max"]) - _dt.date.fromisoformat(dates["min"])).days


def _page(data: dict[str, Any], title: str) -> str:
    """The page's text: ``data`` (from :func:`graph_to_vis_data`) in the template, with the assets."""
    from markupsafe import Markup

    assets = _assets()
    return _template().render(
        title=title,
        csp=Markup(_content_security_policy(assets)),  # our constants and base64 hashes: no quote, no markup
        meta=data["meta"],
        legend=data["legend"],
        kind_groups=_legend_groups(data["legend"]),
        days=_slider_days(data["meta"]),
        vis_css=Markup(assets["vis_css"]),
        page_css=Markup(assets["page_css"]),
        vis_js=Markup(assets["vis_js"]),
        page_js=Markup(assets["page_js"]),
        data_json=Markup(_json_for_script(data)),
    )


def render_html(
    graph: networkx.MultiDiGraph,
    path: str | os.PathLike | None = None,
    *,
    title: str = "mediation-kg",
    layout: str = "auto",
    size_by: str | None = None,
    max_nodes: int | None = MAX_PAGE_NODES,
    max_edges: int | None = MAX_PAGE_EDGES,
    notice: str | None = None,
) -> str:
    """Render ``graph`` as a self-contained HTML page and return its text.

    A graph bigger than ``max_nodes`` / ``max_edges`` is cut down by :func:`page_cut` first, and
    the page says so under its heading, as it shows ``notice`` (a caller that cut the graph itself
    passes page_cut's notice here). A link lists at most :data:`MAX_EDGE_ITEMS` of its events.

    When ``path`` is given the page is also written there atomically (a temporary
    file in the same directory, then ``os.replace``). ``layout`` is ``"auto"``
    (Python layout above :data:`PYTHON_LAYOUT_THRESHOLD` nodes, vis physics below),
    ``"python"`` or ``"physics"``. ``size_by`` names the numeric node attribute that
    sets node size (``"betweenness"``, ...; default: degree); a name that no node holds
    as a number raises ``ValueError`` listing those available. The page loads nothing
    from the network.

    Once the graph is drawn, the page sets ``data-kg-ready="1"``, ``data-kg-nodes`` and
    ``data-kg-edges`` on ``<body>`` and exposes ``window.kgNetwork``,
    ``window.kgNodes`` and ``window.kgEdges`` (vis DataSets) and ``window.kgExplorer``,
    whose functions return at once: ``setAsOf("2025-11-01")`` (or ``null`` for every
    date), ``setKindVisible(kind, bool)``, ``setRelationVisible(relation, bool)``,
    ``setStatusVisible(status, bool)`` (edges by how they stand: "stated", "reported",
    "corroborated", "disputed"), ``standing(id)`` (a node's or an edge's ``{status, sources,
    assertedBy, disputedBy}``, or null), ``setSizeBy(name)``, ``search(text)``
    (``{count, ids}``), ``searchNext()``, ``searchPrevious()``, ``openPanel(id)``,
    ``closePanel()``, ``reset()``, ``tooltip(id)`` (a new tooltip element), ``summary()``
    (what is shown), ``visibleIds()``, ``asOf()`` and ``dateRange()``.
    """
    graph, cut = page_cut(graph, max_nodes, max_edges)
    data = graph_to_vis_data(graph, layout=layout, size_by=size_by)
    data["meta"]["notice"] = cut or notice
    page = _page(data, as_text(title))
    if path is not None:
        write_atomically(path, page)
    return page
