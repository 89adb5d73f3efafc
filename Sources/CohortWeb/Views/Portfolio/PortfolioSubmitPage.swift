import CohortModel
import CohortURLs

/// "Submit your portfolio?": what happens next, asked once the builder's text is saved.
struct PortfolioSubmitPage: PageView {
    static let template = "portfolio-submit"
    let title = "Submit your portfolio?"
    let csrfToken: String
    let cohortName: String
    let summary: String
    let action: String
    let portfolioHref: String

    init(_ view: PortfolioView, csrfToken: String) {
        self.csrfToken = csrfToken
        cohortName = view.cohort.name
        summary = "All \(PortfolioRules.criteria) criteria are filled in, with \(Wording.count(view.distinctArtifacts, "artifact"))."
        action = SiteURL.portfolioSubmit.path(view.cohort.id!)
        portfolioHref = SiteURL.portfolio.path(view.cohort.id!)
    }
}
