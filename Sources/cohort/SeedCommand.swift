import ArgumentParser
import CohortModel
import CohortURLs
import Foundation

/// Fills an empty database with benchmark-sized data (see bench/).
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill an empty database with benchmark data (cohorts, members, threads, posts, artifacts, portfolios).")

    @OptionGroup var data: DataDirectoryOption
    @Option var cohorts = 50
    @Option var members = 2_500
    @Option var threads = 5_000
    @Option var posts = 100_000
    @Option var artifacts = 10_000
    @Option(help: "Submitted portfolios waiting for review; their owners get ten artifacts each.") var portfolios = 500

    func validate() throws {
        guard cohorts > 0, members >= cohorts, threads >= cohorts, posts >= threads + 99 else {
            throw ValidationError("need cohorts > 0, members >= cohorts, threads >= cohorts and posts >= threads + 99")
        }
        guard portfolios >= 0, portfolios < members, artifacts >= 1 + 10 * portfolios else {
            throw ValidationError("need 0 <= portfolios < members and artifacts >= 1 + 10 x portfolios")
        }
    }

    func run() async throws {
        let database = try data.openDatabase()
        defer { try? database.close() }
        guard try await database.isEmpty() else { throw ValidationError("the database in \(data.path) is not empty") }
        let started = Date()
        let seed = BenchSeed(cohorts: cohorts, members: members, threads: threads, posts: posts, artifacts: artifacts,
                             portfolios: portfolios)
        let thread = try await seed.seed(into: database, passwordHash: Password.hash(DemoData.password))
        say("Seeded \(cohorts) cohorts, \(members) members, \(threads) threads, \(posts) posts, \(artifacts) artifacts, \(portfolios) portfolios in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        say("Bench account: \(BenchSeed.benchEmail) / \(DemoData.password); 100-post thread: \(SiteURL.thread.path(thread)); its artifact: \(SiteURL.artifact.path(1))")
        say("Evaluators: \(BenchSeed.evaluatorEmail) and evaluator2...\(BenchSeed.evaluators)@bench.example.org, same password")
    }
}
