"""What the fuzz requests are aimed at: ids of real things in the demo data, and a signed-in
identity (cookie and CSRF token) per kind of person."""

import collections
import random
import re
from dataclasses import dataclass

import harness
from fuzz_cases import TINY_TEXT_FILE

@dataclass
class Identity:
    name: str
    cookie: bytes = b""     # the whole Cookie header value, or b"" when signed out
    csrf: bytes = b""
    session: bytes = b""


class Site:
    """What the requests are aimed at: ids of real things and signed-in identities."""

    def __init__(self, url):
        self.url = url
        self.ids = {"cohort": ["1"], "board": ["1", "2"], "thread": ["2"], "post": ["3", "4"], "artifact": ["1"],
                    "my_artifact": ["1"], "version": ["1"], "feedback": ["1"], "flag": ["1"], "submission": ["1"],
                    "position": ["0", "1", "2", "3"], "invitation": ["1"], "indicator": ["1", "2", "3"],
                    "token": ["x" * 43], "code": ["ABCDEF"], "topics": ["reply", "reply,meetings"],
                    "person": ["999999"], "message": ["1"]}
        self.who = {}

    def sign_in_all(self):
        roles = {"educator": harness.EDUCATORS[0], "educator2": harness.EDUCATORS[1],
                 "facilitator": harness.FACILITATOR, "admin": harness.ADMIN, "evaluator": harness.EVALUATOR}
        self.emails = set(roles.values())
        browsers = {}
        for role, email in roles.items():
            browser = harness.Browser(self.url).sign_in(email)
            browsers[role] = browser
            session = browser.http.cookies.get("cohort_session")
            self.who[role] = Identity(role, f"cohort_session={session}".encode(), browser.csrf.encode(), session.encode())
        visitor = "v" * 10 + random.Random(7).choice("abc") * 33   # any 43-character value is a visitor token
        self.who["visitor"] = Identity("visitor", f"cohort_visitor={visitor}".encode(), visitor.encode())
        self.who["anonymous"] = Identity("anonymous")
        self._discover(browsers)

    def _links(self, browser, path, pattern):
        response = browser.get(path)
        return sorted(set(re.findall(pattern, response.text))) if response.status_code == 200 else []

    def _discover(self, browsers):
        educator, facilitator = browsers["educator"], browsers["facilitator"]
        found = collections.defaultdict(set)
        found["cohort"].update(self._links(browsers["admin"], "/", r'href="/cohorts/(\d+)"'))
        for cohort in sorted(found["cohort"])[:2]:
            found["board"].update(self._links(facilitator, f"/cohorts/{cohort}", r'href="/boards/(\d+)"'))
            found["artifact"].update(self._links(facilitator, f"/cohorts/{cohort}/artifacts", r'href="/artifacts/(\d+)"'))
        for board in sorted(found["board"], key=int)[:4]:
            found["thread"].update(self._links(educator, f"/boards/{board}", r'href="/threads/(\d+)'))
        for thread in sorted(found["thread"], key=int)[:3]:
            found["post"].update(self._links(facilitator, f"/threads/{thread}", r'/posts/(\d+)/'))
        indicators = self._links(educator, f"/cohorts/{self.ids['cohort'][0]}/artifacts/new",
                                 r'name="indicator\[\]" value="(\d+)"')
        if indicators:
            self.ids["indicator"] = indicators[:6]
        # One artifact of the educator's own, with a file, for revisions and downloads.
        response = educator.upload(f"/cohorts/{self.ids['cohort'][0]}/artifacts",
                                   {"title": "Fuzz seed", "description": "seed", "indicator[]": self.ids["indicator"][:1]},
                                   {"file": ("notes.txt", TINY_TEXT_FILE, "text/plain")})
        mine = re.search(r"/artifacts/(\d+)", response.headers.get("Location", ""))
        if mine:
            self.ids["my_artifact"] = [mine.group(1)]
            found["artifact"].add(mine.group(1))
        for artifact in sorted(found["artifact"], key=int)[:4]:
            page = facilitator.get(f"/artifacts/{artifact}").text
            found["version"].update(re.findall(r"/files/(\d+)", page))
            found["feedback"].update(re.findall(r"/feedback/(\d+)/", page))
        found["submission"].update(self._links(browsers["evaluator"], "/reviews", r'/reviews/(\d+)'))
        found["flag"].update(self._links(facilitator, "/moderation", r'/flags/(\d+)/'))
        found["invitation"].update(self._links(browsers["admin"], "/admin/people", r'/invitations/(\d+)/revoke'))
        # People for the admin's account pages: never one the fuzz signs in as (a deactivation would end its session).
        people = self._links(browsers["admin"], "/admin/people", r'href="/admin/people/(\d+)">[^<]*</a></td><td>([^<]+)<')
        found["person"].update(sorted((p for p, email in people if email not in self.emails), key=int)[:4])
        found["message"].update(self._links(browsers["admin"], "/admin/mail", r'href="/admin/mail/(\d+)"')[:4])
        for key, values in found.items():
            if values:
                self.ids[key] = sorted(values, key=lambda v: int(v) if v.isdigit() else 0)
