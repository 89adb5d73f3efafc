import GRDB

extension AppDatabase {
    /// Append-only: a migration that has landed is never edited. Each names its values
    /// (roles, states) literally and writes rows in SQL, never through application enums
    /// or records, so that changing those later cannot change what a migration did
    /// (GRDB's guide, "Migrations").
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-accounts-programs-cohorts", migrate: createFoundationSchema)
        migrator.registerMigration("v1-built-in-program", migrate: BuiltInProgram.insert)
        migrator.registerMigration("v2-training-progress", migrate: createTrainingProgressSchema)
        migrator.registerMigration("v3-plc-boards", migrate: createBoardsSchema)
        migrator.registerMigration("v4-artifacts", migrate: createArtifactsSchema)
        migrator.registerMigration("v5-portfolios-reviews", migrate: createPortfolioSchema)
        migrator.registerMigration("v6-feedback-flags") { db in
            try db.create(table: "feedbackFlag") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("feedback", onDelete: .cascade).notNull()
                t.belongsTo("reporter", inTable: "user", onDelete: .cascade).notNull()
                t.column("reason", .text).notNull().check { length($0) > 0 && length($0) <= 500 }
                t.column("createdAt", .datetime).notNull()
                t.column("resolvedAt", .datetime)
                t.column("resolution", .text)
                t.belongsTo("resolvedBy", inTable: "user", onDelete: .setNull)
                t.uniqueKey(["feedbackId", "reporterId"])
            }
        }
        migrator.registerMigration("v7-markdown-rendered-again", migrate: renderMarkdownAgain)
        migrator.registerMigration("v8-mail-accounts", migrate: createMailSchema)
        migrator.registerMigration("v9-form-submissions", migrate: createSubmissionSchema)
        migrator.registerMigration("v10-kept-text", migrate: createKeptTextSchema)
        migrator.registerMigration("v11-bare-links-plain-search", migrate: renderBareLinksAndReindex)
        migrator.registerMigration("v12-certificate-issuer") { db in
            try db.execute(sql: "ALTER TABLE program ADD COLUMN issuerName TEXT NOT NULL DEFAULT ''")
            try db.execute(sql: "UPDATE program SET issuerName = 'ISTE (International Society for Technology in Education)' WHERE slug = 'iste-educators'")
        }
        return migrator
    }

    private static func createFoundationSchema(_ db: Database) throws {
        try db.create(table: "user") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("email", .text).notNull().unique().collate(.nocase)
                .check { length($0) <= 254 }
            t.column("name", .text).notNull().check { length($0) > 0 && length($0) <= 120 }
            t.column("role", .text).notNull()
                .check { ["educator", "facilitator", "evaluator", "admin"].contains($0) }
            t.column("passwordHash", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }

        try db.create(table: "loginSession") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("tokenHash", .blob).notNull().unique()
            t.column("csrfToken", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("lastSeenAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
        }

        try db.create(table: "program") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("slug", .text).notNull().unique()
            t.column("name", .text).notNull()
            t.column("summary", .text).notNull()
            t.column("portfolioWindowMonths", .integer).notNull().check { $0 > 0 }
            t.column("passMarkPercent", .integer).notNull().check { $0 > 0 && $0 <= 100 }
            t.column("certificateValidYears", .integer).notNull().check { $0 > 0 }
        }

        try db.create(table: "standard") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("program", onDelete: .cascade).notNull()
            t.column("code", .text).notNull()
            t.column("name", .text).notNull()
            t.column("position", .integer).notNull()
            t.uniqueKey(["programId", "code"])
        }

        try db.create(table: "indicator") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("standard", onDelete: .cascade).notNull()
            t.column("code", .text).notNull()
            t.column("title", .text).notNull()
            t.column("position", .integer).notNull()
            t.uniqueKey(["standardId", "code"])
        }

        try db.create(table: "courseSession") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("program", onDelete: .cascade).notNull()
            t.column("position", .integer).notNull().check { $0 >= 0 }
            t.column("title", .text).notNull()
            t.column("summary", .text).notNull()
            t.column("asyncHoursMin", .integer).notNull()
            t.column("asyncHoursMax", .integer).notNull()
            t.uniqueKey(["programId", "position"])
        }

        try db.create(table: "cohort") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("program").notNull()
            t.column("name", .text).notNull().check { length($0) > 0 && length($0) <= 120 }
            t.column("startsOn", .text).notNull()
            t.column("trainingEndsOn", .text).notNull()
            t.column("portfolioDeadlineOn", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.check(sql: "startsOn <= trainingEndsOn AND trainingEndsOn <= portfolioDeadlineOn")
        }

        try db.create(table: "cohortMeeting") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("cohort", onDelete: .cascade).notNull()
            t.belongsTo("courseSession").notNull()
            t.column("startsAt", .datetime).notNull()
            t.column("durationMinutes", .integer).notNull().check { $0 > 0 }
            t.column("timeZone", .text).notNull()
            t.column("link", .text)
            t.uniqueKey(["cohortId", "courseSessionId"])
        }

        try db.create(table: "membership") { t in
            t.belongsTo("cohort", onDelete: .cascade).notNull()
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("role", .text).notNull()
                .check { ["participant", "facilitator"].contains($0) }
            t.column("createdAt", .datetime).notNull()
            t.primaryKey(["cohortId", "userId"])
        }

        try db.create(table: "invitation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("email", .text).notNull().collate(.nocase).indexed()
            t.column("role", .text).notNull()
                .check { ["educator", "facilitator", "evaluator", "admin"].contains($0) }
            t.column("tokenHash", .blob).notNull().unique()
            t.belongsTo("invitedBy", inTable: "user", onDelete: .setNull)
            t.belongsTo("cohort", onDelete: .cascade)
            t.column("cohortRole", .text)
                .check { $0 == nil || ["participant", "facilitator"].contains($0) }
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
            t.column("acceptedAt", .datetime)
            t.belongsTo("acceptedUser", inTable: "user", onDelete: .setNull)
        }

        try db.create(table: "auditEntry") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            t.belongsTo("actor", inTable: "user", onDelete: .setNull)
            t.column("action", .text).notNull()
            t.column("subjectType", .text).notNull()
            t.column("subjectId", .integer)
            t.column("detail", .text).notNull()
        }
    }

    private static func createTrainingProgressSchema(_ db: Database) throws {
        // The zone a person reads times in; nil shows each meeting in its own zone.
        try db.alter(table: "user") { t in
            t.add(column: "timeZone", .text)
        }

        try db.create(table: "attendance") { t in
            t.belongsTo("cohort", onDelete: .cascade).notNull()
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.belongsTo("courseSession").notNull()
            t.belongsTo("markedBy", inTable: "user", onDelete: .setNull)
            t.column("markedAt", .datetime).notNull()
            t.primaryKey(["cohortId", "userId", "courseSessionId"])
            t.foreignKey(["cohortId", "userId"], references: "membership", onDelete: .cascade)
        }

        try db.create(table: "courseworkCompletion") { t in
            t.belongsTo("cohort", onDelete: .cascade).notNull()
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.belongsTo("markedBy", inTable: "user", onDelete: .setNull)
            t.column("markedAt", .datetime).notNull()
            t.primaryKey(["cohortId", "userId"])
            t.foreignKey(["cohortId", "userId"], references: "membership", onDelete: .cascade)
        }
    }
}
