import Foundation
import GRDB
import Testing
@testable import CohortModel

/// `cohort seed` must give the benchmark pages real work: readable threads, artifacts with
/// feedback, and a queue of submitted portfolios evaluators can claim.
@Suite struct BenchSeedTests {
    @Test func theSeedHasArtifactsWithFeedbackAndAQueueOfSubmittedPortfolios() async throws {
        let database = try makeDatabase()
        let seed = BenchSeed(cohorts: 2, members: 40, threads: 4, posts: 200, artifacts: 60, portfolios: 5)
        let thread = try await seed.seed(into: database, passwordHash: testPasswordHash)
        let counts = try await database.reader.read { db in
            try ["artifact", "feedback", "portfolio", "submission", "submissionItem", "portfolioEntry", "post"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")!
            }
        }
        #expect(counts == [60, 180, 5, 5, 5 * 25, 5 * 24, 200])

        let bench = try await database.viewer(userId: try #require(await database.user(email: BenchSeed.benchEmail)).id!)
        #expect(try await database.thread(id: thread, viewer: bench).posts.count == 100)
        let artifact = try await database.artifactView(id: 1, viewer: bench)
        #expect(artifact.artifact.ownerId == bench.id)

        let evaluator = try await database.viewer(userId: try #require(await database.user(email: BenchSeed.evaluatorEmail)).id!)
        let claimed = try await database.claimNext(viewer: evaluator)
        let portfolio = try await database.reader.read { db in
            try Row.fetchOne(db, sql: "SELECT state FROM portfolio WHERE id = ?", arguments: [claimed.portfolioId])
        }
        #expect(portfolio?["state"] == "inReview")
    }
}
