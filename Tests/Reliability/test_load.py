"""The load part: 200 clients mixing reads and writes, then 500 slow (slowloris) connections (see load.py)."""

import load


def test_load(part_arguments):
    assert load.main(part_arguments) == 0, "load failed: see its summary line and report above"
