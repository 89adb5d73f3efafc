import Foundation

/// One criterion of the builder.
public struct CriterionState: Sendable {
    public enum Progress: String, Sendable { case empty, linked, contextualized }

    /// 1 is the reflection, 2...25 the indicators.
    public let number: Int
    public let indicator: IndicatorChoice?
    public let versionId: Int64?
    public let artifactTitle: String?
    public let versionNumber: Int?
    public let context: String
    public let progress: Progress
}

/// A version of one of the viewer's artifacts, to link from a criterion.
public struct LinkableVersion: Sendable {
    public let versionId: Int64
    public let artifactId: Int64
    public let label: String
}

public struct StandardCoverage: Sendable {
    public let standard: String
    public let indicators: Int
    public let complete: Int
}

/// A decided submission as the educator reads it.
public struct DecidedReview: Sendable {
    public let submission: Submission
    public let overallFeedback: String
    public let marks: [(criterion: Int, label: String, met: Bool, comment: String)]
}

/// One criterion of a submission as it was frozen.
public struct SubmittedItem: Sendable {
    /// 1 is the reflection, 2...25 the indicators.
    public let criterion: Int
    public let label: String
    public let html: String
    public let artifactId: Int64?
    public let artifactTitle: String?
    public let versionId: Int64?
    public let versionNumber: Int?
    public let fileName: String?
    public let link: String?
}

/// The submission waiting or in review, as its educator reads it.
public struct PendingSubmission: Sendable {
    public let submission: Submission
    public let items: [SubmittedItem]
    /// Until an evaluator takes it, its educator may take it back to change it.
    public var withdrawable: Bool { submission.state == .queued }
}

/// Everything the portfolio builder shows.
public struct PortfolioView: Sendable {
    public let portfolio: Portfolio?
    public let cohort: Cohort
    public let state: Portfolio.State
    public let reflection: String
    public let criteria: [CriterionState]
    public let distinctArtifacts: Int
    public let coverage: [StandardCoverage]
    public let opensOn: CalendarDay
    public let deadline: CalendarDay
    public let daysLeft: Int
    public let blockers: [String]
    public let linkable: [LinkableVersion]
    public let decided: [DecidedReview]
    public let certificateCode: String?
    public let pending: PendingSubmission?

    public var editable: Bool { state == .draft || state == .returned }
}
