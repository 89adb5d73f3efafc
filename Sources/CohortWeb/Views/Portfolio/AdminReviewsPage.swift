import CohortModel
import Foundation

struct AdminReviewsPage: PageView {
    static let template = "admin/reviews"
    let title = "Portfolios and reviews"

    struct Claim {
        let educator: String
        let evaluator: String
        let until: String
        let releaseAction: String
        let reassignAction: String
        let fieldId: String
    }

    struct CohortLine {
        let name: String
        let submissions: Int
        let decided: Int
        let passRate: String
        let median: String
    }

    struct EvaluatorOption {
        let id: Int64
        let name: String
    }

    var csrfToken: String
    var claims: [Claim]
    var cohorts: [CohortLine]
    var evaluators: [PortfolioReport.EvaluatorLine]
    var evaluatorOptions: [EvaluatorOption]
    /// The cohorts a deadline can be extended in, by name.
    var cohortOptions: [EvaluatorOption]
}
