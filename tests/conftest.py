import os
import shutil

import pytest

_NO_CHROMIUM = "headless Chromium not found: install the Debian package 'chromium'"


@pytest.fixture(scope="session")
def chromium():
    """Path of a Chromium binary; skips (fails when KG_STRICT=1) if there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("KG_STRICT") == "1":
        pytest.fail(_NO_CHROMIUM)
    pytest.skip(_NO_CHROMIUM)
