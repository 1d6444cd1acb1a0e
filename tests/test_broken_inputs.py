"""Every file in tests/data/broken is a mistake an analyst makes. Its first two lines say what
``kg build`` must report (``# expect: <text>``) and where (``# line: N``, empty when the problem has
no single line). The build must fail with exit code 1, name the file and line, print no
traceback, and leave the existing store byte-for-byte as it was."""

from __future__ import annotations

import pytest
from kgtest import BROKEN, run_kg, seed_store_dir, tree_digest  # noqa: F401  (fixture)

CASES = sorted(p for p in BROKEN.iterdir() if p.is_file())


def expectation(path):
    head = path.read_bytes().decode("utf-8", "replace").splitlines()
    expect = head[0].removeprefix("# expect:").strip()
    line = head[1].removeprefix("# line:").strip()
    return expect, (int(line) if line else None)


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 12


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_broken_file_is_reported_and_store_untouched(path, seed_store_dir):
    before = tree_digest(seed_store_dir)
    proc = run_kg("build", path, "--store", seed_store_dir)
    expect, line = expectation(path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    where = f"{path}:{line}:" if line else f"{path}"
    assert where in proc.stderr, proc.stderr
    assert expect in proc.stderr, proc.stderr
    assert tree_digest(seed_store_dir) == before


@pytest.mark.parametrize("path", [p for p in CASES if p.suffix == ".yaml"][:3], ids=lambda p: p.name)
def test_validate_reports_the_same_problems(path):
    proc = run_kg("validate", path)
    assert proc.returncode == 1 and expectation(path)[0] in proc.stderr


def test_all_problems_are_reported_at_once(tmp_path):
    f = tmp_path / "many.yaml"
    f.write_text((BROKEN / "unknown-id.yaml").read_text().replace("date: 2026-01-02", "date: 2026-13"))
    proc = run_kg("validate", f)
    assert proc.returncode == 1
    assert "2 problems" in proc.stderr and "there is no month 13" in proc.stderr and "pakistn" in proc.stderr


def test_missing_input_is_a_usage_error(tmp_path):
    proc = run_kg("build", tmp_path / "nothing-here.yaml", "--store", tmp_path / "s")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "does not exist" in proc.stderr
