import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct BackupTests {
    @Test func aBackupIsACompleteDatabaseThatOpensAndPassesItsIntegrityCheck() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-backup-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let database = try AppDatabase.open(path: folder + "/live.sqlite")
        _ = try await database.makeUser("ada@school.org")
        try database.backup(to: folder + "/copy.sqlite")
        try database.close()

        let copy = try AppDatabase.open(path: folder + "/copy.sqlite")
        defer { try? copy.close() }
        #expect(try await copy.user(email: "ada@school.org") != nil)
        let check = try await copy.reader.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
        let journal = try await copy.reader.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }
}
