"""One fuzz run: batches of generated requests, sent many at a time, each answer judged;
a crash is isolated and the server restarted; then normal requests once more."""

import collections
import concurrent.futures
import re
import time

from fuzz_generator import Generator
from fuzz_judge import run_case
from fuzz_report import print_report
from fuzz_server import BACKTRACE_OFF, Monitor, Target, isolate_crash, process_rss_kb, restart
from fuzz_site import Site

def fuzz(url, server, arguments, rng, seed, started, routes):
    target = Target(url)
    site = Site(url)
    site.sign_in_all()
    generator = Generator(site, rng, routes)
    if arguments.categories:
        wanted = arguments.categories.split(",")
        generator.CATEGORIES = [(name, weight) for name, weight in Generator.CATEGORIES if name in wanted]
    batches = generator.batches(arguments.requests, 400)
    sent = 0
    log_start = len(server.output) if server else 0
    rss_before = process_rss_kb(server.process.pid) if server else 0
    print(f"fuzzing: seed {seed}, {arguments.requests} requests, {arguments.concurrency} connections at a time, server {url}",
          flush=True)

    monitor = Monitor(target, site.who["educator"].cookie)
    monitor.start()
    by_category = collections.defaultdict(collections.Counter)
    problems = collections.defaultdict(list)
    notes = collections.Counter()
    closes = collections.Counter()
    crashes = []      # (killer case or None, crash report lines)
    timing = collections.defaultdict(list)
    slow_answers = collections.Counter()
    slowest = (0.0, None)
    fuzz_started = time.monotonic()
    retried = []
    with concurrent.futures.ThreadPoolExecutor(arguments.concurrency) as pool:
        while True:
            batch = retried + next(batches, [])
            retried = []
            if not batch:
                break
            timeline = []   # (started, finished, kind, case)
            futures = {pool.submit(run_case, target.host, target.port, case, arguments.timeout): case for case in batch}
            for future in concurrent.futures.as_completed(futures):
                case = futures[future]
                status_class, status, note, problem, message, seconds, detail = future.result()
                now = time.monotonic()
                timeline.append((now - seconds, now, status_class, case))
                if status_class == "refused" and not getattr(case, "retried", False) and server:
                    case.retried = True
                    retried.append(case)       # the server was down: sent again after the restart
                    continue
                sent += 1
                by_category[case.category][status_class] += 1
                timing[case.category].append(seconds)
                if note:
                    notes[note] += 1
                    if note == "bare-4xx":
                        closes[(case.category, "bare 400")] += 1
                if status_class in ("closed", "timeout"):
                    closes[(case.category, status_class)] += 1
                if seconds > slowest[0]:
                    slowest = (seconds, case)
                if seconds > 5 and status_class not in ("timeout", "refused"):
                    slow_answers[case.category] += 1
                if problem:
                    # one kind per category, problem and message (names in `backticks` and numbers aside)
                    kind = re.sub(r"`[^`]*`", "`…`", problem.split(" (")[0] if "NUL" in problem or "served" in problem
                                  else problem)
                    shown = "" if "NUL" in problem or "served" in problem else (message or "")[:160]
                    key = (case.category, kind, re.sub(r"`[^`]*`", "`…`", shown))
                    problems[key].append(case)
                    case.problem_key = key
            if server and not server.alive():
                monitor.paused.set()
                refused = [start for start, _, kind, _ in timeline if kind == "refused"]
                crash_time = min(refused) if refused else time.monotonic()
                suspects = [case for start, end, kind, case in sorted(timeline, key=lambda t: t[0])
                            if crash_time - 5 <= end and start <= crash_time + 0.05
                            and kind in ("closed", "timeout", "garbled")]
                for case in suspects:      # cut off by the crash: not problems of their own
                    key = getattr(case, "problem_key", None)
                    if key and case in problems.get(key, []):
                        problems[key].remove(case)
                        if not problems[key]:
                            del problems[key]
                if len(crashes) < arguments.max_isolations:
                    print(f"server died: replaying the {len(suspects)} requests it cut off, one at a time", flush=True)
                    killer, report = isolate_crash(server, suspects[:60], arguments.timeout)
                else:
                    print("server died again: restarting it without looking for the request", flush=True)
                    killer, report = None, ["(not looked for: --max-isolations reached)"]
                crashes.append((killer, report[:14]))
                # the monitor's requests that failed because of the crash are counted as the crash
                monitor.failures = [f for f in monitor.failures if f[0] < crash_time - 5]
                restart(server, BACKTRACE_OFF)
                target.set(server.url)
                monitor.paused.clear()
    fuzz_seconds = time.monotonic() - fuzz_started
    monitor.stop.set()
    monitor.join()
    url = target.url

    # a normal request afterwards, signed in and signed out
    import requests as http
    after = []
    try:
        response = http.get(url + "/", cookies={"cohort_session": site.who["educator"].session.decode()}, timeout=10,
                            allow_redirects=False)
        after.append(("signed-in GET /", response.status_code, response.status_code == 200 and "Dashboard" in response.text))
        response = http.get(url + "/login", timeout=10)
        after.append(("signed-out GET /login", response.status_code, response.status_code == 200))
    except Exception as error:  # noqa: BLE001 - any failure here is the finding
        after.append(("normal request", str(error), False))
    alive = server.alive() if server else True
    rss_after = process_rss_kb(server.process.pid) if server and alive else 0
    logged = []
    if server:
        logged = [line.strip() for line in server.output[log_start:] if "request failed" in line or " critical " in line]
    return print_report(by_category=by_category, timing=timing, notes=notes, closes=closes, monitor=monitor,
                        slow_answers=slow_answers, slowest=slowest, server=server, rss_before=rss_before,
                        rss_after=rss_after, after=after, arguments=arguments, problems=problems, site=site,
                        logged=logged, crashes=crashes, alive=alive, started=started, sent=sent,
                        fuzz_seconds=fuzz_seconds)
