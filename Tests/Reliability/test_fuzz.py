"""The fuzz part: 10,000 malformed requests (50,000 with --soak) at every route in the server's route table (see fuzz.py)."""

import fuzz


def test_fuzz(part_arguments):
    assert fuzz.main(part_arguments) == 0, "fuzz failed: see its summary line and report above"
