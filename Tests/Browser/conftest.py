"""Fixtures for the browser tests: a real `cohort serve --demo` and headless Chromium."""

import os
import queue
import re
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"
SERVING_LINE = re.compile(r"Cohort is serving on (https?://\S+)")
STARTUP_TIMEOUT = 60

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_PASSWORD = "cohort-demo-password"


@pytest.fixture(scope="session")
def server_url():
    """Starts `cohort serve --demo` on a free port with a temporary data folder; yields its URL."""
    binary = os.environ.get("COHORT_BIN") or str(REPO_ROOT / ".build" / "debug" / "cohort")
    if not os.access(binary, os.X_OK):
        pytest.fail(f"cohort binary not found or not executable: {binary} (build it or set COHORT_BIN)")

    with tempfile.TemporaryDirectory(prefix="cohort-browser-") as data_dir:
        process = subprocess.Popen(
            [binary, "serve", "--data-dir", data_dir, "--port", "0", "--demo"],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        lines = queue.Queue()

        def pump():
            for line in process.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()

        output = []
        url = None
        deadline = time.monotonic() + STARTUP_TIMEOUT
        try:
            while url is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    line = lines.get(timeout=remaining)
                except queue.Empty:
                    break
                if line is None:  # the server exited
                    break
                output.append(line)
                match = SERVING_LINE.search(line)
                if match:
                    url = match.group(1).rstrip("/")
            if url is None:
                _stop(process)
                pytest.fail(
                    f"cohort did not report 'Cohort is serving on ...' within {STARTUP_TIMEOUT} s "
                    f"(exit code {process.poll()}); output:\n{''.join(output)}"
                )
            yield url
        finally:
            _stop(process)


def _stop(process):
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remembers each phase's report on the test item, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def new_browser(request):
    """Factory: each call opens a fresh headless Chromium with no cookies; all quit at teardown.

    When the test fails, every browser's last page is saved as screenshots/FAILED-*.png and
    its address is printed, to see where the flow stopped."""
    drivers = []

    def make():
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
            options.add_argument(argument)
        options.accept_insecure_certs = True
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
        driver = webdriver.Chrome(service=service, options=options)
        drivers.append(driver)
        return driver

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        for number, driver in enumerate(drivers, start=1):
            try:
                path = SCREENSHOT_DIR / f"FAILED-{request.node.name}-browser{number}.png"
                driver.save_screenshot(str(path))
                print(f"browser {number} was on {driver.current_url}; screenshot {path}")
            except Exception as error:
                print(f"browser {number}: no screenshot ({error})")
    for driver in drivers:
        try:
            driver.quit()
        except Exception:  # keep quitting the others
            pass


@pytest.fixture(scope="session")
def screenshot():
    """Saves a full-window screenshot of the current page as screenshots/NN-name.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 1000))

    def save(driver, name):
        path = SCREENSHOT_DIR / f"{next(counter):02d}-{name}.png"
        driver.save_screenshot(str(path))
        return path

    return save
