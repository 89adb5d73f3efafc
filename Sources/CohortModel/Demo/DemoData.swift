import Foundation
import GRDB

/// A believable cohort to click through: the built-in programme, one cohort in its
/// third session, a facilitator, an evaluator, an admin and a dozen educators.
public enum DemoData {
    public struct Account: Sendable {
        public let email: String
        public let name: String
        public let role: Role
    }

    /// One password for every demo account, printed by `cohort demo`.
    public static let password = "cohort-demo-password"

    static let admin = Account(email: "admin@example.org", name: "Alex Morgan", role: .admin)
    static let facilitator = Account(email: "facilitator@example.org", name: "Maya Okafor", role: .facilitator)
    static let evaluator = Account(email: "evaluator@example.org", name: "Daniel Reyes", role: .evaluator)
    static let educators: [Account] = [
        ("amara.diallo", "Amara Diallo"), ("ben.carter", "Ben Carter"), ("chloe.nguyen", "Chloé Nguyen"),
        ("diego.santos", "Diego Santos"), ("emma.schmidt", "Emma Schmidt"), ("farah.haddad", "Farah Haddad"),
        ("grace.kim", "Grace Kim"), ("hiro.tanaka", "Hiro Tanaka"), ("isla.murphy", "Isla Murphy"),
        ("jamal.wright", "Jamal Wright"), ("keira.oconnor", "Keira O'Connor"), ("liam.patel", "Liam Patel"),
    ].map { Account(email: "\($0.0)@example.org", name: $0.1, role: .educator) }

    /// Educators of the demo's finished cohort: three submitted, one still drafting.
    static let autumnEducators: [Account] = [
        ("nadia.rahman", "Nadia Rahman"), ("omar.farouk", "Omar Farouk"), ("priya.shah", "Priya Shah"),
        ("quentin.blake", "Quentin Blake"),
    ].map { Account(email: "\($0.0)@example.org", name: $0.1, role: .educator) }

    /// Staff and the educators of the cohort in its third session.
    static var springAccounts: [Account] { [admin, facilitator, evaluator] + educators }

    public static var accounts: [Account] { springAccounts + autumnEducators }
}

extension AppDatabase {
    /// Loads the demo when the database has nobody in it yet; returns false otherwise.
    /// `passwordHash` is the hash of `DemoData.password`, computed once by the caller.
    @discardableResult
    public func loadDemo(passwordHash: String, now: Date = Date()) async throws -> Bool {
        let cohortId: Int64? = try await writer.write { db in
            guard try User.fetchCount(db) == 0 else { return nil }
            var users: [String: User] = [:]
            for account in DemoData.springAccounts {
                users[account.email] = try Self.insertUser(
                    db, email: account.email, name: account.name, role: account.role,
                    passwordHash: passwordHash, by: nil, now: now)
            }
            let program = try Program.filter(Program.Columns.slug == BuiltInProgram.slug).fetchOne(db)!
            // Session 3 met four days ago: the cohort is in its third session.
            let today = CalendarDay(now)
            let sessionOne = today.adding(days: -(2 * CohortSchedule.daysBetweenSessions + 4))
            let cohort = try Self.insertCohort(
                db, name: "Spring Cohort \(sessionOne.year)", programId: program.id!, sessionOneOn: sessionOne,
                meetingHour: 17, meetingMinute: 0, timeZone: TimeZone(identifier: "America/Chicago")!,
                by: users[DemoData.admin.email]?.id, now: now)
            try Membership(cohortId: cohort.id!, userId: users[DemoData.facilitator.email]!.id!,
                           role: .facilitator, createdAt: now).insert(db)
            for educator in DemoData.educators {
                try Membership(cohortId: cohort.id!, userId: users[educator.email]!.id!,
                               role: .participant, createdAt: now).insert(db)
            }
            try Self.insertDemoAttendance(db, cohortId: cohort.id!, users: users, now: now)
            return cohort.id!
        }
        guard let cohortId else { return false }
        try await loadDemoConversations(cohortId: cohortId, now: now)
        try await loadDemoPortfolios(passwordHash: passwordHash, now: now)
        return true
    }
}

extension AppDatabase {
    /// Sessions 1 to 3 have met: nearly everyone came, two people missed one each.
    fileprivate static func insertDemoAttendance(_ db: Database, cohortId: Int64, users: [String: User],
                                                 now: Date) throws {
        let facilitatorId = users[DemoData.facilitator.email]!.id!
        let sessions = try Int64.fetchAll(db, sql: """
            SELECT courseSession.id FROM courseSession JOIN cohortMeeting ON cohortMeeting.courseSessionId = courseSession.id
            WHERE cohortMeeting.cohortId = ? AND courseSession.position BETWEEN 1 AND 3 ORDER BY courseSession.position
            """, arguments: [cohortId])
        let missed: Set<String> = ["ben.carter@example.org#1", "hiro.tanaka@example.org#2"]
        for educator in DemoData.educators {
            for (index, sessionId) in sessions.enumerated() where !missed.contains("\(educator.email)#\(index)") {
                try db.execute(sql: """
                    INSERT INTO attendance (cohortId, userId, courseSessionId, markedById, markedAt) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [cohortId, users[educator.email]!.id!, sessionId, facilitatorId, now])
            }
        }
    }
}
