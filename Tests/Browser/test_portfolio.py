"""The portfolio end to end: an educator completes every criterion and submits; an
evaluator works the queue and returns it (19 met); the educator revises and resubmits;
a second review passes it (20 met); the educator sees the pass; the public certificate
page verifies it."""

from urllib.parse import urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import DEMO_PASSWORD
from test_invitation import sign_in, submit_button, wait, wait_for_path


def test_complete_submit_review_pass_and_verify(server_url, new_browser, screenshot):
    educator = new_browser()
    sign_in(educator, server_url, "quentin.blake@example.org", DEMO_PASSWORD)
    wait_for_path(educator, "/")
    educator.find_element(By.LINK_TEXT, "Portfolio").click()
    portfolio_url = fill_every_criterion(educator)
    screenshot(educator, "portfolio-ready")
    submit_and_confirm(educator)

    evaluator = new_browser()
    sign_in(evaluator, server_url, "evaluator@example.org", DEMO_PASSWORD)
    wait_for_path(evaluator, "/")
    screenshot(evaluator, "evaluator-dashboard")
    review_queue(evaluator, server_url, screenshot, quentin_scores=19)

    educator.get(portfolio_url)
    assert "Attempt 1: 19/25, returned" in educator.page_source
    assert "Returned with feedback" in educator.page_source
    screenshot(educator, "portfolio-returned")
    form = educator.find_element(By.ID, "portfolio-form")
    reflection = educator.find_element(By.ID, "reflection")
    reflection.send_keys(" I added how my learners' work changed after each session.")
    submit_button(form, "Save portfolio").click()
    wait(educator).until(lambda d: "Portfolio saved." in d.page_source)
    submit_and_confirm(educator)

    review_queue(evaluator, server_url, screenshot, quentin_scores=20)

    educator.get(portfolio_url)
    assert "Attempt 2: 20/25, passed" in educator.page_source
    assert "Attempt 1: 19/25, returned" in educator.page_source
    certificate = educator.find_element(By.ID, "certificate-link").get_attribute("href")
    visitor = new_browser()
    visitor.get(certificate)
    assert wait(visitor).until(lambda d: d.find_element(By.ID, "certificate-status")).text.startswith("Valid")
    assert "Quentin Blake" in visitor.find_element(By.TAG_NAME, "h1").text
    screenshot(visitor, "certificate")
    screenshot(educator, "portfolio-passed")
    for driver in (educator, evaluator, visitor):
        severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert severe == [], severe


def fill_every_criterion(educator):
    """Links an artifact and writes a few words for every empty criterion, and saves; returns the portfolio's URL."""
    form = wait(educator).until(lambda d: d.find_element(By.ID, "portfolio-form"))
    portfolio_url = educator.current_url
    selects = form.find_elements(By.CSS_SELECTOR, "select[id$='-artifact']")
    assert len(selects) == 24
    for index, select in enumerate(selects):
        chooser = Select(select)
        if chooser.first_selected_option.get_attribute("value") == "":
            chooser.select_by_index(1 + index % (len(chooser.options) - 1))
            area = educator.find_element(By.ID, select.get_attribute("id").replace("-artifact", "-context"))
            area.send_keys(f"Criterion {index + 2}: what my learners did and how it shows this indicator.")
    submit_button(form, "Save portfolio").click()
    wait(educator).until(lambda d: "Portfolio saved." in d.page_source)
    assert "Nothing: it is ready to submit." in educator.page_source
    return portfolio_url


def submit_and_confirm(educator):
    educator.find_element(By.ID, "submit-portfolio").click()
    wait(educator).until(lambda d: d.find_element(By.ID, "confirm-submit")).click()
    wait(educator).until(lambda d: "Submitted: waiting for an evaluator" in d.page_source)


def review_queue(evaluator, server_url, screenshot, quentin_scores):
    """Takes portfolios oldest first until Quentin's comes up, scoring others 25 met."""
    for _ in range(5):
        evaluator.get(server_url + "/reviews")
        screenshot(evaluator, "review-queue")
        evaluator.find_element(By.ID, "take-next").click()
        wait(evaluator).until(lambda d: d.find_element(By.ID, "review-form"))
        ours = "Quentin Blake" in evaluator.find_element(By.TAG_NAME, "h1").text
        met = quentin_scores if ours else 25
        for criterion in range(1, 26):
            choice = "met" if criterion <= met else "not-met"
            evaluator.find_element(By.CSS_SELECTOR, f"input[name='mark-{criterion}'][value='{choice}']").click()
            if choice == "not-met":
                evaluator.find_element(By.ID, f"mark-{criterion}-comment").send_keys("Show the effect on learners.")
        if ours:
            screenshot(evaluator, "review-form")
        evaluator.find_element(By.ID, "submit-review").click()
        wait(evaluator).until(lambda d: d.find_element(By.ID, "confirm-review")).click()
        wait_for_path(evaluator, "/reviews")
        if ours:
            verdict = "passed" if quentin_scores >= 20 else "returned"
            assert f"Review submitted: {quentin_scores}/25, {verdict}." in evaluator.page_source
            return
    raise AssertionError("Quentin's portfolio never came up in the queue")
