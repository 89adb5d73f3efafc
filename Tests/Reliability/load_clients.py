"""The load part's clients: the mix of reads and writes, each request built with what it
should answer, and the clients that send them for `--seconds`."""

import asyncio
import collections
import random
import time
from urllib.parse import quote_plus, urlsplit
from load_http import Connection, ConnectionFailed



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
