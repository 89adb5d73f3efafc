"""The fuzzed server: restarts after a crash, finding the request that killed it, a normal
request every half second while the fuzz runs, and the process's memory."""

import os
import threading
import time

from fuzz_cases import http_request
from fuzz_http import address, exchange

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
