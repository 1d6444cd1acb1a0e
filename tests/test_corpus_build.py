"""Hostile corpus, part 1: what ``kg build`` reads. Authoring YAML and every RDF format.

Each case builds a hostile file into a copy of the seed store: it must be refused with exit code 1
(bad data), a message naming the file (and the line, where there is one), no traceback or crash,
the store untouched, no connection to the loopback listener the file points at, bounded memory.
The harness is tests/hostile_corpus.py.
"""

from __future__ import annotations

import pytest
from hostile_corpus import ANY_LINE, Case, check, params, run_cases, selected
from kgtest import seed_store_dir  # noqa: F401  (fixture)

from kg.namespaces import GRAPH, ONTOLOGY_GRAPH

# Eight lines that build on their own (checked by the first case); a hostile line appended to them
# is line 9, 10...
BASE = """sources:
  - {id: src, title: Test source, date: 2026-01-01}
source: src
actors:
  - {id: pakistan, type: state, name: Pakistan}
  - {id: afghanistan, type: state, name: Afghanistan}
events:
  - {id: e1, type: air-strike, name: A strike, date: 2026-01-02, attacker: pakistan, target: afghanistan}
"""


def event(fields: str) -> str:
    """BASE plus one event on line 9."""
    return BASE + "  - {id: e2, type: air-strike, name: Another, date: 2026-01-03, " + fields + "}\n"


def build(name: str, content, *, exit=1, line=None, named=True, says=None, slow=False, **kw) -> Case:
    """``kg build NAME --store store`` refused: exit 1, the message names NAME (and ``line``) unless
    ``named`` is false (a file with nothing in it has nothing to point at: ``says`` tells why)."""
    return Case(name, ("build", name, "--store", "store"), files={name: content},
                exit=exit, where=(name, line) if named else None, says=says, slow=slow, **kw)


def nested_alias(depth: int) -> str:
    """A structure ``depth`` deep, then an alias that copies it (RecursionError in a recursive copy)."""
    return "deep: &d " + "[" * depth + "x" + "]" * depth + "\nagain: *d\n"


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ['a0: &a0 ["' + '","'.join("x" * 8 for _ in range(width)) + '"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join(f"*a{i - 1}" for _ in range(width)) + "]")
    return "\n".join(lines) + "\n"


def many_invalid_items(n: int):
    """``n`` events, each lacking its type and name and dated in a 13th month: three values each,
    so the file stays within the YAML reader's value limit and every item is read and refused."""
    def make(port):
        return BASE + "".join(f"  - {{id: bad{i}, date: 2026-13-01}}\n" for i in range(n))
    return make


RDF_XML_HEAD = '<?xml version="1.0"?>\n'
RDF_OPEN = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'


def xml_entities(levels: int = 10, width: int = 10) -> str:
    """The 'billion laughs': a 1 KB file whose nested internal entities expand to gigabytes."""
    ents = ['<!ENTITY e0 "lollollollollol">']
    for i in range(1, levels):
        ents.append(f'<!ENTITY e{i} "' + f"&e{i - 1};" * width + '">')
    return (RDF_XML_HEAD + "<!DOCTYPE rdf:RDF [\n" + "\n".join(ents) + "\n]>\n" + RDF_OPEN
            + f'<rdf:Description rdf:about="http://example.org/x"><ex:p>&e{levels - 1};</ex:p></rdf:Description>\n'
            + "</rdf:RDF>\n")


def xml_external(system_id: str, parameter: bool = False) -> str:
    if parameter:
        dtd = f'<!DOCTYPE rdf:RDF [\n<!ENTITY % ext SYSTEM "{system_id}">\n%ext;\n]>\n'
        use = "x"
    else:
        dtd = f'<!DOCTYPE rdf:RDF [\n<!ENTITY ext SYSTEM "{system_id}">\n]>\n'
        use = "&ext;"
    return (RDF_XML_HEAD + dtd + RDF_OPEN
            + f'<rdf:Description rdf:about="http://example.org/x"><ex:p>{use}</ex:p></rdf:Description>\n</rdf:RDF>\n')


def never_shows(secret: str):
    """A check: ``secret`` (what an external entity would have pulled in) appears in no output."""
    def check(directory, out):
        assert secret not in out.stdout + out.stderr, f"{secret!r} leaked into the output"
    return check


def jsonld_deep(depth: int):
    def make(port):
        return '{"@id": "http://example.org/x", "http://example.org/p": ' + '{"http://example.org/p": ' * depth \
            + '"v"' + "}" * depth + "}\n"
    return make


def jsonld_deep_lists(depth: int):
    def make(port):
        return '{"@id": "http://example.org/x", "http://example.org/p": ' + "[" * depth + '"v"' + "]" * depth + "}\n"
    return make


def big_literal(size: int, fmt: str):
    def make(port):
        value = "a" * size
        if fmt == "nt":
            return f'<http://example.org/x> <http://example.org/p> "{value}" .\n'
        return f'@prefix ex: <http://example.org/> .\nex:x ex:p "{value}" .\n'
    return make


def turtle_deep(depth: int, open_: str, close: str):
    def make(port):
        return ("@prefix ex: <http://example.org/> .\nex:x ex:p " + (open_ + " ex:p ") * depth + "ex:y"
                + (" " + close) * depth + " .\n")
    return make


ONTOLOGY = str(ONTOLOGY_GRAPH)
VOCABULARY = str(GRAPH["vocabulary/acled"])
IMPORT_GRAPH = str(GRAPH["import/0123456789abcdef"])

CASES = [
    Case("base-builds", ("build", "base.yaml", "--store", "store"), files={"base.yaml": BASE}, exit=0,
         unchanged=False, says="built store"),  # the control: BASE alone is fine, so each case below tests one thing

    # --- authoring YAML: syntax and structure -----------------------------------------------------
    build("unclosed-flow.yaml", BASE + "  - {id: e2, type: air-strike, name: [A\n", line=ANY_LINE),
    build("tab-indent.yaml", BASE + "\t- {id: e2}\n", line=9),
    build("bad-indent.yaml", BASE + "   bad: indentation\n  - x\n", line=ANY_LINE),
    build("empty.yaml", "", exit=(1, 2), named=False, says="empty|nothing|no (items|data)"),  # would replace the store with nothing
    build("only-comments.yaml", "# nothing here\n# at all\n", exit=(1, 2), named=False, says="empty|nothing|no (items|data)"),
    build("only-null.yaml", "~\n", exit=(1, 2), named=False),
    build("document-marker-only.yaml", "---\n...\n", exit=(1, 2), named=False),
    build("top-level-list.yaml", "- a\n- b\n"),
    build("top-level-scalar.yaml", "just a sentence\n"),
    build("two-documents.yaml", BASE + "---\nsources: []\n", line=9),
    build("merge-key.yaml", BASE + "  - {<<: {id: x}, id: e2}\n", line=9),
    build("duplicate-key.yaml", BASE + "  - {id: e2, id: e3, type: air-strike, name: X, date: 2026-01-03}\n", line=9),
    build("complex-key.yaml", BASE + "  - {? [a, b] : c, id: e2}\n", line=9),
    build("python-tag.yaml", BASE + '  - !!python/object/apply:os.system ["touch pwned"]\n', line=ANY_LINE),
    build("python-name-tag.yaml", "sources: !!python/name:os.system\n"),
    build("unknown-field.yaml", event("colour: red"), line=9, says="colour"),
    build("unknown-section.yaml", BASE + "weapons:\n  - {id: w1}\n", line=9),
    build("undefined-alias.yaml", BASE + "  - *nothing\n", line=9),
    build("anchor-twice.yaml", BASE + "  - &a {id: e2}\n  - &a {id: e3}\n", line=10),

    # --- authoring YAML: ids --------------------------------------------------------------------
    build("id-trailing-newline.yaml", BASE + '  - {id: "evil\\n", type: air-strike, name: X, date: 2026-01-03}\n',
          line=9, says="id"),
    build("id-inner-newline.yaml", BASE + '  - {id: "ev\\nil", type: air-strike, name: X, date: 2026-01-03}\n', line=9),
    build("id-crlf.yaml", BASE + '  - {id: "evil\\r\\n", type: air-strike, name: X, date: 2026-01-03}\n', line=9),
    build("id-iri-breaker.yaml", BASE + '  - {id: "a>b", type: air-strike, name: X, date: 2026-01-03}\n', line=9),
    build("id-path.yaml", BASE + '  - {id: "../../etc/passwd", type: air-strike, name: X, date: 2026-01-03}\n', line=9),
    build("id-nul.yaml", BASE + '  - {id: "evil\\0", type: air-strike, name: X, date: 2026-01-03}\n', line=9),
    build("ref-trailing-newline.yaml", event('attacker: "pakistan\\n"'), line=9),
    build("source-trailing-newline.yaml", BASE.replace("source: src", 'source: "src\\n"'), line=ANY_LINE),
    build("id-huge.yaml", lambda port: BASE + "  - {id: " + "a" * 10_000_000 + ", type: air-strike, name: X, "
          "date: 2026-01-03}\n", line=9),
    build("unknown-ref-huge.yaml", lambda port: event("attacker: " + "a" * 10_000_000), line=9, slow=True),
    build("id-huge-list.yaml", lambda port: event("parties: [" + ", ".join(f"nobody{i}" for i in range(100_000)) + "]"),
          line=9, slow=True),

    # --- authoring YAML: depth, aliases, size ---------------------------------------------------
    build("nested-alias-500.yaml", lambda port: BASE + "  - {id: e2, type: air-strike, name: X, date: 2026-01-03, "
          "description: &d " + "[" * 500 + "x" + "]" * 500 + "}\n  - {id: e3, description: *d}\n", line=ANY_LINE),
    build("nested-alias-5000.yaml", lambda port: nested_alias(5000), line=ANY_LINE),
    build("deep-flow-50k.yaml", lambda port: "sources: " + "[" * 50_000 + "]" * 50_000 + "\n", line=ANY_LINE),
    build("deep-block.yaml", lambda port: "sources:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)),
          line=ANY_LINE),
    build("alias-bomb-9.yaml", lambda port: billion_laughs(9, 10), line=ANY_LINE, says="too many"),
    build("alias-bomb-maps.yaml", lambda port: "a0: &a0 {" + ", ".join(f"k{i}: v" for i in range(30)) + "}\n"
          + "".join(f"a{i}: &a{i} [" + ",".join(f"*a{i - 1}" for _ in range(30)) + "]\n" for i in range(1, 7)),
          line=ANY_LINE),
    build("alias-self.yaml", "a: &a [*a]\n", line=1),
    build("many-invalid-items.yaml", many_invalid_items(200_000), slow=True, line=ANY_LINE,
          says=r"more|\d{3}[,. ]?\d{3}", timeout=180),  # the first problems, then how many more
    build("huge-quote.yaml", lambda port: event('description: "' + "x" * 20_000_000 + '"'), line=9, slow=True),

    # --- authoring YAML: characters and values --------------------------------------------------
    build("nul-byte.yaml", BASE + "  - {id: e2, name: a\0b}\n", line=ANY_LINE),
    build("latin-1.yaml", lambda port: (BASE + "  - {id: e2, type: air-strike, name: Café, date: 2026-01-03}\n")
          .encode("latin-1")),
    build("utf-16.yaml", lambda port: BASE.encode("utf-16")),
    build("bom-in-middle.yaml", BASE + "\ufeff  - {id: e2}\n", line=ANY_LINE),
    build("escape-in-id.yaml", BASE + '  - {id: "e\\e[2J", type: air-strike, name: X, date: 2026-01-03}\n', line=9),
    build("date-huge-year.yaml", event("date: 99999-01-01").replace("date: 2026-01-03, ", ""), line=9),
    build("date-feb-30.yaml", event("end: 2026-02-30"), line=9, says="not a real date"),
    build("date-huge-text.yaml", lambda port: event("end: " + "2026-" * 200_000), line=9),
    build("figure-huge.yaml", BASE + "claims:\n  - {id: c1, claimant: pakistan, about: e1, measure: killed, "
          "figure: 999999999999999999999999999999999999}\n", line=10),
    build("figure-float-overflow.yaml", BASE + "claims:\n  - {id: c1, claimant: pakistan, about: e1, measure: killed, "
          "figure: 1e999}\n", line=10),
    build("wikidata-injection.yaml", BASE.replace("name: Pakistan}", 'name: Pakistan, wikidata: "Q1> <http://x"}'),
          line=5),
    build("url-injection.yaml",
          BASE.replace("date: 2026-01-01}", 'date: 2026-01-01, url: "http://127.0.0.1:@PORT@/a b\\n<x>"}'),
          line=2),

    # --- authoring YAML: links that refer to themselves ----------------------------------------
    build("triggered-by-itself.yaml", event("triggered_by: e2"), line=9, says="itself|self"),
    build("triggered-itself.yaml", event("triggered: e2"), line=9, says="itself|self"),
    build("part-of-itself.yaml", event("part_of: e2"), line=9, says="itself|self"),
    build("responded-to-itself.yaml", event("responded_to: e2"), line=9, says="itself|self"),

    # --- RDF/XML --------------------------------------------------------------------------------
    build("entities.rdf", lambda port: xml_entities(10, 10)),
    build("entities-wide.rdf", lambda port: xml_entities(5, 1000)),
    build("xxe-file.rdf", xml_external("file:///etc/passwd"), check=never_shows("root:x:0")),
    build("xxe-http.rdf", xml_external("http://127.0.0.1:@PORT@/secret")),
    build("xxe-parameter.rdf", xml_external("http://127.0.0.1:@PORT@/evil.dtd", parameter=True)),
    build("dtd-public.rdf", RDF_XML_HEAD + '<!DOCTYPE rdf:RDF PUBLIC "-//X//Y" "http://127.0.0.1:@PORT@/x.dtd">\n'
          + RDF_OPEN + '<rdf:Description rdf:about="http://example.org/x"><ex:p>x</ex:p></rdf:Description></rdf:RDF>\n',
          exit=(0, 1), unchanged=False),  # nothing to expand: refusing the DTD or ignoring it are both fine
    build("xinclude.rdf", RDF_XML_HEAD + RDF_OPEN.replace(">", ' xmlns:xi="http://www.w3.org/2001/XInclude">', 1)
          + '<rdf:Description rdf:about="http://example.org/x"><ex:p><xi:include href="http://127.0.0.1:@PORT@/x" '
          'parse="text"/></ex:p></rdf:Description>\n</rdf:RDF>\n', exit=(0, 1), unchanged=False),
    build("deep-xml.rdf", lambda port: RDF_XML_HEAD + RDF_OPEN + '<rdf:Description rdf:about="http://example.org/x">'
          + "<ex:p rdf:parseType=\"Resource\">" * 20_000 + "</ex:p>" * 20_000 + "</rdf:Description></rdf:RDF>\n",
          exit=(0, 1), unchanged=False, slow=True),  # legal RDF: built within the bounds, or refused as too deep

    # --- JSON-LD --------------------------------------------------------------------------------
    build("remote-context.jsonld", '{"@context": "http://127.0.0.1:@PORT@/context.jsonld", '
          '"@id": "http://example.org/x", '
          '"name": "x"}\n', says="context"),
    build("remote-context-list.jsonld", '{"@context": [{"ex": "http://example.org/"}, "http://127.0.0.1:@PORT@/c"], '
          '"@id": "ex:x", "ex:p": "x"}\n'),
    build("context-import.jsonld", '{"@context": {"@version": 1.1, "@import": "http://127.0.0.1:@PORT@/c"}, '
          '"@id": "http://example.org/x", "http://example.org/p": "x"}\n'),
    build("scoped-remote-context.jsonld", '{"@context": {"ex": "http://example.org/", "ex:p": {"@context": '
          '"http://127.0.0.1:@PORT@/c"}}, "@id": "ex:x", "ex:p": {"ex:q": "x"}}\n'),
    build("deep-5000.jsonld", jsonld_deep(5000)),
    build("deep-50000.jsonld", jsonld_deep(50_000), slow=True),
    build("deep-lists.jsonld", jsonld_deep_lists(50_000), exit=(0, 1), unchanged=False, slow=True),
    build("not-json.jsonld", '{"@id": "http://example.org/x",\n "http://example.org/p": [1, 2,\n'),
    build("json-huge-number.jsonld", '{"@id": "http://example.org/x", "http://example.org/p": 1e999999999}\n',
          exit=(0, 1), unchanged=False),
    build("ontology-graph.jsonld", '{"@id": "' + ONTOLOGY + '", "@graph": [{"@id": "http://example.org/x", '
          '"http://example.org/p": "x"}]}\n', says="reserved|ontology"),

    # --- Turtle, TriG, N-Triples, N-Quads -------------------------------------------------------
    build("syntax.ttl", "@prefix ex: <http://example.org/> .\nex:x ex:p ex:y .\nex:x ex:p ;\n", line=ANY_LINE),
    build("bad-iri.nt", "<http://example.org/x> <http://example.org/p> <http://a b> .\n", line=1),
    build("bad-escape.nt", '<http://example.org/x> <http://example.org/p> "\\U0011FFFF" .\n', line=1),
    build("nul.nt", '<http://example.org/x> <http://example.org/p> "a\0b" .\n', exit=(0, 1), unchanged=False),
    build("literal-50mb.nt", big_literal(50_000_000, "nt"), slow=True, timeout=180),
    build("literal-50mb.ttl", big_literal(50_000_000, "ttl"), slow=True, timeout=180),
    build("deep-blank-nodes.ttl", turtle_deep(20_000, "[", "]"), exit=(0, 1), unchanged=False, slow=True),
    build("deep-collections.ttl", turtle_deep(20_000, "(", ")"), exit=(0, 1), unchanged=False, slow=True),
    build("ontology-graph.trig", "@prefix ex: <http://example.org/> .\n<" + ONTOLOGY + "> { ex:x ex:p ex:y . }\n",
          says="reserved|ontology"),
    build("ontology-type.trig", "<" + ONTOLOGY + "> { <https://w3id.org/mediation-kg/ontology#Event> "
          "<http://www.w3.org/2000/01/rdf-schema#label> \"Not an event\" . }\n", says="reserved|ontology"),
    build("vocabulary-graph.trig", "<" + VOCABULARY + "> { <http://example.org/x> <http://example.org/p> \"x\" . }\n",
          says="reserved|vocabular"),
    build("import-graph.nq", '<http://example.org/x> <http://example.org/p> "x" <' + IMPORT_GRAPH + "> .\n",
          says="reserved|import"),
    build("ontology-graph.nq", '<http://example.org/x> <http://example.org/p> "x" <' + ONTOLOGY + "> .\n",
          says="reserved|ontology"),
    build("literal-graph.nq", '<http://example.org/x> <http://example.org/p> "x" "g" .\n', line=1),
    build("empty.ttl", "", exit=(1, 2), named=False, says="empty|nothing|no (items|data|triples)"),
    build("remote-base.ttl", "@base <http://127.0.0.1:@PORT@/> .\n<x> <p> <y> .\n", exit=(0, 1), unchanged=False),
    build("latin-1.ttl", lambda port: '@prefix ex: <http://example.org/> .\nex:x ex:p "Café" .\n'.encode("latin-1")),
]


@pytest.fixture(scope="module")
def outcomes(request, seed_store_dir, tmp_path_factory):  # noqa: F811
    return run_cases(selected(request, CASES), seed_store_dir, tmp_path_factory.mktemp("corpus-build"))


@pytest.mark.parametrize("case", params(CASES))
def test_build_refuses_hostile_input(case, outcomes):
    check(case, outcomes[case.id])
