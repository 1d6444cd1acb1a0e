"""A build without validation streams: each authoring file is read twice (once to know every item,
then to translate it) and its quads go straight to the store. It must give exactly what the
all-in-memory ingest gives, report the same problems, and leave the store alone when it fails."""

from __future__ import annotations

import pytest
from kgtest import BROKEN, run_kg, seed_store_copy, seed_store_dir, tree_digest  # noqa: F401  (fixtures)

from kg.authoring.ingest import ingest
from kg.authoring.yamlreader import YList, YMap, load_yaml
from kg.build import build
from kg.data import seed_path
from kg.errors import InputErrors
from kg.synth import write_yaml


def streamed(paths):
    data = ingest(paths, stream=True)
    quads = [q for batch in data.batches() for q in batch]
    return data, quads


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    write_yaml(out, 1500, 7, per_file=500)  # several files that refer to each other's items
    return out


@pytest.mark.parametrize("which", ["seed", pytest.param("synth", marks=pytest.mark.slow)])  # 1,500 events
def test_streamed_ingest_gives_the_same_quads(which, request):
    paths = [seed_path()] if which == "seed" else [request.getfixturevalue("synth_dir")]
    whole = ingest(paths)
    data, quads = streamed(paths)
    assert len(quads) == data.count == len(whole.quads)
    assert set(quads) == set(whole.quads)
    assert data.graphs == {q[3] for q in whole.quads}
    assert data.origins == whole.origins and whole.origins  # where each item was written, for validation
    assert ingest(paths, stream=True, origins=False).origins is None  # not kept by a build that does not validate


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yaml")), ids=lambda p: p.name)
def test_streamed_ingest_reports_the_same_problems(path):
    def problems(stream):
        with pytest.raises(InputErrors) as e:
            if stream:
                streamed([path])
            else:
                ingest([path])
        return [(x.file, x.line, str(x)) for x in e.value.errors]

    try:
        ingest([path])
    except InputErrors:
        assert problems(True) == problems(False)
    else:  # a problem only the shapes find
        streamed([path])


def test_an_id_taken_in_an_earlier_file_is_reported_once(tmp_path):
    src = "sources:\n  - {id: src, title: T, date: 2026-01-01}\n"
    (tmp_path / "a.yaml").write_text(src + "source: src\nactors:\n  - {id: x, type: state, name: X}\n")
    (tmp_path / "b.yaml").write_text("source: src\nactors:\n  - {id: x, type: person, name: Y}\n")
    with pytest.raises(InputErrors) as e:
        streamed([tmp_path])
    assert [(err.file, err.line) for err in e.value.errors] == [(str(tmp_path / "b.yaml"), 3)]
    assert "first in " + str(tmp_path / "a.yaml") + ":5" in str(e.value.errors[0])


def test_a_failed_streamed_build_leaves_the_store_as_it_was(store, tmp_path):
    before = tree_digest(store)
    bad = tmp_path / "bad.yaml"
    bad.write_text((BROKEN / "unknown-id.yaml").read_text())
    with pytest.raises(InputErrors):
        build([seed_path(), bad], store, validate=False)
    assert tree_digest(store) == before
    proc = run_kg("build", bad, "--store", store, "--no-validate")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and f"{bad}:" in proc.stderr
    assert tree_digest(store) == before


def test_yaml_aliases_are_copies_with_their_anchors_lines():
    doc = load_yaml("a: &x\n  - {k: v}\nb: *x\nc: [*x, *x]\n", "f.yaml")
    assert doc["b"] == doc["a"] and doc["b"] is not doc["a"]
    assert isinstance(doc["c"][0], YList) and isinstance(doc["c"][0][0], YMap)
    # where the anchor and its values are (a scalar on its key's line leaves its line to the mapping)
    assert doc["b"].line == 1 and doc["c"][1][0].line_of("k") == 2 and doc["c"][1][0]["k"].line == 0
    assert doc.line_of("c") == 4
