import GRDB

extension FetchableRecord where Self: TableRecord {
    /// A record by its id through a statement compiled once per connection. Every page
    /// looks up its session, person and topic this way; building and compiling the SQL
    /// each time was a visible share of a page's time in profiles.
    static func fetchOne(cached db: Database, id: Int64) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM \(databaseTableName.quotedDatabaseIdentifier) WHERE id = ?"),
                     arguments: [id])
    }
}
