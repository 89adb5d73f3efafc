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
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402
from load_accounts import prepare_accounts  # noqa: E402
from load_clients import run_load  # noqa: E402
from load_http import raise_file_limit  # noqa: E402
from load_report import report_load, report_slowloris  # noqa: E402
from load_slowloris import run_slowloris  # noqa: E402


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


if __name__ == "__main__":
    sys.exit(main())
