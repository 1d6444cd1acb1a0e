"""The docs cannot drift from the code: every authoring field and type, every command, every named
query is documented, and the README's example authoring snippet builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg import vocabulary
from kg.authoring.schema import SECTIONS, TYPED
from kg.sparql.named import named_queries

ROOT = Path(__file__).parent.parent
AUTHORING = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("section,field", [(s, f) for s, (_, fields) in SECTIONS.items() for f in fields])
def test_every_field_is_documented(section, field):
    assert f"`{field}`" in AUTHORING, f"{section}.{field} is missing from docs/authoring.md"


@pytest.mark.parametrize("section", sorted(TYPED))
def test_every_type_is_documented(section):
    names = set()
    for base in TYPED[section]:
        names |= set(vocabulary.subclasses(base))
    if section == "events":
        names -= set(vocabulary.subclasses("Statement"))
    missing = [n for n in names if f"`{n}`" not in AUTHORING]
    assert not missing, f"types missing from docs/authoring.md: {missing}"


@pytest.mark.parametrize("cls", ["Measure", "Qualifier", "VerificationStatus", "CasualtyCategory", "Outcome", "Stance"])
def test_every_controlled_value_is_documented(cls):
    missing = [n for n in vocabulary.concepts(cls) if f"`{n}`" not in AUTHORING]
    assert not missing, f"{cls} values missing from docs/authoring.md: {missing}"


def test_every_named_query_is_in_the_readme():
    for name in named_queries():
        assert f"| `{name}` |" in README


def test_readme_opens_with_the_two_commands():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert blocks[0].endswith("kg demo") and "pip install ." in blocks[0]
    assert blocks[1].endswith("python -m pytest") and "'.[test]'" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert blocks[1].replace("python3.11", '"$PY"').replace("pip install", "pip install -q") in ci


def test_readme_authoring_example_builds(tmp_path):
    """The YAML in the README is complete and real: it builds, and answers a named query."""
    from kg.build import build_memory
    from kg.sparql.query import run_named
    snippet = re.search(r"```yaml\n(.*?)\n```", README, re.S).group(1)
    (tmp_path / "example.yaml").write_text(snippet, encoding="utf-8")
    store = build_memory([tmp_path / "example.yaml"])
    mediators = run_named(store, "mediators", party1="pakistan").records()
    assert [(r["mediatorLabel"], r["what"]) for r in mediators] == [("Qatar", "Initial Afghanistan–Pakistan ceasefire")]


def test_security_doc_lists_every_limit_as_the_code_defines_it():
    from kg.limits import markdown_table
    security = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert markdown_table() in security, "docs/security.md: paste kg.limits.markdown_table() between its markers"
