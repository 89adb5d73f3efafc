import ArgumentParser
import CohortModel
import Foundation

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from standard input.")

        @OptionGroup var data: DataDirectoryOption
        @Option var email: String
        @Option var name: String
        @Option(help: "educator, facilitator, evaluator or admin") var role: Role

        func run() async throws {
            guard let line = readLine(strippingNewline: true) else {
                throw ValidationError("give the password on standard input")
            }
            do {
                try Password.validate(line)
            } catch {
                throw ValidationError(error.message)
            }
            let database = try data.openDatabase()
            defer { try? database.close() }
            do {
                let user = try await database.addUser(email: email, name: name, role: role,
                                                      passwordHash: Password.hash(line))
                say("Added \(user.role.title.lowercased()) \(user.name) <\(user.email)>")
            } catch let error as UserFacingError {
                throw ValidationError(error.message)
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
