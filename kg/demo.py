"""``kg demo``: build the seed scenario, answer a few competency questions, draw the actors."""

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


@dataclass
class Demo:
    store: str
    html: str
    answers: list  # (question, query name, Result)


def run_demo(directory: str | Path = "kg-demo") -> Demo:
    from .build import build
    from .data import seed_path
    from .explorer import render_html
    from .graphs.project import actor_graph
    from .sparql.query import run_named
    from .store import open_store

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    store_path = directory / "store"
    build([seed_path()], store_path)
    answers = []
    with open_store(store_path) as store:
        for question, name, params, columns in QUESTIONS:
            answers.append((question, name, run_named(store, name, **params).project(columns)))
        html_path = directory / "graph.html"
        render_html(actor_graph(store), html_path, title="Afghanistan–Pakistan, February 2026: actors and relations")
    return Demo(str(store_path), str(html_path), answers)
