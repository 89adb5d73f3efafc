"""Pages are small and work from the keyboard alone."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import DEMO_PASSWORD
from test_invitation import sign_in, wait, wait_for_path


def test_the_hundred_post_thread_is_under_150_kb_with_its_assets(server_url, new_browser, js_mode, screenshot):
    if js_mode == "no-js":
        pytest.skip("measured with the Performance API, which needs script")
    driver = new_browser()
    sign_in(driver, server_url, "ben.carter@example.org", DEMO_PASSWORD)
    driver.get(server_url + "/cohorts/1/boards")
    driver.find_element(By.XPATH, "//ul[contains(@class,'board-list')]//a[normalize-space()='General']").click()
    driver.find_element(By.PARTIAL_LINK_TEXT, "Share one tool you love").click()
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "article.post")) == 100)
    transferred = driver.execute_script("""
        const entries = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
        return entries.reduce((total, e) => total + (e.transferSize || e.encodedBodySize || 0), 0);""")
    external = driver.execute_script("""
        return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin));""")
    print(f"100-post thread page with its assets: {transferred / 1024:.1f} KB transferred")
    assert 0 < transferred < 150 * 1024
    assert external == []  # no third-party resource, no web font
    screenshot(driver, "hundred-post-thread")


def test_a_reply_is_posted_with_the_keyboard_alone_and_focus_is_visible(server_url, new_browser, js_mode):
    if js_mode == "no-js":
        pytest.skip("focus is inspected with script")
    driver = new_browser()

    def tab_to(element_id, limit=400):
        """Presses Tab until the element has focus, checking every stop shows it."""
        for _ in range(limit):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            active = driver.switch_to.active_element
            if active.tag_name == "body":
                continue
            outline = driver.execute_script("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow];")
            assert outline != ["none", "none"], f"no visible focus on {active.tag_name}#{active.get_attribute('id')}"
            if active.get_attribute("id") == element_id:
                return active
        raise AssertionError(f"Tab never reached #{element_id}")

    driver.get(server_url + "/login")
    tab_to("email").send_keys("diego.santos@example.org")
    tab_to("password").send_keys(DEMO_PASSWORD + Keys.ENTER)
    wait_for_path(driver, "/")
    driver.get(server_url + "/threads/2")
    tab_to("reply-body").send_keys("Posted without a mouse.")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element.text == "Post reply"
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    wait(driver).until(lambda d: "#post-" in d.current_url)
    assert "Posted without a mouse." in driver.page_source


def test_a_review_saves_itself_as_a_draft_and_keeps_the_running_score(server_url, new_browser, js_mode):
    if js_mode == "no-js":
        pytest.skip("autosave is the script's enhancement; without it the Save draft button does the same")
    driver = new_browser()
    sign_in(driver, server_url, "evaluator@example.org", DEMO_PASSWORD)
    driver.get(server_url + "/reviews")
    driver.find_element(By.ID, "take-next").click()
    wait(driver).until(lambda d: d.find_element(By.ID, "review-form"))
    review_url = driver.current_url
    for criterion in (1, 2, 3):
        driver.find_element(By.CSS_SELECTOR, f"input[name='mark-{criterion}'][value='met']").click()
    assert driver.find_element(By.ID, "running-score").text == "3"
    wait(driver).until(lambda d: d.find_element(By.ID, "autosave-status").text.startswith("Draft saved"))
    driver.get(review_url)  # as if the tab had been closed and opened again
    assert driver.find_element(By.CSS_SELECTOR, "input[name='mark-3'][value='met']").is_selected()
    assert driver.find_element(By.ID, "running-score").text == "3"
