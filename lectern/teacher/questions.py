"""Teacher pages: a bank's questions: writing, editing, versions, previews, retiring."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from lectern.core.images import DEFAULT_MAX_IMAGE_BYTES
from lectern.core.questions import QUESTION_TYPES, TamperedResponse
from lectern.extensions import db
from lectern.models import Bank, Question, QuestionVersion
from lectern.request_input import takes_files
from lectern.services import bank_listing as listing
from lectern.services import question_editing as editing
from lectern.services.bank_access import can_edit, can_manage_owners, can_see
from lectern.services.item_warnings import open_warning_counts, question_warnings
from lectern.services.media import store_images
from lectern.services.question_versions import definition_of
from lectern.student.forms import answer_form, field_name
from lectern.teacher import bp, current_teacher
from lectern.teacher.bank_guard import editable_bank, find_bank, require_editor
from lectern.teacher.class_forms import ConfirmForm
from lectern.teacher.question_forms import FORMS, QuestionForm, question_form

# A preview shows everything a student could ever be shown after submitting.
PREVIEW_SHOWS = SimpleNamespace(correctness=True, right_answers=True, explanations=True)
QUESTION_URL = "/banks/<slug>/questions/<key>"


@bp.get("/banks/<slug>")
def bank(slug: str):
    """A bank: its article, its questions a page at a time (?page=, drafts ?drafts_page=, both searched
    by ?q=, with drafts for those who may see them), its quizzes."""
    bank, teacher = _bank(slug), current_teacher()
    editor, search = can_edit(teacher, bank), request.args.get("q", "")
    drafts, live = (listing.question_page(bank, teacher, editor, drafts=shows_drafts, search=search,
                                          page=listing.page_number(request.args.get(arg)))
                    for shows_drafts, arg in ((True, "drafts_page"), (False, "page")))
    return render_template("teacher/bank.html", bank=bank, drafts=drafts, live=live, search=search.strip(),
                           counts=listing.question_counts(bank, teacher, editor),
                           endpoints=current_app.view_functions,
                           open_warnings=open_warning_counts(bank, drafts.questions),
                           editor=editor, manages_owners=can_manage_owners(teacher, bank),
                           confirm=ConfirmForm(formdata=None))


@bp.url_value_preprocessor
def _image_limits(endpoint: str | None, values: dict[str, Any] | None) -> None:
    # The editor takes a picture of up to LECTERN_MAX_IMAGE_BYTES besides its fields; this runs
    # before CSRFProtect reads the form, so the request limit grows to match before anything is read.
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if endpoint in ("teacher.new_question", "teacher.edit_question") and limit:
        request.max_content_length = limit + _max_image_bytes()


@bp.route("/banks/<slug>/questions/new", methods=["GET", "POST"])
@takes_files
def new_question(slug: str):
    """Pick a type, then write a question of it; saving makes its version 1, as a draft."""
    bank = editable_bank(slug)
    type_name = request.args.get("type")
    if not type_name:
        return render_template("teacher/questions/pick_type.html", bank=bank, types=FORMS)
    form = question_form(_editable(type_name), bank, formdata=_posted())
    _take_image(form)
    if form.validate_on_submit():
        try:
            store_images([form.new_image] if form.new_image else [])
            question = editing.create_question(bank, form.definition, current_teacher())
            db.session.commit()
        except editing.EditConflict:
            flash("Another question took that id a moment ago. Choose another id and save again.", "error")
        else:
            flash(f"Saved the new question {question.key} as a draft. Students see it once you publish it.",
                  "success")
            _flash_open_warnings(bank, form)
            return redirect(url_for("teacher.question", slug=slug, key=question.key))
    return _editor(form, bank, None)


def _take_image(form: QuestionForm) -> None:
    """A picture chosen in the editor goes at the end of the prompt (QuestionForm.take_image). "Add the
    image" keeps the picture at once (the question is not saved); Save keeps it with the question."""
    if request.method != "POST":
        return
    form.take_image(_max_image_bytes())
    if form.new_image is not None and form.add_image.data:
        store_images([form.new_image])
        db.session.commit()


def _max_image_bytes() -> int:
    return int(current_app.config.get("LECTERN_MAX_IMAGE_BYTES") or DEFAULT_MAX_IMAGE_BYTES)


@bp.get(QUESTION_URL)
def question(slug: str, key: str):
    """A question's latest version as the teacher checks it, and the list of its versions."""
    bank, question = _question(slug, key)
    return _version_page(bank, question, question.versions[-1])


@bp.get(QUESTION_URL + "/versions/<int:number>")
def question_version(slug: str, key: str, number: int):
    """One version of a question, as it was written (attempts that showed it still grade by it)."""
    bank, question = _question(slug, key)
    version = next((v for v in question.versions if v.number == number), None)
    if version is None:
        abort(404, description=f"Question {key} has no version {number}.")
    return _version_page(bank, question, version)


@bp.route(QUESTION_URL + "/edit", methods=["GET", "POST"])
@takes_files
def edit_question(slug: str, key: str):
    """Edit a question, starting from its latest version; saving a change adds a new version."""
    bank, question = _question(slug, key)
    require_editor(bank)
    latest = question.versions[-1]
    form = question_form(_editable(latest.type), bank, formdata=_posted(), definition=definition_of(latest), key=key)
    _take_image(form)
    if form.validate_on_submit():
        try:
            store_images([form.new_image] if form.new_image else [])
            version = editing.revise_question(question, form.definition, current_teacher())
            db.session.commit()
        except editing.EditConflict:
            flash("Someone else saved this question a moment ago. Reload it and make your change again.", "error")
        else:
            flash(f"Saved as version {version.number}." if version else
                  "Nothing changed, so no new version was made.", "success")
            _flash_open_warnings(bank, form)
            return redirect(url_for("teacher.question", slug=slug, key=key))
    return _editor(form, bank, question)


@bp.post("/banks/<slug>/questions/checks")
def question_checks(slug: str):
    """The editor's checks panel for the question as typed so far (fetched as the teacher types); nothing is saved."""
    bank = editable_bank(slug)
    key = request.args.get("key") or None
    if key is not None:
        _question(slug, key)
    form = question_form(_editable(request.args.get("type", "")), bank, formdata=request.form, key=key)
    form.validate()
    return render_template("teacher/questions/_item_checks.html", form=form, bank=bank, q=None,
                           warnings=_warnings(bank, form))


@bp.route(QUESTION_URL + "/preview", methods=["GET", "POST"])
def preview_question(slug: str, key: str):
    """The latest version exactly as a student sees it; answering shows it graded. Nothing is stored."""
    bank, question = _question(slug, key)
    definition = definition_of(question.versions[-1])
    form = answer_form([(1, definition)])
    item = None
    try:
        if form.validate_on_submit():
            item = editing.preview_review(definition, definition.response_from_form(form[field_name(1)].data))
    except TamperedResponse:
        abort(400, description="The answer sent does not match this question. Reload the preview and try again.")
    return render_template("teacher/questions/preview.html", bank=bank, question=question, q=definition,
                           form=form, field=form[field_name(1)], item=item, show=PREVIEW_SHOWS)


@bp.post(QUESTION_URL + "/retire")
def retire_question(slug: str, key: str):
    """Leave the question out of new attempts; past attempts keep it."""
    return _set_retired(slug, key, True, "Retired: new attempts leave this question out; past attempts keep it.")


@bp.post(QUESTION_URL + "/restore")
def restore_question(slug: str, key: str):
    """Offer a retired question in new attempts again."""
    return _set_retired(slug, key, False, "Restored: new attempts include this question again.")


def _set_retired(slug: str, key: str, retired: bool, message: str):
    bank, question = _question(slug, key)
    require_editor(bank)
    editing.set_retired(question, retired)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("teacher.question", slug=slug, key=key))


_bank = find_bank


def _question(slug: str, key: str) -> tuple[Bank, Question]:
    """The question, if the teacher may see it: a draft is 404 to those who may not, as if it did not exist."""
    bank = _bank(slug)
    question = editing.question_in(bank, key)
    if question is None or not question.versions or not can_see(current_teacher(), question):
        abort(404, description=f"The bank has no question {key!r}.")
    return bank, question


def _editable(type_name: str) -> str:
    if type_name not in FORMS:
        abort(404, description="There is no editor for that question type; pick one from the list.")
    return type_name


def _posted() -> CombinedMultiDict | None:
    # Only the picture field takes a file: a file sent in any other field's name is not read as its text.
    if request.method != "POST":
        return None
    return CombinedMultiDict([MultiDict([("image", f) for f in request.files.getlist("image")[:1]]), request.form])


def _editor(form: QuestionForm, bank: Bank, question: Question | None):
    if not form.add_image.data:
        form.undo_image()  # a Save or Check that did not save: the picture chosen is not kept either
    return render_template("teacher/questions/edit.html", form=form, bank=bank, question=question,
                           label=QUESTION_TYPES[form.type_name].label, q=None, warnings=_warnings(bank, form))


def _warnings(bank: Bank, form: QuestionForm):
    """The item-writing warnings about the question in the form, None until it is complete enough to check."""
    return question_warnings(bank, form.definition) if form.definition is not None else None


def _flash_open_warnings(bank: Bank, form: QuestionForm) -> None:
    open_ = [w for w in question_warnings(bank, form.definition) if not w.accepted]
    if open_:
        flash(f"{len(open_)} item-writing warning{'' if len(open_) == 1 else 's'} open: see the checks below, "
              "and change the question or keep it on purpose.", "warning")


def _version_page(bank: Bank, question: Question, version: QuestionVersion):
    q = definition_of(version)
    # The checks are about the question as it stands now, so only its latest version shows them.
    warnings = question_warnings(bank, q) if version is question.versions[-1] and not question.retired else None
    return render_template("teacher/questions/detail.html", bank=bank, question=question, version=version,
                           q=q, latest=question.versions[-1], warnings=warnings,
                           editor=can_edit(current_teacher(), bank), confirm=ConfirmForm(formdata=None))
