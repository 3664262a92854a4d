"""The study pages in a real Chromium on a phone: practice with a hint, key terms, Review today, progress.

Practising the article's questions is done from the keyboard only: the name, a wrong first try,
the hint, "Show me the answer". axe-core runs on every page (no serious or critical violation),
no page scrolls sideways at 390 px, and screenshots go to test-artifacts/study-*.png.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_student_journey import MAX_TABS, active, check_axe, shoot

pytestmark = pytest.mark.browser

RUN_URL = re.compile(r"/practice/runs/\d+$")
RESULT_URL = re.compile(r"/practice/runs/\d+\?after=\d+#result$")


def tab_until(page, test: str, what: str) -> dict:
    """Press Tab until `test` (a JS expression of the focused element `el`) holds; its info."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({test}); }}"):
            return active(page)
    raise AssertionError(f"Tab never reached {what} after {MAX_TABS} presses")


def focus_submit(page, value: str) -> None:
    tab_until(page, f"el.type === 'submit' && el.value === {value!r}", f"the {value!r} button")


def assert_fits(page, name: str) -> None:
    """Nothing scrolls sideways on the phone."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, f"the {name} page scrolls sideways: {widths[0]}px in {widths[1]}px"


def look(page, artifacts, name: str) -> None:
    """axe-core, the sideways-scroll check and a full-page screenshot of one page."""
    check_axe(page, name)
    assert_fits(page, name)
    shoot(page, artifacts, "study-" + name.replace(" ", "-"))


def start(page, live_server, name: str, focus: str | None = None) -> None:
    """Give a name on the article's practice page (by mouse) and start practising."""
    page.goto(f"{live_server.url}/practice/{live_server.bank_slug}")
    page.get_by_label("Your name").fill(name)
    if focus:
        page.get_by_label("What to practise").select_option(focus)
    page.get_by_role("button", name="Start practising").click()
    page.wait_for_url(RUN_URL)


def answer_wrongly(page) -> dict:
    """Tab to the question's first control and give a wrong-looking answer from the keyboard."""
    info = tab_until(page, "el.closest('fieldset.question') && el.matches('input, textarea, select')",
                     "the question's answer")
    if info["type"] in ("radio", "checkbox"):
        page.keyboard.press("Space")
        assert active(page)["checked"], "Space did not choose the focused option"
    elif info["tag"] == "SELECT":
        page.keyboard.press("ArrowDown")
    else:
        page.keyboard.type("999999" if info["inputmode"] == "decimal" else "zzz")
    return info


def test_practising_by_keyboard_with_a_hint(phone_page, live_server, artifacts):
    page = phone_page
    page.goto(f"{live_server.url}/practice/{live_server.bank_slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Practise: {live_server.bank_title}")
    focus = page.get_by_label("What to practise")
    expect(focus).to_have_value("all")
    assert "terms" in focus.locator("option").evaluate_all("os => os.map(o => o.value)")
    look(page, artifacts, "start")

    # The name, typed after tabbing to it; Enter starts the practice.
    tab_until(page, "el.name === 'display_name'", "the name field")
    page.keyboard.type("Kim Keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(RUN_URL)
    expect(page.locator("p.meta")).to_contain_text(re.compile(r"Question 1 of \d+"))
    expect(page.locator("fieldset.question")).to_have_count(1)
    expect(page.locator("#hint")).to_have_count(0)
    look(page, artifacts, "question")

    # A wrong first try, checked from the keyboard: the hint comes, with the paragraph to reread.
    answer_wrongly(page)
    focus_submit(page, "Check")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/practice/runs/\d+#hint$"))
    hint = page.locator("section#hint")
    expect(hint).to_be_visible()
    expect(hint.get_by_role("heading", level=2)).to_have_text(
        re.compile(r"^(Not right yet|Partly right): here is a hint$"))
    expect(hint.locator("figure.passage p").first).not_to_be_empty()
    # The hint section (tabindex=-1) is the page's target: it gets focus and is scrolled into view.
    expect(hint).to_be_focused()
    expect(hint).to_be_in_viewport()
    expect(page.locator("fieldset.question")).to_have_count(1)
    expect(page.get_by_role("button", name="Check again")).to_be_visible()
    expect(page.get_by_role("button", name="Show me the answer")).to_be_visible()
    look(page, artifacts, "hint")

    # "Show me the answer", from the keyboard: the result, with the evidence marked in its paragraph.
    focus_submit(page, "Show me the answer")
    page.keyboard.press("Enter")
    page.wait_for_url(RESULT_URL)
    result = page.locator("section#result")
    expect(result).to_be_focused()
    expect(result).to_be_in_viewport()
    expect(result.locator(".credit-line")).to_contain_text(
        re.compile(r"Not right this time: no credit\.|Partly right: \d+% of the credit\."))
    expect(result.locator("dl.answers dt", has_text="Right answer")).to_have_count(1)
    expect(result.locator("dl.answers dt", has_text="Why")).to_have_count(1)
    expect(result.locator("blockquote.evidence").first).to_be_visible()
    mark = result.locator("figure.passage mark").first
    expect(mark).to_be_visible()
    expect(mark).not_to_be_empty()
    next_link = result.get_by_role("link", name="Next", exact=True)
    expect(next_link).to_be_visible()
    look(page, artifacts, "result")

    # Next, from the keyboard, brings the second question.
    next_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(RUN_URL)
    expect(page.locator("p.meta")).to_contain_text(re.compile(r"Question 2 of \d+"))


def test_key_term_card(phone_page, live_server, artifacts):
    if not live_server.has_key_terms:
        pytest.skip("the bank has no key terms")
    page = phone_page
    start(page, live_server, "Tess Terms", focus="terms")
    legend = page.locator("fieldset.question legend")
    expect(legend).to_contain_text(re.compile(r"What does “.+” mean in this sentence\?"))
    expect(page.locator("blockquote.term-sentence strong")).not_to_be_empty()
    choices = page.locator("input[type=radio][name=term_answer]")
    expect(choices).to_have_count(4)
    look(page, artifacts, "term")

    choices.first.check()
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_url(RESULT_URL)
    result = page.locator("section#result")
    expect(result.locator(".verdict .badge")).to_have_text(re.compile(r"^(Right|Not this time)$"))
    expect(result.locator("dl.answers dd").first).not_to_be_empty()
    expect(result.get_by_role("link", name="Next", exact=True)).to_be_visible()
    look(page, artifacts, "term result")


def test_review_today_and_progress(phone_page, live_server, artifacts):
    page = phone_page
    # Some work on the article first: a question, right at the first try.
    start(page, live_server, "Rae Review")
    page.locator("fieldset.question input[type=text]").first.fill("Berlin")
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_url(RESULT_URL)

    # The home page says what is due; the article's key terms are new cards now.
    page.goto(live_server.url + "/")
    expect(page.locator(".review-today")).to_contain_text(re.compile(r"Review today: \d+ cards? due"))
    expect(page.locator(".review-today").get_by_role("link", name="Review now")).to_be_visible()
    assert_fits(page, "home")

    page.get_by_role("link", name="Review now").click()
    page.wait_for_url(re.compile(r"/review$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Review today")
    look(page, artifacts, "review")
    start_reviewing = page.get_by_role("button", name="Start reviewing")
    if start_reviewing.count():
        start_reviewing.click()
        page.wait_for_url(RUN_URL)
        expect(page.locator("p.meta")).to_contain_text(re.compile(r"Card 1 of \d+"))
        expect(page.locator("fieldset.question")).to_have_count(1)
        look(page, artifacts, "review card")

    page.goto(live_server.url + "/progress")
    mastery = page.locator("section[aria-labelledby=mastery-h]")
    expect(mastery.get_by_role("heading", level=2)).to_have_text("What you know of each article")
    card = mastery.locator("article.mastery-card").filter(
        has=page.get_by_role("heading", level=3, name=live_server.bank_title))
    expect(card.locator("table.mastery caption", has_text="By reading skill")).to_have_count(1)
    expect(card.locator("table.mastery caption", has_text="By paragraph")).to_have_count(1)
    look(page, artifacts, "progress")


def test_practising_one_quiz_start_page(phone_page, live_server, artifacts):
    page = phone_page
    page.goto(f"{live_server.url}/practice/{live_server.bank_slug}/full")
    expect(page.get_by_role("heading", level=1)).to_have_text("Practise: Full comprehension check")
    expect(page.get_by_label("What to practise")).to_have_count(0)
    look(page, artifacts, "quiz start")
    page.get_by_label("Your name").fill("Quinn Quiz")
    page.get_by_role("button", name="Start practising").click()
    page.wait_for_url(RUN_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice: Full comprehension check")
    expect(page.locator("fieldset.question")).to_have_count(1)
