import GRDB

extension AppDatabase {
    /// A cohort as its viewer may see it; not found for anyone outside it.
    public func cohortOverview(id: Int64, visibleTo viewer: Viewer) async throws -> CohortOverview {
        try viewer.requireSee(cohortId: id)
        return try await reader.read { db in try Self.cohortOverview(db, id: id) }
    }

    /// Dashboards and cohort pages run these on every request, so their statements
    /// are compiled once per connection.
    static func cohortOverview(_ db: Database, id: Int64) throws -> CohortOverview {
        guard let cohort = try Cohort.fetchOne(cached: db, id: id),
            let program = try Program.fetchOne(cached: db, id: cohort.programId)
        else { throw CohortError.cohortNotFound }
        let sessions = try CourseSession.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM courseSession WHERE programId = ? ORDER BY position"), arguments: [program.id!])
        let meetings = try CohortMeeting.fetchAll(db.cachedStatement(sql: "SELECT * FROM cohortMeeting WHERE cohortId = ?"),
                                                  arguments: [id])
        let meetingBySession = Dictionary(meetings.map { ($0.courseSessionId, $0) }, uniquingKeysWith: { a, _ in a })
        let scheduled = sessions.compactMap { session in
            meetingBySession[session.id!].map { ScheduledSession(session: session, meeting: $0) }
        }
        let members = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT user.id, user.name, user.email, membership.role
            FROM membership JOIN user ON user.id = membership.userId
            WHERE membership.cohortId = ?
            ORDER BY membership.role = 'facilitator' DESC, user.name COLLATE NOCASE
            """), arguments: [id]).map { row in
            CohortMember(userId: row[0], name: row[1], email: row[2], role: row[3])
        }
        return CohortOverview(cohort: cohort, program: program, sessions: scheduled, members: members)
    }
}
