import Foundation
import GRDB

extension AppDatabase {
    /// The progress grid, for the cohort's facilitators and admins.
    public func trainingProgress(cohortId: Int64, by viewer: Viewer) async throws -> TrainingProgress {
        try viewer.requireManage(cohortId: cohortId)
        return try await reader.read { db in try Self.trainingProgress(db, cohortId: cohortId) }
    }

    /// A cohort as its member sees it on their dashboard, with their own progress row
    /// and portfolio when they are a participant; one read, the grid worked out once.
    public func dashboardCohort(cohortId: Int64, viewer: Viewer, now: Date = Date()) async throws
        -> (overview: CohortOverview, progress: TrainingProgress, own: TrainingProgress.Row?, portfolio: PortfolioView?)
    {
        try viewer.requireSee(cohortId: cohortId)
        let keepsPortfolio = viewer.abilities(inCohort: cohortId).canKeepPortfolio
        return try await reader.read { db in
            let overview = try Self.cohortOverview(db, id: cohortId)
            let grid = try Self.trainingProgress(db, overview: overview)
            let portfolio = keepsPortfolio
                ? try Self.portfolioView(db, userId: viewer.id, cohortId: cohortId, now: now, progress: grid) : nil
            return (overview, grid, grid.rows.first { $0.member.userId == viewer.id }, portfolio)
        }
    }

    /// Replaces the cohort's attendance and course-work marks with the grid as saved.
    /// Marks for people who are not participants of the cohort are ignored.
    public func recordProgress(cohortId: Int64, marks: ProgressMarks, by viewer: Viewer,
                               now: Date = Date()) async throws {
        try viewer.requireManage(cohortId: cohortId)
        try await writer.write { db in
            let grid = try Self.trainingProgress(db, cohortId: cohortId)
            let participants = Set(grid.rows.map(\.member.userId))
            let sessionIds = Set(grid.sessions.map { $0.session.id! })
            var changes = 0
            for row in grid.rows {
                let userId = row.member.userId
                for sessionId in sessionIds {
                    let wanted = marks.attended.contains(.init(userId: userId, sessionId: sessionId))
                    let had = row.attendedSessionIds.contains(sessionId)
                    if wanted && !had {
                        try db.execute(sql: """
                            INSERT INTO attendance (cohortId, userId, courseSessionId, markedById, markedAt)
                            VALUES (?, ?, ?, ?, ?)
                            """, arguments: [cohortId, userId, sessionId, viewer.id, now])
                        changes += 1
                    } else if had && !wanted {
                        try db.execute(sql: "DELETE FROM attendance WHERE cohortId = ? AND userId = ? AND courseSessionId = ?",
                                       arguments: [cohortId, userId, sessionId])
                        changes += 1
                    }
                }
                let complete = marks.courseworkComplete.contains(userId) && participants.contains(userId)
                if complete && !row.courseworkComplete {
                    try db.execute(sql: """
                        INSERT INTO courseworkCompletion (cohortId, userId, markedById, markedAt) VALUES (?, ?, ?, ?)
                        """, arguments: [cohortId, userId, viewer.id, now])
                    changes += 1
                } else if !complete && row.courseworkComplete {
                    try db.execute(sql: "DELETE FROM courseworkCompletion WHERE cohortId = ? AND userId = ?",
                                   arguments: [cohortId, userId])
                    changes += 1
                }
            }
            try db.audit("progress.record", by: viewer.id, on: "cohort", id: cohortId, detail: "\(changes) changes",
                         at: now)
        }
    }

    /// Whether a participant may start the portfolio phase in a cohort.
    public func isPortfolioPhaseOpen(userId: Int64, cohortId: Int64) async throws -> Bool {
        try await reader.read { db in
            let grid = try Self.trainingProgress(db, cohortId: cohortId)
            return grid.rows.first { $0.member.userId == userId }.map(grid.portfolioPhaseOpen) ?? false
        }
    }

    static func trainingProgress(_ db: Database, cohortId: Int64) throws -> TrainingProgress {
        try trainingProgress(db, overview: cohortOverview(db, id: cohortId))
    }

    static func trainingProgress(_ db: Database, overview: CohortOverview) throws -> TrainingProgress {
        let cohortId = overview.cohort.id!
        let sessions = overview.sessions.filter { $0.session.position > 0 }
        var attended: [Int64: Set<Int64>] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT userId, courseSessionId FROM attendance WHERE cohortId = ?"),
                                    arguments: [cohortId]) {
            attended[row[0], default: []].insert(row[1])
        }
        let complete = Set(try Int64.fetchAll(db.cachedStatement(sql: "SELECT userId FROM courseworkCompletion WHERE cohortId = ?"),
                                              arguments: [cohortId]))
        let rows = overview.members.filter { $0.role == .participant }.map { member in
            TrainingProgress.Row(member: member, attendedSessionIds: attended[member.userId] ?? [],
                                 courseworkComplete: complete.contains(member.userId))
        }
        return TrainingProgress(sessions: sessions, rows: rows)
    }
}
