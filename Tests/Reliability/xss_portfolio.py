"""The XSS run's portfolio and reviews: reflections, review comments and decisions, and
certificates and their revocation."""

import html
import re

import payloads as corpus


class PortfolioSteps:
    def save_portfolio(self, texts, label):
        """texts: the reflection, then one text per criterion."""
        page = self.quentin.session.get(f"/cohorts/{self.autumn}/portfolio").text
        data = {"reflection": texts[0]}
        selects = re.findall(r'<select id="[^"]*" name="(criterion-\d+-artifact)">(.*?)</select>', page, re.S)
        for index, (name, inner) in enumerate(selects):
            chosen = re.search(r'<option value="(\d+)" selected', inner)
            options = re.findall(r'<option value="(\d+)"', inner)
            data[name] = chosen.group(1) if chosen else options[index % len(options)]
        for name, text in zip(re.findall(r'name="(criterion-\d+-context)"', page), texts[1:]):
            data[name] = text
        return self.request(None, None, self.quentin, "POST", f"/cohorts/{self.autumn}/portfolio", data, label=label)

    def portfolio_and_reviews(self):
        # The evaluator holds the oldest queued portfolio and the admin the next, so that
        # Quentin's, submitted below, is the evaluator's next one.
        claim = self.evaluator.session.post("/reviews/claim", {})
        self.review_one = re.search(r"/reviews/(\d+)", claim.headers["Location"]).group(1)
        self.admin.session.post("/reviews/claim", {})
        per_save = 25
        normal = self.numbers(huge=False)
        for start in range(0, len(normal), per_save):
            batch = normal[start:start + per_save]
            texts = [self.text("pf", n) for n in batch] + [f"Filler {k}" for k in range(per_save)]
            response = self.save_portfolio(texts[:per_save], f"portfolio save [pf #{batch[0]}-{batch[-1]}]")
            for n in batch:
                self.tally("pf", n, response)
            taken = response is not None and response.status_code == 303
            self.get(self.quentin, f"/cohorts/{self.autumn}/portfolio",
                     [("pf", n, self.text("pf", n)) for n in batch] if taken else [],
                     label=f"GET portfolio (round {start // per_save + 1})", again=False)
        for p in self.payloads:
            if p.huge:
                response = self.save_portfolio([p.text("pf")] + [f"c{k}" for k in range(per_save)], f"portfolio [pf #{p.number}]")
                self.tally("pf", p.number, response)
                self.check_response(f"portfolio refused [pf #{p.number}]", response)
        # Everything at once, submitted: the evaluator's page shows it as Markdown.
        packed = self.numbers(huge=False, nul=False)
        self.save_portfolio(["\n\n".join(self.text("pf", n) for n in packed[k::per_save]) for k in range(per_save)],
                            "portfolio save (all payloads)")
        asked = self.quentin.session.post(f"/cohorts/{self.autumn}/portfolio/submit", {})  # the confirmation page
        submitted = self.quentin.session.post(f"/cohorts/{self.autumn}/portfolio/submit", {"confirmed": "yes"})
        if asked.status_code != 200 or submitted.status_code != 303 or "flash alert" in self.quentin.session.get("/account").text:
            self.notes.append("Quentin's portfolio could not be submitted, so no review page shows it")
        self.reviews(normal)

    def reviews(self, normal):
        path = f"/reviews/{self.review_one}"
        page = self.evaluator.session.get(path).text
        marks = sorted(set(re.findall(r'name="(mark-\d+)-comment"', page)), key=lambda n: int(n.split("-")[1]))
        per_save = len(marks) + 1
        for start in range(0, len(normal), per_save):
            batch = normal[start:start + per_save]
            data = {"overall": self.text("rv", batch[0]), "decision": "draft"}
            for name, number in zip(marks, batch[1:]):
                data[name + "-comment"] = self.text("rv", number)
            response = self.request(None, None, self.evaluator, "POST", path, data,
                                    label=f"review draft [rv #{batch[0]}-{batch[-1]}]")
            for n in batch:
                self.tally("rv", n, response)
            taken = response is not None and response.status_code == 303
            if not taken:
                self.check_response(f"review refused [rv #{batch[0]}-{batch[-1]}]", response)
            self.get(self.evaluator, path, [("rv", n, self.text("rv", n)) for n in batch] if taken else [],
                     label=f"GET review (round {start // per_save + 1})", again=False)
        for p in self.payloads:
            if p.huge:
                data = {"overall": "Overall", marks[0] + "-comment": p.text("rv"), "decision": "draft"}
                response = self.request("rv", p.number, self.evaluator, "POST", path, data)
                if response is not None and response.status_code == 303:
                    self.get(self.evaluator, path, [("rv", p.number, p.text("rv"))], label=f"GET review [rv #{p.number}]",
                             again=False)
                else:
                    self.check_response(f"review refused [rv #{p.number}]", response)
        # The final review: every payload, packed, and shown to the educator with the result.
        packed = self.numbers(huge=False, nul=False)
        data = {"overall": " | ".join(self.text("rv", n) for n in packed[0::per_save]), "decision": "submit"}
        for index, name in enumerate(marks, start=1):
            data[name] = "not-met" if index % 5 == 0 else "met"
            data[name + "-comment"] = " | ".join(self.text("rv", n) for n in packed[index::per_save])
        asked = self.evaluator.session.post(path, data)  # the confirmation page
        if asked.status_code != 200:
            self.notes.append(f"the final review did not ask to confirm (HTTP {asked.status_code})")
        final = self.evaluator.session.post(path, {"decision": "confirm"})
        if final.status_code != 303:
            self.notes.append(f"the final review was refused (HTTP {final.status_code})")
        self.review_owner = self.omar if corpus.marker("rv", packed[1]) in \
            self.omar.session.http.get(f"{self.base}/cohorts/{self.autumn}/portfolio").text else None
        if self.review_owner is None:
            self.notes.append("Omar's portfolio does not show the submitted review")
        self.review_expects = [("rv", n, self.text("rv", n)) for n in packed]
        claim = self.evaluator.session.post("/reviews/claim", {})
        found = re.search(r"/reviews/(\d+)", claim.headers.get("Location", ""))
        self.review_two = found.group(1) if found else None
        self.certificates()

    def certificates(self):
        """Revocation reasons, on the public certificate page: the same certificate revoked
        again with each reason, its page checked each time."""
        page = self.omar.session.http.get(f"{self.base}/cohorts/{self.autumn}/portfolio").text
        found = re.search(r'href="(/certificates/([^"]+))"', page)
        self.certificate = found.group(1) if found else None
        if not found:
            self.notes.append("no certificate to revoke: the review did not pass Omar's portfolio")
            return
        code = html.unescape(found.group(2))
        for number in self.numbers():
            reason = self.text("cr", number)
            response = self.request("cr", number, self.admin, "POST", "/admin/certificates/revoke",
                                    {"code": code, "reason": reason})
            if response is not None and response.status_code == 303:
                self.get(self.admin, self.certificate, [("cr", number, reason)],
                         label=f"certificate [cr #{number}]", again=False)
            else:
                self.check_response(f"revocation refused [cr #{number}]", response)
