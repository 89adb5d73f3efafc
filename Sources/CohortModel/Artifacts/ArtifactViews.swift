import Foundation

/// A file received and accepted by the store, to attach to a version.
public struct ReceivedFile: Sendable {
    public let sha256: String
    public let size: Int
    public let type: FileType
    /// The uploader's name for it, shown as text only.
    public let fileName: String

    public init(sha256: String, size: Int, type: FileType, fileName: String) {
        self.sha256 = sha256
        self.size = size
        self.type = type
        self.fileName = fileName
    }
}

/// An indicator with its standard, for tagging and display.
public struct IndicatorChoice: Sendable {
    public let id: Int64
    public let code: String
    public let title: String
    public let standardName: String
}

/// An artifact as a gallery lists it.
public struct ArtifactSummary: Sendable {
    public let artifact: Artifact
    public let ownerName: String
    public let indicatorCodes: [String]
    public let openFeedback: Int
    public let addressedFeedback: Int
    public let openRequests: Int
}

public struct VersionRow: Sendable {
    public let version: ArtifactVersion
    public let file: StoredFile?
    public var fileType: FileType? { file.flatMap { file in FileType.allCases.first { $0.contentType == file.contentType } } }
}

public struct FeedbackRow: Sendable {
    public let feedback: Feedback
    public let authorName: String
    public let indicatorCode: String?
    public let depth: Int
    public let abilities: FeedbackAbilities
}

public struct RequestRow: Sendable {
    public let peerName: String
    public let responded: Bool
}

/// Everything the artifact page shows.
public struct ArtifactView: Sendable {
    public let artifact: Artifact
    public let ownerName: String
    public let indicators: [IndicatorChoice]
    /// Newest first.
    public let versions: [VersionRow]
    public let shown: VersionRow
    public let feedback: [FeedbackRow]
    public let requests: [RequestRow]
    public let abilities: ArtifactAbilities
    /// Cohort members the owner may ask for feedback.
    public let peers: [CohortMember]
    /// On the latest version: feedback on earlier versions not yet addressed, so a new
    /// version does not bury what is still to do.
    public let earlierOpen: [EarlierFeedback]
}

public struct EarlierFeedback: Sendable {
    public let versionNumber: Int
    public let row: FeedbackRow
}
