"""The backup part: `cohort backup` under writers, then a restore (see backup.py)."""

import backup


def test_backup(part_arguments):
    assert backup.main(part_arguments) == 0, "backup failed: see its summary line and report above"
