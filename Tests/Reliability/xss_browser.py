"""The headless-browser pass of xss.py: Chromium with JavaScript on shows every page that
holds a payload and reports whatever ran (alert/confirm/prompt/print/open, or a write to
window.__xss), every Content-Security-Policy violation (as events, and console lines),
and a DOM audit done by the browser's own HTML parser.

Two ways to show a page:
- "open": a real navigation to the page's address, with the person's cookies.
- "frame": the exact bytes the server sent for the page become the document of a
  same-origin srcdoc frame inside a page of the site. The frame is a document of its
  own that inherits the site's CSP, and the hooks run in it; eight frames are shown at
  once. This is several times faster than navigations, and it also shows pages that
  only existed as the answer to a POST (a form shown again with an error, an import
  report, a one-time flash message) or as an earlier state of a page.
A small local server replays recorded answers (with their CSP header) for pages that
must be opened by navigation but cannot be fetched again, and passes everything else
(style sheet, app.js) through to the Cohort server."""

import http.server
import os
import queue
import threading
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import UnexpectedAlertPresentException, WebDriverException
from selenium.webdriver.chrome.service import Service

HOOKS = r"""
(() => {
  const hits = [];
  Object.defineProperty(window, '__xssHits', {value: hits});
  const record = (kind, detail) => hits.push(kind + ': ' + String(detail).slice(0, 200));
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const fake = function (message) { record(name, message); return name === 'confirm' ? false : null; };
    Object.defineProperty(window, name, {value: fake, writable: false, configurable: false});
  }
  window.open = function (url) { record('open', url); return null; };
  Object.defineProperty(window, '__xss', {set(value) { record('__xss', value); }, get() { return undefined; },
                                          configurable: false});
  const violations = [];
  Object.defineProperty(window, '__cspViolations', {value: violations});
  const listen = (target) => target.addEventListener('securitypolicyviolation', (e) => {
    violations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || '') +
                    ':' + e.lineNumber + (e.sample ? ' sample ' + e.sample : ''));
  }, true);
  Object.defineProperty(window, '__listen', {value: listen});
  listen(document);
})();
"""

AUDIT_DOCUMENT = r"""
const auditDocument = (d, w) => {
  const dom = [];
  const bad = (what, el) => dom.push(what + ': ' + el.outerHTML.slice(0, 240));
  for (const el of d.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) bad('event handler ' + name, el);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc'].includes(name) &&
          /^[\s\u0000-\u001f]*(javascript|data|vbscript)\s*:/i.test(a.value.replace(/[\t\n\r]/g, ''))) bad(name + ' URL', el);
    }
  }
  for (const s of d.querySelectorAll('script')) {
    if (s.getAttribute('src') !== '/assets/app.js' || s.closest('body')) bad('script', s);
  }
  if (d.querySelectorAll('script').length > 1) dom.push('more than one script element');
  for (const el of d.querySelectorAll('object, embed, base, frame, frameset, applet, math, style, template, ' +
                                      'body link, body meta, plaintext, xmp, .post-body svg, .post-body img, .post-body iframe')) {
    bad(el.tagName.toLowerCase(), el);
  }
  for (const el of d.querySelectorAll('iframe')) {
    if (!/^\/files\/\d+\/preview$/.test(el.getAttribute('src') || '')) bad('iframe', el);
  }
  for (const el of d.querySelectorAll('[style]')) bad('style attribute', el);
  return {hits: w.__xssHits ? Array.from(w.__xssHits) : ['hooks missing'],
          csp: w.__cspViolations ? Array.from(w.__cspViolations) : [], dom: dom};
};
"""

OPEN = AUDIT_DOCUMENT + r"""
const done = arguments[arguments.length - 1];
setTimeout(() => done(auditDocument(document, window)), 30);
"""

# Each page in its own same-origin srcdoc frame: a document of its own that inherits
# the host page's CSP; the hooks run in every frame.
FRAMES = AUDIT_DOCUMENT + r"""
const pages = arguments[0], unlaid = arguments[1], done = arguments[arguments.length - 1];
document.body.replaceChildren();
const frames = pages.map((html) => {
  const f = document.createElement('iframe');
  if (unlaid) f.style.display = 'none';  // a megabyte in one text box takes Chromium a minute to lay out
  f.srcdoc = html;
  document.body.appendChild(f);
  return f;
});
let pending = frames.length, finished = false;
const collect = () => {
  if (finished) return;
  finished = true;
  setTimeout(() => done(frames.map((f) => {
    try {
      const report = auditDocument(f.contentDocument, f.contentWindow);
      report.loaded = f.__loaded === true;
      return report;
    } catch (e) {
      return {hits: [], csp: [], dom: ['the page navigated its frame away: ' + e]};
    }
  })), 30);
};
frames.forEach((f) => f.addEventListener('load', () => { f.__loaded = true; if (--pending === 0) collect(); }));
setTimeout(collect, 8000);
"""


class ReplayServer:
    """Serves recorded responses at /replay/<n>; proxies every other GET to the Cohort server."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.responses = {}
        replay = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = self.path.split("/")
                if self.path.startswith("/replay/") and parts[2].isdigit() and int(parts[2]) in replay.responses:
                    status, headers, body = replay.responses[int(parts[2])]
                else:
                    try:
                        with urllib.request.urlopen(replay.upstream + self.path, timeout=10) as answer:
                            status, body = answer.status, answer.read()
                            headers = {k: v for k, v in answer.headers.items()
                                       if k.lower() in ("content-type", "content-security-policy")}
                    except urllib.error.HTTPError as error:
                        status, body, headers = error.code, error.read(), {"Content-Type": "text/plain"}
                    except (urllib.error.URLError, OSError):
                        status, body, headers = 502, b"", {"Content-Type": "text/plain"}
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add(self, status, headers, body):
        number = len(self.responses)
        self.responses[number] = (status, headers, body)
        return f"/replay/{number}"

    def close(self):
        self.httpd.shutdown()


def new_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--disable-gpu", "--disable-extensions", "--no-first-run", "--mute-audio"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.page_load_strategy = "normal"
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")),
                              options=options)
    driver.set_page_load_timeout(20)
    driver.set_script_timeout(15)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOKS})
    return driver


class Page:
    """One page to show. mode "open": navigate to origin + path with `cookies`.
    mode "frame": on origin + host (with `cookies`), show `html` in a srcdoc frame."""

    def __init__(self, label, mode, origin, path, cookies=None, html=None, host="/login"):
        self.label = label
        self.mode = mode
        self.origin = origin
        self.path = path
        self.cookies = cookies
        self.html = html
        self.host = host
        self.executed = []
        self.csp = []
        self.dom = []
        self.console = []
        self.error = None
        self.retried = None
        self.loaded = True
        self.seconds = 0.0

    def jar(self):
        return (self.origin, tuple(sorted((self.cookies or {}).items())))


class BrowserPass:
    def __init__(self, workers=2, batch=8, large=200_000):
        self.workers = workers
        self.batch = batch
        self.large = large  # a page this long is shown on its own

    def run(self, pages):
        ordered = sorted(pages, key=lambda p: (p.jar(), p.mode, p.host))
        size = (len(ordered) + self.workers - 1) // max(1, self.workers)
        chunks = [ordered[i:i + size] for i in range(0, len(ordered), size)] if ordered else []
        errors = queue.Queue()

        def work(chunk):
            try:
                driver = new_driver()
            except WebDriverException as error:
                errors.put(error)
                return
            state = {"jar": None, "host": None, "driver": driver}
            try:
                index = 0
                while index < len(chunk):
                    page = chunk[index]
                    group = [page]
                    if page.mode == "frame" and len(page.html) < self.large:
                        while (index + len(group) < len(chunk) and len(group) < self.batch
                               and chunk[index + len(group)].mode == "frame"
                               and len(chunk[index + len(group)].html) < self.large
                               and chunk[index + len(group)].jar() == page.jar()
                               and chunk[index + len(group)].host == page.host):
                            group.append(chunk[index + len(group)])
                    index += len(group)
                    started = time.monotonic()
                    for attempt in (1, 2):
                        for p in group:
                            p.executed, p.csp, p.dom, p.console, p.error = [], [], [], [], None
                        try:
                            self._show(state["driver"], group, state)
                            break
                        except WebDriverException as error:
                            # A renderer that stops answering stays stuck: a new browser, and once more.
                            for p in group:
                                p.error = str(error).splitlines()[0]
                                p.retried = p.error
                            try:
                                state["driver"].quit()
                            except WebDriverException:
                                pass
                            state.update(driver=new_driver(), jar=None, host=None)
                    for p in group:
                        p.seconds = (time.monotonic() - started) / len(group)
            finally:
                state["driver"].quit()

        threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if not errors.empty():
            raise errors.get()
        return ordered

    def _show(self, driver, group, state):
        first = group[0]
        if first.jar() != state["jar"]:
            if first.cookies is not None:
                driver.get(first.origin + "/assets/style.css")
                driver.delete_all_cookies()
                for name, value in first.cookies.items():
                    driver.add_cookie({"name": name, "value": value, "path": "/"})
            state["jar"], state["host"] = first.jar(), None
        try:
            if first.mode == "open":
                driver.get(first.origin + first.path)
                reports = [driver.execute_async_script(OPEN)]
                state["host"] = None
            else:
                if state["host"] != first.host:
                    driver.get(first.origin + first.host)
                    state["host"] = first.host
                reports = driver.execute_async_script(FRAMES, [p.html for p in group],
                                                      len(first.html) >= self.large)
            for page, report in zip(group, reports):
                page.loaded = report.get("loaded", True)
                page.executed += report["hits"]
                page.csp += report["csp"]
                page.dom += report["dom"]
        except UnexpectedAlertPresentException as error:
            for page in group:
                page.executed.append(f"unhooked alert: {error.alert_text}")
            state["host"] = None
        try:
            while True:
                alert = driver.switch_to.alert
                for page in group:
                    page.executed.append(f"unhooked alert: {alert.text}")
                alert.dismiss()
                state["host"] = None
        except WebDriverException:
            pass
        lines = [e.get("message", "")[:300] for e in driver.get_log("browser")
                 if "Content Security Policy" in e.get("message", "") or "Refused to" in e.get("message", "")]
        if lines and len(group) == 1:
            group[0].console += lines
        elif lines and not any(p.csp for p in group):
            for page in group:  # the console cannot say which frame; events could not either
                page.console += lines
