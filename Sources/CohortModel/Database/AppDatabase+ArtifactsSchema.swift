import GRDB

extension AppDatabase {
    /// Artifacts with their versions and files, indicator tags, threaded feedback on
    /// versions, and requests for feedback.
    static func createArtifactsSchema(_ db: Database) throws {
        try db.create(table: "storedFile") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("sha256", .text).notNull().unique()
            t.column("size", .integer).notNull().check { $0 >= 0 }
            t.column("contentType", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }

        try db.create(table: "artifact") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("owner", inTable: "user", onDelete: .cascade).notNull()
            t.belongsTo("cohort", onDelete: .cascade).notNull()
            t.column("title", .text).notNull().check { length($0) > 0 && length($0) <= 150 }
            t.column("descriptionSource", .text).notNull()
            t.column("descriptionHTML", .text).notNull()
            t.column("latestVersion", .integer).notNull().defaults(to: 1)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }

        try db.create(table: "artifactIndicator") { t in
            t.belongsTo("artifact", onDelete: .cascade).notNull()
            t.belongsTo("indicator", onDelete: .cascade).notNull()
            t.primaryKey(["artifactId", "indicatorId"])
        }

        try db.create(table: "artifactVersion") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("artifact", onDelete: .cascade).notNull()
            t.column("number", .integer).notNull().check { $0 > 0 }
            t.column("note", .text).notNull()
            t.belongsTo("storedFile")
            t.column("fileName", .text)
            t.column("link", .text)
            t.column("createdAt", .datetime).notNull()
            t.uniqueKey(["artifactId", "number"])
            t.check(sql: "storedFileId IS NOT NULL OR link IS NOT NULL")
        }

        try db.create(table: "feedback") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("version", inTable: "artifactVersion", onDelete: .cascade).notNull()
            t.belongsTo("author", inTable: "user").notNull()
            t.column("parentId", .integer).references("feedback", column: "id", onDelete: .setNull)
            t.belongsTo("indicator")
            t.column("source", .text).notNull()
            t.column("html", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("addressedAt", .datetime)
            t.column("hiddenAt", .datetime)
            t.column("hiddenReason", .text)
        }

        try db.create(table: "feedbackRequest") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("artifact", onDelete: .cascade).notNull()
            t.belongsTo("peer", inTable: "user", onDelete: .cascade).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("respondedAt", .datetime)
            t.uniqueKey(["artifactId", "peerId"])
        }
        try db.create(index: "feedbackRequest_open", on: "feedbackRequest", columns: ["peerId", "respondedAt"])
    }
}
