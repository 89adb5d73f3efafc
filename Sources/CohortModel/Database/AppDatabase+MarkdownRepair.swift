import GRDB

extension AppDatabase {
    /// HTML rendered before `PostMarkdown` hid a literal `&` from Ink could hold markup
    /// typed after one (`&a<img …>;`), a text starting with a `---` line lost what
    /// followed it up to the next one, and a line like `[Note]: …` was left out. Rows
    /// with their source are rendered again; a frozen submission item, which has none,
    /// is repaired in place (only the `&`).
    static func renderMarkdownAgain(_ db: Database) throws {
        let rendered = [("post", "source", "html"), ("postRevision", "source", "html"), ("feedback", "source", "html"),
                        ("artifact", "descriptionSource", "descriptionHTML"), ("portfolio", "reflectionSource", "reflectionHTML"),
                        ("portfolioEntry", "contextSource", "contextHTML")]
        for (table, source, html) in rendered {
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
        let frozen = try Row.fetchAll(db, sql: "SELECT rowid, html FROM submissionItem WHERE instr(html, '&') > 0")
        for row in frozen {
            try db.execute(sql: "UPDATE submissionItem SET html = ? WHERE rowid = ?",
                           arguments: [PostMarkdown.repairingLiteralAmpersands(inRendered: row[1]), row[0] as Int64])
        }
    }
}
