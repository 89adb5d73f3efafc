#!/usr/bin/env python3
"""XSS and injection check of every field a person can type into.

Sends each payload of payloads.py through every field: people's names (invitation and
account forms), cohort names, board titles, thread titles, posts, hide and flag
reasons, artifact titles, descriptions, file names, links and version notes, feedback
and feedback flags, portfolio reflections and contextualizations, review comments,
search words, roster CSV cells, meeting links and time zones, invitation emails,
certificate revocation reasons (and, with --full, the sign-in email).
Then every page that shows them (and every answer to a refused form) is parsed: an
element, attribute or URL that no template writes is "unescaped", and a plain-text
value must come back as it was typed ("altered" otherwise: escaped twice, cut short,
refused without reason). Finally headless Chromium shows all those pages with
JavaScript on and counts what ran and every CSP violation. Any finding, a 5xx, or a
dropped connection fails the run.

    .venv-tests/bin/python Tests/Reliability/xss.py [--full] [--verbose]

About three minutes on the 2-core machine (2,700 pages checked, 3,000 submissions);
`--full` (or `--soak`, which Tests/Reliability/run passes) takes about 25 minutes.
--verbose says what it is doing, lists every finding (not only the first 50 of each
kind) and how many payloads each field took or refused.

Posting limits (3 threads and 12 posts a minute per person) are respected, not turned
off: several short payloads share one thread title, posts are spread over the demo's
people and a few invited ones, and values that can be changed (names, hide and
revocation reasons, portfolio and review drafts) are sent in rounds, each round's
pages checked before the next. Posts are also edited, so the edit form shows them.
Atom feeds, meeting calendars and CSV exports of the same data get their own checks
(well-formed XML, no smuggled calendar lines, no spreadsheet formulas).

Chromium shows each page's exact bytes in a same-origin frame that inherits the site's
CSP (see xss_browser.py), and also opens a sample of pages (the first few of each kind,
and any page the HTML check flagged) by real navigation; `--full` opens every page by
navigation, and also crawls quote, reply and edit-history pages."""

import argparse
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402
from xss_base import START  # noqa: E402
from xss_run import XSSRun  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", "--soak", action="store_true", dest="full",
                        help="open every page by navigation; crawl quote/reply/history pages; sign-in form too "
                             "(--soak is what Tests/Reliability/run passes for its long versions)")
    parser.add_argument("--verbose", action="store_true", help="say what it is doing, on stderr")
    options = parser.parse_args(argv)
    with harness.CohortServer() as server:
        run = XSSRun(server, full=options.full, verbose=options.verbose)
        try:
            run.run()
        except (Exception, SystemExit) as error:  # still one summary line, saying why
            traceback.print_exc()
            alive = "" if server.alive() else "; the server process had exited: " + "".join(server.output[-5:])
            reason = " ".join(f"{error}{alive}".split())[:300]
            return harness.summary(f"xss: stopped after {time.monotonic() - START:.0f} s: {reason}", False)
        finally:
            run.replay.close()
        if not server.alive():
            run.server_errors.append("the server process exited during the run")
        return run.report()


if __name__ == "__main__":
    sys.exit(main())
