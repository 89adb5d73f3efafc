"""Bad ids in paths, path and query tricks, odd headers, cookies and methods."""

from fuzz_cases import BIG_FLASH, Case, http_request


class RequestCases:
    def bad_ids(self):
        if self.rng.random() < 0.6:
            template, need = self.pick([r for r in self.routes.get if "{" in r[0]])
            identity = self.identity_for(need)
            target = self.fill(template, bad_ids=True).encode()
            method = self.pick([b"GET"] * 5 + [b"HEAD"])
            return Case("bad-ids", http_request(method, target, self.cookie_headers(identity)), head=method == b"HEAD",
                        role=identity.name)
        template, need, fields = self.pick([r for r in self.routes.post if "{" in r[0]])
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
        template, _ = self.pick([r for r in self.routes.get])
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
        template, _ = self.pick(self.routes.get)
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
            template, _ = self.pick(self.routes.get)
            request = http_request(b"GET", self.fill(template).encode(), headers)
        else:
            template, _, fields = self.pick(self.routes.post)
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
            template, _ = self.pick(self.routes.get)
        else:
            template = self.pick(self.routes.post)[0]
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
