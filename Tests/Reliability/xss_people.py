"""The XSS run's people: signing in, the roster and its CSV import, invited posters, names,
invitation emails and time zones."""

import collections
import concurrent.futures
import csv
import io
import math
import re
import unicodedata
import urllib.parse

import harness
import xss_check as check
from xss_base import Actor, HIDE_TARGETS, PASSWORD, TITLE_LIMIT


class PeopleSteps:
    def sign_in_probes(self):
        """The sign-in form shows the email again after a failure (each costs a password
        check, and the throttle answers 429 with the same form)."""
        for number in self.numbers():
            session = harness.Browser(self.base)
            email = self.text("lg", number)
            response = self.request("lg", number, session, "POST", "/login", {"email": email, "password": "wrong"})
            if response is not None and response.status_code == 429:  # throttled: the form again all the same
                self.sent["lg"].add(number)
                self.refused["lg"].add(number)
            self.check_response(f"sign-in form again [lg #{number}]", response,
                                [] if self.huge(number) else [("lg", number, email.strip())])

    def setup(self):
        missed = check.self_test()
        if missed:
            raise SystemExit(f"the HTML checks do not see: {missed}")
        admin = self.sign_in(harness.ADMIN, 0)
        dashboard = admin.session.get("/").text
        cohorts = dict(re.findall(r'href="/cohorts/(\d+)">([^<]+)</a>', dashboard))
        self.spring = int(next(i for i, name in cohorts.items() if name.startswith("Spring")))
        self.autumn = int(next(i for i, name in cohorts.items() if name.startswith("Autumn")))
        people = [(harness.FACILITATOR, self.spring), (harness.EVALUATOR, 0)] + \
                 [(e, self.spring) for e in harness.EDUCATORS] + \
                 [("quentin.blake@example.org", self.autumn), ("omar.farouk@example.org", self.autumn)]
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda pair: self.sign_in(*pair), people))
        self.admin = admin
        self.facilitator = self.actors[harness.FACILITATOR]
        self.evaluator = self.actors[harness.EVALUATOR]
        self.quentin = self.actors["quentin.blake@example.org"]
        self.omar = self.actors["omar.farouk@example.org"]
        self.amara = self.actors[harness.EDUCATORS[0]]
        form = self.amara.session.get(f"/cohorts/{self.spring}/artifacts/new").text
        self.indicator = re.search(r'name="indicator\[\]" value="(\d+)"', form).group(1)
        boards = admin.session.get(f"/cohorts/{self.spring}/boards").text
        self.fallback_board = int(re.search(r'href="/boards/(\d+)"', boards).group(1))
        # Our own pages before any payload, recorded to be opened in Chromium later (through
        # the replay server): they must not raise a CSP violation either.
        self.baseline = []
        for actor, path in ((admin, "/"), (admin, f"/cohorts/{self.spring}"), (admin, f"/boards/{self.fallback_board}"),
                            (self.amara, "/"), (self.amara, f"/cohorts/{self.spring}/artifacts/new"),
                            (self.quentin, f"/cohorts/{self.autumn}/portfolio"), (self.evaluator, "/reviews")):
            answer = actor.session.http.get(self.base + path)
            headers = {k: v for k, v in answer.headers.items() if k.lower() in ("content-type", "content-security-policy")}
            self.baseline.append((path, self.replay.add(200, headers, answer.content)))
        self.plan_titles()

    def plan_titles(self):
        """Thread titles: short payloads share a title (" | " between them); a payload
        with a NUL byte or over the limit goes alone."""
        alone, fitting = [], []
        for number in self.numbers():
            title = self.text("tt", number)
            if "\x00" in title or len(title.strip()) > TITLE_LIMIT:
                alone.append([number])
            else:
                fitting.append(number)
        bins = []
        for number in sorted(fitting, key=lambda n: -len(self.text("tt", n))):
            size = len(self.text("tt", number))
            for group in bins:
                if sum(len(self.text("tt", n)) + 3 for n in group) + size <= TITLE_LIMIT:
                    group.append(number)
                    break
            else:
                bins.append([number])
        self.title_groups = bins + alone
        topics = len(bins) + sum(1 for group in alone if not self.huge(group[0])) + 1
        posts = len(self.payloads) + HIDE_TARGETS + topics
        have = len([a for a in self.actors.values() if a.cohort == self.spring])
        self.invitations = max(0, math.ceil(topics / 3) - have, math.ceil(posts / 11) - have) + 2
        self.log(f"{len(self.title_groups)} thread titles, {self.invitations} posters to invite")

    # -- roster CSV cells; invited posters -------------------------------------------------------
    def import_csv(self, rows, label):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        return self.request(None, None, self.admin, "POST", f"/cohorts/{self.spring}/roster/import", {},
                            {"file": ("roster.csv", buffer.getvalue().encode("utf-8"), "text/csv")}, label=label)

    def roster(self):
        normal = [p for p in self.payloads if not p.huge and "\x00" not in p.template]
        # Every row refused (bad email): the report shows each cell as it came.
        response = self.import_csv([(p.text("ro"),) * 3 for p in normal], "roster import (refused rows)")
        expects = [("ro", p.number, p.text("ro").strip()) for p in normal
                   if "\n" not in p.text("ro") and "\r" not in p.text("ro")]
        self.check_response("roster import report (refused rows)", response, expects)
        for p in normal:
            self.tally("ro", p.number, response)
        # Valid rows: people invited under payload names.
        valid = [p for p in normal if self.valid_name(p.text("ro"))]
        rows = [("email", "name", "role")] + [(f"roster.{p.number}@example.org", p.text("ro"), "participant")
                                                for p in valid]
        response = self.import_csv(rows, "roster import (valid rows)")
        self.check_response("roster import report (valid rows)", response,
                            [("ro", p.number, p.text("ro").strip()) for p in valid])
        for p in valid:
            self.tally("ro", p.number, response)
        # NUL bytes and megabyte cells: a file each.
        for p in self.payloads:
            if p.huge or "\x00" in p.template:
                response = self.import_csv([(f"cell.{p.number}@example.org", p.text("ro"), "participant")],
                                           f"roster import [ro #{p.number}]")
                self.check_response(f"roster import report [ro #{p.number}]", response)
                self.tally("ro", p.number, response)

    @staticmethod
    def valid_name(text):
        name = text.strip()
        return 0 < len(name) <= 120 and not any(unicodedata.category(ch) == "Cc" for ch in name)

    def invited_posters(self):
        """Invitations accepted with payloads as names: the first names sent, and
        enough people to post within the limits."""
        count = self.invitations
        rows = [(f"poster.{n}@example.org", f"Poster {n}", "participant") for n in range(count)]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        response = self.admin.session.upload(f"/cohorts/{self.spring}/roster/import", {},
                                             {"file": ("posters.csv", buffer.getvalue().encode(), "text/csv")})
        links = re.findall(r'class="invitation-link" href="([^"]+)"', response.text)
        if len(links) != count:
            raise SystemExit(f"the roster import made {len(links)} invitations, not {count} (HTTP {response.status_code})")
        self.name_queue = collections.deque(self.numbers())
        with self.lock:
            firsts = [self.name_queue.popleft() for _ in range(count)]

        def accept(job):
            index, link, number = job
            path = urllib.parse.urlsplit(link).path
            session = harness.Browser(self.base)
            session.get(path)
            name = self.text("nm", number)
            form = {"name": name, "password": PASSWORD, "passwordConfirmation": PASSWORD}
            answer = self.request("nm", number, session, "POST", path, form)
            if answer is not None and answer.status_code == 422:
                self.check_response(f"invitation form again [nm #{number}]", answer,
                                    [] if self.huge(number) else [("nm", number, name)])
                answer = session.post(path, dict(form, name=f"Poster {index}"))
            if answer is None or answer.status_code != 303:
                raise SystemExit(f"accepting invitation {index} answered {getattr(answer, 'status_code', None)}")
            actor = Actor(f"poster.{index}@example.org", session, self.spring)
            if number in self.accepted["nm"]:
                actor.name_number = number
            with self.lock:
                self.actors[actor.email] = actor
            page = session.get("/")  # the welcome flash; and the new session's CSRF token
            self.check_html(f"welcome [nm #{number}]", page.text,
                            [("nm", number, name.strip())] if actor.name_number else [], actor)

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            list(pool.map(accept, [(i, link, firsts[i]) for i, link in enumerate(links)]))
        self.name_pages("names from invitations")

    def name_pages(self, label):
        """The pages that list people, while these names are in place."""
        named = [a for a in self.actors.values() if a.name_number]
        expect = lambda actors: [("nm", a.name_number, self.text("nm", a.name_number).strip()) for a in actors]
        spring = [a for a in named if a.cohort == self.spring and a is not self.admin]
        for actor, path, expects in ((self.admin, "/admin/people", expect(named)),
                                     (self.admin, f"/cohorts/{self.spring}/roster", expect(spring)),
                                     (self.admin, f"/cohorts/{self.spring}", expect(spring)),
                                     (self.admin, f"/cohorts/{self.autumn}", []),
                                     (self.facilitator, f"/cohorts/{self.spring}/progress", []),
                                     (self.amara, f"/cohorts/{self.spring}/artifacts", []),
                                     (self.admin, "/moderation", []),
                                     (self.admin, f"/boards/{self.fallback_board}", [])):
            self.get(actor, path, expects, label=f"GET {path} ({label})", again=False)
        for actor in named:
            self.get(actor, "/account", expect([actor]), label=f"GET /account as {actor.email} ({label})", again=False)

    def names(self):
        pool = [a for a in self.actors.values() if a is not self.admin]
        round_number = 0
        while self.name_queue:
            round_number += 1
            for actor in pool:
                if not self.name_queue:
                    break
                number = self.name_queue.popleft()
                response = self.request("nm", number, actor, "POST", "/account/name", {"name": self.text("nm", number)})
                if response is not None and response.status_code == 303:
                    actor.name_number = number
                else:
                    self.check_response(f"name refused [nm #{number}]", response)  # the form shows the saved name
            self.name_pages(f"names round {round_number}")

    def emails_and_zones(self):
        zone_actor = self.actors[harness.EDUCATORS[2]]
        for number in self.numbers():
            email = self.text("em", number)
            response = self.request("em", number, self.admin, "POST", "/admin/invitations", {"email": email, "role": "educator"})
            if response is not None and response.status_code == 303:
                self.flash_page(self.admin, [("em", number, email.strip().lower())], f"invitation made [em #{number}]")
            else:
                self.check_response(f"invitation form again [em #{number}]", response,
                                    [] if self.huge(number) else [("em", number, email)])
            zone = self.text("tz", number)
            response = self.request("tz", number, zone_actor, "POST", "/account/time-zone", {"timeZone": zone})
            self.check_response(f"time zone form again [tz #{number}]", response,
                                [] if self.huge(number) else [("tz", number, zone)])
        zone_actor.session.post("/account/time-zone", {"timeZone": ""})
