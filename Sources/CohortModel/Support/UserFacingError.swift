/// What kind of refusal an error is, so the web layer can pick a status without
/// knowing each error.
public enum RefusalKind: Sendable {
    case invalidInput
    case notFound
    case forbidden
    case conflict
    case gone
    case tooManyAttempts
    case payloadTooLarge
    case unsupportedType
}

/// A domain error with a sentence meant for the person who caused it.
public protocol UserFacingError: Error {
    var message: String { get }
    var kind: RefusalKind { get }
}
