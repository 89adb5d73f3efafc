/// Why a message was not delivered, in the two kinds a mail queue acts on.
///
/// The string is the relay's own answer (`451 4.3.0 ...`) or a sentence saying what went wrong
/// locally, so an admin page can show it as it is.
public enum MailDeliveryError: Error, Sendable, Equatable {
    /// Worth retrying later: the relay said 4xx, the network failed, or a step timed out.
    case temporary(String)
    /// Retrying will not help until someone changes something: the relay said 5xx, refused the
    /// credentials or the certificate, or the settings forbid sending this way.
    case permanent(String)

    public var reason: String {
        switch self {
        case .temporary(let reason), .permanent(let reason): reason
        }
    }
}
