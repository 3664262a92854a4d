"""Unit tests: plain functions over lectern.core, no app and no database."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_bank: validates the bank shipped in quizzes/ (content, not code)")
