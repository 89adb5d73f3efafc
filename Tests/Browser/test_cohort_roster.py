"""An admin creates a cohort, imports a 30-person roster and invites an evaluator;
attendance is marked; a participant's dashboard shows where they stand."""

import csv
import datetime
from urllib.parse import urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import DEMO_ADMIN_EMAIL, DEMO_PASSWORD
from test_invitation import h1_text, sign_in, submit_button, wait, wait_for_path


def test_import_a_roster_mark_attendance_and_see_the_participants_dashboard(server_url, new_browser, screenshot,
                                                                           tmp_path):
    admin = new_browser()
    sign_in(admin, server_url, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
    wait_for_path(admin, "/")

    # A cohort that started seven weeks and four days ago is in its third session.
    admin.get(server_url + "/admin/cohorts/new")
    start = datetime.date.today() - datetime.timedelta(days=21 + 28 + 4)
    admin.find_element(By.ID, "cohort-name").send_keys("Fall Cohort")
    admin.execute_script("arguments[0].value = arguments[1]", admin.find_element(By.ID, "cohort-start"), start.isoformat())
    Select(admin.find_element(By.ID, "cohort-zone")).select_by_value("Europe/Berlin")
    submit_button(admin.find_element(By.ID, "new-cohort"), "Create cohort").click()
    wait(admin).until(lambda d: urlparse(d.current_url).path.startswith("/cohorts/"))
    cohort_path = urlparse(admin.current_url).path
    assert h1_text(admin) == "Fall Cohort"
    screenshot(admin, "cohort-created")

    # 29 new people and one demo educator who already has an account.
    roster = tmp_path / "roster.csv"
    with open(roster, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["email", "name", "role"])
        out.writerow(["liam.patel@example.org", "Liam Patel", "participant"])
        for i in range(1, 29):
            out.writerow([f"fall{i:02d}@school.example.org", f"Fall Person {i:02d}", "participant"])
        out.writerow(["fall.facilitator@school.example.org", "Fall Facilitator", "facilitator"])
    admin.get(server_url + cohort_path + "/roster")
    screenshot(admin, "roster")
    admin.find_element(By.ID, "roster-file").send_keys(str(roster))
    submit_button(admin.find_element(By.ID, "import-roster"), "Import roster").click()
    summary = wait(admin).until(lambda d: d.find_element(By.ID, "import-summary")).text
    assert "1 enrolled, 29 invited" in summary, summary
    assert len(admin.find_elements(By.CSS_SELECTOR, "#import-report tbody tr")) == 30
    links = [a.get_attribute("href") for a in admin.find_elements(By.CSS_SELECTOR, "a.invitation-link")]
    assert len(links) == 29
    screenshot(admin, "roster-imported")
    admin.get(server_url + cohort_path + "/roster")
    assert "Invited, not joined yet (29)" in admin.page_source

    # The admin invites an evaluator for the cohort's portfolios.
    admin.get(server_url + "/admin/people")
    invite = admin.find_element(By.ID, "invite")
    admin.find_element(By.ID, "invite-email").send_keys("fall.evaluator@school.example.org")
    Select(admin.find_element(By.ID, "invite-role")).select_by_value("evaluator")
    submit_button(invite, "Create invitation").click()
    assert "/invitations/" in wait(admin).until(lambda d: d.find_element(By.ID, "flash-link")).get_attribute("href")
    screenshot(admin, "evaluator-invited")

    # One invitee joins from their link and lands in the cohort.
    newcomer = new_browser()
    newcomer.get(links[0])
    form = wait(newcomer).until(lambda d: d.find_element(By.ID, "new-account"))
    newcomer.find_element(By.ID, "name").send_keys("Fall Person One")
    newcomer.find_element(By.ID, "password").send_keys("a long fall password")
    newcomer.find_element(By.ID, "password-confirmation").send_keys("a long fall password")
    submit_button(form, "Create my account").click()
    wait_for_path(newcomer, "/")
    assert "Fall Cohort" in newcomer.page_source

    # The admin marks Liam present at Sessions 1 and 2 on the progress grid.
    admin.get(server_url + cohort_path + "/progress")
    rows = admin.find_elements(By.CSS_SELECTOR, ".progress-grid tbody tr")
    assert sorted(row.find_element(By.TAG_NAME, "th").text for row in rows) == ["Fall Person One", "Liam Patel"]
    liam = next(row for row in rows if row.find_element(By.TAG_NAME, "th").text == "Liam Patel")
    boxes = liam.find_elements(By.CSS_SELECTOR, "input[name='attended[]']")
    assert len(boxes) == 5
    boxes[0].click()
    boxes[1].click()
    submit_button(admin.find_element(By.ID, "progress-form"), "Save progress").click()
    wait(admin).until(lambda d: "Progress saved." in d.page_source)
    liam = next(row for row in admin.find_elements(By.CSS_SELECTOR, ".progress-grid tbody tr")
                if row.find_element(By.TAG_NAME, "th").text == "Liam Patel")
    assert [box.is_selected() for box in liam.find_elements(By.CSS_SELECTOR, "input[name='attended[]']")] == \
        [True, True, False, False, False]
    screenshot(admin, "progress-saved")

    # Liam's dashboard: the new cohort with its current session, next meeting and his attendance.
    participant = new_browser()
    sign_in(participant, server_url, "liam.patel@example.org", DEMO_PASSWORD)
    wait_for_path(participant, "/")
    card = next(section for section in participant.find_elements(By.CSS_SELECTOR, "main section.panel")
                if "Fall Cohort" in section.text)
    assert "Session 3" in card.text
    assert "Session 4" in card.text and "(Europe/Berlin)" in card.text
    assert "You attended 2 of 5 live sessions" in card.text
    assert card.find_element(By.PARTIAL_LINK_TEXT, "Add to calendar").get_attribute("href").endswith("meeting.ics")
    screenshot(participant, "participant-dashboard")
    severe = [entry for entry in participant.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == [], severe
