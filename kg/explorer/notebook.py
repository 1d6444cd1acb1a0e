"""The explorer inside Jupyter: the page of :func:`kg.explorer.render_html` in a sandboxed iframe.

Imports :mod:`kg.explorer.page` and :mod:`~kg.explorer.data`; IPython only when called.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from .data import as_text
from .page import render_html

if TYPE_CHECKING:  # pragma: no cover
    import networkx


def render_notebook(graph: networkx.MultiDiGraph, *, height: int = 720, **kw: Any):
    """Render ``graph`` for Jupyter: an ``IPython.display.HTML`` holding a sandboxed
    ``<iframe srcdoc=...>`` with the page of :func:`render_html` (``kw`` goes to it)."""
    try:
        from IPython.display import HTML
    except ImportError as exc:
        raise ImportError(
            "render_notebook needs IPython (run it inside Jupyter, or pip install ipython); "
            "render_html(graph, 'graph.html') writes a page any browser opens"
        ) from exc
    if "path" in kw:
        raise TypeError("render_notebook does not write files; use render_html(graph, path)")
    height = int(height)
    if height <= 0:
        raise ValueError("height must be a positive number of pixels")
    page = render_html(graph, **kw)
    # Wrapped in a <div>: IPython warns about a bare <iframe> ("use IFrame"), and
    # IFrame takes a URL, not srcdoc. sandbox="allow-scripts" keeps the page apart
    # from the notebook (no same origin); its CSP still applies inside srcdoc.
    return HTML(
        '<div class="kg-notebook"><iframe sandbox="allow-scripts" referrerpolicy="no-referrer" '
        f'style="width:100%;height:{height}px;border:1px solid #e2e8f0;border-radius:4px" '
        f'title="{html.escape(as_text(kw.get("title", "mediation-kg")), quote=True)}" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe></div>'
    )
