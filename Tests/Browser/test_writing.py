"""Writing a reply: a preview of how it will read (in place with script, on the page
without), and @-mention completion as one types."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import DEMO_PASSWORD
from test_invitation import sign_in, type_into, wait


def test_preview_shows_how_a_reply_will_read_and_posts_nothing(server_url, new_browser, screenshot):
    driver = new_browser()
    sign_in(driver, server_url, "ben.carter@example.org", DEMO_PASSWORD)
    driver.get(server_url + "/threads/2")
    posts = len(driver.find_elements(By.CSS_SELECTOR, "article.post"))
    type_into(driver.find_element(By.ID, "reply-body"), "A **bold** plan")
    driver.find_element(By.CSS_SELECTOR, "#reply-form button[name=_preview]").click()
    bold = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#reply-form .preview-box strong"))
    assert bold.text == "bold"
    assert driver.find_element(By.ID, "reply-body").get_attribute("value") == "A **bold** plan"
    assert len(driver.find_elements(By.CSS_SELECTOR, "article.post")) == posts
    screenshot(driver, "reply-preview")


def test_typing_at_offers_the_people_to_mention(server_url, new_browser, js_mode, screenshot):
    if js_mode == "no-js":
        pytest.skip("completion is the script's; without it, @ and a full name work as typed")
    driver = new_browser()
    sign_in(driver, server_url, "ben.carter@example.org", DEMO_PASSWORD)
    driver.get(server_url + "/threads/2")
    box = driver.find_element(By.ID, "reply-body")
    type_into(box, "Thanks @Gra")
    option = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".mention-list li[aria-selected=true]"))
    assert option.text == "Grace Kim"
    screenshot(driver, "mention-completion")
    box.send_keys(Keys.ENTER)
    assert box.get_attribute("value") == "Thanks @Grace Kim "
    assert not driver.find_element(By.CSS_SELECTOR, ".mention-list").is_displayed()
