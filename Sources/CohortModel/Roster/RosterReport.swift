/// What a roster import did (or would do), row by row.
public struct RosterReport: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// An existing account joined the cohort.
        case enrolled
        /// Already a member; the role is set to what the row says.
        case alreadyMember
        /// No account yet: an invitation to pass on, with the token for its link.
        case invited(token: String)
        /// Refused, with the reason.
        case rejected(String)
        /// Fine on its own, but not applied because other rows were rejected: what
        /// would happen once they are fixed.
        case notApplied(String)
    }

    public struct Line: Sendable {
        /// The row number as a spreadsheet shows it (the header is row 1).
        public let row: Int
        public let email: String
        public let name: String
        public let role: CohortRole?
        public let outcome: Outcome
    }

    public let lines: [Line]
    /// False when any row was rejected: then nothing was changed.
    public let applied: Bool

    public var rejectedCount: Int { lines.filter { if case .rejected = $0.outcome { true } else { false } }.count }
    public var enrolledCount: Int { lines.filter { $0.outcome == .enrolled }.count }
    public var alreadyMemberCount: Int { lines.filter { $0.outcome == .alreadyMember }.count }
    public var invitedCount: Int { lines.filter { if case .invited = $0.outcome { true } else { false } }.count }
}
