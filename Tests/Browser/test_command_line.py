"""The `cohort` command line as a script or an operator uses it."""

import os
import sqlite3
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("COHORT_BIN") or str(REPO_ROOT / ".build" / "debug" / "cohort")


def cohort(*args, stdin=None):
    return subprocess.run([BINARY, *args], input=stdin, capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)


def test_bad_options_give_one_line_and_exit_code_2(tmp_path):
    for args in (
        ["serve", "--port", "not-a-number"],
        ["serve", "--cert", "only-a-cert.pem"],
        ["frobnicate"],
        ["user", "add", "--data-dir", str(tmp_path), "--email", "a@b.org", "--name", "A", "--role", "overlord"],
    ):
        result = cohort(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith("cohort: "), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr and "Fatal error" not in result.stderr


def test_a_data_dir_that_is_a_file_is_refused(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    result = cohort("migrate", "--data-dir", str(not_a_folder))
    assert result.returncode == 2
    assert "is a file" in result.stderr


def test_migrate_demo_user_add_and_backup(tmp_path):
    data = tmp_path / "data"
    assert cohort("migrate", "--data-dir", str(data)).returncode == 0
    demo = cohort("demo", "--data-dir", str(data))
    assert demo.returncode == 0, demo.stderr
    assert "admin@example.org" in demo.stdout and "cohort-demo-password" in demo.stdout
    assert cohort("demo", "--data-dir", str(data)).returncode == 2  # only into an empty database

    added = cohort("user", "add", "--data-dir", str(data), "--email", "Eve@School.org", "--name", "Eve Lane",
                   "--role", "evaluator", stdin="a long enough password\n")
    assert added.returncode == 0, added.stderr
    short = cohort("user", "add", "--data-dir", str(data), "--email", "x@school.org", "--name", "X",
                   "--role", "educator", stdin="short\n")
    assert short.returncode == 2 and "at least 12 characters" in short.stderr

    copy = tmp_path / "backup.sqlite"
    backup = cohort("backup", "--data-dir", str(data), "--to", str(copy))
    assert backup.returncode == 0, backup.stderr
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        role = db.execute("SELECT role FROM user WHERE email = 'eve@school.org'").fetchone()
        assert role == ("evaluator",)
        demo_accounts = sum(1 for line in demo.stdout.splitlines() if "@example.org" in line)
        assert db.execute("SELECT COUNT(*) FROM user").fetchone()[0] == demo_accounts + 1
    assert cohort("backup", "--data-dir", str(data), "--to", str(copy)).returncode == 2  # never overwrites


def test_first_run_prints_a_setup_link_and_stops_cleanly_on_sigterm(tmp_path):
    import re
    import signal
    import ssl
    import urllib.request

    server = subprocess.Popen([BINARY, "serve", "--data-dir", str(tmp_path), "--port", "0"], cwd=REPO_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        link = None
        for line in server.stdout:
            match = re.search(r"No admin yet\. Create the first one at (\S+)", line)
            if match:
                link = match.group(1)
                break
        assert link and link.startswith("https://127.0.0.1:"), link
        assert (tmp_path / "dev-certificate.pem").exists()
        insecure = ssl.create_default_context()
        insecure.check_hostname = False
        insecure.verify_mode = ssl.CERT_NONE
        with urllib.request.urlopen(link, context=insecure, timeout=10) as page:
            assert page.status == 200
            assert "Set up Cohort" in page.read().decode()
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0


def test_roster_import_from_the_command_line_is_all_or_nothing(tmp_path):
    data = tmp_path / "data"
    assert cohort("demo", "--data-dir", str(data)).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("email,name,role\nok@school.org,Ok,participant\nnot-an-email,Bad,participant\n")
    refused = cohort("roster", "import", "--data-dir", str(data), "--cohort", "1", str(bad))
    assert refused.returncode == 2
    assert "REJECTED: bad email address" in refused.stdout
    assert "nothing imported: 1 rows rejected" in refused.stderr

    good = tmp_path / "good.csv"
    good.write_text("ok@school.org,Ok Person,participant\namara.diallo@example.org,Amara Diallo,facilitator\n")
    imported = cohort("roster", "import", "--data-dir", str(data), "--cohort", "1", "--base-url", "https://cohort.school.org", str(good))
    assert imported.returncode == 0, imported.stderr
    assert "invited: https://cohort.school.org/invitations/" in imported.stdout
    assert "already a member (role set)" in imported.stdout
    assert "2 of 2 rows" in imported.stderr
    with sqlite3.connect(data / "cohort.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM invitation WHERE email = 'ok@school.org'").fetchone()[0] == 1
    missing = cohort("roster", "import", "--data-dir", str(data), "--cohort", "99", str(good))
    assert missing.returncode == 2 and "no such cohort" in missing.stderr


def test_user_deactivate_reactivate_and_reset_password(tmp_path):
    data = tmp_path / "data"
    assert cohort("demo", "--data-dir", str(data)).returncode == 0
    email = "amara.diallo@example.org"
    closed = cohort("user", "deactivate", "--data-dir", str(data), "--email", email)
    assert closed.returncode == 0, closed.stderr
    database = sqlite3.connect(data / "cohort.sqlite")
    assert database.execute("SELECT deactivatedAt IS NOT NULL FROM user WHERE email = ?", (email,)).fetchone() == (1,)
    assert database.execute("SELECT COUNT(*) FROM loginSession JOIN user ON user.id = userId WHERE email = ?",
                            (email,)).fetchone() == (0,)
    refused = cohort("user", "reset-password", "--data-dir", str(data), "--email", email)
    assert refused.returncode == 2 and "closed" in refused.stderr

    assert cohort("user", "reactivate", "--data-dir", str(data), "--email", email).returncode == 0
    reset = cohort("user", "reset-password", "--data-dir", str(data), "--email", email)
    assert reset.returncode == 0, reset.stderr
    assert database.execute("SELECT COUNT(*) FROM outboxMessage WHERE kind = 'passwordReset' AND toAddress = ?",
                            (email,)).fetchone() == (1,)
    assert database.execute("SELECT action FROM auditEntry WHERE action LIKE 'user.%activate' ORDER BY id").fetchall() == [
        ("user.deactivate",), ("user.reactivate",)]
    unknown = cohort("user", "deactivate", "--data-dir", str(data), "--email", "nobody@example.org")
    assert unknown.returncode == 2 and "no account" in unknown.stderr
    database.close()
