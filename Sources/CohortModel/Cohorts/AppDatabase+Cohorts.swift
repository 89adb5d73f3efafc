import GRDB

extension AppDatabase {
    /// The cohorts the viewer may see: their own, or all of them for an admin.
    public func cohorts(visibleTo viewer: Viewer) async throws -> [CohortSummary] {
        try await reader.read { db in
            let visible = viewer.isAdmin
                ? "1"
                : "cohort.id IN (SELECT cohortId FROM membership WHERE userId = :viewer)"
            let sql = """
                SELECT cohort.*, program.name AS programName,
                       (SELECT COUNT(*) FROM membership m WHERE m.cohortId = cohort.id) AS memberCount,
                       (SELECT role FROM membership m WHERE m.cohortId = cohort.id AND m.userId = :viewer) AS viewerRole
                FROM cohort JOIN program ON program.id = cohort.programId
                WHERE \(visible)
                ORDER BY cohort.startsOn DESC, cohort.name
                """
            return try Row.fetchAll(db, sql: sql, arguments: ["viewer": viewer.id]).map { row in
                CohortSummary(
                    cohort: try Cohort(row: row),
                    programName: row["programName"],
                    memberCount: row["memberCount"],
                    viewerRole: row["viewerRole"])
            }
        }
    }
}
