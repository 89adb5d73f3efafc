"""Online backup: `cohort backup` taken while 20 clients write yields a database that
passes integrity_check and holds every write acknowledged before the backup command
started; restoring it with the README's steps brings the server back with that data.

1. A demo server; 20 clients create replies, threads, artifact feedback and a few
   small artifact uploads, each with a unique marker.
2. Mid-run, `cohort backup --data-dir DIR --to FILE`; writers keep going during and
   after it.
3. The copy (checked on a scratch copy, so the backup file stays as it was made):
   integrity_check, foreign keys, search index; every write acknowledged before the
   command started is there once; nothing is there twice; refused writes are absent.
4. Restore exactly as README.md says (its `cp backup.sqlite data/cohort.sqlite && rm ...`
   line, with this run's paths), start the server on the folder, and check over HTTP
   that a sample of those writes shows on their pages (and uploads download intact),
   and that the restored server takes a new post.

Usage: backup.py [--clients 20] [--before 15] [--after 5] [--sample 40] [--seed N] [--keep] [--soak]
"""

import argparse
import hashlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import harness
import writers

MIX = [("reply", 10), ("feedback", 10), ("thread", 1), ("share", 1)]
FILE_LINK = re.compile(r'href="/files/(\d+)"')


def readme_restore_command(backup_path, data_dir):
    """The README's restore line, with this run's backup file and data folder."""
    readme = (harness.REPO_ROOT / "README.md").read_text()
    match = re.search(r"To restore a backup.*?```(?:sh)?\n(.*?)```", readme, re.S)
    if not match:
        raise RuntimeError("README.md has no restore steps ('To restore a backup' followed by a code block)")
    command = match.group(1).strip()
    if "backup.sqlite" not in command or "data/" not in command:
        raise RuntimeError(f"README.md restore steps changed shape, update backup.py: {command!r}")
    return command, command.replace("backup.sqlite", str(backup_path)).replace("data/", str(data_dir) + "/")


def page_has(browser, path, marker, cache):
    if path not in cache:
        response = browser.get(path)
        cache[path] = (response.status_code, response.text)
    status, text = cache[path]
    return status == 200 and text.count(marker) >= 1, status


def progress(text):
    print("[backup] " + text, file=sys.stderr, flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--upload-clients", type=int, default=2)
    parser.add_argument("--before", type=float, default=15, help="seconds of writing before the backup")
    parser.add_argument("--after", type=float, default=5, help="seconds of writing after the backup")
    parser.add_argument("--sample", type=int, default=40, help="pre-backup writes to look for over HTTP after restore")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--soak", action="store_true", help="the long version: 40 clients, a minute before the backup")
    if "--soak" in (sys.argv[1:] if argv is None else argv):
        parser.set_defaults(clients=40, upload_clients=4, before=60, after=20, sample=120)
    options = parser.parse_args(argv)
    writers.stop_on_sigterm()
    seed = options.seed if options.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    began = time.monotonic()
    problems = []

    work = Path(tempfile.mkdtemp(prefix="cohort-backup-"))
    data_dir = work / "data"
    backup_path = work / "backup.sqlite"
    server = harness.CohortServer(data_dir=str(data_dir))
    try:
        server.start()
    except RuntimeError as error:
        print(f"[backup] {error}")
        return harness.summary(f"backup: server did not start (work folder {work})", False)
    endpoint = writers.Endpoint(server.url)
    targets = writers.discover_targets(server.database_path)
    ledger = writers.Ledger()
    uploads = writers.UploadPlan(min_bytes=50_000, max_bytes=300_000, seconds=(0.3, 1.0), repeat=0.1, stall_after_file=0)
    stop = threading.Event()
    clients = []
    try:
        clients = writers.start_writers(options.clients, endpoint, ledger, targets, stop, MIX,
                                        upload_clients=options.upload_clients, uploads=uploads)
        progress(f"{sum(c.signed_in.is_set() for c in clients)} of {len(clients)} clients signed in after "
                 f"{time.monotonic() - began:.0f} s; writing for {options.before:.0f} s before the backup")
        time.sleep(options.before)
        backup_started = time.time()
        result = server.cohort("backup", "--to", str(backup_path), check=False)
        backup_ended = time.time()
        progress(f"backup done in {backup_ended - backup_started:.2f} s with {ledger.counts()['ack']} acknowledged "
                 f"writes so far; writing {options.after:.0f} s more")
        time.sleep(options.after)
    finally:
        stuck, failures = writers.stop_writers(clients, stop)
        server.stop()
    if result.returncode != 0:
        problems.append(f"cohort backup exited {result.returncode}: {(result.stdout + result.stderr).strip()[:500]}")

    writes = ledger.all()
    before = {w.marker for w in writes if w.outcome == "ack" and w.finished < backup_started}
    during = [w for w in writes if w.outcome == "ack" and backup_started <= w.finished]
    report = writers.MarkerReport()
    integrity_problems = ["no backup file"]
    if backup_path.exists():
        scratch = work / "scratch.sqlite"
        shutil.copyfile(backup_path, scratch)
        db = writers.open_copy(scratch)
        try:
            integrity_problems = writers.integrity(db)
            report = writers.check_markers(db, writes, before)
            # Uploads acknowledged before the backup point at files that exist, intact.
            for write in writes:
                if write.kind == "upload" and write.marker in before:
                    row = db.execute("""
                        SELECT storedFile.sha256, storedFile.size FROM artifact
                        JOIN artifactVersion v ON v.artifactId = artifact.id AND v.number = 1
                        LEFT JOIN storedFile ON storedFile.id = v.storedFileId WHERE artifact.id = ?""",
                                     (write.row_id,)).fetchone()
                    if row and row != (write.sha256, write.size):
                        problems.append(f"upload {write.marker}: copy says {row}, sent {write.sha256[:12]}… {write.size}")
            in_copy_after = sum(1 for w in during if any(
                db.execute(f"SELECT 1 FROM {table} WHERE {column} LIKE ? LIMIT 1", (f"%{w.marker}%",)).fetchone()
                for table, column in writers.PLACES[w.kind][:1]))
        finally:
            db.close()
    else:
        in_copy_after = 0

    # Restore as the README says, then serve the restored folder.
    restored_seen, restored_checked, restored_missing = 0, 0, []
    shown_command = ""
    if backup_path.exists():
        try:
            shown_command, command = readme_restore_command(backup_path, data_dir)
            done = subprocess.run(["sh", "-c", command], capture_output=True, text=True)
            if done.returncode != 0:
                problems.append(f"restore command failed ({done.returncode}): {done.stderr.strip()}")
        except RuntimeError as error:
            problems.append(str(error))
        try:
            server.start()
            progress("restored and restarted; looking for a sample of the writes over HTTP")
        except RuntimeError as error:
            problems.append(f"server did not start on the restored folder: {error}")
        else:
            try:
                browser = harness.Browser(server.url).sign_in(harness.ADMIN)
                candidates = [w for w in writes if w.marker in before]
                # The same number of each kind of write (shares would crowd out the rest).
                kinds = sorted({w.kind for w in candidates})
                sample = []
                for kind in kinds:
                    of_kind = [w for w in candidates if w.kind == kind]
                    sample += rng.sample(of_kind, min(len(of_kind), max(1, options.sample // len(kinds))))
                # Always include the last few acknowledged before the backup: the edge.
                sample += sorted(candidates, key=lambda w: w.finished)[-5:]
                cache = {}
                for write in {w.marker: w for w in sample}.values():
                    if write.kind in ("reply", "thread"):
                        path = f"/threads/{write.topic_id}"
                    elif write.kind == "feedback":
                        path = f"/artifacts/{write.target}?version=1"
                    else:
                        path = f"/artifacts/{write.row_id}"
                    restored_checked += 1
                    seen, status = page_has(browser, path, write.marker, cache)
                    if seen and write.kind == "upload":
                        link = FILE_LINK.search(cache[path][1])
                        body = browser.get(f"/files/{link.group(1)}").content if link else b""
                        if hashlib.sha256(body).hexdigest() != write.sha256:
                            seen = False
                            status = f"download of {write.marker} differs ({len(body)} bytes)"
                    if seen:
                        restored_seen += 1
                    else:
                        restored_missing.append(f"{writers.describe(write)} not shown on {path} (status {status})")
                # The restored server takes new writes (an artifact: the writers' accounts
                # may still be at their posting limits).
                sharer = harness.Browser(server.url).sign_in(harness.EDUCATORS[0])
                response = sharer.upload(f"/cohorts/{targets.cohort_id}/artifacts",
                                         {"title": f"After restore {writers.RUN}", "indicator[]": str(targets.indicators[0])},
                                         {"file": ("after-restore.txt", b"Shared after the restore.\n", "text/plain")})
                if response.status_code != 303 or not writers.ARTIFACT.match(response.headers.get("Location", "")):
                    problems.append(f"restored server answered {response.status_code} to a new artifact")
            finally:
                server.stop()

    elapsed = time.monotonic() - began
    counts = ledger.counts()
    print(f"[backup] seed {seed}, work folder {work}, {elapsed:.0f} s; backup command took "
          f"{backup_ended - backup_started:.2f} s; writes {len(writes)}: {counts['ack']} acknowledged "
          f"({', '.join(f'{n} {k}' for k, n in sorted(Counter(w.kind for w in writes if w.outcome == 'ack').items()))}), "
          f"{counts['unknown']} unknown, {counts['refused']} refused; {len(during)} acknowledged during/after "
          f"the backup ({in_copy_after} of them in the copy)")
    print(f"[backup] restore command (README): {shown_command}")
    for write, found in report.lost:
        print("  MISSING FROM COPY " + writers.describe(write, f"found {found}, acknowledged "
                                                         f"{backup_started - write.finished:.2f} s before the backup"))
    for write, found in report.duplicated:
        print("  DUPLICATED " + writers.describe(write, f"found {found}"))
    for write, ids in report.misplaced:
        print("  MISPLACED " + writers.describe(write, f"rows {ids}"))
    for write, found in report.refused_but_stored:
        print("  REFUSED BUT STORED " + writers.describe(write, f"found {found}"))
    for marker, place in report.phantom:
        print(f"  PHANTOM {marker} in {place}")
    for problem in integrity_problems + problems + restored_missing:
        print("  " + problem)
    for name in stuck:
        print(f"  writer {name} did not stop")
    for failure in failures:
        print(f"  writer failed: {failure}")

    restore_ok = restored_checked > 0 and not restored_missing and not problems
    ok = report.ok and not integrity_problems and restore_ok and not failures and len(before) > 0
    if ok and not options.keep:
        shutil.rmtree(work, ignore_errors=True)
    elif not ok:
        print(f"[backup] work folder kept for inspection: {work}")
    line = (f"backup: taken under {options.clients} writers, {len(before)} acknowledged before it, "
            f"{len(report.lost)} missing, {len(report.duplicated)} duplicated, "
            f"integrity {'ok' if not integrity_problems else 'FAILED'}, "
            + (f"restore serves them ({restored_seen}/{restored_checked} sampled)" if restore_ok
               else f"restore FAILED ({restored_seen}/{restored_checked} sampled shown, {len(problems)} problems)"))
    return harness.summary(line, ok)


if __name__ == "__main__":
    sys.exit(main())
