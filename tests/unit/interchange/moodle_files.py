"""Where Moodle's own question files (shared/conformance/moodle) are found for the conformance tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO

MOODLE_FILES = REPO.parent / "shared" / "conformance" / "moodle"


def moodle_file(name: str) -> Path:
    """A file of Moodle's test fixtures, or a skip saying where it was looked for."""
    path = MOODLE_FILES / name
    if not path.is_file():
        pytest.skip(f"Moodle conformance file {name} not found in {MOODLE_FILES} (shared/ sits beside the repo)")
    return path
