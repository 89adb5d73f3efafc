"""The XSS run's final state, page by page: what each page must show, the crawl as each
person, and the CSV, calendar and feed exports."""

import collections
import html
import re

import payloads as corpus
import route_table
import xss_check as check
import xss_exports as exports
from xss_base import CRAWL_CAP, SKIP_LINK, SKIP_LINK_DEFAULT


class PageSteps:
    def expectations(self):
        """What the final pages must show as typed: (actor, path) -> [(field, number, text)]."""
        expects = collections.defaultdict(list)
        admin = self.admin
        for number, topic in self.topic_of_title.items():
            expects[(admin, f"/threads/{topic}")].append(("tt", number, self.text("tt", number)))
        for number, (post, topic, author) in self.post_of.items():
            source = self.text("po", number) + ("\n\n(edited)" if number in self.edited else "")
            expects[(admin, f"/posts/{post}/edit")].append(("po", number, source))
            if self.full:  # the source again in the quote form, and the earlier version in the history
                expects[(admin, f"/threads/{topic}?quote={post}")]
                if number in self.edited:
                    expects[(admin, f"/posts/{post}/history")]
            # Template delimiters in a post are words like any other.
            for delimited in re.findall(r"\{\{.*?\}\}\}?", self.text("po", number)):
                expects[(admin, f"/threads/{topic}")].append(("po", number, delimited))
            expects[(admin, f"/threads/{topic}")]  # the thread page itself
        expects[(admin, f"/threads/{self.hide_topic}")] += self.final_hides
        expects[(self.facilitator, "/moderation")] += self.flags_shown + self.feedback_flags_shown
        for (field, number), artifact in self.artifact_of.items():
            if field == "fn":  # the file is version 1's; a revision with a link came after it
                shown = check.display_file_name(self.sent_file_name(self.text("fn", number) + ".txt"))
                expects[(admin, f"/artifacts/{artifact}?version=1")].append(("fn", number, shown))
            elif field in ("at", "vn"):
                expects[(admin, f"/artifacts/{artifact}")].append((field, number, self.text(field, number)))
        for number, artifact in self.link_artifact.items():
            expects[(admin, f"/artifacts/{artifact}")].append(("lk", number, self.text("lk", number).strip()))
        for number, cohort in self.cohort_of.items():
            expects[(admin, f"/cohorts/{cohort}")].append(("co", number, self.text("co", number)))
            expects[(admin, "/")].append(("co", number, self.text("co", number)))
        for number, board in self.board_of.items():
            expects[(admin, f"/boards/{board}")].append(("bd", number, self.text("bd", number)))
            expects[(admin, f"/cohorts/{self.spring}/boards")].append(("bd", number, self.text("bd", number)))
        for actor in self.actors.values():
            if actor.name_number:
                typed = ("nm", actor.name_number, self.text("nm", actor.name_number))
                expects[(actor, "/account")].append(typed)
                expects[(admin, "/admin/people")].append(typed)
        if self.review_owner:
            expects[(self.review_owner, f"/cohorts/{self.autumn}/portfolio")] += self.review_expects
        if self.review_two:
            expects[(self.evaluator, f"/reviews/{self.review_two}")]
        if self.certificate:
            expects[(admin, self.certificate)]
        for actor in self.posters():
            expects[(actor, "/notifications")]
            expects[(actor, "/")]
        return expects

    def crawl(self):
        expects = self.expectations()
        seeds = collections.defaultdict(list)
        for actor, path in expects:
            seeds[actor].append(path)
        # The admin starts from every signed-in page of the route table that needs no id but a
        # cohort's (both cohorts'), and follows links from there.
        admin_seeds = [path for path in route_table.signed_in_pages(route_table.read_table(), (self.spring, self.autumn))
                       if not SKIP_LINK.search(path)]
        plan = [(self.admin, admin_seeds + seeds.pop(self.admin, []), True)]
        for actor in (self.facilitator, self.evaluator, self.quentin, self.amara, self.omar):
            paths = ["/", "/notifications", "/account"] + seeds.pop(actor, [])
            if actor is self.facilitator:
                paths += ["/moderation", f"/cohorts/{self.spring}/progress"]
            if actor is self.evaluator:
                paths += ["/reviews"]
            if actor.cohort == self.autumn:
                paths += [f"/cohorts/{self.autumn}/portfolio"]
            plan.append((actor, paths, False))
        for actor, paths in seeds.items():
            plan.append((actor, paths, False))
        for actor, paths, follow in plan:
            self.crawl_as(actor, paths, follow, expects)
        # A payload taken by a Markdown field must still be on a page, in words.
        for field, where in (("po", self.post_of), ("ds", {n for f, n in self.artifact_of if f == "ds"}),
                             ("fb", self.feedback_of)):
            for number in where:
                if not self.marker_pages.get(corpus.marker(field, number)):
                    self.altered.append(f"{field} #{number} was taken but no page shows it: {self.text(field, number)[:120]!r}")

    def crawl_as(self, actor, seeds, follow, expects):
        """The seeds, and (follow) the pages they link to, a few of each kind; read in
        waves, several pages at once."""
        wave = list(dict.fromkeys(seeds))
        seen = set(wave)
        per_kind = collections.Counter()
        payload_cohorts = set(self.cohort_of.values())

        def read(path):
            response = self.reader(actor).http.get(self.base + path, timeout=60)
            label = f"GET {path} as {actor.email}"
            if response.status_code >= 500:
                with self.lock:
                    self.server_errors.append(f"{label}: HTTP {response.status_code}")
            if "html" not in response.headers.get("Content-Type", "") or response.status_code >= 400:
                with self.lock:
                    for field, number, typed in expects.get((actor, path), ()):
                        self.altered.append(f"{label}: HTTP {response.status_code}, so {field} #{number} is not shown")
                return ""
            self.check_html(label, response.text, expects.get((actor, path), ()), actor, path)
            return response.text

        while wave:
            pages = list(self.pool.map(read, wave))
            wave = []
            if not follow:
                break
            for text in pages:
                for href in re.findall(r'<a [^>]*?href="(/[^"#]*)', text):
                    href = html.unescape(href)
                    if href in seen or href.startswith("//") or SKIP_LINK.search(href) or \
                            (not self.full and SKIP_LINK_DEFAULT.search(href)):
                        continue
                    cohort = re.match(r"/cohorts/(\d+)/", href)
                    if cohort and int(cohort.group(1)) in payload_cohorts:
                        continue  # a payload cohort's own pages: its name is checked on /cohorts/N
                    kind = re.sub(r"\d+", "N", href.split("?")[0]) + ("?" if "?" in href else "")
                    if per_kind[kind] >= CRAWL_CAP and not self.full:
                        continue
                    per_kind[kind] += 1
                    seen.add(href)
                    wave.append(href)
        self.log(f"crawled {len(seen)} pages as {actor.email}")

    def exports(self):
        self.findings += exports.audit_csv("progress.csv", self.facilitator.session.http.get(
            f"{self.base}/cohorts/{self.spring}/progress.csv").text)
        self.findings += exports.audit_csv("portfolio report.csv", self.admin.session.http.get(
            f"{self.base}/admin/reviews/report.csv").text)
        for number, cohort in self.cohort_of.items():
            ics = self.admin.session.http.get(f"{self.base}/cohorts/{cohort}/sessions/1/meeting.ics")
            if ics.status_code == 200:
                self.findings += exports.audit_calendar(f"meeting.ics of cohort {cohort} [co #{number}]", ics.text)
        self.admin.session.post("/account/feed-token", {})
        for board in sorted(set(self.board_of.values()) | {self.fallback_board}):
            page = self.admin.session.http.get(f"{self.base}/boards/{board}").text
            found = re.search(r'href="(/boards/\d+/feed\.atom\?token=[^"]+)"', page)
            if found:
                feed = self.admin.session.http.get(self.base + html.unescape(found.group(1)))
                self.findings += exports.audit_feed(f"feed of board {board}", feed.text)[0]
