import ArgumentParser
import CohortModel
import Foundation

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.", subcommands: [Add.self, Deactivate.self, Reactivate.self, ResetPassword.self])

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

extension UserCommand {
    /// The options shared by the commands that act on one existing account.
    struct Account: ParsableArguments {
        @OptionGroup var data: DataDirectoryOption
        @Option(help: "The account's email address.") var email: String

        func find(in database: AppDatabase) async throws -> User {
            guard let user = try await database.user(email: email) else {
                throw ValidationError("no account has the address \(email)")
            }
            return user
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close an account: its sessions end, it cannot sign in and gets no mail; what it wrote stays.")
        @OptionGroup var account: Account

        func run() async throws {
            let database = try account.data.openDatabase()
            defer { try? database.close() }
            let user = try await account.find(in: database)
            try await refusalsAsValidation { try await database.deactivate(userId: user.id!, viewer: nil) }
            say("Closed the account of \(user.name) <\(user.email)>")
        }
    }

    struct Reactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a closed account again.")
        @OptionGroup var account: Account

        func run() async throws {
            let database = try account.data.openDatabase()
            defer { try? database.close() }
            let user = try await account.find(in: database)
            try await refusalsAsValidation { try await database.reactivate(userId: user.id!, viewer: nil) }
            say("Opened the account of \(user.name) <\(user.email)> again")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Mail the account a link to choose a new password (sent by the running server).")
        @OptionGroup var account: Account

        func run() async throws {
            let database = try account.data.openDatabase()
            defer { try? database.close() }
            let user = try await account.find(in: database)
            _ = try await refusalsAsValidation { try await database.sendPasswordReset(userId: user.id!, viewer: nil) }
            say("A password reset mail to \(user.email) is queued; the server sends it.")
        }
    }
}

/// A refusal from the model ends the command with its sentence and status 2.
func refusalsAsValidation<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as UserFacingError {
        throw ValidationError(error.message)
    }
}
