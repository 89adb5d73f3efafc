#!/usr/bin/env python3
"""Load: 200 concurrent clients mixing reads and writes for a fixed period, then 500 slow
(slowloris) connections while a normal client keeps asking for pages.

Part 1, load. Clients sign in as the demo cohort's educators and facilitator (a few sessions
per account, each shared by several clients), then loop for `--seconds`: read the dashboard,
cohort, boards, threads, search, the artifact gallery and artifact pages, notifications and
the portfolio; and write replies, artifact feedback, new threads, watch and helpful toggles,
"mark all read", portfolio drafts and time-zone changes. Replies/feedback/threads are paced
per account under the posting limits (12 posts and 12 feedback a minute, 3 threads a minute),
so a 429 means the pacing or the limit is off; 429s are counted apart, not as errors.
Errors: a 5xx, a connection that fails or is cut, no answer within `--timeout`, or any status
the operation should not give (a page not 200, a form not 303, a redirect to the sign-in page).
Clients wait a random 0.25-1.25 s between requests, as people do (`--think`); four in five keep
their connection open between requests, one in five opens a new one each time.

Part 2, slowloris. `--slow` connections that are idle (connect, send nothing), drip a request's
headers one byte at a time, or drip a form body one byte at a time, for `--slow-seconds`.
Meanwhile a normal client asks for a page every 200 ms on a new connection: every one must
be answered within a second. Reports how many slow connections the server closed, and when.

    COHORT_BIN=/tmp/cohort-bin/cohort .venv-tests/bin/python Tests/Reliability/load.py
"""

import argparse
import asyncio
import collections
import concurrent.futures
import os
import random
import re
import resource
import statistics
import sys
import time
from urllib.parse import quote_plus, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402


def raise_file_limit(wanted):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[index]


# --------------------------------------------------------------------------- a small HTTP/1.1 client


class ConnectionFailed(Exception):
    pass


class StaleConnection(Exception):
    """The connection was closed before any answer came."""


class Connection:
    """One keep-alive HTTP/1.1 connection, reopened when the server closes it."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def close(self):
        if self.writer:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except Exception:  # noqa: BLE001 - already gone
                pass
        self.reader = self.writer = None

    retries = 0   # requests sent again because the server had closed an idle kept-alive connection

    async def request(self, method, path, headers=(), body=b""):
        reused = self.writer is not None
        try:
            return await self._request(method, path, headers, body)
        except StaleConnection:
            if not reused:
                raise ConnectionFailed("closed before an answer")
            # The server closed a kept-alive connection while it was idle (an idle timeout), before
            # reading this request: a browser sends it again on a new connection, and so do we.
            Connection.retries += 1
            return await self._request(method, path, headers, body)

    async def _request(self, method, path, headers, body):
        if self.writer is None:
            try:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            except OSError as error:
                raise ConnectionFailed(f"connect: {error}") from error
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        head += [f"{name}: {value}" for name, value in headers]
        if body or method == "POST":
            head.append(f"Content-Length: {len(body)}")
        try:
            self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            await self.writer.drain()
            raw = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as error:
            await self.close()
            if not error.partial:
                raise StaleConnection() from error
            raise ConnectionFailed("closed in the middle of an answer") from error
        except (ConnectionResetError, BrokenPipeError) as error:
            await self.close()
            raise StaleConnection() from error
        except (OSError, asyncio.LimitOverrunError) as error:
            await self.close()
            raise ConnectionFailed(f"{type(error).__name__} before an answer") from error
        lines = raw.decode("latin-1").split("\r\n")
        try:
            status = int(lines[0].split(" ", 2)[1])
        except (IndexError, ValueError) as error:
            await self.close()
            raise ConnectionFailed(f"garbled status line {lines[0]!r}") from error
        response_headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                response_headers[name.strip().lower()] = value.strip()
        try:
            if "chunked" in response_headers.get("transfer-encoding", "").lower():
                content = b""
                while True:
                    size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    if size == 0:
                        await self.reader.readuntil(b"\r\n")
                        break
                    content += await self.reader.readexactly(size + 2)
            elif method == "HEAD" or status in (204, 304):
                content = b""
            else:
                length = response_headers.get("content-length")
                content = await self.reader.readexactly(int(length)) if length else await self.reader.read()
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as error:
            await self.close()
            raise ConnectionFailed(f"{type(error).__name__} while reading the body") from error
        if response_headers.get("connection", "").lower() == "close":
            await self.close()
        return status, response_headers, content


# --------------------------------------------------------------------------- accounts and what they can touch


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

SEARCH_TERMS = ["lesson", "feedback", "students", "plan", "assessment", "reflection", "group work", "rubric"]

# name, weight, kind ("read" / "write"), expected statuses
OPERATIONS = [
    ("dashboard", 10, "read"), ("cohort", 6, "read"), ("boards", 5, "read"), ("board", 8, "read"),
    ("thread", 14, "read"), ("search", 6, "read"), ("gallery", 5, "read"), ("artifact", 8, "read"),
    ("notifications", 4, "read"), ("portfolio", 3, "read"), ("asset", 3, "read"),
    ("reply", 6, "write"), ("feedback", 4, "write"), ("thread-new", 2, "write"), ("watch-thread", 4, "write"),
    ("watch-board", 3, "write"), ("helpful", 4, "write"), ("mark-read", 2, "write"), ("portfolio-save", 2, "write"),
    ("time-zone", 1, "write"),
]
PACED = {"reply": "reply", "feedback": "feedback", "thread-new": "thread"}
UNPACED_WRITES = ["watch-thread", "watch-board", "helpful", "mark-read", "portfolio-save", "time-zone"]


class LoadStats:
    def __init__(self):
        self.latencies = []
        self.by_operation = collections.defaultdict(list)
        self.statuses = collections.Counter()
        self.errors = collections.Counter()
        self.error_examples = {}
        self.too_many = collections.Counter()
        self.writes_done = collections.Counter()
        self.requests = 0

    def error(self, operation, what, detail=""):
        key = f"{operation}: {what}"
        self.errors[key] += 1
        self.error_examples.setdefault(key, detail[:300])


def build_request(operation, account, session, cohort, rng):
    cookie, csrf = session
    headers = [("Cookie", cookie)]

    def form(fields):
        body = "&".join(f"{k}={quote_plus(str(v))}" for k, v in {"_csrf": csrf, **fields}.items()).encode()
        return ("POST", headers + [("Content-Type", "application/x-www-form-urlencoded")], body)

    threads = account.threads or ["2"]
    if operation == "dashboard":
        return "GET", "/", headers, b"", {200}
    if operation == "cohort":
        return "GET", f"/cohorts/{cohort}", headers, b"", {200}
    if operation == "boards":
        return "GET", f"/cohorts/{cohort}/boards", headers, b"", {200}
    if operation == "board":
        return "GET", f"/boards/{rng.choice(account.watch_boards or ['1'])}", headers, b"", {200}
    if operation == "thread":
        return "GET", f"/threads/{rng.choice(threads)}", headers, b"", {200}
    if operation == "search":
        return "GET", f"/search?q={quote_plus(rng.choice(SEARCH_TERMS))}", headers, b"", {200}
    if operation == "gallery":
        return "GET", f"/cohorts/{cohort}/artifacts", headers, b"", {200}
    if operation == "artifact":
        return "GET", f"/artifacts/{rng.choice(list(account.artifacts) or ['1'])}", headers, b"", {200}
    if operation == "notifications":
        return "GET", "/notifications", headers, b"", {200}
    if operation == "portfolio":
        return "GET", f"/cohorts/{cohort}/portfolio", headers, b"", {200}
    if operation == "asset":
        return "GET", "/assets/style.css", [], b"", {200}
    if operation == "reply":
        method, h, body = form({"body": f"Load-test reply {rng.randrange(10**9)}: what worked in my lesson today."})
        return method, f"/threads/{rng.choice(threads)}/posts", h, body, {303}
    if operation == "feedback":
        artifact = rng.choice(list(account.artifacts))
        method, h, body = form({"body": f"Load-test feedback {rng.randrange(10**9)}: clear goals.",
                                "version": account.artifacts[artifact], "parentId": "", "indicatorId": ""})
        return method, f"/artifacts/{artifact}/feedback", h, body, {303}
    if operation == "thread-new":
        method, h, body = form({"title": f"Load-test thread {rng.randrange(10**9)}", "body": "Opening post.",
                                "kind": "discussion"})
        return method, f"/boards/{rng.choice(account.boards)}/threads", h, body, {303}
    if operation == "watch-thread":
        method, h, body = form({"watching": rng.choice(["true", "false"])})
        return method, f"/threads/{rng.choice(threads)}/watch", h, body, {303}
    if operation == "watch-board":
        method, h, body = form({"watching": rng.choice(["true", "false"])})
        return method, f"/boards/{rng.choice(account.watch_boards or ['1'])}/watch", h, body, {303}
    if operation == "helpful":
        method, h, body = form({})
        return method, f"/posts/{rng.choice(account.helpful)}/helpful", h, body, {303}
    if operation == "mark-read":
        method, h, body = form({})
        return method, "/notifications/read", h, body, {303}
    if operation == "portfolio-save":
        method, h, body = form({"reflection": f"Draft reflection {rng.randrange(10**9)}."})
        return method, f"/cohorts/{cohort}/portfolio", h, body, {303}
    if operation == "time-zone":
        method, h, body = form({"timeZone": rng.choice(["Europe/London", "Europe/Paris", "America/New_York"])})
        return method, "/account/time-zone", h, body, {303}
    raise ValueError(operation)


def possible(operation, account):
    if operation == "feedback":
        return bool(account.artifacts)
    if operation == "thread-new":
        return bool(account.boards)
    if operation == "helpful":
        return bool(account.helpful)
    if operation in ("portfolio", "portfolio-save"):
        return account.portfolio
    return True


async def load_client(number, host, port, account, session, cohort, args, stats, deadline, seed):
    rng = random.Random(seed * 1000 + number)
    connection = Connection(host, port)
    names = [name for name, _, _ in OPERATIONS]
    weights = [weight for _, weight, _ in OPERATIONS]
    await asyncio.sleep(rng.uniform(0, args.think_max))      # do not all start at once
    while time.monotonic() < deadline:
        operation = rng.choices(names, weights)[0]
        if not possible(operation, account):
            operation = "thread"
        if operation in PACED and not account.take(PACED[operation], time.monotonic(), args.post_gap, args.thread_gap):
            operation = rng.choice([name for name in UNPACED_WRITES if possible(name, account)])
        method, path, headers, body, expected = build_request(operation, account, session, cohort, rng)
        started = time.perf_counter()
        try:
            status, response_headers, content = await asyncio.wait_for(
                connection.request(method, path, headers, body), args.timeout)
        except asyncio.TimeoutError:
            stats.requests += 1
            stats.error(operation, f"no answer within {args.timeout:.0f} s", f"{method} {path}")
            await connection.close()
            continue
        except ConnectionFailed as error:
            stats.requests += 1
            stats.error(operation, "connection failed", f"{method} {path}: {error}")
            await asyncio.sleep(0.1)
            continue
        elapsed = time.perf_counter() - started
        stats.requests += 1
        stats.latencies.append(elapsed)
        stats.by_operation[operation].append(elapsed)
        stats.statuses[status] += 1
        location = response_headers.get("location", "")
        if status == 429:
            stats.too_many[operation] += 1
        elif status >= 500:
            stats.error(operation, f"{status}", f"{method} {path}")
        elif status not in expected:
            stats.error(operation, f"unexpected {status}", f"{method} {path} -> {location or content[:200]!r}")
        elif location.startswith("/login"):
            stats.error(operation, "sent to the sign-in page", f"{method} {path} -> {location}")
        elif method == "POST":
            stats.writes_done[operation] += 1
        if number % 5 == 0:
            await connection.close()      # every fifth client opens a new connection for each request
        if time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(args.think_min, args.think_max))
    await connection.close()


async def run_load(url, accounts, cohort, args, seed):
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port
    stats = LoadStats()
    pairs = [(account, session) for account in accounts for session in account.sessions]
    deadline = time.monotonic() + args.seconds
    clients = [load_client(number, host, port, pairs[number % len(pairs)][0], pairs[number % len(pairs)][1], cohort,
                           args, stats, deadline, seed) for number in range(args.clients)]
    started = time.monotonic()
    await asyncio.gather(*clients)
    return stats, time.monotonic() - started


# --------------------------------------------------------------------------- part 2: slowloris


class SlowConnection:
    def __init__(self, kind):
        self.kind = kind
        self.opened = None
        self.closed_after = None      # seconds from open to the server closing it
        self.answer = b""             # what the server said before closing, if anything
        self.connect_failed = None


async def slow_connection(slow, host, port, drip, stop, cookie):
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
    except (OSError, asyncio.TimeoutError) as error:
        slow.connect_failed = str(error) or type(error).__name__
        return
    slow.opened = time.monotonic()

    async def watch():
        try:
            while True:
                data = await reader.read(4096)
                if not data:
                    break
                slow.answer += data
        except OSError:
            pass
        slow.closed_after = time.monotonic() - slow.opened

    watcher = asyncio.ensure_future(watch())
    if slow.kind == "headers":
        script = (f"GET / HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nUser-Agent: slow\r\nX-Padding: ").encode()
        filler = b"a"
    elif slow.kind == "body":
        script = (f"POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  f"Content-Length: 100000\r\n\r\nemail=").encode()
        filler = b"a"
    else:
        script, filler = b"", b""
    position = 0
    rng = random.Random(id(slow))
    await asyncio.sleep(rng.uniform(0, drip))
    try:
        while not stop.is_set() and not watcher.done():
            if slow.kind != "idle":
                byte = script[position:position + 1] or filler
                position += 1
                writer.write(byte)
                await writer.drain()
            try:
                await asyncio.wait_for(stop.wait(), drip * rng.uniform(0.8, 1.2))
            except asyncio.TimeoutError:
                pass
    except OSError:
        pass
    if watcher.done() and slow.closed_after is None:
        slow.closed_after = time.monotonic() - slow.opened
    watcher.cancel()
    writer.close()


async def normal_requests(host, port, cookie, stop, interval, results):
    """A page every `interval` seconds on a new connection: signed out and signed in in turn."""
    turn = 0
    while not stop.is_set():
        path, headers = ("/login", []) if turn % 2 == 0 else ("/", [("Cookie", cookie)])
        turn += 1
        connection = Connection(host, port)
        started = time.perf_counter()
        try:
            status, _, _ = await asyncio.wait_for(connection.request("GET", path, headers), 10)
            results.append((time.perf_counter() - started, status, path))
        except (asyncio.TimeoutError, ConnectionFailed) as error:
            results.append((time.perf_counter() - started, f"failed: {type(error).__name__} {error}", path))
        await connection.close()
        try:
            await asyncio.wait_for(stop.wait(), interval)
        except asyncio.TimeoutError:
            pass


async def run_slowloris(url, cookie, args):
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port
    kinds = ["idle"] * 2 + ["headers"] * 2 + ["body"]
    slows = [SlowConnection(kinds[i % len(kinds)]) for i in range(args.slow)]
    stop = asyncio.Event()
    results = []
    baseline = []
    # a few normal requests before, for comparison
    await normal_requests_once(host, port, cookie, baseline, 6)
    tasks = []
    for start in range(0, len(slows), 50):       # open them in waves, as an attacker would
        tasks += [asyncio.ensure_future(slow_connection(slow, host, port, args.drip, stop, cookie))
                  for slow in slows[start:start + 50]]
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    opened_at = time.monotonic()
    normal = asyncio.ensure_future(normal_requests(host, port, cookie, stop, 0.2, results))
    await asyncio.sleep(args.slow_seconds)
    stop.set()
    await normal
    await asyncio.gather(*tasks, return_exceptions=True)
    return slows, results, baseline, time.monotonic() - opened_at


async def normal_requests_once(host, port, cookie, results, count):
    for turn in range(count):
        path, headers = ("/login", []) if turn % 2 == 0 else ("/", [("Cookie", cookie)])
        connection = Connection(host, port)
        started = time.perf_counter()
        try:
            status, _, _ = await asyncio.wait_for(connection.request("GET", path, headers), 10)
            results.append((time.perf_counter() - started, status, path))
        except (asyncio.TimeoutError, ConnectionFailed) as error:
            results.append((time.perf_counter() - started, f"failed: {error}", path))
        await connection.close()


# --------------------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--soak", action="store_true",
                        help="the long version: 300 clients for 120 s, 1000 slow connections for 60 s")
    parser.add_argument("--clients", type=int, default=None, help="default 200")
    parser.add_argument("--seconds", type=float, default=None, help="length of the load part (default 20 s)")
    parser.add_argument("--sessions-per-account", type=int, default=1,
                        help="sign-ins per account (bcrypt: each costs the server a moment)")
    parser.add_argument("--think", default="0.25-1.25", help="seconds a client waits between requests, min-max")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a request counts as unanswered")
    parser.add_argument("--post-gap", type=float, default=6.0, help="seconds between one account's replies (limit 12/min)")
    parser.add_argument("--thread-gap", type=float, default=25.0, help="seconds between one account's threads (3/min)")
    parser.add_argument("--slow", type=int, default=None, help="slowloris connections (default 500)")
    parser.add_argument("--slow-seconds", type=float, default=None, help="default 15 s")
    parser.add_argument("--drip", type=float, default=1.0, help="seconds between the bytes a slow connection sends")
    parser.add_argument("--normal-limit", type=float, default=1.0, help="seconds a normal request may take meanwhile")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-slowloris", action="store_true")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    for name, normal, soak in (("clients", 200, 300), ("seconds", 20.0, 120.0), ("slow", 500, 1000),
                               ("slow_seconds", 15.0, 60.0)):
        if getattr(args, name) is None:
            setattr(args, name, soak if args.soak else normal)
    args.think_min, args.think_max = (float(v) for v in args.think.split("-"))
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    limit = raise_file_limit(max(4096, args.slow * 2 + args.clients * 2 + 512))
    started = time.monotonic()
    codes = []
    with harness.CohortServer() as server:
        emails = harness.EDUCATORS + [harness.FACILITATOR]
        accounts, cohort = prepare_accounts(server.url, emails, args.sessions_per_account)
        sessions = sum(len(a.sessions) for a in accounts)
        print(f"load test: server {server.url}, {len(accounts)} accounts, {sessions} sessions, seed {seed}, "
              f"open-file limit {limit} (ready after {time.monotonic() - started:.0f} s)", flush=True)
        if not args.skip_load:
            codes.append(report_load(*asyncio.run(run_load(server.url, accounts, cohort, args, seed)), args, server))
        if not args.skip_slowloris:
            cookie = accounts[0].sessions[0][0]
            codes.append(report_slowloris(*asyncio.run(run_slowloris(server.url, cookie, args)), args, server))
        if not server.alive():
            print("the server process died:\n" + "".join(server.output[-30:]))
            codes.append(1)
    print(f"load.py took {time.monotonic() - started:.0f} s", flush=True)
    return max(codes) if codes else 0


def report_load(stats, seconds, args, server):
    latencies = stats.latencies
    p50, p99 = percentile(latencies, 0.50) * 1000, percentile(latencies, 0.99) * 1000
    print(f"\nload part: {stats.requests} requests in {seconds:.1f} s ({stats.requests / seconds:.0f}/s), "
          f"statuses {dict(sorted(stats.statuses.items()))}")
    print(f"{'operation':16s}{'count':>8s}{'p50 ms':>9s}{'p99 ms':>9s}{'max ms':>9s}")
    for operation, values in sorted(stats.by_operation.items(), key=lambda item: -len(item[1])):
        print(f"{operation:16s}{len(values):8d}{percentile(values, .5) * 1000:9.0f}{percentile(values, .99) * 1000:9.0f}"
              f"{max(values) * 1000:9.0f}")
    writes = sum(stats.writes_done.values())
    too_many = sum(stats.too_many.values())
    if Connection.retries:
        print(f"requests sent again after the server closed an idle kept-alive connection: {Connection.retries}")
    print(f"writes acknowledged: {writes} ({dict(stats.writes_done)}); 429 (posting limits): {too_many} "
          f"{dict(stats.too_many) if too_many else ''}")
    if stats.errors:
        print(f"ERRORS ({sum(stats.errors.values())}):")
        for key, count in stats.errors.most_common():
            print(f"  x{count}  {key}   e.g. {stats.error_examples[key]}")
    logged = [line.strip() for line in server.output if "request failed" in line]
    if logged:
        print(f"server logged {len(logged)} failures, e.g. {logged[0][:300]}")
    errors = sum(stats.errors.values())
    ok = errors == 0 and not logged and server.alive() and stats.requests > 0 and too_many <= writes // 10
    line = (f"load: {args.clients} clients, {seconds:.0f} s, {errors} errors, {stats.requests} requests, "
            f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, {writes} writes, {too_many} 429s")
    return harness.summary(line, ok)


def report_slowloris(slows, results, baseline, seconds, args, server):
    kinds = collections.Counter(slow.kind for slow in slows)
    connected = [slow for slow in slows if slow.opened is not None]
    failed_to_connect = [slow for slow in slows if slow.connect_failed]
    closed = [slow for slow in connected if slow.closed_after is not None]
    print(f"\nslowloris part: {len(connected)} of {len(slows)} slow connections open ({dict(kinds)}), held {seconds:.1f} s, "
          f"a byte every {args.drip:.1f} s")
    if failed_to_connect:
        print(f"  {len(failed_to_connect)} could not connect, e.g. {failed_to_connect[0].connect_failed}")
    if baseline:
        print(f"normal requests before: {', '.join(f'{t * 1000:.0f} ms' for t, *_ in baseline)}")
    times = [t for t, status, _ in results if isinstance(status, int)]
    failures = [(t, status, path) for t, status, path in results if not isinstance(status, int) or status != 200]
    late = [(t, status, path) for t, status, path in results if t > args.normal_limit]
    if times:
        print(f"normal requests during: {len(results)}, p50 {percentile(times, .5) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms, over {args.normal_limit:.0f} s: {len(late)}, failed: {len(failures)}")
    for t, status, path in (failures + late)[:5]:
        print(f"  GET {path}: {status} after {t * 1000:.0f} ms")
    for kind in ("idle", "headers", "body"):
        group = [slow for slow in connected if slow.kind == kind]
        shut = sorted(slow.closed_after for slow in group if slow.closed_after is not None)
        answers = collections.Counter(slow.answer.split(b"\r\n", 1)[0].decode("latin-1") or "(nothing)"
                                      for slow in group if slow.closed_after is not None)
        if shut:
            print(f"  {kind:8s}: server closed {len(shut)} of {len(group)}, after {shut[0]:.1f}-{shut[-1]:.1f} s "
                  f"(median {statistics.median(shut):.1f} s); answer before closing: {dict(answers)}")
        else:
            print(f"  {kind:8s}: server closed 0 of {len(group)} within {seconds:.0f} s")
    if not closed:
        print("  the server never closed a slow connection: no header or idle timeout took effect")
    ok = bool(results) and not failures and not late and server.alive()
    worst = max(times) * 1000 if times else float("nan")
    line = (f"slowloris: {len(connected)} slow connections, {len(results)} normal requests, max {worst:.0f} ms, "
            f"{len(failures) + len(late)} failed or over {args.normal_limit:.0f} s, {len(closed)} closed by server")
    return harness.summary(line, ok)


if __name__ == "__main__":
    sys.exit(main())
