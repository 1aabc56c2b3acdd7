"""The Makefile's promise: `make test` skips the browser tests, and says so, when it cannot install
the browser (no root, no apt-get, or an apt-get that fails: another process holding its lock)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
@pytest.mark.skipif(os.geteuid() != 0, reason="the installing branch is taken as root only")
def test_a_failing_installer_only_skips_the_browser_tests() -> None:
    result = subprocess.run(["make", "-s", "browser", "CHROMIUM=/nonexistent", "APT_GET=false"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "the browser tests will be skipped" in result.stdout
