"""A crash between the commit and the send loses no mail: the outbox row committed with
the invitation survives a SIGKILL taken while the relay held the message, and the
restarted server sends it again under the same Message-ID."""

import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import DEMO_ADMIN_EMAIL, DEMO_PASSWORD
from mail_relay import cohort_servers, relay  # noqa: F401 (fixtures)
from test_invitation import sign_in, submit_button, wait

CRASH_TIMEOUT = 90  # the first try, a restart, and a pass of the delivery service on a busy machine


def invite(driver, base_url, address):
    sign_in(driver, base_url, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
    driver.get(base_url + "/admin/people")
    form = wait(driver).until(lambda d: d.find_element(By.ID, "invite"))
    form.find_element(By.NAME, "email").send_keys(address)
    Select(form.find_element(By.NAME, "role")).select_by_value("educator")
    submit_button(form, "Create invitation").click()
    wait(driver).until(lambda d: d.find_element(By.ID, "flash-link"))


def outbox_state(driver, base_url, address):
    driver.get(base_url + "/admin/mail")
    rows = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.data tbody tr") if address in row.text]
    return rows[0] if len(rows) == 1 else rows


@pytest.mark.parametrize("js_mode", ["js"])
def test_mail_sent_when_killed_mid_delivery_goes_again_with_the_same_message_id(
        cohort_servers, relay, new_browser, tmp_path):
    """SIGKILL while the relay is inside DATA for the invitation; after a restart on the same
    data folder the invitation arrives, every copy with one Message-ID, and the outbox says Sent."""
    data_dir, invitee = tmp_path / "data", f"crash-{uuid.uuid4().hex[:8]}@example.org"
    relay.hold(lambda mail: invitee in mail.rcpt_tos)
    first = cohort_servers(data_dir)
    admin = new_browser()
    invite(admin, first.url, invitee)
    held = relay.wait_for(lambda mail: mail.held, timeout=CRASH_TIMEOUT, message="the invitation held in DATA")
    first.kill()
    admin.quit()
    relay.release()

    second = cohort_servers(data_dir)
    again = relay.wait_for(lambda mail: invitee in mail.rcpt_tos and not mail.held, timeout=CRASH_TIMEOUT,
                           message="the invitation after the restart")
    assert held.header("Message-ID"), held.data[:500]
    assert again.header("Message-ID") == held.header("Message-ID"), (
        f"the retry changed the Message-ID; its links: {again.links()}; the first try's: {held.links()}")
    assert again.subject == held.subject
    # The same invitation (one token), its link now on the restarted server.
    token = held.link_containing("/invitations/").rsplit("/", 1)[1]
    assert again.link_containing("/invitations/") == f"{second.url}/invitations/{token}"

    viewer = new_browser()
    sign_in(viewer, second.url, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
    wait(viewer).until(lambda d: "Sent" in str(outbox_state(d, second.url, invitee)),
                       message=f"the outbox row for {invitee} never showed Sent; server log:\n{second.log()}")
    copies = relay.to(invitee)
    assert {mail.header("Message-ID") for mail in copies} == {held.header("Message-ID")}
    assert sum(not mail.held for mail in copies) == 1, [(m.held, m.subject) for m in copies]
    # Nor did the restart send again anything the first server had recorded as sent.
    delivered = [mail.header("Message-ID") for mail in relay.snapshot() if not mail.held]
    assert len(delivered) == len(set(delivered)), sorted(delivered)

    viewer.delete_all_cookies()  # signed out, the redelivered link still opens the invitation
    viewer.get(again.link_containing("/invitations/"))
    form = wait(viewer).until(lambda d: d.find_element(By.ID, "new-account"))
    assert form.find_element(By.ID, "email").get_attribute("value") == invitee
