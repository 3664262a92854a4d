"""Imported text keeps its visible characters: nothing typed as plain text becomes Markdown.

A prompt written as plain text (GIFT [plain] or Moodle's default auto-format,
Moodle XML plain_text, or HTML whose text is escaped) must show a student exactly
the characters its author typed, once Lectern renders it: no emphasis from
2*3*4, no bold from __init__, no heading, list, quote, link or code.
"""

from __future__ import annotations

import html
import string
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from lectern.core.interchange import parse_gift, parse_moodle_xml
from lectern.core.interchange.gift_text import escape as gift_escape
from lectern.core.interchange.html_text import escape_markdown, looks_like_html, to_markdown
from lectern.rendering import markdown_block


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(markdown: str) -> str:
    """The characters a reader sees once Lectern renders the Markdown, whitespace normalised."""
    parser = _Text()
    parser.feed(str(markdown_block(markdown)))
    parser.close()
    return " ".join("".join(parser.parts).split())


def typed(text: str) -> str:
    return " ".join(text.split())


# Printable text with every character Markdown gives a meaning, and lines that start like blocks.
_CHARS = string.ascii_letters + string.digits + " *_`#[]()<>&\\!-+=.:;'\"~|{}%$@^/?,éß€"
_LINE_STARTS = ["", "  ", "- ", "-", "* ", "+ ", "1. ", "2) ", "# ", "### ", "> ", "---", "===", "```",
                "~~~", "    ", "[x]: http://example.com", "<b>", "&amp; ", "1.", "#"]
line = st.builds(lambda start, rest: start + rest, st.sampled_from(_LINE_STARTS), st.text(_CHARS, max_size=30))
prompts = st.lists(line, min_size=1, max_size=5).map("\n".join).filter(lambda t: t.strip())
SETTINGS = settings(max_examples=150, deadline=None)


def _xml(text: str, fmt: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><quiz><question type="essay"><name><text>t</text></name>'
            f'<questiontext format="{fmt}"><text>{html.escape(text, quote=False)}</text></questiontext>'
            "</question></quiz>").encode()


def _one_prompt(result) -> str:
    assert result.ok and len(result.questions) == 1, (result.problems, result.skipped)
    return result.questions[0].definition.prompt


@SETTINGS
@given(prompts)
def test_a_plain_gift_prompt_shows_what_was_typed(text):
    assert visible(_one_prompt(parse_gift(f"::t::[plain]{gift_escape(text)}{{}}"))) == typed(text)


@SETTINGS
@given(prompts.filter(lambda t: not looks_like_html(t)))
def test_a_gift_prompt_in_moodles_default_format_shows_what_was_typed(text):
    assert visible(_one_prompt(parse_gift(f"::t::{gift_escape(text)}{{}}"))) == typed(text)


@SETTINGS
@given(prompts)
def test_a_moodle_xml_plain_text_prompt_shows_what_was_typed(text):
    assert visible(_one_prompt(parse_moodle_xml(_xml(text, "plain_text")))) == typed(text)


@SETTINGS
@given(prompts)
def test_html_escaped_text_shows_what_was_typed(text):
    # The HTML is escaped once for the HTML and once more for the XML around it.
    assert visible(_one_prompt(parse_moodle_xml(_xml(html.escape(text), "html")))) == typed(text)


def test_the_cases_from_the_issue_render_as_typed():
    for text in ("What is 2*3*4?", "__init__", "snake_case stays readable", "# not a heading",
                 "1. not a list", "[not](a link)", "<b>not bold</b>", "`not code`", "> not a quote"):
        assert visible(to_markdown(text, "plain")) == text
    # Escapes only where needed, so a Markdown export still reads well.
    assert to_markdown("What is 2*3*4?", "plain") == r"What is 2\*3\*4?"
    assert to_markdown("snake_case and a - b, 3.5 > 2", "plain") == "snake_case and a - b, 3.5 > 2"


def test_plain_line_breaks_stay_line_breaks():
    markdown = escape_markdown("first line\nsecond line\n\nnew paragraph")
    assert str(markdown_block(markdown)) == "<p>first line<br>\nsecond line</p>\n<p>new paragraph</p>\n"


def test_html_keeps_its_markup_and_escapes_its_text():
    markdown = to_markdown("<p>Is 2*3 <b>six</b>?<br>Write <code>a*b</code>.</p>", "html")
    assert markdown == "Is 2\\*3 **six**?\\\nWrite `a*b`."
    assert str(markdown_block(markdown)) == "<p>Is 2*3 <strong>six</strong>?<br>\nWrite <code>a*b</code>.</p>\n"


def test_pre_keeps_its_indentation_from_moodle_xml_and_gift():
    code = "def area(r):\n    return 3.14 * r * r"
    from_xml = _one_prompt(parse_moodle_xml(_xml(f"<p>What does this do?</p><pre>{code}</pre>", "html")))
    from_gift = _one_prompt(parse_gift("::t::[html]<p>What does this do?</p><pre>def area(r)\\:\n"
                                       "    return 3.14 * r * r</pre>{}"))
    for prompt in (from_xml, from_gift):
        assert f"```\n{code}\n```" in prompt
        assert "<pre><code>def area(r):\n    return 3.14 * r * r\n</code></pre>" in str(markdown_block(prompt))


def test_moodle_auto_format_keeps_line_breaks_and_allows_html():
    assert to_markdown("one *two*\nthree", "moodle") == "one \\*two\\*\\\nthree"
    assert to_markdown("one <b>two</b>\nthree", "moodle") == "one **two**\\\nthree"


def test_every_gift_format_tag_applies_to_the_question_its_answers_and_feedback():
    plain, markdown, html_tag, moodle = (parse_gift(source).questions[0].definition for source in (
        "::p::[plain]Is 2*3 six?{=*yes*#*right*~no####*because*}",
        "::m::[markdown]Is 2*3* six?{=*yes*#*right*~no####*because*}",
        "::h::[html]Is <i>2*3</i> six?{=<b>yes</b>#<i>right</i>~no####<i>because</i>}",
        "::o::Is 2*3 six?{=*yes*#*right*~no####*because*}",
    ))
    assert (plain.prompt, plain.options[0].text, plain.options[0].feedback, plain.explanation) == (
        "Is 2\\*3 six?", "\\*yes\\*", "\\*right\\*", "\\*because\\*")
    assert (markdown.prompt, markdown.options[0].text, markdown.explanation) == ("Is 2*3* six?", "*yes*", "*because*")
    assert (html_tag.prompt, html_tag.options[0].text, html_tag.options[0].feedback, html_tag.explanation) == (
        "Is *2\\*3* six?", "**yes**", "*right*", "*because*")
    assert moodle.prompt == plain.prompt and moodle.options[0].text == plain.options[0].text
    # An answer's own tag overrides the question's.
    mixed = parse_gift("::x::[plain]Pick {=[markdown]*yes*#[html]<b>ok</b>~no}").questions[0].definition
    assert (mixed.options[0].text, mixed.options[0].feedback) == ("*yes*", "**ok**")
