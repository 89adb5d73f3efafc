import Foundation
import GRDB
import Testing
@testable import CohortModel

/// Migrations name roles literally; the application's enums must still fit the schema
/// they made, so a new role without a migration that allows it fails here.
@Suite struct MigrationTests {
    @Test func everyRoleAndCohortRoleTheAppKnowsIsAllowedByTheSchema() async throws {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort()
        for role in Role.allCases {
            let user = try await database.makeUser("\(role.rawValue)@school.org", role: role)
            for cohortRole in CohortRole.allCases where role == .educator {
                try await database.enrol(userId: user.id!, in: cohort.id!, as: cohortRole, by: nil)
                try await database.writer.write { db in
                    try db.execute(sql: "DELETE FROM membership WHERE userId = ?", arguments: [user.id!])
                }
            }
        }
        await #expect(throws: DatabaseError.self) {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE user SET role = 'visitor' WHERE email = 'admin@school.org'")
            }
        }
    }

    @Test func theBuiltInProgramIsWrittenByTheMigrationWithItsIndicatorsAndSessions() async throws {
        let database = try makeDatabase()
        let counts = try await database.reader.read { db in
            try ["program", "standard", "indicator", "courseSession"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")! }
        }
        #expect(counts == [1, 7, 24, 6])
    }
}
