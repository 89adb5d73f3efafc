"""Uploads with broken multipart bodies: boundaries, part headers, file names, lengths."""

import os

from fuzz_cases import TINY_TEXT_FILE, Case, http_request


class MultipartCases:

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
        template, role = self.pick(self.routes.multipart)
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
