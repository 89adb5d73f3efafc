import Foundation
import GRDB

extension AppDatabase {
    /// The owner changes what they say of an artifact; its versions and feedback stay.
    public func updateArtifact(id: Int64, title: String, description: String, indicatorIds: [Int64], viewer: Viewer,
                               now: Date = Date()) async throws -> Artifact {
        let described = try ArtifactDescription(title: title, description: description, indicatorIds: indicatorIds)
        return try await writer.write { db in
            var artifact = try Self.visibleArtifact(db, id: id, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).requireOwner()
            artifact.title = described.title
            artifact.descriptionSource = described.source
            artifact.descriptionHTML = described.html
            artifact.updatedAt = now
            try artifact.update(db)
            try described.tag(id, db)
            try db.audit("artifact.edit", by: viewer.id, on: "artifact", id: id, at: now)
            return artifact
        }
    }

    /// Where the viewer's portfolio (or a submission of it) links this artifact, as
    /// indicator codes; an artifact in use cannot be deleted.
    public func portfolioUses(ofArtifact id: Int64, viewer: Viewer) async throws -> [String] {
        try await reader.read { db in
            let artifact = try Self.visibleArtifact(db, id: id, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).requireOwner()
            return try Self.portfolioUses(db, artifactId: id)
        }
    }

    /// The owner deletes an artifact no portfolio uses, with its versions, feedback and
    /// files. Returns its cohort.
    public func deleteArtifact(id: Int64, viewer: Viewer, store: FileStore, now: Date = Date()) async throws -> Int64 {
        let (cohortId, unused) = try await writer.write { db in
            let artifact = try Self.visibleArtifact(db, id: id, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).requireOwner()
            let uses = try Self.portfolioUses(db, artifactId: id)
            guard uses.isEmpty else { throw ArtifactError.inPortfolio(uses) }
            let files = try StoredFile.fetchAll(db, sql: """
                SELECT DISTINCT storedFile.* FROM storedFile JOIN artifactVersion ON artifactVersion.storedFileId = storedFile.id
                WHERE artifactVersion.artifactId = ?
                """, arguments: [id])
            try artifact.delete(db)
            // A file goes with its last version: the same content shared twice is stored once.
            var unused: [StoredFile] = []
            for file in files where try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM artifactVersion WHERE storedFileId = ?)",
                                                       arguments: [file.id])! {
                try file.delete(db)
                unused.append(file)
            }
            try db.audit("artifact.delete", by: viewer.id, on: "artifact", id: id, detail: artifact.title, at: now)
            return (artifact.cohortId, unused)
        }
        // After the commit: a crash in between leaves files no row refers to, which the start-up sweep removes.
        for file in unused { await discardUnreferencedUpload(sha256: file.sha256, store: store) }
        return cohortId
    }

    private static func portfolioUses(_ db: Database, artifactId: Int64) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT indicator.code FROM artifactVersion
            JOIN (SELECT artifactVersionId, indicatorId FROM portfolioEntry
                  UNION ALL SELECT artifactVersionId, indicatorId FROM submissionItem) used ON used.artifactVersionId = artifactVersion.id
            JOIN indicator ON indicator.id = used.indicatorId
            WHERE artifactVersion.artifactId = ? ORDER BY indicator.code
            """, arguments: [artifactId])
    }
}
