"""`flask results export`: a class's results for one quiz as CSV, for scripts and gradebook imports."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from lectern.services import classes, results_export

results = AppGroup("results", help="Export a class's results.")

EXPORTS = {"gradebook": results_export.gradebook_csv, "responses": results_export.responses_csv}


@results.command("export")
@click.argument("quiz", metavar="QUIZ")
@click.option("--class", "class_code", required=True, metavar="CODE", help="The class's join code.")
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True,
              help="The file format.")
@click.option("--what", type=click.Choice(list(EXPORTS)), default="gradebook", show_default=True,
              help="One row per student (gradebook) or per student and question (responses).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write to FILE instead of standard output.")
def export(quiz: str, class_code: str, fmt: str, what: str, out: Path | None) -> None:
    """Export the results of QUIZ (bank-slug/quiz-key, or its id) in the class with join code CODE."""
    found = results_export.find_quiz(quiz)
    if found is None:
        raise click.ClickException(f"there is no quiz {quiz!r}; name it as bank-slug/quiz-key "
                                   "(e.g. ukraine-security/full) or by its id")
    classroom = classes.classroom_by_code(class_code)
    if classroom is None:
        raise click.ClickException(f"no class has the join code {class_code!r}; the class page shows it")
    assignment = results_export.assignment_of(classroom, found)
    if assignment is None:
        raise click.ClickException(f"{found.title!r} is not assigned to {classroom.name!r}; "
                                   "assign it on the class page first")
    # Bytes, BOM included, whatever the terminal's encoding: the file must be the same as the download.
    data = EXPORTS[what](assignment).encode("utf-8")
    if out is None:
        click.echo(data, nl=False)  # bytes go to the binary stream untouched
        return
    out.write_bytes(data)
    click.echo(f"wrote {what} of {found.title} in {classroom.name} to {out}", err=True)
