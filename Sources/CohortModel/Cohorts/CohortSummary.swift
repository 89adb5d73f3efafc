/// A cohort as listed on the dashboard: with its programme's name and the viewer's role.
public struct CohortSummary: Sendable {
    public var cohort: Cohort
    public var programName: String
    public var memberCount: Int
    /// Nil when the viewer sees the cohort without being a member (admins).
    public var viewerRole: CohortRole?
}
