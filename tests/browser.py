"""Drive headless Chromium from tests: dump a page's DOM or take a screenshot.

The network is blocked (a proxy that refuses, every host name unresolvable), so a page
that tried to load anything from outside would fail to, and show it.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 60


def _flags(user_data_dir: str, budget_ms: int) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={user_data_dir}",
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--virtual-time-budget={int(budget_ms)}",
    ]


def _url(html_path: str | os.PathLike) -> str:
    return Path(html_path).resolve().as_uri()


def _run(chromium: str, args: list[str], budget_ms: int) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        return subprocess.run(
            [chromium, *_flags(profile, budget_ms), *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )


def dump_dom(chromium: str, html_path: str | os.PathLike, budget_ms: int = 5000) -> str:
    """The page's DOM, serialised after ``budget_ms`` of virtual time."""
    result = _run(chromium, ["--dump-dom", _url(html_path)], budget_ms)
    if result.returncode != 0 or not result.stdout:
        raise RuntimeError(
            f"chromium --dump-dom failed (exit {result.returncode}): {result.stderr[-2000:]}"
        )
    return result.stdout


def screenshot(
    chromium: str,
    html_path: str | os.PathLike,
    png_path: str | os.PathLike,
    budget_ms: int = 5000,
) -> Path:
    """Save a 1200x900 screenshot of the page to ``png_path``."""
    png = Path(png_path).resolve()
    result = _run(
        chromium,
        [f"--screenshot={png}", "--window-size=1200,900", "--hide-scrollbars", _url(html_path)],
        budget_ms,
    )
    if result.returncode != 0 or not png.exists():
        raise RuntimeError(
            f"chromium --screenshot failed (exit {result.returncode}): {result.stderr[-2000:]}"
        )
    return png
