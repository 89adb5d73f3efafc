import Foundation
import GRDB

/// The queue as an evaluator sees it.
public struct QueueStatus: Sendable {
    public let waiting: Int
    public let inReview: Int
    public let decided: Int
    /// Days each waiting submission has waited, oldest first.
    public let waitingDays: [Int]
    /// The viewer's active claim, if any.
    public let myClaim: Submission?
    /// Submissions the viewer decided, newest first.
    public let myDecisions: [(submission: Submission, educatorName: String)]
}

extension AppDatabase {
    public func queueStatus(viewer: Viewer, now: Date = Date()) async throws -> QueueStatus {
        guard viewer.mayReview else { throw PortfolioError.notAllowed }
        return try await reader.read { db in
            let waiting = try Date.fetchAll(db, sql: """
                SELECT submittedAt FROM submission WHERE state = 'queued' OR (state = 'claimed' AND leaseExpiresAt <= ?)
                ORDER BY submittedAt
                """, arguments: [now])
            let counts = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM submission GROUP BY state")
            func count(_ state: String) -> Int { counts.first { $0[0] as String == state }?[1] ?? 0 }
            let claim = try Submission.fetchOne(db, sql: """
                SELECT * FROM submission WHERE state = 'claimed' AND claimedById = ? AND leaseExpiresAt > ? LIMIT 1
                """, arguments: [viewer.id, now])
            let decisions = try Row.fetchAll(db, sql: """
                SELECT submission.*, user.name AS educatorName FROM submission
                JOIN review ON review.submissionId = submission.id JOIN portfolio ON portfolio.id = submission.portfolioId
                JOIN user ON user.id = portfolio.userId
                WHERE review.evaluatorId = ? AND submission.state = 'decided' ORDER BY submission.decidedAt DESC LIMIT 50
                """, arguments: [viewer.id]).map { (try Submission(row: $0), $0["educatorName"] as String) }
            return QueueStatus(
                waiting: waiting.count, inReview: count("claimed") - (waiting.count - count("queued")), decided: count("decided"),
                waitingDays: waiting.map { Int(now.timeIntervalSince($0) / 86_400) }, myClaim: claim, myDecisions: decisions)
        }
    }

    /// Hands the evaluator the oldest waiting submission they have no conflict with
    /// (not their own, not from a cohort they facilitate), held for them with a lease.
    /// One transaction: two evaluators asking at once never get the same one. An
    /// evaluator who already holds one gets it back.
    public func claimNext(viewer: Viewer, now: Date = Date()) async throws -> Submission {
        guard viewer.mayReview else { throw PortfolioError.notAllowed }
        let conflicts = viewer.cohortsWithReviewConflict
        return try await writer.write { db in
            if let held = try Submission.fetchOne(db, sql: """
                SELECT * FROM submission WHERE state = 'claimed' AND claimedById = ? AND leaseExpiresAt > ? LIMIT 1
                """, arguments: [viewer.id, now]) {
                return held
            }
            guard var next = try Submission.fetchOne(db, SQLRequest<Submission>(literal: """
                SELECT submission.* FROM submission JOIN portfolio ON portfolio.id = submission.portfolioId
                WHERE (submission.state = 'queued' OR (submission.state = 'claimed' AND submission.leaseExpiresAt <= \(now)))
                  AND portfolio.userId <> \(viewer.id) AND portfolio.cohortId NOT IN \(conflicts)
                ORDER BY submission.submittedAt, submission.id LIMIT 1
                """))
            else { throw PortfolioError.queueEmpty }
            next.state = .claimed
            next.claimedById = viewer.id
            next.leaseExpiresAt = now.addingTimeInterval(PortfolioRules.leaseHours * 3600)
            try next.update(db)
            try db.execute(sql: "UPDATE portfolio SET state = 'inReview' WHERE id = ?", arguments: [next.portfolioId])
            try db.audit("review.claim", by: viewer.id, on: "submission", id: next.id, at: now)
            return next
        }
    }

    /// An admin puts a claimed submission back in the queue, or hands it to another evaluator.
    public func releaseClaim(submissionId: Int64, to evaluatorId: Int64? = nil, viewer: Viewer, now: Date = Date()) async throws {
        guard viewer.mayAdminister else { throw PortfolioError.notAllowed }
        try await writer.write { db in
            guard var submission = try Submission.fetchOne(db, id: submissionId), submission.state == .claimed else {
                throw PortfolioError.submissionNotFound
            }
            if let evaluatorId {
                guard try User.fetchOne(db, id: evaluatorId)?.role == .evaluator else { throw PortfolioError.notAnEvaluator }
                submission.claimedById = evaluatorId
                submission.leaseExpiresAt = now.addingTimeInterval(PortfolioRules.leaseHours * 3600)
                try db.execute(sql: "UPDATE review SET evaluatorId = ? WHERE submissionId = ?", arguments: [evaluatorId, submissionId])
            } else {
                submission.state = .queued
                submission.claimedById = nil
                submission.leaseExpiresAt = nil
                try db.execute(sql: "UPDATE portfolio SET state = 'submitted' WHERE id = ?", arguments: [submission.portfolioId])
            }
            try submission.update(db)
            try db.audit(evaluatorId == nil ? "review.release" : "review.reassign", by: viewer.id, on: "submission",
                         id: submissionId, detail: evaluatorId.map { "to user \($0)" } ?? "", at: now)
        }
    }

    /// Claimed submissions, for the admin's release and reassign tools.
    public func activeClaims(viewer: Viewer) async throws -> [(submission: Submission, educator: String, evaluator: String)] {
        guard viewer.mayAdminister else { throw PortfolioError.notAllowed }
        return try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT submission.*, educator.name AS educatorName, evaluator.name AS evaluatorName FROM submission
                JOIN portfolio ON portfolio.id = submission.portfolioId JOIN user educator ON educator.id = portfolio.userId
                JOIN user evaluator ON evaluator.id = submission.claimedById WHERE submission.state = 'claimed'
                ORDER BY submission.submittedAt
                """).map { (try Submission(row: $0), $0["educatorName"], $0["evaluatorName"]) }
        }
    }
}

/// The admins' figures on portfolios.
public struct PortfolioReport: Sendable {
    public struct CohortLine: Sendable {
        public let cohortName: String
        public let submissions: Int
        public let decided: Int
        public let passed: Int
        public let medianDaysToDecision: Double?
    }

    public struct EvaluatorLine: Sendable {
        public let name: String
        public let holding: Int
        public let decided: Int
    }

    public let cohorts: [CohortLine]
    public let evaluators: [EvaluatorLine]
}

extension AppDatabase {
    public func portfolioReport(viewer: Viewer) async throws -> PortfolioReport {
        guard viewer.mayAdminister else { throw PortfolioError.notAllowed }
        return try await reader.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT cohort.name, submission.state, submission.passed, submission.submittedAt, submission.decidedAt
                FROM submission JOIN portfolio ON portfolio.id = submission.portfolioId JOIN cohort ON cohort.id = portfolio.cohortId
                ORDER BY cohort.name
                """)
            let grouped = Dictionary(grouping: rows, by: { $0[0] as String })
            let cohorts = grouped.keys.sorted().map { name -> PortfolioReport.CohortLine in
                let lines = grouped[name]!
                let decided = lines.filter { $0[1] as String == "decided" }
                let days = decided.compactMap { row -> Double? in
                    guard let submitted: Date = row[3], let decidedAt: Date = row[4] else { return nil }
                    return decidedAt.timeIntervalSince(submitted) / 86_400
                }.sorted()
                let median = days.isEmpty ? nil : days.count % 2 == 1 ? days[days.count / 2] : (days[days.count / 2 - 1] + days[days.count / 2]) / 2
                return .init(cohortName: name, submissions: lines.count, decided: decided.count,
                             passed: decided.filter { ($0[2] as Bool?) == true }.count, medianDaysToDecision: median)
            }
            let evaluators = try Row.fetchAll(db, sql: """
                SELECT user.name,
                       (SELECT COUNT(*) FROM submission WHERE claimedById = user.id AND state = 'claimed'),
                       (SELECT COUNT(*) FROM review WHERE evaluatorId = user.id AND submittedAt IS NOT NULL)
                FROM user WHERE role = 'evaluator' ORDER BY user.name
                """).map { PortfolioReport.EvaluatorLine(name: $0[0], holding: $0[1], decided: $0[2]) }
            return PortfolioReport(cohorts: cohorts, evaluators: evaluators)
        }
    }
}
