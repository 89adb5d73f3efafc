import ArgumentParser
import CohortModel
import Foundation

/// The folder that holds everything that must survive: the database, uploads and
/// generated certificates.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Folder for the database, uploads and certificates.")
    var path: String = "./data"

    var databasePath: String { path + "/cohort.sqlite" }

    /// Creates the folder if needed; refuses a path that is a file or not writable.
    func prepare() throws -> String {
        var isDirectory: ObjCBool = false
        let manager = FileManager.default
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("--data-dir \(path) is a file, not a folder") }
        } else {
            do {
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("cannot create --data-dir \(path)")
            }
        }
        guard manager.isWritableFile(atPath: path) else { throw ValidationError("--data-dir \(path) is not writable") }
        return path
    }

    func openDatabase() throws -> AppDatabase {
        _ = try prepare()
        do {
            return try AppDatabase.open(path: databasePath)
        } catch {
            throw ValidationError("cannot open the database in \(path): \(error)")
        }
    }
}
