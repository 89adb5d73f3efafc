import Foundation

/// One message to one recipient, as the application composes it; ``rendered()`` turns it into
/// what goes over the wire.
public struct MailMessage: Sendable {
    /// Without angle brackets, e.g. `42.k3j4h@cohort.localhost`. Kept the same when a delivery is
    /// retried, so the recipient's mail program and the development mailbox see one message.
    public var messageID: String
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var date: Date
    public var textBody: String
    /// When set, the message is multipart/alternative: the text first, then this HTML.
    public var htmlBody: String?
    /// When any, the message is multipart/mixed: the body part first, then these.
    public var attachments: [MailAttachment]
    /// Extra headers such as List-Unsubscribe or Auto-Submitted. Headers the message writes
    /// itself (From, To, Subject, Date, Message-ID, MIME-Version, Content-*) are ignored here,
    /// because a second From or Content-Type would be read differently by different programs.
    public var headers: [(name: String, value: String)]

    public init(
        messageID: String,
        from: MailAddress,
        to: MailAddress,
        subject: String,
        date: Date = Date(),
        textBody: String,
        htmlBody: String? = nil,
        attachments: [MailAttachment] = [],
        headers: [(name: String, value: String)] = []
    ) {
        self.messageID = messageID
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
        self.headers = headers
    }
}
