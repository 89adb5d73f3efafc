"""Shared by the reliability checks: a real `cohort serve` process on a data folder that
survives restarts, and a signed-in HTTP client that carries cookies and CSRF tokens."""

import os
import queue
import re
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
SERVING_LINE = re.compile(r"Cohort is serving on (https?://\S+)")
CSRF_FIELD = re.compile(r'name="_csrf" value="([^"]*)"')
STARTUP_TIMEOUT = 60

DEMO_PASSWORD = "cohort-demo-password"
ADMIN = "admin@example.org"
FACILITATOR = "facilitator@example.org"
EVALUATOR = "evaluator@example.org"
# Educators of the demo's running cohort (the one in its third session).
EDUCATORS = [f"{name}@example.org" for name in (
    "amara.diallo", "ben.carter", "chloe.nguyen", "diego.santos", "emma.schmidt", "farah.haddad",
    "grace.kim", "hiro.tanaka", "isla.murphy", "jamal.wright", "keira.oconnor", "liam.patel")]


def binary_path():
    binary = os.environ.get("COHORT_BIN") or str(REPO_ROOT / ".build" / "debug" / "cohort")
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"cohort binary not found or not executable: {binary} (build it or set COHORT_BIN)")
    return binary


class CohortServer:
    """`cohort serve --http --port 0` on `data_dir` (a fresh temporary folder by default).
    `kill()` and `start()` again keep the data folder, as a crash and a restart would."""

    def __init__(self, demo=True, data_dir=None, extra_args=()):
        self.binary = binary_path()
        self._temporary = None if data_dir else tempfile.TemporaryDirectory(prefix="cohort-reliability-")
        self.data_dir = data_dir or self._temporary.name
        self.demo = demo
        self.extra_args = list(extra_args)
        self.process = None
        self.url = None
        self.output = []

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        if self._temporary:
            self._temporary.cleanup()

    @property
    def database_path(self):
        return os.path.join(self.data_dir, "cohort.sqlite")

    def start(self):
        arguments = [self.binary, "serve", "--data-dir", self.data_dir, "--port", "0", "--http", *self.extra_args]
        if self.demo:
            arguments.append("--demo")
        self.process = subprocess.Popen(arguments, cwd=REPO_ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, bufsize=1)
        lines = queue.Queue()

        def pump(stream):
            for line in stream:
                self.output.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, args=(self.process.stdout,), daemon=True).start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = lines.get(timeout=max(remaining, 0.01))
            except queue.Empty:
                line = None
            if line is None:
                self.kill()
                raise RuntimeError("cohort did not start; output:\n" + "".join(self.output[-40:]))
            match = SERVING_LINE.search(line)
            if match:
                self.url = match.group(1).rstrip("/")
                return self.url

    def kill(self):
        """SIGKILL: no chance to flush or close anything."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def cohort(self, *arguments, check=True):
        """Runs another `cohort` command on the same data folder."""
        return subprocess.run([self.binary, *arguments, "--data-dir", self.data_dir], cwd=REPO_ROOT,
                              capture_output=True, text=True, check=check)


class Browser:
    """What a browser keeps: cookies, and the CSRF token of the last page it saw."""

    def __init__(self, base_url, timeout=30):
        self.base_url = base_url
        self.http = requests.Session()
        self.timeout = timeout
        self.csrf = None

    def _remember(self, response):
        match = CSRF_FIELD.search(response.text) if "html" in response.headers.get("Content-Type", "") else None
        if match:
            self.csrf = match.group(1)
        return response

    def get(self, path, **options):
        options.setdefault("allow_redirects", True)
        return self._remember(self.http.get(self.base_url + path, timeout=self.timeout, **options))

    def post(self, path, fields=None, allow_redirects=False, **options):
        """Posts a form with this session's CSRF token (fetching /login first if it has none)."""
        if self.csrf is None:
            self.get("/login")
        data = dict(fields or {})
        data.setdefault("_csrf", self.csrf)
        return self._remember(self.http.post(self.base_url + path, data=data, allow_redirects=allow_redirects,
                                             timeout=self.timeout, **options))

    def upload(self, path, fields, files, allow_redirects=False):
        """Multipart form: the CSRF token travels in a header, as the middleware reads it before the body."""
        if self.csrf is None:
            self.get("/login")
        return self._remember(self.http.post(self.base_url + path, data=fields, files=files,
                                             headers={"X-CSRF-Token": self.csrf},
                                             allow_redirects=allow_redirects, timeout=self.timeout))

    def sign_in(self, email, password=DEMO_PASSWORD):
        response = self.post("/login", {"email": email, "password": password})
        if response.status_code != 303:
            raise RuntimeError(f"sign-in as {email} answered {response.status_code}")
        self.get("/")
        return self


def summary(line, ok):
    """Prints a part's summary line; the run script collects these and the exit codes."""
    print(("" if ok else "FAILED ") + line, flush=True)
    return 0 if ok else 1
