"""Fixtures for the browser tests: a real `cohort serve --demo` (a fresh data folder for
every test) and headless Chromium, with JavaScript on and off. Every page a journey
checks is audited: axe-core (WCAG 2.1 A and AA), one h1, landmarks and a language, no
horizontal scrolling at 390 px, no console errors or CSP violations, and screenshots at
390x844 and 1280x800 in screenshots/."""

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
from selenium.webdriver.common.by import By
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"
SERVING_LINE = re.compile(r"Cohort is serving on (https?://\S+)")
STARTUP_TIMEOUT = 60

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_PASSWORD = "cohort-demo-password"


class Served:
    """A running server: its URL, and its data folder for tests that reach behind it."""

    def __init__(self, url, data_dir):
        self.url = url
        self.data_dir = data_dir


@pytest.fixture
def server_url(served):
    return served.url


@pytest.fixture
def served():
    """Starts `cohort serve --demo` on a free port with a temporary data folder."""
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
            yield Served(url, data_dir)
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


@pytest.fixture(params=["js", "no-js"])
def js_mode(request):
    """Every journey runs twice: pages must work without JavaScript."""
    return request.param


@pytest.fixture
def new_browser(request, js_mode):
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
        if js_mode == "no-js":
            options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
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


AUDIT = {"pages": 0, "distinct": set(), "violations": 0}
AXE_SCRIPT = None


def axe_script():
    global AXE_SCRIPT
    if AXE_SCRIPT is None:
        import axe_core_python
        AXE_SCRIPT = (Path(axe_core_python.__file__).parent / "axe.min.js").read_text()
    return AXE_SCRIPT


@pytest.fixture
def screenshot(request, js_mode):
    """Audits the current page (see the module's note) and saves its screenshots."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 1000))

    def check(driver, name):
        number = next(counter)
        base = f"{request.node.originalname}-{js_mode}-{number:02d}-{name}"
        for width, height in ((390, 844), (1280, 800)):
            driver.set_window_size(width, height)
            driver.save_screenshot(str(SCREENSHOT_DIR / f"{base}-{width}.png"))
            if width == 390 and js_mode == "js":
                wide = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert wide <= 1, f"{name}: the page scrolls sideways by {wide} px at 390 px"
        driver.set_window_size(1280, 900)
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", name
        assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, f"{name}: needs exactly one h1"
        assert driver.find_elements(By.TAG_NAME, "main") and driver.find_elements(By.TAG_NAME, "header"), name
        violations = []
        if js_mode == "js":
            driver.execute_script(axe_script())
            violations = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                ".then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))")
        AUDIT["pages"] += 1
        AUDIT["distinct"].add(urlparse(driver.current_url).path)
        AUDIT["violations"] += len(violations)
        assert violations == [], f"{name}: {violations}"
        # An error page's own status (404, 410...) is logged too; that one is intended.
        page = driver.current_url.split("#")[0]
        errors = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"
                  and not (entry.get("source") == "network" and entry.get("message", "").startswith(page + " "))]
        assert errors == [], f"{name}: {errors}"

    return check


def pytest_terminal_summary(terminalreporter):
    if AUDIT["pages"]:
        terminalreporter.write_line(
            f"browser audit: {AUDIT['pages']} page checks on {len(AUDIT['distinct'])} distinct pages, "
            f"{AUDIT['violations']} accessibility violations")
