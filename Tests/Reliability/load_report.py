"""What the load and slowloris parts print: figures per operation, and the summary lines."""

import collections
import statistics

import harness
from load_http import Connection, percentile


def report_load(stats, seconds, args, server):
    latencies = stats.latencies
    p50, p99 = percentile(latencies, 0.50) * 1000, percentile(latencies, 0.99) * 1000
    print(f"\nload part: {stats.requests} requests in {seconds:.1f} s ({stats.requests / seconds:.0f}/s), "
          f"statuses {dict(sorted(stats.statuses.items()))}")
    print(f"{'operation':16s}{'count':>8s}{'p50 ms':>9s}{'p99 ms':>9s}{'max ms':>9s}")
    for operation, values in sorted(stats.by_operation.items(), key=lambda item: -len(item[1])):
        print(f"{operation:16s}{len(values):8d}{percentile(values, .5) * 1000:9.0f}{percentile(values, .99) * 1000:9.0f}"
              f"{max(values) * 1000:9.0f}")
    writes = sum(stats.writes_done.values())
    too_many = sum(stats.too_many.values())
    if Connection.retries:
        print(f"requests sent again after the server closed an idle kept-alive connection: {Connection.retries}")
    print(f"writes acknowledged: {writes} ({dict(stats.writes_done)}); 429 (posting limits): {too_many} "
          f"{dict(stats.too_many) if too_many else ''}")
    if stats.errors:
        print(f"ERRORS ({sum(stats.errors.values())}):")
        for key, count in stats.errors.most_common():
            print(f"  x{count}  {key}   e.g. {stats.error_examples[key]}")
    logged = [line.strip() for line in server.output if "request failed" in line]
    if logged:
        print(f"server logged {len(logged)} failures, e.g. {logged[0][:300]}")
    errors = sum(stats.errors.values())
    ok = errors == 0 and not logged and server.alive() and stats.requests > 0 and too_many <= writes // 10
    line = (f"load: {args.clients} clients, {seconds:.0f} s, {errors} errors, {stats.requests} requests, "
            f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, {writes} writes, {too_many} 429s")
    return harness.summary(line, ok)


def report_slowloris(slows, results, baseline, seconds, args, server):
    kinds = collections.Counter(slow.kind for slow in slows)
    connected = [slow for slow in slows if slow.opened is not None]
    failed_to_connect = [slow for slow in slows if slow.connect_failed]
    closed = [slow for slow in connected if slow.closed_after is not None]
    print(f"\nslowloris part: {len(connected)} of {len(slows)} slow connections open ({dict(kinds)}), held {seconds:.1f} s, "
          f"a byte every {args.drip:.1f} s")
    if failed_to_connect:
        print(f"  {len(failed_to_connect)} could not connect, e.g. {failed_to_connect[0].connect_failed}")
    if baseline:
        print(f"normal requests before: {', '.join(f'{t * 1000:.0f} ms' for t, *_ in baseline)}")
    times = [t for t, status, _ in results if isinstance(status, int)]
    failures = [(t, status, path) for t, status, path in results if not isinstance(status, int) or status != 200]
    late = [(t, status, path) for t, status, path in results if t > args.normal_limit]
    if times:
        print(f"normal requests during: {len(results)}, p50 {percentile(times, .5) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms, over {args.normal_limit:.0f} s: {len(late)}, failed: {len(failures)}")
    for t, status, path in (failures + late)[:5]:
        print(f"  GET {path}: {status} after {t * 1000:.0f} ms")
    for kind in ("idle", "headers", "body"):
        group = [slow for slow in connected if slow.kind == kind]
        shut = sorted(slow.closed_after for slow in group if slow.closed_after is not None)
        answers = collections.Counter(slow.answer.split(b"\r\n", 1)[0].decode("latin-1") or "(nothing)"
                                      for slow in group if slow.closed_after is not None)
        if shut:
            print(f"  {kind:8s}: server closed {len(shut)} of {len(group)}, after {shut[0]:.1f}-{shut[-1]:.1f} s "
                  f"(median {statistics.median(shut):.1f} s); answer before closing: {dict(answers)}")
        else:
            print(f"  {kind:8s}: server closed 0 of {len(group)} within {seconds:.0f} s")
    if not closed:
        print("  the server never closed a slow connection: no header or idle timeout took effect")
    ok = bool(results) and not failures and not late and server.alive()
    worst = max(times) * 1000 if times else float("nan")
    line = (f"slowloris: {len(connected)} slow connections, {len(results)} normal requests, max {worst:.0f} ms, "
            f"{len(failures) + len(late)} failed or over {args.normal_limit:.0f} s, {len(closed)} closed by server")
    return harness.summary(line, ok)
