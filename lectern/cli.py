"""Command-line tools: `flask banks validate|load|report|export|import` over the quizzes/ folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from lectern.core.bank_report import report as bank_report
from lectern.core.banks import SLUG, BankInvalid, bank_folders, read_bank
from lectern.core.banks import Bank as BankFile
from lectern.core.interchange import FORMATS
from lectern.core.item_checks import check_bank
from lectern.extensions import db
from lectern.services.bank_creation import RESERVED_SLUGS
from lectern.services.bank_export import find_bank_file, write_folder
from lectern.services.bank_loading import load_bank
from lectern.services.question_import import (
    EXPORT_FORMATS,
    ImportFailed,
    ImportPreview,
    apply_import,
    find_bank,
    preview_import,
    questions_file,
)
from lectern.services.teachers import AccountProblem, create_teacher, teacher_count

banks = AppGroup("banks", help="Check, load and export question banks (quizzes/<slug>/); import question files.")


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
    """Check banks without writing anything; exit 1 on any problem (item-writing warnings are listed, not failed)."""
    valid, problems = _read_all(_path(path))
    for line in problems:
        click.echo(line, err=True)
    for bank in valid:
        findings = check_bank(bank)
        open_ = [f for f in findings if not f.accepted]
        for finding in open_:
            click.echo(str(finding) if finding.where else f"{bank.slug}: {finding}")
        click.echo(f"ok  {bank.slug}: {len(bank.questions)} questions, {len(bank.quizzes)} quizzes"
                   + (f", {len(open_)} item-writing warning(s) and {len(findings) - len(open_)} accepted"
                      if findings else ""))
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
@click.option("--format", "fmt", type=click.Choice(("folder", *EXPORT_FORMATS)), default="folder",
              show_default=True, help="A bank folder, or the questions alone as a GIFT, Moodle XML or CSV file.")
@click.option("--to", "parent", type=click.Path(file_okay=False, path_type=Path),
              help="Folder format: write to DIR/SLUG/ instead of the quizzes folder.", metavar="DIR")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="GIFT, Moodle XML or CSV: write to FILE instead of standard output.")
def export(slug: str, fmt: str, parent: Path | None, out: Path | None) -> None:
    """Write a bank from the database to quizzes/SLUG/, or its questions as GIFT, Moodle XML or CSV."""
    bank = find_bank_file(slug)
    if bank is None:
        raise click.ClickException(f"there is no bank {slug!r} in the database; "
                                   "check the slug (the dashboard lists every bank)")
    if fmt != "folder":
        if parent is not None:
            raise click.UsageError("--to DIR is for the folder format; give --out FILE for a question file")
        _export_file(bank, fmt, out)
        return
    if out is not None:
        raise click.UsageError("--out FILE is for --format gift, moodle-xml or csv; the folder format takes --to DIR")
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


def _export_file(bank: BankFile, fmt: str, out: Path | None) -> None:
    """The questions as one file, to FILE or standard output (the count goes to stderr, away from the data)."""
    exported = questions_file(bank, fmt)
    if out is None:
        click.echo(exported.content, nl=False)
    else:
        out.write_bytes(exported.content)
    where = f" to {out}" if out is not None else ""
    click.echo(f"{bank.slug}: wrote {len(bank.questions)} questions as {fmt}{where}", err=True)


@banks.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--bank", "slug", required=True, metavar="SLUG",
              help="The bank to add the questions to; a new, article-less bank if there is none.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="The file's format (default: from its content).")
@click.option("--yes", is_flag=True, help="Import without asking (for scripts).")
def import_command(file: Path, slug: str, fmt: str | None, yes: bool) -> None:
    """Import GIFT, Moodle XML, Aiken or CSV questions into a bank: a preview, then all of them or nothing."""
    if not SLUG.match(slug) or slug in RESERVED_SLUGS:
        raise click.UsageError(f"{slug!r} is not a bank address: use lowercase words joined by hyphens, "
                               "e.g. moodle-sample")
    preview = preview_import(file.read_bytes(), slug, fmt)
    _print_preview(preview, file)
    if preview.problems:
        click.echo(f"{len(preview.problems)} problem(s) found; nothing was imported.", err=True)
        raise SystemExit(1)
    if not preview.questions:
        click.echo("The file holds no question Lectern can import; nothing was imported.", err=True)
        raise SystemExit(1)
    count = f"{len(preview.questions)} question" + ("" if len(preview.questions) == 1 else "s")
    if not yes:
        if not _interactive():
            click.echo("Preview only: nothing was imported. Run again with --yes to import.")
            return
        if not click.confirm(f"Import {count} into {slug}?", default=False):
            click.echo("Nothing was imported.")
            return
    try:
        apply_import(preview, find_bank(slug), None, source_name=file.name)
    except ImportFailed as e:
        raise click.ClickException(str(e)) from None
    new = "" if preview.bank_exists else " (a new bank; add its article on the web or in quizzes/)"
    click.echo(f"Imported {count} into {slug}{new} as drafts: students see none of them until a teacher "
               "publishes them on the bank's page.")


def _interactive() -> bool:
    """Whether someone is at the terminal to answer a question (not a script or a pipe)."""
    return sys.stdin.isatty()


def _print_preview(preview: ImportPreview, file: Path) -> None:
    """What the import would do: each question to create, each one skipped and why, each problem with its line."""
    target = slug = preview.bank_slug
    if not preview.bank_exists:
        target = f"a new bank {slug}"
    click.echo(f"{file.name}: {preview.format_name}, {preview.result.summary()}, into {target}")
    for q in preview.questions:
        title = f"  {q.title!r}" if q.title and q.title != q.definition.id else ""
        click.echo(f"  + {q.definition.id}  ({q.definition.type}, line {q.line}){title}")
        for note in q.notes:
            click.echo(f"      note: {note}")
        for finding in preview.warnings_of(q.definition.id):
            about = "" if finding.question_id == q.definition.id else f" (on question {finding.question_id!r})"
            click.echo(f"      {'accepted' if finding.accepted else 'warning'} [{finding.rule}]{about}: {finding.message}")
    for skipped in preview.skipped:
        click.echo(f"  - {skipped}")
    for problem in preview.problems:
        click.echo(f"{file}: {problem}", err=True)


teachers = AppGroup("teachers", help="Teacher accounts.")


@teachers.command("create")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def create_teacher_command(email: str, password_stdin: bool) -> None:
    """Create an admin teacher account (one that may invite others); asks for the password twice unless --password-stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password (at least 8 characters)", hide_input=True, confirmation_prompt=True)
    try:
        teacher = create_teacher(email, password, is_admin=True)  # may invite others from /teacher/teachers
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
    from lectern.results_cli import results  # `flask results …`, kept in its own module
    app.cli.add_command(results)
