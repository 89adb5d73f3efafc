import Foundation
import GRDB

extension AppDatabase {
    /// Every cohort has a General board, a Q&A board and one board per session.
    static func insertStandardBoards(_ db: Database, cohortId: Int64, now: Date) throws {
        guard let cohort = try Cohort.fetchOne(db, id: cohortId) else { return }
        var boards = [
            Board(programId: cohort.programId, cohortId: cohortId, kind: .general, title: "General", position: 0,
                  topicCount: 0, postCount: 0, createdAt: now),
            Board(programId: cohort.programId, cohortId: cohortId, kind: .questions, title: "Q&A", position: 1,
                  topicCount: 0, postCount: 0, createdAt: now),
        ]
        let sessions = try CourseSession
            .filter(CourseSession.Columns.programId == cohort.programId)
            .order(CourseSession.Columns.position)
            .fetchAll(db)
        for session in sessions {
            boards.append(Board(programId: cohort.programId, cohortId: cohortId, courseSessionId: session.id,
                                kind: .session, title: session.title, position: 2 + session.position,
                                topicCount: 0, postCount: 0, createdAt: now))
        }
        for var board in boards { try board.insert(db) }
    }
}
