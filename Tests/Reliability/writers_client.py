"""One writer: a signed-in client that keeps creating replies, threads, feedback, shares
and slow uploads, each with a unique marker, and records every attempt in the ledger.
See writers.py."""

import hashlib
import http.client
import random
import secrets
import threading
import time
from urllib.parse import urlsplit

import requests

import harness
from writers_ledger import ARTIFACT, FEEDBACK, REPLY, RateBudget, THREAD, client_accounts

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
