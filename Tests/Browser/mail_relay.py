"""Mail for the browser tests: an in-process SMTP relay (aiosmtpd, loopback, no STARTTLS and
no AUTH, so Cohort may speak plain SMTP to it) that keeps every message it is handed, and
`cohort serve --smtp` pointed at it with --mail-delay 0. Tests import the fixtures
`relay` and `cohort_servers` (or `mail_server_url`) from here."""

import asyncio
import email
import email.policy
import os
import queue
import re
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller

from conftest import REPO_ROOT, SERVING_LINE, STARTUP_TIMEOUT, _stop

# The delivery service looks at the outbox every second but turns notices into mail every 15 s.
MAIL_TIMEOUT = 60
LINK = re.compile(r"https?://[^\s\"'<>]+")


@dataclass
class Mail:
    """One message as the relay received it: envelope, raw bytes and the parsed message."""
    mail_from: str
    rcpt_tos: list
    data: bytes
    held: bool = False  # taken while the relay was made to hang in DATA

    def __post_init__(self):
        self.message = email.message_from_bytes(self.data, policy=email.policy.default)

    @property
    def subject(self):
        return str(self.message["Subject"] or "")

    def header(self, name):
        value = self.message[name]
        return None if value is None else str(value)

    @property
    def text(self):
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    @property
    def html(self):
        part = self.message.get_body(preferencelist=("html",))
        return part.get_content() if part is not None else ""

    def links(self, part="text"):
        """Every URL in the text (or html) part, in order; HTML's &amp; undone."""
        body = self.text if part == "text" else self.html.replace("&amp;", "&")
        return [link.rstrip(".,;)") for link in LINK.findall(body)]

    def link_containing(self, fragment, part="text"):
        found = [link for link in self.links(part) if fragment in link]
        assert found, f"no link with {fragment!r} in the {part} part of {self.subject!r}:\n{self.text}"
        return found[0]


class Relay:
    """Keeps what it is sent; thread-safe. `hold(predicate)` makes the next matching message
    hang inside DATA (after the final dot, before the answer) until `release()`."""

    def __init__(self):
        self.mails = []
        self._changed = threading.Condition()
        self._hold = None
        self._released = threading.Event()
        self.port = None

    async def handle_DATA(self, server, session, envelope):
        mail = Mail(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content)
        with self._changed:
            mail.held = self._hold is not None and self._hold(mail)
            if mail.held:
                self._hold = None
            # Kept even when held: a real relay may have committed a message whose answer was lost.
            self.mails.append(mail)
            self._changed.notify_all()
        if mail.held:
            while not self._released.is_set():
                await asyncio.sleep(0.1)
            return "451 4.3.0 The relay was stopped, try again"
        return "250 2.0.0 OK"

    def hold(self, predicate):
        with self._changed:
            self._hold = predicate
            self._released.clear()

    def release(self):
        self._released.set()

    def snapshot(self):
        with self._changed:
            return list(self.mails)

    def wait_for(self, predicate, timeout=MAIL_TIMEOUT, message="mail"):
        """The first mail that satisfies `predicate`, waiting up to `timeout` seconds for it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [mail for mail in self.mails if predicate(mail)]
                if found:
                    return found[0]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    subjects = [(m.rcpt_tos, m.subject) for m in self.mails]
                    raise AssertionError(f"no {message} within {timeout} s; the relay has: {subjects}")
                self._changed.wait(timeout=min(remaining, 1))

    def to(self, address):
        return [mail for mail in self.snapshot() if address in mail.rcpt_tos]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def relay():
    """An SMTP relay on a free loopback port; yields the Relay (its `port` set)."""
    keeper = Relay()
    keeper.port = free_port()
    controller = Controller(keeper, hostname="127.0.0.1", port=keeper.port, ready_timeout=30)
    controller.start()
    try:
        yield keeper
    finally:
        keeper.release()  # lets a held DATA answer, so the controller can stop
        controller.stop()


class CohortServer:
    """One `cohort serve` process on `data_dir`, mailing through the relay."""

    def __init__(self, data_dir, relay_port):
        binary = os.environ.get("COHORT_BIN") or str(REPO_ROOT / ".build" / "debug" / "cohort")
        if not os.access(binary, os.X_OK):
            pytest.fail(f"cohort binary not found or not executable: {binary} (build it or set COHORT_BIN)")
        self.output = []
        self.process = subprocess.Popen(
            [binary, "serve", "--data-dir", str(data_dir), "--port", "0", "--demo",
             "--smtp", f"smtp://127.0.0.1:{relay_port}", "--mail-delay", "0"],
            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        lines = queue.Queue()

        def pump():
            for line in self.process.stdout:
                self.output.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        self.url = None
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while self.url is None and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            match = SERVING_LINE.search(line)
            if match:
                self.url = match.group(1).rstrip("/")
        if self.url is None:
            self.stop()
            pytest.fail(f"cohort did not report 'Cohort is serving on ...' within {STARTUP_TIMEOUT} s "
                        f"(exit code {self.process.poll()}); output:\n{self.log()}")

    def log(self):
        return "".join(self.output)

    def kill(self):
        """SIGKILL: no graceful shutdown, nothing flushed or marked."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        _stop(self.process)


@pytest.fixture
def cohort_servers(relay, tmp_path):
    """Factory: `start(data_dir=None)` runs cohort on that folder (default: one per test);
    every server still running is stopped at teardown."""
    started = []

    def start(data_dir=None):
        server = CohortServer(data_dir or tmp_path / "data", relay.port)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def mail_server_url(cohort_servers):
    """The URL of one `cohort serve --demo --smtp <relay> --mail-delay 0`."""
    return cohort_servers().url
