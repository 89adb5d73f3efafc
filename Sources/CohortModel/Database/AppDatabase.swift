import Foundation
import GRDB

/// The one owner of Cohort's SQLite database: it opens it, migrates it, and is what
/// every read and write goes through.
public struct AppDatabase: Sendable {
    public let writer: any DatabaseWriter
    /// Bumped by every committed write.
    public let changes = DatabaseChanges()
    let signedInCache = SignedInCache()

    /// Wraps and migrates a database connection.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
        writer.add(transactionObserver: changes, extent: .databaseLifetime)
    }

    /// Whether another process (the `cohort` command) committed since the last look; if
    /// so, every cache keyed on `changes` is outdated. SQLite's `data_version` on the
    /// writer connection moves only for other connections' commits, and every write of
    /// this process goes through the writer.
    @discardableResult
    public func noticeWritesByOtherProcesses() async throws -> Bool {
        let version = try await writer.writeWithoutTransaction { db in
            try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
        }
        return changes.note(dataVersion: version)
    }

    /// The read side, for code that only reads.
    public var reader: any DatabaseReader { writer }

    /// Opens (creating if needed) the database file in WAL mode with foreign keys on.
    public static func open(path: String) throws -> AppDatabase {
        let pool = try DatabasePool(path: path, configuration: configuration)
        return try AppDatabase(pool)
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration))
    }

    static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // WAL makes FULL sync redundant for durability across a process crash;
            // NORMAL keeps every committed transaction after a power cut but the last.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// Closes the connections; used when the server stops.
    public func close() throws {
        if let pool = writer as? DatabasePool {
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }

    /// Copies the database with SQLite's online backup: consistent while others write.
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
        try destination.close()
    }
}
