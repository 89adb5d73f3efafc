import ArgumentParser
import Foundation

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database with SQLite's online backup (safe while the server runs).")

    @OptionGroup var data: DataDirectoryOption
    @Option(help: "File to write the copy to; must not exist yet.") var to: String

    func run() async throws {
        guard FileManager.default.fileExists(atPath: data.databasePath) else {
            throw ValidationError("there is no database in \(data.path)")
        }
        guard !FileManager.default.fileExists(atPath: to) else {
            throw ValidationError("\(to) already exists; choose a new file")
        }
        let database = try data.openDatabase()
        defer { try? database.close() }
        try database.backup(to: to)
        say("Backed up \(data.databasePath) to \(to)")
    }
}
