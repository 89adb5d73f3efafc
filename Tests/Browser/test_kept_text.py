"""Nothing typed is lost: a reply sent after the sign-in expired is posted once its author
signs in again; the portfolio saves itself as it is typed; a draft reply follows its
author to another browser; submitting a portfolio asks first and can be taken back."""

import sqlite3
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD
from test_invitation import sign_in, submit_button, type_into, wait, wait_for_path
from test_portfolio import fill_every_criterion


def expire_sign_ins(served, email):
    """Moves the person's sign-ins eight days into the past, as if the laptop had been shut for a week."""
    with sqlite3.connect(Path(served.data_dir) / "cohort.sqlite") as db:
        db.execute("UPDATE loginSession SET lastSeenAt = datetime('now', '-8 days') "
                   "WHERE userId = (SELECT id FROM user WHERE email = ?)", (email,))
    time.sleep(1)  # the server looks for other processes' writes every 250 ms


def test_a_reply_sent_after_the_sign_in_expired_is_posted_after_signing_in(served, server_url, new_browser, js_mode, screenshot):
    driver = new_browser()
    sign_in(driver, server_url, "ben.carter@example.org", DEMO_PASSWORD)
    driver.get(server_url + "/threads/2")
    text = "Written over a long lunch break, and not lost."
    type_into(driver.find_element(By.ID, "reply-body"), text)
    expire_sign_ins(served, "ben.carter@example.org")
    submit_button(driver.find_element(By.ID, "reply-form"), "Post reply").click()
    wait_for_path(driver, "/login")
    assert "what you sent will be saved" in driver.page_source
    form = driver.find_element(By.ID, "login")
    form.find_element(By.ID, "email").send_keys("ben.carter@example.org")
    form.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
    submit_button(form, "Sign in").click()
    if js_mode == "no-js":
        wait_for_path(driver, "/resume")
        assert text in driver.find_element(By.ID, "resume-form").text
        screenshot(driver, "resume")
        driver.find_element(By.ID, "resume-send").click()
    wait(driver).until(lambda d: "/threads/2" in d.current_url and "#post-" in d.current_url)
    bodies = [post.text for post in driver.find_elements(By.CSS_SELECTOR, "article.post")]
    assert sum(text in body for body in bodies) == 1


def test_the_portfolio_saves_itself_as_it_is_typed(server_url, new_browser, js_mode):
    if js_mode == "no-js":
        pytest.skip("saving as one types is the script's; without it, Save and Post do the same")
    laptop = new_browser()
    sign_in(laptop, server_url, "quentin.blake@example.org", DEMO_PASSWORD)
    laptop.find_element(By.LINK_TEXT, "Portfolio").click()
    reflection = wait(laptop).until(lambda d: d.find_element(By.ID, "reflection"))
    portfolio_url = laptop.current_url
    reflection.send_keys(" Typed, never saved by hand.")
    wait(laptop).until(lambda d: d.find_element(By.ID, "portfolio-autosave").text.startswith("Saved"))
    laptop.get(portfolio_url)
    assert laptop.find_element(By.ID, "reflection").get_attribute("value").endswith(" Typed, never saved by hand.")



def test_a_draft_reply_follows_its_author_to_another_browser(server_url, new_browser, js_mode):
    if js_mode == "no-js":
        pytest.skip("a draft is kept as one types by the script; without it, Post reply keeps the text")
    laptop = new_browser()
    sign_in(laptop, server_url, "ben.carter@example.org", DEMO_PASSWORD)
    laptop.get(server_url + "/threads/2")
    type_into(laptop.find_element(By.ID, "reply-body"), "Half a thought, to finish on the phone.")
    wait(laptop).until(lambda d: "Draft saved" in d.find_element(By.ID, "reply-form").text)
    phone = new_browser()
    sign_in(phone, server_url, "ben.carter@example.org", DEMO_PASSWORD)
    phone.get(server_url + "/threads/2")
    assert phone.find_element(By.ID, "reply-body").get_attribute("value") == "Half a thought, to finish on the phone."


def test_submitting_asks_first_shows_what_was_sent_and_can_be_withdrawn(server_url, new_browser, screenshot):
    educator = new_browser()
    sign_in(educator, server_url, "quentin.blake@example.org", DEMO_PASSWORD)
    educator.find_element(By.LINK_TEXT, "Portfolio").click()
    portfolio_url = fill_every_criterion(educator)
    reflection = educator.find_element(By.ID, "reflection")
    reflection.send_keys(" Added at the last minute.")
    educator.find_element(By.ID, "submit-portfolio").click()
    wait(educator).until(lambda d: d.find_element(By.ID, "confirm-submit"))
    screenshot(educator, "portfolio-submit-confirm")
    educator.get(portfolio_url)  # not submitted yet, but saved
    assert educator.find_element(By.ID, "reflection").get_attribute("value").endswith(" Added at the last minute.")
    educator.find_element(By.ID, "submit-portfolio").click()
    wait(educator).until(lambda d: d.find_element(By.ID, "confirm-submit")).click()
    wait(educator).until(lambda d: "Submitted: waiting for an evaluator" in d.page_source)
    assert "Added at the last minute." in educator.find_element(By.ID, "submitted-heading").find_element(By.XPATH, "..").text
    assert not educator.find_elements(By.ID, "portfolio-form")
    screenshot(educator, "portfolio-submitted")
    educator.find_element(By.ID, "withdraw-portfolio").click()
    wait(educator).until(lambda d: "Withdrawn." in d.page_source)
    assert educator.find_element(By.ID, "portfolio-form")
