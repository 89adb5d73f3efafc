"""The writers' bookkeeping: the run's marker, the server's address across restarts, each
write and the ledger of what the server acknowledged, the posting-limit budget, what to
write to, and the upload plan. See writers.py."""

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
