import Foundation
import GRDB

/// A piece of evidence an educator made, tagged with the indicators it shows.
public struct Artifact: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "artifact"

    public var id: Int64?
    public var ownerId: Int64
    public var cohortId: Int64
    public var title: String
    public var descriptionSource: String
    public var descriptionHTML: String
    public var latestVersion: Int
    public var createdAt: Date
    public var updatedAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One version of an artifact's content: a stored file, a link, or both.
public struct ArtifactVersion: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "artifactVersion"

    public var id: Int64?
    public var artifactId: Int64
    public var number: Int
    public var note: String
    public var storedFileId: Int64?
    /// The uploader's file name, kept as display text only.
    public var fileName: String?
    public var link: String?
    public var createdAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A file in the upload store, named by the SHA-256 of its content.
public struct StoredFile: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "storedFile"

    public var id: Int64?
    public var sha256: String
    public var size: Int64
    public var contentType: String
    public var createdAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A comment on one version of an artifact, optionally about one indicator.
public struct Feedback: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "feedback"

    public var id: Int64?
    public var versionId: Int64
    public var authorId: Int64
    public var parentId: Int64?
    public var indicatorId: Int64?
    public var source: String
    public var html: String
    public var createdAt: Date
    public var addressedAt: Date?
    public var hiddenAt: Date?
    public var hiddenReason: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
