"""The limit for bench/run: nginx (Debian's) serving the exact bytes of our 100-post
thread page as a static file (or the bytes we sent gzipped, with gzip_static), from a throwaway configuration (its own prefix, pid and
logs in a temporary folder, run in the foreground, as many workers as cores,
keep-alive), measured with the same wrk settings as Cohort."""

import os, shutil, signal, subprocess, tempfile, time, urllib.parse

from benchlib import cpu_count, ensure_debian_package, free_port, public, request, say, wrk

NGINX_CONF = """
worker_processes {workers};
daemon off;
master_process on;
{user}
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    default_type text/html;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port}{ssl};
        {certificates}
        location = /thread.html {{ root {prefix}/www; gzip_static {gzip_static}; }}
    }}
}}
"""


def measure_nginx(page, duration, connections, tls_files=None, gzipped=None):
    """nginx (Debian) as a foreground process with its own prefix, serving the page's
    bytes as a static file, measured with the same wrk settings. With `gzipped` (the
    page as we sent it gzipped), nginx sends that file to wrk asking for gzip."""
    ensure_debian_package("nginx", "nginx")
    prefix = tempfile.mkdtemp(prefix="cohort-bench-nginx-")
    os.chmod(prefix, 0o755)
    os.makedirs(os.path.join(prefix, "www"))
    with open(os.path.join(prefix, "www", "thread.html"), "wb") as out:
        out.write(page)
    if gzipped:
        with open(os.path.join(prefix, "www", "thread.html.gz"), "wb") as out:
            out.write(gzipped)
    port = free_port()
    certificates = f"ssl_certificate {tls_files[0]}; ssl_certificate_key {tls_files[1]};" if tls_files else ""
    with open(os.path.join(prefix, "nginx.conf"), "w") as out:
        out.write(NGINX_CONF.format(workers=cpu_count(), prefix=prefix, port=port, ssl=" ssl" if tls_files else "",
                                    certificates=certificates, user="user root;" if os.geteuid() == 0 else "",
                                    gzip_static="on" if gzipped else "off"))
    command = ["nginx", "-p", prefix, "-c", os.path.join(prefix, "nginx.conf"), "-e", os.path.join(prefix, "error.log")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    scheme = "https" if tls_files else "http"
    url = f"{scheme}://127.0.0.1:{port}/thread.html"
    try:
        wait_for_nginx(url, process, prefix, gzipped)
        result = wrk(url, duration, connections, headers=["Accept-Encoding: gzip"] if gzipped else [])
    finally:
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(prefix, ignore_errors=True)
    scenario = "nginx, same gzip bytes" if gzipped else "nginx, same bytes"
    say(f"  {scenario} ({scheme}): {result['requests_per_s']:.0f} requests/s")
    return {"scenario": scenario, "path": "/thread.html", "scheme": scheme, "kind": "limit",
            "bytes": len(gzipped or page), **public(result)}


def wait_for_nginx(url, process, prefix, gzipped):
    """Waits for nginx to answer; with gzipped, checks that it sends that file."""
    parts = urllib.parse.urlsplit(url)
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            with open(os.path.join(prefix, "error.log")) as log:
                raise SystemExit(f"nginx exited with status {process.returncode}:\n{log.read()}")
        try:
            _, headers, body = request(f"{parts.scheme}://{parts.netloc}", "GET", parts.path,
                                       {"Accept-Encoding": "gzip"} if gzipped else {})
            if gzipped and (body != gzipped or headers.get("Content-Encoding") != "gzip"):
                raise SystemExit("nginx did not send the gzipped page (gzip_static missing?)")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("nginx did not answer")
