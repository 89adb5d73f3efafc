"""Mail end to end, through a real SMTP relay: invitation, password reset, a reply
notification and its unsubscribe link, the one-click unsubscribe of RFC 8058, and a
reset request for an address with no account."""

import re
import ssl
import urllib.request
import uuid

import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD
from mail_relay import cohort_servers, mail_server_url, relay  # noqa: F401 (fixtures)
from test_boards import open_board
from test_invitation import h1_text, sign_in, submit_button, wait, wait_for_path
from test_mail_crash import invite

AMARA = "amara.diallo@example.org"
FACILITATOR = "facilitator@example.org"
js_only = pytest.mark.parametrize("js_mode", ["js"])  # mail is the subject here, not pages without JS


def to(address, subject_start=""):
    return lambda mail: address in mail.rcpt_tos and mail.subject.startswith(subject_start)


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def request_reset(driver, base_url, address):
    driver.get(base_url + "/login")
    driver.find_element(By.LINK_TEXT, "Forgot your password?").click()
    form = wait(driver).until(lambda d: d.find_element(By.ID, "password-reset-request"))
    form.find_element(By.NAME, "email").send_keys(address)
    submit_button(form, "Mail me a link").click()
    wait(driver).until(lambda d: h1_text(d) == "Check your mail")


def post_reply(driver, thread_url, text):
    driver.get(thread_url)
    wait(driver).until(lambda d: d.find_element(By.ID, "reply-body")).send_keys(text)
    submit_button(driver.find_element(By.ID, "reply-form"), "Post reply").click()
    wait(driver).until(lambda d: "#post-" in d.current_url)


@js_only
def test_invitation_reset_and_reply_mail_journey(mail_server_url, relay, new_browser, screenshot):
    """A new person joins from the invitation mail and resets the password from the reset
    mail, which signs out their other browser; a reply mails its recipient, whose
    "Stop these mails" link works signed out."""
    url, invitee = mail_server_url, f"invitee-{uuid.uuid4().hex[:8]}@example.org"
    admin = new_browser()
    invite(admin, url, invitee)
    admin.delete_all_cookies()  # from here on a stranger's browser

    invitation = relay.wait_for(to(invitee, "You are invited"), message=f"invitation to {invitee}")
    sender, = invitation.message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Cohort", "cohort@localhost")
    assert [a.addr_spec for a in invitation.message["To"].addresses] == [invitee]
    assert invitation.mail_from == "cohort@localhost" and invitation.rcpt_tos == [invitee]
    assert invitation.message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in invitation.message.iter_parts()] == ["text/plain", "text/html"]
    join_link = invitation.link_containing(url + "/invitations/")
    assert join_link == invitation.link_containing(url + "/invitations/", part="html")

    newcomer, password = new_browser(), "a first password of some length"
    newcomer.get(join_link)
    form = wait(newcomer).until(lambda d: d.find_element(By.ID, "new-account"))
    form.find_element(By.NAME, "name").send_keys("Robin Mailer")
    form.find_element(By.NAME, "password").send_keys(password)
    form.find_element(By.NAME, "passwordConfirmation").send_keys(password)
    submit_button(form, "Create my account").click()
    wait_for_path(newcomer, "/")
    assert h1_text(newcomer) == "Welcome, Robin"

    forgetful, new_password = admin, "another password, also long"
    request_reset(forgetful, url, invitee)
    screenshot(forgetful, "reset-requested")
    reset = relay.wait_for(to(invitee, "Reset your Cohort password"), message="the reset mail")
    forgetful.get(reset.link_containing(url + "/password-reset/"))
    form = wait(forgetful).until(lambda d: d.find_element(By.ID, "password-reset"))
    screenshot(forgetful, "reset-choose")
    form = forgetful.find_element(By.ID, "password-reset")
    form.find_element(By.NAME, "password").send_keys(new_password)
    form.find_element(By.NAME, "passwordConfirmation").send_keys(new_password)
    submit_button(form, "Set my new password").click()
    wait_for_path(forgetful, "/login")
    assert "Your new password is set" in forgetful.find_element(By.CSS_SELECTOR, ".flash").text
    sign_in(forgetful, url, invitee, new_password)
    forgetful.delete_all_cookies()
    newcomer.get(url + "/")
    wait_for_path(newcomer, "/login")  # the reset ended the session it had

    amara, title = forgetful, f"Mail check {uuid.uuid4().hex[:6]}"
    sign_in(amara, url, AMARA, DEMO_PASSWORD)
    open_board(amara, url, "Session 3")
    amara.find_element(By.LINK_TEXT, "New thread").click()
    form = wait(amara).until(lambda d: d.find_element(By.ID, "new-thread"))
    # Typing into a page still loading on a busy machine loses the text.
    wait(amara).until(lambda d: d.execute_script("return document.readyState") == "complete")
    amara.find_element(By.ID, "thread-title").send_keys(title)
    amara.find_element(By.ID, "thread-body").send_keys("Does the reply reach my inbox?")
    wait(amara).until(lambda d: d.find_element(By.ID, "thread-title").get_attribute("value") == title)
    submit_button(form, "Start thread").click()
    # The new-thread form's own address has /threads/ in it too: wait for the thread's.
    wait(amara).until(lambda d: re.search(r"/threads/\d+", d.current_url))
    thread_url = amara.current_url.split("#")[0]
    amara.delete_all_cookies()  # had she seen the reply in the browser, it would not be mailed

    facilitator = new_browser()
    sign_in(facilitator, url, FACILITATOR, DEMO_PASSWORD)
    post_reply(facilitator, thread_url, "It should, Amara: this reply is mailed to you.")
    reply = relay.wait_for(to(AMARA, f"Maya Okafor replied to you in “{title}”"), message="the reply mail")
    assert reply.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    header = re.fullmatch(r"<(https://\S+/mail/unsubscribe/[^/>]+/reply)>", reply.header("List-Unsubscribe") or "")
    assert header, reply.header("List-Unsubscribe")
    assert "this reply is mailed to you" in reply.text
    stop_link = reply.link_containing("/mail/unsubscribe/")
    assert stop_link == header.group(1) and stop_link.startswith(url)

    stranger = amara  # signed out
    stranger.get(stop_link)
    form = wait(stranger).until(lambda d: d.find_element(By.CSS_SELECTOR, "main form"))
    assert AMARA in stranger.find_element(By.TAG_NAME, "main").text
    assert heading(stranger) == "Stop these mails"
    screenshot(stranger, "unsubscribe-ask")
    submit_button(form, "Stop these mails").click()
    wait(stranger).until(lambda d: d.find_elements(By.CSS_SELECTOR, "main [role=status]"))
    assert "will no longer mail" in stranger.find_element(By.TAG_NAME, "main").text
    assert heading(stranger) == "You are unsubscribed"
    screenshot(stranger, "unsubscribe-done")


def one_click(link):
    """The POST a mail program makes (RFC 8058): no cookies, no CSRF token, no proxy."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the self-signed development certificate
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context))
    request = urllib.request.Request(link, data=b"List-Unsubscribe=One-Click", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with opener.open(request, timeout=30) as response:
        return response.status, response.read().decode()


@js_only
def test_one_click_unsubscribe_stops_reply_mail(mail_server_url, relay, new_browser):
    """The List-Unsubscribe URL answers a bare one-click POST with 200, and a later reply to
    that person is not mailed while a reply to someone else in the same pass is."""
    url = mail_server_url
    # The demo's own notices are mailed at start (--mail-delay 0): Maya replied to Amara and to Diego.
    to_amara = relay.wait_for(to(AMARA, "Maya Okafor replied to you"), message="the demo's reply mail to Amara")
    to_diego = relay.wait_for(to("diego.santos@example.org", "Maya Okafor replied to you"), message="Diego's")
    link = re.fullmatch(r"<(\S+)>", to_amara.header("List-Unsubscribe")).group(1)
    status, page = one_click(link)
    assert status == 200 and "will no longer mail" in page

    marker = uuid.uuid4().hex[:8]
    facilitator = new_browser()
    sign_in(facilitator, url, FACILITATOR, DEMO_PASSWORD)
    for mail, whom in ((to_amara, "amara"), (to_diego, "diego")):
        thread = mail.link_containing("/threads/").split("#")[0]
        post_reply(facilitator, thread, f"Follow-up {marker}-{whom} for the mail test.")
    relay.wait_for(lambda m: f"{marker}-diego" in m.text, message="the reply mail to Diego")
    assert [m.subject for m in relay.snapshot() if f"{marker}-amara" in m.text] == []


@js_only
def test_reset_for_an_unknown_address_looks_the_same_and_mails_nothing(mail_server_url, relay, new_browser):
    """"Forgot your password?" answers alike for an address with no account, and mails it nothing."""
    url, nobody = mail_server_url, f"nobody-{uuid.uuid4().hex[:8]}@example.org"
    browser = new_browser()
    pages = {}
    for address in (nobody, AMARA):  # the known one second: its mail comes after any for the first
        request_reset(browser, url, address)
        pages[address] = browser.find_element(By.TAG_NAME, "main").text.replace(address, "ADDRESS")
    assert pages[nobody] == pages[AMARA]
    relay.wait_for(to(AMARA, "Reset your Cohort password"), message="the reset mail to Amara")
    assert relay.to(nobody) == []
