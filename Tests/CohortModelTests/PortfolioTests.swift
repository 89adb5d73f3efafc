import Foundation
import GRDB
import Testing
@testable import CohortModel

/// A cohort whose training ended on 2026-05-18 (deadline 2026-11-18), a participant
/// who completed it, an evaluator, and helpers to fill a portfolio.
struct PortfolioWorld {
    let database: AppDatabase
    let cohort: Cohort
    let pat: Viewer
    let evaluator: Viewer
    let admin: Viewer
    static let duringWindow = CalendarDay("2026-06-01")!.at(hour: 12, minute: 0, in: .gmt)

    init() async throws {
        database = try makeDatabase()
        cohort = try await database.makeCohort("Spring", startsOn: "2026-02-09")
        let user = try await database.makeUser("pat@school.org", name: "Pat Lee")
        try await database.enrol(userId: user.id!, in: cohort.id!, as: .participant, by: nil)
        pat = try await database.viewer(user)
        evaluator = try await database.viewer(try await database.makeUser("eva@school.org", role: .evaluator, name: "Eva"))
        admin = try await database.viewer(try await database.makeUser("root@school.org", role: .admin, name: "Root"))
        try await completeTraining(pat)
    }

    func completeTraining(_ viewer: Viewer) async throws {
        let facilitator = Viewer(user: admin.user, cohortRoles: [:])
        let grid = try await database.trainingProgress(cohortId: cohort.id!, by: facilitator)
        let row = grid.rows.first { $0.member.userId == viewer.id }!
        var marks = ProgressMarks(attended: [], courseworkComplete: [viewer.id])
        for session in grid.sessions { marks.attended.insert(.init(userId: row.member.userId, sessionId: session.session.id!)) }
        try await database.recordProgress(cohortId: cohort.id!, marks: marks, by: facilitator)
    }

    /// Shares `artifacts` artifacts and links all 24 indicators across them.
    @discardableResult
    func fill(_ viewer: Viewer? = nil, artifacts count: Int, uniqueContexts: Bool = true) async throws -> [Int64] {
        let viewer = viewer ?? pat
        let indicators = try await database.indicatorChoices()
        var versions: [Int64] = []
        for index in 0..<count {
            let artifact = try await database.createArtifact(cohortId: cohort.id!, title: "Artifact \(index)", description: "",
                                                             indicatorIds: [indicators[index % 24].id], file: nil,
                                                             link: "https://example.org/\(index)", viewer: viewer)
            versions.append(try await database.artifactView(id: artifact.id!, viewer: viewer).shown.version.id!)
        }
        var entries: [Int64: (versionId: Int64?, context: String)] = [:]
        for (index, indicator) in indicators.enumerated() {
            entries[indicator.id] = (versions[index % count], uniqueContexts ? "How it shows \(indicator.code)" : "Same words")
        }
        try await database.savePortfolio(cohortId: cohort.id!, reflection: "I teach grade 5 science.", entries: entries, viewer: viewer)
        return versions
    }

    func submit(_ viewer: Viewer? = nil, at now: Date = duringWindow) async throws -> Submission {
        try await database.submitPortfolio(cohortId: cohort.id!, viewer: viewer ?? pat, now: now)
    }

    func decide(_ submission: Submission, met: Int, by viewer: Viewer? = nil) async throws -> Submission {
        var marks: [Int: (met: Bool?, comment: String)] = [:]
        for criterion in 1...25 { marks[criterion] = (criterion <= met, criterion <= met ? "" : "Needs evidence of impact.") }
        return try await database.saveReview(submissionId: submission.id!, marks: marks, overall: "Thank you.", submit: true,
                                             viewer: viewer ?? evaluator, now: Self.duringWindow)
    }
}

@Suite struct PortfolioTests {
    @Test(arguments: [(8, false), (9, true), (14, true), (15, false)])
    func aPortfolioUsesNineToFourteenDistinctArtifacts(count: Int, ready: Bool) async throws {
        let world = try await PortfolioWorld()
        try await world.fill(artifacts: count)
        let view = try await world.database.portfolioView(cohortId: world.cohort.id!, viewer: world.pat, now: PortfolioWorld.duringWindow)
        #expect(view.distinctArtifacts == count)
        #expect(view.blockers.isEmpty == ready, "\(view.blockers)")
    }

    @Test func contextualizationsMustBeUniqueAndEveryCriterionFilled() async throws {
        let world = try await PortfolioWorld()
        try await world.fill(artifacts: 10, uniqueContexts: false)
        await #expect(throws: PortfolioError.self) { try await world.submit() }
        let view = try await world.database.portfolioView(cohortId: world.cohort.id!, viewer: world.pat, now: PortfolioWorld.duringWindow)
        #expect(view.blockers.contains("two criteria have the same explanation; write each one for its own indicator"))
        let empty = try await PortfolioWorld()
        let blank = try await empty.database.portfolioView(cohortId: empty.cohort.id!, viewer: empty.pat, now: PortfolioWorld.duringWindow)
        #expect(blank.blockers.contains("criterion 1, the reflection, is empty"))
        #expect(blank.criteria.count == 25)
        #expect(blank.coverage.map(\.standard).count == 7)
    }

    @Test func submissionNeedsCompletedTrainingAndTheWindow() async throws {
        let world = try await PortfolioWorld()
        try await world.fill(artifacts: 10)
        let before = CalendarDay("2026-05-17")!.at(hour: 12, minute: 0, in: .gmt)
        let firstDay = CalendarDay("2026-05-18")!.at(hour: 0, minute: 5, in: .gmt)
        let lastDay = CalendarDay("2026-11-18")!.at(hour: 23, minute: 0, in: .gmt)
        let after = CalendarDay("2026-11-19")!.at(hour: 0, minute: 5, in: .gmt)
        for (now, open) in [(before, false), (firstDay, true), (lastDay, true), (after, false)] {
            let view = try await world.database.portfolioView(cohortId: world.cohort.id!, viewer: world.pat, now: now)
            #expect(view.blockers.isEmpty == open, "\(now): \(view.blockers)")
            if now == before {
                #expect(view.blockers.contains("submissions open on Mon 18 May 2026, when the training ends"))
            }
        }
        try await world.database.extendDeadline(userId: world.pat.id, cohortId: world.cohort.id!, to: "2026-12-31",
                                                reason: "Medical leave", viewer: world.admin)
        #expect(try await world.database.portfolioView(cohortId: world.cohort.id!, viewer: world.pat, now: after).blockers.isEmpty)
        await #expect(throws: PortfolioError.notAllowed) {
            try await world.database.extendDeadline(userId: world.pat.id, cohortId: world.cohort.id!, to: "2027-01-01", reason: "x",
                                                    viewer: world.evaluator)
        }
        #expect(try world.database.auditActions().contains("portfolio.extend"))
        // Someone whose training is not complete cannot submit.
        let late = try await world.database.makeUser("late@school.org", name: "Late")
        try await world.database.enrol(userId: late.id!, in: world.cohort.id!, as: .participant, by: nil)
        let lateViewer = try await world.database.viewer(late)
        try await world.fill(lateViewer, artifacts: 10)
        let lateView = try await world.database.portfolioView(cohortId: world.cohort.id!, viewer: lateViewer, now: PortfolioWorld.duringWindow)
        #expect(lateView.blockers.first?.contains("training phase is not complete") == true)
    }

    @Test(arguments: [(19, false), (20, true)])
    func twentyOfTwentyFivePasses(met: Int, passes: Bool) async throws {
        let world = try await PortfolioWorld()
        try await world.fill(artifacts: 10)
        _ = try await world.submit()
        let claimed = try await world.database.claimNext(viewer: world.evaluator, now: PortfolioWorld.duringWindow)
        let decided = try await world.decide(claimed, met: met)
        #expect(decided.score == met)
        #expect(decided.passed == passes)
        let view = try await world.database.portfolioView(cohortId: world.cohort.id!, viewer: world.pat, now: PortfolioWorld.duringWindow)
        #expect(view.state == (passes ? .passed : .returned))
        #expect((view.certificateCode != nil) == passes)
        #expect(view.decided.first?.marks.count == 25)
        #expect(try await world.database.notices(for: world.pat).first?.kind == .reviewDecision)
    }

    @Test func aReturnedPortfolioIsRevisedAndResubmittedWithEveryAttemptKept() async throws {
        let world = try await PortfolioWorld()
        let versions = try await world.fill(artifacts: 10)
        let first = try await world.submit()
        // A later revision of a linked artifact does not change the submitted portfolio.
        let artifactId = try await world.database.reader.read { db in try Int64.fetchOne(db, sql: "SELECT artifactId FROM artifactVersion WHERE id = ?", arguments: [versions[0]])! }
        _ = try await world.database.addVersion(artifactId: artifactId, note: "Better", file: nil, link: "https://example.org/v2", viewer: world.pat)
        await #expect(throws: PortfolioError.notEditable) {
            try await world.database.savePortfolio(cohortId: world.cohort.id!, reflection: "changed", entries: [:], viewer: world.pat)
        }
        let claimed = try await world.database.claimNext(viewer: world.evaluator, now: PortfolioWorld.duringWindow)
        #expect(claimed.id == first.id)
        let review = try await world.database.reviewView(submissionId: claimed.id!, viewer: world.evaluator, now: PortfolioWorld.duringWindow)
        #expect(review.items.count == 25)
        #expect(review.items[1].versionId == versions[0])
        #expect(review.items[1].versionNumber == 1)
        await #expect(throws: PortfolioError.reviewNotReady(unmarked: [], unexplained: [3])) {
            var marks: [Int: (met: Bool?, comment: String)] = [:]
            for c in 1...25 { marks[c] = (c != 3, "") }
            _ = try await world.database.saveReview(submissionId: claimed.id!, marks: marks, overall: "", submit: true, viewer: world.evaluator,
                                                    now: PortfolioWorld.duringWindow)
        }
        _ = try await world.decide(claimed, met: 15)
        try await world.database.savePortfolio(cohortId: world.cohort.id!, reflection: "Revised reflection.", entries: [:], viewer: world.pat)
        let second = try await world.submit()
        #expect(second.attempt == 2)
        let again = try await world.database.claimNext(viewer: world.evaluator, now: PortfolioWorld.duringWindow)
        _ = try await world.decide(again, met: 25)
        let view = try await world.database.portfolioView(cohortId: world.cohort.id!, viewer: world.pat, now: PortfolioWorld.duringWindow)
        #expect(view.decided.map(\.submission.attempt) == [2, 1])
        #expect(view.state == .passed)
    }

    @Test func leasesExpireAndConflictsAreNeverHandedOut() async throws {
        let world = try await PortfolioWorld()
        try await world.fill(artifacts: 10)
        _ = try await world.submit()
        // The cohort's facilitator who is also an evaluator has a conflict.
        let conflicted = try await world.database.makeUser("fe@school.org", role: .evaluator, name: "Conflicted")
        try await world.database.enrol(userId: conflicted.id!, in: world.cohort.id!, as: .facilitator, by: nil)
        await #expect(throws: PortfolioError.queueEmpty) {
            try await world.database.claimNext(viewer: try await world.database.viewer(conflicted), now: PortfolioWorld.duringWindow)
        }
        let claimed = try await world.database.claimNext(viewer: world.evaluator, now: PortfolioWorld.duringWindow)
        let other = try await world.database.viewer(try await world.database.makeUser("ev2@school.org", role: .evaluator, name: "Other"))
        await #expect(throws: PortfolioError.queueEmpty) { try await world.database.claimNext(viewer: other, now: PortfolioWorld.duringWindow) }
        await #expect(throws: PortfolioError.submissionNotFound) {
            try await world.database.reviewView(submissionId: claimed.id!, viewer: other, now: PortfolioWorld.duringWindow)
        }
        let later = PortfolioWorld.duringWindow.addingTimeInterval(73 * 3600)
        await #expect(throws: PortfolioError.claimExpired) {
            try await world.database.reviewView(submissionId: claimed.id!, viewer: world.evaluator, now: later)
        }
        #expect(try await world.database.claimNext(viewer: other, now: later).id == claimed.id)
        try await world.database.releaseClaim(submissionId: claimed.id!, viewer: world.admin, now: later)
        #expect(try await world.database.queueStatus(viewer: world.evaluator, now: later).waiting == 1)
        #expect(try world.database.auditActions().filter { $0.hasPrefix("review.") } == ["review.claim", "review.claim", "review.release"])
    }

    @Test func certificatesExpireAfterThreeYearsAndCanBeRevoked() async throws {
        let world = try await PortfolioWorld()
        try await world.fill(artifacts: 10)
        _ = try await world.submit()
        _ = try await world.decide(try await world.database.claimNext(viewer: world.evaluator, now: PortfolioWorld.duringWindow), met: 22)
        let code = try #require(try await world.database.portfolioView(cohortId: world.cohort.id!, viewer: world.pat,
                                                                        now: PortfolioWorld.duringWindow).certificateCode)
        let view = try await world.database.certificate(code: code)
        #expect(view.holderName == "Pat Lee")
        #expect(view.certificate.expiresOn == CalendarDay(view.certificate.issuedOn)!.adding(months: 36).description)
        #expect(view.isValid(on: CalendarDay(view.certificate.expiresOn)!))
        #expect(!view.isValid(on: CalendarDay(view.certificate.expiresOn)!.adding(days: 1)))
        try await world.database.revokeCertificate(code: code, reason: "Plagiarised artifact", viewer: world.admin)
        #expect(!(try await world.database.certificate(code: code).isValid(on: CalendarDay(Date()))))
        await #expect(throws: PortfolioError.certificateNotFound) { try await world.database.certificate(code: "NOPE") }
    }
}
