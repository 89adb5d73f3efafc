"""A participant flags a post; the facilitator hides it from the moderation queue and
marks attendance for the session that just met."""

from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD
from test_invitation import sign_in, submit_button, wait, wait_for_path


def test_facilitator_hides_a_flagged_post_and_marks_attendance(server_url, new_browser, screenshot):
    participant = new_browser()
    sign_in(participant, server_url, "grace.kim@example.org", DEMO_PASSWORD)
    wait_for_path(participant, "/")
    participant.get(server_url + "/cohorts/1/boards")
    participant.find_element(By.XPATH, "//ul[contains(@class,'board-list')]//a[normalize-space()='Session 3']").click()
    participant.find_element(By.PARTIAL_LINK_TEXT, "Naming our digital-access issue").click()
    post = wait(participant).until(lambda d: d.find_element(By.XPATH, "//article[.//strong[normalize-space()='Ben Carter']]"))
    flag = post.find_element(By.XPATH, ".//details[summary[normalize-space()='Flag']]")
    flag.find_element(By.TAG_NAME, "summary").click()
    flag.find_element(By.CSS_SELECTOR, "input[name='reason']").send_keys("Shares a private template link")
    submit_button(flag, "Send flag").click()
    wait(participant).until(lambda d: "A facilitator will look at the post." in d.page_source)
    screenshot(participant, "flagged")

    facilitator = new_browser()
    sign_in(facilitator, server_url, "facilitator@example.org", DEMO_PASSWORD)
    wait_for_path(facilitator, "/")
    facilitator.find_element(By.LINK_TEXT, "Moderation").click()
    wait_for_path(facilitator, "/moderation")
    item = facilitator.find_element(By.XPATH, "//section[.//h2[contains(., 'Shares a private template link')]]")
    screenshot(facilitator, "moderation-queue")
    reason = item.find_element(By.CSS_SELECTOR, "input[name='reason']")
    reason.clear()
    reason.send_keys("Links to private documents are not shared here.")
    submit_button(item, "Hide post").click()
    wait(facilitator).until(lambda d: "Post hidden." in d.page_source)
    assert "Hidden by a facilitator: Links to private documents are not shared here." in facilitator.page_source

    facilitator.get(server_url + "/moderation")
    assert "No open flags" in facilitator.page_source
    facilitator.get(server_url + "/cohorts/1/progress")
    row = facilitator.find_element(By.XPATH, "//tr[th[normalize-space()='Hiro Tanaka']]")
    boxes = row.find_elements(By.CSS_SELECTOR, "input[name='attended[]']")
    assert not boxes[2].is_selected()  # the demo has Hiro missing Session 3
    boxes[2].click()
    submit_button(facilitator.find_element(By.ID, "progress-form"), "Save progress").click()
    wait(facilitator).until(lambda d: "Progress saved." in d.page_source)
    row = facilitator.find_element(By.XPATH, "//tr[th[normalize-space()='Hiro Tanaka']]")
    assert row.find_elements(By.CSS_SELECTOR, "input[name='attended[]']")[2].is_selected()
    screenshot(facilitator, "attendance-marked")

    participant.refresh()
    assert "Links to private documents are not shared here" in participant.page_source
