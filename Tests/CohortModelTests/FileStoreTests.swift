import Foundation
import Testing
@testable import CohortModel

@Suite struct FileStoreTests {
    func store(limit: Int = 1 << 20) throws -> FileStore {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-files-\(UUID())").path
        return FileStore(root: root, maximumBytes: limit)
    }

    func receive(_ bytes: [UInt8], as name: String, into store: FileStore) throws -> (sha256: String, size: Int, type: FileType) {
        let upload = try store.beginUpload()
        try bytes.withUnsafeBytes { try upload.write($0) }
        return try upload.finish(fileName: name)
    }

    func leftovers(_ store: FileStore) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: store.root + "/incoming")) ?? []
    }

    @Test func aFileIsStoredOnceByItsContentHash() throws {
        let store = try store()
        let pdf = Array("%PDF-1.7\n...".utf8)
        let first = try receive(pdf, as: "plan.pdf", into: store)
        let again = try receive(pdf, as: "copy of plan.PDF", into: store)
        #expect(first.sha256 == again.sha256)
        #expect(first.type == .pdf)
        #expect(FileManager.default.fileExists(atPath: store.path(forSHA256: first.sha256)))
        #expect(leftovers(store).isEmpty)
    }

    @Test func contentMustMatchTheNameAndTheAllowList() throws {
        let store = try store()
        #expect(throws: ArtifactError.fileContentMismatch(claimed: "pdf")) {
            try receive(Array("<!DOCTYPE html><script>alert(1)</script>".utf8), as: "report.pdf", into: store)
        }
        #expect(throws: ArtifactError.fileTypeNotAllowed) { try receive(Array("MZ...".utf8), as: "setup.exe", into: store) }
        #expect(throws: ArtifactError.fileTypeNotAllowed) { try receive(Array("x".utf8), as: "noextension", into: store) }
        #expect(throws: ArtifactError.fileContentMismatch(claimed: "text")) {
            try receive(Array("<html><body>hi</body></html>".utf8), as: "notes.txt", into: store)
        }
        #expect(throws: ArtifactError.emptyFile) { try receive([], as: "empty.txt", into: store) }
        #expect(try receive([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], as: "chart.png", into: store).type == .png)
        #expect(try receive(Array("Plain notes, ünïcode.".utf8), as: "notes.txt", into: store).type == .text)
        #expect(leftovers(store).isEmpty)
    }

    @Test func aTooLargeOrAbandonedUploadLeavesNothingBehind() throws {
        let store = try store(limit: 1000)
        let upload = try store.beginUpload()
        let chunk = [UInt8](repeating: 65, count: 600)
        try chunk.withUnsafeBytes { try upload.write($0) }
        #expect(throws: ArtifactError.fileTooLarge(maximumBytes: 1000)) { try chunk.withUnsafeBytes { try upload.write($0) } }
        upload.discard()
        #expect(leftovers(store).isEmpty)
        do {
            let abandoned = try store.beginUpload()
            try chunk.withUnsafeBytes { try abandoned.write($0) }
        }  // dropped without finishing, as when the client goes away
        #expect(leftovers(store).isEmpty)
    }

    @Test func displayNamesKeepOnlyTheLastPartAndNoControlCharacters() {
        #expect(AppDatabase.displayName("../../etc/passwd") == "passwd")
        #expect(AppDatabase.displayName("C:\\Users\\a\\plan.pdf") == "plan.pdf")
        #expect(AppDatabase.displayName("evil\u{0}\r\nname.pdf") == "evilname.pdf")
        #expect(AppDatabase.displayName("/") == "file")
    }

    /// A crash between moving a file into place and writing its row leaves a file nobody
    /// refers to; starting the server removes it and keeps every file a row refers to.
    @Test func filesNoRowRefersToAreRemovedAtStartAndOthersKept() async throws {
        let store = try store()
        let database = try makeDatabase()
        let kept = try receive(Array("%PDF-1.7\nkept".utf8), as: "kept.pdf", into: store)
        let orphan = try receive(Array("%PDF-1.7\norphan".utf8), as: "orphan.pdf", into: store)
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO storedFile (sha256, size, contentType, createdAt) VALUES (?, ?, 'application/pdf', ?)",
                           arguments: [kept.sha256, kept.size, Date()])
        }
        let upload = try store.beginUpload()  // half received when the server died
        try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try upload.write($0) }
        #expect(try await database.removeUnreferencedUploads(store: store) == 1)
        #expect(FileManager.default.fileExists(atPath: store.path(forSHA256: kept.sha256)))
        #expect(!FileManager.default.fileExists(atPath: store.path(forSHA256: orphan.sha256)))
        #expect(leftovers(store).isEmpty)
        await database.discardUnreferencedUpload(sha256: kept.sha256, store: store)
        #expect(FileManager.default.fileExists(atPath: store.path(forSHA256: kept.sha256)))
    }
}
