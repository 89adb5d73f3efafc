/// Why an account action was refused.
public enum AccountError: UserFacingError, Equatable {
    case invalidEmail
    case invalidName
    case passwordTooShort(minimum: Int)
    case passwordTooLong(maximum: Int)
    case passwordsDoNotMatch
    case wrongCurrentPassword
    case emailTaken
    case setupAlreadyDone
    case invitationNotFound
    case invitationExpired
    case invitationUsed
    case userNotFound
    case accountClosed
    case sameEmail
    case lastAdmin
    case notAllowed

    public var message: String {
        switch self {
        case .invalidEmail: "Enter an email address like name@school.org."
        case .invalidName: "Enter a name of 1 to 120 characters."
        case .passwordTooShort(let minimum): "Choose a password of at least \(minimum) characters."
        case .passwordTooLong(let maximum): "Choose a password of at most \(maximum) characters."
        case .passwordsDoNotMatch: "The two passwords do not match."
        case .wrongCurrentPassword: "Your current password is not right."
        case .emailTaken: "Someone already has an account with that email address."
        case .setupAlreadyDone: "This site is already set up. Sign in instead."
        case .invitationNotFound: "This invitation link is not valid. Ask your admin for a new one."
        case .invitationExpired: "This invitation has expired. Ask your admin for a new one."
        case .invitationUsed: "This invitation has already been used. Sign in instead."
        case .userNotFound: "There is no such person."
        case .accountClosed: "This account is closed. Ask your programme admin if you need it again."
        case .sameEmail: "That is already your address."
        case .lastAdmin: "This is the only admin account; make someone else an admin first."
        case .notAllowed: "Only admins can do that."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .invalidEmail, .invalidName, .passwordTooShort, .passwordTooLong, .passwordsDoNotMatch,
            .wrongCurrentPassword, .sameEmail:
            .invalidInput
        case .emailTaken, .setupAlreadyDone, .lastAdmin: .conflict
        case .accountClosed, .notAllowed: .forbidden
        case .invitationNotFound, .userNotFound: .notFound
        case .invitationExpired, .invitationUsed: .gone
        }
    }
}
