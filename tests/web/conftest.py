"""Fixtures for the web tests beyond the shared ones in tests/conftest.py."""

from __future__ import annotations

import pytest

from tests.web.class_steps import new_class


@pytest.fixture
def klass(app, teacher_client, mini_bank):
    """The teacher's class 7B: (id, join code)."""
    return new_class(teacher_client)
