"""The XSS run's plumbing: the fields and limits, the people who type, sending a payload
and counting what came of it, and reading and checking a page."""

import collections
import concurrent.futures
import re
import sys
import threading
import time

import requests

import harness
import payloads as corpus
import xss_check as check
from xss_browser import ReplayServer

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

class XSSBase:
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
