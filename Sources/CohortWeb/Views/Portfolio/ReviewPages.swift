import CohortModel
import CohortURLs
import Foundation

struct ReviewQueuePage: PageView {
    static let template = "reviews"
    let title = "Review queue"

    struct Decision {
        let educatorName: String
        let result: String
        let when: String
    }

    var csrfToken: String
    var waiting: Int
    var inReview: Int
    var decided: Int
    var oldestDays: Int?
    var ageChart: String
    var claimHref: String?
    var decisions: [Decision]

    init(_ status: QueueStatus, viewer: Viewer, csrfToken: String) {
        self.csrfToken = csrfToken
        waiting = status.waiting
        inReview = status.inReview
        decided = status.decided
        oldestDays = status.waitingDays.max()
        let buckets = [("Under 3 days", 0..<3), ("3 to 6 days", 3..<7), ("1 to 2 weeks", 7..<14), ("2 weeks or more", 14..<Int.max)]
        let total = max(1, status.waitingDays.count)
        ageChart = BarChart(title: "How long waiting portfolios have waited",
                            bars: buckets.map { label, range in
                                .init(label: label, value: status.waitingDays.filter { range.contains($0) }.count, maximum: total)
                            }).svg
        claimHref = status.myClaim.map { SiteURL.review.path($0.id!) }
        let display = TimeDisplay(viewer: viewer, fallback: "UTC")
        decisions = status.myDecisions.map {
            Decision(educatorName: $0.educatorName, result: "\($0.submission.score ?? 0)/25 \($0.submission.passed == true ? "passed" : "returned")",
                     when: $0.submission.decidedAt.map(display.moment) ?? "")
        }
    }
}

struct ReviewPage: PageView {
    static let template = "review"

    struct Item {
        let criterion: Int
        let label: String
        let html: String
        let artifactTitle: String?
        let versionNumber: Int?
        let fileHref: String?
        let fileName: String?
        let link: String?
        let metChecked: Bool
        let notMetChecked: Bool
        let comment: String
        let fieldId: String
    }

    var title: String
    var csrfToken: String
    var action: String
    var cohortName: String
    var items: [Item]
    var overall: String
    var metCount: Int
    var passMark: Int
    var leaseUntil: String
    var error: String?
    /// The sticky summary: criteria still to mark, and those not met without a reason.
    var unmarked: [CriterionLink]
    var unexplained: [CriterionLink]

    /// A run of criteria in the summary ("5–9"), linking to its first.
    struct CriterionLink {
        let label: String
        let href: String
    }

    /// 3, 5, 6, 7, 9 → "3", "5–7", "9": 25 links would fill a phone's screen.
    static func runs(_ numbers: [Int]) -> [CriterionLink] {
        var runs: [(first: Int, last: Int)] = []
        for number in numbers {
            if let last = runs.last, last.last + 1 == number { runs[runs.count - 1].last = number } else { runs.append((number, number)) }
        }
        return runs.map { CriterionLink(label: $0.first == $0.last ? "\($0.first)" : "\($0.first)–\($0.last)", href: "#mark-\($0.first)-heading") }
    }

    /// `typed` is a refused form's marks and overall feedback, shown instead of the saved draft.
    init(_ view: ReviewView, tally: ReviewTally, viewer: Viewer, csrfToken: String, error: String? = nil,
         typed: (marks: [Int: (met: Bool?, comment: String)], overall: String)? = nil) {
        let id = view.submission.id!
        title = "Review: \(view.educatorName), attempt \(view.submission.attempt)"
        self.csrfToken = csrfToken
        action = SiteURL.review.path(id)
        cohortName = view.cohortName
        items = view.items.map { item in
            let (met, comment) = typed?.marks[item.criterion] ?? (item.met, item.comment)
            return Item(criterion: item.criterion, label: item.label, html: item.html, artifactTitle: item.artifactTitle,
                        versionNumber: item.versionNumber,
                        fileHref: item.fileName != nil ? item.versionId.map { SiteURL.reviewFile.path(id, $0) } : nil,
                        fileName: item.fileName, link: item.link, metChecked: met == true, notMetChecked: met == false,
                        comment: comment, fieldId: "mark-\(item.criterion)")
        }
        overall = typed?.overall ?? view.overallFeedback
        metCount = items.filter(\.metChecked).count
        passMark = tally.passMark
        // What was typed, when a refused form comes back; otherwise what is saved.
        unmarked = Self.runs(items.filter { !$0.metChecked && !$0.notMetChecked }.map(\.criterion))
        unexplained = Self.runs(items.filter { $0.notMetChecked && $0.comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .map(\.criterion))
        leaseUntil = view.submission.leaseExpiresAt.map(TimeDisplay(viewer: viewer, fallback: "UTC").meeting) ?? ""
        self.error = error
    }
}

/// "Submit this review?": the score and what it means, before the decision is final.
struct ReviewConfirmPage: PageView {
    static let template = "review-confirm"
    let title = "Submit this review?"
    let csrfToken: String
    let action: String
    let reviewHref: String
    let educatorName: String
    let outcome: String
    let consequence: String

    init(_ view: ReviewView, tally: ReviewTally, csrfToken: String) {
        self.csrfToken = csrfToken
        action = SiteURL.review.path(view.submission.id!)
        reviewHref = action
        educatorName = view.educatorName
        outcome = "\(tally.met) of \(PortfolioRules.criteria) criteria met, with \(tally.passMark) needed to pass: "
            + (tally.passes ? "this portfolio passes." : "this portfolio is returned with your feedback.")
        consequence = tally.passes
            ? "\(view.educatorName) is told at once and a certificate is issued. A submitted review cannot be changed."
            : "\(view.educatorName) is told at once and can revise and resubmit. A submitted review cannot be changed."
    }
}

/// "Check a certificate": a code in, the certificate (or why not) out.
struct CertificateCheckPage: PageView {
    static let template = "certificate-check"
    let title = "Check a certificate"
    let action = SiteURL.certificateCheck.path
    var code = ""
    var error: String?
}

struct CertificatePage: PageView {
    static let template = "certificate"
    var title = "Certificate"
    var holderName: String
    var programName: String
    var issuerName: String
    var issuedOn: String
    var expiresOn: String
    var code: String
    var status: String
    var valid: Bool
    var revokeReason: String?
}
