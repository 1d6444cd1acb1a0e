"""How well and how fast `kg draft` drafts: precision and recall per kind on the held-out test set
(tests/data/draft: 12 made-up articles with their keys), and the time to draft a 1,000-word article,
model loading included. Writes its section of docs/benchmarks.md.

    python bench/draft.py [--out docs/benchmarks.md] [--repeat 3]
    python bench/draft.py --set NAME [--show]

``--set NAME`` scores one development set of SETS (made-up articles of the same layout, written to be
tuned on: tests/data/draft-dev, the sets for events tests/data/draft-dev-events to -6 and those for
casualty claims tests/data/draft-dev-claims to -5, and four blind sets, tests/data/draft-dev-blind-a
to -d, annotated by analysts who had not read the drafter) and writes nothing; ``--show`` prints, for the
development sets only, every item the draft and the key disagree on. The test set is scored as totals
and per-article F1 only.

The drafter was developed on the seed article and those development sets; the test set is scored
here and never tuned on.
Each article is drafted with the seed's reference data in a store (kg/data/seed/reference.yaml),
given its publication date, publisher and headline from its header. What is scored, against the
keys (the README of tests/data/draft says how they were made):

- quote spans: exact (start, end); speaker → actor: of the quotes found, those whose speaker is the
  key's (or one of the key's speakers), or speaks for it (the drafted statement's ``on_behalf_of``:
  the key gives the actor whose words they are, "even if a spokesperson relays them", where the draft
  names the spokesperson and whom they speak for);
- casualty claims: the claims of losses of people (killed, wounded, captured, missing, bodies taken; a key's
  material losses, tanks or drones, are not scored), (claimant, measure, figure, qualifier) all equal, the claimant matched the same way,
  and in a joint statement any of its speakers (the key's ``claimant`` is empty there);
- the rows "(speaker only)" and "(claimant only)" score the same without those two allowances;
- date expressions: the exact span, and the same earliest and latest day (kg.authoring.dates);
- actor mentions: the exact span and the same actor or place (line 2, the dateline, is metadata);
- typed events: the same type (one of them, for a key event of several), overlapping dates, and a shared
  place when the key names places; each drafted event counts for one key event at most, by a largest
  matching (not in the order of the key).

An id the store does not hold is the drafter's own making: it counts as the key's item when it is
the key's id or the kebab-case of the key item's name or of one of its aliases, or when most of the
drafted id's mentions overlap the key's mentions of that item (the usual alignment of new entities,
whose ids no drafter can guess: "colombia-army" for the key's "colombian-army"). Only new ids are
aligned so: a known id resolved to the wrong item stays wrong.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import write_section
from kg.authoring.dates import parse_date
from kg.draft.actors import slug
from kg.draft.nlp import load_nlp
from kg.draft.pipeline import analyse

SETS = {"test": ROOT / "tests" / "data" / "draft", "dev": ROOT / "tests" / "data" / "draft-dev",
        "dev-events": ROOT / "tests" / "data" / "draft-dev-events",
        "dev-events-2": ROOT / "tests" / "data" / "draft-dev-events-2",
        "dev-events-3": ROOT / "tests" / "data" / "draft-dev-events-3",
        "dev-events-4": ROOT / "tests" / "data" / "draft-dev-events-4",
        "dev-events-5": ROOT / "tests" / "data" / "draft-dev-events-5",
        "dev-events-6": ROOT / "tests" / "data" / "draft-dev-events-6",
        "dev-claims": ROOT / "tests" / "data" / "draft-dev-claims",
        "dev-claims-2": ROOT / "tests" / "data" / "draft-dev-claims-2",
        "dev-claims-3": ROOT / "tests" / "data" / "draft-dev-claims-3",
        "dev-claims-4": ROOT / "tests" / "data" / "draft-dev-claims-4",
        "dev-claims-5": ROOT / "tests" / "data" / "draft-dev-claims-5",
        "dev-blind-a": ROOT / "tests" / "data" / "draft-dev-blind-a",
        "dev-blind-b": ROOT / "tests" / "data" / "draft-dev-blind-b",
        "dev-blind-c": ROOT / "tests" / "data" / "draft-dev-blind-c",
        "dev-blind-d": ROOT / "tests" / "data" / "draft-dev-blind-d"}
CASUALTIES = {"killed", "wounded", "captured", "missing-in-action", "bodies-taken"}  # what "casualty claims" scores
DATA = SETS["test"]
START, END = "<!-- draft:start -->", "<!-- draft:end -->"
GOALS = {"quote spans": "P ≥ 0.95, R ≥ 0.90", "speaker → actor": "≥ 0.85", "casualty claims": "F1 ≥ 0.80",
         "speaker → actor (speaker only)": "(≥ 0.85)", "casualty claims (claimant only)": "(F1 ≥ 0.80)",
         "date expressions → exact ranges": "≥ 0.85", "actor mentions → ids": "F1 ≥ 0.85", "typed events": "F1 ≥ 0.60"}


def bounds(expression: str):
    try:
        d = parse_date(expression)
    except Exception:  # noqa: BLE001 - a drafted expression the date module refuses scores as wrong
        return None
    return (str(d.not_before) if d.not_before else None, str(d.not_after) if d.not_after else None)


class Same:
    """Whether a drafted id stands for a key's id (see the module's docstring)."""

    def __init__(self, gold_yaml: dict):
        self.aligned: dict[str, str] = {}  # a new drafted id -> the key's id its mentions mostly overlap
        self.claimants: dict[str, list] = {}  # claim id -> the speakers of the statement it is nested in
        for st in gold_yaml.get("statements") or []:
            speakers = st.get("speaker") if isinstance(st.get("speaker"), list) else [st.get("speaker")]
            for c in st.get("claims") or []:
                self.claimants[c["id"]] = [c["claimant"]] if c.get("claimant") else speakers
        self.names: dict[str, set] = {}
        for section in ("actors", "places"):
            for item in gold_yaml.get(section) or []:
                names = [item.get("name", "")] + list(item.get("aliases") or [])
                self.names[item["id"]] = {item["id"]} | {slug(n) for n in names if n}

    def __call__(self, drafted: str | None, gold: str) -> bool:
        if drafted == gold or drafted in self.names.get(gold, ()):
            return True
        return drafted in self.aligned and self.aligned[drafted] == gold

    def align(self, key: dict, draft) -> None:
        """Align each new id the draft made with the key's id whose mentions most of its mentions
        overlap (ties: the first in the text)."""
        votes: dict[str, Counter] = defaultdict(Counter)
        for m in draft.mentions:
            if not getattr(m, "known", True):
                for g in key["mentions"]:
                    if g["start"] < m.end and m.start < g["end"]:
                        votes[m.id][g["id"]] += 1
        self.aligned = {d: c.most_common(1)[0][0] for d, c in votes.items()}

    def speaks_for(self, drafted: str | None, behalf: str | None, gold: str) -> bool:
        """The drafted speaker is the key's, or speaks for it."""
        return self(drafted, gold) or (behalf is not None and self(behalf, gold))


def behalf_of_claims(draft) -> dict:
    """Drafted claim id -> whom the statement holding it speaks for."""
    out = {}
    for st in (getattr(draft, "mapping", None) or {}).get("statements") or []:
        for c in st.get("claims") or []:
            out[c["id"]] = st.get("on_behalf_of")
    return out


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_article(key: dict, draft, same: Same, header_end: int, show=None) -> dict:
    """Counts per kind; ``show`` (a callable, dev set only) is given each disagreement."""
    show = show or (lambda *a: None)
    same.align(key, draft)
    out = {}
    # quotes and speakers
    gold_q = {(q["start"], q["end"]): q for q in key["quotes"]}
    drafted_q = {(q.start, q.end): q for q in draft.quotes}
    hits = set(gold_q) & set(drafted_q)
    right = strict = 0
    for s in sorted(hits):
        d = drafted_q[s]
        strict += any(same(d.speaker, g) for g in gold_q[s]["speakers"])
        if any(same.speaks_for(d.speaker, getattr(d, "on_behalf_of", None), g) for g in gold_q[s]["speakers"]):
            right += 1
        else:
            show("speaker", gold_q[s]["text"][:50], gold_q[s]["speakers"], d.speaker)
    for s in sorted(set(gold_q) ^ set(drafted_q)):
        show("quote", "missed" if s in gold_q else "extra", s, (gold_q.get(s) or {}).get("text", "")[:50])
    out["quote spans"] = (len(hits), len(drafted_q), len(gold_q))
    out["speaker → actor"] = (right, len(hits))
    out["speaker → actor (speaker only)"] = (strict, len(hits))
    # claims
    behalf = behalf_of_claims(draft)
    gold_c = [(c["claimant"], c["measure"], c["figure"], c["qualifier"], same.claimants.get(c["id"]) or [c["claimant"]])
              for c in key["claims"] if c["measure"] in CASUALTIES]
    drafted_c = [(c.claimant, c.measure, c.figure, c.qualifier, behalf.get(getattr(c, "id", None)))
                 for c in draft.claims if c.measure in CASUALTIES]
    for lenient in (True, False):
        tp, left = 0, list(drafted_c)
        for g in gold_c:
            match = next((d for d in left if d[1:4] == g[1:4] and (
                any(same.speaks_for(d[0], d[4], x) for x in g[4]) if lenient else same(d[0], g[0]))), None)
            if match:
                tp += 1
                left.remove(match)
            elif lenient:
                show("claim", "missed", g[:4])
        for d in left if lenient else []:
            show("claim", "extra", d[:4])
        out["casualty claims" if lenient else "casualty claims (claimant only)"] = (tp, len(drafted_c), len(gold_c))
    # dates
    gold_d = {(d["start"], d["end"]): (d["not_before"], d["not_after"]) for d in key["dates"]}
    drafted_d = {(d.start, d.end): bounds(d.expression) for d in draft.dates if d.start >= header_end}
    tp = sum(1 for s, b in gold_d.items() if drafted_d.get(s) == b)
    out["date expressions → exact ranges"] = (tp, len(drafted_d), len(gold_d))
    # mentions
    gold_m = {(m["start"], m["end"]): m["id"] for m in key["mentions"]}
    drafted_m = {(m.start, m.end): m.id for m in draft.mentions if not (key_line2(key) <= m.start < header_end)}
    tp = sum(1 for s, i in gold_m.items() if s in drafted_m and same(drafted_m[s], i))
    for s in sorted(set(gold_m) | set(drafted_m)):
        if not (s in gold_m and s in drafted_m and same(drafted_m[s], gold_m[s])):
            show("mention", key.get("_text", "")[s[0]:s[1]], gold_m.get(s), drafted_m.get(s))
    out["actor mentions → ids"] = (tp, len(drafted_m), len(gold_m))
    # events
    gold_e = key["events"]
    drafted_e = []
    for e in draft.events:
        places = e.get("places") or []
        drafted_e.append((types_of(e), bounds(str(e["date"])), {places} if isinstance(places, str) else set(places)))
    # a key event of several types ([negotiation-round, mediation]) fits a drafted event of any of them
    fits = [[k for k, d in enumerate(drafted_e) if types_of(g) & d[0] and d[1] and
             overlap(d[1], (g["date_not_before"], g["date_not_after"])) and
             (not g["places"] or any(same(p, gp) for p in d[2] for gp in g["places"]))] for g in gold_e]
    pairs = matching(fits)
    tp = len(pairs)
    for i, g in enumerate(gold_e):
        if i not in pairs:
            show("event", "missed", g["type"], g["date_not_before"], g["places"], g.get("trigger"))
    for k in sorted(set(range(len(drafted_e))) - set(pairs.values())):
        e = draft.events[k]
        show("event", "extra", e["type"], e["date"], e.get("places"),
             [key.get("_text", "")[a:b] for a, b in e.get("draft", {}).get("spans", [])][:3])
    out["typed events"] = (tp, len(drafted_e), len(gold_e))
    return out


def types_of(event: dict) -> set:
    """An event's types: authoring YAML gives one or a list."""
    return set(event["type"]) if isinstance(event["type"], list) else {event["type"]}


def matching(fits: list[list[int]]) -> dict[int, int]:
    """A largest one-to-one matching of key items to drafted ones (``fits[i]``: the drafted items
    that key item ``i`` accepts), by augmenting paths, so that the score does not depend on the order
    of either list."""
    owner: dict[int, int] = {}  # drafted -> key

    def place(i: int, seen: set) -> bool:
        for k in fits[i]:
            if k not in seen:
                seen.add(k)
                if k not in owner or place(owner[k], seen):
                    owner[k] = i
                    return True
        return False

    for i in range(len(fits)):
        place(i, set())
    return {i: k for k, i in owner.items()}


def key_line2(key) -> int:
    return key["_line2"]


def overlap(a, b) -> bool:
    lo_a, hi_a = a[0] or "0000", a[1] or "9999"
    lo_b, hi_b = b[0] or "0000", b[1] or "9999"
    return lo_a <= hi_b and lo_b <= hi_a


def draft_test_set(store, data: Path = DATA, show: bool = False) -> tuple[dict, list]:
    nlp = load_nlp()
    totals: dict[str, list] = {}
    rows = []
    for key_path in sorted(data.glob("*.gold.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        text = (data / key["article"]).read_text(encoding="utf-8")
        key["_text"] = text
        title, dateline = text.split("\n")[:2]
        key["_line2"] = len(title) + 1
        header_end = len(title) + 1 + len(dateline) + 1
        gold_yaml = yaml.safe_load((data / key["yaml"]).read_text(encoding="utf-8"))
        draft = analyse(text, published=dt.date.fromisoformat(key["publication_date"]), publisher=key["publisher"],
                        title=title, store=store, nlp=nlp, file=key["article"])
        name = key_path.name.removesuffix(".gold.json")
        scores = score_article(key, draft, Same(gold_yaml), header_end,
                               show=(lambda *a, n=name: print(n[:2], *a)) if show else None)
        rows.append((key_path.name.removesuffix(".gold.json"), scores))
        for kind, counts in scores.items():
            acc = totals.setdefault(kind, [0] * len(counts))
            for i, n in enumerate(counts):
                acc[i] += n
    return totals, rows


def article_of(words: int) -> str:
    """An article of ``words`` words: test-set bodies one after another, cut at a paragraph."""
    paras = []
    for path in sorted(DATA.glob("*.txt")):
        paras += [p for p in path.read_text(encoding="utf-8").split("\n")[3:] if p.strip()]
    out, n = [], 0
    for p in paras:
        if n >= words:
            break
        out.append(p)
        n += len(p.split())
    return "\n\n".join(out) + "\n"


def time_draft(repeat: int, store_dir: str, tmp: Path) -> tuple[int, list[float]]:
    article = tmp / "article-1000.txt"
    article.write_text(article_of(1000), encoding="utf-8")
    words = len(article.read_text(encoding="utf-8").split())
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "draft", str(article), "--date", "2026-06-01", "--store", store_dir,
                        "-o", str(tmp / "draft.yaml")], check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return words, times


def section(totals: dict, rows: list, words: int, times: list[float]) -> str:
    lines = [START, "## Drafting from an article (`kg draft`), `bench/draft.py`", "",
             ("Scored on the held-out test set (`tests/data/draft`: 12 made-up articles, 4,165 words, with keys "
              "made from hand-written YAML), which the drafter was never tuned on; developed on the seed article "
              f"and the development sets ({', '.join(f'`{p.relative_to(ROOT)}`' for n, p in SETS.items() if n != 'test')}: "
              f"`python bench/draft.py --set {'|'.join(n for n in SETS if n != 'test')}`). Each article drafted with "
              "the seed's reference data in a store. Produced by `python bench/draft.py`. A speaker or claimant counts when it is the key's or "
              "speaks for it (a spokesperson for the army the key names); the rows \"(speaker only)\" and "
              "\"(claimant only)\" do without that. An actor the store does not hold gets an id of the drafter's "
              "making: it counts as the key's when most of its mentions overlap the key's mentions of that actor "
              "(a known id resolved to the wrong actor stays wrong). Casualty claims are losses of people (killed, "
              "wounded, captured, missing, bodies taken): material losses are not scored. Events: the same type, "
              "overlapping dates, a shared place where the key names one, matched one to one."), "",
             "| kind | found | drafted | in the key | precision | recall | F1 / accuracy | goal (issue 17) |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for kind, counts in totals.items():
        if len(counts) == 2:
            right, n = counts
            acc = right / n if n else 0.0
            lines.append(f"| {kind} | {right} | | {n} (quotes found) | | | {acc:.2f} | {GOALS[kind]} |")
        else:
            tp, drafted, gold = counts
            p, r, f = prf(tp, drafted, gold)
            lines.append(f"| {kind} | {tp} | {drafted} | {gold} | {p:.2f} | {r:.2f} | {f:.2f} | {GOALS[kind]} |")
    lines += ["", "Per article (F1, or accuracy for speakers):", "",
              "| article | " + " | ".join(totals) + " |", "|---|" + "---:|" * len(totals)]
    for name, scores in rows:
        cells = []
        for counts in scores.values():
            if len(counts) == 2:
                cells.append(f"{counts[0] / counts[1]:.2f}" if counts[1] else "–")
            else:
                cells.append(f"{prf(*counts)[2]:.2f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", (f"Speed: drafting a {words:,}-word article (`kg draft` in a new process: Python start, spaCy "
                   f"and model loading, the store opened) took {statistics.median(times):.2f} s (median of "
                   f"{len(times)}; {min(times):.2f}–{max(times):.2f} s) on this machine (2 shared cores); goal < 5 s."),
              END]
    return "\n".join(lines) + "\n"


def summary(totals: dict) -> str:
    out = []
    for kind, counts in totals.items():
        if len(counts) == 2:
            out.append(f"{kind}: {counts[0]}/{counts[1]} = {counts[0] / counts[1] if counts[1] else 0:.2f}")
        else:
            p, r, f = prf(*counts)
            out.append(f"{kind}: {counts[0]} of {counts[1]} drafted, {counts[2]} in the key: "
                       f"P {p:.2f} R {r:.2f} F1 {f:.2f}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--set", choices=sorted(SETS), default="test")
    parser.add_argument("--show", action="store_true", help="print every disagreement (development sets only)")
    args = parser.parse_args()
    if args.show and args.set == "test":
        parser.error("--show is for the development set only: the test set is not looked at item by item")
    from kg.build import build
    from kg.store import open_store
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = str(Path(tmp) / "store")
        build([ROOT / "kg" / "data" / "seed" / "reference.yaml"], store_dir)
        with open_store(store_dir) as store:
            totals, rows = draft_test_set(store, SETS[args.set], args.show)
        if args.set != "test":
            print(summary(totals))
            return
        words, times = time_draft(args.repeat, store_dir, Path(tmp))
    text = section(totals, rows, words, times)
    write_section(args.out, START, END, text)
    print(text)


if __name__ == "__main__":
    main()
