"""The load part's HTTP: one keep-alive connection (asyncio streams) per client, and
the open-file limit that 1,000 of them need."""

import asyncio
import resource



def raise_file_limit(wanted):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[index]


# --------------------------------------------------------------------------- a small HTTP/1.1 client


class ConnectionFailed(Exception):
    pass


class StaleConnection(Exception):
    """The connection was closed before any answer came."""


class Connection:
    """One keep-alive HTTP/1.1 connection, reopened when the server closes it."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def close(self):
        if self.writer:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except Exception:  # noqa: BLE001 - already gone
                pass
        self.reader = self.writer = None

    retries = 0   # requests sent again because the server had closed an idle kept-alive connection

    async def request(self, method, path, headers=(), body=b""):
        reused = self.writer is not None
        try:
            return await self._request(method, path, headers, body)
        except StaleConnection:
            if not reused:
                raise ConnectionFailed("closed before an answer")
            # The server closed a kept-alive connection while it was idle (an idle timeout), before
            # reading this request: a browser sends it again on a new connection, and so do we.
            Connection.retries += 1
            return await self._request(method, path, headers, body)

    async def _request(self, method, path, headers, body):
        if self.writer is None:
            try:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            except OSError as error:
                raise ConnectionFailed(f"connect: {error}") from error
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        head += [f"{name}: {value}" for name, value in headers]
        if body or method == "POST":
            head.append(f"Content-Length: {len(body)}")
        try:
            self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            await self.writer.drain()
            raw = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as error:
            await self.close()
            if not error.partial:
                raise StaleConnection() from error
            raise ConnectionFailed("closed in the middle of an answer") from error
        except (ConnectionResetError, BrokenPipeError) as error:
            await self.close()
            raise StaleConnection() from error
        except (OSError, asyncio.LimitOverrunError) as error:
            await self.close()
            raise ConnectionFailed(f"{type(error).__name__} before an answer") from error
        lines = raw.decode("latin-1").split("\r\n")
        try:
            status = int(lines[0].split(" ", 2)[1])
        except (IndexError, ValueError) as error:
            await self.close()
            raise ConnectionFailed(f"garbled status line {lines[0]!r}") from error
        response_headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                response_headers[name.strip().lower()] = value.strip()
        try:
            if "chunked" in response_headers.get("transfer-encoding", "").lower():
                content = b""
                while True:
                    size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    if size == 0:
                        await self.reader.readuntil(b"\r\n")
                        break
                    content += await self.reader.readexactly(size + 2)
            elif method == "HEAD" or status in (204, 304):
                content = b""
            else:
                length = response_headers.get("content-length")
                content = await self.reader.readexactly(int(length)) if length else await self.reader.read()
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as error:
            await self.close()
            raise ConnectionFailed(f"{type(error).__name__} while reading the body") from error
        if response_headers.get("connection", "").lower() == "close":
            await self.close()
        return status, response_headers, content


# --------------------------------------------------------------------------- accounts and what they can touch
