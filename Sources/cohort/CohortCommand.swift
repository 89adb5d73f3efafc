import ArgumentParser
import Foundation

/// `cohort`: serve the site and look after its data.
@main
struct CohortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "A learning community for certification cohorts.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, RosterCommand.self, Backup.self, SeedCommand.self,
                      RoutesCommand.self],
        defaultSubcommand: nil)

    /// Any failure is one line on standard error and exit code 2; help exits 0.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
                .split(separator: "\n").first.map(String.init) ?? "failed"
            FileHandle.standardError.write(Data("cohort: \(message)\n".utf8))
            Foundation.exit(2)
        }
    }
}
