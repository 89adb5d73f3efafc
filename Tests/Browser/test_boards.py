"""The PLC boards end to end: an educator asks a question, a peer answers with a
mention, the asker is notified, accepts the answer, and search finds it."""

from urllib.parse import urlparse

from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD
from test_invitation import h1_text, sign_in, submit_button, type_into, wait, wait_for_path


def open_board(driver, base_url, title):
    driver.get(base_url + "/cohorts/1/boards")
    driver.find_element(By.XPATH, f"//ul[contains(@class,'board-list')]//a[normalize-space()='{title}']").click()
    wait(driver).until(lambda d: h1_text(d) == title)


def test_ask_answer_with_a_mention_accept_and_find(server_url, new_browser, screenshot):
    asker = new_browser()
    sign_in(asker, server_url, "grace.kim@example.org", DEMO_PASSWORD)
    wait_for_path(asker, "/")
    now = asker.find_element(By.XPATH, "//div[h3[normalize-space()='Now']]").text
    assert "Session 3" in now  # the dashboard says which session is on
    screenshot(asker, "dashboard")
    open_board(asker, server_url, "Session 3")
    asker.find_element(By.LINK_TEXT, "New thread").click()
    form = wait(asker).until(lambda d: d.find_element(By.ID, "new-thread"))
    form.find_element(By.CSS_SELECTOR, "input[value='question']").click()
    asker.find_element(By.ID, "thread-title").send_keys("How do I cite the district survey data?")
    type_into(asker.find_element(By.ID, "thread-body"), "My advocacy project uses our **district survey**. What citation style works?")
    submit_button(form, "Start thread").click()
    wait(asker).until(lambda d: urlparse(d.current_url).path.startswith("/threads/"))
    thread_url = asker.current_url
    assert h1_text(asker) == "How do I cite the district survey data?"
    assert asker.find_element(By.CSS_SELECTOR, ".post.depth-0 strong:not([id])").text == "district survey"

    peer = new_browser()
    sign_in(peer, server_url, "jamal.wright@example.org", DEMO_PASSWORD)
    wait_for_path(peer, "/")
    peer.get(thread_url)
    type_into(peer.find_element(By.ID, "reply-body"), "APA works well; name the district as the author. @Grace Kim see the guide.")
    submit_button(peer.find_element(By.ID, "reply-form"), "Post reply").click()
    wait(peer).until(lambda d: "#post-" in d.current_url)
    screenshot(peer, "thread-answered")

    asker.get(server_url + "/")
    badge = wait(asker).until(lambda d: d.find_element(By.ID, "unread-count"))
    assert badge.text.startswith("1")
    assert "Jamal Wright replied to you" in asker.find_element(By.CSS_SELECTOR, ".replies-to-me").text
    asker.find_element(By.CSS_SELECTOR, "a.notices").click()
    wait_for_path(asker, "/notifications")
    asker.find_element(By.PARTIAL_LINK_TEXT, "Jamal Wright replied to you").click()
    wait(asker).until(lambda d: urlparse(d.current_url).path.startswith("/threads/"))
    answer = asker.find_element(By.XPATH, "//article[.//strong[normalize-space()='Jamal Wright']]")
    submit_button(answer, "Accept as the answer").click()
    accepted = wait(asker).until(lambda d: d.find_element(By.CSS_SELECTOR, "section.accepted-answer"))
    assert "APA works well" in accepted.text
    screenshot(asker, "answer-accepted")

    asker.get(server_url + "/search?q=citation+survey")
    results = asker.find_elements(By.CSS_SELECTOR, ".search-results li")
    assert any("How do I cite the district survey data?" in r.text for r in results)
    assert asker.find_elements(By.CSS_SELECTOR, ".search-results mark")
    screenshot(asker, "search")
    for driver in (asker, peer):
        severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert severe == [], severe
