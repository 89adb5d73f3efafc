"""The XSS run's artifacts: shares with titles, descriptions, file names and links,
versions, feedback and its flags, and meeting links in the schedule."""

import collections
import html
import re

import harness
import payloads as corpus
import xss_exports as exports


class ArtifactSteps:
    @staticmethod
    def sent_file_name(raw):
        """What browsers (and urllib3) put in the multipart header for a file name."""
        return raw.translate({10: "%0A", 13: "%0D", 34: "%22"})

    def share(self, actor, field, number, title, description, file_name=None, link=""):
        if file_name is not None:
            files = {"file": (file_name, f"A text file for {corpus.marker('fn', number)}\n".encode(), "text/plain")}
        else:
            files = {"file": ("", b"", "application/octet-stream")}  # an empty file input, as browsers send it
        fields = {"title": title, "description": description, "indicator[]": self.indicator, "link": link}
        return self.request(field, number, actor, "POST", f"/cohorts/{self.spring}/artifacts", fields, files,
                            label=f"share [{field or 'at+ds+fn'} #{number}]")

    def artifacts(self):
        self.artifact_of = {}  # (field, number) -> artifact id
        self.owner_of = {}
        owners = [a for a in self.posters() if a is not self.admin]
        for index, number in enumerate(self.numbers()):
            owner = owners[index % len(owners)]
            title, description = self.text("at", number), self.text("ds", number)
            file_name = self.text("fn", number) + ".txt"
            response = self.share(owner, None, number, title, description, file_name)
            if response is not None and response.status_code == 303:
                artifact = int(re.search(r"/artifacts/(\d+)", response.headers["Location"]).group(1))
                self.owner_of[artifact] = owner
                for field in ("at", "ds", "fn"):
                    self.artifact_of[(field, number)] = artifact
                    self.tally(field, number, response)
                continue
            self.check_response(f"share form again [at+ds+fn #{number}]", response,
                                [] if self.huge(number) else [("at", number, title), ("ds", number, description)])
            for field, t, d, f in (("at", title, "", f"probe-{number}.txt"),
                                   ("ds", f"Description probe {corpus.marker('ds', number)}", description, f"probe-{number}.txt"),
                                   ("fn", f"File name probe {corpus.marker('fn', number)}", "", file_name)):
                alone = self.share(owner, field, number, t, d, f)
                if alone is not None and alone.status_code == 303:
                    artifact = int(re.search(r"/artifacts/(\d+)", alone.headers["Location"]).group(1))
                    self.artifact_of[(field, number)] = artifact
                    self.owner_of[artifact] = owner
                elif alone is not None:
                    typed = {"at": t, "ds": d}.get(field)
                    self.check_response(f"share form again [{field} #{number}]", alone,
                                        [(field, number, typed)] if typed and not self.huge(number) else [])
                    if field == "fn" and alone.status_code < 500 and not self.huge(number):
                        self.altered.append(f"file name #{number} refused (HTTP {alone.status_code}) though it is a "
                                            f"plain .txt file: {f!r}")
        # A revision note, feedback, and a flag on the feedback, for each payload.
        artifacts = sorted({a for (field, _), a in self.artifact_of.items() if field == "at"})
        for index, number in enumerate(self.numbers()):
            artifact = self.artifact_of.get(("at", number)) or artifacts[index % len(artifacts)]
            owner = self.owner_of[artifact]
            note = self.text("vn", number)
            response = self.request("vn", number, owner, "POST", f"/artifacts/{artifact}/versions",
                                    {"note": note, "link": f"https://example.org/v/{number}"},
                                    {"file": ("", b"", "application/octet-stream")})
            if response is not None and response.status_code == 303:
                page = owner.session.get(response.headers["Location"]).text
                if "flash alert" in page:
                    self.accepted["vn"].discard(number)
                    self.refused["vn"].add(number)
                    self.check_html(f"revision refused [vn #{number}]", page)
                else:
                    self.artifact_of[("vn", number)] = artifact
        self.feedback_of = {}
        for index, number in enumerate(self.numbers()):
            artifact = self.artifact_of.get(("at", number)) or artifacts[index % len(artifacts)]
            owner = self.owner_of[artifact]
            page = owner.session.http.get(f"{self.base}/artifacts/{artifact}").text
            version = re.search(r'name="version" value="(\d+)"', page).group(1)
            body = self.text("fb", number)
            writer, response = self.write("feedback", f"/artifacts/{artifact}/feedback",
                                          {"body": body, "version": version, "indicatorId": "", "parentId": ""},
                                          "fb", number, f"feedback [fb #{number}]", exclude={owner.email, self.admin.email})
            if response is not None and response.status_code == 303:
                feedback = int(re.search(r"#feedback-(\d+)", response.headers["Location"]).group(1))
                self.feedback_of[number] = (artifact, feedback, writer)
            else:
                self.check_response(f"feedback form again [fb #{number}]", response,
                                    [] if self.huge(number) else [("fb", number, body)])
        given = [self.feedback_of[n] for n in sorted(self.feedback_of)]
        flagged = collections.defaultdict(set)
        self.feedback_flags_shown = []
        for index, number in enumerate(self.numbers()):
            artifact, feedback, writer = self.feedback_of.get(number) or given[index % len(given)]
            flagger = next(a for a in self.posters() if a.email not in flagged[feedback]
                           and a not in (writer, self.owner_of[artifact], self.facilitator, self.admin))
            flagged[feedback].add(flagger.email)
            reason = self.text("ff", number)
            response = self.request("ff", number, flagger, "POST", f"/feedback/{feedback}/flag", {"reason": reason})
            if response is not None and response.status_code == 303:
                self.feedback_flags_shown.append(("ff", number, reason))
            else:
                self.check_response(f"feedback flag refused [ff #{number}]", response)

    def links(self):
        owner = self.actors[harness.EDUCATORS[1]]
        self.link_artifact = {}
        for number in self.numbers():
            link = self.text("lk", number)
            response = self.share(owner, "lk", number, f"Link probe {corpus.marker('lk', number)}", "", None, link)
            if response is not None and response.status_code == 303:
                self.link_artifact[number] = int(re.search(r"/artifacts/(\d+)", response.headers["Location"]).group(1))
            else:
                self.check_response(f"share form again [lk #{number}]", response,
                                    [] if self.huge(number) else [("lk", number, link)])

    # -- schedule, invitation emails, time zones --------------------------------------------------------
    def schedule(self):
        page = self.facilitator.session.get(f"/cohorts/{self.spring}/schedule").text
        forms = re.findall(r'<form class="stack" method="post" action="(/cohorts/\d+/schedule/sessions/\d+)">(.*?)</form>',
                           page, re.S)
        action, inner = forms[-1]
        values = {name: html.unescape(value)
                  for name, value in re.findall(r'name="(day|time|timeZone|link)"[^>]*?value="([^"]*)"', inner)}
        position = action.rsplit("/", 1)[1]
        for number in self.numbers():
            payload = self.text("sc", number)
            response = self.request("sc", number, self.facilitator, "POST", action, dict(values, timeZone=payload, link=payload))
            self.check_response(f"schedule form again [sc #{number}]", response,
                                [] if self.huge(number) else [("sc", number, payload)])
            if self.huge(number) or not re.match(r"\s*(https?:|//)", payload, re.I):
                continue
            taken = self.request("sc", number, self.facilitator, "POST", action, dict(values, link=payload))
            if taken is not None and taken.status_code == 303:
                self.get(self.facilitator, f"/cohorts/{self.spring}", label=f"cohort page with meeting link [sc #{number}]",
                         again=False)
                ics = self.facilitator.session.http.get(f"{self.base}/cohorts/{self.spring}/sessions/{position}/meeting.ics")
                self.findings += exports.audit_calendar(f"meeting.ics [sc #{number}]", ics.text)
            else:
                self.check_response(f"schedule form again, link only [sc #{number}]", taken, [("sc", number, payload)])
        self.facilitator.session.post(action, values)  # the meeting as it was
