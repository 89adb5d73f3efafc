import CohortURLs
import Foundation
import GRDB

extension AppDatabase {
    /// Feedback on one version of an artifact, as a reply to the version or to other
    /// feedback, optionally about one of the artifact's indicators. Tells the owner
    /// (or the person replied to) and closes the writer's open request.
    @discardableResult
    public func addFeedback(artifactId: Int64, versionNumber: Int, body: String, indicatorId: Int64?, parentId: Int64?,
                            viewer: Viewer, limits: PostingLimits = PostingLimits(), submission: FormSubmission? = nil,
                            now: Date = Date()) async throws -> Feedback {
        let source = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !source.isEmpty, source.count <= limits.maximumPostLength else { throw ArtifactError.bodyRequired }
        let html = PostMarkdown.html(from: source)
        return try await writer.write { db in
            if let id = try db.earlierResult(of: submission, by: viewer.id), let feedback = try Feedback.fetchOne(db, id: id) {
                return feedback
            }
            let artifact = try Self.visibleArtifact(db, id: artifactId, viewer: viewer)
            guard let version = try ArtifactVersion.filter(Column("artifactId") == artifactId && Column("number") == versionNumber)
                .fetchOne(db)
            else { throw ArtifactError.versionNotFound }
            try limits.checkRate(db, authorId: viewer.id, feedback: true, now: now)
            var parent: Feedback?
            if let parentId {
                guard let found = try Feedback.fetchOne(db, id: parentId), found.versionId == version.id else {
                    throw ArtifactError.feedbackNotFound
                }
                parent = found
            }
            let tagged = try indicatorId.flatMap { id in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM artifactIndicator WHERE artifactId = ? AND indicatorId = ?)",
                                  arguments: [artifactId, id]) == true ? id : nil
            }
            var feedback = Feedback(versionId: version.id!, authorId: viewer.id, parentId: parent?.id,
                                    indicatorId: parent == nil ? tagged : nil, source: source, html: html, createdAt: now)
            try feedback.insert(db)
            try db.execute(sql: "UPDATE feedbackRequest SET respondedAt = ? WHERE artifactId = ? AND peerId = ? AND respondedAt IS NULL",
                           arguments: [now, artifactId, viewer.id])
            let link = SiteURL.feedback(feedback.id!, onArtifact: artifactId, version: versionNumber)
            var told: Set<Int64> = [viewer.id]
            if let parent, told.insert(parent.authorId).inserted {
                try Self.artifactNotice(db, to: parent.authorId, kind: .feedback, actor: viewer.user, link: link,
                                        text: "\(viewer.user.name) replied to your feedback on “\(artifact.title)”", now: now)
            }
            if told.insert(artifact.ownerId).inserted {
                try Self.artifactNotice(db, to: artifact.ownerId, kind: .feedback, actor: viewer.user, link: link,
                                        text: "\(viewer.user.name) left feedback on “\(artifact.title)”", now: now)
            }
            try db.record(submission, created: feedback.id!, by: viewer.id, now: now)
            if parent == nil { try db.discardDraft(.feedback(artifactId: artifactId), of: viewer.id) }
            return feedback
        }
    }

    /// The owner marks top-level feedback addressed (or open again).
    public func setAddressed(feedbackId: Int64, _ addressed: Bool, viewer: Viewer, now: Date = Date()) async throws {
        try await writer.write { db in
            let (feedback, artifact) = try Self.visibleFeedback(db, id: feedbackId, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).feedback(feedback, viewer: viewer).requireMarkAddressed()
            try db.execute(sql: "UPDATE feedback SET addressedAt = ? WHERE id = ?", arguments: [addressed ? now : nil, feedbackId])
        }
    }

    /// A facilitator hides feedback, with a reason shown in its place.
    public func hideFeedback(id: Int64, reason: String, viewer: Viewer, now: Date = Date()) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.unicodeScalars.count <= 500 else { throw BoardError.reasonRequired }
        try await writer.write { db in
            let (_, artifact) = try Self.visibleFeedback(db, id: id, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).requireModerate()
            try db.execute(sql: "UPDATE feedback SET hiddenAt = ?, hiddenReason = ? WHERE id = ?", arguments: [now, reason, id])
            try db.execute(sql: """
                UPDATE feedbackFlag SET resolvedAt = ?, resolution = 'hidden', resolvedById = ? WHERE feedbackId = ? AND resolvedAt IS NULL
                """, arguments: [now, viewer.id, id])
            try db.audit("feedback.hide", by: viewer.id, on: "feedback", id: id, detail: reason, at: now)
        }
    }

    /// A facilitator shows hidden feedback again, as it was; showing visible feedback changes nothing.
    public func unhideFeedback(id: Int64, viewer: Viewer, now: Date = Date()) async throws {
        try await writer.write { db in
            let (feedback, artifact) = try Self.visibleFeedback(db, id: id, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).requireModerate()
            guard feedback.hiddenAt != nil else { return }
            try db.execute(sql: "UPDATE feedback SET hiddenAt = NULL, hiddenReason = NULL WHERE id = ?", arguments: [id])
            try db.audit("feedback.unhide", by: viewer.id, on: "feedback", id: id, at: now)
        }
    }

    /// The owner asks named members of their cohort for feedback.
    public func requestFeedback(artifactId: Int64, from peerIds: [Int64], viewer: Viewer, now: Date = Date()) async throws -> Int {
        try await writer.write { db in
            let artifact = try Self.visibleArtifact(db, id: artifactId, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).requireOwner()
            let members = Set(try Int64.fetchAll(db, sql: "SELECT userId FROM membership WHERE cohortId = ?", arguments: [artifact.cohortId]))
            let peers = Set(peerIds).subtracting([viewer.id])
            guard !peers.isEmpty, peers.isSubset(of: members) else { throw ArtifactError.notAPeer }
            return try Self.insertRequests(db, artifact: artifact, peers: Array(peers), viewer: viewer, now: now)
        }
    }

    /// Asks `count` participants of the cohort chosen for fairness: those with the
    /// fewest open requests first (then the longest-standing members), never the
    /// owner, never someone already asked about this artifact.
    public func autoRequestFeedback(artifactId: Int64, count: Int, viewer: Viewer, now: Date = Date()) async throws -> Int {
        try await writer.write { db in
            let artifact = try Self.visibleArtifact(db, id: artifactId, viewer: viewer)
            try ArtifactAbilities(artifact, viewer: viewer).requireOwner()
            let chosen = try Int64.fetchAll(db, sql: """
                SELECT membership.userId FROM membership
                WHERE membership.cohortId = ? AND membership.role = 'participant' AND membership.userId <> ?
                  AND membership.userId NOT IN (SELECT peerId FROM feedbackRequest WHERE artifactId = ?)
                ORDER BY (SELECT COUNT(*) FROM feedbackRequest r WHERE r.peerId = membership.userId AND r.respondedAt IS NULL),
                         membership.createdAt, membership.userId
                LIMIT ?
                """, arguments: [artifact.cohortId, viewer.id, artifactId, max(1, min(count, 5))])
            guard !chosen.isEmpty else { throw ArtifactError.noPeersToAsk }
            return try Self.insertRequests(db, artifact: artifact, peers: chosen, viewer: viewer, now: now)
        }
    }

    /// Requests waiting for the viewer's feedback, oldest first, for the dashboard.
    public func feedbackAskedOfMe(viewer: Viewer) async throws -> [(artifact: Artifact, ownerName: String)] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT artifact.*, user.name AS ownerName FROM feedbackRequest
                JOIN artifact ON artifact.id = feedbackRequest.artifactId JOIN user ON user.id = artifact.ownerId
                WHERE feedbackRequest.peerId = ? AND feedbackRequest.respondedAt IS NULL
                ORDER BY feedbackRequest.createdAt
                """, arguments: [viewer.id]).map { (try Artifact(row: $0), $0["ownerName"]) }
        }
    }

    static func feedbackRows(_ db: Database, versionId: Int64, abilities: ArtifactAbilities, viewer: Viewer) throws -> [FeedbackRow] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT feedback.*, user.name AS authorName, indicator.code AS indicatorCode FROM feedback
            JOIN user ON user.id = feedback.authorId LEFT JOIN indicator ON indicator.id = feedback.indicatorId
            WHERE feedback.versionId = ? ORDER BY feedback.id
            """, arguments: [versionId])
        var children: [Int64?: [(Feedback, String, String?)]] = [:]
        for row in rows {
            let feedback = try Feedback(row: row)
            children[feedback.parentId, default: []].append((feedback, row["authorName"], row["indicatorCode"]))
        }
        var ordered: [FeedbackRow] = []
        var stack = (children[nil] ?? []).reversed().map { ($0, 0) }
        while let ((feedback, name, code), depth) = stack.popLast() {
            ordered.append(FeedbackRow(feedback: feedback, authorName: name, indicatorCode: code, depth: min(depth, 3),
                                       abilities: abilities.feedback(feedback, viewer: viewer)))
            stack += (children[feedback.id] ?? []).reversed().map { ($0, depth + 1) }
        }
        return ordered
    }

    static func visibleFeedback(_ db: Database, id: Int64, viewer: Viewer) throws -> (Feedback, Artifact) {
        guard let feedback = try Feedback.fetchOne(db, id: id),
            let version = try ArtifactVersion.fetchOne(db, id: feedback.versionId),
            let artifact = try? visibleArtifact(db, id: version.artifactId, viewer: viewer)
        else { throw ArtifactError.feedbackNotFound }
        return (feedback, artifact)
    }

    private static func insertRequests(_ db: Database, artifact: Artifact, peers: [Int64], viewer: Viewer, now: Date) throws -> Int {
        var asked = 0
        for peer in peers {
            try db.execute(sql: "INSERT OR IGNORE INTO feedbackRequest (artifactId, peerId, createdAt) VALUES (?, ?, ?)",
                           arguments: [artifact.id!, peer, now])
            guard db.changesCount > 0 else { continue }
            asked += 1
            try artifactNotice(db, to: peer, kind: .feedbackRequest, actor: viewer.user, link: SiteURL.artifact.path(artifact.id!),
                               text: "\(viewer.user.name) asked for your feedback on “\(artifact.title)”", now: now)
        }
        return asked
    }

    static func artifactNotice(_ db: Database, to userId: Int64, kind: Notice.Kind, actor: User, link: String, text: String,
                               now: Date) throws {
        var notice = Notice(userId: userId, kind: kind, actorId: actor.id, text: text, link: link, createdAt: now)
        try notice.insert(db)
    }
}
