"""Raw HTTP/1.x exchanges for the reliability checks: send exactly the bytes given (however
malformed), read whatever comes back, and say what happened — a parsed response, the
connection closed without an answer, or no answer in time."""

import select
import socket
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Outcome:
    kind: str                      # "response", "closed" (no bytes came back), "timeout", "refused", "garbled"
    status: int = 0
    headers: dict = field(default_factory=dict)   # lower-case name -> last value
    body: bytes = b""
    seconds: float = 0.0
    sent_all: bool = True          # False when the server stopped reading before the request was sent
    raw_head: bytes = b""
    detail: str = ""

    @property
    def status_class(self):
        return f"{self.status // 100}xx" if self.kind == "response" else self.kind


def address(url):
    parts = urlsplit(url)
    return parts.hostname, parts.port or 80


class _Reader:
    """Incremental parse of one HTTP response from bytes received so far."""

    def __init__(self, head_request=False):
        self.buffer = b""
        self.head_request = head_request
        self.head_end = -1
        self.status = 0
        self.headers = {}
        self.raw_head = b""

    def feed(self, data):
        self.buffer += data

    def _parse_head(self):
        if self.head_end >= 0:
            return True
        index = self.buffer.find(b"\r\n\r\n")
        if index < 0:
            return False
        self.head_end = index + 4
        self.raw_head = self.buffer[:index]
        lines = self.raw_head.split(b"\r\n")
        parts = lines[0].split(b" ", 2)
        try:
            self.status = int(parts[1])
        except (IndexError, ValueError):
            self.status = -1
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            self.headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
        return True

    def complete(self, eof):
        """(done, body) when a whole response has arrived."""
        if not self._parse_head():
            return False, b""
        rest = self.buffer[self.head_end:]
        if self.head_request or self.status in (204, 304) or 100 <= self.status < 200:
            return True, b""
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            body, position = b"", 0
            while True:
                line_end = rest.find(b"\r\n", position)
                if line_end < 0:
                    return eof, body
                try:
                    size = int(rest[position:line_end].split(b";")[0], 16)
                except ValueError:
                    return True, body
                if size == 0:
                    return (rest.find(b"\r\n\r\n", line_end) >= 0 or eof), body
                start = line_end + 2
                if len(rest) < start + size + 2:
                    return eof, body
                body += rest[start:start + size]
                position = start + size + 2
        length = self.headers.get("content-length")
        if length is not None:
            try:
                length = int(length)
            except ValueError:
                return eof, rest
            return len(rest) >= length or eof, rest[:length]
        return eof, rest


def exchange(host, port, data, timeout=10.0, half_close=False, head_request=False, chunk_delay=0.0,
             chunk_size=65536, read_all=False, family=socket.AF_INET):
    """Sends `data` (bytes, or a list of byte strings sent one after another) and reads one
    response. The response is read while sending, so an early answer (413 before the body)
    is seen even when the server stops reading. `half_close` shuts our sending side once
    everything is sent, as a client that gives up mid-request does."""
    pieces = data if isinstance(data, list) else [data]
    started = time.monotonic()
    deadline = started + timeout
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as error:
        return Outcome("refused", detail=str(error), seconds=time.monotonic() - started)
    sock.setblocking(False)
    reader = _Reader(head_request)
    outgoing = [memoryview(piece) for piece in pieces if piece]
    sent_all = not outgoing
    shut = False
    eof = False
    reset = False
    try:
        while True:
            now = time.monotonic()
            if now >= deadline:
                break
            want_write = bool(outgoing)
            if not want_write and half_close and not shut:
                try:
                    sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                shut = True
            readable, writable, _ = select.select([sock], [sock] if want_write else [], [], deadline - now)
            if readable:
                try:
                    chunk = sock.recv(262144)
                except (ConnectionResetError, BrokenPipeError):
                    reset = True
                    chunk = b""
                except BlockingIOError:
                    continue
                if not chunk:
                    eof = True
                else:
                    reader.feed(chunk)
                done, _ = reader.complete(eof)
                if (done and not read_all) or eof:
                    break
            if writable and outgoing:
                piece = outgoing[0]
                try:
                    count = sock.send(piece[:chunk_size])
                except BlockingIOError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    outgoing = []
                    continue
                if count >= len(piece):
                    outgoing.pop(0)
                    if not outgoing:
                        sent_all = True
                    elif chunk_delay:
                        time.sleep(chunk_delay)
                else:
                    outgoing[0] = piece[count:]
    finally:
        sock.close()
    seconds = time.monotonic() - started
    if reader.buffer:
        done, body = reader.complete(True)
        if reader.head_end < 0 or reader.status <= 0:
            return Outcome("garbled", body=reader.buffer[:2000], seconds=seconds, sent_all=sent_all)
        if done and body and reader.headers.get("content-encoding", "").strip().lower() == "gzip":
            # Read the page as a browser would: a fuzzed Accept-Encoding may well have asked for gzip.
            try:
                body = zlib.decompress(body, wbits=31)
            except zlib.error as error:
                return Outcome("garbled", body=body[:2000], seconds=seconds, sent_all=sent_all,
                               detail=f"gzip body does not inflate: {error}")
        return Outcome("response", reader.status, reader.headers, body, seconds, sent_all, reader.raw_head,
                       detail="" if done else "incomplete")
    if eof or reset:
        return Outcome("closed", seconds=seconds, sent_all=sent_all, detail="reset" if reset else "eof")
    return Outcome("timeout", seconds=seconds, sent_all=sent_all)
