import GRDB

extension AppDatabase {
    /// Mail and the life of an account: the outbox, what each person wants mailed,
    /// reminders already sent, password resets, address changes, closed accounts.
    /// Values are written out literally (migrations stand alone).
    static func createMailSchema(_ db: Database) throws {
        try db.create(table: "outboxMessage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .setNull)
            t.column("toAddress", .text).notNull().check { length($0) > 0 && length($0) <= 254 }
            t.column("toName", .text)
            t.column("kind", .text).notNull()
            // The message's words, links and calendar as JSON (`MailContent`); rendered
            // by the delivery service, so the model layer knows no templates.
            t.column("content", .text).notNull()
            t.column("messageId", .text).notNull().unique()
            t.column("state", .text).notNull().check { ["queued", "sent", "failed"].contains($0) }
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("createdAt", .datetime).notNull()
            t.column("nextAttemptAt", .datetime).notNull()
            t.column("sentAt", .datetime)
            t.column("lastError", .text)
        }
        try db.create(index: "outboxMessage_due", on: "outboxMessage", columns: ["state", "nextAttemptAt"])

        try db.create(table: "mailPreference") { t in
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("topic", .text).notNull()
            t.column("delivery", .text).notNull().check { ["immediately", "daily", "weekly", "off"].contains($0) }
            t.primaryKey(["userId", "topic"])
        }

        // The secret of a person's unsubscribe links, which work without signing in.
        try db.create(table: "mailKey") { t in
            t.belongsTo("user", onDelete: .cascade).notNull().unique()
            t.column("token", .text).notNull().unique()
        }

        // A reminder sent, so a restart neither repeats nor loses it: one row per
        // person, kind and occasion ("meeting 12", "deadline 7 3").
        try db.create(table: "sentReminder") { t in
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("occasion", .text).notNull()
            t.column("sentAt", .datetime).notNull()
            t.primaryKey(["userId", "occasion"])
        }

        // When each notice was mailed, summed up, or found seen or unwanted; nil
        // while that is still to be decided. Notices from before mail existed are done.
        try db.alter(table: "notice") { t in
            t.add(column: "mailHandledAt", .datetime)
        }
        try db.execute(sql: "UPDATE notice SET mailHandledAt = createdAt")
        try db.execute(sql: "CREATE INDEX notice_mail_pending ON notice(createdAt) WHERE mailHandledAt IS NULL")

        try db.create(table: "passwordReset") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("tokenHash", .blob).notNull().unique()
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
            t.column("usedAt", .datetime)
        }

        try db.create(table: "emailChange") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("newEmail", .text).notNull().collate(.nocase).check { length($0) <= 254 }
            t.column("tokenHash", .blob).notNull().unique()
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
            t.column("usedAt", .datetime)
        }

        try db.alter(table: "user") { t in
            t.add(column: "deactivatedAt", .datetime)
        }
    }
}
