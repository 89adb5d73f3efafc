#!/usr/bin/env python3
"""The defects the fuzz found, one minimal raw request each, so that a fix can be checked in
seconds: every line says what the request should get and what it got. Exits non-zero while any
is still there. The request that crashes the server goes last.

    COHORT_BIN=/tmp/cohort-bin/cohort .venv-tests/bin/python Tests/Reliability/fuzz_defects.py
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402
from fuzz_http import address, exchange  # noqa: E402

ERROR_MESSAGE = re.compile(rb'<section class="error-page">.*?<h1>(.*?)</h1>\s*<p>(.*?)</p>', re.S)


def request(method, target, headers=(), body=b"", length=True):
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1"] + [n + b": " + v for n, v in headers]
    if length and (body or method == b"POST"):
        lines.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def describe(outcome):
    if outcome.kind != "response":
        return outcome.kind
    found = ERROR_MESSAGE.search(outcome.body)
    what = f"{outcome.status} {outcome.headers.get('content-type', 'no Content-Type')}, {len(outcome.body)} bytes"
    if found:
        what += f": {found.group(2).decode('utf-8', 'replace')[:90]!r}"
    elif outcome.body and "html" not in outcome.headers.get("content-type", ""):
        what += f": {outcome.body[:60]!r}"
    return what


def clear_page(outcome):
    return outcome.kind == "response" and "text/html" in outcome.headers.get("content-type", "") and bool(
        ERROR_MESSAGE.search(outcome.body) or b'role="alert"' in outcome.body)


def main(argv=None):
    """`argv` is accepted (and ignored: there is no long version) like the other parts' mains."""
    os.environ.setdefault("SWIFT_BACKTRACE", "enable=no")
    failures = 0
    with harness.CohortServer() as server:
        educator = harness.Browser(server.url).sign_in(harness.EDUCATORS[0])
        facilitator = harness.Browser(server.url).sign_in(harness.FACILITATOR)
        session = b"cohort_session=" + educator.http.cookies.get("cohort_session").encode()
        csrf = educator.csrf.encode()
        fsession = b"cohort_session=" + facilitator.http.cookies.get("cohort_session").encode()
        fcsrf = facilitator.csrf.encode()
        admin = harness.Browser(server.url).sign_in(harness.ADMIN)
        asession = b"cohort_session=" + admin.http.cookies.get("cohort_session").encode()
        acsrf = admin.csrf.encode()
        form = [(b"Cookie", session), (b"Content-Type", b"application/x-www-form-urlencoded")]
        token_header = [(b"Cookie", session), (b"X-CSRF-Token", csrf)]
        facilitator.post("/threads/4/lock", {"on": "true"})

        checks = [
            ("500 when a form body reaches a handler undecodable (text/plain + header token, bad %)",
             request(b"POST", b"/threads/2/posts", token_header + [(b"Content-Type", b"text/plain")], b"body=%ZZ"),
             {}, lambda o: o.kind == "response" and 400 <= o.status < 500 and clear_page(o)),
            ("500 when a form body reaches a handler undecodable (no Content-Type, duplicate keys)",
             request(b"POST", b"/artifacts/1/requests", token_header, b"peer=1&peer[x]=2"),
             {}, lambda o: o.kind == "response" and 400 <= o.status < 500 and clear_page(o)),
            ("500 for a bad chunk size, signed out",
             request(b"POST", b"/login", [(b"Content-Type", b"application/x-www-form-urlencoded"),
                                          (b"Transfer-Encoding", b"chunked")], b"zz\r\nabc\r\n0\r\n\r\n", length=False),
             {}, lambda o: o.kind in ("response", "closed") and not (o.kind == "response" and o.status >= 500)),
            ("500 for Transfer-Encoding: gzip, signed out",
             request(b"POST", b"/login", [(b"Content-Type", b"application/x-www-form-urlencoded"),
                                          (b"Transfer-Encoding", b"gzip")], b"0\r\n\r\n", length=False),
             {}, lambda o: o.kind in ("response", "closed") and not (o.kind == "response" and o.status >= 500)),
            ("500 when the client stops sending mid-body (Content-Length 100, 9 bytes, half-close)",
             request(b"POST", b"/threads/2/posts", form + [(b"Content-Length", b"100")], b"_csrf=abc", length=False),
             {"half_close": True}, lambda o: o.kind == "closed" or (o.kind == "response" and o.status < 500)),
            ("500 for an absurd declared form length instead of an immediate 413",
             request(b"POST", b"/threads/2/posts", form + [(b"Content-Length", b"99999999999")], b"_csrf=" + csrf,
                     length=False),
             {"half_close": True}, lambda o: o.kind == "response" and o.status == 413),
            ("500 for a NUL in the search text",
             request(b"GET", b"/search?q=%00", [(b"Cookie", session)]),
             {}, lambda o: o.kind == "response" and o.status == 200),
            ("missing asset: an empty 404 without the site's error page or security headers",
             request(b"GET", b"/assets/nope.css"),
             {}, lambda o: o.kind == "response" and o.status == 404 and clear_page(o)
             and "content-security-policy" in o.headers),
            ("asset path with ..: an empty 400",
             request(b"GET", b"/assets/%2e%2e/Package.swift"),
             {}, lambda o: o.kind == "response" and 400 <= o.status < 500 and clear_page(o)
             and b"swift-tools-version" not in o.body),
            ("asset path with bad percent-encoding: a JSON 400",
             request(b"GET", b"/assets/%ZZ"),
             {}, lambda o: o.kind == "response" and 400 <= o.status < 500 and clear_page(o)),
            ("asset with an unsatisfiable Range: a JSON 416",
             request(b"GET", b"/assets/style.css", [(b"Range", b"bytes=999999-1")]),
             {}, lambda o: o.kind == "response" and (o.status in (200, 206) or clear_page(o))),
            ("NUL in an asset path: app.js served as text/html",
             request(b"GET", b"/assets/app.js%00.html"),
             {}, lambda o: o.kind == "response" and 400 <= o.status < 500),
            ("array-shaped form field: a 400 saying 'Type mismatch for `` key'",
             request(b"POST", b"/threads/2/posts", form, b"_csrf=" + csrf + b"&body[]=x"),
             {}, lambda o: o.kind == "response" and 400 <= o.status < 500 and clear_page(o)
             and b"Type mismatch" not in o.body),
            ("reply to a locked thread: a 409 page that never says why",
             request(b"POST", b"/threads/4/posts", form, b"_csrf=" + csrf + b"&body=hello"),
             {}, lambda o: o.kind == "response" and 400 <= o.status < 500 and clear_page(o)),
            ("a schedule session that does not exist, with a bad date: a 422 page with no message (not a 404)",
             request(b"POST", b"/cohorts/1/schedule/sessions/-1",
                     [(b"Cookie", fsession), (b"Content-Type", b"application/x-www-form-urlencoded")],
                     b"_csrf=" + fcsrf + b"&day=value&time=value&timeZone=value&link=value"),
             {}, lambda o: o.kind == "response" and o.status == 404 and clear_page(o)),
            ("form Content-Type in capitals refused as an expired form (403)",
             request(b"POST", b"/threads/2/watch", [(b"Cookie", session),
                                                    (b"Content-Type", b"Application/X-WWW-Form-Urlencoded")],
                     b"_csrf=" + csrf + b"&watching=true"),
             {}, lambda o: o.kind == "response" and o.status == 303),
            ("multipart part header with a non-ASCII byte: the server process dies (any signed-in member)",
             request(b"POST", b"/cohorts/1/artifacts", token_header + [(b"Content-Type", b"multipart/form-data; boundary=a")],
                     b'--a\r\nContent-Dispo\xd7\x9bsition: form-data; name="title"\r\n\r\nx\r\n--a--\r\n'),
             {"crash": True}, None),
            ("the same in a roster import (admin): the server process dies",
             request(b"POST", b"/cohorts/1/roster/import",
                     [(b"Cookie", asession), (b"X-CSRF-Token", acsrf),
                      (b"Content-Type", b"multipart/form-data; boundary=a")],
                     b'--a\r\nContent-Dispo\xd7\x9bsition: form-data; name="file"; filename="r.csv"\r\n\r\n'
                     b'name,email\r\n--a--\r\n'),
             {"crash": True}, None),
        ]
        host, port = address(server.url)
        for title, data, options, fixed in checks:
            if options.get("crash"):
                if not server.alive():
                    server.start()        # same data folder: the sessions still work
                    host, port = address(server.url)
                outcome = exchange(host, port, data, timeout=30)
                time.sleep(1.0)
                alive = server.alive() and exchange(*address(server.url), request(b"GET", b"/login"), timeout=10).kind \
                    == "response"
                ok = alive
                result = describe(outcome) + ("; server alive" if alive else "; SERVER DIED")
            else:
                outcome = exchange(host, port, data, timeout=30, half_close=options.get("half_close", False))
                ok = fixed(outcome)
                result = describe(outcome)
            failures += not ok
            print(f"{'fixed  ' if ok else 'DEFECT '} {title}\n         -> {result}", flush=True)
    return harness.summary(f"fuzz_defects: {len(checks)} known defects checked, {failures} still there", failures == 0)


if __name__ == "__main__":
    sys.exit(main())
