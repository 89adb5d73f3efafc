"""Requests broken at the HTTP level: versions, framing, chunked bodies, pipelining."""

import os

from fuzz_cases import Case, http_request


class ProtocolCases:
    def protocol(self):
        identity = self.identity_for("in", signed_in_bias=0.5)
        cookie = self.cookie_headers(identity)
        template, _ = self.pick(self.routes.get)
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
            template, need, fields = self.pick(self.routes.post_not_sign_in)
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
            template, need, fields = self.pick(self.routes.post_not_sign_in)
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
            template, need, fields = self.pick(self.routes.post_not_sign_in)
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
            return Case("protocol", http_request(b"POST", self.fill(self.pick(self.routes.post)[0]).encode(),
                                                 headers + [(b"Content-Length", b"0")]), role=identity.name)
        if kind == 18:   # a POST without any length: no body
            headers = cookie + [(b"Content-Type", b"application/x-www-form-urlencoded")]
            return Case("protocol", http_request(b"POST", self.fill(self.pick(self.routes.post)[0]).encode(), headers),
                        role=identity.name)
        # kind 19: the signed-out logout with a bad token, and a logout without a token
        headers = cookie + [(b"Content-Type", b"application/x-www-form-urlencoded")]
        return Case("protocol", http_request(b"POST", b"/logout", headers, self.pick([b"_csrf=bad", b"", b"_csrf=%ZZ"])),
                    role=identity.name)
