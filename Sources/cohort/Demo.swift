import ArgumentParser
import CohortModel
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo cohort into an empty database.")

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
        let database = try data.openDatabase()
        defer { try? database.close() }
        guard try await database.loadDemo(passwordHash: Password.hash(DemoData.password)) else {
            throw ValidationError("the database in \(data.path) already has people in it; the demo loads only into an empty one")
        }
        DemoAccounts.print()
    }
}

enum DemoAccounts {
    static func print() {
        say("Demo data loaded. Every demo account's password is: \(DemoData.password)")
        for account in DemoData.accounts {
            say("  \(account.role.title.padding(toLength: 12, withPad: " ", startingAt: 0)) \(account.email)  (\(account.name))")
        }
    }
}
