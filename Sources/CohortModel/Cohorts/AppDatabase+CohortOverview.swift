import GRDB

extension AppDatabase {
    /// A cohort as its viewer may see it; not found for anyone outside it.
    public func cohortOverview(id: Int64, visibleTo viewer: Viewer) async throws -> CohortOverview {
        try viewer.requireSee(cohortId: id)
        return try await reader.read { db in try Self.cohortOverview(db, id: id) }
    }

    static func cohortOverview(_ db: Database, id: Int64) throws -> CohortOverview {
        guard let cohort = try Cohort.fetchOne(db, id: id),
            let program = try Program.fetchOne(db, id: cohort.programId)
        else { throw CohortError.cohortNotFound }
        let sessions = try CourseSession
            .filter(CourseSession.Columns.programId == program.id!)
            .order(CourseSession.Columns.position)
            .fetchAll(db)
        let meetings = try CohortMeeting.filter(CohortMeeting.Columns.cohortId == id).fetchAll(db)
        let meetingBySession = Dictionary(meetings.map { ($0.courseSessionId, $0) }, uniquingKeysWith: { a, _ in a })
        let scheduled = sessions.compactMap { session in
            meetingBySession[session.id!].map { ScheduledSession(session: session, meeting: $0) }
        }
        let members = try Row.fetchAll(db, sql: """
            SELECT user.id, user.name, user.email, membership.role
            FROM membership JOIN user ON user.id = membership.userId
            WHERE membership.cohortId = ?
            ORDER BY membership.role = 'facilitator' DESC, user.name COLLATE NOCASE
            """, arguments: [id]).map { row in
            CohortMember(userId: row[0], name: row[1], email: row[2], role: row[3])
        }
        return CohortOverview(cohort: cohort, program: program, sessions: scheduled, members: members)
    }
}
