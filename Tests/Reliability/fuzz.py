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
import collections
import concurrent.futures
import os
import random
import re
import sys
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402
from fuzz_http import address, exchange  # noqa: E402

LEAK_MARKERS = [b"swift-tools-version", b"import PackageDescription", b"root:x:0:0", b"SQLite format 3",
                b"{{#", b"{{/", b"[package]", b"BEGIN PRIVATE KEY", b"BEGIN CERTIFICATE"]
JARGON = re.compile(r"`|Type mismatch|expected .{0,40} type|DecodingError|Swift\.|Optional\(|\bnil\b|Error\(|keyNotFound|"
                    r"typeMismatch|dataCorrupted|percent decode|Array&lt;|Dictionary&lt;|HTTPParserError|llhttp|"
                    r"unexpected time|stream ended", re.I)
ERROR_PAGE = re.compile(rb'<section class="error-page">.*?<h1>(.*?)</h1>\s*<p>(.*?)</p>', re.S)
ALERT = re.compile(rb'(?:role="alert"|class="error")[^>]*>\s*(?:<p[^>]*>)?(.*?)</', re.S)
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
TAGS = re.compile(rb"<[^>]+>")

RAW_IN_REQUEST_LINE = re.compile(rb"[\x00-\x1f\x7f-\xff]")
RAW_IN_HEADER = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f-\xff]")
BIG_FLASH = b"cohort_flash=" + quote(b'{"kind":"notice","text":"' + b"x" * 12_000 + b'"}').encode()
TINY_TEXT_FILE = b"Lesson reflection notes.\nStudents worked in pairs.\n"


# --------------------------------------------------------------------------- setup


@dataclass
class Identity:
    name: str
    cookie: bytes = b""     # the whole Cookie header value, or b"" when signed out
    csrf: bytes = b""
    session: bytes = b""


class Site:
    """What the requests are aimed at: ids of real things and signed-in identities."""

    def __init__(self, url):
        self.url = url
        self.ids = {"cohort": ["1"], "board": ["1", "2"], "thread": ["2"], "post": ["3", "4"], "artifact": ["1"],
                    "my_artifact": ["1"], "version": ["1"], "feedback": ["1"], "flag": ["1"], "submission": ["1"],
                    "position": ["0", "1", "2", "3"], "invitation": ["1"], "indicator": ["1", "2", "3"],
                    "token": ["x" * 43], "code": ["ABCDEF"], "topics": ["reply", "reply,meetings"]}
        self.who = {}

    def sign_in_all(self):
        roles = {"educator": harness.EDUCATORS[0], "educator2": harness.EDUCATORS[1],
                 "facilitator": harness.FACILITATOR, "admin": harness.ADMIN, "evaluator": harness.EVALUATOR}
        browsers = {}
        for role, email in roles.items():
            browser = harness.Browser(self.url).sign_in(email)
            browsers[role] = browser
            session = browser.http.cookies.get("cohort_session")
            self.who[role] = Identity(role, f"cohort_session={session}".encode(), browser.csrf.encode(), session.encode())
        visitor = "v" * 10 + random.Random(7).choice("abc") * 33   # any 43-character value is a visitor token
        self.who["visitor"] = Identity("visitor", f"cohort_visitor={visitor}".encode(), visitor.encode())
        self.who["anonymous"] = Identity("anonymous")
        self._discover(browsers)

    def _links(self, browser, path, pattern):
        response = browser.get(path)
        return sorted(set(re.findall(pattern, response.text))) if response.status_code == 200 else []

    def _discover(self, browsers):
        educator, facilitator = browsers["educator"], browsers["facilitator"]
        found = collections.defaultdict(set)
        found["cohort"].update(self._links(browsers["admin"], "/", r'href="/cohorts/(\d+)"'))
        for cohort in sorted(found["cohort"])[:2]:
            found["board"].update(self._links(facilitator, f"/cohorts/{cohort}", r'href="/boards/(\d+)"'))
            found["artifact"].update(self._links(facilitator, f"/cohorts/{cohort}/artifacts", r'href="/artifacts/(\d+)"'))
        for board in sorted(found["board"], key=int)[:4]:
            found["thread"].update(self._links(educator, f"/boards/{board}", r'href="/threads/(\d+)'))
        for thread in sorted(found["thread"], key=int)[:3]:
            found["post"].update(self._links(facilitator, f"/threads/{thread}", r'/posts/(\d+)/'))
        indicators = self._links(educator, f"/cohorts/{self.ids['cohort'][0]}/artifacts/new",
                                 r'name="indicator\[\]" value="(\d+)"')
        if indicators:
            self.ids["indicator"] = indicators[:6]
        # One artifact of the educator's own, with a file, for revisions and downloads.
        response = educator.upload(f"/cohorts/{self.ids['cohort'][0]}/artifacts",
                                   {"title": "Fuzz seed", "description": "seed", "indicator[]": self.ids["indicator"][:1]},
                                   {"file": ("notes.txt", TINY_TEXT_FILE, "text/plain")})
        mine = re.search(r"/artifacts/(\d+)", response.headers.get("Location", ""))
        if mine:
            self.ids["my_artifact"] = [mine.group(1)]
            found["artifact"].add(mine.group(1))
        for artifact in sorted(found["artifact"], key=int)[:4]:
            page = facilitator.get(f"/artifacts/{artifact}").text
            found["version"].update(re.findall(r"/files/(\d+)", page))
            found["feedback"].update(re.findall(r"/feedback/(\d+)/", page))
        found["submission"].update(self._links(browsers["evaluator"], "/reviews", r'/reviews/(\d+)'))
        found["flag"].update(self._links(facilitator, "/moderation", r'/flags/(\d+)/'))
        found["invitation"].update(self._links(browsers["admin"], "/admin/people", r'/invitations/(\d+)/revoke'))
        for key, values in found.items():
            if values:
                self.ids[key] = sorted(values, key=lambda v: int(v) if v.isdigit() else 0)


# --------------------------------------------------------------------------- routes

GET_ROUTES = [
    ("/", "any"), ("/login", "out"), ("/setup", "out"), ("/invitations/{token}", "out"), ("/account", "in"),
    ("/admin", "admin"), ("/admin/people", "admin"), ("/admin/cohorts/new", "admin"), ("/admin/reviews", "admin"),
    ("/admin/reviews/report.csv", "admin"), ("/cohorts/{cohort}", "in"),
    ("/cohorts/{cohort}/sessions/{position}/meeting.ics", "in"), ("/cohorts/{cohort}/schedule", "facilitator"),
    ("/cohorts/{cohort}/roster", "facilitator"), ("/cohorts/{cohort}/progress", "facilitator"),
    ("/cohorts/{cohort}/progress.csv", "facilitator"), ("/cohorts/{cohort}/boards", "in"), ("/boards/{board}", "in"),
    ("/boards/{board}/threads/new", "in"), ("/boards/{board}/feed.atom", "out"), ("/threads/{thread}", "in"),
    ("/posts/{post}", "in"), ("/posts/{post}/edit", "in"), ("/posts/{post}/history", "in"), ("/notifications", "in"),
    ("/search", "in"), ("/moderation", "facilitator"), ("/cohorts/{cohort}/artifacts", "in"),
    ("/cohorts/{cohort}/artifacts/new", "in"), ("/artifacts/mine", "in"), ("/artifacts/{artifact}", "in"),
    ("/files/{version}", "in"), ("/files/{version}/preview", "in"), ("/cohorts/{cohort}/portfolio", "in"),
    ("/reviews", "evaluator"), ("/reviews/{submission}", "evaluator"),
    ("/reviews/{submission}/files/{version}", "evaluator"), ("/certificates/{code}", "out"),
    ("/password-reset", "out"), ("/password-reset/{token}", "out"), ("/account/email/{token}", "out"),
    ("/mail/unsubscribe/{token}/{topics}", "out"), ("/admin/mail", "admin"),
]

# Form routes and the fields their forms send. "/logout" is fuzzed only with bad tokens (see below).
POST_ROUTES = [
    ("/login", "out", ["email", "password", "next"]),
    ("/setup", "out", ["name", "email", "password", "passwordConfirmation", "token"]),
    ("/invitations/{token}", "out", ["name", "password", "passwordConfirmation"]),
    ("/account/name", "in", ["name"]),
    ("/account/password", "in", ["currentPassword", "newPassword", "passwordConfirmation"]),
    ("/account/time-zone", "in", ["timeZone"]),
    ("/account/feed-token", "in", []),
    ("/account/mail", "in", ["reply", "newThread", "meetings"]),
    ("/account/email", "in", ["newEmail", "currentPassword"]),
    ("/password-reset", "out", ["email"]),
    ("/password-reset/{token}", "out", ["password", "passwordConfirmation"]),
    ("/account/email/{token}", "out", []),
    ("/mail/unsubscribe/{token}/{topics}", "out", []),
    ("/admin/invitations", "admin", ["email", "role"]),
    ("/admin/invitations/{invitation}/revoke", "admin", []),
    ("/admin/boards", "admin", ["title"]),
    ("/admin/cohorts", "admin", ["name", "startsOn", "time", "timeZone"]),
    ("/cohorts/{cohort}/schedule/sessions/{position}", "facilitator", ["day", "time", "timeZone", "link"]),
    ("/cohorts/{cohort}/schedule/training-end", "facilitator", ["day"]),
    ("/cohorts/{cohort}/members", "facilitator", ["email", "name", "role"]),
    ("/cohorts/{cohort}/progress", "facilitator", ["attended[]", "coursework[]"]),
    ("/cohorts/{cohort}/boards", "facilitator", ["title"]),
    ("/boards/{board}/rename", "facilitator", ["title"]),
    ("/boards/{board}/archive", "facilitator", ["archived"]),
    ("/boards/{board}/watch", "in", ["watching"]),
    ("/boards/{board}/threads", "in", ["title", "body", "kind"]),
    ("/threads/{thread}/posts", "in", ["body", "parentId"]),
    ("/threads/{thread}/accept", "in", ["postId"]),
    ("/threads/{thread}/pin", "facilitator", ["on"]),
    ("/threads/{thread}/lock", "facilitator", ["on"]),
    ("/threads/{thread}/move", "facilitator", ["boardId"]),
    ("/threads/{thread}/watch", "in", ["watching"]),
    ("/posts/{post}/edit", "in", ["body"]),
    ("/posts/{post}/delete", "in", []),
    ("/posts/{post}/helpful", "in", []),
    ("/posts/{post}/flag", "in", ["reason"]),
    ("/posts/{post}/hide", "facilitator", ["reason"]),
    ("/notifications/read", "in", []),
    ("/flags/{flag}/dismiss", "facilitator", []),
    ("/artifacts/{artifact}/feedback", "in", ["body", "version", "indicatorId", "parentId"]),
    ("/artifacts/{my_artifact}/requests", "in", ["peer[]", "mode"]),
    ("/feedback/{feedback}/addressed", "in", ["addressed"]),
    ("/feedback/{feedback}/hide", "facilitator", ["reason"]),
    ("/feedback/{feedback}/flag", "in", ["reason"]),
    ("/feedback-flags/{flag}/dismiss", "facilitator", []),
    ("/cohorts/{cohort}/portfolio", "in", ["reflection", "criterion-1-artifact", "criterion-1-context"]),
    ("/cohorts/{cohort}/portfolio/submit", "in", []),
    ("/reviews/claim", "evaluator", []),
    ("/reviews/{submission}", "evaluator", ["mark-1", "mark-1-comment", "overall", "decision"]),
    ("/admin/reviews/{submission}/release", "admin", []),
    ("/admin/reviews/{submission}/reassign", "admin", ["evaluatorId"]),
    ("/admin/extensions", "admin", ["email", "cohortId", "day", "reason"]),
    ("/admin/certificates/revoke", "admin", ["code", "reason"]),
]

MULTIPART_ROUTES = [
    ("/cohorts/{cohort}/artifacts", "educator"),
    ("/artifacts/{my_artifact}/versions", "educator"),
    ("/cohorts/{cohort}/roster/import", "admin"),
]

BAD_IDS = ["abc", "99999999999999999999", "-1", "0", "1.5", "1e3", "%31", "%00", "1%00", "0x10", "+1", "%20",
           "%EF%BC%91", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "NaN", "1;drop",
           "%2F", "%ZZ", "%", "%E2%28%A1", "1,2", "%EF%BC%91", "%27%20OR%201%3D1%20--", "a" * 300, "9" * 400]

WEIRD_VALUES = [b"", b"%", b"%Z", b"%ZZ", b"%E2%28%A1", b"%C0%AE%C0%AE", b"%00", b"%FF%FE", b"%ED%A0%80",
                b"\xff\xfe", b"\xc0\xaf", b"\x00", b"+++", b"%2B", b"a%", b"%%", b"%u0041", b"=", b"==", b"%3D%26",
                b"-1", b"99999999999999999999", b"0", b"1.5", b"true", b"false", b"on", b"question", b"met",
                b"submit", b"auto", b"%3Cscript%3Ealert(1)%3C%2Fscript%3E", b"<script>", b"..%2F..%2Fetc%2Fpasswd",
                b"\r\n", b"%0D%0A", "ünïcødé".encode(), b"\xf0\x9f\x98\x80", b"%F0%9F%98%80", b"null", b"[]", b"{}",
                b"Europe%2FBerlin", b"Not%2FA_Zone", b"2024-02-30", b"9999-99-99", b"25%3A61", b"javascript%3Aalert(1)",
                b"http%3A%2F%2Fevil.example%2F", b"%2F%2Fevil.example", b"educator", b"admin", b"x%40example.org"]

TOKEN_CHOICES = ("valid", "valid", "valid", "valid", "missing", "wrong", "other-session", "empty", "huge", "array")


# --------------------------------------------------------------------------- building requests


@dataclass
class Case:
    category: str
    data: object            # bytes, or a list of byte strings sent one after another
    protocol: bool = False  # broken at the HTTP level: a bare 400 or a close is acceptable
    complete: bool = True   # a whole request was sent: no answer in time is a hang
    half_close: bool = False
    head: bool = False
    may_close: bool = False
    path_trick: bool = False
    role: str = ""
    limits: bool = False    # over the header limits (size or count): a bare 400 or a close is acceptable

    def __post_init__(self):
        data = self.data if isinstance(self.data, bytes) else b"".join(self.data)
        end = data.find(b"\r\n\r\n")
        head = data if end < 0 else data[:end]
        lines = head.split(b"\r\n")
        request_line, header_lines = lines[0], lines[1:]
        # Raw control or non-ASCII bytes in the request line or a header are HTTP-level errors.
        if RAW_IN_REQUEST_LINE.search(request_line) or RAW_IN_HEADER.search(b"".join(header_lines)):
            self.protocol = True
        if len(head) > 8192 or len(header_lines) > 90:
            self.limits = True
        if request_line.startswith(b"CONNECT "):
            self.protocol = True
            self.head = True    # the HTTP layer sends no body after CONNECT


def http_request(method, target, headers=(), body=b"", version=b"HTTP/1.1", host=b"127.0.0.1",
                 content_length=True):
    lines = [method + b" " + target + b" " + version]
    if host is not None:
        lines.append(b"Host: " + host)
    for name, value in headers:
        lines.append(name + b": " + value)
    if body and content_length:
        lines.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


class Generator:
    def __init__(self, site, rng):
        self.site = site
        self.rng = rng

    # ---- helpers

    def pick(self, seq):
        return self.rng.choice(seq)

    def fill(self, template, bad_ids=False):
        def replace(match):
            key = match.group(1)
            if bad_ids and self.rng.random() < 0.7:
                return self.pick(BAD_IDS)
            return self.pick(self.site.ids.get(key, ["1"]))
        return re.sub(r"\{(\w+)\}", replace, template)

    def identity_for(self, need, signed_in_bias=0.85):
        who = self.site.who
        if need == "out":
            return who["visitor"] if self.rng.random() < 0.8 else who["anonymous"]
        if self.rng.random() > signed_in_bias:
            return self.pick([who["visitor"], who["anonymous"]])
        if need in ("admin", "facilitator", "evaluator"):
            return who[need] if self.rng.random() < 0.8 else who[self.pick(["educator", "admin", "facilitator"])]
        return who[self.pick(["educator", "educator", "educator2", "facilitator", "admin"])]

    def cookie_headers(self, identity):
        return [(b"Cookie", identity.cookie)] if identity.cookie else []

    def token(self, identity, choice=None):
        choice = choice or self.pick(TOKEN_CHOICES)
        if choice == "valid":
            return identity.csrf
        if choice == "missing":
            return None
        if choice == "wrong":
            return b"A" * 43
        if choice == "other-session":
            return self.site.who["educator2" if identity.name != "educator2" else "educator"].csrf
        if choice == "empty":
            return b""
        if choice == "huge":
            return b"B" * self.pick([1000, 50_000])
        return identity.csrf  # "array" is handled by the caller

    def weird_value(self, huge=True):
        roll = self.rng.random()
        if roll < 0.015 and huge:
            return b"a" * self.pick([10_000, 10_000, 60_000, 300_000])
        if roll < 0.5:
            return self.pick(WEIRD_VALUES)
        if roll < 0.75:
            return quote_plus(self.pick(["A thoughtful reply about lesson planning.", "Plan B", "x", "Europe/Paris",
                                         "amara.diallo@example.org", "2025-09-01", "09:30", "https://example.org/meet"
                                         ])).encode()
        return b"".join(self.pick([b"%", b"%2", b"%G1", b"%e9", b"%C3", b"\xe9", b"a", b"+", b"&", b"%26", b"%3D", b"="])
                        for _ in range(self.rng.randint(1, 12)))

    def weird_key(self, key):
        key = key.encode()
        return self.pick([key, key, key, key + b"[]", key + b"[0]", key + b"[a]", key + b"[a][b]", key + b"[",
                          key + b"]", b"[" + key + b"]", key + b"[]" * self.pick([50, 5000]),
                          key + b"[a]" * self.pick([50, 5000]), key + b"%ZZ", key + b"\xff", b"", key.upper()])

    def form_body(self, fields, token, mutate=True, token_as_array=False):
        pairs = []
        if token is not None:
            pairs.append((b"_csrf[]" if token_as_array else b"_csrf", token))
        for field in fields:
            if mutate and self.rng.random() < 0.25:
                continue                                  # missing field
            key = self.weird_key(field) if mutate and self.rng.random() < 0.3 else field.encode()
            value = self.weird_value() if mutate else quote_plus("value").encode()
            pairs.append((key, value))
            if mutate and self.rng.random() < 0.15:       # duplicate field
                pairs.append((key, self.weird_value()))
        if mutate and self.rng.random() < 0.3:
            for _ in range(self.pick([1, 3, 50, 3000])):
                pairs.append((self.pick([b"junk", b"x", b"a[b]", b"a[]", b"_csrf", b"__proto__", b"=", b""]),
                              self.weird_value(huge=False) if self.rng.random() < 0.2 else b"1"))
        if mutate and self.rng.random() < 0.3:
            self.rng.shuffle(pairs)
        separator = self.pick([b"&"] * 8 + [b"&&", b";", b"&amp;"]) if mutate else b"&"
        parts = []
        for key, value in pairs:
            shape = self.rng.random() if mutate else 0
            parts.append(key if shape > 0.97 else key + b"=" + value)
        body = separator.join(parts)
        if mutate and self.rng.random() < 0.05:
            body = self.pick([b"", b"&", b"=", b"&&&&", b"\x00" * 10, os.urandom(self.rng.randint(1, 400))]) + body
        return body

    # ---- categories

    def form_encoding(self):
        """Signed-in (or visitor) form posts with the real token and broken bodies."""
        template, need, fields = self.pick(POST_ROUTES)
        identity = self.identity_for(need, signed_in_bias=0.95)
        choice = self.pick(TOKEN_CHOICES)
        body = self.form_body(fields, self.token(identity, choice), token_as_array=choice == "array")
        headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded")]
        return Case("form-encoding", http_request(b"POST", self.fill(template).encode(), headers, body), role=identity.name)

    def form_fields(self):
        """Well-encoded forms with missing, duplicated, array-shaped and huge fields."""
        template, need, fields = self.pick(POST_ROUTES)
        identity = self.identity_for(need, signed_in_bias=0.95)
        pairs = [(b"_csrf", identity.csrf)] if identity.csrf else []
        for field in fields:
            roll = self.rng.random()
            value = quote_plus(self.pick(["", "x", "A reply with some words.", "-1", "1", "true", "question",
                                          "99999999999999999999", "ü" * 50, "x" * self.pick([300, 5000, 5000, 70_000])])).encode()
            if roll < 0.2:
                continue
            elif roll < 0.35:
                pairs += [(field.encode(), value), (field.encode(), b"second")]
            elif roll < 0.5:
                pairs.append((field.encode() + b"[]", value))
            elif roll < 0.6:
                pairs.append((field.encode() + b"[k]", value))
            else:
                pairs.append((field.encode(), value))
        if self.rng.random() < 0.2:
            pairs.append((self.pick([b"extra", b"_csrf2", b"id", b"userId", b"role"]), b"1"))
        body = b"&".join(k + b"=" + v for k, v in pairs)
        headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded")]
        return Case("form-fields", http_request(b"POST", self.fill(template).encode(), headers, body), role=identity.name)

    def wrong_content_type(self):
        """Form routes sent other content types, the token in the header (as uploads do) or the query."""
        template, need, fields = self.pick(POST_ROUTES)
        identity = self.identity_for(need, signed_in_bias=0.95)
        content_type = self.pick([b"text/plain", b"application/json", None, b"application/xml", b"multipart/form-data",
                                  b"multipart/form-data; boundary=XyZ", b"application/x-www-form-urlencoded; charset=utf-16",
                                  b"APPLICATION/X-WWW-FORM-URLENCODED", b"application/x-www-form-urlencodedX",
                                  b"", b"application/octet-stream", b"text/html; charset=\xff"])
        body = self.pick([
            lambda: self.form_body(fields, None),
            lambda: self.form_body(fields, None, mutate=False),
            lambda: b'{"body": "hello", "title": ["x"], "_csrf": "' + identity.csrf + b'"}',
            lambda: b"<form><body>x</body></form>",
            lambda: b"--XyZ\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n%ZZ\r\n--XyZ--\r\n",
            lambda: os.urandom(self.rng.randint(0, 2000)),
        ])()
        target = self.fill(template).encode()
        headers = self.cookie_headers(identity)
        where = self.pick(["header", "header", "query", "none"])
        if where == "header" and identity.csrf:
            headers.append((b"X-CSRF-Token", identity.csrf))
        elif where == "query" and identity.csrf:
            target += b"?_csrf=" + identity.csrf
        if content_type is not None:
            headers.append((b"Content-Type", content_type))
        protocol = b"\xff" in (content_type or b"")
        return Case("wrong-content-type", http_request(b"POST", target, headers, body), protocol=protocol,
                    role=identity.name)

    def oversized_body(self):
        """Bodies over the limits: forms over 1 MB, uploads declared over 25 MB, huge declared lengths."""
        roll = self.rng.random()
        identity = self.site.who[self.pick(["educator", "facilitator"])]
        if roll < 0.35:   # a real form body over 1 MB
            template, _, fields = self.pick(POST_ROUTES[3:])
            body = b"_csrf=" + identity.csrf + b"&body=" + b"a" * self.pick([(1 << 20) + 10, 1_200_000])
            headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded")]
            return Case("oversized-body", http_request(b"POST", self.fill(template).encode(), headers, body),
                        may_close=True, role=identity.name)
        if roll < 0.7:    # an absurd declared length, a little sent, then we stop sending
            template = self.pick([t for t, *_ in POST_ROUTES[3:]] + [t for t, _ in MULTIPART_ROUTES])
            multipart = "artifacts" in template and "feedback" not in template and "requests" not in template
            content_type = b"multipart/form-data; boundary=XyZ" if multipart else b"application/x-www-form-urlencoded"
            headers = self.cookie_headers(identity) + [(b"Content-Type", content_type),
                                                       (b"X-CSRF-Token", identity.csrf),
                                                       (b"Content-Length", self.pick([b"26500000", b"99999999999",
                                                                                      b"9223372036854775807"]))]
            body = b"_csrf=" + identity.csrf + b"&body=hello" if not multipart else b"--XyZ\r\n"
            request = http_request(b"POST", self.fill(template).encode(), headers, content_length=False) + body
            return Case("oversized-body", request, complete=False, half_close=True, may_close=True, role=identity.name)
        # a multipart upload whose text fields are over the 256 KB field limit
        identity = self.site.who["educator"]
        body = self.multipart_body(b"XyZ", [self.text_part(b"title", b"t"),
                                            self.text_part(b"description", b"d" * 300_000),
                                            self.text_part(b"indicator[]", b"1")])
        headers = self.cookie_headers(identity) + [(b"Content-Type", b"multipart/form-data; boundary=XyZ"),
                                                   (b"X-CSRF-Token", identity.csrf)]
        target = self.fill(self.pick(MULTIPART_ROUTES[:2])[0]).encode()
        return Case("oversized-body", http_request(b"POST", target, headers, body), may_close=True, role=identity.name)

    def truncated_body(self):
        """Content-Length larger than what is sent, and the client gives up (half-closes); or smaller,
        so the rest of the body arrives as the next request."""
        template, need, fields = self.pick(POST_ROUTES[3:])
        identity = self.identity_for(need, signed_in_bias=1.0)
        body = self.form_body(fields, identity.csrf, mutate=False) + b"&body=" + b"x" * self.rng.randint(0, 3000)
        headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded")]
        target = self.fill(template).encode()
        if self.rng.random() < 0.7:
            cut = self.rng.randint(0, len(body))
            declared = len(body) + self.rng.randint(1, 100_000)
            request = http_request(b"POST", target, headers + [(b"Content-Length", str(declared).encode())],
                                   content_length=False) + body[:cut]
            return Case("truncated-body", request, complete=False, half_close=True, may_close=True, role=identity.name)
        declared = self.rng.randint(0, len(body))
        request = http_request(b"POST", target, headers + [(b"Content-Length", str(declared).encode())],
                               content_length=False) + body
        return Case("truncated-body", request, may_close=True, role=identity.name)

    # multipart

    @staticmethod
    def text_part(name, value):
        return b'Content-Disposition: form-data; name="' + name + b'"', value

    @staticmethod
    def file_part(name=b"file", filename=b"notes.txt", content=TINY_TEXT_FILE, content_type=b"text/plain"):
        return (b'Content-Disposition: form-data; name="' + name + b'"; filename="' + filename + b'"\r\n'
                b"Content-Type: " + content_type, content)

    @staticmethod
    def multipart_body(boundary, parts, newline=b"\r\n", close=True):
        out = b""
        for headers, content in parts:
            out += b"--" + boundary + newline + headers.replace(b"\r\n", newline) + newline + newline + content + newline
        if close:
            out += b"--" + boundary + b"--" + newline
        return out

    def multipart(self):
        template, role = self.pick(MULTIPART_ROUTES)
        identity = self.site.who[role]
        boundary = self.pick([b"----cohortfuzz" + str(self.rng.randint(0, 10**9)).encode(), b"XyZ", b"a", b"-" * 60,
                              b"b" * 70])
        if "roster" in template:
            parts = [self.file_part(filename=b"roster.csv", content=b"name,email,role\nA B,ab@example.org,educator\n",
                                    content_type=b"text/csv")]
        elif "versions" in template:
            parts = [self.text_part(b"note", b"Revised after feedback."), self.file_part()]
        else:
            parts = [self.text_part(b"title", b"Fuzzed artifact"), self.text_part(b"description", b"About it"),
                     self.text_part(b"indicator[]", self.pick(self.site.ids["indicator"]).encode()),
                     self.text_part(b"link", b""), self.file_part()]
        newline = b"\r\n"
        header_boundary = boundary
        content_type_override = None
        close = True
        mutations = self.rng.sample(range(22), self.pick([1, 1, 2, 3]))
        if 19 in mutations:   # chunked: no Content-Length lies on top
            mutations = [m for m in mutations if m not in (13, 14, 19)] + [19]
        half_close = False
        complete = True
        declared = None
        token = identity.csrf
        target_suffix = b""
        extra_headers = []
        post = []   # functions applied to the finished body
        for m in mutations:
            if m == 0:
                content_type_override = b"multipart/form-data"
            elif m == 1:
                content_type_override = self.pick([b"multipart/form-data; boundary=", b"multipart/form-data; boundary=\"\"",
                                                   b"multipart/form-data; boundary=\"" + boundary,
                                                   b"multipart/form-data; boundary=" + b"z" * 300,
                                                   b"multipart/form-data; boundary=" + boundary + b"; boundary=other",
                                                   b"multipart/form-data;boundary =" + boundary,
                                                   b"multipart/mixed; boundary=" + boundary,
                                                   b"MULTIPART/FORM-DATA; BOUNDARY=" + boundary,
                                                   b"multipart/form-data; boundary=a b c",
                                                   b"multipart/form-data; charset=utf-8"])
            elif m == 2:
                header_boundary = self.pick([b"other", boundary + b"x", boundary[:-1] or b"q", b"--" + boundary])
            elif m == 3:
                post.append(lambda body: body[:self.rng.randint(0, len(body))])        # truncated parts
            elif m == 4:
                close = False                                                       # no closing boundary
            elif m == 5:
                newline = b"\n"
            elif m == 6:
                parts = [(h, c) for h, c in parts]
                index = self.rng.randrange(len(parts))
                parts[index] = (self.pick([b"", b"Content-Type: text/plain", b"Content-Disposition: form-data",
                                           b"Content-Disposition: form-data; name=", b"Content-Disposition: attachment",
                                           b"garbage line without colon", b"X: " + b"h" * 100_000,
                                           b"Content-Disposition: form-data; name=\"" + b"n" * 5000 + b"\"",
                                           b"Content-Disposition: form-data; name=\"title\"; name=\"file\"",
                                           b"Content-Disposition: form-data; name=\"\xff\xfe\""]), parts[index][1])
            elif m == 7:
                filename = self.pick([b"../../../etc/passwd", b"..\\..\\windows\\win.ini", b"notes.txt%00.png",
                                      b"notes\x00.png", b"", b"a" * 5000 + b".txt", b".txt", b"notes", b"\xff\xfe.txt",
                                      b"con.txt", b"notes.txt\r\nX-Evil: 1", b"\"quoted\".txt", b"/abs/path.txt",
                                      "üñí.txt".encode(), b"%2e%2e%2fnotes.txt"])
                parts = [p for p in parts if b"filename=" not in p[0]] + [self.file_part(filename=filename)]
            elif m == 8:
                parts = parts + [self.text_part(b"description", b"d" * self.pick([200_000, 270_000]))]
            elif m == 9:
                parts = parts + [self.text_part(b"indicator[]", str(i).encode()) for i in range(self.pick([200, 3000]))]
            elif m == 10:
                content = self.pick([b"", b"\x00" * 100, os.urandom(3000), b"%PDF-1.4 not really",
                                     b"\x89PNG\r\n\x1a\n" + os.urandom(100), b"MZ\x90\x00" + os.urandom(200),
                                     b"<html><script>alert(1)</script></html>"])
                parts = [p for p in parts if b"filename=" not in p[0]] + [
                    self.file_part(content=content, content_type=self.pick([b"text/plain", b"image/png", b"x/y",
                                                                            b"", b"application/pdf"]))]
            elif m == 11:
                post.append(lambda body: self.insert_garbage(body))
            elif m == 12:
                post.append(lambda body: os.urandom(self.rng.randint(1, 300)) + b"\r\n" + body + os.urandom(50))
            elif m == 13:   # declared longer than sent, then the client stops
                declared, half_close, complete = "longer", True, False
            elif m == 14:   # declared shorter: the rest is read as a next request
                declared = "shorter"
            elif m == 15:
                token = self.pick([None, b"wrong" * 8, b"", self.site.who["educator2"].csrf])
            elif m == 16:
                token, target_suffix = None, b"?_csrf=" + identity.csrf
            elif m == 17:
                parts = parts + [self.file_part(), self.file_part(filename=b"second.txt")]
            elif m == 18:
                inner = self.multipart_body(b"inner", [self.file_part()])
                parts = parts + [(b'Content-Disposition: form-data; name="nested"\r\nContent-Type: multipart/mixed; '
                                  b'boundary=inner', inner)]
            elif m == 19:
                extra_headers.append((b"Transfer-Encoding", b"chunked"))
                declared, half_close, complete = "chunked", False, True
            elif m == 20:
                parts = parts + [self.text_part(b"title", b"%ZZ\xff\xfe"), self.text_part(b"link", b"javascript:alert(1)")]
            elif m == 21:
                parts = [(h.replace(b"Content-Disposition", b"content-disposition"), c) for h, c in parts]
        body = self.multipart_body(boundary, parts, newline=newline, close=close)
        for transform in post:
            body = transform(body)
        content_type = content_type_override or b"multipart/form-data; boundary=" + header_boundary
        headers = self.cookie_headers(identity) + [(b"Content-Type", content_type)] + extra_headers
        if token is not None:
            headers.append((b"X-CSRF-Token", token))
        target = self.fill(template).encode() + target_suffix
        if declared == "chunked":
            chunks = b""
            for start in range(0, len(body), 1000):
                piece = body[start:start + 1000]
                chunks += b"%x\r\n" % len(piece) + piece + b"\r\n"
            request = http_request(b"POST", target, headers, content_length=False) + chunks + b"0\r\n\r\n"
        elif declared == "longer":
            request = http_request(b"POST", target, headers + [(b"Content-Length", str(len(body) + 500).encode())],
                                   content_length=False) + body
        elif declared == "shorter":
            request = http_request(b"POST", target, headers + [(b"Content-Length", str(len(body) // 2).encode())],
                                   content_length=False) + body
        else:
            request = http_request(b"POST", target, headers, body) if body else \
                http_request(b"POST", target, headers + [(b"Content-Length", b"0")])
        return Case("multipart", request, complete=complete, half_close=half_close,
                    may_close=not complete or declared == "shorter", role=identity.name)

    def insert_garbage(self, body):
        at = self.rng.randint(0, len(body))
        return body[:at] + self.pick([b"\r\n--", b"--", b"\r\n\r\n", os.urandom(40), b"\x00\x00", b"--XyZ--\r\n"]) + body[at:]

    def bad_ids(self):
        if self.rng.random() < 0.6:
            template, need = self.pick([r for r in GET_ROUTES if "{" in r[0]])
            identity = self.identity_for(need)
            target = self.fill(template, bad_ids=True).encode()
            method = self.pick([b"GET"] * 5 + [b"HEAD"])
            return Case("bad-ids", http_request(method, target, self.cookie_headers(identity)), head=method == b"HEAD",
                        role=identity.name)
        template, need, fields = self.pick([r for r in POST_ROUTES if "{" in r[0]])
        identity = self.identity_for(need)
        body = self.form_body(fields, identity.csrf or None, mutate=False)
        headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded")]
        return Case("bad-ids", http_request(b"POST", self.fill(template, bad_ids=True).encode(), headers, body),
                    role=identity.name)

    def path_tricks(self):
        identity = self.identity_for("in", signed_in_bias=0.6)
        target = self.pick([
            "/assets/../Package.swift", "/assets/%2e%2e/Package.swift", "/assets/%2E%2E%2FPackage.swift",
            "/assets/..%2fPackage.swift", "/assets/..%2F..%2F..%2Fetc%2Fpasswd", "/assets/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/assets/../../../../etc/passwd", "/assets/....//....//Package.swift", "/assets/..\\Package.swift",
            "/assets/..%5cPackage.swift", "/assets/%c0%ae%c0%ae/Package.swift", "/assets/%252e%252e/Package.swift",
            "/assets/../templates/layout.mustache", "/assets/%2e%2e/templates/error.mustache",
            "/assets/style.css%00.png", "/assets/app.js%00.html", "/assets/style.css%00", "/assets/%00",
            "/assets/icon.svg%00.txt", "/assets/style.css/", "/assets/./style.css", "/assets//style.css",
            "/assets/style.css;.png", "/assets/STYLE.CSS", "/assets/", "/assets", "/assets/nope.css",
            "/assets/style.css?x=%ZZ", "/assets/%ZZ", "/assets/" + "a" * 5000, "/assets/style.css%20",
            "/assets/.", "/assets/..", "/assets/.git/config", "/assets/%2e", "/assets/style.css#frag",
            "/threads/2/../../admin", "/threads/../admin", "/./threads/2", "//threads//2", "/threads/2/",
            "/threads/2%00", "/threads/%00", "/%00", "/threads/2%2F..%2F..%2Fadmin", "/cohorts/1/../../admin/people",
            "/admin/..;/people", "/ADMIN", "/Threads/2", "/threads/2;jsessionid=1", "/%2e%2e/%2e%2e/etc/passwd",
            "/..", "/../..", "/%2e%2e", "/files/1/../../../etc/passwd", "/files/..%2f..%2fcohort.sqlite",
            "/cohort.sqlite", "/data/cohort.sqlite", "/uploads/", "/login/..", "/login%00.html", "/login%0d%0aX-Evil:1",
            "/search?q=%00", "/%ZZ", "/%", "/%E2%28%A1", "/%C0%AF", "/" + "%2e%2e/" * 50 + "etc/passwd",
            "/" + "a/" * 2000, "/~", "/.env", "/.well-known/security.txt", "/index.html", "/favicon.ico",
            "/certificates/..%2f..%2fPackage.swift", "/boards/1/feed.atom%00", "/invitations/..%2f..",
        ])
        method = self.pick([b"GET"] * 6 + [b"HEAD"])
        raw = self.rng.random() < 0.05
        encoded = target.encode()
        protocol = False
        if raw:   # a raw NUL or non-ASCII byte in the request target is an HTTP-level error
            encoded = encoded.replace(b"%00", b"\x00").replace(b"%ff", b"\xff") + self.pick([b"\x00", b"\xff", b"\x7f"])
            protocol = True
        return Case("path-tricks", http_request(method, encoded, self.cookie_headers(identity)), protocol=protocol,
                    head=method == b"HEAD", path_trick=True, role=identity.name)

    def query_tricks(self):
        identity = self.identity_for("in", signed_in_bias=0.9)
        template, _ = self.pick([r for r in GET_ROUTES])
        target = self.fill(template)
        key = self.pick(["q", "board", "author", "indicator", "owner", "next", "quote", "replyTo", "after", "version",
                         "token", "page", "x", "q[]", "q[a]", "indicator" + "[a]" * 3000, "_csrf", ""])
        value = self.weird_value()
        query = key.encode() + b"=" + (value if len(value) < 40_000 else value[:40_000])
        raw = any(b <= 0x20 or b >= 0x7f for b in query)   # raw bytes in a request target: HTTP-level garbage
        if self.rng.random() < 0.2:
            query += b"&" + query
        if self.rng.random() < 0.1:
            query = self.pick([b"", b"&", b"=", b"&&=&", b"%", b"?", b"??", b"#"])
        return Case("query-tricks", http_request(b"GET", target.encode() + b"?" + query, self.cookie_headers(identity)),
                    protocol=raw, may_close=raw, role=identity.name)

    def headers(self):
        identity = self.identity_for("in", signed_in_bias=0.7)
        template, _ = self.pick(GET_ROUTES)
        target = self.fill(template).encode()
        cookie = self.cookie_headers(identity)
        kind = self.pick(range(16))
        protocol = False
        host = b"127.0.0.1"
        headers = list(cookie)
        if kind == 0:                        # one header over the 80 KB limit
            headers.append((b"X-Big", b"a" * self.pick([30_000, 100_000, 100_000, 1_000_000])))
            protocol = True
        elif kind == 1:                      # more headers than the 1000 limit
            headers += [(b"X-H%d" % i, b"v") for i in range(self.pick([1001, 3000]))]
            protocol = True
        elif kind == 2:                      # large but under the limits
            headers.append((b"X-Big", b"a" * self.pick([1000, 4000, 20_000, 60_000])))
        elif kind == 3:
            headers += [(b"X-H%d" % i, b"v") for i in range(self.pick([20, 50, 150, 500, 900]))]
        elif kind == 4:
            target = self.fill("/files/{version}").encode()
            headers.append((b"Range", self.pick([b"bytes=5-2", b"bytes=-0", b"bytes=0-99999999999999999999",
                                                 b"bytes=99999999999999999999-", b"bytes=-99999999999999999999",
                                                 b"bytes=0-0,1-1", b"bytes=x-y", b"bytes=", b"items=0-1", b"bytes=-",
                                                 b"bytes=10-", b"bytes=-1", b"bytes=0--1", b"bytes = 0-1",
                                                 b"bytes=9223372036854775807-"])))
        elif kind == 5:
            target = self.pick([b"/assets/style.css", b"/assets/app.js", b"/assets/icon.svg"])
            headers.append(self.pick([(b"Range", b"bytes=999999-1"), (b"Range", b"bytes=-0"),
                                      (b"Range", b"bytes=0-99999999999999999999"), (b"Range", b"bytes=5-2,3-4"),
                                      (b"If-Modified-Since", b"garbage"), (b"If-Modified-Since", b"Mon, 99 Foo 9999 99:99:99 GMT"),
                                      (b"If-None-Match", b"\"" + b"x" * 5000), (b"If-None-Match", b"*"),
                                      (b"If-Range", b"garbage"), (b"Range", b"bytes=99999999999999999999-")]))
        elif kind == 6:
            host = self.pick([b"", b"evil.example", b"127.0.0.1:99999", b"[::1", b"a" * 5000, b"127.0.0.1 127.0.0.2",
                              b"%00", b"localhost:-1"])
        elif kind == 7:
            headers.append((b"Host", b"second.example"))
        elif kind == 8:
            headers.append((b"Content-Length", self.pick([b"abc", b"-1", b"1e3", b"+5", b"0x10", b"5, 5",
                                                          b"99999999999999999999999"])))
            protocol = True
        elif kind == 9:
            headers.append((b"Connection", self.pick([b"garbage", b"close, keep-alive", b"Upgrade", b"" + b"x" * 300])))
            if self.rng.random() < 0.5:
                headers.append((b"Upgrade", self.pick([b"websocket", b"h2c", b"garbage"])))
        elif kind == 10:
            headers.append((self.pick([b"Accept", b"Accept-Language", b"Accept-Encoding", b"User-Agent", b"Referer",
                                       b"X-Forwarded-For", b"X-Forwarded-Proto", b"X-Real-IP", b"Forwarded",
                                       b"If-Modified-Since", b"Origin", b"Expect", b"TE", b"Authorization"]),
                            self.pick([b"", b"*/*;q=abc", b"\xff\xfe", b"\x01\x02", b"a" * 8000, b"gzip;q=2, br;q=-1",
                                       b"null", b"http://[::1", b"100-continue", b"999.999.999.999", b"Basic %%%%"])))
            protocol = b"\x01" in headers[-1][1] or b"\xff" in headers[-1][1]
        elif kind == 11:                     # header syntax errors
            headers.append(self.pick([(b"Bad Header", b"x"), (b"", b"x"), (b"X-A", b"a\r\n b"), (b"X-\x00", b"x"),
                                      (b"X-A\t", b"x"), (b"X-A", b"a\x00b"), (b"(X)", b"x")]))
            protocol = True
        elif kind == 12:
            headers.append((b"Transfer-Encoding", self.pick([b"chunked", b"gzip", b"identity", b"chunked, gzip", b"x"])))
            protocol = True
        elif kind == 13:
            headers += [(b"Cookie", b"a=b")] * self.pick([10, 30, 300])
        elif kind == 14:
            headers.append((b"Accept", b"text/html"))
            headers = headers * self.pick([2, 10, 50])
        else:
            headers.append((b"Expect", b"100-continue"))
        method = b"GET"
        return Case("headers", http_request(method, target, headers, host=host), protocol=protocol,
                    may_close=protocol, role=identity.name)

    def cookies(self):
        educator = self.site.who["educator"]
        valid = educator.session
        value = self.pick([
            b"cohort_session=" + b"A" * 43, b"cohort_session=" + b"A" * 20_000, b"cohort_session=",
            b"cohort_session", b";;;;", b"=", b"=value", b"cohort_session=\"" + valid + b"\"",
            b"cohort_session=" + valid + b"; cohort_session=garbage", b"cohort_session=garbage; cohort_session=" + valid,
            b"cohort_session=" + valid + b"%00", b"cohort_session=%ZZ", b"cohort_session=" + valid[:-1],
            b"cohort_session= " + valid, b"cohort_session=" + valid + b";" * 500,
            b"; ".join(b"c%d=%d" % (i, i) for i in range(self.pick([100, 100, 2000]))),
            b"cohort_flash=garbage", b"cohort_flash=%%%%", b"cohort_flash=eyJ",
            BIG_FLASH,
            b"cohort_flash=eyJraW5kIjoiYm9ndXMiLCJ0ZXh0IjoxfQ",   # {"kind":"bogus","text":1}
            b"cohort_flash=bnVsbA",                                # null
            b"cohort_flash=W10",                                   # []
            b"cohort_flash=eyJraW5kIjoiYWxlcnQiLCJ0ZXh0IjoiPHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0PiIsImxpbmsiOiJqYXZhc2NyaXB0OmFsZXJ0KDEpIn0",
            b"cohort_visitor=short", b"cohort_visitor=" + b"v" * 43 + b"x", b"cohort_visitor=" + b"\xe9" * 43,
            b"cohort_session=\xff\xfe\xfd", b"cohort_session=" + "ünï".encode(),
            b"cohort_session=a\tb", b"cohort_session=" + valid + b"\x7f",
        ])
        raw_bytes = any(b > 0x7e for b in value) or b"\t" in value or b"\x7f" in value
        if self.rng.random() < 0.3:   # pass the valid session too, in its own header
            headers = [(b"Cookie", value), (b"Cookie", b"cohort_session=" + valid)]
        else:
            headers = [(b"Cookie", value)]
        if self.rng.random() < 0.6:
            template, _ = self.pick(GET_ROUTES)
            request = http_request(b"GET", self.fill(template).encode(), headers)
        else:
            template, _, fields = self.pick(POST_ROUTES)
            body = self.form_body(fields, self.pick([educator.csrf, b"v" * 43, b"A" * 43]), mutate=False)
            request = http_request(b"POST", self.fill(template).encode(),
                                   headers + [(b"Content-Type", b"application/x-www-form-urlencoded")], body)
        return Case("cookies", request, protocol=raw_bytes, role="cookie")

    def methods(self):
        identity = self.identity_for("in", signed_in_bias=0.7)
        method = self.pick([b"PUT", b"DELETE", b"PATCH", b"OPTIONS", b"HEAD", b"TRACE", b"POST", b"GET", b"CONNECT",
                            b"FOO", b"get", b"Get", b"PROPFIND", b"M-SEARCH", b"PURGE", b"GET\x00", b"G\xffT",
                            b"X" * 1000, b"", b"POST POST"])
        standard = method in (b"PUT", b"DELETE", b"PATCH", b"OPTIONS", b"HEAD", b"TRACE", b"POST", b"GET")
        if self.rng.random() < 0.5:
            template, _ = self.pick(GET_ROUTES)
        else:
            template = self.pick(POST_ROUTES)[0]
        target = self.fill(template).encode()
        if method == b"CONNECT" and self.rng.random() < 0.5:
            target = b"127.0.0.1:22"
        headers = self.cookie_headers(identity)
        body = b""
        if method in (b"PUT", b"PATCH", b"POST", b"DELETE") and self.rng.random() < 0.6:
            headers.append((b"Content-Type", b"application/x-www-form-urlencoded"))
            body = b"_csrf=" + (identity.csrf or b"x") + b"&body=hello"
        if method in (b"PUT", b"PATCH", b"DELETE") and self.rng.random() < 0.5:
            headers.append((b"X-CSRF-Token", identity.csrf or b"x"))
        return Case("methods", http_request(method, target, headers, body), protocol=not standard,
                    head=method == b"HEAD", may_close=not standard, role=identity.name)

    def protocol(self):
        identity = self.identity_for("in", signed_in_bias=0.5)
        cookie = self.cookie_headers(identity)
        template, _ = self.pick(GET_ROUTES)
        target = self.fill(template).encode()
        kind = self.pick(range(20))
        if kind == 0:
            version = self.pick([b"HTTP/1.0", b"HTTP/0.9", b"HTTP/2.0", b"HTTP/1.2", b"HTTP/9.9", b"HTTP/1", b"HTTP/",
                                 b"http/1.1", b"HTTP/1.1.1", b"HTTP/11", b"HTCPCP/1.0", b"HTTP/1.1 extra"])
            ok = version == b"HTTP/1.0"
            return Case("protocol", http_request(b"GET", target, cookie, version=version), protocol=not ok,
                        may_close=not ok, role=identity.name)
        if kind == 1:   # HTTP/1.1 without Host, and HTTP/1.0 without Host
            version = self.pick([b"HTTP/1.1", b"HTTP/1.0"])
            return Case("protocol", http_request(b"GET", target, cookie, version=version, host=None), role=identity.name)
        if kind == 2:   # absolute-form and asterisk-form targets
            form = self.pick([b"http://127.0.0.1" + target, b"http://evil.example" + target, b"https://x" + target,
                              b"*", b"ftp://x/", b"http://", b"http://[::1]:99999/"])
            method = b"OPTIONS" if form == b"*" else b"GET"
            return Case("protocol", http_request(method, form, cookie), protocol=form in (b"ftp://x/", b"http://",
                        b"http://[::1]:99999/"), may_close=True, role=identity.name)
        if kind == 3:
            return Case("protocol", os.urandom(self.rng.randint(1, 2000)), protocol=True, may_close=True,
                        complete=False, half_close=True)
        if kind == 4:   # a TLS ClientHello and an HTTP/2 preface on the plain port
            data = self.pick([bytes.fromhex("16030100a5010000a10303") + os.urandom(160),
                              b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + os.urandom(30)])
            return Case("protocol", data, protocol=True, may_close=True, complete=False, half_close=True)
        if kind == 5:   # line ending and whitespace errors
            data = self.pick([b"GET / HTTP/1.1\nHost: x\n\n", b"GET  /  HTTP/1.1\r\nHost: x\r\n\r\n",
                              b"GET\t/\tHTTP/1.1\r\nHost: x\r\n\r\n", b" GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                              b"\r\n\r\nGET /login HTTP/1.1\r\nHost: x\r\n\r\n", b"GET / HTTP/1.1\rHost: x\r\r",
                              b"GET / HTTP/1.1\r\nHost: x\r\n \r\n\r\n", b"GET\r\n\r\n", b"\r\n\r\n\r\n",
                              b"GET /\r\n\r\n", b"GET / HTTP/1.1\r\n\r\n\r\n\r\n"])
            return Case("protocol", data, protocol=True, may_close=True, complete=False, half_close=True)
        if kind == 6:   # request line too long
            return Case("protocol", http_request(b"GET", b"/" + b"a" * self.pick([90_000, 300_000]), cookie),
                        protocol=True, may_close=True)
        if kind in (7, 8, 9, 10):   # bad chunked bodies to form routes
            template, need, fields = self.pick(POST_ROUTES[3:])
            identity = self.identity_for(need, signed_in_bias=1.0)
            body = self.form_body(fields, identity.csrf, mutate=False)
            chunked = self.pick([
                b"zz\r\n" + body + b"\r\n0\r\n\r\n",
                b"%x\r\n" % len(body) + body + b"0\r\n\r\n",                            # missing CRLF after data
                b"ffffffffffffffff\r\n" + body + b"\r\n0\r\n\r\n",
                b"-5\r\n" + body + b"\r\n0\r\n\r\n",
                b"%x;ext=\xff\r\n" % len(body) + body + b"\r\n0\r\n\r\n",
                b"%x\r\n" % (len(body) + 10) + body + b"\r\n0\r\n\r\n",               # chunk shorter than its size
                b"%x\r\n" % len(body) + body + b"\r\n0\r\nBad Trailer\r\n\r\n",
                b"%x\r\n" % len(body) + body + b"\r\n",                                # no last chunk
                b" %x\r\n" % len(body) + body + b"\r\n0\r\n\r\n",
            ])
            headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded")]
            te = self.pick([b"chunked", b"chunked", b"Chunked", b"gzip", b"gzip, chunked", b"chunked, chunked", b"x"])
            headers.append((b"Transfer-Encoding", te))
            if self.rng.random() < 0.3:
                headers.append((b"Content-Length", str(len(body)).encode()))     # both TE and CL: smuggling
            request = http_request(b"POST", self.fill(template).encode(), headers, content_length=False) + chunked
            return Case("chunked", request, protocol=True, may_close=True, complete=False, half_close=True,
                        role=identity.name)
        if kind == 11:   # Content-Length conflicts
            template, need, fields = self.pick(POST_ROUTES[3:])
            identity = self.identity_for(need, signed_in_bias=1.0)
            body = self.form_body(fields, identity.csrf, mutate=False)
            lengths = self.pick([[b"5", b"6"], [b"%d" % len(body), b"%d" % len(body)], [b"-1"], [b"1e2"],
                                 [b"%d, %d" % (len(body), len(body))], [b" %d " % len(body)], [b"0x10"]])
            headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded")] + \
                [(b"Content-Length", value) for value in lengths]
            request = http_request(b"POST", self.fill(template).encode(), headers, content_length=False) + body
            return Case("protocol", request, protocol=True, may_close=True, complete=False, half_close=True,
                        role=identity.name)
        if kind == 12:   # pipelining: a valid request then garbage on the same connection
            first = http_request(b"GET", b"/login", [])
            return Case("protocol", first + self.pick([os.urandom(200), b"GARBAGE\r\n\r\n", b"GET /login HTTP/1.1\r\n"]),
                        role="anonymous")
        if kind == 13:   # the request sent one small piece at a time
            request = http_request(b"GET", target, cookie)
            size = self.pick([1, 7, 50])
            return Case("protocol", [request[i:i + size] for i in range(0, len(request), size)], role=identity.name)
        if kind == 14:   # NUL and control bytes in the request line
            data = self.pick([b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n", b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
                              b"GET / HTTP/1.1\x00\r\nHost: x\r\n\r\n", b"\x00\x00\x00\x00",
                              b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n"])
            return Case("protocol", data, protocol=True, may_close=True)
        if kind == 15:   # only part of a request line or header block, then the client stops
            request = http_request(b"GET", target, cookie)
            cut = self.rng.randint(1, len(request) - 2)
            return Case("protocol", request[:cut], protocol=True, may_close=True, complete=False, half_close=True)
        if kind == 16:   # HTTP/1.0 keep-alive, and a POST with HTTP/1.0
            template, need, fields = self.pick(POST_ROUTES[3:])
            identity = self.identity_for(need, signed_in_bias=1.0)
            body = self.form_body(fields, identity.csrf)
            headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded"),
                                                       (b"Connection", b"keep-alive")]
            return Case("protocol", http_request(b"POST", self.fill(template).encode(), headers, body,
                                                 version=b"HTTP/1.0"), role=identity.name)
        if kind == 17:   # a body on a GET, and an empty POST
            headers = cookie + [(b"Content-Type", b"application/x-www-form-urlencoded")]
            if self.rng.random() < 0.5:
                return Case("protocol", http_request(b"GET", target, headers, b"a=b&" * 100), role=identity.name)
            return Case("protocol", http_request(b"POST", self.fill(self.pick(POST_ROUTES)[0]).encode(),
                                                 headers + [(b"Content-Length", b"0")]), role=identity.name)
        if kind == 18:   # a POST without any length: no body
            headers = cookie + [(b"Content-Type", b"application/x-www-form-urlencoded")]
            return Case("protocol", http_request(b"POST", self.fill(self.pick(POST_ROUTES)[0]).encode(), headers),
                        role=identity.name)
        # kind 19: the signed-out logout with a bad token, and a logout without a token
        headers = cookie + [(b"Content-Type", b"application/x-www-form-urlencoded")]
        return Case("protocol", http_request(b"POST", b"/logout", headers, self.pick([b"_csrf=bad", b"", b"_csrf=%ZZ"])),
                    role=identity.name)

    CATEGORIES = [
        ("form_encoding", 14), ("form_fields", 10), ("wrong_content_type", 8), ("oversized_body", 1),
        ("truncated_body", 4), ("multipart", 15), ("bad_ids", 13), ("path_tricks", 9), ("query_tricks", 7),
        ("headers", 7), ("cookies", 6), ("methods", 4), ("protocol", 7),
    ]

    def batches(self, count, size):
        """`count` cases, made a batch at a time (they are big): every category ten times in the
        first batch, then picked by weight."""
        names = [name for name, _ in self.CATEGORIES]
        weights = [weight for _, weight in self.CATEGORIES]
        plan = [name for name in names for _ in range(10)]
        plan += self.rng.choices(names, weights, k=max(0, count - len(plan)))
        plan = plan[:count]
        first, rest = plan[:size], plan[size:]
        self.rng.shuffle(first)
        plan = first + rest
        for start in range(0, len(plan), size):
            yield [getattr(self, name)() for name in plan[start:start + size]]


# --------------------------------------------------------------------------- judging


def text_of(fragment):
    return re.sub(rb"\s+", b" ", TAGS.sub(b"", fragment)).strip().decode("utf-8", "replace")


def clarity(outcome):
    """None when the 4xx answer is a clear HTML page, else why not."""
    content_type = outcome.headers.get("content-type", "")
    if not outcome.body:
        return "empty body"
    if "text/html" not in content_type:
        return f"not an HTML page ({content_type or 'no Content-Type'})"
    title = TITLE.search(outcome.body)
    if not title or not text_of(title.group(1)):
        return "no <title>"
    match = ERROR_PAGE.search(outcome.body)
    if match:
        heading, message = text_of(match.group(1)), text_of(match.group(2))
        if not heading or len(message) < 12:
            return f"error page without a message ({heading!r}: {message!r})"
    else:
        alerts = [text_of(m) for m in ALERT.findall(outcome.body)]
        alerts = [a for a in alerts if a]
        if not alerts:
            return "a page without any error message"
        message = alerts[0]
    if JARGON.search(message):
        return f"message is not for people: {message!r}"
    return None


def redact(data, site):
    if isinstance(data, list):
        data = b"".join(data)
    for identity in site.who.values():
        if identity.session:
            data = data.replace(identity.session, b"$SESSION_" + identity.name.upper().encode())
        if identity.csrf and identity.name not in ("visitor",):
            data = data.replace(identity.csrf, b"$CSRF_" + identity.name.upper().encode())
    return data


def show_bytes(data, limit=700):
    if len(data) <= limit:
        return repr(data)
    return repr(data[:limit]) + f" ... ({len(data)} bytes in all)"


def run_case(host, port, case, timeout):
    outcome = exchange(host, port, case.data, timeout=timeout, half_close=case.half_close, head_request=case.head)
    problem = None
    note = None
    if outcome.kind == "response":
        status = outcome.status
        bare = not outcome.body and "content-security-policy" not in outcome.headers
        if status >= 500:
            problem = f"{status} answer"
        elif 400 <= status < 500:
            if case.head:
                note = "head"
            elif bare and (case.protocol or case.limits):
                note = "bare-4xx"
            else:
                why = clarity(outcome)
                if why:
                    problem = f"unclear {status}: {why}"
                else:
                    note = "clear-4xx"
        if outcome.body:
            leaked = [marker for marker in LEAK_MARKERS if marker in outcome.body]
            if leaked:
                problem = f"served a file outside public/ ({leaked[0]!r})"
        if case.path_trick and 200 <= status < 300:
            request_line = (case.data if isinstance(case.data, bytes) else b"".join(case.data)).split(b"\r\n", 1)[0]
            # Only the path names a file; a NUL in the query (a search for it) is just text.
            path = request_line.split(b" ")[1].split(b"?", 1)[0] if request_line.count(b" ") >= 2 else request_line
            if b"%00" in path.lower() or b"\x00" in path:
                problem = f"{status} for a path with a NUL byte (Content-Type {outcome.headers.get('content-type')})"
    elif outcome.kind == "timeout":
        if case.complete:
            problem = f"no answer to a complete request within {timeout:.0f} s (hang)"
    elif outcome.kind in ("closed", "garbled"):
        if outcome.kind == "garbled":
            problem = "garbled answer"
        elif not (case.protocol or case.limits or case.may_close or not case.complete):
            problem = "closed without answering a well-formed request"
    elif outcome.kind == "refused":
        problem = "connection refused (server down?)"
    message = None
    if problem and outcome.kind == "response":
        found = ERROR_PAGE.search(outcome.body)
        message = text_of(found.group(2)) if found else outcome.body[:200].decode("utf-8", "replace")
    return outcome.status_class, outcome.status, note, problem, message, outcome.seconds, outcome.detail


# The fuzzed server dies at once on a crash (no backtrace: the backtracer freezes the process for
# many seconds); the request that killed it is then found again on a server that writes one.
BACKTRACE_OFF = "enable=no"
BACKTRACE_ON = "enable=yes,interactive=no,threads=crashed,registers=none,images=none,symbolicate=fast"


def restart(server, backtrace):
    if server.alive():
        server.kill()
    os.environ["SWIFT_BACKTRACE"] = backtrace
    server.start()


def healthy(server):
    outcome = exchange(*address(server.url), http_request(b"GET", b"/login"), timeout=5)
    return outcome.kind == "response" and outcome.status == 200


def isolate_crash(server, suspects, timeout):
    """After the process died: restart it on the same data folder (sessions survive) and send the
    requests that were cut off one at a time, with a normal request after each, to find the one
    that kills it. Returns (the request or None, the crash report)."""
    restart(server, BACKTRACE_ON)
    for case in suspects:
        if not server.alive():
            restart(server, BACKTRACE_ON)
        scan_from = len(server.output)
        exchange(*address(server.url), case.data, timeout=timeout, half_close=case.half_close, head_request=case.head)
        if healthy(server):
            continue
        try:
            server.process.wait(timeout=90)     # let the backtracer finish writing
        except Exception:  # noqa: BLE001
            server.kill()
        seen = -1
        for _ in range(50):                     # and our reader thread catch up with it
            if len(server.output) == seen:
                break
            seen = len(server.output)
            time.sleep(0.1)
        report = [line.rstrip() for line in server.output[scan_from:]
                  if "Fatal error" in line or ("/work/main/" in line and ("[ra]" in line or "[async]" in line)
                                                   and "thunk" not in line and "[system]" not in line)]
        return case, report
    return None, []


class Target:
    """Where the server is now: a restart after a crash picks a new port."""

    def __init__(self, url):
        self.set(url)

    def set(self, url):
        self.url = url
        self.host, self.port = address(url)


class Monitor(threading.Thread):
    """A normal signed-in page every half second while the fuzz runs."""

    def __init__(self, target, cookie):
        super().__init__(daemon=True)
        self.target, self.cookie = target, cookie
        self.stop = threading.Event()
        self.paused = threading.Event()
        self.latencies = []
        self.failures = []

    def run(self):
        request = http_request(b"GET", b"/", [(b"Cookie", self.cookie)])
        while not self.stop.wait(0.5):
            if self.paused.is_set():
                continue
            outcome = exchange(self.target.host, self.target.port, request, timeout=10)
            if self.paused.is_set():
                continue   # the server died meanwhile: counted as a crash, not here
            self.latencies.append(outcome.seconds)
            if outcome.kind != "response" or outcome.status != 200:
                self.failures.append((time.monotonic(), f"{outcome.kind} {outcome.status}"))


def process_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
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
    arguments = parser.parse_args()
    if arguments.requests is None:
        arguments.requests = 50_000 if arguments.soak else 10_000
    seed = arguments.seed if arguments.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    started = time.monotonic()

    server = None
    if arguments.url:
        url = arguments.url.rstrip("/")
    else:
        os.environ["SWIFT_BACKTRACE"] = BACKTRACE_OFF
        server = harness.CohortServer()
        server.start()
        url = server.url
    try:
        return fuzz(url, server, arguments, rng, seed, started)
    finally:
        if server:
            server.stop()
            if server._temporary:
                server._temporary.cleanup()


def fuzz(url, server, arguments, rng, seed, started):
    target = Target(url)
    site = Site(url)
    site.sign_in_all()
    generator = Generator(site, rng)
    if arguments.categories:
        wanted = arguments.categories.split(",")
        generator.CATEGORIES = [(name, weight) for name, weight in Generator.CATEGORIES if name in wanted]
    batches = generator.batches(arguments.requests, 400)
    sent = 0
    log_start = len(server.output) if server else 0
    rss_before = process_rss_kb(server.process.pid) if server else 0
    print(f"fuzzing: seed {seed}, {arguments.requests} requests, {arguments.concurrency} connections at a time, server {url}",
          flush=True)

    monitor = Monitor(target, site.who["educator"].cookie)
    monitor.start()
    by_category = collections.defaultdict(collections.Counter)
    problems = collections.defaultdict(list)
    notes = collections.Counter()
    closes = collections.Counter()
    crashes = []      # (killer case or None, crash report lines)
    timing = collections.defaultdict(list)
    slow_answers = collections.Counter()
    slowest = (0.0, None)
    fuzz_started = time.monotonic()
    retried = []
    with concurrent.futures.ThreadPoolExecutor(arguments.concurrency) as pool:
        while True:
            batch = retried + next(batches, [])
            retried = []
            if not batch:
                break
            timeline = []   # (started, finished, kind, case)
            futures = {pool.submit(run_case, target.host, target.port, case, arguments.timeout): case for case in batch}
            for future in concurrent.futures.as_completed(futures):
                case = futures[future]
                status_class, status, note, problem, message, seconds, detail = future.result()
                now = time.monotonic()
                timeline.append((now - seconds, now, status_class, case))
                if status_class == "refused" and not getattr(case, "retried", False) and server:
                    case.retried = True
                    retried.append(case)       # the server was down: sent again after the restart
                    continue
                sent += 1
                by_category[case.category][status_class] += 1
                timing[case.category].append(seconds)
                if note:
                    notes[note] += 1
                    if note == "bare-4xx":
                        closes[(case.category, "bare 400")] += 1
                if status_class in ("closed", "timeout"):
                    closes[(case.category, status_class)] += 1
                if seconds > slowest[0]:
                    slowest = (seconds, case)
                if seconds > 5 and status_class not in ("timeout", "refused"):
                    slow_answers[case.category] += 1
                if problem:
                    # one kind per category, problem and message (names in `backticks` and numbers aside)
                    kind = re.sub(r"`[^`]*`", "`…`", problem.split(" (")[0] if "NUL" in problem or "served" in problem
                                  else problem)
                    shown = "" if "NUL" in problem or "served" in problem else (message or "")[:160]
                    key = (case.category, kind, re.sub(r"`[^`]*`", "`…`", shown))
                    problems[key].append(case)
                    case.problem_key = key
            if server and not server.alive():
                monitor.paused.set()
                refused = [start for start, _, kind, _ in timeline if kind == "refused"]
                crash_time = min(refused) if refused else time.monotonic()
                suspects = [case for start, end, kind, case in sorted(timeline, key=lambda t: t[0])
                            if crash_time - 5 <= end and start <= crash_time + 0.05
                            and kind in ("closed", "timeout", "garbled")]
                for case in suspects:      # cut off by the crash: not problems of their own
                    key = getattr(case, "problem_key", None)
                    if key and case in problems.get(key, []):
                        problems[key].remove(case)
                        if not problems[key]:
                            del problems[key]
                if len(crashes) < arguments.max_isolations:
                    print(f"server died: replaying the {len(suspects)} requests it cut off, one at a time", flush=True)
                    killer, report = isolate_crash(server, suspects[:60], arguments.timeout)
                else:
                    print("server died again: restarting it without looking for the request", flush=True)
                    killer, report = None, ["(not looked for: --max-isolations reached)"]
                crashes.append((killer, report[:14]))
                # the monitor's requests that failed because of the crash are counted as the crash
                monitor.failures = [f for f in monitor.failures if f[0] < crash_time - 5]
                restart(server, BACKTRACE_OFF)
                target.set(server.url)
                monitor.paused.clear()
    fuzz_seconds = time.monotonic() - fuzz_started
    monitor.stop.set()
    monitor.join()
    url = target.url

    # a normal request afterwards, signed in and signed out
    import requests as http
    after = []
    try:
        response = http.get(url + "/", cookies={"cohort_session": site.who["educator"].session.decode()}, timeout=10,
                            allow_redirects=False)
        after.append(("signed-in GET /", response.status_code, response.status_code == 200 and "Dashboard" in response.text))
        response = http.get(url + "/login", timeout=10)
        after.append(("signed-out GET /login", response.status_code, response.status_code == 200))
    except Exception as error:  # noqa: BLE001 - any failure here is the finding
        after.append(("normal request", str(error), False))
    alive = server.alive() if server else True
    rss_after = process_rss_kb(server.process.pid) if server and alive else 0
    logged = []
    if server:
        logged = [line.strip() for line in server.output[log_start:] if "request failed" in line or " critical " in line]

    # ------------------------------------------------------------------ report
    totals = collections.Counter()
    for counter in by_category.values():
        totals.update(counter)
    columns = ["2xx", "3xx", "4xx", "5xx", "closed", "timeout", "garbled", "refused"]
    print(f"\n{'category':22s}" + "".join(f"{c:>9s}" for c in columns) + "   mean ms")
    for category in sorted(by_category):
        counter = by_category[category]
        mean = sum(timing[category]) / max(1, len(timing[category])) * 1000
        print(f"{category:22s}" + "".join(f"{counter.get(c, 0):9d}" for c in columns) + f"{mean:10.0f}")
    print(f"{'all':22s}" + "".join(f"{totals.get(c, 0):9d}" for c in columns))
    print(f"\n4xx answers: {notes['clear-4xx']} clear HTML pages checked, {notes['bare-4xx']} bare 400s from the HTTP "
          f"layer (protocol-level garbage), {notes['head']} to HEAD requests")
    if closes:
        print("answered by a bare 400 or by closing the connection, per category:")
        for (category, how), count in sorted(closes.items()):
            print(f"  {category:20s} {how:9s} {count}")
    if monitor.latencies:
        print(f"normal requests during the fuzz: {len(monitor.latencies)}, slowest "
              f"{max(monitor.latencies) * 1000:.0f} ms, failures {len(monitor.failures)}")
    if slow_answers:
        print(f"answers that took over 5 s (a busy server, not failures): {dict(slow_answers)}")
    print(f"slowest fuzz answer: {slowest[0]:.2f} s ({slowest[1].category if slowest[1] else '-'}); "
          f"this script's own CPU time {time.process_time():.0f} s; load average {os.getloadavg()[0]:.1f}")
    if server:
        print(f"server memory: {rss_before // 1024} MB before, {rss_after // 1024} MB after")
    for what, status, ok in after:
        print(f"after the fuzz: {what} -> {status}{'' if ok else '  FAILED'}")

    if arguments.save_repro:
        os.makedirs(arguments.save_repro, exist_ok=True)
    problem_count = sum(len(v) for v in problems.values())
    if problems:
        print(f"\nPROBLEMS ({problem_count} requests, {len(problems)} kinds):")
        for number, ((category, problem, message), examples) in enumerate(
                sorted(problems.items(), key=lambda item: -len(item[1]))):
            print(f"\n[{number}] {category}: {problem} x{len(examples)}" + (f"\n    page says: {message!r}" if message else ""))
            for example_number, case in enumerate(examples[:arguments.examples]):
                print(f"    as {case.role or 'nobody'}{' (then half-closes)' if case.half_close else ''}: "
                      f"{show_bytes(redact(case.data, site))}")
                if arguments.save_repro:
                    data = case.data if isinstance(case.data, bytes) else b"".join(case.data)
                    with open(os.path.join(arguments.save_repro, f"problem-{number}-{example_number}.http"), "wb") as out:
                        out.write(data)
    if logged:
        distinct = collections.Counter(re.sub(r"hb\.request\.id=\S+ ?|^\S+ ", "", line) for line in logged)
        print(f"\nSERVER LOGGED {len(logged)} failures (500s, including ones for clients that had left):")
        for line, count in distinct.most_common(12):
            print(f"  x{count}  {line}")
    if server and arguments.server_log:
        with open(arguments.server_log, "w") as out:
            out.write("".join(server.output))
    for number, (killer, report) in enumerate(crashes):
        print(f"\nCRASH {number + 1}: the server process died.")
        for line in report:
            print("    " + line.rstrip()[:240])
        if killer:
            print(f"  the request that kills it (as {killer.role}, {killer.category}"
                  f"{', then half-closes' if killer.half_close else ''}):\n    {show_bytes(redact(killer.data, site), 3000)}")
        elif not report or not report[0].startswith("(not looked"):
            print("  not found again by replaying the requests it cut off one at a time")
    if server and not alive:
        print("\nSERVER PROCESS IS DEAD at the end; last output:\n" + "".join(server.output[-20:]))

    fives = totals.get("5xx", 0)
    ok = (alive and not crashes and not problems and not logged and all(ok for *_, ok in after) and not monitor.failures)
    total_seconds = time.monotonic() - started
    line = (f"fuzz: {sent} requests in {fuzz_seconds:.0f} s ({total_seconds:.0f} s in all), {fives} 5xx, "
            f"{totals.get('4xx', 0)} 4xx, {totals.get('closed', 0)} closed, {totals.get('timeout', 0)} timeouts, "
            f"{problem_count} problems, {len(crashes)} crashes, {len(logged)} server-logged errors, "
            f"server {'alive' if alive and all(ok for *_, ok in after) else 'NOT ANSWERING' if alive else 'DEAD'}")
    return harness.summary(line, ok)


if __name__ == "__main__":
    sys.exit(main())
