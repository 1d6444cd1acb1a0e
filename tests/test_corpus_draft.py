"""Hostile corpus, part 5: ``kg draft`` (issue 17), and drafted files read back by validate and build.

Each case runs the real ``kg draft`` in a child process under the corpus's 1 GiB address-space limit
(tests/hostile_corpus.py): an article that is not text, empty, too long, built to be slow (one
enormous line, 10,000 quotes), outputs that would overwrite the article, bad option values, a missing
or unreachable store, a pipeline that is not one. A refused run gives its exit code (1 bad data,
2 bad request), a one-line message naming the file (and line), no traceback, and leaves every file as
it was. Articles kg can draft (astral characters, combining marks, bidi controls, HTML) are drafted,
and the draft must be valid YAML whose spans are code-point offsets inside the article, its quotes
at their spans, and its title as given.

The cases need spaCy and its English pipeline (the ``draft`` extra): without them they are skipped,
and fail under KG_STRICT=1 (tests/conftest.py's ``draft_nlp``).
"""

from __future__ import annotations

import os

import pytest
import yaml
from hostile_corpus import Case, check, params, run_cases, selected
from kgtest import seed_store_dir  # noqa: F401  (fixture)

ARTICLE = (
    "Sudan army says drone strike on Kosti market killed 12\n\n"
    "KHARTOUM, Feb 27 - A drone strike on a market in Kosti killed at least 12 civilians on Thursday, "
    "Sudan's army said, blaming the Rapid Support Forces.\n\n"
    "\"This was a deliberate attack on civilians,\" army spokesman Nabil Abdallah said in a statement. "
    "The RSF rejected the claims as false.\n"
)
DATE = ("--date", "2026-02-27")


def draft(id: str, *args, files=None, **kw) -> Case:
    """``kg draft`` on ``args`` with the article at ``a.txt`` unless ``files`` say otherwise."""
    return Case(id, ("draft", *args), files={"a.txt": ARTICLE} if files is None else files, **kw)


def article(name: str, content, **kw) -> Case:
    """``kg draft NAME`` of a hostile article: refused with exit 1 unless said otherwise, -o not written."""
    kw.setdefault("where", (name, None))
    return Case(f"article-{name}", ("draft", name, *DATE, "-o", "out.yaml"), files={name: content}, **kw)


def mappings(value):
    """Every mapping in a parsed YAML document, nested ones included."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from mappings(v)
    elif isinstance(value, list):
        for v in value:
            yield from mappings(v)


def drafted(text: str, *, title: str | None = None):
    """A check for a case that drafts: out.yaml is YAML, every span a pair of offsets inside the
    article with start < end, every quote the article's words at one of its item's spans, every
    drafted item's words recovered by ``text[start:end]``, and the title as given."""
    def check_draft(directory, out):
        data = yaml.safe_load((directory / "out.yaml").read_text(encoding="utf-8"))
        assert data["drafted_from"]["chars"] == len(text)
        marks = [m for m in mappings(data) if isinstance(m.get("draft"), dict)]
        assert marks, "nothing drafted"
        for item in marks:
            spans = item["draft"]["spans"]
            assert all(0 <= a < b <= len(text) for a, b in spans), (item["id"], spans)
            quotes = item.get("quote") or []
            for q in [quotes] if isinstance(quotes, str) else quotes:
                assert any(q in text[a:b] for a, b in spans), (item["id"], q)
        if title is not None:
            assert data["sources"][0]["title"] == title
    return check_draft


def same_bytes(name: str, content: str):
    def check_kept(directory, out):
        assert (directory / name).read_text(encoding="utf-8") == content
    return check_kept


def page_escapes(directory, out):
    page = (directory / "review.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "</script><script>alert" not in page
    assert "&lt;/script&gt;" in page


def ids_fit(directory, out):
    """Every id in out.yaml, and every reference to one, is at most 100 characters (id_chars)."""
    data = yaml.safe_load((directory / "out.yaml").read_text(encoding="utf-8"))
    ids = {m["id"] for m in mappings(data) if m.get("id")}
    assert ids and all(len(i) <= 100 for i in ids), max(ids, key=len)
    assert data["source"] in ids


LONG = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo Lima Mike November Oscar Papa Quebec Romeo"
LONG_NAMES = (f"Fighters of the National Front for the Liberation of {LONG} Provinces (NFLP) attacked Kosti on "
              f"Thursday, killing 12 civilians, the army said. NFLP spokesman Ali {LONG.replace(' ', '')} said "
              "\"we did not attack\".\n")


ASTRAL = ("\U0001F4A5 Sudan's army said on Thursday that \"we struck \U0001D54F\u0301 and e\u0301\u0301\u0301 "
          "\U0001F600 targets\" in Kosti, where at least 12 people were killed.\n" + ARTICLE)
BIDI = ("Sudan\u202e's army\u200f said \u2066\"we struck Kosti\"\u2069 on Thursday, killing 5 people.\u202c\n"
        + ARTICLE)
HTML = ("</script><script>alert(1)</script> <img src=x onerror=alert(2)> Sudan's army said "
        "\"</script><b>bold</b>\" on Thursday.\n" + ARTICLE)
TITLE = "Line one\nkey: value # not a comment\n- [x] \"q\" 's' &a *b !tag %p @r `b` |> ---"
DRAFTED = ("sources:\n  - {id: src, title: T, date: 2026-02-27}\nsource: src\nactors:\n"
           "  - {id: x-state, type: state, name: X, draft: %s}\n")

CASES = [
    draft("control", "a.txt", *DATE, "-o", "out.yaml", exit=0, unchanged=False, check=drafted(ARTICLE)),

    # --- articles that are not text, or not an article ----------------------------------------------
    article("latin-1.txt", "Café strike in Kosti, the army said.\n".encode("latin-1"), where=("latin-1.txt", 1),
            says="UTF-8"),
    article("utf-16.txt", ARTICLE.encode("utf-16"), where=("utf-16.txt", 1), says="UTF-8"),
    article("nul.txt", ARTICLE[:80] + "\0" + ARTICLE[80:], where=("nul.txt", 3), says="NUL"),
    article("binary.bin", bytes(range(256)) * 20, says="UTF-8|NUL"),
    article("empty.txt", "", says="empty"),
    article("whitespace.txt", " \n\t\r\n   \n", says="empty"),
    article("too-long.txt", lambda port: "a" * 200_001, says="too long"),
    article("too-long-bytes.txt", lambda port: "\u00e9" * 200_001, says="too long"),
    Case("article-dev-zero", ("draft", "/dev/zero", *DATE, "-o", "out.yaml"), exit=1, where=("/dev/zero", None),
         says="too long"),
    Case("article-directory", ("draft", "adir", *DATE, "-o", "out.yaml"), exit=2, setup=lambda d: (d / "adir").mkdir(),
         says="directory"),
    Case("article-missing", ("draft", "nothing.txt", *DATE, "-o", "out.yaml"), exit=2, where=("nothing.txt", None)),
    Case("stdin-huge", ("draft", "-", *DATE), stdin=lambda port: b"a" * 900_000, exit=1, says="too long"),
    Case("stdin-empty", ("draft", "-", *DATE), stdin=b"", exit=1, says="empty"),

    # --- articles built to be slow or large: bounded time and memory (the limit is 200,000 characters)
    article("one-line.txt", lambda port: "word " * 39_000, exit=0, unchanged=False, slow=True, timeout=400,
            where=None),
    article("10000-quotes.txt", lambda port: 'He said "yes". ' * 10_000, exit=0, unchanged=False, slow=True,
            timeout=400, where=None),
    article("bare-quotes.txt", lambda port: '"' * 10_000, exit=0, unchanged=False, where=None),
    article("unbalanced.txt", 'The army said "we will fight. The minister said no.\n' * 50, exit=0,
            unchanged=False, where=None),

    # --- text the draft must carry as it is: offsets are code points, the page escapes it ------------
    article("astral.txt", ASTRAL, exit=0, unchanged=False, where=None, check=drafted(ASTRAL)),
    article("bidi.txt", BIDI, exit=0, unchanged=False, where=None, check=drafted(BIDI)),
    article("crlf.txt", ARTICLE.replace("\n", "\r\n"), exit=0, unchanged=False, where=None, check=drafted(ARTICLE)),
    Case("article-html", ("draft", "a.txt", *DATE, "-o", "out.yaml", "--html", "review.html"), files={"a.txt": HTML},
         exit=0, unchanged=False, check=lambda d, o: (drafted(HTML)(d, o), page_escapes(d, o))),
    draft("title-yaml-specials", "a.txt", *DATE, "--title", TITLE, "-o", "out.yaml", exit=0, unchanged=False,
          check=drafted(ARTICLE, title=TITLE)),

    # --- ids the article's words would make too long (a 100-character --publisher and the date too) -----
    draft("ids-too-long", "a.txt", *DATE, "--publisher", "p" * 100, "-o", "out.yaml", files={"a.txt": LONG_NAMES},
          exit=0, unchanged=False, check=lambda d, o: (drafted(LONG_NAMES)(d, o), ids_fit(d, o))),

    # --- outputs: never the article, never each other, never a directory -------------------------
    draft("output-is-article", "a.txt", *DATE, "-o", "a.txt", exit=2, says="article itself",
          check=same_bytes("a.txt", ARTICLE)),
    draft("output-link-to-article", "a.txt", *DATE, "-o", "link.txt", exit=2, says="article itself",
          setup=lambda d: os.symlink("a.txt", d / "link.txt")),
    draft("html-is-article", "a.txt", *DATE, "-o", "out.yaml", "--html", "a.txt", exit=2, says="article itself"),
    draft("html-is-output", "a.txt", *DATE, "-o", "out.yaml", "--html", "out.yaml", exit=2, says="same file"),
    draft("output-directory", "a.txt", *DATE, "-o", "adir", exit=2, says="directory",
          setup=lambda d: (d / "adir").mkdir()),
    draft("html-directory", "a.txt", *DATE, "-o", "out.yaml", "--html", "adir", exit=2, says="directory",
          setup=lambda d: (d / "adir").mkdir()),
    draft("output-missing-folder", "a.txt", *DATE, "-o", "no/out.yaml", exit=2, where=("no/out.yaml", None)),
    draft("output-dev-full", "a.txt", *DATE, "-o", "/dev/full", exit=2, says="no space"),
    draft("output-dev-null", "a.txt", *DATE, "-o", "/dev/null", "--html", "/dev/null", exit=0),

    # --- option values -----------------------------------------------------------------------------
    draft("date-year-0", "a.txt", "--date", "0000-01-01", "-o", "out.yaml", exit=2, says="--date"),
    draft("date-invalid", "a.txt", "--date", "2026-02-30", "-o", "out.yaml", exit=2, says="--date"),
    draft("date-words", "a.txt", "--date", "yesterday", "-o", "out.yaml", exit=2, says="--date"),
    draft("date-far-future", "a.txt", "--date", "9999-12-31", "-o", "out.yaml", exit=0, unchanged=False,
          files={"a.txt": ARTICLE + "The army said it would strike again next year, tomorrow and next month.\n"}),
    draft("date-year-1", "a.txt", "--date", "0001-01-01", "-o", "out.yaml", exit=0, unchanged=False,
          files={"a.txt": ARTICLE + "The army said it struck last year, yesterday and last month.\n"}),
    draft("publisher-not-id", "a.txt", *DATE, "--publisher", "Al Jazeera", "-o", "out.yaml", exit=2, says="id"),
    draft("publisher-newline", "a.txt", *DATE, "--publisher", "al-jazeera\n", "-o", "out.yaml", exit=2, says="id"),
    draft("publisher-too-long", "a.txt", *DATE, "--publisher", "a" * 101, "-o", "out.yaml", exit=2, says="id"),
    draft("publisher-unknown", "a.txt", *DATE, "--publisher", "new-outlet", "-o", "out.yaml", exit=0,
          unchanged=False, check=drafted(ARTICLE)),
    draft("title-too-long", "a.txt", *DATE, "--title", "t" * 100_001, "-o", "out.yaml", exit=2, says="too long"),
    draft("store-missing", "a.txt", *DATE, "--store", "nostore", "-o", "out.yaml", exit=2, says="store"),
    draft("store-is-a-file", "a.txt", *DATE, "--store", "a.txt", "-o", "out.yaml", exit=2, says="store"),
    draft("store-unreachable", "a.txt", *DATE, "--store", "http://127.0.0.1:9/sparql", "-o", "out.yaml",
          exit=2, says="endpoint"),
    draft("model-missing", "a.txt", *DATE, "--model", "no_such_pipeline", "-o", "out.yaml", exit=2,
          says="not installed"),
    draft("model-a-file", "a.txt", *DATE, "--model", "./a.txt", "-o", "out.yaml", exit=2),
    draft("model-not-a-pipeline", "a.txt", *DATE, "--model", "spacy", "-o", "out.yaml", exit=2,
          says="not a spaCy pipeline"),
    draft("model-blank", "a.txt", *DATE, "--model", "blank:en", "-o", "out.yaml", exit=2, says="does not"),

    # --- drafted files edited badly, read back by validate and build ---------------------------------
    Case("validate-draft-confidence", ("validate", "d.yaml", "--include-drafts"),
         files={"d.yaml": DRAFTED % "{confidence: 1.5, spans: [[0, 5]]}"}, where=("d.yaml", 5), says="confidence"),
    Case("validate-draft-span-reversed", ("validate", "d.yaml", "--include-drafts"),
         files={"d.yaml": DRAFTED % "{confidence: 0.5, spans: [[9, 3]]}"}, where=("d.yaml", 5), says="spans"),
    Case("validate-draft-span-negative", ("validate", "d.yaml", "--include-drafts"),
         files={"d.yaml": DRAFTED % "{confidence: 0.5, spans: [[-1, 3]]}"}, where=("d.yaml", 5), says="spans"),
    Case("validate-draft-span-huge", ("validate", "d.yaml", "--include-drafts"),
         files={"d.yaml": DRAFTED % ("{confidence: 0.5, spans: [[0, 1" + "0" * 40 + "]]}")}, where=("d.yaml", 5),
         says="spans"),
    Case("validate-draft-nan", ("validate", "d.yaml", "--include-drafts"),
         files={"d.yaml": DRAFTED % "{confidence: .nan, spans: [[0, 5]]}"}, where=("d.yaml", 5), says="confidence"),
    Case("validate-draft-left", ("validate", "d.yaml"),
         files={"d.yaml": DRAFTED % "{confidence: 0.5, spans: [[0, 5]]}"}, where=("d.yaml", 5), says="draft"),
    Case("build-draft-left", ("build", "d.yaml", "--store", "store"),
         files={"d.yaml": DRAFTED % "{confidence: 0.5, spans: [[0, 5]]}"}, where=("d.yaml", 5), says="draft"),
    Case("build-draft-bad-mark", ("build", "d.yaml", "--store", "store", "--include-drafts"),
         files={"d.yaml": DRAFTED % "{confidence: 0.5, spans: many}"}, where=("d.yaml", 5), says="spans"),
]


@pytest.fixture(scope="module")
def outcomes(request, seed_store_dir, tmp_path_factory):  # noqa: F811
    chosen = selected(request, CASES)
    if any(c.args[0] == "draft" for c in chosen):
        request.getfixturevalue("draft_nlp")  # skips (fails under KG_STRICT=1) without spaCy's pipeline
    return run_cases(chosen, seed_store_dir, tmp_path_factory.mktemp("corpus-draft"))


@pytest.mark.parametrize("case", params(CASES))
def test_draft_refuses_hostile_input(case, outcomes):
    check(case, outcomes[case.id])


def test_draft_from_closed_stdin(tmp_path):
    """``kg draft -`` with standard input closed (``<&-``): a one-line error and exit 2, no traceback."""
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-m", "kg", "draft", "-", *DATE], check=False, cwd=tmp_path,
                          capture_output=True, text=True, preexec_fn=lambda: os.close(0), timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: standard input is closed") and "Traceback" not in proc.stderr
    assert not list(tmp_path.iterdir())
