"""What a fuzz run prints: a table per category, the problems with reproductions, what the
server logged, crashes, and the summary line."""

import collections
import os
import re
import time

import harness
from fuzz_judge import redact, show_bytes


def print_report(*, by_category, timing, notes, closes, monitor, slow_answers, slowest, server, rss_before, rss_after,
                 after, arguments, problems, site, logged, crashes, alive, started, sent, fuzz_seconds):
    totals = collections.Counter()
    for counter in by_category.values():
        totals.update(counter)
    columns = ["2xx", "3xx", "4xx", "5xx", "closed", "timeout", "garbled", "refused"]
    print(f"\n{'category':22s}" + "".join(f"{c:>9s}" for c in columns) + "   mean ms")
    for category in sorted(by_category):
        counter = by_category[category]
        mean = sum(timing[category]) / max(1, len(timing[category])) * 1000
        print(f"{category:22s}" + "".join(f"{counter.get(c, 0):9d}" for c in columns) + f"{mean:10.0f}")
    print(f"{'all':22s}" + "".join(f"{totals.get(c, 0):9d}" for c in columns))
    print(f"\n4xx answers: {notes['clear-4xx']} clear HTML pages checked, {notes['bare-4xx']} bare 400s from the HTTP "
          f"layer (protocol-level garbage), {notes['head']} to HEAD requests")
    if closes:
        print("answered by a bare 400 or by closing the connection, per category:")
        for (category, how), count in sorted(closes.items()):
            print(f"  {category:20s} {how:9s} {count}")
    if monitor.latencies:
        print(f"normal requests during the fuzz: {len(monitor.latencies)}, slowest "
              f"{max(monitor.latencies) * 1000:.0f} ms, failures {len(monitor.failures)}")
    if slow_answers:
        print(f"answers that took over 5 s (a busy server, not failures): {dict(slow_answers)}")
    print(f"slowest fuzz answer: {slowest[0]:.2f} s ({slowest[1].category if slowest[1] else '-'}); "
          f"this script's own CPU time {time.process_time():.0f} s; load average {os.getloadavg()[0]:.1f}")
    if server:
        print(f"server memory: {rss_before // 1024} MB before, {rss_after // 1024} MB after")
    for what, status, ok in after:
        print(f"after the fuzz: {what} -> {status}{'' if ok else '  FAILED'}")

    if arguments.save_repro:
        os.makedirs(arguments.save_repro, exist_ok=True)
    problem_count = sum(len(v) for v in problems.values())
    if problems:
        print(f"\nPROBLEMS ({problem_count} requests, {len(problems)} kinds):")
        for number, ((category, problem, message), examples) in enumerate(
                sorted(problems.items(), key=lambda item: -len(item[1]))):
            print(f"\n[{number}] {category}: {problem} x{len(examples)}" + (f"\n    page says: {message!r}" if message else ""))
            for example_number, case in enumerate(examples[:arguments.examples]):
                print(f"    as {case.role or 'nobody'}{' (then half-closes)' if case.half_close else ''}: "
                      f"{show_bytes(redact(case.data, site))}")
                if arguments.save_repro:
                    data = case.data if isinstance(case.data, bytes) else b"".join(case.data)
                    with open(os.path.join(arguments.save_repro, f"problem-{number}-{example_number}.http"), "wb") as out:
                        out.write(data)
    if logged:
        distinct = collections.Counter(re.sub(r"hb\.request\.id=\S+ ?|^\S+ ", "", line) for line in logged)
        print(f"\nSERVER LOGGED {len(logged)} failures (500s, including ones for clients that had left):")
        for line, count in distinct.most_common(12):
            print(f"  x{count}  {line}")
    if server and arguments.server_log:
        with open(arguments.server_log, "w") as out:
            out.write("".join(server.output))
    for number, (killer, report) in enumerate(crashes):
        print(f"\nCRASH {number + 1}: the server process died.")
        for line in report:
            print("    " + line.rstrip()[:240])
        if killer:
            print(f"  the request that kills it (as {killer.role}, {killer.category}"
                  f"{', then half-closes' if killer.half_close else ''}):\n    {show_bytes(redact(killer.data, site), 3000)}")
        elif not report or not report[0].startswith("(not looked"):
            print("  not found again by replaying the requests it cut off one at a time")
    if server and not alive:
        print("\nSERVER PROCESS IS DEAD at the end; last output:\n" + "".join(server.output[-20:]))

    fives = totals.get("5xx", 0)
    ok = (alive and not crashes and not problems and not logged and all(ok for *_, ok in after) and not monitor.failures)
    total_seconds = time.monotonic() - started
    line = (f"fuzz: {sent} requests in {fuzz_seconds:.0f} s ({total_seconds:.0f} s in all), {fives} 5xx, "
            f"{totals.get('4xx', 0)} 4xx, {totals.get('closed', 0)} closed, {totals.get('timeout', 0)} timeouts, "
            f"{problem_count} problems, {len(crashes)} crashes, {len(logged)} server-logged errors, "
            f"server {'alive' if alive and all(ok for *_, ok in after) else 'NOT ANSWERING' if alive else 'DEAD'}")
    return harness.summary(line, ok)
