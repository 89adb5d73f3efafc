"""One XSS run: every step in order, then Chromium and the report."""

from xss_artifacts import ArtifactSteps
from xss_base import XSSBase
from xss_forum import ForumSteps
from xss_pages import PageSteps
from xss_people import PeopleSteps
from xss_portfolio import PortfolioSteps
from xss_results import ResultSteps


class XSSRun(PeopleSteps, ForumSteps, ArtifactSteps, PortfolioSteps, PageSteps, ResultSteps, XSSBase):
    def run(self):
        steps = [self.setup, self.roster, self.invited_posters, self.cohorts, self.boards, self.threads,
                 self.hides_and_flags, self.artifacts, self.links, self.schedule, self.emails_and_zones,
                 self.portfolio_and_reviews, self.names, self.search, self.crawl, self.exports]
        for step in steps:
            step()
            self.log("done:", step.__name__)
        self.pool.shutdown()
        if self.full:
            self.sign_in_probes()
        self.browser()
