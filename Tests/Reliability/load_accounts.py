"""The load part's accounts: the demo's educators and facilitator signed in, with the
threads, boards, artifacts and posts each may read and write."""

import concurrent.futures
import re

import harness


class Account:
    """A demo member: sessions, what their pages offer, and write pacing under the posting limits."""

    def __init__(self, email):
        self.email = email
        self.sessions = []            # (cookie header value, csrf token)
        self.threads = []             # thread ids with a reply form for this member
        self.boards = []              # board ids where this member may open a thread
        self.watch_boards = []
        self.helpful = []             # post ids this member may mark helpful
        self.artifacts = {}           # artifact id -> version number, where this member may give feedback
        self.portfolio = False        # educators have one; the facilitator does not
        self.next_post = 0.0
        self.next_feedback = 0.0
        self.next_thread = 0.0

    def take(self, kind, now, post_gap, thread_gap):
        """Whether a paced write may go now; books the slot if so."""
        if kind == "reply":
            if now >= self.next_post:
                self.next_post = now + post_gap
                return True
        elif kind == "feedback":
            if now >= self.next_feedback:
                self.next_feedback = now + post_gap
                return True
        elif kind == "thread":
            # a new thread's first post counts as a post too
            if now >= self.next_thread and now >= self.next_post:
                self.next_thread = now + thread_gap
                self.next_post = now + post_gap
                return True
        return False


def prepare_accounts(url, emails, sessions_per_account):
    """Signs in (bcrypt, so in a few threads) and finds, as each member, what they can read and write."""

    def sign_in(email):
        browser = harness.Browser(url, timeout=60).sign_in(email)
        return email, browser

    accounts = {email: Account(email) for email in emails}
    browsers = {}
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for email, browser in pool.map(sign_in, [e for e in emails for _ in range(sessions_per_account)]):
            session = browser.http.cookies.get("cohort_session")
            accounts[email].sessions.append((f"cohort_session={session}", browser.csrf))
            browsers.setdefault(email, browser)

    def discover(email):
        browser, account = browsers[email], accounts[email]
        cohorts = re.findall(r'href="/cohorts/(\d+)"', browser.get("/").text)
        cohort = cohorts[0] if cohorts else "1"
        page = browser.get(f"/cohorts/{cohort}").text
        for board in sorted(set(re.findall(r'href="/boards/(\d+)"', page)), key=int):
            board_page = browser.get(f"/boards/{board}").text
            if f'action="/boards/{board}/watch"' in board_page:
                account.watch_boards.append(board)
            if f"/boards/{board}/threads/new" in board_page:
                account.boards.append(board)
            for thread in sorted(set(re.findall(r'href="/threads/(\d+)', board_page)), key=int)[:3]:
                thread_page = browser.get(f"/threads/{thread}").text
                if f'action="/threads/{thread}/posts"' in thread_page:
                    account.threads.append(thread)
                account.helpful += re.findall(r'action="/posts/(\d+)/helpful"', thread_page)
        account.portfolio = browser.get(f"/cohorts/{cohort}/portfolio").status_code == 200
        gallery = browser.get(f"/cohorts/{cohort}/artifacts").text
        for artifact in sorted(set(re.findall(r'href="/artifacts/(\d+)"', gallery)), key=int)[:4]:
            artifact_page = browser.get(f"/artifacts/{artifact}").text
            version = re.search(r'name="version" value="(\d+)"', artifact_page)
            if f'action="/artifacts/{artifact}/feedback"' in artifact_page and version:
                account.artifacts[artifact] = version.group(1)
        return cohort

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        cohorts = list(pool.map(discover, emails))
    return list(accounts.values()), cohorts[0]


# --------------------------------------------------------------------------- part 1: load
