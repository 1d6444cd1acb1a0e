"""Print an article with its gold spans marked, for review: [[text|id]] for mentions, {{date|range}}, <<quote|speaker>>."""
import json, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent.parent
for stem in sys.argv[1:]:
    stem = next(p.stem for p in HERE.glob(stem + "*.txt"))
    text = (HERE / f"{stem}.txt").read_text(encoding="utf-8")
    g = json.loads((HERE / f"{stem}.gold.json").read_text(encoding="utf-8"))
    marks = []
    for m in g["mentions"]:
        marks.append((m["start"], 1, "[["), ); marks.append((m["end"], 0, f"|{m['id']}]]"))
    for d in g["dates"]:
        marks.append((d["start"], 1, "{{")); marks.append((d["end"], 0, f"|{d['not_before']}..{d['not_after']}}}}}"))
    for q in g["quotes"]:
        marks.append((q["start"], 2, "<<")); marks.append((q["end"], -1, f"|{q['speaker']}>>"))
    for e in g["events"]:
        marks.append((e["start"], 1, "((")); marks.append((e["end"], 0, f"|EV:{e['type']}))"))
    out = text
    for pos, _, s in sorted(marks, key=lambda m: (m[0], m[1]), reverse=True):
        out = out[:pos] + s + out[pos:]
    print(out)
    for c in g["claims"]:
        print("CLAIM", c)
