import CohortURLs
import Foundation
import GRDB

/// Something waiting for a facilitator or an admin, most pressing first: what the
/// dashboard leads with, each a link to where it is dealt with.
public struct FirstThing: Sendable, Equatable {
    public let text: String
    public let href: String

    public init(text: String, href: String) {
        self.text = text
        self.href = href
    }
}

/// Feedback a peer left on one of the viewer's artifacts.
public struct ReceivedFeedback: Sendable {
    public let authorName: String
    public let artifactTitle: String
    public let link: String
    public let addressed: Bool
}

extension AppDatabase {
    /// What waits for the viewer as a moderator, a facilitator or an admin; empty for others.
    public func firstThings(for viewer: Viewer, now: Date = Date()) async throws -> [FirstThing] {
        var things: [FirstThing] = []
        if viewer.mayModerate {
            let flags = try await flagQueue(viewer: viewer).count + feedbackFlagQueue(viewer: viewer).count
            if flags > 0 {
                things.append(FirstThing(text: "\(Wording.count(flags, "report")) of a post or feedback \(flags == 1 ? "waits" : "wait") for a decision",
                                         href: SiteURL.moderation.path))
            }
        }
        let facilitated = viewer.cohortRoles.filter { $0.value == .facilitator }.map(\.key)
        if !facilitated.isEmpty {
            let unanswered = try await reader.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT board.id, board.title, cohort.name, COUNT(*) FROM topic JOIN board ON board.id = topic.boardId
                    JOIN cohort ON cohort.id = board.cohortId
                    WHERE board.cohortId IN (\(facilitated.map { _ in "?" }.joined(separator: ","))) AND topic.kind = 'question'
                      AND topic.replyCount = 0 AND board.archivedAt IS NULL
                    GROUP BY board.id ORDER BY MIN(topic.createdAt)
                    """, arguments: StatementArguments(facilitated))
            }
            for row in unanswered {
                let count: Int = row[3]
                things.append(FirstThing(text: "\(Wording.count(count, "question")) without a reply in \(row[1] as String) (\(row[2] as String))",
                                         href: SiteURL.board.path(row[0])))
            }
        }
        if viewer.mayAdminister {
            let mail = try await outboxOverview(viewer: viewer, limit: 0)
            if mail.failed > 0 {
                things.append(FirstThing(text: "\(Wording.count(mail.failed, "message")) could not be delivered", href: SiteURL.adminMail.path))
            }
            let abandoned = try await reader.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submission WHERE state = 'claimed' AND leaseExpiresAt <= ?", arguments: [now]) ?? 0
            }
            if abandoned > 0 {
                things.append(FirstThing(text: "\(Wording.count(abandoned, "review")) held past \(abandoned == 1 ? "its" : "their") time, back in the queue",
                                         href: SiteURL.adminReviews.path))
            }
            let invitations = try await pendingInvitations().count
            if invitations > 0 {
                things.append(FirstThing(text: "\(Wording.count(invitations, "invitation")) not yet accepted", href: SiteURL.adminInvitations.path))
            }
        }
        return things
    }

    /// The latest feedback peers left on the viewer's own artifacts.
    public func feedbackReceived(viewer: Viewer, limit: Int = 5) async throws -> [ReceivedFeedback] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT feedback.id, feedback.addressedAt, user.name, artifact.id AS artifactId, artifact.title, artifactVersion.number
                FROM feedback JOIN artifactVersion ON artifactVersion.id = feedback.versionId
                JOIN artifact ON artifact.id = artifactVersion.artifactId JOIN user ON user.id = feedback.authorId
                WHERE artifact.ownerId = ? AND feedback.authorId != ? AND feedback.hiddenAt IS NULL
                ORDER BY feedback.createdAt DESC LIMIT ?
                """, arguments: [viewer.id, viewer.id, limit]).map { row in
                ReceivedFeedback(authorName: row[2], artifactTitle: row[4],
                                 link: SiteURL.feedback(row[0], onArtifact: row[3], version: row[5]),
                                 addressed: (row[1] as Date?) != nil)
            }
        }
    }
}
