/// Why a mail or account action was refused.
public enum MailError: UserFacingError, Equatable {
    case notAllowed
    case messageNotFound
    case linkNotFound
    case linkExpired
    case linkUsed
    case unknownTopic
    case unknownDelivery

    public var message: String {
        switch self {
        case .notAllowed: "Only admins can do that."
        case .messageNotFound: "There is no such mail."
        case .linkNotFound: "This link is not valid. It may have been copied only in part; open it from the mail again."
        case .linkExpired: "This link has expired. Ask for a new one."
        case .linkUsed: "This link has already been used. Ask for a new one if you still need it."
        case .unknownTopic: "That kind of mail does not exist."
        case .unknownDelivery: "Choose one of the options offered."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .notAllowed: .forbidden
        case .messageNotFound, .linkNotFound, .unknownTopic: .notFound
        case .linkExpired, .linkUsed: .gone
        case .unknownDelivery: .invalidInput
        }
    }
}
