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

    public var editable: Bool { state == .draft || state == .returned }
}
