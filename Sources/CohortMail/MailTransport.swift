/// Something that can take a message off our hands: a relay, or a folder while developing.
public protocol MailTransport: Sendable {
    /// Delivers one message. Throws ``MailDeliveryError`` only, so a queue can decide between
    /// retrying and giving up without knowing the transport.
    func send(_ message: MailMessage) async throws
}
