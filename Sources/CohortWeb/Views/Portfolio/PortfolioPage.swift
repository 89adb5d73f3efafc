import CohortModel
import CohortURLs
import Foundation

/// The portfolio builder: 25 criteria, coverage of the standards, the artifact count,
/// days left, what still blocks submission, and the evaluators' results.
struct PortfolioPage: PageView {
    static let template = "portfolio"

    struct Criterion {
        let number: Int
        let label: String
        let fieldId: String
        let progress: String
        let progressLabel: String
        let context: String
        let options: [Option]
    }

    struct Option {
        let id: Int64
        let label: String
        let selected: Bool
    }

    struct Result {
        let heading: String
        let passed: Bool
        let overall: String
        let marks: [Mark]
    }

    struct Mark {
        let label: String
        let met: Bool
        let comment: String
    }

    /// A criterion of the submission waiting or in review, read-only.
    struct SubmittedCriterion {
        let label: String
        let html: String
        let artifact: String?
        let artifactHref: String?
    }

    var title = "Portfolio"
    var cohortName: String
    var csrfToken: String
    var stateLabel: String
    var editable: Bool
    var reflection: String
    var criteria: [Criterion]
    var coverageChart: String
    var distinctArtifacts: Int
    var artifactsOK: Bool
    var deadline: String
    var daysLeft: Int
    var opensOn: String
    var blockers: [String]
    var ready: Bool
    var saveAction: String
    var submitAction: String
    var results: [Result]
    var certificateHref: String?
    var hasArtifacts: Bool
    var newArtifactHref: String
    var submitted: [SubmittedCriterion]
    var submittedOn: String?
    var withdrawAction: String?

    init(_ view: PortfolioView, csrfToken: String) {
        let cohortId = view.cohort.id!
        cohortName = view.cohort.name
        self.csrfToken = csrfToken
        stateLabel = ["draft": "Draft", "submitted": "Submitted: waiting for an evaluator", "inReview": "In review",
                      "passed": "Passed", "returned": "Returned with feedback"][view.state.rawValue] ?? ""
        editable = view.editable
        reflection = view.reflection
        criteria = view.criteria.filter { $0.indicator != nil }.map { criterion in
            let indicator = criterion.indicator!
            return Criterion(
                number: criterion.number, label: "\(indicator.code) \(indicator.standardName): \(indicator.title)",
                fieldId: "criterion-\(indicator.id)", progress: criterion.progress.rawValue,
                progressLabel: ["empty": "Empty", "linked": "Linked", "contextualized": "Ready"][criterion.progress.rawValue] ?? "",
                context: criterion.context,
                options: view.linkable.map { Option(id: $0.versionId, label: $0.label, selected: $0.versionId == criterion.versionId) })
        }
        coverageChart = BarChart(title: "Criteria ready per standard",
                                 bars: view.coverage.map { .init(label: $0.standard, value: $0.complete, maximum: $0.indicators) }).svg
        distinctArtifacts = view.distinctArtifacts
        artifactsOK = (PortfolioRules.minimumArtifacts...PortfolioRules.maximumArtifacts).contains(view.distinctArtifacts)
        deadline = TimeDisplay.day(view.deadline.description)
        daysLeft = view.daysLeft
        opensOn = TimeDisplay.day(view.opensOn.description)
        blockers = view.blockers
        ready = view.editable && view.blockers.isEmpty
        saveAction = SiteURL.portfolio.path(cohortId)
        submitAction = SiteURL.portfolioSubmit.path(cohortId)
        results = view.decided.map { decided in
            Result(heading: "Attempt \(decided.submission.attempt): \(decided.submission.score ?? 0)/25, \(decided.submission.passed == true ? "passed" : "returned")",
                   passed: decided.submission.passed == true, overall: decided.overallFeedback,
                   marks: decided.marks.map { Mark(label: "\($0.criterion). \($0.label)", met: $0.met, comment: $0.comment) })
        }
        certificateHref = view.certificateCode.map { SiteURL.certificate.path($0) }
        hasArtifacts = !view.linkable.isEmpty
        newArtifactHref = SiteURL.newArtifact.path(cohortId)
        submitted = (view.pending?.items ?? []).map { item in
            SubmittedCriterion(
                label: item.label, html: item.html,
                artifact: item.artifactTitle.map { "\($0), version \(item.versionNumber ?? 1)" },
                artifactHref: item.artifactId.map { SiteURL.artifact($0, version: item.versionNumber ?? 1) })
        }
        submittedOn = view.pending.map { CalendarDay($0.submission.submittedAt).spelledOut }
        withdrawAction = view.pending?.withdrawable == true ? SiteURL.portfolioWithdraw.path(cohortId) : nil
    }
}
