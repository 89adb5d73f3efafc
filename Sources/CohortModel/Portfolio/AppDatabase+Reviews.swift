import CohortURLs
import Foundation
import GRDB

/// A criterion as the evaluator reviews it: what was submitted, and the mark so far.
public struct ReviewItem: Sendable {
    public let criterion: Int
    public let label: String
    public let html: String
    public let artifactTitle: String?
    public let versionId: Int64?
    public let versionNumber: Int?
    public let fileName: String?
    public let link: String?
    public let met: Bool?
    public let comment: String
}

/// A review's saved marks, counted.
public struct ReviewTally: Sendable, Equatable {
    public let met: Int
    /// Criteria marked neither met nor not met.
    public let unmarked: [Int]
    /// Criteria marked not met without a comment saying why.
    public let unexplained: [Int]
    /// Criteria met that pass.
    public let passMark: Int

    public var isComplete: Bool { unmarked.isEmpty && unexplained.isEmpty }
    public var passes: Bool { met >= passMark }
}

public struct ReviewView: Sendable {
    public let submission: Submission
    public let educatorName: String
    public let cohortName: String
    public let items: [ReviewItem]
    public let overallFeedback: String
    public let passMark: Int
}

extension AppDatabase {
    /// The claimed submission, read-only, with the evaluator's draft marks.
    public func reviewView(submissionId: Int64, viewer: Viewer, now: Date = Date()) async throws -> ReviewView {
        try await reader.read { db in
            let submission = try Self.claimedSubmission(db, id: submissionId, viewer: viewer, now: now)
            let info = try Row.fetchOne(db, sql: """
                SELECT user.name, cohort.name, program.passMarkPercent FROM portfolio JOIN user ON user.id = portfolio.userId
                JOIN cohort ON cohort.id = portfolio.cohortId JOIN program ON program.id = cohort.programId WHERE portfolio.id = ?
                """, arguments: [submission.portfolioId])!
            let review = try Row.fetchOne(db, sql: "SELECT id, overallFeedback FROM review WHERE submissionId = ?", arguments: [submissionId])
            var marks: [Int: (Bool?, String)] = [:]
            if let reviewId: Int64 = review?["id"] {
                for row in try Row.fetchAll(db, sql: "SELECT criterion, met, comment FROM reviewMark WHERE reviewId = ?", arguments: [reviewId]) {
                    marks[row[0]] = (row[1], row[2])
                }
            }
            let items = try Self.submittedItems(db, submissionId: submissionId).map { item in
                ReviewItem(criterion: item.criterion, label: item.label, html: item.html, artifactTitle: item.artifactTitle,
                           versionId: item.versionId, versionNumber: item.versionNumber, fileName: item.fileName, link: item.link,
                           met: marks[item.criterion]?.0 ?? nil, comment: marks[item.criterion]?.1 ?? "")
            }
            return ReviewView(submission: submission, educatorName: info[0], cohortName: info[1], items: items,
                              overallFeedback: review?["overallFeedback"] ?? "", passMark: info[2])
        }
    }

    /// Saves the evaluator's marks (renewing the hold); with `submit`, also decides.
    public func saveReview(submissionId: Int64, marks: [Int: (met: Bool?, comment: String)], overall: String, submit: Bool,
                           viewer: Viewer, now: Date = Date()) async throws -> Submission {
        let marks = marks.mapValues { (met: $0.met, comment: $0.comment.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let overall = overall.trimmingCharacters(in: .whitespacesAndNewlines)
        if let criterion = marks.keys.sorted().first(where: { marks[$0]!.comment.unicodeScalars.count > PortfolioRules.maximumCommentLength }) {
            throw PortfolioError.commentTooLong(criterion: criterion)
        }
        guard overall.unicodeScalars.count <= PortfolioRules.maximumOverallLength else { throw PortfolioError.overallTooLong }
        return try await writer.write { db in
            var submission = try Self.claimedSubmission(db, id: submissionId, viewer: viewer, now: now)
            try db.execute(sql: """
                INSERT INTO review (submissionId, evaluatorId, overallFeedback, updatedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (submissionId) DO UPDATE SET overallFeedback = excluded.overallFeedback, updatedAt = excluded.updatedAt,
                    evaluatorId = excluded.evaluatorId
                """, arguments: [submissionId, viewer.id, overall, now])
            let reviewId = try Int64.fetchOne(db, sql: "SELECT id FROM review WHERE submissionId = ?", arguments: [submissionId])!
            for (criterion, mark) in marks where (1...PortfolioRules.criteria).contains(criterion) {
                try db.execute(sql: """
                    INSERT INTO reviewMark (reviewId, criterion, met, comment) VALUES (?, ?, ?, ?)
                    ON CONFLICT (reviewId, criterion) DO UPDATE SET met = excluded.met, comment = excluded.comment
                    """, arguments: [reviewId, criterion, mark.met, mark.comment])
            }
            submission.leaseExpiresAt = now.addingTimeInterval(PortfolioRules.leaseHours * 3600)
            guard submit else {
                try submission.update(db)
                return submission
            }
            return try Self.decide(db, &submission, viewer: viewer, now: now)
        }
    }

    /// Decides the held review on its saved marks (the evaluator has confirmed).
    public func decideReview(submissionId: Int64, viewer: Viewer, now: Date = Date()) async throws -> Submission {
        try await writer.write { db in
            var submission = try Self.claimedSubmission(db, id: submissionId, viewer: viewer, now: now)
            return try Self.decide(db, &submission, viewer: viewer, now: now)
        }
    }

    /// The saved marks of the held review: its score and what stops it being submitted.
    public func reviewTally(submissionId: Int64, viewer: Viewer, now: Date = Date()) async throws -> ReviewTally {
        try await reader.read { db in
            let submission = try Self.claimedSubmission(db, id: submissionId, viewer: viewer, now: now)
            return try Self.tally(db, submission: submission)
        }
    }

    static func tally(_ db: Database, submission: Submission) throws -> ReviewTally {
        let marks = try Row.fetchAll(db, sql: """
            SELECT reviewMark.criterion, reviewMark.met, reviewMark.comment FROM reviewMark JOIN review ON review.id = reviewMark.reviewId
            WHERE review.submissionId = ?
            """, arguments: [submission.id])
        let met = Dictionary(marks.map { ($0["criterion"] as Int, ($0["met"] as Bool?, $0["comment"] as String)) }, uniquingKeysWith: { a, _ in a })
        let criteria = Array(1...PortfolioRules.criteria)
        let passMark = try Int.fetchOne(db, sql: """
            SELECT program.passMarkPercent FROM portfolio JOIN cohort ON cohort.id = portfolio.cohortId
            JOIN program ON program.id = cohort.programId WHERE portfolio.id = ?
            """, arguments: [submission.portfolioId]) ?? 80
        return ReviewTally(
            met: criteria.filter { met[$0]?.0 == true }.count,
            unmarked: criteria.filter { met[$0]?.0 == nil },
            unexplained: criteria.filter { met[$0]?.0 == false && met[$0]?.1.isEmpty != false },
            passMark: (passMark * PortfolioRules.criteria + 99) / 100)
    }

    /// The score is the number of criteria met, the programme's pass mark passes, a
    /// pass makes a certificate, and the educator is told. A decided review is final.
    private static func decide(_ db: Database, _ submission: inout Submission, viewer: Viewer, now: Date) throws -> Submission {
        let tally = try tally(db, submission: submission)
        guard tally.isComplete else { throw PortfolioError.reviewNotReady(unmarked: tally.unmarked, unexplained: tally.unexplained) }
        let reviewId = try Int64.fetchOne(db, sql: "SELECT id FROM review WHERE submissionId = ?", arguments: [submission.id])!
        let (score, passed) = (tally.met, tally.passes)
        let submissionId = submission.id!
        submission.state = .decided
        submission.decidedAt = now
        submission.score = score
        submission.passed = passed
        try submission.update(db)
        try db.execute(sql: "UPDATE review SET submittedAt = ? WHERE id = ?", arguments: [now, reviewId])
        let portfolio = try Portfolio.fetchOne(db, id: submission.portfolioId)!
        try db.execute(sql: "UPDATE portfolio SET state = ?, updatedAt = ? WHERE id = ?",
                       arguments: [passed ? "passed" : "returned", now, portfolio.id])
        if passed { try Self.issueCertificate(db, portfolio: portfolio, submission: submission, now: now) }
        let text = passed ? "Your portfolio passed with \(score)/25. Congratulations!"
            : "Your portfolio was returned with \(score)/25 and feedback. You can revise and resubmit before your deadline."
        try Self.artifactNotice(db, to: portfolio.userId, kind: .reviewDecision, actor: viewer.user,
                                link: SiteURL.portfolio.path(portfolio.cohortId), text: text, now: now)
        try db.audit("review.decide", by: viewer.id, on: "submission", id: submissionId,
                     detail: "\(score)/25 \(passed ? "passed" : "returned")", at: now)
        return submission
    }

    /// A file of a version in the claimed submission, for its evaluator.
    public func reviewDownload(submissionId: Int64, versionId: Int64, viewer: Viewer, now: Date = Date()) async throws
        -> (StoredFile, fileName: String)
    {
        try await reader.read { db in
            _ = try Self.claimedSubmission(db, id: submissionId, viewer: viewer, now: now)
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM submissionItem WHERE submissionId = ? AND artifactVersionId = ?)",
                                    arguments: [submissionId, versionId]) == true,
                let version = try ArtifactVersion.fetchOne(db, id: versionId), let fileId = version.storedFileId,
                let file = try StoredFile.fetchOne(db, id: fileId)
            else { throw ArtifactError.versionNotFound }
            return (file, version.fileName ?? "artifact")
        }
    }

    static func decidedReviews(_ db: Database, portfolioId: Int64?) throws -> [DecidedReview] {
        guard let portfolioId else { return [] }
        return try Submission.fetchAll(db, sql: "SELECT * FROM submission WHERE portfolioId = ? AND state = 'decided' ORDER BY attempt DESC",
                                       arguments: [portfolioId]).map { submission in
            let review = try Row.fetchOne(db, sql: "SELECT id, overallFeedback FROM review WHERE submissionId = ?", arguments: [submission.id])
            let labels = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT submissionItem.criterion, indicator.code FROM submissionItem LEFT JOIN indicator ON indicator.id = submissionItem.indicatorId
                WHERE submissionId = ?
                """, arguments: [submission.id]).map { (($0[0] as Int) + 1, ($0[1] as String?) ?? "Reflection") })
            let marks = try Row.fetchAll(db, sql: "SELECT criterion, met, comment FROM reviewMark WHERE reviewId = ? ORDER BY criterion",
                                         arguments: [review?["id"] as Int64? ?? -1]).map {
                (criterion: $0[0] as Int, label: labels[$0[0]] ?? "", met: $0[1] as Bool, comment: $0[2] as String)
            }
            return DecidedReview(submission: submission, overallFeedback: review?["overallFeedback"] ?? "", marks: marks)
        }
    }

    /// What a submission froze, criterion by criterion (1 is the reflection), without marks.
    static func submittedItems(_ db: Database, submissionId: Int64) throws -> [SubmittedItem] {
        try Row.fetchAll(db, sql: """
            SELECT submissionItem.criterion, submissionItem.html, indicator.code, indicator.title, artifact.title AS artifactTitle,
                   artifact.id AS artifactId, artifactVersion.id AS versionId, artifactVersion.number, artifactVersion.fileName,
                   artifactVersion.link
            FROM submissionItem LEFT JOIN indicator ON indicator.id = submissionItem.indicatorId
            LEFT JOIN artifactVersion ON artifactVersion.id = submissionItem.artifactVersionId
            LEFT JOIN artifact ON artifact.id = artifactVersion.artifactId
            WHERE submissionId = ? ORDER BY criterion
            """, arguments: [submissionId]).map { row in
            let code: String? = row["code"]
            return SubmittedItem(
                criterion: (row["criterion"] as Int) + 1, label: code.map { "\($0) \(row["title"] as String)" } ?? "Reflection",
                html: row["html"], artifactId: row["artifactId"], artifactTitle: row["artifactTitle"], versionId: row["versionId"],
                versionNumber: row["number"], fileName: row["fileName"], link: row["link"])
        }
    }

    /// The submission, if the viewer holds it now (admins may look at any claimed one).
    private static func claimedSubmission(_ db: Database, id: Int64, viewer: Viewer, now: Date) throws -> Submission {
        guard let submission = try Submission.fetchOne(db, id: id), submission.state == .claimed,
            viewer.mayWorkOn(submission)
        else { throw PortfolioError.submissionNotFound }
        guard let lease = submission.leaseExpiresAt, lease > now else { throw PortfolioError.claimExpired }
        return submission
    }
}
