"""bench/run's report: the table, the ratios ours/nginx, ours/Spirit and TLS/HTTP,
and each target of the speed issue with the measured figure and PASS/FAIL; and the
JSON in bench/results/."""

import datetime, json, os

from benchlib import RESULTS, ROOT, cpu_count, say


def find(rows, scenario, scheme=None, kind=None):
    for row in rows:
        if row["scenario"] == scenario and (scheme is None or row["scheme"] == scheme) and (kind is None or row["kind"] == kind):
            return None if "skipped" in row else row
    return None


def ratios(rows, main_scheme, spirit):
    """ours / nginx for each scheme measured, ours / Spirit, TLS / HTTP, and writes."""
    out = {}
    for scheme in ("http", "https"):
        for ours, limit in (("100-post thread", "nginx, same bytes"), ("100-post thread, gzip", "nginx, same gzip bytes")):
            thread, nginx = find(rows, ours, scheme), find(rows, limit, scheme)
            if thread and nginx:
                out[f"{ours.replace('100-post ', '')} / {limit} ({scheme})"] = thread["requests_per_s"] / nginx["requests_per_s"]
    thread = find(rows, "100-post thread", main_scheme)
    if spirit and thread:
        for key, label in (("topic_signed_in", "signed in"), ("topic_signed_out", "signed out")):
            if key in spirit and spirit[key]["requests_per_s"]:
                out[f"thread / Spirit topic ({label})"] = thread["requests_per_s"] / spirit[key]["requests_per_s"]
    posts = find(rows, "new posts", main_scheme)
    if spirit and posts and spirit.get("writes", {}).get("writes_per_s"):
        out["new posts / Spirit new comments"] = posts["writes_per_s"] / spirit["writes"]["writes_per_s"]
    for scenario in ("100-post thread", "100-post thread, gzip"):
        http_thread, tls_thread = find(rows, scenario, "http"), find(rows, scenario, "https")
        if http_thread and tls_thread:
            out[f"{scenario.replace('100-post ', '')} TLS / HTTP"] = tls_thread["requests_per_s"] / http_thread["requests_per_s"]
    return out


def target(text, measured="-", passed=None, note=""):
    return {"target": text, "measured": measured, "result": "n/a" if passed is None else "PASS" if passed else "FAIL",
            "note": note}


def spirit_target(thread, spirit):
    text = "thread page >= 100 x Spirit's requests/s"
    rates = [spirit[k]["requests_per_s"] for k in ("topic_signed_in", "topic_signed_out") if k in spirit] if spirit else []
    if not (thread and rates):
        return target(text, note="Spirit not measured (--spirit)")
    best = max(rates)
    cached = "" if spirit["source"] == "measured in this run" else "; Spirit's figure is cached"
    return target(text, f"{thread['requests_per_s'] / best:.1f} x", thread["requests_per_s"] >= 100 * best,
                  "against the faster of Spirit's signed-in and signed-out topic pages" + cached)


def nginx_target(thread, nginx):
    text = "thread page >= 25% of nginx's requests/s (same bytes)"
    if not (thread and nginx):
        return target(text, note="nginx not measured")
    share = thread["requests_per_s"] / nginx["requests_per_s"]
    return target(text, f"{share:.1%}", share >= 0.25)


def latency_target(thread, connections):
    text = "thread page p99 < 10 ms at 32 connections"
    if not thread:
        return target(text)
    if connections != 32:
        return target(text, f"{thread['p99_ms']:.2f} ms", None, f"measured at {connections} connections")
    return target(text, f"{thread['p99_ms']:.2f} ms", thread["p99_ms"] < 10)


def tls_targets(rows):
    """Checked twice: for the page as wrk asks for it by default (no compression, so
    161 KB to encrypt and decrypt) and as browsers ask for it (gzip)."""
    out = []
    for scenario, how in (("100-post thread", "no compression asked"), ("100-post thread, gzip", "gzip, as browsers ask")):
        text = f"TLS keep-alive >= 70% of HTTP (thread page, {how})"
        http, tls = find(rows, scenario, "http"), find(rows, scenario, "https")
        if not (http and tls):
            out.append(target(text, note="needs --both"))
            continue
        share = tls["requests_per_s"] / http["requests_per_s"]
        note = ""
        nginx_http, nginx_tls = find(rows, "nginx, same bytes", "http"), find(rows, "nginx, same bytes", "https")
        if scenario == "100-post thread" and nginx_http and nginx_tls:
            note = f"nginx on the same bytes: {nginx_tls['requests_per_s'] / nginx_http['requests_per_s']:.0%}"
        out.append(target(text, f"{share:.0%}", share >= 0.70, note))
    return out


def page_targets(rows, thread, scheme):
    out = []
    for name in ("board page", "dashboard"):
        row = find(rows, name, scheme)
        if row and thread:
            out.append(target(f"{name} >= the thread page's requests/s", f"{row['requests_per_s'] / thread['requests_per_s']:.2f} x",
                              row["requests_per_s"] >= thread["requests_per_s"]))
    return out


def writes_target(posts):
    text = "new posts >= 1,500/s sustained for 20 s, every post durable"
    if not posts:
        return target(text, note="--no-writes")
    measured = f"{posts['writes_per_s']:.0f}/s over {posts['elapsed_s']:.1f} s; {posts.get('durable_note', '')}"
    if posts["duration_s"] < 20:
        return target(text, measured, None, "needs --write-duration 20")
    durable = posts["acknowledged"] > 0 and posts.get("durable") == posts["acknowledged"]
    return target(text, measured, posts["writes_per_s"] >= 1500 and durable and posts["refused"] == 0)


def search_target(search, posts):
    text = "search p99 < 30 ms on 100,000 posts"
    if not search:
        return target(text)
    note = "" if posts >= 100_000 else f"the seed has {posts} posts"
    return target(text, f"{search['p99_ms']:.2f} ms", search["p99_ms"] < 30, note)


def memory_target(passes):
    rss = max(p["peak_rss_mb"] for p in passes)
    return target("peak resident memory under load < 150 MB", f"{rss:.0f} MB", rss < 150)


def claims_target(claims):
    if not claims:
        return None
    return target("no submission claimed twice (concurrent claims)",
                  f"{claims['claimed_twice']} in the responses, {claims.get('claimed_twice_in_audit', '?')} in the audit",
                  claims["claimed_twice"] == 0 and claims.get("claimed_twice_in_audit") == 0)


def targets(rows, main_scheme, spirit, passes, options):
    """Each target of the speed issue with the measured figure and PASS/FAIL. The
    targets are stated for HTTP; a --tls run checks them over HTTPS and says so."""
    thread = find(rows, "100-post thread", main_scheme)
    out = [spirit_target(thread, spirit), nginx_target(thread, find(rows, "nginx, same bytes", main_scheme)),
           latency_target(thread, options.connections), *tls_targets(rows), *page_targets(rows, thread, main_scheme),
           writes_target(find(rows, "new posts", main_scheme)), search_target(find(rows, "search", main_scheme), options.posts),
           memory_target(passes), claims_target(find(rows, "queue claims", main_scheme))]
    out = [t for t in out if t]
    add_rendered_notes(out, rows, main_scheme, spirit)
    if main_scheme == "https":
        for t in out:
            t["note"] = "; ".join(filter(None, [t["note"], "measured over HTTPS"]))
    return out


def add_rendered_notes(out, rows, scheme, spirit):
    """The targets are checked on the pages as served; each also says what the page
    measured when every request is rendered (bench/run's ", rendered" rows)."""
    thread, search = find(rows, "100-post thread, rendered", scheme), find(rows, "search, rendered", scheme)
    nginx = find(rows, "nginx, same bytes", scheme)
    rates = [spirit[k]["requests_per_s"] for k in ("topic_signed_in", "topic_signed_out") if k in spirit] if spirit else []
    notes = {
        "thread page >= 100 x Spirit's requests/s": thread and rates and f"{thread['requests_per_s'] / max(rates):.0f} x",
        "thread page >= 25% of nginx's requests/s (same bytes)": thread and nginx and f"{thread['requests_per_s'] / nginx['requests_per_s']:.1%}",
        "thread page p99 < 10 ms at 32 connections": thread and f"{thread['p99_ms']:.0f} ms",
        "search p99 < 30 ms on 100,000 posts": search and f"{search['p99_ms']:.0f} ms",
    }
    for t in out:
        if notes.get(t["target"]):
            t["note"] = "; ".join(filter(None, [t["note"], f"rendered every time: {notes[t['target']]}"]))


def format_row(row):
    name = row["scenario"] + ("" if row["kind"] == "peer" else f" ({row['scheme']})")
    if "skipped" in row:
        return f"{name:<34}  skipped: {row['skipped']}"
    rate = row.get("writes_per_s", row.get("requests_per_s", 0))
    line = (f"{name:<34}{rate:>10.{0 if rate >= 100 else 1}f}{row.get('p50_ms', 0):>10.2f}{row.get('p99_ms', 0):>10.2f}{row.get('bytes', ''):>10}"
            f"{row.get('non_2xx', 0):>9}")
    notes = []
    if "durable_note" in row:
        notes.append(row["durable_note"])
    elif "stored" in row:
        notes.append(f"stored {row['stored']} of {row['acknowledged']} acknowledged")
    if row.get("posts_shown", 100) < 100:
        notes.append(f"only {row['posts_shown']} posts on the page")
    if row.get("evaluators"):
        notes.append(f"{row['evaluators']} evaluators" + (", queue emptied" if row.get("queue_emptied") else ""))
    if row.get("refused"):
        notes.append(f"refused: {row['refused_statuses']}")
    if row.get("socket_errors"):
        notes.append(f"{row['socket_errors']} socket errors/timeouts")
    return line + ("   " + "; ".join(notes) if notes else "")


def print_report(report, options):
    schemes = " and ".join(p["scheme"].upper() for p in report["passes"])
    say(f"\nCohort, {options.posts} posts, {schemes}, wrk -t2 -c{options.connections} -d{options.duration}s "
        f"(writes: new posts {options.write_duration} s) on loopback ({cpu_count()} cores; "
        f"load average {report['load_average_before']:.1f} before the run)\n")
    say(f"{'scenario':<34}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'bytes':>10}{'non-2xx':>9}")
    for kind, title in (("read", "reads"), ("write", "writes (req/s = acknowledged writes/s; claims: claim then decide, per evaluator)"), ("limit", "limit"),
                        ("peer", "peer")):
        rows = [r for r in report["rows"] if r["kind"] == kind]
        if rows:
            say(f"-- {title}")
            for row in rows:
                say(format_row(row))
    if report["spirit"]:
        say(f"   Spirit: {report['spirit']['source']}; {report['spirit'].get('workers')} gunicorn sync workers")
    say("\nratios")
    for name, value in report["ratios"].items():
        say(f"  {name:<48}{value:>10.3g}")
    say("")
    for p in report["passes"]:
        say(f"peak resident memory of the server ({p['scheme']}): {p['peak_rss_mb']:.0f} MB "
            f"(after the reads: {p['peak_rss_reads_mb']:.0f} MB)")
    say("\ntargets")
    for t in report["targets"]:
        note = f"  ({t['note']})" if t["note"] else ""
        say(f"  {t['result']:<5} {t['target']:<68} {t['measured']}{note}")


def write_json(report):
    os.makedirs(RESULTS, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = os.path.join(RESULTS, f"run-{stamp}.json")
    with open(path, "w") as out:
        json.dump(report, out, indent=2)
    say(f"\nwritten to {os.path.relpath(path, ROOT)}")
