"""The fuzz_defects part: each defect the fuzz once found, one minimal raw request each (see fuzz_defects.py)."""

import fuzz_defects


def test_fuzz_defects(part_arguments):
    assert fuzz_defects.main(part_arguments) == 0, "fuzz_defects failed: see its summary line and report above"
