import CohortModel
import GRDB

/// Every row of every table, to tell whether a request changed anything. Tables and
/// columns that record only that someone was here (session activity, read positions)
/// can be left out.
struct DatabaseFingerprint: Equatable {
    /// Rows of each table, as text.
    let tables: [String: [String]]

    /// Session activity and what a reader has seen: recorded by reading, never by content.
    static let seenState: [String: Set<String>] = ["loginSession": ["*"], "topicVisit": ["*"], "notice": ["readAt"]]

    init(_ database: AppDatabase, ignoring: [String: Set<String>] = ["loginSession": ["*"]]) async throws {
        tables = try await database.reader.read { db in
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table'
                AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'postSearch_%'
                """)
            var tables: [String: [String]] = [:]
            for name in names where ignoring[name]?.contains("*") != true {
                let skipped = ignoring[name] ?? []
                tables[name] = try Row.fetchAll(db, sql: "SELECT * FROM \(name.quotedDatabaseIdentifier)").map { row in
                    row.columnNames.filter { !skipped.contains($0) }.map { "\($0)=\(row[$0] as DatabaseValue)" }
                        .joined(separator: ",")
                }
            }
            return tables
        }
    }

    /// Names of the tables whose rows differ.
    func changedTables(since earlier: DatabaseFingerprint) -> [String] {
        Set(tables.keys).union(earlier.tables.keys).filter { tables[$0] != earlier.tables[$0] }.sorted()
    }
}
