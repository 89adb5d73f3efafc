"""What one fuzz request is (a Case: its bytes and what answers it may get) and the bad
values the generators draw from."""

import re
from dataclasses import dataclass
from urllib.parse import quote

RAW_IN_REQUEST_LINE = re.compile(rb"[\x00-\x1f\x7f-\xff]")
RAW_IN_HEADER = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f-\xff]")
BIG_FLASH = b"cohort_flash=" + quote(b'{"kind":"notice","text":"' + b"x" * 12_000 + b'"}').encode()
TINY_TEXT_FILE = b"Lesson reflection notes.\nStudents worked in pairs.\n"

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
