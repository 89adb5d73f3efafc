"""Form posts with broken bodies: bad encodings, odd fields, wrong content types, bodies
over the limits and bodies cut short."""

import os
from urllib.parse import quote_plus

from fuzz_cases import TOKEN_CHOICES, Case, http_request


class BodyCases:

    def form_encoding(self):
        """Signed-in (or visitor) form posts with the real token and broken bodies."""
        template, need, fields = self.pick(self.routes.post)
        identity = self.identity_for(need, signed_in_bias=0.95)
        choice = self.pick(TOKEN_CHOICES)
        body = self.form_body(fields, self.token(identity, choice), token_as_array=choice == "array")
        headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded")]
        return Case("form-encoding", http_request(b"POST", self.fill(template).encode(), headers, body), role=identity.name)

    def form_fields(self):
        """Well-encoded forms with missing, duplicated, array-shaped and huge fields."""
        template, need, fields = self.pick(self.routes.post)
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
        template, need, fields = self.pick(self.routes.post)
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
            template, _, fields = self.pick(self.routes.post_not_sign_in)
            body = b"_csrf=" + identity.csrf + b"&body=" + b"a" * self.pick([(1 << 20) + 10, 1_200_000])
            headers = self.cookie_headers(identity) + [(b"Content-Type", b"application/x-www-form-urlencoded")]
            return Case("oversized-body", http_request(b"POST", self.fill(template).encode(), headers, body),
                        may_close=True, role=identity.name)
        if roll < 0.7:    # an absurd declared length, a little sent, then we stop sending
            template = self.pick([t for t, *_ in self.routes.post_not_sign_in] + [t for t, _ in self.routes.multipart])
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
        target = self.fill(self.pick(self.routes.uploads)[0]).encode()
        return Case("oversized-body", http_request(b"POST", target, headers, body), may_close=True, role=identity.name)

    def truncated_body(self):
        """Content-Length larger than what is sent, and the client gives up (half-closes); or smaller,
        so the rest of the body arrives as the next request."""
        template, need, fields = self.pick(self.routes.post_not_sign_in)
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
