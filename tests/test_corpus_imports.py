"""Hostile corpus, part 2: what ``kg import`` reads. ACLED and GDELT exports, plain and zipped,
a team's CSV with its mapping file, and alias files.

Each case imports into a copy of the seed store: a refused file gives exit code 1 and a message
naming the file (and line), the store is untouched, nothing is fetched, memory stays bounded.
The harness is tests/hostile_corpus.py.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile

import pytest
from hostile_corpus import ANY_LINE, Case, check, params, run_cases, selected
from importdata import (
    ACLED_2023,
    acled_csv,
    acled_event,
    border_acled,
    border_gdelt,
    gdelt_line,
)
from kgtest import seed_store_dir  # noqa: F401  (fixture)

ACLED = acled_csv(border_acled()[:2])  # header, then rows on lines 2 and 3
ACLED_HEADER = ",".join(ACLED_2023) + "\n"
GDELT = "".join(border_gdelt()[:3])
MAPPING = "kind: event\ncolumns:\n  type: Type\n  date: Date\n  name: Name\n"
DATA = "Type,Date,Name\nair-strike,2026-02-27,A strike\n"


def acled_row(**fields) -> str:
    """One ACLED data row (a valid one, with ``fields`` changed), as CSV text."""
    return acled_csv([acled_event("AFG79999", "2026-02-27", "Battles", "Armed clash", "Military Forces of "
                                  "Pakistan (2018-)", **fields)]).split("\n", 1)[1]


def imports(kind: str, name: str, content, *, exit=1, line=None, where=None, says=None, extra=(), files=None,
            id=None, slow=False, **kw) -> Case:
    """``kg import KIND NAME --store store [extra]``, refused: the message names ``where`` (NAME by default)."""
    return Case(id or name, ("import", kind, name, "--store", "store", *extra), files={name: content, **(files or {})},
                exit=exit, where=(where or name, line), says=says, slow=slow, **kw)


def mapping(name: str, content, **kw) -> Case:
    """A hostile mapping file with a good CSV: the message names the mapping."""
    return imports("csv", "data.csv", DATA, id=name, where=name, extra=("--mapping", name), files={name: content}, **kw)


def aliases(name: str, content, **kw) -> Case:
    """A hostile alias file with a good ACLED export: the message names the alias file."""
    return imports("acled", "acled.csv", ACLED, id=name, where=name, extra=("--aliases", name), files={name: content},
                   **kw)


def zipped(members: dict, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def patched_zip(flag_bits: int = 0, method: int | None = None, crc: int | None = None) -> bytes:
    """A one-member zip whose local and central headers claim encryption (flag bit 0), another
    compression method, or a wrong CRC."""
    data = bytearray(zipped({"events.CSV": GDELT}))
    for signature, flags_at, method_at, crc_at in ((b"PK\x03\x04", 6, 8, 14), (b"PK\x01\x02", 8, 10, 16)):
        at = data.index(signature)
        flags = struct.unpack_from("<H", data, at + flags_at)[0] | flag_bits
        struct.pack_into("<H", data, at + flags_at, flags)
        if method is not None:
            struct.pack_into("<H", data, at + method_at, method)
        if crc is not None:
            struct.pack_into("<I", data, at + crc_at, crc)
    return bytes(data)


@functools.cache
def zip_bomb(port=None) -> bytes:
    """About 2 MB of zip that expands to 2 GiB of zeros (one member, one 'line')."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("events.CSV", "w", force_zip64=True) as member:
            block = bytes(1 << 20)
            for _ in range(2048):
                member.write(block)
    return buf.getvalue()


def bomb(levels: int) -> str:
    """A flow sequence of nested aliases: ten values, ten of those... ``levels`` deep (10**levels strings)."""
    anchors = ['&a0 ["xxxxxxxx","xxxxxxxx","xxxxxxxx","xxxxxxxx","xxxxxxxx","xxxxxxxx","xxxxxxxx","xxxxxxxx",'
               '"xxxxxxxx","xxxxxxxx"]']
    anchors += [f"&a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "[" + ", ".join(anchors) + "]\n"


def many_bad_rows(n: int):
    def make(port):
        return ACLED_HEADER + acled_row(fatalities="lots") * n
    return make


CASES = [
    # the controls: these import, so each case below tests one thing
    imports("acled", "good-acled.csv", ACLED, exit=0, unchanged=False),
    imports("csv", "good-data.csv", DATA, exit=0, unchanged=False, extra=("--mapping", "map.yaml"),
            files={"map.yaml": MAPPING}),

    # --- ACLED -----------------------------------------------------------------------------------
    imports("acled", "wrong-columns.csv", "a,b,c\n1,2,3\n", line=1),
    imports("acled", "gdelt-as-acled.csv", GDELT, line=1),
    imports("acled", "empty.csv", "", says="empty"),
    imports("acled", "header-only.csv", ACLED_HEADER, exit=(0, 1), unchanged=False),  # nothing to import: no harm
    imports("acled", "unterminated-quote.csv", ACLED + acled_row(notes='x').replace(",x,", ',"x,') * 3, line=4),
    imports("acled", "nul-byte.csv", ACLED + acled_row(notes="a\0b"), exit=(0, 1), unchanged=False),  # text, if odd
    imports("acled", "latin-1.csv", lambda port: (ACLED + acled_row(location="Bāgh-e Café")).encode("utf-8")
            .replace("é".encode(), b"\xe9"), line=4),
    imports("acled", "utf-16.csv", lambda port: ACLED.encode("utf-16"), line=ANY_LINE),
    imports("acled", "huge-field.csv", lambda port: ACLED + acled_row(notes="n" * 200_000), line=4),
    imports("acled", "huge-line.csv", lambda port: ACLED + "x" * 50_000_000, line=4, slow=True),
    imports("acled", "many-columns.csv", lambda port: ACLED + acled_row().rstrip("\n") + "," * 1_000_000 + "\n",
            exit=(0, 1), unchanged=False),
    imports("acled", "bad-fatalities.csv", ACLED + acled_row(fatalities="1e9999"), line=4),
    imports("acled", "negative-fatalities.csv", ACLED + acled_row(fatalities="-5"), line=4),
    imports("acled", "bad-date.csv", ACLED + acled_row().replace("2026-02-27,2026", "0000-00-00,0000"), line=4),
    imports("acled", "nan-coordinates.csv", ACLED + acled_row(lat="nan", lon="inf"), line=4),
    imports("acled", "many-bad-rows.csv", many_bad_rows(200_000), line=ANY_LINE, says=r"200[,. ]?000", slow=True),

    # --- GDELT, plain and zipped -----------------------------------------------------------------
    imports("gdelt", "not-a-zip.zip", "this is not a zip file\n", says="zip"),
    imports("gdelt", "truncated.zip", lambda port: zipped({"events.CSV": GDELT})[:60]),
    imports("gdelt", "empty.zip", lambda port: zipped({})),
    imports("gdelt", "two-members.zip", lambda port: zipped({"a.CSV": GDELT, "b.CSV": GDELT})),
    imports("gdelt", "zip-in-zip.zip", lambda port: zipped({"inner.zip": zipped({"events.CSV": GDELT})}),
            line=ANY_LINE),
    imports("gdelt", "encrypted.zip", lambda port: patched_zip(flag_bits=1)),
    imports("gdelt", "unknown-method.zip", lambda port: patched_zip(method=99)),
    imports("gdelt", "bad-crc.zip", lambda port: patched_zip(crc=0x12345678)),
    imports("gdelt", "latin-1-member.zip", lambda port: zipped({"events.CSV": GDELT.encode() + GDELT.splitlines(True)[0]
            .replace("PAKISTAN", "PAKIST\xc1N").encode("latin-1")}), line=4),
    imports("gdelt", "zip-bomb.zip", zip_bomb, slow=True, timeout=120),
    imports("gdelt", "wrong-column-count.CSV", GDELT + "1\t2\t3\n", line=4),
    imports("gdelt", "empty.CSV", "", exit=(0, 1), unchanged=False),
    imports("gdelt", "bad-goldstein.CSV", GDELT + gdelt_line(1_300_000_000, "20260227", "190", goldstein="1e999"),
            line=4),
    imports("gdelt", "huge-line.CSV", lambda port: GDELT + "x" * 50_000_000, line=4, slow=True),
    imports("gdelt", "source-url-at-listener.CSV",
            GDELT.replace("https://news.example.org/", "http://127.0.0.1:@PORT@/"),
            exit=0, unchanged=False, where=None),  # a URL is data: stored, never fetched

    # --- a team's CSV, through its mapping ---------------------------------------------------------
    mapping("map-latin-1.yaml", lambda port: (MAPPING + "  description: Café\n").encode("latin-1")),
    mapping("map-id-trailing-newline.yaml", MAPPING + 'id_prefix: "evil\\n"\n', line=6),
    imports("csv", "claims.csv", "Claimant,Measure\nPakistan,killed\n", id="map-default-id-newline.yaml",
            where="map-default-id-newline.yaml", line=ANY_LINE, extra=("--mapping", "map-default-id-newline.yaml"),
            files={"map-default-id-newline.yaml": "kind: claim\ncolumns:\n  claimant: Claimant\n  measure: Measure\n"
                   'defaults:\n  qualifier: many\n  about: "february-2026-fighting\\n"\n'}),
    mapping("map-alias-bomb.yaml", lambda port: MAPPING + "  description: " + bomb(10), line=ANY_LINE, timeout=60),
    mapping("map-nested-alias.yaml", lambda port: MAPPING + "x: &d " + "[" * 500 + "]" * 500 + "\ny: *d\n",
            line=ANY_LINE),
    mapping("map-deep.yaml", lambda port: MAPPING + "x: " + "[" * 50_000 + "]" * 50_000 + "\n", line=ANY_LINE),
    mapping("map-python-tag.yaml", MAPPING + 'x: !!python/object/apply:os.system ["touch pwned"]\n', line=6),
    mapping("map-list.yaml", "- kind\n- event\n"),
    mapping("map-empty.yaml", ""),
    mapping("map-unknown-kind.yaml", MAPPING.replace("kind: event", "kind: weather")),
    mapping("map-unknown-field.yaml", MAPPING + "  colour: Colour\n", says="colour"),
    mapping("map-newline-delimiter.yaml", MAPPING + 'delimiter: "\\n"\n', line=6),
    imports("csv", "wrong-columns-for-mapping.csv", "A,B\n1,2\n", extra=("--mapping", "map.yaml"),
            files={"map.yaml": MAPPING}, line=ANY_LINE),
    imports("csv", "latin-1-data.csv", lambda port: (DATA + "air-strike,2026-02-27,Café\n").encode("latin-1"),
            extra=("--mapping", "map.yaml"), files={"map.yaml": MAPPING}, line=3),

    # --- alias files -------------------------------------------------------------------------------
    aliases("aliases-latin-1.yaml", lambda port: "actors:\n  pakistan: {name: Pakistán}\n".encode("latin-1")),
    aliases("aliases-id-trailing-newline.yaml", 'actors:\n  "evil\\n": {type: state, name: Evil}\n', line=2),
    aliases("aliases-parent-newline.yaml",
            'actors:\n  evil: {type: state, name: Evil, affiliated_with: "pakistan\\n"}\n',
            line=2),
    aliases("aliases-bomb.yaml", lambda port: "actors:\n  evil:\n    names: " + bomb(10), line=ANY_LINE, timeout=60),
    aliases("aliases-nested-alias.yaml", lambda port: "x: &d " + "[" * 500 + "]" * 500 + "\nactors: {y: *d}\n",
            line=ANY_LINE),
    aliases("aliases-unknown-field.yaml", "actors:\n  evil: {type: state, colour: red}\n", line=2, says="colour"),
    aliases("aliases-python-tag.yaml", 'actors: !!python/object/apply:os.system ["touch pwned"]\n', line=1),
    aliases("aliases-list.yaml", "- pakistan\n"),
    aliases("aliases-huge-names.yaml", lambda port: "actors:\n  evil: {type: state, names: [" + ", ".join(
        f"n{i}" for i in range(200_000)) + "]}\n", exit=(0, 1), unchanged=False),  # large is allowed, bounded
]


@pytest.fixture(scope="module")
def outcomes(request, seed_store_dir, tmp_path_factory):  # noqa: F811
    return run_cases(selected(request, CASES), seed_store_dir, tmp_path_factory.mktemp("corpus-imports"))


@pytest.mark.parametrize("case", params(CASES))
def test_import_refuses_hostile_input(case, outcomes):
    check(case, outcomes[case.id])
