"""Writers shared by crash.py and backup.py: signed-in clients that keep creating
replies, threads, artifact feedback, link-only artifacts ("shares", which have no
posting limit and fill in while an account is at its limits) and slow file uploads,
each carrying a unique marker, and a ledger of what the server acknowledged.

A write is *acknowledged* only when its success response (a 303 to the new thing)
was received in full. Anything else is *refused* (a complete 4xx answer: the server
said no, so it must not be stored) or *unknown* (connection error, timeout, 5xx:
it may or may not be stored, but at most once). Every attempt gets a new marker.
"""

import hashlib
import http.client
import random
import re
import secrets
import signal
import socket
import sqlite3
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

import harness

RUN = secrets.token_hex(3)
MARKER = re.compile(r"MK[0-9a-f]{6}C\d{2}N\d{5}")

# The server's posting limits (PostingLimits defaults): per member and per minute.
POSTS_PER_MINUTE = 12
TOPICS_PER_MINUTE = 3
FEEDBACK_PER_MINUTE = 12
RATE_WINDOW = 61.5  # a little over the server's 60 s, measured from when our request ended

REPLY = re.compile(r"^/threads/(\d+)#post-(\d+)$")
THREAD = re.compile(r"^/threads/(\d+)$")
FEEDBACK = re.compile(r"^/artifacts/(\d+)\?version=(\d+)#feedback-(\d+)$")
ARTIFACT = re.compile(r"^/artifacts/(\d+)$")


def stop_on_sigterm():
    """SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C, so `finally` blocks stop the
    writers and the server instead of leaving a server running."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Endpoint:
    """Where the server is now; writers wait while it is known to be down."""

    def __init__(self, url):
        self.url = url
        self._up = threading.Event()
        self._up.set()

    def down(self):
        self._up.clear()

    def up(self, url):
        self.url = url
        self._up.set()

    def wait(self, stop, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not stop.is_set():
            if self._up.wait(0.2):
                return True
            if deadline and time.monotonic() > deadline:
                return False
        return False


@dataclass
class Write:
    marker: str
    kind: str            # reply | thread | feedback | upload
    client: int
    account: str
    target: int          # topic, board, artifact or cohort id
    started: float
    finished: float = 0.0
    outcome: str = "pending"  # ack | refused | unknown
    status: int = 0
    error: str = ""
    location: str = ""
    row_id: int = 0      # the id in the Location of an acknowledged write
    topic_id: int = 0    # the thread a post ended up in (replies and threads)
    sha256: str = ""     # uploads
    size: int = 0
    stall: str = ""      # where an upload paused, for diagnosis
    file_sent: bool = False  # the whole file part (with its closing boundary) went out


class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.writes = {}
        self.sequence = Counter()

    def new(self, kind, client, account, target):
        with self.lock:
            self.sequence[client] += 1
            marker = f"MK{RUN}C{client:02d}N{self.sequence[client]:05d}"
            write = Write(marker, kind, client, account, target, time.time())
            self.writes[marker] = write
            return write

    def all(self):
        with self.lock:
            return list(self.writes.values())

    def acknowledged(self, before=None):
        return [w for w in self.all() if w.outcome == "ack" and (before is None or w.finished < before)]

    def counts(self):
        counts = Counter(w.outcome for w in self.all())
        return counts


class RateBudget:
    """Keeps each account under the server's posting limits. A pending attempt counts
    until it ends; an ended one for RATE_WINDOW after its end (never before the row's
    createdAt), so the server's count is never higher than ours."""

    LIMITS = {"post": POSTS_PER_MINUTE, "topic": TOPICS_PER_MINUTE, "feedback": FEEDBACK_PER_MINUTE}

    def __init__(self):
        self.lock = threading.Condition()
        self.slots = defaultdict(list)  # (account, kind) -> [end time or inf]

    def _room(self, account, kind, now):
        slots = self.slots[(account, kind)]
        slots[:] = [t for t in slots if t > now - RATE_WINDOW]
        return len(slots) < self.LIMITS[kind]

    def try_acquire(self, account, kinds):
        with self.lock:
            now = time.time()
            if not all(self._room(account, kind, now) for kind in kinds):
                return None
            token = []
            for kind in kinds:
                slots = self.slots[(account, kind)]
                slots.append(float("inf"))
                token.append((slots, len(slots) - 1))
            return token

    def release(self, token):
        with self.lock:
            now = time.time()
            for slots, _ in token:
                # Replace one pending slot by the end time.
                for i, value in enumerate(slots):
                    if value == float("inf"):
                        slots[i] = now
                        break


@dataclass
class Targets:
    cohort_id: int
    topics: list
    boards: list
    artifacts: list
    indicators: list
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_artifact(self, artifact_id):
        with self.lock:
            self.artifacts.append(artifact_id)

    def artifact(self, rng):
        with self.lock:
            return rng.choice(self.artifacts)


def discover_targets(database_path, cohort_id=1):
    """Threads, boards, artifacts and indicators of the demo's running cohort."""
    db = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True, timeout=10)
    try:
        topics = [r[0] for r in db.execute("""
            SELECT topic.id FROM topic JOIN board ON board.id = topic.boardId
            WHERE board.cohortId = ? AND board.archivedAt IS NULL AND NOT topic.locked ORDER BY topic.id""", (cohort_id,))]
        boards = [r[0] for r in db.execute(
            "SELECT id FROM board WHERE cohortId = ? AND archivedAt IS NULL ORDER BY id", (cohort_id,))]
        artifacts = [r[0] for r in db.execute(
            "SELECT artifactId FROM artifactVersion JOIN artifact ON artifact.id = artifactId "
            "WHERE artifact.cohortId = ? AND number = 1 ORDER BY artifactId", (cohort_id,))]
        indicators = [r[0] for r in db.execute("SELECT id FROM indicator ORDER BY id")]
    finally:
        db.close()
    if not topics or not boards or not artifacts or not indicators:
        raise RuntimeError(f"demo cohort {cohort_id} lacks threads, boards, artifacts or indicators")
    return Targets(cohort_id, topics, boards, artifacts, indicators)


def client_accounts(count):
    """Spreads `count` clients over the demo educators, the facilitator and the admin."""
    accounts = list(harness.EDUCATORS) + [harness.FACILITATOR, harness.ADMIN]
    return [accounts[i % len(accounts)] for i in range(count)]


class UploadPlan:
    """Shared by upload clients: file sizes, pacing, and some repeated content (the
    store keeps one file per content)."""

    def __init__(self, min_bytes=400_000, max_bytes=2_500_000, seconds=(1.5, 4.0), repeat=0.1, stall_after_file=1 / 3):
        self.min_bytes = min_bytes
        self.max_bytes = max_bytes
        self.seconds = seconds
        self.repeat = repeat
        self.stall_after_file = stall_after_file
        self.lock = threading.Lock()
        self.previous = []
        self.in_flight = 0

    def content(self, rng):
        with self.lock:
            if self.previous and rng.random() < self.repeat:
                return rng.choice(self.previous)
        size = rng.randint(self.min_bytes, self.max_bytes)
        data = b"%PDF-1.4\n%" + rng.randbytes(size - 10)
        with self.lock:
            self.previous.append(data)
            del self.previous[:-8]
        return data

    def busy(self, delta):
        with self.lock:
            self.in_flight += delta


class Writer(threading.Thread):
    """One signed-in client writing in a loop until `stop` is set."""

    def __init__(self, index, account, endpoint, ledger, budget, targets, stop, mix, uploads=None, seed=None):
        super().__init__(name=f"writer-{index}", daemon=True)
        self.index = index
        self.account = account
        self.endpoint = endpoint
        self.ledger = ledger
        self.budget = budget
        self.targets = targets
        self.stop = stop
        self.mix = mix  # [(kind, weight)]
        self.uploads = uploads
        self.rng = random.Random(seed if seed is not None else secrets.randbits(64))
        self.browser = None
        self.failure = None
        self._token = None
        self.signed_in = threading.Event()

    # -- plumbing -------------------------------------------------------------

    def _sign_in(self):
        while not self.stop.is_set():
            if not self.endpoint.wait(self.stop):
                return False
            try:
                self.browser = harness.Browser(self.endpoint.url, timeout=20).sign_in(self.account)
                self.signed_in.set()
                return True
            except (requests.RequestException, OSError):
                time.sleep(0.3)
        return False

    def run(self):
        try:
            if not self._sign_in():
                return
            while not self.stop.is_set():
                if not self.endpoint.wait(self.stop):
                    return
                kind = self._choose()
                if kind is None:
                    time.sleep(0.2)
                    continue
                getattr(self, "_" + kind)()
        except Exception as error:  # a bug in the check itself: make it visible
            self.failure = f"{self.name}: {error!r}"
            raise

    def _choose(self):
        """A kind whose rate budget has room. Uploads and link-only artifacts ("share")
        have no limit; a share fills in while the account is at its posting limits."""
        kinds = [k for k, _ in self.mix]
        weights = [w for _, w in self.mix]
        self._token = None
        for _ in range(4):
            kind = self.rng.choices(kinds, weights)[0]
            if kind in ("upload", "share"):
                return kind
            needs = {"reply": ["post"], "thread": ["topic", "post"], "feedback": ["feedback"]}[kind]
            token = self.budget.try_acquire(self.account, needs)
            if token:
                self._token = token
                return kind
        return "share" if "share" in kinds else None

    def _finish(self, write, response=None, error=None):
        """Classifies an attempt. `response` is complete when given."""
        write.finished = time.time()
        if error is not None:
            write.outcome = "unknown"
            write.error = f"{type(error).__name__}: {error}"[:300]
            return
        write.status = response.status_code
        write.location = response.headers.get("Location", "")
        if response.status_code >= 500:
            write.outcome = "unknown"
        elif 400 <= response.status_code < 500:
            write.outcome = "refused"
        elif response.status_code == 303:
            write.outcome = "ack" if self._accept(write) else "refused"
        else:
            write.outcome = "refused"
            write.error = f"unexpected {response.status_code}"

    def _accept(self, write):
        location = write.location
        if write.kind == "reply":
            match = REPLY.match(location)
            if match and int(match.group(1)) == write.target:
                write.topic_id, write.row_id = int(match.group(1)), int(match.group(2))
                return True
        elif write.kind == "thread":
            match = THREAD.match(location)
            if match:
                write.topic_id = write.row_id = int(match.group(1))
                return True
        elif write.kind == "feedback":
            match = FEEDBACK.match(location)
            if match and int(match.group(1)) == write.target:
                write.row_id = int(match.group(3))
                return True
        elif write.kind in ("upload", "share"):
            match = ARTIFACT.match(location)
            if match:
                write.row_id = int(match.group(1))
                return True
        write.error = f"303 to {location!r}"
        return False

    def _post(self, write, path, fields):
        self.browser.base_url = self.endpoint.url
        try:
            response = self.browser.post(path, fields)
        except (requests.RequestException, OSError, http.client.HTTPException) as error:
            self._finish(write, error=error)
        else:
            self._finish(write, response)
        finally:
            if self._token:
                self.budget.release(self._token)
        if write.outcome != "ack":
            self._after_failure(write)

    def _after_failure(self, write):
        if write.outcome == "unknown":
            time.sleep(0.1 + self.rng.random() * 0.2)
        elif write.status == 429:
            time.sleep(2)
        elif write.status == 403:
            # The CSRF token may be stale: fetch a page to get this session's token again.
            self.browser.csrf = None

    # -- writes ---------------------------------------------------------------

    def _reply(self):
        topic = self.rng.choice(self.targets.topics)
        write = self.ledger.new("reply", self.index, self.account, topic)
        body = f"Crash-check reply {write.marker} from client {self.index}. " + "Notes on practice. " * self.rng.randint(1, 20)
        self._post(write, f"/threads/{topic}/posts", {"body": body, "parentId": ""})

    def _thread(self):
        board = self.rng.choice(self.targets.boards)
        write = self.ledger.new("thread", self.index, self.account, board)
        self._post(write, f"/boards/{board}/threads", {
            "title": f"Check {write.marker}", "body": f"Opening post {write.marker}: what worked this week?",
            "kind": "discussion"})

    def _feedback(self):
        artifact = self.targets.artifact(self.rng)
        write = self.ledger.new("feedback", self.index, self.account, artifact)
        body = f"Feedback {write.marker}: the evidence is clear; consider adding student work. " * self.rng.randint(1, 3)
        self._post(write, f"/artifacts/{artifact}/feedback",
                   {"body": body, "version": "1", "parentId": "", "indicatorId": ""})

    def _share(self):
        """A link-only artifact, sent as the browser sends the form with no file chosen."""
        cohort = self.targets.cohort_id
        write = self.ledger.new("share", self.index, self.account, cohort)
        boundary = "----cohortcheck" + secrets.token_hex(8)
        parts = [("title", f"Link {write.marker}"), ("description", f"A link shared during the check, {write.marker}."),
                 ("indicator[]", str(self.rng.choice(self.targets.indicators)))]
        body = b"".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode()
                        for name, value in parts)
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                 "Content-Type: application/octet-stream\r\n\r\n\r\n").encode()
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"link\"\r\n\r\n"
                 f"https://example.org/evidence/{write.marker}\r\n--{boundary}--\r\n").encode()
        if self.browser.csrf is None:
            self.browser.get("/login")
        try:
            response = self.browser.http.post(
                self.endpoint.url + f"/cohorts/{cohort}/artifacts", data=body, allow_redirects=False, timeout=20,
                headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "X-CSRF-Token": self.browser.csrf})
        except (requests.RequestException, OSError, http.client.HTTPException) as error:
            self._finish(write, error=error)
        else:
            self._finish(write, response)
        if write.outcome == "ack":
            self.targets.add_artifact(write.row_id)
            time.sleep(self.rng.uniform(0.2, 0.8))
        else:
            self._after_failure(write)

    def _upload(self):
        plan = self.uploads
        cohort = self.targets.cohort_id
        write = self.ledger.new("upload", self.index, self.account, cohort)
        data = plan.content(self.rng)
        write.sha256 = hashlib.sha256(data).hexdigest()
        write.size = len(data)
        boundary = "----cohortcheck" + secrets.token_hex(8)
        indicators = self.rng.sample(self.targets.indicators, k=min(2, len(self.targets.indicators)))

        def text_part(name, value):
            return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").encode()

        # The order a browser sends the new-artifact form in: title, description,
        # indicators, file, link.
        head = text_part("title", f"Upload {write.marker}")
        head += text_part("description", f"Slow upload {write.marker} of {len(data)} bytes.")
        for indicator in indicators:
            head += text_part("indicator[]", indicator)
        head += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"evidence-{write.marker}.pdf\"\r\n"
                 "Content-Type: application/pdf\r\n\r\n").encode()
        after_file = f"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"link\"\r\n".encode()
        tail = f"\r\n\r\n--{boundary}--\r\n".encode()
        total = len(head) + len(data) + len(after_file) + len(tail)

        # Pieces with a pause after each: the file in 64 KiB pieces over a few seconds;
        # a third of the uploads also stall once the file part is complete (the server
        # has the whole file, not yet the rest of the form), as a slow link may.
        pieces = [head] + [data[i:i + 65536] for i in range(0, len(data), 65536)]
        pause = self.rng.uniform(*plan.seconds) / len(pieces)
        stall = self.rng.random() < plan.stall_after_file
        write.stall = "after file part" if stall else ""

        url = urlsplit(self.endpoint.url)
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.browser.http.cookies)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=20)
        plan.busy(+1)
        try:
            connection.putrequest("POST", f"/cohorts/{cohort}/artifacts")
            connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
            connection.putheader("Content-Length", str(total))
            connection.putheader("Cookie", cookie)
            connection.putheader("X-CSRF-Token", self.browser.csrf or "")
            connection.endheaders()
            for piece in pieces:
                connection.send(piece)
                time.sleep(pause)
            connection.send(after_file)
            write.file_sent = True
            time.sleep(self.rng.uniform(0.5, 1.5) if stall else pause)
            connection.send(tail)
            raw = connection.getresponse()
            body = raw.read()
            response = requests.Response()
            response.status_code = raw.status
            response.headers = requests.structures.CaseInsensitiveDict(raw.getheaders())
            response._content = body
        except (OSError, http.client.HTTPException) as error:
            self._finish(write, error=error)
        else:
            self._finish(write, response)
        finally:
            plan.busy(-1)
            connection.close()
        if write.outcome == "ack":
            self.targets.add_artifact(write.row_id)
        else:
            self._after_failure(write)


def start_writers(count, endpoint, ledger, targets, stop, mix, upload_clients=0, uploads=None):
    """`count` writers, the first `upload_clients` of them uploading (educators only:
    an admin who is not a member cannot share artifacts)."""
    accounts = client_accounts(count)
    budget = RateBudget()
    writers = []
    for index, account in enumerate(accounts):
        uploading = index < upload_clients
        # The admin is no member of the cohort, so shares no artifacts.
        own_mix = [(kind, weight) for kind, weight in mix if not (kind == "share" and account == harness.ADMIN)]
        writer = Writer(index, account, endpoint, ledger, budget, targets, stop,
                        [("upload", 1)] if uploading else own_mix, uploads=uploads if uploading else None)
        writers.append(writer)
        writer.start()
    deadline = time.monotonic() + 90
    for writer in writers:
        writer.signed_in.wait(max(0.0, deadline - time.monotonic()))
    return writers


def stop_writers(writers, stop, timeout=40):
    stop.set()
    deadline = time.monotonic() + timeout
    for writer in writers:
        writer.join(max(0.1, deadline - time.monotonic()))
    stuck = [w.name for w in writers if w.is_alive()]
    failures = [w.failure for w in writers if w.failure]
    return stuck, failures


# -- checks on a database file ----------------------------------------------------

# Where each kind of write leaves its marker: (table, column) pairs, each to hold it once.
PLACES = {
    "reply": [("post", "source")],
    "thread": [("topic", "title"), ("post", "source")],
    "feedback": [("feedback", "source")],
    "upload": [("artifact", "title")],
    "share": [("artifact", "title")],
}
SCANNED = sorted({place for places in PLACES.values() for place in places})


def scan_markers(db):
    """{(table, column): {marker: [row ids]}} for this run's markers."""
    found = {}
    for table, column in SCANNED:
        rows = defaultdict(list)
        for row_id, text in db.execute(f"SELECT id, {column} FROM {table} WHERE {column} LIKE ?", (f"%MK{RUN}%",)):
            for marker in set(MARKER.findall(text or "")):
                rows[marker].append(row_id)
        found[(table, column)] = rows
    return found


@dataclass
class MarkerReport:
    checked: int = 0
    lost: list = field(default_factory=list)
    duplicated: list = field(default_factory=list)
    misplaced: list = field(default_factory=list)
    refused_but_stored: list = field(default_factory=list)
    unknown_stored: int = 0
    phantom: list = field(default_factory=list)

    @property
    def ok(self):
        return not (self.lost or self.duplicated or self.misplaced or self.refused_but_stored or self.phantom)


def check_markers(db, writes, must_have):
    """Acknowledged writes in `must_have` are there once (with the id their 303 named);
    no write is there twice; refused ones are absent."""
    found = scan_markers(db)
    report = MarkerReport()
    by_marker = {w.marker: w for w in writes}
    for write in writes:
        places = PLACES[write.kind]
        counts = [len(found[place].get(write.marker, [])) for place in places]
        if any(c > 1 for c in counts):
            report.duplicated.append((write, counts))
        if write.marker in must_have:
            report.checked += 1
            if any(c == 0 for c in counts):
                report.lost.append((write, counts))
            elif write.row_id and write.row_id not in found[places[0]].get(write.marker, []):
                # Stored, but not as the row its 303 named.
                report.misplaced.append((write, found[places[0]].get(write.marker, [])))
        elif write.outcome == "refused" and any(counts):
            report.refused_but_stored.append((write, counts))
        elif write.outcome == "unknown" and any(counts):
            report.unknown_stored += 1
    for place, rows in found.items():
        for marker in rows:
            if marker not in by_marker:
                report.phantom.append((marker, place))
    return report


def describe(write, extra=""):
    return (f"{write.kind} {write.marker} by {write.account} (client {write.client}) target {write.target}: "
            f"{write.outcome} {write.status or ''} {write.location or write.error} {extra}").strip()


def integrity(db):
    """PRAGMA integrity_check, the foreign keys, and the search index's own check."""
    problems = []
    result = [r[0] for r in db.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        problems.append("integrity_check: " + "; ".join(result[:10]))
    keys = db.execute("PRAGMA foreign_key_check").fetchall()
    if keys:
        problems.append(f"foreign_key_check: {len(keys)} rows, e.g. {keys[:5]}")
    try:
        db.execute("INSERT INTO postSearch(postSearch) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as error:
        problems.append(f"postSearch integrity-check: {error}")
    return problems


def open_copy(path):
    db = sqlite3.connect(path, timeout=30)
    db.execute("PRAGMA foreign_keys = OFF")
    return db
