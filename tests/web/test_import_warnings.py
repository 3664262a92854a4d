"""The import preview shows what the file would silently get wrong: text after a closing brace."""

from __future__ import annotations

from tests.web.test_question_import import _upload

LEAKY = "::Capital:: Which city? {=Berlin ~Kyiv}\n\n// the explanation, misplaced\n::Meeting::The meeting was in {=Berlin}####The first sentence says so.\n"


def test_the_preview_warns_about_general_feedback_after_the_brace_with_its_line(app, teacher_client, mini_bank):
    preview = _upload(teacher_client, LEAKY.encode())
    assert preview.status_code == 200
    assert "Warning, line 4: the text after the closing brace (&#39;####The first sentence says so.&#39;)" in preview.text
    assert "shown to students as part of the question" in preview.text
    assert "move &#39;####…&#39; inside the braces" in preview.text
    assert preview.text.count("Warning, line") == 1  # the well-formed question gets none


def test_the_cli_preview_prints_the_warning_too(app, tmp_path, mini_bank):
    path = tmp_path / "leaky.gift.txt"
    path.write_text(LEAKY)
    result = app.test_cli_runner().invoke(args=["banks", "import", str(path), "--bank", "mini"])
    assert "Warning, line 4: the text after the closing brace" in result.output
