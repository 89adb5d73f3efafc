import NIOCore
import NIOPosix
import NIOSSL

/// Sorts the errors that are not already a relay's answer into retry-later and give-up, with a
/// sentence an admin can act on.
struct SMTPFailureClassifier {
    let settings: SMTPSettings

    func classify(_ error: any Error) -> MailDeliveryError {
        let relay = "\(settings.host):\(settings.port)"
        switch error {
        case SMTPStepFailure.timedOut(let step):
            return .temporary("The relay \(relay) did not answer within \(settings.timeout) (waiting for \(step)).")
        case SMTPStepFailure.closed(let step):
            return .temporary("The relay \(relay) closed the connection (waiting for \(step)).")
        case SMTPStepFailure.malformedReply(let step, let line):
            return .temporary("The relay \(relay) sent something that is not an SMTP reply (waiting for \(step)): \(line)")
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return .permanent(
                "The relay \(relay)'s certificate is not for \(settings.host): a misconfiguration of the relay or of the mail URL (\(error)).")
        case NIOSSLError.handshakeFailed(let reason) where "\(reason)".contains("CERTIFICATE_VERIFY_FAILED"):
            return .permanent(
                "The relay \(relay)'s certificate could not be verified: a misconfiguration of the relay or of the trusted roots (\(reason)).")
        case let error as NIOSSLError:
            return .temporary("The TLS connection to \(relay) failed: \(error).")
        case ChannelError.connectTimeout:
            return .temporary("Could not connect to the relay \(relay) within \(settings.timeout).")
        case let error as NIOConnectionError:
            return .temporary("Could not connect to the relay \(relay): \(Self.describe(error)).")
        case is CancellationError:
            return .temporary("Sending to \(relay) was cancelled.")
        default:
            return .temporary("The connection to the relay \(relay) failed: \(error).")
        }
    }

    /// NIOConnectionError's own description lists every field; the per-address errors are what
    /// says "connection refused".
    private static func describe(_ error: NIOConnectionError) -> String {
        let attempts = error.connectionErrors.map { "\($0.target): \($0.error)" }
        if !attempts.isEmpty { return attempts.joined(separator: "; ") }
        if let dns = error.dnsAAAAError ?? error.dnsAError { return "the name did not resolve (\(dns))" }
        return "\(error)"
    }
}
