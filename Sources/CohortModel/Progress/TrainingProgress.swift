/// The training phase of one cohort as a grid: participants by sessions with live
/// meetings, and whether each participant's course work is complete.
public struct TrainingProgress: Sendable {
    public struct Row: Sendable {
        public let member: CohortMember
        public let attendedSessionIds: Set<Int64>
        public let courseworkComplete: Bool
    }

    /// Sessions whose meeting must be attended (Session 1 ... 5).
    public let sessions: [ScheduledSession]
    public let rows: [Row]

    /// The programme's rule: full attendance and completed course work open the
    /// portfolio phase.
    public func portfolioPhaseOpen(_ row: Row) -> Bool {
        row.courseworkComplete && sessions.allSatisfy { row.attendedSessionIds.contains($0.session.id!) }
    }
}

/// The attendance and course work a facilitator records in one save of the grid.
public struct ProgressMarks: Sendable {
    public var attended: Set<Pair>
    public var courseworkComplete: Set<Int64>

    public struct Pair: Sendable, Hashable {
        public let userId: Int64
        public let sessionId: Int64
        public init(userId: Int64, sessionId: Int64) {
            self.userId = userId
            self.sessionId = sessionId
        }
    }

    public init(attended: Set<Pair>, courseworkComplete: Set<Int64>) {
        self.attended = attended
        self.courseworkComplete = courseworkComplete
    }
}
