import GRDB

extension AppDatabase {
    /// What a form that creates something already created, by the one-time key it was
    /// sent with, so that sending it again (a double click, a retried request) returns
    /// the first result instead of a copy. Values are written out literally.
    static func createSubmissionSchema(_ db: Database) throws {
        try db.create(table: "formSubmission") { t in
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("key", .text).notNull().check { length($0) > 0 && length($0) <= 64 }
            // A hash of what the form said: the same key with other words (a page kept
            // open in two tabs) is a new submission, not a repeat.
            t.column("fingerprint", .blob).notNull()
            t.column("resultId", .integer).notNull()
            t.column("createdAt", .datetime).notNull()
            t.primaryKey(["userId", "key"])
        }
    }
}
