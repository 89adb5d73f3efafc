"""pytest for the reliability parts: `python -m pytest -q -s Tests/Reliability/test_<part>.py [--soak]`.

Each part is one test that runs the part's own main() against a real `cohort serve` and
prints the part's summary line(s) (`fuzz: ...`, `load: ...`), which Tests/Reliability/run
collects; the test fails when the part does. Run with -s: the parts report as they go."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_addoption(parser):
    parser.addoption("--soak", action="store_true", default=False,
                     help="the long versions: more load, more kills, more requests (as Tests/Reliability/run --soak)")


@pytest.fixture
def part_arguments(request):
    """The command-line arguments each part's main() gets: only --soak, when asked for."""
    return ["--soak"] if request.config.getoption("--soak") else []
