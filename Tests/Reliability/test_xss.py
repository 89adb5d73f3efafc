"""The xss part: hostile text through every field, then every page that shows it (see xss.py)."""

import xss


def test_xss(part_arguments):
    assert xss.main(part_arguments) == 0, "xss failed: see its summary line and report above"
