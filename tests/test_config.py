"""Where the store is when --store is not given: $KG_STORE, then the config file (kg/store/config.py)."""

from __future__ import annotations

import shutil

import pytest
from kgtest import run_kg, seed_store_dir  # noqa: F401 (a fixture)

NO_ENV = {"KG_STORE": "", "KG_CONFIG": ""}


@pytest.fixture
def project(tmp_path, seed_store_dir):
    """A folder with a store in it under a name only the config file knows."""
    shutil.copytree(seed_store_dir, tmp_path / "team-store")
    return tmp_path


def stats(cwd, *args, env=None):
    return run_kg("stats", *args, cwd=cwd, env={**NO_ENV, "XDG_CONFIG_HOME": str(cwd / "xdg"), **(env or {})})


def test_precedence_option_then_environment_then_file(project):
    (project / "mediation-kg.toml").write_text('[store]\nlocation = "team-store"\n', encoding="utf-8")
    assert stats(project).returncode == 0
    missing = stats(project, env={"KG_STORE": "elsewhere"})
    assert missing.returncode == 2 and "no mediation-kg store at elsewhere" in missing.stderr
    assert stats(project, "--store", "team-store", env={"KG_STORE": "elsewhere"}).returncode == 0
    (project / "mediation-kg.toml").unlink()
    default = stats(project)
    assert default.returncode == 2 and "kg-store" in default.stderr


def test_kg_config_and_the_user_config_folder(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("conf") / "kg.toml"
    elsewhere.write_text(f'[store]\nlocation = "{project / "team-store"}"\n', encoding="utf-8")
    assert stats(project, env={"KG_CONFIG": str(elsewhere)}).returncode == 0
    user = project / "xdg" / "mediation-kg" / "config.toml"
    user.parent.mkdir(parents=True)
    shutil.copy(elsewhere, user)
    assert stats(project).returncode == 0
    gone = stats(project, env={"KG_CONFIG": str(project / "nope.toml")})
    assert gone.returncode == 2 and "nope.toml" in gone.stderr and "KG_CONFIG" in gone.stderr


@pytest.mark.parametrize("text,expected", [
    ('[store]\nlocation = "x"\nlocation = "y"\n', "mediation-kg.toml:3: not valid TOML"),
    ('[store]\nlocaton = "x"\n', "[store] locaton: unknown setting"),
    ('[store]\npassword = "hunter2"\n', "credentials do not belong in a config file"),
    ('[store]\ntimeout = "soon"\n', "[store] timeout: expected a number"),
    ('[store]\ntimeout = 0\n', "[store] timeout: expected a number above 0, not 0"),
    ('[store]\ndataset = "all"\n', "[store] dataset: 'server' or 'graphs', not 'all'"),
    ('store = 3\n', "'store' must be a table"),
    (b'[store]\nlocation = "\xff"\n', "not UTF-8 text"),
])
def test_a_bad_config_file_is_named_and_changes_nothing(project, text, expected):
    path = project / "mediation-kg.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    proc = stats(project)
    assert proc.returncode == 2, proc.stderr
    assert expected in proc.stderr and "Traceback" not in proc.stderr
    assert "hunter2" not in proc.stderr
