"""Artifacts end to end: an educator uploads a PDF, a peer leaves feedback on one
indicator, the owner revises and marks the feedback addressed."""

from urllib.parse import urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import DEMO_PASSWORD
from test_invitation import h1_text, sign_in, submit_button, type_into, wait, wait_for_path

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_upload_feedback_on_an_indicator_revise_and_address(server_url, new_browser, screenshot, tmp_path):
    plan = tmp_path / "udl-lesson-plan.pdf"
    plan.write_bytes(PDF)
    owner = new_browser()
    sign_in(owner, server_url, "isla.murphy@example.org", DEMO_PASSWORD)
    wait_for_path(owner, "/")
    owner.get(server_url + "/cohorts/1/artifacts/new")
    form = wait(owner).until(lambda d: d.find_element(By.ID, "new-artifact"))
    owner.find_element(By.ID, "artifact-title").send_keys("UDL lesson redesign")
    type_into(owner.find_element(By.ID, "artifact-description"), "My Session 2 lesson, redesigned with **UDL**.")
    for code in ("2.5.a", "2.5.c"):
        owner.find_element(By.XPATH, f"//fieldset//label[contains(., '{code}')]/input").click()
    owner.find_element(By.ID, "artifact-file").send_keys(str(plan))
    submit_button(form, "Share artifact").click()
    wait(owner).until(lambda d: urlparse(d.current_url).path.startswith("/artifacts/"))
    artifact_url = owner.current_url
    assert h1_text(owner) == "UDL lesson redesign"
    assert "Download udl-lesson-plan.pdf" in owner.page_source
    screenshot(owner, "artifact-shared")
    ask = owner.find_element(By.XPATH, "//form[.//legend[normalize-space()='Ask these peers']]")
    ask.find_element(By.XPATH, ".//label[contains(., \"Keira O'Connor\")]/input").click()
    submit_button(ask, "Ask them").click()
    wait(owner).until(lambda d: "Asked 1 peer for feedback." in d.page_source)

    peer = new_browser()
    sign_in(peer, server_url, "keira.oconnor@example.org", DEMO_PASSWORD)
    wait_for_path(peer, "/")
    asked = peer.find_element(By.CSS_SELECTOR, ".feedback-asked")
    asked.find_element(By.PARTIAL_LINK_TEXT, "UDL lesson redesign").click()
    # The link's page fully loaded first: text typed into a page still loading was once lost (CI, a busy machine).
    wait(peer).until(lambda d: d.execute_script("return document.readyState") == "complete"
                     and d.find_elements(By.ID, "feedback-form"))
    Select(peer.find_element(By.ID, "feedback-indicator")).select_by_visible_text(
        next(o.text for o in Select(peer.find_element(By.ID, "feedback-indicator")).options if o.text.startswith("2.5.a")))
    type_into(peer.find_element(By.ID, "feedback-body"), "Show how two learners chose different ways to respond.")
    submit_button(peer.find_element(By.ID, "feedback-form"), "Send feedback").click()
    wait(peer).until(lambda d: "#feedback-" in d.current_url)
    assert "2.5.a" in peer.find_element(By.CSS_SELECTOR, "article.post .badge.info").text

    owner.get(artifact_url)
    revision = tmp_path / "udl-lesson-plan-v2.pdf"
    revision.write_bytes(PDF.replace(b"Catalog", b"Catalog /Lang (en)"))
    revise = owner.find_element(By.ID, "revise-form")
    type_into(owner.find_element(By.ID, "revision-note"), "Added two learner responses")
    owner.find_element(By.ID, "revision-file").send_keys(str(revision))
    submit_button(revise, "Upload revision").click()
    wait(owner).until(lambda d: "Version 2 uploaded." in d.page_source)
    assert "version 2 of 2" in owner.page_source
    owner.find_element(By.LINK_TEXT, "Version 1").click()
    feedback = wait(owner).until(lambda d: d.find_element(By.XPATH, "//article[.//strong[normalize-space()=\"Keira O'Connor\"]]"))
    submit_button(feedback, "Mark addressed").click()
    wait(owner).until(lambda d: "0 open · 1 addressed" in d.page_source)
    screenshot(owner, "feedback-addressed")
    for driver in (owner, peer):
        severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert severe == [], severe
