"""The XSS run's end: Chromium shows every page (xss_browser.py), and the report and
summary line."""

import collections
import re
import sys
import time

import requests

import harness
import payloads as corpus
from xss_browser import BrowserPass, Page
from xss_base import FIELDS, LARGE_PAGE, OPEN_PER_KIND, START


class ResultSteps:
    def browser(self):
        pages = []
        csp = requests.get(self.base + "/login").headers["Content-Security-Policy"]
        # Canaries: the pass must see a blocked inline script, and a script that ran.
        canary = "<!doctype html><title>canary</title><p>x<script>alert('canary')</script></p>"
        pages.append(Page("canary (site CSP)", "frame", self.base, None, self.admin.cookies(), canary))
        bare = self.replay.add(200, {"Content-Type": "text/html; charset=utf-8"}, b"<!doctype html><title>host</title>")
        pages.append(Page("canary (no CSP)", "frame", self.replay.url, None, None, canary, host=bare))
        for path, recorded in self.baseline:
            pages.append(Page("baseline " + path, "open", self.replay.url, recorded))
        opened = collections.Counter()
        unlaid = []
        for label, actor, path, text, flagged in self.browser_pages:
            cookies = (actor or self.admin).cookies()
            pages.append(Page(label, "frame", self.base, None, cookies, text))
            kind = re.sub(r"\d+", "N", path.split("?")[0]) if path else None
            if len(text) >= LARGE_PAGE:
                # Chromium takes a minute to lay out a megabyte of text; such pages are shown
                # in frames without layout only.
                unlaid.append(f"{label} ({len(text) >> 10} KB)")
            elif path and (self.full or flagged or opened[kind] < OPEN_PER_KIND):
                opened[kind] += 1
                pages.append(Page(label, "open", self.base, path, cookies))
            elif not path and (self.full or flagged):
                recorded = self.replay.add(200, {"Content-Type": "text/html; charset=utf-8",
                                                 "Content-Security-Policy": csp}, text.encode())
                pages.append(Page(label, "open", self.replay.url, recorded))
        if unlaid:
            self.notes.append(f"{len(unlaid)} pages over {LARGE_PAGE >> 10} KB were shown in frames without layout "
                              f"(laying out a megabyte of text takes Chromium a minute): {'; '.join(unlaid[:4])}...")
        self.log(f"Chromium: {len(pages)} pages")
        self.browser_results = BrowserPass(workers=2, large=LARGE_PAGE).run(pages)
        if self.verbose:
            cost = collections.Counter()
            count = collections.Counter()
            for page in self.browser_results:
                kind = page.mode + " " + re.sub(r"\[.*|\d+|\(.*", "", page.label).strip()
                cost[kind] += page.seconds
                count[kind] += 1
            for kind, seconds in cost.most_common(25):
                self.log(f"Chromium {kind}: {count[kind]} pages, {seconds:.1f} s")

    # -- the verdict ----------------------------------------------------------------------------------
    def report(self):
        unescaped = {}
        for f in self.findings:
            key = (f.kind, tuple(f.markers) or f.detail[:80], re.sub(r"\d+", "N", f.page.split(" as ")[0]))
            unescaped.setdefault(key, self.describe(f))
        executed, csp, baseline, failures = [], [], [], []
        canaries = {}
        for page in self.browser_results:
            where = f"{page.label} ({page.mode})"
            violations = page.csp or page.console
            if page.label.startswith("canary"):
                canaries[page.label] = (page.executed, violations)
                continue
            if page.label.startswith("baseline"):
                if violations or page.executed or page.dom:
                    baseline.append(f"{where}: {violations[:3]} {page.executed[:3]} {page.dom[:3]}")
                continue
            executed += [f"{where}: {hit}" for hit in page.executed]
            csp += [f"{where}: {v}" for v in violations]
            for d in page.dom:
                unescaped.setdefault(("dom", d[:160]), f"{where}: in Chromium's DOM: {d}")
            if page.error:
                failures.append(f"{where}: {page.error}")
            elif page.retried:
                self.notes.append(f"Chromium stopped answering on {where} ({page.retried}); a new browser showed it")
            if not page.loaded:
                self.notes.append(f"{where}: the frame had not finished loading after 8 s; checked as it was")
        if self.browser_results:
            if not canaries.get("canary (site CSP)", ([], []))[1]:
                failures.append("canary: an inline script under the site's CSP raised no violation")
            if not any("canary" in hit for hit in canaries.get("canary (no CSP)", ([], []))[0]):
                failures.append("canary: an inline script without CSP was not seen running")
        sections = [("server errors", self.server_errors), ("unescaped", list(unescaped.values())),
                    ("ran in Chromium", executed), ("CSP violations", csp),
                    ("on our own pages before any payload, in Chromium", baseline),
                    ("not shown as typed", self.altered), ("Chromium could not check", failures)]
        for title, items in sections:
            if items:
                print(f"{title} ({len(items)}):", file=sys.stderr)
                shown = len(items) if self.verbose else 50
                for item in items[:shown]:
                    print("  " + item, file=sys.stderr)
                if len(items) > shown:
                    print(f"  ... and {len(items) - shown} more (--verbose shows all)", file=sys.stderr)
        huge = [p.number for p in self.payloads if p.huge]
        took = sorted(f for f in FIELDS if self.accepted[f] & set(huge) and f != "fn")  # file names: cut to 200
        if took:
            print(f"note: fields that took a 1 MB value without a 4xx: {', '.join(f'{f} ({FIELDS[f]})' for f in took)}",
                  file=sys.stderr)
        for note in self.notes[:40]:
            print("note: " + note, file=sys.stderr)
        if self.bidi:
            fields = collections.Counter(field for field, _ in self.bidi)
            print(f"note: {len(self.bidi)} payload/field pairs put a Unicode direction override on a page that is still open "
                  f"at the end of a text node (by field: {', '.join(f'{FIELDS.get(f, f)} {n}' for f, n in fields.most_common())})",
                  file=sys.stderr)
        unsent = {f: sorted(set(self.numbers()) - self.sent[f]) for f in FIELDS if f != "lg" or self.full}
        unsent = {f: n for f, n in unsent.items() if n}
        if unsent:
            print(f"payloads that never reached a field (rate limited, or a 5xx): "
                  f"{ {f: n[:8] for f, n in unsent.items()} }", file=sys.stderr)
        if self.verbose:
            for f in FIELDS:
                print(f"  {f} ({FIELDS[f]}): {len(self.sent[f])} sent, {len(self.accepted[f])} taken, "
                      f"{len(self.refused[f])} refused with a 4xx", file=sys.stderr)
        fields = sum(1 for f in FIELDS if self.sent[f])
        ok = not (unescaped or executed or csp or baseline or self.server_errors or self.altered or failures or unsent)
        opened = sum(1 for p in self.browser_results if p.mode == "open")
        line = (f"xss: {len(self.payloads)} payloads x {fields} fields, {len(unescaped)} unescaped, {len(executed)} executed, "
                f"{len(csp)} CSP violations, {len(self.altered)} altered, {len(self.server_errors)} server errors "
                f"({self.submissions} submissions, {self.pages_checked} pages checked, {len(self.browser_results)} shown in "
                f"Chromium of which {opened} opened, {time.monotonic() - START:.0f} s)")
        return harness.summary(line, ok)

    def describe(self, finding):
        who = []
        for m in finding.markers[:3]:
            field, number = corpus.parse_marker(m)
            who.append(f"{field} #{number} ({corpus.by_number(number).category})")
        return f"{finding.page}: {finding.kind}: {finding.detail[:200]!r} <- {', '.join(who) or 'unattributed'}"
