#!/usr/bin/env python3
"""XSS and injection check of every field a person can type into.

Sends each payload of payloads.py through every field: people's names (invitation and
account forms), cohort names, board titles, thread titles, posts, hide and flag
reasons, artifact titles, descriptions, file names, links and version notes, feedback
and feedback flags, portfolio reflections and contextualizations, review comments,
search words, roster CSV cells, meeting links and time zones, invitation emails,
certificate revocation reasons (and, with --full, the sign-in email).
Then every page that shows them (and every answer to a refused form) is parsed: an
element, attribute or URL that no template writes is "unescaped", and a plain-text
value must come back as it was typed ("altered" otherwise: escaped twice, cut short,
refused without reason). Finally headless Chromium shows all those pages with
JavaScript on and counts what ran and every CSP violation. Any finding, a 5xx, or a
dropped connection fails the run.

    .venv-tests/bin/python Tests/Reliability/xss.py [--full] [--verbose]

About three minutes on the 2-core machine (2,700 pages checked, 3,000 submissions);
`--full` (or `--soak`, which Tests/Reliability/run passes) takes about 25 minutes.
--verbose says what it is doing, lists every finding (not only the first 50 of each
kind) and how many payloads each field took or refused.

Posting limits (3 threads and 12 posts a minute per person) are respected, not turned
off: several short payloads share one thread title, posts are spread over the demo's
people and a few invited ones, and values that can be changed (names, hide and
revocation reasons, portfolio and review drafts) are sent in rounds, each round's
pages checked before the next. Posts are also edited, so the edit form shows them.
Atom feeds, meeting calendars and CSV exports of the same data get their own checks
(well-formed XML, no smuggled calendar lines, no spreadsheet formulas).

Chromium shows each page's exact bytes in a same-origin frame that inherits the site's
CSP (see xss_browser.py), and also opens a sample of pages (the first few of each kind,
and any page the HTML check flagged) by real navigation; `--full` opens every page by
navigation, and also crawls quote, reply and edit-history pages."""

import argparse
import collections
import concurrent.futures
import csv
import datetime
import html
import io
import math
import re
import sys
import threading
import time
import traceback
import unicodedata
import urllib.parse
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402
import payloads as corpus  # noqa: E402
import xss_check as check  # noqa: E402
from xss_browser import BrowserPass, Page, ReplayServer  # noqa: E402

FIELDS = {
    "nm": "person's name (invitation and account forms)",
    "co": "cohort name",
    "bd": "board title",
    "tt": "thread title",
    "po": "post (Markdown)",
    "hd": "hide reason",
    "fl": "post flag reason",
    "at": "artifact title",
    "ds": "artifact description (Markdown)",
    "fn": "uploaded file name",
    "lk": "artifact link",
    "vn": "version note",
    "fb": "feedback (Markdown)",
    "ff": "feedback flag reason",
    "pf": "portfolio reflection and contextualizations",
    "rv": "review comments and overall feedback",
    "sq": "search words and author",
    "ro": "roster CSV cells",
    "sc": "meeting link and time zone",
    "tz": "account time zone",
    "em": "invitation email",
    "cr": "certificate revocation reason",
    "lg": "sign-in email (--full only)",
}
PASSWORD = "xss-probe-password-1"
TITLE_LIMIT = 150
HIDE_TARGETS = 20
OPEN_PER_KIND = 3
LARGE_PAGE = 200_000
CRAWL_CAP = 30
READERS = 3  # pages read at once while the server works on the last ones
SKIP_LINK = re.compile(r"^/(logout|files/|assets/)|\.(ics|csv|atom)(\?|$)")
SKIP_LINK_DEFAULT = re.compile(r"[?&](quote|replyTo|version)=|/history$")
START = time.monotonic()


class Actor:
    def __init__(self, email, session, cohort):
        self.email = email
        self.session = session
        self.cohort = cohort
        self.topics = 0
        self.posts = 0
        self.feedback = 0
        self.exhausted = set()
        self.name_number = None

    def cookies(self):
        return {c.name: c.value for c in self.session.http.cookies if c.name in ("cohort_session", "cohort_visitor")}


class XSSRun:
    def __init__(self, server, full=False, verbose=False):
        self.server = server
        self.base = server.url
        self.full = full
        self.verbose = verbose
        self.payloads = corpus.PAYLOADS
        self.lock = threading.RLock()
        self.sent = collections.defaultdict(set)
        self.refused = collections.defaultdict(set)
        self.accepted = collections.defaultdict(set)
        self.findings = []
        self.altered = []
        self.altered_keys = set()
        self.server_errors = []
        self.notes = []
        self.bidi = set()
        self.pages_checked = 0
        self.submissions = 0
        self.browser_pages = []  # (label, actor or None, path to open again or None, html, flagged)
        self.marker_pages = collections.defaultdict(set)
        self.actors = {}
        self.replay = ReplayServer(self.base)
        self.browser_results = []
        self.local = threading.local()
        self.pool = concurrent.futures.ThreadPoolExecutor(READERS)

    # -- plumbing ---------------------------------------------------------------------------
    def log(self, *parts):
        if self.verbose:
            print(f"[{time.monotonic() - START:6.1f}s]", *parts,
                  f"({self.submissions} submissions, {self.pages_checked} pages)", file=sys.stderr, flush=True)

    def text(self, field, number):
        return corpus.by_number(number).text(field)

    def huge(self, number):
        return corpus.by_number(number).huge

    def numbers(self, huge=True, nul=True):
        return [p.number for p in self.payloads if (huge or not p.huge) and (nul or "\x00" not in p.template)]

    def tally(self, field, number, response):
        """Counts one payload as sent (unless rate limited) and as taken or refused."""
        if response is None or response.status_code == 429 or response.status_code >= 500:
            return
        with self.lock:
            self.sent[field].add(number)
            (self.refused if response.status_code >= 400 else self.accepted)[field].add(number)

    def request(self, field, number, who, method, path, data=None, files=None, label=None):
        """One submission; a 5xx or a dropped connection is recorded. `field`/`number`
        None: the caller counts the payloads (several at once)."""
        session = getattr(who, "session", who)
        label = label or f"{method} {path} [{field} #{number}]"
        try:
            if method == "GET":
                response = session.http.get(self.base + path, params=data, timeout=60, allow_redirects=False)
            elif files is not None:
                response = session.upload(path, data, files)
            else:
                response = session.post(path, data)
        except requests.RequestException as error:
            with self.lock:
                self.submissions += 1
                if number and self.huge(number):
                    # A megabyte refused by closing the connection: no page to check, nothing stored.
                    self.sent[field].add(number)
                    self.refused[field].add(number)
                    self.notes.append(f"{label}: connection closed without an answer ({type(error).__name__})")
                else:
                    self.server_errors.append(f"{label}: no answer ({type(error).__name__}: {error})")
            self.require_alive(label)
            return None
        with self.lock:
            self.submissions += 1
            if response.status_code >= 500:
                self.server_errors.append(f"{label}: HTTP {response.status_code}")
        if field and number:
            self.tally(field, number, response)
        return response

    def require_alive(self, label):
        try:
            requests.get(self.base + "/login", timeout=10)
        except requests.RequestException:
            raise SystemExit(f"the server stopped answering after {label}")

    def check_html(self, label, text, expects=(), actor=None, path=None):
        """Audits one page. `expects`: (field, number, text) it must show literally.
        The page goes to Chromium when it holds a payload: opened at `path` with
        `actor`'s cookies when it is a page one can open again, else written."""
        audit = check.audit_html(label, text)
        shown = audit.shown()
        missing = [(f, n, t) for f, n, t in expects if check.norm(t) not in shown]
        markers = check.markers_in(text)
        with self.lock:
            self.pages_checked += 1
            self.findings += audit.findings
            for field, number, typed in missing:
                if (field, number) not in self.altered_keys:
                    self.altered_keys.add((field, number))
                    self.altered.append(f"{label}: {field} #{number} is not shown as typed: {typed[:140]!r}")
            for m in markers:
                self.marker_pages[m].add(label)
            for chunk in audit.texts:
                if check.unterminated_overrides(chunk):
                    self.bidi.update((m[2:4], m[4:7]) for m in check.markers_in(chunk))
            if markers or audit.findings:
                self.browser_pages.append((label, actor, path, text, bool(audit.findings)))
        return audit

    def check_response(self, label, response, expects=()):
        if response is None or response.status_code in (301, 302, 303) or \
                "html" not in response.headers.get("Content-Type", ""):
            return None
        return self.check_html(label, response.text, expects)

    def reader(self, actor):
        """This thread's copy of `actor`'s cookies, for reading pages in parallel."""
        readers = self.local.__dict__.setdefault("readers", {})
        if actor.email not in readers:
            copy = harness.Browser(self.base)
            copy.http.cookies.update(actor.session.http.cookies)
            readers[actor.email] = copy
        return readers[actor.email]

    def get(self, actor, path, expects=(), label=None, again=True):
        """GET as `actor` and check. again=False: the page is a passing state, written later."""
        response = self.reader(actor).http.get(self.base + path, timeout=60)
        label = label or f"GET {path} as {actor.email}"
        if response.status_code >= 500:
            self.server_errors.append(f"{label}: HTTP {response.status_code}")
        if "html" in response.headers.get("Content-Type", ""):
            self.check_html(label, response.text, expects, actor, path if again else None)
        return response

    def flash_page(self, actor, expects, label):
        """The one-time flash message a redirect left, shown on a small page."""
        page = actor.session.get("/account")
        self.check_html(label, page.text, expects, actor)

    def sign_in(self, email, cohort):
        session = harness.Browser(self.base)
        session.sign_in(email)
        actor = Actor(email, session, cohort)
        with self.lock:
            self.actors[email] = actor
        return actor

    def posters(self):
        return [a for a in self.actors.values() if a.cohort == self.spring]

    def pick(self, kind, exclude=()):
        """A poster with room left under the posting limits (3 threads, 12 posts or
        feedback a minute; one under, for safety)."""
        limit = {"topics": 3, "posts": 11, "feedback": 11}[kind]
        choices = [a for a in self.posters() if a.email not in exclude and kind not in a.exhausted
                   and getattr(a, kind) < limit and (kind != "topics" or a.posts < 11)]
        if not choices:
            raise SystemExit(f"no account has room left to write {kind}: the posting plan is wrong")
        return min(choices, key=lambda a: (getattr(a, kind), a.posts))

    def write(self, kind, path, data, field, number, label, exclude=()):
        """Posts as someone with room under the limits; a 429 moves on to someone else."""
        for _ in range(len(self.actors)):
            actor = self.pick(kind, exclude)
            response = self.request(field, number, actor, "POST", path, data, label=label)
            if response is not None and response.status_code == 429:
                actor.exhausted.add(kind)
                continue
            if response is not None and response.status_code in (302, 303):
                if kind == "topics":
                    actor.topics += 1
                    actor.posts += 1
                else:
                    setattr(actor, kind, getattr(actor, kind) + 1)
            return actor, response
        raise SystemExit("everyone is rate limited")

    # -- the run -------------------------------------------------------------------------------
    def run(self):
        steps = [self.setup, self.roster, self.invited_posters, self.cohorts, self.boards, self.threads,
                 self.hides_and_flags, self.artifacts, self.links, self.schedule, self.emails_and_zones,
                 self.portfolio_and_reviews, self.names, self.search, self.crawl, self.exports]
        for step in steps:
            step()
            self.log("done:", step.__name__)
        self.pool.shutdown()
        if self.full:
            self.sign_in_probes()
        self.browser()

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

    # -- cohorts, boards, threads, posts, hides, flags -----------------------------------------------
    def cohorts(self):
        start = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        self.cohort_of = {}
        for number in self.numbers():
            name = self.text("co", number)
            response = self.request("co", number, self.admin, "POST", "/admin/cohorts",
                                    {"name": name, "startsOn": start, "time": "17:00", "timeZone": "Europe/Berlin"})
            if response is not None and response.status_code == 303:
                self.cohort_of[number] = int(re.search(r"/cohorts/(\d+)", response.headers["Location"]).group(1))
            else:
                self.check_response(f"new cohort form again [co #{number}]", response,
                                    [] if self.huge(number) else [("co", number, name)])

    def boards(self):
        self.board_of = {}
        for number in self.numbers():
            title = self.text("bd", number)
            response = self.request("bd", number, self.facilitator, "POST", f"/cohorts/{self.spring}/boards",
                                    {"title": title})
            if response is not None and response.status_code == 303:
                self.flash_page(self.facilitator, [("bd", number, title.strip())], f"board added [bd #{number}]")
            else:
                self.check_response(f"board refused [bd #{number}]", response)
        page = self.admin.session.get(f"/cohorts/{self.spring}/boards").text
        for board, title in re.findall(r'<a href="/boards/(\d+)"><strong>(.*?)</strong>', page, re.S):
            found = corpus.MARKER_RE.search(title)
            if found and found.group(1) == "bd":
                self.board_of[int(found.group(2))] = int(board)

    def threads(self):
        """A thread per title group (in the board of its first payload); the posts'
        payloads are replies, one each, spread over those threads."""
        self.topic_of_title = {}
        self.post_of = {}  # po number -> (post id, topic id, author)
        self.topics = []
        for group in self.title_groups:
            title = " | ".join(self.text("tt", n) for n in group)
            board = self.board_of.get(group[0], self.fallback_board)
            body = f"Opening post, titled with {', '.join(corpus.marker('tt', n) for n in group)}"
            actor, response = self.write("topics", f"/boards/{board}/threads",
                                         {"title": title, "body": body, "kind": "discussion"},
                                         None, None, f"new thread [tt #{','.join(map(str, group))}]")
            for n in group:
                self.tally("tt", n, response)
            if response is not None and response.status_code == 303:
                topic = int(re.search(r"/threads/(\d+)", response.headers["Location"]).group(1))
                self.topics.append(topic)
                for n in group:
                    self.topic_of_title[n] = topic
            else:
                self.check_response(f"new thread form again [tt #{','.join(map(str, group))}]", response,
                                    [] if self.huge(group[0]) else [("tt", n, self.text("tt", n)) for n in group])
        if not self.topics:
            raise SystemExit("no thread could be started")
        for index, number in enumerate(self.numbers()):
            topic = self.topics[index % len(self.topics)]
            body = self.text("po", number)
            actor, response = self.write("posts", f"/threads/{topic}/posts", {"body": body, "parentId": ""},
                                         "po", number, f"reply [po #{number}]")
            if response is not None and response.status_code == 303:
                post = int(re.search(r"#post-(\d+)", response.headers["Location"]).group(1))
                self.post_of[number] = (post, topic, actor)
            else:
                self.check_response(f"reply form again [po #{number}]", response,
                                    [] if self.huge(number) else [("po", number, body)])
        # Each post edited by its author: the edit form, and the history's earlier version.
        self.edited = set()
        for number, (post, topic, author) in sorted(self.post_of.items()):
            response = self.request(None, None, author, "POST", f"/posts/{post}/edit",
                                    {"body": self.text("po", number) + "\n\n(edited)"}, label=f"edit [po #{number}]")
            if response is not None and response.status_code == 303:
                self.edited.add(number)
            else:
                self.check_response(f"edit form again [po #{number}]", response)
                self.altered.append(f"po #{number}: its author could not edit it (HTTP {getattr(response, 'status_code', None)})")

    def hides_and_flags(self):
        # Hide reasons: the same posts hidden again and again, the thread checked each round.
        actor, response = self.write("topics", f"/boards/{self.fallback_board}/threads",
                                     {"title": "Posts to hide", "body": "Replies below get hidden.", "kind": "discussion"},
                                     None, None, "thread of posts to hide")
        topic = int(re.search(r"/threads/(\d+)", response.headers["Location"]).group(1))
        targets = []
        for k in range(HIDE_TARGETS):
            _, reply = self.write("posts", f"/threads/{topic}/posts", {"body": f"Reply {k} to hide", "parentId": ""},
                                  None, None, "reply to hide")
            targets.append(int(re.search(r"#post-(\d+)", reply.headers["Location"]).group(1)))
        self.hide_topic = topic
        numbers = self.numbers()
        self.final_hides = []
        for start in range(0, len(numbers), HIDE_TARGETS):
            batch = numbers[start:start + HIDE_TARGETS]
            shown = []
            for post, number in zip(targets, batch):
                reason = self.text("hd", number)
                hide = self.request("hd", number, self.facilitator, "POST", f"/posts/{post}/hide", {"reason": reason})
                if hide is not None and hide.status_code == 303:
                    shown.append(("hd", number, reason))
                else:
                    self.check_response(f"hide refused [hd #{number}]", hide)
            self.get(self.admin, f"/threads/{topic}", shown, label=f"GET /threads/{topic} (hide round {start // HIDE_TARGETS + 1})",
                     again=False)
            self.final_hides = shown
        # Flag reasons: each payload flags another post (one flag per person and post).
        posts = [self.post_of[n] for n in sorted(self.post_of)]
        flagged = collections.defaultdict(set)
        self.flags_shown = []
        for index, number in enumerate(numbers):
            post, topic, author = self.post_of.get(number) or posts[index % len(posts)]
            reporter = next(a for a in self.posters() if a is not author and a is not self.facilitator
                            and a is not self.admin and a.email not in flagged[post])
            flagged[post].add(reporter.email)
            reason = self.text("fl", number)
            response = self.request("fl", number, reporter, "POST", f"/posts/{post}/flag", {"reason": reason})
            if response is not None and response.status_code == 303:
                self.flags_shown.append(("fl", number, reason))
            else:
                self.check_response(f"flag refused [fl #{number}]", response)

    # -- artifacts -------------------------------------------------------------------------------------
    @staticmethod
    def sent_file_name(raw):
        """What browsers (and urllib3) put in the multipart header for a file name."""
        return raw.translate({10: "%0A", 13: "%0D", 34: "%22"})

    def share(self, actor, field, number, title, description, file_name=None, link=""):
        if file_name is not None:
            files = {"file": (file_name, f"A text file for {corpus.marker('fn', number)}\n".encode(), "text/plain")}
        else:
            files = {"file": ("", b"", "application/octet-stream")}  # an empty file input, as browsers send it
        fields = {"title": title, "description": description, "indicator[]": self.indicator, "link": link}
        return self.request(field, number, actor, "POST", f"/cohorts/{self.spring}/artifacts", fields, files,
                            label=f"share [{field or 'at+ds+fn'} #{number}]")

    def artifacts(self):
        self.artifact_of = {}  # (field, number) -> artifact id
        self.owner_of = {}
        owners = [a for a in self.posters() if a is not self.admin]
        for index, number in enumerate(self.numbers()):
            owner = owners[index % len(owners)]
            title, description = self.text("at", number), self.text("ds", number)
            file_name = self.text("fn", number) + ".txt"
            response = self.share(owner, None, number, title, description, file_name)
            if response is not None and response.status_code == 303:
                artifact = int(re.search(r"/artifacts/(\d+)", response.headers["Location"]).group(1))
                self.owner_of[artifact] = owner
                for field in ("at", "ds", "fn"):
                    self.artifact_of[(field, number)] = artifact
                    self.tally(field, number, response)
                continue
            self.check_response(f"share form again [at+ds+fn #{number}]", response,
                                [] if self.huge(number) else [("at", number, title), ("ds", number, description)])
            for field, t, d, f in (("at", title, "", f"probe-{number}.txt"),
                                   ("ds", f"Description probe {corpus.marker('ds', number)}", description, f"probe-{number}.txt"),
                                   ("fn", f"File name probe {corpus.marker('fn', number)}", "", file_name)):
                alone = self.share(owner, field, number, t, d, f)
                if alone is not None and alone.status_code == 303:
                    artifact = int(re.search(r"/artifacts/(\d+)", alone.headers["Location"]).group(1))
                    self.artifact_of[(field, number)] = artifact
                    self.owner_of[artifact] = owner
                elif alone is not None:
                    typed = {"at": t, "ds": d}.get(field)
                    self.check_response(f"share form again [{field} #{number}]", alone,
                                        [(field, number, typed)] if typed and not self.huge(number) else [])
                    if field == "fn" and alone.status_code < 500 and not self.huge(number):
                        self.altered.append(f"file name #{number} refused (HTTP {alone.status_code}) though it is a "
                                            f"plain .txt file: {f!r}")
        # A revision note, feedback, and a flag on the feedback, for each payload.
        artifacts = sorted({a for (field, _), a in self.artifact_of.items() if field == "at"})
        for index, number in enumerate(self.numbers()):
            artifact = self.artifact_of.get(("at", number)) or artifacts[index % len(artifacts)]
            owner = self.owner_of[artifact]
            note = self.text("vn", number)
            response = self.request("vn", number, owner, "POST", f"/artifacts/{artifact}/versions",
                                    {"note": note, "link": f"https://example.org/v/{number}"},
                                    {"file": ("", b"", "application/octet-stream")})
            if response is not None and response.status_code == 303:
                page = owner.session.get(response.headers["Location"]).text
                if "flash alert" in page:
                    self.accepted["vn"].discard(number)
                    self.refused["vn"].add(number)
                    self.check_html(f"revision refused [vn #{number}]", page)
                else:
                    self.artifact_of[("vn", number)] = artifact
        self.feedback_of = {}
        for index, number in enumerate(self.numbers()):
            artifact = self.artifact_of.get(("at", number)) or artifacts[index % len(artifacts)]
            owner = self.owner_of[artifact]
            page = owner.session.http.get(f"{self.base}/artifacts/{artifact}").text
            version = re.search(r'name="version" value="(\d+)"', page).group(1)
            body = self.text("fb", number)
            writer, response = self.write("feedback", f"/artifacts/{artifact}/feedback",
                                          {"body": body, "version": version, "indicatorId": "", "parentId": ""},
                                          "fb", number, f"feedback [fb #{number}]", exclude={owner.email, self.admin.email})
            if response is not None and response.status_code == 303:
                feedback = int(re.search(r"#feedback-(\d+)", response.headers["Location"]).group(1))
                self.feedback_of[number] = (artifact, feedback, writer)
            else:
                self.check_response(f"feedback form again [fb #{number}]", response,
                                    [] if self.huge(number) else [("fb", number, body)])
        given = [self.feedback_of[n] for n in sorted(self.feedback_of)]
        flagged = collections.defaultdict(set)
        self.feedback_flags_shown = []
        for index, number in enumerate(self.numbers()):
            artifact, feedback, writer = self.feedback_of.get(number) or given[index % len(given)]
            flagger = next(a for a in self.posters() if a.email not in flagged[feedback]
                           and a not in (writer, self.owner_of[artifact], self.facilitator, self.admin))
            flagged[feedback].add(flagger.email)
            reason = self.text("ff", number)
            response = self.request("ff", number, flagger, "POST", f"/feedback/{feedback}/flag", {"reason": reason})
            if response is not None and response.status_code == 303:
                self.feedback_flags_shown.append(("ff", number, reason))
            else:
                self.check_response(f"feedback flag refused [ff #{number}]", response)

    def links(self):
        owner = self.actors[harness.EDUCATORS[1]]
        self.link_artifact = {}
        for number in self.numbers():
            link = self.text("lk", number)
            response = self.share(owner, "lk", number, f"Link probe {corpus.marker('lk', number)}", "", None, link)
            if response is not None and response.status_code == 303:
                self.link_artifact[number] = int(re.search(r"/artifacts/(\d+)", response.headers["Location"]).group(1))
            else:
                self.check_response(f"share form again [lk #{number}]", response,
                                    [] if self.huge(number) else [("lk", number, link)])

    # -- schedule, invitation emails, time zones --------------------------------------------------------
    def schedule(self):
        page = self.facilitator.session.get(f"/cohorts/{self.spring}/schedule").text
        forms = re.findall(r'<form class="stack" method="post" action="(/cohorts/\d+/schedule/sessions/\d+)">(.*?)</form>',
                           page, re.S)
        action, inner = forms[-1]
        values = {name: html.unescape(value)
                  for name, value in re.findall(r'name="(day|time|timeZone|link)"[^>]*?value="([^"]*)"', inner)}
        position = action.rsplit("/", 1)[1]
        for number in self.numbers():
            payload = self.text("sc", number)
            response = self.request("sc", number, self.facilitator, "POST", action, dict(values, timeZone=payload, link=payload))
            self.check_response(f"schedule form again [sc #{number}]", response,
                                [] if self.huge(number) else [("sc", number, payload)])
            if self.huge(number) or not re.match(r"\s*(https?:|//)", payload, re.I):
                continue
            taken = self.request("sc", number, self.facilitator, "POST", action, dict(values, link=payload))
            if taken is not None and taken.status_code == 303:
                self.get(self.facilitator, f"/cohorts/{self.spring}", label=f"cohort page with meeting link [sc #{number}]",
                         again=False)
                ics = self.facilitator.session.http.get(f"{self.base}/cohorts/{self.spring}/sessions/{position}/meeting.ics")
                self.findings += check.audit_calendar(f"meeting.ics [sc #{number}]", ics.text)
            else:
                self.check_response(f"schedule form again, link only [sc #{number}]", taken, [("sc", number, payload)])
        self.facilitator.session.post(action, values)  # the meeting as it was

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

    # -- portfolio and reviews ---------------------------------------------------------------------------
    def save_portfolio(self, texts, label):
        """texts: the reflection, then one text per criterion."""
        page = self.quentin.session.get(f"/cohorts/{self.autumn}/portfolio").text
        data = {"reflection": texts[0]}
        selects = re.findall(r'<select id="[^"]*" name="(criterion-\d+-artifact)">(.*?)</select>', page, re.S)
        for index, (name, inner) in enumerate(selects):
            chosen = re.search(r'<option value="(\d+)" selected', inner)
            options = re.findall(r'<option value="(\d+)"', inner)
            data[name] = chosen.group(1) if chosen else options[index % len(options)]
        for name, text in zip(re.findall(r'name="(criterion-\d+-context)"', page), texts[1:]):
            data[name] = text
        return self.request(None, None, self.quentin, "POST", f"/cohorts/{self.autumn}/portfolio", data, label=label)

    def portfolio_and_reviews(self):
        # The evaluator holds the oldest queued portfolio and the admin the next, so that
        # Quentin's, submitted below, is the evaluator's next one.
        claim = self.evaluator.session.post("/reviews/claim", {})
        self.review_one = re.search(r"/reviews/(\d+)", claim.headers["Location"]).group(1)
        self.admin.session.post("/reviews/claim", {})
        per_save = 25
        normal = self.numbers(huge=False)
        for start in range(0, len(normal), per_save):
            batch = normal[start:start + per_save]
            texts = [self.text("pf", n) for n in batch] + [f"Filler {k}" for k in range(per_save)]
            response = self.save_portfolio(texts[:per_save], f"portfolio save [pf #{batch[0]}-{batch[-1]}]")
            for n in batch:
                self.tally("pf", n, response)
            taken = response is not None and response.status_code == 303
            self.get(self.quentin, f"/cohorts/{self.autumn}/portfolio",
                     [("pf", n, self.text("pf", n)) for n in batch] if taken else [],
                     label=f"GET portfolio (round {start // per_save + 1})", again=False)
        for p in self.payloads:
            if p.huge:
                response = self.save_portfolio([p.text("pf")] + [f"c{k}" for k in range(per_save)], f"portfolio [pf #{p.number}]")
                self.tally("pf", p.number, response)
                self.check_response(f"portfolio refused [pf #{p.number}]", response)
        # Everything at once, submitted: the evaluator's page shows it as Markdown.
        packed = self.numbers(huge=False, nul=False)
        self.save_portfolio(["\n\n".join(self.text("pf", n) for n in packed[k::per_save]) for k in range(per_save)],
                            "portfolio save (all payloads)")
        submitted = self.quentin.session.post(f"/cohorts/{self.autumn}/portfolio/submit", {})
        if submitted.status_code != 303 or "flash alert" in self.quentin.session.get("/account").text:
            self.notes.append("Quentin's portfolio could not be submitted, so no review page shows it")
        self.reviews(normal)

    def reviews(self, normal):
        path = f"/reviews/{self.review_one}"
        page = self.evaluator.session.get(path).text
        marks = sorted(set(re.findall(r'name="(mark-\d+)-comment"', page)), key=lambda n: int(n.split("-")[1]))
        per_save = len(marks) + 1
        for start in range(0, len(normal), per_save):
            batch = normal[start:start + per_save]
            data = {"overall": self.text("rv", batch[0]), "decision": "draft"}
            for name, number in zip(marks, batch[1:]):
                data[name + "-comment"] = self.text("rv", number)
            response = self.request(None, None, self.evaluator, "POST", path, data,
                                    label=f"review draft [rv #{batch[0]}-{batch[-1]}]")
            for n in batch:
                self.tally("rv", n, response)
            taken = response is not None and response.status_code == 303
            if not taken:
                self.check_response(f"review refused [rv #{batch[0]}-{batch[-1]}]", response)
            self.get(self.evaluator, path, [("rv", n, self.text("rv", n)) for n in batch] if taken else [],
                     label=f"GET review (round {start // per_save + 1})", again=False)
        for p in self.payloads:
            if p.huge:
                data = {"overall": "Overall", marks[0] + "-comment": p.text("rv"), "decision": "draft"}
                response = self.request("rv", p.number, self.evaluator, "POST", path, data)
                if response is not None and response.status_code == 303:
                    self.get(self.evaluator, path, [("rv", p.number, p.text("rv"))], label=f"GET review [rv #{p.number}]",
                             again=False)
                else:
                    self.check_response(f"review refused [rv #{p.number}]", response)
        # The final review: every payload, packed, and shown to the educator with the result.
        packed = self.numbers(huge=False, nul=False)
        data = {"overall": " | ".join(self.text("rv", n) for n in packed[0::per_save]), "decision": "submit"}
        for index, name in enumerate(marks, start=1):
            data[name] = "not-met" if index % 5 == 0 else "met"
            data[name + "-comment"] = " | ".join(self.text("rv", n) for n in packed[index::per_save])
        final = self.evaluator.session.post(path, data)
        if final.status_code != 303:
            self.notes.append(f"the final review was refused (HTTP {final.status_code})")
        self.review_owner = self.omar if corpus.marker("rv", packed[1]) in \
            self.omar.session.http.get(f"{self.base}/cohorts/{self.autumn}/portfolio").text else None
        if self.review_owner is None:
            self.notes.append("Omar's portfolio does not show the submitted review")
        self.review_expects = [("rv", n, self.text("rv", n)) for n in packed]
        claim = self.evaluator.session.post("/reviews/claim", {})
        found = re.search(r"/reviews/(\d+)", claim.headers.get("Location", ""))
        self.review_two = found.group(1) if found else None
        self.certificates()

    def certificates(self):
        """Revocation reasons, on the public certificate page: the same certificate revoked
        again with each reason, its page checked each time."""
        page = self.omar.session.http.get(f"{self.base}/cohorts/{self.autumn}/portfolio").text
        found = re.search(r'href="(/certificates/([^"]+))"', page)
        self.certificate = found.group(1) if found else None
        if not found:
            self.notes.append("no certificate to revoke: the review did not pass Omar's portfolio")
            return
        code = html.unescape(found.group(2))
        for number in self.numbers():
            reason = self.text("cr", number)
            response = self.request("cr", number, self.admin, "POST", "/admin/certificates/revoke",
                                    {"code": code, "reason": reason})
            if response is not None and response.status_code == 303:
                self.get(self.admin, self.certificate, [("cr", number, reason)],
                         label=f"certificate [cr #{number}]", again=False)
            else:
                self.check_response(f"revocation refused [cr #{number}]", response)

    # -- names ------------------------------------------------------------------------------------------
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

    # -- search -----------------------------------------------------------------------------------------
    def search(self):
        list(self.pool.map(self.search_one, self.numbers()))

    def search_one(self, number):
        admin = self.reader(self.admin)
        text = self.text("sq", number)
        # The words as typed, shown again in the box; they are also the words of post #number,
        # so its snippet comes back, with the matches marked.
        words = text.replace(corpus.marker("sq", number), corpus.marker("po", number))
        response = self.request("sq", number, admin, "GET", "/search", {"q": words},
                                label=f"GET /search?q= [sq #{number}]")
        if response is not None and response.status_code == 200:
            self.check_html(f"search [sq #{number}]", response.text, [("sq", number, words[:150])], self.admin,
                            "/search?" + urllib.parse.urlencode({"q": words}))
            if corpus.marker("po", number) not in response.text.split('id="q"', 1)[-1].split("</form>", 1)[-1] \
                    and number in self.post_of:
                self.get(self.admin, "/search?q=" + corpus.marker("po", number))
        else:
            self.check_response(f"search [sq #{number}]", response)
        response = self.request("sq", number, admin, "GET", "/search", {"author": text},
                                label=f"GET /search?author= [sq #{number}]")
        if response is not None and response.status_code == 200:
            self.check_html(f"search by author [sq #{number}]", response.text, [("sq", number, text[:100])],
                            self.admin, "/search?" + urllib.parse.urlencode({"author": text}))
        else:
            self.check_response(f"search by author [sq #{number}]", response)

    # -- the final state, page by page --------------------------------------------------------------------
    def expectations(self):
        """What the final pages must show as typed: (actor, path) -> [(field, number, text)]."""
        expects = collections.defaultdict(list)
        admin = self.admin
        for number, topic in self.topic_of_title.items():
            expects[(admin, f"/threads/{topic}")].append(("tt", number, self.text("tt", number)))
        for number, (post, topic, author) in self.post_of.items():
            source = self.text("po", number) + ("\n\n(edited)" if number in self.edited else "")
            expects[(admin, f"/posts/{post}/edit")].append(("po", number, source))
            if self.full:  # the source again in the quote form, and the earlier version in the history
                expects[(admin, f"/threads/{topic}?quote={post}")]
                if number in self.edited:
                    expects[(admin, f"/posts/{post}/history")]
            # Template delimiters in a post are words like any other.
            for delimited in re.findall(r"\{\{.*?\}\}\}?", self.text("po", number)):
                expects[(admin, f"/threads/{topic}")].append(("po", number, delimited))
            expects[(admin, f"/threads/{topic}")]  # the thread page itself
        expects[(admin, f"/threads/{self.hide_topic}")] += self.final_hides
        expects[(self.facilitator, "/moderation")] += self.flags_shown + self.feedback_flags_shown
        for (field, number), artifact in self.artifact_of.items():
            if field == "fn":  # the file is version 1's; a revision with a link came after it
                shown = check.display_file_name(self.sent_file_name(self.text("fn", number) + ".txt"))
                expects[(admin, f"/artifacts/{artifact}?version=1")].append(("fn", number, shown))
            elif field in ("at", "vn"):
                expects[(admin, f"/artifacts/{artifact}")].append((field, number, self.text(field, number)))
        for number, artifact in self.link_artifact.items():
            expects[(admin, f"/artifacts/{artifact}")].append(("lk", number, self.text("lk", number).strip()))
        for number, cohort in self.cohort_of.items():
            expects[(admin, f"/cohorts/{cohort}")].append(("co", number, self.text("co", number)))
            expects[(admin, "/")].append(("co", number, self.text("co", number)))
        for number, board in self.board_of.items():
            expects[(admin, f"/boards/{board}")].append(("bd", number, self.text("bd", number)))
            expects[(admin, f"/cohorts/{self.spring}/boards")].append(("bd", number, self.text("bd", number)))
        for actor in self.actors.values():
            if actor.name_number:
                typed = ("nm", actor.name_number, self.text("nm", actor.name_number))
                expects[(actor, "/account")].append(typed)
                expects[(admin, "/admin/people")].append(typed)
        if self.review_owner:
            expects[(self.review_owner, f"/cohorts/{self.autumn}/portfolio")] += self.review_expects
        if self.review_two:
            expects[(self.evaluator, f"/reviews/{self.review_two}")]
        if self.certificate:
            expects[(admin, self.certificate)]
        for actor in self.posters():
            expects[(actor, "/notifications")]
            expects[(actor, "/")]
        return expects

    def crawl(self):
        expects = self.expectations()
        seeds = collections.defaultdict(list)
        for actor, path in expects:
            seeds[actor].append(path)
        admin_seeds = ["/", "/admin", "/admin/people", "/admin/reviews", "/notifications", "/moderation",
                       f"/cohorts/{self.spring}", f"/cohorts/{self.autumn}", f"/cohorts/{self.spring}/boards",
                       f"/cohorts/{self.autumn}/boards", f"/cohorts/{self.spring}/artifacts",
                       f"/cohorts/{self.autumn}/artifacts", f"/cohorts/{self.spring}/roster",
                       f"/cohorts/{self.spring}/progress", f"/cohorts/{self.spring}/schedule", "/artifacts/mine"]
        plan = [(self.admin, admin_seeds + seeds.pop(self.admin, []), True)]
        for actor in (self.facilitator, self.evaluator, self.quentin, self.amara, self.omar):
            paths = ["/", "/notifications", "/account"] + seeds.pop(actor, [])
            if actor is self.facilitator:
                paths += ["/moderation", f"/cohorts/{self.spring}/progress"]
            if actor is self.evaluator:
                paths += ["/reviews"]
            if actor.cohort == self.autumn:
                paths += [f"/cohorts/{self.autumn}/portfolio"]
            plan.append((actor, paths, False))
        for actor, paths in seeds.items():
            plan.append((actor, paths, False))
        for actor, paths, follow in plan:
            self.crawl_as(actor, paths, follow, expects)
        # A payload taken by a Markdown field must still be on a page, in words.
        for field, where in (("po", self.post_of), ("ds", {n for f, n in self.artifact_of if f == "ds"}),
                             ("fb", self.feedback_of)):
            for number in where:
                if not self.marker_pages.get(corpus.marker(field, number)):
                    self.altered.append(f"{field} #{number} was taken but no page shows it: {self.text(field, number)[:120]!r}")

    def crawl_as(self, actor, seeds, follow, expects):
        """The seeds, and (follow) the pages they link to, a few of each kind; read in
        waves, several pages at once."""
        wave = list(dict.fromkeys(seeds))
        seen = set(wave)
        per_kind = collections.Counter()
        payload_cohorts = set(self.cohort_of.values())

        def read(path):
            response = self.reader(actor).http.get(self.base + path, timeout=60)
            label = f"GET {path} as {actor.email}"
            if response.status_code >= 500:
                with self.lock:
                    self.server_errors.append(f"{label}: HTTP {response.status_code}")
            if "html" not in response.headers.get("Content-Type", "") or response.status_code >= 400:
                with self.lock:
                    for field, number, typed in expects.get((actor, path), ()):
                        self.altered.append(f"{label}: HTTP {response.status_code}, so {field} #{number} is not shown")
                return ""
            self.check_html(label, response.text, expects.get((actor, path), ()), actor, path)
            return response.text

        while wave:
            pages = list(self.pool.map(read, wave))
            wave = []
            if not follow:
                break
            for text in pages:
                for href in re.findall(r'<a [^>]*?href="(/[^"#]*)', text):
                    href = html.unescape(href)
                    if href in seen or href.startswith("//") or SKIP_LINK.search(href) or \
                            (not self.full and SKIP_LINK_DEFAULT.search(href)):
                        continue
                    cohort = re.match(r"/cohorts/(\d+)/", href)
                    if cohort and int(cohort.group(1)) in payload_cohorts:
                        continue  # a payload cohort's own pages: its name is checked on /cohorts/N
                    kind = re.sub(r"\d+", "N", href.split("?")[0]) + ("?" if "?" in href else "")
                    if per_kind[kind] >= CRAWL_CAP and not self.full:
                        continue
                    per_kind[kind] += 1
                    seen.add(href)
                    wave.append(href)
        self.log(f"crawled {len(seen)} pages as {actor.email}")

    def exports(self):
        self.findings += check.audit_csv("progress.csv", self.facilitator.session.http.get(
            f"{self.base}/cohorts/{self.spring}/progress.csv").text)
        self.findings += check.audit_csv("portfolio report.csv", self.admin.session.http.get(
            f"{self.base}/admin/reviews/report.csv").text)
        for number, cohort in self.cohort_of.items():
            ics = self.admin.session.http.get(f"{self.base}/cohorts/{cohort}/sessions/1/meeting.ics")
            if ics.status_code == 200:
                self.findings += check.audit_calendar(f"meeting.ics of cohort {cohort} [co #{number}]", ics.text)
        self.admin.session.post("/account/feed-token", {})
        for board in sorted(set(self.board_of.values()) | {self.fallback_board}):
            page = self.admin.session.http.get(f"{self.base}/boards/{board}").text
            found = re.search(r'href="(/boards/\d+/feed\.atom\?token=[^"]+)"', page)
            if found:
                feed = self.admin.session.http.get(self.base + html.unescape(found.group(1)))
                self.findings += check.audit_feed(f"feed of board {board}", feed.text)[0]

    # -- Chromium -------------------------------------------------------------------------------------
    def browser(self):
        pages = []
        csp = requests.get(self.base + "/login").headers["Content-Security-Policy"]
        # Canaries: the pass must see a blocked inline script, and a script that ran.
        canary = "<!doctype html><title>canary</title><p>x<script>alert('canary')</script></p>"
        pages.append(Page("canary (site CSP)", "frame", self.base, None, self.admin.cookies(), canary))
        bare = self.replay.add(200, {"Content-Type": "text/html; charset=utf-8"}, b"<!doctype html><title>host</title>")
        pages.append(Page("canary (no CSP)", "frame", self.replay.url, None, None, canary, host=bare))
        for path, recorded in self.baseline:
            pages.append(Page("baseline " + path, "open", self.replay.url, recorded))
        opened = collections.Counter()
        unlaid = []
        for label, actor, path, text, flagged in self.browser_pages:
            cookies = (actor or self.admin).cookies()
            pages.append(Page(label, "frame", self.base, None, cookies, text))
            kind = re.sub(r"\d+", "N", path.split("?")[0]) if path else None
            if len(text) >= LARGE_PAGE:
                # Chromium takes a minute to lay out a megabyte of text; such pages are shown
                # in frames without layout only.
                unlaid.append(f"{label} ({len(text) >> 10} KB)")
            elif path and (self.full or flagged or opened[kind] < OPEN_PER_KIND):
                opened[kind] += 1
                pages.append(Page(label, "open", self.base, path, cookies))
            elif not path and (self.full or flagged):
                recorded = self.replay.add(200, {"Content-Type": "text/html; charset=utf-8",
                                                 "Content-Security-Policy": csp}, text.encode())
                pages.append(Page(label, "open", self.replay.url, recorded))
        if unlaid:
            self.notes.append(f"{len(unlaid)} pages over {LARGE_PAGE >> 10} KB were shown in frames without layout "
                              f"(laying out a megabyte of text takes Chromium a minute): {'; '.join(unlaid[:4])}...")
        self.log(f"Chromium: {len(pages)} pages")
        self.browser_results = BrowserPass(workers=2, large=LARGE_PAGE).run(pages)
        if self.verbose:
            cost = collections.Counter()
            count = collections.Counter()
            for page in self.browser_results:
                kind = page.mode + " " + re.sub(r"\[.*|\d+|\(.*", "", page.label).strip()
                cost[kind] += page.seconds
                count[kind] += 1
            for kind, seconds in cost.most_common(25):
                self.log(f"Chromium {kind}: {count[kind]} pages, {seconds:.1f} s")

    # -- the verdict ----------------------------------------------------------------------------------
    def report(self):
        unescaped = {}
        for f in self.findings:
            key = (f.kind, tuple(f.markers) or f.detail[:80], re.sub(r"\d+", "N", f.page.split(" as ")[0]))
            unescaped.setdefault(key, self.describe(f))
        executed, csp, baseline, failures = [], [], [], []
        canaries = {}
        for page in self.browser_results:
            where = f"{page.label} ({page.mode})"
            violations = page.csp or page.console
            if page.label.startswith("canary"):
                canaries[page.label] = (page.executed, violations)
                continue
            if page.label.startswith("baseline"):
                if violations or page.executed or page.dom:
                    baseline.append(f"{where}: {violations[:3]} {page.executed[:3]} {page.dom[:3]}")
                continue
            executed += [f"{where}: {hit}" for hit in page.executed]
            csp += [f"{where}: {v}" for v in violations]
            for d in page.dom:
                unescaped.setdefault(("dom", d[:160]), f"{where}: in Chromium's DOM: {d}")
            if page.error:
                failures.append(f"{where}: {page.error}")
            elif page.retried:
                self.notes.append(f"Chromium stopped answering on {where} ({page.retried}); a new browser showed it")
            if not page.loaded:
                self.notes.append(f"{where}: the frame had not finished loading after 8 s; checked as it was")
        if self.browser_results:
            if not canaries.get("canary (site CSP)", ([], []))[1]:
                failures.append("canary: an inline script under the site's CSP raised no violation")
            if not any("canary" in hit for hit in canaries.get("canary (no CSP)", ([], []))[0]):
                failures.append("canary: an inline script without CSP was not seen running")
        sections = [("server errors", self.server_errors), ("unescaped", list(unescaped.values())),
                    ("ran in Chromium", executed), ("CSP violations", csp),
                    ("on our own pages before any payload, in Chromium", baseline),
                    ("not shown as typed", self.altered), ("Chromium could not check", failures)]
        for title, items in sections:
            if items:
                print(f"{title} ({len(items)}):", file=sys.stderr)
                shown = len(items) if self.verbose else 50
                for item in items[:shown]:
                    print("  " + item, file=sys.stderr)
                if len(items) > shown:
                    print(f"  ... and {len(items) - shown} more (--verbose shows all)", file=sys.stderr)
        huge = [p.number for p in self.payloads if p.huge]
        took = sorted(f for f in FIELDS if self.accepted[f] & set(huge) and f != "fn")  # file names: cut to 200
        if took:
            print(f"note: fields that took a 1 MB value without a 4xx: {', '.join(f'{f} ({FIELDS[f]})' for f in took)}",
                  file=sys.stderr)
        for note in self.notes[:40]:
            print("note: " + note, file=sys.stderr)
        if self.bidi:
            fields = collections.Counter(field for field, _ in self.bidi)
            print(f"note: {len(self.bidi)} payload/field pairs put a Unicode direction override on a page that is still open "
                  f"at the end of a text node (by field: {', '.join(f'{FIELDS.get(f, f)} {n}' for f, n in fields.most_common())})",
                  file=sys.stderr)
        unsent = {f: sorted(set(self.numbers()) - self.sent[f]) for f in FIELDS if f != "lg" or self.full}
        unsent = {f: n for f, n in unsent.items() if n}
        if unsent:
            print(f"payloads that never reached a field (rate limited, or a 5xx): "
                  f"{ {f: n[:8] for f, n in unsent.items()} }", file=sys.stderr)
        if self.verbose:
            for f in FIELDS:
                print(f"  {f} ({FIELDS[f]}): {len(self.sent[f])} sent, {len(self.accepted[f])} taken, "
                      f"{len(self.refused[f])} refused with a 4xx", file=sys.stderr)
        fields = sum(1 for f in FIELDS if self.sent[f])
        ok = not (unescaped or executed or csp or baseline or self.server_errors or self.altered or failures or unsent)
        opened = sum(1 for p in self.browser_results if p.mode == "open")
        line = (f"xss: {len(self.payloads)} payloads x {fields} fields, {len(unescaped)} unescaped, {len(executed)} executed, "
                f"{len(csp)} CSP violations, {len(self.altered)} altered, {len(self.server_errors)} server errors "
                f"({self.submissions} submissions, {self.pages_checked} pages checked, {len(self.browser_results)} shown in "
                f"Chromium of which {opened} opened, {time.monotonic() - START:.0f} s)")
        return harness.summary(line, ok)

    def describe(self, finding):
        who = []
        for m in finding.markers[:3]:
            field, number = corpus.parse_marker(m)
            who.append(f"{field} #{number} ({corpus.by_number(number).category})")
        return f"{finding.page}: {finding.kind}: {finding.detail[:200]!r} <- {', '.join(who) or 'unattributed'}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", "--soak", action="store_true", dest="full",
                        help="open every page by navigation; crawl quote/reply/history pages; sign-in form too "
                             "(--soak is what Tests/Reliability/run passes for its long versions)")
    parser.add_argument("--verbose", action="store_true", help="say what it is doing, on stderr")
    options = parser.parse_args(argv)
    with harness.CohortServer() as server:
        run = XSSRun(server, full=options.full, verbose=options.verbose)
        try:
            run.run()
        except (Exception, SystemExit) as error:  # still one summary line, saying why
            traceback.print_exc()
            alive = "" if server.alive() else "; the server process had exited: " + "".join(server.output[-5:])
            reason = " ".join(f"{error}{alive}".split())[:300]
            return harness.summary(f"xss: stopped after {time.monotonic() - START:.0f} s: {reason}", False)
        finally:
            run.replay.close()
        if not server.alive():
            run.server_errors.append("the server process exited during the run")
        return run.report()


if __name__ == "__main__":
    sys.exit(main())
