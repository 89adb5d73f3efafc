import GRDB

extension AppDatabase {
    /// Portfolios and their entries, frozen submissions, reviews with a mark per
    /// criterion, and certificates.
    static func createPortfolioSchema(_ db: Database) throws {
        try db.create(table: "portfolio") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.belongsTo("cohort", onDelete: .cascade).notNull()
            t.column("state", .text).notNull()
                .check { ["draft", "submitted", "inReview", "passed", "returned"].contains($0) }
            t.column("reflectionSource", .text).notNull().defaults(to: "")
            t.column("reflectionHTML", .text).notNull().defaults(to: "")
            t.column("deadlineExtendedTo", .text)
            t.column("extensionReason", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.uniqueKey(["userId", "cohortId"])
        }

        try db.create(table: "portfolioEntry") { t in
            t.belongsTo("portfolio", onDelete: .cascade).notNull()
            t.belongsTo("indicator").notNull()
            t.belongsTo("artifactVersion")
            t.column("contextSource", .text).notNull().defaults(to: "")
            t.column("contextHTML", .text).notNull().defaults(to: "")
            t.primaryKey(["portfolioId", "indicatorId"])
        }

        try db.create(table: "submission") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("portfolio", onDelete: .cascade).notNull()
            t.column("attempt", .integer).notNull()
            t.column("state", .text).notNull().check { ["queued", "claimed", "decided"].contains($0) }
            t.column("submittedAt", .datetime).notNull()
            t.belongsTo("claimedBy", inTable: "user", onDelete: .setNull)
            t.column("leaseExpiresAt", .datetime)
            t.column("decidedAt", .datetime)
            t.column("score", .integer)
            t.column("passed", .boolean)
            t.uniqueKey(["portfolioId", "attempt"])
        }
        try db.create(index: "submission_queue", on: "submission", columns: ["state", "submittedAt"])

        // What was submitted, frozen: criterion 0 is the reflection, 1...24 the indicators.
        try db.create(table: "submissionItem") { t in
            t.belongsTo("submission", onDelete: .cascade).notNull()
            t.column("criterion", .integer).notNull()
            t.belongsTo("indicator")
            t.belongsTo("artifactVersion")
            t.column("html", .text).notNull()
            t.primaryKey(["submissionId", "criterion"])
        }

        try db.create(table: "review") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("submission", onDelete: .cascade).notNull().unique()
            t.belongsTo("evaluator", inTable: "user").notNull()
            t.column("overallFeedback", .text).notNull().defaults(to: "")
            t.column("submittedAt", .datetime)
            t.column("updatedAt", .datetime).notNull()
        }

        try db.create(table: "reviewMark") { t in
            t.belongsTo("review", onDelete: .cascade).notNull()
            t.column("criterion", .integer).notNull()
            t.column("met", .boolean)
            t.column("comment", .text).notNull().defaults(to: "")
            t.primaryKey(["reviewId", "criterion"])
        }

        try db.create(table: "certificate") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.belongsTo("program").notNull()
            t.belongsTo("submission").notNull()
            t.column("code", .text).notNull().unique()
            t.column("issuedOn", .text).notNull()
            t.column("expiresOn", .text).notNull()
            t.column("revokedAt", .datetime)
            t.column("revokeReason", .text)
        }
    }
}
