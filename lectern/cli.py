"""Command-line tools: `flask banks validate|load|export` over the quizzes/ folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from lectern.core.bank_report import report as bank_report
from lectern.core.banks import BankInvalid, bank_folders, read_bank
from lectern.extensions import db
from lectern.services.bank_export import find_bank_file, write_folder
from lectern.services.bank_loading import load_bank
from lectern.services.teachers import AccountProblem, create_teacher, teacher_count

banks = AppGroup("banks", help="Check and load question banks (quizzes/<slug>/).")


def _read_all(path: Path) -> tuple[list, list[str]]:
    """Every bank under path, and every problem found (as printable lines)."""
    if not path.exists():
        raise click.UsageError(f"{path} does not exist; give a bank folder or a folder of banks")
    folders = bank_folders(path)
    if not folders:
        raise click.UsageError(f"{path} holds no bank (a folder with article.md and questions.yaml)")
    valid, problems = [], []
    for folder in folders:
        try:
            valid.append(read_bank(folder))
        except BankInvalid as e:
            problems.extend(map(str, e.problems))
    return valid, problems


def _path(path: str | None) -> Path:
    return Path(path) if path else Path(current_app.config["QUIZZES_PATH"])


@banks.command("validate")
@click.argument("path", required=False)
def validate(path: str | None) -> None:
    """Check banks without writing anything; exit 1 on any problem."""
    valid, problems = _read_all(_path(path))
    for line in problems:
        click.echo(line, err=True)
    for bank in valid:
        click.echo(f"ok  {bank.slug}: {len(bank.questions)} questions, {len(bank.quizzes)} quizzes")
    if problems:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        raise SystemExit(1)


@banks.command("load")
@click.argument("path", required=False)
def load(path: str | None) -> None:
    """Load or update banks; if any bank has a problem, nothing at all is written."""
    valid, problems = _read_all(_path(path))
    if problems:
        for line in problems:
            click.echo(line, err=True)
        click.echo(f"{len(problems)} problem(s) found; nothing was loaded.", err=True)
        raise SystemExit(1)
    reports = [load_bank(bank) for bank in valid]
    db.session.commit()
    for report in reports:
        click.echo(report.summary())


@banks.command("report")
@click.argument("slug")
def report(slug: str) -> None:
    """Print a bank's coverage and mix, and every quality rule it breaks (exit 1 if any)."""
    folder = Path(slug) if "/" in slug else Path(current_app.config["QUIZZES_PATH"]) / slug
    if not folder.is_dir():
        raise click.UsageError(f"no bank folder {folder}; give a slug under quizzes/ or a path")
    try:
        result = bank_report(read_bank(folder))
    except BankInvalid as e:
        for problem in e.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from None
    for line in result.lines():
        click.echo(line)
    if result.problems:
        raise SystemExit(1)


@banks.command("export")
@click.argument("slug")
@click.option("--to", "parent", type=click.Path(file_okay=False, path_type=Path),
              help="Write to DIR/SLUG/ instead of the quizzes folder.", metavar="DIR")
def export(slug: str, parent: Path | None) -> None:
    """Write a bank from the database to quizzes/SLUG/ (article.md and questions.yaml)."""
    bank = find_bank_file(slug)
    if bank is None:
        raise click.ClickException(f"there is no bank {slug!r} in the database; "
                                   "check the slug (the dashboard lists every bank)")
    paths = write_folder(bank, parent or Path(current_app.config["QUIZZES_PATH"]))
    for path in paths:
        click.echo(f"wrote {path}")
    click.echo(f"{slug}: {len(bank.article.paragraphs)} paragraphs, {len(bank.questions)} questions, "
               f"{len(bank.quizzes)} quizzes")
    # A bank still being written (no questions yet, an imported question without
    # evidence) is exported all the same, so it can be finished by hand; reading the
    # files back says what `banks load` would refuse, with file and line.
    try:
        read_bank(paths[0].parent)
    except BankInvalid as e:
        click.echo("note: `flask banks load` will refuse these files until this is fixed:", err=True)
        for problem in e.problems:
            click.echo(f"  {problem}", err=True)


teachers = AppGroup("teachers", help="Teacher accounts.")


@teachers.command("create")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def create_teacher_command(email: str, password_stdin: bool) -> None:
    """Create a teacher account; asks for the password twice unless --password-stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password (at least 8 characters)", hide_input=True, confirmation_prompt=True)
    try:
        teacher = create_teacher(email, password)
        db.session.commit()
    except AccountProblem as e:
        db.session.rollback()
        raise click.ClickException(str(e)) from None
    click.echo(f"Teacher account created for {teacher.email}. Sign in at /teacher/sign-in.")


@teachers.command("hint")
def hint_command() -> None:
    """Say how to create the first teacher account, if there is none yet."""
    if teacher_count() == 0:
        click.echo("No teacher account yet. Create one (in another terminal, from this folder) with:\n"
                   "    .venv/bin/flask teachers create you@school.org\n"
                   "then sign in at http://127.0.0.1:%s/teacher/sign-in" % (os.environ.get("PORT") or "5000"))


def init_app(app: Flask) -> None:
    app.cli.add_command(banks)
    app.cli.add_command(teachers)
