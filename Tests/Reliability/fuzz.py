#!/usr/bin/env python3
"""Fuzz: at least 10,000 generated malformed requests against a real `cohort serve --demo`.

Requests go out over raw sockets (fuzz_http.exchange) so that genuinely broken bytes reach
the server: bad encodings, truncated and oversized bodies, bad multipart boundaries, huge
headers, bad cookies, path tricks (`..`, `%00`), wrong content types, bad methods and
request lines. They are aimed at real routes, signed in (a real session cookie and CSRF
token, so bodies get past the CSRF check to the handlers) as well as signed out.

Pass: no 5xx answer (and no 500 logged by the server for a request nobody saw), no hang on
a complete request, the process alive, every application 4xx a clear HTML page (a title and
a human message, no decoder jargon), no file outside public/ served, no NUL-byte path
served, and normal requests served during and after the run.

A request that is broken at the HTTP level (request line, header syntax, header limits,
chunked framing) may be answered by a bare 400 from the HTTP layer or by closing the
connection; those are counted separately, per category.

    COHORT_BIN=/tmp/cohort-bin/cohort .venv-tests/bin/python Tests/Reliability/fuzz.py
"""

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fuzz_routes  # noqa: E402
import harness  # noqa: E402
from fuzz_run import fuzz  # noqa: E402
from fuzz_server import BACKTRACE_OFF  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=None, help="default 10,000 (50,000 with --soak)")
    parser.add_argument("--soak", action="store_true", help="the long version: 50,000 requests")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds to wait for an answer before calling it a hang")
    parser.add_argument("--examples", type=int, default=2, help="reproductions printed per kind of problem")
    parser.add_argument("--save-repro", metavar="DIR", help="write the raw bytes of every problem request here")
    parser.add_argument("--max-isolations", type=int, default=1,
                        help="crashes for which the killing request is looked for (each takes a while)")
    parser.add_argument("--categories", help="comma-separated generator names to use (default: all)")
    parser.add_argument("--server-log", metavar="FILE", help="write the server's whole output here")
    parser.add_argument("--url", help="fuzz a running server instead of starting one (no log or crash check)")
    arguments = parser.parse_args(argv)
    if arguments.requests is None:
        arguments.requests = 50_000 if arguments.soak else 10_000
    seed = arguments.seed if arguments.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    started = time.monotonic()
    try:
        routes = fuzz_routes.load()
    except fuzz_routes.RouteTableError as error:
        return harness.summary(f"fuzz: the route table cannot be fuzzed: {error}", False)
    print("route table: " + routes.describe(), flush=True)

    server = None
    if arguments.url:
        url = arguments.url.rstrip("/")
    else:
        os.environ["SWIFT_BACKTRACE"] = BACKTRACE_OFF
        server = harness.CohortServer()
        server.start()
        url = server.url
    try:
        return fuzz(url, server, arguments, rng, seed, started, routes)
    finally:
        if server:
            server.stop()
            if server._temporary:
                server._temporary.cleanup()



if __name__ == "__main__":
    sys.exit(main())
