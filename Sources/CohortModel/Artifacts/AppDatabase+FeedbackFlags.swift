import Foundation
import GRDB

/// An open flag on artifact feedback, as the moderation queue shows it.
public struct FeedbackFlagItem: Sendable {
    public let flagId: Int64
    public let feedbackId: Int64
    public let artifactId: Int64
    public let artifactTitle: String
    public let reason: String
    public let reporterName: String
    public let authorName: String
    public let html: String
    public let hidden: Bool
}

extension AppDatabase {
    /// A member reports feedback on an artifact, as they can a post.
    public func flagFeedback(id: Int64, reason: String, viewer: Viewer, now: Date = Date()) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.unicodeScalars.count <= 500 else { throw BoardError.reasonRequired }
        try await writer.write { db in
            let (feedback, artifact) = try Self.visibleFeedback(db, id: id, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).feedback(feedback, viewer: viewer).requireFlag()
            try db.execute(sql: "INSERT OR IGNORE INTO feedbackFlag (feedbackId, reporterId, reason, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [id, viewer.id, reason, now])
            guard db.changesCount > 0 else { throw BoardError.alreadyFlagged }
        }
    }

    /// Open flags on feedback in the cohorts the viewer runs, oldest first.
    public func feedbackFlagQueue(viewer: Viewer) async throws -> [FeedbackFlagItem] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT feedbackFlag.id, feedback.id, artifact.id, artifact.title, feedbackFlag.reason, reporter.name, author.name,
                       feedback.html, feedback.hiddenAt IS NOT NULL, artifact.cohortId
                FROM feedbackFlag JOIN feedback ON feedback.id = feedbackFlag.feedbackId
                JOIN artifactVersion ON artifactVersion.id = feedback.versionId JOIN artifact ON artifact.id = artifactVersion.artifactId
                JOIN user reporter ON reporter.id = feedbackFlag.reporterId JOIN user author ON author.id = feedback.authorId
                WHERE feedbackFlag.resolvedAt IS NULL ORDER BY feedbackFlag.id
                """).filter { viewer.canManage(cohortId: $0[9]) }.map {
                FeedbackFlagItem(flagId: $0[0], feedbackId: $0[1], artifactId: $0[2], artifactTitle: $0[3], reason: $0[4],
                                 reporterName: $0[5], authorName: $0[6], html: $0[7], hidden: $0[8])
            }
        }
    }

    public func dismissFeedbackFlag(id: Int64, viewer: Viewer, now: Date = Date()) async throws {
        try await writer.write { db in
            guard let feedbackId = try Int64.fetchOne(db, sql: "SELECT feedbackId FROM feedbackFlag WHERE id = ? AND resolvedAt IS NULL",
                                                      arguments: [id])
            else { throw ArtifactError.feedbackNotFound }
            let (_, artifact) = try Self.visibleFeedback(db, id: feedbackId, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).requireModerate()
            try db.execute(sql: "UPDATE feedbackFlag SET resolvedAt = ?, resolution = 'dismissed', resolvedById = ? WHERE id = ?",
                           arguments: [now, viewer.id, id])
            try db.audit("feedback-flag.dismiss", by: viewer.id, on: "feedback", id: feedbackId, at: now)
        }
    }
}
