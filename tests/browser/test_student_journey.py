"""A student's journey in a real Chromium: read the article, take a quiz by keyboard, review it.

Also runs axe-core on every page of the journey (no serious or critical violations allowed)
and checks the keyboard basics: the skip link and the key-term definitions. Screenshots of
each page go to test-artifacts/ for a person to look at.

Works with whichever bank the live server loaded (the Berlin bank, or the small test bank
while the Berlin one does not validate): links are found by their text, not by slug.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP

pytestmark = pytest.mark.browser

FIRST_QUIZ = "Full comprehension check"
BLOCKING_IMPACTS = {"serious", "critical"}
MAX_TABS = 400  # a bound on keyboard walks, so a focus trap fails instead of hanging
SCREENSHOT_TIMEOUT = 45_000  # ms: full-page shots of a 50-question review are tall (40,000+ px)

ACTIVE_ELEMENT = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: "BODY"};
  const fieldset = el.closest("fieldset.question");
  const info = {tag: el.tagName, type: el.type || "", id: el.id || "", name: el.name || "",
                inputmode: el.getAttribute("inputmode") || "", checked: !!el.checked,
                question: fieldset ? fieldset.id : "", text: (el.textContent || "").trim()};
  if (fieldset) {
    // The answer's first checkbox: the "Flag to come back to" box is not an answer.
    info.firstCheckbox = fieldset.querySelector("input[type=checkbox]:not([name^=flag])") === el;
    info.groupChecked = el.type === "radio" && !!fieldset.querySelector(`input[name="${el.name}"]:checked`);
    const selects = [...fieldset.querySelectorAll("select")];
    info.selectIndex = selects.indexOf(el);
    info.selectCount = selects.length;
  }
  if (el.tagName === "SELECT") info.options = [...el.options].map(o => o.value);
  return info;
}"""


def active(page) -> dict:
    return page.evaluate(ACTIVE_ELEMENT)


def check_axe(page, name: str) -> None:
    """Run axe-core on the page; fail on any serious or critical violation, listing them all."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {n['target']}: {n.get('failureSummary', '')!s:.300}" for n in v["nodes"][:8])
        for v in blocking
    )
    assert not blocking, f"axe found serious/critical violations on the {name} page:\n{report}"


def wait_visible(locator) -> None:
    """Wait briefly for the locator to be visible."""
    locator.first.wait_for(state="visible")


def shoot(page, artifacts, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=full_page, timeout=SCREENSHOT_TIMEOUT)


def is_ordering(info: dict) -> bool:
    """An ordering question's selects offer the positions 1..n, one per item."""
    positions = [v for v in info["options"] if v]
    return positions == [str(n) for n in range(1, info["selectCount"] + 1)]


def answer_by_keyboard(page) -> set[str]:
    """Walk the attempt form with Tab, answering each control as it gets focus.

    The first radio of a group gets Space, the first checkbox of a question gets Space, text
    inputs and textareas are typed into, selects get option 1 (ordering: distinct positions).
    Returns the ids of the questions touched; stops on the submit button.
    """
    page.get_by_role("link", name=re.compile("open the article in a new tab")).focus()
    touched: set[str] = set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        info = active(page)
        if info["tag"] == "INPUT" and info["type"] == "submit":
            return touched
        if not info.get("question"):
            continue
        touched.add(info["question"])
        if info["type"] == "radio":
            if not info["groupChecked"]:
                page.keyboard.press("Space")
                assert active(page)["checked"], "Space did not check the focused radio"
        elif info["type"] == "checkbox":
            if info["firstCheckbox"] and not info["checked"]:
                page.keyboard.press("Space")
                assert active(page)["checked"], "Space did not tick the focused checkbox"
        elif info["tag"] == "INPUT" and info["type"] == "text":
            page.keyboard.type("800,000" if info["inputmode"] == "decimal" else "Berlin")
        elif info["tag"] == "TEXTAREA":
            page.keyboard.type("The claims rest on unnamed sources, so I would read them with care.")
        elif info["tag"] == "SELECT":
            index = info["selectIndex"] + 1 if is_ordering(info) else 1
            page.locator(f"#{info['id']}").select_option(index=index)
    raise AssertionError(f"Tab never reached the submit button after {MAX_TABS} presses")


def test_student_journey(phone_page, live_server, artifacts):
    page = phone_page

    # Home: the article's bank is listed with its quizzes.
    page.goto(live_server.url + "/")
    bank = page.locator("section.bank").filter(
        has=page.get_by_role("heading", level=2, name=live_server.bank_title))
    wait_visible(bank)
    assert bank.get_by_role("link", name=FIRST_QUIZ, exact=True).count() == 1
    check_axe(page, "home")
    shoot(page, artifacts, "home")

    # The article: numbered paragraphs, each an anchor #p1, #p2… with a link to itself.
    bank.get_by_role("link", name="Read the article").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == live_server.bank_title
    paragraphs = page.locator("ol.paragraphs > li")
    count = paragraphs.count()
    assert count >= 1
    ids = paragraphs.evaluate_all("lis => lis.map(li => [li.id, li.querySelector('a.pnum').getAttribute('href')])")
    assert ids == [[f"p{n}", f"#p{n}"] for n in range(1, count + 1)]
    if count >= 2:
        page.locator("#p2 a.pnum").click()
        assert page.url.endswith("#p2")
        assert page.locator("li:target").get_attribute("id") == "p2"
    check_axe(page, "article")
    shoot(page, artifacts, "article")

    # Back home, then the first quiz.
    page.go_back()  # from #p2 to the article's top (fragment navigations are history entries)
    if "/articles/" in page.url:
        page.go_back()
    assert page.url.rstrip("/") == live_server.url
    page.locator("section.bank").filter(
        has=page.get_by_role("heading", level=2, name=live_server.bank_title)
    ).get_by_role("link", name=FIRST_QUIZ, exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == FIRST_QUIZ

    # Start: type a name and press Enter, as a keyboard user would.
    page.get_by_label("Your name").focus()
    page.keyboard.type("Ada Browser")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    questions = page.locator("fieldset.question")
    n_questions = questions.count()
    assert n_questions >= 1
    assert page.locator("form.attempt input[name=csrf_token]").count() == 1
    check_axe(page, "attempt")

    touched = answer_by_keyboard(page)
    assert touched == set(questions.evaluate_all("fs => fs.map(f => f.id)")), \
        "the keyboard walk did not reach every question"
    # Every question got an answer of some kind before submitting.
    unanswered = questions.evaluate_all("""fs => fs.filter(f => {
        const ticked = f.querySelector('input:checked');
        const typed = [...f.querySelectorAll('input[type=text], textarea')].some(i => i.value.trim());
        const chosen = [...f.querySelectorAll('select')].some(s => s.value);
        return !(ticked || typed || chosen);
    }).map(f => f.id)""")
    assert unanswered == []
    shoot(page, artifacts, "attempt")

    # Finish with the keyboard: focus is on Finish attempt… after the walk; the summary comes first.
    assert active(page)["type"] == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/\d+/summary$"))
    assert page.get_by_role("heading", name=f"You answered {n_questions} of {n_questions} questions.").count() == 1
    page.get_by_role("button", name="Submit and finish").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/\d+/review$"))

    # Review: the score, the reasons, the evidence.
    score = page.locator(".score-line")
    wait_visible(score)
    assert re.search(r"points", score.inner_text())
    assert re.search(r"\(\d+%\)", score.inner_text()), score.inner_text()
    items = page.locator("ol.review > li.review-item")
    assert items.count() == n_questions
    assert page.locator("dl.answers dt", has_text=re.compile(r"^Why$")).count() == n_questions
    assert all(text.strip() for text in page.locator("dl.answers dt:text-is('Why') + dd").all_inner_texts())
    check_axe(page, "review")
    shoot(page, artifacts, "review")

    # The same review at desktop size, in a second window that shares this browser's cookies.
    desktop = page.context.browser.new_context(viewport=DESKTOP, storage_state=page.context.storage_state())
    try:
        wide = desktop.new_page()
        wide.goto(page.url)
        wait_visible(wide.locator(".score-line"))
        wide.screenshot(path=str(artifacts / "review-desktop.png"), full_page=True, timeout=SCREENSHOT_TIMEOUT)
    finally:
        desktop.close()

    # The first evidence link opens the article with the quote marked in its paragraph.
    evidence = page.locator("blockquote.evidence a").first
    href = evidence.get_attribute("href")
    paragraph = re.search(r"#p(\d+)$", href).group(1)
    evidence.click()
    page.wait_for_url(re.compile(rf"/articles/[^/?#]+\?.*#p{paragraph}$"))
    target = page.locator(f"li#p{paragraph}")
    assert page.locator("li:target").get_attribute("id") == f"p{paragraph}"
    assert "highlighted" in (target.get_attribute("class") or "")
    mark = page.locator(f"li#p{paragraph}:is(:target, .highlighted) mark").first
    wait_visible(mark)
    assert mark.inner_text().strip()
    assert mark.is_visible() and mark.bounding_box()["height"] > 0
    wait_visible(page.locator(".notice[role=status]"))
    check_axe(page, "article with evidence")
    shoot(page, artifacts, "article-evidence", full_page=False)


def test_everything_works_from_the_keyboard(phone_page, live_server):
    page = phone_page

    # The first Tab on a page reaches the skip link, which shows itself and moves focus to main.
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    info = active(page)
    assert info["tag"] == "A" and info["text"] == "Skip to content", info
    skip = page.locator("a.skip")
    wait_visible(skip)
    box = skip.bounding_box()
    width = page.viewport_size["width"]
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, f"skip link off screen: {box}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside main, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")

    # Tab reaches the bank's "Read the article" link, and Enter follows it.
    for _ in range(MAX_TABS):
        if active(page)["text"] == "Read the article":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached 'Read the article'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/articles/"))

    if not live_server.has_key_terms:
        return
    # A key term is focusable with Tab and shows its definition while focused.
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if active(page)["tag"] == "DFN":
            break
    else:
        raise AssertionError("Tab never reached a key term (<dfn>)")
    dfn = page.locator("dfn:focus")
    definition = page.locator("#" + dfn.get_attribute("aria-describedby"))
    assert definition.evaluate("el => el.classList.contains('term-def')")
    wait_visible(definition)
    assert definition.inner_text().strip()
    # Esc dismisses it without moving focus (WCAG 1.4.13); leaving the term and coming back shows it again.
    page.keyboard.press("Escape")
    assert not definition.is_visible() and page.locator("dfn:focus").count() == 1
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    wait_visible(definition)
    # Leaving the term hides the definition again.
    page.keyboard.press("Tab")
    assert not definition.is_visible()

    # On a phone every definition shown on focus fits on the screen (none runs off the right edge).
    offscreen = page.locator("dfn").evaluate_all("""(dfns, width) => dfns.flatMap(d => {
        d.focus();
        const box = document.getElementById(d.getAttribute("aria-describedby")).getBoundingClientRect();
        return box.left < 0 || box.right > width ? [`${d.textContent}: ${box.left}-${box.right}`] : [];
    })""", width)
    assert offscreen == [], f"key-term definitions cut off at {width}px wide: {offscreen}"
