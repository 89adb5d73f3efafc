/// Why an artifact action was refused.
public enum ArtifactError: UserFacingError, Equatable {
    case artifactNotFound
    case versionNotFound
    case feedbackNotFound
    case notAllowed
    case titleRequired
    case descriptionTooLong
    case indicatorsRequired
    case contentRequired
    case invalidLink
    case fileTooLarge(maximumBytes: Int)
    case fileTypeNotAllowed
    case fileContentMismatch(claimed: String)
    case emptyFile
    case storageUnavailable
    case noteRequired
    case bodyRequired
    case noPeersToAsk
    case notAPeer
    case inPortfolio([String])

    public var message: String {
        switch self {
        case .artifactNotFound: "There is no such artifact."
        case .versionNotFound: "This artifact has no such version."
        case .feedbackNotFound: "There is no such feedback."
        case .notAllowed: "Only the artifact's owner can do this."
        case .titleRequired: "Give the artifact a title of up to 150 characters."
        case .descriptionTooLong: "Keep the description to 20,000 characters."
        case .indicatorsRequired: "Choose at least one indicator the artifact shows."
        case .contentRequired: "Add a file, a link, or both."
        case .invalidLink: "Enter a link starting with https:// (or http://)."
        case .fileTooLarge(let maximum): "The file is larger than \(maximum >> 20) MB. Upload a smaller file, or share a link instead."
        case .fileTypeNotAllowed: "This kind of file is not accepted. Use PDF, an image (PNG, JPEG, GIF, WebP), Word, Excel or PowerPoint, plain text, or a short MP4/WebM video."
        case .fileContentMismatch(let claimed): "The file's name says .\(claimed), but its content is something else. Export it again as a real .\(claimed) file."
        case .emptyFile: "The file is empty."
        case .storageUnavailable: "The file could not be stored. Please try again."
        case .noteRequired: "Say in a few words what changed in this version."
        case .bodyRequired: "Write your feedback first (up to 20,000 characters)."
        case .noPeersToAsk: "There is nobody else in your cohort to ask yet."
        case .notAPeer: "Choose people from your own cohort."
        case .inPortfolio(let codes):
            "Your portfolio links this artifact (\(codes.joined(separator: ", "))), so it cannot be deleted. Link another artifact there first."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .artifactNotFound, .versionNotFound, .feedbackNotFound: .notFound
        case .notAllowed: .forbidden
        case .fileTooLarge: .payloadTooLarge
        case .fileTypeNotAllowed, .fileContentMismatch: .unsupportedType
        case .storageUnavailable, .inPortfolio: .conflict
        default: .invalidInput
        }
    }
}
