import Foundation
import GRDB

/// What the owner says of an artifact (its title, description and indicators), checked
/// once for sharing and editing alike.
struct ArtifactDescription {
    let title: String
    let source: String
    let html: String
    let indicatorIds: Set<Int64>

    init(title: String, description: String, indicatorIds: [Int64]) throws(ArtifactError) {
        self.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !self.title.isEmpty, self.title.unicodeScalars.count <= 150 else { throw .titleRequired }
        source = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard source.count <= 20_000 else { throw .descriptionTooLong }
        guard !indicatorIds.isEmpty else { throw .indicatorsRequired }
        self.indicatorIds = Set(indicatorIds)
        html = PostMarkdown.html(from: source)
    }

    /// Tags the artifact with exactly these indicators.
    func tag(_ artifactId: Int64, _ db: Database) throws {
        let known = Set(try Int64.fetchAll(db, sql: "SELECT id FROM indicator"))
        guard indicatorIds.isSubset(of: known) else { throw ArtifactError.indicatorsRequired }
        try db.execute(sql: "DELETE FROM artifactIndicator WHERE artifactId = ?", arguments: [artifactId])
        for indicatorId in indicatorIds {
            try db.execute(sql: "INSERT INTO artifactIndicator (artifactId, indicatorId) VALUES (?, ?)", arguments: [artifactId, indicatorId])
        }
    }
}
