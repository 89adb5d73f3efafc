"""Helpers shared by bench/run and bench/peer-spirit: running commands, installing
Debian packages, free ports, waiting for a server, and running wrk and reading its
output."""

import http.client, os, re, shutil, socket, ssl, subprocess, time, urllib.error, urllib.parse, urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
RESULTS = os.path.join(BENCH, "results")
POST_SCRIPT = os.path.join(BENCH, "wrk", "post-form.lua")


def sh(*args, **kw):
    """Runs a command and returns its standard output; raises when it fails."""
    return subprocess.run(args, check=True, text=True, capture_output=True, **kw).stdout


def say(text):
    print(text, flush=True)


_apt_updated = False


def ensure_debian_package(package, binary):
    """Installs a Debian package with apt-get when `binary` is not on the PATH."""
    global _apt_updated
    if shutil.which(binary) or os.path.exists(binary):
        return
    say(f"==> installing {package}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if not _apt_updated:
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        _apt_updated = True
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", package], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url, timeout=60, process=None):
    """Waits until the URL answers at all (any status)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"server exited with status {process.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            time.sleep(0.3)
    raise SystemExit(f"nothing answered at {url} within {timeout} s")


def connect(base):
    url = urllib.parse.urlsplit(base)
    if url.scheme == "https":
        return http.client.HTTPSConnection(url.hostname, url.port, context=ssl._create_unverified_context(), timeout=60)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def request(base, method, path, headers, body=None, connection=None):
    """One request with only the headers given (and Host; no Accept-Encoding, as wrk);
    returns the status, the headers (an http.client.HTTPMessage) and the body."""
    own = connection is None
    connection = connection or connect(base)
    connection.putrequest(method, path, skip_accept_encoding=True)
    for name, value in headers.items():
        connection.putheader(name, value)
    if body is not None:
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body.encode() if body is not None else None)
    response = connection.getresponse()
    content = response.read()
    if own:
        connection.close()
    return response.status, response.headers, content


def cpu_count():
    return os.cpu_count() or 1


WRK_TIMEOUT = "10s"  # wrk's default of 2 s drops slow responses from the latencies (Spirit's p99 is about 1 s)


def wrk(url, duration, connections, threads=2, headers=(), script=None, env=None):
    """Runs wrk with --latency and returns requests/s, p50/p99 in ms, non-2xx/3xx,
    socket errors, the total of requests, and wrk's own output. Every run, ours,
    nginx's and Spirit's, uses the same settings: 2 threads, --timeout 10s."""
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", WRK_TIMEOUT, "--latency"]
    for header in headers:
        args += ["-H", header]
    if script:
        args += ["-s", script]
    out = sh(*(args + [url]), env={**os.environ, **(env or {})})
    return parse_wrk(out)


def parse_wrk(out):
    def latency(label):
        value, unit = re.search(rf"\s{label}\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency("50%"),
        "p99_ms": latency("99%"),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "elapsed_s": elapsed_seconds(out),
        "output": out,
    }


def elapsed_seconds(out):
    value, unit = re.search(r"requests in ([\d.]+)(ms|s|m)\b", out).groups()
    return float(value) * {"ms": 0.001, "s": 1, "m": 60}[unit]


def wrk_writes(url, path, cookie, form, duration, connections, field="body", ok_status=303, ids_file=None,
               prefix="bench-write"):
    """Runs the write script (bench/wrk/post-form.lua): every request a unique text,
    counting responses with ok_status as acknowledged writes."""
    env = {"BENCH_PATH": path, "BENCH_COOKIE": cookie, "BENCH_FORM": form, "BENCH_FIELD": field,
           "BENCH_OK": str(ok_status), "BENCH_PREFIX": prefix}
    if ids_file:
        env["BENCH_IDS_FILE"] = ids_file
    result = wrk(url + path, duration, connections, script=POST_SCRIPT, env=env)
    out = result["output"]
    result["acknowledged"] = int(re.search(r"acknowledged: (\d+)", out).group(1))
    result["refused"] = int(re.search(r"refused: (\d+)", out).group(1))
    result["refused_statuses"] = {status: int(count) for status, count in re.findall(r"refused status (\d+): (\d+)", out)}
    result["writes_per_s"] = result["acknowledged"] / result["elapsed_s"]
    return result


def public(result):
    """A wrk result without wrk's raw output, for tables and JSON."""
    return {key: value for key, value in result.items() if key != "output"}
