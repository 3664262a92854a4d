"""lectern.core is pure: no web framework, no database, no app services."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

CORE = REPO / "lectern" / "core"
FORBIDDEN = ("flask", "flask_", "sqlalchemy", "lectern.models", "lectern.services",
             "lectern.extensions")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every module the source imports, relative imports resolved against module."""
    package = module if is_package else module.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names.append(target)
            names += [f"{target}.{alias.name}" for alias in node.names]
    return names


def forbidden(name: str) -> bool:
    """flask_* by prefix; the others as the package itself or anything inside it."""
    return any(name.startswith(f) if f.endswith("_") else name == f or name.startswith(f + ".")
               for f in FORBIDDEN)


MODULES = sorted(CORE.rglob("*.py"))


def test_the_scan_finds_the_core():
    names = {module_name(p) for p in MODULES}
    assert {"lectern.core.banks", "lectern.core.questions", "lectern.core.questions.numeric",
            "lectern.core.article_markup"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_nothing_from_the_web_or_database(path):
    names = imported(path.read_text(encoding="utf-8"), module_name(path),
                     path.name == "__init__.py")
    bad = [n for n in names if forbidden(n)]
    assert not bad, f"{path.relative_to(REPO)} imports {bad}"


@pytest.mark.parametrize("source", [
    "import flask",
    "from flask import request",
    "import flask_wtf",
    "from flask_sqlalchemy import SQLAlchemy",
    "import sqlalchemy.orm",
    "from lectern.models import Attempt",
    "from lectern import models",
    "from lectern.services.bank_loading import load_bank",
    "from lectern.extensions import db",
    "from ... import models",
    "from ...services import bank_loading",
    "def f():\n    import flask",
])
def test_the_scan_would_catch_a_forbidden_import(source):
    names = imported(source, "lectern.core.questions.numeric")
    assert any(forbidden(n) for n in names), names


@pytest.mark.parametrize("source", [
    "import wtforms", "from pydantic import BaseModel", "import yaml",
    "from lectern.core.article import find_quote", "from . import base", "import flaskish",
])
def test_the_scan_allows_pure_imports(source):
    assert not any(forbidden(n) for n in imported(source, "lectern.core.questions.numeric"))
