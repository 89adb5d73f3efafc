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
