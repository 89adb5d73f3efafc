import GRDB

extension AppDatabase {
    /// Text kept so nobody loses what they typed: a form sent after its sign-in expired,
    /// held until its author signs in again, and drafts of posts and feedback, kept as
    /// they are typed and shown in any browser the author signs in from.
    static func createKeptTextSchema(_ db: Database) throws {
        try db.create(table: "heldForm") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("tokenHash", .blob).notNull().unique()
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("path", .text).notNull()
            t.column("body", .text).notNull()
            t.column("expiresAt", .datetime).notNull()
        }
        try db.create(table: "draft") { t in
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("key", .text).notNull().check { length($0) > 0 && length($0) <= 64 }
            t.column("body", .text).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.primaryKey(["userId", "key"])
        }
    }
}
