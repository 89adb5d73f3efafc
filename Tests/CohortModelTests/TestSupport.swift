import Foundation
import GRDB
@testable import CohortModel

/// Cheap bcrypt for tests: the rules under test do not depend on the cost.
let testPasswordHash = Password.hash("correct horse battery", cost: 4)

func makeDatabase() throws -> AppDatabase {
    try AppDatabase.inMemory()
}

extension AppDatabase {
    func makeUser(_ email: String, role: Role = .educator, name: String = "Test Person") async throws -> User {
        try await addUser(email: email, name: name, role: role, passwordHash: testPasswordHash)
    }

    func auditActions() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT action FROM auditEntry ORDER BY id") }
    }
}

let referenceNow = Date(timeIntervalSince1970: 1_790_000_000)

extension AppDatabase {
    /// A cohort starting (Pre-Work) on `startsOn`, meetings at 17:00 in Chicago.
    func makeCohort(_ name: String = "Autumn", startsOn: String = "2026-08-17") async throws -> Cohort {
        let program = try await builtInProgram()
        return try await createCohort(name: name, programId: program.id!, startsOn: CalendarDay(startsOn)!,
                                      meetingHour: 17, timeZone: TimeZone(identifier: "America/Chicago")!, by: nil)
    }

    func viewer(_ user: User) async throws -> Viewer {
        try await reader.read { db in
            let roles = try Membership.filter(Membership.Columns.userId == user.id!).fetchAll(db)
            return Viewer(user: user, cohortRoles: Dictionary(uniqueKeysWithValues: roles.map { ($0.cohortId, $0.role) }))
        }
    }
}
