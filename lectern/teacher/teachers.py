"""The teachers of this Lectern: an admin sees them and invites new ones by a one-time link."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, session, url_for

from lectern.auth.forms import ConfirmForm, InviteForm
from lectern.extensions import db
from lectern.services import teacher_invites
from lectern.services.teachers import AccountProblem
from lectern.teacher import bp, current_teacher

# The new link waits here between the invite and the page that shows it, then is popped:
# shown once, and only its digest is stored on the server.
NEW_LINK_KEY = "new_invite_link"


def _require_admin() -> None:
    if not current_teacher().is_admin:
        abort(403, description="Only an admin can invite teachers. Ask the person who runs this Lectern.")


@bp.route("/teachers", methods=["GET", "POST"])
def teachers():
    """Every teacher and the open invites; the form makes a new invite and shows its link once."""
    _require_admin()
    form = InviteForm()
    if form.validate_on_submit():
        try:
            new = teacher_invites.create_invite(form.email.data, current_teacher())
        except AccountProblem as e:
            form.email.errors.append(str(e))
        else:
            db.session.commit()
            session[NEW_LINK_KEY] = {"url": url_for("auth.accept_invite", token=new.token, _external=True),
                                     "email": new.invite.email, "expires_at": new.invite.expires_at.isoformat()}
            return redirect(url_for("teacher.teachers"))
    return render_template("teacher/teachers.html", form=form, withdraw_form=ConfirmForm(),
                           new_link=_pop_new_link(), teachers=teacher_invites.all_teachers(),
                           invites=teacher_invites.open_invites(), now=teacher_invites.clock(),
                           invite_days=teacher_invites.INVITE_DAYS), (400 if form.errors else 200)


@bp.post("/teachers/invites/<int:invite_id>/withdraw")
def withdraw_invite(invite_id: int):
    """Withdraw an unused invite: its link stops working at once."""
    _require_admin()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if teacher_invites.withdraw_invite(invite_id):
        db.session.commit()
        flash("The invitation is withdrawn; its link no longer works.", "info")
    else:
        flash("That invitation was already used or withdrawn; nothing changed.", "info")
    return redirect(url_for("teacher.teachers"))


def _pop_new_link() -> dict | None:
    """The link made just before, once (the session keeps it between the POST and this page)."""
    link = session.pop(NEW_LINK_KEY, None)
    if link:
        link["expires_at"] = datetime.fromisoformat(link["expires_at"])
    return link
