"""Where the store is, when the command line does not say: the environment, then a config file.

Precedence, highest first: ``--store`` on the command line; ``$KG_STORE``; the ``[store]`` table of
the config file; ``./kg-store``. The config file is ``$KG_CONFIG`` if set (it must exist), else
``./mediation-kg.toml``, else ``$XDG_CONFIG_HOME/mediation-kg/config.toml`` (``~/.config/...``)::

    [store]
    location = "http://localhost:8890/sparql"   # a directory, or a SPARQL endpoint URL
    update_url = "http://localhost:8890/sparql-auth"          # optional (remote stores)
    graph_store_url = "http://localhost:8890/sparql-graph-crud-auth"  # optional
    timeout = 300                                             # seconds per request; optional
    dataset = "graphs"     # or "server": what a query sees by default (see kg.store.remote); optional

For a remote store, ``$KG_STORE_UPDATE_URL``, ``$KG_STORE_GRAPH_STORE_URL``, ``$KG_STORE_TIMEOUT`` and
``$KG_STORE_DATASET`` override the file. Credentials never go in this file (it tends to be shared or committed): they
come from ``$KG_STORE_USER`` / ``$KG_STORE_PASSWORD`` or a netrc file (see :mod:`kg.store.remote`).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from ..errors import ConfigError

DEFAULT_STORE = "kg-store"
LOCAL_FILE = "mediation-kg.toml"
STORE_KEYS = {"location": str, "update_url": str, "graph_store_url": str, "timeout": (int, float), "dataset": str}
DATASETS = ("server", "graphs")  # see kg.store.remote.RemoteStore.server_dataset
_SECRET_KEYS = {"user", "username", "password", "token", "credentials"}


def config_path() -> Path | None:
    """The config file in use, or None when there is none."""
    explicit = os.environ.get("KG_CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("no such config file (named by $KG_CONFIG)", explicit)
        return path
    local = Path(LOCAL_FILE)
    if local.is_file():
        return local
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "mediation-kg" / "config.toml"
    return home if home.is_file() else None


def store_settings() -> dict:
    """The ``[store]`` table of the config file, checked ({} when there is no file)."""
    path = config_path()
    if path is None:
        return {}
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", str(path)) from None
    except OSError as e:
        raise ConfigError(f"cannot read the config file: {e.strerror}", str(path)) from None
    except RecursionError:  # tomllib recurses into nested arrays and tables
        raise ConfigError("not valid TOML: nested too deeply", str(path)) from None
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        raise ConfigError(f"not valid TOML: {str(e).split(' (at line')[0]}", str(path),
                         int(m.group(1)) if m else None) from None
    table = doc.get("store", {})
    if not isinstance(table, dict):
        raise ConfigError("'store' must be a table: [store]", str(path))
    for key, value in table.items():
        if key in _SECRET_KEYS:
            raise ConfigError(f"[store] {key}: credentials do not belong in a config file; set KG_STORE_USER and "
                             "KG_STORE_PASSWORD, or add a ~/.netrc entry for the server", str(path))
        if key not in STORE_KEYS:
            raise ConfigError(f"[store] {key}: unknown setting (known: {', '.join(STORE_KEYS)})", str(path))
        if not isinstance(value, STORE_KEYS[key]) or isinstance(value, bool) or key == "timeout" and value <= 0:
            raise ConfigError(f"[store] {key}: expected {'a number above 0' if key == 'timeout' else 'a string'}, "
                              f"not {value!r}", str(path))
    if table.get("dataset", DATASETS[0]) not in DATASETS:
        raise ConfigError(f"[store] dataset: {' or '.join(map(repr, DATASETS))}, not {table['dataset']!r}", str(path))
    return table


def store_location(given: str | os.PathLike | None = None) -> str:
    """The store to use: ``given`` (the --store option), else $KG_STORE, else the config file, else ./kg-store."""
    if given:
        return str(given)
    return os.environ.get("KG_STORE") or store_settings().get("location") or DEFAULT_STORE
