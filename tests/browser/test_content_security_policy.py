"""The Content-Security-Policy really holds in Chromium: a script or style attribute injected into
a page (as stored XSS would be) does not run, and the watcher every browser test relies on sees
the violation, so "no violations" in the other tests means something."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_injected_inline_script_and_style_are_refused(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.appendChild(script);
        document.body.insertAdjacentHTML("beforeend", '<p id="styled" style="color: rgb(255, 0, 0)">x</p>');
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.injected === undefined")
    assert page.evaluate("() => getComputedStyle(document.getElementById('styled')).color") != "rgb(255, 0, 0)"
    assert any("script-src" in v for v in browser.violations), browser.violations
    assert any("style-src" in v for v in browser.violations), browser.violations
    browser.violations.clear()  # seen and expected: the autouse check after this test stays quiet
    context.close()
