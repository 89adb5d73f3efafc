import Foundation
import GRDB

/// A received file is moved into the store before the row that refers to it is written.
/// When that row never comes (the form is refused, the client goes away, the server is
/// killed), the file must not stay behind.
extension AppDatabase {
    /// Removes an upload no row refers to, after its form was refused. Done inside a
    /// write so that it cannot interleave with a transaction saving the same content.
    public func discardUnreferencedUpload(sha256: String, store: FileStore) async {
        try? await writer.write { db in
            let referenced = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM storedFile WHERE sha256 = ?)",
                                               arguments: [sha256]) ?? true
            if !referenced { try? FileManager.default.removeItem(atPath: store.path(forSHA256: sha256)) }
        }
    }

    /// Removes every stored file no row refers to, and half-received ones: what requests
    /// cut short by a crash left. Run before serving. Returns how many files went.
    @discardableResult
    public func removeUnreferencedUploads(store: FileStore) async throws -> Int {
        store.removeLeftovers()
        let known = Set(try await reader.read { db in try String.fetchAll(db, sql: "SELECT sha256 FROM storedFile") })
        let manager = FileManager.default
        var removed = 0
        for folder in (try? manager.contentsOfDirectory(atPath: store.root)) ?? [] where folder.count == 2 {
            for name in (try? manager.contentsOfDirectory(atPath: store.root + "/" + folder)) ?? [] where !known.contains(name) {
                try? manager.removeItem(atPath: store.path(forSHA256: name))
                removed += 1
            }
        }
        return removed
    }
}
