"""The crash part: SIGKILL at random moments under writers, then what survived (see crash.py)."""

import crash


def test_crash(part_arguments):
    assert crash.main(part_arguments) == 0, "crash failed: see its summary line and report above"
