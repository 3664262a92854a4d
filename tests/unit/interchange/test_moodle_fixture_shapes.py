"""Shapes found in Moodle's own test fixtures that Lectern first read differently from Moodle.

Each snippet is our own, written in the shape of the Moodle fixture named in its test:
a cloze gap whose first answer has a "~" before it (Moodle's parser reads "~?" before every
answer), and a question whose text links or plays a file that is not a picture
(question/format/xml/tests/fixtures/multichoice.xml links @@PLUGINFILE@@/bonjour.mp3),
which Lectern cannot keep and must name rather than drop in silence.
"""

from __future__ import annotations

import base64
import io

from PIL import Image

from lectern.core.interchange import parse_upload
from lectern.core.questions.base import stable_id


def _xml(question: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{question}\n</quiz>\n'.encode()


def _cloze(text: str) -> bytes:
    return _xml(f'<question type="cloze"><name><text>Gaps</text></name>'
                f'<questiontext format="html"><text><![CDATA[{text}]]></text></questiontext></question>')


def _multichoice(text: str, files: str = "") -> bytes:
    return _xml(f"""<question type="multichoice"><name><text>Greeting</text></name>
  <questiontext format="html"><text><![CDATA[{text}]]></text>{files}</questiontext>
  <single>true</single>
  <answer fraction="100" format="html"><text>Welsh</text></answer>
  <answer fraction="0" format="html"><text>Irish</text></answer>
</question>""")


def test_a_tilde_before_a_gaps_first_answer_separates_nothing_as_in_moodle():
    result = parse_upload(_cloze("<p>Rivers of Wales: {1:MULTIRESPONSE:~%50%Taff~%50%Usk~%-100%Thames}; "
                                 "its capital: {2:MC:~=Cardiff#Yes~Swansea#No}</p>"))
    assert result.ok and not result.skipped, result.skipped
    q = result.questions[0].definition
    assert [(a.text, a.credit) for a in q.gaps[0].answers] == [("Taff", 50), ("Usk", 50), ("Thames", -100)]
    assert [(a.text, a.credit, a.feedback) for a in q.gaps[1].answers] == [("Cardiff", 100, "Yes"), ("Swansea", 0, "No")]
    right = {"g1": [stable_id("Taff"), stable_id("Usk")], "g2": stable_id("Cardiff")}
    assert q.grade(right).fraction == 1.0


def test_a_gap_of_a_lone_tilde_still_says_it_has_no_answers():
    result = parse_upload(_cloze("Pick: {1:MC:~}"))
    assert not result.ok and not result.questions and "has no answers" in result.problems[0].message


def test_a_linked_sound_file_is_named_in_the_notes_and_its_words_stay():
    sound = base64.b64encode(b"ID3\x03\x00" + b"\xff\xf2" * 40).decode()
    result = parse_upload(_multichoice(
        '<p><a href="@@PLUGINFILE@@/bore%20da.mp3">Listen to this greeting:</a><br><br>Which language is it?</p>',
        f'<file name="bore da.mp3" encoding="base64">{sound}</file>'))
    assert result.ok
    imported = result.questions[0]
    assert imported.definition.prompt == "Listen to this greeting:\n\nWhich language is it?"
    assert any("bore da.mp3" in note and "pictures only" in note for note in imported.notes), imported.notes
    assert not result.images


def test_sound_and_video_elements_are_named_too():
    result = parse_upload(_multichoice(
        '<p>Listen: <audio controls><source src="@@PLUGINFILE@@/greeting.ogg"></audio> '
        '<video src="https://example.org/clip.mp4"></video> Which language is it?</p>'))
    notes = " | ".join(result.questions[0].notes)
    assert "the sound or video greeting.ogg was left out" in notes
    assert "the video clip.mp4 was left out" in notes


def test_a_link_to_a_picture_that_is_shown_is_no_loss_and_gets_no_note():
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), "green").save(buffer, "PNG")
    png = base64.b64encode(buffer.getvalue()).decode()
    result = parse_upload(_multichoice(
        '<p><a href="@@PLUGINFILE@@/flag.png"><img src="@@PLUGINFILE@@/flag.png" alt="Welsh flag"></a> '
        'Whose flag is it?</p>', f'<file name="flag.png" encoding="base64">{png}</file>'))
    imported = result.questions[0]
    assert imported.definition.prompt.startswith("![Welsh flag](media:")
    assert imported.notes == ()
    assert len(result.images) == 1
