import Foundation
import GRDB

extension AppDatabase {
    /// The programme's indicators with their standards, in order.
    public func indicatorChoices() async throws -> [IndicatorChoice] {
        try await reader.read { db in try Self.indicatorChoices(db) }
    }

    static func indicatorChoices(_ db: Database) throws -> [IndicatorChoice] {
        try Row.fetchAll(db, sql: """
            SELECT indicator.id, indicator.code, indicator.title, standard.name FROM indicator
            JOIN standard ON standard.id = indicator.standardId ORDER BY standard.position, indicator.position
            """).map { IndicatorChoice(id: $0[0], code: $0[1], title: $0[2], standardName: $0[3]) }
    }

    /// A member shares a new artifact with their cohort: its first version holds the
    /// file, the link, or both.
    public func createArtifact(cohortId: Int64, title: String, description: String, indicatorIds: [Int64],
                               file: ReceivedFile?, link: String, viewer: Viewer, submission: FormSubmission? = nil,
                               now: Date = Date()) async throws -> Artifact {
        try viewer.requireSee(cohortId: cohortId)
        guard viewer.abilities(inCohort: cohortId).canShareArtifacts else { throw ArtifactError.notAllowed }
        let described = try ArtifactDescription(title: title, description: description, indicatorIds: indicatorIds)
        let link = try Self.checkedLink(link)
        guard file != nil || link != nil else { throw ArtifactError.contentRequired }
        return try await writer.write { db in
            if let id = try db.earlierResult(of: submission, by: viewer.id), let artifact = try Artifact.fetchOne(db, id: id) {
                return artifact
            }
            var artifact = Artifact(ownerId: viewer.id, cohortId: cohortId, title: described.title, descriptionSource: described.source,
                                    descriptionHTML: described.html, latestVersion: 1, createdAt: now, updatedAt: now)
            try artifact.insert(db)
            try described.tag(artifact.id!, db)
            try Self.insertVersion(db, artifactId: artifact.id!, number: 1, note: "First version", file: file, link: link, now: now)
            try db.record(submission, created: artifact.id!, by: viewer.id, now: now)
            return artifact
        }
    }

    /// The owner uploads a revision; feedback stays with the version it was written on.
    public func addVersion(artifactId: Int64, note: String, file: ReceivedFile?, link: String, viewer: Viewer,
                           submission: FormSubmission? = nil, now: Date = Date()) async throws -> ArtifactVersion {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty, note.count <= 2_000 else { throw ArtifactError.noteRequired }
        let link = try Self.checkedLink(link)
        guard file != nil || link != nil else { throw ArtifactError.contentRequired }
        return try await writer.write { db in
            var artifact = try Self.visibleArtifact(db, id: artifactId, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).requireOwner()
            if let id = try db.earlierResult(of: submission, by: viewer.id), let version = try ArtifactVersion.fetchOne(db, id: id) {
                return version
            }
            artifact.latestVersion += 1
            artifact.updatedAt = now
            try artifact.update(db)
            let version = try Self.insertVersion(db, artifactId: artifactId, number: artifact.latestVersion, note: note,
                                                 file: file, link: link, now: now)
            try db.record(submission, created: version.id!, by: viewer.id, now: now)
            return version
        }
    }

    /// The artifact page: one version (the latest unless asked) with its feedback.
    public func artifactView(id: Int64, versionNumber: Int? = nil, viewer: Viewer) async throws -> ArtifactView {
        try await reader.read { db in
            let artifact = try Self.visibleArtifact(db, id: id, viewer: viewer)
            let abilities = ArtifactAbilities(artifact, viewer: viewer)
            let versions = try Row.fetchAll(db, sql: """
                SELECT artifactVersion.*, storedFile.id AS fid, storedFile.sha256, storedFile.size, storedFile.contentType,
                       storedFile.createdAt AS fileCreatedAt
                FROM artifactVersion LEFT JOIN storedFile ON storedFile.id = artifactVersion.storedFileId
                WHERE artifactId = ? ORDER BY number DESC
                """, arguments: [id]).map { row in
                VersionRow(version: try ArtifactVersion(row: row), file: (row["fid"] as Int64?).map {
                    StoredFile(id: $0, sha256: row["sha256"], size: row["size"], contentType: row["contentType"],
                               createdAt: row["fileCreatedAt"])
                })
            }
            guard let shown = versionNumber.map({ number in versions.first { $0.version.number == number } })
                ?? versions.first
            else { throw ArtifactError.versionNotFound }
            let indicators = try Self.indicatorChoices(db).filter { choice in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM artifactIndicator WHERE artifactId = ? AND indicatorId = ?)",
                                  arguments: [id, choice.id]) ?? false
            }
            let overview = try Self.cohortOverview(db, id: artifact.cohortId)
            let requests = try Row.fetchAll(db, sql: """
                SELECT user.name, feedbackRequest.respondedAt IS NOT NULL FROM feedbackRequest
                JOIN user ON user.id = feedbackRequest.peerId WHERE artifactId = ? ORDER BY user.name
                """, arguments: [id]).map { RequestRow(peerName: $0[0], responded: $0[1]) }
            let ownerName = try String.fetchOne(db, sql: "SELECT name FROM user WHERE id = ?", arguments: [artifact.ownerId]) ?? ""
            let earlierOpen = shown.version.number != artifact.latestVersion ? [] : try versions.dropFirst().flatMap { earlier in
                try Self.feedbackRows(db, versionId: earlier.version.id!, abilities: abilities, viewer: viewer)
                    .filter { $0.depth == 0 && $0.feedback.addressedAt == nil && $0.feedback.hiddenAt == nil }
                    .map { EarlierFeedback(versionNumber: earlier.version.number, row: $0) }
            }
            return ArtifactView(
                artifact: artifact, ownerName: ownerName,
                indicators: indicators, versions: versions, shown: shown,
                feedback: try Self.feedbackRows(db, versionId: shown.version.id!, abilities: abilities, viewer: viewer),
                requests: requests, abilities: abilities,
                peers: overview.members.filter { $0.userId != artifact.ownerId }, earlierOpen: earlierOpen)
        }
    }

    /// A cohort's artifacts, optionally for one indicator or one owner, newest first.
    public func gallery(cohortId: Int64, indicatorCode: String? = nil, ownerId: Int64? = nil,
                        viewer: Viewer) async throws -> [ArtifactSummary] {
        try viewer.requireSee(cohortId: cohortId)
        return try await reader.read { db in
            var filter: SQL = "artifact.cohortId = \(cohortId)"
            if let indicatorCode {
                filter = "\(filter) AND artifact.id IN (SELECT artifactId FROM artifactIndicator JOIN indicator ON indicator.id = indicatorId WHERE indicator.code = \(indicatorCode))"
            }
            if let ownerId { filter = "\(filter) AND artifact.ownerId = \(ownerId)" }
            return try Self.summaries(db, where: filter)
        }
    }

    /// The viewer's own artifacts across their cohorts.
    public func myArtifacts(viewer: Viewer) async throws -> [ArtifactSummary] {
        try await reader.read { db in try Self.summaries(db, where: "artifact.ownerId = \(viewer.id)") }
    }

    /// The stored file of a version, for someone who may see the artifact.
    public func download(versionId: Int64, viewer: Viewer) async throws -> (StoredFile, fileName: String) {
        try await reader.read { db in
            guard let version = try ArtifactVersion.fetchOne(db, id: versionId) else { throw ArtifactError.versionNotFound }
            do {
                _ = try Self.visibleArtifact(db, id: version.artifactId, viewer: viewer)
            } catch ArtifactError.artifactNotFound {
                throw ArtifactError.versionNotFound
            }
            guard let fileId = version.storedFileId, let file = try StoredFile.fetchOne(db, id: fileId) else {
                throw ArtifactError.versionNotFound
            }
            return (file, version.fileName ?? "artifact")
        }
    }

    static func visibleArtifact(_ db: Database, id: Int64, viewer: Viewer) throws -> Artifact {
        guard let artifact = try Artifact.fetchOne(db, id: id), viewer.canSee(cohortId: artifact.cohortId) else {
            throw ArtifactError.artifactNotFound
        }
        return artifact
    }

    @discardableResult
    private static func insertVersion(_ db: Database, artifactId: Int64, number: Int, note: String, file: ReceivedFile?,
                                      link: String?, now: Date) throws -> ArtifactVersion {
        var fileId: Int64?
        if let file {
            try db.execute(sql: """
                INSERT INTO storedFile (sha256, size, contentType, createdAt) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING
                """, arguments: [file.sha256, file.size, file.type.contentType, now])
            fileId = try Int64.fetchOne(db, sql: "SELECT id FROM storedFile WHERE sha256 = ?", arguments: [file.sha256])
        }
        var version = ArtifactVersion(artifactId: artifactId, number: number, note: note, storedFileId: fileId,
                                      fileName: file.map { Self.displayName($0.fileName) }, link: link, createdAt: now)
        try version.insert(db)
        return version
    }

    /// The last path component of what the browser sent, without control characters.
    static func displayName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "file"
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.isEmpty ? "file" : String(clean.prefix(200))
    }

    static func checkedLink(_ raw: String) throws -> String? {
        let link = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !link.isEmpty else { return nil }
        guard link.count <= 500, let safe = PostMarkdown.safeURL(link), !safe.lowercased().hasPrefix("mailto:") else {
            throw ArtifactError.invalidLink
        }
        return safe
    }

    private static func summaries(_ db: Database, where filter: SQL) throws -> [ArtifactSummary] {
        let rows = try Row.fetchAll(db, SQLRequest<Row>(literal: """
            SELECT artifact.*, user.name AS ownerName,
                   (SELECT group_concat(code, ' ') FROM (SELECT indicator.code FROM artifactIndicator
                      JOIN indicator ON indicator.id = artifactIndicator.indicatorId
                      WHERE artifactIndicator.artifactId = artifact.id ORDER BY indicator.code)) AS codes,
                   (SELECT COUNT(*) FROM feedback JOIN artifactVersion v ON v.id = feedback.versionId
                      WHERE v.artifactId = artifact.id AND feedback.addressedAt IS NULL AND feedback.hiddenAt IS NULL
                      AND feedback.parentId IS NULL) AS openFeedback,
                   (SELECT COUNT(*) FROM feedback JOIN artifactVersion v ON v.id = feedback.versionId
                      WHERE v.artifactId = artifact.id AND feedback.addressedAt IS NOT NULL) AS addressedFeedback,
                   (SELECT COUNT(*) FROM feedbackRequest r WHERE r.artifactId = artifact.id AND r.respondedAt IS NULL) AS openRequests
            FROM artifact JOIN user ON user.id = artifact.ownerId
            WHERE \(filter)
            ORDER BY artifact.updatedAt DESC, artifact.id DESC
            """))
        return try rows.map { row in
            ArtifactSummary(artifact: try Artifact(row: row), ownerName: row["ownerName"],
                            indicatorCodes: (row["codes"] as String?)?.split(separator: " ").map(String.init) ?? [],
                            openFeedback: row["openFeedback"], addressedFeedback: row["addressedFeedback"],
                            openRequests: row["openRequests"])
        }
    }
}
