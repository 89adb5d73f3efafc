import GRDB

extension AppDatabase {
    /// Every table with Markdown and the HTML rendered from it: (table, source, html).
    private static let renderedMarkdown = [
        ("post", "source", "html"), ("postRevision", "source", "html"), ("feedback", "source", "html"),
        ("artifact", "descriptionSource", "descriptionHTML"), ("portfolio", "reflectionSource", "reflectionHTML"),
        ("portfolioEntry", "contextSource", "contextHTML"),
    ]

    /// HTML rendered before `PostMarkdown` hid a literal `&` from Ink could hold markup
    /// typed after one (`&a<img …>;`), a text starting with a `---` line lost what
    /// followed it up to the next one, and a line like `[Note]: …` was left out. Rows
    /// with their source are rendered again; a frozen submission item, which has none,
    /// is repaired in place (only the `&`).
    static func renderMarkdownAgain(_ db: Database) throws {
        for (table, source, html) in renderedMarkdown {
            let rows = try Row.fetchAll(db, sql: """
                SELECT rowid, \(source) FROM \(table)
                WHERE instr(\(source), '&') > 0 OR instr(\(source), ']:') > 0
                   OR ltrim(\(source), ' ' || char(9, 10, 13)) LIKE '---%'
                """)
            for row in rows {
                try db.execute(sql: "UPDATE \(table) SET \(html) = ? WHERE rowid = ?",
                               arguments: [PostMarkdown.html(from: row[1]), row[0] as Int64])
            }
        }
        try repairSubmittedAmpersands(db)
    }

    /// Bare web addresses became links (and their underscores stopped making italics)
    /// after these rows were written: rows with an address are rendered again. The search
    /// index then holds each post's words as read, not its Markdown, so excerpts show text.
    /// Frozen submissions keep what was submitted.
    static func renderBareLinksAndReindex(_ db: Database) throws {
        for (table, source, html) in renderedMarkdown {
            let rows = try Row.fetchAll(db, sql: """
                SELECT rowid, \(source) FROM \(table) WHERE instr(\(source), 'http') > 0 OR instr(\(source), 'www.') > 0
                """)
            for row in rows {
                try db.execute(sql: "UPDATE \(table) SET \(html) = ? WHERE rowid = ?",
                               arguments: [PostMarkdown.html(from: row[1]), row[0] as Int64])
            }
        }
        for row in try Row.fetchAll(db, sql: "SELECT postSearch.rowid, post.html FROM postSearch JOIN post ON post.id = postSearch.rowid") {
            try db.execute(sql: "UPDATE postSearch SET body = ? WHERE rowid = ?",
                           arguments: [PostMarkdown.plainText(fromHTML: row[1]), row[0] as Int64])
        }
    }

    private static func repairSubmittedAmpersands(_ db: Database) throws {
        let frozen = try Row.fetchAll(db, sql: "SELECT rowid, html FROM submissionItem WHERE instr(html, '&') > 0")
        for row in frozen {
            try db.execute(sql: "UPDATE submissionItem SET html = ? WHERE rowid = ?",
                           arguments: [PostMarkdown.repairingLiteralAmpersands(inRendered: row[1]), row[0] as Int64])
        }
    }
}
