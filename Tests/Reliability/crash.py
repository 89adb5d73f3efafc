"""Crash safety: while 20 clients create posts, threads, artifact feedback, link-only
artifacts and slow file uploads over HTTP (multipart, in the browser's field order,
a third of them pausing once the file part is complete), the server is killed with SIGKILL at random moments (20
times by default) and restarted on the same data folder each time. Afterwards, with
the server stopped, the database file is read directly:

- every write whose success response arrived in full is there exactly once (with the
  id its redirect named), no write is there twice, refused writes are absent;
- PRAGMA integrity_check and foreign_key_check pass, and so does the search index's;
- uploads: every file under uploads/ is a stored file referenced by a version, every
  stored file exists with the recorded hash and size, every acknowledged upload points
  at exactly the bytes sent, and no temporary or partial file is left.

Usage: crash.py [--kills 20] [--clients 20] [--upload-clients 4] [--budget 170] [--seed N] [--keep] [--soak]
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict

import harness
import writers

MIX = [("reply", 10), ("feedback", 10), ("thread", 1), ("share", 1)]
HASH_NAME = re.compile(r"[0-9a-f]{64}")


def check_uploads(db, data_dir, writes):
    """Problems with files and their rows, and counts for the summary."""
    root = os.path.join(data_dir, "uploads")
    problems = []
    files, leftovers = {}, []
    for directory, _, names in os.walk(root):
        for name in names:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, root)
            parts = relative.split(os.sep)
            if len(parts) == 2 and HASH_NAME.fullmatch(parts[1]) and parts[0] == parts[1][:2]:
                files[parts[1]] = path
            else:
                leftovers.append(relative)
    stored = {sha: (row_id, size) for row_id, sha, size in db.execute("SELECT id, sha256, size FROM storedFile")}
    referenced = {sha for (sha,) in db.execute(
        "SELECT DISTINCT storedFile.sha256 FROM artifactVersion JOIN storedFile ON storedFile.id = artifactVersion.storedFileId")}

    uploads_by_hash = defaultdict(list)
    for write in writes:
        if write.kind == "upload":
            uploads_by_hash[write.sha256].append(write)

    orphans = sorted(sha for sha in files if sha not in referenced)
    for sha in orphans:
        senders = uploads_by_hash.get(sha, [])
        why = "; ".join(f"{w.marker} {w.outcome} file_sent={w.file_sent} stall={w.stall or 'none'} {w.error[:60]}"
                        for w in senders) or "not a file this run sent"
        in_db = "has a storedFile row but no version" if sha in stored else "no storedFile row"
        problems.append(f"orphan file uploads/{sha[:2]}/{sha} ({os.path.getsize(files[sha])} bytes, {in_db}): {why}")
    for relative in leftovers:
        problems.append(f"leftover temporary/partial file uploads/{relative}")
    for sha, (row_id, size) in stored.items():
        if sha not in referenced:
            problems.append(f"dangling storedFile row {row_id} ({sha[:12]}…): no version refers to it")
        path = files.get(sha)
        if path is None:
            problems.append(f"dangling storedFile row {row_id}: file uploads/{sha[:2]}/{sha} is missing")
            continue
        actual_size = os.path.getsize(path)
        with open(path, "rb") as handle:
            actual_sha = hashlib.file_digest(handle, "sha256").hexdigest()
        if actual_size != size or actual_sha != sha:
            problems.append(f"storedFile row {row_id}: file has {actual_size} bytes, sha {actual_sha[:12]}…; "
                            f"row says {size} bytes, {sha[:12]}…")
    for artifact_id, title in db.execute("""
            SELECT artifact.id, artifact.title FROM artifact
            WHERE NOT EXISTS (SELECT 1 FROM artifactVersion v WHERE v.artifactId = artifact.id AND v.number = 1)
               OR artifact.latestVersion <> (SELECT MAX(number) FROM artifactVersion v WHERE v.artifactId = artifact.id)"""):
        problems.append(f"dangling artifact row {artifact_id} ({title!r}): versions do not match latestVersion")
    for version_id, file_id in db.execute("""
            SELECT v.id, v.storedFileId FROM artifactVersion v
            WHERE v.storedFileId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM storedFile f WHERE f.id = v.storedFileId)"""):
        problems.append(f"dangling artifactVersion row {version_id}: storedFile {file_id} does not exist")

    # Each acknowledged upload's artifact holds exactly the bytes that were sent.
    for write in writes:
        if write.kind != "upload" or write.outcome != "ack":
            continue
        row = db.execute("""
            SELECT storedFile.sha256, storedFile.size FROM artifact
            JOIN artifactVersion v ON v.artifactId = artifact.id AND v.number = 1
            LEFT JOIN storedFile ON storedFile.id = v.storedFileId
            WHERE artifact.id = ? AND artifact.title LIKE ?""", (write.row_id, f"%{write.marker}%")).fetchone()
        if row is None:
            continue  # reported as lost by the marker check
        if row != (write.sha256, write.size):
            problems.append(f"upload {write.marker} (artifact {write.row_id}) stored {row}, sent {write.sha256[:12]}… "
                            f"{write.size} bytes")
    return problems, len(files), len(orphans)


def progress(text):
    print("[crash] " + text, file=sys.stderr, flush=True)


def main(argv=None):
    writers.stop_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--upload-clients", type=int, default=4)
    parser.add_argument("--uptime", type=float, nargs=2, default=(3.0, 7.5),
                        help="seconds the server runs between restarts (uniform), besides a few very short runs")
    parser.add_argument("--budget", type=float, default=170,
                        help="seconds for the kill phase; runs between kills shrink to fit it on a slow machine")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the data folder even when the check passes")
    parser.add_argument("--soak", action="store_true", help="the long version: 60 kills under 40 clients in ~10 minutes")
    if "--soak" in (sys.argv[1:] if argv is None else argv):
        parser.set_defaults(kills=60, clients=40, upload_clients=6, budget=540)
    options = parser.parse_args(argv)
    seed = options.seed if options.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    began = time.monotonic()

    data_dir = tempfile.mkdtemp(prefix="cohort-crash-")
    port = writers.free_port()
    # Pinned port (the last --port wins over the harness's --port 0), so clients come
    # back to the same address after each restart.
    server = harness.CohortServer(data_dir=data_dir, extra_args=["--port", str(port)])
    try:
        server.start()
    except RuntimeError as error:
        print(f"[crash] {error}")
        return harness.summary(f"crash: server did not start (data folder {data_dir})", False)
    endpoint = writers.Endpoint(server.url)
    targets = writers.discover_targets(server.database_path)
    ledger = writers.Ledger()
    uploads = writers.UploadPlan()
    stop = threading.Event()
    clients = []
    kills, restart_failures, uploads_cut, downtimes, outages = 0, [], 0, [], []
    try:
        clients = writers.start_writers(options.clients, endpoint, ledger, targets, stop, MIX,
                                        upload_clients=options.upload_clients, uploads=uploads)
        progress(f"server on port {port}, {sum(c.signed_in.is_set() for c in clients)} of {len(clients)} clients "
                 f"signed in after {time.monotonic() - began:.0f} s")
        phase_began = time.monotonic()
        for _ in range(options.kills):
            # Mostly a few seconds of traffic; sometimes a kill right after start-up. On a
            # slow (shared) machine the runs get shorter so that every kill fits the budget.
            left = options.kills - kills
            restart = sum(downtimes[-5:]) / len(downtimes[-5:]) if downtimes else 1.5
            slot = (options.budget - (time.monotonic() - phase_began)) / left - restart - 0.15
            uptime = rng.uniform(0.05, 0.6) if rng.random() < 0.15 else min(rng.uniform(*options.uptime), max(0.5, slot))
            time.sleep(uptime)
            in_flight = uploads.in_flight
            uploads_cut += in_flight
            killed_at = time.time()
            server.kill()
            kills += 1
            endpoint.down()
            time.sleep(rng.uniform(0, 0.3))
            started = time.monotonic()
            try:
                server.start()
            except RuntimeError as error:
                restart_failures.append(f"restart after kill {kills} failed: {error}")
                # Once more, in case it was a one-off; if that fails too, stop here.
                try:
                    server.start()
                except RuntimeError as again:
                    restart_failures.append(f"second restart after kill {kills} failed: {again}")
                    break
            downtimes.append(time.monotonic() - started)
            outages.append((killed_at, time.time()))
            endpoint.up(server.url)
            progress(f"kill {kills}/{options.kills} after {uptime:.1f} s up ({in_flight} uploads in flight), "
                     f"back in {downtimes[-1]:.1f} s; {ledger.counts()['ack']} acknowledged so far")
        time.sleep(3)  # traffic on the last start too
    finally:
        stuck, failures = writers.stop_writers(clients, stop)
        server.stop()

    writes = ledger.all()
    acknowledged = {w.marker for w in writes if w.outcome == "ack"}
    db = writers.open_copy(server.database_path)
    try:
        report = writers.check_markers(db, writes, acknowledged)
        integrity_problems = writers.integrity(db)
        upload_problems, file_count, orphan_count = check_uploads(db, data_dir, writes)
    finally:
        db.close()

    counts = ledger.counts()
    refused = [w for w in writes if w.outcome == "refused"]
    statuses = defaultdict(int)
    for write in refused:
        statuses[write.status] += 1
    server_errors = sum(1 for w in writes if w.outcome == "unknown" and w.status >= 500)
    upload_acks = sum(1 for w in writes if w.kind == "upload" and w.outcome == "ack")
    # Failures no kill explains (the server was up for the whole request).
    unexplained = [w for w in writes if w.outcome == "unknown"
                   and not any(w.started <= up and w.finished >= down - 0.05 for down, up in outages)]
    elapsed = time.monotonic() - began

    print(f"[crash] seed {seed}, data {data_dir}, port {port}, {elapsed:.0f} s, "
          f"restarts took {max(downtimes, default=0):.1f} s at most, final SIGTERM stop exited "
          f"{server.process.returncode if server.process else None}")
    kinds = Counter(w.kind for w in writes if w.outcome == "ack")
    print(f"[crash] writes {len(writes)}: {counts['ack']} acknowledged ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
          f"{counts['unknown']} unknown outcome ({server_errors} with 5xx, {report.unknown_stored} of them stored), "
          f"{counts['refused']} refused {dict(statuses)}; {uploads_cut} uploads in flight at kills; "
          f"{file_count} files in the store; {len(unexplained)} failures while the server was up")
    for write in unexplained[:10]:
        print("  (server up) " + writers.describe(write))
    for line in restart_failures:
        print("  " + line.splitlines()[0])
        for output in line.splitlines()[1:][-15:]:
            print("     | " + output)
    for write, counts_ in report.lost:
        print("  LOST " + writers.describe(write, f"found {counts_}"))
    for write, counts_ in report.duplicated:
        print("  DUPLICATED " + writers.describe(write, f"found {counts_}"))
    for write, ids in report.misplaced:
        print("  MISPLACED " + writers.describe(write, f"rows {ids}"))
    for write, counts_ in report.refused_but_stored:
        print("  REFUSED BUT STORED " + writers.describe(write, f"found {counts_}"))
    for marker, place in report.phantom:
        print(f"  PHANTOM {marker} in {place}")
    for problem in integrity_problems + upload_problems:
        print("  " + problem)
    for name in stuck:
        print(f"  writer {name} did not stop")
    for failure in failures:
        print(f"  writer failed: {failure}")

    ok = (report.ok and not integrity_problems and not upload_problems and not restart_failures
          and not failures and kills >= options.kills and counts["ack"] > 0)
    if ok and not options.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
    elif not ok:
        print(f"[crash] data folder kept for inspection: {data_dir}")
    line = (f"crash: {kills} kills, {len(acknowledged)} acknowledged writes, {len(report.lost)} lost, "
            f"{len(report.duplicated)} duplicated, integrity {'ok' if not integrity_problems else 'FAILED'}, "
            f"{orphan_count} orphan files, {len(upload_problems) - orphan_count} other upload problems, "
            f"{len(restart_failures)} failed restarts")
    return harness.summary(line, ok)


if __name__ == "__main__":
    sys.exit(main())
