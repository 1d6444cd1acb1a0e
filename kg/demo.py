"""``kg demo``: build the seed scenario, answer a few competency questions, draw the actors. With
data (``kg demo --with-data``), build a second outlet's account with the seed (kg.data.demo_accounts),
import the shipped excerpts of PA-X and UCDP GED over them (kg.data.demo_excerpts) and set the four
sources' accounts side by side."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# (question, named query, parameters, the columns shown): a few of each query's columns, so that
# the tables fit a terminal; how each row stands is always among them
QUESTIONS = [
    ("Which third parties mediated between Pakistan and Afghanistan, in what, and when?",
     "mediators", {"party1": "pakistan", "party2": "afghanistan"},
     ("mediatorLabel", "what", "date", "status", "accordingTo", "disputedBy")),
    ("Which ceasefires exist between them, who brokered them, and were they breached?",
     "ceasefires", {"party1": "pakistan", "party2": "afghanistan"},
     ("ceasefireLabel", "date", "brokers", "breached", "outcome", "status")),
    ("Where do the casualty claims contradict each other?", "rival-claims", {},
     ("lossesOfLabel", "measure", "claimantALabel", "categoryA", "qualifierA", "figureA", "claimantBLabel", "categoryB",
      "qualifierB", "figureB", "status", "disputedBy")),
    ("Which statements did officials make, with speaker, office and quote (or, without one, summary)?",
     "official-statements", {}, ("date", "speakerLabel", "offices", "quotes", "summary", "status", "accordingTo")),
]

# the same conflict through the seed article, a second outlet, PA-X and UCDP GED (and the sources UCDP cites)
WITH_DATA = [
    ("Who mediated between Pakistan and Afghanistan, and how many independent sources say so?",
     "mediators", {"party1": "pakistan", "party2": "afghanistan"},
     ("mediatorLabel", "what", "date", "status", "accordingTo", "independentSources")),
    ("How do the parties' casualty figures compare with each other's and with UCDP's figure and range?",
     "rival-claims", {},
     ("lossesOfLabel", "measure", "claimantALabel", "qualifierA", "figureA", "claimantBLabel", "qualifierB",
      "figureB", "rangeB", "status")),
    ("Which places did Pakistan strike on 26-27 February, by whose account, and which do two outlets report?",
     "strike-places", {"by": "pakistan", "from": "2026-02-26", "to": "2026-02-27"},
     ("placeLabel", "date", "accordingTo", "status", "independentSources")),
    ("Which Pakistani strikes of 26-27 February does UCDP record too, at the same place on the same days?",
     "matched-strikes", {"by": "pakistan", "from": "2026-02-26", "to": "2026-02-27"},
     ("placeLabel", "date", "accordingTo", "status", "otherPlaceLabel", "otherDate", "otherSourceLabel",
      "otherDeaths")),
]


@dataclass
class Demo:
    store: str
    html: str
    answers: list  # (question, query name, Result)
    imports: list  # the ImportSummary of each excerpt imported (with data), else empty


def run_demo(directory: str | Path = "kg-demo", with_data: bool = False) -> Demo:
    """Build the seed into ``directory``/store, answer the demo's questions and draw the actors in
    ``directory``/graph.html. ``with_data``: build a second outlet's account with the seed and
    import the shipped PA-X and UCDP GED excerpts over them first, and answer the questions that set
    the four sources side by side."""
    from .build import build
    from .data import demo_accounts, demo_excerpts, seed_path
    from .explorer import render_html
    from .importers import import_file
    from .graphs.project import actor_graph
    from .sparql.query import run_named
    from .store import open_store

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    store_path = directory / "store"
    build([seed_path(), demo_accounts()] if with_data else [seed_path()], store_path)
    imports = [import_file(kind, path, store_path) for kind, path in demo_excerpts()] if with_data else []
    answers = []
    with open_store(store_path) as store:
        for question, name, params, columns in (WITH_DATA if with_data else QUESTIONS):
            answers.append((question, name, run_named(store, name, **params).project(columns)))
        html_path = directory / "graph.html"
        render_html(actor_graph(store), html_path, title="Afghanistan–Pakistan, February 2026: actors and relations")
    return Demo(str(store_path), str(html_path), answers, imports)
