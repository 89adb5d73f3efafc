import Crypto
import Foundation

/// Uploads on disk under the data directory, named by the SHA-256 of their content
/// (the same file twice is stored once; a user's file name never reaches the disk).
/// An upload is written to a temporary file while it arrives and moved into place
/// only when complete and accepted; anything else removes it.
public struct FileStore: Sendable {
    public let root: String
    public let maximumBytes: Int

    public init(root: String, maximumBytes: Int = 25 << 20) {
        self.root = root
        self.maximumBytes = maximumBytes
    }

    public func path(forSHA256 hash: String) -> String {
        "\(root)/\(hash.prefix(2))/\(hash)"
    }

    /// Starts receiving a file.
    public func beginUpload() throws -> Upload {
        let temporary = root + "/incoming"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let path = "\(temporary)/\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw ArtifactError.storageUnavailable }
        return Upload(store: self, path: path, handle: handle)
    }

    /// Removes half-written uploads left by a crash.
    public func removeLeftovers() {
        try? FileManager.default.removeItem(atPath: root + "/incoming")
    }

    /// A file being received. Not shared between tasks.
    public final class Upload {
        let store: FileStore
        let path: String
        private let handle: FileHandle
        private var hasher = SHA256()
        private var head: [UInt8] = []
        public private(set) var size = 0
        private var closed = false

        init(store: FileStore, path: String, handle: FileHandle) {
            self.store = store
            self.path = path
            self.handle = handle
        }

        deinit {
            if !closed { discard() }
        }

        /// Appends bytes; throws once the file passes the size limit.
        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            size += bytes.count
            guard size <= store.maximumBytes else { throw ArtifactError.fileTooLarge(maximumBytes: store.maximumBytes) }
            if head.count < 512 { head += bytes.prefix(512 - head.count) }
            hasher.update(bufferPointer: bytes)
            try handle.write(contentsOf: bytes)
        }

        /// Checks the file against the name it came with and moves it into the store.
        public func finish(fileName: String) throws -> (sha256: String, size: Int, type: FileType) {
            defer { discard() }
            guard size > 0 else { throw ArtifactError.emptyFile }
            guard let type = FileType.claimed(byName: fileName) else { throw ArtifactError.fileTypeNotAllowed }
            guard type.matches(head: head) else { throw ArtifactError.fileContentMismatch(claimed: type.rawValue) }
            try handle.close()
            closed = true
            let hash = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            let target = store.path(forSHA256: hash)
            let manager = FileManager.default
            if manager.fileExists(atPath: target) {
                try? manager.removeItem(atPath: path)
            } else {
                try manager.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                            withIntermediateDirectories: true)
                try manager.moveItem(atPath: path, toPath: target)
            }
            return (hash, size, type)
        }

        /// Throws the upload away (too large, refused, or the client went away).
        public func discard() {
            if !closed {
                try? handle.close()
                closed = true
            }
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
