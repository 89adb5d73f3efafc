import ArgumentParser

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema.")

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
        let database = try data.openDatabase()
        try database.close()
        say("Database is up to date: \(data.databasePath)")
    }
}
