"""The slowloris part: slow connections (idle, dripping headers or a body) while a normal
client asks for a page every 200 ms."""

import asyncio
import random
import time
from urllib.parse import urlsplit
from load_http import Connection, ConnectionFailed



class SlowConnection:
    def __init__(self, kind):
        self.kind = kind
        self.opened = None
        self.closed_after = None      # seconds from open to the server closing it
        self.answer = b""             # what the server said before closing, if anything
        self.connect_failed = None


async def slow_connection(slow, host, port, drip, stop, cookie):
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
    except (OSError, asyncio.TimeoutError) as error:
        slow.connect_failed = str(error) or type(error).__name__
        return
    slow.opened = time.monotonic()

    async def watch():
        try:
            while True:
                data = await reader.read(4096)
                if not data:
                    break
                slow.answer += data
        except OSError:
            pass
        slow.closed_after = time.monotonic() - slow.opened

    watcher = asyncio.ensure_future(watch())
    if slow.kind == "headers":
        script = (f"GET / HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nUser-Agent: slow\r\nX-Padding: ").encode()
        filler = b"a"
    elif slow.kind == "body":
        script = (f"POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  f"Content-Length: 100000\r\n\r\nemail=").encode()
        filler = b"a"
    else:
        script, filler = b"", b""
    position = 0
    rng = random.Random(id(slow))
    await asyncio.sleep(rng.uniform(0, drip))
    try:
        while not stop.is_set() and not watcher.done():
            if slow.kind != "idle":
                byte = script[position:position + 1] or filler
                position += 1
                writer.write(byte)
                await writer.drain()
            try:
                await asyncio.wait_for(stop.wait(), drip * rng.uniform(0.8, 1.2))
            except asyncio.TimeoutError:
                pass
    except OSError:
        pass
    if watcher.done() and slow.closed_after is None:
        slow.closed_after = time.monotonic() - slow.opened
    watcher.cancel()
    writer.close()


async def normal_requests(host, port, cookie, stop, interval, results):
    """A page every `interval` seconds on a new connection: signed out and signed in in turn."""
    turn = 0
    while not stop.is_set():
        await timed_page(host, port, cookie, turn, results)
        turn += 1
        try:
            await asyncio.wait_for(stop.wait(), interval)
        except asyncio.TimeoutError:
            pass


async def run_slowloris(url, cookie, args):
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port
    kinds = ["idle"] * 2 + ["headers"] * 2 + ["body"]
    slows = [SlowConnection(kinds[i % len(kinds)]) for i in range(args.slow)]
    stop = asyncio.Event()
    results = []
    baseline = []
    # a few normal requests before, for comparison
    await normal_requests_once(host, port, cookie, baseline, 6)
    tasks = []
    for start in range(0, len(slows), 50):       # open them in waves, as an attacker would
        tasks += [asyncio.ensure_future(slow_connection(slow, host, port, args.drip, stop, cookie))
                  for slow in slows[start:start + 50]]
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    opened_at = time.monotonic()
    normal = asyncio.ensure_future(normal_requests(host, port, cookie, stop, 0.2, results))
    await asyncio.sleep(args.slow_seconds)
    stop.set()
    await normal
    await asyncio.gather(*tasks, return_exceptions=True)
    return slows, results, baseline, time.monotonic() - opened_at


async def normal_requests_once(host, port, cookie, results, count):
    for turn in range(count):
        await timed_page(host, port, cookie, turn, results)


async def timed_page(host, port, cookie, turn, results):
    """One page on a new connection, signed out on even turns and signed in on odd ones,
    recorded as (seconds, status or failure, path)."""
    path, headers = ("/login", []) if turn % 2 == 0 else ("/", [("Cookie", cookie)])
    connection = Connection(host, port)
    started = time.perf_counter()
    try:
        status, _, _ = await asyncio.wait_for(connection.request("GET", path, headers), 10)
        results.append((time.perf_counter() - started, status, path))
    except (asyncio.TimeoutError, ConnectionFailed) as error:
        results.append((time.perf_counter() - started, f"failed: {type(error).__name__} {error}", path))
    await connection.close()


# --------------------------------------------------------------------------- main
