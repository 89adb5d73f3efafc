"""Judging one fuzz answer: a 5xx, a hang, a garbled answer, a leak of a file outside
public/, or a 4xx that is not a clear page for people is a problem."""

import re

from fuzz_http import exchange

LEAK_MARKERS = [b"swift-tools-version", b"import PackageDescription", b"root:x:0:0", b"SQLite format 3",
                b"{{#", b"{{/", b"[package]", b"BEGIN PRIVATE KEY", b"BEGIN CERTIFICATE"]
JARGON = re.compile(r"`|Type mismatch|expected .{0,40} type|DecodingError|Swift\.|Optional\(|\bnil\b|Error\(|keyNotFound|"
                    r"typeMismatch|dataCorrupted|percent decode|Array&lt;|Dictionary&lt;|HTTPParserError|llhttp|"
                    r"unexpected time|stream ended", re.I)
ERROR_PAGE = re.compile(rb'<section class="error-page">.*?<h1>(.*?)</h1>\s*<p>(.*?)</p>', re.S)
ALERT = re.compile(rb'(?:role="alert"|class="error")[^>]*>\s*(?:<p[^>]*>)?(.*?)</', re.S)
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
TAGS = re.compile(rb"<[^>]+>")


def text_of(fragment):
    return re.sub(rb"\s+", b" ", TAGS.sub(b"", fragment)).strip().decode("utf-8", "replace")


def clarity(outcome):
    """None when the 4xx answer is a clear HTML page, else why not."""
    content_type = outcome.headers.get("content-type", "")
    if not outcome.body:
        return "empty body"
    if "text/html" not in content_type:
        return f"not an HTML page ({content_type or 'no Content-Type'})"
    title = TITLE.search(outcome.body)
    if not title or not text_of(title.group(1)):
        return "no <title>"
    match = ERROR_PAGE.search(outcome.body)
    if match:
        heading, message = text_of(match.group(1)), text_of(match.group(2))
        if not heading or len(message) < 12:
            return f"error page without a message ({heading!r}: {message!r})"
    else:
        alerts = [text_of(m) for m in ALERT.findall(outcome.body)]
        alerts = [a for a in alerts if a]
        if not alerts:
            return "a page without any error message"
        message = alerts[0]
    if JARGON.search(message):
        return f"message is not for people: {message!r}"
    return None


def redact(data, site):
    if isinstance(data, list):
        data = b"".join(data)
    for identity in site.who.values():
        if identity.session:
            data = data.replace(identity.session, b"$SESSION_" + identity.name.upper().encode())
        if identity.csrf and identity.name not in ("visitor",):
            data = data.replace(identity.csrf, b"$CSRF_" + identity.name.upper().encode())
    return data


def show_bytes(data, limit=700):
    if len(data) <= limit:
        return repr(data)
    return repr(data[:limit]) + f" ... ({len(data)} bytes in all)"


def run_case(host, port, case, timeout):
    outcome = exchange(host, port, case.data, timeout=timeout, half_close=case.half_close, head_request=case.head)
    problem = None
    note = None
    if outcome.kind == "response":
        status = outcome.status
        bare = not outcome.body and "content-security-policy" not in outcome.headers
        if status >= 500:
            problem = f"{status} answer"
        elif 400 <= status < 500:
            if case.head:
                note = "head"
            elif bare and (case.protocol or case.limits):
                note = "bare-4xx"
            else:
                why = clarity(outcome)
                if why:
                    problem = f"unclear {status}: {why}"
                else:
                    note = "clear-4xx"
        if outcome.body:
            leaked = [marker for marker in LEAK_MARKERS if marker in outcome.body]
            if leaked:
                problem = f"served a file outside public/ ({leaked[0]!r})"
        if case.path_trick and 200 <= status < 300:
            request_line = (case.data if isinstance(case.data, bytes) else b"".join(case.data)).split(b"\r\n", 1)[0]
            # Only the path names a file; a NUL in the query (a search for it) is just text.
            path = request_line.split(b" ")[1].split(b"?", 1)[0] if request_line.count(b" ") >= 2 else request_line
            if b"%00" in path.lower() or b"\x00" in path:
                problem = f"{status} for a path with a NUL byte (Content-Type {outcome.headers.get('content-type')})"
    elif outcome.kind == "timeout":
        if case.complete:
            problem = f"no answer to a complete request within {timeout:.0f} s (hang)"
    elif outcome.kind in ("closed", "garbled"):
        if outcome.kind == "garbled":
            problem = "garbled answer"
        elif not (case.protocol or case.limits or case.may_close or not case.complete):
            problem = "closed without answering a well-formed request"
    elif outcome.kind == "refused":
        problem = "connection refused (server down?)"
    message = None
    if problem and outcome.kind == "response":
        found = ERROR_PAGE.search(outcome.body)
        message = text_of(found.group(2)) if found else outcome.body[:200].decode("utf-8", "replace")
    return outcome.status_class, outcome.status, note, problem, message, outcome.seconds, outcome.detail
